/*
 * reports_time.c: the reports over orders and opportunities in time (see
 * reports.h): retention by first-order cohort (kh_cohort_build), the sales
 * of the last 24 months with the annual-sales formula of DOMAIN 6 and the
 * BG/NBD expectation, conversion by number of follow-ups
 * (kh_followup_conversion), and the next visits restricted to the actor's
 * scope.
 */
#include "service/analysis/reports.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/cohort.h"
#include "analytics/finance.h"
#include "analytics/followup.h"
#include "base/parse.h"
#include "service/settings.h"
#include "service/work/nextvisit.h"
#include "service/permission.h"
#include "service/analysis/reports_stored.h"
#include "store/analysis/reports.h"
#include "base/banned.h"

#define FORECAST_MONTHS 24
#define EXPECTED_DAYS 90

/* ---- Cohorts ---- */

static json_t *cohort_json(const struct kh_cohort_table *t, size_t c)
{
	json_t *active = json_array(), *ret = json_array(), *churn = json_array();
	char label[8];

	kh_cohort_label(t, c, label);
	for (size_t k = 0; c + k < t->ncohorts; k++) {
		json_array_append_new(active,
				      json_integer((json_int_t)t->active[c * t->noffsets + k]));
		json_array_append_new(ret, kh_report_real(kh_cohort_retention(t, c, k)));
		json_array_append_new(churn, kh_report_real(kh_cohort_churn(t, c, k)));
	}
	return json_pack("{s:s, s:I, s:o, s:o, s:o}", "cohort", label, "size",
			 (json_int_t)t->size[c], "active", active, "retention", ret, "churn", churn);
}

/* Cohorts by the period *(const enum kh_cohort_period *)arg. */
static int cohorts_compute(struct kh_ctx *ctx, const void *arg, json_t **out,
			   struct kh_error *err)
{
	enum kh_cohort_period p = *(const enum kh_cohort_period *)arg;
	struct kh_perm_reach reach;
	const struct kh_scope *scope;
	struct kh_cohort_table *t = NULL;
	int32_t *days = NULL;
	size_t *start = NULL, n = 0;
	json_t *o, *list;
	int rc;

	if ((rc = kh_report_scope_begin(ctx, &reach, &scope, err)))
		return rc;
	rc = kh_store_report_order_days(ctx->store, scope, &days, &start, &n, err);
	if ((rc = kh_report_scope_end(ctx, &reach, rc, err)))
		goto out;
	rc = kh_cohort_build(days, start, n, kh_today(), p, &t);
	if (rc && rc != KH_ENOTFOUND) {
		rc = kh_report_nomem(err);
		goto out;
	}
	rc = 0;
	list = json_array();
	n = 0;
	for (size_t c = 0; t && c < t->ncohorts; c++) {
		if (t->size[c] == 0)
			continue;
		n += t->size[c];
		json_array_append_new(list, cohort_json(t, c));
	}
	o = kh_report_head((int64_t)n);
	json_object_set_new(o, "period", json_string(p == KH_COHORT_YEAR ? "year" : "quarter"));
	json_object_set_new(o, "cohorts", list);
	/* Say so when the oldest cohorts did not fit, rather than refuse. */
	json_object_set_new(o, "periods_max", json_integer(KH_COHORT_MAX));
	json_object_set_new(o, "capped", json_boolean(t && t->capped));
	json_object_set_new(o, "customers_left_out", json_integer(t ? (json_int_t)t->left_out : 0));
	*out = o;
out:
	kh_cohort_free(t);
	free(days);
	free(start);
	return rc;
}

int kh_report_cohorts(struct kh_ctx *ctx, const char *period, json_t **out,
		      struct kh_error *err)
{
	enum kh_cohort_period p = KH_COHORT_YEAR;

	if (period && strcmp(period, "year") && strcmp(period, "quarter"))
		return kh_error_set(err, KH_EINVAL, "period", "period must be year or quarter");
	if (period && strcmp(period, "quarter") == 0)
		p = KH_COHORT_QUARTER;
	return kh_report_stored(ctx, "cohorts", p == KH_COHORT_YEAR ? "year" : "quarter",
				cohorts_compute, &p, out, err);
}

/* ---- Forecast ---- */

static json_t *month_json(const char *month, const struct kh_report_month *m)
{
	json_t *o = json_pack("{s:s, s:I, s:I}", "month", month, "orders",
			      (json_int_t)(m ? m->orders : 0), "customers",
			      (json_int_t)(m ? m->customers : 0));

	kh_report_money(o, "revenue", m ? m->revenue_fen : 0);
	kh_report_money(o, "profit", m ? m->profit_fen : 0);
	return o;
}

/* The 24 complete months before today's and today's own, zeros included. */
static json_t *months_json(const struct kh_report_month *rows, size_t n, int y, unsigned mo,
			   json_t **current)
{
	json_t *list = json_array();
	int idx = y * 12 + (int)mo - 1 - FORECAST_MONTHS;
	size_t j = 0;
	char label[16];

	for (int k = 0; k <= FORECAST_MONTHS; k++, idx++) {
		const struct kh_report_month *m = NULL;
		json_t *o;

		snprintf(label, sizeof(label), "%04d-%02d", idx / 12, idx % 12 + 1);
		while (j < n && strcmp(rows[j].month, label) < 0)
			j++;
		if (j < n && strcmp(rows[j].month, label) == 0)
			m = &rows[j];
		o = month_json(label, m);
		if (k < FORECAST_MONTHS)
			json_array_append_new(list, o);
		else
			*current = o;
	}
	return list;
}

static json_t *annual_json(const struct kh_report_annual *a)
{
	double r = a->prev_buyers ? (double)a->retained / (double)a->prev_buyers : NAN;
	double tx = a->buyers ? (double)a->orders / (double)a->buyers / 12.0 : 0;
	double amount = a->orders ? (double)a->revenue_fen / (double)a->orders : 0, value = NAN;
	json_t *o = json_pack("{s:I, s:o, s:f}", "customers", (json_int_t)a->buyers, "retention",
			      kh_report_real(r), "transactions_per_month", tx);

	kh_report_money(o, "amount", llround(amount));
	if (isfinite(r))
		kh_finance_annual_sales((double)a->buyers, r, tx, amount, &value);
	if (isfinite(value)) {
		kh_report_money(o, "value", llround(value));
	} else {
		json_object_set_new(o, "value_fen", json_null());
		json_object_set_new(o, "value", json_null());
	}
	return o;
}

static json_t *expected_json(struct kh_ctx *ctx, const struct kh_report_row *rows, size_t n)
{
	double purchases = 0, spend = 0;
	size_t m = 0;
	char at[32];
	json_t *o;

	for (size_t i = 0; i < n; i++) {
		if (!isfinite(rows[i].expected_purchases_90d))
			continue;
		m++;
		purchases += rows[i].expected_purchases_90d;
		if (rows[i].expected_spend_fen >= 0)
			spend += rows[i].expected_purchases_90d * (double)rows[i].expected_spend_fen;
	}
	o = json_pack("{s:i, s:I, s:f}", "days", EXPECTED_DAYS, "customers", (json_int_t)m,
		      "purchases", purchases);
	kh_report_money(o, "spend", llround(spend));
	json_object_set_new(o, "analyzed_at",
			    kh_store_report_analyzed_at(ctx->store, at, NULL) == 0
				    ? json_string(at)
				    : json_null());
	return o;
}

static int forecast_compute(struct kh_ctx *ctx, const void *arg, json_t **out,
			    struct kh_error *err)
{
	struct kh_perm_reach reach;
	const struct kh_scope *scope;
	struct kh_report_month *months = NULL;
	struct kh_report_annual annual;
	struct kh_report_row *rows = NULL;
	size_t nmonths = 0, n = 0;
	int32_t today = kh_today();
	char today_s[11], from[32], until[32];
	json_t *o, *current = NULL, *list;
	unsigned mo, d;
	int y, rc, from_idx;

	kh_date_format(today, today_s);
	kh_civil_from_days(today, &y, &mo, &d);
	from_idx = y * 12 + (int)mo - 1 - FORECAST_MONTHS;
	snprintf(from, sizeof(from), "%04d-%02d-01", from_idx / 12, from_idx % 12 + 1);
	snprintf(until, sizeof(until), "%04d-%02d-01", mo == 12 ? y + 1 : y, mo == 12 ? 1 : mo + 1);
	memset(&annual, 0, sizeof(annual));
	if ((rc = kh_report_load_rows(ctx, &rows, &n, err)))
		return rc;
	if ((rc = kh_report_scope_begin(ctx, &reach, &scope, err)))
		goto out;
	rc = kh_store_report_months(ctx->store, scope, from, until,
				    kh_setting_number(ctx, "clv.default_margin"), &months,
				    &nmonths, err);
	if (rc == 0)
		rc = kh_store_report_annual(ctx->store, scope, today_s, &annual, err);
	if ((rc = kh_report_scope_end(ctx, &reach, rc, err)))
		goto out;
	o = kh_report_head((int64_t)n);
	list = months_json(months, nmonths, y, mo, &current);
	json_object_set_new(o, "months", list);
	json_object_set_new(o, "current_month", current);
	json_object_set_new(o, "annual_sales", annual_json(&annual));
	json_object_set_new(o, "expected", expected_json(ctx, rows, n));
	*out = o;
out:
	free(months);
	kh_report_rows_free(rows, n);
	return rc;
}

int kh_report_forecast(struct kh_ctx *ctx, json_t **out, struct kh_error *err)
{
	return kh_report_stored(ctx, "forecast", "", forecast_compute, NULL, out, err);
}

/* ---- Follow-ups ---- */

static int followups_compute(struct kh_ctx *ctx, const void *arg, json_t **out,
			     struct kh_error *err)
{
	static const uint32_t bounds[] = KH_FOLLOWUP_DEFAULT_BOUNDS;
	struct kh_followup_bucket b[KH_FOLLOWUP_DEFAULT_NBOUNDS];
	struct kh_perm_reach reach;
	const struct kh_scope *scope;
	struct kh_report_opp *opp = NULL;
	struct kh_opportunity_fact *facts = NULL;
	size_t n = 0, open = 0, decided = 0, won = 0;
	int64_t customers = 0;
	json_t *o, *list;
	char label[32];
	int rc;

	if ((rc = kh_report_scope_begin(ctx, &reach, &scope, err)))
		return rc;
	rc = kh_store_report_count(ctx->store, scope, &customers, err);
	if (rc == 0)
		rc = kh_store_report_opportunities(ctx->store, scope, &opp, &n, err);
	if ((rc = kh_report_scope_end(ctx, &reach, rc, err)))
		goto out;
	facts = calloc(n ? n : 1, sizeof(*facts));
	if (!facts) {
		rc = kh_report_nomem(err);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		facts[i].followups = opp[i].followups;
		facts[i].closed = opp[i].state != KH_REPORT_OPP_OPEN;
		facts[i].won = opp[i].state == KH_REPORT_OPP_WON;
	}
	if ((rc = kh_followup_conversion(facts, n, bounds, KH_FOLLOWUP_DEFAULT_NBOUNDS, b))) {
		rc = kh_error_set(err, KH_EINVAL, "", "bad follow-up buckets");
		goto out;
	}
	list = json_array();
	for (size_t k = 0; k < KH_FOLLOWUP_DEFAULT_NBOUNDS; k++) {
		if (b[k].to == UINT32_MAX)
			snprintf(label, sizeof(label), "%u+", b[k].from);
		else if (b[k].from == b[k].to)
			snprintf(label, sizeof(label), "%u", b[k].from);
		else
			snprintf(label, sizeof(label), "%u-%u", b[k].from, b[k].to);
		open += b[k].open;
		decided += b[k].decided;
		won += b[k].won;
		json_array_append_new(
			list, json_pack("{s:I, s:o, s:s, s:I, s:I, s:I, s:o, s:o}", "from",
					(json_int_t)b[k].from, "to",
					b[k].to == UINT32_MAX ? json_null()
							      : json_integer((json_int_t)b[k].to),
					"label", label, "open", (json_int_t)b[k].open, "decided",
					(json_int_t)b[k].decided, "won", (json_int_t)b[k].won,
					"conversion", kh_report_real(b[k].conversion),
					"share_of_wins", kh_report_real(b[k].share_of_wins)));
	}
	o = kh_report_head(customers);
	json_object_set_new(o, "opportunities", json_integer((json_int_t)n));
	json_object_set_new(o, "open", json_integer((json_int_t)open));
	json_object_set_new(o, "decided", json_integer((json_int_t)decided));
	json_object_set_new(o, "won", json_integer((json_int_t)won));
	json_object_set_new(o, "buckets", list);
	*out = o;
out:
	free(opp);
	free(facts);
	return rc;
}

int kh_report_followups(struct kh_ctx *ctx, json_t **out, struct kh_error *err)
{
	return kh_report_stored(ctx, "followups", "", followups_compute, NULL, out, err);
}

/* ---- Next visits ---- */

struct visits_arg {
	int64_t rep;
	int limit;
};

/* The next visits of arg's rep (0: every rep), kept to the actor's reach. */
static int visits_compute(struct kh_ctx *ctx, const void *arg, json_t **out,
			  struct kh_error *err)
{
	const struct visits_arg *a = arg;
	struct kh_perm_reach reach;
	json_t *all = NULL, *mine;
	int rc;

	if ((rc = kh_perm_reach_init(ctx, &reach, err)))
		return rc;
	if ((rc = kh_next_visits(ctx, a->rep, a->limit, &all, err)))
		goto out;
	mine = json_array();
	for (size_t i = 0; i < json_array_size(all); i++) {
		json_t *g = json_array_get(all, i);
		int64_t id = json_integer_value(json_object_get(g, "rep_id"));

		if (reach.everything || kh_perm_reach_has_user(&reach, id))
			json_array_append(mine, g);
	}
	*out = json_pack("{s:o}", "reps", mine);
out:
	json_decref(all);
	kh_perm_reach_release(&reach);
	return rc;
}

int kh_report_next_visits(struct kh_ctx *ctx, int64_t rep, int limit, json_t **out,
			  struct kh_error *err)
{
	struct kh_perm_reach reach;
	struct visits_arg a = {rep, limit};
	char variant[64];
	int rc;

	if (ctx->actor.role == KH_ROLE_SALES && rep == 0)
		a.rep = ctx->actor.user_id;
	if (limit < 1 || limit > KH_NEXT_VISITS_MAX)
		return kh_error_set(err, KH_EINVAL, "limit", "limit must be 1..%d",
				    KH_NEXT_VISITS_MAX);
	if (ctx->actor.role == KH_ROLE_SALES && a.rep != ctx->actor.user_id)
		return kh_error_set(err, KH_EPERM, "rep", "a sales rep sees only their own visits");
	if ((rc = kh_perm_reach_init(ctx, &reach, err)))
		return rc;
	if (a.rep && !reach.everything && ctx->actor.role != KH_ROLE_SALES &&
	    !kh_perm_reach_has_user(&reach, a.rep))
		rc = kh_error_set(err, KH_ENOTFOUND, "rep", "no such rep in your scope");
	kh_perm_reach_release(&reach);
	if (rc)
		return rc;
	snprintf(variant, sizeof(variant), "rep=%lld&limit=%d", (long long)a.rep, limit);
	return kh_report_stored(ctx, "next_visits", variant, visits_compute, &a, out, err);
}
