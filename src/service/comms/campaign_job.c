/*
 * campaign_job.c: the server's campaign sender (see campaign_job.h), in
 * the shape of the reminder job (remind_job.c).
 */
#include "service/comms/campaign_job.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/worker.h"
#include "service/comms/campaign_send.h"
#include "service/context.h"
#include "base/banned.h"

#define SEND_CACHE_MIB 16
#define ROUND_MAX 1000

struct kh_campaign_job {
	struct kh_worker *worker;
	char *db_path;
	long interval_ms;
};

static bool pace_wait(void *arg, long ms)
{
	return kh_worker_pause(arg, ms);
}

static void run(struct kh_worker *w, void *arg)
{
	struct kh_campaign_job *j = arg;
	struct kh_campaign_sender *sender = kh_campaign_sender_new(true, pace_wait, w);
	struct kh_store *st = NULL;
	char last_error[256] = "";

	if (!sender || kh_store_open(j->db_path, &st, NULL)) {
		kh_campaign_sender_free(sender);
		return;
	}
	kh_store_set_memory(st, SEND_CACHE_MIB, 0);
	/* a mark per message: an fsync each would halve the pace (store.h) */
	kh_store_relax_sync(st);
	for (;;) {
		struct kh_ctx ctx;
		struct kh_campaign_round round = {0};
		struct kh_error err = {0};
		int rc;

		kh_ctx_init_system(&ctx, st);
		rc = kh_campaign_send_round(&ctx, sender, ROUND_MAX, &round, &err);
		kh_ctx_release(&ctx);
		/* said once per cause, not once a round */
		if (rc && strcmp(err.message, last_error)) {
			fprintf(stderr, "kehu: campaign mail: %s\n", err.message);
			snprintf(last_error, sizeof(last_error), "%s", err.message);
		} else if (round.server_error[0] && strcmp(round.server_error, last_error)) {
			fprintf(stderr, "kehu: campaign mail: the SMTP server refuses: %s\n",
				round.server_error);
			snprintf(last_error, sizeof(last_error), "%s", round.server_error);
		}
		if (round.stopped)
			break;
		if ((rc || round.idle) && kh_worker_pause(w, j->interval_ms))
			break;
	}
	kh_campaign_sender_free(sender);
	kh_store_free(st);
}

int kh_campaign_job_start(const char *db_path, long interval_ms, struct kh_campaign_job **out,
			  struct kh_error *err)
{
	struct kh_campaign_job *j = calloc(1, sizeof(*j));
	int rc;

	if (!j || !(j->db_path = strdup(db_path))) {
		free(j);
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	}
	j->interval_ms = interval_ms < 100 ? 100 : interval_ms;
	if ((rc = kh_worker_start(run, j, &j->worker))) {
		free(j->db_path);
		free(j);
		return kh_error_set(err, rc, "", "cannot start the campaign sender");
	}
	*out = j;
	return 0;
}

void kh_campaign_job_stop(struct kh_campaign_job *j)
{
	if (!j)
		return;
	kh_worker_stop(j->worker);
	free(j->db_path);
	free(j);
}
