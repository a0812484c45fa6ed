/*
 * handlers_leads.c: the routes of leads beyond the registry's: a lead's
 * follow-ups and its conversion into a customer. Each parses its body,
 * calls one service (service/leads) and answers.
 */
#include "http/handlers.h"

#include "service/entity.h"
#include "service/leads/lead.h"
#include "base/banned.h"

int kh_h_lead_convert(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_lead_convert(&r->ctx, r->id, r->body, &out, err);

	return rc ? rc : kh_http_reply(r, 200, out);
}

int kh_h_lead_followup(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int64_t id = 0;
	int rc = kh_lead_followup(&r->ctx, r->id, r->body, &id, err);

	if (rc == 0)
		rc = kh_entity_get(&r->ctx, &kh_activity_entity, id, &out, err);
	return rc ? rc : kh_http_reply(r, 201, out);
}

int kh_h_lead_followups(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_lead_followups(&r->ctx, r->id, &out, err);

	return rc ? rc : kh_http_reply(r, 200, out);
}
