/* view.h: aggregate reads for the 360-degree view (store side). */
#ifndef KH_STORE_VIEW_H
#define KH_STORE_VIEW_H

#include "store/store.h"

/* Products a customer bought, with quantity, amount and last date. */
int kh_store_products_bought(struct kh_store *st, int64_t customer_id, json_t **out,
			     struct kh_error *err);
/* The lines of one order with product names. */
int kh_store_order_lines(struct kh_store *st, int64_t order_id, json_t **out,
			 struct kh_error *err);
/* The lines of the orders whose ids are in the JSON array ids, each with
 * its order_id, in one query. */
int kh_store_order_lines_of(struct kh_store *st, json_t *ids, json_t **out,
			    struct kh_error *err);
/* Add a line; cost_fen < 0 means unknown. amount = quantity * unit price. */
int kh_store_order_line_add(struct kh_store *st, int64_t order_id, int64_t product_id,
			    int64_t quantity, int64_t unit_price_fen, int64_t cost_fen,
			    struct kh_error *err);

#endif
