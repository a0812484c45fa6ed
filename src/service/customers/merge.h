/*
 * merge.h: two records of the same company made one (查重 finds them; this
 * joins them). The survivor keeps its id, owner and team, takes the field
 * values chosen from the other, and gets every contact, order, payment,
 * activity, opportunity, task, date, competitor, share, phone and search
 * key of it; the other is soft-deleted with merged_into set, and its audit
 * history stays under its own id. One transaction: all of it or nothing.
 */
#ifndef KH_MERGE_H
#define KH_MERGE_H

#include <jansson.h>
#include <stdint.h>

#include "service/context.h"

struct kh_merge_request {
	int64_t survivor, other;
	/* Field names whose value comes from other (a JSON array, borrowed), or
	 * NULL: then every field the survivor leaves empty is filled from other. */
	json_t *take;
	/* What other's owner keeps of the survivor when it is someone else:
	 * "none", "read" (the default, NULL) or "write". */
	const char *other_owner_access;
};

/* Both records side by side, before a merge: {"survivor": {...}, "other":
 * {...}, "fields": [{"name", "survivor", "other", "take"}] (the fields that
 * differ; take: what a merge without a choice does), "moves": {"contacts":
 * n, ...}}. The actor must be able to manage both (the owner, or a manager
 * or admin with them in scope): KH_ENOTFOUND for one they cannot see,
 * KH_EPERM for one they see but may not manage. */
int kh_customer_merge_preview(struct kh_ctx *ctx, int64_t survivor, int64_t other, json_t **out,
			      struct kh_error *err);

/* Merge req->other into req->survivor, checked as the preview is; a bad
 * take (unknown, read-only or ownership field) is KH_EINVAL naming "take".
 * *out: {"id", "merged", "taken": [...], "moved": {"contacts": n, ...}}. */
int kh_customer_merge(struct kh_ctx *ctx, const struct kh_merge_request *req, json_t **out,
		      struct kh_error *err);

#endif
