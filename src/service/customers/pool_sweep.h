/*
 * pool_sweep.h: the sweep of the pool rules (pool.h): every due customer
 * read from the rules' partial indexes (store/customers/pool.h) and moved
 * to the pool through ownership.h, a batch per transaction.
 */
#ifndef KH_POOL_SWEEP_H
#define KH_POOL_SWEEP_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "service/context.h"

/* Customers moved (or, dry, that would be) per transaction of a sweep. */
#define KH_POOL_SWEEP_BATCH 500

/* Move every due customer to the pool (dry_run: only list them), as the
 * system: owner history reason "超过 N 天未跟进自动进入公海" or "超过 M 天未成交
 * 自动进入公海", audit action "pool_sweep". *out: {"dry_run", "moved": n,
 * "customers": [{"id", "owner", "rule", "reason"}]} (at most list_max
 * listed; n counts all). */
int kh_pool_sweep(struct kh_ctx *ctx, bool dry_run, size_t list_max, json_t **out,
		  struct kh_error *err);

#endif
