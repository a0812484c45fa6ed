/*
 * campaign_job.h: the campaign sender inside `kehu serve` (campaign_send.h):
 * a thread on its own database connection that sends rounds while there is
 * mail due and looks again every interval when there is none, and stops
 * cleanly (a message claimed but not tried goes back to the queue).
 */
#ifndef KH_CAMPAIGN_JOB_H
#define KH_CAMPAIGN_JOB_H

#include "base/error.h"

struct kh_campaign_job;

/* Start the thread on the database at db_path (copied), looking for due
 * mail every interval_ms when idle. 0 and *out, or KH_ENOMEM / KH_EIO. */
int kh_campaign_job_start(const char *db_path, long interval_ms, struct kh_campaign_job **out,
			  struct kh_error *err);
/* Stop the thread and free it; NULL is accepted. */
void kh_campaign_job_stop(struct kh_campaign_job *j);

#endif
