/*
 * stage_history.h: the stage history of opportunities (table
 * opportunity_stages): one row per stage change, and one for the creation
 * (from_stage NULL), written by the service inside the write's transaction.
 */
#ifndef KH_STORE_STAGE_HISTORY_H
#define KH_STORE_STAGE_HISTORY_H

#include "store/store.h"

/* One change of opportunity_id from from_stage (NULL: created) to to_stage
 * by user_id (0: nobody, a system write) at at (ISO time); lost_reason (or
 * NULL) is the reason given with a change to lost. */
int kh_store_stage_history_add(struct kh_store *st, int64_t opportunity_id,
			       const char *from_stage, const char *to_stage, int64_t user_id,
			       const char *at, const char *lost_reason, struct kh_error *err);

/* Every row of opportunity_id, oldest first, into a new JSON array of
 * {"id", "from_stage", "to_stage", "user_id", "user_name", "at",
 * "lost_reason"} (user_name: the user's name, NULL when none). */
int kh_store_stage_history_list(struct kh_store *st, int64_t opportunity_id, json_t **out,
				struct kh_error *err);

#endif
