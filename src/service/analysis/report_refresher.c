/*
 * report_refresher.c: the background computation of outdated dashboard
 * results (see report_refresher.h).
 */
#include "service/analysis/report_refresher.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/parse.h"
#include "base/strbuf.h"
#include "base/worker.h"
#include "service/accounts/auth.h"
#include "service/analysis/reports.h"
#include "service/analysis/reports_stored.h"
#include "service/analysis/statistics.h"
#include "store/analysis/report_results.h"
#include "base/banned.h"

#define BATCH 8
#define IDLE_MS 1000 /* how often an idle refresher looks for outdated results */
#define MIN_PAUSE_MS 50

struct kh_report_refresher {
	struct kh_worker *worker;
	char *db_path;
	int cache_mib;
};

static int variant_number(const char *variant, const char *name, int64_t max, int64_t *out)
{
	const char *p = strstr(variant, name);
	char buf[24];
	size_t n;

	if (!p)
		return KH_EINVAL;
	p += strlen(name);
	n = strcspn(p, "&");
	if (n == 0 || n >= sizeof(buf))
		return KH_EINVAL;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return kh_parse_int64(buf, 0, max, out, name, NULL);
}

/* The report of that name and variant, as the public calls compute it. */
static int compute(struct kh_ctx *ctx, const char *report, const char *variant, json_t **out,
		   struct kh_error *err)
{
	int64_t a = 0, b = 0;

	if (strcmp(report, "abc") == 0)
		return kh_report_abc(ctx, variant, out, err);
	if (strcmp(report, "grid") == 0)
		return kh_report_grid(ctx, out, err);
	if (strcmp(report, "quadrants") == 0)
		return kh_report_quadrants(ctx, variant, out, err);
	if (strcmp(report, "lifecycle") == 0)
		return kh_report_lifecycle(ctx, out, err);
	if (strcmp(report, "loyalty") == 0)
		return kh_report_loyalty(ctx, out, err);
	if (strcmp(report, "whale") == 0)
		return kh_report_whale(ctx, out, err);
	if (strcmp(report, "cohorts") == 0)
		return kh_report_cohorts(ctx, variant, out, err);
	if (strcmp(report, "forecast") == 0)
		return kh_report_forecast(ctx, out, err);
	if (strcmp(report, "followups") == 0)
		return kh_report_followups(ctx, out, err);
	if (strcmp(report, "clv") == 0 && variant_number(variant, "top=", 100000, &a) == 0)
		return kh_report_clv(ctx, (int)a, out, err);
	if (strcmp(report, "next_visits") == 0 &&
	    variant_number(variant, "rep=", INT64_MAX, &a) == 0 &&
	    variant_number(variant, "limit=", 100000, &b) == 0)
		return kh_report_next_visits(ctx, a, (int)b, out, err);
	if (strncmp(report, "statistics.", 11) == 0)
		return kh_statistic_of_variant(ctx, report, variant, out, err);
	return kh_error_set(err, KH_EINVAL, "report", "no report %s", report);
}

/* Compute the result again from one snapshot: 0 with *body, or KH_ENOTFOUND
 * when it should be forgotten (its user or their scope changed, or it
 * cannot be computed any more). *seen: its writes counted in that snapshot. */
static int recompute(struct kh_ctx *ctx, json_t *row, char **body, int64_t *seen)
{
	const char *key = json_string_value(json_object_get(row, "scope_key"));
	const char *report = json_string_value(json_object_get(row, "report"));
	const char *variant = json_string_value(json_object_get(row, "variant"));
	struct kh_report_result res = {0};
	struct kh_strbuf now;
	json_t *out = NULL;
	int rc;

	kh_strbuf_init(&now, 1 << 20);
	if ((rc = kh_store_begin_read(ctx->store, NULL)))
		goto out;
	rc = kh_store_report_result_get(ctx->store, key, report, variant, &res, NULL);
	if (rc == 0)
		rc = kh_report_scope_key(ctx, &now, NULL);
	if (rc == 0 && strcmp(now.buf, key))
		rc = KH_ENOTFOUND;
	if (rc == 0 && compute(ctx, report, variant, &out, NULL))
		rc = KH_ENOTFOUND;
	kh_store_commit(ctx->store, NULL);
	if (rc == 0) {
		*seen = res.stale;
		*body = json_dumps(out, JSON_COMPACT);
		rc = *body ? 0 : KH_ENOMEM;
	}
out:
	free(res.body);
	json_decref(out);
	kh_strbuf_release(&now);
	return rc;
}

static void refresh_one(struct kh_store *st, json_t *row, const char *today)
{
	const char *key = json_string_value(json_object_get(row, "scope_key"));
	const char *report = json_string_value(json_object_get(row, "report"));
	const char *variant = json_string_value(json_object_get(row, "variant"));
	int64_t actor = json_integer_value(json_object_get(row, "actor_id")), seen = 0;
	struct kh_ctx ctx;
	char *body = NULL;
	int rc = 0;

	kh_ctx_init_system(&ctx, st);
	ctx.reports = KH_REPORTS_COMPUTE;
	if (actor && kh_auth_actor_load(&ctx, actor, NULL))
		rc = KH_ENOTFOUND;
	if (rc == 0)
		rc = recompute(&ctx, row, &body, &seen);
	if ((rc == 0 || rc == KH_ENOTFOUND) && kh_store_begin(st, NULL) == 0) {
		if (rc == 0)
			rc = kh_store_report_result_refresh(st, key, report, variant, today, seen,
							    body, NULL);
		else
			rc = kh_store_report_result_delete(st, key, report, variant, NULL);
		if (rc == 0)
			kh_store_commit(st, NULL);
		else
			kh_store_rollback(st);
	}
	free(body);
	kh_ctx_release(&ctx);
}

static long ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)((t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000);
}

static void run(struct kh_worker *w, void *arg)
{
	struct kh_report_refresher *r = arg;
	struct kh_store *st = NULL;

	if (kh_store_open(r->db_path, &st, NULL))
		return;
	kh_store_set_memory(st, r->cache_mib, 0);
	do {
		json_t *rows = NULL, *row;
		char today[11];
		size_t i;
		bool stop = false;

		kh_date_format(kh_today(), today);
		if (kh_store_report_results_outdated(st, today, BATCH, &rows, NULL) ||
		    json_array_size(rows) == 0) {
			json_decref(rows);
			continue;
		}
		json_array_foreach(rows, i, row) {
			struct timespec t0;
			long took;

			clock_gettime(CLOCK_MONOTONIC, &t0);
			refresh_one(st, row, today);
			took = ms_since(&t0);
			if ((stop = kh_worker_pause(w, took > MIN_PAUSE_MS ? took : MIN_PAUSE_MS)))
				break;
		}
		json_decref(rows);
		if (stop)
			break;
	} while (!kh_worker_pause(w, IDLE_MS));
	kh_store_free(st);
}

int kh_report_refresher_start(const char *db_path, int cache_mib,
			      struct kh_report_refresher **out, struct kh_error *err)
{
	struct kh_report_refresher *r = calloc(1, sizeof(*r));
	int rc;

	if (!r || !(r->db_path = strdup(db_path))) {
		free(r);
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	}
	r->cache_mib = cache_mib;
	if ((rc = kh_worker_start(run, r, &r->worker))) {
		free(r->db_path);
		free(r);
		return kh_error_set(err, rc, "", "cannot start the report refresher");
	}
	*out = r;
	return 0;
}

void kh_report_refresher_stop(struct kh_report_refresher *r)
{
	if (!r)
		return;
	kh_worker_stop(r->worker);
	free(r->db_path);
	free(r);
}
