/*
 * handlers_sales.c: the routes of opportunities beyond the registry's: a
 * stage history (service/sales/stage.h).
 */
#include "http/handlers.h"

#include "service/sales/stage.h"
#include "base/banned.h"

int kh_h_opportunity_stages(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_opportunity_stages(&r->ctx, r->id, &out, err);

	return rc ? rc : kh_http_reply(r, 200, out);
}
