/*
 * contracts.h: the store side of contracts, payment plans and receipts
 * (合同, 回款计划, 回款; service/sales/contract.h, receivable.h): the daily
 * sequence of document numbers, a contract's (and an opportunity's) lines,
 * and the sums the receipt rules read. The rows themselves go through the generic rows
 * (store.h).
 */
#ifndef KH_STORE_CONTRACTS_H
#define KH_STORE_CONTRACTS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

/* The highest sequence number of the numbers of table ("contracts" or
 * "receivables") that are prefix followed by exactly digits digits and then
 * suffix (live or deleted: a number is never given twice); 0 when none.
 * Run inside the write transaction of the insert that takes the next. */
int kh_store_doc_number_max(struct kh_store *st, const char *table, const char *prefix,
			    int digits, const char *suffix, int64_t *max, struct kh_error *err);

/* Is number taken by a row of table ("contracts" or "receivables"), live
 * or deleted? */
int kh_store_doc_number_taken(struct kh_store *st, const char *table, const char *number,
			      bool *taken, struct kh_error *err);

/* Whose lines: a contract's (contract_lines) or an opportunity's
 * (opportunity_lines, 商机产品明细); both have the same shape. */
enum kh_lines_of { KH_LINES_CONTRACT, KH_LINES_OPPORTUNITY };

/* The lines of a contract or an opportunity (doc_id) as [{"id",
 * "product_id", "product_name", "quantity", "unit_price_fen",
 * "amount_fen"}], by id: a new array. */
int kh_store_doc_lines(struct kh_store *st, enum kh_lines_of of, int64_t doc_id, json_t **out,
		       struct kh_error *err);
/* Add one line (amount = quantity × unit price, checked by the service). */
int kh_store_doc_line_add(struct kh_store *st, enum kh_lines_of of, int64_t doc_id,
			  int64_t product_id, int64_t quantity, int64_t unit_price_fen,
			  int64_t amount_fen, struct kh_error *err);
/* Remove every line of doc_id (its lines are replaced as a whole). */
int kh_store_doc_lines_clear(struct kh_store *st, enum kh_lines_of of, int64_t doc_id,
			     struct kh_error *err);
/* The sum of doc_id's lines (*sum) and their number (*n). */
int kh_store_doc_lines_sum(struct kh_store *st, enum kh_lines_of of, int64_t doc_id,
			   int64_t *sum, int64_t *n, struct kh_error *err);

/* The sum of the live receipts of contract_id in review or approved, but
 * receipt except_id (0: none). */
int kh_store_receipts_committed(struct kh_store *st, int64_t contract_id, int64_t except_id,
				int64_t *sum, struct kh_error *err);
/* The number of live receipts of contract_id; active_only: only
 * those in review or approved. */
int kh_store_receipts_count(struct kh_store *st, int64_t contract_id, bool active_only,
			    int64_t *n, struct kh_error *err);
/* The sum of the live approved receipts of plan plan_id and the latest of
 * their received dates (last: "YYYY-MM-DD" or ""). */
int kh_store_plan_received(struct kh_store *st, int64_t plan_id, int64_t *sum,
			   char last[11], struct kh_error *err);
/* The id of contract_id's order (0: none). */
int kh_store_contract_order(struct kh_store *st, int64_t contract_id, int64_t *order_id,
			    struct kh_error *err);

#endif
