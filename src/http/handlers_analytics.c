/*
 * handlers_analytics.c: the analytics routes (docs/api.md, "Analytics") and
 * the customer with its metrics and its change history. Each handler refuses query arguments it
 * does not know, parses the ones it does and calls one report of
 * service/analysis/reports.h, which checks values and the data scope.
 */
#include "http/handlers.h"

#include <string.h>

#include "base/parse.h"
#include "service/entity.h"
#include "service/customers/history.h"
#include "service/work/nextvisit.h"
#include "service/sales/pipeline.h"
#include "service/analysis/reports.h"
#include "base/banned.h"

static int only(struct kh_http_req *r, const char *const *allowed, struct kh_error *err)
{
	return kh_http_query_only(r, allowed, err);
}

static const char *query(struct kh_http_req *r, const char *name)
{
	return json_string_value(json_object_get(r->query, name));
}

/* An optional integer argument in [min, max], def when absent. */
static int int_arg(struct kh_http_req *r, const char *name, int64_t min, int64_t max,
		   int64_t def, int64_t *out, struct kh_error *err)
{
	const char *s = query(r, name);

	*out = def;
	return s ? kh_parse_int64(s, min, max, out, name, err) : 0;
}

static int answer(struct kh_http_req *r, int rc, json_t *out)
{
	return rc ? rc : kh_http_reply(r, 200, out);
}

static const char *const none[] = {NULL};

int kh_h_analytics_abc(struct kh_http_req *r, struct kh_error *err)
{
	static const char *const allowed[] = {"basis", NULL};
	json_t *out = NULL;
	int rc = only(r, allowed, err);

	if (rc == 0)
		rc = kh_report_abc(&r->ctx, query(r, "basis"), &out, err);
	return answer(r, rc, out);
}

int kh_h_analytics_grid(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = only(r, none, err);

	if (rc == 0)
		rc = kh_report_grid(&r->ctx, &out, err);
	return answer(r, rc, out);
}

int kh_h_analytics_quadrants(struct kh_http_req *r, struct kh_error *err)
{
	static const char *const allowed[] = {"matrix", NULL};
	json_t *out = NULL;
	int rc = only(r, allowed, err);

	if (rc == 0)
		rc = kh_report_quadrants(&r->ctx, query(r, "matrix"), &out, err);
	return answer(r, rc, out);
}

int kh_h_analytics_lifecycle(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = only(r, none, err);

	if (rc == 0)
		rc = kh_report_lifecycle(&r->ctx, &out, err);
	return answer(r, rc, out);
}

int kh_h_analytics_loyalty(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = only(r, none, err);

	if (rc == 0)
		rc = kh_report_loyalty(&r->ctx, &out, err);
	return answer(r, rc, out);
}

int kh_h_analytics_clv(struct kh_http_req *r, struct kh_error *err)
{
	static const char *const allowed[] = {"top", NULL};
	json_t *out = NULL;
	int64_t top;
	int rc = only(r, allowed, err);

	if (rc == 0 && (rc = int_arg(r, "top", 1, KH_REPORT_TOP_MAX, 20, &top, err)) == 0)
		rc = kh_report_clv(&r->ctx, (int)top, &out, err);
	return answer(r, rc, out);
}

int kh_h_analytics_whale(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = only(r, none, err);

	if (rc == 0)
		rc = kh_report_whale(&r->ctx, &out, err);
	return answer(r, rc, out);
}

int kh_h_analytics_cohorts(struct kh_http_req *r, struct kh_error *err)
{
	static const char *const allowed[] = {"period", NULL};
	json_t *out = NULL;
	int rc = only(r, allowed, err);

	if (rc == 0)
		rc = kh_report_cohorts(&r->ctx, query(r, "period"), &out, err);
	return answer(r, rc, out);
}

int kh_h_analytics_forecast(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = only(r, none, err);

	if (rc == 0)
		rc = kh_report_forecast(&r->ctx, &out, err);
	return answer(r, rc, out);
}

int kh_h_analytics_followups(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = only(r, none, err);

	if (rc == 0)
		rc = kh_report_followups(&r->ctx, &out, err);
	return answer(r, rc, out);
}

int kh_h_pipeline(struct kh_http_req *r, struct kh_error *err)
{
	static const char *const allowed[] = {"owner", "stage", "after", "limit", NULL};
	struct kh_pipeline_params p = {.stage = query(r, "stage"), .after = query(r, "after")};
	json_t *out = NULL;
	int rc = only(r, allowed, err);

	if (rc == 0 && (rc = int_arg(r, "owner", 1, INT64_MAX, 0, &p.owner_id, err)) == 0 &&
	    (rc = int_arg(r, "limit", 1, KH_PIPELINE_LIMIT_MAX, KH_PIPELINE_LIMIT_DEFAULT,
			  &p.limit, err)) == 0)
		rc = kh_pipeline_board(&r->ctx, &p, &out, err);
	return answer(r, rc, out);
}

int kh_h_next_visits(struct kh_http_req *r, struct kh_error *err)
{
	static const char *const allowed[] = {"rep", "limit", NULL};
	json_t *out = NULL;
	int64_t rep, limit;
	int rc = only(r, allowed, err);

	if (rc == 0 && (rc = int_arg(r, "rep", 1, INT64_MAX, 0, &rep, err)) == 0 &&
	    (rc = int_arg(r, "limit", 1, KH_NEXT_VISITS_MAX, 20, &limit, err)) == 0)
		rc = kh_report_next_visits(&r->ctx, rep, (int)limit, &out, err);
	return answer(r, rc, out);
}

int kh_h_customer_get(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_entity_get(&r->ctx, &kh_customer_entity, r->id, &out, err);

	if (rc)
		return rc;
	json_object_set_new(out, "metrics", kh_report_customer_metrics(&r->ctx, r->id));
	return kh_http_reply(r, 200, out);
}

int kh_h_customer_history(struct kh_http_req *r, struct kh_error *err)
{
	static const char *const allowed[] = {"before", "limit", NULL};
	json_t *out = NULL;
	int64_t before, limit;
	int rc = only(r, allowed, err);

	if (rc == 0 && (rc = int_arg(r, "before", 1, INT64_MAX, 0, &before, err)) == 0 &&
	    (rc = int_arg(r, "limit", 1, KH_HISTORY_LIMIT_MAX, KH_HISTORY_LIMIT_DEFAULT, &limit,
			  err)) == 0)
		rc = kh_customer_history(&r->ctx, r->id, before, limit, &out, err);
	return answer(r, rc, out);
}
