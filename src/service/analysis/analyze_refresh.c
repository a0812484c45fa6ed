/*
 * analyze_refresh.c: the single-customer refresh (kh_analyze_customer and
 * kh_analyze_refresh_customer, see analyze.h): after a change to one
 * customer's orders, payments or activities, that customer is re-classified against what the last full run
 * stored (models, cut points, class boundaries), and no other row changes;
 * and the same refresh, at the end of a full run, of the customers written
 * while it computed (kh_analyze_refresh_changed).
 */
#include "service/analysis/analyze.h"
#include "service/analysis/analyze_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/parse.h"
#include "service/settings.h"
#include "store/analysis/metrics.h"
#include "store/analysis/report_results.h"
#include "base/banned.h"

/* What a single-customer refresh takes from the last run: the models, the
 * grid cut points, the ABC and RFM boundaries and the quadrant cuts (NaN
 * where the run had none). */
struct last_run {
	struct kh_analyze_models m;
	struct kh_grid_params grid;
	bool have_run;
	double abc_share[2], abc_count[2]; /* smallest value of A, of B */
	double rfm[3][6];                  /* [axis][score 1..5]: smallest key */
	double qcut[KH_MATRIX_COUNT][2];
};

static double num_or_nan(json_t *v)
{
	return json_is_number(v) ? json_number_value(v) : NAN;
}

static void last_run(struct kh_ctx *ctx, const struct kh_analyze_settings *s, struct last_run *l)
{
	static const char *const axes[3] = {"r", "f", "m"};
	struct kh_analyze_models *m = &l->m;
	json_t *run = NULL, *v, *w;

	memset(l, 0, sizeof(*l));
	kh_analyze_clv_options(s, &m->clv);
	l->grid = s->grid;
	for (int k = 0; k < 2; k++)
		l->abc_share[k] = l->abc_count[k] = NAN;
	for (int a = 0; a < 3; a++)
		for (int k = 0; k < 6; k++)
			l->rfm[a][k] = NAN;
	for (int q = 0; q < KH_MATRIX_COUNT; q++)
		l->qcut[q][0] = l->qcut[q][1] = NAN;
	if (kh_store_analysis_last_run(ctx->store, &run, NULL))
		return;
	l->have_run = true;
	if ((v = json_object_get(run, "bgnbd"))) {
		m->bg.r = json_number_value(json_object_get(v, "r"));
		m->bg.alpha = json_number_value(json_object_get(v, "alpha"));
		m->bg.a = json_number_value(json_object_get(v, "a"));
		m->bg.b = json_number_value(json_object_get(v, "b"));
		m->have_bg = m->bg.r > 0 && m->bg.alpha > 0 && m->bg.a > 0 && m->bg.b > 0;
	}
	if ((v = json_object_get(run, "gammagamma"))) {
		m->gg.p = json_number_value(json_object_get(v, "p"));
		m->gg.q = json_number_value(json_object_get(v, "q"));
		m->gg.gamma = json_number_value(json_object_get(v, "gamma"));
		m->have_gg = m->have_bg && m->gg.p > 0 && m->gg.q > 1 && m->gg.gamma > 0;
	}
	if ((v = json_object_get(run, "grid_cuts"))) {
		/* Cuts of 0 were undefined in that run (no data on the axis). */
		double c[4] = {json_number_value(json_object_get(v, "interval_short_days")),
			       json_number_value(json_object_get(v, "interval_long_days")),
			       json_number_value(json_object_get(v, "amount_small_fen")),
			       json_number_value(json_object_get(v, "amount_large_fen"))};

		if (c[1] > 0) {
			l->grid.interval_short_days = c[0];
			l->grid.interval_long_days = c[1];
		}
		if (c[3] > 0) {
			l->grid.amount_small_fen = c[2];
			l->grid.amount_large_fen = c[3];
		}
	}
	if ((v = json_object_get(run, "abc_bounds"))) {
		w = json_object_get(v, "share");
		l->abc_share[0] = num_or_nan(json_object_get(w, "A"));
		l->abc_share[1] = num_or_nan(json_object_get(w, "B"));
		w = json_object_get(v, "count");
		l->abc_count[0] = num_or_nan(json_object_get(w, "A"));
		l->abc_count[1] = num_or_nan(json_object_get(w, "B"));
	}
	if ((v = json_object_get(run, "rfm_bounds")))
		for (int a = 0; a < 3; a++)
			for (int k = 1; k <= 5; k++)
				l->rfm[a][k] = num_or_nan(
					json_array_get(json_object_get(v, axes[a]), (size_t)k - 1));
	if ((v = json_object_get(run, "quadrant_cuts")))
		for (int q = 0; q < KH_MATRIX_COUNT; q++) {
			w = json_object_get(v, kh_matrix_name((enum kh_matrix)q));
			l->qcut[q][0] = num_or_nan(json_object_get(w, "x"));
			l->qcut[q][1] = num_or_nan(json_object_get(w, "y"));
		}
	json_decref(run);
}

/* The ABC class of one value against the last run's boundaries: the same
 * class the run gave (or would have given) that value. */
static const char *abc_between_runs(int64_t value, const double *lo)
{
	if (value > 0 && !isnan(lo[0]) && (double)value >= lo[0])
		return kh_abc_name(KH_ABC_A);
	if (value > 0 && !isnan(lo[1]) && (double)value >= lo[1])
		return kh_abc_name(KH_ABC_B);
	return kh_abc_name(KH_ABC_C);
}

/* The RFM score of one key against the last run's boundaries (0 if the run
 * scored nobody on that axis). */
static uint8_t rfm_between_runs(double key, const double *lo)
{
	uint8_t s = 0;

	for (uint8_t k = 1; k <= 5; k++)
		if (!isnan(lo[k]) && key >= lo[k])
			s = k;
	if (s == 0)
		for (uint8_t k = 1; k <= 5 && s == 0; k++)
			if (!isnan(lo[k]))
				s = k; /* below every boundary: the lowest score given */
	return s;
}

int kh_analyze_customer(struct kh_ctx *ctx, int64_t customer_id, struct kh_error *err)
{
	struct kh_analyze_settings s;
	struct last_run l;
	struct kh_store_fact f;
	struct kh_customer_facts c;
	struct kh_store_class cls = {0};
	struct kh_grid_result g;
	uint8_t quad[KH_MATRIX_COUNT];
	json_t *old = NULL;
	char today_s[11], *qjson = NULL;
	int32_t today = kh_today();
	uint8_t life, loyalty;
	int rc;

	kh_analyze_load_settings(ctx, &s);
	last_run(ctx, &s, &l);
	kh_date_format(today, today_s);
	if ((rc = kh_store_analysis_fact_one(ctx->store, customer_id, today_s, s.window_days,
					     s.default_margin, &f, err)))
		return rc;
	kh_analyze_to_facts(&f, &c);
	cls.customer_id = customer_id;
	cls.fact = &f;
	kh_analyze_predict(&l.m, &f, today, s.default_margin, &cls);
	kh_analyze_net_profit(&f, &s.cost, &cls);
	c.p_alive = cls.p_alive;
	life = (uint8_t)kh_lifecycle_stage(&c, today, &s.life);
	loyalty = (uint8_t)kh_loyalty_stage(&c, (enum kh_lifecycle)life, today, &s.life);
	cls.lifecycle = kh_lifecycle_name(life);
	cls.loyalty = kh_loyalty_name(loyalty);
	/* A single customer has no tertiles of its own: without fixed or
	 * earlier cut points the tier waits for the next analysis. */
	if (isfinite(l.grid.interval_long_days) && isfinite(l.grid.amount_large_fen) &&
	    kh_grid_classify(&c, 1, &l.grid, &g, NULL) == 0)
		cls.grid_tier = kh_grid_name(g.tier);
	if (kh_store_metrics_get(ctx->store, customer_id, &old, NULL) == 0 && c.orders > 0 &&
	    !cls.grid_tier)
		cls.grid_tier = json_string_value(json_object_get(old, "grid_tier"));
	if (l.have_run || c.orders == 0) {
		/* The classes that compare customers, against the boundaries
		 * the last run drew. Without orders they need no run: value 0
		 * is always C, RFM 0, and no quadrant has both metrics. */
		int64_t value = kh_analyze_abc_value(&s, &f, &cls);

		cls.abc_class = abc_between_runs(value, l.abc_share);
		cls.abc_count_class = abc_between_runs(value, l.abc_count);
		if (c.orders > 0) {
			cls.rfm_r = rfm_between_runs(kh_analyze_rfm_key(&c, 0), l.rfm[0]);
			cls.rfm_f = rfm_between_runs(kh_analyze_rfm_key(&c, 1), l.rfm[1]);
			cls.rfm_m = rfm_between_runs(kh_analyze_rfm_key(&c, 2), l.rfm[2]);
		}
		for (int m = 0; m < KH_MATRIX_COUNT; m++) {
			double x, y, kx = l.qcut[m][0], ky = l.qcut[m][1];

			kh_analyze_axis_values((enum kh_matrix)m, &f, &cls, &x, &y);
			quad[m] = isnan(x) || isnan(y) || isnan(kx) || isnan(ky)
					  ? KH_QUAD_NONE
					  : (uint8_t)((x > kx) << 1 | (y > ky));
		}
		qjson = kh_analyze_quadrant_json(quad);
		cls.quadrants_json = qjson;
	} else if (old) {
		/* No run yet: whatever was there stays. */
		cls.abc_class = json_string_value(json_object_get(old, "abc_class"));
		cls.abc_count_class = json_string_value(json_object_get(old, "abc_count_class"));
		cls.rfm_r = (uint8_t)json_integer_value(json_object_get(old, "rfm_r"));
		cls.rfm_f = (uint8_t)json_integer_value(json_object_get(old, "rfm_f"));
		cls.rfm_m = (uint8_t)json_integer_value(json_object_get(old, "rfm_m"));
	}
	{
		const char *cc = cls.abc_count_class;
		enum kh_abc_class count_class = !cc ? KH_ABC_C
						: cc[0] == 'A' ? KH_ABC_A
						: cc[0] == 'B' ? KH_ABC_B
							       : KH_ABC_C;

		kh_analyze_key_account(&s, &f, count_class, (enum kh_loyalty)loyalty, &cls);
	}
	/* The score ranks the customer's money among everybody's, which one
	 * row cannot redo: it stays as the last run left it (none without
	 * orders, as a run would give). */
	cls.score = NAN;
	cls.score_pyramid = NULL;
	if (c.orders > 0 && old) {
		cls.score = num_or_nan(json_object_get(old, "score"));
		cls.score_pyramid = json_string_value(json_object_get(old, "score_pyramid"));
	}
	rc = kh_store_analysis_write(ctx->store, &cls, 1, err);
	free(qjson);
	json_decref(old);
	return rc;
}

int kh_analyze_refresh_changed(struct kh_ctx *ctx, const struct kh_analyze_settings *s,
			       const char *today, const struct kh_store_fact *facts, size_t n,
			       int64_t version, struct kh_error *err)
{
	struct kh_store_fact *now = NULL;
	size_t m = 0, i = 0;
	int64_t current;
	int rc;

	if ((rc = kh_store_change_counter(ctx->store, &current, err)) || current == version)
		return rc;
	if ((rc = kh_store_analysis_facts(ctx->store, today, s->window_days, s->default_margin,
					  &now, &m, err)))
		return rc;
	/* Both are in id order. Facts are zeroed before they are filled, so
	 * equal facts compare equal byte for byte (NaN included). */
	for (size_t j = 0; j < m && rc == 0; j++) {
		while (i < n && facts[i].customer_id < now[j].customer_id)
			i++; /* deleted since the snapshot: its row is not shown */
		if (i < n && facts[i].customer_id == now[j].customer_id &&
		    memcmp(&facts[i], &now[j], sizeof(now[j])) == 0)
			continue;
		rc = kh_analyze_refresh_customer(ctx, now[j].customer_id, err);
	}
	free(now);
	return rc;
}

int kh_analyze_refresh_customer(struct kh_ctx *ctx, int64_t customer_id, struct kh_error *err)
{
	char today[11];
	int rc;

	kh_date_format(kh_today(), today);
	rc = kh_store_metrics_refresh(ctx->store, customer_id, today,
				      kh_setting_number(ctx, "clv.default_margin"), err);
	if (rc == 0)
		rc = kh_analyze_customer(ctx, customer_id, err);
	if (rc == 0)
		rc = kh_store_report_results_stale_customer(ctx->store, customer_id, err);
	return rc;
}
