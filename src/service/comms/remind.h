/*
 * remind.h: the reminder run: for every active user, the to-do centre's
 * items (service/work/todo.h, as that user sees them, in the kinds the
 * user's settings include) become notifications (one per kind, item and
 * due day, so a second run adds nothing), and the user's daily digest is
 * e-mailed once the day's digest hour has come (service/comms/mail.h):
 * once per user and day after it is sent; a failure is recorded and tried
 * again at the next run. `kehu remind --run` runs it once; the server's
 * remind_job.h every few minutes.
 */
#ifndef KH_REMIND_H
#define KH_REMIND_H

#include <jansson.h>
#include <stdint.h>

#include "base/error.h"
#include "service/context.h"

/* Items taken from one kind for one user in one run (the first by due day). */
#define KH_REMIND_KIND_MAX 200

/* What one run did. */
struct kh_remind_result {
	int64_t users;         /* users looked at */
	int64_t added;         /* notifications made */
	int64_t sent, failed;  /* digests sent, failed */
};

/* The hour of the day (kh_today()) reached now: 24 when the day is over
 * (a past --date), -1 before it starts, else the current UTC hour. */
int kh_remind_hour_now(void);

/* Run once for the day kh_today() at hour (0..23, 24: the whole day has
 * passed, -1: no digest is due): ctx is the system context; *out (may be
 * NULL) = {"day", "users", "added", "sent", "failed", "log": [{"user",
 * "added", "digest": "sent" | "failed" | ..., "error"?}]}, a new
 * reference. A user whose run fails is logged and the rest go on; the
 * error is the database's, when one fails. */
int kh_remind_run(struct kh_ctx *ctx, int hour, struct kh_remind_result *res, json_t **out,
		  struct kh_error *err);

#endif
