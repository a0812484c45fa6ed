/*
 * tokens.c: personal API tokens (see tokens.h). The clear token exists only
 * in the caller's buffer while it is printed; the store sees its hash.
 */
#include "service/accounts/tokens.h"

#include <string.h>

#include "base/utf8.h"
#include "service/accounts/auth.h"
#include "store/accounts/auth.h"
#include "base/banned.h"

static bool is_admin(const struct kh_ctx *ctx)
{
	return ctx->actor.role == KH_ROLE_SYSTEM || ctx->actor.role == KH_ROLE_ADMIN;
}

/* The id of the live user with this login, or KH_ENOTFOUND naming "login". */
static int user_id_of(struct kh_ctx *ctx, const char *login, int64_t *id, struct kh_error *err)
{
	json_t *row = NULL;

	if (!login || kh_store_user_by_login(ctx->store, login, &row, NULL))
		return kh_error_set(err, KH_ENOTFOUND, "login", "no user %s", login ? login : "");
	*id = json_integer_value(json_object_get(row, "id"));
	json_decref(row);
	return 0;
}

int kh_token_create(struct kh_ctx *ctx, const char *login, const char *name, char *token,
		    struct kh_error *err)
{
	json_t *changes = NULL;
	char token_hash[65];
	int64_t user_id = 0, id = 0;
	int rc;

	if ((rc = user_id_of(ctx, login, &user_id, err)))
		return rc;
	if (!is_admin(ctx) && ctx->actor.user_id != user_id)
		return kh_error_set(err, KH_EPERM, "login", "you may only make tokens for yourself");
	if (name && (!kh_utf8_valid(name, strlen(name)) || kh_utf8_count(name) > 100))
		return kh_error_set(err, KH_EINVAL, "name", "the token name must be up to 100 "
				    "characters of UTF-8 text");
	kh_auth_token_new(KH_AUTH_TOKEN_PREFIX, token);
	kh_auth_token_hash(token, token_hash);
	if ((rc = kh_store_begin(ctx->store, err)))
		goto fail;
	changes = json_pack("{s:I, s:s?}", "user", (json_int_t)user_id, "name", name);
	if ((rc = kh_store_token_add(ctx->store, token_hash, user_id, name, &id, err)) ||
	    (rc = kh_store_audit(ctx->store, ctx->actor.user_id, "create", "api_token", id,
				 changes, err)) ||
	    (rc = kh_store_commit(ctx->store, err))) {
		kh_store_rollback(ctx->store);
		goto fail;
	}
	json_decref(changes);
	return 0;
fail:
	json_decref(changes);
	memset(token, 0, KH_TOKEN_SIZE);
	return rc;
}

int kh_token_list(struct kh_ctx *ctx, int64_t user_id, int64_t page, int64_t per_page,
		  json_t **out, struct kh_error *err)
{
	json_t *items = NULL;
	int64_t total = 0;
	int rc;

	if (page < 1 || page > 1000000)
		return kh_error_set(err, KH_EINVAL, "page", "page must be 1..1000000");
	if (per_page < 1 || per_page > KH_TOKEN_PAGE_MAX)
		return kh_error_set(err, KH_EINVAL, "per_page", "per_page must be 1..%d",
				    KH_TOKEN_PAGE_MAX);
	if (!is_admin(ctx)) {
		if (user_id && user_id != ctx->actor.user_id)
			return kh_error_set(err, KH_EPERM, "user",
					    "only admins may list other users' tokens");
		user_id = ctx->actor.user_id;
	}
	if ((rc = kh_store_tokens_list(ctx->store, user_id, per_page, (page - 1) * per_page,
				       &items, &total, err)))
		return rc;
	*out = json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total", (json_int_t)total,
			 "page", (json_int_t)page, "per_page", (json_int_t)per_page);
	return *out ? 0 : kh_error_set(err, KH_ENOMEM, "", "out of memory");
}

int kh_token_list_login(struct kh_ctx *ctx, const char *login, int64_t page, int64_t per_page,
			json_t **out, struct kh_error *err)
{
	int64_t user_id = 0;
	int rc;

	if ((rc = user_id_of(ctx, login, &user_id, err)))
		return rc;
	return kh_token_list(ctx, user_id, page, per_page, out, err);
}

int kh_token_revoke(struct kh_ctx *ctx, int64_t id, struct kh_error *err)
{
	json_t *row = NULL;
	int rc;

	if ((rc = kh_store_begin(ctx->store, err)))
		return rc;
	rc = kh_store_get(ctx->store, "api_tokens", id, &row, NULL);
	if (rc && rc != KH_ENOTFOUND) {
		rc = kh_error_set(err, rc, "", "the database failed");
		goto out;
	}
	/* Someone else's token does not exist for a non-admin. */
	if (rc == KH_ENOTFOUND || !json_is_null(json_object_get(row, "revoked_at")) ||
	    (!is_admin(ctx) &&
	     json_integer_value(json_object_get(row, "user_id")) != ctx->actor.user_id)) {
		rc = kh_error_set(err, KH_ENOTFOUND, "id", "no live token with id %lld",
				  (long long)id);
		goto out;
	}
	if ((rc = kh_store_token_revoke(ctx->store, id, err)) ||
	    (rc = kh_store_audit(ctx->store, ctx->actor.user_id, "revoke", "api_token", id, NULL,
				 err)))
		goto out;
	rc = kh_store_commit(ctx->store, err);
out:
	if (rc)
		kh_store_rollback(ctx->store);
	json_decref(row);
	return rc;
}
