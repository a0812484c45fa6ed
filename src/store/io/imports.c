/*
 * imports.c: natural-key lookups and the import_jobs rows (see imports.h).
 */
#include "store/io/imports.h"

#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "store/sql.h"
#include "base/banned.h"

/* Step s for up to two rows: the first one's column 0 into *id, the count
 * seen (0, 1, 2) into *n. s is reset. */
static int first_of_two(struct kh_store *st, sqlite3_stmt *s, int64_t *id, int *n,
			struct kh_error *err)
{
	int rc;

	*n = 0;
	*id = 0;
	while (*n < 2 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == 0)
			*id = sqlite3_column_int64(s, 0);
		(*n)++;
	}
	if (*n < 2 && rc != SQLITE_DONE) {
		sqlite3_reset(s);
		return kh_store_fail(st, err);
	}
	sqlite3_reset(s);
	return 0;
}

int kh_store_import_find(struct kh_store *st, const char *table, const char *column,
			 const char *value, int64_t within, int64_t *id, int *n,
			 struct kh_error *err)
{
	char sql[256];
	sqlite3_stmt *s;

	if (!kh_store_is_identifier(table) || !kh_store_is_identifier(column))
		return kh_error_set(err, KH_EINVAL, "", "not a table or column name");
	snprintf(sql, sizeof(sql),
		 "SELECT id FROM %s WHERE %s = ? AND deleted_at IS NULL%s ORDER BY id LIMIT 2",
		 table, column, within > 0 ? " AND customer_id = ?" : "");
	if (!(s = kh_store_stmt_dyn(st, sql, err)))
		return KH_EDB;
	sqlite3_bind_text(s, 1, value, -1, SQLITE_STATIC);
	if (within > 0)
		sqlite3_bind_int64(s, 2, within);
	return first_of_two(st, s, id, n, err);
}

int kh_store_import_find_phone(struct kh_store *st, const char *number, int64_t *id, int *n,
			       struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"SELECT p.customer_id FROM phones p JOIN customers c ON c.id = p.customer_id"
		" WHERE p.number = ? AND p.contact_id = 0 AND c.deleted_at IS NULL"
		" ORDER BY p.customer_id LIMIT 2", err);

	if (!s)
		return KH_EDB;
	sqlite3_bind_text(s, 1, number, -1, SQLITE_STATIC);
	return first_of_two(st, s, id, n, err);
}

int kh_store_import_find_user(struct kh_store *st, const char *text, int64_t *id, int *n,
			      struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"SELECT id FROM users WHERE active = 1 AND deleted_at IS NULL AND"
		" (login = ?1 OR display_name = ?1)"
		" ORDER BY login <> ?1, id LIMIT 2", err);
	int rc;

	if (!s)
		return KH_EDB;
	sqlite3_bind_text(s, 1, text, -1, SQLITE_STATIC);
	rc = first_of_two(st, s, id, n, err);
	/* A login wins over a display name another user has. */
	if (rc == 0 && *n == 2) {
		sqlite3_stmt *l = kh_store_stmt(st, "SELECT id FROM users WHERE active = 1 AND"
						" login = ?", err);
		int64_t by_login;
		int m;

		if (!l)
			return KH_EDB;
		sqlite3_bind_text(l, 1, text, -1, SQLITE_STATIC);
		if ((rc = first_of_two(st, l, &by_login, &m, err)) == 0 && m == 1) {
			*id = by_login;
			*n = 1;
		}
	}
	return rc;
}

int kh_store_has_column(struct kh_store *st, const char *table, const char *column,
			bool *has, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT 1 FROM pragma_table_info(?) WHERE name = ?",
					err);
	int rc;

	if (!s)
		return KH_EDB;
	sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, column, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return kh_store_fail(st, err);
	*has = rc == SQLITE_ROW;
	return 0;
}

static int step_done(struct kh_store *st, sqlite3_stmt *s, struct kh_error *err)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}

static void bind_text_or_null(sqlite3_stmt *s, int i, const char *text)
{
	if (text)
		sqlite3_bind_text(s, i, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

int kh_store_import_job_add(struct kh_store *st, const struct kh_import_job_row *job,
			    int64_t *id, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"INSERT INTO import_jobs(user_id, type, mode, dry_run, partial, file_name, lang,"
		" bytes_total, state, created_at) VALUES (?,?,?,?,?,?,?,?,'queued',?)", err);
	char now[21];
	int rc;

	if (!s)
		return KH_EDB;
	kh_now_iso(now);
	if (job->user_id)
		sqlite3_bind_int64(s, 1, job->user_id);
	else
		sqlite3_bind_null(s, 1);
	sqlite3_bind_text(s, 2, job->type, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, job->mode, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 4, job->dry_run);
	sqlite3_bind_int(s, 5, job->partial);
	bind_text_or_null(s, 6, job->file_name);
	bind_text_or_null(s, 7, job->lang);
	sqlite3_bind_int64(s, 8, job->bytes_total);
	sqlite3_bind_text(s, 9, now, -1, SQLITE_TRANSIENT);
	if ((rc = step_done(st, s, err)))
		return rc;
	*id = sqlite3_last_insert_rowid(sqlite3_db_handle(s));
	return 0;
}

static int64_t count_of(json_t *counts, const char *key)
{
	return json_integer_value(json_object_get(counts, key));
}

int kh_store_import_job_state(struct kh_store *st, int64_t id, const char *state,
			      json_t *counts, const char *error, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"UPDATE import_jobs SET state = ?2,"
		" started_at = CASE WHEN ?2 = 'running' THEN ?3 ELSE started_at END,"
		" finished_at = CASE WHEN ?2 IN ('done', 'failed') THEN ?3 ELSE finished_at END,"
		" rows_read = coalesce(?4, rows_read), created = coalesce(?5, created),"
		" updated = coalesce(?6, updated), skipped = coalesce(?7, skipped),"
		" rejected = coalesce(?8, rejected), bytes_read = coalesce(?9, bytes_read),"
		" error = ?10 WHERE id = ?1", err);
	static const char *const keys[] = {"rows", "created", "updated", "skipped", "rejected",
					   "bytes_read"};
	char now[21];

	if (!s)
		return KH_EDB;
	kh_now_iso(now);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, state, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, now, -1, SQLITE_TRANSIENT);
	for (int i = 0; i < 6; i++) {
		if (counts)
			sqlite3_bind_int64(s, 4 + i, count_of(counts, keys[i]));
		else
			sqlite3_bind_null(s, 4 + i);
	}
	bind_text_or_null(s, 10, error);
	return step_done(st, s, err);
}

int kh_store_import_job_get(struct kh_store *st, int64_t id, json_t **out,
			    struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT * FROM import_jobs WHERE id = ?", err);
	int rc;

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = kh_store_row_json(s);
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return kh_error_set(err, KH_ENOTFOUND, "id", "no import with id %lld",
				    (long long)id);
	if (rc != SQLITE_ROW)
		return kh_store_fail(st, err);
	return *out ? 0 : kh_error_set(err, KH_ENOMEM, "", "out of memory");
}

int kh_store_import_job_list(struct kh_store *st, int64_t user_id, int64_t limit, json_t **out,
			     struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT * FROM import_jobs WHERE ?1 = 0 OR"
					" user_id = ?1 ORDER BY id DESC LIMIT ?2", err);

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, user_id);
	sqlite3_bind_int64(s, 2, limit);
	return kh_store_rows_json(st, s, out, err);
}

int kh_store_import_jobs_interrupted(struct kh_store *st, const char *reason,
				     struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"UPDATE import_jobs SET state = 'failed', error = ?, finished_at = ?"
		" WHERE state IN ('queued', 'running')", err);
	char now[21];

	if (!s)
		return KH_EDB;
	kh_now_iso(now);
	sqlite3_bind_text(s, 1, reason, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, now, -1, SQLITE_TRANSIENT);
	return step_done(st, s, err);
}
