/*
 * reports_value.c: what customers are worth (see reports.h): the CLV
 * distribution with the top customers by CLV (values from `kehu analyze`),
 * and the cumulative profit ("whale") curve with the 20/80/30 figures of
 * kh_whale_curve.
 */
#include "service/analysis/reports.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/whale.h"
#include "service/analysis/reports_stored.h"
#include "store/analysis/reports.h"
#include "base/banned.h"

#define CURVE_POINTS 100
#define BUCKET_BASE_FEN 10000 /* 100 yuan: the first bucket is 0 .. 100 */

static json_t *text_or_null(const char *s)
{
	return *s ? json_string(s) : json_null();
}

static json_t *top_entry(struct kh_report_row *r)
{
	json_t *o = json_pack("{s:I, s:s}", "customer_id", (json_int_t)r->customer_id, "name",
			      r->name);

	kh_report_money(o, "clv", r->clv_fen);
	json_object_set_new(o, "p_alive", kh_report_real(r->p_alive));
	json_object_set_new(o, "expected_purchases_90d", kh_report_real(r->expected_purchases_90d));
	if (r->expected_spend_fen >= 0) {
		kh_report_money(o, "expected_spend", r->expected_spend_fen);
	} else {
		json_object_set_new(o, "expected_spend_fen", json_null());
		json_object_set_new(o, "expected_spend", json_null());
	}
	json_object_set_new(o, "lifecycle", text_or_null(r->lifecycle));
	json_object_set_new(o, "abc_class", text_or_null(r->abc_class));
	return o;
}

/* Largest CLV first, then by id. */
static int by_clv(const void *a, const void *b)
{
	const struct kh_report_row *x = *(struct kh_report_row *const *)a;
	const struct kh_report_row *y = *(struct kh_report_row *const *)b;

	if (x->clv_fen != y->clv_fen)
		return x->clv_fen > y->clv_fen ? -1 : 1;
	return x->customer_id < y->customer_id ? -1 : (x->customer_id > y->customer_id);
}

/* Buckets 0 .. 100, 100 .. 200, 200 .. 500, 500 .. 1000 yuan, ... up to the
 * one holding max_fen, from the sorted (largest first) rows. */
static json_t *clv_buckets(struct kh_report_row **sorted, size_t m)
{
	static const int64_t steps[] = {1, 2, 5};
	json_t *a = json_array();
	int64_t from = 0, to, scale = BUCKET_BASE_FEN;
	size_t k = 0, next = m; /* sorted[next - 1] is the smallest not yet counted */

	if (m == 0)
		return a;
	for (;;) {
		int64_t count = 0, sum = 0;
		json_t *b;

		to = steps[k] * scale;
		while (next > 0 && sorted[next - 1]->clv_fen < to) {
			count++;
			sum += sorted[--next]->clv_fen;
		}
		b = json_object();
		kh_report_money(b, "from", from);
		kh_report_money(b, "to", to);
		json_object_set_new(b, "count", json_integer((json_int_t)count));
		kh_report_money(b, "clv", sum);
		json_array_append_new(a, b);
		if (next == 0 || to > INT64_MAX / 10)
			break;
		from = to;
		if (++k == 3) {
			k = 0;
			scale *= 10;
		}
	}
	return a;
}

/* CLV with the top *(const int *)arg customers. */
static int clv_compute(struct kh_ctx *ctx, const void *arg, json_t **out, struct kh_error *err)
{
	int top = *(const int *)arg;
	struct kh_report_row *rows = NULL, **sorted = NULL;
	size_t n = 0, m = 0;
	int64_t total = 0;
	char at[32];
	json_t *o, *list;
	int rc;

	if ((rc = kh_report_load_rows(ctx, &rows, &n, err)))
		return rc;
	sorted = malloc((n ? n : 1) * sizeof(*sorted));
	if (!sorted) {
		kh_report_rows_free(rows, n);
		return kh_report_nomem(err);
	}
	for (size_t i = 0; i < n; i++) {
		if (rows[i].clv_fen < 0)
			continue;
		sorted[m++] = &rows[i];
		total += rows[i].clv_fen;
	}
	qsort(sorted, m, sizeof(*sorted), by_clv);
	o = kh_report_head((int64_t)n);
	json_object_set_new(o, "with_clv", json_integer((json_int_t)m));
	json_object_set_new(o, "analyzed_at",
			    kh_store_report_analyzed_at(ctx->store, at, NULL) == 0
				    ? json_string(at)
				    : json_null());
	kh_report_money(o, "total", total);
	if (m) {
		kh_report_money(o, "mean", llround((double)total / (double)m));
	} else {
		json_object_set_new(o, "mean_fen", json_null());
		json_object_set_new(o, "mean", json_null());
	}
	json_object_set_new(o, "buckets", clv_buckets(sorted, m));
	list = json_array();
	for (size_t i = 0; i < m && i < (size_t)top; i++)
		json_array_append_new(list, top_entry(sorted[i]));
	json_object_set_new(o, "top", list);
	free(sorted);
	kh_report_rows_free(rows, n);
	*out = o;
	return 0;
}

int kh_report_clv(struct kh_ctx *ctx, int top, json_t **out, struct kh_error *err)
{
	char variant[16];

	if (top < 1 || top > KH_REPORT_TOP_MAX)
		return kh_error_set(err, KH_EINVAL, "top", "top must be 1..%d", KH_REPORT_TOP_MAX);
	snprintf(variant, sizeof(variant), "top=%d", top);
	return kh_report_stored(ctx, "clv", variant, clv_compute, &top, out, err);
}

static int whale_compute(struct kh_ctx *ctx, const void *arg, json_t **out,
			 struct kh_error *err)
{
	struct kh_whale_params p = KH_WHALE_PARAMS_DEFAULT;
	struct kh_whale_summary sum;
	struct kh_whale_point *curve = NULL;
	struct kh_report_row *rows = NULL;
	int64_t *profit = NULL;
	size_t n = 0, points;
	json_t *o, *list;
	int rc;

	if ((rc = kh_report_load_rows(ctx, &rows, &n, err)))
		return rc;
	points = n < CURVE_POINTS ? n : CURVE_POINTS;
	profit = malloc((n ? n : 1) * sizeof(*profit));
	curve = malloc((points + 1) * sizeof(*curve));
	if (!profit || !curve) {
		rc = kh_report_nomem(err);
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		profit[i] = rows[i].profit_12m_fen;
	memset(&sum, 0, sizeof(sum));
	sum.top_of_total = sum.peak_of_total = sum.worst_cut = NAN;
	if (n && (rc = kh_whale_curve(profit, n, &p, &sum, curve, points))) {
		rc = kh_report_nomem(err);
		goto out;
	}
	o = kh_report_head((int64_t)n);
	kh_report_money(o, "total", llround(sum.total));
	kh_report_money(o, "peak", llround(sum.peak));
	json_object_set_new(o, "peak_customers", json_real(sum.peak_customers));
	json_object_set_new(o, "peak_of_total", kh_report_real(sum.peak_of_total));
	json_object_set_new(o, "top_share", json_real(p.top_share));
	kh_report_money(o, "top", llround(sum.top));
	json_object_set_new(o, "top_of_total", kh_report_real(sum.top_of_total));
	json_object_set_new(o, "worst_share", json_real(p.worst_share));
	kh_report_money(o, "without_worst", llround(sum.without_worst));
	json_object_set_new(o, "worst_cut", kh_report_real(sum.worst_cut));
	list = json_array();
	for (size_t i = 0; points && i <= points; i++) {
		json_t *pt = json_pack("{s:f}", "customers", curve[i].customers);

		kh_report_money(pt, "profit", llround(curve[i].profit));
		json_array_append_new(list, pt);
	}
	json_object_set_new(o, "curve", list);
	*out = o;
out:
	free(profit);
	free(curve);
	kh_report_rows_free(rows, n);
	return rc;
}

int kh_report_whale(struct kh_ctx *ctx, json_t **out, struct kh_error *err)
{
	return kh_report_stored(ctx, "whale", "", whale_compute, NULL, out, err);
}
