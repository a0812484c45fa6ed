/*
 * ownership.c: transfer, share, release and claim (see ownership.h). The
 * permission module says who may do it; this file keeps customers.owner_id,
 * in_pool and customer_team consistent and leaves a trail in owner_history
 * and the audit log.
 */
#include "service/customers/ownership.h"

#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "service/customers/pool.h"
#include "service/permission.h"
#include "store/accounts/auth.h"
#include "store/analysis/report_results.h"
#include "base/banned.h"

/* A live, active user, or KH_EINVAL naming field. *team receives their team. */
static int active_user(struct kh_ctx *ctx, int64_t id, const char *field, int64_t *team,
		       struct kh_error *err)
{
	json_t *row = NULL;
	int rc = kh_store_get(ctx->store, "users", id, &row, NULL);

	if (rc == 0 && (!json_is_null(json_object_get(row, "deleted_at")) ||
			json_integer_value(json_object_get(row, "active")) == 0))
		rc = KH_ENOTFOUND;
	if (rc == 0 && team)
		*team = json_integer_value(json_object_get(row, "team_id"));
	json_decref(row);
	if (rc == KH_ENOTFOUND)
		return kh_error_set(err, KH_EINVAL, field, "%s: no active user with id %lld", field,
				    (long long)id);
	return rc ? kh_error_set(err, rc, field, "the database failed") : 0;
}

/* Set the owner (0 = none, into the pool), with history (reason) and audit
 * (action). The pool clocks restart with the new owner (service/customers/
 * pool.h); into the pool, the customer remembers whom it left and when, for
 * the claim cooldown, and loses its lock. */
static int set_owner(struct kh_ctx *ctx, int64_t customer_id, int64_t from, int64_t to,
		     int64_t team, const char *action, const char *reason, struct kh_error *err)
{
	json_t *cols, *changes;
	char today[11];
	int rc;

	kh_date_format(kh_today(), today);
	cols = json_pack("{s:o, s:i, s:o, s:o}", "owner_id", to ? json_integer(to) : json_null(),
			 "in_pool", to ? 0 : 1, "owner_since", to ? json_string(today) : json_null(),
			 "contact_clock", to ? json_string(today) : json_null());
	if (to && team)
		json_object_set_new(cols, "team_id", json_integer(team));
	if (!to) {
		json_object_set_new(cols, "locked", json_integer(0));
		json_object_set_new(cols, "pool_since", json_string(today));
		json_object_set_new(cols, "prev_owner_id", from ? json_integer(from) : json_null());
	}
	changes = json_pack("{s:[oo], s:s}", "owner", from ? json_integer(from) : json_null(),
			    to ? json_integer(to) : json_null(), "reason", reason);
	rc = kh_store_update(ctx->store, "customers", customer_id, cols, err);
	if (rc == 0)
		rc = kh_store_owner_history_add(ctx->store, customer_id, from, to, reason,
						ctx->actor.user_id, err);
	if (rc == 0)
		rc = kh_store_audit(ctx->store, ctx->actor.user_id, action, "customer", customer_id,
				    changes, err);
	json_decref(cols);
	json_decref(changes);
	return rc;
}

int kh_customer_transfer(struct kh_ctx *ctx, int64_t customer_id, int64_t to,
			 const char *old_owner_access, bool move_related, struct kh_error *err)
{
	struct kh_store_access ac;
	int64_t team = 0;
	int rc;

	if (!old_owner_access)
		old_owner_access = "none";
	if (strcmp(old_owner_access, "none") && strcmp(old_owner_access, "read") &&
	    strcmp(old_owner_access, "write"))
		return kh_error_set(err, KH_EINVAL, "old_owner_access",
				    "old_owner_access must be none, read or write");
	if ((rc = kh_store_begin(ctx->store, err)))
		return rc;
	if ((rc = kh_perm_customer_manage(ctx, customer_id, err)) ||
	    (rc = active_user(ctx, to, "to", &team, err)) ||
	    (rc = kh_store_customer_access(ctx->store, customer_id, to, &ac, err)))
		goto out;
	if (ac.owner_id == to) {
		rc = kh_error_set(err, KH_ECONFLICT, "to", "user %lld already owns customer %lld",
				  (long long)to, (long long)customer_id);
		goto out;
	}
	if ((rc = kh_perm_check_cap(ctx, to, 1, err)) ||
	    (rc = kh_store_report_results_stale_customer(ctx->store, customer_id, err)))
		goto out;
	/* The new owner's own row in customer_team would be redundant. */
	if ((rc = kh_store_customer_share(ctx->store, customer_id, to, NULL, err)))
		goto out;
	if (ac.owner_id && strcmp(old_owner_access, "none") &&
	    (rc = kh_store_customer_share(ctx->store, customer_id, ac.owner_id, old_owner_access,
					  err)))
		goto out;
	if (move_related && ac.owner_id &&
	    (rc = kh_store_opportunities_move(ctx->store, customer_id, ac.owner_id, to, err)))
		goto out;
	if ((rc = set_owner(ctx, customer_id, ac.owner_id, to, team, "transfer", "transfer", err)) ||
	    (rc = kh_store_report_results_stale_customer(ctx->store, customer_id, err)))
		goto out;
	rc = kh_store_commit(ctx->store, err);
out:
	if (rc)
		kh_store_rollback(ctx->store);
	return rc;
}

int kh_customer_share(struct kh_ctx *ctx, int64_t customer_id, int64_t user_id,
		      const char *access, struct kh_error *err)
{
	struct kh_store_access ac;
	json_t *changes = NULL;
	int rc;

	if (!access || (strcmp(access, "read") && strcmp(access, "write") && strcmp(access, "none")))
		return kh_error_set(err, KH_EINVAL, "access", "access must be read, write or none");
	if ((rc = kh_store_begin(ctx->store, err)))
		return rc;
	if ((rc = kh_perm_customer_manage(ctx, customer_id, err)) ||
	    (rc = active_user(ctx, user_id, "user", NULL, err)) ||
	    (rc = kh_store_customer_access(ctx->store, customer_id, user_id, &ac, err)))
		goto out;
	if (ac.owner_id == user_id) {
		rc = kh_error_set(err, KH_ECONFLICT, "user", "user %lld owns this customer",
				  (long long)user_id);
		goto out;
	}
	changes = json_pack("{s:I, s:[ss]}", "user", (json_int_t)user_id, "access",
			    ac.share[0] ? ac.share : "none", access);
	if ((rc = kh_store_report_results_stale_customer(ctx->store, customer_id, err)) ||
	    (rc = kh_store_customer_share(ctx->store, customer_id, user_id,
					  strcmp(access, "none") ? access : NULL, err)) ||
	    (rc = kh_store_report_results_stale_customer(ctx->store, customer_id, err)) ||
	    (rc = kh_store_audit(ctx->store, ctx->actor.user_id, "share", "customer", customer_id,
				 changes, err)))
		goto out;
	rc = kh_store_commit(ctx->store, err);
out:
	if (rc)
		kh_store_rollback(ctx->store);
	json_decref(changes);
	return rc;
}

/* Into the pool: by hand (recall_from 0: who may is checked, a locked
 * customer refused) or by the sweep (the owner it found, reason). */
static int release(struct kh_ctx *ctx, int64_t customer_id, int64_t recall_from,
		   const char *reason, struct kh_error *err)
{
	struct kh_store_access ac;
	struct kh_store_pool_state st;
	int rc;

	if ((rc = kh_store_begin(ctx->store, err)))
		return rc;
	if ((!recall_from && (rc = kh_perm_customer_manage(ctx, customer_id, err))) ||
	    (rc = kh_store_customer_access(ctx->store, customer_id, 0, &ac, err)) ||
	    (rc = kh_store_pool_state(ctx->store, customer_id, &st, err)))
		goto out;
	if (ac.in_pool && !ac.owner_id) {
		rc = kh_error_set(err, KH_ECONFLICT, "customer", "customer %lld is already in the "
				  "pool", (long long)customer_id);
		goto out;
	}
	if (recall_from && recall_from != ac.owner_id) {
		rc = kh_error_set(err, KH_ECONFLICT, "customer", "customer %lld changed owner "
				  "during the sweep", (long long)customer_id);
		goto out;
	}
	if (!recall_from && st.locked) {
		rc = kh_error_set(err, KH_ECONFLICT, "customer", "customer %lld is locked: unlock "
				  "it before releasing it to the pool", (long long)customer_id);
		json_decref(ctx->error_detail);
		ctx->error_detail = json_pack("{s:s, s:s}", "rule", "pool.locked", "message_zh",
					      "客户已锁定，请先解锁再放入公海");
		goto out;
	}
	if ((rc = kh_store_report_results_stale_customer(ctx->store, customer_id, err)) ||
	    (rc = kh_store_customer_shares_clear(ctx->store, customer_id, err)) ||
	    (rc = set_owner(ctx, customer_id, ac.owner_id, 0, 0,
			    recall_from ? "pool_sweep" : "release", reason, err)) ||
	    (rc = kh_store_report_results_stale_customer(ctx->store, customer_id, err)))
		goto out;
	rc = kh_store_commit(ctx->store, err);
out:
	if (rc)
		kh_store_rollback(ctx->store);
	return rc;
}

int kh_customer_release(struct kh_ctx *ctx, int64_t customer_id, struct kh_error *err)
{
	return release(ctx, customer_id, 0, "release", err);
}

int kh_customer_recall(struct kh_ctx *ctx, int64_t customer_id, int64_t owner_id,
		       const char *reason, struct kh_error *err)
{
	if (ctx->actor.role != KH_ROLE_SYSTEM || owner_id <= 0)
		return kh_error_set(err, KH_EPERM, "customer", "only the pool sweep recalls "
				    "customers");
	return release(ctx, customer_id, owner_id, reason, err);
}

int kh_customer_claim(struct kh_ctx *ctx, int64_t customer_id, struct kh_error *err)
{
	struct kh_store_access ac;
	struct kh_store_pool_state st;
	int level, rc;

	if (!ctx->actor.user_id)
		return kh_error_set(err, KH_EINVAL, "customer", "only a user can claim customers");
	if ((rc = kh_store_begin(ctx->store, err)))
		return rc;
	if ((rc = kh_perm_customer(ctx, customer_id, false, &level, err)) ||
	    (rc = kh_store_customer_access(ctx->store, customer_id, 0, &ac, err)))
		goto out;
	if (!ac.in_pool || ac.owner_id) {
		rc = kh_error_set(err, KH_ECONFLICT, "customer", "customer %lld is not in the pool",
				  (long long)customer_id);
		goto out;
	}
	if ((rc = kh_perm_check_cap(ctx, ctx->actor.user_id, 1, err)) ||
	    (rc = kh_store_pool_state(ctx->store, customer_id, &st, err)) ||
	    (rc = kh_pool_claim_check(ctx, &st, err)) ||
	    (rc = set_owner(ctx, customer_id, 0, ctx->actor.user_id, ctx->actor.team_id, "claim",
			    "claim", err)) ||
	    (rc = kh_store_report_results_stale_customer(ctx->store, customer_id, err)))
		goto out;
	rc = kh_store_commit(ctx->store, err);
out:
	if (rc)
		kh_store_rollback(ctx->store);
	return rc;
}

/* ids: an array of 1..KH_BULK_MAX distinct positive integers. */
static int check_ids(json_t *ids, struct kh_error *err)
{
	size_t i, j, n = json_array_size(ids);

	if (!json_is_array(ids) || n == 0 || n > KH_BULK_MAX)
		return kh_error_set(err, KH_EINVAL, "ids", "ids must be a list of 1 to %d customer "
				    "ids", KH_BULK_MAX);
	for (i = 0; i < n; i++) {
		json_t *v = json_array_get(ids, i);

		if (!json_is_integer(v) || json_integer_value(v) < 1)
			return kh_error_set(err, KH_EINVAL, "ids", "ids[%zu] is not a customer id",
					    i);
		/* 500 x 500 comparisons at most: cheaper than sorting a copy. */
		for (j = 0; j < i; j++)
			if (json_integer_value(json_array_get(ids, j)) == json_integer_value(v))
				return kh_error_set(err, KH_EINVAL, "ids", "customer %lld is "
						    "listed twice",
						    (long long)json_integer_value(v));
	}
	return 0;
}

/* Prefix the error of one customer of a bulk call with its id. */
static int name_customer(int rc, int64_t id, struct kh_error *err)
{
	static const char *const args[] = {"to", "user", "access", "old_owner_access"};
	bool keep = false;

	if (!err)
		return rc;
	for (size_t i = 0; i < sizeof(args) / sizeof(args[0]); i++)
		keep = keep || strcmp(err->field, args[i]) == 0;
	if (!keep)
		snprintf(err->field, sizeof(err->field), "ids");
	err->code = rc;
	kh_error_prefix(err, "customer %lld: ", (long long)id);
	return rc;
}

enum bulk_op { BULK_TRANSFER, BULK_SHARE, BULK_RELEASE };

static int bulk(struct kh_ctx *ctx, enum bulk_op op, json_t *ids, int64_t user,
		const char *access, bool move_related, struct kh_error *err)
{
	size_t i;
	int64_t id = 0;
	int rc;

	if ((rc = check_ids(ids, err)))
		return rc;
	if (op == BULK_TRANSFER && access && strcmp(access, "none") && strcmp(access, "read") &&
	    strcmp(access, "write"))
		return kh_error_set(err, KH_EINVAL, "old_owner_access",
				    "old_owner_access must be none, read or write");
	if (op == BULK_SHARE && (!access || (strcmp(access, "read") && strcmp(access, "write") &&
					     strcmp(access, "none"))))
		return kh_error_set(err, KH_EINVAL, "access", "access must be read, write or none");
	if ((rc = kh_store_begin(ctx->store, err)))
		return rc;
	if (op != BULK_RELEASE &&
	    (rc = active_user(ctx, user, op == BULK_TRANSFER ? "to" : "user", NULL, err)))
		goto out;
	for (i = 0; i < json_array_size(ids); i++) {
		id = json_integer_value(json_array_get(ids, i));
		switch (op) {
		case BULK_TRANSFER:
			rc = kh_customer_transfer(ctx, id, user, access, move_related, err);
			break;
		case BULK_SHARE:
			rc = kh_customer_share(ctx, id, user, access, err);
			break;
		default:
			rc = kh_customer_release(ctx, id, err);
			break;
		}
		if (rc) {
			name_customer(rc, id, err);
			goto out;
		}
	}
	rc = kh_store_commit(ctx->store, err);
out:
	/* A failed single call has rolled the whole transaction back already;
	 * this one covers failures before the first. */
	if (rc)
		kh_store_rollback(ctx->store);
	return rc;
}

int kh_customers_transfer(struct kh_ctx *ctx, json_t *ids, int64_t to,
			  const char *old_owner_access, bool move_related, struct kh_error *err)
{
	return bulk(ctx, BULK_TRANSFER, ids, to, old_owner_access, move_related, err);
}

int kh_customers_share(struct kh_ctx *ctx, json_t *ids, int64_t user_id, const char *access,
		       struct kh_error *err)
{
	return bulk(ctx, BULK_SHARE, ids, user_id, access, false, err);
}

int kh_customers_release(struct kh_ctx *ctx, json_t *ids, struct kh_error *err)
{
	return bulk(ctx, BULK_RELEASE, ids, 0, NULL, false, err);
}

int kh_customer_owners(struct kh_ctx *ctx, int64_t customer_id, json_t **out,
		       struct kh_error *err)
{
	struct kh_store_access ac;
	json_t *shares = NULL;
	int level, rc;

	if ((rc = kh_perm_customer(ctx, customer_id, false, &level, err)) ||
	    (rc = kh_store_customer_access(ctx->store, customer_id, 0, &ac, err)) ||
	    (rc = kh_store_customer_shares(ctx->store, customer_id, &shares, err)))
		return rc;
	*out = json_pack("{s:o, s:b, s:o}", "owner",
			 ac.owner_id ? json_integer(ac.owner_id) : json_null(), "in_pool",
			 ac.in_pool, "shares", shares);
	return 0;
}
