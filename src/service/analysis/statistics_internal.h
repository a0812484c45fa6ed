/*
 * statistics_internal.h: what the files of the statistics module share
 * (statistics.c, statistics_sales.c, statistics_promotion.c,
 * statistics_xlsx.c).
 */
#ifndef KH_SERVICE_STATISTICS_INTERNAL_H
#define KH_SERVICE_STATISTICS_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>

#include "base/error.h"
#include "service/context.h"
#include "service/analysis/statistics.h"
#include "store/analysis/statistics.h"

enum kh_stat_which {
	KH_STAT_PROFILING = 0,
	KH_STAT_PERSISTENCY,
	KH_STAT_PROFITABILITY,
	KH_STAT_PERFORMANCE,
	KH_STAT_PROSPECTING,
	KH_STAT_PRODUCT,
	KH_STAT_PROMOTION
};

/* The resolved arguments: the period, the grouping, the minimum support,
 * and which of them the caller gave. */
struct kh_stat_params {
	enum kh_stat_which which;
	char from[11], to[11];
	enum kh_stat_group group;
	double min_support;
	bool explicit_from, explicit_to, explicit_group, explicit_support;
};

int kh_stat_resolve(struct kh_ctx *ctx, enum kh_stat_which which, const struct kh_stat_args *a,
		    struct kh_stat_params *p, struct kh_error *err);
const char *kh_stat_group_name(enum kh_stat_group g);

/* statistics_sales.c: computed from scratch. kh_stat_head: a new answer
 * {"as_of", "customers", "statistic": name, "from", "to"} of a period's. */
json_t *kh_stat_head(const struct kh_stat_params *p, const char *name, int64_t customers);
int kh_stat_performance(struct kh_ctx *ctx, const struct kh_stat_params *p, json_t **out,
			struct kh_error *err);
int kh_stat_prospecting(struct kh_ctx *ctx, const struct kh_stat_params *p, json_t **out,
			struct kh_error *err);
int kh_stat_product(struct kh_ctx *ctx, const struct kh_stat_params *p, json_t **out,
		    struct kh_error *err);
/* statistics_promotion.c: the campaign mail of the period. */
int kh_stat_promotion(struct kh_ctx *ctx, const struct kh_stat_params *p, json_t **out,
		      struct kh_error *err);

#endif
