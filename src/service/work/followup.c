/*
 * followup.c: the follow-up fields kept by an activity's writes (see
 * followup.h). A move from one customer, contact or opportunity to another
 * refreshes both sides.
 */
#include "service/work/followup.h"

#include "store/work/followups.h"
#include "base/banned.h"

static int64_t member(json_t *row, const char *column)
{
	return row ? json_integer_value(json_object_get(row, column)) : 0;
}

int kh_followup_after_activity(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *row,
			       struct kh_error *err)
{
	static const struct {
		const char *column;
		enum kh_followup_owner kind;
	} owners[] = {{"customer_id", KH_FOLLOWUP_CUSTOMER},
		      {"contact_id", KH_FOLLOWUP_CONTACT},
		      {"opportunity_id", KH_FOLLOWUP_OPPORTUNITY}};
	int rc = 0;

	(void)id;
	for (size_t i = 0; rc == 0 && i < sizeof(owners) / sizeof(owners[0]); i++) {
		int64_t was = member(old, owners[i].column), now = member(row, owners[i].column);

		if (now)
			rc = kh_store_followup_refresh(ctx->store, owners[i].kind, now, err);
		if (rc == 0 && was && was != now)
			rc = kh_store_followup_refresh(ctx->store, owners[i].kind, was, err);
	}
	return rc;
}
