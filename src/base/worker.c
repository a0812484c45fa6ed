/*
 * worker.c: a stoppable background thread (see worker.h).
 */
#include "base/worker.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "base/error.h"
#include "base/banned.h"

struct kh_worker {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool stop;
	void (*body)(struct kh_worker *w, void *arg);
	void *arg;
};

static void *run(void *p)
{
	struct kh_worker *w = p;

	w->body(w, w->arg);
	return NULL;
}

int kh_worker_start(void (*body)(struct kh_worker *w, void *arg), void *arg,
		    struct kh_worker **out)
{
	struct kh_worker *w = calloc(1, sizeof(*w));

	if (!w)
		return KH_ENOMEM;
	w->body = body;
	w->arg = arg;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->wake, NULL);
	if (pthread_create(&w->thread, NULL, run, w)) {
		pthread_mutex_destroy(&w->lock);
		pthread_cond_destroy(&w->wake);
		free(w);
		return KH_EIO;
	}
	*out = w;
	return 0;
}

bool kh_worker_pause(struct kh_worker *w, long ms)
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
	pthread_mutex_lock(&w->lock);
	while (!w->stop && pthread_cond_timedwait(&w->wake, &w->lock, &until) != ETIMEDOUT)
		;
	stop = w->stop;
	pthread_mutex_unlock(&w->lock);
	return stop;
}

void kh_worker_stop(struct kh_worker *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->lock);
	w->stop = true;
	pthread_cond_signal(&w->wake);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->wake);
	free(w);
}
