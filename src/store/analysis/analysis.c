/*
 * analysis.c: the bulk reads and writes of the analysis (see analysis.h).
 * The facts are summed in C over plain table scans (see collect() below);
 * the write-back is one prepared upsert per customer.
 */
#include "store/analysis/analysis.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "base/utf8.h"
#include "base/banned.h"

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

/*
 * The facts are aggregated in C from plain scans (one over the customers, one
 * over the orders, one over the done activities, one over the open
 * opportunities, one over the lost ones, one over the payments, one over
 * the campaign mail sent), each date
 * parsed once into a day number: per-row date()
 * calls, window functions and GROUP BYs in SQL cost several times more. The
 * definitions are those of store/analysis/metrics.c: orders are the live, not
 * cancelled ones; same-day orders make one order day (one purchase for the
 * repeat-buying models); a 12-month window holds the days after today minus
 * 12 months (SQLite's month arithmetic: 2024-02-29 - 12 months = 2023-03-01),
 * future-dated orders included.
 */

/* custom.indirect_benefit, or NULL when custom holds no JSON text (a row
 * written outside kehu), where json_extract would fail the whole scan. */
#define INDIRECT_BENEFIT                                                                   \
	" CASE WHEN typeof(custom) = 'text' AND json_valid(custom)"                        \
	" THEN json_extract(custom, '$.indirect_benefit') END"

/* The scans, over every customer ([0]) or one ([1], ?2 = customer id). A
 * scan of every row reads its table in id order: without the ORDER BY
 * SQLite took the partial indexes made for the lists (WHERE deleted_at IS
 * NULL), walked one and looked every row up in the table, out of order: at
 * a million customers 11.5M random page reads for the orders alone, and
 * 150 s of a 230 s run. The lost opportunities are few: the stage index. */
static const char *const CUSTOMERS_SQL[2] = {
	"SELECT id, coalesce(owner_id, 0)," INDIRECT_BENEFIT ","
	" coalesce(visit_cadence_days, 0), price_driven, key_account,"
	" brand_loyalty, coalesce(purchase_budget_fen, 0) FROM customers"
	" WHERE deleted_at IS NULL ORDER BY id",
	"SELECT id, coalesce(owner_id, 0)," INDIRECT_BENEFIT ","
	" coalesce(visit_cadence_days, 0), price_driven, key_account,"
	" brand_loyalty, coalesce(purchase_budget_fen, 0) FROM customers"
	" WHERE deleted_at IS NULL AND id = ?2",
};
/* ?1 the default margin, for orders without a cost */
static const char *const ORDERS_SQL[2] = {
	"SELECT customer_id, order_date, amount_fen,"
	" coalesce(cost_fen, CAST(round(amount_fen * (1 - ?1)) AS INTEGER)) FROM orders"
	" WHERE deleted_at IS NULL AND status != 'cancelled' ORDER BY id",
	"SELECT customer_id, order_date, amount_fen,"
	" coalesce(cost_fen, CAST(round(amount_fen * (1 - ?1)) AS INTEGER)) FROM orders"
	" WHERE customer_id = ?2 AND deleted_at IS NULL AND status != 'cancelled'",
};
static const char *const ACTIVITIES_SQL[2] = {
	"SELECT customer_id, activity_date, kind FROM activities"
	" WHERE deleted_at IS NULL AND status = 'done' ORDER BY id",
	"SELECT customer_id, activity_date, kind FROM activities"
	" WHERE customer_id = ?2 AND deleted_at IS NULL AND status = 'done'",
};
static const char *const OPPORTUNITIES_SQL[2] = {
	"SELECT customer_id FROM opportunities"
	" WHERE deleted_at IS NULL AND stage NOT IN ('won', 'lost') ORDER BY id",
	"SELECT customer_id FROM opportunities"
	" WHERE customer_id = ?2 AND deleted_at IS NULL AND stage NOT IN ('won', 'lost')",
};
/* the day a lost opportunity was lost: closed_on, else its last change. For
 * one customer the stage is tested as an expression, which no index serves:
 * without statistics SQLite takes the stage index over the customer's, and
 * at a million customers reads every lost opportunity (58,000) on each
 * write (analysis_plan_test holds it). */
static const char *const LOST_SQL[2] = {
	"SELECT customer_id, coalesce(closed_on, substr(updated_at, 1, 10)) FROM opportunities"
	" WHERE deleted_at IS NULL AND stage = 'lost'",
	"SELECT customer_id, coalesce(closed_on, substr(updated_at, 1, 10)) FROM opportunities"
	" WHERE customer_id = ?2 AND deleted_at IS NULL AND coalesce(stage, '') = 'lost'",
};
static const char *const PAYMENTS_SQL[2] = {
	"SELECT customer_id, due_date, paid_date, amount_fen FROM receivable_plans"
	" WHERE deleted_at IS NULL ORDER BY id",
	"SELECT customer_id, due_date, paid_date, amount_fen FROM receivable_plans"
	" WHERE customer_id = ?2 AND deleted_at IS NULL",
};

/* The campaign messages sent (greetings are not asked for an answer, so
 * they count neither as contact nor as response), by the day they went
 * out, and whether they were clicked. The join reads each message's
 * campaign by its key. */
static const char *const MAILS_SQL[2] = {
	"SELECT q.customer_id, substr(q.sent_at, 1, 10), q.clicked_at IS NOT NULL"
	" FROM mail_queue q JOIN campaigns m ON m.id = q.campaign_id"
	" WHERE q.sent_at IS NOT NULL AND m.kind = 'campaign' ORDER BY q.id",
	"SELECT q.customer_id, substr(q.sent_at, 1, 10), q.clicked_at IS NOT NULL"
	" FROM mail_queue q JOIN campaigns m ON m.id = q.campaign_id"
	" WHERE q.customer_id = ?2 AND q.sent_at IS NOT NULL AND m.kind = 'campaign'",
};

/* What a scan needs: the customers (by id), the cut-off days, the order
 * days seen (customer slot, day) for the distinct days and quarters. */
struct scan {
	struct kh_store_fact *facts;
	size_t n;
	int32_t *slot_of_id; /* dense ids: slot by id, -1 for none; else NULL */
	int64_t max_id;
	int32_t today, cut_window, cut_12m, cut_24m;
	struct day_pair { int32_t slot, day; } *pairs;
	size_t npairs, cap_pairs;
	char last_date[11];  /* one-entry cache of the last date parsed */
	int32_t last_day;
};

static int32_t slot_of(const struct scan *sc, int64_t id)
{
	size_t lo = 0, hi = sc->n;

	if (sc->slot_of_id)
		return id >= 0 && id <= sc->max_id ? sc->slot_of_id[id] : -1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sc->facts[mid].customer_id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < sc->n && sc->facts[lo].customer_id == id ? (int32_t)lo : -1;
}

/* A TEXT column's value, or NULL for anything else (NULL, a number, a BLOB
 * written outside kehu): callers compare it with words and dates only. */
static const char *text_or_null(sqlite3_stmt *s, int col)
{
	return sqlite3_column_type(s, col) == SQLITE_TEXT ? (const char *)sqlite3_column_text(s, col)
							   : NULL;
}

/* Column col as a day number; a stored date is validated at every edge, so
 * anything but YYYY-MM-DD is an error. */
static int column_day(struct scan *sc, sqlite3_stmt *s, int col, const char *what,
		      int32_t *day, struct kh_error *err)
{
	const char *t = text_or_null(s, col);

	if (t && strncmp(t, sc->last_date, sizeof(sc->last_date)) == 0) {
		*day = sc->last_day;
		return 0;
	}
	if (!t || kh_parse_date(t, day, what, NULL))
		return kh_error_set(err, KH_EINVAL, what, "customer %lld has a %s of '%s', not a"
				    " date like 2024-03-31", (long long)sqlite3_column_int64(s, 0),
				    what, t && kh_utf8_valid(t, strlen(t)) ? t : "?");
	memcpy(sc->last_date, t, sizeof(sc->last_date));
	sc->last_day = *day;
	return 0;
}

/* today minus k months as SQLite's date(today, '-k months') computes it:
 * the same day number in the earlier month, overflowing into the next. */
static int32_t months_before(int32_t today, int k)
{
	int y, total;
	unsigned m, d;

	kh_civil_from_days(today, &y, &m, &d);
	total = y * 12 + (int)m - 1 - k;
	return kh_days_from_civil(total / 12, (unsigned)(total % 12) + 1, 1) + (int32_t)d - 1;
}

static int32_t quarter_of(int32_t day)
{
	int y;
	unsigned m, d;

	kh_civil_from_days(day, &y, &m, &d);
	return y * 4 + (int32_t)(m - 1) / 3;
}

static int step_fail(struct kh_store *st, sqlite3_stmt *s, int rc, struct kh_error *err)
{
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}

static const char *scan_sql(size_t i, int one)
{
	static const char *const *const all[] = {
		CUSTOMERS_SQL, ORDERS_SQL, ACTIVITIES_SQL, OPPORTUNITIES_SQL,
		LOST_SQL,      PAYMENTS_SQL, MAILS_SQL,
	};

	return i < sizeof(all) / sizeof(all[0]) ? all[i][one] : NULL;
}

const char *kh_store_analysis_one_sql(size_t i)
{
	return scan_sql(i, 1);
}

const char *kh_store_analysis_all_sql(size_t i)
{
	return scan_sql(i, 0);
}

static sqlite3_stmt *scan_stmt(struct kh_store *st, const char *const *sql, int64_t one,
			       struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, sql[one ? 1 : 0], err);

	if (s && one)
		sqlite3_bind_int64(s, 2, one);
	return s;
}

/* The brand_loyalty field (fields.c: loyal, wavers, none) as a level for the
 * weighted score: 2, 1, 0, or -1 when not entered. */
static int8_t brand_loyalty_level(const char *v)
{
	if (!v)
		return -1;
	return strcmp(v, "loyal") == 0	   ? 2
	       : strcmp(v, "wavers") == 0 ? 1
	       : strcmp(v, "none") == 0	  ? 0
					  : -1;
}

static int scan_customers(struct kh_store *st, struct scan *sc, int64_t one,
			  struct kh_error *err)
{
	sqlite3_stmt *s = scan_stmt(st, CUSTOMERS_SQL, one, err);
	size_t cap = 0;
	int rc;

	if (!s)
		return KH_EDB;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct kh_store_fact *f;

		if (sc->n == cap) {
			struct kh_store_fact *grown;

			cap = cap ? cap * 2 : 4096;
			grown = realloc(sc->facts, cap * sizeof(*grown));
			if (!grown) {
				sqlite3_reset(s);
				return kh_error_set(err, KH_ENOMEM, "", "out of memory");
			}
			sc->facts = grown;
		}
		f = &sc->facts[sc->n++];
		memset(f, 0, sizeof(*f));
		f->customer_id = sqlite3_column_int64(s, 0);
		f->owner_id = sqlite3_column_int64(s, 1);
		f->indirect_benefit = real_or_nan(s, 2);
		f->visit_cadence_days = sqlite3_column_int(s, 3);
		f->price_driven = sqlite3_column_int(s, 4) != 0;
		f->key_account = sqlite3_column_int(s, 5) != 0;
		f->brand_loyalty = brand_loyalty_level(text_or_null(s, 6));
		f->purchase_budget_fen = sqlite3_column_int64(s, 7);
		f->avg_interval_days = NAN;
		f->first_order = f->last_order = f->last_contact = KH_STORE_NO_DATE;
	}
	return step_fail(st, s, rc, err);
}

/* A slot by id when the ids are dense enough (they are INTEGER PRIMARY KEYs
 * handed out in order), else binary search over the sorted facts. */
static int build_slots(struct scan *sc)
{
	int64_t max = sc->n ? sc->facts[sc->n - 1].customer_id : 0;

	if (sc->n == 0 || sc->facts[0].customer_id < 0 || (uint64_t)max > 4 * (uint64_t)sc->n + 65536)
		return 0;
	sc->slot_of_id = malloc(((size_t)max + 1) * sizeof(*sc->slot_of_id));
	if (!sc->slot_of_id)
		return KH_ENOMEM;
	memset(sc->slot_of_id, 0xff, ((size_t)max + 1) * sizeof(*sc->slot_of_id));
	for (size_t i = 0; i < sc->n; i++)
		sc->slot_of_id[sc->facts[i].customer_id] = (int32_t)i;
	sc->max_id = max;
	return 0;
}

/* An amount column, held to the money range kehu accepts (a row written
 * outside kehu may hold anything), so a - k and the sums below cannot wrap. */
static int64_t money_column(sqlite3_stmt *s, int col)
{
	int64_t v = sqlite3_column_int64(s, col);

	return v > KH_MONEY_MAX_FEN ? KH_MONEY_MAX_FEN : v < -KH_MONEY_MAX_FEN ? -KH_MONEY_MAX_FEN : v;
}

/* *sum += v, stopping at the int64 limits instead of wrapping (it takes about
 * a million orders of the largest amount to get there). */
static void money_add(int64_t *sum, int64_t v)
{
	if (__builtin_add_overflow(*sum, v, sum))
		*sum = v > 0 ? INT64_MAX : INT64_MIN;
}

static int scan_orders(struct kh_store *st, struct scan *sc, double default_margin, int64_t one,
		       struct kh_error *err)
{
	sqlite3_stmt *s = scan_stmt(st, ORDERS_SQL, one, err);
	int rc;

	if (!s)
		return KH_EDB;
	sqlite3_bind_double(s, 1, default_margin);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int32_t slot = slot_of(sc, sqlite3_column_int64(s, 0)), d;
		int64_t a, k;
		struct kh_store_fact *f;

		if (slot < 0)
			continue; /* an order of a deleted customer */
		if ((rc = column_day(sc, s, 1, "order_date", &d, err))) {
			sqlite3_reset(s);
			return rc;
		}
		a = money_column(s, 2);
		k = money_column(s, 3);
		f = &sc->facts[slot];
		f->orders++;
		money_add(&f->revenue_fen, a);
		money_add(&f->profit_fen, a - k);
		if (d > sc->cut_window) {
			money_add(&f->revenue_window_fen, a);
			money_add(&f->profit_window_fen, a - k);
		}
		if (d > sc->cut_12m) {
			money_add(&f->revenue_12m_fen, a);
			money_add(&f->profit_12m_fen, a - k);
			f->orders_12m++;
		} else if (d > sc->cut_24m) {
			money_add(&f->revenue_prev_12m_fen, a);
		}
		if (f->first_order == KH_STORE_NO_DATE || d < f->first_order) {
			f->first_order = d;
			f->first_day_fen = a;
		} else if (d == f->first_order) {
			money_add(&f->first_day_fen, a);
		}
		if (f->last_order == KH_STORE_NO_DATE || d > f->last_order)
			f->last_order = d;
		if (sc->npairs == sc->cap_pairs) {
			struct day_pair *grown;

			sc->cap_pairs = sc->cap_pairs ? sc->cap_pairs * 2 : 65536;
			grown = realloc(sc->pairs, sc->cap_pairs * sizeof(*grown));
			if (!grown) {
				sqlite3_reset(s);
				return kh_error_set(err, KH_ENOMEM, "", "out of memory");
			}
			sc->pairs = grown;
		}
		sc->pairs[sc->npairs].slot = slot;
		sc->pairs[sc->npairs++].day = d;
	}
	return step_fail(st, s, rc, err);
}

static int cmp_day(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return (x > y) - (x < y);
}

/* Order days, average interval and active quarters from the (slot, day)
 * pairs: a counting sort by slot, then each customer's few days sorted. */
static int order_days(struct scan *sc)
{
	size_t *start = calloc(sc->n + 1, sizeof(*start));
	int32_t *days = malloc((sc->npairs ? sc->npairs : 1) * sizeof(*days));

	if (!start || !days) {
		free(start);
		free(days);
		return KH_ENOMEM;
	}
	for (size_t i = 0; i < sc->npairs; i++)
		start[sc->pairs[i].slot + 1]++;
	for (size_t i = 0; i < sc->n; i++)
		start[i + 1] += start[i];
	for (size_t i = 0; i < sc->npairs; i++)
		days[start[sc->pairs[i].slot]++] = sc->pairs[i].day;
	/* start[i] is now the end of customer i's days */
	for (size_t i = 0, b = 0; i < sc->n; b = start[i++]) {
		struct kh_store_fact *f = &sc->facts[i];
		int32_t *d = days + b, prev_q = INT32_MIN;
		size_t k = start[i] - b;
		uint32_t distinct = 0, quarters = 0;

		if (k < 16) {
			for (size_t x = 1; x < k; x++)
				for (size_t y = x; y > 0 && d[y - 1] > d[y]; y--) {
					int32_t t = d[y];

					d[y] = d[y - 1];
					d[y - 1] = t;
				}
		} else {
			qsort(d, k, sizeof(*d), cmp_day);
		}
		for (size_t x = 0; x < k; x++) {
			if (x > 0 && d[x] == d[x - 1])
				continue;
			distinct++;
			if (d[x] > sc->cut_24m) {
				int32_t q = quarter_of(d[x]);

				quarters += q != prev_q;
				prev_q = q;
			}
		}
		f->order_days = distinct;
		f->quarters_active_8 = (uint8_t)quarters;
		if (distinct > 1)
			f->avg_interval_days =
				(double)(f->last_order - f->first_order) / (double)(distinct - 1);
	}
	free(start);
	free(days);
	return 0;
}

static int scan_activities(struct kh_store *st, struct scan *sc, int64_t one,
			   struct kh_error *err)
{
	sqlite3_stmt *s = scan_stmt(st, ACTIVITIES_SQL, one, err);
	int rc;

	if (!s)
		return KH_EDB;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int32_t slot = slot_of(sc, sqlite3_column_int64(s, 0)), d;
		struct kh_store_fact *f;

		if (slot < 0)
			continue;
		if ((rc = column_day(sc, s, 1, "activity_date", &d, err))) {
			sqlite3_reset(s);
			return rc;
		}
		f = &sc->facts[slot];
		if (f->last_contact == KH_STORE_NO_DATE || d > f->last_contact)
			f->last_contact = d;
		if (d > sc->cut_12m) {
			const char *kind = text_or_null(s, 2);

			f->activities_12m++;
			if (!kind)
				continue;
			/* the kinds with a unit cost (cost.*_fen); notes and
			 * the rest cost nothing */
			if (strcmp(kind, "visit") == 0)
				f->visits_12m++;
			else if (strcmp(kind, "call") == 0)
				f->calls_12m++;
			else if (strcmp(kind, "meeting") == 0)
				f->meetings_12m++;
			else if (strcmp(kind, "email") == 0)
				f->emails_12m++;
			else if (strcmp(kind, "message") == 0)
				f->messages_12m++;
		}
	}
	return step_fail(st, s, rc, err);
}

/* Each row of sql (the customer in column 0, a day named what in 1, more
 * columns for fn) whose customer is one of the scan's, handed to fn with its
 * fact and day. */
static int scan_days(struct kh_store *st, struct scan *sc, const char *const *sql,
		     const char *what,
		     void (*fn)(struct kh_store_fact *f, int32_t day, int32_t cut_12m,
				sqlite3_stmt *s),
		     int64_t one, struct kh_error *err)
{
	sqlite3_stmt *s = scan_stmt(st, sql, one, err);
	int rc;

	if (!s)
		return KH_EDB;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int32_t slot = slot_of(sc, sqlite3_column_int64(s, 0)), d;

		if (slot < 0)
			continue;
		if ((rc = column_day(sc, s, 1, what, &d, err))) {
			sqlite3_reset(s);
			return rc;
		}
		fn(&sc->facts[slot], d, sc->cut_12m, s);
	}
	return step_fail(st, s, rc, err);
}

/* A campaign message sent on day, column 2 whether it was clicked. */
static void mail_row(struct kh_store_fact *f, int32_t day, int32_t cut_12m, sqlite3_stmt *s)
{
	if (day > cut_12m) {
		f->mails_12m++;
		f->mail_clicks_12m += sqlite3_column_int(s, 2) != 0;
	}
}

/* A lost opportunity lost on day. */
static void lost_row(struct kh_store_fact *f, int32_t day, int32_t cut_12m, sqlite3_stmt *s)
{
	f->lost_opportunities_12m += day > cut_12m;
}

static int scan_opportunities(struct kh_store *st, struct scan *sc, int64_t one,
			      struct kh_error *err)
{
	sqlite3_stmt *s = scan_stmt(st, OPPORTUNITIES_SQL, one, err);
	int rc;

	if (!s)
		return KH_EDB;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int32_t slot = slot_of(sc, sqlite3_column_int64(s, 0));

		if (slot >= 0)
			sc->facts[slot].open_opportunities++;
	}
	return step_fail(st, s, rc, err);
}

/* Payments due in the last 12 months, each adding amount x days late (paid
 * date, or today while unpaid, minus the due date, when positive). */
static int scan_payments(struct kh_store *st, struct scan *sc, int64_t one,
			 struct kh_error *err)
{
	sqlite3_stmt *s = scan_stmt(st, PAYMENTS_SQL, one, err);
	int rc;

	if (!s)
		return KH_EDB;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int32_t slot = slot_of(sc, sqlite3_column_int64(s, 0)), due, paid = sc->today;

		if (slot < 0)
			continue;
		if ((rc = column_day(sc, s, 1, "due_date", &due, err)) ||
		    (sqlite3_column_type(s, 2) != SQLITE_NULL &&
		     (rc = column_day(sc, s, 2, "paid_date", &paid, err)))) {
			sqlite3_reset(s);
			return rc;
		}
		if (due > sc->cut_12m && paid > due)
			sc->facts[slot].late_fen_days_12m +=
				(double)sqlite3_column_int64(s, 3) * (double)(paid - due);
	}
	return step_fail(st, s, rc, err);
}

/* The facts of every live customer (one == 0) or of customer one, from one
 * snapshot (a read transaction). */
static int collect(struct kh_store *st, int64_t one, const char *today, int window_days,
		   double default_margin, struct kh_store_fact **out, size_t *n,
		   struct kh_error *err)
{
	struct scan sc;
	int rc;

	memset(&sc, 0, sizeof(sc));
	memcpy(sc.last_date, "x", 2); /* matches no stored value, not even "" */
	if ((rc = kh_parse_date(today, &sc.today, "today", err)))
		return rc;
	/* date(today, '--5 days') is NULL in SQLite: no day is in the window */
	sc.cut_window = window_days >= 0 ? sc.today - window_days : INT32_MAX;
	sc.cut_12m = months_before(sc.today, 12);
	sc.cut_24m = months_before(sc.today, 24);
	if ((rc = kh_store_begin_read(st, err)))
		return rc;
	if ((rc = scan_customers(st, &sc, one, err)))
		goto out;
	if ((rc = build_slots(&sc))) {
		kh_error_set(err, rc, "", "out of memory");
		goto out;
	}
	if ((rc = scan_orders(st, &sc, default_margin, one, err)))
		goto out;
	if ((rc = order_days(&sc))) {
		kh_error_set(err, rc, "", "out of memory");
		goto out;
	}
	if ((rc = scan_activities(st, &sc, one, err)) ||
	    (rc = scan_opportunities(st, &sc, one, err)) ||
	    (rc = scan_days(st, &sc, LOST_SQL, "closed_on", lost_row, one, err)) ||
	    (rc = scan_payments(st, &sc, one, err)) ||
	    (rc = scan_days(st, &sc, MAILS_SQL, "sent_at", mail_row, one, err)))
		goto out;
out:
	/* commit ends the read transaction (nothing to write) */
	if (kh_store_commit(st, rc ? NULL : err) && rc == 0)
		rc = KH_EDB;
	if (rc == 0) {
		*out = sc.facts;
		*n = sc.n;
		sc.facts = NULL;
	}
	free(sc.facts);
	free(sc.slot_of_id);
	free(sc.pairs);
	return rc;
}

int kh_store_analysis_facts(struct kh_store *st, const char *today, int window_days,
			    double default_margin, struct kh_store_fact **out, size_t *n,
			    struct kh_error *err)
{
	return collect(st, 0, today, window_days, default_margin, out, n, err);
}

int kh_store_analysis_fact_one(struct kh_store *st, int64_t customer_id, const char *today,
			       int window_days, double default_margin,
			       struct kh_store_fact *out, struct kh_error *err)
{
	struct kh_store_fact *f = NULL;
	size_t n = 0;
	int rc = customer_id > 0 ? collect(st, customer_id, today, window_days, default_margin,
					   &f, &n, err)
				 : 0;

	if (rc == 0 && n == 0)
		rc = kh_error_set(err, KH_ENOTFOUND, "customer", "no customer with id %lld",
				  (long long)customer_id);
	if (rc == 0)
		*out = f[0];
	free(f);
	return rc;
}

int kh_store_visit_candidates(struct kh_store *st, int64_t owner_id, const char *clicked_since,
			      struct kh_store_visit_candidate **out, size_t *n,
			      struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"SELECT c.id, c.owner_id, c.name, u.login, m.lifecycle, m.abc_class, m.grid_tier,"
		" CAST(julianday(m.last_contact) - 2440587.5 AS INTEGER),"
		" coalesce(c.visit_cadence_days, 0), m.clv_fen, m.profit_12m_fen, m.p_alive,"
		" m.orders, (SELECT count(*) FROM opportunities o WHERE o.customer_id = c.id"
		"  AND o.deleted_at IS NULL AND o.stage NOT IN ('won','lost')), c.key_account,"
		" m.key_account_slipping, m.key_account_slip_reason,"
		/* one subquery for the day and the name: the customer's messages by
		 * its index, at most a few hundred */
		" (SELECT substr(q.clicked_at, 1, 10) || ' ' || k.name FROM mail_queue q"
		"  JOIN campaigns k ON k.id = q.campaign_id WHERE q.customer_id = c.id"
		"  AND q.clicked_at >= ?2 AND k.kind = 'campaign'"
		"  ORDER BY q.clicked_at DESC, q.id DESC LIMIT 1)"
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
	sqlite3_bind_text(s, 2, clicked_since, -1, SQLITE_TRANSIENT);
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
		kh_store_column_copy(s, 2, c->name, sizeof(c->name));
		kh_store_column_copy(s, 3, c->owner_login, sizeof(c->owner_login));
		kh_store_column_copy(s, 4, c->lifecycle, sizeof(c->lifecycle));
		kh_store_column_copy(s, 5, c->abc_class, sizeof(c->abc_class));
		kh_store_column_copy(s, 6, c->grid_tier, sizeof(c->grid_tier));
		c->last_contact = day_or_none(s, 7);
		c->cadence_days = sqlite3_column_int(s, 8);
		c->clv_fen = sqlite3_column_type(s, 9) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, 9);
		c->profit_12m_fen = sqlite3_column_int64(s, 10);
		c->p_alive = real_or_nan(s, 11);
		c->orders = (uint32_t)sqlite3_column_int64(s, 12);
		c->open_opportunities = (uint32_t)sqlite3_column_int64(s, 13);
		c->key_account = sqlite3_column_int(s, 14) != 0;
		c->slipping = c->key_account && sqlite3_column_int(s, 15) != 0;
		kh_store_column_copy(s, 16, c->slip_reason, sizeof(c->slip_reason));
		c->clicked_on = KH_STORE_NO_DATE;
		c->clicked_campaign[0] = '\0';
		if (text_or_null(s, 17)) {
			/* "YYYY-MM-DD name", the name cut on a whole character */
			char buf[11 + sizeof(c->clicked_campaign)];

			kh_store_column_copy(s, 17, buf, sizeof(buf));
			if (strlen(buf) > 11 && buf[10] == ' ') {
				buf[10] = '\0';
				if (kh_parse_date(buf, &c->clicked_on, "clicked_at", NULL) == 0)
					memcpy(c->clicked_campaign, buf + 11, strlen(buf + 11) + 1);
				else
					c->clicked_on = KH_STORE_NO_DATE;
			}
		}
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
