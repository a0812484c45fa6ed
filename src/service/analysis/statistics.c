/*
 * statistics.c: the 7P statistics (see statistics.h): the arguments, their
 * variant text for the stored results, the three that gather existing
 * reports (profiling, persistency, profitability) and the cross-sell
 * suggestions. The three over orders in a period are in
 * statistics_sales.c, promotion (campaign mail) in statistics_promotion.c.
 */
#include "service/analysis/statistics.h"
#include "service/analysis/statistics_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/basket.h"
#include "base/parse.h"
#include "service/permission.h"
#include "service/settings.h"
#include "service/analysis/reports.h"
#include "service/analysis/reports_stored.h"
#include "store/analysis/reports.h"
#include "store/analysis/statistics.h"
#include "base/banned.h"

#define TOP 10

static const char *const names[] = {"profiling",   "persistency", "profitability",
				    "performance", "prospecting", "product",
				    "promotion"};
static const char *const groups[] = {"category", "channel", "region"};

bool kh_statistic_known(const char *name)
{
	for (size_t i = 0; name && i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
}

/* ---- Arguments ---- */

static int parse_day(const char *s, const char *field, int32_t *day, struct kh_error *err)
{
	return kh_parse_date(s, day, field, err);
}

/* The first day of the month of day, moved by months. */
static int32_t month_start(int32_t day, int months)
{
	char buf[24];
	int y, m;
	int32_t out = day;

	kh_date_format(day, buf);
	y = (buf[0] - '0') * 1000 + (buf[1] - '0') * 100 + (buf[2] - '0') * 10 + (buf[3] - '0');
	m = (buf[5] - '0') * 10 + (buf[6] - '0') - 1 + months;
	y += m >= 0 ? m / 12 : -((11 - m) / 12);
	m = ((m % 12) + 12) % 12;
	snprintf(buf, sizeof(buf), "%04d-%02d-01", y % 10000, m + 1);
	kh_parse_date(buf, &out, "", NULL);
	return out;
}

int kh_stat_resolve(struct kh_ctx *ctx, enum kh_stat_which which, const struct kh_stat_args *a,
		    struct kh_stat_params *p, struct kh_error *err)
{
	int32_t to = kh_today(), from;
	char *end = NULL;
	int rc;

	memset(p, 0, sizeof(*p));
	p->which = which;
	if (a->to && (rc = parse_day(a->to, "to", &to, err)))
		return rc;
	from = month_start(to, -11);
	if (a->from && (rc = parse_day(a->from, "from", &from, err)))
		return rc;
	if (from > to)
		return kh_error_set(err, KH_EINVAL, "from", "from must not be after to");
	if (month_start(from, KH_STAT_MONTHS_MAX) <= to)
		return kh_error_set(err, KH_EINVAL, "from", "a period is at most %d months",
				    KH_STAT_MONTHS_MAX);
	kh_date_format(from, p->from);
	kh_date_format(to, p->to);
	p->explicit_from = a->from != NULL;
	p->explicit_to = a->to != NULL;
	p->group = KH_STAT_CATEGORY;
	if (a->group) {
		size_t g = 0;

		while (g < 3 && strcmp(a->group, groups[g]))
			g++;
		if (g == 3)
			return kh_error_set(err, KH_EINVAL, "group",
					    "group must be category, channel or region");
		p->group = (enum kh_stat_group)g;
		p->explicit_group = true;
	}
	p->min_support = kh_setting_number(ctx, "basket.min_support");
	if (a->min_support) {
		double v = strtod(a->min_support, &end);

		if (!*a->min_support || *end || !(v >= 0 && v <= 1))
			return kh_error_set(err, KH_EINVAL, "min_support",
					    "min_support must be a number from 0 to 1");
		p->min_support = v;
		p->explicit_support = true;
	}
	if (!(p->min_support >= 0 && p->min_support <= 1))
		p->min_support = 0.01;
	return 0;
}

const char *kh_stat_group_name(enum kh_stat_group g)
{
	return (unsigned)g < 3 ? groups[g] : "category";
}

/* The variant of p: the arguments given, in a fixed order, so that the
 * default period follows today and a stored result of the defaults is
 * the defaults' whatever the day. */
static void variant_of(const struct kh_stat_params *p, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	if (p->explicit_from)
		n += (size_t)snprintf(buf + n, size - n, "from=%s&", p->from);
	if (p->explicit_to && n < size)
		n += (size_t)snprintf(buf + n, size - n, "to=%s&", p->to);
	if (p->explicit_group && n < size)
		n += (size_t)snprintf(buf + n, size - n, "group=%s&", kh_stat_group_name(p->group));
	if (p->explicit_support && n < size)
		n += (size_t)snprintf(buf + n, size - n, "min_support=%.17g&", p->min_support);
	if (n && n < size)
		buf[n - 1] = '\0';
}

/* ---- Gathered reports ---- */

/* o[key] = a new reference to member of report r (or an empty array). */
static void take(json_t *o, const char *key, json_t *r, const char *member)
{
	json_t *v = r ? json_object_get(r, member) : NULL;

	json_object_set(o, key, v ? v : json_array());
}

/* Counts of one column of the profile rows: [{"value", "count", "share"}],
 * the largest first. */
static json_t *distribution(json_t *rows, const char *column, int64_t total)
{
	json_t *counts = json_object(), *out = json_array(), *row, *v;
	const char *key;
	size_t i;

	json_array_foreach(rows, i, row) {
		const char *s = json_string_value(json_object_get(row, column));
		json_int_t n = json_integer_value(json_object_get(row, "n"));

		key = s ? s : "";
		v = json_object_get(counts, key);
		json_object_set_new(counts, key, json_integer(json_integer_value(v) + n));
	}
	json_object_foreach(counts, key, v) {
		size_t at = 0;
		json_t *e = json_pack("{s:o, s:I, s:o}", "value", *key ? json_string(key) : json_null(),
				      "count", json_integer_value(v), "share",
				      kh_report_ratio((double)json_integer_value(v), (double)total));

		while (at < json_array_size(out) &&
		       json_integer_value(json_object_get(json_array_get(out, at), "count")) >=
			       json_integer_value(v))
			at++;
		json_array_insert_new(out, at, e);
	}
	json_decref(counts);
	return out;
}

static int profiling_compute(struct kh_ctx *ctx, const void *arg, json_t **out,
			     struct kh_error *err)
{
	struct kh_perm_reach reach;
	const struct kh_scope *scope;
	json_t *abc = NULL, *grid = NULL, *rows = NULL, *o, *row;
	int64_t total = 0;
	size_t i;
	int rc;

	if ((rc = kh_report_abc(ctx, NULL, &abc, err)) || (rc = kh_report_grid(ctx, &grid, err)))
		goto out;
	if ((rc = kh_report_scope_begin(ctx, &reach, &scope, err)))
		goto out;
	rc = kh_store_stat_profile(ctx->store, scope, &rows, err);
	if ((rc = kh_report_scope_end(ctx, &reach, rc, err)))
		goto out;
	json_array_foreach(rows, i, row)
		total += json_integer_value(json_object_get(row, "n"));
	o = kh_report_head(total);
	json_object_set_new(o, "statistic", json_string("profiling"));
	json_object_set_new(o, "links", json_pack("{s:s, s:s}", "abc", "/api/v1/analytics/abc",
						  "grid", "/api/v1/analytics/grid"));
	json_object_set_new(o, "grade", distribution(rows, "grade", total));
	json_object_set_new(o, "segment", distribution(rows, "segment", total));
	json_object_set_new(o, "nature", distribution(rows, "nature", total));
	take(o, "abc", abc, "classes");
	take(o, "grid", grid, "tiers");
	*out = o;
out:
	json_decref(abc);
	json_decref(grid);
	json_decref(rows);
	return rc;
}

static int persistency_compute(struct kh_ctx *ctx, const void *arg, json_t **out,
			       struct kh_error *err)
{
	json_t *life = NULL, *loyal = NULL, *coh = NULL, *o;
	int rc;

	if ((rc = kh_report_lifecycle(ctx, &life, err)) ||
	    (rc = kh_report_loyalty(ctx, &loyal, err)) ||
	    (rc = kh_report_cohorts(ctx, "year", &coh, err)))
		goto out;
	o = kh_report_head(json_integer_value(json_object_get(life, "customers")));
	json_object_set_new(o, "statistic", json_string("persistency"));
	json_object_set_new(o, "links",
			    json_pack("{s:s, s:s, s:s}", "lifecycle", "/api/v1/analytics/lifecycle",
				      "loyalty", "/api/v1/analytics/loyalty", "cohorts",
				      "/api/v1/analytics/cohorts"));
	take(o, "lifecycle", life, "stages");
	json_object_set(o, "unclassified", json_object_get(life, "unclassified"));
	take(o, "loyalty", loyal, "stages");
	take(o, "brand_loyalty", loyal, "brand_loyalty");
	take(o, "cohorts", coh, "cohorts");
	*out = o;
out:
	json_decref(life);
	json_decref(loyal);
	json_decref(coh);
	return rc;
}

static int by_net_desc(const void *x, const void *y)
{
	const struct kh_report_row *a = x, *b = y;

	if (a->net_profit_12m_fen != b->net_profit_12m_fen)
		return a->net_profit_12m_fen < b->net_profit_12m_fen ? 1 : -1;
	return (a->customer_id > b->customer_id) - (a->customer_id < b->customer_id);
}

static json_t *customer_json(const struct kh_report_row *r)
{
	json_t *c = json_pack("{s:I, s:s}", "customer_id", (json_int_t)r->customer_id, "name",
			      r->name);

	kh_report_money(c, "revenue_12m", r->revenue_12m_fen);
	kh_report_money(c, "profit_12m", r->profit_12m_fen);
	kh_report_money(c, "net_profit_12m", r->net_profit_12m_fen);
	return c;
}

static int profitability_compute(struct kh_ctx *ctx, const void *arg, json_t **out,
				 struct kh_error *err)
{
	struct kh_report_row *rows = NULL;
	json_t *abc = NULL, *whale = NULL, *o, *top, *bottom, *w;
	int64_t rev = 0, gross = 0, net = 0, losing = 0;
	size_t n = 0;
	int rc;

	if ((rc = kh_report_abc(ctx, "net_profit", &abc, err)) ||
	    (rc = kh_report_whale(ctx, &whale, err)) ||
	    (rc = kh_report_load_rows(ctx, &rows, &n, err)))
		goto out;
	for (size_t i = 0; i < n; i++) {
		rev += rows[i].revenue_12m_fen;
		gross += rows[i].profit_12m_fen;
		net += rows[i].net_profit_12m_fen;
		losing += rows[i].net_profit_12m_fen < 0;
	}
	qsort(rows, n, sizeof(*rows), by_net_desc);
	top = json_array();
	bottom = json_array();
	for (size_t i = 0; i < n && i < TOP; i++) {
		json_array_append_new(top, customer_json(&rows[i]));
		if (rows[n - 1 - i].net_profit_12m_fen < 0)
			json_array_append_new(bottom, customer_json(&rows[n - 1 - i]));
	}
	o = kh_report_head((int64_t)n);
	json_object_set_new(o, "statistic", json_string("profitability"));
	json_object_set_new(o, "links",
			    json_pack("{s:s, s:s}", "abc", "/api/v1/analytics/abc?basis=net_profit",
				      "whale", "/api/v1/analytics/whale"));
	kh_report_money(o, "revenue_12m", rev);
	kh_report_money(o, "profit_12m", gross);
	kh_report_money(o, "net_profit_12m", net);
	json_object_set_new(o, "net_margin", kh_report_ratio((double)net, (double)rev));
	kh_report_money(o, "net_profit_per_customer", n ? llround((double)net / (double)n) : 0);
	json_object_set_new(o, "loss_making", json_integer((json_int_t)losing));
	take(o, "abc", abc, "classes");
	w = json_object();
	json_object_set(w, "top_of_total", json_object_get(whale, "top_of_total"));
	json_object_set(w, "peak_of_total", json_object_get(whale, "peak_of_total"));
	json_object_set(w, "worst_cut", json_object_get(whale, "worst_cut"));
	json_object_set_new(o, "whale", w);
	json_object_set_new(o, "top", top);
	json_object_set_new(o, "bottom", bottom);
	*out = o;
out:
	kh_report_rows_free(rows, n);
	json_decref(abc);
	json_decref(whale);
	return rc;
}

/* ---- Dispatch ---- */

static int which_of(const char *name, enum kh_stat_which *w)
{
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (name && strcmp(name, names[i]) == 0) {
			*w = (enum kh_stat_which)i;
			return 0;
		}
	}
	return KH_ENOTFOUND;
}

static int compute(struct kh_ctx *ctx, const void *arg, json_t **out, struct kh_error *err)
{
	const struct kh_stat_params *p = arg;

	switch (p->which) {
	case KH_STAT_PROFILING:
		return profiling_compute(ctx, arg, out, err);
	case KH_STAT_PERSISTENCY:
		return persistency_compute(ctx, arg, out, err);
	case KH_STAT_PROFITABILITY:
		return profitability_compute(ctx, arg, out, err);
	case KH_STAT_PERFORMANCE:
		return kh_stat_performance(ctx, p, out, err);
	case KH_STAT_PROSPECTING:
		return kh_stat_prospecting(ctx, p, out, err);
	case KH_STAT_PRODUCT:
		return kh_stat_product(ctx, p, out, err);
	case KH_STAT_PROMOTION:
		return kh_stat_promotion(ctx, p, out, err);
	}
	return kh_error_set(err, KH_EINVAL, "name", "no such statistic");
}

int kh_statistic(struct kh_ctx *ctx, const char *name, const struct kh_stat_args *a,
		 json_t **out, struct kh_error *err)
{
	struct kh_stat_params p;
	enum kh_stat_which w;
	char report[48], variant[160];
	int rc;

	if (which_of(name, &w))
		return kh_error_set(err, KH_ENOTFOUND, "name", "no statistic %s", name ? name : "");
	if ((rc = kh_stat_resolve(ctx, w, a, &p, err)))
		return rc;
	snprintf(report, sizeof(report), "statistics.%s", name);
	variant_of(&p, variant, sizeof(variant));
	return kh_report_stored(ctx, report, variant, compute, &p, out, err);
}

int kh_statistic_of_variant(struct kh_ctx *ctx, const char *report, const char *variant,
			    json_t **out, struct kh_error *err)
{
	struct kh_stat_args a = {0};
	char buf[160], *p, *next;

	if (strncmp(report, "statistics.", 11) || !kh_statistic_known(report + 11))
		return kh_error_set(err, KH_EINVAL, "report", "no statistic %s", report);
	snprintf(buf, sizeof(buf), "%s", variant);
	for (p = buf; p && *p; p = next) {
		char *eq = strchr(p, '=');

		next = strchr(p, '&');
		if (next)
			*next++ = '\0';
		if (!eq)
			return kh_error_set(err, KH_EINVAL, "variant", "malformed variant");
		*eq = '\0';
		if (strcmp(p, "from") == 0)
			a.from = eq + 1;
		else if (strcmp(p, "to") == 0)
			a.to = eq + 1;
		else if (strcmp(p, "group") == 0)
			a.group = eq + 1;
		else if (strcmp(p, "min_support") == 0)
			a.min_support = eq + 1;
	}
	return kh_statistic(ctx, report + 11, &a, out, err);
}

/* ---- Cross-sell ---- */

/* The pairs of the product statistic as the basket module has them. */
static int pairs_of(json_t *stat, struct kh_basket_pair **out, size_t *n)
{
	json_t *pairs = json_object_get(stat, "pairs"), *q;
	struct kh_basket_pair *v = calloc(json_array_size(pairs) + 1, sizeof(*v));
	size_t i;

	if (!v)
		return KH_ENOMEM;
	json_array_foreach(pairs, i, q) {
		v[i].a = json_integer_value(json_object_get(q, "a_id"));
		v[i].b = json_integer_value(json_object_get(q, "b_id"));
		v[i].count_ab = (uint32_t)json_integer_value(json_object_get(q, "orders"));
		v[i].confidence_ab = json_number_value(json_object_get(q, "confidence_ab"));
		v[i].confidence_ba = json_number_value(json_object_get(q, "confidence_ba"));
		v[i].lift = json_number_value(json_object_get(q, "lift"));
	}
	*out = v;
	*n = json_array_size(pairs);
	return 0;
}

/* The name and code of product id from the statistic's pairs. */
static void name_of(json_t *stat, int64_t id, json_t *o, const char *key)
{
	json_t *q;
	size_t i;
	char code[64];

	snprintf(code, sizeof(code), "%s_code", key);
	json_array_foreach(json_object_get(stat, "pairs"), i, q) {
		const char *side = json_integer_value(json_object_get(q, "a_id")) == id   ? "a"
				   : json_integer_value(json_object_get(q, "b_id")) == id ? "b"
											  : NULL;
		char k[8];

		if (!side)
			continue;
		json_object_set(o, key, json_object_get(q, side));
		snprintf(k, sizeof(k), "%s_code", side);
		json_object_set(o, code, json_object_get(q, k));
		return;
	}
	json_object_set_new(o, key, json_null());
	json_object_set_new(o, code, json_null());
}

int kh_cross_sell(struct kh_ctx *ctx, int64_t customer_id, int limit, json_t **out,
		  struct kh_error *err)
{
	struct kh_stat_args none = {0};
	struct kh_basket_pair *pairs = NULL;
	struct kh_basket_suggestion *s = NULL;
	int64_t *bought = NULL;
	size_t npairs = 0, nbought = 0, ns = 0;
	json_t *stat = NULL, *list, *o;
	int level, rc;

	if ((rc = kh_perm_customer(ctx, customer_id, false, &level, err)) ||
	    (rc = kh_statistic(ctx, "product", &none, &stat, err)))
		goto out;
	if ((rc = kh_store_begin_read(ctx->store, err)))
		goto out;
	rc = kh_store_stat_customer_products(ctx->store, customer_id, &bought, &nbought, err);
	kh_store_commit(ctx->store, NULL);
	if (rc)
		goto out;
	if (pairs_of(stat, &pairs, &npairs) || !(s = calloc((size_t)limit, sizeof(*s))) ||
	    kh_basket_suggest(pairs, npairs, bought, nbought, (size_t)limit, s, &ns)) {
		rc = kh_report_nomem(err);
		goto out;
	}
	list = json_array();
	for (size_t i = 0; i < ns; i++) {
		json_t *e = json_pack("{s:I, s:I, s:I, s:f, s:f, s:f}", "product_id",
				      (json_int_t)s[i].product, "because_id", (json_int_t)s[i].because,
				      "orders", (json_int_t)s[i].count_ab, "confidence",
				      s[i].confidence, "lift", s[i].lift, "score", s[i].score);

		name_of(stat, s[i].product, e, "product");
		name_of(stat, s[i].because, e, "because");
		json_array_append_new(list, e);
	}
	o = json_pack("{s:I, s:O, s:O, s:O, s:I, s:o}", "customer_id", (json_int_t)customer_id,
		      "as_of", json_object_get(stat, "as_of"), "from", json_object_get(stat, "from"),
		      "to", json_object_get(stat, "to"), "products_bought", (json_int_t)nbought,
		      "suggestions", list);
	if (json_object_get(stat, "refreshing"))
		json_object_set_new(o, "refreshing", json_true());
	*out = o;
out:
	json_decref(stat);
	free(pairs);
	free(bought);
	free(s);
	return rc;
}
