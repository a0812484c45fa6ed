/*
 * handlers_campaigns.c: campaigns, greetings and consent (/api/v1/campaigns,
 * /api/v1/greetings, /api/v1/contacts/{id}/consent; service/comms/campaign.h,
 * greeting.h, consent.h).
 */
#include "http/handlers.h"

#include "service/comms/campaign.h"
#include "service/comms/consent.h"
#include "service/comms/greeting.h"
#include "base/banned.h"

static const char *const no_members[] = {NULL};

int kh_h_campaign_list(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_campaign_list(&r->ctx, r->query, &out, err);

	return rc ? rc : kh_http_reply(r, 200, out);
}

/* Answer with campaign id as it is now. */
static int reply_campaign(struct kh_http_req *r, int64_t id, int status, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_campaign_get(&r->ctx, id, &out, err);

	return rc ? rc : kh_http_reply(r, status, out);
}

int kh_h_campaign_create(struct kh_http_req *r, struct kh_error *err)
{
	int64_t id = 0;
	int rc = kh_campaign_create(&r->ctx, r->body, &id, err);

	return rc ? rc : reply_campaign(r, id, 201, err);
}

int kh_h_campaign_get(struct kh_http_req *r, struct kh_error *err)
{
	return reply_campaign(r, r->id, 200, err);
}

int kh_h_campaign_update(struct kh_http_req *r, struct kh_error *err)
{
	int rc = kh_campaign_update(&r->ctx, r->id, r->body, err);

	return rc ? rc : reply_campaign(r, r->id, 200, err);
}

int kh_h_campaign_delete(struct kh_http_req *r, struct kh_error *err)
{
	int rc = kh_campaign_delete(&r->ctx, r->id, err);

	return rc ? rc : kh_http_reply(r, 204, NULL);
}

int kh_h_campaign_preview(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_campaign_preview(&r->ctx, r->id, r->query, &out, err);

	return rc ? rc : kh_http_reply(r, 200, out);
}

int kh_h_campaign_test(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_campaign_test(&r->ctx, r->id, r->body, &out, err);

	return rc ? rc : kh_http_reply(r, 200, out);
}

int kh_h_campaign_send(struct kh_http_req *r, struct kh_error *err)
{
	int rc = kh_campaign_send(&r->ctx, r->id, r->body, err);

	return rc ? rc : reply_campaign(r, r->id, 200, err);
}

/* A move without a body: pause, resume, cancel. */
static int move(struct kh_http_req *r, int (*fn)(struct kh_ctx *, int64_t, struct kh_error *),
		struct kh_error *err)
{
	int rc = kh_http_body_only(r, no_members, err);

	if (rc == 0)
		rc = fn(&r->ctx, r->id, err);
	return rc ? rc : reply_campaign(r, r->id, 200, err);
}

int kh_h_campaign_pause(struct kh_http_req *r, struct kh_error *err)
{
	return move(r, kh_campaign_pause, err);
}

int kh_h_campaign_resume(struct kh_http_req *r, struct kh_error *err)
{
	return move(r, kh_campaign_resume, err);
}

int kh_h_campaign_cancel(struct kh_http_req *r, struct kh_error *err)
{
	return move(r, kh_campaign_cancel, err);
}

int kh_h_campaign_report(struct kh_http_req *r, struct kh_error *err)
{
	static const char *const none[] = {NULL};
	json_t *out = NULL;
	int rc = kh_http_query_only(r, none, err);

	if (rc == 0)
		rc = kh_campaign_report(&r->ctx, r->id, &out, err);
	return rc ? rc : kh_http_reply(r, 200, out);
}

int kh_h_campaign_messages(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_campaign_messages(&r->ctx, r->id, r->query, &out, err);

	return rc ? rc : kh_http_reply(r, 200, out);
}

int kh_h_greeting_list(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_http_query_only(r, no_members, err);

	if (rc == 0)
		rc = kh_greeting_list(&r->ctx, &out, err);
	return rc ? rc : kh_http_reply(r, 200, out);
}

static int reply_greeting(struct kh_http_req *r, int64_t id, int status, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_greeting_get(&r->ctx, id, &out, err);

	return rc ? rc : kh_http_reply(r, status, out);
}

int kh_h_greeting_create(struct kh_http_req *r, struct kh_error *err)
{
	int64_t id = 0;
	int rc = kh_greeting_create(&r->ctx, r->body, &id, err);

	return rc ? rc : reply_greeting(r, id, 201, err);
}

int kh_h_greeting_get(struct kh_http_req *r, struct kh_error *err)
{
	return reply_greeting(r, r->id, 200, err);
}

int kh_h_greeting_update(struct kh_http_req *r, struct kh_error *err)
{
	int rc = kh_greeting_update(&r->ctx, r->id, r->body, err);

	return rc ? rc : reply_greeting(r, r->id, 200, err);
}

int kh_h_greeting_delete(struct kh_http_req *r, struct kh_error *err)
{
	int rc = kh_greeting_delete(&r->ctx, r->id, err);

	return rc ? rc : kh_http_reply(r, 204, NULL);
}

int kh_h_greeting_upcoming(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_greeting_upcoming(&r->ctx, r->query, &out, err);

	return rc ? rc : kh_http_reply(r, 200, out);
}

int kh_h_greeting_skip(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_greeting_skip(&r->ctx, r->body, &out, err);

	return rc ? rc : kh_http_reply(r, 200, out);
}

int kh_h_consent_get(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_consent_get(&r->ctx, r->id, &out, err);

	return rc ? rc : kh_http_reply(r, 200, out);
}

int kh_h_consent_put(struct kh_http_req *r, struct kh_error *err)
{
	int rc = kh_consent_set(&r->ctx, r->id, r->body, err);

	return rc ? rc : kh_h_consent_get(r, err);
}
