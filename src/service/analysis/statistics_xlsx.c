/*
 * statistics_xlsx.c: a statistic's figures as an xlsx workbook (see
 * statistics.h). Each statistic names its tables: which array of its
 * answer makes a sheet, and which members make the columns, with their
 * headers in 中文 and English and how each cell is written — money in
 * yuan with two decimals from its _fen member, shares as percentages,
 * enum values (segment, source, grade, nature) by their labels. The
 * tables are small (at most a few hundred rows), so the workbook is
 * written in the ordinary mode.
 */
#include "service/analysis/statistics.h"

#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "service/field_labels.h"
#include "base/banned.h"

enum kind { TEXT, INT, MONEY, SHARE, REAL, LABEL };

struct col {
	const char *key, *en, *zh;
	enum kind kind;
	const char *field; /* LABEL: the customer enum field */
};

struct sheet {
	const char *member; /* the array (an object: one row); NULL: the answer, one row */
	const char *en, *zh;
	const struct col *cols;
};

#define END {NULL, NULL, NULL, TEXT, NULL}

static const struct col dist_grade[] = {{"value", "Grade", "客户等级", LABEL, "grade"},
					{"count", "Customers", "客户数", INT, NULL},
					{"share", "Share", "占比", SHARE, NULL}, END};
static const struct col dist_segment[] = {{"value", "Segment", "行业", LABEL, "segment"},
					  {"count", "Customers", "客户数", INT, NULL},
					  {"share", "Share", "占比", SHARE, NULL}, END};
static const struct col dist_nature[] = {{"value", "Nature", "性质", LABEL, "nature"},
					 {"count", "Customers", "客户数", INT, NULL},
					 {"share", "Share", "占比", SHARE, NULL}, END};
static const struct col abc[] = {{"class", "Class", "类别", TEXT, NULL},
				 {"count", "Customers", "客户数", INT, NULL},
				 {"share", "Share of customers", "客户占比", SHARE, NULL},
				 {"value", "Value (yuan)", "价值（元）", MONEY, NULL},
				 {"value_share", "Share of value", "价值占比", SHARE, NULL}, END};
static const struct col tiers[] = {{"tier", "Tier", "价值层级", TEXT, NULL},
				   {"count", "Customers", "客户数", INT, NULL},
				   {"share", "Share", "占比", SHARE, NULL},
				   {"revenue", "Revenue (yuan)", "营收（元）", MONEY, NULL}, END};
static const struct col stages[] = {{"stage", "Stage", "阶段", TEXT, NULL},
				    {"count", "Customers", "客户数", INT, NULL},
				    {"share", "Share", "占比", SHARE, NULL}, END};
static const struct col brand[] = {{"value", "Brand loyalty", "品牌忠诚度", TEXT, NULL},
				   {"count", "Customers", "客户数", INT, NULL}, END};
static const struct col cohorts[] = {{"cohort", "Cohort", "首单年份", TEXT, NULL},
				     {"size", "Customers", "客户数", INT, NULL}, END};
static const struct col profit_sum[] = {
	{"customers", "Customers", "客户数", INT, NULL},
	{"revenue_12m", "Revenue, 12 months (yuan)", "近12个月营收（元）", MONEY, NULL},
	{"profit_12m", "Gross profit, 12 months (yuan)", "近12个月毛利（元）", MONEY, NULL},
	{"net_profit_12m", "Net profit, 12 months (yuan)", "近12个月净利润（元）", MONEY, NULL},
	{"net_margin", "Net margin", "净利率", SHARE, NULL},
	{"net_profit_per_customer", "Net profit per customer (yuan)", "客均净利润（元）", MONEY, NULL},
	{"loss_making", "Loss-making customers", "亏损客户数", INT, NULL}, END};
static const struct col customers[] = {
	{"customer_id", "Customer ID", "客户编号", INT, NULL},
	{"name", "Customer", "客户", TEXT, NULL},
	{"revenue_12m", "Revenue, 12 months (yuan)", "近12个月营收（元）", MONEY, NULL},
	{"profit_12m", "Gross profit, 12 months (yuan)", "近12个月毛利（元）", MONEY, NULL},
	{"net_profit_12m", "Net profit, 12 months (yuan)", "近12个月净利润（元）", MONEY, NULL}, END};
#define SALES(label_en, label_zh)                                                      \
	{{"key", label_en, label_zh, TEXT, NULL},                                      \
	 {"orders", "Orders", "订单数", INT, NULL},                                      \
	 {"customers", "Customers", "客户数", INT, NULL},                                \
	 {"revenue", "Revenue (yuan)", "销售额（元）", MONEY, NULL},                     \
	 {"profit", "Gross profit (yuan)", "毛利（元）", MONEY, NULL},                    \
	 {"share", "Share of revenue", "销售额占比", SHARE, NULL}, END}
static const struct col by_category[] = SALES("Product category", "产品类别");
static const struct col by_channel[] = SALES("Channel", "渠道");
static const struct col by_region[] = SALES("Region", "地区");
static const struct col acquisition[] = {
	{"month", "Month", "月份", TEXT, NULL},
	{"new_records", "New customer records", "新建客户数", INT, NULL},
	{"first_orders", "First orders (acquired)", "首单客户数（新获客）", INT, NULL}, END};
static const struct col by_segment[] = {{"month", "Month", "月份", TEXT, NULL},
					{"value", "Segment", "行业", LABEL, "segment"},
					{"customers", "Customers at month end", "月末客户数", INT, NULL},
					END};
static const struct col by_source[] = {{"month", "Month", "月份", TEXT, NULL},
				       {"value", "Source", "来源", LABEL, "source"},
				       {"customers", "Customers at month end", "月末客户数", INT, NULL},
				       END};
static const struct col pairs[] = {
	{"a", "Product A", "产品 A", TEXT, NULL},
	{"a_code", "Code A", "编码 A", TEXT, NULL},
	{"b", "Product B", "产品 B", TEXT, NULL},
	{"b_code", "Code B", "编码 B", TEXT, NULL},
	{"orders", "Orders with both", "同时购买的订单数", INT, NULL},
	{"orders_a", "Orders with A", "含 A 的订单数", INT, NULL},
	{"orders_b", "Orders with B", "含 B 的订单数", INT, NULL},
	{"support", "Support", "支持度", SHARE, NULL},
	{"confidence_ab", "Confidence A→B", "置信度 A→B", SHARE, NULL},
	{"confidence_ba", "Confidence B→A", "置信度 B→A", SHARE, NULL},
	{"lift", "Lift", "提升度", REAL, NULL}, END};
#define MAIL_COUNTS                                                          \
	{"sent", "Sent", "发送数", INT, NULL},                                 \
	{"opened", "Opened", "打开数", INT, NULL},                             \
	{"clicked", "Clicked", "点击数", INT, NULL},                           \
	{"unsubscribed", "Unsubscribed", "退订数", INT, NULL},                 \
	{"open_rate", "Open rate", "打开率", SHARE, NULL},                     \
	{"click_rate", "Click rate", "点击率", SHARE, NULL},                   \
	{"unsubscribe_rate", "Unsubscribe rate", "退订率", SHARE, NULL}
static const struct col mail_totals[] = {MAIL_COUNTS, END};
static const struct col mail_campaigns[] = {{"campaign_id", "Campaign ID", "活动编号", INT, NULL},
					    {"name", "Campaign", "活动", TEXT, NULL},
					    {"kind", "Kind", "类型", TEXT, NULL},
					    {"purpose", "Purpose", "目的", TEXT, NULL},
					    MAIL_COUNTS,
					    END};
static const struct col mail_segments[] = {{"segment", "Segment", "行业", LABEL, "segment"},
					   MAIL_COUNTS, END};

#define SHEETS_END {NULL, NULL, NULL, NULL}
static const struct sheet profiling[] = {{"grade", "Grade", "客户等级", dist_grade},
					 {"segment", "Segment", "行业", dist_segment},
					 {"nature", "Nature", "企业性质", dist_nature},
					 {"abc", "ABC", "ABC 分类", abc},
					 {"grid", "Value grid", "价值网格", tiers}, SHEETS_END};
static const struct sheet persistency[] = {{"lifecycle", "Lifecycle", "生命周期", stages},
					   {"loyalty", "Loyalty", "忠诚度", stages},
					   {"brand_loyalty", "Brand loyalty", "品牌忠诚度", brand},
					   {"cohorts", "Cohorts", "首单同期群", cohorts}, SHEETS_END};
static const struct sheet profitability[] = {
	{NULL, "Summary", "汇总", profit_sum},
	{"top", "Most profitable", "净利润最高", customers},
	{"bottom", "Loss-making", "亏损客户", customers},
	{"abc", "ABC by net profit", "按净利润 ABC", abc}, SHEETS_END};
static const struct sheet perf_category[] = {{"rows", "By category", "按产品类别", by_category},
					     SHEETS_END};
static const struct sheet perf_channel[] = {{"rows", "By channel", "按渠道", by_channel},
					    SHEETS_END};
static const struct sheet perf_region[] = {{"rows", "By region", "按地区", by_region},
					   SHEETS_END};
static const struct sheet prospecting[] = {{"acquisition", "Acquisition", "新获客", acquisition},
					   {"by_segment", "By segment", "按行业", by_segment},
					   {"by_source", "By source", "按来源", by_source}, SHEETS_END};
static const struct sheet product[] = {{"pairs", "Bought together", "关联购买", pairs},
				       SHEETS_END};
static const struct sheet promotion[] = {{"totals", "Summary", "汇总", mail_totals},
					 {"by_campaign", "By campaign", "按活动", mail_campaigns},
					 {"by_segment", "By segment", "按行业", mail_segments},
					 SHEETS_END};

static const struct sheet *sheets_of(const char *name, const json_t *stat)
{
	const char *group = json_string_value(json_object_get(stat, "group"));

	if (strcmp(name, "profiling") == 0)
		return profiling;
	if (strcmp(name, "persistency") == 0)
		return persistency;
	if (strcmp(name, "profitability") == 0)
		return profitability;
	if (strcmp(name, "performance") == 0)
		return group && strcmp(group, "channel") == 0  ? perf_channel
		       : group && strcmp(group, "region") == 0 ? perf_region
							       : perf_category;
	if (strcmp(name, "prospecting") == 0)
		return prospecting;
	if (strcmp(name, "product") == 0)
		return product;
	if (strcmp(name, "promotion") == 0)
		return promotion;
	return NULL;
}

struct formats {
	lxw_format *header, *money, *share, *real;
};

static lxw_error write_cell(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const struct col *c,
			    json_t *item, const struct formats *f, bool zh)
{
	char fen[64];
	json_t *v = json_object_get(item, c->key);

	switch (c->kind) {
	case MONEY:
		snprintf(fen, sizeof(fen), "%s_fen", c->key);
		v = json_object_get(item, fen);
		return json_is_integer(v)
			       ? worksheet_write_number(ws, row, col,
							(double)json_integer_value(v) / 100.0, f->money)
			       : LXW_NO_ERROR;
	case INT:
	case SHARE:
	case REAL:
		if (!json_is_number(v))
			return LXW_NO_ERROR;
		return worksheet_write_number(ws, row, col, json_number_value(v),
					      c->kind == SHARE  ? f->share
					      : c->kind == REAL ? f->real
								: NULL);
	case LABEL:
		if (json_is_null(v) || !v)
			return worksheet_write_string(ws, row, col, zh ? "（无）" : "(none)", NULL);
		return worksheet_write_string(ws, row, col,
					      kh_enum_label("customer", c->field,
							    json_string_value(v), zh),
					      NULL);
	case TEXT:
		if (json_is_string(v))
			return worksheet_write_string(ws, row, col, json_string_value(v), NULL);
		if (json_is_integer(v)) {
			snprintf(fen, sizeof(fen), "%lld", (long long)json_integer_value(v));
			return worksheet_write_string(ws, row, col, fen, NULL);
		}
		return worksheet_write_string(ws, row, col, zh ? "（无）" : "(none)", NULL);
	}
	return LXW_NO_ERROR;
}

static lxw_error write_sheet(lxw_workbook *wb, const struct sheet *s, const json_t *stat,
			     const struct formats *f, bool zh)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, zh ? s->zh : s->en);
	json_t *rows = s->member ? json_object_get(stat, s->member) : NULL, *item;
	lxw_error e = LXW_NO_ERROR;
	size_t i, ncols = 0;

	if (!ws)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	while (s->cols[ncols].key)
		ncols++;
	for (size_t c = 0; e == LXW_NO_ERROR && c < ncols; c++) {
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, c == 0 ? 22 : 16, NULL);
		e = worksheet_write_string(ws, 0, (lxw_col_t)c, zh ? s->cols[c].zh : s->cols[c].en,
					   f->header);
	}
	worksheet_freeze_panes(ws, 1, 0);
	if (!s->member || json_is_object(rows)) {
		for (size_t c = 0; e == LXW_NO_ERROR && c < ncols; c++)
			e = write_cell(ws, 1, (lxw_col_t)c, &s->cols[c],
				       s->member ? rows : (json_t *)stat, f, zh);
		return e;
	}
	json_array_foreach(rows, i, item)
		for (size_t c = 0; e == LXW_NO_ERROR && c < ncols; c++)
			e = write_cell(ws, (lxw_row_t)(i + 1), (lxw_col_t)c, &s->cols[c], item, f, zh);
	return e;
}

int kh_statistic_xlsx(const char *name, const json_t *stat, bool zh, const char *path,
		      struct kh_error *err)
{
	const struct sheet *sheets = sheets_of(name, stat);
	lxw_workbook *wb;
	struct formats f;
	lxw_error e = LXW_NO_ERROR, closed;

	if (!sheets)
		return kh_error_set(err, KH_EINVAL, "name", "no statistic %s", name);
	if (!(wb = workbook_new(path)))
		return kh_error_set(err, KH_EIO, "", "cannot create the workbook");
	f.header = workbook_add_format(wb);
	format_set_bold(f.header);
	f.money = workbook_add_format(wb);
	format_set_num_format(f.money, "#,##0.00");
	f.share = workbook_add_format(wb);
	format_set_num_format(f.share, "0.00%");
	f.real = workbook_add_format(wb);
	format_set_num_format(f.real, "0.000");
	for (const struct sheet *s = sheets; e == LXW_NO_ERROR && s->cols; s++)
		e = write_sheet(wb, s, stat, &f, zh);
	closed = workbook_close(wb);
	if (e == LXW_NO_ERROR)
		e = closed;
	if (e != LXW_NO_ERROR)
		return kh_error_set(err, KH_EIO, "", "cannot write the workbook: %s",
				    lxw_strerror(e));
	return 0;
}
