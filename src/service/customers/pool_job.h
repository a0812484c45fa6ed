/*
 * pool_job.h: the pool sweep inside `kehu serve` (pool.h): a thread on its
 * own database connection that runs kh_pool_sweep once a day, at start and
 * then whenever the date (kh_today) has changed, and stops cleanly.
 */
#ifndef KH_POOL_JOB_H
#define KH_POOL_JOB_H

#include "base/error.h"

struct kh_pool_job;

/* Start the thread on the database at db_path (copied). 0 and *out, or
 * KH_ENOMEM / KH_EIO. */
int kh_pool_job_start(const char *db_path, struct kh_pool_job **out, struct kh_error *err);
/* Stop the thread (after the batch under way) and free it; NULL is accepted. */
void kh_pool_job_stop(struct kh_pool_job *j);

#endif
