/*
 * campaigns.h: the reads of campaigns (a campaign row itself is written
 * with kh_store_insert / kh_store_update): lists with what became of
 * their mail, the report's figures, the per-recipient messages and the
 * campaigns the sender has to start, and the facts of a recipient that
 * fill a message.
 */
#ifndef KH_STORE_CAMPAIGNS_H
#define KH_STORE_CAMPAIGNS_H

#include <jansson.h>
#include <stdint.h>

#include "base/error.h"
#include "store/store.h"

/* Migration 31 (store/schema.c): campaigns, greetings, the mail queue,
 * its events, the suppression list, consent and the link key. */
extern const char kh_store_migration_31[];

/* Campaign id with its owner's name ("owner"), or KH_ENOTFOUND. */
int kh_store_campaign_get(struct kh_store *st, int64_t id, json_t **row, struct kh_error *err);

struct kh_store_campaign_query {
	json_t *owners;     /* JSON array of user ids seen, borrowed; NULL: all */
	const char *status, *kind;
	int64_t limit, offset;
};

/* The live campaigns q matches, newest first, into *rows; their number. */
int kh_store_campaign_list(struct kh_store *st, const struct kh_store_campaign_query *q,
			   json_t **rows, int64_t *total, struct kh_error *err);

/* {"queued": n, "sending", "sent", "failed", "bounced", "cancelled",
 * "opened", "clicked", "unsubscribed"} of campaign id, a new object. */
int kh_store_campaign_counts(struct kh_store *st, int64_t id, json_t **out,
			     struct kh_error *err);

/* The report's groupings of campaign id: by the customers' segment
 * ({segment, sent, opened, clicked, unsubscribed}), by day of sending
 * ({day, sent, opened, clicked}: opens and clicks on the day they came),
 * and the clicks per link part ({part, clicks}). */
int kh_store_campaign_breakdown(struct kh_store *st, int64_t id, json_t **by_segment,
				json_t **by_day, json_t **by_part, struct kh_error *err);

/* The messages of campaign id (state NULL: all), by id: each with its
 * contact and customer names. */
int kh_store_campaign_messages(struct kh_store *st, int64_t id, const char *state,
			       int64_t limit, int64_t offset, json_t **rows, int64_t *total,
			       struct kh_error *err);

/* The ids of the campaigns scheduled for now or before, oldest first (at
 * most max), into ids[0..*n). */
int kh_store_campaigns_due(struct kh_store *st, const char *now, int64_t *ids, size_t max,
			   size_t *n, struct kh_error *err);

/* What fills one recipient's message: the contact, its customer and the
 * customer's owner, as {contact_name, contact_title, contact_gender,
 * customer_name, owner_name, owner_email, owner_phone, owner_signature},
 * and whether it may still be sent: "unsubscribed" (0/1, the contact's
 * consent) and "suppressed" (the reason address, NULL for the contact's
 * own, is on the suppression list, or null). KH_ENOTFOUND when the contact
 * is gone. */
int kh_store_recipient_facts(struct kh_store *st, int64_t contact_id, const char *address,
			     json_t **row, struct kh_error *err);

/* Response per campaign and per segment of the mail sent from..to (ISO
 * times, NULL: open): {campaign_id, name, purpose, sent, opened, clicked,
 * unsubscribed}, and {segment, sent, opened, clicked, unsubscribed}, of
 * the messages to customers of scope (NULL: all). */
int kh_store_mail_response(struct kh_store *st, const struct kh_scope *scope, const char *from,
			   const char *to, json_t **by_campaign, json_t **by_segment,
			   struct kh_error *err);

#endif
