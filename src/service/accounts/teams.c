/*
 * teams.c: the team tree (see teams.h). Each team has a parent (none at the
 * top) and a leader; a move that would put a team under itself is refused.
 */
#include "service/accounts/teams.h"

#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "service/accounts/account_input.h"
#include "service/permission.h"
#include "store/accounts/auth.h"
#include "base/banned.h"

/* Team input -> columns. */
static int team_columns(struct kh_ctx *ctx, json_t *input, int64_t self, json_t **out,
			struct kh_error *err)
{
	json_t *cols = json_object(), *v, *cv, *row = NULL;
	const char *key;
	int64_t id;
	int rc = 0;

	if (!json_is_object(input)) {
		json_decref(cols);
		return kh_error_set(err, KH_EINVAL, "", "the team must be a JSON object");
	}
	json_object_foreach(input, key, v) {
		if (strcmp(key, "name") == 0) {
			if (!json_is_string(v) || json_string_length(v) == 0) {
				rc = kh_error_set(err, KH_EINVAL, key, "name is required");
				goto out;
			}
			if ((rc = kh_account_text(v, key, 100, &cv, err)))
				goto out;
			json_object_set_new(cols, "name", cv);
		} else if (strcmp(key, "parent") == 0) {
			if (json_is_null(v)) {
				json_object_set_new(cols, "parent_id", json_null());
				continue;
			}
			if ((rc = kh_account_team_ref(ctx, v, key, &id, err)))
				goto out;
			if (self) {
				/* A team may not move below itself. */
				json_t *below = NULL;
				bool loop;

				if ((rc = kh_store_team_subtree(ctx->store, self, &below, err)))
					goto out;
				loop = false;
				for (size_t i = 0; i < json_array_size(below); i++)
					if (json_integer_value(json_array_get(below, i)) == id)
						loop = true;
				json_decref(below);
				if (loop) {
					rc = kh_error_set(err, KH_EINVAL, key, "a team cannot be "
							  "placed below itself");
					goto out;
				}
			}
			json_object_set_new(cols, "parent_id", json_integer(id));
		} else if (strcmp(key, "leader") == 0) {
			if (json_is_null(v)) {
				json_object_set_new(cols, "leader_id", json_null());
				continue;
			}
			if (json_is_string(v) && kh_parse_int64(json_string_value(v), 1, INT64_MAX,
								 &id, key, NULL)) {
				if (kh_store_user_by_login(ctx->store, json_string_value(v), &row,
							   NULL)) {
					rc = kh_error_set(err, KH_EINVAL, key, "leader: no user %s",
							  json_string_value(v));
					goto out;
				}
				id = json_integer_value(json_object_get(row, "id"));
				json_decref(row);
				row = NULL;
			} else if ((rc = kh_account_id(v, key, &id, err)) ||
				   (rc = kh_account_live_ref(ctx, "users", id, key, err))) {
				goto out;
			}
			json_object_set_new(cols, "leader_id", json_integer(id));
		} else if (strcmp(key, "id") && strcmp(key, "created_at") &&
			   strcmp(key, "updated_at")) {
			rc = kh_error_set(err, KH_EINVAL, key, "team has no field %s", key);
			goto out;
		}
	}
out:
	if (rc)
		json_decref(cols);
	else
		*out = cols;
	return rc;
}

int kh_team_add(struct kh_ctx *ctx, json_t *input, int64_t *id, struct kh_error *err)
{
	json_t *cols = NULL;
	int64_t new_id = 0, existing;
	int rc;

	if ((rc = kh_account_need_admin(ctx, "teams", err)))
		return rc;
	if ((rc = kh_store_begin(ctx->store, err)))
		return rc;
	if ((rc = team_columns(ctx, input, 0, &cols, err)))
		goto out;
	if (!json_is_string(json_object_get(cols, "name"))) {
		rc = kh_error_set(err, KH_EINVAL, "name", "name is required");
		goto out;
	}
	if (kh_store_team_by_name(ctx->store, json_string_value(json_object_get(cols, "name")),
				  &existing, NULL) == 0) {
		rc = kh_error_set(err, KH_ECONFLICT, "name", "there is already a team called %s",
				  json_string_value(json_object_get(cols, "name")));
		goto out;
	}
	if ((rc = kh_store_insert(ctx->store, "teams", cols, &new_id, err)) ||
	    (rc = kh_store_audit(ctx->store, ctx->actor.user_id, "create", "team", new_id, cols,
				 err)))
		goto out;
	/* Scopes follow users and teams: work them out again. */
	kh_ctx_forget(ctx);
	rc = kh_store_commit(ctx->store, err);
out:
	if (rc)
		kh_store_rollback(ctx->store);
	else
		*id = new_id;
	json_decref(cols);
	return rc;
}

int kh_team_ensure(struct kh_ctx *ctx, const char *name, int64_t *id, struct kh_error *err)
{
	json_t *input;
	int rc;

	if (kh_store_team_by_name(ctx->store, name, id, NULL) == 0)
		return 0;
	input = json_pack("{s:s}", "name", name);
	if (!input)
		return kh_error_set(err, KH_EINVAL, "team", "the team name is not valid UTF-8");
	rc = kh_team_add(ctx, input, id, err);
	json_decref(input);
	return rc;
}

static int live_team(struct kh_ctx *ctx, int64_t id, json_t **row, struct kh_error *err)
{
	int rc = kh_store_get(ctx->store, "teams", id, row, err);

	if (rc == 0 && !json_is_null(json_object_get(*row, "deleted_at"))) {
		json_decref(*row);
		*row = NULL;
		rc = KH_ENOTFOUND;
	}
	if (rc == KH_ENOTFOUND)
		return kh_error_set(err, KH_ENOTFOUND, "id", "no team with id %lld", (long long)id);
	return rc;
}

int kh_team_update(struct kh_ctx *ctx, int64_t id, json_t *input, struct kh_error *err)
{
	json_t *cols = NULL, *row = NULL;
	int rc;

	if ((rc = kh_account_need_admin(ctx, "teams", err)))
		return rc;
	if ((rc = kh_store_begin(ctx->store, err)))
		return rc;
	if ((rc = live_team(ctx, id, &row, err)) ||
	    (rc = team_columns(ctx, input, id, &cols, err)))
		goto out;
	if (json_object_size(cols) && (rc = kh_store_update(ctx->store, "teams", id, cols, err)))
		goto out;
	if ((rc = kh_store_audit(ctx->store, ctx->actor.user_id, "update", "team", id, cols, err)))
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

int kh_team_delete(struct kh_ctx *ctx, int64_t id, struct kh_error *err)
{
	json_t *row = NULL, *cols = NULL;
	int64_t members = 0;
	char now[21];
	int rc;

	if ((rc = kh_account_need_admin(ctx, "teams", err)))
		return rc;
	if ((rc = kh_store_begin(ctx->store, err)))
		return rc;
	if ((rc = live_team(ctx, id, &row, err)) ||
	    (rc = kh_store_team_members(ctx->store, id, &members, err)))
		goto out;
	if (members) {
		rc = kh_error_set(err, KH_ECONFLICT, "id", "the team still has users or sub-teams");
		goto out;
	}
	kh_now_iso(now);
	cols = json_pack("{s:s}", "deleted_at", now);
	if ((rc = kh_store_update(ctx->store, "teams", id, cols, err)) ||
	    (rc = kh_store_audit(ctx->store, ctx->actor.user_id, "delete", "team", id, NULL, err)))
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

static json_t *team_present(json_t *row)
{
	return json_pack("{s:O, s:O, s:O, s:O, s:O, s:O}", "id", json_object_get(row, "id"),
			 "name", json_object_get(row, "name"), "parent",
			 json_object_get(row, "parent_id"), "leader",
			 json_object_get(row, "leader_id"), "created_at",
			 json_object_get(row, "created_at"), "updated_at",
			 json_object_get(row, "updated_at"));
}

int kh_team_get(struct kh_ctx *ctx, int64_t id, json_t **out, struct kh_error *err)
{
	json_t *row = NULL;
	int rc;

	if ((rc = live_team(ctx, id, &row, err)))
		return rc;
	*out = team_present(row);
	json_decref(row);
	return 0;
}

int kh_team_list(struct kh_ctx *ctx, const struct kh_list_params *p, json_t **out,
		 struct kh_error *err)
{
	static const char *const names[] = {"name", "parent", "leader"};
	static const char *const columns[] = {"name", "parent_id", "leader_id"};
	json_t *list = NULL, *items, *v;
	size_t i;
	int rc;

	rc = kh_account_list(ctx, "teams", p, names, columns, 3, NULL, &list, err);
	if (rc)
		return rc;
	items = json_object_get(list, "items");
	json_array_foreach(items, i, v)
		json_array_set_new(items, i, team_present(v));
	*out = list;
	return 0;
}
