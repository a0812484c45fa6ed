/*
 * visit_plan.c: deciding visit plans (see visit_plan.h): approving and
 * rejecting. The permission module decides who may; this file checks the
 * plan's state and writes the decision and its audit entry.
 */
#include "service/work/visit_plan.h"

#include <string.h>

#include "base/parse.h"
#include "base/utf8.h"
#include "service/permission.h"
#include "base/banned.h"

/* The decision's columns (who, when) of each action. */
struct decision {
	const char *action; /* the audit action */
	const char *by, *at;
};
static const struct decision approval = {"approve", "approved_by", "approved_at"};
static const struct decision rejection = {"reject", "rejected_by", "rejected_at"};

/* Inside the transaction: the live visit plan id that the actor may decide
 * and nobody has decided yet, in *row. */
static int undecided_plan(struct kh_ctx *ctx, int64_t id, json_t **row, struct kh_error *err)
{
	json_t *purpose;
	const char *kind;
	int rc = kh_store_get(ctx->store, "activities", id, row, err);

	if (rc == 0 && !json_is_null(json_object_get(*row, "deleted_at")))
		rc = KH_ENOTFOUND;
	if (rc == KH_ENOTFOUND)
		return kh_error_set(err, KH_ENOTFOUND, "id", "no activity with id %lld",
				    (long long)id);
	if (rc)
		return rc;
	if ((rc = kh_perm_activity_approve(ctx, json_integer_value(json_object_get(*row,
										      "customer_id")),
					   json_integer_value(json_object_get(*row, "user_id")),
					   err))) {
		/* An activity of a customer one cannot see does not exist. */
		if (rc == KH_ENOTFOUND)
			kh_error_set(err, KH_ENOTFOUND, "id", "no activity with id %lld",
				     (long long)id);
		return rc;
	}
	kind = json_string_value(json_object_get(*row, "kind"));
	purpose = json_object_get(*row, "purpose");
	if (!kind || strcmp(kind, "visit"))
		return kh_error_set(err, KH_ECONFLICT, "kind", "activity %lld is a %s, not a visit "
				    "plan: only visits with a purpose are approved", (long long)id,
				    kind ? kind : "?");
	if (!json_is_string(purpose) || json_string_length(purpose) == 0)
		return kh_error_set(err, KH_ECONFLICT, "purpose", "visit %lld has no plan: give it a "
				    "purpose before asking for approval", (long long)id);
	for (size_t i = 0; i < 2; i++) {
		const struct decision *d = i ? &rejection : &approval;
		const char *at = json_string_value(json_object_get(*row, d->at));

		if (json_is_null(json_object_get(*row, d->by)) && !at)
			continue;
		if (i)
			return kh_error_set(err, KH_ECONFLICT, d->by, "visit plan %lld is rejected "
					    "already (%s)", (long long)id, at ? at : "");
		return kh_error_set(err, KH_ECONFLICT, d->by, "visit plan %lld is approved already "
				    "(%s)", (long long)id, at ? at : "");
	}
	return 0;
}

/* Decide plan id as d says, with comment (NULL: none) beside it. */
static int decide(struct kh_ctx *ctx, int64_t id, const struct decision *d, const char *comment,
		  struct kh_error *err)
{
	json_t *row = NULL, *cols = NULL, *changes = NULL;
	char now[21];
	int rc;

	if ((rc = kh_store_begin(ctx->store, err)))
		return rc;
	if ((rc = undecided_plan(ctx, id, &row, err)))
		goto out;
	kh_now_iso(now);
	cols = json_pack("{s:o, s:s}", d->by,
			 ctx->actor.user_id ? json_integer(ctx->actor.user_id) : json_null(), d->at, now);
	changes = json_pack("{s:[nO], s:[ns]}", d->by, json_object_get(cols, d->by), d->at, now);
	if (cols && changes && comment) {
		json_object_set_new(cols, "reject_comment", json_string(comment));
		json_object_set_new(changes, "reject_comment", json_pack("[ns]", comment));
	}
	if (!cols || !changes) {
		rc = kh_error_set(err, KH_ENOMEM, "", "out of memory");
		goto out;
	}
	if ((rc = kh_store_update(ctx->store, "activities", id, cols, err)) ||
	    (rc = kh_store_audit(ctx->store, ctx->actor.user_id, d->action, "activity", id,
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

int kh_visit_plan_approve(struct kh_ctx *ctx, int64_t id, struct kh_error *err)
{
	return decide(ctx, id, &approval, NULL, err);
}

int kh_visit_plan_reject(struct kh_ctx *ctx, int64_t id, json_t *comment, struct kh_error *err)
{
	const char *s = json_string_value(comment);
	size_t n;

	if (!comment || json_is_null(comment))
		return kh_error_set(err, KH_EINVAL, "comment", "comment is required: say why the "
				    "plan is rejected");
	if (!s)
		return kh_error_set(err, KH_EINVAL, "comment", "comment must be text");
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	if (!*s)
		return kh_error_set(err, KH_EINVAL, "comment", "comment is required: say why the "
				    "plan is rejected");
	if ((n = kh_utf8_count(json_string_value(comment))) > KH_VISIT_REJECT_COMMENT_MAX)
		return kh_error_set(err, KH_EINVAL, "comment", "comment has %zu characters, at "
				    "most %d", n, KH_VISIT_REJECT_COMMENT_MAX);
	return decide(ctx, id, &rejection, json_string_value(comment), err);
}
