/*
 * rankings.h: rankings (排行榜, issue 14 part 5): the reps ordered by one
 * metric over a period, with the caller's own position.
 *
 * Who is ranked: an admin ranks everyone; a manager the reps and managers
 * of their data scope; a sales rep the members of their own team. A rep's
 * value is the total of their own records of the period, whoever else sees
 * those records: a ranking shows per-rep aggregates, never a record, so a
 * rep learns a teammate's total and nothing more (the records stay behind
 * the data scope of the lists).
 */
#ifndef KH_RANKINGS_H
#define KH_RANKINGS_H

#include <jansson.h>

#include "base/error.h"
#include "service/context.h"

/* GET /rankings: ?metric=contracts|receipts|new_customers|followups|visits
 * &period=month|quarter|year|custom&date=&from=&to=&team=: {"metric",
 * "period", "from", "to", "team", "items": [{"rank", "user_id", "login",
 * "name", "team_id", "value"}], "me", "total"}. Highest value first; equal
 * values share a rank (1, 2, 2, 4) and are ordered by user id. */
int kh_rankings(struct kh_ctx *ctx, json_t *args, json_t **out, struct kh_error *err);

#endif
