/*
 * nextvisit.h: "next best visits": for each rep, the customers to see next,
 * ranked by what they are worth (CLV, or profit of the last 12 months),
 * how likely they still buy (P(alive)), how far past their visit cadence
 * the last contact is, and key-account status; each with its reasons in
 * words. Run `kehu analyze` first for CLV and P(alive).
 */
#ifndef KH_NEXTVISIT_H
#define KH_NEXTVISIT_H

#include <jansson.h>

#include "service/context.h"

#define KH_NEXT_VISITS_MAX 200

/* For one rep (owner_id > 0) or every rep (0): a JSON array of
 * {"rep", "rep_id", "visits": [{"customer_id", "name", "score", "days_since_contact",
 *   "cadence_days", "value", "p_alive", "key_account", "reasons": [codes],
 *   "reason": "words"}]}, at most limit visits per rep. A sales rep may ask
 * only for themselves. */
int kh_next_visits(struct kh_ctx *ctx, int64_t owner_id, int limit, json_t **out,
		   struct kh_error *err);

#endif
