/*
 * mail_queue.h: the rows of campaign mail (service/comms/campaign.h): the
 * queue, one row per message and state, claimed by a sender with a lease
 * and marked in a transaction of its own the moment its outcome is known,
 * so that a crash neither loses a message (a claimed one whose lease ran
 * out, or every claimed one when a server starts on its own database, is
 * queued again) nor sends one again that was marked sent; and the audience's
 * candidates with what the caps need to know of each.
 */
#ifndef KH_STORE_MAIL_QUEUE_H
#define KH_STORE_MAIL_QUEUE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "store/store.h"

/* One contact an audience may reach, with the facts of the caps. */
struct kh_store_mail_candidate {
	int64_t contact_id, customer_id;
	char *contact, *customer, *address; /* names and the address (NULL: none) */
	bool unsubscribed, bounced, no_owner;
	int contact_sent, company_sent; /* messages queued or sent since the window began */
	int rank;                       /* the decision maker first */
};

void kh_store_mail_candidates_free(struct kh_store_mail_candidate *c, size_t n);
/* Free the strings of one (which stays in its array). */
void kh_store_mail_candidates_free_one(struct kh_store_mail_candidate *c);

/* The live contacts of the customers whose ids are in the JSON array ids
 * (of_contacts: the contacts whose ids are in it), by customer, rank and
 * contact id, into *out (*n of them; the caller frees with
 * kh_store_mail_candidates_free). A contact is unsubscribed by its consent
 * or its address on the suppression list (unsubscribed or manual), bounced
 * by a bounce there; no_owner when its customer is in the pool. The counts
 * are of messages queued since since (ISO time) that were not cancelled,
 * failed or bounced. */
int kh_store_mail_candidates(struct kh_store *st, json_t *ids, bool of_contacts,
			     const char *since, struct kh_store_mail_candidate **out, size_t *n,
			     struct kh_error *err);

/* One message to queue. */
struct kh_store_mail_row {
	int64_t contact_id, customer_id;
	const char *address;
};

/* Queue rows[0..n) for campaign_id, due at now; a contact the campaign
 * queued before is left as it is. *added receives how many were new. */
int kh_store_mail_enqueue(struct kh_store *st, int64_t campaign_id,
			  const struct kh_store_mail_row *rows, size_t n, const char *now,
			  size_t *added, struct kh_error *err);

/* A message claimed for sending. */
struct kh_store_mail_claim {
	int64_t id, campaign_id, contact_id, customer_id;
	int attempts; /* this one included */
	char address[256];
};

/* Claim up to max messages due at now of the campaigns that are sending,
 * oldest due first: each becomes "sending" until lease_until, its attempt
 * counted. Into out[0..*n). */
int kh_store_mail_claim(struct kh_store *st, const char *now, const char *lease_until,
			size_t max, struct kh_store_mail_claim *out, size_t *n,
			struct kh_error *err);
/* Queue again the messages claimed with a lease that ended before now (a
 * sender that died), or with all every claimed one (a server starting on a
 * database nobody else sends from). *released receives how many. */
int kh_store_mail_release(struct kh_store *st, const char *now, bool all, size_t *released,
			  struct kh_error *err);

/* Give claimed message id back to the queue untried: its attempt not
 * counted (the sender stops, or the server refuses everything). */
int kh_store_mail_unclaim(struct kh_store *st, int64_t id, struct kh_error *err);

/* What became of a claimed message. */
enum kh_store_mail_state {
	KH_STORE_MAIL_SENT,
	KH_STORE_MAIL_RETRY,   /* queued again for next_at */
	KH_STORE_MAIL_FAILED,
	KH_STORE_MAIL_BOUNCED, /* and the address goes on the suppression list */
	KH_STORE_MAIL_DROPPED, /* cancelled: the recipient unsubscribed meanwhile */
};

/* Record the outcome of claimed message id at now: links (the tracked URLs,
 * a JSON array, borrowed; NULL for none) with a sent one, next_at with a
 * retry, the server's code and error (NULL for none). A message no longer
 * "sending" (its campaign cancelled meanwhile) keeps its state, except that
 * a sent one is recorded as sent whatever. */
int kh_store_mail_mark(struct kh_store *st, int64_t id, enum kh_store_mail_state state,
		       const char *now, const char *next_at, long smtp_code, const char *error,
		       json_t *links, struct kh_error *err);

/* Campaigns that are sending and have no message queued or being sent any
 * more become sent, at now. *finished receives how many. */
int kh_store_mail_finish_campaigns(struct kh_store *st, const char *now, size_t *finished,
				   struct kh_error *err);

/* Cancel what campaign_id has queued (not what is being sent). */
int kh_store_mail_cancel(struct kh_store *st, int64_t campaign_id, struct kh_error *err);

/* ---- What recipients do ---- */

/* Message id as {id, campaign_id, contact_id, customer_id, address, state,
 * links, campaign} or KH_ENOTFOUND. */
int kh_store_mail_message(struct kh_store *st, int64_t id, json_t **row, struct kh_error *err);

enum kh_store_mail_event {
	KH_STORE_MAIL_OPEN,
	KH_STORE_MAIL_CLICK,
	KH_STORE_MAIL_UNSUBSCRIBE,
};

/* Record that message id was opened, clicked (part: the link's number) or
 * led to an unsubscription at now: the first time of each on the message
 * (a click counts as an open too), and the event, up to
 * KH_MAIL_EVENTS_PER_MESSAGE of a kind (a mail scanner that follows every
 * link a thousand times adds no rows). */
#define KH_MAIL_EVENTS_PER_MESSAGE 20
int kh_store_mail_event(struct kh_store *st, int64_t id, enum kh_store_mail_event kind,
			int part, const char *now, struct kh_error *err);

/* The mail of the customer's contacts, newest first (at most limit): each
 * sent message and each thing done with it, as {message_id, campaign_id,
 * campaign, contact_id, contact, event, at}. */
int kh_store_mail_timeline(struct kh_store *st, int64_t customer_id, int64_t limit,
			   json_t **rows, struct kh_error *err);

#endif
