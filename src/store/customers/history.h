/*
 * history.h: the audit log of one customer's file (操作记录): the entries
 * of the customer and of its contacts, orders, payments, opportunities and
 * activities, newest first. Who may read them, and which fields, is the
 * service's to decide (service/customers/history.h).
 */
#ifndef KH_STORE_CUSTOMER_HISTORY_H
#define KH_STORE_CUSTOMER_HISTORY_H

#include <jansson.h>
#include <stdint.h>

#include "base/error.h"
#include "store/store.h"

/* Up to limit entries {id, at, user_id, action, entity, entity_id, changes}
 * with an id below before (0: from the newest), newest first. */
int kh_store_customer_audit(struct kh_store *st, int64_t customer_id, int64_t before,
			    int64_t limit, json_t **out, struct kh_error *err);

#endif
