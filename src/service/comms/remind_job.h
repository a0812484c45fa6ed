/*
 * remind_job.h: the reminder run inside `kehu serve` (remind.h): a thread on
 * its own database connection that runs kh_remind_run at start and then
 * every interval, tells the caller when it made notifications (the event
 * hub then pushes the new unread counts), and stops cleanly.
 */
#ifndef KH_REMIND_JOB_H
#define KH_REMIND_JOB_H

#include "base/error.h"

struct kh_remind_job;

/* Called on the job's thread after a run that made notifications. */
typedef void (*kh_remind_changed_fn)(void *arg);

/* Start the thread on the database at db_path (copied), a run every
 * interval_s seconds (at least 1). 0 and *out, or KH_ENOMEM / KH_EIO. */
int kh_remind_job_start(const char *db_path, long interval_s, kh_remind_changed_fn changed,
			void *arg, struct kh_remind_job **out, struct kh_error *err);
/* Stop the thread (after the run under way) and free it; NULL is accepted. */
void kh_remind_job_stop(struct kh_remind_job *j);

#endif
