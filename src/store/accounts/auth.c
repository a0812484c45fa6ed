/*
 * auth.c (store side): SQL for accounts, sessions, tokens, failed logins and
 * customer ownership (see store/accounts/auth.h). Tokens arrive here already hashed;
 * the team tree is walked with recursive CTEs so a scope is one query.
 */
#include "store/accounts/auth.h"

#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "store/scope.h"
#include "base/banned.h"

/* Step a statement that returns no rows, then reset it. */
static int run(struct kh_store *st, sqlite3_stmt *s, struct kh_error *err)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return kh_store_fail(st, err);
	return 0;
}

/* The first column of every row as a new JSON array of integers. */
static int collect_ids(struct kh_store *st, sqlite3_stmt *s, json_t **ids, struct kh_error *err)
{
	json_t *arr = json_array();
	int rc;

	if (!arr) {
		sqlite3_reset(s);
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(arr, json_integer(sqlite3_column_int64(s, 0)));
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		json_decref(arr);
		return kh_store_fail(st, err);
	}
	*ids = arr;
	return 0;
}

/* One integer from a one-row query. */
static int one_int(struct kh_store *st, sqlite3_stmt *s, int64_t *out, struct kh_error *err)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return KH_ENOTFOUND;
	return kh_store_fail(st, err);
}

int kh_store_user_by_login(struct kh_store *st, const char *login, json_t **row,
			   struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT * FROM users WHERE login=? AND"
					    " deleted_at IS NULL", err);
	int rc;

	if (!s)
		return KH_EDB;
	sqlite3_bind_text(s, 1, login, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*row = kh_store_row_json(s);
		sqlite3_reset(s);
		return *row ? 0 : kh_error_set(err, KH_ENOMEM, "", "out of memory");
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return kh_store_fail(st, err);
	return kh_error_set(err, KH_ENOTFOUND, "login", "no user %s", login);
}

int kh_store_user_count(struct kh_store *st, int64_t *n, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT count(*) FROM users WHERE deleted_at IS NULL",
					err);

	return s ? one_int(st, s, n, err) : KH_EDB;
}

int kh_store_admins_active(struct kh_store *st, int64_t except_id, int64_t *n,
			    struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT count(*) FROM users WHERE role='admin' AND"
					    " active=1 AND deleted_at IS NULL AND id<>?", err);

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, except_id);
	return one_int(st, s, n, err);
}

int kh_store_team_by_name(struct kh_store *st, const char *name, int64_t *id,
			  struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT id FROM teams WHERE name=? AND"
					    " deleted_at IS NULL", err);
	int rc;

	if (!s)
		return KH_EDB;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	rc = one_int(st, s, id, err);
	if (rc == KH_ENOTFOUND)
		return kh_error_set(err, KH_ENOTFOUND, "team", "no team %s", name);
	return rc;
}

int kh_store_team_subtree(struct kh_store *st, int64_t team_id, json_t **ids,
			  struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(
		st, "WITH RECURSIVE t(id) AS (SELECT id FROM teams WHERE id=? AND deleted_at IS NULL"
		    " UNION SELECT teams.id FROM teams JOIN t ON teams.parent_id=t.id"
		    " WHERE teams.deleted_at IS NULL) SELECT id FROM t", err);

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, team_id);
	return collect_ids(st, s, ids, err);
}

int kh_store_teams_led_below(struct kh_store *st, int64_t user_id, json_t **ids,
			     struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(
		st, "WITH RECURSIVE t(id) AS (SELECT id FROM teams WHERE leader_id=? AND"
		    " deleted_at IS NULL UNION SELECT teams.id FROM teams JOIN t ON"
		    " teams.parent_id=t.id WHERE teams.deleted_at IS NULL) SELECT id FROM t", err);

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, user_id);
	return collect_ids(st, s, ids, err);
}

int kh_store_users_in_teams(struct kh_store *st, json_t *team_ids, json_t **ids,
			    struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT id FROM users WHERE deleted_at IS NULL AND"
					    " team_id IN (SELECT value FROM json_each(?))", err);

	if (!s)
		return KH_EDB;
	kh_store_bind_json(s, 1, team_ids);
	return collect_ids(st, s, ids, err);
}

int kh_store_user_directory(struct kh_store *st, json_t **out, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(
		st, "SELECT u.id, coalesce(nullif(u.display_name, ''), u.login) AS display_name,"
		    " u.login, u.team_id, t.name AS team FROM users u"
		    " LEFT JOIN teams t ON t.id=u.team_id AND t.deleted_at IS NULL"
		    " WHERE u.deleted_at IS NULL AND u.active=1 ORDER BY u.id", err);

	if (!s)
		return KH_EDB;
	return kh_store_rows_json(st, s, out, err);
}

int kh_store_team_members(struct kh_store *st, int64_t team_id, int64_t *n,
			  struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(
		st, "SELECT (SELECT count(*) FROM users WHERE team_id=?1 AND deleted_at IS NULL)"
		    " + (SELECT count(*) FROM teams WHERE parent_id=?1 AND deleted_at IS NULL)", err);

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, team_id);
	return one_int(st, s, n, err);
}

int kh_store_session_add(struct kh_store *st, const char *token_hash, int64_t user_id,
			 const char *csrf_hash, int64_t expires_at, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "INSERT INTO sessions(token_hash, user_id, csrf_hash,"
					    " created_at, expires_at) VALUES (?,?,?,?,?)", err);
	char now[21];

	if (!s)
		return KH_EDB;
	kh_now_iso(now);
	sqlite3_bind_text(s, 1, token_hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, user_id);
	sqlite3_bind_text(s, 3, csrf_hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 5, expires_at);
	return run(st, s, err);
}

int kh_store_session_find(struct kh_store *st, const char *token_hash, int64_t now,
			  int64_t *user_id, char *csrf_hash, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT user_id, csrf_hash FROM sessions WHERE"
					    " token_hash=? AND expires_at>?", err);
	int rc;

	if (!s)
		return KH_EDB;
	sqlite3_bind_text(s, 1, token_hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, now);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*user_id = sqlite3_column_int64(s, 0);
		kh_store_column_copy(s, 1, csrf_hash, 65);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return kh_error_set(err, KH_ENOTFOUND, "", "no such session");
	return kh_store_fail(st, err);
}

int kh_store_session_delete(struct kh_store *st, const char *token_hash, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "DELETE FROM sessions WHERE token_hash=?", err);

	if (!s)
		return KH_EDB;
	sqlite3_bind_text(s, 1, token_hash, -1, SQLITE_STATIC);
	return run(st, s, err);
}

int kh_store_sessions_purge(struct kh_store *st, int64_t user_id, int64_t now,
			    struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "DELETE FROM sessions WHERE user_id=? OR expires_at<=?",
					err);

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, user_id);
	sqlite3_bind_int64(s, 2, now);
	return run(st, s, err);
}

int kh_store_token_add(struct kh_store *st, const char *token_hash, int64_t user_id,
		       const char *name, int64_t *id, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "INSERT INTO api_tokens(token_hash, user_id, name,"
					    " created_at) VALUES (?,?,?,?)", err);
	char now[21];
	int rc;

	if (!s)
		return KH_EDB;
	kh_now_iso(now);
	sqlite3_bind_text(s, 1, token_hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, user_id);
	if (name)
		sqlite3_bind_text(s, 3, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, now, -1, SQLITE_TRANSIENT);
	if ((rc = run(st, s, err)))
		return rc;
	*id = sqlite3_last_insert_rowid(sqlite3_db_handle(s));
	return 0;
}

int kh_store_token_find(struct kh_store *st, const char *token_hash,
			struct kh_store_token *out, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT id, user_id, last_used_at FROM api_tokens"
					    " WHERE token_hash=? AND revoked_at IS NULL", err);
	int rc;

	if (!s)
		return KH_EDB;
	sqlite3_bind_text(s, 1, token_hash, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		const unsigned char *used = sqlite3_column_text(s, 2);

		out->id = sqlite3_column_int64(s, 0);
		out->user_id = sqlite3_column_int64(s, 1);
		snprintf(out->last_used_at, sizeof(out->last_used_at), "%s",
			 used ? (const char *)used : "");
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return kh_error_set(err, KH_ENOTFOUND, "", "no such token");
	return kh_store_fail(st, err);
}

int kh_store_token_touch(struct kh_store *st, int64_t id, const char *now,
			 const char *stale_before, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "UPDATE api_tokens SET last_used_at=?1 WHERE id=?2 AND"
					    " (last_used_at IS NULL OR last_used_at<?3)", err);

	if (!s)
		return KH_EDB;
	sqlite3_bind_text(s, 1, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, id);
	sqlite3_bind_text(s, 3, stale_before, -1, SQLITE_STATIC);
	return run(st, s, err);
}

/* Stamp revoked_at (parameter 1) on the live tokens that sql picks by
 * parameter 2. */
static int revoke_where(struct kh_store *st, const char *sql, int64_t id, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, sql, err);
	char now[21];

	if (!s)
		return KH_EDB;
	kh_now_iso(now);
	sqlite3_bind_text(s, 1, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, id);
	return run(st, s, err);
}

int kh_store_token_revoke(struct kh_store *st, int64_t id, struct kh_error *err)
{
	return revoke_where(st, "UPDATE api_tokens SET revoked_at=? WHERE id=? AND"
				" revoked_at IS NULL", id, err);
}

int kh_store_tokens_list(struct kh_store *st, int64_t user_id, int64_t limit, int64_t offset,
			 json_t **items, int64_t *total, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT count(*) FROM api_tokens WHERE ?1=0 OR"
					    " user_id=?1", err);
	int rc;

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, user_id);
	if ((rc = one_int(st, s, total, err)))
		return rc;
	/* Never the hash: what a person needs to recognise and revoke a token. */
	s = kh_store_stmt(st, "SELECT t.id, t.user_id AS user, u.login, t.name, t.created_at,"
			      " t.last_used_at, t.revoked_at FROM api_tokens t"
			      " LEFT JOIN users u ON u.id=t.user_id WHERE ?1=0 OR t.user_id=?1"
			      " ORDER BY t.id DESC LIMIT ?2 OFFSET ?3", err);
	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, user_id);
	sqlite3_bind_int64(s, 2, limit);
	sqlite3_bind_int64(s, 3, offset);
	return kh_store_rows_json(st, s, items, err);
}

int kh_store_tokens_revoke_user(struct kh_store *st, int64_t user_id, struct kh_error *err)
{
	return revoke_where(st, "UPDATE api_tokens SET revoked_at=? WHERE user_id=? AND"
				" revoked_at IS NULL", user_id, err);
}

int kh_store_setup_token_set(struct kh_store *st, const char *token_hash, struct kh_error *err)
{
	sqlite3_stmt *s;
	char now[21];
	int rc;

	if ((rc = kh_store_setup_token_clear(st, err)))
		return rc;
	s = kh_store_stmt(st, "INSERT INTO setup_tokens(token_hash, created_at) VALUES (?,?)", err);
	if (!s)
		return KH_EDB;
	kh_now_iso(now);
	sqlite3_bind_text(s, 1, token_hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, now, -1, SQLITE_TRANSIENT);
	return run(st, s, err);
}

int kh_store_setup_token_check(struct kh_store *st, const char *token_hash,
			       struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT count(*) FROM setup_tokens WHERE token_hash=?",
					err);
	int64_t n = 0;
	int rc;

	if (!s)
		return KH_EDB;
	sqlite3_bind_text(s, 1, token_hash, -1, SQLITE_STATIC);
	if ((rc = one_int(st, s, &n, err)))
		return rc;
	return n ? 0 : kh_error_set(err, KH_ENOTFOUND, "token", "no such setup token");
}

int kh_store_setup_token_clear(struct kh_store *st, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "DELETE FROM setup_tokens", err);

	return s ? run(st, s, err) : KH_EDB;
}

int kh_store_login_failure_add(struct kh_store *st, const char *kind, const char *key,
			       int64_t at, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "INSERT INTO login_failures(kind, key, at)"
					    " VALUES (?,?,?)", err);
	int rc;

	if (!s)
		return KH_EDB;
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, at);
	if ((rc = run(st, s, err)))
		return rc;
	/* Old failures only matter for one window; drop them as we go. */
	s = kh_store_stmt(st, "DELETE FROM login_failures WHERE at < ?", err);
	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, at - 86400);
	return run(st, s, err);
}

int kh_store_login_failures(struct kh_store *st, const char *kind, const char *key,
			    int64_t since, int64_t *count, int64_t *latest, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT count(*), coalesce(max(at), 0) FROM"
					    " login_failures WHERE kind=? AND key=? AND at>=?", err);
	int rc;

	if (!s)
		return KH_EDB;
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, since);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*count = sqlite3_column_int64(s, 0);
		*latest = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : kh_store_fail(st, err);
}

int kh_store_login_failures_clear(struct kh_store *st, const char *kind, const char *key,
				  struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "DELETE FROM login_failures WHERE kind=? AND key=?",
					err);

	if (!s)
		return KH_EDB;
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
	return run(st, s, err);
}

int kh_store_customer_access(struct kh_store *st, int64_t customer_id, int64_t user_id,
			     struct kh_store_access *out, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(
		st, "SELECT c.owner_id, u.team_id, c.in_pool, c.deleted_at IS NOT NULL,"
		    " (SELECT access FROM customer_team WHERE customer_id=c.id AND user_id=?2)"
		    " FROM customers c LEFT JOIN users u ON u.id=c.owner_id WHERE c.id=?1", err);
	int rc;

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, customer_id);
	sqlite3_bind_int64(s, 2, user_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		memset(out, 0, sizeof(*out));
		out->owner_id = sqlite3_column_int64(s, 0);
		out->owner_team_id = sqlite3_column_int64(s, 1);
		out->in_pool = sqlite3_column_int(s, 2) != 0;
		out->deleted = sqlite3_column_int(s, 3) != 0;
		kh_store_column_copy(s, 4, out->share, sizeof(out->share));
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return kh_error_set(err, KH_ENOTFOUND, "customer", "no customer with id %lld",
				    (long long)customer_id);
	return kh_store_fail(st, err);
}

int kh_store_customer_level(struct kh_store *st, int64_t customer_id,
			    const struct kh_scope *scope, int *level, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(
		st, "SELECT c.deleted_at IS NULL AND " KH_SCOPE_VISIBLE("c") ", "
		    KH_SCOPE_LEVEL("c") " FROM customers c WHERE c.id = :id", err);
	int rc, visible = 0;

	if (!s)
		return KH_EDB;
	kh_store_scope_bind(s, scope);
	sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, ":id"), customer_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		visible = sqlite3_column_int(s, 0);
		*level = sqlite3_column_int(s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return kh_store_fail(st, err);
	if (!visible)
		return kh_error_set(err, KH_ENOTFOUND, "customer", "no customer with id %lld",
				    (long long)customer_id);
	return 0;
}

int kh_store_customer_share(struct kh_store *st, int64_t customer_id, int64_t user_id,
			    const char *access, struct kh_error *err)
{
	sqlite3_stmt *s;

	if (access)
		s = kh_store_stmt(st, "INSERT INTO customer_team(customer_id, user_id, access)"
				      " VALUES (?,?,?) ON CONFLICT(customer_id, user_id)"
				      " DO UPDATE SET access=excluded.access", err);
	else
		s = kh_store_stmt(st, "DELETE FROM customer_team WHERE customer_id=? AND user_id=?",
				  err);
	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, customer_id);
	sqlite3_bind_int64(s, 2, user_id);
	if (access)
		sqlite3_bind_text(s, 3, access, -1, SQLITE_STATIC);
	return run(st, s, err);
}

int kh_store_customer_shares_clear(struct kh_store *st, int64_t customer_id,
				   struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "DELETE FROM customer_team WHERE customer_id=?", err);

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, customer_id);
	return run(st, s, err);
}

int kh_store_customer_shares(struct kh_store *st, int64_t customer_id, json_t **out,
			     struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT user_id, access FROM customer_team WHERE"
					    " customer_id=? ORDER BY user_id", err);
	json_t *arr;
	int rc;

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, customer_id);
	arr = json_array();
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(arr, json_pack("{s:I, s:o}", "user",
						     (json_int_t)sqlite3_column_int64(s, 0),
						     "access", kh_store_text_json(
							     sqlite3_column_blob(s, 1),
							     (size_t)sqlite3_column_bytes(s, 1))));
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		json_decref(arr);
		return kh_store_fail(st, err);
	}
	*out = arr;
	return 0;
}

int kh_store_owner_history_add(struct kh_store *st, int64_t customer_id, int64_t from_user,
			       int64_t to_user, const char *reason, int64_t by_user,
			       struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "INSERT INTO owner_history(customer_id, from_user,"
					    " to_user, reason, by_user, at) VALUES (?,?,?,?,?,?)",
					err);
	char now[21];

	if (!s)
		return KH_EDB;
	kh_now_iso(now);
	sqlite3_bind_int64(s, 1, customer_id);
	if (from_user)
		sqlite3_bind_int64(s, 2, from_user);
	if (to_user)
		sqlite3_bind_int64(s, 3, to_user);
	sqlite3_bind_text(s, 4, reason, -1, SQLITE_STATIC);
	if (by_user)
		sqlite3_bind_int64(s, 5, by_user);
	sqlite3_bind_text(s, 6, now, -1, SQLITE_TRANSIENT);
	return run(st, s, err);
}

int kh_store_owned_count(struct kh_store *st, int64_t user_id, int64_t *n,
			 struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT count(*) FROM customers WHERE owner_id=? AND"
					    " deleted_at IS NULL", err);

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, user_id);
	return one_int(st, s, n, err);
}

int kh_store_opportunities_move(struct kh_store *st, int64_t customer_id, int64_t from_user,
				int64_t to_user, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "UPDATE opportunities SET owner_id=?, updated_at=?"
					    " WHERE customer_id=? AND (owner_id=? OR owner_id IS"
					    " NULL) AND deleted_at IS NULL", err);
	char now[21];

	if (!s)
		return KH_EDB;
	kh_now_iso(now);
	sqlite3_bind_int64(s, 1, to_user);
	sqlite3_bind_text(s, 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 3, customer_id);
	sqlite3_bind_int64(s, 4, from_user);
	return run(st, s, err);
}
