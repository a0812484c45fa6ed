/*
 * demo.h: realistic demo data: Chinese company and person names with a
 * census-like surname mix, regions, industries, products, teams and reps,
 * three years of orders with heterogeneous sizes and timing (a few large
 * accounts, a long tail, irregular repeat buying, churn), visits and calls,
 * opportunities, contacts with roles and birthdays. Deterministic per seed.
 */
#ifndef KH_DEMO_H
#define KH_DEMO_H

#include <stdint.h>
#include <stdio.h>

#include "service/context.h"

#define KH_DEMO_MAX_CUSTOMERS 10000000

struct kh_demo_stats {
	int64_t customers, contacts, orders, order_lines, activities, opportunities, users;
};

/* Fill an empty database with n customers drawn with seed. progress, if not
 * NULL, is called now and then with the customers done so far. The
 * customers' metrics rows are left to `kehu analyze` (kh_analyze_run), which
 * writes every one of them; run it next. */
int kh_demo_generate(struct kh_ctx *ctx, int64_t n, uint64_t seed,
		     void (*progress)(int64_t done, int64_t total, void *arg), void *arg,
		     struct kh_demo_stats *stats, struct kh_error *err);

#endif
