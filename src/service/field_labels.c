/*
 * field_labels.c: the labels of the registry's fields in 中文 and English
 * (those of the web UI, web/src/messages.js): the headers of exports, and
 * of import templates, which match them back. A field without a label here is
 * shown by its API name.
 */
#include "service/field_labels.h"

#include <string.h>

#include "base/banned.h"

struct label {
	const char *entity; /* NULL: any entity */
	const char *name;
	const char *zh, *en;
};

static const struct label labels[] = {
	{NULL, "id", "编号", "ID"},
	{NULL, "customer_name", "客户名称", "Customer name"},
	{NULL, "created_at", "创建时间", "Created at"},
	{NULL, "updated_at", "更新时间", "Updated at"},
	{NULL, "metrics.abc_class", "ABC 分类", "ABC class"},
	{NULL, "metrics.grid_tier", "价值层级", "Value tier"},
	{NULL, "metrics.lifecycle", "生命周期", "Lifecycle"},
	{NULL, "metrics.loyalty", "忠诚度", "Loyalty"},
	{NULL, "metrics.p_alive", "存活概率", "P(alive)"},
	{NULL, "metrics.clv", "客户终身价值", "Lifetime value"},
	{NULL, "metrics.revenue_12m", "近 12 个月销售额", "Revenue, last 12 months"},
	{NULL, "metrics.last_order", "最近订单", "Last order"},
	{NULL, "metrics.last_contact", "最近联系", "Last contact"},
	{"customer", "name", "客户名称", "Customer name"},
	{"customer", "credit_code", "统一社会信用代码", "Credit code"},
	{"customer", "address", "地址", "Address"},
	{"customer", "region", "地区", "Region"},
	{"customer", "grade", "客户等级", "Grade"},
	{"customer", "nature", "企业性质", "Nature"},
	{"customer", "technology", "现有技术与实力", "Technology and strength"},
	{"customer", "phone", "电话", "Phone"},
	{"customer", "email", "邮箱", "Email"},
	{"customer", "website", "网站", "Website"},
	{"customer", "org_structure", "组织结构", "Organisation"},
	{"customer", "department_heads", "部门负责人", "Department heads"},
	{"customer", "history", "公司历史", "History"},
	{"customer", "current_projects", "当前项目", "Current projects"},
	{"customer", "segment", "行业", "Segment"},
	{"customer", "source", "来源渠道", "Source"},
	{"customer", "main_business", "主营业务", "Main business"},
	{"customer", "operating_condition", "经营状况", "Operating condition"},
	{"customer", "business_field", "业务领域", "Business field"},
	{"customer", "size", "规模", "Size"},
	{"customer", "employees", "员工数", "Employees"},
	{"customer", "goals", "目标与计划", "Goals and plans"},
	{"customer", "opinions", "客户意见（好恶）", "Opinions (likes/dislikes)"},
	{"customer", "problems_needs", "当前问题与需求", "Problems and needs"},
	{"customer", "accept_brand_known", "品牌知名", "Brand known"},
	{"customer", "accept_product_line", "产品线齐全", "Product line complete"},
	{"customer", "accept_price_transparent", "价格透明", "Price transparent"},
	{"customer", "accept_margin", "利润有吸引力", "Margin attractive"},
	{"customer", "accept_end_client", "终端客户认可", "End client accepts"},
	{"customer", "accept_supply_repair", "供货维修及时", "Supply and repair on time"},
	{"customer", "brand_loyalty", "品牌忠诚", "Brand loyalty"},
	{"customer", "price_driven", "价格导向", "Price driven"},
	{"customer", "key_account", "重点客户", "Key account"},
	{"customer", "key_account_face", "重点客户角色", "Key account role"},
	{"customer", "visit_cadence_days", "拜访周期（天）", "Visit cadence (days)"},
	{"customer", "founded_on", "成立日期", "Founded on"},
	{"customer", "purchase_budget", "采购预算", "Purchase budget"},
	{"customer", "project_schedule", "项目计划", "Project schedule"},
	{"customer", "decision_process", "决策流程", "Decision process"},
	{"customer", "other_suppliers", "其他供应商", "Other suppliers"},
	{"customer", "main_competitors", "主要竞争对手", "Main competitors"},
	{"customer", "decision_maker_background", "决策者背景与爱好", "Decision makers' background"},
	{"customer", "tech_lead_background", "技术负责人背景", "Technical lead's background"},
	{"customer", "supervisor_background", "主管领导背景", "Supervising lead's background"},
	{"customer", "decision_maker_relations", "决策者之间的关系", "Relations between decision makers"},
	{"customer", "competitor_relations", "竞争对手与客户的关系", "Competitors' relations"},
	{"customer", "related_parties", "关联方及其关系", "Related parties"},
	{"customer", "owner", "负责人", "Owner"},
	{"customer", "team", "部门", "Team"},
	{"customer", "in_pool", "公海", "Pool"},
	{"customer", "custom", "自定义字段", "Custom fields"},
	{"contact", "name", "姓名", "Name"},
	{"contact", "gender", "性别", "Gender"},
	{"contact", "title", "职务", "Title"},
	{"contact", "department", "部门", "Department"},
	{"contact", "phone", "电话", "Phone"},
	{"contact", "mobile", "手机", "Mobile"},
	{"contact", "email", "邮箱", "Email"},
	{"contact", "wechat", "微信", "WeChat"},
	{"contact", "birthday", "生日", "Birthday"},
	{"contact", "hometown", "籍贯", "Hometown"},
	{"contact", "education", "教育经历", "Education"},
	{"contact", "work_history", "工作经历", "Work history"},
	{"contact", "family", "家庭背景", "Family"},
	{"contact", "hobbies", "兴趣爱好", "Hobbies"},
	{"contact", "personality", "性格", "Personality"},
	{"contact", "ethnicity", "民族", "Ethnicity"},
	{"contact", "address", "地址", "Address"},
	{"contact", "role", "采购角色", "Purchase role"},
	{"contact", "level", "决策层级", "Level"},
	{"contact", "function", "职能", "Function"},
	{"contact", "warmth", "冷/热", "Cold/warm"},
	{"contact", "humility", "固执/谦虚", "Stubborn/humble"},
	{"contact", "kindness", "傲慢/和善", "Arrogant/kind"},
	{"contact", "dominance", "支配/主观", "Dominant/subjective"},
	{"contact", "reports_to", "上级", "Reports to"},
	{"contact", "notes", "备注", "Notes"},
	{"contact", "customer", "客户", "Customer"},
	{"contact", "custom", "自定义字段", "Custom fields"},
	{"product", "code", "产品编码", "Code"},
	{"product", "name", "产品名称", "Product name"},
	{"product", "category", "类别", "Category"},
	{"product", "unit", "单位", "Unit"},
	{"product", "unit_price", "单价", "Unit price"},
	{"product", "unit_cost", "单位成本", "Unit cost"},
	{"product", "active", "在售", "Active"},
	{"order", "customer", "客户", "Customer"},
	{"order", "date", "订单日期", "Order date"},
	{"order", "amount", "金额", "Amount"},
	{"order", "cost", "成本", "Cost"},
	{"order", "status", "状态", "Status"},
	{"order", "channel", "渠道", "Channel"},
	{"order", "note", "备注", "Note"},
	{"order", "owner", "负责人", "Owner"},
	/* an order import's own columns: its number and one line */
	{"order", "order_no", "订单号", "Order number"},
	{"order", "product", "产品编码", "Product"},
	{"order", "quantity", "数量", "Quantity"},
	{"order", "unit_price", "单价", "Unit price"},
	{"payment", "order", "订单", "Order"},
	{"payment", "customer", "客户", "Customer"},
	{"payment", "amount", "金额", "Amount"},
	{"payment", "due_date", "应付日期", "Due date"},
	{"payment", "paid_date", "付款日期", "Paid on"},
	{"activity", "kind", "类型", "Kind"},
	{"activity", "date", "日期", "Date"},
	{"activity", "status", "状态", "Status"},
	{"activity", "subject", "主题", "Subject"},
	{"activity", "note", "内容", "Note"},
	{"activity", "outcome", "结果", "Outcome"},
	{"activity", "next_step", "下一步", "Next step"},
	{"activity", "next_date", "下次日期", "Next date"},
	{"activity", "contact", "联系人", "Contact"},
	{"activity", "user", "记录人", "By"},
	{"activity", "purpose", "拜访目的", "Purpose"},
	{"activity", "method", "拜访方式", "Method"},
	{"activity", "prep_time_place", "约定时间地点", "Agreed time and place"},
	{"activity", "prep_sales_records", "近期销售记录与资料", "Recent sales records and materials"},
	{"activity", "topic_local_sales", "我方产品在当地的销售", "Sales of our product in the area"},
	{"activity", "topic_market_competitors", "市场动态与竞争对手", "Market movements and competitors"},
	{"activity", "topic_problems", "当前问题及解决办法", "Current problems and solutions"},
	{"activity", "place_market", "走访市场", "The market"},
	{"activity", "place_channel", "走访渠道", "The distribution channel"},
	{"activity", "place_staff", "走访客户一线人员", "The customer's working staff"},
	{"activity", "report", "市场评估报告", "Market assessment report"},
	{"activity", "approved_by", "审批人", "Approved by"},
	{"activity", "approved_at", "审批时间", "Approved at"},
	{"activity", "rejected_by", "驳回人", "Rejected by"},
	{"activity", "rejected_at", "驳回时间", "Rejected at"},
	{"activity", "reject_comment", "驳回意见", "Why rejected"},
	{"activity", "customer", "客户", "Customer"},
	{"activity", "opportunity", "商机", "Opportunity"},
	{"opportunity", "customer", "客户", "Customer"},
	{"opportunity", "name", "商机名称", "Opportunity"},
	{"opportunity", "stage", "阶段", "Stage"},
	{"opportunity", "amount", "金额", "Amount"},
	{"opportunity", "probability", "赢率（%）", "Probability (%)"},
	{"opportunity", "followup_count", "跟进次数", "Follow-ups"},
	{"opportunity", "expected_close", "预计成交日期", "Expected close"},
	{"opportunity", "closed_on", "成交日期", "Closed on"},
	{"opportunity", "owner", "负责人", "Owner"},
	{"opportunity", "contact", "联系人", "Contact"},
	{"opportunity", "note", "备注", "Note"},
	{"opportunity", "lost_reason", "输单原因", "Lost reason"},
	{"task", "customer", "客户", "Customer"},
	{"task", "contact", "联系人", "Contact"},
	{"task", "user", "负责人", "User"},
	{"task", "title", "标题", "Title"},
	{"task", "kind", "类型", "Kind"},
	{"task", "due_date", "截止日期", "Due date"},
	{"task", "done", "已完成", "Done"},
	{"important_date", "customer", "客户", "Customer"},
	{"important_date", "contact", "联系人", "Contact"},
	{"important_date", "kind", "类型", "Kind"},
	{"important_date", "date", "日期", "Date"},
	{"important_date", "label", "说明", "Label"},
	{"important_date", "yearly", "每年", "Yearly"},
	{"competitor", "customer", "客户", "Customer"},
	{"competitor", "brand", "品牌", "Brand"},
	{"competitor", "status", "状态", "Status"},
	{"competitor", "projects", "项目", "Projects"},
	{"competitor", "experience", "使用体验", "Experience"},
	{"competitor", "their_sales", "对方销售额", "Their sales"},
	{"competitor", "our_sales", "我方销售额", "Our sales"},
	{"competitor", "note", "备注", "Note"},
};

static const struct label titles[] = {
	{"customer", NULL, "客户", "customers"},
	{"contact", NULL, "联系人", "contacts"},
	{"product", NULL, "产品", "products"},
	{"order", NULL, "订单", "orders"},
	{"payment", NULL, "回款", "payments"},
	{"activity", NULL, "活动", "activities"},
	{"opportunity", NULL, "商机", "opportunities"},
	{"task", NULL, "任务", "tasks"},
	{"important_date", NULL, "重要日期", "important_dates"},
	{"competitor", NULL, "竞争对手", "competitors"},
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

const char *kh_field_label(const char *entity, const char *name, bool zh)
{
	const struct label *any = NULL;

	for (size_t i = 0; i < N(labels); i++) {
		const struct label *l = &labels[i];

		if (strcmp(l->name, name))
			continue;
		if (l->entity && strcmp(l->entity, entity) == 0)
			return zh ? l->zh : l->en;
		if (!l->entity)
			any = l;
	}
	return any ? (zh ? any->zh : any->en) : name;
}

const char *kh_entity_title(const char *entity, bool zh)
{
	for (size_t i = 0; i < N(titles); i++)
		if (strcmp(titles[i].entity, entity) == 0)
			return zh ? titles[i].zh : titles[i].en;
	return entity;
}
