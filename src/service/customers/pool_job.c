/*
 * pool_job.c: the daily pool sweep of the server (see pool_job.h), in the
 * shape of the report refresher (service/analysis/report_refresher.c).
 */
#include "service/customers/pool_job.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/parse.h"
#include "service/context.h"
#include "service/customers/pool_sweep.h"
#include "base/banned.h"

/* How often the thread looks at the date. */
#define CHECK_MS 60000
/* The sweep reads index ranges and writes 500 customers a transaction. */
#define SWEEP_CACHE_MIB 16

struct kh_pool_job {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool stop;
	char *db_path;
};

/* Sleep ms milliseconds, or less when asked to stop; true when stopping. */
static bool pause_ms(struct kh_pool_job *j, long ms)
{
	struct timespec until;
	bool stop;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += ms / 1000;
	until.tv_nsec += (ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&j->lock);
	while (!j->stop && pthread_cond_timedwait(&j->wake, &j->lock, &until) != ETIMEDOUT)
		;
	stop = j->stop;
	pthread_mutex_unlock(&j->lock);
	return stop;
}

static void *run(void *arg)
{
	struct kh_pool_job *j = arg;
	struct kh_store *st = NULL;
	int32_t done_day = INT32_MIN;

	if (kh_store_open(j->db_path, &st, NULL))
		return NULL;
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
	} while (!pause_ms(j, CHECK_MS));
	kh_store_free(st);
	return NULL;
}

int kh_pool_job_start(const char *db_path, struct kh_pool_job **out, struct kh_error *err)
{
	struct kh_pool_job *j = calloc(1, sizeof(*j));

	if (!j || !(j->db_path = strdup(db_path))) {
		free(j);
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	}
	pthread_mutex_init(&j->lock, NULL);
	pthread_cond_init(&j->wake, NULL);
	if (pthread_create(&j->thread, NULL, run, j)) {
		pthread_mutex_destroy(&j->lock);
		pthread_cond_destroy(&j->wake);
		free(j->db_path);
		free(j);
		return kh_error_set(err, KH_EIO, "", "cannot start the pool sweep");
	}
	*out = j;
	return 0;
}

void kh_pool_job_stop(struct kh_pool_job *j)
{
	if (!j)
		return;
	pthread_mutex_lock(&j->lock);
	j->stop = true;
	pthread_cond_signal(&j->wake);
	pthread_mutex_unlock(&j->lock);
	pthread_join(j->thread, NULL);
	pthread_mutex_destroy(&j->lock);
	pthread_cond_destroy(&j->wake);
	free(j->db_path);
	free(j);
}
