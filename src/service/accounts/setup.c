/*
 * setup.c: the one-time setup token and the first admin (see setup.h).
 */
#include "service/accounts/setup.h"

#include <string.h>

#include "service/accounts/auth.h"
#include "service/accounts/users.h"
#include "store/accounts/auth.h"
#include "base/banned.h"

int kh_setup_begin(struct kh_ctx *ctx, char *token, bool *needed, struct kh_error *err)
{
	char token_hash[65];
	int64_t n = 0;
	int rc;

	*needed = false;
	if ((rc = kh_store_user_count(ctx->store, &n, err)))
		return rc;
	if (n > 0)
		return kh_store_setup_token_clear(ctx->store, err);
	kh_auth_token_new("setup_", token);
	kh_auth_token_hash(token, token_hash);
	if ((rc = kh_store_setup_token_set(ctx->store, token_hash, err)))
		return rc;
	*needed = true;
	return 0;
}

int kh_setup_finish(struct kh_ctx *ctx, const char *token, const char *login,
			 const char *password, int64_t *user_id, struct kh_error *err)
{
	struct kh_ctx sys;
	char token_hash[65];
	json_t *input = NULL;
	int64_t n = 0, id = 0;
	int rc;

	if (!token || strlen(token) > 100)
		return kh_error_set(err, KH_EINVAL, "token", "token is required");
	kh_ctx_init_system(&sys, ctx->store);
	if ((rc = kh_store_begin(ctx->store, err)))
		return rc;
	if ((rc = kh_store_user_count(ctx->store, &n, err)))
		goto out;
	if (n > 0) {
		rc = kh_error_set(err, KH_ECONFLICT, "", "kehu is already set up; log in instead");
		goto out;
	}
	kh_auth_token_hash(token, token_hash);
	if (kh_store_setup_token_check(ctx->store, token_hash, NULL)) {
		rc = kh_error_set(err, KH_EAUTH, "token", "wrong or used setup token");
		goto out;
	}
	input = json_pack("{s:s?, s:s, s:s?}", "login", login, "role", "admin", "password",
			  password);
	if (!input) {
		rc = kh_error_set(err, KH_EINVAL, "login", "login and password are required");
		goto out;
	}
	if (!password) {
		rc = kh_error_set(err, KH_EINVAL, "password", "password is required");
		goto out;
	}
	if ((rc = kh_user_add(&sys, input, &id, err)))
		goto out;
	if ((rc = kh_store_setup_token_clear(ctx->store, err)))
		goto out;
	rc = kh_store_commit(ctx->store, err);
out:
	if (rc)
		kh_store_rollback(ctx->store);
	else
		*user_id = id;
	json_decref(input);
	return rc;
}
