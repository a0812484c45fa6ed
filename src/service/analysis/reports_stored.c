/*
 * reports_stored.c: the dashboard reports served from stored results (see
 * reports_stored.h). The scope key names what a scope holds — "all", or
 * its owners and the user whose shares it adds — so two actors with the
 * same reach share their results, and the key's members tell a write which
 * results to drop.
 */
#include "service/analysis/reports_stored.h"

#include <stdlib.h>
#include <string.h>

#include "base/parse.h"
#include "base/strbuf.h"
#include "service/permission.h"
#include "store/analysis/report_results.h"
#include "base/banned.h"

#define KEY_MAX (1 << 20)

/* The key of the report scope and its members: "all", or
 * "owners=[ids];shared=user". */
static int scope_key(struct kh_ctx *ctx, struct kh_strbuf *key, json_t **owners,
		     int64_t *shared, struct kh_error *err)
{
	struct kh_perm_reach reach;
	const struct kh_scope *scope;
	char *ids;
	int rc = kh_perm_report_scope(ctx, &reach, &scope, err);

	if (rc)
		return rc;
	*owners = NULL;
	*shared = 0;
	if (!scope || scope->all) {
		rc = kh_strbuf_adds(key, "all");
		goto out;
	}
	*owners = scope->owner_ids ? json_incref(scope->owner_ids) : json_array();
	*shared = scope->shared_with;
	ids = json_dumps(*owners, JSON_COMPACT | JSON_ENCODE_ANY);
	rc = ids ? kh_strbuf_addf(key, "owners=%s;shared=%lld", ids, (long long)*shared)
		 : KH_ENOMEM;
	free(ids);
out:
	kh_perm_reach_release(&reach);
	if (rc) {
		json_decref(*owners);
		*owners = NULL;
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	}
	return 0;
}

/* The stored result into *res (its body the caller frees): 0, or
 * KH_ENOTFOUND when there is none (or the database cannot be read). */
static int read_stored(struct kh_ctx *ctx, const char *key, const char *report,
		       const char *variant, struct kh_report_result *res)
{
	int rc;

	if (kh_store_begin_read(ctx->store, NULL))
		return KH_ENOTFOUND;
	rc = kh_store_report_result_get(ctx->store, key, report, variant, res, NULL);
	kh_store_commit(ctx->store, NULL);
	return rc ? KH_ENOTFOUND : 0;
}

/* The answer from a stored result: current, or outdated and flagged. */
static int answer_stored(const struct kh_report_result *res, bool current, json_t **out)
{
	*out = json_loads(res->body, 0, NULL);
	if (!*out)
		return KH_ENOTFOUND;
	if (!current)
		json_object_set_new(*out, "refreshing", json_true());
	return 0;
}

static int put_members(struct kh_ctx *ctx, const char *key, json_t *owners, int64_t shared)
{
	size_t i;
	json_t *v;
	int rc = 0;

	if (!owners)
		return kh_store_report_scope_member(ctx->store, key, KH_REPORT_MEMBER_ALL, 0, NULL);
	json_array_foreach(owners, i, v)
		if (rc == 0)
			rc = kh_store_report_scope_member(ctx->store, key, KH_REPORT_MEMBER_OWNER,
							  json_integer_value(v), NULL);
	if (rc == 0 && shared)
		rc = kh_store_report_scope_member(ctx->store, key, KH_REPORT_MEMBER_SHARED,
						  shared, NULL);
	return rc;
}

/* Store body unless another connection committed since counter was read:
 * the answer would then be of an older snapshot than the writes that
 * dropped the results. Failing to store (a read-only file) costs nothing. */
static void write_stored(struct kh_ctx *ctx, const char *key, json_t *owners, int64_t shared,
			 const char *report, const char *variant, const char *today,
			 int64_t counter, const json_t *body)
{
	char *text = json_dumps(body, JSON_COMPACT);
	int64_t now = 0;
	int rc;

	if (!text)
		return;
	if (kh_store_begin(ctx->store, NULL) == 0) {
		rc = kh_store_change_counter(ctx->store, &now, NULL);
		if (rc == 0 && now == counter)
			rc = kh_store_report_result_put(ctx->store, key, report, variant, today,
							ctx->actor.user_id, text, NULL);
		if (rc == 0 && now == counter)
			rc = put_members(ctx, key, owners, shared);
		if (rc == 0 && now == counter)
			kh_store_commit(ctx->store, NULL);
		else
			kh_store_rollback(ctx->store);
	}
	free(text);
}

int kh_report_stored(struct kh_ctx *ctx, const char *report, const char *variant,
		     kh_report_compute compute, const void *arg, json_t **out,
		     struct kh_error *err)
{
	const char *fresh = getenv("KEHU_REPORTS_FRESH");
	struct kh_report_result res = {0};
	struct kh_strbuf key;
	json_t *owners = NULL;
	int64_t shared = 0, counter = 0;
	char today[11];
	int rc;

	if ((fresh && strcmp(fresh, "1") == 0) || ctx->reports == KH_REPORTS_COMPUTE)
		return compute(ctx, arg, out, err);
	kh_date_format(kh_today(), today);
	kh_strbuf_init(&key, KEY_MAX);
	if ((rc = scope_key(ctx, &key, &owners, &shared, err)))
		goto out;
	if (read_stored(ctx, key.buf, report, variant, &res) == 0) {
		bool current = res.stale == 0 && strcmp(res.as_of, today) == 0;

		if ((current || ctx->reports == KH_REPORTS_STALE_OK) &&
		    answer_stored(&res, current, out) == 0)
			goto out;
	}
	if ((rc = kh_store_change_counter(ctx->store, &counter, err)) ||
	    (rc = compute(ctx, arg, out, err)))
		goto out;
	write_stored(ctx, key.buf, owners, shared, report, variant, today, counter, *out);
out:
	free(res.body);
	json_decref(owners);
	kh_strbuf_release(&key);
	return rc;
}

int kh_report_scope_key(struct kh_ctx *ctx, struct kh_strbuf *key, struct kh_error *err)
{
	json_t *owners = NULL;
	int64_t shared = 0;
	int rc = scope_key(ctx, key, &owners, &shared, err);

	json_decref(owners);
	return rc;
}
