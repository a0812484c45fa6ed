/*
 * router.c: the route table, built once at start-up from the fixed routes
 * and the registry's resources, and matched segment by segment. The same
 * table drives the OpenAPI document, so the description cannot drift from
 * what is served. The phone lookup comes first: it is the hottest path.
 */
#include "http/internal.h"

#include <stdio.h>
#include <string.h>

#include "http/events.h"
#include "http/handlers.h"
#include "service/io/import.h"
#include "base/banned.h"

const struct kh_resource kh_http_resources[] = {
	{"customers", "customer"},
	{"contacts", "contact"},
	{"products", "product"},
	{"orders", "order"},
	{"payments", "payment"},
	{"activities", "activity"},
	{"opportunities", "opportunity"},
	{"tasks", "task"},
	{"important_dates", "important_date"},
	{"competitors", "competitor"},
	{"leads", "lead"},
	{"contracts", "contract"},
	{"receivable_plans", "receivable_plan"},
	{"receivables", "receivable"},
};
const size_t kh_http_nresources = sizeof(kh_http_resources) / sizeof(kh_http_resources[0]);

static void add(struct kh_router *rt, const char *method, const char *pattern, kh_handler fn,
		const struct kh_resource *res, unsigned flags, const char *op, int status,
		const char *summary)
{
	struct kh_route *r;

	if (rt->n >= KH_HTTP_ROUTES_MAX)
		return;
	r = &rt->routes[rt->n++];
	r->method = method;
	snprintf(r->pattern, sizeof(r->pattern), "%s", pattern);
	r->fn = fn;
	r->res = res;
	r->flags = flags;
	r->op = op;
	r->status = status;
	r->summary = summary;
}

void kh_router_init(struct kh_router *rt)
{
	char p[96];

	rt->n = 0;
	add(rt, "GET", "/api/v1/lookup", kh_h_lookup, NULL, 0, NULL, 200,
	    "The 360-degree view of the customer a phone number belongs to");
	add(rt, "GET", "/healthz", kh_h_healthz, NULL, KH_ROUTE_PUBLIC, NULL, 200,
	    "Liveness check");
	add(rt, "GET", "/api/v1/openapi.json", kh_h_openapi, NULL, KH_ROUTE_PUBLIC, NULL, 200,
	    "This API description");
	add(rt, "POST", "/api/v1/setup", kh_h_setup, NULL, KH_ROUTE_PUBLIC | KH_ROUTE_BODY, NULL,
	    201, "Create the first admin with the one-time setup token");
	add(rt, "POST", "/api/v1/login", kh_h_login, NULL, KH_ROUTE_PUBLIC | KH_ROUTE_BODY, NULL,
	    200, "Log in: sets the session cookie and returns the CSRF token");
	add(rt, "POST", "/api/v1/logout", kh_h_logout, NULL, 0, NULL, 204, "End the session");
	add(rt, "GET", "/api/v1/me", kh_h_me, NULL, 0, NULL, 200, "The logged-in user");
	add(rt, "POST", "/api/v1/tokens", kh_h_token_create, NULL, KH_ROUTE_BODY, NULL, 201,
	    "Create a personal API token for yourself");
	add(rt, "GET", "/api/v1/tokens", kh_h_token_list, NULL, 0, NULL, 200,
	    "Your API tokens, never their secrets (admins: everyone's, ?user=ID)");
	add(rt, "DELETE", "/api/v1/tokens/{id}", kh_h_token_revoke, NULL, 0, NULL, 204,
	    "Revoke an API token (your own; admins: anyone's)");
	add(rt, "GET", "/api/v1/search", kh_h_search, NULL, 0, NULL, 200,
	    "Search customers and contacts by name, pinyin or phone digits");

	for (size_t i = 0; i < kh_http_nresources; i++) {
		const struct kh_resource *res = &kh_http_resources[i];

		snprintf(p, sizeof(p), "/api/v1/%s", res->path);
		add(rt, "GET", p, kh_h_entity_list, res, 0, "list", 200, NULL);
		add(rt, "POST", p, kh_h_entity_create, res, KH_ROUTE_BODY, "create", 201, NULL);
		snprintf(p, sizeof(p), "/api/v1/%s/{id}", res->path);
		/* A customer comes with its metrics. */
		add(rt, "GET", p, i == 0 ? kh_h_customer_get : kh_h_entity_get, res, 0, "get", 200,
		    NULL);
		add(rt, "PATCH", p, kh_h_entity_update, res, KH_ROUTE_BODY, "update", 200, NULL);
		add(rt, "DELETE", p, kh_h_entity_delete, res, 0, "delete", 204, NULL);
	}
	for (size_t i = 0; i < kh_http_nresources; i++) {
		/* Leads, contracts, plans and receipts are not exported yet
		 * (service/io knows the other types). */
		if (strcmp(kh_http_resources[i].path, "leads") == 0 ||
		    strcmp(kh_http_resources[i].path, "contracts") == 0 ||
		    strcmp(kh_http_resources[i].path, "receivable_plans") == 0 ||
		    strcmp(kh_http_resources[i].path, "receivables") == 0)
			continue;
		snprintf(p, sizeof(p), "/api/v1/exports/%s", kh_http_resources[i].path);
		add(rt, "GET", p, kh_h_export, &kh_http_resources[i], 0, "export", 200, NULL);
	}
	add(rt, "POST", "/api/v1/contacts/vcard", kh_h_contact_vcard_import, NULL, KH_ROUTE_RAW,
	    NULL, 200,
	    "Create or update a customer's contacts from vCards (3.0 or 4.0) in the body "
	    "(?customer_id=ID): by name, else mobile; all cards or none");
	add(rt, "GET", "/api/v1/customers/{id}/view", kh_h_customer_view, NULL, 0, NULL, 200,
	    "The 360-degree view of a customer");
	add(rt, "GET", "/api/v1/customers/{id}/owners", kh_h_customer_owners, NULL, 0, NULL, 200,
	    "Owner, pool flag and shares of a customer");
	add(rt, "GET", "/api/v1/customers/{id}/history", kh_h_customer_history, NULL, 0, NULL, 200,
	    "Change history of a customer and its records, newest first (?before=ID&limit=N)");
	add(rt, "POST", "/api/v1/customers/{id}/transfer", kh_h_customer_transfer, NULL,
	    KH_ROUTE_BODY, NULL, 200, "Give a customer to another user");
	add(rt, "POST", "/api/v1/customers/{id}/share", kh_h_customer_share, NULL, KH_ROUTE_BODY,
	    NULL, 200, "Share a customer with a colleague (read, write or none)");
	add(rt, "POST", "/api/v1/customers/{id}/release", kh_h_customer_release, NULL, 0, NULL,
	    200, "Release a customer to the public pool");
	add(rt, "POST", "/api/v1/customers/{id}/claim", kh_h_customer_claim, NULL, 0, NULL, 200,
	    "Claim a customer from the public pool");
	add(rt, "POST", "/api/v1/customers/{id}/lock", kh_h_customer_lock, NULL, 0, NULL, 200,
	    "Lock a customer (锁定): the pool sweep passes it by (pool.max_locked_per_rep)");
	add(rt, "POST", "/api/v1/customers/{id}/unlock", kh_h_customer_unlock, NULL, 0, NULL,
	    200, "Unlock a customer");
	add(rt, "POST", "/api/v1/customers/bulk/transfer", kh_h_customers_bulk_transfer, NULL,
	    KH_ROUTE_BODY, NULL, 200,
	    "Give up to 500 customers to another user, all or nothing: {\"ids\": [...], \"to\", ...}");
	add(rt, "POST", "/api/v1/customers/bulk/share", kh_h_customers_bulk_share, NULL,
	    KH_ROUTE_BODY, NULL, 200,
	    "Share up to 500 customers with a colleague, all or nothing: {\"ids\", \"user\", "
	    "\"access\"}");
	add(rt, "POST", "/api/v1/customers/bulk/release", kh_h_customers_bulk_release, NULL,
	    KH_ROUTE_BODY, NULL, 200,
	    "Release up to 500 customers to the public pool, all or nothing: {\"ids\": [...]}");
	add(rt, "GET", "/api/v1/customers/{id}/merge", kh_h_customer_merge_preview, NULL, 0, NULL,
	    200, "Preview merging customer ?from=ID into this one: both side by side, the "
	    "fields that differ, the rows that would move");
	add(rt, "POST", "/api/v1/customers/{id}/merge", kh_h_customer_merge, NULL, KH_ROUTE_BODY,
	    NULL, 200, "Merge customer {\"from\": ID} into this one: its rows move here, "
	    "\"take\" names the fields whose value comes from it (default: fill blanks)");
	add(rt, "GET", "/api/v1/duplicates/check", kh_h_duplicates_check, NULL, 0, NULL, 200,
	    "查重 before a form is typed: the customers holding the same credit code, "
	    "normalised name, phone or email (?name=&phone=&email=&credit_code=), with only "
	    "their id, name, owner, pool and other-team flags (anyone logged in)");
	add(rt, "GET", "/api/v1/duplicates", kh_h_duplicates_report, NULL, 0, NULL, 200,
	    "The duplicate report: groups of customers sharing a key (?limit=&offset=; admins, "
	    "and managers for the groups touching their scope)");
	add(rt, "POST", "/api/v1/leads/{id}/convert", kh_h_lead_convert, NULL, KH_ROUTE_BODY,
	    NULL, 200, "Convert a lead into a customer with a contact (and, given "
	    "{\"opportunity\": {...}}, an opportunity) once, through duplicate control "
	    "(\"force\" for managers): 409 lead_converted the second time");
	add(rt, "GET", "/api/v1/leads/{id}/followups", kh_h_lead_followups, NULL, 0, NULL, 200,
	    "The follow-ups (activities) of a lead, newest first");
	add(rt, "POST", "/api/v1/leads/{id}/followups", kh_h_lead_followup, NULL, KH_ROUTE_BODY,
	    NULL, 201, "Log a follow-up of a lead ({\"kind\", \"date\", \"subject\", "
	    "\"note\", \"next_date\"}): sets its last and next contact, new -> following");
	add(rt, "GET", "/api/v1/opportunities/{id}/stages", kh_h_opportunity_stages, NULL, 0,
	    NULL, 200, "The stage history of an opportunity (who, when, from, to, the lost "
	    "reason), oldest first; the creation has from_stage null");
	add(rt, "POST", "/api/v1/activities/{id}/approve", kh_h_activity_approve, NULL, 0, NULL,
	    200, "Approve a visit plan (a manager or admin over the customer's owner)");
	for (size_t i = 0; i < 2; i++) {
		static const char *const paths[] = {"contracts", "receivables"};
		static const struct {
			const char *verb, *summary;
		} acts[] = {
			{"submit", "submit a draft or rejected one for approval (draft -> review)"},
			{"approve", "approve one in review ({\"comment\"}; the owner's team leader "
				    "or a manager over the owner, not the owner unless an admin)"},
			{"reject", "reject one in review ({\"comment\"} required)"},
			{"cancel", "cancel a draft, rejected or approved one"},
		};
		static char summaries[2][4][200];

		for (size_t k = 0; k < 4; k++) {
			snprintf(p, sizeof(p), "/api/v1/%s/{id}/%s", paths[i], acts[k].verb);
			snprintf(summaries[i][k], sizeof(summaries[i][k]), "%s: %s",
				 i ? "Receipt (回款)" : "Contract (合同)", acts[k].summary);
			add(rt, "POST", p, i ? kh_h_receivable_act : kh_h_contract_act, NULL,
			    KH_ROUTE_BODY, NULL, 200, summaries[i][k]);
		}
	}
	add(rt, "POST", "/api/v1/activities/{id}/reject", kh_h_activity_reject, NULL,
	    KH_ROUTE_BODY, NULL, 200,
	    "Reject a visit plan with a comment (whoever may approve it)");

	add(rt, "POST", "/api/v1/imports", kh_h_import_create, NULL, KH_ROUTE_UPLOAD, NULL, 202,
	    "Import a sheet (CSV, the file as the body; ?type=customers|contacts|products|orders|"
	    "activities|opportunities&mode=create|update|upsert&dry_run=&partial=&map=&lang=): "
	    "a job, run on its own thread");
	add(rt, "POST", "/api/v1/imports/preview", kh_h_import_preview, NULL, KH_ROUTE_UPLOAD,
	    NULL, 200, "The headers of a sheet, the fields they match and its first rows (?type=&map=)");
	add(rt, "GET", "/api/v1/imports/{id}", kh_h_import_get, NULL, 0, NULL, 200,
	    "An import job: state, progress (rows, bytes), counts, the reject file's link");
	add(rt, "GET", "/api/v1/imports/{id}/rejects", kh_h_import_rejects, NULL, 0, NULL, 200,
	    "The reject file of an import job (CSV: line, column, reason, the row's cells)");
	for (int t = KH_IMPORT_CUSTOMERS; t <= KH_IMPORT_OPPORTUNITIES; t++) {
		snprintf(p, sizeof(p), "/api/v1/imports/templates/%s", kh_import_type_name(t));
		add(rt, "GET", p, kh_h_import_template, NULL, 0, NULL, 200,
		    "The import template (导入模板) of a type: a CSV header line (?lang=zh|en)");
	}

	add(rt, "GET", "/api/v1/users", kh_h_user_list, NULL, 0, "list", 200,
	    "Users in your data scope");
	add(rt, "POST", "/api/v1/users", kh_h_user_create, NULL, KH_ROUTE_BODY, "create", 201,
	    "Create a user (admins)");
	add(rt, "GET", "/api/v1/users/directory", kh_h_user_directory, NULL, 0, NULL, 200,
	    "Display names of every active user: id, display_name, login, team_id, team");
	add(rt, "GET", "/api/v1/users/{id}", kh_h_user_get, NULL, 0, "get", 200, "One user");
	add(rt, "PATCH", "/api/v1/users/{id}", kh_h_user_update, NULL, KH_ROUTE_BODY, "update",
	    200, "Change a user (admins; anyone their own display_name and password)");
	add(rt, "DELETE", "/api/v1/users/{id}", kh_h_user_delete, NULL, 0, "delete", 204,
	    "Deactivate and delete a user (admins)");
	add(rt, "GET", "/api/v1/teams", kh_h_team_list, NULL, 0, "list", 200, "The team tree");
	add(rt, "POST", "/api/v1/teams", kh_h_team_create, NULL, KH_ROUTE_BODY, "create", 201,
	    "Create a team (admins)");
	add(rt, "GET", "/api/v1/teams/{id}", kh_h_team_get, NULL, 0, "get", 200, "One team");
	add(rt, "PATCH", "/api/v1/teams/{id}", kh_h_team_update, NULL, KH_ROUTE_BODY, "update",
	    200, "Change a team (admins)");
	add(rt, "DELETE", "/api/v1/teams/{id}", kh_h_team_delete, NULL, 0, "delete", 204,
	    "Delete an empty team (admins)");
	add(rt, "GET", "/api/v1/analytics/abc", kh_h_analytics_abc, NULL, 0, NULL, 200,
	    "ABC classes and the Pareto curve of the customers in your scope (?basis=profit|sales|net_profit)");
	add(rt, "GET", "/api/v1/analytics/grid", kh_h_analytics_grid, NULL, 0, NULL, 200,
	    "Value grid heat map: purchase interval x amount, with tier counts");
	add(rt, "GET", "/api/v1/analytics/quadrants", kh_h_analytics_quadrants, NULL, 0, NULL,
	    200, "Quadrant scatter of one matrix or all (?matrix=value_loyalty|...|all)");
	add(rt, "GET", "/api/v1/analytics/lifecycle", kh_h_analytics_lifecycle, NULL, 0, NULL,
	    200, "Lifecycle funnel: customers per stage");
	add(rt, "GET", "/api/v1/analytics/loyalty", kh_h_analytics_loyalty, NULL, 0, NULL, 200,
	    "Customers per loyalty stage and brand loyalty");
	add(rt, "GET", "/api/v1/analytics/clv", kh_h_analytics_clv, NULL, 0, NULL, 200,
	    "CLV distribution and the top customers by CLV (?top=N)");
	add(rt, "GET", "/api/v1/analytics/whale", kh_h_analytics_whale, NULL, 0, NULL, 200,
	    "Cumulative profit (whale) curve and the 20/80/30 figures");
	add(rt, "GET", "/api/v1/analytics/cohorts", kh_h_analytics_cohorts, NULL, 0, NULL, 200,
	    "Retention by first-order cohort (?period=year|quarter)");
	add(rt, "GET", "/api/v1/analytics/forecast", kh_h_analytics_forecast, NULL, 0, NULL, 200,
	    "Monthly sales of 24 months, the annual-sales formula and the BG/NBD expectation");
	add(rt, "GET", "/api/v1/analytics/followups", kh_h_analytics_followups, NULL, 0, NULL,
	    200, "Opportunity conversion by number of follow-ups");
	add(rt, "GET", "/api/v1/next-visits", kh_h_next_visits, NULL, 0, NULL, 200,
	    "Next best visits per rep (?rep=USER_ID&limit=N)");
	add(rt, "GET", "/api/v1/statistics/profiling", kh_h_statistic, NULL, 0, NULL, 200,
	    "7P Profiling: customers by grade, segment and nature, ABC classes and value-grid "
	    "tiers (?format=xlsx)");
	add(rt, "GET", "/api/v1/statistics/persistency", kh_h_statistic, NULL, 0, NULL, 200,
	    "7P Persistency: lifecycle and loyalty stages, brand loyalty, first-order cohorts "
	    "(?format=xlsx)");
	add(rt, "GET", "/api/v1/statistics/profitability", kh_h_statistic, NULL, 0, NULL, 200,
	    "7P Profitability: net profit per customer of the last 12 months, the most and least "
	    "profitable, ABC by net profit, the whale figures (?format=xlsx)");
	add(rt, "GET", "/api/v1/statistics/performance", kh_h_statistic, NULL, 0, NULL, 200,
	    "7P Performance: sales of a period by product category, channel or region "
	    "(?from=&to=&group=category|channel|region&format=xlsx)");
	add(rt, "GET", "/api/v1/statistics/prospecting", kh_h_statistic, NULL, 0, NULL, 200,
	    "7P Prospecting: customers by segment and source at each month's end, new records and "
	    "first orders by month (?from=&to=&format=xlsx)");
	add(rt, "GET", "/api/v1/statistics/product", kh_h_statistic, NULL, 0, NULL, 200,
	    "7P Product: products bought together in a period, with support, confidence and lift "
	    "(?from=&to=&min_support=&format=xlsx)");
	add(rt, "GET", "/api/v1/statistics/promotion", kh_h_statistic, NULL, 0, NULL, 200,
	    "7P Promotion: the campaign and greeting mail sent in a period, its open, click and "
	    "unsubscribe rates in all, per campaign and per customer segment (?from=&to=&format=xlsx)");
	add(rt, "GET", "/api/v1/customers/{id}/cross-sell", kh_h_cross_sell, NULL, 0, NULL, 200,
	    "Products the customer has not bought that go with what they bought, by lift x "
	    "confidence, with the reason (?limit=N)");
	add(rt, "GET", "/api/v1/pipeline", kh_h_pipeline, NULL, 0, NULL, 200,
	    "The sales pipeline: per stage its count, amount and weighted amount and its "
	    "first cards by amount (?owner=ID&limit=N), or one stage's next page "
	    "(?stage=S&after=CURSOR)");
	/* Before /reports/{id}: {id} takes digits only, but these come first anyway. */
	add(rt, "GET", "/api/v1/reports/prefill", kh_h_report_prefill, NULL, 0, NULL, 200,
	    "A report pre-filled from your records of the period (?kind=daily|weekly&date=; "
	    "weekly: the Monday): counts, lists with ids, suggested work_done and plan texts "
	    "in the language of Accept-Language");
	add(rt, "GET", "/api/v1/reports/missing", kh_h_report_missing, NULL, 0, NULL, 200,
	    "Who in your scope has not submitted the report of a period (?kind=&date=; managers "
	    "and admins)");
	add(rt, "GET", "/api/v1/reports", kh_h_report_list, NULL, 0, "list", 200,
	    "Daily and weekly reports (日报/周报) you see, newest period first (?kind=&author=&"
	    "from=&to=&status=&limit=&offset=): your own; a manager's team's; an admin's all");
	add(rt, "POST", "/api/v1/reports", kh_h_report_create, NULL, KH_ROUTE_BODY, "create", 201,
	    "Write a draft report: {\"kind\", \"period_start\", \"work_done\", ...}; one per "
	    "author, kind and period (409 on period_start)");
	add(rt, "GET", "/api/v1/reports/{id}", kh_h_report_get, NULL, 0, "get", 200,
	    "A report with its comments and reads (a manager's reading is recorded)");
	add(rt, "PATCH", "/api/v1/reports/{id}", kh_h_report_update, NULL, KH_ROUTE_BODY,
	    "update", 200, "Change a draft report's text fields (its author only)");
	add(rt, "POST", "/api/v1/reports/{id}/submit", kh_h_report_submit, NULL, KH_ROUTE_BODY,
	    NULL, 200,
	    "Submit a draft report, once: then nobody changes it (409 on status)");
	add(rt, "POST", "/api/v1/reports/{id}/comments", kh_h_report_comment, NULL, KH_ROUTE_BODY,
	    NULL, 201, "Comment on a report ({\"body\"}): a manager who sees it, or its author");
	add(rt, "GET", "/api/v1/campaigns", kh_h_campaign_list, NULL, 0, "list", 200,
	    "E-mail campaigns you see, newest first (?status=&kind=campaign|greeting&page=&"
	    "per_page=), each with what became of its mail");
	add(rt, "POST", "/api/v1/campaigns", kh_h_campaign_create, NULL, KH_ROUTE_BODY, "create",
	    201, "A draft campaign: {\"name\", \"purpose\", \"lang\", \"audience\": {\"list\": "
	    "\"customers\"|\"contacts\", \"filters\", \"q\"}, \"subject\", \"body_text\", "
	    "\"body_html\"}");
	add(rt, "GET", "/api/v1/campaigns/{id}", kh_h_campaign_get, NULL, 0, "get", 200,
	    "A campaign with its counts and who was left out at sending");
	add(rt, "PATCH", "/api/v1/campaigns/{id}", kh_h_campaign_update, NULL, KH_ROUTE_BODY,
	    "update", 200, "Change a draft campaign (409 on status once it is sent or scheduled)");
	add(rt, "DELETE", "/api/v1/campaigns/{id}", kh_h_campaign_delete, NULL, 0, "delete", 204,
	    "Delete a draft campaign");
	add(rt, "GET", "/api/v1/campaigns/{id}/preview", kh_h_campaign_preview, NULL, 0, NULL, 200,
	    "The pre-send report: who the audience reaches now, who is left out and why, and "
	    "the message one recipient would get (?contact=ID)");
	add(rt, "POST", "/api/v1/campaigns/{id}/test", kh_h_campaign_test, NULL, KH_ROUTE_BODY,
	    NULL, 200, "Send one test message now: {\"to\", \"contact_id\"}");
	add(rt, "POST", "/api/v1/campaigns/{id}/send", kh_h_campaign_send, NULL, KH_ROUTE_BODY,
	    NULL, 200, "Send a draft now, or at {\"at\": \"YYYY-MM-DDTHH:MM:SSZ\"}: the audience "
	    "resolves in your data scope when sending starts");
	add(rt, "POST", "/api/v1/campaigns/{id}/pause", kh_h_campaign_pause, NULL, KH_ROUTE_BODY,
	    NULL, 200, "Pause a sending or scheduled campaign");
	add(rt, "POST", "/api/v1/campaigns/{id}/resume", kh_h_campaign_resume, NULL,
	    KH_ROUTE_BODY, NULL, 200, "Resume a paused campaign");
	add(rt, "POST", "/api/v1/campaigns/{id}/cancel", kh_h_campaign_cancel, NULL,
	    KH_ROUTE_BODY, NULL, 200, "Cancel a campaign: what is still queued is not sent");
	add(rt, "GET", "/api/v1/campaigns/{id}/report", kh_h_campaign_report, NULL, 0, NULL, 200,
	    "What a campaign earned: sent, failed, opened, clicked, unsubscribed, by segment, "
	    "by day and by link");
	add(rt, "GET", "/api/v1/campaigns/{id}/messages", kh_h_campaign_messages, NULL, 0, NULL,
	    200, "A campaign's messages, one per recipient (?state=&page=&per_page=)");
	/* Before /greetings/{id}: {id} takes digits only, but this comes first anyway. */
	add(rt, "GET", "/api/v1/greetings/upcoming", kh_h_greeting_upcoming, NULL, 0, NULL, 200,
	    "The greetings of a day in your scope (?date=, default tomorrow), each contact "
	    "with its verdict and whether it is skipped");
	add(rt, "POST", "/api/v1/greetings/upcoming/skip", kh_h_greeting_skip, NULL,
	    KH_ROUTE_BODY, NULL, 200, "Skip one greeting (or not): {\"greeting_id\", "
	    "\"contact_id\", \"date\", \"skip\"}");
	add(rt, "GET", "/api/v1/greetings", kh_h_greeting_list, NULL, 0, "list", 200,
	    "Greetings: birthdays, founding days, first-deal anniversaries and holidays");
	add(rt, "POST", "/api/v1/greetings", kh_h_greeting_create, NULL, KH_ROUTE_BODY, "create",
	    201, "A greeting (managers, admins): {\"occasion\", \"name\", \"dates\", "
	    "\"subject\", \"body_text\", \"body_html\", \"active\"}");
	add(rt, "GET", "/api/v1/greetings/{id}", kh_h_greeting_get, NULL, 0, "get", 200,
	    "A greeting");
	add(rt, "PATCH", "/api/v1/greetings/{id}", kh_h_greeting_update, NULL, KH_ROUTE_BODY,
	    "update", 200, "Change a greeting (managers, admins)");
	add(rt, "DELETE", "/api/v1/greetings/{id}", kh_h_greeting_delete, NULL, 0, "delete", 204,
	    "Delete a greeting (managers, admins)");
	add(rt, "GET", "/api/v1/contacts/{id}/consent", kh_h_consent_get, NULL, 0, NULL, 200,
	    "A contact's mail consent with its history");
	add(rt, "PUT", "/api/v1/contacts/{id}/consent", kh_h_consent_put, NULL, KH_ROUTE_BODY,
	    NULL, 200, "Change a contact's mail consent: {\"state\": \"subscribed\"|"
	    "\"unsubscribed\", \"note\"}");
	add(rt, "GET", "/u/{token}", kh_h_mail_unsubscribe_page, NULL, KH_ROUTE_PUBLIC, NULL, 200,
	    "A message's unsubscribe page (asks to confirm)");
	add(rt, "POST", "/u/{token}", kh_h_mail_unsubscribe, NULL, KH_ROUTE_PUBLIC | KH_ROUTE_RAW,
	    NULL, 200, "Unsubscribe (the page's button, or RFC 8058 one-click)");
	add(rt, "GET", "/o/{token}.png", kh_h_mail_open, NULL, KH_ROUTE_PUBLIC, NULL, 200,
	    "A message's open pixel");
	add(rt, "GET", "/c/{token}", kh_h_mail_click, NULL, KH_ROUTE_PUBLIC, NULL, 302,
	    "A message's link: recorded, then redirected to the link the message held");
	add(rt, "GET", "/api/v1/events", kh_h_events, NULL, 0, NULL, 200,
	    "Server-sent events (text/event-stream): `todos` with the to-do counts and "
	    "`notifications` with the unread count, pushed when they change");
	add(rt, "GET", "/api/v1/todos", kh_h_todos, NULL, 0, NULL, 200,
	    "The to-do centre: every kind's count and first items, or ?kind=K one list");
	add(rt, "POST", "/api/v1/todos/done", kh_h_todo_done, NULL, KH_ROUTE_BODY, NULL, 200,
	    "Mark a to-do done: {\"kind\", \"id\"}; it returns when its day changes");
	add(rt, "POST", "/api/v1/todos/snooze", kh_h_todo_snooze, NULL, KH_ROUTE_BODY, NULL, 200,
	    "Snooze a to-do: {\"kind\", \"id\", \"until\": \"YYYY-MM-DD\"}");
	add(rt, "GET", "/api/v1/targets", kh_h_targets_get, NULL, 0, NULL, 200,
	    "Targets (业绩目标) of a rep, team or the company (?year=&metric=contracts|receipts|"
	    "new_customers&scope=rep|team|company&id=): twelve months, and a row per part");
	add(rt, "PUT", "/api/v1/targets", kh_h_targets_put, NULL, KH_ROUTE_BODY, NULL, 200,
	    "Set a target's twelve months: {\"year\", \"metric\", \"scope\", \"id\", "
	    "\"months\": [12]} (managers for their teams and reps, admins)");
	add(rt, "GET", "/api/v1/targets/progress", kh_h_targets_progress, NULL, 0, NULL, 200,
	    "Target against actual per month and quarter with completion rates and the year's "
	    "total (?year=&metric=&scope=&id=)");
	add(rt, "GET", "/api/v1/targets/weekly", kh_h_targets_weekly, NULL, 0, NULL, 200,
	    "The weekly sales progress table (?week=YYYY-Www&metric=&scope=&id=): per rep the "
	    "week's target, actual, gap and reason");
	add(rt, "PUT", "/api/v1/targets/weekly", kh_h_targets_reason, NULL, KH_ROUTE_BODY, NULL,
	    200, "Your reason in the weekly table: {\"week\", \"metric\", \"reason\"}");
	add(rt, "GET", "/api/v1/targets/forecast", kh_h_targets_forecast, NULL, 0, NULL, 200,
	    "The open pipeline weighted by stage probability, expected this month and quarter, "
	    "beside what is left of the contract target (?date=&scope=&id=)");
	add(rt, "GET", "/api/v1/rankings", kh_h_rankings, NULL, 0, NULL, 200,
	    "Rankings (排行榜) of reps by metric=contracts|receipts|new_customers|followups|"
	    "visits over period=month|quarter|year|custom (&date=&from=&to=&team=)");
	add(rt, "GET", "/api/v1/notifications", kh_h_notifications, NULL, 0, NULL, 200,
	    "Your notifications, newest first (?unread=1, limit, cursor), with the unread count");
	add(rt, "POST", "/api/v1/notifications/read-all", kh_h_notifications_read_all, NULL,
	    KH_ROUTE_BODY, NULL, 200, "Mark all your notifications read");
	add(rt, "POST", "/api/v1/notifications/{id}/read", kh_h_notification_read, NULL,
	    KH_ROUTE_BODY, NULL, 200, "Mark one of your notifications read");
	add(rt, "GET", "/api/v1/me/reminders", kh_h_reminders_get, NULL, 0, NULL, 200,
	    "Your reminder settings: in-app, the daily e-mail, its hour, the kinds");
	add(rt, "PUT", "/api/v1/me/reminders", kh_h_reminders_put, NULL, KH_ROUTE_BODY, NULL, 200,
	    "Change your reminder settings (the members given)");
	add(rt, "GET", "/api/v1/settings", kh_h_settings_get, NULL, 0, NULL, 200,
	    "Every setting with its description");
	add(rt, "PATCH", "/api/v1/settings", kh_h_settings_update, NULL, KH_ROUTE_BODY, NULL, 200,
	    "Change settings (admins): {\"key\": \"value\", ...}");
}

/* Does path match pattern? {id} matches 1..18 digits, {token} 1..64
 * characters of URL-safe base64 (the handler reads it from the path). */
static bool match(const char *pattern, const char *path, int64_t *id)
{
	const char *p = pattern, *s = path;

	*id = 0;
	while (*p && *s) {
		if (strncmp(p, "{id}", 4) == 0) {
			int64_t v = 0;
			int digits = 0;

			/* At most 18 digits are accumulated, so v cannot overflow. */
			while (*s >= '0' && *s <= '9' && digits < 19) {
				if (digits < 18)
					v = v * 10 + (*s - '0');
				s++;
				digits++;
			}
			if (digits == 0 || digits > 18 || v == 0)
				return false;
			*id = v;
			p += 4;
			continue;
		}
		if (strncmp(p, "{token}", 7) == 0) {
			size_t n = 0;

			while (((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
				(*s >= '0' && *s <= '9') || *s == '-' || *s == '_') && n <= 64) {
				s++;
				n++;
			}
			if (n == 0 || n > 64)
				return false;
			p += 7;
			continue;
		}
		if (*p != *s)
			return false;
		p++;
		s++;
	}
	/* A trailing slash is the same route. */
	if (*s == '/' && s[1] == '\0')
		s++;
	return *p == '\0' && *s == '\0';
}

const struct kh_route *kh_router_match(const struct kh_router *rt, const char *method,
				       const char *path, int64_t *id, bool *path_known)
{
	int64_t got;

	*path_known = false;
	for (size_t i = 0; i < rt->n; i++) {
		const struct kh_route *r = &rt->routes[i];

		if (!match(r->pattern, path, &got))
			continue;
		*path_known = true;
		if (strcmp(r->method, method) == 0 ||
		    (strcmp(method, "HEAD") == 0 && strcmp(r->method, "GET") == 0)) {
			*id = got;
			return r;
		}
	}
	return NULL;
}
