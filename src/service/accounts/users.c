/*
 * users.c: accounts (see users.h). Input is checked here field by field,
 * as the entity layer does for customers; password hashes never leave this
 * file except into the store, and audit records say only that a password
 * changed.
 */
#include "service/accounts/users.h"

#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "service/accounts/account_input.h"
#include "service/accounts/auth.h"
#include "service/permission.h"
#include "store/accounts/auth.h"
#include "store/analysis/report_results.h"
#include "base/utf8.h"
#include "base/banned.h"

static bool login_ok(const char *s)
{
	size_t n = strlen(s);

	if (n < 1 || n > 64)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || strchr("._-@", *s)))
			return false;
	return true;
}

/* User input -> columns. */
static int user_columns(struct kh_ctx *ctx, json_t *input, bool create, json_t **out,
			struct kh_error *err)
{
	json_t *cols = json_object(), *v, *cv;
	const char *key;
	char hash[KH_PWHASH_SIZE];
	enum kh_role role;
	int64_t n;
	int rc = 0;

	if (!json_is_object(input)) {
		json_decref(cols);
		return kh_error_set(err, KH_EINVAL, "", "the user must be a JSON object");
	}
	json_object_foreach(input, key, v) {
		if (strcmp(key, "login") == 0) {
			if (!create) {
				rc = kh_error_set(err, KH_EINVAL, key, "login cannot be changed");
				goto out;
			}
			if (!json_is_string(v) || !login_ok(json_string_value(v))) {
				rc = kh_error_set(err, KH_EINVAL, key, "login must be 1..64 letters, "
						  "digits or . _ - @");
				goto out;
			}
			json_object_set(cols, "login", v);
		} else if (strcmp(key, "role") == 0) {
			if (kh_auth_role_parse(json_string_value(v), &role)) {
				rc = kh_error_set(err, KH_EINVAL, key, "role must be admin, manager "
						  "or sales");
				goto out;
			}
			json_object_set(cols, "role", v);
		} else if (strcmp(key, "password") == 0) {
			if (!json_is_string(v)) {
				rc = kh_error_set(err, KH_EINVAL, key, "password must be a string");
				goto out;
			}
			if ((rc = kh_auth_password_hash(json_string_value(v), hash, err)))
				goto out;
			json_object_set_new(cols, "password_hash", json_string(hash));
		} else if (strcmp(key, "display_name") == 0 || strcmp(key, "email") == 0 ||
			   strcmp(key, "phone") == 0) {
			if ((rc = kh_account_text(v, key, key[0] == 'e' ? 254 : key[0] == 'p' ? 40 : 100,
						  &cv, err)))
				goto out;
			json_object_set_new(cols, key, cv);
		} else if (strcmp(key, "signature") == 0) {
			/* the lines under a rep's campaign mail: several lines */
			if (!json_is_null(v) &&
			    (!json_is_string(v) ||
			     !kh_utf8_valid(json_string_value(v), json_string_length(v)))) {
				rc = kh_error_set(err, KH_EINVAL, key, "%s must be a string", key);
				goto out;
			}
			if (json_is_string(v) && kh_utf8_count(json_string_value(v)) > KH_SIGNATURE_MAX) {
				rc = kh_error_set(err, KH_EINVAL, key, "%s is longer than %zu characters",
						  key, (size_t)KH_SIGNATURE_MAX);
				goto out;
			}
			json_object_set(cols, key, v);
		} else if (strcmp(key, "team") == 0) {
			if (json_is_null(v)) {
				json_object_set_new(cols, "team_id", json_null());
				continue;
			}
			if ((rc = kh_account_team_ref(ctx, v, key, &n, err)))
				goto out;
			json_object_set_new(cols, "team_id", json_integer(n));
		} else if (strcmp(key, "max_customers") == 0) {
			if (json_is_null(v)) {
				json_object_set_new(cols, "max_customers", json_null());
				continue;
			}
			if (!json_is_integer(v) || json_integer_value(v) < 0 ||
			    json_integer_value(v) > 10000000) {
				rc = kh_error_set(err, KH_EINVAL, key, "max_customers must be a whole "
						  "number 0..10000000");
				goto out;
			}
			json_object_set(cols, "max_customers", v);
		} else if (strcmp(key, "active") == 0) {
			if (!json_is_boolean(v)) {
				rc = kh_error_set(err, KH_EINVAL, key, "active must be true or false");
				goto out;
			}
			json_object_set_new(cols, "active", json_integer(json_is_true(v)));
		} else if (strcmp(key, "id") && strcmp(key, "created_at") &&
			   strcmp(key, "updated_at")) {
			rc = kh_error_set(err, KH_EINVAL, key, "user has no field %s", key);
			goto out;
		}
	}
	if (create && !json_object_get(cols, "login"))
		rc = kh_error_set(err, KH_EINVAL, "login", "login is required");
	else if (create && !json_object_get(cols, "role"))
		rc = kh_error_set(err, KH_EINVAL, "role", "role is required");
out:
	if (rc)
		json_decref(cols);
	else
		*out = cols;
	return rc;
}

/* The audit form of the columns: the hash is replaced by a note. */
static json_t *audit_changes(json_t *cols)
{
	json_t *c = json_deep_copy(cols);

	if (json_object_get(c, "password_hash")) {
		json_object_del(c, "password_hash");
		json_object_set_new(c, "password", json_string("changed"));
	}
	return c;
}

int kh_user_add(struct kh_ctx *ctx, json_t *input, int64_t *id, struct kh_error *err)
{
	json_t *cols = NULL, *changes = NULL, *row = NULL;
	int64_t new_id = 0;
	int rc;

	if ((rc = kh_account_need_admin(ctx, "users", err)))
		return rc;
	if ((rc = kh_store_begin(ctx->store, err)))
		return rc;
	if ((rc = user_columns(ctx, input, true, &cols, err)))
		goto out;
	if (kh_store_user_by_login(ctx->store, json_string_value(json_object_get(cols, "login")),
				   &row, NULL) == 0) {
		rc = kh_error_set(err, KH_ECONFLICT, "login", "there is already a user %s",
				  json_string_value(json_object_get(cols, "login")));
		goto out;
	}
	if ((rc = kh_store_insert(ctx->store, "users", cols, &new_id, err))) {
		if (rc == KH_ECONFLICT)
			kh_error_set(err, KH_ECONFLICT, "login", "that login is taken");
		goto out;
	}
	changes = audit_changes(cols);
	if ((rc = kh_store_audit(ctx->store, ctx->actor.user_id, "create", "user", new_id,
				 changes, err)))
		goto out;
	/* Scopes follow users and teams: work them out again. */
	kh_ctx_forget(ctx);
	rc = kh_store_commit(ctx->store, err);
out:
	if (rc)
		kh_store_rollback(ctx->store);
	else
		*id = new_id;
	json_decref(row);
	json_decref(cols);
	json_decref(changes);
	return rc;
}

static int live_user(struct kh_ctx *ctx, int64_t id, json_t **row, struct kh_error *err)
{
	int rc = kh_store_get(ctx->store, "users", id, row, err);

	if (rc == 0 && !json_is_null(json_object_get(*row, "deleted_at"))) {
		json_decref(*row);
		*row = NULL;
		rc = KH_ENOTFOUND;
	}
	if (rc == KH_ENOTFOUND)
		return kh_error_set(err, KH_ENOTFOUND, "id", "no user with id %lld", (long long)id);
	return rc;
}

/* A user the actor may see: themselves or one inside their data scope.
 * Anyone else does not exist for them: the answer is the one for an id that
 * was never used, whatever the route, so no answer tells the two apart. */
static int visible_user(struct kh_ctx *ctx, int64_t id, json_t **row, struct kh_error *err)
{
	bool seen;
	int rc;

	if (id != ctx->actor.user_id) {
		if ((rc = kh_perm_user_in_reach(ctx, id, &seen, err)))
			return rc;
		if (!seen)
			return kh_error_set(err, KH_ENOTFOUND, "id", "no user with id %lld",
					    (long long)id);
	}
	return live_user(ctx, id, row, err);
}

/* Anyone may change their own display name and password; the rest is for
 * admins. Decided on the input's names before any value is read, so a
 * refused change costs no password hash and says nothing about its values. */
static int may_change_user(const struct kh_ctx *ctx, int64_t id, json_t *input,
			   struct kh_error *err)
{
	static const char *const own[] = {"display_name", "password", "phone", "signature", "id",
					  "created_at", "updated_at"};
	const char *key;
	json_t *v;

	if (kh_account_is_admin(ctx))
		return 0;
	json_object_foreach(input, key, v) {
		bool allowed = false;

		for (size_t i = 0; i < sizeof(own) / sizeof(own[0]); i++)
			allowed = allowed || strcmp(key, own[i]) == 0;
		if (ctx->actor.user_id != id || !allowed)
			return kh_error_set(err, KH_EPERM, "", "only admins may change users; "
					    "you may change your own display_name, password, phone and "
					    "signature");
	}
	return 0;
}

/* Refuse a change that would leave no active admin: someone must be able to
 * manage users and settings. row is the user as stored, cols the change. */
static int keep_an_admin(struct kh_ctx *ctx, json_t *row, json_t *cols, struct kh_error *err)
{
	const char *role = json_string_value(json_object_get(cols, "role")), *was;
	json_t *active = json_object_get(cols, "active");
	bool demoted = role && strcmp(role, "admin") != 0;
	bool deactivated = active && json_integer_value(active) == 0;
	int64_t others = 0;
	int rc;

	if (!demoted && !deactivated)
		return 0;
	was = json_string_value(json_object_get(row, "role"));
	if (!was || strcmp(was, "admin") != 0 ||
	    json_integer_value(json_object_get(row, "active")) == 0)
		return 0;
	if ((rc = kh_store_admins_active(ctx->store,
					 json_integer_value(json_object_get(row, "id")), &others,
					 err)))
		return rc;
	if (others > 0)
		return 0;
	return kh_error_set(err, KH_ECONFLICT, demoted ? "role" : "active",
			    "this is the last active admin: make another user admin first");
}

int kh_user_update(struct kh_ctx *ctx, int64_t id, json_t *input, struct kh_error *err)
{
	json_t *cols = NULL, *changes = NULL, *row = NULL;
	int rc;

	if ((rc = kh_store_begin(ctx->store, err)))
		return rc;
	if ((rc = visible_user(ctx, id, &row, err)) || (rc = may_change_user(ctx, id, input, err)) ||
	    (rc = user_columns(ctx, input, false, &cols, err)))
		goto out;
	if ((rc = keep_an_admin(ctx, row, cols, err)))
		goto out;
	if (json_object_size(cols) && (rc = kh_store_update(ctx->store, "users", id, cols, err)))
		goto out;
	/* The next visits name each rep by login. */
	if (json_object_get(cols, "login") &&
	    (rc = kh_store_report_results_stale_owner(ctx->store, id, err)))
		goto out;
	if (json_object_get(cols, "password_hash") ||
	    json_is_false(json_object_get(input, "active")))
		if ((rc = kh_store_sessions_purge(ctx->store, id, 0, err)))
			goto out;
	/* A deactivated user's tokens stay dead when the account comes back. */
	if (json_is_false(json_object_get(input, "active")) &&
	    (rc = kh_store_tokens_revoke_user(ctx->store, id, err)))
		goto out;
	changes = audit_changes(cols);
	if ((rc = kh_store_audit(ctx->store, ctx->actor.user_id, "update", "user", id, changes,
				 err)))
		goto out;
	/* Scopes follow users and teams: work them out again. */
	kh_ctx_forget(ctx);
	rc = kh_store_commit(ctx->store, err);
out:
	if (rc)
		kh_store_rollback(ctx->store);
	json_decref(row);
	json_decref(cols);
	json_decref(changes);
	return rc;
}

int kh_user_delete(struct kh_ctx *ctx, int64_t id, struct kh_error *err)
{
	json_t *row = NULL, *cols = NULL;
	char now[21];
	int rc;

	if ((rc = kh_store_begin(ctx->store, err)))
		return rc;
	if ((rc = visible_user(ctx, id, &row, err)) || (rc = kh_account_need_admin(ctx, "users", err)))
		goto out;
	if (id == ctx->actor.user_id) {
		rc = kh_error_set(err, KH_ECONFLICT, "id", "you cannot delete yourself");
		goto out;
	}
	kh_now_iso(now);
	cols = json_pack("{s:s, s:i}", "deleted_at", now, "active", 0);
	if ((rc = kh_store_update(ctx->store, "users", id, cols, err)) ||
	    (rc = kh_store_sessions_purge(ctx->store, id, 0, err)) ||
	    (rc = kh_store_tokens_revoke_user(ctx->store, id, err)) ||
	    (rc = kh_store_audit(ctx->store, ctx->actor.user_id, "delete", "user", id, NULL, err)))
		goto out;
	/* Scopes follow users and teams: work them out again. */
	kh_ctx_forget(ctx);
	rc = kh_store_commit(ctx->store, err);
out:
	if (rc)
		kh_store_rollback(ctx->store);
	json_decref(row);
	json_decref(cols);
	return rc;
}

json_t *kh_user_present(json_t *row)
{
	json_t *team = json_object_get(row, "team_id");

	json_t *phone = json_object_get(row, "phone"), *signature = json_object_get(row, "signature");

	return json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:b, s:O, s:O}",
			 "id", json_object_get(row, "id"),
			 "login", json_object_get(row, "login"),
			 "display_name", json_object_get(row, "display_name"),
			 "role", json_object_get(row, "role"),
			 "team", team ? team : json_null(),
			 "email", json_object_get(row, "email"),
			 "phone", phone ? phone : json_null(),
			 "signature", signature ? signature : json_null(),
			 "max_customers", json_object_get(row, "max_customers"),
			 "active", (int)json_integer_value(json_object_get(row, "active")),
			 "created_at", json_object_get(row, "created_at"),
			 "updated_at", json_object_get(row, "updated_at"));
}

int kh_user_directory(struct kh_ctx *ctx, json_t **out, struct kh_error *err)
{
	json_t *items = NULL;
	int rc = kh_store_user_directory(ctx->store, &items, err);

	if (rc)
		return rc;
	*out = json_pack("{s:o}", "items", items);
	return *out ? 0 : kh_error_set(err, KH_ENOMEM, "", "out of memory");
}

int kh_user_get(struct kh_ctx *ctx, int64_t id, json_t **out, struct kh_error *err)
{
	json_t *row = NULL;
	int rc;

	if ((rc = visible_user(ctx, id, &row, err)))
		return rc;
	*out = kh_user_present(row);
	json_decref(row);
	return 0;
}

int kh_user_list(struct kh_ctx *ctx, const struct kh_list_params *p, json_t **out,
		 struct kh_error *err)
{
	static const char *const names[] = {"login", "role", "team", "active"};
	static const char *const columns[] = {"login", "role", "team_id", "active"};
	struct kh_perm_reach r;
	json_t *list = NULL, *items, *v;
	size_t i;
	int rc;

	if ((rc = kh_perm_reach_init(ctx, &r, err)))
		return rc;
	rc = kh_account_list(ctx, "users", p, names, columns, 4, r.everything ? NULL : r.owners, &list,
		       err);
	if (rc == 0) {
		items = json_object_get(list, "items");
		json_array_foreach(items, i, v)
			json_array_set_new(items, i, kh_user_present(v));
		*out = list;
	}
	kh_perm_reach_release(&r);
	return rc;
}

int kh_user_set_password(struct kh_ctx *ctx, const char *login, const char *password,
			 struct kh_error *err)
{
	json_t *row = NULL, *input;
	int64_t id;
	int rc;

	if (!login || kh_store_user_by_login(ctx->store, login, &row, NULL))
		return kh_error_set(err, KH_ENOTFOUND, "login", "no user %s", login ? login : "");
	id = json_integer_value(json_object_get(row, "id"));
	json_decref(row);
	input = json_pack("{s:s}", "password", password);
	if (!input)
		return kh_error_set(err, KH_EINVAL, "password", "the password must be UTF-8 text");
	rc = kh_user_update(ctx, id, input, err);
	json_object_del(input, "password");
	json_decref(input);
	return rc;
}
