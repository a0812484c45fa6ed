/*
 * enum_labels.c: what people call the values of the registry's enum fields,
 * in 中文 and English (the web UI's words, web/src/messages.js: a test
 * holds the two in step), so that a sheet may say 制造 or Manufacturing
 * where kehu stores manufacturing.
 */
#include "service/field_labels.h"

#include <string.h>
#include <strings.h>

#include "base/banned.h"

struct enum_label {
	const char *entity, *field, *value, *zh, *en;
};

static const struct enum_label labels[] = {
	/* customer.grade */
	{"customer", "grade", "A", "A 级", "Grade A"},
	{"customer", "grade", "B", "B 级", "Grade B"},
	{"customer", "grade", "C", "C 级", "Grade C"},
	{"customer", "grade", "D", "D 级", "Grade D"},
	/* customer.nature */
	{"customer", "nature", "state", "国有", "State-owned"},
	{"customer", "nature", "private", "民营", "Private"},
	{"customer", "nature", "foreign", "外资", "Foreign"},
	{"customer", "nature", "joint_venture", "合资", "Joint venture"},
	{"customer", "nature", "government", "政府机关", "Government"},
	{"customer", "nature", "institution", "事业单位", "Institution"},
	{"customer", "nature", "collective", "集体", "Collective"},
	{"customer", "nature", "other", "其他", "Other"},
	/* customer.segment */
	{"customer", "segment", "finance", "金融", "Finance"},
	{"customer", "segment", "enterprise", "企业", "Enterprise"},
	{"customer", "segment", "government", "政府", "Government"},
	{"customer", "segment", "education", "教育", "Education"},
	{"customer", "segment", "healthcare", "医疗", "Healthcare"},
	{"customer", "segment", "manufacturing", "制造", "Manufacturing"},
	{"customer", "segment", "retail", "零售", "Retail"},
	{"customer", "segment", "energy", "能源", "Energy"},
	{"customer", "segment", "telecom", "通信", "Telecom"},
	{"customer", "segment", "construction", "建筑", "Construction"},
	{"customer", "segment", "logistics", "物流", "Logistics"},
	{"customer", "segment", "other", "其他", "Other"},
	/* customer.source */
	{"customer", "source", "trade_market", "专业市场", "Trade market"},
	{"customer", "source", "qualification_registry", "资质名录", "Qualification registry"},
	{"customer", "source", "search_engine", "搜索引擎", "Search engine"},
	{"customer", "source", "referral", "同行介绍", "Referral"},
	{"customer", "source", "exhibition", "展会", "Exhibition"},
	{"customer", "source", "cold_call", "电话陌拜", "Cold call"},
	{"customer", "source", "website", "官网", "Website"},
	{"customer", "source", "partner", "合作伙伴", "Partner"},
	{"customer", "source", "advertising", "广告", "Advertising"},
	{"customer", "source", "other", "其他", "Other"},
	/* customer.size */
	{"customer", "size", "micro", "微型", "Micro"},
	{"customer", "size", "small", "小型", "Small"},
	{"customer", "size", "medium", "中型", "Medium"},
	{"customer", "size", "large", "大型", "Large"},
	{"customer", "size", "very_large", "特大型", "Very large"},
	/* customer.brand_loyalty */
	{"customer", "brand_loyalty", "loyal", "忠于我方", "Loyal to us"},
	{"customer", "brand_loyalty", "wavers", "摇摆", "Wavers"},
	{"customer", "brand_loyalty", "none", "无品牌忠诚", "No brand loyalty"},
	/* customer.key_account_face */
	{"customer", "key_account_face", "red", "红脸", "Red face"},
	{"customer", "key_account_face", "black", "黑脸", "Black face"},
	{"customer", "key_account_face", "white", "白脸", "White face"},
	/* contact.gender */
	{"contact", "gender", "male", "男", "Male"},
	{"contact", "gender", "female", "女", "Female"},
	{"contact", "gender", "other", "其他", "Other"},
	/* contact.role */
	{"contact", "role", "decision_maker", "决策者", "Decision maker"},
	{"contact", "role", "user", "使用者", "User"},
	{"contact", "role", "influencer", "影响者", "Influencer"},
	{"contact", "role", "purchaser", "采购者", "Purchaser"},
	{"contact", "role", "gatekeeper", "守门人", "Gatekeeper"},
	/* contact.level */
	{"contact", "level", "decision", "决策层", "Decision"},
	{"contact", "level", "technical", "技术层", "Technical"},
	{"contact", "level", "operational", "操作层", "Operational"},
	/* contact.function */
	{"contact", "function", "technical_business", "技术/业务", "Technical / business"},
	{"contact", "function", "administration_finance", "行政/财务", "Administration / finance"},
	{"contact", "function", "boss_client", "老板/直接客户", "Boss / direct client"},
	/* contact.warmth */
	{"contact", "warmth", "cold", "冷淡", "Cold"},
	{"contact", "warmth", "warm", "热情", "Warm"},
	/* contact.humility */
	{"contact", "humility", "stubborn", "固执", "Stubborn"},
	{"contact", "humility", "humble", "谦虚", "Humble"},
	/* contact.kindness */
	{"contact", "kindness", "arrogant", "傲慢", "Arrogant"},
	{"contact", "kindness", "kind", "和善", "Kind"},
	/* contact.dominance */
	{"contact", "dominance", "dominant", "支配型", "Dominant"},
	{"contact", "dominance", "subjective", "主观型", "Subjective"},
	/* order.status */
	{"order", "status", "confirmed", "已确认", "Confirmed"},
	{"order", "status", "delivered", "已交付", "Delivered"},
	{"order", "status", "cancelled", "已取消", "Cancelled"},
	/* activity.kind */
	{"activity", "kind", "visit", "拜访", "Visit"},
	{"activity", "kind", "call", "电话", "Call"},
	{"activity", "kind", "meeting", "会议", "Meeting"},
	{"activity", "kind", "email", "邮件", "Email"},
	{"activity", "kind", "message", "消息", "Message"},
	{"activity", "kind", "note", "备注", "Note"},
	/* activity.status */
	{"activity", "status", "planned", "计划", "Planned"},
	{"activity", "status", "done", "完成", "Done"},
	{"activity", "status", "cancelled", "取消", "Cancelled"},
	/* activity.method */
	{"activity", "method", "phone_appointment", "电话预约", "Phone appointment"},
	{"activity", "method", "face_to_face", "当面拜访", "Face to face"},
	/* opportunity.stage */
	{"opportunity", "stage", "lead", "线索", "Lead"},
	{"opportunity", "stage", "qualified", "已确认", "Qualified"},
	{"opportunity", "stage", "proposal", "方案", "Proposal"},
	{"opportunity", "stage", "negotiation", "谈判", "Negotiation"},
	{"opportunity", "stage", "won", "赢单", "Won"},
	{"opportunity", "stage", "lost", "输单", "Lost"},
	/* competitor.status */
	{"competitor", "status", "planned", "计划中", "Planned"},
	{"competitor", "status", "under_way", "进行中", "Under way"},
	{"competitor", "status", "using", "在用", "Using"},
	{"competitor", "status", "used_before", "曾用", "Used before"},
	/* important_date.kind */
	{"important_date", "kind", "birthday", "生日", "Birthday"},
	{"important_date", "kind", "founding", "成立日", "Founding day"},
	{"important_date", "kind", "first_deal", "首单纪念", "First deal"},
	{"important_date", "kind", "anniversary", "纪念日", "Anniversary"},
	{"important_date", "kind", "holiday", "节日", "Holiday"},
	{"important_date", "kind", "other", "其他", "Other"},
	/* lead.status */
	{"lead", "status", "new", "新线索", "New"},
	{"lead", "status", "following", "跟进中", "Following up"},
	{"lead", "status", "converted", "已转化", "Converted"},
	{"lead", "status", "invalid", "无效", "Invalid"},
	/* lead.source */
	{"lead", "source", "trade_market", "专业市场", "Trade market"},
	{"lead", "source", "qualification_registry", "资质名录", "Qualification registry"},
	{"lead", "source", "search_engine", "搜索引擎", "Search engine"},
	{"lead", "source", "referral", "同行介绍", "Referral"},
	{"lead", "source", "exhibition", "展会", "Exhibition"},
	{"lead", "source", "cold_call", "电话陌拜", "Cold call"},
	{"lead", "source", "website", "官网", "Website"},
	{"lead", "source", "partner", "合作伙伴", "Partner"},
	{"lead", "source", "advertising", "广告", "Advertising"},
	{"lead", "source", "other", "其他", "Other"},
	/* lead.industry */
	{"lead", "industry", "finance", "金融", "Finance"},
	{"lead", "industry", "enterprise", "企业", "Enterprise"},
	{"lead", "industry", "government", "政府", "Government"},
	{"lead", "industry", "education", "教育", "Education"},
	{"lead", "industry", "healthcare", "医疗", "Healthcare"},
	{"lead", "industry", "manufacturing", "制造", "Manufacturing"},
	{"lead", "industry", "retail", "零售", "Retail"},
	{"lead", "industry", "energy", "能源", "Energy"},
	{"lead", "industry", "telecom", "通信", "Telecom"},
	{"lead", "industry", "construction", "建筑", "Construction"},
	{"lead", "industry", "logistics", "物流", "Logistics"},
	{"lead", "industry", "other", "其他", "Other"},
};

const char *kh_enum_value_of(const char *entity, const char *field, const char *text)
{
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
		const struct enum_label *l = &labels[i];

		if (strcmp(l->field, field) || strcmp(l->entity, entity))
			continue;
		if (strcmp(text, l->value) == 0 || strcmp(text, l->zh) == 0 ||
		    strcasecmp(text, l->en) == 0)
			return l->value;
	}
	return NULL;
}

const char *kh_enum_label(const char *entity, const char *field, const char *value, bool zh)
{
	for (size_t i = 0; value && i < sizeof(labels) / sizeof(labels[0]); i++) {
		const struct enum_label *l = &labels[i];

		if (strcmp(l->value, value) == 0 && strcmp(l->field, field) == 0 &&
		    strcmp(l->entity, entity) == 0)
			return zh ? l->zh : l->en;
	}
	return value;
}
