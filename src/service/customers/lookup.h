/*
 * lookup.h: the 360-degree view of one customer (DOMAIN 2): the file, its
 * contacts, recent activities and orders, the products bought and the
 * metrics, in one object; and the incoming-call lookup that finds it from
 * any phone number of the customer or its contacts.
 */
#ifndef KH_LOOKUP_H
#define KH_LOOKUP_H

#include <jansson.h>

#include "base/strbuf.h"
#include "service/context.h"

/* How many of the newest activities and orders the view carries; the totals
 * say how many there are in all. */
#define KH_VIEW_RECENT 50
/* How many of the newest mail events (sent, opened, clicked, unsubscribed,
 * bounced) of the customer's contacts it carries. */
#define KH_VIEW_MAIL_EVENTS 100

/* {"customer", "metrics", "contacts", "activities", "orders", "products",
 *  "opportunities", "competitors", "important_dates", "counts", "pool", "can",
 *  "mail_events"} */
int kh_customer_view(struct kh_ctx *ctx, int64_t customer_id, json_t **out,
		     struct kh_error *err);

/* How many other customers with the same number a lookup names. */
#define KH_LOOKUP_OTHERS_MAX 10

/* The view of the customer a phone number (in any format) belongs to, with
 * "matched_contact" naming the contact whose number it is (or null). Of
 * several customers with the number, only those the actor may see count:
 * the one with the latest activity is shown, "matches" says how many there
 * are and "other_matches" names up to KH_LOOKUP_OTHERS_MAX others
 * ([{"id", "name"}]). KH_ENOTFOUND (field "phone") when the actor sees
 * none. */
int kh_lookup_phone(struct kh_ctx *ctx, const char *phone, json_t **out, struct kh_error *err);

/* What the actor may do with a customer they see at level, as the routes
 * decide it, so that a page offers no button the API would refuse:
 * {"edit": change it and its records, delete it (level 3), "manage":
 * transfer, release, lock, unlock (kh_perm_customer_manage)}; NULL with err
 * set on a failure other than a refusal. */
json_t *kh_customer_can(struct kh_ctx *ctx, int64_t customer_id, int level, struct kh_error *err);

/* The hot path of the two above (service/customers/view_json.c): the same answer as
 * kh_customer_view and kh_lookup_phone, appended to out as compact JSON
 * text written from the statements' columns, in one read transaction with
 * the caller's reach worked out once. The generic functions stay for the
 * command line and as the reference the tests compare this with. */
int kh_customer_view_json(struct kh_ctx *ctx, int64_t customer_id, struct kh_strbuf *out,
			  struct kh_error *err);
int kh_lookup_phone_json(struct kh_ctx *ctx, const char *phone, struct kh_strbuf *out,
			 struct kh_error *err);


#endif
