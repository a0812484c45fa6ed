/*
 * campaign_send.c: the sender's rounds (see campaign_send.h).
 */
#include "service/comms/campaign_send.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/parse.h"
#include "service/accounts/auth.h"
#include "service/comms/campaign.h"
#include "service/comms/campaign_internal.h"
#include "service/comms/greeting.h"
#include "service/comms/mail.h"
#include "service/comms/send_pace.h"
#include "service/settings.h"
#include "store/comms/campaigns.h"
#include "store/comms/mail_queue.h"
#include "base/banned.h"

#define CLAIM_BATCH 20
#define LEASE_SECONDS 300 /* far longer than one batch takes */
#define DUE_BATCH 8

struct kh_campaign_sender {
	bool own_database, released;
	kh_campaign_wait_fn wait;
	void *arg;
	struct kh_mail_session *session;
	struct kh_send_pace pace;
	int per_second, per_hour;
	/* the campaign whose template is at hand */
	int64_t campaign_id;
	json_t *campaign;
};

struct kh_campaign_sender *kh_campaign_sender_new(bool own_database, kh_campaign_wait_fn wait,
						  void *arg)
{
	struct kh_campaign_sender *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->own_database = own_database;
	s->wait = wait;
	s->arg = arg;
	s->per_second = s->per_hour = -1;
	return s;
}

void kh_campaign_sender_free(struct kh_campaign_sender *s)
{
	if (!s)
		return;
	kh_mail_session_free(s->session);
	kh_send_pace_release(&s->pace);
	json_decref(s->campaign);
	free(s);
}

static int64_t now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* The ISO time seconds from now. */
static void iso_in(long seconds, char out[21])
{
	time_t t = time(NULL) + seconds;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The pace of the settings, made again when they changed. */
static int keep_pace(struct kh_ctx *ctx, struct kh_campaign_sender *s, struct kh_error *err)
{
	int per_second = (int)kh_setting_number(ctx, "campaign.rate_per_second");
	int per_hour = (int)kh_setting_number(ctx, "campaign.rate_per_hour");

	if (per_second == s->per_second && per_hour == s->per_hour)
		return 0;
	kh_send_pace_release(&s->pace);
	if (kh_send_pace_init(&s->pace, per_second, per_hour))
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	s->per_second = per_second;
	s->per_hour = per_hour;
	return 0;
}

/* Start the scheduled campaigns that are due, each as its sender; one
 * whose sender may no longer send is paused with the reason. */
static int start_due(struct kh_ctx *ctx, struct kh_campaign_round *round, struct kh_error *err)
{
	int64_t ids[DUE_BATCH];
	size_t n = 0;
	char now[21];
	int rc;

	kh_now_iso(now);
	if ((rc = kh_store_campaigns_due(ctx->store, now, ids, DUE_BATCH, &n, err)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		struct kh_ctx as;
		struct kh_error e = {0};
		json_t *row = NULL;
		int64_t sender;

		if ((rc = kh_store_campaign_get(ctx->store, ids[i], &row, err)))
			return rc;
		sender = json_integer_value(json_object_get(row, "sender_id"));
		json_decref(row);
		kh_ctx_init_system(&as, ctx->store);
		rc = kh_auth_actor_load(&as, sender, &e);
		if (rc == 0)
			rc = kh_campaign_start(&as, ids[i], &e);
		kh_ctx_release(&as);
		if (rc == 0) {
			round->started++;
			continue;
		}
		if (rc == KH_EDB || rc == KH_ENOMEM) {
			*err = e;
			return rc;
		}
		if (rc == KH_ECONFLICT) /* paused or cancelled meanwhile: theirs to say */
			continue;
		/* the sender left, or the audience no longer resolves: someone must look */
		if (!(row = json_pack("{s:s, s:s, s:{s:s}}", "status", "paused", "paused_from",
				      "scheduled", "left_out", "error", e.message)))
			return kh_error_set(err, KH_ENOMEM, "", "out of memory");
		rc = kh_store_update(ctx->store, "campaigns", ids[i], row, err);
		json_decref(row);
		if (rc)
			return rc;
	}
	return 0;
}

/* The template of campaign id at hand in s. */
static int template_of(struct kh_ctx *ctx, struct kh_campaign_sender *s, int64_t id,
		       struct kh_error *err)
{
	int rc;

	if (s->campaign && s->campaign_id == id)
		return 0;
	json_decref(s->campaign);
	s->campaign = NULL;
	if ((rc = kh_store_campaign_get(ctx->store, id, &s->campaign, err)))
		return rc;
	s->campaign_id = id;
	return 0;
}

/* Mark one message in a transaction of its own. */
static int mark(struct kh_ctx *ctx, int64_t id, enum kh_store_mail_state state,
		const char *next_at, long code, const char *error, json_t *links,
		struct kh_error *err)
{
	char now[21];
	int rc;

	kh_now_iso(now);
	if ((rc = kh_store_begin(ctx->store, err)))
		return rc;
	if ((rc = kh_store_mail_mark(ctx->store, id, state, now, next_at, code, error, links,
				     err)) == 0)
		rc = kh_store_commit(ctx->store, err);
	if (rc)
		kh_store_rollback(ctx->store);
	return rc;
}

/* The tracked links of a rendered message as a JSON array. */
static json_t *links_json(const struct kh_track_links *l)
{
	json_t *a = json_array();

	for (size_t i = 0; a && i < l->n; i++)
		json_array_append_new(a, json_string(l->urls[i]));
	return a;
}

/* What to do with a message the server did not take. */
static int not_taken(struct kh_ctx *ctx, const struct kh_store_mail_claim *c,
		     enum kh_mail_outcome outcome, long code, const char *why,
		     struct kh_campaign_round *round, struct kh_error *err)
{
	long after = kh_send_retry_after(c->attempts);
	char next[21];

	if (outcome == KH_MAIL_BAD_ADDRESS) {
		round->bounced++;
		return mark(ctx, c->id, KH_STORE_MAIL_BOUNCED, NULL, code, why, NULL, err);
	}
	if (outcome == KH_MAIL_REFUSED || after < 0) {
		round->failed++;
		return mark(ctx, c->id, KH_STORE_MAIL_FAILED, NULL, code, why, NULL, err);
	}
	round->retried++;
	iso_in(after, next);
	return mark(ctx, c->id, KH_STORE_MAIL_RETRY, next, code, why, NULL, err);
}

/* Send claimed message c. *server_down when the server refuses the sender or login. */
static int send_one(struct kh_ctx *ctx, struct kh_campaign_sender *s,
		    const struct kh_campaign_template *base, const struct kh_store_mail_claim *c,
		    struct kh_campaign_round *round, bool *server_down, struct kh_error *err)
{
	struct kh_campaign_template t = *base;
	struct kh_rendered r;
	struct kh_error e = {0};
	enum kh_mail_outcome outcome = KH_MAIL_RETRY;
	long code = 0, wait;
	int rc;

	kh_rendered_init(&r);
	if ((rc = template_of(ctx, s, c->campaign_id, err)))
		goto out;
	kh_campaign_template_of(s->campaign, &t);
	rc = kh_campaign_render(ctx, &t, c->id, c->contact_id, c->address, &r, &e);
	if (rc == KH_ENOMEM || rc == KH_EDB) {
		*err = e;
		goto out;
	}
	if (rc) { /* the contact is gone, or its template no longer renders */
		round->failed++;
		rc = mark(ctx, c->id, KH_STORE_MAIL_FAILED, NULL, 0, e.message, NULL, err);
		goto out;
	}
	if (r.blocked[0]) {
		round->dropped++;
		rc = mark(ctx, c->id, KH_STORE_MAIL_DROPPED, NULL, 0, r.blocked, NULL, err);
		goto out;
	}
	while ((wait = (long)kh_send_pace_wait(&s->pace, now_ms())) > 0)
		if (s->wait(s->arg, wait)) {
			round->stopped = true;
			/* not sent: it goes again at the next start */
			rc = kh_store_mail_unclaim(ctx->store, c->id, err);
			goto out;
		}
	rc = kh_mail_session_send(s->session, c->address, r.message.buf, &outcome, &code, &e);
	kh_send_pace_sent(&s->pace, now_ms());
	if (rc == 0) {
		json_t *links = links_json(&r.links);

		round->sent++;
		rc = mark(ctx, c->id, KH_STORE_MAIL_SENT, NULL, code, NULL, links, err);
		json_decref(links);
	} else if (outcome == KH_MAIL_SERVER) {
		/* not the message's fault: it waits, untried, until the setup is fixed */
		*server_down = true;
		snprintf(round->server_error, sizeof(round->server_error), "%s", e.message);
		rc = kh_store_mail_unclaim(ctx->store, c->id, err);
	} else
		rc = not_taken(ctx, c, outcome, code, e.message, round, err);
out:
	kh_rendered_release(&r);
	return rc;
}

/* Queue again what a dead sender (or, once, this process's last life) held. */
static int release_stale(struct kh_ctx *ctx, struct kh_campaign_sender *s, struct kh_error *err)
{
	size_t released = 0;
	char now[21];
	bool all = s->own_database && !s->released;
	int rc;

	kh_now_iso(now);
	if ((rc = kh_store_mail_release(ctx->store, now, all, &released, err)) == 0)
		s->released = true;
	return rc;
}

int kh_campaign_send_round(struct kh_ctx *ctx, struct kh_campaign_sender *s, size_t max,
			   struct kh_campaign_round *round, struct kh_error *err)
{
	struct kh_store_mail_claim claimed[CLAIM_BATCH];
	struct kh_campaign_template base = {0};
	struct kh_mail_config cfg;
	unsigned char key[KH_LINK_KEY_BYTES];
	char url[512], now[21], lease[21];
	size_t done = 0, n = 0, finished = 0;
	bool server_down = false;
	int rc;

	memset(round, 0, sizeof(*round));
	kh_ctx_forget(ctx); /* the settings of this round */
	if ((rc = release_stale(ctx, s, err)) ||
	    (rc = kh_greeting_queue_due(ctx, &round->greetings, err)) ||
	    (rc = start_due(ctx, round, err)) || (rc = keep_pace(ctx, s, err)))
		return rc;
	kh_mail_config_from(ctx, &cfg);
	if (!kh_mail_configured(&cfg) || kh_campaign_public_url(ctx, url, sizeof(url), NULL)) {
		round->idle = true; /* nothing can go until mail is set up */
		return 0;
	}
	if ((rc = kh_campaign_link_key(ctx, key, err)))
		return rc;
	base.from = cfg.from;
	base.base_url = url;
	base.key = key;
	while (done < max && !server_down && !round->stopped) {
		kh_now_iso(now);
		iso_in(LEASE_SECONDS, lease);
		if ((rc = kh_store_begin(ctx->store, err)))
			return rc;
		if ((rc = kh_store_mail_claim(ctx->store, now, lease,
					      max - done < CLAIM_BATCH ? max - done : CLAIM_BATCH,
					      claimed, &n, err)) == 0)
			rc = kh_store_commit(ctx->store, err);
		if (rc) {
			kh_store_rollback(ctx->store);
			return rc;
		}
		if (n == 0)
			break;
		if (!s->session && !(s->session = kh_mail_session_new(&cfg)))
			return kh_error_set(err, KH_ENOMEM, "", "out of memory");
		for (size_t i = 0; i < n; i++) {
			if (server_down || round->stopped) {
				/* what was claimed but not tried goes back, its attempt not spent */
				rc = kh_store_mail_unclaim(ctx->store, claimed[i].id, err);
			} else
				rc = send_one(ctx, s, &base, &claimed[i], round, &server_down, err);
			if (rc)
				return rc;
		}
		done += n;
	}
	if (n < CLAIM_BATCH || done == 0) {
		kh_now_iso(now);
		if ((rc = kh_store_mail_finish_campaigns(ctx->store, now, &finished, err)))
			return rc;
		round->finished = finished;
	}
	round->idle = done == 0 || server_down;
	if (round->idle) { /* close the connection while there is nothing to send */
		kh_mail_session_free(s->session);
		s->session = NULL;
	}
	return 0;
}
