/*
 * opportunity.h: an opportunity's product lines (商机产品明细, yudao
 * crm_business_product). Lines are optional and have an order's shape and
 * checks (order.h); with lines the opportunity's amount is their sum. The
 * lines are read and written with the opportunity's own permissions, in
 * the opportunity's transaction. The stage rules are stage.h's.
 */
#ifndef KH_OPPORTUNITY_H
#define KH_OPPORTUNITY_H

#include <jansson.h>
#include <stdint.h>

#include "service/context.h"

/* input: an opportunity as for kh_entity_create, plus optional "lines"
 * [{"product", "quantity", "unit_price"}]: the amount becomes their sum
 * (an amount given that disagrees: KH_EINVAL naming "amount"). */
int kh_opportunity_create(struct kh_ctx *ctx, json_t *input, int64_t *id, struct kh_error *err);
/* kh_entity_update; "lines" (if given) replace the lines, and the amount
 * follows them when there are any. One transaction. */
int kh_opportunity_update(struct kh_ctx *ctx, int64_t id, json_t *input, struct kh_error *err);
/* The opportunity with its "lines" [{"id", "product_id", "product_name",
 * "quantity", "unit_price", "amount"}]. */
int kh_opportunity_get(struct kh_ctx *ctx, int64_t id, json_t **out, struct kh_error *err);

/* check_write part of the opportunity entity: a new amount_fen in cols of
 * an opportunity with lines must be their sum (KH_EINVAL naming "amount"). */
int kh_opportunity_check_lines(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *cols,
			       struct kh_error *err);

#endif
