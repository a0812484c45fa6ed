/*
 * auth.h (store side): the SQL behind accounts and ownership: users by
 * login, the team tree, sessions, API tokens and the setup token (all kept
 * as hashes: the clear tokens never reach the database), failed logins for
 * the rate limit, and the customer ownership rows (owner, shares, history).
 */
#ifndef KH_STORE_AUTH_H
#define KH_STORE_AUTH_H

#include "store/store.h"

/* ---- Users and teams ---- */

/* The live user row with this login (password_hash included), or
 * KH_ENOTFOUND. *row is a new reference. */
int kh_store_user_by_login(struct kh_store *st, const char *login, json_t **row,
			   struct kh_error *err);
/* How many live users there are. */
int kh_store_user_count(struct kh_store *st, int64_t *n, struct kh_error *err);
/* How many live, active admins there are besides except_id. */
int kh_store_admins_active(struct kh_store *st, int64_t except_id, int64_t *n,
			   struct kh_error *err);
/* The live team called name, or KH_ENOTFOUND. */
int kh_store_team_by_name(struct kh_store *st, const char *name, int64_t *id,
			  struct kh_error *err);
/* team_id and every live team below it, as a new JSON array of ids. */
int kh_store_team_subtree(struct kh_store *st, int64_t team_id, json_t **ids,
			  struct kh_error *err);
/* The live teams user_id leads, and every team below them: a new array. */
int kh_store_teams_led_below(struct kh_store *st, int64_t user_id, json_t **ids,
			     struct kh_error *err);
/* The live users of the teams in team_ids (a JSON array): a new array. */
int kh_store_users_in_teams(struct kh_store *st, json_t *team_ids, json_t **ids,
			    struct kh_error *err);
/* Every live, active user as {"id", "display_name" (the login when none is
 * set), "login", "team_id", "team" (the team's name or null)}, by id: a new
 * array. */
int kh_store_user_directory(struct kh_store *st, json_t **out, struct kh_error *err);
/* Live users and live child teams of a team (to refuse deleting it). */
int kh_store_team_members(struct kh_store *st, int64_t team_id, int64_t *n,
			  struct kh_error *err);

/* ---- Sessions, API tokens, setup token. Hashes are hex strings. ---- */
int kh_store_session_add(struct kh_store *st, const char *token_hash, int64_t user_id,
			 const char *csrf_hash, int64_t expires_at, struct kh_error *err);
/* The user and CSRF hash of a session that has not expired at now, or
 * KH_ENOTFOUND. csrf_hash needs 65 bytes. */
int kh_store_session_find(struct kh_store *st, const char *token_hash, int64_t now,
			  int64_t *user_id, char *csrf_hash, struct kh_error *err);
int kh_store_session_delete(struct kh_store *st, const char *token_hash, struct kh_error *err);
/* Drop every session of a user (password change, deactivation) and every
 * expired session of anyone. */
int kh_store_sessions_purge(struct kh_store *st, int64_t user_id, int64_t now,
			    struct kh_error *err);

int kh_store_token_add(struct kh_store *st, const char *token_hash, int64_t user_id,
		       const char *name, int64_t *id, struct kh_error *err);
/* A live (not revoked) API token as authentication needs it. */
struct kh_store_token {
	int64_t id;
	int64_t user_id;
	char last_used_at[21]; /* ISO timestamp, "" if never used */
};
/* The live token with this hash, or KH_ENOTFOUND. */
int kh_store_token_find(struct kh_store *st, const char *token_hash,
			struct kh_store_token *out, struct kh_error *err);
/* Set a token's last use to now (ISO) unless it is already at or after
 * stale_before (ISO): at most one write per token and interval. */
int kh_store_token_touch(struct kh_store *st, int64_t id, const char *now,
			 const char *stale_before, struct kh_error *err);
/* Revoke one token (nothing happens to an already revoked one). */
int kh_store_token_revoke(struct kh_store *st, int64_t id, struct kh_error *err);
/* Revoke every live token of a user. */
int kh_store_tokens_revoke_user(struct kh_store *st, int64_t user_id, struct kh_error *err);
/* The tokens of user_id (0: everyone's), newest first, as a new array of
 * {"id", "user", "login", "name", "created_at", "last_used_at",
 * "revoked_at"} (never the hash), and their total count. */
int kh_store_tokens_list(struct kh_store *st, int64_t user_id, int64_t limit, int64_t offset,
			 json_t **items, int64_t *total, struct kh_error *err);

/* Replace any setup token by this one. */
int kh_store_setup_token_set(struct kh_store *st, const char *token_hash, struct kh_error *err);
/* 0 if token_hash is the current setup token, else KH_ENOTFOUND. */
int kh_store_setup_token_check(struct kh_store *st, const char *token_hash,
			       struct kh_error *err);
int kh_store_setup_token_clear(struct kh_store *st, struct kh_error *err);

/* ---- Failed logins: kind is "account" (key: the login) or "pair" (key:
 * address and login) ---- */
int kh_store_login_failure_add(struct kh_store *st, const char *kind, const char *key,
			       int64_t at, struct kh_error *err);
/* Failures of (kind, key) at or after since: their count and the latest. */
int kh_store_login_failures(struct kh_store *st, const char *kind, const char *key,
			    int64_t since, int64_t *count, int64_t *latest, struct kh_error *err);
int kh_store_login_failures_clear(struct kh_store *st, const char *kind, const char *key,
				  struct kh_error *err);

/* ---- Customer ownership ---- */
struct kh_store_access {
	int64_t owner_id;      /* 0 = none */
	int64_t owner_team_id; /* the owner's team, 0 = none */
	bool in_pool;
	bool deleted;
	char share[8];         /* the user's customer_team access: "owner", "read",
				* "write" or "" */
};
/* What user_id has to do with customer_id, or KH_ENOTFOUND. */
int kh_store_customer_access(struct kh_store *st, int64_t customer_id, int64_t user_id,
			     struct kh_store_access *out, struct kh_error *err);
/* The information level (1..3, store/scope.h) at which scope sees the live
 * customer customer_id; KH_ENOTFOUND when it does not see it or there is
 * none (scope NULL: every live customer, level 3). */
int kh_store_customer_level(struct kh_store *st, int64_t customer_id,
			    const struct kh_scope *scope, int *level, struct kh_error *err);
/* Set (access "owner", "read", "write") or remove (access NULL) a share. */
int kh_store_customer_share(struct kh_store *st, int64_t customer_id, int64_t user_id,
			    const char *access, struct kh_error *err);
/* Remove every share of a customer. */
int kh_store_customer_shares_clear(struct kh_store *st, int64_t customer_id,
				   struct kh_error *err);
/* The shares of a customer: [{"user": id, "access": "..."}] */
int kh_store_customer_shares(struct kh_store *st, int64_t customer_id, json_t **out,
			     struct kh_error *err);
int kh_store_owner_history_add(struct kh_store *st, int64_t customer_id, int64_t from_user,
			       int64_t to_user, const char *reason, int64_t by_user,
			       struct kh_error *err);
/* How many live customers user_id owns. */
int kh_store_owned_count(struct kh_store *st, int64_t user_id, int64_t *n,
			 struct kh_error *err);
/* Give the opportunities of a customer owned by from_user to to_user. */
int kh_store_opportunities_move(struct kh_store *st, int64_t customer_id, int64_t from_user,
				int64_t to_user, struct kh_error *err);

#endif
