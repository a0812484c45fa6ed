/*
 * ownership.h: who owns a customer (DOMAIN 9): transfer to a colleague,
 * share with read or write access, release to the public pool (公海) and
 * claim from it, each checked against the per-rep cap on owned customers
 * and recorded in owner_history and the audit log, in one transaction.
 */
#ifndef KH_OWNERSHIP_H
#define KH_OWNERSHIP_H

#include <jansson.h>
#include <stdbool.h>

#include "service/context.h"

/* Give customer_id to user to. old_owner_access ("none", "read", "write")
 * is what the previous owner keeps; with move_related the previous owner's
 * opportunities of this customer move too. */
int kh_customer_transfer(struct kh_ctx *ctx, int64_t customer_id, int64_t to,
			 const char *old_owner_access, bool move_related, struct kh_error *err);
/* Share with user_id: access "read" or "write", or "none" to stop sharing. */
int kh_customer_share(struct kh_ctx *ctx, int64_t customer_id, int64_t user_id,
		      const char *access, struct kh_error *err);
/* Put the customer into the public pool: no owner, no shares, no lock. A
 * locked customer is refused (KH_ECONFLICT): unlock it first. */
int kh_customer_release(struct kh_ctx *ctx, int64_t customer_id, struct kh_error *err);
/* The pool sweep's release (service/customers/pool.h): the system only,
 * of a customer still owned by owner_id, with reason in owner_history. */
int kh_customer_recall(struct kh_ctx *ctx, int64_t customer_id, int64_t owner_id,
		       const char *reason, struct kh_error *err);
/* Take a customer from the pool as the actor's own, within the owner cap
 * and the pool's claim rules (kh_pool_claim_check). */
int kh_customer_claim(struct kh_ctx *ctx, int64_t customer_id, struct kh_error *err);
/* The most customers one bulk call changes. */
#define KH_BULK_MAX 500

/* The same for many customers at once (ids: a JSON array of 1..KH_BULK_MAX
 * distinct customer ids), all or nothing in one transaction: the arguments
 * are checked first, then each customer as by the single call, in the
 * order given; the first failure rolls everything back and its message
 * starts with "customer <id>: " (field "ids", or the argument at fault). */
int kh_customers_transfer(struct kh_ctx *ctx, json_t *ids, int64_t to,
			  const char *old_owner_access, bool move_related, struct kh_error *err);
int kh_customers_share(struct kh_ctx *ctx, json_t *ids, int64_t user_id, const char *access,
		       struct kh_error *err);
int kh_customers_release(struct kh_ctx *ctx, json_t *ids, struct kh_error *err);

/* {"owner", "in_pool", "shares": [{"user", "access"}]} of a visible customer. */
int kh_customer_owners(struct kh_ctx *ctx, int64_t customer_id, json_t **out,
		       struct kh_error *err);

#endif
