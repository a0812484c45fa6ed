/* metrics.h: the customer_metrics rows (store side). */
#ifndef KH_STORE_METRICS_H
#define KH_STORE_METRICS_H

#include "store/store.h"

/* Recompute the aggregates of one customer as of today ("YYYY-MM-DD");
 * orders without a cost count default_margin of their amount as profit. */
int kh_store_metrics_refresh(struct kh_store *st, int64_t customer_id, const char *today,
			     double default_margin, struct kh_error *err);
/* The metrics row of a customer (a new object), or KH_ENOTFOUND with *out NULL. */
int kh_store_metrics_get(struct kh_store *st, int64_t customer_id, json_t **out,
			 struct kh_error *err);

/* Refresh every live customer's row (after a bulk load). */
int kh_store_metrics_refresh_all(struct kh_store *st, const char *today, double default_margin,
				 struct kh_error *err);

#endif
