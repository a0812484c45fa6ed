/*
 * visit_plan.c: approving visit plans (see visit_plan.h). The permission
 * module decides who may; this file checks the plan's state and writes the
 * approval and its audit entry.
 */
#include "service/work/visit_plan.h"

#include <string.h>

#include "base/parse.h"
#include "service/permission.h"
#include "base/banned.h"

int kh_visit_plan_approve(struct kh_ctx *ctx, int64_t id, struct kh_error *err)
{
	json_t *row = NULL, *cols = NULL, *changes = NULL, *purpose;
	const char *kind;
	char now[21];
	int rc;

	if ((rc = kh_store_begin(ctx->store, err)))
		return rc;
	rc = kh_store_get(ctx->store, "activities", id, &row, err);
	if (rc == 0 && !json_is_null(json_object_get(row, "deleted_at")))
		rc = KH_ENOTFOUND;
	if (rc == KH_ENOTFOUND)
		rc = kh_error_set(err, KH_ENOTFOUND, "id", "no activity with id %lld",
				  (long long)id);
	if (rc)
		goto out;
	if ((rc = kh_perm_activity_approve(ctx, json_integer_value(json_object_get(row,
										    "customer_id")),
					   json_integer_value(json_object_get(row, "user_id")),
					   err))) {
		/* An activity of a customer one cannot see does not exist. */
		if (rc == KH_ENOTFOUND)
			kh_error_set(err, KH_ENOTFOUND, "id", "no activity with id %lld",
				     (long long)id);
		goto out;
	}
	kind = json_string_value(json_object_get(row, "kind"));
	purpose = json_object_get(row, "purpose");
	if (!kind || strcmp(kind, "visit")) {
		rc = kh_error_set(err, KH_ECONFLICT, "kind", "activity %lld is a %s, not a visit "
				  "plan: only visits with a purpose are approved", (long long)id,
				  kind ? kind : "?");
		goto out;
	}
	if (!json_is_string(purpose) || json_string_length(purpose) == 0) {
		rc = kh_error_set(err, KH_ECONFLICT, "purpose", "visit %lld has no plan: give it a "
				  "purpose before asking for approval", (long long)id);
		goto out;
	}
	if (!json_is_null(json_object_get(row, "approved_by")) ||
	    !json_is_null(json_object_get(row, "approved_at"))) {
		rc = kh_error_set(err, KH_ECONFLICT, "approved_by", "visit plan %lld is approved "
				  "already (%s)", (long long)id,
				  json_string_value(json_object_get(row, "approved_at"))
					  ? json_string_value(json_object_get(row, "approved_at"))
					  : "");
		goto out;
	}
	kh_now_iso(now);
	cols = json_pack("{s:o, s:s}", "approved_by",
			 ctx->actor.user_id ? json_integer(ctx->actor.user_id) : json_null(),
			 "approved_at", now);
	changes = json_pack("{s:[nO], s:[ns]}", "approved_by",
			    json_object_get(cols, "approved_by"), "approved_at", now);
	if (!cols || !changes) {
		rc = kh_error_set(err, KH_ENOMEM, "", "out of memory");
		goto out;
	}
	if ((rc = kh_store_update(ctx->store, "activities", id, cols, err)) ||
	    (rc = kh_store_audit(ctx->store, ctx->actor.user_id, "approve", "activity", id,
				 changes, err)))
		goto out;
	rc = kh_store_commit(ctx->store, err);
out:
	if (rc)
		kh_store_rollback(ctx->store);
	json_decref(row);
	json_decref(cols);
	json_decref(changes);
	return rc;
}
