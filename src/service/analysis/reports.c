/*
 * reports.c: the analytics reports over one row of metrics per customer of
 * the actor's scope (see reports.h): the shared helpers, ABC and the Pareto
 * curve, the value grid, lifecycle and loyalty counts. Relative classes are
 * recomputed within the scope with the functions of src/analytics, so a
 * chart, its cut points and its counts always agree.
 */
#include "service/analysis/reports.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/abc.h"
#include "analytics/grid.h"
#include "analytics/lifecycle.h"
#include "base/parse.h"
#include "service/customers/lookup.h"
#include "service/present.h"
#include "service/settings.h"
#include "service/permission.h"
#include "service/analysis/reports_stored.h"
#include "store/analysis/metrics.h"
#include "store/analysis/reports.h"
#include "base/banned.h"

#define CURVE_POINTS 100

void kh_report_money(json_t *o, const char *key, int64_t fen)
{
	char name[64], buf[32];

	snprintf(name, sizeof(name), "%s_fen", key);
	kh_money_format(fen, buf);
	json_object_set_new(o, name, json_integer((json_int_t)fen));
	json_object_set_new(o, key, json_string(buf));
}

json_t *kh_report_real(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

json_t *kh_report_ratio(double num, double den)
{
	return den != 0 ? kh_report_real(num / den) : json_null();
}

json_t *kh_report_head(int64_t customers)
{
	char today[11];

	kh_date_format(kh_today(), today);
	return json_pack("{s:s, s:I}", "as_of", today, "customers", (json_int_t)customers);
}

int kh_report_load_rows(struct kh_ctx *ctx, struct kh_report_row **rows, size_t *n,
		     struct kh_error *err)
{
	struct kh_perm_reach reach;
	const struct kh_scope *scope;
	int rc, read;

	if ((rc = kh_report_scope_begin(ctx, &reach, &scope, err)))
		return rc;
	read = kh_store_report_rows(ctx->store, scope, rows, n, err);
	rc = kh_report_scope_end(ctx, &reach, read, err);
	if (rc && read == 0)
		kh_report_rows_free(*rows, *n);
	return rc;
}

int kh_report_scope_begin(struct kh_ctx *ctx, struct kh_perm_reach *reach,
			  const struct kh_scope **scope, struct kh_error *err)
{
	int rc = kh_perm_report_scope(ctx, reach, scope, err);

	if (rc == 0 && (rc = kh_store_begin_read(ctx->store, err)))
		kh_perm_reach_release(reach);
	return rc;
}

int kh_report_scope_end(struct kh_ctx *ctx, struct kh_perm_reach *reach, int rc,
			struct kh_error *err)
{
	if (rc == 0)
		rc = kh_store_commit(ctx->store, err);
	else
		kh_store_rollback(ctx->store);
	kh_perm_reach_release(reach);
	return rc;
}

int kh_report_nomem(struct kh_error *err)
{
	return kh_error_set(err, KH_ENOMEM, "", "out of memory");
}

/* ---- ABC ---- */

static json_t *abc_classes(const struct kh_abc_summary *sum, size_t n)
{
	json_t *a = json_array();

	for (int k = 0; k < 3; k++) {
		json_t *c = json_pack("{s:s, s:I, s:o}", "class", kh_abc_name(k), "count",
				      (json_int_t)sum->count[k], "share",
				      kh_report_ratio((double)sum->count[k], (double)n));

		kh_report_money(c, "value", llround(sum->value[k]));
		json_object_set_new(c, "value_share", kh_report_ratio(sum->value[k], sum->total));
		json_array_append_new(a, c);
	}
	return a;
}

/* ABC over the scope on basis chosen ("profit", "sales" or "net_profit"). */
static int abc_compute(struct kh_ctx *ctx, const void *arg, json_t **out, struct kh_error *err)
{
	struct kh_abc_params p = KH_ABC_PARAMS_DEFAULT;
	struct kh_abc_summary by_share, by_count;
	struct kh_pareto_point *curve = NULL;
	struct kh_report_row *rows = NULL;
	int64_t *values = NULL;
	uint8_t *cls = NULL;
	size_t n = 0, points;
	const char *chosen = arg;
	json_t *o, *pareto;
	int rc;

	p.a_share = kh_setting_number(ctx, "abc.a_share");
	p.b_share = kh_setting_number(ctx, "abc.b_share");
	p.count_a = kh_setting_number(ctx, "abc.count_a");
	p.count_b = kh_setting_number(ctx, "abc.count_b");
	if ((rc = kh_report_load_rows(ctx, &rows, &n, err)))
		return rc;
	points = n < CURVE_POINTS ? n : CURVE_POINTS;
	values = malloc((n ? n : 1) * sizeof(*values));
	cls = malloc(n ? n : 1);
	curve = malloc((points + 1) * sizeof(*curve));
	if (!values || !cls || !curve) {
		rc = kh_report_nomem(err);
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		values[i] = chosen[0] == 's'   ? rows[i].revenue_12m_fen
			    : chosen[0] == 'n' ? rows[i].net_profit_12m_fen
					       : rows[i].profit_12m_fen;
	memset(&by_share, 0, sizeof(by_share));
	memset(&by_count, 0, sizeof(by_count));
	if (n && ((rc = kh_abc_by_share(values, n, &p, cls, &by_share)) ||
		  (rc = kh_abc_by_count(values, n, &p, cls, &by_count)))) {
		rc = kh_error_set(err, rc == KH_ENOMEM ? KH_ENOMEM : KH_EINVAL, "abc",
				  "ABC settings are inconsistent: need 0 < a_share <= b_share <= 1"
				  " and count_a + count_b <= 1");
		goto out;
	}
	if (points && (rc = kh_abc_pareto(values, n, points, curve))) {
		rc = kh_report_nomem(err);
		goto out;
	}
	o = kh_report_head((int64_t)n);
	json_object_set_new(o, "basis", json_string(chosen));
	kh_report_money(o, "total", llround(by_share.total));
	json_object_set_new(o, "classes", abc_classes(&by_share, n));
	json_object_set_new(o, "classes_by_count", abc_classes(&by_count, n));
	pareto = json_array();
	for (size_t i = 0; points && i <= points; i++)
		json_array_append_new(pareto, json_pack("{s:f, s:f}", "customers",
							curve[i].customers, "value",
							curve[i].value));
	json_object_set_new(o, "pareto", pareto);
	*out = o;
out:
	free(values);
	free(cls);
	free(curve);
	kh_report_rows_free(rows, n);
	return rc;
}

int kh_report_abc(struct kh_ctx *ctx, const char *basis, json_t **out, struct kh_error *err)
{
	const struct kh_setting_def *basis_def = kh_setting_def("abc.basis");
	int at = basis ? kh_setting_choice(basis_def, basis) : kh_setting_choice_at(ctx, "abc.basis");
	const char *chosen;

	if (basis && at < 0)
		return kh_error_set(err, KH_EINVAL, "basis",
				    "basis must be profit, sales or net_profit");
	/* A stored word that is not a choice reads as the first, profit. */
	chosen = basis_def->choices[at > 0 ? at : 0];
	return kh_report_stored(ctx, "abc", chosen, abc_compute, chosen, out, err);
}

/* ---- Value grid ---- */

static json_t *cut_days(double v)
{
	return kh_report_real(v);
}

static void cut_money(json_t *o, const char *key, double v)
{
	char name[64];

	if (isfinite(v)) {
		kh_report_money(o, key, llround(v));
		return;
	}
	snprintf(name, sizeof(name), "%s_fen", key);
	json_object_set_new(o, name, json_null());
	json_object_set_new(o, key, json_null());
}

static int grid_compute(struct kh_ctx *ctx, const void *arg, json_t **out, struct kh_error *err)
{
	static const char *const amounts[] = {"small", "medium", "large"};
	static const char *const intervals[] = {"short", "medium", "long"};
	struct kh_grid_params p = KH_GRID_PARAMS_DEFAULT;
	struct kh_grid_cuts cuts = {NAN, NAN, NAN, NAN};
	struct kh_report_row *rows = NULL;
	struct kh_customer_facts *facts = NULL;
	struct kh_grid_result *res = NULL;
	int64_t cell_n[3][3] = {{0}}, cell_rev[3][3] = {{0}}, tier_n[6] = {0}, tier_rev[6] = {0};
	size_t n = 0, buyers = 0;
	json_t *o, *cells, *tiers, *c;
	int rc;

	p.interval_short_days = kh_setting_number(ctx, "grid.interval_short_days");
	p.interval_long_days = kh_setting_number(ctx, "grid.interval_long_days");
	p.amount_small_fen = kh_setting_number(ctx, "grid.amount_small_fen");
	p.amount_large_fen = kh_setting_number(ctx, "grid.amount_large_fen");
	if ((rc = kh_report_load_rows(ctx, &rows, &n, err)))
		return rc;
	facts = calloc(n ? n : 1, sizeof(*facts));
	res = calloc(n ? n : 1, sizeof(*res));
	if (!facts || !res) {
		rc = kh_report_nomem(err);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		facts[i].orders = rows[i].orders;
		facts[i].avg_amount_fen = rows[i].avg_amount_fen;
		facts[i].avg_interval_days = rows[i].avg_interval_days;
		facts[i].p_alive = NAN;
	}
	if (n && (rc = kh_grid_classify(facts, n, &p, res, &cuts))) {
		if (rc == KH_EINVAL)
			kh_error_set(err, rc, "grid", "value grid cut points are not ordered");
		else
			kh_error_set(err, rc, "grid", "out of memory");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		int t = res[i].tier < 6 ? res[i].tier : 0;

		tier_n[t]++;
		tier_rev[t] += rows[i].revenue_fen;
		if (t == KH_GRID_NONE)
			continue;
		buyers++;
		cell_n[res[i].amount_level % 3][res[i].interval_level % 3]++;
		cell_rev[res[i].amount_level % 3][res[i].interval_level % 3] += rows[i].revenue_fen;
	}
	o = kh_report_head((int64_t)n);
	json_object_set_new(o, "with_orders", json_integer((json_int_t)buyers));
	c = json_pack("{s:o, s:o}", "interval_short_days", cut_days(cuts.interval_short_days),
		      "interval_long_days", cut_days(cuts.interval_long_days));
	cut_money(c, "amount_small", cuts.amount_small_fen);
	cut_money(c, "amount_large", cuts.amount_large_fen);
	json_object_set_new(o, "cuts", c);
	cells = json_array();
	for (int a = 2; a >= 0; a--) {
		for (int iv = 0; iv < 3; iv++) {
			c = json_pack("{s:s, s:s, s:s, s:I}", "amount", amounts[a], "interval",
				      intervals[iv], "tier", kh_grid_name(kh_grid_tier_of(a, iv)),
				      "count", (json_int_t)cell_n[a][iv]);
			kh_report_money(c, "revenue", cell_rev[a][iv]);
			json_array_append_new(cells, c);
		}
	}
	json_object_set_new(o, "cells", cells);
	tiers = json_array();
	for (int t = 1; t <= 6; t++) {
		int k = t % 6; /* platinum .. optimise, then none */

		c = json_pack("{s:s, s:I, s:o}", "tier", k ? kh_grid_name(k) : "none", "count",
			      (json_int_t)tier_n[k], "share",
			      kh_report_ratio((double)tier_n[k], (double)n));
		kh_report_money(c, "revenue", tier_rev[k]);
		json_array_append_new(tiers, c);
	}
	json_object_set_new(o, "tiers", tiers);
	*out = o;
out:
	free(facts);
	free(res);
	kh_report_rows_free(rows, n);
	return rc;
}

int kh_report_grid(struct kh_ctx *ctx, json_t **out, struct kh_error *err)
{
	return kh_report_stored(ctx, "grid", "", grid_compute, NULL, out, err);
}

/* ---- Lifecycle and loyalty ---- */

static json_t *stage_counts(const struct kh_report_row *rows, size_t n, bool loyalty,
			    size_t *unclassified)
{
	json_t *a = json_array();
	size_t count[6] = {0}, known = 0;

	for (size_t i = 0; i < n; i++) {
		const char *s = loyalty ? rows[i].loyalty : rows[i].lifecycle;

		for (int k = 0; k < 6; k++) {
			if (strcmp(s, loyalty ? kh_loyalty_name(k) : kh_lifecycle_name(k)) == 0) {
				count[k]++;
				known++;
				break;
			}
		}
	}
	for (int k = 0; k < 6; k++)
		json_array_append_new(a, json_pack("{s:s, s:I, s:o}", "stage",
						   loyalty ? kh_loyalty_name(k)
							   : kh_lifecycle_name(k),
						   "count", (json_int_t)count[k], "share",
						   kh_report_ratio((double)count[k], (double)n)));
	*unclassified = n - known;
	return a;
}

static int stages(struct kh_ctx *ctx, bool loyalty, json_t **out, struct kh_error *err)
{
	static const char *const brand[] = {"loyal", "wavers", "none"};
	struct kh_report_row *rows = NULL;
	size_t n = 0, unclassified, bcount[4] = {0};
	json_t *o, *b;
	int rc;

	if ((rc = kh_report_load_rows(ctx, &rows, &n, err)))
		return rc;
	o = kh_report_head((int64_t)n);
	json_object_set_new(o, "stages", stage_counts(rows, n, loyalty, &unclassified));
	json_object_set_new(o, "unclassified", json_integer((json_int_t)unclassified));
	if (loyalty) {
		for (size_t i = 0; i < n; i++) {
			size_t k = 0;

			while (k < 3 && strcmp(rows[i].brand_loyalty, brand[k]))
				k++;
			bcount[k]++;
		}
		b = json_array();
		for (size_t k = 0; k < 4; k++)
			json_array_append_new(b, json_pack("{s:o, s:I}", "value",
							   k < 3 ? json_string(brand[k]) : json_null(),
							   "count", (json_int_t)bcount[k]));
		json_object_set_new(o, "brand_loyalty", b);
	}
	kh_report_rows_free(rows, n);
	*out = o;
	return 0;
}

static int lifecycle_compute(struct kh_ctx *ctx, const void *arg, json_t **out,
			     struct kh_error *err)
{
	return stages(ctx, false, out, err);
}

static int loyalty_compute(struct kh_ctx *ctx, const void *arg, json_t **out,
			   struct kh_error *err)
{
	return stages(ctx, true, out, err);
}

int kh_report_lifecycle(struct kh_ctx *ctx, json_t **out, struct kh_error *err)
{
	return kh_report_stored(ctx, "lifecycle", "", lifecycle_compute, NULL, out, err);
}

int kh_report_loyalty(struct kh_ctx *ctx, json_t **out, struct kh_error *err)
{
	return kh_report_stored(ctx, "loyalty", "", loyalty_compute, NULL, out, err);
}

json_t *kh_report_customer_metrics(struct kh_ctx *ctx, int64_t customer_id)
{
	json_t *m = NULL, *out;

	if (kh_store_metrics_get(ctx->store, customer_id, &m, NULL))
		return json_null();
	json_object_del(m, "customer_id");
	out = kh_present_money_columns(m);
	json_decref(m);
	return out;
}
