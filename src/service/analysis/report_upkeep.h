/*
 * report_upkeep.h: the entity hooks that keep the stored dashboard results
 * (service/analysis/reports_stored.h) in step with the customer and opportunity
 * writes of service/entity.c, in the write's own transaction.
 */
#ifndef KH_SERVICE_REPORT_UPKEEP_H
#define KH_SERVICE_REPORT_UPKEEP_H

#include <jansson.h>
#include <stdint.h>

#include "service/context.h"

/* after_write of customers: the search keys and phones
 * (kh_search_index_customer), then the results whose scope held the
 * customer before (old: its former owner) and holds it now. */
int kh_report_upkeep_customer(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *row,
			      struct kh_error *err);
/* after_write of opportunities: the results of the customer it belonged
 * to and of the one it belongs to now. */
int kh_report_upkeep_opportunity(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *row,
				 struct kh_error *err);
/* after_write of products: the stored statistics, which name products and
 * group their sales by category, when a product's name, code or category
 * changed or it was deleted (a new one has no sales yet). */
int kh_report_upkeep_product(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *row,
			     struct kh_error *err);

#endif
