/*
 * merge.h: the rows of one customer moved onto another (a merge of two
 * records of the same company). Only the rows: the service layer
 * (service/customers/merge.c) checks who may, merges the fields, keeps the
 * indexes and the audit log, all in one transaction it opens.
 */
#ifndef KH_STORE_CUSTOMER_MERGE_H
#define KH_STORE_CUSTOMER_MERGE_H

#include <stdint.h>

#include "base/error.h"
#include "store/store.h"

/* The tables whose rows hang off a customer and move in a merge, in the
 * order of kh_store_customer_move_rows's counts. */
enum kh_merge_table {
	KH_MERGE_CONTACTS,
	KH_MERGE_ORDERS,
	KH_MERGE_PAYMENTS,
	KH_MERGE_CONTRACTS,
	KH_MERGE_RECEIVABLES,
	KH_MERGE_ACTIVITIES,
	KH_MERGE_OPPORTUNITIES,
	KH_MERGE_TASKS,
	KH_MERGE_IMPORTANT_DATES,
	KH_MERGE_COMPETITORS,
	KH_MERGE_OWNER_HISTORY,
	KH_MERGE_NTABLES,
};

/* The name the API gives table t's rows ("contacts", "orders", ...). */
const char *kh_store_merge_table_name(enum kh_merge_table t);

/* How many rows (live or deleted) of each table belong to customer_id. */
int kh_store_customer_count_rows(struct kh_store *st, int64_t customer_id,
				 int64_t counts[KH_MERGE_NTABLES], struct kh_error *err);

/* Move every row (live or deleted) of from's contacts, orders, payment plans, contracts, receipts,
 * activities, opportunities, tasks, dates, competitors and owner history,
 * and its contacts' phones and duplicate keys, to customer into; from's own phone entries and
 * metrics row are removed (the caller re-indexes into and refreshes its
 * metrics). moved[t] receives the rows moved per table. */
int kh_store_customer_move_rows(struct kh_store *st, int64_t from, int64_t into,
				int64_t moved[KH_MERGE_NTABLES], struct kh_error *err);

/* Record that from was merged into into (customers.merged_into). */
int kh_store_customer_mark_merged(struct kh_store *st, int64_t from, int64_t into,
				  struct kh_error *err);

#endif
