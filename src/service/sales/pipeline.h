/*
 * pipeline.h: the sales pipeline board (销售漏斗): per opportunity stage its
 * count, amount and weighted amount, and its cards a page at a time
 * (amount descending), within the caller's data scope: a sales rep sees the
 * opportunities of the customers they see, and the totals of those only.
 */
#ifndef KH_PIPELINE_H
#define KH_PIPELINE_H

#include <jansson.h>
#include <stdint.h>

#include "base/error.h"
#include "service/context.h"

#define KH_PIPELINE_LIMIT_MAX 100
#define KH_PIPELINE_LIMIT_DEFAULT 20

struct kh_pipeline_params {
	int64_t owner_id;  /* > 0: only this owner's opportunities */
	const char *stage; /* NULL: the board (every stage with its totals); else
			    * one more page of this stage (no totals) */
	const char *after; /* with stage: the "next" cursor of the page before */
	int64_t limit;     /* cards per stage, 1..KH_PIPELINE_LIMIT_MAX */
};

/* {"stages": [{"stage", "count", "amount", "weighted", "items", "next"}],
 * "limit"}: every stage in funnel order, or only params->stage (then
 * without count, amount and weighted). items are opportunities as
 * GET /opportunities shows them (with customer_name); next is the cursor of
 * the page after, or null when none follows. Bad input: KH_EINVAL naming
 * stage, after or limit. */
int kh_pipeline_board(struct kh_ctx *ctx, const struct kh_pipeline_params *params,
		      json_t **out, struct kh_error *err);

#endif
