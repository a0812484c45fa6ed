/*
 * visit_plan.h: the approval of visit plans (DOMAIN 3: "plans are approved
 * by the superior"). A visit plan is an activity of kind visit with a
 * purpose; a manager or admin whose data scope covers the customer's owner
 * approves it once, which records who and when (approved_by, approved_at)
 * and leaves an audit entry.
 */
#ifndef KH_VISIT_PLAN_H
#define KH_VISIT_PLAN_H

#include <stdint.h>

#include "base/error.h"
#include "service/context.h"

/* Approve activity id as the actor, in one transaction. KH_ENOTFOUND for an
 * activity the actor cannot see; KH_EPERM for a sales rep, the plan's own
 * author or a manager without the owner in scope (permission.h); then
 * KH_ECONFLICT when it is no visit plan (field "kind" or "purpose") or is
 * approved already (field "approved_by"). */
int kh_visit_plan_approve(struct kh_ctx *ctx, int64_t id, struct kh_error *err);

#endif
