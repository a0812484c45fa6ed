/*
 * statistics.h: the reads behind the 7P statistics
 * (service/analysis/statistics.c): sales of a period grouped by product
 * category, order channel or customer region; the customers of a scope by
 * the month their record was made with its segment and source, and by the
 * month of their first order; the profile columns of a scope; the product
 * lines of the orders of a period (the baskets of market-basket
 * analysis); the products; the products one customer bought. Every read
 * takes the data scope the permission layer worked out (NULL = every
 * customer) and never reads a customer outside it. Deleted customers and
 * orders are skipped, cancelled orders too. Dates are "YYYY-MM-DD",
 * periods inclusive at both ends.
 */
#ifndef KH_STORE_STATISTICS_H
#define KH_STORE_STATISTICS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

enum kh_stat_group { KH_STAT_CATEGORY = 0, KH_STAT_CHANNEL, KH_STAT_REGION };

/* Sales of the orders dated from..to, by group: *out a new array of
 * {"key" (text or null: none), "orders", "customers", "revenue_fen",
 * "profit_fen"}, the largest revenue first. By category an order's lines
 * count by their product's category (an order without lines under null);
 * by channel the order's channel; by region its customer's. Orders and
 * lines without a cost count default_margin of their amount as profit. */
int kh_store_stat_sales(struct kh_store *st, const struct kh_scope *scope,
			enum kh_stat_group group, const char *from, const char *to,
			double default_margin, json_t **out, struct kh_error *err);

/* The live customers of scope whose record was made before the day after
 * `to`, counted by the month it was made, segment and source: *out a new
 * array of {"month" ("YYYY-MM"), "segment", "source" (text or null), "n"}. */
int kh_store_stat_records(struct kh_store *st, const struct kh_scope *scope, const char *to,
			  json_t **out, struct kh_error *err);

/* The customers of scope whose first (live, not cancelled) order is dated
 * from..to, by its month: *out a new array of {"month", "n"}, oldest first. */
int kh_store_stat_first_orders(struct kh_store *st, const struct kh_scope *scope,
			       const char *from, const char *to, json_t **out,
			       struct kh_error *err);

/* The live customers of scope by grade, segment and nature: *out a new
 * array of {"grade", "segment", "nature" (text or null), "n"}. */
int kh_store_stat_profile(struct kh_store *st, const struct kh_scope *scope, json_t **out,
			  struct kh_error *err);

/* The product ids of the lines of the orders dated from..to, order by
 * order: order k's are (*items)[(*start)[k] .. (*start)[k + 1]), *start
 * having *n + 1 entries; both arrays the caller's to free. */
int kh_store_stat_baskets(struct kh_store *st, const struct kh_scope *scope, const char *from,
			  const char *to, int64_t **items, size_t **start, size_t *n,
			  struct kh_error *err);

/* Every product, deleted ones too (old orders name them): *out a new array
 * of {"id", "name", "code", "category"} by id. */
int kh_store_stat_products(struct kh_store *st, json_t **out, struct kh_error *err);

/* The distinct products of the live, not cancelled orders of customer_id
 * into a new array *ids[0..*n) (the caller frees). */
int kh_store_stat_customer_products(struct kh_store *st, int64_t customer_id, int64_t **ids,
				    size_t *n, struct kh_error *err);

#endif
