/*
 * reports.c: the scoped reads of the analytics reports (see reports.h).
 * Every statement carries the data-scope predicate of store/scope.h, the
 * same as the lists', with :scope_all lifting it for an unrestricted caller,
 * so each statement is one cached text.
 */
#include "store/analysis/reports.h"
#include "store/scope.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define IN_SCOPE(col)                                                                    \
	col " IN (SELECT sc.id FROM customers sc WHERE sc.deleted_at IS NULL AND "       \
	    KH_SCOPE_VISIBLE("sc") ")"

static double real_or_nan(sqlite3_stmt *s, int col)
{
	int t = sqlite3_column_type(s, col);

	return t == SQLITE_INTEGER || t == SQLITE_FLOAT ? sqlite3_column_double(s, col) : NAN;
}

static int64_t int_or(sqlite3_stmt *s, int col, int64_t def)
{
	return sqlite3_column_type(s, col) == SQLITE_NULL ? def : sqlite3_column_int64(s, col);
}

void kh_report_rows_free(struct kh_report_row *rows, size_t n)
{
	if (!rows)
		return;
	for (size_t i = 0; i < n; i++)
		free(rows[i].name);
	free(rows);
}

static int read_row(sqlite3_stmt *s, struct kh_report_row *r)
{
	memset(r, 0, sizeof(*r));
	r->name = kh_store_column_strdup(s, 1);
	if (!r->name)
		return KH_ENOMEM;
	r->customer_id = sqlite3_column_int64(s, 0);
	r->orders = (uint32_t)int_or(s, 2, 0);
	r->orders_12m = (uint32_t)int_or(s, 3, 0);
	r->quarters_active_8 = (uint32_t)int_or(s, 4, 0);
	r->activities_12m = (uint32_t)int_or(s, 5, 0);
	r->revenue_fen = int_or(s, 6, 0);
	r->profit_fen = int_or(s, 7, 0);
	r->revenue_12m_fen = int_or(s, 8, 0);
	r->profit_12m_fen = int_or(s, 9, 0);
	r->avg_interval_days = real_or_nan(s, 10);
	r->avg_amount_fen = int_or(s, 11, 0);
	r->p_alive = real_or_nan(s, 12);
	r->expected_purchases_90d = real_or_nan(s, 13);
	r->expected_spend_fen = int_or(s, 14, -1);
	r->clv_fen = int_or(s, 15, -1);
	r->indirect_benefit = real_or_nan(s, 16);
	kh_store_column_copy(s, 17, r->lifecycle, sizeof(r->lifecycle));
	kh_store_column_copy(s, 18, r->loyalty, sizeof(r->loyalty));
	kh_store_column_copy(s, 19, r->abc_class, sizeof(r->abc_class));
	kh_store_column_copy(s, 20, r->brand_loyalty, sizeof(r->brand_loyalty));
	r->net_profit_12m_fen = int_or(s, 21, r->profit_12m_fen);
	r->mails_12m = (uint32_t)int_or(s, 22, 0);
	r->mail_clicks_12m = (uint32_t)int_or(s, 23, 0);
	return 0;
}

int kh_store_report_rows(struct kh_store *st, const struct kh_scope *scope,
			 struct kh_report_row **rows, size_t *n, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"SELECT c.id, c.name, m.orders, m.orders_12m, m.quarters_active_8,"
		" m.activities_12m, m.revenue_fen, m.profit_fen, m.revenue_12m_fen,"
		" m.profit_12m_fen, m.avg_interval_days, m.avg_amount_fen, m.p_alive,"
		" m.expected_purchases_90d, m.expected_spend_fen, m.clv_fen,"
		" "
		" CASE WHEN typeof(c.custom) = 'text' AND json_valid(c.custom)"
		"  THEN json_extract(c.custom, '$.indirect_benefit') END, m.lifecycle, m.loyalty,"
		" m.abc_class, c.brand_loyalty, m.net_profit_12m_fen, m.mails_12m,"
		" m.mail_clicks_12m FROM customers c LEFT JOIN customer_metrics m ON m.customer_id = c.id"
		" WHERE c.deleted_at IS NULL AND " KH_SCOPE_VISIBLE("c") " ORDER BY c.id", err);
	struct kh_report_row *v = NULL;
	size_t count = 0, cap = 0;
	int rc;

	if (!s)
		return KH_EDB;
	kh_store_scope_bind(s, scope);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (kh_store_grow((void **)&v, &cap, count, sizeof(*v)) || read_row(s, &v[count])) {
			sqlite3_reset(s);
			kh_report_rows_free(v, count);
			return kh_error_set(err, KH_ENOMEM, "", "out of memory");
		}
		count++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		kh_report_rows_free(v, count);
		return kh_store_fail(st, err);
	}
	*rows = v;
	*n = count;
	return 0;
}

int kh_store_report_order_days(struct kh_store *st, const struct kh_scope *scope,
			       int32_t **days, size_t **start, size_t *n, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"SELECT customer_id, CAST(julianday(order_date) - 2440587.5 AS INTEGER)"
		" FROM orders WHERE deleted_at IS NULL AND status != 'cancelled'"
		" AND " IN_SCOPE("customer_id") " ORDER BY customer_id, order_date", err);

	if (!s)
		return KH_EDB;
	kh_store_scope_bind(s, scope);
	return kh_store_groups(st, s, sizeof(**days), (void **)days, start, n, err);
}

int kh_store_report_months(struct kh_store *st, const struct kh_scope *scope, const char *from,
			   const char *until, double default_margin, struct kh_report_month **out,
			   size_t *n, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"SELECT substr(order_date, 1, 7) m, count(*), count(DISTINCT customer_id),"
		" sum(amount_fen),"
		" sum(amount_fen - coalesce(cost_fen, CAST(round(amount_fen * (1 - ?7)) AS INTEGER)))"
		" FROM orders WHERE deleted_at IS NULL AND status != 'cancelled'"
		" AND order_date >= ?5 AND order_date < ?6"
		" AND " IN_SCOPE("customer_id") " GROUP BY m ORDER BY m", err);
	struct kh_report_month *v = NULL;
	size_t count = 0, cap = 0;
	int rc;

	if (!s)
		return KH_EDB;
	kh_store_scope_bind(s, scope);
	sqlite3_bind_text(s, 5, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 6, until, -1, SQLITE_TRANSIENT);
	sqlite3_bind_double(s, 7, default_margin);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct kh_report_month *m;

		if (kh_store_grow((void **)&v, &cap, count, sizeof(*v))) {
			sqlite3_reset(s);
			free(v);
			return kh_error_set(err, KH_ENOMEM, "", "out of memory");
		}
		m = &v[count++];
		kh_store_column_copy(s, 0, m->month, sizeof(m->month));
		m->orders = sqlite3_column_int64(s, 1);
		m->customers = sqlite3_column_int64(s, 2);
		m->revenue_fen = sqlite3_column_int64(s, 3);
		m->profit_fen = sqlite3_column_int64(s, 4);
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

int kh_store_report_annual(struct kh_store *st, const struct kh_scope *scope, const char *today,
			   struct kh_report_annual *out, struct kh_error *err)
{
	/* Same window as customer_metrics: the last 12 months are
	 * (today - 12 months, today]; the 12 before them end where those start. */
	sqlite3_stmt *s = kh_store_stmt(st,
		"WITH o AS (SELECT customer_id c, order_date > date(?5, '-12 months') cur,"
		"  amount_fen a FROM orders WHERE deleted_at IS NULL AND status != 'cancelled'"
		"  AND order_date > date(?5, '-24 months') AND order_date <= ?5"
		"  AND " IN_SCOPE("customer_id") "),"
		" b AS (SELECT c, max(cur) cur_buyer, min(cur) = 0 prev_buyer FROM o GROUP BY c)"
		" SELECT (SELECT count(*) FROM b WHERE cur_buyer),"
		"  (SELECT count(*) FROM b WHERE prev_buyer),"
		"  (SELECT count(*) FROM b WHERE cur_buyer AND prev_buyer),"
		"  (SELECT count(*) FROM o WHERE cur), (SELECT coalesce(sum(a), 0) FROM o WHERE cur)",
		err);
	int rc;

	if (!s)
		return KH_EDB;
	kh_store_scope_bind(s, scope);
	sqlite3_bind_text(s, 5, today, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		out->buyers = sqlite3_column_int64(s, 0);
		out->prev_buyers = sqlite3_column_int64(s, 1);
		out->retained = sqlite3_column_int64(s, 2);
		out->orders = sqlite3_column_int64(s, 3);
		out->revenue_fen = sqlite3_column_int64(s, 4);
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : kh_store_fail(st, err);
}

int kh_store_report_opportunities(struct kh_store *st, const struct kh_scope *scope,
				  struct kh_report_opp **out, size_t *n, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"SELECT followup_count, CASE stage WHEN 'won' THEN 1 WHEN 'lost' THEN 2 ELSE 0 END"
		" FROM opportunities WHERE deleted_at IS NULL AND " IN_SCOPE("customer_id"), err);
	struct kh_report_opp *v = NULL;
	size_t count = 0, cap = 0;
	int rc;

	if (!s)
		return KH_EDB;
	kh_store_scope_bind(s, scope);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t f = sqlite3_column_int64(s, 0);

		if (kh_store_grow((void **)&v, &cap, count, sizeof(*v))) {
			sqlite3_reset(s);
			free(v);
			return kh_error_set(err, KH_ENOMEM, "", "out of memory");
		}
		v[count].followups = f < 0 ? 0 : (f > UINT32_MAX ? UINT32_MAX : (uint32_t)f);
		v[count].state = (uint8_t)sqlite3_column_int(s, 1);
		count++;
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

int kh_store_report_count(struct kh_store *st, const struct kh_scope *scope, int64_t *n,
			  struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"SELECT count(*) FROM customers c WHERE c.deleted_at IS NULL AND " KH_SCOPE_VISIBLE("c"),
		err);
	int rc;

	if (!s)
		return KH_EDB;
	kh_store_scope_bind(s, scope);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : kh_store_fail(st, err);
}

int kh_store_report_analyzed_at(struct kh_store *st, char buf[32], struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT at FROM analysis_runs ORDER BY id DESC LIMIT 1",
					err);
	int rc;

	if (!s)
		return KH_EDB;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		kh_store_column_copy(s, 0, buf, 32);
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return KH_ENOTFOUND;
	return rc == SQLITE_ROW ? 0 : kh_store_fail(st, err);
}
