/*
 * handlers_targets.c: targets (/api/v1/targets; service/sales/targets.h):
 * reading and setting them, target against actual, the weekly progress
 * table and the rep's reason in it, the forecast; and the rankings
 * (/api/v1/rankings; service/sales/rankings.h). Each GET names the query
 * parameters it takes: any other is 400.
 */
#include "http/handlers.h"

#include "service/sales/rankings.h"
#include "service/sales/targets.h"
#include "base/banned.h"

typedef int (*read_fn)(struct kh_ctx *, json_t *, json_t **, struct kh_error *);

static int answer(struct kh_http_req *r, const char *const *allowed, read_fn fn,
		  struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_http_query_only(r, allowed, err);

	if (rc == 0)
		rc = fn(&r->ctx, r->query, &out, err);
	return rc ? rc : kh_http_reply(r, 200, out);
}

int kh_h_targets_get(struct kh_http_req *r, struct kh_error *err)
{
	static const char *const allowed[] = {"year", "metric", "scope", "id", NULL};

	return answer(r, allowed, kh_targets_get, err);
}

int kh_h_targets_put(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_targets_put(&r->ctx, r->body, &out, err);

	return rc ? rc : kh_http_reply(r, 200, out);
}

int kh_h_targets_progress(struct kh_http_req *r, struct kh_error *err)
{
	static const char *const allowed[] = {"year", "metric", "scope", "id", NULL};

	return answer(r, allowed, kh_targets_progress, err);
}

int kh_h_targets_weekly(struct kh_http_req *r, struct kh_error *err)
{
	static const char *const allowed[] = {"week", "metric", "scope", "id", NULL};

	return answer(r, allowed, kh_targets_weekly, err);
}

int kh_h_targets_reason(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_targets_reason_put(&r->ctx, r->body, &out, err);

	return rc ? rc : kh_http_reply(r, 200, out);
}

int kh_h_targets_forecast(struct kh_http_req *r, struct kh_error *err)
{
	static const char *const allowed[] = {"date", "scope", "id", NULL};

	return answer(r, allowed, kh_targets_forecast, err);
}

int kh_h_rankings(struct kh_http_req *r, struct kh_error *err)
{
	static const char *const allowed[] = {"metric", "period", "date", "from", "to", "team",
					      NULL};

	return answer(r, allowed, kh_rankings, err);
}
