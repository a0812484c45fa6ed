/*
 * statistics.h: the 7P statistics (DOMAIN 7; docs/analytics.md, "The 7P
 * statistics"): profiling, persistency and profitability gather the
 * analytics reports that answer them (reports.h) with the profile counts
 * they lack; performance, prospecting and product are new: sales by product
 * category, channel or region; customer counts by segment and source over
 * time with acquisition by month; products bought together (pair support,
 * confidence and lift, analytics/basket.h); promotion: the campaign and
 * greeting mail sent in a period, opened, clicked and unsubscribed from, in
 * all, per campaign and per customer segment. Each covers the customers of
 * the actor's report scope (kh_perm_report_scope) and is served from its
 * stored result (reports_stored.h): report "statistics.<name>", the
 * variant the arguments given. Each returns 0 and a new object in *out, or
 * a negative KH_E* with err filled in (a bad argument: KH_EINVAL naming it).
 * And the cross-sell suggestions of one customer from the product pairs.
 */
#ifndef KH_SERVICE_STATISTICS_H
#define KH_SERVICE_STATISTICS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/error.h"
#include "service/context.h"

#define KH_STAT_PAIRS_MAX 500     /* product pairs kept, highest lift first */
#define KH_STAT_MONTHS_MAX 120    /* a period of at most ten years */
#define KH_CROSS_SELL_MAX 50

/* The arguments of a statistic as the caller gave them (NULL: absent):
 * from, to ("YYYY-MM-DD"; default the twelve months up to today: from the
 * first day of the month eleven months back; performance, prospecting,
 * product, promotion), group (performance:
 * category|channel|region, default category), min_support (product: 0..1,
 * default the setting basket.min_support). */
struct kh_stat_args {
	const char *from, *to, *group, *min_support;
};

/* Is name one of the seven? */
bool kh_statistic_known(const char *name);
/* The statistic name ("profiling", ...) for the actor. */
int kh_statistic(struct kh_ctx *ctx, const char *name, const struct kh_stat_args *a,
		 json_t **out, struct kh_error *err);
/* The same from a stored result's report ("statistics.<name>") and
 * variant, as the refresher computes it again; KH_EINVAL when it is not
 * one. */
int kh_statistic_of_variant(struct kh_ctx *ctx, const char *report, const char *variant,
			    json_t **out, struct kh_error *err);

/* Up to limit products customer_id has not bought that are bought with
 * what they bought (the product statistic of the default period in the
 * actor's scope), by lift x confidence, each with its reason. A customer
 * the actor may not see is KH_ENOTFOUND. */
int kh_cross_sell(struct kh_ctx *ctx, int64_t customer_id, int limit, json_t **out,
		  struct kh_error *err);

/* The statistic's figures as an xlsx workbook in a file at path: one sheet
 * per table, headers in 中文 when zh, money in yuan, ratios as numbers.
 * 0, or KH_EIO. */
int kh_statistic_xlsx(const char *name, const json_t *stat, bool zh, const char *path,
		      struct kh_error *err);

#endif
