/*
 * leads.h: the statements of leads (线索) beyond the generic rows: a lead's
 * follow-ups, handing them to the customer a conversion made, and the
 * conversion mark itself, which only one conversion can set. The service
 * layer (service/leads) decides who may and opens the transaction.
 */
#ifndef KH_STORE_LEADS_H
#define KH_STORE_LEADS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/error.h"
#include "store/store.h"

/* The live activities of lead_id, newest first (at most 500): *out a new
 * JSON array of stored rows. */
int kh_store_lead_activities(struct kh_store *st, int64_t lead_id, json_t **out,
			     struct kh_error *err);

/* Give every activity of lead_id (live or deleted) without a customer to
 * customer_id; *moved receives how many. */
int kh_store_lead_activities_to_customer(struct kh_store *st, int64_t lead_id,
					 int64_t customer_id, int64_t *moved,
					 struct kh_error *err);

/* Mark lead_id converted into customer_id at now (ISO timestamp), only if
 * no conversion marked it before: *marked false when one did (the lead was
 * converted meanwhile). */
int kh_store_lead_mark_converted(struct kh_store *st, int64_t lead_id, int64_t customer_id,
				 const char *now, bool *marked, struct kh_error *err);

#endif
