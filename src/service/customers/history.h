/*
 * history.h: a customer's change history (操作记录) as the caller may see
 * it: GET /customers/{id}/history.
 */
#ifndef KH_CUSTOMER_HISTORY_H
#define KH_CUSTOMER_HISTORY_H

#include <jansson.h>
#include <stdint.h>

#include "base/error.h"
#include "service/context.h"

#define KH_HISTORY_LIMIT_MAX 200
#define KH_HISTORY_LIMIT_DEFAULT 50

/* {"items": [{"id", "at", "user", "action", "entity", "entity_id", "changes"}],
 * "next_before"}: the audit entries of the customer and of its contacts,
 * orders, payments, opportunities and activities, newest first, up to limit
 * with an id below before (0: the newest); next_before is the last id given
 * when more may follow, else null. A customer the caller cannot see is 404.
 * A change of a field above the caller's information level is left out of
 * the entry (its values are what the level hides), money shows as yuan. */
int kh_customer_history(struct kh_ctx *ctx, int64_t customer_id, int64_t before, int64_t limit,
			json_t **out, struct kh_error *err);

#endif
