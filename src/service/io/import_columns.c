/*
 * import_columns.c: the columns each import type reads, in the order a
 * template lists them, with the other headers users' sheets give them; the
 * header match, --map, and the import templates. A column's labels are the
 * export's (service/field_labels.c), so an exported sheet imports as it is.
 */
#include "service/io/import_internal.h"

#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "service/field_labels.h"
#include "base/banned.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct import_column customer_columns[] = {
	{"id", "客户编号|客户id"},
	{"credit_code",
	 "信用代码|社会信用代码|统一信用代码|纳税人识别号|税号|uscc|unified social credit code"},
	{"name",
	 "客户|公司|公司名称|企业名称|单位名称|客户全称|name|company|company name|customer|"
	 "account name"},
	{"phone", "电话号码|联系电话|公司电话|座机|固定电话|tel|telephone"},
	{"email", "电子邮箱|电子邮件|e-mail|mail"},
	{"address", "公司地址|详细地址|注册地址|办公地址"},
	{"region", "区域|所在地区|省份|城市|area|province|city"},
	{"website", "网址|官网|公司网站|web|url"},
	{"grade", "等级|级别|客户级别"},
	{"segment", "所属行业|行业类别|industry"},
	{"source", "来源|客户来源|lead source"},
	{"nature", "公司性质|所有制|ownership type"},
	{"size", "企业规模|公司规模|company size"},
	{"employees", "员工人数|人数|职工人数|staff|headcount"},
	{"founded_on", "成立时间|注册日期|成立|founded"},
	{"main_business", "主营|经营范围"},
	{"owner",
	 "客户负责人|销售|销售代表|业务员|客户经理|归属人|sales rep|account owner|owner login"},
	{"team", "所属部门|销售部门|department"},
	{"technology", NULL},
	{"org_structure", NULL},
	{"department_heads", NULL},
	{"history", NULL},
	{"current_projects", NULL},
	{"operating_condition", NULL},
	{"business_field", NULL},
	{"goals", NULL},
	{"opinions", NULL},
	{"problems_needs", NULL},
	{"accept_brand_known", NULL},
	{"accept_product_line", NULL},
	{"accept_price_transparent", NULL},
	{"accept_margin", NULL},
	{"accept_end_client", NULL},
	{"accept_supply_repair", NULL},
	{"brand_loyalty", NULL},
	{"price_driven", NULL},
	{"key_account", NULL},
	{"key_account_face", NULL},
	{"visit_cadence_days", NULL},
	{"purchase_budget", NULL},
	{"project_schedule", NULL},
	{"decision_process", NULL},
	{"other_suppliers", NULL},
	{"main_competitors", NULL},
	{"decision_maker_background", NULL},
	{"tech_lead_background", NULL},
	{"supervisor_background", NULL},
	{"decision_maker_relations", NULL},
	{"competitor_relations", NULL},
	{"related_parties", NULL},
};

static const struct import_column contact_columns[] = {
	{"id", "联系人编号|联系人id"},
	{"customer",
	 "客户名称|公司|公司名称|所属客户|单位|单位名称|company|company name|customer name|"
	 "account"},
	{"name", "联系人|联系人姓名|名字|contact|contact name|full name"},
	{"mobile", "手机号|手机号码|移动电话|联系人手机|cell|cellphone|mobile phone|mobile number"},
	{"phone", "办公电话|座机|固定电话|office phone|tel|telephone"},
	{"email", "电子邮箱|电子邮件|e-mail|mail"},
	{"title", "职位|职称|job title|position"},
	{"department", "科室|所在部门|dept"},
	{"gender", "sex"},
	{"wechat", "微信号|weixin"},
	{"birthday", "出生日期|date of birth|dob"},
	{"hometown", "老家"},
	{"education", "学历"},
	{"work_history", NULL},
	{"family", NULL},
	{"hobbies", "爱好"},
	{"personality", NULL},
	{"ethnicity", NULL},
	{"address", NULL},
	{"role", NULL},
	{"level", NULL},
	{"function", NULL},
	{"warmth", NULL},
	{"humility", NULL},
	{"kindness", NULL},
	{"dominance", NULL},
	{"reports_to", "直属上级|汇报对象"},
	{"notes", "说明|note"},
};

static const struct import_column product_columns[] = {
	{"id", "产品id"},
	{"code", "编码|产品编号|产品代码|物料编码|型号|货号|sku|item code|product code"},
	{"name", "名称|品名|产品|商品名称|product|item|item name"},
	{"category", "分类|品类|产品类别|产品分类"},
	{"unit", "计量单位|uom"},
	{"unit_price", "价格|售价|销售价|标准价|price|list price"},
	{"unit_cost", "成本|成本价|进价|cost"},
	{"active", "启用|是否在售|是否启用"},
};

static const struct import_column order_columns[] = {
	{"order_no", "订单编号|单号|合同号|order no|order id|order|po number"},
	{"customer", "客户名称|公司|公司名称|customer name|company"},
	{"date", "日期|下单日期|签约日期|date"},
	{"product", "产品|产品名称|商品|物料|sku|item|product code"},
	{"quantity", "订购数量|qty"},
	{"unit_price", "价格|成交价|price"},
	{"amount", "订单金额|总金额|合计|total|order amount"},
	{"cost", "订单成本|总成本"},
	{"status", "订单状态"},
	{"channel", "销售渠道"},
	{"note", "说明|notes"},
	{"owner", "销售|业务员|销售代表|sales rep"},
};

static const struct import_column activity_columns[] = {
	{"customer", "客户名称|公司|公司名称|customer name|company"},
	{"contact", "联系人姓名|contact name"},
	{"user", "负责人|销售|业务员|拜访人|user|rep"},
	{"kind", "活动类型|方式类型|type"},
	{"date", "活动日期|拜访日期|跟进日期"},
	{"status", NULL},
	{"subject", "标题"},
	{"note", "备注|记录|跟进内容|notes"},
	{"outcome", "跟进结果"},
	{"next_step", "下一步计划"},
	{"next_date", "下次跟进日期|下次拜访日期"},
	{"purpose", "目的"},
	{"method", "方式"},
	{"opportunity", "商机名称"},
	{"report", "Report"},
};

static const struct import_column opportunity_columns[] = {
	{"id", "商机编号|商机id"},
	{"customer", "客户名称|公司|公司名称|customer name|company"},
	{"name", "机会名称|项目名称|名称|opportunity name|deal|deal name"},
	{"stage", "销售阶段|商机阶段"},
	{"amount", "预计金额|商机金额|预算|value"},
	{"probability", "赢率|Probability|成交概率|概率|win rate"},
	{"expected_close", "预计签约日期|预计成交|close date|expected close date"},
	{"closed_on", "关闭日期"},
	{"followup_count", NULL},
	{"owner", "销售|业务员|销售代表|sales rep"},
	{"contact", NULL},
	{"note", "说明|notes"},
};

static const struct import_desc descs[] = {
	{KH_IMPORT_CUSTOMERS, "customers", "客户", &kh_customer_entity, customer_columns,
	 N(customer_columns)},
	{KH_IMPORT_CONTACTS, "contacts", "联系人", &kh_contact_entity, contact_columns, N(contact_columns)},
	{KH_IMPORT_PRODUCTS, "products", "产品", &kh_product_entity, product_columns, N(product_columns)},
	{KH_IMPORT_ORDERS, "orders", "订单", &kh_order_entity, order_columns, N(order_columns)},
	{KH_IMPORT_ACTIVITIES, "activities", "活动", &kh_activity_entity, activity_columns,
	 N(activity_columns)},
	{KH_IMPORT_OPPORTUNITIES, "opportunities", "商机", &kh_opportunity_entity, opportunity_columns,
	 N(opportunity_columns)},
};

const struct import_desc *kh_import_desc(enum kh_import_type t)
{
	return (size_t)t < N(descs) ? &descs[t] : NULL;
}

/* A column of the import's own, or a field of the registry an import may
 * write (credit_code only once the registry has it). */
static bool column_known(const struct import_desc *d, const char *name)
{
	const struct kh_field *f;

	if (strcmp(name, "id") == 0 || strcmp(name, "owner") == 0)
		return d->type != KH_IMPORT_ACTIVITIES;
	if (d->type == KH_IMPORT_ORDERS && (strcmp(name, "order_no") == 0 ||
					    strcmp(name, "product") == 0 ||
					    strcmp(name, "quantity") == 0 ||
					    strcmp(name, "unit_price") == 0))
		return true;
	f = kh_entity_field(d->entity, name);
	/* custom is a JSON object: no cell holds one */
	return f && !(f->flags & KH_FIELD_READONLY) && f->type != KH_F_JSON;
}

static const struct import_column *column_of(const struct import_desc *d, const char *name)
{
	for (size_t i = 0; i < d->ncolumns; i++)
		if (strcmp(d->columns[i].name, name) == 0)
			return &d->columns[i];
	return NULL;
}

const char *kh_import_label(const struct import_desc *d, const char *name, enum kh_lang lang)
{
	return kh_field_label(d->entity->name, name, lang != KH_LANG_EN);
}

/* s folded for matching into out (reset first): "Customer Name" and
 * "customer_name" both become "customername". */
static void fold(const char *s, struct kh_strbuf *out)
{
	kh_strbuf_reset(out);
	if (kh_text_fold(s, out) != 0) {
		kh_strbuf_reset(out);
		kh_strbuf_adds(out, s);
	}
}

static bool same_folded(const char *a_folded, const char *b, struct kh_strbuf *tmp)
{
	fold(b, tmp);
	return tmp->len > 0 && strcmp(a_folded, tmp->buf) == 0;
}

/* Does the folded header name column name of d (its name, its labels or
 * one of aliases, '|'-separated)? */
static bool column_matches(const struct import_desc *d, const char *name, const char *aliases,
			   const char *folded, struct kh_strbuf *tmp)
{
	const char *a = aliases;

	if (same_folded(folded, name, tmp) ||
	    same_folded(folded, kh_import_label(d, name, KH_LANG_ZH), tmp) ||
	    same_folded(folded, kh_import_label(d, name, KH_LANG_EN), tmp))
		return true;
	while (a && *a) {
		size_t len = strcspn(a, "|");
		char one[128];

		if (len < sizeof(one)) {
			memcpy(one, a, len);
			one[len] = '\0';
			if (same_folded(folded, one, tmp))
				return true;
		}
		a += len + (a[len] == '|');
	}
	return false;
}

/* The column a header names, or NULL. */
static const char *match_header(const struct import_desc *d, const char *header,
				struct kh_strbuf *folded, struct kh_strbuf *tmp)
{
	fold(header, folded);
	if (folded->len == 0)
		return NULL;
	for (size_t i = 0; i < d->ncolumns; i++) {
		const struct import_column *c = &d->columns[i];

		if (column_known(d, c->name) && column_matches(d, c->name, c->aliases, folded->buf, tmp))
			return c->name;
	}
	/* A field the table does not list: by its name or labels. */
	for (size_t i = 0; i < d->entity->nfields; i++) {
		const char *name = d->entity->fields[i].name;

		if (column_known(d, name) && column_matches(d, name, NULL, folded->buf, tmp))
			return name;
	}
	return NULL;
}

/* The field --map gives header, or NULL; *bad set for a field that does not
 * exist. "-" or an empty field: the column is read by nothing. */
static int map_lookup(const struct import_desc *d, const char *map, const char *header,
		      const char **field, bool *given, struct kh_error *err)
{
	const char *p = map;

	*given = false;
	while (p && *p) {
		size_t len = strcspn(p, ","), eq;
		char item[512];

		if (len >= sizeof(item))
			return kh_error_set(err, KH_EINVAL, "map", "--map: an item is too long");
		memcpy(item, p, len);
		item[len] = '\0';
		p += len + (p[len] == ',');
		eq = strcspn(item, "=");
		if (!item[eq])
			return kh_error_set(err, KH_EINVAL, "map", "--map: %s is not HEADER=FIELD",
					    item);
		item[eq] = '\0';
		if (strcmp(item, header))
			continue;
		*given = true;
		*field = NULL;
		if (!item[eq + 1] || strcmp(item + eq + 1, "-") == 0)
			return 0;
		for (size_t i = 0; i < d->ncolumns; i++)
			if (strcmp(d->columns[i].name, item + eq + 1) == 0 &&
			    column_known(d, d->columns[i].name))
				*field = d->columns[i].name;
		for (size_t i = 0; !*field && i < d->entity->nfields; i++)
			if (strcmp(d->entity->fields[i].name, item + eq + 1) == 0 &&
			    column_known(d, d->entity->fields[i].name))
				*field = d->entity->fields[i].name;
		if (!*field)
			return kh_error_set(err, KH_EINVAL, "map", "--map: %s imports no field %s",
					    d->name, item + eq + 1);
		return 0;
	}
	return 0;
}

/* Every header --map names must be in the file: a typo would otherwise
 * leave a column unread without a word. */
static int map_headers_present(const char *map, const char *const *cells, size_t n,
			       struct kh_error *err)
{
	const char *p = map;

	while (p && *p) {
		size_t len = strcspn(p, ","), eq = strcspn(p, "=");
		bool found = false;

		if (eq > len)
			eq = len;
		for (size_t i = 0; i < n && !found; i++)
			found = strlen(cells[i]) == eq && strncmp(cells[i], p, eq) == 0;
		if (!found)
			return kh_error_set(err, KH_EINVAL, "map", "--map: the file has no column "
					    "%.*s", (int)eq, p);
		p += len + (p[len] == ',');
	}
	return 0;
}

static int add_column(json_t *columns, const struct import_desc *d, const char *header,
		      const char *field, enum kh_lang lang)
{
	return json_array_append_new(columns, json_pack("{s:s, s:s?, s:s?}", "header", header,
						"field", field, "label",
						field ? kh_import_label(d, field, lang) : NULL));
}

int kh_import_map_build(const struct import_desc *d, const char *const *cells, size_t n,
			const char *map, enum kh_lang lang, struct import_map *m, json_t *columns,
			json_t *warnings, struct kh_error *err)
{
	struct kh_strbuf folded, tmp;
	int rc = 0;

	memset(m, 0, sizeof(*m));
	if ((rc = map_headers_present(map, cells, n, err)))
		return rc;
	m->field = calloc(n ? n : 1, sizeof(*m->field));
	m->header = calloc(n ? n : 1, sizeof(*m->header));
	if (!m->field || !m->header) {
		kh_import_map_release(m);
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	}
	m->ncols = n;
	kh_strbuf_init(&folded, 0);
	kh_strbuf_init(&tmp, 0);
	for (size_t i = 0; i < n && rc == 0; i++) {
		bool given;
		const char *field = NULL;

		if (!(m->header[i] = strdup(cells[i]))) {
			rc = kh_error_set(err, KH_ENOMEM, "", "out of memory");
			break;
		}
		if ((rc = map_lookup(d, map, cells[i], &field, &given, err)))
			break;
		if (!given)
			field = match_header(d, cells[i], &folded, &tmp);
		for (size_t j = 0; field && j < i; j++)
			if (m->field[j] && strcmp(m->field[j], field) == 0)
				rc = kh_error_set(err, KH_EINVAL, "map",
						  "columns %s and %s both give %s: map one "
						  "of them to - with --map", m->header[j],
						  cells[i], kh_import_label(d, field, lang));
		m->field[i] = field;
		if (rc == 0)
			add_column(columns, d, cells[i], field, lang);
		if (rc == 0 && !field && !given && cells[i][0])
			json_array_append_new(warnings, json_sprintf(
				lang == KH_LANG_EN ? "column %s is not known to a %s import: ignored"
						   : "列“%s”不是%s导入的字段，已忽略",
				cells[i], lang == KH_LANG_EN ? d->name : d->zh));
	}
	kh_strbuf_release(&folded);
	kh_strbuf_release(&tmp);
	if (rc)
		kh_import_map_release(m);
	return rc;
}

void kh_import_map_release(struct import_map *m)
{
	for (size_t i = 0; m->header && i < m->ncols; i++)
		free(m->header[i]);
	free(m->header);
	free(m->field);
	memset(m, 0, sizeof(*m));
}

ptrdiff_t kh_import_map_column(const struct import_map *m, const char *field)
{
	for (size_t i = 0; i < m->ncols; i++)
		if (m->field[i] && strcmp(m->field[i], field) == 0)
			return (ptrdiff_t)i;
	return -1;
}

/* One CSV field (RFC 4180: quoted when it holds a comma, quote or line break). */
static void csv_field(struct kh_strbuf *out, const char *s, bool first)
{
	if (!first)
		kh_strbuf_addch(out, ',');
	if (!strpbrk(s, ",\"\r\n")) {
		kh_strbuf_adds(out, s);
		return;
	}
	kh_strbuf_addch(out, '"');
	for (; *s; s++) {
		if (*s == '"')
			kh_strbuf_addch(out, '"');
		kh_strbuf_addch(out, *s);
	}
	kh_strbuf_addch(out, '"');
}

void kh_import_csv_row(struct kh_strbuf *out, const char *const *cells, size_t n)
{
	for (size_t i = 0; i < n; i++)
		csv_field(out, cells[i] ? cells[i] : "", i == 0);
	kh_strbuf_adds(out, "\r\n");
}

int kh_import_template(enum kh_import_type type, enum kh_lang lang, struct kh_strbuf *out)
{
	const struct import_desc *d = kh_import_desc(type);
	bool first = true;

	if (!d)
		return KH_EINVAL;
	kh_strbuf_adds(out, "\xEF\xBB\xBF");
	/* The table's columns first, in the order a person fills them in. */
	for (size_t i = 0; i < d->ncolumns; i++) {
		const char *name = d->columns[i].name;

		if (!column_known(d, name) || strcmp(name, "id") == 0)
			continue;
		csv_field(out, kh_import_label(d, name, lang), first);
		first = false;
	}
	for (size_t i = 0; i < d->entity->nfields; i++) {
		const char *name = d->entity->fields[i].name;

		if (!column_known(d, name) || column_of(d, name))
			continue;
		csv_field(out, kh_import_label(d, name, lang), first);
		first = false;
	}
	kh_strbuf_adds(out, "\r\n");
	return out->len ? 0 : KH_ENOMEM;
}
