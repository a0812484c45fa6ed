/*
 * reports_quadrant.c: the quadrant matrices of DOMAIN 5 as scatter data
 * (see reports.h): the axis metrics of kh_quadrant_axes per customer, cut at the
 * median (or mean) of the actor's scope by kh_quadrant_split.
 */
#include "service/analysis/reports.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/quadrant.h"
#include "service/analysis/reports_stored.h"
#include "service/settings.h"
#include "store/analysis/reports.h"
#include "base/banned.h"

/* ---- Quadrants ---- */

struct axis {
	const char *metric, *unit;
	bool integer; /* shown as an integer (fen, counts) */
};

struct matrix_def {
	enum kh_matrix m;
	const char *name;
	struct axis x, y;
};

static const struct matrix_def matrices[] = {
	{KH_MATRIX_VALUE_RESPONSE, "value_response", {"profit_12m", "fen", true},
	 {"response", "ratio", false}},
	{KH_MATRIX_VALUE_LOYALTY, "value_loyalty", {"profit_12m", "fen", true},
	 {"quarters_active", "count", true}},
	{KH_MATRIX_BENEFIT, "direct_indirect", {"profit_12m", "fen", true},
	 {"indirect_benefit", "score", false}},
	{KH_MATRIX_VOLUME_PROFIT, "volume_profit", {"revenue_12m", "fen", true},
	 {"margin", "ratio", false}},
	{KH_MATRIX_CURRENT_POTENTIAL, "current_potential", {"profit_12m", "fen", true},
	 {"clv", "fen", true}},
};
#define NMATRICES (sizeof(matrices) / sizeof(matrices[0]))

/* The axis values of one customer, as the analysis feeds the matrices. */
static void matrix_xy(enum kh_matrix m, const struct kh_report_row *r, double *x, double *y)
{
	const struct kh_quadrant_input in = {
		.profit_12m_fen = r->profit_12m_fen,
		.revenue_12m_fen = r->revenue_12m_fen,
		.orders = r->orders,
		.orders_12m = r->orders_12m,
		.activities_12m = r->activities_12m,
		.mails_12m = r->mails_12m,
		.mail_clicks_12m = r->mail_clicks_12m,
		.quarters_active_8 = r->quarters_active_8,
		.indirect_benefit = r->indirect_benefit,
		.clv_fen = r->clv_fen,
	};

	kh_quadrant_axes(m, &in, x, y);
}

static json_t *axis_value(const struct axis *a, double v)
{
	return a->integer ? json_integer((json_int_t)llround(v)) : kh_report_real(v);
}

static json_t *axis_json(const struct axis *a, double cut)
{
	return json_pack("{s:s, s:s, s:o}", "metric", a->metric, "unit", a->unit, "cut",
			 kh_report_real(cut));
}

/* One matrix over rows[0..n) with x, y and q as scratch of n each. */
static int one_matrix(const struct matrix_def *d, const struct kh_report_row *rows, size_t n,
		      const struct kh_axis_cut *cut, double *x, double *y, uint8_t *q, json_t **out)
{
	static const uint8_t order[] = {KH_QUAD_HH, KH_QUAD_HL, KH_QUAD_LH, KH_QUAD_LL};
	double cx = NAN, cy = NAN;
	size_t count[4] = {0}, known = 0, j = 0;
	bool sample;
	json_t *o, *quads, *points;
	int rc;

	for (size_t i = 0; i < n; i++)
		matrix_xy(d->m, &rows[i], &x[i], &y[i]);
	if (n && (rc = kh_quadrant_split(x, y, n, cut, cut, q, &cx, &cy)))
		return rc;
	for (size_t i = 0; i < n; i++)
		if (q[i] < 4) {
			count[q[i]]++;
			known++;
		}
	o = json_pack("{s:s, s:s, s:o, s:o}", "matrix", d->name, "cut",
		      cut->kind == KH_CUT_MEAN ? "mean" : "median", "x", axis_json(&d->x, cx), "y",
		      axis_json(&d->y, cy));
	quads = json_array();
	for (size_t k = 0; k < 4; k++)
		json_array_append_new(quads, json_pack("{s:s, s:s, s:s, s:I}", "quadrant",
						       kh_quadrant_name(d->m, order[k]), "x",
						       order[k] & 2 ? "high" : "low", "y",
						       order[k] & 1 ? "high" : "low", "count",
						       (json_int_t)count[order[k]]));
	json_object_set_new(o, "quadrants", quads);
	json_object_set_new(o, "unknown", json_integer((json_int_t)(n - known)));
	/* An even sample of exactly KH_REPORT_POINTS_MAX points by id when
	 * there are more to draw: point j is taken when j * max / known steps. */
	sample = known > KH_REPORT_POINTS_MAX;
	points = json_array();
	for (size_t i = 0; i < n; i++) {
		if (q[i] >= 4)
			continue;
		j++;
		if (sample && (uint64_t)j * KH_REPORT_POINTS_MAX / known ==
				      (uint64_t)(j - 1) * KH_REPORT_POINTS_MAX / known)
			continue;
		json_array_append_new(points, json_pack("{s:I, s:s, s:o, s:o, s:s}", "customer_id",
							(json_int_t)rows[i].customer_id, "name",
							rows[i].name, "x", axis_value(&d->x, x[i]),
							"y", axis_value(&d->y, y[i]), "quadrant",
							kh_quadrant_name(d->m, q[i])));
	}
	json_object_set_new(o, "points", points);
	json_object_set_new(o, "points_total", json_integer((json_int_t)known));
	json_object_set_new(o, "truncated", json_boolean(sample));
	*out = o;
	return 0;
}

/* The matrix named arg (a name of matrices, or "all") over the scope. */
static int quadrants_compute(struct kh_ctx *ctx, const void *arg, json_t **out,
			     struct kh_error *err)
{
	struct kh_axis_cut cut = {KH_CUT_MEDIAN, 0};
	struct kh_report_row *rows = NULL;
	double *x = NULL, *y = NULL;
	uint8_t *q = NULL;
	size_t n = 0, want = NMATRICES; /* NMATRICES = all */
	json_t *o = NULL, *list = NULL, *one;
	int rc;

	for (size_t k = 0; k < NMATRICES; k++)
		if (strcmp(arg, matrices[k].name) == 0)
			want = k;
	if (kh_setting_choice_at(ctx, "quadrant.cut") == KH_CUT_MEAN)
		cut.kind = KH_CUT_MEAN;
	if ((rc = kh_report_load_rows(ctx, &rows, &n, err)))
		return rc;
	x = malloc((n ? n : 1) * sizeof(*x));
	y = malloc((n ? n : 1) * sizeof(*y));
	q = malloc(n ? n : 1);
	if (!x || !y || !q) {
		rc = kh_report_nomem(err);
		goto out;
	}
	o = kh_report_head((int64_t)n);
	list = json_array();
	for (size_t k = 0; k < NMATRICES; k++) {
		if (want != NMATRICES && k != want)
			continue;
		if ((rc = one_matrix(&matrices[k], rows, n, &cut, x, y, q, &one))) {
			rc = kh_report_nomem(err);
			goto out;
		}
		if (want != NMATRICES)
			json_object_update(o, one);
		json_array_append_new(list, one);
	}
	if (want == NMATRICES)
		json_object_set(o, "matrices", list);
	*out = o;
	o = NULL;
out:
	json_decref(o);
	json_decref(list);
	free(x);
	free(y);
	free(q);
	kh_report_rows_free(rows, n);
	return rc;
}

int kh_report_quadrants(struct kh_ctx *ctx, const char *matrix, json_t **out,
			struct kh_error *err)
{
	bool known = false;

	if (!matrix)
		matrix = "value_loyalty";
	if (strcmp(matrix, "benefit") == 0)
		matrix = "direct_indirect";
	for (size_t k = 0; k < NMATRICES; k++)
		known = known || strcmp(matrix, matrices[k].name) == 0;
	if (!known && strcmp(matrix, "all"))
		return kh_error_set(err, KH_EINVAL, "matrix",
				    "matrix must be one of: value_response, value_loyalty, "
				    "direct_indirect, volume_profit, current_potential, all");
	return kh_report_stored(ctx, "quadrants", matrix, quadrants_compute, matrix, out, err);
}
