/*
 * remind_job.c: the server's reminder runs (see remind_job.h), in the shape
 * of the pool sweep's thread (service/customers/pool_job.c).
 */
#include "service/comms/remind_job.h"

#include <stdlib.h>
#include <string.h>

#include "base/worker.h"
#include "service/comms/remind.h"
#include "service/context.h"
#include "base/banned.h"

/* The run reads each user's to-do lists and writes a few rows. */
#define REMIND_CACHE_MIB 8

struct kh_remind_job {
	struct kh_worker *worker;
	char *db_path;
	long interval_ms;
	kh_remind_changed_fn changed;
	void *arg;
};

static void run(struct kh_worker *w, void *arg)
{
	struct kh_remind_job *j = arg;
	struct kh_store *st = NULL;

	if (kh_store_open(j->db_path, &st, NULL))
		return;
	kh_store_set_memory(st, REMIND_CACHE_MIB, 0);
	do {
		struct kh_ctx ctx;
		struct kh_remind_result res = {0};

		kh_ctx_init_system(&ctx, st);
		/* a failed run (the database busy) is tried again at the next one */
		kh_remind_run(&ctx, kh_remind_hour_now(), &res, NULL, NULL);
		kh_ctx_release(&ctx);
		if (res.added && j->changed)
			j->changed(j->arg);
	} while (!kh_worker_pause(w, j->interval_ms));
	kh_store_free(st);
}

int kh_remind_job_start(const char *db_path, long interval_s, kh_remind_changed_fn changed,
			void *arg, struct kh_remind_job **out, struct kh_error *err)
{
	struct kh_remind_job *j = calloc(1, sizeof(*j));
	int rc;

	if (!j || !(j->db_path = strdup(db_path))) {
		free(j);
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	}
	j->interval_ms = (interval_s < 1 ? 1 : interval_s) * 1000L;
	j->changed = changed;
	j->arg = arg;
	if ((rc = kh_worker_start(run, j, &j->worker))) {
		free(j->db_path);
		free(j);
		return kh_error_set(err, rc, "", "cannot start the reminders");
	}
	*out = j;
	return 0;
}

void kh_remind_job_stop(struct kh_remind_job *j)
{
	if (!j)
		return;
	kh_worker_stop(j->worker);
	free(j->db_path);
	free(j);
}
