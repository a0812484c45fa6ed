/*
 * notifications.h: the rows of reminders (service/comms/remind.h): a user's
 * in-app notifications (one per kind, item and due day: adding one that is
 * there already adds nothing), each user's reminder settings, and the
 * record of each day's e-mail digest (sent once; a failure is tried again).
 * Every statement is keyed by the user, so one user never reads or marks
 * another's rows.
 */
#ifndef KH_STORE_NOTIFICATIONS_H
#define KH_STORE_NOTIFICATIONS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/error.h"
#include "store/store.h"

/* One notification to add (all strings borrowed; title, customer_name may
 * be NULL, customer_id 0 for none). */
struct kh_store_notif {
	int64_t user_id;
	const char *kind, *ref_type;
	int64_t ref_id;
	const char *due;
	const char *title;
	int64_t customer_id;
	const char *customer_name;
};

/* Add n unless the user has it (same kind, item and due day): *added tells
 * which. */
int kh_store_notif_add(struct kh_store *st, const struct kh_store_notif *n, const char *now,
		       bool *added, struct kh_error *err);

/* Up to limit of the user's notifications, newest first, with an id below
 * before_id (0: from the newest), only the unread ones when unread_only:
 * a new array of {"id", "kind", "ref_type", "ref_id", "due", "title",
 * "customer_id", "customer_name", "created_at", "read_at"} in *rows. */
int kh_store_notif_list(struct kh_store *st, int64_t user_id, bool unread_only,
			int64_t before_id, int limit, json_t **rows, struct kh_error *err);

/* How many of the user's notifications are unread. */
int kh_store_notif_unread(struct kh_store *st, int64_t user_id, int64_t *n,
			  struct kh_error *err);

/* Mark the user's notification id read at now (a read one keeps its time);
 * KH_ENOTFOUND when the user has no notification id. */
int kh_store_notif_read(struct kh_store *st, int64_t user_id, int64_t id, const char *now,
			struct kh_error *err);

/* Mark every unread notification of the user read at now; *n: how many. */
int kh_store_notif_read_all(struct kh_store *st, int64_t user_id, const char *now, int64_t *n,
			    struct kh_error *err);

/* A user's reminder settings. kinds: the to-do kinds included, comma
 * separated ("" none); all kinds when kinds_all. */
struct kh_store_remind_prefs {
	bool in_app, email;
	int digest_hour; /* 0..23 */
	bool kinds_all;
	char kinds[512];
	char lang[3]; /* "zh" or "en" */
};

/* The defaults of a user without a row: in-app on, e-mail off, 8 o'clock,
 * every kind, 中文. */
void kh_store_remind_prefs_default(struct kh_store_remind_prefs *p);

/* Does p include the to-do kind named kind? */
bool kh_store_remind_prefs_has(const struct kh_store_remind_prefs *p, const char *kind);

/* The user's settings into *p (the defaults when there is no row). */
int kh_store_remind_prefs_get(struct kh_store *st, int64_t user_id,
			      struct kh_store_remind_prefs *p, struct kh_error *err);

/* Save the user's settings (an upsert of their row). */
int kh_store_remind_prefs_put(struct kh_store *st, int64_t user_id,
			      const struct kh_store_remind_prefs *p, const char *now,
			      struct kh_error *err);

/* The digest of the user's day: status[8] "sent", "failed", "sending" or
 * "" (none yet) and the attempts so far. */
int kh_store_remind_digest_get(struct kh_store *st, int64_t user_id, const char *day,
			       char status[8], int64_t *attempts, struct kh_error *err);

/* Take the user's digest of day for sending: *claimed when this caller may
 * send it now (no row yet, a failed one, or a "sending" one last touched
 * before stale: its runner died); a sent one, or one another runner is
 * sending, is not claimed. The row is "sending" until kh_store_remind_
 * digest_put. */
int kh_store_remind_digest_claim(struct kh_store *st, int64_t user_id, const char *day,
				 const char *now, const char *stale, bool *claimed,
				 struct kh_error *err);

/* Record an attempt at the user's digest of day: sent (with items, at now)
 * or failed with error. A row already "sent" is left as it is. */
int kh_store_remind_digest_put(struct kh_store *st, int64_t user_id, const char *day, bool sent,
			       int64_t items, const char *error, const char *now,
			       struct kh_error *err);

/* The users a reminder run covers: active, not deleted, by id; a new array
 * of {"id", "login", "display_name", "email"} in *rows. */
int kh_store_remind_users(struct kh_store *st, json_t **rows, struct kh_error *err);

/* The e-mail address of user_id into addr[size] ("" when none). */
int kh_store_remind_user_email(struct kh_store *st, int64_t user_id, char *addr, size_t size,
			       struct kh_error *err);

#endif
