/*
 * fields.c: the field tables of every entity: what a user may enter, under
 * which name, with which limits and at which information level. The schema
 * (store/schema.c) holds the columns; this is the contract of the API and
 * the command line. The entities also name their hooks here, from the
 * domain folders (analysis, customers, sales), so the generic engine
 * (entity.c) calls them without including any domain.
 */
#include "service/entity.h"

#include "service/analysis/analyze.h"
#include "service/analysis/report_upkeep.h"
#include "service/customers/duplicates.h"
#include "service/customers/pool.h"
#include "service/customers/search.h"
#include "service/leads/lead.h"
#include "service/sales/contract.h"
#include "service/sales/opportunity.h"
#include "service/sales/order.h"
#include "service/sales/receivable.h"
#include "service/sales/stage.h"
#include "service/work/followup.h"

#include <stdint.h>
#include <string.h>

#include "base/banned.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define REQ KH_FIELD_REQUIRED
#define FIXED KH_FIELD_FIXED
#define RO KH_FIELD_READONLY
#define FILT KH_FIELD_FILTER
#define SORT KH_FIELD_SORT
/* Date ranges (min = first year, max = years after today, see entity.h):
 * what has happened (birthdays, founding), what the business records and
 * plans (orders, payments, activities, tasks: after 2000, and at most five
 * years ahead), and anniversaries, which may be old or planned. */
#define PAST 1900, 0
#define BUSINESS 2000, 5
#define ANNIVERSARY 1900, 5

static const char *const natures[] = {"state", "private", "foreign", "joint_venture",
				      "government", "institution", "collective", "other", NULL};
static const char *const segments[] = {"finance", "enterprise", "government", "education",
				       "healthcare", "manufacturing", "retail", "energy",
				       "telecom", "construction", "logistics", "other", NULL};
static const char *const sources[] = {"trade_market", "qualification_registry",
				      "search_engine", "referral", "exhibition", "cold_call",
				      "website", "partner", "advertising", "other", NULL};
static const char *const sizes[] = {"micro", "small", "medium", "large", "very_large", NULL};
static const char *const grades[] = {"A", "B", "C", "D", NULL};
static const char *const brand_loyalties[] = {"loyal", "wavers", "none", NULL};
static const char *const faces[] = {"red", "black", "white", NULL};

static const struct kh_field customer_fields[] = {
	{"name", "name", KH_F_TEXT, REQ | SORT, 1, 0, 200, NULL, NULL},
	{"credit_code", "credit_code", KH_F_CREDIT_CODE, FILT, 1, 0, 0, NULL, NULL},
	{"address", "address", KH_F_TEXT, 0, 1, 0, 500, NULL, NULL},
	{"region", "region", KH_F_TEXT, 0, 1, 0, 100, NULL, NULL},
	{"grade", "grade", KH_F_ENUM, FILT, 1, 0, 0, grades, NULL},
	{"nature", "nature", KH_F_ENUM, 0, 1, 0, 0, natures, NULL},
	{"technology", "technology", KH_F_LONGTEXT, 0, 1, 0, 0, NULL, NULL},
	{"phone", "phone", KH_F_PHONE, 0, 1, 0, 0, NULL, NULL},
	{"email", "email", KH_F_EMAIL, 0, 1, 0, 0, NULL, NULL},
	{"website", "website", KH_F_TEXT, 0, 1, 0, 300, NULL, NULL},
	{"org_structure", "org_structure", KH_F_LONGTEXT, 0, 1, 0, 0, NULL, NULL},
	{"department_heads", "department_heads", KH_F_LONGTEXT, 0, 1, 0, 0, NULL, NULL},
	{"history", "history", KH_F_LONGTEXT, 0, 1, 0, 0, NULL, NULL},
	{"current_projects", "current_projects", KH_F_LONGTEXT, 0, 1, 0, 0, NULL, NULL},
	{"segment", "segment", KH_F_ENUM, FILT, 1, 0, 0, segments, NULL},
	{"source", "source", KH_F_ENUM, FILT, 1, 0, 0, sources, NULL},
	{"main_business", "main_business", KH_F_TEXT, 0, 1, 0, 500, NULL, NULL},
	{"operating_condition", "operating_condition", KH_F_LONGTEXT, 0, 1, 0, 0, NULL, NULL},
	{"business_field", "business_field", KH_F_TEXT, 0, 1, 0, 500, NULL, NULL},
	{"size", "size", KH_F_ENUM, 0, 1, 0, 0, sizes, NULL},
	{"employees", "employees", KH_F_INT, 0, 1, 0, 10000000, NULL, NULL},
	{"goals", "goals", KH_F_LONGTEXT, 0, 1, 0, 0, NULL, NULL},
	{"opinions", "opinions", KH_F_LONGTEXT, 0, 1, 0, 0, NULL, NULL},
	{"problems_needs", "problems_needs", KH_F_LONGTEXT, 0, 1, 0, 0, NULL, NULL},
	{"accept_brand_known", "accept_brand_known", KH_F_BOOL, 0, 1, 0, 0, NULL, NULL},
	{"accept_product_line", "accept_product_line", KH_F_BOOL, 0, 1, 0, 0, NULL, NULL},
	{"accept_price_transparent", "accept_price_transparent", KH_F_BOOL, 0, 1, 0, 0, NULL, NULL},
	{"accept_margin", "accept_margin", KH_F_BOOL, 0, 1, 0, 0, NULL, NULL},
	{"accept_end_client", "accept_end_client", KH_F_BOOL, 0, 1, 0, 0, NULL, NULL},
	{"accept_supply_repair", "accept_supply_repair", KH_F_BOOL, 0, 1, 0, 0, NULL, NULL},
	{"brand_loyalty", "brand_loyalty", KH_F_ENUM, 0, 1, 0, 0, brand_loyalties, NULL},
	{"price_driven", "price_driven", KH_F_BOOL, 0, 1, 0, 0, NULL, NULL},
	{"key_account", "key_account", KH_F_BOOL, 0, 1, 0, 0, NULL, NULL},
	{"key_account_face", "key_account_face", KH_F_ENUM, 0, 1, 0, 0, faces, NULL},
	{"visit_cadence_days", "visit_cadence_days", KH_F_INT, 0, 1, 1, 3650, NULL, NULL},
	{"founded_on", "founded_on", KH_F_DATE, 0, 1, PAST, NULL, NULL},
	{"purchase_budget", "purchase_budget_fen", KH_F_MONEY, 0, 2, 0, 0, NULL, NULL},
	{"project_schedule", "project_schedule", KH_F_LONGTEXT, 0, 2, 0, 0, NULL, NULL},
	{"decision_process", "decision_process", KH_F_LONGTEXT, 0, 2, 0, 0, NULL, NULL},
	{"other_suppliers", "other_suppliers", KH_F_LONGTEXT, 0, 2, 0, 0, NULL, NULL},
	{"main_competitors", "main_competitors", KH_F_LONGTEXT, 0, 2, 0, 0, NULL, NULL},
	{"decision_maker_background", "decision_maker_background", KH_F_LONGTEXT, 0, 3, 0, 0, NULL, NULL},
	{"tech_lead_background", "tech_lead_background", KH_F_LONGTEXT, 0, 3, 0, 0, NULL, NULL},
	{"supervisor_background", "supervisor_background", KH_F_LONGTEXT, 0, 3, 0, 0, NULL, NULL},
	{"decision_maker_relations", "decision_maker_relations", KH_F_LONGTEXT, 0, 3, 0, 0, NULL, NULL},
	{"competitor_relations", "competitor_relations", KH_F_LONGTEXT, 0, 3, 0, 0, NULL, NULL},
	{"related_parties", "related_parties", KH_F_LONGTEXT, 0, 3, 0, 0, NULL, NULL},
	{"owner", "owner_id", KH_F_REF, RO | FILT, 1, 0, 0, NULL, "users"},
	{"team", "team_id", KH_F_REF, FILT, 1, 0, 0, NULL, "teams"},
	{"in_pool", "in_pool", KH_F_BOOL, RO, 1, 0, 0, NULL, NULL},
	{"last_contact_date", "last_contact_date", KH_F_DATE, RO, 1, 0, 0, NULL, NULL},
	{"last_contact_note", "last_contact_note", KH_F_TEXT, RO, 1, 0, 0, NULL, NULL},
	{"next_contact_date", "next_contact_date", KH_F_DATE, RO, 1, 0, 0, NULL, NULL},
	{"custom", "custom", KH_F_JSON, 0, 1, 0, 0, NULL, NULL},
};

static const char *const genders[] = {"male", "female", "other", NULL};
static const char *const purchase_roles[] = {"decision_maker", "user", "influencer",
					     "purchaser", "gatekeeper", NULL};
static const char *const decision_levels[] = {"decision", "technical", "operational", NULL};
static const char *const functions[] = {"technical_business", "administration_finance",
					"boss_client", NULL};
static const char *const warmth[] = {"cold", "warm", NULL};
static const char *const humility[] = {"stubborn", "humble", NULL};
static const char *const kindness[] = {"arrogant", "kind", NULL};
static const char *const dominance[] = {"dominant", "subjective", NULL};

static const struct kh_field contact_fields[] = {
	{"customer", "customer_id", KH_F_REF, REQ | FIXED | FILT, 1, 0, 0, NULL, "customers"},
	{"name", "name", KH_F_TEXT, REQ | SORT, 1, 0, 100, NULL, NULL},
	{"gender", "gender", KH_F_ENUM, 0, 1, 0, 0, genders, NULL},
	{"title", "title", KH_F_TEXT, 0, 1, 0, 100, NULL, NULL},
	{"department", "department", KH_F_TEXT, 0, 1, 0, 100, NULL, NULL},
	{"phone", "phone", KH_F_PHONE, 0, 1, 0, 0, NULL, NULL},
	{"mobile", "mobile", KH_F_PHONE, 0, 1, 0, 0, NULL, NULL},
	{"email", "email", KH_F_EMAIL, 0, 1, 0, 0, NULL, NULL},
	{"wechat", "wechat", KH_F_TEXT, 0, 1, 0, 100, NULL, NULL},
	{"birthday", "birthday", KH_F_DATE, 0, 1, PAST, NULL, NULL},
	{"hometown", "hometown", KH_F_TEXT, 0, 1, 0, 100, NULL, NULL},
	{"education", "education", KH_F_LONGTEXT, 0, 1, 0, 0, NULL, NULL},
	{"work_history", "work_history", KH_F_LONGTEXT, 0, 1, 0, 0, NULL, NULL},
	{"family", "family", KH_F_LONGTEXT, 0, 3, 0, 0, NULL, NULL},
	{"hobbies", "hobbies", KH_F_LONGTEXT, 0, 3, 0, 0, NULL, NULL},
	{"personality", "personality", KH_F_LONGTEXT, 0, 3, 0, 0, NULL, NULL},
	{"ethnicity", "ethnicity", KH_F_TEXT, 0, 1, 0, 50, NULL, NULL},
	{"address", "address", KH_F_TEXT, 0, 1, 0, 500, NULL, NULL},
	{"role", "purchase_role", KH_F_ENUM, 0, 1, 0, 0, purchase_roles, NULL},
	{"level", "decision_level", KH_F_ENUM, 0, 1, 0, 0, decision_levels, NULL},
	{"function", "function", KH_F_ENUM, 0, 1, 0, 0, functions, NULL},
	{"warmth", "warmth", KH_F_ENUM, 0, 1, 0, 0, warmth, NULL},
	{"humility", "humility", KH_F_ENUM, 0, 1, 0, 0, humility, NULL},
	{"kindness", "kindness", KH_F_ENUM, 0, 1, 0, 0, kindness, NULL},
	{"dominance", "dominance", KH_F_ENUM, 0, 1, 0, 0, dominance, NULL},
	{"reports_to", "reports_to", KH_F_REF, 0, 1, 0, 0, NULL, "contacts"},
	{"notes", "notes", KH_F_LONGTEXT, 0, 1, 0, 0, NULL, NULL},
	{"last_contact_date", "last_contact_date", KH_F_DATE, RO, 1, 0, 0, NULL, NULL},
	{"last_contact_note", "last_contact_note", KH_F_TEXT, RO, 1, 0, 0, NULL, NULL},
	{"next_contact_date", "next_contact_date", KH_F_DATE, RO, 1, 0, 0, NULL, NULL},
	{"custom", "custom", KH_F_JSON, 0, 1, 0, 0, NULL, NULL},
};

static const struct kh_field product_fields[] = {
	{"code", "code", KH_F_TEXT, 0, 1, 0, 64, NULL, NULL},
	{"name", "name", KH_F_TEXT, REQ, 1, 0, 200, NULL, NULL},
	{"category", "category", KH_F_TEXT, 0, 1, 0, 100, NULL, NULL},
	{"unit", "unit", KH_F_TEXT, 0, 1, 0, 20, NULL, NULL},
	{"unit_price", "unit_price_fen", KH_F_MONEY, 0, 1, 0, 0, NULL, NULL},
	{"unit_cost", "unit_cost_fen", KH_F_MONEY, 0, 1, 0, 0, NULL, NULL},
	{"active", "active", KH_F_BOOL, 0, 1, 0, 0, NULL, NULL},
};

static const char *const order_statuses[] = {"confirmed", "delivered", "cancelled", NULL};

static const struct kh_field order_fields[] = {
	{"customer", "customer_id", KH_F_REF, REQ | FIXED | FILT, 1, 0, 0, NULL, "customers"},
	{"date", "order_date", KH_F_DATE, REQ | SORT, 1, BUSINESS, NULL, NULL},
	{"amount", "amount_fen", KH_F_MONEY, REQ, 1, 0, 0, NULL, NULL},
	{"cost", "cost_fen", KH_F_MONEY, 0, 1, 0, 0, NULL, NULL},
	{"status", "status", KH_F_ENUM, FILT, 1, 0, 0, order_statuses, NULL},
	{"channel", "channel", KH_F_TEXT, 0, 1, 0, 100, NULL, NULL},
	{"note", "note", KH_F_LONGTEXT, 0, 1, 0, 0, NULL, NULL},
	{"owner", "owner_id", KH_F_REF, FILT, 1, 0, 0, NULL, "users"},
	/* the contract whose approval made it (service/sales/contract.h) */
	{"contract", "contract_id", KH_F_REF, RO, 1, 0, 0, NULL, "contracts"},
};

/* The former payments, table receivable_plans since migration 23: the
 * deprecated /api/v1/payments serves them with the fields it always had. */
static const struct kh_field payment_fields[] = {
	{"order", "order_id", KH_F_REF, REQ | FIXED | FILT, 1, 0, 0, NULL, "orders"},
	{"customer", "customer_id", KH_F_REF, REQ | FIXED | FILT, 1, 0, 0, NULL, "customers"},
	{"amount", "amount_fen", KH_F_MONEY, REQ, 1, 0, 0, NULL, NULL},
	{"due_date", "due_date", KH_F_DATE, REQ | SORT, 1, BUSINESS, NULL, NULL},
	{"paid_date", "paid_date", KH_F_DATE, 0, 1, BUSINESS, NULL, NULL},
};

/* Approval (service/sales/approval.h), the same for contracts and receipts. */
static const char *const approval_statuses[] = {"draft", "review", "approved", "rejected",
						"cancelled", NULL};
#define APPROVAL_FIELDS                                                                  \
	{"status", "status", KH_F_ENUM, RO | FILT, 1, 0, 0, approval_statuses, NULL},      \
	{"submitted_at", "submitted_at", KH_F_TEXT, RO, 1, 0, 0, NULL, NULL},              \
	{"approver", "approver_id", KH_F_REF, RO, 1, 0, 0, NULL, "users"},                 \
	{"decided_at", "decided_at", KH_F_TEXT, RO, 1, 0, 0, NULL, NULL},                  \
	{"approval_comment", "approval_comment", KH_F_TEXT, RO, 1, 0, 500, NULL, NULL}

/* A contract (合同): discount in percent with two decimals (stored as basis
 * points through the money parser: 12.50 -> 1250), total in yuan. */
static const struct kh_field contract_fields[] = {
	{"number", "number", KH_F_TEXT, FIXED | FILT, 1, 0, 60, NULL, NULL},
	{"name", "name", KH_F_TEXT, REQ, 1, 0, 200, NULL, NULL},
	{"customer", "customer_id", KH_F_REF, REQ | FIXED | FILT, 1, 0, 0, NULL, "customers"},
	{"opportunity", "opportunity_id", KH_F_REF, 0, 1, 0, 0, NULL, "opportunities"},
	{"owner", "owner_id", KH_F_REF, FILT, 1, 0, 0, NULL, "users"},
	{"signed_date", "signed_date", KH_F_DATE, 0, 1, BUSINESS, NULL, NULL},
	{"start_date", "start_date", KH_F_DATE, 0, 1, BUSINESS, NULL, NULL},
	{"end_date", "end_date", KH_F_DATE, 0, 1, 2000, 30, NULL, NULL},
	{"discount", "discount_bp", KH_F_MONEY, 0, 1, 0, 0, NULL, NULL},
	{"total", "total_fen", KH_F_MONEY, 0, 1, 0, 0, NULL, NULL},
	{"customer_signer", "customer_signer_id", KH_F_REF, 0, 1, 0, 0, NULL, "contacts"},
	{"our_signer", "our_signer_id", KH_F_REF, 0, 1, 0, 0, NULL, "users"},
	{"note", "note", KH_F_LONGTEXT, 0, 1, 0, 0, NULL, NULL},
	APPROVAL_FIELDS,
};

/* A payment plan (回款计划): one period of a contract (or, as before, of an
 * order); received and paid_date are kept by the receipts' approvals. */
static const struct kh_field receivable_plan_fields[] = {
	{"contract", "contract_id", KH_F_REF, FIXED | FILT, 1, 0, 0, NULL, "contracts"},
	{"order", "order_id", KH_F_REF, FILT, 1, 0, 0, NULL, "orders"},
	{"customer", "customer_id", KH_F_REF, REQ | FIXED | FILT, 1, 0, 0, NULL, "customers"},
	{"period", "period", KH_F_INT, 0, 1, 1, 1000, NULL, NULL},
	{"amount", "amount_fen", KH_F_MONEY, REQ, 1, 0, 0, NULL, NULL},
	{"due_date", "due_date", KH_F_DATE, REQ | SORT, 1, BUSINESS, NULL, NULL},
	{"remind_days", "remind_days", KH_F_INT, 0, 1, 0, 365, NULL, NULL},
	{"owner", "owner_id", KH_F_REF, 0, 1, 0, 0, NULL, "users"},
	{"note", "note", KH_F_LONGTEXT, 0, 1, 0, 0, NULL, NULL},
	{"received", "received_fen", KH_F_MONEY, RO, 1, 0, 0, NULL, NULL},
	{"paid_date", "paid_date", KH_F_DATE, RO, 1, BUSINESS, NULL, NULL},
};

/* 回款方式 */
static const char *const receipt_methods[] = {"cheque", "cash", "postal", "wire", "online",
					      "alipay", "wechat", "other", NULL};

/* A receipt (回款): its customer is its contract's. */
static const struct kh_field receivable_fields[] = {
	{"number", "number", KH_F_TEXT, FIXED | FILT, 1, 0, 60, NULL, NULL},
	{"contract", "contract_id", KH_F_REF, REQ | FIXED | FILT, 1, 0, 0, NULL, "contracts"},
	{"plan", "plan_id", KH_F_REF, 0, 1, 0, 0, NULL, "receivable_plans"},
	{"customer", "customer_id", KH_F_REF, REQ | FIXED | FILT, 1, 0, 0, NULL, "customers"},
	{"received_date", "received_date", KH_F_DATE, REQ, 1, BUSINESS, NULL, NULL},
	{"amount", "amount_fen", KH_F_MONEY, REQ, 1, 0, 0, NULL, NULL},
	{"method", "method", KH_F_ENUM, 0, 1, 0, 0, receipt_methods, NULL},
	{"owner", "owner_id", KH_F_REF, 0, 1, 0, 0, NULL, "users"},
	{"note", "note", KH_F_LONGTEXT, 0, 1, 0, 0, NULL, NULL},
	APPROVAL_FIELDS,
};

static const char *const activity_kinds[] = {"visit", "call", "meeting", "email", "message",
					     "note", NULL};
static const char *const activity_statuses[] = {"planned", "done", "cancelled", NULL};
static const char *const visit_methods[] = {"phone_appointment", "face_to_face", NULL};

static const struct kh_field activity_fields[] = {
	{"customer", "customer_id", KH_F_REF, REQ | FIXED | FILT, 1, 0, 0, NULL, "customers"},
	{"contact", "contact_id", KH_F_REF, 0, 1, 0, 0, NULL, "contacts"},
	{"user", "user_id", KH_F_REF, FILT, 1, 0, 0, NULL, "users"},
	{"kind", "kind", KH_F_ENUM, REQ | FILT, 1, 0, 0, activity_kinds, NULL},
	{"date", "activity_date", KH_F_DATE, REQ | SORT, 1, BUSINESS, NULL, NULL},
	{"status", "status", KH_F_ENUM, 0, 1, 0, 0, activity_statuses, NULL},
	{"subject", "subject", KH_F_TEXT, 0, 1, 0, 200, NULL, NULL},
	{"note", "note", KH_F_LONGTEXT, 0, 1, 0, 0, NULL, NULL},
	{"outcome", "outcome", KH_F_LONGTEXT, 0, 1, 0, 0, NULL, NULL},
	{"next_step", "next_step", KH_F_TEXT, 0, 1, 0, 500, NULL, NULL},
	{"next_date", "next_date", KH_F_DATE, 0, 1, BUSINESS, NULL, NULL},
	{"purpose", "purpose", KH_F_LONGTEXT, 0, 1, 0, 0, NULL, NULL},
	{"method", "method", KH_F_ENUM, 0, 1, 0, 0, visit_methods, NULL},
	{"prep_time_place", "prep_time_place", KH_F_LONGTEXT, 0, 1, 0, 0, NULL, NULL},
	{"prep_sales_records", "prep_sales_records", KH_F_LONGTEXT, 0, 1, 0, 0, NULL, NULL},
	{"topic_local_sales", "topic_local_sales", KH_F_LONGTEXT, 0, 1, 0, 0, NULL, NULL},
	{"topic_market_competitors", "topic_market_competitors", KH_F_LONGTEXT, 0, 1, 0, 0, NULL, NULL},
	{"topic_problems", "topic_problems", KH_F_LONGTEXT, 0, 1, 0, 0, NULL, NULL},
	{"place_market", "place_market", KH_F_LONGTEXT, 0, 1, 0, 0, NULL, NULL},
	{"place_channel", "place_channel", KH_F_LONGTEXT, 0, 1, 0, 0, NULL, NULL},
	{"place_staff", "place_staff", KH_F_LONGTEXT, 0, 1, 0, 0, NULL, NULL},
	{"report", "report", KH_F_LONGTEXT, 0, 1, 0, 0, NULL, NULL},
	{"approved_by", "approved_by", KH_F_REF, RO, 1, 0, 0, NULL, "users"},
	{"approved_at", "approved_at", KH_F_TEXT, RO, 1, 0, 0, NULL, NULL},
	{"rejected_by", "rejected_by", KH_F_REF, RO, 1, 0, 0, NULL, "users"},
	{"rejected_at", "rejected_at", KH_F_TEXT, RO, 1, 0, 0, NULL, NULL},
	{"reject_comment", "reject_comment", KH_F_TEXT, RO, 1, 0, 0, NULL, NULL},
	{"opportunity", "opportunity_id", KH_F_REF, FILT, 1, 0, 0, NULL, "opportunities"},
	/* a lead's follow-up (service/leads): set by kehu, kept on conversion */
	{"lead", "lead_id", KH_F_REF, RO, 1, 0, 0, NULL, "leads"},
};

static const char *const stages[] = {"lead", "qualified", "proposal", "negotiation", "won",
				     "lost", NULL};

static const struct kh_field opportunity_fields[] = {
	{"customer", "customer_id", KH_F_REF, REQ | FIXED | FILT, 1, 0, 0, NULL, "customers"},
	{"name", "name", KH_F_TEXT, REQ, 1, 0, 200, NULL, NULL},
	{"stage", "stage", KH_F_ENUM, FILT, 1, 0, 0, stages, NULL},
	{"amount", "amount_fen", KH_F_MONEY, SORT, 1, 0, 0, NULL, NULL},
	{"probability", "probability", KH_F_INT, 0, 1, 0, 100, NULL, NULL},
	{"followup_count", "followup_count", KH_F_INT, 0, 1, 0, 10000, NULL, NULL},
	{"expected_close", "expected_close", KH_F_DATE, SORT, 1, BUSINESS, NULL, NULL},
	{"closed_on", "closed_on", KH_F_DATE, 0, 1, BUSINESS, NULL, NULL},
	{"owner", "owner_id", KH_F_REF, FILT, 1, 0, 0, NULL, "users"},
	{"contact", "contact_id", KH_F_REF, 0, 1, 0, 0, NULL, "contacts"},
	{"note", "note", KH_F_LONGTEXT, 0, 1, 0, 0, NULL, NULL},
	/* required when the stage becomes lost (service/sales/stage.h) */
	{"lost_reason", "lost_reason", KH_F_TEXT, 0, 1, 0, KH_LOST_REASON_MAX, NULL, NULL},
	{"last_contact_date", "last_contact_date", KH_F_DATE, RO, 1, 0, 0, NULL, NULL},
	{"last_contact_note", "last_contact_note", KH_F_TEXT, RO, 1, 0, 0, NULL, NULL},
	{"next_contact_date", "next_contact_date", KH_F_DATE, RO, 1, 0, 0, NULL, NULL},
};

static const char *const task_kinds[] = {"follow_up", "visit", "call", "birthday",
					 "anniversary", "other", NULL};

static const struct kh_field task_fields[] = {
	{"customer", "customer_id", KH_F_REF, FILT, 1, 0, 0, NULL, "customers"},
	{"contact", "contact_id", KH_F_REF, 0, 1, 0, 0, NULL, "contacts"},
	{"user", "user_id", KH_F_REF, FILT, 1, 0, 0, NULL, "users"},
	{"title", "title", KH_F_TEXT, REQ, 1, 0, 200, NULL, NULL},
	{"kind", "kind", KH_F_ENUM, 0, 1, 0, 0, task_kinds, NULL},
	{"due_date", "due_date", KH_F_DATE, SORT, 1, BUSINESS, NULL, NULL},
	{"done", "done", KH_F_BOOL, FILT, 1, 0, 0, NULL, NULL},
};

static const char *const date_kinds[] = {"birthday", "founding", "first_deal", "anniversary",
					 "holiday", "other", NULL};

static const struct kh_field important_date_fields[] = {
	{"customer", "customer_id", KH_F_REF, REQ | FIXED | FILT, 1, 0, 0, NULL, "customers"},
	{"contact", "contact_id", KH_F_REF, 0, 1, 0, 0, NULL, "contacts"},
	{"kind", "kind", KH_F_ENUM, REQ, 1, 0, 0, date_kinds, NULL},
	{"date", "date", KH_F_DATE, REQ | SORT, 1, ANNIVERSARY, NULL, NULL},
	{"label", "label", KH_F_TEXT, 0, 1, 0, 200, NULL, NULL},
	{"yearly", "yearly", KH_F_BOOL, 0, 1, 0, 0, NULL, NULL},
};

static const char *const competitor_statuses[] = {"planned", "under_way", "using",
						  "used_before", NULL};

static const struct kh_field competitor_fields[] = {
	{"customer", "customer_id", KH_F_REF, REQ | FIXED | FILT, 1, 0, 0, NULL, "customers"},
	{"brand", "brand", KH_F_TEXT, REQ, 2, 0, 200, NULL, NULL},
	{"status", "status", KH_F_ENUM, 0, 2, 0, 0, competitor_statuses, NULL},
	{"projects", "projects", KH_F_LONGTEXT, 0, 2, 0, 0, NULL, NULL},
	{"experience", "experience", KH_F_LONGTEXT, 0, 2, 0, 0, NULL, NULL},
	{"their_sales", "their_sales_fen", KH_F_MONEY, 0, 2, 0, 0, NULL, NULL},
	{"our_sales", "our_sales_fen", KH_F_MONEY, 0, 2, 0, 0, NULL, NULL},
	{"note", "note", KH_F_LONGTEXT, 0, 2, 0, 0, NULL, NULL},
};


/* A lead (线索, issue 13): industry takes a customer's segments, source a
 * customer's sources, so a conversion copies them as they are. Status
 * "converted" and the conversion's columns are kehu's (service/leads). No sort
 * is documented: a rep's or a team's leads are few and sorted in memory. */
static const char *const lead_statuses[] = {"new", "following", "converted", "invalid", NULL};

static const struct kh_field lead_fields[] = {
	{"name", "name", KH_F_TEXT, REQ, 1, 0, 100, NULL, NULL},
	{"company", "company", KH_F_TEXT, 0, 1, 0, 200, NULL, NULL},
	{"mobile", "mobile", KH_F_PHONE, 0, 1, 0, 0, NULL, NULL},
	{"phone", "phone", KH_F_PHONE, 0, 1, 0, 0, NULL, NULL},
	{"email", "email", KH_F_EMAIL, 0, 1, 0, 0, NULL, NULL},
	{"source", "source", KH_F_ENUM, FILT, 1, 0, 0, sources, NULL},
	{"region", "region", KH_F_TEXT, 0, 1, 0, 100, NULL, NULL},
	{"industry", "industry", KH_F_ENUM, FILT, 1, 0, 0, segments, NULL},
	{"address", "address", KH_F_TEXT, 0, 1, 0, 500, NULL, NULL},
	{"note", "note", KH_F_LONGTEXT, 0, 1, 0, 0, NULL, NULL},
	{"owner", "owner_id", KH_F_REF, FILT, 1, 0, 0, NULL, "users"},
	{"team", "team_id", KH_F_REF, FILT, 1, 0, 0, NULL, "teams"},
	{"status", "status", KH_F_ENUM, FILT, 1, 0, 0, lead_statuses, NULL},
	{"converted_customer", "converted_customer_id", KH_F_REF, RO, 1, 0, 0, NULL, "customers"},
	{"converted_at", "converted_at", KH_F_TEXT, RO, 1, 0, 0, NULL, NULL},
	{"last_contact_at", "last_contact_at", KH_F_TEXT, RO, 1, 0, 0, NULL, NULL},
	{"last_contact_note", "last_contact_note", KH_F_TEXT, RO, 1, 0, 0, NULL, NULL},
	{"next_contact_date", "next_contact_date", KH_F_DATE, 0, 1, BUSINESS, NULL, NULL},
};

/* A customer's and a contact's derived rows: search keys and phones, stored
 * dashboard results, the pool clocks of a new customer, duplicate keys. */
static int customer_after_write(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *row,
				struct kh_error *err)
{
	int rc = kh_report_upkeep_customer(ctx, id, old, row, err);

	if (rc == 0)
		rc = kh_pool_customer_written(ctx, id, old, row, err);
	return rc ? rc : kh_duplicates_index_customer(ctx, id, old, row, err);
}

static int contact_after_write(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *row,
			       struct kh_error *err)
{
	int rc = kh_search_index_contact(ctx, id, old, row, err);

	return rc ? rc : kh_duplicates_index_contact(ctx, id, old, row, err);
}

/* An opportunity's stage rules, and an amount that follows its lines. */
static int opportunity_check_write(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *cols,
				   struct kh_error *err)
{
	int rc = kh_opportunity_check_write(ctx, id, old, cols, err);

	return rc ? rc : kh_opportunity_check_lines(ctx, id, old, cols, err);
}

/* An opportunity's stored dashboard results and its stage history. */
static int opportunity_after_write(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *row,
				   struct kh_error *err)
{
	int rc = kh_report_upkeep_opportunity(ctx, id, old, row, err);

	return rc ? rc : kh_opportunity_stage_written(ctx, id, old, row, err);
}

const struct kh_entity kh_customer_entity = {
	.name = "customer",
	.table = "customers",
	.fields = customer_fields,
	.nfields = N(customer_fields),
	.after_write = customer_after_write,
	.check_write = kh_duplicates_check_customer,
};
const struct kh_entity kh_contact_entity = {
	.name = "contact",
	.table = "contacts",
	.fields = contact_fields,
	.nfields = N(contact_fields),
	.after_write = contact_after_write,
};
const struct kh_entity kh_product_entity = {
	.name = "product",
	.table = "products",
	.fields = product_fields,
	.nfields = N(product_fields),
	.after_write = kh_report_upkeep_product,
};
const struct kh_entity kh_order_entity = {
	.name = "order",
	.table = "orders",
	.fields = order_fields,
	.nfields = N(order_fields),
	.check_update = kh_order_check_update,
	.customer_changed = kh_analyze_refresh_customer,
	.pool_changed = kh_pool_refresh_customer,
};
const struct kh_entity kh_payment_entity = {
	.name = "payment",
	.table = "receivable_plans",
	.fields = payment_fields,
	.nfields = N(payment_fields),
	.customer_changed = kh_analyze_refresh_customer,
};
const struct kh_entity kh_activity_entity = {
	.name = "activity",
	.table = "activities",
	.fields = activity_fields,
	.nfields = N(activity_fields),
	.after_write = kh_followup_after_activity,
	.customer_changed = kh_analyze_refresh_customer,
	.pool_changed = kh_pool_refresh_customer,
};
const struct kh_entity kh_opportunity_entity = {
	.name = "opportunity",
	.table = "opportunities",
	.fields = opportunity_fields,
	.nfields = N(opportunity_fields),
	.after_write = opportunity_after_write,
	.check_write = opportunity_check_write,
	.pool_changed = kh_pool_refresh_customer,
};
const struct kh_entity kh_task_entity = {
	.name = "task",
	.table = "tasks",
	.fields = task_fields,
	.nfields = N(task_fields),
};
const struct kh_entity kh_important_date_entity = {
	.name = "important_date",
	.table = "important_dates",
	.fields = important_date_fields,
	.nfields = N(important_date_fields),
};
const struct kh_entity kh_lead_entity = {
	.name = "lead",
	.table = "leads",
	.fields = lead_fields,
	.nfields = N(lead_fields),
	.check_write = kh_lead_check_write,
};
const struct kh_entity kh_contract_entity = {
	.name = "contract",
	.table = "contracts",
	.fields = contract_fields,
	.nfields = N(contract_fields),
	.check_write = kh_contract_check_write,
	.after_write = kh_contract_after_write,
};
const struct kh_entity kh_receivable_plan_entity = {
	.name = "receivable_plan",
	.table = "receivable_plans",
	.fields = receivable_plan_fields,
	.nfields = N(receivable_plan_fields),
	.customer_changed = kh_analyze_refresh_customer,
	.prepare_create = kh_plan_prepare,
	.present = kh_plan_present,
	.list_filter = kh_plan_list_filter,
};
const struct kh_entity kh_receivable_entity = {
	.name = "receivable",
	.table = "receivables",
	.fields = receivable_fields,
	.nfields = N(receivable_fields),
	.check_write = kh_receivable_check_write,
	.after_write = kh_receivable_after_write,
	.prepare_create = kh_receivable_prepare,
};
const struct kh_entity kh_competitor_entity = {
	.name = "competitor",
	.table = "competitors",
	.fields = competitor_fields,
	.nfields = N(competitor_fields),
};

static const struct kh_entity *const all_entities[] = {
	&kh_customer_entity, &kh_contact_entity, &kh_product_entity, &kh_order_entity,
	&kh_payment_entity, &kh_activity_entity, &kh_opportunity_entity, &kh_task_entity,
	&kh_important_date_entity, &kh_competitor_entity, &kh_lead_entity, &kh_contract_entity,
	&kh_receivable_plan_entity, &kh_receivable_entity,
};

const struct kh_entity *kh_entity_find(const char *name)
{
	for (size_t i = 0; i < N(all_entities); i++)
		if (strcmp(all_entities[i]->name, name) == 0)
			return all_entities[i];
	return NULL;
}
