/*
 * stage.h: an opportunity's stage (issue 13): the win probability follows
 * the stage's setting (stage.probability.<stage>; won is 100, lost 0), a
 * change to lost needs a lost reason, and every stage change, the creation
 * too, leaves a row of history (who, when, from, to) in the write's own
 * transaction. The generic engine (service/entity.c) calls the two hooks
 * through the opportunity's descriptor (service/fields.c).
 */
#ifndef KH_STAGE_H
#define KH_STAGE_H

#include <jansson.h>
#include <stdint.h>

#include "base/error.h"
#include "service/context.h"

/* The most code points of a lost reason (the field's limit in fields.c). */
#define KH_LOST_REASON_MAX 500

/* check_write hook of the opportunity entity: on a create (old NULL) or a
 * stage change, cols gets the stage's probability unless cols gives one;
 * a won opportunity's is always 100, a lost one's 0. A change to lost
 * without a lost_reason, a lost_reason on an opportunity not lost, or
 * clearing a lost opportunity's reason: KH_EINVAL naming "lost_reason".
 * Reopening a lost opportunity clears its lost_reason (the history keeps
 * it). Clearing the stage: KH_EINVAL naming "stage". */
int kh_opportunity_check_write(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *cols,
			       struct kh_error *err);

/* after_write part of the opportunity entity: a history row when row was
 * created (old NULL, from NULL) or its stage differs from old's, by the
 * actor, now, with the lost reason of a change to lost. */
int kh_opportunity_stage_written(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *row,
				 struct kh_error *err);

/* {"items": [{"id", "from_stage", "to_stage", "user", "user_name", "at",
 * "lost_reason"}]}: the stage history of opportunity id, oldest first,
 * if the actor may read the opportunity (else KH_ENOTFOUND, as a read). */
int kh_opportunity_stages(struct kh_ctx *ctx, int64_t id, json_t **out, struct kh_error *err);

#endif
