/*
 * pool.h: the pool runs itself (公海规则, issue 13; the rules of yudao and
 * 悟空CRM in shared/research/cn-crm-rules.md §2-3). An owned customer goes
 * to the pool when its owner has not followed it up for
 * pool.release_after_days (N) days or not won it in pool.deal_after_days
 * (M) days, both counted from the day the owner got it; locked (锁定) and
 * won (成交) customers never go. Claims are capped per user per day, and
 * the previous owner waits a cooldown. The sweep (pool_sweep.h) runs from
 * `kehu pool sweep` and once a day inside `kehu serve` (pool_job.h).
 */
#ifndef KH_POOL_H
#define KH_POOL_H

#include <jansson.h>
#include <stdbool.h>

#include "service/context.h"
#include "store/customers/pool.h"

/* Keep the won day and the follow-up clock of customer_id current after a
 * write to its orders, opportunities or activities (an entity hook). */
int kh_pool_refresh_customer(struct kh_ctx *ctx, int64_t customer_id, struct kh_error *err);

/* The after_write part of a customer: a new customer with an owner starts
 * both clocks today. */
int kh_pool_customer_written(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *row,
			     struct kh_error *err);

/* Lock (true) or unlock customer_id: the owner or a manager over them
 * (kh_perm_customer_manage); a lock needs an owner and stays within
 * pool.max_locked_per_rep of the owner. *out: {"id", "locked"}. */
int kh_customer_lock(struct kh_ctx *ctx, int64_t customer_id, bool lock, json_t **out,
		     struct kh_error *err);

/* The claim rules for the actor and customer st (in the caller's
 * transaction): the daily cap and the previous owner's cooldown, then one
 * more claim counted for today. KH_ECONFLICT with ctx->error_detail
 * {"rule", "limit", ..., "message_zh"} when refused. */
int kh_pool_claim_check(struct kh_ctx *ctx, const struct kh_store_pool_state *st,
			struct kh_error *err);

/* 距离进入公海天数 of a customer (yudao's poolDay): max(0, min(M - days
 * since owner_since, N - days since contact_clock)) over the rules that
 * are on; JSON null when it is not owned, locked, won, or no rule is on. */
json_t *kh_pool_days_json(struct kh_ctx *ctx, int64_t owner_id, bool locked, bool won,
			  const char *owner_since, const char *contact_clock);
/* The same from a customers row (owner_id, locked, won_on, owner_since,
 * contact_clock). */
json_t *kh_pool_days_of_row(struct kh_ctx *ctx, json_t *row);

/* What the lists and the 360-degree view show of a customer row:
 * {"days_until_pool", "pool_warning" (within pool.warn_days), "locked",
 * "won_on"}; kh_pool_facts_of reads the row of customer_id (JSON null if
 * it cannot). New references. */
json_t *kh_pool_facts(struct kh_ctx *ctx, json_t *row);
json_t *kh_pool_facts_of(struct kh_ctx *ctx, int64_t customer_id);

/* The window of the pool warning list (待进入公海的客户, the customer
 * list's pool_within=K): the customers whose days_until_pool is K or less,
 * K 0..365 ("warn", "" or null: pool.warn_days). Into *w the cuts of both
 * rules moved K days on from the sweep's ("" for a rule that is off).
 * KH_EINVAL naming "pool_within" for another value. */
int kh_pool_window(struct kh_ctx *ctx, json_t *v, struct kh_store_pool_window *w,
		   struct kh_error *err);

#endif
