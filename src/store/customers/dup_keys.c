/*
 * dup_keys.c: the duplicate keys table (see dup_keys.h): the write path's
 * replacement of one object's keys, the rebuild from the rows, who holds a
 * key and the groups of a duplicate report.
 */
#include "store/customers/dup_keys.h"

#include <stdio.h>

#include "base/dup_key.h"
#include "base/strbuf.h"
#include "store/scope.h"
#include "base/banned.h"

static void dup_key_sql(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const unsigned char *value = sqlite3_value_text(argv[1]);
	struct kh_strbuf key;
	int rc;

	(void)argc;
	if (!value)
		return;
	kh_strbuf_init(&key, 0);
	rc = kh_dup_key(sqlite3_value_int(argv[0]), (const char *)value, &key);
	if (rc)
		sqlite3_result_error_nomem(cx);
	else if (key.len)
		sqlite3_result_text(cx, key.buf, (int)key.len, SQLITE_TRANSIENT);
	kh_strbuf_release(&key);
}

int kh_store_dup_key_function(sqlite3 *db)
{
	return sqlite3_create_function(db, "kh_dup_key", 2,
				       SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
				       dup_key_sql, NULL, NULL);
}

static int step_done(struct kh_store *st, sqlite3_stmt *s, struct kh_error *err)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : kh_store_fail(st, err);
}

static int key_write(struct kh_store *st, const char *sql, int64_t customer_id,
		     int64_t contact_id, const struct kh_store_dup_key *k, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, sql, err);

	if (!s)
		return KH_EDB;
	sqlite3_bind_int(s, 1, k->kind);
	sqlite3_bind_text(s, 2, k->key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, customer_id);
	sqlite3_bind_int64(s, 4, contact_id);
	return step_done(st, s, err);
}

int kh_store_dup_keys_replace(struct kh_store *st, int64_t customer_id, int64_t contact_id,
			      const struct kh_store_dup_key *old, size_t nold,
			      const struct kh_store_dup_key *keys, size_t n, struct kh_error *err)
{
	int rc = 0;

	for (size_t i = 0; i < nold && rc == 0; i++)
		rc = key_write(st, "DELETE FROM dup_keys WHERE kind=? AND key=? AND customer_id=?"
			       " AND contact_id=?", customer_id, contact_id, &old[i], err);
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = key_write(st, "INSERT INTO dup_keys(kind, key, customer_id, contact_id)"
			       " VALUES (?,?,?,?) ON CONFLICT DO NOTHING", customer_id,
			       contact_id, &keys[i], err);
	return rc;
}

int kh_store_dup_keys_rebuild(struct kh_store *st, struct kh_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = kh_store_begin(st, err)))
		return rc;
	if (!(s = kh_store_stmt(st, "DELETE FROM dup_keys", err)))
		rc = KH_EDB;
	if (rc == 0)
		rc = step_done(st, s, err);
	if (rc == 0 && !(s = kh_store_stmt(st, KH_STORE_DUP_KEYS_FILL, err)))
		rc = KH_EDB;
	if (rc == 0)
		rc = step_done(st, s, err);
	if (rc == 0)
		return kh_store_commit(st, err);
	kh_store_rollback(st);
	return rc;
}

int kh_store_dup_holders(struct kh_store *st, int kind, const char *key, int64_t exclude_id,
			 size_t max, struct kh_store_dup_holder *out, size_t *n,
			 struct kh_error *err)
{
	sqlite3_stmt *s;
	size_t got = 0;
	int rc;

	s = kh_store_stmt(st, "SELECT DISTINCT c.id, c.name, c.in_pool, c.owner_id,"
			      " coalesce(nullif(u.display_name, ''), u.login),"
			      " coalesce(u.team_id, c.team_id)"
			      " FROM dup_keys d JOIN customers c ON c.id = d.customer_id"
			      " LEFT JOIN users u ON u.id = c.owner_id"
			      " WHERE d.kind = ? AND d.key = ? AND c.deleted_at IS NULL AND c.id <> ?"
			      " ORDER BY c.id LIMIT ?", err);
	if (!s)
		return KH_EDB;
	sqlite3_bind_int(s, 1, kind);
	sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, exclude_id);
	sqlite3_bind_int64(s, 4, (int64_t)max);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && got < max) {
		struct kh_store_dup_holder *h = &out[got++];

		h->id = sqlite3_column_int64(s, 0);
		kh_store_column_copy(s, 1, h->name, sizeof(h->name));
		h->in_pool = sqlite3_column_int(s, 2) != 0;
		h->owner_id = sqlite3_column_int64(s, 3);
		kh_store_column_copy(s, 4, h->owner, sizeof(h->owner));
		h->team_id = sqlite3_column_int64(s, 5);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return kh_store_fail(st, err);
	*n = got;
	return 0;
}

/* The keys that two live customers or more hold, of which the scope sees
 * one. The keys held by two customers at all come first, from one ordered
 * pass over the table alone; only their rows are joined to the customers
 * (at 1M customers: 27,000 groups of 3.9M keys), where the scope's
 * expression is asked once per holder, in the HAVING. */
#define GROUPS_SQL                                                                          \
	" FROM (SELECT kind, key FROM dup_keys GROUP BY kind, key"                           \
	" HAVING count(DISTINCT customer_id) > 1) g"                                         \
	" JOIN dup_keys d ON d.kind = g.kind AND d.key = g.key"                              \
	" JOIN customers c ON c.id = d.customer_id"                                         \
	" WHERE c.deleted_at IS NULL GROUP BY d.kind, d.key"                                \
	" HAVING count(DISTINCT d.customer_id) > 1"                                          \
	" AND max(CASE WHEN " KH_SCOPE_VISIBLE("c") " THEN 1 ELSE 0 END) = 1"

int kh_store_dup_groups(struct kh_store *st, const struct kh_scope *scope, int64_t limit,
			int64_t offset, struct kh_store_dup_group *out, size_t *n,
			int64_t *total, struct kh_error *err)
{
	struct kh_scope everything = {.all = true};
	sqlite3_stmt *s;
	size_t got = 0;
	int rc;

	/* One pass: the page, each row with the count of every group. */
	s = kh_store_stmt(st, "SELECT d.kind, d.key, count(DISTINCT d.customer_id),"
			      " count(*) OVER ()" GROUPS_SQL
			      " ORDER BY d.kind, d.key LIMIT :limit OFFSET :offset", err);
	if (!s)
		return KH_EDB;
	kh_store_scope_bind(s, scope ? scope : &everything);
	sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, ":limit"), limit);
	sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, ":offset"), offset);
	*total = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && got < (size_t)limit) {
		out[got].kind = sqlite3_column_int(s, 0);
		kh_store_column_copy(s, 1, out[got].key, sizeof(out[got].key));
		out[got].customers = sqlite3_column_int64(s, 2);
		*total = sqlite3_column_int64(s, 3);
		got++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return kh_store_fail(st, err);
	*n = got;
	/* A page past the end holds no row to carry the count. */
	if (got == 0 && offset > 0) {
		struct kh_store_dup_group first;
		size_t one;

		return kh_store_dup_groups(st, scope, 1, 0, &first, &one, total, err);
	}
	return 0;
}
