/*
 * report_results.c: the stored dashboard results (see report_results.h).
 */
#include "store/analysis/report_results.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* Bind the result's key and day as ?1 .. ?4. */
static void bind_key(sqlite3_stmt *s, const char *scope_key, const char *report,
		     const char *variant, const char *as_of)
{
	sqlite3_bind_text(s, 1, scope_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, report, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, variant, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, as_of, -1, SQLITE_STATIC);
}

int kh_store_report_result_get(struct kh_store *st, const char *scope_key, const char *report,
			       const char *variant, const char *as_of, char **body,
			       struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"SELECT body FROM report_results WHERE scope_key = ?1 AND report = ?2"
		" AND variant = ?3 AND as_of = ?4", err);
	int rc;

	if (!s)
		return KH_EDB;
	bind_key(s, scope_key, report, variant, as_of);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		char *b = kh_store_column_strdup(s, 0);

		sqlite3_reset(s);
		if (!b)
			return kh_error_set(err, KH_ENOMEM, "", "out of memory");
		*body = b;
		return 0;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? KH_ENOTFOUND : kh_store_fail(st, err);
}

/* Step s once to its end; 0 or the store's failure. */
static int run(struct kh_store *st, sqlite3_stmt *s, struct kh_error *err)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}

/* Bind id as ?1 to s (NULL: not prepared) and run it. */
static int run_with_id(struct kh_store *st, sqlite3_stmt *s, int64_t id, struct kh_error *err)
{
	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, id);
	return run(st, s, err);
}

int kh_store_report_result_put(struct kh_store *st, const char *scope_key, const char *report,
			       const char *variant, const char *as_of, const char *body,
			       struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"INSERT INTO report_results (scope_key, report, variant, as_of, body)"
		" VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (scope_key, report, variant)"
		" DO UPDATE SET as_of = excluded.as_of, body = excluded.body", err);

	if (!s)
		return KH_EDB;
	bind_key(s, scope_key, report, variant, as_of);
	sqlite3_bind_text(s, 5, body, -1, SQLITE_STATIC);
	return run(st, s, err);
}

int kh_store_report_scope_member(struct kh_store *st, const char *scope_key, int kind,
				 int64_t member_id, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"INSERT INTO report_scope_members (kind, member_id, scope_key) VALUES (?1, ?2, ?3)"
		" ON CONFLICT DO NOTHING", err);

	if (!s)
		return KH_EDB;
	sqlite3_bind_int(s, 1, kind);
	sqlite3_bind_int64(s, 2, member_id);
	sqlite3_bind_text(s, 3, scope_key, -1, SQLITE_STATIC);
	return run(st, s, err);
}

int kh_store_report_results_drop_customer(struct kh_store *st, int64_t customer_id,
					  struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"DELETE FROM report_results WHERE scope_key IN (SELECT scope_key"
		" FROM report_scope_members WHERE kind = 0"
		" OR (kind = 1 AND member_id = (SELECT owner_id FROM customers WHERE id = ?1))"
		" OR (kind = 2 AND member_id IN"
		"  (SELECT user_id FROM customer_team WHERE customer_id = ?1)))", err);

	return run_with_id(st, s, customer_id, err);
}

int kh_store_report_results_drop_owner(struct kh_store *st, int64_t owner_id,
				       struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"DELETE FROM report_results WHERE scope_key IN (SELECT scope_key"
		" FROM report_scope_members WHERE kind = 0 OR (kind = 1 AND member_id = ?1))", err);

	return run_with_id(st, s, owner_id, err);
}

int kh_store_report_results_drop_all(struct kh_store *st, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "DELETE FROM report_results", err);

	return s ? run(st, s, err) : KH_EDB;
}
