/*
 * analysis_write.c: what `kehu analyze` writes back (see analysis.h): each
 * customer's facts and classes into customer_metrics, the run's summary
 * into analysis_runs, and the page cache a whole run works with.
 */
#include "store/analysis/analysis.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/parse.h"
#include "base/banned.h"

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

/* The page cache of a whole run (PRAGMA cache_size: -KiB, so 2 MiB): every
 * page is read once, or written in rowid order, so a larger cache only costs
 * (a buffer allocated and faulted in for each page read: a third of the
 * read time at 100 000 customers, 1.1M orders). */
#define SMALL_CACHE (-2048)

static void set_cache_size(struct kh_store *st, int v)
{
	char sql[48];
	sqlite3_stmt *s;

	snprintf(sql, sizeof(sql), "PRAGMA cache_size = %d", v);
	s = kh_store_stmt_dyn(st, sql, NULL);
	if (s) {
		sqlite3_step(s);
		sqlite3_reset(s);
	}
}

int kh_store_analysis_small_cache(struct kh_store *st)
{
	sqlite3_stmt *s = kh_store_stmt(st, "PRAGMA cache_size", NULL);
	int v = 0;

	if (s && sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	if (s)
		sqlite3_reset(s);
	if (v)
		set_cache_size(st, SMALL_CACHE);
	return v;
}

void kh_store_analysis_restore_cache(struct kh_store *st, int previous)
{
	if (previous)
		set_cache_size(st, previous);
}

static void bind_day_or_null(sqlite3_stmt *s, int idx, int32_t day)
{
	char buf[11];

	if (day == KH_STORE_NO_DATE) {
		sqlite3_bind_null(s, idx);
		return;
	}
	kh_date_format(day, buf);
	sqlite3_bind_text(s, idx, buf, 10, SQLITE_TRANSIENT);
}

/* The fact columns, as store/analysis/metrics.c defines them for one customer. */
static void bind_facts(sqlite3_stmt *s, const struct kh_store_fact *f)
{
	sqlite3_bind_int64(s, 15, f->orders);
	bind_day_or_null(s, 16, f->first_order);
	bind_day_or_null(s, 17, f->last_order);
	sqlite3_bind_int64(s, 18, f->revenue_fen);
	sqlite3_bind_int64(s, 19, f->revenue_fen - f->profit_fen);
	sqlite3_bind_int64(s, 20, f->profit_fen);
	sqlite3_bind_int64(s, 21, f->revenue_12m_fen);
	sqlite3_bind_int64(s, 22, f->profit_12m_fen);
	sqlite3_bind_int64(s, 23, f->orders_12m);
	sqlite3_bind_int(s, 24, f->quarters_active_8);
	bind_real_or_null(s, 25, f->avg_interval_days);
	if (f->orders)
		sqlite3_bind_int64(s, 26, f->revenue_fen / f->orders);
	else
		sqlite3_bind_null(s, 26);
	bind_day_or_null(s, 27, f->last_contact);
	sqlite3_bind_int64(s, 28, f->activities_12m);
	sqlite3_bind_int64(s, 38, f->mails_12m);
	sqlite3_bind_int64(s, 39, f->mail_clicks_12m);
}

static void bind_int_or_null(sqlite3_stmt *s, int idx, bool known, int64_t v)
{
	if (known)
		sqlite3_bind_int64(s, idx, v);
	else
		sqlite3_bind_null(s, idx);
}

/* The indexed classes (migration 9: the lists filter by them) of a row
 * that exists, only where one differs: an index entry rewritten costs more
 * than the rest of the row, and from one run to the next few customers
 * change class. (The upsert before writes them for a new row.) */
#define CLASSES_SQL                                                                      \
	"UPDATE customer_metrics SET abc_class = ?2, grid_tier = ?3, lifecycle = ?4,"     \
	" loyalty = ?5 WHERE customer_id = ?1 AND (abc_class IS NOT ?2"                   \
	" OR grid_tier IS NOT ?3 OR lifecycle IS NOT ?4 OR loyalty IS NOT ?5)"

static int write_classes(sqlite3_stmt *s, const struct kh_store_class *r)
{
	int rc;

	sqlite3_bind_int64(s, 1, r->customer_id);
	bind_text_or_null(s, 2, r->abc_class);
	bind_text_or_null(s, 3, r->grid_tier);
	bind_text_or_null(s, 4, r->lifecycle);
	bind_text_or_null(s, 5, r->loyalty);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc;
}

int kh_store_analysis_write(struct kh_store *st, const struct kh_store_class *rows, size_t n,
			    struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"INSERT INTO customer_metrics(customer_id, abc_class, abc_count_class,"
		" grid_tier, lifecycle, loyalty, rfm_r, rfm_f, rfm_m, quadrants, p_alive,"
		" expected_purchases_90d, expected_spend_fen, clv_fen, updated_at,"
		" orders, first_order, last_order, revenue_fen, cost_fen, profit_fen,"
		" revenue_12m_fen, profit_12m_fen, orders_12m, quarters_active_8,"
		" avg_interval_days, avg_amount_fen, last_contact, activities_12m,"
		" cost_to_serve_12m_fen, late_payment_cost_12m_fen, net_profit_12m_fen,"
		" key_account_slipping, key_account_slip_reason, key_account_candidate,"
		" score, score_pyramid, mails_12m, mail_clicks_12m)"
		" VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?29,"
		" ?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,?25,?26,?27,?28,?30,?31,?32,"
		" ?33,?34,?35,?36,?37,?38,?39)"
		" ON CONFLICT(customer_id) DO UPDATE SET abc_count_class=?3,"
		" rfm_r=?7, rfm_f=?8, rfm_m=?9,"
		" quadrants=?10, p_alive=?11, expected_purchases_90d=?12,"
		" expected_spend_fen=?13, clv_fen=?14, updated_at=?29, orders=?15,"
		" first_order=?16, last_order=?17, revenue_fen=?18, cost_fen=?19,"
		" profit_fen=?20, revenue_12m_fen=?21, profit_12m_fen=?22, orders_12m=?23,"
		" quarters_active_8=?24, avg_interval_days=?25, avg_amount_fen=?26,"
		" last_contact=?27, activities_12m=?28, cost_to_serve_12m_fen=?30,"
		" late_payment_cost_12m_fen=?31, net_profit_12m_fen=?32,"
		" key_account_slipping=?33, key_account_slip_reason=?34,"
		" key_account_candidate=?35, score=?36, score_pyramid=?37,"
		" mails_12m=?38, mail_clicks_12m=?39", err);
	sqlite3_stmt *cls = kh_store_stmt(st, CLASSES_SQL, err);
	char now[21];

	if (!s || !cls)
		return KH_EDB;
	kh_now_iso(now);
	for (size_t i = 0; i < n; i++) {
		const struct kh_store_class *r = &rows[i];
		int rc;

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
		else
			sqlite3_bind_null(s, 13);
		if (r->clv_fen >= 0)
			sqlite3_bind_int64(s, 14, r->clv_fen);
		else
			sqlite3_bind_null(s, 14);
		bind_facts(s, r->fact);
		sqlite3_bind_text(s, 29, now, -1, SQLITE_STATIC);
		bind_int_or_null(s, 30, r->have_net, r->serve_cost_12m_fen);
		bind_int_or_null(s, 31, r->have_net, r->late_cost_12m_fen);
		bind_int_or_null(s, 32, r->have_net, r->net_profit_12m_fen);
		sqlite3_bind_int(s, 33, r->key_account_slipping);
		bind_text_or_null(s, 34, r->slip_reason);
		sqlite3_bind_int(s, 35, r->key_account_candidate);
		bind_real_or_null(s, 36, r->score);
		bind_text_or_null(s, 37, r->score_pyramid);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc != SQLITE_DONE || (rc = write_classes(cls, r)) != SQLITE_DONE)
			return kh_store_fail(st, err);
	}
	return 0;
}

int kh_store_analysis_save_run(struct kh_store *st, json_t *run, struct kh_error *err)
{
	/* The time comes from C, as every other timestamp: the same text on
	 * SQLite and PostgreSQL. */
	sqlite3_stmt *s = kh_store_stmt(st, "INSERT INTO analysis_runs(at, result) VALUES (?, ?)",
					err);
	char at[21];
	int rc;

	if (!s)
		return KH_EDB;
	kh_now_iso(at);
	sqlite3_bind_text(s, 1, at, -1, SQLITE_TRANSIENT);
	kh_store_bind_json(s, 2, run);
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
		*run = json_loadb(sqlite3_column_blob(s, 0), (size_t)sqlite3_column_bytes(s, 0), 0,
				  NULL);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return kh_store_fail(st, err);
	return *run ? 0 : KH_ENOTFOUND;
}
