/*
 * counts.h (store-internal): exact list totals kept by the writes. The table
 * list_counts holds, per listed table, the number of live rows for every
 * (dim, val, holder, pool): dim '' counts all rows, another dim the rows
 * with one value of a column (or of a pair, "kind,status" with val
 * "visit,done"); holder and pool are the data-scope key of the row's
 * customer (its owner, 0 for nobody, -1 for a deleted or missing customer;
 * a task without a customer is held by its user) and whether that customer
 * is in the pool. A total for an admin is then a sum over the holders, for a
 * rep a sum over the holders in the scope plus the pool, and the few
 * customers shared with the rep are counted from customer_team.
 *
 * Triggers keep the rows in step with every write (insert, update of a
 * counted column, soft delete, restore, hard delete, and a customer's owner,
 * pool or deletion moving its rows' counts), so no write path can forget
 * them. A bulk load drops them and rebuilds (kh_store_counts_install).
 */
#ifndef KH_STORE_COUNTS_H
#define KH_STORE_COUNTS_H

#include <stdbool.h>

#include "store/store.h"

struct kh_counted {
	const char *table;
	bool self;                 /* customers: keyed by the row's own owner and pool */
	const char *user_column;   /* a row without a customer is held by this user, or NULL */
	const char *const *dims;   /* counted columns ("a,b": the pair), NULL-terminated */
};

/* The counted table of that name, or NULL. */
const struct kh_counted *kh_counts_spec(const char *table);

/* Are the triggers there? *ok false when not (a new database, or a bulk
 * load that stopped half-way). */
int kh_store_counts_installed(struct kh_store *st, bool *ok, struct kh_error *err);
/* Drop the triggers (a bulk load writes many rows and rebuilds after). */
int kh_store_counts_drop(struct kh_store *st, struct kh_error *err);
/* Create the triggers if missing and recompute every count from the rows.
 * Run inside a write transaction. */
int kh_store_counts_install(struct kh_store *st, struct kh_error *err);

#endif
