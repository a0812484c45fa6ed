/*
 * analysis.c: the bulk reads and writes of the analysis (see analysis.h).
 * The facts query groups the orders by customer and day once (same-day
 * orders are one purchase for the repeat-buying models), then by customer.
 */
#include "store/analysis.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "base/banned.h"

/* ?1 today, ?2 window days, ?3 default margin, ?4 one customer id or NULL. */
#define FACTS_SQL                                                                          \
	"WITH o AS (SELECT customer_id c, order_date d, amount_fen a,"                      \
	"  coalesce(cost_fen, CAST(round(amount_fen * (1 - ?3)) AS INTEGER)) k"            \
	"  FROM orders WHERE deleted_at IS NULL AND status != 'cancelled'"                 \
	"  AND (?4 IS NULL OR customer_id = ?4)),"                                          \
	" days AS (SELECT c, d, sum(a) a, sum(k) k, count(*) n,"                            \
	"  row_number() OVER (PARTITION BY c ORDER BY d) rn FROM o GROUP BY c, d),"         \
	" agg AS (SELECT c, sum(n) orders, count(*) order_days, min(d) first, max(d) last," \
	"  sum(a) rev, sum(a - k) prof,"                                                    \
	"  coalesce(sum(CASE WHEN d > date(?1, '-' || ?2 || ' days') THEN a END), 0) rev_w,"\
	"  coalesce(sum(CASE WHEN d > date(?1, '-' || ?2 || ' days') THEN a - k END), 0) prof_w," \
	"  coalesce(sum(CASE WHEN d > date(?1, '-12 months') THEN a END), 0) rev12,"       \
	"  coalesce(sum(CASE WHEN d > date(?1, '-12 months') THEN a - k END), 0) prof12,"  \
	"  coalesce(sum(CASE WHEN d > date(?1, '-12 months') THEN n END), 0) n12,"         \
	"  count(DISTINCT CASE WHEN d > date(?1, '-24 months') THEN strftime('%Y', d) ||"   \
	"   ((CAST(strftime('%m', d) AS INTEGER) + 2) / 3) END) q8,"                        \
	"  sum(CASE WHEN rn = 1 THEN a END) first_a FROM days GROUP BY c),"                 \
	" opp AS (SELECT customer_id c, count(*) n FROM opportunities"                      \
	"  WHERE deleted_at IS NULL AND stage NOT IN ('won', 'lost')"                       \
	"  AND (?4 IS NULL OR customer_id = ?4) GROUP BY customer_id),"                     \
	" act AS (SELECT customer_id c, max(activity_date) last,"                           \
	"  count(CASE WHEN activity_date > date(?1, '-12 months') THEN 1 END) n12"          \
	"  FROM activities WHERE deleted_at IS NULL AND status = 'done'"                    \
	"  AND (?4 IS NULL OR customer_id = ?4) GROUP BY customer_id)"                      \
	" SELECT cu.id, coalesce(cu.owner_id, 0), coalesce(agg.rev, 0), coalesce(agg.prof, 0),"\
	"  coalesce(agg.rev_w, 0), coalesce(agg.prof_w, 0), coalesce(agg.rev12, 0),"       \
	"  coalesce(agg.prof12, 0), coalesce(agg.first_a, 0),"                              \
	"  CASE WHEN agg.order_days > 1 THEN"                                                \
	"   (julianday(agg.last) - julianday(agg.first)) / (agg.order_days - 1) END,"       \
	"  json_extract(cu.custom, '$.indirect_benefit'),"                                  \
	"  CAST(julianday(agg.first) - 2440587.5 AS INTEGER),"                              \
	"  CAST(julianday(agg.last) - 2440587.5 AS INTEGER),"                               \
	"  CAST(julianday(act.last) - 2440587.5 AS INTEGER),"                               \
	"  coalesce(cu.visit_cadence_days, 0), coalesce(agg.orders, 0),"                    \
	"  coalesce(agg.order_days, 0), coalesce(agg.n12, 0), coalesce(opp.n, 0),"          \
	"  coalesce(act.n12, 0), coalesce(agg.q8, 0), cu.price_driven, cu.key_account"      \
	" FROM customers cu LEFT JOIN agg ON agg.c = cu.id LEFT JOIN opp ON opp.c = cu.id"  \
	" LEFT JOIN act ON act.c = cu.id"                                                   \
	" WHERE cu.deleted_at IS NULL AND (?4 IS NULL OR cu.id = ?4) ORDER BY cu.id"

static int32_t day_or_none(sqlite3_stmt *s, int col)
{
	return sqlite3_column_type(s, col) == SQLITE_NULL ? KH_STORE_NO_DATE
							   : sqlite3_column_int(s, col);
}

static double real_or_nan(sqlite3_stmt *s, int col)
{
	int t = sqlite3_column_type(s, col);

	return t == SQLITE_INTEGER || t == SQLITE_FLOAT ? sqlite3_column_double(s, col) : NAN;
}

static void read_fact(sqlite3_stmt *s, struct kh_store_fact *f)
{
	f->customer_id = sqlite3_column_int64(s, 0);
	f->owner_id = sqlite3_column_int64(s, 1);
	f->revenue_fen = sqlite3_column_int64(s, 2);
	f->profit_fen = sqlite3_column_int64(s, 3);
	f->revenue_window_fen = sqlite3_column_int64(s, 4);
	f->profit_window_fen = sqlite3_column_int64(s, 5);
	f->revenue_12m_fen = sqlite3_column_int64(s, 6);
	f->profit_12m_fen = sqlite3_column_int64(s, 7);
	f->first_day_fen = sqlite3_column_int64(s, 8);
	f->avg_interval_days = real_or_nan(s, 9);
	f->indirect_benefit = real_or_nan(s, 10);
	f->first_order = day_or_none(s, 11);
	f->last_order = day_or_none(s, 12);
	f->last_contact = day_or_none(s, 13);
	f->visit_cadence_days = sqlite3_column_int(s, 14);
	f->orders = (uint32_t)sqlite3_column_int64(s, 15);
	f->order_days = (uint32_t)sqlite3_column_int64(s, 16);
	f->orders_12m = (uint32_t)sqlite3_column_int64(s, 17);
	f->open_opportunities = (uint32_t)sqlite3_column_int64(s, 18);
	f->activities_12m = (uint32_t)sqlite3_column_int64(s, 19);
	f->quarters_active_8 = (uint8_t)sqlite3_column_int(s, 20);
	f->price_driven = sqlite3_column_int(s, 21) != 0;
	f->key_account = sqlite3_column_int(s, 22) != 0;
}

static sqlite3_stmt *facts_stmt(struct kh_store *st, const char *today, int window_days,
				double default_margin, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, FACTS_SQL, err);

	if (!s)
		return NULL;
	sqlite3_bind_text(s, 1, today, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, window_days);
	sqlite3_bind_double(s, 3, default_margin);
	return s;
}

int kh_store_analysis_facts(struct kh_store *st, const char *today, int window_days,
			    double default_margin, struct kh_store_fact **out, size_t *n,
			    struct kh_error *err)
{
	sqlite3_stmt *s = facts_stmt(st, today, window_days, default_margin, err);
	struct kh_store_fact *facts = NULL, *grown;
	size_t count = 0, cap = 0;
	int rc;

	if (!s)
		return KH_EDB;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (count == cap) {
			cap = cap ? cap * 2 : 4096;
			grown = realloc(facts, cap * sizeof(*facts));
			if (!grown) {
				sqlite3_reset(s);
				free(facts);
				return kh_error_set(err, KH_ENOMEM, "", "out of memory");
			}
			facts = grown;
		}
		read_fact(s, &facts[count++]);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(facts);
		return kh_store_fail(st, err);
	}
	*out = facts;
	*n = count;
	return 0;
}

int kh_store_analysis_fact_one(struct kh_store *st, int64_t customer_id, const char *today,
			       int window_days, double default_margin,
			       struct kh_store_fact *out, struct kh_error *err)
{
	sqlite3_stmt *s = facts_stmt(st, today, window_days, default_margin, err);
	int rc;

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 4, customer_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		read_fact(s, out);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return kh_error_set(err, KH_ENOTFOUND, "customer", "no customer with id %lld",
				    (long long)customer_id);
	return kh_store_fail(st, err);
}

static void bind_text_or_null(sqlite3_stmt *s, int idx, const char *v)
{
	if (v && *v)
		sqlite3_bind_text(s, idx, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, idx);
}

static void bind_real_or_null(sqlite3_stmt *s, int idx, double v)
{
	if (isfinite(v))
		sqlite3_bind_double(s, idx, v);
	else
		sqlite3_bind_null(s, idx);
}

int kh_store_analysis_write(struct kh_store *st, const struct kh_store_class *rows, size_t n,
			    struct kh_error *err)
{
	for (size_t i = 0; i < n; i++) {
		const struct kh_store_class *r = &rows[i];
		sqlite3_stmt *s = kh_store_stmt(st,
			"INSERT INTO customer_metrics(customer_id, abc_class, abc_count_class,"
			" grid_tier, lifecycle, loyalty, rfm_r, rfm_f, rfm_m, quadrants, p_alive,"
			" expected_purchases_90d, expected_spend_fen, clv_fen, updated_at)"
			" VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,"
			" strftime('%Y-%m-%dT%H:%M:%SZ','now'))"
			" ON CONFLICT(customer_id) DO UPDATE SET abc_class=?2, abc_count_class=?3,"
			" grid_tier=?4, lifecycle=?5, loyalty=?6, rfm_r=?7, rfm_f=?8, rfm_m=?9,"
			" quadrants=?10, p_alive=?11, expected_purchases_90d=?12,"
			" expected_spend_fen=?13, clv_fen=?14, updated_at=excluded.updated_at", err);
		int rc;

		if (!s)
			return KH_EDB;
		sqlite3_bind_int64(s, 1, r->customer_id);
		bind_text_or_null(s, 2, r->abc_class);
		bind_text_or_null(s, 3, r->abc_count_class);
		bind_text_or_null(s, 4, r->grid_tier);
		bind_text_or_null(s, 5, r->lifecycle);
		bind_text_or_null(s, 6, r->loyalty);
		sqlite3_bind_int(s, 7, r->rfm_r);
		sqlite3_bind_int(s, 8, r->rfm_f);
		sqlite3_bind_int(s, 9, r->rfm_m);
		bind_text_or_null(s, 10, r->quadrants_json);
		bind_real_or_null(s, 11, r->p_alive);
		bind_real_or_null(s, 12, r->expected_purchases_90d);
		if (r->expected_spend_fen >= 0)
			sqlite3_bind_int64(s, 13, r->expected_spend_fen);
		if (r->clv_fen >= 0)
			sqlite3_bind_int64(s, 14, r->clv_fen);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return kh_store_fail(st, err);
	}
	return 0;
}

int kh_store_analysis_save_run(struct kh_store *st, json_t *run, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "INSERT INTO analysis_runs(at, result) VALUES"
					    " (strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?)", err);
	int rc;

	if (!s)
		return KH_EDB;
	kh_store_bind_json(s, 1, run);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}

int kh_store_analysis_last_run(struct kh_store *st, json_t **run, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT result FROM analysis_runs ORDER BY id DESC"
					    " LIMIT 1", err);
	int rc;

	if (!s)
		return KH_EDB;
	rc = sqlite3_step(s);
	*run = NULL;
	if (rc == SQLITE_ROW)
		*run = json_loads((const char *)sqlite3_column_text(s, 0), 0, NULL);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return kh_store_fail(st, err);
	return *run ? 0 : KH_ENOTFOUND;
}

static void copy_text(char *dst, size_t size, sqlite3_stmt *s, int col)
{
	const unsigned char *t = sqlite3_column_text(s, col);

	snprintf(dst, size, "%s", t ? (const char *)t : "");
}

int kh_store_visit_candidates(struct kh_store *st, int64_t owner_id,
			      struct kh_store_visit_candidate **out, size_t *n,
			      struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"SELECT c.id, c.owner_id, c.name, u.login, m.lifecycle, m.abc_class, m.grid_tier,"
		" CAST(julianday(m.last_contact) - 2440587.5 AS INTEGER),"
		" coalesce(c.visit_cadence_days, 0), m.clv_fen, m.profit_12m_fen, m.p_alive,"
		" m.orders, (SELECT count(*) FROM opportunities o WHERE o.customer_id = c.id"
		"  AND o.deleted_at IS NULL AND o.stage NOT IN ('won','lost')), c.key_account"
		" FROM customers c JOIN customer_metrics m ON m.customer_id = c.id"
		" JOIN users u ON u.id = c.owner_id"
		" WHERE c.deleted_at IS NULL AND c.in_pool = 0 AND (?1 = 0 OR c.owner_id = ?1)"
		" AND (m.orders > 0 OR EXISTS (SELECT 1 FROM opportunities o"
		"  WHERE o.customer_id = c.id AND o.deleted_at IS NULL"
		"  AND o.stage NOT IN ('won','lost')))", err);
	struct kh_store_visit_candidate *v = NULL, *grown;
	size_t count = 0, cap = 0;
	int rc;

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, owner_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct kh_store_visit_candidate *c;

		if (count == cap) {
			cap = cap ? cap * 2 : 1024;
			grown = realloc(v, cap * sizeof(*v));
			if (!grown) {
				sqlite3_reset(s);
				free(v);
				return kh_error_set(err, KH_ENOMEM, "", "out of memory");
			}
			v = grown;
		}
		c = &v[count++];
		c->customer_id = sqlite3_column_int64(s, 0);
		c->owner_id = sqlite3_column_int64(s, 1);
		copy_text(c->name, sizeof(c->name), s, 2);
		copy_text(c->owner_login, sizeof(c->owner_login), s, 3);
		copy_text(c->lifecycle, sizeof(c->lifecycle), s, 4);
		copy_text(c->abc_class, sizeof(c->abc_class), s, 5);
		copy_text(c->grid_tier, sizeof(c->grid_tier), s, 6);
		c->last_contact = day_or_none(s, 7);
		c->cadence_days = sqlite3_column_int(s, 8);
		c->clv_fen = sqlite3_column_type(s, 9) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, 9);
		c->profit_12m_fen = sqlite3_column_int64(s, 10);
		c->p_alive = real_or_nan(s, 11);
		c->orders = (uint32_t)sqlite3_column_int64(s, 12);
		c->open_opportunities = (uint32_t)sqlite3_column_int64(s, 13);
		c->key_account = sqlite3_column_int(s, 14) != 0;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(v);
		return kh_store_fail(st, err);
	}
	*out = v;
	*n = count;
	return 0;
}
