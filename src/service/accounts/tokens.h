/*
 * tokens.h: personal API tokens ("Authorization: Bearer kh_..."). A token is
 * shown once when made; kehu keeps only its hash, so a list shows what a
 * person needs to recognise one (name, owner, when made and last used) and
 * never the secret. Anyone manages their own tokens; admins (and the local
 * operator) everyone's. Deactivating or deleting a user revokes theirs.
 */
#ifndef KH_TOKENS_H
#define KH_TOKENS_H

#include <jansson.h>
#include <stdint.h>

#include "base/error.h"
#include "service/context.h"

/* Most tokens one list page holds. */
#define KH_TOKEN_PAGE_MAX 500

/* A new API token for the user with this login, printed once into token
 * (KH_TOKEN_SIZE bytes); only its hash is stored. */
int kh_token_create(struct kh_ctx *ctx, const char *login, const char *name, char *token,
		    struct kh_error *err);
/* The tokens of user_id (0: every user's, for admins; anyone else gets
 * their own, and KH_EPERM naming "user" for someone else's), newest first:
 * {"items": [{"id", "user", "login", "name", "created_at", "last_used_at",
 * "revoked_at"}], "total", "page", "per_page"}. */
int kh_token_list(struct kh_ctx *ctx, int64_t user_id, int64_t page, int64_t per_page,
		  json_t **out, struct kh_error *err);
/* The same for the user with this login (KH_ENOTFOUND naming "login"). */
int kh_token_list_login(struct kh_ctx *ctx, const char *login, int64_t page, int64_t per_page,
			json_t **out, struct kh_error *err);
/* Revoke one live token: one's own, or anyone's for admins. A token that
 * does not exist, is already revoked or is someone else's: KH_ENOTFOUND. */
int kh_token_revoke(struct kh_ctx *ctx, int64_t id, struct kh_error *err);

#endif
