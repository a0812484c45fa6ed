/*
 * visit_plan.h: deciding visit plans (DOMAIN 3: "plans are approved by the
 * superior"). A visit plan is an activity of kind visit with a purpose; a
 * manager or admin whose data scope covers the customer's owner decides it
 * once: approves it, which records who and when (approved_by, approved_at),
 * or rejects it with a comment (rejected_by, rejected_at, reject_comment).
 * Either leaves an audit entry; a decided plan takes no second decision.
 */
#ifndef KH_VISIT_PLAN_H
#define KH_VISIT_PLAN_H

#include <jansson.h>
#include <stdint.h>

#include "base/error.h"
#include "service/context.h"

/* Approve activity id as the actor, in one transaction. KH_ENOTFOUND for an
 * activity the actor cannot see; KH_EPERM for a sales rep, the plan's own
 * author or a manager without the owner in scope (permission.h); then
 * KH_ECONFLICT when it is no visit plan (field "kind" or "purpose") or is
 * approved already (field "approved_by"). */
int kh_visit_plan_approve(struct kh_ctx *ctx, int64_t id, struct kh_error *err);

#define KH_VISIT_REJECT_COMMENT_MAX 500

/* Reject activity id as the actor with comment (a JSON string, required, not
 * blank, at most 500 characters: else KH_EINVAL naming "comment", before
 * anything else), then as kh_visit_plan_approve; a plan approved or rejected
 * already is KH_ECONFLICT naming approved_by or rejected_by. */
int kh_visit_plan_reject(struct kh_ctx *ctx, int64_t id, json_t *comment, struct kh_error *err);

#endif
