/*
 * import_columns.c: the columns each import type reads, their Chinese and
 * English labels (the web UI's, web/src/messages.js, for the fields it
 * names) and the other headers users' sheets give them, the header match,
 * --map, and the import templates built from the same tables.
 */
#include "service/io/import_internal.h"

#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/banned.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct import_label customer_labels[] = {
	{"id", "编号", "ID", "客户编号|客户id"},
	{"credit_code", "统一社会信用代码", "Credit code",
	 "信用代码|社会信用代码|统一信用代码|纳税人识别号|税号|uscc|unified social credit code"},
	{"name", "客户名称", "Customer name",
	 "客户|公司|公司名称|企业名称|单位名称|客户全称|name|company|company name|customer|account name"},
	{"phone", "电话", "Phone", "电话号码|联系电话|公司电话|座机|固定电话|tel|telephone"},
	{"email", "邮箱", "Email", "电子邮箱|电子邮件|e-mail|mail"},
	{"address", "地址", "Address", "公司地址|详细地址|注册地址|办公地址"},
	{"region", "地区", "Region", "区域|所在地区|省份|城市|area|province|city"},
	{"website", "网站", "Website", "网址|官网|公司网站|web|url"},
	{"grade", "客户等级", "Grade", "等级|级别|客户级别"},
	{"segment", "行业", "Segment", "所属行业|行业类别|industry"},
	{"source", "来源渠道", "Source", "来源|客户来源|lead source"},
	{"nature", "企业性质", "Nature", "公司性质|所有制|ownership type"},
	{"size", "规模", "Size", "企业规模|公司规模|company size"},
	{"employees", "员工数", "Employees", "员工人数|人数|职工人数|staff|headcount"},
	{"founded_on", "成立日期", "Founded on", "成立时间|注册日期|成立|founded"},
	{"main_business", "主营业务", "Main business", "主营|经营范围"},
	{"owner", "负责人", "Owner",
	 "客户负责人|销售|销售代表|业务员|客户经理|归属人|sales rep|account owner|owner login"},
	{"team", "部门", "Team", "所属部门|销售部门|department"},
	{"technology", "现有技术与实力", "Technology and strength", NULL},
	{"org_structure", "组织结构", "Organisation", NULL},
	{"department_heads", "部门负责人", "Department heads", NULL},
	{"history", "公司历史", "History", NULL},
	{"current_projects", "当前项目", "Current projects", NULL},
	{"operating_condition", "经营状况", "Operating condition", NULL},
	{"business_field", "业务领域", "Business field", NULL},
	{"goals", "目标与计划", "Goals and plans", NULL},
	{"opinions", "客户意见（好恶）", "Opinions (likes/dislikes)", NULL},
	{"problems_needs", "当前问题与需求", "Problems and needs", NULL},
	{"accept_brand_known", "品牌知名", "Brand known", NULL},
	{"accept_product_line", "产品线齐全", "Product line complete", NULL},
	{"accept_price_transparent", "价格透明", "Price transparent", NULL},
	{"accept_margin", "利润有吸引力", "Margin attractive", NULL},
	{"accept_end_client", "终端客户认可", "End client accepts", NULL},
	{"accept_supply_repair", "供货维修及时", "Supply and repair on time", NULL},
	{"brand_loyalty", "品牌忠诚", "Brand loyalty", NULL},
	{"price_driven", "价格导向", "Price driven", NULL},
	{"key_account", "重点客户", "Key account", NULL},
	{"key_account_face", "重点客户角色", "Key account role", NULL},
	{"visit_cadence_days", "拜访周期（天）", "Visit cadence (days)", NULL},
	{"purchase_budget", "采购预算", "Purchase budget", NULL},
	{"project_schedule", "项目计划", "Project schedule", NULL},
	{"decision_process", "决策流程", "Decision process", NULL},
	{"other_suppliers", "其他供应商", "Other suppliers", NULL},
	{"main_competitors", "主要竞争对手", "Main competitors", NULL},
	{"decision_maker_background", "决策者背景与爱好", "Decision makers' background", NULL},
	{"tech_lead_background", "技术负责人背景", "Technical lead's background", NULL},
	{"supervisor_background", "主管领导背景", "Supervising lead's background", NULL},
	{"decision_maker_relations", "决策者之间的关系", "Relations between decision makers", NULL},
	{"competitor_relations", "竞争对手与客户的关系", "Competitors' relations", NULL},
	{"related_parties", "关联方及其关系", "Related parties", NULL},
};

static const struct import_label contact_labels[] = {
	{"id", "编号", "ID", "联系人编号|联系人id"},
	{"customer", "客户名称", "Customer",
	 "客户|公司|公司名称|所属客户|单位|单位名称|company|company name|customer name|account"},
	{"name", "姓名", "Name", "联系人|联系人姓名|名字|contact|contact name|full name"},
	{"mobile", "手机", "Mobile",
	 "手机号|手机号码|移动电话|联系人手机|cell|cellphone|mobile phone|mobile number"},
	{"phone", "电话", "Phone", "办公电话|座机|固定电话|office phone|tel|telephone"},
	{"email", "邮箱", "Email", "电子邮箱|电子邮件|e-mail|mail"},
	{"title", "职务", "Title", "职位|职称|job title|position"},
	{"department", "部门", "Department", "科室|所在部门|dept"},
	{"gender", "性别", "Gender", "sex"},
	{"wechat", "微信", "WeChat", "微信号|weixin"},
	{"birthday", "生日", "Birthday", "出生日期|date of birth|dob"},
	{"hometown", "籍贯", "Hometown", "老家"},
	{"education", "教育经历", "Education", "学历"},
	{"work_history", "工作经历", "Work history", NULL},
	{"family", "家庭背景", "Family", NULL},
	{"hobbies", "兴趣爱好", "Hobbies", "爱好"},
	{"personality", "性格", "Personality", NULL},
	{"ethnicity", "民族", "Ethnicity", NULL},
	{"address", "地址", "Address", NULL},
	{"role", "采购角色", "Purchase role", NULL},
	{"level", "决策层级", "Level", NULL},
	{"function", "职能", "Function", NULL},
	{"warmth", "冷/热", "Cold/warm", NULL},
	{"humility", "固执/谦虚", "Stubborn/humble", NULL},
	{"kindness", "傲慢/和善", "Arrogant/kind", NULL},
	{"dominance", "支配/主观", "Dominant/subjective", NULL},
	{"reports_to", "上级", "Reports to", "直属上级|汇报对象"},
	{"notes", "备注", "Notes", "说明|note"},
};

static const struct import_label product_labels[] = {
	{"id", "编号", "ID", "产品id"},
	{"code", "产品编码", "Code",
	 "编码|产品编号|产品代码|物料编码|型号|货号|sku|item code|product code"},
	{"name", "产品名称", "Product name", "名称|品名|产品|商品名称|product|item|item name"},
	{"category", "类别", "Category", "分类|品类|产品类别|产品分类"},
	{"unit", "单位", "Unit", "计量单位|uom"},
	{"unit_price", "单价", "Unit price", "价格|售价|销售价|标准价|price|list price"},
	{"unit_cost", "单位成本", "Unit cost", "成本|成本价|进价|cost"},
	{"active", "在售", "Active", "启用|是否在售|是否启用"},
};

static const struct import_label order_labels[] = {
	{"order_no", "订单号", "Order number",
	 "订单编号|单号|合同号|order no|order id|order|po number"},
	{"customer", "客户名称", "Customer", "客户|公司|公司名称|customer name|company"},
	{"date", "订单日期", "Order date", "日期|下单日期|签约日期|date"},
	{"product", "产品编码", "Product", "产品|产品名称|商品|物料|sku|item|product code"},
	{"quantity", "数量", "Quantity", "订购数量|qty"},
	{"unit_price", "单价", "Unit price", "价格|成交价|price"},
	{"amount", "订单金额", "Amount", "金额|总金额|合计|total|order amount"},
	{"cost", "订单成本", "Cost", "成本|总成本"},
	{"status", "状态", "Status", "订单状态"},
	{"channel", "渠道", "Channel", "销售渠道"},
	{"note", "备注", "Note", "说明|notes"},
	{"owner", "负责人", "Owner", "销售|业务员|销售代表|sales rep"},
};

static const struct import_label activity_labels[] = {
	{"customer", "客户名称", "Customer", "客户|公司|公司名称|customer name|company"},
	{"contact", "联系人", "Contact", "联系人姓名|contact name"},
	{"user", "记录人", "By", "负责人|销售|业务员|拜访人|user|rep"},
	{"kind", "类型", "Kind", "活动类型|方式类型|type"},
	{"date", "日期", "Date", "活动日期|拜访日期|跟进日期"},
	{"status", "状态", "Status", NULL},
	{"subject", "主题", "Subject", "标题"},
	{"note", "内容", "Note", "备注|记录|跟进内容|notes"},
	{"outcome", "结果", "Outcome", "跟进结果"},
	{"next_step", "下一步", "Next step", "下一步计划"},
	{"next_date", "下次日期", "Next date", "下次跟进日期|下次拜访日期"},
	{"purpose", "拜访目的", "Purpose", "目的"},
	{"method", "拜访方式", "Method", "方式"},
	{"opportunity", "商机", "Opportunity", "商机名称"},
	{"report", "市场评估报告", "Report", NULL},
};

static const struct import_label opportunity_labels[] = {
	{"id", "编号", "ID", "商机编号|商机id"},
	{"customer", "客户名称", "Customer", "客户|公司|公司名称|customer name|company"},
	{"name", "商机名称", "Opportunity", "机会名称|项目名称|名称|opportunity name|deal|deal name"},
	{"stage", "阶段", "Stage", "销售阶段|商机阶段"},
	{"amount", "金额", "Amount", "预计金额|商机金额|预算|value"},
	{"probability", "赢率", "Probability", "成交概率|概率|win rate"},
	{"expected_close", "预计成交日期", "Expected close",
	 "预计签约日期|预计成交|close date|expected close date"},
	{"closed_on", "成交日期", "Closed on", "关闭日期"},
	{"followup_count", "跟进次数", "Follow-ups", NULL},
	{"owner", "负责人", "Owner", "销售|业务员|销售代表|sales rep"},
	{"contact", "联系人", "Contact", NULL},
	{"note", "备注", "Note", "说明|notes"},
};

static const struct import_desc descs[] = {
	{KH_IMPORT_CUSTOMERS, "customers", "客户", &kh_customer_entity, customer_labels,
	 N(customer_labels)},
	{KH_IMPORT_CONTACTS, "contacts", "联系人", &kh_contact_entity, contact_labels, N(contact_labels)},
	{KH_IMPORT_PRODUCTS, "products", "产品", &kh_product_entity, product_labels, N(product_labels)},
	{KH_IMPORT_ORDERS, "orders", "订单", &kh_order_entity, order_labels, N(order_labels)},
	{KH_IMPORT_ACTIVITIES, "activities", "活动", &kh_activity_entity, activity_labels,
	 N(activity_labels)},
	{KH_IMPORT_OPPORTUNITIES, "opportunities", "商机", &kh_opportunity_entity, opportunity_labels,
	 N(opportunity_labels)},
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

static const struct import_label *label_of(const struct import_desc *d, const char *name)
{
	for (size_t i = 0; i < d->nlabels; i++)
		if (strcmp(d->labels[i].name, name) == 0)
			return &d->labels[i];
	return NULL;
}

const char *kh_import_label(const struct import_desc *d, const char *name, enum kh_lang lang)
{
	const struct import_label *l = label_of(d, name);

	if (!l)
		return name;
	return lang == KH_LANG_EN ? l->en : l->zh;
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

/* Does the folded header name column l (its name, labels or an alias)? */
static bool label_matches(const struct import_label *l, const char *folded,
			  struct kh_strbuf *tmp)
{
	const char *a = l->aliases;

	if (same_folded(folded, l->name, tmp) || same_folded(folded, l->zh, tmp) ||
	    same_folded(folded, l->en, tmp))
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
	for (size_t i = 0; i < d->nlabels; i++)
		if (column_known(d, d->labels[i].name) && label_matches(&d->labels[i], folded->buf, tmp))
			return d->labels[i].name;
	/* A field without a label of its own: by its API name. */
	for (size_t i = 0; i < d->entity->nfields; i++) {
		const char *name = d->entity->fields[i].name;

		if (column_known(d, name) && same_folded(folded->buf, name, tmp))
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
		for (size_t i = 0; i < d->nlabels; i++)
			if (strcmp(d->labels[i].name, item + eq + 1) == 0 &&
			    column_known(d, d->labels[i].name))
				*field = d->labels[i].name;
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
						  lang == KH_LANG_EN
							  ? "columns %s and %s both give %s: map one "
							    "of them to - with --map"
							  : "%s 和 %s 两列都对应“%s”：请用 --map 将其中一列"
							    "设为 -",
						  m->header[j], cells[i],
						  kh_import_label(d, field, lang));
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
	/* The labelled columns first, in the order a person fills them in. */
	for (size_t i = 0; i < d->nlabels; i++) {
		if (!column_known(d, d->labels[i].name) || strcmp(d->labels[i].name, "id") == 0)
			continue;
		csv_field(out, lang == KH_LANG_EN ? d->labels[i].en : d->labels[i].zh, first);
		first = false;
	}
	for (size_t i = 0; i < d->entity->nfields; i++) {
		const char *name = d->entity->fields[i].name;

		if (!column_known(d, name) || label_of(d, name))
			continue;
		csv_field(out, name, first);
		first = false;
	}
	kh_strbuf_adds(out, "\r\n");
	return out->len ? 0 : KH_ENOMEM;
}
