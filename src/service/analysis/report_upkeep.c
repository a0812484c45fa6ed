/*
 * report_upkeep.c: the entity hooks that drop stale dashboard results (see
 * report_upkeep.h). Only store calls: the reports themselves are never
 * computed on the write path.
 */
#include "service/analysis/report_upkeep.h"

#include <stdbool.h>

#include "service/customers/search.h"
#include "store/analysis/report_results.h"
#include "base/banned.h"

static int64_t member(json_t *row, const char *key)
{
	return json_integer_value(json_object_get(row, key));
}

int kh_report_upkeep_customer(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *row,
			      struct kh_error *err)
{
	int rc = kh_search_index_customer(ctx, id, old, row, err);
	int64_t was = old ? member(old, "owner_id") : 0;

	if (rc == 0 && was && was != member(row, "owner_id"))
		rc = kh_store_report_results_stale_owner(ctx->store, was, err);
	return rc ? rc : kh_store_report_results_stale_customer(ctx->store, id, err);
}

int kh_report_upkeep_opportunity(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *row,
				 struct kh_error *err)
{
	int64_t was = old ? member(old, "customer_id") : 0, now = member(row, "customer_id");
	int rc = 0;

	if (was && was != now)
		rc = kh_store_report_results_stale_customer(ctx->store, was, err);
	return rc == 0 && now ? kh_store_report_results_stale_customer(ctx->store, now, err) : rc;
}

/* Does key differ between old and row (both JSON values or absent)? */
static bool changed(json_t *old, json_t *row, const char *key)
{
	json_t *a = json_object_get(old, key), *b = json_object_get(row, key);

	return !(a == b || (a && b && json_equal(a, b)));
}

int kh_report_upkeep_product(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *row,
			     struct kh_error *err)
{
	(void)id;
	if (!old || !(changed(old, row, "name") || changed(old, row, "code") ||
		      changed(old, row, "category") || changed(old, row, "deleted_at")))
		return 0;
	return kh_store_report_results_stale_statistics(ctx->store, err);
}
