/*
 * users.h: accounts. Users have a login, a role
 * (admin, manager, sales), a team and an optional cap on owned customers;
 * teams (teams.h) form a tree with a leader each. Admins (and the local operator)
 * manage both; a user sees the users inside their data scope, and every
 * team. API tokens are in tokens.h.
 */
#ifndef KH_USERS_H
#define KH_USERS_H

#include <jansson.h>

#include "service/context.h"
#include "service/entity.h"

/* The most characters of a signature (the lines under a rep's campaign mail). */
#define KH_SIGNATURE_MAX 500

/* input: {"login", "role", "password"?, "display_name"?, "email"?, "phone"?,
 * "signature"?, "team"? (id or name), "max_customers"?, "active"?}. */
int kh_user_add(struct kh_ctx *ctx, json_t *input, int64_t *id, struct kh_error *err);
/* The same fields but login; a new password ends the user's sessions.
 * Admins; anyone else their own display_name, password, phone and signature
 * (KH_EPERM). A
 * user outside the actor's scope answers KH_ENOTFOUND, as a missing id does
 * (so for kh_user_delete and kh_user_get). */
int kh_user_update(struct kh_ctx *ctx, int64_t id, json_t *input, struct kh_error *err);
/* A new password for the user with this login (admins, or the user). Ends
 * every session of that user. */
int kh_user_set_password(struct kh_ctx *ctx, const char *login, const char *password,
			 struct kh_error *err);
/* Deactivate and soft-delete (admins); sessions end and tokens are revoked. */
int kh_user_delete(struct kh_ctx *ctx, int64_t id, struct kh_error *err);
/* The user as the API shows it (never the password hash): the actor or a
 * user in their scope. */
int kh_user_get(struct kh_ctx *ctx, int64_t id, json_t **out, struct kh_error *err);
/* {"items", "total", "page", "per_page"}; filters: role, team, active. */
int kh_user_list(struct kh_ctx *ctx, const struct kh_list_params *p, json_t **out,
		 struct kh_error *err);
/* The user directory: every active user's id, display_name, login,
 * team_id and team name, for showing names (any logged-in user may read
 * it: colleagues' names are no secret inside a company; roles, emails and
 * the rest stay behind GET /users and the data scope). {"items": [...]} */
int kh_user_directory(struct kh_ctx *ctx, json_t **out, struct kh_error *err);
/* A stored users row in its API form. */
json_t *kh_user_present(json_t *row);

#endif
