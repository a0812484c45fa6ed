/*
 * statistics_sales.c: the three statistics over the orders and customers
 * of a period (see statistics.h): performance (sales by product category,
 * channel or region), prospecting (customers by segment and source at
 * each month's end, new records and first orders by month) and product
 * (pairs bought together, analytics/basket.c). Each reads in one snapshot
 * of the actor's report scope.
 */
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
#include "store/analysis/reports.h"
#include "base/banned.h"

json_t *kh_stat_head(const struct kh_stat_params *p, const char *name, int64_t customers)
{
	json_t *o = kh_report_head(customers);

	json_object_set_new(o, "statistic", json_string(name));
	json_object_set_new(o, "from", json_string(p->from));
	json_object_set_new(o, "to", json_string(p->to));
	return o;
}

/* ---- Performance ---- */

int kh_stat_performance(struct kh_ctx *ctx, const struct kh_stat_params *p, json_t **out,
			struct kh_error *err)
{
	struct kh_perm_reach reach;
	const struct kh_scope *scope;
	json_t *rows = NULL, *row, *o, *total;
	int64_t customers = 0, rev = 0, profit = 0;
	size_t i;
	int rc;

	if ((rc = kh_report_scope_begin(ctx, &reach, &scope, err)))
		return rc;
	rc = kh_store_report_count(ctx->store, scope, &customers, err);
	if (rc == 0)
		rc = kh_store_stat_sales(ctx->store, scope, p->group, p->from, p->to,
					 kh_setting_number(ctx, "clv.default_margin"), &rows, err);
	if ((rc = kh_report_scope_end(ctx, &reach, rc, err)))
		return rc;
	json_array_foreach(rows, i, row) {
		rev += json_integer_value(json_object_get(row, "revenue_fen"));
		profit += json_integer_value(json_object_get(row, "profit_fen"));
	}
	json_array_foreach(rows, i, row) {
		int64_t r = json_integer_value(json_object_get(row, "revenue_fen"));

		kh_report_money(row, "revenue", r);
		kh_report_money(row, "profit", json_integer_value(json_object_get(row, "profit_fen")));
		json_object_set_new(row, "share", kh_report_ratio((double)r, (double)rev));
	}
	o = kh_stat_head(p, "performance", customers);
	json_object_set_new(o, "group", json_string(kh_stat_group_name(p->group)));
	total = json_object();
	kh_report_money(total, "revenue", rev);
	kh_report_money(total, "profit", profit);
	json_object_set_new(o, "total", total);
	json_object_set_new(o, "rows", rows);
	*out = o;
	return 0;
}

/* ---- Prospecting ---- */

/* One value of a column (segment or source) with the customers it gained
 * before the first month (add[0]) and in month k (add[k + 1]). */
struct series {
	const char *value; /* NULL: none; points into the rows */
	int64_t add[KH_STAT_MONTHS_MAX + 1];
};

struct table {
	struct series *v;
	size_t n;
};

static int month_index(const char *month, char (*months)[8], size_t nm)
{
	if (strcmp(month, months[0]) < 0)
		return 0;
	for (size_t k = 0; k < nm; k++)
		if (strcmp(month, months[k]) == 0)
			return (int)k + 1;
	return -1; /* after the period: not counted */
}

static int table_add(struct table *t, const char *value, int at, int64_t n)
{
	size_t i = 0;

	while (i < t->n && !(value ? t->v[i].value && strcmp(t->v[i].value, value) == 0
				   : t->v[i].value == NULL))
		i++;
	if (i == t->n) {
		struct series *g = realloc(t->v, (t->n + 1) * sizeof(*g));

		if (!g)
			return KH_ENOMEM;
		t->v = g;
		memset(&t->v[t->n], 0, sizeof(t->v[t->n]));
		t->v[t->n++].value = value;
	}
	t->v[i].add[at] += n;
	return 0;
}

/* [{"month", "value", "customers"}]: each value's count at each month's
 * end, values in the order of their count at the last month's end. */
static json_t *series_json(struct table *t, char (*months)[8], size_t nm)
{
	json_t *a = json_array();
	int64_t *last = calloc(t->n + 1, sizeof(*last));
	size_t *order = calloc(t->n + 1, sizeof(*order));

	if (!last || !order) {
		free(last);
		free(order);
		return a;
	}
	for (size_t i = 0; i < t->n; i++) {
		for (size_t k = 0; k <= nm; k++)
			last[i] += t->v[i].add[k];
		order[i] = i;
	}
	for (size_t i = 1; i < t->n; i++)
		for (size_t j = i; j > 0 && last[order[j]] > last[order[j - 1]]; j--) {
			size_t x = order[j];

			order[j] = order[j - 1];
			order[j - 1] = x;
		}
	for (size_t k = 0; k < nm; k++) {
		for (size_t j = 0; j < t->n; j++) {
			const struct series *s = &t->v[order[j]];
			int64_t c = 0;

			for (size_t m = 0; m <= k + 1; m++)
				c += s->add[m];
			json_array_append_new(a, json_pack("{s:s, s:o, s:I}", "month", months[k],
							   "value", s->value ? json_string(s->value)
									     : json_null(),
							   "customers", (json_int_t)c));
		}
	}
	free(last);
	free(order);
	return a;
}

int kh_stat_prospecting(struct kh_ctx *ctx, const struct kh_stat_params *p, json_t **out,
			struct kh_error *err)
{
	struct kh_perm_reach reach;
	const struct kh_scope *scope;
	struct table seg = {0}, src = {0};
	char months[KH_STAT_MONTHS_MAX][8];
	int64_t fresh[KH_STAT_MONTHS_MAX] = {0}, first[KH_STAT_MONTHS_MAX] = {0}, total = 0;
	json_t *records = NULL, *firsts = NULL, *row, *o, *acq;
	size_t nm = 0, i;
	int32_t day;
	int rc;

	/* The months of the period, "YYYY-MM". */
	for (kh_parse_date(p->from, &day, "", NULL); nm < KH_STAT_MONTHS_MAX;) {
		char d[11];

		kh_date_format(day, d);
		memcpy(months[nm], d, 7);
		months[nm][7] = '\0';
		if (nm && strcmp(months[nm], months[nm - 1]) == 0) {
			day++;
			continue;
		}
		if (strncmp(d, p->to, 7) > 0)
			break;
		nm++;
		day += 27;
	}
	if ((rc = kh_report_scope_begin(ctx, &reach, &scope, err)))
		return rc;
	rc = kh_store_stat_records(ctx->store, scope, p->to, &records, err);
	if (rc == 0)
		rc = kh_store_stat_first_orders(ctx->store, scope, p->from, p->to, &firsts, err);
	if ((rc = kh_report_scope_end(ctx, &reach, rc, err)))
		goto out;
	json_array_foreach(records, i, row) {
		const char *m = json_string_value(json_object_get(row, "month"));
		int64_t n = json_integer_value(json_object_get(row, "n"));
		int at = m ? month_index(m, months, nm) : -1;

		if (at < 0)
			continue;
		total += n;
		if (at > 0)
			fresh[at - 1] += n;
		if (table_add(&seg, json_string_value(json_object_get(row, "segment")), at, n) ||
		    table_add(&src, json_string_value(json_object_get(row, "source")), at, n)) {
			rc = kh_report_nomem(err);
			goto out;
		}
	}
	json_array_foreach(firsts, i, row) {
		const char *m = json_string_value(json_object_get(row, "month"));
		int at = m ? month_index(m, months, nm) : -1;

		if (at > 0)
			first[at - 1] += json_integer_value(json_object_get(row, "n"));
	}
	o = kh_stat_head(p, "prospecting", total);
	acq = json_array();
	for (size_t k = 0; k < nm; k++)
		json_array_append_new(acq, json_pack("{s:s, s:I, s:I}", "month", months[k],
						     "new_records", (json_int_t)fresh[k],
						     "first_orders", (json_int_t)first[k]));
	json_object_set_new(o, "acquisition", acq);
	json_object_set_new(o, "by_segment", series_json(&seg, months, nm));
	json_object_set_new(o, "by_source", series_json(&src, months, nm));
	*out = o;
out:
	free(seg.v);
	free(src.v);
	json_decref(records);
	json_decref(firsts);
	return rc;
}

/* ---- Product ---- */

/* Set key (name), key_code and key_category of product id on o. */
static void product_json(json_t *products, int64_t id, json_t *o, const char *key)
{
	size_t lo = 0, hi = json_array_size(products);
	char k[32];
	json_t *p = NULL;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int64_t v = json_integer_value(json_object_get(json_array_get(products, mid), "id"));

		if (v == id) {
			p = json_array_get(products, mid);
			break;
		}
		if (v < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	snprintf(k, sizeof(k), "%s_id", key);
	json_object_set_new(o, k, json_integer((json_int_t)id));
	json_object_set(o, key, p ? json_object_get(p, "name") : json_null());
	snprintf(k, sizeof(k), "%s_code", key);
	json_object_set(o, k, p && json_object_get(p, "code") ? json_object_get(p, "code")
							       : json_null());
	snprintf(k, sizeof(k), "%s_category", key);
	json_object_set(o, k, p && json_object_get(p, "category") ? json_object_get(p, "category")
								   : json_null());
}

int kh_stat_product(struct kh_ctx *ctx, const struct kh_stat_params *p, json_t **out,
		    struct kh_error *err)
{
	struct kh_basket_params bp = {.min_support = p->min_support,
				      .max_pairs = KH_STAT_PAIRS_MAX};
	struct kh_basket_result r = {0};
	struct kh_perm_reach reach;
	const struct kh_scope *scope;
	json_t *products = NULL, *pairs, *o;
	int64_t *items = NULL, customers = 0;
	size_t *start = NULL, n = 0;
	int rc;

	if ((rc = kh_report_scope_begin(ctx, &reach, &scope, err)))
		return rc;
	rc = kh_store_report_count(ctx->store, scope, &customers, err);
	if (rc == 0)
		rc = kh_store_stat_baskets(ctx->store, scope, p->from, p->to, &items, &start, &n,
					   err);
	if (rc == 0)
		rc = kh_store_stat_products(ctx->store, &products, err);
	if ((rc = kh_report_scope_end(ctx, &reach, rc, err)))
		goto out;
	if ((rc = kh_basket_analyse(items, start, n, &bp, &r))) {
		rc = rc == KH_EINVAL ? kh_error_set(err, rc, "min_support",
						    "min_support must be a number from 0 to 1")
				     : kh_report_nomem(err);
		goto out;
	}
	pairs = json_array();
	for (size_t i = 0; i < r.npairs; i++) {
		const struct kh_basket_pair *q = &r.pairs[i];
		json_t *e = json_object();

		product_json(products, q->a, e, "a");
		product_json(products, q->b, e, "b");
		json_object_set_new(e, "orders", json_integer(q->count_ab));
		json_object_set_new(e, "orders_a", json_integer(q->count_a));
		json_object_set_new(e, "orders_b", json_integer(q->count_b));
		json_object_set_new(e, "support", json_real(q->support));
		json_object_set_new(e, "confidence_ab", json_real(q->confidence_ab));
		json_object_set_new(e, "confidence_ba", json_real(q->confidence_ba));
		json_object_set_new(e, "lift", json_real(q->lift));
		json_array_append_new(pairs, e);
	}
	o = kh_stat_head(p, "product", customers);
	json_object_set_new(o, "min_support", json_real(p->min_support));
	json_object_set_new(o, "orders", json_integer((json_int_t)r.transactions));
	json_object_set_new(o, "products_sold", json_integer((json_int_t)r.nitems));
	json_object_set_new(o, "pairs_max", json_integer(KH_STAT_PAIRS_MAX));
	json_object_set_new(o, "pairs", pairs);
	*out = o;
out:
	kh_basket_result_release(&r);
	json_decref(products);
	free(items);
	free(start);
	return rc;
}
