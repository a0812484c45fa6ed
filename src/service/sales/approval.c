/*
 * approval.c: the approval state machine shared by contracts and receipts
 * (see approval.h). The permission module decides who may decide; this
 * file checks the state, stores the decision and its audit entry, and
 * calls the kind's hooks inside the same transaction.
 */
#include "service/sales/approval.h"

#include <string.h>

#include "base/parse.h"
#include "base/utf8.h"
#include "service/permission.h"
#include "base/banned.h"

static const char *const verbs[] = {
	[KH_APPROVAL_SUBMIT] = "submit",
	[KH_APPROVAL_APPROVE] = "approve",
	[KH_APPROVAL_REJECT] = "reject",
	[KH_APPROVAL_CANCEL] = "cancel",
};

int kh_approval_parse(const char *verb, enum kh_approval_action *out)
{
	for (int i = KH_APPROVAL_SUBMIT; i <= KH_APPROVAL_CANCEL; i++)
		if (verb && strcmp(verb, verbs[i]) == 0) {
			*out = (enum kh_approval_action)i;
			return 0;
		}
	return KH_EINVAL;
}

void kh_approval_system(struct kh_ctx *ctx, struct kh_ctx *sys)
{
	*sys = *ctx;
	sys->actor.role = KH_ROLE_SYSTEM;
	memset(&sys->reach, 0, sizeof(sys->reach));
	sys->error_detail = NULL;
}

void kh_approval_system_release(struct kh_ctx *sys)
{
	kh_ctx_release(sys);
}

static bool status_is(json_t *row, const char *a, const char *b)
{
	const char *s = json_string_value(json_object_get(row, "status"));

	return s && (strcmp(s, a) == 0 || (b && strcmp(s, b) == 0));
}

int kh_approval_check_editable(const char *what, int64_t id, json_t *old, json_t *cols,
			       struct kh_error *err)
{
	const char *key;
	json_t *v, *was;
	bool same = cols != NULL;

	if (!old || status_is(old, "draft", "rejected"))
		return 0;
	json_object_foreach(cols, key, v) {
		was = json_object_get(old, key);
		if (!(was ? json_equal(was, v) : json_is_null(v)))
			same = false;
	}
	if (same)
		return 0;
	return kh_error_set(err, KH_ECONFLICT, "status", "%s %lld is %s: only a draft or a "
			    "rejected one may be changed", what, (long long)id,
			    json_string_value(json_object_get(old, "status")));
}

/* The comment of body: *comment NULL when none. */
static int parse_comment(json_t *body, enum kh_approval_action a, const char **comment,
			 struct kh_error *err)
{
	const char *key, *s = NULL;
	json_t *v;

	*comment = NULL;
	if (body && !json_is_object(body))
		return kh_error_set(err, KH_EINVAL, "", "the body must be a JSON object");
	json_object_foreach(body, key, v) {
		if (strcmp(key, "comment"))
			return kh_error_set(err, KH_EINVAL, key, "unknown field %.60s (only comment)",
					    key);
		if (!json_is_string(v) && !json_is_null(v))
			return kh_error_set(err, KH_EINVAL, "comment", "comment must be text");
		s = json_string_value(v);
	}
	while (s && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
		s++;
	if (s && !*s)
		s = NULL;
	if (s && !kh_utf8_valid(s, strlen(s)))
		return kh_error_set(err, KH_EINVAL, "comment", "comment is not valid UTF-8 text");
	if (s && kh_utf8_count(s) > KH_APPROVAL_COMMENT_MAX)
		return kh_error_set(err, KH_EINVAL, "comment", "comment is longer than %d "
				    "characters", KH_APPROVAL_COMMENT_MAX);
	if (!s && a == KH_APPROVAL_REJECT)
		return kh_error_set(err, KH_EINVAL, "comment", "a rejection needs a comment: say "
				    "what to change");
	*comment = s;
	return 0;
}

/* May the actor do a on row (seen already)? */
static int allowed(struct kh_ctx *ctx, const char *what, enum kh_approval_action a,
		   json_t *row, int64_t customer_id, struct kh_error *err)
{
	int64_t owner_id = json_integer_value(json_object_get(row, "owner_id"));
	int level;

	if (a == KH_APPROVAL_APPROVE || a == KH_APPROVAL_REJECT ||
	    (a == KH_APPROVAL_CANCEL && status_is(row, "approved", NULL)))
		return kh_perm_approve(ctx, customer_id, owner_id, what, err);
	return kh_perm_customer(ctx, customer_id, true, &level, err);
}

/* Is a allowed from row's status? */
static int check_state(const char *what, int64_t id, enum kh_approval_action a, json_t *row,
		       struct kh_error *err)
{
	const char *status = json_string_value(json_object_get(row, "status"));
	bool ok;

	switch (a) {
	case KH_APPROVAL_SUBMIT:
		ok = status_is(row, "draft", "rejected");
		break;
	case KH_APPROVAL_CANCEL:
		ok = status_is(row, "draft", "rejected") || status_is(row, "approved", NULL);
		break;
	default:
		ok = status_is(row, "review", NULL);
		break;
	}
	if (ok)
		return 0;
	return kh_error_set(err, KH_ECONFLICT, "status", "%s %lld is %s: %s", what, (long long)id,
			    status ? status : "?",
			    a == KH_APPROVAL_SUBMIT ? "only a draft or a rejected one is submitted"
			    : a == KH_APPROVAL_CANCEL ? "one in review is approved or rejected "
							"first"
						      : "only one in review is approved or "
							"rejected");
}

/* The columns of the new state, and the audit's changes. */
static json_t *decision(struct kh_ctx *ctx, enum kh_approval_action a, const char *comment)
{
	static const char *const to[] = {
		[KH_APPROVAL_SUBMIT] = "review",
		[KH_APPROVAL_APPROVE] = "approved",
		[KH_APPROVAL_REJECT] = "rejected",
		[KH_APPROVAL_CANCEL] = "cancelled",
	};
	json_t *cols = json_pack("{s:s}", "status", to[a]);
	char now[21];

	kh_now_iso(now);
	if (a == KH_APPROVAL_SUBMIT) {
		json_object_set_new(cols, "submitted_at", json_string(now));
		json_object_set_new(cols, "approver_id", json_null());
		json_object_set_new(cols, "decided_at", json_null());
		json_object_set_new(cols, "approval_comment", json_null());
	} else if (a != KH_APPROVAL_CANCEL) {
		json_object_set_new(cols, "approver_id", ctx->actor.user_id
								 ? json_integer(ctx->actor.user_id)
								 : json_null());
		json_object_set_new(cols, "decided_at", json_string(now));
		json_object_set_new(cols, "approval_comment",
				    comment ? json_string(comment) : json_null());
	}
	return cols;
}

static json_t *changes_of(json_t *row, json_t *cols)
{
	json_t *changes = json_object(), *v, *was;
	const char *key;

	json_object_foreach(cols, key, v) {
		was = json_object_get(row, key);
		if (!was || !json_equal(was, v))
			json_object_set_new(changes, key, json_pack("[OO]", was ? was : json_null(),
								     v));
	}
	return changes;
}

int kh_approval_act(struct kh_ctx *ctx, const struct kh_approval_kind *k, int64_t id,
		    enum kh_approval_action a, json_t *body, struct kh_error *err)
{
	const struct kh_entity *e = k->entity;
	json_t *row = NULL, *cols = NULL, *changes = NULL;
	const char *comment;
	struct kh_ctx sys;
	int64_t customer_id;
	int level, rc;

	if ((rc = kh_store_begin(ctx->store, err)))
		return rc;
	rc = kh_store_get(ctx->store, e->table, id, &row, err);
	if (rc == 0 && !json_is_null(json_object_get(row, "deleted_at")))
		rc = KH_ENOTFOUND;
	customer_id = json_integer_value(json_object_get(row, "customer_id"));
	/* One the actor cannot see does not exist, whatever they asked. */
	if (rc == 0)
		rc = kh_perm_customer(ctx, customer_id, false, &level, err);
	if (rc == KH_ENOTFOUND)
		rc = kh_error_set(err, KH_ENOTFOUND, "id", "no %s with id %lld", e->name,
				  (long long)id);
	/* Who may comes before what: one who may not learns nothing of the state
	 * or the body. */
	if (rc || (rc = allowed(ctx, e->name, a, row, customer_id, err)) ||
	    (rc = parse_comment(body, a, &comment, err)) ||
	    (rc = check_state(e->name, id, a, row, err)) ||
	    (k->before && (rc = k->before(ctx, a, id, row, err))))
		goto out;
	cols = decision(ctx, a, comment);
	changes = changes_of(row, cols);
	if ((rc = kh_store_update(ctx->store, e->table, id, cols, err)) ||
	    (rc = kh_store_audit(ctx->store, ctx->actor.user_id, verbs[a], e->name, id, changes,
				 err)))
		goto out;
	if (k->after) {
		kh_approval_system(ctx, &sys);
		rc = k->after(&sys, a, id, row, err);
		kh_approval_system_release(&sys);
		if (rc)
			goto out;
	}
	rc = kh_store_commit(ctx->store, err);
out:
	if (rc)
		kh_store_rollback(ctx->store);
	json_decref(row);
	json_decref(cols);
	json_decref(changes);
	return rc;
}

int kh_approval_queue(struct kh_ctx *ctx, const struct kh_entity *e,
		      const struct kh_list_params *params, json_t **out, struct kh_error *err)
{
	struct kh_store_filter f[2];
	struct kh_list_params p = *params;
	json_t *owners = NULL, *review = json_string("review"), *self = NULL, *filters = NULL;
	bool except_self = false;
	int rc;

	if ((rc = kh_perm_approvable_owners(ctx, &owners, &except_self, err)))
		goto out;
	/* status=review, whatever the caller's filters said of the status */
	filters = json_deep_copy(params->filters ? params->filters : json_object());
	json_object_del(filters, "status");
	p.filters = filters;
	f[0] = (struct kh_store_filter){"status", "=", review};
	p.nextra = 1;
	if (owners) {
		f[p.nextra++] = (struct kh_store_filter){"owner_id", "in_ids", owners};
	} else if (except_self) {
		self = json_integer(ctx->actor.user_id);
		f[p.nextra++] = (struct kh_store_filter){"owner_id", "!=", self};
	}
	p.extra = f;
	rc = kh_entity_list(ctx, e, &p, out, err);
out:
	json_decref(owners);
	json_decref(review);
	json_decref(self);
	json_decref(filters);
	return rc;
}
