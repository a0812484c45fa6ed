/*
 * greetings.c: the SQL of greetings (see greetings.h). The month-day
 * terms match the partial indexes of migration 26.
 */
#include "store/comms/greetings.h"

#include <string.h>

#include "base/parse.h"
#include "store/scope.h"
#include "store/sql.h"
#include "base/banned.h"

int kh_store_greeting_get(struct kh_store *st, int64_t id, json_t **row, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT g.*, coalesce(nullif(u.display_name, ''),"
					" u.login) AS owner FROM greetings g"
					" JOIN users u ON u.id = g.owner_id"
					" WHERE g.id = :id AND g.deleted_at IS NULL", err);

	*row = NULL;
	if (!s)
		return KH_EDB;
	kh_store_bind_named_int(s, ":id", id);
	return kh_store_row_of(st, s, row, err);
}

int kh_store_greeting_list(struct kh_store *st, bool active_only, json_t **rows,
			   struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT g.*, coalesce(nullif(u.display_name, ''),"
					" u.login) AS owner FROM greetings g"
					" JOIN users u ON u.id = g.owner_id WHERE g.deleted_at IS NULL"
					" AND (:active = 0 OR g.active = 1) ORDER BY g.id", err);

	*rows = NULL;
	if (!s)
		return KH_EDB;
	kh_store_bind_named_int(s, ":active", active_only);
	return kh_store_rows_json(st, s, rows, err);
}

/* Every integer of column 0 of s into a new array *ids. */
static int id_array(struct kh_store *st, sqlite3_stmt *s, json_t **ids, struct kh_error *err)
{
	int rc;

	if (!(*ids = json_array())) {
		sqlite3_reset(s);
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (json_array_append_new(*ids, json_integer(sqlite3_column_int64(s, 0)))) {
			rc = SQLITE_NOMEM;
			break;
		}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return 0;
	json_decref(*ids);
	*ids = NULL;
	return rc == SQLITE_NOMEM ? kh_error_set(err, KH_ENOMEM, "", "out of memory")
				  : kh_store_fail(st, err);
}

int kh_store_greeting_reach(struct kh_store *st, const char *occasion, const char *md,
			    const struct kh_scope *scope, json_t **ids, bool *of_contacts,
			    struct kh_error *err)
{
	sqlite3_stmt *s;

	*ids = NULL;
	*of_contacts = strcmp(occasion, "birthday") == 0;
	if (*of_contacts)
		s = kh_store_stmt(st, "SELECT k.id FROM contacts k JOIN customers c"
				  " ON c.id = k.customer_id WHERE k.deleted_at IS NULL"
				  " AND k.birthday IS NOT NULL AND substr(k.birthday, 6, 5) = :md"
				  " AND c.deleted_at IS NULL AND " KH_SCOPE_VISIBLE("c")
				  " ORDER BY k.id", err);
	else if (strcmp(occasion, "founding") == 0)
		s = kh_store_stmt(st, "SELECT c.id FROM customers c WHERE c.deleted_at IS NULL"
				  " AND c.founded_on IS NOT NULL AND substr(c.founded_on, 6, 5) = :md"
				  " AND " KH_SCOPE_VISIBLE("c") " ORDER BY c.id", err);
	else if (strcmp(occasion, "first_deal") == 0)
		s = kh_store_stmt(st, "SELECT c.id FROM customers c WHERE c.deleted_at IS NULL"
				  " AND c.won_on IS NOT NULL AND substr(c.won_on, 6, 5) = :md"
				  " AND " KH_SCOPE_VISIBLE("c") " ORDER BY c.id", err);
	else
		s = kh_store_stmt(st, "SELECT c.id FROM customers c WHERE c.deleted_at IS NULL"
				  " AND " KH_SCOPE_VISIBLE("c") " ORDER BY c.id", err);
	if (!s)
		return KH_EDB;
	kh_store_scope_bind(s, scope);
	kh_store_bind_named_text(s, ":md", md);
	return id_array(st, s, ids, err);
}

int kh_store_greeting_skip(struct kh_store *st, int64_t greeting_id, int64_t contact_id,
			   const char *day, int64_t user_id, bool skip, struct kh_error *err)
{
	char now[21];
	sqlite3_stmt *s = skip
		? kh_store_stmt(st, "INSERT INTO greeting_skips (greeting_id, contact_id, day,"
				" user_id, created_at) VALUES (:greeting, :contact, :day,"
				" nullif(:user, 0), :now) ON CONFLICT DO NOTHING", err)
		: kh_store_stmt(st, "DELETE FROM greeting_skips WHERE greeting_id = :greeting"
				" AND contact_id = :contact AND day = :day", err);

	if (!s)
		return KH_EDB;
	kh_now_iso(now);
	kh_store_bind_named_int(s, ":greeting", greeting_id);
	kh_store_bind_named_int(s, ":contact", contact_id);
	kh_store_bind_named_text(s, ":day", day);
	kh_store_bind_named_int(s, ":user", user_id);
	kh_store_bind_named_text(s, ":now", now);
	return kh_store_exec_stmt(st, s, err);
}

int kh_store_greeting_skips(struct kh_store *st, int64_t greeting_id, const char *day,
			    json_t **ids, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT contact_id FROM greeting_skips"
					" WHERE greeting_id = :greeting AND day = :day"
					" ORDER BY contact_id", err);

	*ids = NULL;
	if (!s)
		return KH_EDB;
	kh_store_bind_named_int(s, ":greeting", greeting_id);
	kh_store_bind_named_text(s, ":day", day);
	return id_array(st, s, ids, err);
}

int kh_store_greeting_queued(struct kh_store *st, int64_t greeting_id, const char *day,
			     int64_t *id, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT id FROM campaigns WHERE greeting_id = :greeting"
					" AND greeting_day = :day", err);
	int rc;

	*id = 0;
	if (!s)
		return KH_EDB;
	kh_store_bind_named_int(s, ":greeting", greeting_id);
	kh_store_bind_named_text(s, ":day", day);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}
