/*
 * pool_job.c: the daily pool sweep of the server (see pool_job.h), in the
 * shape of the report refresher (service/analysis/report_refresher.c).
 */
#include "service/customers/pool_job.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/parse.h"
#include "base/worker.h"
#include "service/context.h"
#include "service/customers/pool_sweep.h"
#include "base/banned.h"

/* How often the thread looks at the date. */
#define CHECK_MS 60000
/* The sweep reads index ranges and writes 500 customers a transaction. */
#define SWEEP_CACHE_MIB 16

struct kh_pool_job {
	struct kh_worker *worker;
	char *db_path;
};

static void run(struct kh_worker *w, void *arg)
{
	struct kh_pool_job *j = arg;
	struct kh_store *st = NULL;
	int32_t done_day = INT32_MIN;

	if (kh_store_open(j->db_path, &st, NULL))
		return;
	/* as the server's workers: no memory map, a small cache of its own */
	kh_store_set_memory(st, SWEEP_CACHE_MIB, 0);
	do {
		int32_t today = kh_today();
		struct kh_ctx ctx;
		json_t *out = NULL;

		if (today == done_day)
			continue;
		kh_ctx_init_system(&ctx, st);
		/* A failed day (the database busy) is tried again at the next check. */
		if (kh_pool_sweep(&ctx, false, 0, &out, NULL) == 0)
			done_day = today;
		json_decref(out);
		kh_ctx_release(&ctx);
	} while (!kh_worker_pause(w, CHECK_MS));
	kh_store_free(st);
}

int kh_pool_job_start(const char *db_path, struct kh_pool_job **out, struct kh_error *err)
{
	struct kh_pool_job *j = calloc(1, sizeof(*j));
	int rc;

	if (!j || !(j->db_path = strdup(db_path))) {
		free(j);
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	}
	if ((rc = kh_worker_start(run, j, &j->worker))) {
		free(j->db_path);
		free(j);
		return kh_error_set(err, rc, "", "cannot start the pool sweep");
	}
	*out = j;
	return 0;
}

void kh_pool_job_stop(struct kh_pool_job *j)
{
	if (!j)
		return;
	kh_worker_stop(j->worker);
	free(j->db_path);
	free(j);
}
