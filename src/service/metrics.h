/*
 * metrics.h: keeping customer_metrics current. A change to a customer's
 * orders, payments or activities refreshes that customer's row at once;
 * classifications that compare customers with each other (ABC, grid cut
 * points, quadrants) are redone by `kehu analyze`.
 */
#ifndef KH_SERVICE_METRICS_H
#define KH_SERVICE_METRICS_H

#include "service/context.h"

int kh_metrics_refresh_customer(struct kh_ctx *ctx, int64_t customer_id, struct kh_error *err);


#endif
