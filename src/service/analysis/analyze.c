/*
 * analyze.c: the full analysis (see analyze.h); the single-customer refresh
 * is in analyze_refresh.c. Time is measured in weeks for the repeat-buying models, as in
 * the literature; money goes into the models in yuan and comes back in fen.
 */
#include "service/analysis/analyze.h"
#include "service/analysis/analyze_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analytics/abc.h"
#include "analytics/bgnbd.h"
#include "analytics/clv.h"
#include "analytics/finance.h"
#include "analytics/gammagamma.h"
#include "analytics/grid.h"
#include "analytics/keyaccount.h"
#include "analytics/lifecycle.h"
#include "analytics/quadrant.h"
#include "analytics/rfm.h"
#include "analytics/scoring.h"
#include "base/parse.h"
#include "service/settings.h"
#include "store/analysis/analysis.h"
#include "store/analysis/report_results.h"
#include "store/analysis/metrics.h"
#include "base/banned.h"

#define DAYS_PER_YEAR 365.25

/* The indicators of the weighted score that the data has (docs/analytics.md
 * section 11), the columns of the score matrix; each weight is the setting
 * score.weight.<name> (its default in store/settings_registry.c). */
static const struct kh_score_indicator score_indicators[KH_IND_COUNT] = {
	{"revenue", "contribution", 0, KH_SCALE_PERCENTILE, 0, 1, false},
	{"net_profit", "contribution", 0, KH_SCALE_PERCENTILE, 0, 1, false},
	{"price_sensitivity", "characteristic", 0, KH_SCALE_RANGE, 0, 1, true},
	{"brand_loyalty", "relationship", 0, KH_SCALE_RANGE, 0, 2, false},
	{"years_of_cooperation", "relationship", 0, KH_SCALE_RANGE, 0, 10, false},
	{"share_of_wallet", "relationship", 0, KH_SCALE_RANGE, 0, 1, false},
};

void kh_analyze_load_settings(struct kh_ctx *ctx, struct kh_analyze_settings *s)
{
	/* The registry lists the choices in the order of the enums; a word
	 * that is not a choice (-1) reads as the first. */
	int basis = kh_setting_choice_at(ctx, "abc.basis");
	int cut = kh_setting_choice_at(ctx, "quadrant.cut");

	s->window_days = (int)kh_setting_number(ctx, "abc.window_days");
	s->basis = basis > 0 ? (enum kh_analyze_basis)basis : KH_BASIS_PROFIT;
	s->quadrant_cut = cut > 0 ? (enum kh_cut_kind)cut : KH_CUT_MEDIAN;
	s->default_margin = kh_setting_number(ctx, "clv.default_margin");
	s->annual_discount = kh_setting_number(ctx, "clv.annual_discount_rate");
	memset(&s->cost, 0, sizeof(s->cost));
	s->cost.visit_fen = (int64_t)kh_setting_number(ctx, "cost.visit_fen");
	s->cost.call_fen = (int64_t)kh_setting_number(ctx, "cost.call_fen");
	s->cost.meeting_fen = (int64_t)kh_setting_number(ctx, "cost.meeting_fen");
	s->cost.email_fen = (int64_t)kh_setting_number(ctx, "cost.email_fen");
	s->cost.message_fen = (int64_t)kh_setting_number(ctx, "cost.message_fen");
	s->cost.late_daily_rate = kh_setting_number(ctx, "cost.late_payment_daily_rate");
	s->horizon_months = kh_setting_number(ctx, "clv.horizon_months");
	s->abc = KH_ABC_PARAMS_DEFAULT;
	s->abc.a_share = kh_setting_number(ctx, "abc.a_share");
	s->abc.b_share = kh_setting_number(ctx, "abc.b_share");
	s->abc.count_a = kh_setting_number(ctx, "abc.count_a");
	s->abc.count_b = kh_setting_number(ctx, "abc.count_b");
	s->grid.interval_short_days = kh_setting_number(ctx, "grid.interval_short_days");
	s->grid.interval_long_days = kh_setting_number(ctx, "grid.interval_long_days");
	s->grid.amount_small_fen = kh_setting_number(ctx, "grid.amount_small_fen");
	s->grid.amount_large_fen = kh_setting_number(ctx, "grid.amount_large_fen");
	s->life = KH_LIFECYCLE_PARAMS_DEFAULT;
	s->life.dormant_interval_factor =
		kh_setting_number(ctx, "lifecycle.dormant_interval_factor");
	s->life.dormant_p_alive = kh_setting_number(ctx, "lifecycle.dormant_p_alive");
	s->life.single_order_dormant_days =
		(int32_t)kh_setting_number(ctx, "lifecycle.single_order_dormant_days");
	s->life.churned_days = (int32_t)kh_setting_number(ctx, "lifecycle.churned_days");
	s->life.new_days = (int32_t)kh_setting_number(ctx, "loyalty.new_days");
	s->life.regular_orders_12m =
		(uint32_t)kh_setting_number(ctx, "loyalty.regular_orders_12m");
	s->life.old_years = (int)kh_setting_number(ctx, "loyalty.old_years");
	s->life.loyal_quarters = (uint8_t)kh_setting_number(ctx, "loyalty.loyal_quarters");
	s->key = KH_KEYACCOUNT_PARAMS_DEFAULT;
	s->key.slip_drop = kh_setting_number(ctx, "keyaccount.slip_drop");
	s->key.dormant_p_alive = s->life.dormant_p_alive;
	for (int j = 0; j < KH_IND_COUNT; j++) {
		char key[64];

		s->score[j] = score_indicators[j];
		snprintf(key, sizeof(key), "score.weight.%s", score_indicators[j].name);
		s->score[j].weight = kh_setting_number(ctx, key);
	}
}

/* One customer's raw indicator values (NaN = unknown) into v[KH_IND_COUNT]:
 * customers without orders are not scored. Needs the net profit in cls. */
static void score_values(const struct kh_store_fact *f, const struct kh_store_class *cls,
			 int32_t today, double *v)
{
	for (int j = 0; j < KH_IND_COUNT; j++)
		v[j] = NAN;
	if (f->orders == 0)
		return;
	v[KH_IND_REVENUE] = (double)f->revenue_12m_fen;
	if (cls->have_net)
		v[KH_IND_NET_PROFIT] = (double)cls->net_profit_12m_fen;
	/* the flag has no "not entered": unset reads as not price-driven */
	v[KH_IND_PRICE] = f->price_driven ? 1 : 0;
	if (f->brand_loyalty >= 0)
		v[KH_IND_BRAND] = f->brand_loyalty;
	if (f->first_order != KH_STORE_NO_DATE)
		v[KH_IND_YEARS] = (today - f->first_order) / DAYS_PER_YEAR;
	if (f->purchase_budget_fen > 0)
		v[KH_IND_WALLET] = (double)f->revenue_12m_fen / (double)f->purchase_budget_fen;
}


/* The weighted score and pyramid tier of every customer into cls, and the
 * weights and tier counts into the summary. */
static int score_all(const struct kh_store_fact *f, size_t n, struct kh_store_class *cls,
		     const struct kh_analyze_settings *s, int32_t today, json_t *summary,
		     struct kh_error *err)
{
	static const char *const tier_names[5] = {"key", "major", "ordinary", "small", "none"};
	const struct kh_pyramid_params pp = KH_PYRAMID_PARAMS_DEFAULT;
	double *v = NULL, *total = NULL;
	uint8_t *tier = NULL;
	size_t counts[5] = {0};
	json_t *w;
	int rc;

	if (n > SIZE_MAX / KH_IND_COUNT / sizeof(*v))
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	v = malloc((n ? n : 1) * KH_IND_COUNT * sizeof(*v));
	total = malloc((n ? n : 1) * sizeof(*total));
	tier = malloc(n ? n : 1);
	if (!v || !total || !tier) {
		rc = kh_error_set(err, KH_ENOMEM, "", "out of memory");
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		score_values(&f[i], &cls[i], today, &v[i * KH_IND_COUNT]);
	if ((rc = kh_score_compute(s->score, KH_IND_COUNT, v, n, total, NULL))) {
		if (rc == KH_EINVAL)
			kh_error_set(err, rc, "score", "score weights must not all be 0");
		else
			kh_error_set(err, rc, "score", "out of memory");
		goto out;
	}
	if ((rc = kh_score_pyramid(total, n, &pp, tier))) {
		kh_error_set(err, rc, "score", "out of memory");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		cls[i].score = total[i];
		cls[i].score_pyramid = tier[i] == KH_PYRAMID_NONE ? NULL : kh_score_pyramid_name(tier[i]);
		counts[tier[i] < 4 ? tier[i] : 4]++;
	}
	w = json_object();
	for (int j = 0; j < KH_IND_COUNT; j++)
		json_object_set_new(w, s->score[j].name, json_real(s->score[j].weight));
	json_object_set_new(summary, "score_weights", w);
	json_object_set_new(summary, "score_pyramid", kh_analyze_counts_json(tier_names, counts, 5, n));
out:
	free(v);
	free(total);
	free(tier);
	return rc;
}

/* The key-account flags of one customer into cls (after its P(alive) and
 * its classes are known). */
void kh_analyze_key_account(const struct kh_analyze_settings *s, const struct kh_store_fact *f,
			enum kh_abc_class count_class, enum kh_loyalty loyalty,
			struct kh_store_class *cls)
{
	const struct kh_keyaccount_input in = {
		.key_account = f->key_account,
		.revenue_12m_fen = f->revenue_12m_fen,
		.revenue_prev_12m_fen = f->revenue_prev_12m_fen,
		.p_alive = cls->p_alive,
		.lost_opportunities_12m = f->lost_opportunities_12m,
	};
	unsigned mask = kh_keyaccount_slipping(&in, &s->key);

	cls->key_account_slipping = mask != 0;
	cls->slip_reason = kh_keyaccount_reason_codes(mask);
	cls->key_account_candidate = kh_keyaccount_candidate(f->key_account, count_class, loyalty);
}

void kh_analyze_to_facts(const struct kh_store_fact *f, struct kh_customer_facts *c)
{
	memset(c, 0, sizeof(*c));
	c->revenue_fen = f->revenue_window_fen;
	c->profit_fen = f->profit_window_fen;
	c->avg_amount_fen = f->orders ? f->revenue_fen / f->orders : 0;
	c->avg_interval_days = f->avg_interval_days;
	c->p_alive = NAN;
	c->first_order = f->first_order == KH_STORE_NO_DATE ? KH_NO_DATE : f->first_order;
	c->last_order = f->last_order == KH_STORE_NO_DATE ? KH_NO_DATE : f->last_order;
	c->orders = f->orders;
	c->orders_12m = f->orders_12m;
	c->open_opportunities = f->open_opportunities;
	c->quarters_active_8 = f->quarters_active_8;
	c->price_driven = f->price_driven;
}

/* Net profit of the last 12 months (DOMAIN 6) into cls: the 12-month
 * revenue and product cost, the done activities of the 12 months by kind at
 * the cost.* unit costs, and the late payments of the 12 months at
 * cost.late_payment_daily_rate. Unknown (have_net false) only when
 * kh_finance_profit refuses, a sum beyond 9e18 fen or a negative amount. */
void kh_analyze_net_profit(const struct kh_store_fact *f, const struct kh_cost_rates *rates,
		       struct kh_store_class *cls)
{
	const struct kh_customer_costs c = {
		.revenue_fen = f->revenue_12m_fen,
		.product_cost_fen = f->revenue_12m_fen - f->profit_12m_fen,
		.visits = f->visits_12m,
		.calls = f->calls_12m,
		.meetings = f->meetings_12m,
		.emails = f->emails_12m,
		.messages = f->messages_12m,
		.late_fen_days = f->late_fen_days_12m,
	};
	struct kh_profit p;

	cls->have_net = kh_finance_profit(&c, rates, &p) == 0;
	if (!cls->have_net)
		return;
	cls->serve_cost_12m_fen = p.serve_cost_fen;
	cls->late_cost_12m_fen = p.late_cost_fen;
	cls->net_profit_12m_fen = p.profit_fen;
}

/* The value ABC ranks a customer by. Net profit is a 12-month figure (its
 * costs are counted over 12 months), so abc.window_days does not apply to
 * it; unknown net profit ranks as 0. */
int64_t kh_analyze_abc_value(const struct kh_analyze_settings *s, const struct kh_store_fact *f,
			 const struct kh_store_class *cls)
{
	switch (s->basis) {
	case KH_BASIS_SALES:
		return f->revenue_window_fen;
	case KH_BASIS_NET_PROFIT:
		return cls->have_net ? cls->net_profit_12m_fen : 0;
	case KH_BASIS_PROFIT:
	default:
		return f->profit_window_fen;
	}
}

json_t *kh_analyze_cut_json(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

json_t *kh_analyze_counts_json(const char *const *names, const size_t *counts, size_t k,
			       size_t n)
{
	json_t *o = json_object();

	for (size_t i = 0; i < k; i++)
		if (names[i] && *names[i])
			json_object_set_new(o, names[i],
					    json_pack("{s:I, s:f}", "count", (json_int_t)counts[i],
						      "share", n ? (double)counts[i] / n : 0.0));
	return o;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* The smallest value of each ABC class ([A, B]; null for an empty class):
 * classes fall with the value, so these are the boundaries a single
 * customer is classified by between runs. */
static json_t *abc_bounds(const int64_t *values, const uint8_t *cls, size_t n)
{
	double lo[2] = {INFINITY, INFINITY};

	for (size_t i = 0; i < n; i++)
		if (cls[i] < 2 && (double)values[i] < lo[cls[i]])
			lo[cls[i]] = (double)values[i];
	return json_pack("{s:o, s:o}", "A", kh_analyze_cut_json(lo[0]), "B", kh_analyze_cut_json(lo[1]));
}

/* The RFM key of one customer on axis 0 (R), 1 (F) or 2 (M), as kh_rfm_score
 * ranks it. */
double kh_analyze_rfm_key(const struct kh_customer_facts *c, int axis)
{
	return axis == 0 ? (double)c->last_order
	       : axis == 1 ? (double)c->orders
			   : (double)c->revenue_fen;
}

/* Per axis, the smallest key that scored 1, 2, .. 5 (null when no customer
 * got that score). */
static json_t *rfm_bounds(const struct kh_customer_facts *c, const struct kh_rfm *r, size_t n)
{
	json_t *o = json_object();
	static const char *const axes[3] = {"r", "f", "m"};

	for (int axis = 0; axis < 3; axis++) {
		double lo[6] = {INFINITY, INFINITY, INFINITY, INFINITY, INFINITY, INFINITY};
		json_t *a = json_array();

		for (size_t i = 0; i < n; i++) {
			uint8_t sc = axis == 0 ? r[i].r : axis == 1 ? r[i].f : r[i].m;
			double k = kh_analyze_rfm_key(&c[i], axis);

			if (sc >= 1 && sc <= 5 && k < lo[sc])
				lo[sc] = k;
		}
		for (int k = 1; k <= 5; k++)
			json_array_append_new(a, kh_analyze_cut_json(lo[k]));
		json_object_set_new(o, axes[axis], a);
	}
	return o;
}

int kh_analyze_run(struct kh_ctx *ctx,
		   void (*progress)(const char *stage, size_t done, size_t total, void *arg),
		   void *arg, json_t **out, struct kh_error *err)
{
	struct kh_analyze_settings s;
	struct kh_store_fact *facts = NULL;
	struct kh_customer_facts *cf = NULL;
	struct kh_store_class *cls = NULL;
	struct kh_grid_result *grid = NULL;
	struct kh_grid_cuts gcuts;
	struct kh_rfm *rfm = NULL;
	struct kh_abc_summary abc_sum, abc_count_sum;
	struct kh_analyze_models models;
	uint8_t *abc = NULL, *abc_count = NULL, *life = NULL, *loyalty = NULL;
	uint8_t (*quad)[KH_MATRIX_COUNT] = NULL;
	int64_t *values = NULL;
	char **qjson = NULL;
	size_t n = 0, grid_counts[6] = {0}, life_counts[6] = {0}, loyalty_counts[6] = {0};
	size_t slipping = 0, candidates = 0;
	json_t *summary = json_object(), *timing = json_object();
	struct timespec t0, t_all;
	char today_s[11];
	int32_t today = kh_today();
	int64_t version = 0;
	int rc, cache;

	clock_gettime(CLOCK_MONOTONIC, &t_all);
	cache = kh_store_analysis_small_cache(ctx->store);
	kh_date_format(today, today_s);
	kh_analyze_load_settings(ctx, &s);
	json_object_set_new(summary, "today", json_string(today_s));
	json_object_set_new(summary, "timing", timing);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (progress)
		progress("reading", 0, 1, arg);
	/* Read before the snapshot: a commit between the two counts as a change. */
	if ((rc = kh_store_change_counter(ctx->store, &version, err)) ||
	    (rc = kh_store_analysis_facts(ctx->store, today_s, s.window_days, s.default_margin,
					  &facts, &n, err)))
		goto out;
	if (progress)
		progress("reading", 1, 1, arg);
	json_object_set_new(timing, "read", json_real(seconds_since(&t0)));
	json_object_set_new(summary, "customers", json_integer((json_int_t)n));
	cf = calloc(n ? n : 1, sizeof(*cf));
	cls = calloc(n ? n : 1, sizeof(*cls));
	grid = calloc(n ? n : 1, sizeof(*grid));
	rfm = calloc(n ? n : 1, sizeof(*rfm));
	abc = calloc(n ? n : 1, 1);
	abc_count = calloc(n ? n : 1, 1);
	life = calloc(n ? n : 1, 1);
	loyalty = calloc(n ? n : 1, 1);
	values = calloc(n ? n : 1, sizeof(*values));
	quad = calloc(n ? n : 1, sizeof(*quad));
	qjson = calloc(n ? n : 1, sizeof(*qjson));
	if (!cf || !cls || !grid || !rfm || !abc || !abc_count || !life || !loyalty || !values ||
	    !quad || !qjson) {
		rc = kh_error_set(err, KH_ENOMEM, "", "out of memory");
		goto out;
	}

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (progress)
		progress("fitting BG/NBD and Gamma-Gamma", 0, 1, arg);
	if ((rc = kh_analyze_fit_models(facts, n, today, &s, &models, summary))) {
		kh_error_set(err, rc, "", "out of memory");
		goto out;
	}
	json_object_set_new(timing, "fit", json_real(seconds_since(&t0)));

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((rc = kh_analyze_predict_all(&models, &s, facts, n, today, cf, cls, values, progress,
					 arg))) {
		kh_error_set(err, rc, "", "out of memory");
		goto out;
	}
	if (progress)
		progress("classifying", 0, 1, arg);
	if ((rc = kh_abc_by_share(values, n, &s.abc, abc, &abc_sum)) ||
	    (rc = kh_abc_by_count(values, n, &s.abc, abc_count, &abc_count_sum))) {
		kh_error_set(err, rc, "abc", "ABC settings are inconsistent: need 0 < a_share <= "
			     "b_share <= 1 and count_a + count_b <= 1");
		goto out;
	}
	if ((rc = kh_grid_classify(cf, n, &s.grid, grid, &gcuts))) {
		kh_error_set(err, rc, "grid", "value grid cut points are not ordered");
		goto out;
	}
	if ((rc = kh_rfm_score(cf, n, rfm)) ||
	    (rc = kh_lifecycle_classify(cf, n, today, &s.life, life, loyalty))) {
		kh_error_set(err, rc, "lifecycle", "lifecycle settings must not be negative");
		goto out;
	}
	if ((rc = kh_analyze_quadrants(facts, n, cls, &s, quad, summary))) {
		kh_error_set(err, rc, "", "out of memory");
		goto out;
	}
	if ((rc = score_all(facts, n, cls, &s, today, summary, err)))
		goto out;
	for (size_t i = 0; i < n; i++) {
		if (!(qjson[i] = kh_analyze_quadrant_json(quad[i]))) {
			rc = kh_error_set(err, KH_ENOMEM, "", "out of memory");
			goto out;
		}
		cls[i].abc_class = kh_abc_name(abc[i]);
		cls[i].abc_count_class = kh_abc_name(abc_count[i]);
		cls[i].grid_tier = kh_grid_name(grid[i].tier);
		cls[i].lifecycle = kh_lifecycle_name(life[i]);
		cls[i].loyalty = kh_loyalty_name(loyalty[i]);
		cls[i].rfm_r = rfm[i].r;
		cls[i].rfm_f = rfm[i].f;
		cls[i].rfm_m = rfm[i].m;
		cls[i].quadrants_json = qjson[i];
		kh_analyze_key_account(&s, &facts[i], (enum kh_abc_class)abc_count[i],
			    (enum kh_loyalty)loyalty[i], &cls[i]);
		slipping += cls[i].key_account_slipping;
		candidates += cls[i].key_account_candidate;
		grid_counts[grid[i].tier < 6 ? grid[i].tier : 0]++;
		life_counts[life[i] < 6 ? life[i] : 0]++;
		loyalty_counts[loyalty[i] < 6 ? loyalty[i] : 0]++;
	}
	json_object_set_new(timing, "classify", json_real(seconds_since(&t0)));

	{
		static const char *const abc_names[] = {"A", "B", "C"};
		const char *grid_names[6], *life_names[6], *loyalty_names[6];
		json_t *a = json_object(), *ac = json_object();

		for (int k = 0; k < 3; k++) {
			json_object_set_new(a, abc_names[k],
					    json_pack("{s:I, s:f, s:f}", "count",
						      (json_int_t)abc_sum.count[k], "share",
						      n ? (double)abc_sum.count[k] / n : 0.0,
						      "value_share", abc_sum.share[k]));
			json_object_set_new(ac, abc_names[k],
					    json_pack("{s:I, s:f, s:f}", "count",
						      (json_int_t)abc_count_sum.count[k], "share",
						      n ? (double)abc_count_sum.count[k] / n : 0.0,
						      "value_share", abc_count_sum.share[k]));
		}
		for (int k = 0; k < 6; k++) {
			grid_names[k] = k ? kh_grid_name(k) : "none";
			life_names[k] = kh_lifecycle_name(k);
			loyalty_names[k] = kh_loyalty_name(k);
		}
		json_object_set_new(summary, "abc", a);
		json_object_set_new(summary, "abc_by_count", ac);
		json_object_set_new(summary, "key_accounts",
				    json_pack("{s:I, s:I}", "slipping", (json_int_t)slipping,
					      "candidates", (json_int_t)candidates));
		json_object_set_new(summary, "abc_basis", json_string(kh_setting_def("abc.basis")->choices[s.basis]));
		json_object_set_new(summary, "abc_bounds",
				    json_pack("{s:o, s:o}", "share", abc_bounds(values, abc, n),
					      "count", abc_bounds(values, abc_count, n)));
		json_object_set_new(summary, "rfm_bounds", rfm_bounds(cf, rfm, n));
		json_object_set_new(summary, "grid", kh_analyze_counts_json(grid_names, grid_counts, 6, n));
		json_object_set_new(summary, "lifecycle", kh_analyze_counts_json(life_names, life_counts, 6, n));
		json_object_set_new(summary, "loyalty",
				    kh_analyze_counts_json(loyalty_names, loyalty_counts, 6, n));
		json_object_set_new(summary, "grid_cuts",
				    json_pack("{s:f, s:f, s:f, s:f}", "interval_short_days",
					      isfinite(gcuts.interval_short_days) ? gcuts.interval_short_days : 0.0,
					      "interval_long_days",
					      isfinite(gcuts.interval_long_days) ? gcuts.interval_long_days : 0.0,
					      "amount_small_fen",
					      isfinite(gcuts.amount_small_fen) ? gcuts.amount_small_fen : 0.0,
					      "amount_large_fen",
					      isfinite(gcuts.amount_large_fen) ? gcuts.amount_large_fen : 0.0));
	}

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (progress)
		progress("writing", 0, n, arg);
	if ((rc = kh_store_begin(ctx->store, err)))
		goto out;
	for (size_t i = 0; i < n && rc == 0; i += 50000) {
		size_t chunk = n - i < 50000 ? n - i : 50000;

		rc = kh_store_analysis_write(ctx->store, cls + i, chunk, err);
		if (progress)
			progress("writing", i + chunk, n, arg);
	}
	if (rc == 0)
		rc = kh_store_analysis_save_run(ctx->store, summary, err);
	/* Every stored dashboard result is of the facts before this run. */
	if (rc == 0)
		rc = kh_store_report_results_stale_all(ctx->store, err);
	if (rc == 0)
		rc = kh_analyze_refresh_changed(ctx, &s, today_s, facts, n, version, err);
	if (rc == 0)
		rc = kh_store_commit(ctx->store, err);
	if (rc) {
		kh_store_rollback(ctx->store);
		goto out;
	}
	json_object_set_new(timing, "write", json_real(seconds_since(&t0)));
	json_object_set_new(timing, "total", json_real(seconds_since(&t_all)));
	*out = summary;
	summary = NULL;
out:
	kh_store_analysis_restore_cache(ctx->store, cache);
	for (size_t i = 0; qjson && i < n; i++)
		free(qjson[i]);
	free(qjson);
	free(facts);
	free(cf);
	free(cls);
	free(grid);
	free(rfm);
	free(abc);
	free(abc_count);
	free(life);
	free(loyalty);
	free(values);
	free(quad);
	json_decref(summary);
	return rc;
}
