/*
 * pool.c: the pool's columns and counters (see pool.h).
 */
#include "store/customers/pool.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

static int step_done(struct kh_store *st, sqlite3_stmt *s, struct kh_error *err)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}

static int count(struct kh_store *st, sqlite3_stmt *s, int64_t *n, struct kh_error *err)
{
	int rc = sqlite3_step(s);

	*n = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}

static void date_col(sqlite3_stmt *s, int col, char out[11])
{
	const unsigned char *t = sqlite3_column_text(s, col);

	out[0] = '\0';
	if (t && strlen((const char *)t) >= 10) {
		memcpy(out, t, 10);
		out[10] = '\0';
	}
}

int kh_store_pool_state(struct kh_store *st, int64_t customer_id,
			struct kh_store_pool_state *out, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT owner_id, in_pool, locked, owner_since,"
					" contact_clock, won_on, prev_owner_id, pool_since"
					" FROM customers WHERE id = ? AND deleted_at IS NULL",
					err);
	int rc;

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, customer_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		memset(out, 0, sizeof(*out));
		out->owner_id = sqlite3_column_int64(s, 0);
		out->in_pool = sqlite3_column_int(s, 1) != 0;
		out->locked = sqlite3_column_int(s, 2) != 0;
		date_col(s, 3, out->owner_since);
		date_col(s, 4, out->contact_clock);
		date_col(s, 5, out->won_on);
		out->prev_owner_id = sqlite3_column_int64(s, 6);
		date_col(s, 7, out->pool_since);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return kh_error_set(err, KH_ENOTFOUND, "id", "no customer with id %lld",
				    (long long)customer_id);
	return kh_store_fail(st, err);
}

int kh_store_pool_fill(struct kh_store *st, struct kh_error *err)
{
	static const char *const fills[] = {KH_STORE_POOL_OWNER_FILL, KH_STORE_POOL_WON_FILL,
					     KH_STORE_POOL_CLOCK_FILL};
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < sizeof(fills) / sizeof(fills[0]); i++) {
		sqlite3_stmt *s = kh_store_stmt(st, fills[i], err);

		rc = s ? step_done(st, s, err) : KH_EDB;
	}
	return rc;
}

int kh_store_pool_refresh(struct kh_store *st, int64_t customer_id, const char *today,
			  struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "UPDATE customers SET won_on = "
					KH_STORE_POOL_WON("?1") ", contact_clock = CASE WHEN"
					" owner_id IS NULL THEN NULL ELSE "
					KH_STORE_POOL_CLOCK("?1", "?2") " END WHERE id = ?1",
					err);

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, customer_id);
	sqlite3_bind_text(s, 2, today, -1, SQLITE_TRANSIENT);
	return step_done(st, s, err);
}

int kh_store_pool_lock(struct kh_store *st, int64_t customer_id, bool locked,
		       struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "UPDATE customers SET locked = ? WHERE id = ?", err);

	if (!s)
		return KH_EDB;
	sqlite3_bind_int(s, 1, locked ? 1 : 0);
	sqlite3_bind_int64(s, 2, customer_id);
	return step_done(st, s, err);
}

int kh_store_pool_locked_count(struct kh_store *st, int64_t owner_id, int64_t *n,
			       struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT count(*) FROM customers WHERE owner_id = ?"
					" AND deleted_at IS NULL AND locked = 1", err);

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, owner_id);
	return count(st, s, n, err);
}

int kh_store_pool_claims(struct kh_store *st, int64_t user_id, const char *day, int64_t *n,
			 struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT n FROM pool_claims WHERE user_id = ?"
					" AND day = ?", err);

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, user_id);
	sqlite3_bind_text(s, 2, day, -1, SQLITE_TRANSIENT);
	return count(st, s, n, err);
}

int kh_store_pool_claims_add(struct kh_store *st, int64_t user_id, const char *day,
			     struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "INSERT INTO pool_claims(user_id, day, n)"
					" VALUES (?, ?, 1) ON CONFLICT (user_id, day)"
					" DO UPDATE SET n = pool_claims.n + 1", err);

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, user_id);
	sqlite3_bind_text(s, 2, day, -1, SQLITE_TRANSIENT);
	return step_done(st, s, err);
}

/* One statement per rule: the column is the index's, so each reads its
 * partial index from the start of the range to the cut and stops. */
#define DUE(COL)                                                                \
	"SELECT id, owner_id, owner_since, contact_clock FROM customers"            \
	" WHERE " KH_STORE_POOL_SWEEPABLE " AND " COL " < ?1"                        \
	" AND (" COL " > ?2 OR (" COL " = ?2 AND id > ?3))"                          \
	" ORDER BY " COL ", id LIMIT ?4"

int kh_store_pool_due(struct kh_store *st, enum kh_pool_rule rule, const char *cut,
		      const char *after_clock, int64_t after_id, int limit, json_t **rows,
		      struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, rule == KH_POOL_RULE_CONTACT ? DUE("contact_clock")
					: DUE("owner_since"), err);
	json_t *arr;
	int rc;

	if (!s)
		return KH_EDB;
	sqlite3_bind_text(s, 1, cut, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, after_clock, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 3, after_id);
	sqlite3_bind_int(s, 4, limit);
	arr = json_array();
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(arr, kh_store_row_json(s));
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		json_decref(arr);
		return kh_store_fail(st, err);
	}
	*rows = arr;
	return 0;
}

static void bind_cut(sqlite3_stmt *s, const char *name, const char *cut)
{
	int idx = sqlite3_bind_parameter_index(s, name);

	if (idx && *cut)
		sqlite3_bind_text(s, idx, cut, -1, SQLITE_TRANSIENT);
	else if (idx)
		sqlite3_bind_null(s, idx);
}

static void bind_days(sqlite3_stmt *s, const char *name, const char *cut, int64_t days)
{
	int idx = sqlite3_bind_parameter_index(s, name);
	char mod[32];

	snprintf(mod, sizeof(mod), "+%lld days", (long long)days);
	if (idx && *cut)
		sqlite3_bind_text(s, idx, mod, -1, SQLITE_TRANSIENT);
	else if (idx)
		sqlite3_bind_null(s, idx);
}

void kh_store_pool_window_bind(sqlite3_stmt *s, const struct kh_store_pool_window *w)
{
	bind_cut(s, ":pw_contact", w->contact_cut);
	bind_cut(s, ":pw_deal", w->deal_cut);
	bind_days(s, ":pw_contact_days", w->contact_cut, w->contact_days);
	bind_days(s, ":pw_deal_days", w->deal_cut, w->deal_days);
}
