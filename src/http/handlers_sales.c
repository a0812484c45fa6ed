/*
 * handlers_sales.c: the routes of opportunities, contracts and receipts
 * beyond the registry's: a stage history (service/sales/stage.h), and the
 * approval of contracts and receipts (service/sales/approval.h), whose
 * verb is the route's last segment.
 */
#include "http/handlers.h"

#include <string.h>

#include "service/sales/contract.h"
#include "service/sales/receivable.h"
#include "service/sales/stage.h"
#include "base/banned.h"

int kh_h_opportunity_stages(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_opportunity_stages(&r->ctx, r->id, &out, err);

	return rc ? rc : kh_http_reply(r, 200, out);
}

static const char *verb_of(struct kh_http_req *r)
{
	return strrchr(r->route->pattern, '/') + 1;
}

int kh_h_contract_act(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_contract_act(&r->ctx, r->id, verb_of(r), r->body, err);

	if (rc == 0)
		rc = kh_contract_get(&r->ctx, r->id, &out, err);
	return rc ? rc : kh_http_reply(r, 200, out);
}

int kh_h_receivable_act(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_receivable_act(&r->ctx, r->id, verb_of(r), r->body, err);

	if (rc == 0)
		rc = kh_entity_get(&r->ctx, &kh_receivable_entity, r->id, &out, err);
	return rc ? rc : kh_http_reply(r, 200, out);
}
