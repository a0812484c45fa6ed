/*
 * followup.h: an activity's hook that keeps the follow-up fields (最近跟进,
 * 下次联系) of its customer, contact and opportunity (store/work/followups.h).
 */
#ifndef KH_FOLLOWUP_H
#define KH_FOLLOWUP_H

#include <jansson.h>
#include <stdint.h>

#include "base/error.h"
#include "service/context.h"

/* After activity id changed from old (NULL: created) to row (as stored):
 * the records it belonged to before and after get their fields again. */
int kh_followup_after_activity(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *row,
			       struct kh_error *err);

#endif
