/*
 * order.h: orders with their lines. An order may be entered as a total
 * (amount, cost) or as lines of products; lines fill in the amount and the
 * cost from the product's unit price and unit cost when not given.
 */
#ifndef KH_ORDER_H
#define KH_ORDER_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "service/context.h"
#include "store/sales/contracts.h"

#define KH_ORDER_LINES_MAX 500

/* One order (or contract) line: product, quantity, unit price, and the
 * cost from the product's unit cost (-1: the product has none). */
struct kh_order_line {
	int64_t product_id, quantity, unit_price_fen, cost_fen;
};

/* Lines jl (a JSON array of {"product", "quantity", "unit_price"}, or NULL)
 * checked and priced into lines (room for KH_ORDER_LINES_MAX): *n of them,
 * *total their sum, *cost the sum of their costs or -1 when a product has
 * no unit cost. Errors name "lines" or "lines[i]...". */
int kh_order_lines_parse(struct kh_ctx *ctx, json_t *jl, struct kh_order_line *lines, size_t *n,
			 int64_t *total, int64_t *cost, struct kh_error *err);
/* Create the order input (its amount and cost as given: a contract's
 * order holds the discounted total) with lines already checked, in one
 * transaction; *id the new order. */
int kh_order_create_with(struct kh_ctx *ctx, json_t *input, const struct kh_order_line *lines,
			 size_t n, int64_t *id, struct kh_error *err);

/* input is an order object as for kh_entity_create, plus an optional
 * "lines": [{"product": id, "quantity": n, "unit_price": "12.50"}, ...]. */
int kh_order_create(struct kh_ctx *ctx, json_t *input, int64_t *id, struct kh_error *err);

/* An order with lines has the amount they add up to: KH_EINVAL naming
 * "amount" when amount (input: a string or number) disagrees with
 * lines_fen; 0 when it agrees or is no amount at all (reported elsewhere). */
int kh_order_check_amount(json_t *amount, int64_t lines_fen, struct kh_error *err);
/* check_update of the order entity: a new amount_fen in cols must be what
 * the stored lines of order order_id add up to (no lines: any amount). */
int kh_order_check_update(struct kh_ctx *ctx, int64_t order_id, json_t *cols,
			  struct kh_error *err);

/* Lines already checked, replacing the lines of contract or opportunity id
 * (of: whose), in the caller's transaction. */
int kh_doc_lines_put(struct kh_ctx *ctx, enum kh_lines_of of, int64_t id,
		     const struct kh_order_line *lines, size_t n, struct kh_error *err);
/* Stored lines (kh_store_doc_lines) as the input kh_order_lines_parse
 * takes, to copy them onto another document: a new array. */
json_t *kh_doc_lines_input(json_t *stored);

/* The order with its "lines". */
int kh_order_get(struct kh_ctx *ctx, int64_t id, json_t **out, struct kh_error *err);

#endif
