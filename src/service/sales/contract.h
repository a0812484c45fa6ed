/*
 * contract.h: contracts (合同, issue 13): a number from the pattern setting
 * contract.number_pattern (doc_number.h), a customer, optionally its
 * opportunity, lines of products like an order's, a discount (percent with
 * two decimals, stored as basis points: 12.50 % = 1250), the total (the
 * lines less the discount, rounded to the fen; entered when there are no
 * lines), dates, signers, and approval (approval.h). Approval creates the
 * contract's one order (orders.contract_id), in the same transaction: the
 * order is the contract's revenue record, which the analytics and the won
 * day of the customer read; cancelling an approved contract cancels it.
 */
#ifndef KH_CONTRACT_H
#define KH_CONTRACT_H

#include <jansson.h>
#include <stdint.h>

#include "service/context.h"

/* input: a contract object as for kh_entity_create, plus optional "lines"
 * as an order's (order.h). With "opportunity" and without "customer", the
 * opportunity's customer, name and amount (as the total, without lines)
 * fill what is not given. */
int kh_contract_create(struct kh_ctx *ctx, json_t *input, int64_t *id, struct kh_error *err);
/* kh_entity_update, and "lines" (if given) replace the lines; the total
 * follows the lines and the discount. */
int kh_contract_update(struct kh_ctx *ctx, int64_t id, json_t *input, struct kh_error *err);
/* The contract with its "lines", its "order" (id or null) and "remaining":
 * the total less the receipts in review or approved. */
int kh_contract_get(struct kh_ctx *ctx, int64_t id, json_t **out, struct kh_error *err);
/* verb: submit, approve, reject, cancel (approval.h); body NULL or
 * {"comment"}. */
int kh_contract_act(struct kh_ctx *ctx, int64_t id, const char *verb, json_t *body,
		    struct kh_error *err);

/* Hooks of the contract entity (fields.c). */
int kh_contract_check_write(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *cols,
			    struct kh_error *err);
int kh_contract_after_write(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *row,
			    struct kh_error *err);

#endif
