/*
 * targets.c: the SQL of targets, reasons, actuals and the open pipeline (see
 * targets.h). Each metric's actual is one source (table, value, user column,
 * date range) written out four times by macros: per month or per user, for
 * everyone or for a user set. Two texts rather than "(:users IS NULL OR
 * ...)" because the user set's form reads the (owner, date) index of
 * migration 28 one owner at a time, which an OR would hide from the planner.
 * Every text is a literal, so the statement cache keys on it.
 */
#include "store/sales/targets.h"

#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "store/sql.h"
#include "base/banned.h"

#define IN_USERS(col) " AND " col " IN (SELECT value FROM json_each(:users))"

/* The sources: FROM ... WHERE, the value, the user column, the date (for
 * the month) and the date range (:from, :to; :to_ts the last second of :to
 * for a timestamp column). */
/* A contract's day is its signed date, else the day it was approved: two
 * branches, each read from an index of plain columns (an index on the
 * coalesce would not cover the query in SQLite 3.40), the user set's
 * filter written into both (SQLite does not push it down). */
#define K_SRC(filter)                                                                     \
	"(SELECT k.owner_id, k.signed_date AS day, k.total_fen FROM contracts k"          \
	" WHERE k.deleted_at IS NULL AND k.status = 'approved'"                           \
	" AND k.signed_date BETWEEN :from AND :to" filter " UNION ALL"                     \
	" SELECT k.owner_id, substr(k.decided_at, 1, 10), k.total_fen FROM contracts k"   \
	" WHERE k.deleted_at IS NULL AND k.status = 'approved' AND k.signed_date IS NULL" \
	" AND k.decided_at BETWEEN :from AND :to_ts" filter ") k WHERE 1 = 1"
#define K_VAL "coalesce(sum(k.total_fen), 0)"
#define K_USER "k.owner_id"
#define K_DATE "k.day"
#define V_FROM "receivables v WHERE v.deleted_at IS NULL AND v.status = 'approved'"
#define V_VAL "coalesce(sum(v.amount_fen), 0)"
#define V_USER "v.owner_id"
#define V_DATE "v.received_date"
#define V_RANGE " AND v.received_date BETWEEN :from AND :to"
#define C_FROM "customers c WHERE c.deleted_at IS NULL AND c.merged_into IS NULL"
#define C_VAL "count(*)"
#define C_USER "c.owner_id"
#define C_DATE "c.created_at"
#define C_RANGE " AND c.created_at >= :from AND c.created_at <= :to_ts"
#define F_FROM                                                                           \
	"activities a WHERE a.deleted_at IS NULL AND a.status = 'done' AND a.kind <> 'note'"
#define A_VAL "count(*)"
#define A_USER "a.user_id"
#define A_DATE "a.activity_date"
#define A_RANGE " AND a.activity_date BETWEEN :from AND :to"
#define W_FROM "activities a WHERE a.deleted_at IS NULL AND a.status = 'done' AND a.kind = 'visit'"

#define BY_MONTH(from, val, user, date, range, filter)                                    \
	"SELECT CAST(substr(" date ", 6, 2) AS INTEGER), " val " FROM " from range filter \
	" GROUP BY 1"
#define BY_USER(from, val, user, date, range, filter)                                     \
	"SELECT " user ", " val " FROM " from range filter " GROUP BY 1"
#define FOUR(from, val, user, date, range)                                                \
	{BY_MONTH(from, val, user, date, range, ""),                                       \
	 BY_MONTH(from, val, user, date, range, IN_USERS(user)),                           \
	 BY_USER(from, val, user, date, range, ""),                                        \
	 BY_USER(from, val, user, date, range, IN_USERS(user))}

static const char *const actual_sql[KH_METRIC_COUNT][4] = {
	[KH_METRIC_CONTRACTS] = {BY_MONTH(K_SRC(""), K_VAL, K_USER, K_DATE, "", ""),
				 BY_MONTH(K_SRC(IN_USERS("k.owner_id")), K_VAL, K_USER, K_DATE, "", ""),
				 BY_USER(K_SRC(""), K_VAL, K_USER, K_DATE, "", ""),
				 BY_USER(K_SRC(IN_USERS("k.owner_id")), K_VAL, K_USER, K_DATE, "", "")},
	[KH_METRIC_RECEIPTS] = FOUR(V_FROM, V_VAL, V_USER, V_DATE, V_RANGE),
	[KH_METRIC_NEW_CUSTOMERS] = FOUR(C_FROM, C_VAL, C_USER, C_DATE, C_RANGE),
	[KH_METRIC_FOLLOWUPS] = FOUR(F_FROM, A_VAL, A_USER, A_DATE, A_RANGE),
	[KH_METRIC_VISITS] = FOUR(W_FROM, A_VAL, A_USER, A_DATE, A_RANGE),
};

#define SUMS_SQL(filter)                                                                   \
	"SELECT CAST(substr(month, 6, 2) AS INTEGER), sum(amount) FROM sales_actuals"      \
	" WHERE metric = :metric AND month BETWEEN substr(:from, 1, 7) AND substr(:to, 1, 7)" \
	filter " GROUP BY 1"
static const char *const month_sums_sql[] = {
	SUMS_SQL(""),
	SUMS_SQL(" AND owner_id IN (SELECT value FROM json_each(:users))"),
};

static void bind_users(sqlite3_stmt *s, json_t *users)
{
	int i = sqlite3_bind_parameter_index(s, ":users");

	if (i && users)
		kh_store_bind_json(s, i, users);
}

/* Bind :from, :to and :to_ts (the last second of the day to). */
static void bind_range(sqlite3_stmt *s, const char *from, const char *to)
{
	char ts[32];

	snprintf(ts, sizeof(ts), "%.10sT23:59:59Z", to);
	kh_store_bind_named_text(s, ":from", from);
	kh_store_bind_named_text(s, ":to", to);
	kh_store_bind_named_text(s, ":to_ts", ts);
}

/* Step s over (month, amount) rows into months[1..12] (+=). */
static int month_rows(struct kh_store *st, sqlite3_stmt *s, int64_t months[13],
		      struct kh_error *err)
{
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t m = sqlite3_column_int64(s, 0);

		if (m >= 1 && m <= 12)
			months[m] += sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}

int kh_store_target_months(struct kh_store *st, const char *kind, int64_t scope_id, int year,
			   const char *metric, int64_t months[13], bool *set,
			   struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT month, amount FROM sales_targets"
					" WHERE scope_kind = :kind AND scope_id = :id"
					" AND year = :year AND metric = :metric", err);
	int rc;

	memset(months, 0, 13 * sizeof(months[0]));
	*set = false;
	if (!s)
		return KH_EDB;
	kh_store_bind_named_text(s, ":kind", kind);
	kh_store_bind_named_int(s, ":id", scope_id);
	kh_store_bind_named_int(s, ":year", year);
	kh_store_bind_named_text(s, ":metric", metric);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t m = sqlite3_column_int64(s, 0);

		*set = true;
		if (m >= 1 && m <= 12)
			months[m] = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}

int kh_store_target_put(struct kh_store *st, const char *kind, int64_t scope_id, int year,
			const char *metric, const int64_t months[13], int64_t set_by,
			struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(
		st, "INSERT INTO sales_targets (scope_kind, scope_id, year, metric, month, amount,"
		    " set_by, updated_at) VALUES (:kind, :id, :year, :metric, :month, :amount,"
		    " :by, :now) ON CONFLICT (scope_kind, scope_id, year, metric, month)"
		    " DO UPDATE SET amount = excluded.amount, set_by = excluded.set_by,"
		    " updated_at = excluded.updated_at", err);
	char now[21];

	if (!s)
		return KH_EDB;
	kh_now_iso(now);
	for (int m = 1; m <= 12; m++) {
		int rc;

		sqlite3_reset(s);
		kh_store_bind_named_text(s, ":kind", kind);
		kh_store_bind_named_int(s, ":id", scope_id);
		kh_store_bind_named_int(s, ":year", year);
		kh_store_bind_named_text(s, ":metric", metric);
		kh_store_bind_named_int(s, ":month", m);
		kh_store_bind_named_int(s, ":amount", months[m]);
		if (set_by)
			kh_store_bind_named_int(s, ":by", set_by);
		else
			sqlite3_bind_null(s, sqlite3_bind_parameter_index(s, ":by"));
		kh_store_bind_named_text(s, ":now", now);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return kh_store_fail(st, err);
	}
	return 0;
}

int kh_store_target_reps_sum(struct kh_store *st, json_t *users, int year, const char *metric,
			     int64_t months[13], struct kh_error *err)
{
	static const char *const sql[] = {
		"SELECT month, sum(amount) FROM sales_targets WHERE scope_kind = 'rep'"
		" AND year = :year AND metric = :metric GROUP BY month",
		"SELECT month, sum(amount) FROM sales_targets WHERE scope_kind = 'rep'"
		" AND year = :year AND metric = :metric"
		" AND scope_id IN (SELECT value FROM json_each(:users)) GROUP BY month",
	};
	sqlite3_stmt *s = kh_store_stmt(st, sql[users != NULL], err);

	memset(months, 0, 13 * sizeof(months[0]));
	if (!s)
		return KH_EDB;
	kh_store_bind_named_int(s, ":year", year);
	kh_store_bind_named_text(s, ":metric", metric);
	bind_users(s, users);
	return month_rows(st, s, months, err);
}

int kh_store_actual_months(struct kh_store *st, enum kh_metric metric, json_t *users,
			   const char *from, const char *to, int64_t months[13],
			   struct kh_error *err)
{
	sqlite3_stmt *s;

	memset(months, 0, 13 * sizeof(months[0]));
	if ((unsigned)metric >= KH_METRIC_COUNT)
		return kh_error_set(err, KH_EINVAL, "metric", "unknown metric");
	/* Contracts and receipts come from their monthly sums (migration 28's
	 * triggers keep them); from..to covers whole months here. */
	if (metric == KH_METRIC_CONTRACTS || metric == KH_METRIC_RECEIPTS)
		s = kh_store_stmt(st, month_sums_sql[users != NULL], err);
	else
		s = kh_store_stmt(st, actual_sql[metric][users != NULL], err);
	if (!s)
		return KH_EDB;
	bind_range(s, from, to);
	kh_store_bind_named_text(s, ":metric", metric == KH_METRIC_CONTRACTS ? "contracts" : "receipts");
	bind_users(s, users);
	return month_rows(st, s, months, err);
}

int kh_store_actual_by_user(struct kh_store *st, enum kh_metric metric, json_t *users,
			    const char *from, const char *to, json_t **rows,
			    struct kh_error *err)
{
	sqlite3_stmt *s;
	json_t *arr;
	int rc;

	*rows = NULL;
	if ((unsigned)metric >= KH_METRIC_COUNT)
		return kh_error_set(err, KH_EINVAL, "metric", "unknown metric");
	if (!(s = kh_store_stmt(st, actual_sql[metric][2 + (users != NULL)], err)))
		return KH_EDB;
	bind_range(s, from, to);
	bind_users(s, users);
	if (!(arr = json_array())) {
		sqlite3_reset(s);
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(
			arr, json_pack("{s:o, s:I}", "user_id",
				       sqlite3_column_type(s, 0) == SQLITE_NULL
					       ? json_null()
					       : json_integer(sqlite3_column_int64(s, 0)),
				       "value", (json_int_t)sqlite3_column_int64(s, 1)));
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		json_decref(arr);
		return kh_store_fail(st, err);
	}
	*rows = arr;
	return 0;
}

int kh_store_pipeline_open(struct kh_store *st, json_t *users, const char *from, const char *to,
			   struct kh_store_pipeline_sum *out, struct kh_error *err)
{
#define PIPE_SQL(filter)                                                                   \
	"SELECT count(*), coalesce(sum(o.amount_fen), 0),"                                 \
	" coalesce(sum(o.amount_fen * coalesce(o.probability, 0)), 0) FROM opportunities o" \
	" WHERE o.deleted_at IS NULL AND o.stage NOT IN ('won', 'lost')"                   \
	" AND o.expected_close BETWEEN :from AND :to" filter
	static const char *const sql[] = {
		PIPE_SQL(""),
		PIPE_SQL(" AND (o.owner_id IN (SELECT value FROM json_each(:users))"
			 " OR (o.owner_id IS NULL AND EXISTS (SELECT 1 FROM customers c"
			 " WHERE c.id = o.customer_id"
			 " AND c.owner_id IN (SELECT value FROM json_each(:users)))))"),
	};
#undef PIPE_SQL
	sqlite3_stmt *s = kh_store_stmt(st, sql[users != NULL], err);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!s)
		return KH_EDB;
	kh_store_bind_named_text(s, ":from", from);
	kh_store_bind_named_text(s, ":to", to);
	bind_users(s, users);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		int64_t w = sqlite3_column_int64(s, 2);

		out->count = sqlite3_column_int64(s, 0);
		out->amount_fen = sqlite3_column_int64(s, 1);
		out->weighted_fen = (w + (w >= 0 ? 50 : -50)) / 100;
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : kh_store_fail(st, err);
}

int kh_store_target_people(struct kh_store *st, json_t *users, json_t **rows,
			   struct kh_error *err)
{
#define PEOPLE_SQL(filter)                                                                  \
	"SELECT id, login, coalesce(nullif(display_name, ''), login) AS name, team_id, role" \
	" FROM users WHERE deleted_at IS NULL AND active = 1"                                \
	" AND role IN ('sales', 'manager')" filter " ORDER BY id"
	static const char *const sql[] = {
		PEOPLE_SQL(""),
		PEOPLE_SQL(" AND id IN (SELECT value FROM json_each(:users))"),
	};
#undef PEOPLE_SQL
	sqlite3_stmt *s = kh_store_stmt(st, sql[users != NULL], err);

	*rows = NULL;
	if (!s)
		return KH_EDB;
	bind_users(s, users);
	return kh_store_rows_json(st, s, rows, err);
}

int kh_store_target_child_teams(struct kh_store *st, int64_t parent_id, json_t **rows,
				struct kh_error *err)
{
	static const char *const sql[] = {
		"SELECT id, name FROM teams WHERE deleted_at IS NULL AND parent_id IS NULL"
		" ORDER BY name, id",
		"SELECT id, name FROM teams WHERE deleted_at IS NULL AND parent_id = :parent"
		" ORDER BY name, id",
	};
	sqlite3_stmt *s = kh_store_stmt(st, sql[parent_id != 0], err);

	*rows = NULL;
	if (!s)
		return KH_EDB;
	kh_store_bind_named_int(s, ":parent", parent_id);
	return kh_store_rows_json(st, s, rows, err);
}

int kh_store_week_reasons(struct kh_store *st, json_t *users, const char *week,
			  const char *metric, json_t **rows, struct kh_error *err)
{
	static const char *const sql[] = {
		"SELECT user_id, reason, updated_at FROM sales_week_reasons"
		" WHERE week = :week AND metric = :metric ORDER BY user_id",
		"SELECT user_id, reason, updated_at FROM sales_week_reasons"
		" WHERE week = :week AND metric = :metric"
		" AND user_id IN (SELECT value FROM json_each(:users)) ORDER BY user_id",
	};
	sqlite3_stmt *s = kh_store_stmt(st, sql[users != NULL], err);

	*rows = NULL;
	if (!s)
		return KH_EDB;
	kh_store_bind_named_text(s, ":week", week);
	kh_store_bind_named_text(s, ":metric", metric);
	bind_users(s, users);
	return kh_store_rows_json(st, s, rows, err);
}

int kh_store_week_reason_put(struct kh_store *st, int64_t user_id, const char *week,
			     const char *metric, const char *reason, struct kh_error *err)
{
	bool drop = !reason || !*reason;
	sqlite3_stmt *s = kh_store_stmt(
		st, drop ? "DELETE FROM sales_week_reasons WHERE user_id = :user AND week = :week"
			   " AND metric = :metric"
			 : "INSERT INTO sales_week_reasons (user_id, week, metric, reason, updated_at)"
			   " VALUES (:user, :week, :metric, :reason, :now)"
			   " ON CONFLICT (user_id, week, metric) DO UPDATE SET"
			   " reason = excluded.reason, updated_at = excluded.updated_at", err);
	char now[21];
	int rc;

	if (!s)
		return KH_EDB;
	kh_now_iso(now);
	kh_store_bind_named_int(s, ":user", user_id);
	kh_store_bind_named_text(s, ":week", week);
	kh_store_bind_named_text(s, ":metric", metric);
	kh_store_bind_named_text(s, ":reason", reason);
	kh_store_bind_named_text(s, ":now", now);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}
