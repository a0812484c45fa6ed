/*
 * pool.h: the store side of the self-running pool (公海规则, issue 13): the
 * won flag and the follow-up clock kept on each customer, the sweep's index
 * range of due customers, the lock count and the daily claim counter. The
 * service (service/customers/pool.h) decides what to do with them.
 */
#ifndef KH_STORE_CUSTOMER_POOL_H
#define KH_STORE_CUSTOMER_POOL_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/error.h"
#include "store/store.h"
#include "store/work/followups.h"

/* The customers the sweep may move: owned, unlocked, never won. Both pool
 * indexes are partial on exactly this, and the sweep's queries repeat it. */
#define KH_STORE_POOL_SWEEPABLE                                                 \
	"deleted_at IS NULL AND owner_id IS NOT NULL AND locked = 0 AND won_on IS NULL"

/* The columns of a pool index: its clock, the keyset's id, then every other
 * column the sweep's query reads, so that it reads the index alone (SQLite
 * 3.40 does not count a partial index's own condition as covered). */
#define KH_STORE_POOL_INDEX(CLOCK, OTHER)                                       \
	"(" CLOCK ", id, owner_id, " OTHER ", locked, won_on, deleted_at)"

/* The one place that decides "won" (成交): the day of the customer's first
 * deal, a live order that is not cancelled or an opportunity in stage won
 * (its closed_on, else the day it was last written); NULL when none. A
 * contracts table adds its approved contracts here. X: the customer id.
 * The stage is compared through COALESCE so that the planner takes the
 * customer's index, not the stage index (every won opportunity, for each
 * customer: hours at 1M customers). */
#define KH_STORE_POOL_WON(X)                                                    \
	"(SELECT MIN(w.d) FROM (SELECT MIN(o.order_date) AS d FROM orders o"        \
	" WHERE o.customer_id = " X " AND o.deleted_at IS NULL"                      \
	" AND o.status <> 'cancelled' UNION ALL SELECT MIN(COALESCE(p.closed_on,"    \
	" substr(p.updated_at, 1, 10))) FROM opportunities p"                       \
	" WHERE p.customer_id = " X " AND p.deleted_at IS NULL"                      \
	" AND COALESCE(p.stage, '') = 'won') w)"

/* The follow-up clock: the later of owner_since and the customer's latest
 * follow-up (what store/work/followups.h calls one) up to day TODAY (a placeholder or a
 * literal). */
#define KH_STORE_POOL_CLOCK(X, TODAY)                                           \
	"(SELECT MAX(k.d) FROM (SELECT customers.owner_since AS d UNION ALL"         \
	" SELECT MAX(a.activity_date) FROM activities a WHERE a.customer_id = " X     \
	" AND " KH_STORE_FOLLOWUP_WHERE " AND a.activity_date <= " TODAY ") k)"

/* The first fill of owner_since, won_on and contact_clock from the rows
 * (the migration's, and kh_store_pool_fill's after a bulk load): the
 * owner's clock starts at their latest arrival in owner_history, else when
 * the customer was created (created with its owner). Each is one
 * statement without the ';'. */
#define KH_STORE_POOL_OWNER_FILL                                                \
	"UPDATE customers SET owner_since = COALESCE((SELECT substr(MAX(h.at), 1, 10)" \
	" FROM owner_history h WHERE h.customer_id = customers.id"                   \
	" AND h.to_user = customers.owner_id), substr(customers.created_at, 1, 10))" \
	" WHERE owner_id IS NOT NULL AND owner_since IS NULL"
#define KH_STORE_POOL_WON_FILL                                                  \
	"UPDATE customers SET won_on = " KH_STORE_POOL_WON("customers.id")
#define KH_STORE_POOL_CLOCK_FILL                                                \
	"UPDATE customers SET contact_clock = "                                     \
	KH_STORE_POOL_CLOCK("customers.id", "'9999-12-31'") " WHERE owner_id IS NOT NULL"

/* The three fills, for rows written without the entity hooks (the demo's
 * bulk load). */
int kh_store_pool_fill(struct kh_store *st, struct kh_error *err);

/* What the pool rules read of one customer. Dates "YYYY-MM-DD" or "". */
struct kh_store_pool_state {
	int64_t owner_id;      /* 0: none */
	bool in_pool;
	bool locked;
	char owner_since[11];
	char contact_clock[11];
	char won_on[11];
	int64_t prev_owner_id; /* who had it before the pool, 0: nobody known */
	char pool_since[11];
};

int kh_store_pool_state(struct kh_store *st, int64_t customer_id,
			struct kh_store_pool_state *out, struct kh_error *err);

/* Work won_on and contact_clock out again for customer_id after a write to
 * its orders, opportunities or activities; today: "YYYY-MM-DD". */
int kh_store_pool_refresh(struct kh_store *st, int64_t customer_id, const char *today,
			  struct kh_error *err);

/* Set or clear the lock. */
int kh_store_pool_lock(struct kh_store *st, int64_t customer_id, bool locked,
		       struct kh_error *err);
/* How many live customers owner_id owns locked. */
int kh_store_pool_locked_count(struct kh_store *st, int64_t owner_id, int64_t *n,
			       struct kh_error *err);

/* Claims of user_id on day, and one more. */
int kh_store_pool_claims(struct kh_store *st, int64_t user_id, const char *day, int64_t *n,
			 struct kh_error *err);
int kh_store_pool_claims_add(struct kh_store *st, int64_t user_id, const char *day,
			     struct kh_error *err);

enum kh_pool_rule {
	KH_POOL_RULE_CONTACT = 0, /* contact_clock before the cut: no follow-up for N days */
	KH_POOL_RULE_DEAL,        /* owner_since before the cut: no deal for M days */
};

/* Up to limit sweepable customers whose rule clock is before cut, in clock
 * order after (after_clock, after_id) ("" and 0: from the start), read from
 * the rule's partial index alone: a new array of {"id", "owner_id",
 * "owner_since", "contact_clock"}. */
int kh_store_pool_due(struct kh_store *st, enum kh_pool_rule rule, const char *cut,
		      const char *after_clock, int64_t after_id, int limit, json_t **rows,
		      struct kh_error *err);

/* The pool warning list (待进入公海的客户, the customer list's pool_within,
 * store/list.c): the customers (table alias T) among the sweepable ones
 * whose follow-up clock is on or before :pw_contact or whose owner_since is
 * on or before :pw_deal (the sweep's cuts moved K days on; NULL for a rule
 * that is off, which then matches nothing). One range of its rule's partial
 * index each (customers_pool_contact_clock, customers_pool_owner_clock),
 * unioned, so the list reads the due customers and no other. */
#define KH_STORE_POOL_WITHIN(T)                                                 \
	T ".id IN (SELECT id FROM customers WHERE " KH_STORE_POOL_SWEEPABLE         \
	" AND contact_clock <= :pw_contact UNION ALL SELECT id FROM customers"       \
	" WHERE " KH_STORE_POOL_SWEEPABLE " AND owner_since <= :pw_deal)"
/* Its sort: the day the customer is due, the earlier of its rules' (each
 * :pw_*_days a "+N days" modifier, NULL when off). As a sort "column" the
 * list names it KH_STORE_POOL_DUE_SORT. */
#define KH_STORE_POOL_DUE(T)                                                    \
	"min(coalesce(date(" T ".contact_clock, :pw_contact_days), '9999-12-31'),"   \
	" coalesce(date(" T ".owner_since, :pw_deal_days), '9999-12-31'))"
#define KH_STORE_POOL_DUE_SORT "kh__pool_due"

/* The cuts and day counts a pool_within list binds; "" for a rule that is
 * off. */
struct kh_store_pool_window {
	char contact_cut[11], deal_cut[11];
	int64_t contact_days, deal_days;
};

/* Bind w's named parameters of KH_STORE_POOL_WITHIN and KH_STORE_POOL_DUE in s
 * (those s does not have are skipped). */
void kh_store_pool_window_bind(sqlite3_stmt *s, const struct kh_store_pool_window *w);

#endif
