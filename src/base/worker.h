/*
 * worker.h: a background thread that can be told to stop: it sleeps in
 * kh_worker_pause, which a stop interrupts, and kh_worker_stop waits for
 * it. The server's report refresher and pool sweep run on one each.
 */
#ifndef KH_WORKER_H
#define KH_WORKER_H

#include <stdbool.h>

struct kh_worker;

/* Run body(w, arg) on a new thread. 0 and *out, or KH_ENOMEM / KH_EIO. */
int kh_worker_start(void (*body)(struct kh_worker *w, void *arg), void *arg,
		    struct kh_worker **out);
/* Sleep ms milliseconds, or less when asked to stop; true when stopping. */
bool kh_worker_pause(struct kh_worker *w, long ms);
/* Ask the thread to stop, wait for its body to return, free it; NULL is
 * accepted. */
void kh_worker_stop(struct kh_worker *w);

#endif
