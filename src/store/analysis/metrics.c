/*
 * metrics.c: the per-customer aggregates of customer_metrics, recomputed for
 * one customer from its orders, activities and campaign mail. The classifications in the
 * same row are written by the analysis (service/analysis/analyze.c) and left alone
 * here.
 */
#include "store/store.h"
#include "store/analysis/metrics.h"

#include <stdlib.h>

#include "base/banned.h"

int kh_store_metrics_refresh(struct kh_store *st, int64_t customer_id, const char *today,
			     double default_margin, struct kh_error *err)
{
	sqlite3_stmt *s;
	int rc;

	s = kh_store_stmt(st,
		"WITH o AS (SELECT order_date d, amount_fen a,"
		"  coalesce(cost_fen, CAST(round(amount_fen * (1 - ?3)) AS INTEGER)) c"
		"  FROM orders WHERE customer_id = ?1 AND deleted_at IS NULL"
		"  AND status != 'cancelled'),"
		" agg AS (SELECT count(*) n, min(d) first, max(d) last, coalesce(sum(a),0) rev,"
		"  coalesce(sum(c),0) cost, count(DISTINCT d) days,"
		"  coalesce(sum(CASE WHEN d > date(?2,'-12 months') THEN a END),0) rev12,"
		"  coalesce(sum(CASE WHEN d > date(?2,'-12 months') THEN a - c END),0) prof12,"
		"  count(CASE WHEN d > date(?2,'-12 months') THEN 1 END) n12,"
		"  count(DISTINCT CASE WHEN d > date(?2,'-24 months') THEN"
		"   strftime('%Y', d) || ((CAST(strftime('%m', d) AS INTEGER) + 2) / 3) END) q8"
		"  FROM o),"
		" act AS (SELECT max(activity_date) lastc,"
		"  count(CASE WHEN activity_date > date(?2,'-12 months') THEN 1 END) n12"
		"  FROM activities WHERE customer_id = ?1 AND deleted_at IS NULL"
		"  AND status = 'done'),"
		" mail AS (SELECT count(*) n12, count(q.clicked_at) clicks12"
		"  FROM mail_queue q JOIN campaigns m ON m.id = q.campaign_id"
		"  WHERE q.customer_id = ?1 AND m.kind = 'campaign' AND q.sent_at IS NOT NULL"
		"  AND substr(q.sent_at, 1, 10) > date(?2,'-12 months'))"
		" INSERT INTO customer_metrics(customer_id, orders, first_order, last_order,"
		"  revenue_fen, cost_fen, profit_fen, revenue_12m_fen, profit_12m_fen, orders_12m,"
		"  quarters_active_8, avg_interval_days, avg_amount_fen, last_contact,"
		"  activities_12m, mails_12m, mail_clicks_12m, updated_at)"
		" SELECT ?1, n, first, last, rev, cost, rev - cost, rev12, prof12, agg.n12, q8,"
		"  CASE WHEN days > 1 THEN (julianday(last) - julianday(first)) / (days - 1) END,"
		"  CASE WHEN n > 0 THEN rev / n END, act.lastc, act.n12, mail.n12, mail.clicks12,"
		"  strftime('%Y-%m-%dT%H:%M:%SZ','now') FROM agg, act, mail WHERE true"
		" ON CONFLICT(customer_id) DO UPDATE SET orders=excluded.orders,"
		"  first_order=excluded.first_order, last_order=excluded.last_order,"
		"  revenue_fen=excluded.revenue_fen, cost_fen=excluded.cost_fen,"
		"  profit_fen=excluded.profit_fen, revenue_12m_fen=excluded.revenue_12m_fen,"
		"  profit_12m_fen=excluded.profit_12m_fen, orders_12m=excluded.orders_12m,"
		"  quarters_active_8=excluded.quarters_active_8,"
		"  avg_interval_days=excluded.avg_interval_days,"
		"  avg_amount_fen=excluded.avg_amount_fen, last_contact=excluded.last_contact,"
		"  activities_12m=excluded.activities_12m, mails_12m=excluded.mails_12m,"
		"  mail_clicks_12m=excluded.mail_clicks_12m, updated_at=excluded.updated_at",
		err);
	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, customer_id);
	sqlite3_bind_text(s, 2, today, -1, SQLITE_STATIC);
	sqlite3_bind_double(s, 3, default_margin);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return kh_store_fail(st, err);
	return 0;
}

int kh_store_metrics_get(struct kh_store *st, int64_t customer_id, json_t **out,
			 struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT * FROM customer_metrics WHERE customer_id=?",
					err);
	int rc;

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, customer_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*out = kh_store_row_json(s);
		sqlite3_reset(s);
		return 0;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return kh_store_fail(st, err);
	*out = NULL;
	return KH_ENOTFOUND;
}

int kh_store_metrics_refresh_all(struct kh_store *st, const char *today, double default_margin,
				 struct kh_error *err)
{
	sqlite3_stmt *s;
	int64_t *ids = NULL, *grown;
	size_t n = 0, cap = 0;
	int rc;

	s = kh_store_stmt(st, "SELECT id FROM customers WHERE deleted_at IS NULL", err);
	if (!s)
		return KH_EDB;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			grown = realloc(ids, cap * sizeof(*ids));
			if (!grown) {
				sqlite3_reset(s);
				free(ids);
				return kh_error_set(err, KH_ENOMEM, "", "out of memory");
			}
			ids = grown;
		}
		ids[n++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(ids);
		return kh_store_fail(st, err);
	}
	rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = kh_store_metrics_refresh(st, ids[i], today, default_margin, err);
	free(ids);
	return rc;
}
