/*
 * index.c: the derived lookup tables kept in step with the rows they index:
 * phones (normalised number -> customer, contact: the incoming-call index) and
 * search_keys (prefix-searchable name, pinyin and phone keys). Also the small
 * keyed tables: settings and the audit log.
 */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/parse.h"
#include "base/strbuf.h"
#include "store/scope.h"
#include "store/sql.h"
#include "store/settings_registry.h"
#include "base/banned.h"

static int run(struct kh_store *st, sqlite3_stmt *s, struct kh_error *err)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return kh_store_fail(st, err);
	return 0;
}

int kh_store_phone_replace(struct kh_store *st, int64_t customer_id, int64_t contact_id,
			   const char *const *numbers, size_t n, struct kh_error *err)
{
	sqlite3_stmt *s;
	int rc;

	s = kh_store_stmt(st, "DELETE FROM phones WHERE customer_id=? AND contact_id=?", err);
	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, customer_id);
	sqlite3_bind_int64(s, 2, contact_id);
	if ((rc = run(st, s, err)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		s = kh_store_stmt(st, "INSERT INTO phones(number, customer_id, contact_id)"
				      " VALUES (?,?,?) ON CONFLICT DO NOTHING", err);
		if (!s)
			return KH_EDB;
		sqlite3_bind_text(s, 1, numbers[i], -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, customer_id);
		sqlite3_bind_int64(s, 3, contact_id);
		if ((rc = run(st, s, err)))
			return rc;
	}
	return 0;
}

int kh_store_phone_matches(struct kh_store *st, const char *number, const struct kh_scope *scope,
			   size_t max, struct kh_phone_match *out, size_t *n, int64_t *total,
			   struct kh_error *err)
{
	sqlite3_stmt *s;
	size_t got = 0;
	int rc;

	/* A number can be shared (a switchboard, a contact who moved): of the
	 * live customers the caller sees, the one with the latest activity, then
	 * the most recently created; the company's own number before a
	 * contact's. */
	s = kh_store_stmt(st, "SELECT c.id, min(p.contact_id), c.name, count(*) OVER ()"
			      " FROM phones p JOIN customers c ON c.id = p.customer_id"
			      " LEFT JOIN contacts k ON k.id = p.contact_id"
			      " WHERE p.number = :number AND c.deleted_at IS NULL"
			      " AND k.deleted_at IS NULL AND " KH_SCOPE_VISIBLE("c")
			      " GROUP BY c.id, c.name"
			      " ORDER BY (SELECT max(a.activity_date) FROM activities a"
			      " WHERE a.customer_id = c.id AND a.deleted_at IS NULL) DESC NULLS LAST,"
			      " c.id DESC LIMIT :max", err);
	if (!s)
		return KH_EDB;
	kh_store_scope_bind(s, scope);
	sqlite3_bind_text(s, sqlite3_bind_parameter_index(s, ":number"), number, -1,
			  SQLITE_STATIC);
	sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, ":max"), (int64_t)max);
	*total = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && got < max) {
		const unsigned char *name = sqlite3_column_text(s, 2);

		out[got].customer_id = sqlite3_column_int64(s, 0);
		out[got].contact_id = sqlite3_column_int64(s, 1);
		snprintf(out[got].name, sizeof(out[got].name), "%s",
			 name ? (const char *)name : "");
		*total = sqlite3_column_int64(s, 3);
		got++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return kh_store_fail(st, err);
	*n = got;
	return 0;
}

int kh_store_search_replace(struct kh_store *st, int kind, int64_t id,
			    const char *const *old_keys, size_t nold, const char *const *keys,
			    size_t n, struct kh_error *err)
{
	struct kh_store_stage *g = kh_store_stage_of(st);
	sqlite3_stmt *s;
	int rc;

	if (g->on && nold == 0)
		return kh_store_stage_add(st, kind, id, keys, n, err);
	/* A change of an object whose keys may still wait: write them first, so
	 * the old ones are there to be deleted. */
	if (g->on && kind >= 0 && kind < 3 && id >= g->min_id[kind] &&
	    (rc = kh_store_search_stage_flush(st, err)))
		return rc;

	for (size_t i = 0; i < nold; i++) {
		s = kh_store_stmt(st, "DELETE FROM search_keys WHERE key=? AND kind=? AND id=?",
				  err);
		if (!s)
			return KH_EDB;
		sqlite3_bind_text(s, 1, old_keys[i], -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 2, kind);
		sqlite3_bind_int64(s, 3, id);
		if ((rc = run(st, s, err)))
			return rc;
	}
	for (size_t i = 0; i < n; i++) {
		s = kh_store_stmt(st, "INSERT INTO search_keys(key, kind, id)"
				      " VALUES (?,?,?) ON CONFLICT DO NOTHING", err);
		if (!s)
			return KH_EDB;
		sqlite3_bind_text(s, 1, keys[i], -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 2, kind);
		sqlite3_bind_int64(s, 3, id);
		if ((rc = run(st, s, err)))
			return rc;
	}
	return 0;
}

int kh_store_search_prefix(struct kh_store *st, const char *prefix, int64_t limit,
			   const struct kh_scope *scope, int *kinds, int64_t *ids, size_t *n,
			   struct kh_error *err)
{
	sqlite3_stmt *s;
	size_t got = 0;
	int rc;

	/* key >= prefix AND key < prefix||x'FF...' is a range scan of the primary
	 * key; GLOB would also use it but would treat * and ? in input as
	 * wildcards. The scope is applied to each key's customer during the scan,
	 * so the limit counts only what the caller may see. */
	s = kh_store_stmt(st, "SELECT DISTINCT k.kind, k.id FROM search_keys k"
			      " LEFT JOIN contacts ct ON k.kind = 2 AND ct.id = k.id"
			      " JOIN customers c ON c.id = CASE k.kind WHEN 1 THEN k.id"
			      " ELSE ct.customer_id END"
			      " WHERE k.key >= :prefix AND k.key < :prefix || char(1114111)"
			      " AND c.deleted_at IS NULL AND (k.kind = 1 OR ct.deleted_at IS NULL)"
			      " AND " KH_SCOPE_VISIBLE("c") " LIMIT :limit", err);
	if (!s)
		return KH_EDB;
	kh_store_scope_bind(s, scope);
	sqlite3_bind_text(s, sqlite3_bind_parameter_index(s, ":prefix"), prefix, -1,
			  SQLITE_STATIC);
	sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, ":limit"), limit);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && got < (size_t)limit) {
		kinds[got] = sqlite3_column_int(s, 0);
		ids[got] = sqlite3_column_int64(s, 1);
		got++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return kh_store_fail(st, err);
	*n = got;
	return 0;
}

int kh_store_setting_get(struct kh_store *st, const char *key, char **value,
			 struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT value FROM settings WHERE key=?", err);
	int rc;

	if (!s)
		return KH_EDB;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*value = kh_store_column_strdup(s, 0);
		sqlite3_reset(s);
		return *value ? 0 : kh_error_set(err, KH_ENOMEM, "", "out of memory");
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return kh_store_fail(st, err);
	return kh_error_set(err, KH_ENOTFOUND, "key", "no setting %s", key);
}

int kh_store_setting_set(struct kh_store *st, const char *key, const char *value,
			 struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "UPDATE settings SET value=? WHERE key=?", err);
	int rc;

	if (!s)
		return KH_EDB;
	sqlite3_bind_text(s, 1, value, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
	if ((rc = run(st, s, err)))
		return rc;
	if (sqlite3_changes(sqlite3_db_handle(s)) == 0)
		return kh_error_set(err, KH_ENOTFOUND, "key", "no setting %s", key);
	return 0;
}

int kh_store_settings_seed(struct kh_store *st, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "INSERT INTO settings(key, value, description)"
					    " VALUES (?,?,?) ON CONFLICT(key) DO UPDATE SET"
					    " description = excluded.description", err);
	const struct kh_setting_def *defs;
	size_t n;
	int rc = 0;

	if (!s)
		return KH_EDB;
	defs = kh_setting_defs(&n);
	for (size_t i = 0; i < n && rc == 0; i++) {
		sqlite3_bind_text(s, 1, defs[i].key, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, defs[i].def, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, defs[i].description, -1, SQLITE_STATIC);
		rc = run(st, s, err);
	}
	sqlite3_clear_bindings(s);
	return rc;
}

int kh_store_settings_scan(struct kh_store *st,
			   void (*fn)(void *arg, const char *key, const char *value), void *arg,
			   struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT key, value FROM settings", err);
	int rc;

	if (!s)
		return KH_EDB;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(s, 0);
		const char *value = (const char *)sqlite3_column_text(s, 1);

		if (key && value)
			fn(arg, key, value);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}

/* Column col as a JSON string (see kh_store_text_json). */
static json_t *column_json(sqlite3_stmt *s, int col)
{
	return kh_store_text_json(sqlite3_column_blob(s, col), (size_t)sqlite3_column_bytes(s, col));
}

int kh_store_settings_all(struct kh_store *st, json_t **out, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT key, value, description FROM settings"
					    " ORDER BY key", err);
	json_t *obj;
	int rc;

	if (!s)
		return KH_EDB;
	obj = json_object();
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		char *key = kh_store_column_strdup(s, 0);

		if (key)
			json_object_set_new(obj, key, json_pack("{s:o, s:o}", "value",
				column_json(s, 1), "description", column_json(s, 2)));
		free(key);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		json_decref(obj);
		return kh_store_fail(st, err);
	}
	*out = obj;
	return 0;
}

int kh_store_audit(struct kh_store *st, int64_t user_id, const char *action,
		   const char *entity, int64_t entity_id, json_t *changes, struct kh_error *err)
{
	sqlite3_stmt *s;
	char now[21];

	s = kh_store_stmt(st, "INSERT INTO audit_log(at, user_id, action, entity, entity_id,"
			      " changes) VALUES (?,?,?,?,?,?)", err);
	if (!s)
		return KH_EDB;
	kh_now_iso(now);
	sqlite3_bind_text(s, 1, now, -1, SQLITE_TRANSIENT);
	if (user_id > 0)
		sqlite3_bind_int64(s, 2, user_id);
	sqlite3_bind_text(s, 3, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, entity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, entity_id);
	if (changes)
		kh_store_bind_json(s, 6, changes);
	return run(st, s, err);
}

int kh_store_audit_list(struct kh_store *st, const char *entity, int64_t entity_id,
			int64_t limit, json_t **out, struct kh_error *err)
{
	sqlite3_stmt *s;

	s = kh_store_stmt(st, "SELECT id, at, user_id, action, entity, entity_id, changes"
			      " FROM audit_log WHERE entity=? AND entity_id=?"
			      " ORDER BY id DESC LIMIT ?", err);
	if (!s)
		return KH_EDB;
	sqlite3_bind_text(s, 1, entity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, entity_id);
	sqlite3_bind_int64(s, 3, limit);
	return kh_store_rows_json(st, s, out, err);
}
