/*
 * bulk.h: writing many new rows at once, for the demo generator: typed rows
 * in batches, bound to statements prepared once, with no JSON in between.
 * The rows of a batch refer to each other by their position in the batch
 * (0-based); the store turns positions into ids as it writes, from the next
 * free id of each table, so the ids are those the rows would get one by one,
 * and a writer between two batches only moves them on.
 */
#ifndef KH_STORE_BULK_H
#define KH_STORE_BULK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* Texts are borrowed until kh_store_bulk_insert returns; NULL is SQL NULL.
 * Dates are days since 1970-01-01. Ids of existing rows (users, teams,
 * products) are ids; 0 is NULL. */
struct kh_bulk_customer {
	const char *name, *region, *segment, *source, *size, *nature, *phone, *address;
	int32_t founded_on;
	bool key_account, in_pool;
	int64_t owner_id, team_id;
	/* key accounts (NULL and 0 for the others) */
	const char *grade, *decision_process, *decision_maker_background;
	int64_t visit_cadence_days, purchase_budget_fen;
};

struct kh_bulk_contact {
	size_t customer;   /* position in the batch's customers */
	ptrdiff_t boss;    /* reports_to: position in the batch's contacts, or -1 */
	const char *name, *gender, *title, *mobile, *purchase_role, *decision_level;
	const char *email; /* NULL for none */
	int32_t birthday;
};

struct kh_bulk_order {
	size_t customer;
	int32_t order_date;
	int64_t amount_fen, cost_fen, owner_id;
	const char *status;
};

struct kh_bulk_order_line {
	size_t order;
	int64_t product_id, quantity, unit_price_fen, cost_fen; /* amount = quantity * price */
};

/* created_at is the order's date, as an invoice is dated. */
struct kh_bulk_payment {
	size_t order, customer;
	int64_t amount_fen;
	int32_t due_date, paid_date;
	bool paid;
};

struct kh_bulk_activity {
	size_t customer, contact;
	int64_t user_id;
	const char *kind, *status, *subject, *outcome, *next_step, *purpose, *method;
	int32_t activity_date, next_date;
};

struct kh_bulk_opportunity {
	size_t customer;
	const char *name, *stage;
	int64_t amount_fen, probability, followup_count, owner_id;
	int32_t expected_close;
};

/* A phone index entry of a customer (contact < 0) or one of its contacts. */
struct kh_bulk_phone {
	size_t customer;
	ptrdiff_t contact;
	const char *number;
};

/* A search key of a customer or contact (kind: enum kh_search_kind, pos:
 * its position among the batch's customers or contacts). Written in the
 * order given: sorted by key, neighbouring keys share their B-tree pages. */
struct kh_bulk_search_key {
	const char *key;
	size_t len; /* of key, in bytes */
	int kind;
	size_t pos;
};

struct kh_bulk_batch {
	const struct kh_bulk_customer *customers;
	size_t ncustomers;
	const struct kh_bulk_contact *contacts;
	size_t ncontacts;
	const struct kh_bulk_order *orders;
	size_t norders;
	const struct kh_bulk_order_line *lines;
	size_t nlines;
	const struct kh_bulk_payment *payments;
	size_t npayments;
	const struct kh_bulk_activity *activities;
	size_t nactivities;
	const struct kh_bulk_opportunity *opportunities;
	size_t nopportunities;
	const struct kh_bulk_phone *phones;
	size_t nphones;
	const struct kh_bulk_search_key *keys;
	size_t nkeys;
};

/* Write every row of b inside the caller's transaction (kh_store_begin).
 * On failure the caller rolls back. */
int kh_store_bulk_insert(struct kh_store *st, const struct kh_bulk_batch *b,
			 struct kh_error *err);

/* A bulk load into a new database, from start to finish: the connection
 * writes without fsync (synchronous=OFF: the process can die at any point
 * and lose no committed batch, as WAL stays on; only a crash of the machine
 * can corrupt the file, which then holds nothing but the load and is thrown
 * away) and without foreign key checks (every row refers to rows the load
 * wrote before), and the secondary indexes of the loaded tables that rows
 * would enter in random order (all but those led by customer_id or order_id,
 * which grow at their end as batches come in customer order) are dropped,
 * to be built once from the finished tables; so are the list counts'
 * triggers (store/counts.h), the counts recomputed at the end (and by the
 * next kh_store_open if the load stopped). A load that is killed leaves
 * whole batches without those indexes: throw the file away. */
struct kh_store_bulk;

/* Begin a bulk load on st, outside a transaction. *out is owned by the
 * caller: kh_store_bulk_finish. */
int kh_store_bulk_start(struct kh_store *st, struct kh_store_bulk **out, struct kh_error *err);
/* End it, outside a transaction, whether the load succeeded or not: build
 * the dropped indexes again, count the lists and restore the settings of kh_store_open.
 * Frees bulk (NULL is accepted). */
int kh_store_bulk_finish(struct kh_store_bulk *bulk, struct kh_error *err);

#endif
