/*
 * notify.h: a user's in-app notifications and reminder settings as the
 * API gives them (the job that makes them: remind.h). Everything is the
 * actor's own: another user's notification is not found (KH_ENOTFOUND),
 * never forbidden, so its existence does not leak.
 */
#ifndef KH_NOTIFY_H
#define KH_NOTIFY_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/error.h"
#include "service/context.h"

#define KH_NOTIF_LIST_MAX 200
#define KH_NOTIF_LIST_DEFAULT 50

/* A page of the actor's notifications, newest first: *out = {"items":
 * [{"id", "kind", "item" ("TYPE:ID", as the to-do centre names it),
 * "type", "ref_id", "due", "title", "customer_id", "customer_name",
 * "created_at", "read_at", "read"}], "unread": N, "next_cursor"} (a new
 * reference); only the unread ones when unread_only; limit 1..
 * KH_NOTIF_LIST_MAX (0: the default), after cursor (NULL: the first page;
 * the opaque next_cursor of the previous page). KH_EINVAL naming "limit"
 * or "cursor". */
int kh_notif_list(struct kh_ctx *ctx, bool unread_only, int limit, const char *cursor,
		  json_t **out, struct kh_error *err);

/* How many of the actor's notifications are unread. */
int kh_notif_unread(struct kh_ctx *ctx, int64_t *n, struct kh_error *err);

/* Mark the actor's notification id read; *out = {"id", "read": true,
 * "unread": N}. KH_ENOTFOUND naming "id" when the actor has no such one. */
int kh_notif_read(struct kh_ctx *ctx, int64_t id, json_t **out, struct kh_error *err);

/* Mark all the actor's notifications read; *out = {"marked": N, "unread": 0}. */
int kh_notif_read_all(struct kh_ctx *ctx, json_t **out, struct kh_error *err);

/* The actor's reminder settings: *out = {"in_app", "email", "digest_hour",
 * "kinds": [...], "lang", "address" (the account's e-mail, read only),
 * "mail_configured"}. */
int kh_remind_prefs_get(struct kh_ctx *ctx, json_t **out, struct kh_error *err);

/* Change the actor's settings: changes holds any of in_app, email
 * (booleans), digest_hour (0..23), kinds (an array of to-do kind names,
 * each once), lang ("zh" or "en"); the rest stay. All or nothing:
 * KH_EINVAL naming the first bad or unknown member (e-mail without an
 * address on the account names "email"). *out: the settings after, as
 * kh_remind_prefs_get gives them. */
int kh_remind_prefs_put(struct kh_ctx *ctx, json_t *changes, json_t **out,
			struct kh_error *err);

#endif
