/*
 * report_results.c: the stored dashboard results (see report_results.h).
 */
#include "store/analysis/report_results.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* Bind the result's key as ?1 .. ?3. */
static void bind_key(sqlite3_stmt *s, const char *scope_key, const char *report,
		     const char *variant)
{
	sqlite3_bind_text(s, 1, scope_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, report, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, variant, -1, SQLITE_STATIC);
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

int kh_store_report_result_get(struct kh_store *st, const char *scope_key, const char *report,
			       const char *variant, struct kh_report_result *out,
			       struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"SELECT body, as_of, stale, actor_id FROM report_results WHERE scope_key = ?1"
		" AND report = ?2 AND variant = ?3", err);
	int rc;

	if (!s)
		return KH_EDB;
	bind_key(s, scope_key, report, variant);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		char *b = kh_store_column_strdup(s, 0);

		kh_store_column_copy(s, 1, out->as_of, sizeof(out->as_of));
		out->stale = sqlite3_column_int64(s, 2);
		out->actor_id = sqlite3_column_int64(s, 3);
		sqlite3_reset(s);
		if (!b)
			return kh_error_set(err, KH_ENOMEM, "", "out of memory");
		out->body = b;
		return 0;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? KH_ENOTFOUND : kh_store_fail(st, err);
}

int kh_store_report_result_put(struct kh_store *st, const char *scope_key, const char *report,
			       const char *variant, const char *as_of, int64_t actor_id,
			       const char *body, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"INSERT INTO report_results (scope_key, report, variant, as_of, body, stale,"
		" actor_id) VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6)"
		" ON CONFLICT (scope_key, report, variant) DO UPDATE SET as_of = excluded.as_of,"
		" body = excluded.body, stale = 0, actor_id = excluded.actor_id", err);

	if (!s)
		return KH_EDB;
	bind_key(s, scope_key, report, variant);
	sqlite3_bind_text(s, 4, as_of, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, body, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 6, actor_id);
	return run(st, s, err);
}

int kh_store_report_result_refresh(struct kh_store *st, const char *scope_key,
				   const char *report, const char *variant, const char *as_of,
				   int64_t seen_stale, const char *body, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"UPDATE report_results SET body = ?4, as_of = ?5,"
		" stale = CASE WHEN stale > ?6 THEN stale - ?6 ELSE 0 END"
		" WHERE scope_key = ?1 AND report = ?2 AND variant = ?3", err);

	if (!s)
		return KH_EDB;
	bind_key(s, scope_key, report, variant);
	sqlite3_bind_text(s, 4, body, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, as_of, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 6, seen_stale);
	return run(st, s, err);
}

int kh_store_report_result_delete(struct kh_store *st, const char *scope_key,
				  const char *report, const char *variant, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"DELETE FROM report_results WHERE scope_key = ?1 AND report = ?2 AND variant = ?3",
		err);

	if (!s)
		return KH_EDB;
	bind_key(s, scope_key, report, variant);
	return run(st, s, err);
}

int kh_store_report_results_outdated(struct kh_store *st, const char *today, int max,
				     json_t **out, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"SELECT scope_key, report, variant, actor_id, stale FROM report_results"
		" WHERE stale > 0 OR as_of <> ?1 ORDER BY stale DESC, scope_key, report, variant"
		" LIMIT ?2", err);

	if (!s)
		return KH_EDB;
	sqlite3_bind_text(s, 1, today, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, max);
	return kh_store_rows_json(st, s, out, err);
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

int kh_store_report_results_stale_customer(struct kh_store *st, int64_t customer_id,
					  struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"UPDATE report_results SET stale = stale + 1 WHERE scope_key IN (SELECT scope_key"
		" FROM report_scope_members WHERE kind = 0"
		" OR (kind = 1 AND member_id = (SELECT owner_id FROM customers WHERE id = ?1))"
		" OR (kind = 2 AND member_id IN"
		"  (SELECT user_id FROM customer_team WHERE customer_id = ?1)))", err);

	return run_with_id(st, s, customer_id, err);
}

int kh_store_report_results_stale_owner(struct kh_store *st, int64_t owner_id,
				       struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"UPDATE report_results SET stale = stale + 1 WHERE scope_key IN (SELECT scope_key"
		" FROM report_scope_members WHERE kind = 0 OR (kind = 1 AND member_id = ?1))", err);

	return run_with_id(st, s, owner_id, err);
}

int kh_store_report_results_stale_statistics(struct kh_store *st, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "UPDATE report_results SET stale = stale + 1"
					" WHERE report LIKE 'statistics.%'", err);

	return s ? run(st, s, err) : KH_EDB;
}

int kh_store_report_results_stale_all(struct kh_store *st, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "UPDATE report_results SET stale = stale + 1", err);

	return s ? run(st, s, err) : KH_EDB;
}
