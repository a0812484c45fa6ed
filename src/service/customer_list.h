/*
 * customer_list.h: what the customer list offers beyond the field registry:
 * filters and sorts over the derived metrics (customer_metrics, written by
 * `kehu analyze` and every order change) and the compact metrics each list
 * item carries. The names and values are those of analytics/ (ABC classes,
 * grid tiers, lifecycle and loyalty stages), so the list and the reports
 * cannot disagree.
 */
#ifndef KH_CUSTOMER_LIST_H
#define KH_CUSTOMER_LIST_H

#include <jansson.h>

#include "base/error.h"
#include "store/store.h"

/* The filter for query argument name ("abc_class", "grid_tier",
 * "lifecycle", "loyalty") with value v: one value, several separated by
 * commas ("A,B"), or "none" alone (no class yet). On success *f is filled
 * (its column is "m.<column>") and *value is a new reference that f->value
 * borrows. KH_ENOTFOUND (err untouched) when name is no metrics filter;
 * KH_EINVAL naming name for a value that is not one of the classes. */
int kh_customer_list_filter(const char *name, json_t *v, struct kh_store_filter *f,
			    json_t **value, struct kh_error *err);

/* The customer_metrics column ("m.clv_fen") the list sorts by for name
 * ("revenue_12m", "profit_12m", "clv", "p_alive", "last_order",
 * "last_contact"), or NULL. */
const char *kh_customer_list_sort(const char *name);

/* The names of the metrics filters and sorts, i = 0.. until NULL: what the
 * list documents, enumerated for the query-plan test; *value receives one
 * value the filter takes. */
const char *kh_customer_list_filter_name(size_t i, const char **value);
const char *kh_customer_list_sort_name(size_t i);

/* The "metrics" of a list row as the API shows it: {abc_class, grid_tier,
 * lifecycle, loyalty, p_alive, clv, revenue_12m, last_order, last_contact},
 * money as yuan strings; null when m is null. A new reference. */
json_t *kh_customer_list_metrics(json_t *m);

#endif
