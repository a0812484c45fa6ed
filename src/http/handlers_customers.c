/*
 * handlers_customers.c: the routes the web UI needed beyond the registry:
 * bulk ownership changes (transfer, share, release of many customers in
 * one transaction), the merge of two customers, the approval of visit plans,
 * the user directory of display names and duplicate control (the check
 * before a form, the report), the pool lock. Each parses its body, calls one service and
 * answers.
 */
#include "http/handlers.h"

#include <stdint.h>
#include <string.h>

#include "base/parse.h"
#include "service/customers/duplicates.h"
#include "service/customers/merge.h"
#include "service/customers/ownership.h"
#include "service/customers/pool.h"
#include "service/accounts/users.h"
#include "service/work/visit_plan.h"
#include "base/banned.h"

/* After a bulk change: {"count", "items": [{"id", "owner", "in_pool",
 * "shares"}]}, read as the system: the actor may have given customers away. */
static int bulk_reply(struct kh_http_req *r, json_t *ids, int rc, struct kh_error *err)
{
	struct kh_ctx sys;
	json_t *items;

	if (rc)
		return rc;
	kh_ctx_init_system(&sys, r->ctx.store);
	items = json_array();
	for (size_t i = 0; i < json_array_size(ids); i++) {
		int64_t id = json_integer_value(json_array_get(ids, i));
		json_t *owners = NULL;

		if ((rc = kh_customer_owners(&sys, id, &owners, err))) {
			json_decref(items);
			return rc;
		}
		json_object_set_new(owners, "id", json_integer(id));
		json_array_append_new(items, owners);
	}
	return kh_http_reply(r, 200, json_pack("{s:I, s:o}", "count",
					       (json_int_t)json_array_size(items), "items",
					       items));
}

int kh_h_customers_bulk_transfer(struct kh_http_req *r, struct kh_error *err)
{
	json_t *ids = json_object_get(r->body, "ids");
	struct kh_transfer_args a = {0};
	int rc;

	if ((rc = kh_http_transfer_args(r, true, &a, err)))
		return rc;
	rc = kh_customers_transfer(&r->ctx, ids, a.to, a.old_owner_access, a.move_related, err);
	return bulk_reply(r, ids, rc, err);
}

int kh_h_customers_bulk_share(struct kh_http_req *r, struct kh_error *err)
{
	static const char *const names[] = {"ids", "user", "access", NULL};
	json_t *ids = json_object_get(r->body, "ids");
	int64_t user = 0;
	int rc;

	if ((rc = kh_http_body_only(r, names, err)) ||
	    (rc = kh_http_body_id(r, "user", &user, err)))
		return rc;
	rc = kh_customers_share(&r->ctx, ids, user,
				json_string_value(json_object_get(r->body, "access")), err);
	return bulk_reply(r, ids, rc, err);
}

int kh_h_customers_bulk_release(struct kh_http_req *r, struct kh_error *err)
{
	static const char *const names[] = {"ids", NULL};
	json_t *ids = json_object_get(r->body, "ids");
	int rc;

	if ((rc = kh_http_body_only(r, names, err)))
		return rc;
	return bulk_reply(r, ids, kh_customers_release(&r->ctx, ids, err), err);
}

int kh_h_activity_approve(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_visit_plan_approve(&r->ctx, r->id, err);

	if (rc == 0)
		rc = kh_entity_get(&r->ctx, &kh_activity_entity, r->id, &out, err);
	return rc ? rc : kh_http_reply(r, 200, out);
}

int kh_h_activity_reject(struct kh_http_req *r, struct kh_error *err)
{
	static const char *const names[] = {"comment", NULL};
	json_t *out = NULL;
	int rc;

	if ((rc = kh_http_body_only(r, names, err)) ||
	    (rc = kh_visit_plan_reject(&r->ctx, r->id, json_object_get(r->body, "comment"), err)))
		return rc;
	rc = kh_entity_get(&r->ctx, &kh_activity_entity, r->id, &out, err);
	return rc ? rc : kh_http_reply(r, 200, out);
}

int kh_h_user_directory(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_user_directory(&r->ctx, &out, err);

	return rc ? rc : kh_http_reply(r, 200, out);
}

int kh_h_customer_merge_preview(struct kh_http_req *r, struct kh_error *err)
{
	const char *from = json_string_value(json_object_get(r->query, "from"));
	json_t *out = NULL;
	int64_t other = 0;
	const char *key;
	json_t *v;
	int rc;

	json_object_foreach(r->query, key, v)
		if (strcmp(key, "from"))
			return kh_error_set(err, KH_EINVAL, key, "unknown parameter %s", key);
	if (!from)
		return kh_error_set(err, KH_EINVAL, "from", "from (the customer to merge in) is "
				    "required");
	if ((rc = kh_parse_int64(from, 1, INT64_MAX, &other, "from", err)) ||
	    (rc = kh_customer_merge_preview(&r->ctx, r->id, other, &out, err)))
		return rc;
	return kh_http_reply(r, 200, out);
}

int kh_h_customer_merge(struct kh_http_req *r, struct kh_error *err)
{
	static const char *const names[] = {"from", "take", "other_owner_access", NULL};
	json_t *access = json_object_get(r->body, "other_owner_access");
	struct kh_merge_request req = {.survivor = r->id};
	json_t *out = NULL;
	int rc;

	if ((rc = kh_http_body_only(r, names, err)) ||
	    (rc = kh_http_body_id(r, "from", &req.other, err)))
		return rc;
	if (access && !json_is_string(access))
		return kh_error_set(err, KH_EINVAL, "other_owner_access",
				    "other_owner_access must be none, read or write");
	req.take = json_object_get(r->body, "take");
	req.other_owner_access = json_string_value(access);
	if ((rc = kh_customer_merge(&r->ctx, &req, &out, err)))
		return rc;
	return kh_http_reply(r, 200, out);
}

int kh_h_duplicates_check(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_duplicates_check(&r->ctx, r->query, &out, err);

	return rc ? rc : kh_http_reply(r, 200, out);
}

/* ?limit=N (default 100) and ?offset=N of the groups. */
int kh_h_duplicates_report(struct kh_http_req *r, struct kh_error *err)
{
	const char *limit_s = json_string_value(json_object_get(r->query, "limit"));
	const char *offset_s = json_string_value(json_object_get(r->query, "offset"));
	int64_t limit = 100, offset = 0;
	json_t *out = NULL;
	int rc = 0;

	if (limit_s)
		rc = kh_parse_int64(limit_s, 1, 500, &limit, "limit", err);
	if (rc == 0 && offset_s)
		rc = kh_parse_int64(offset_s, 0, INT64_MAX, &offset, "offset", err);
	if (rc == 0)
		rc = kh_duplicates_report(&r->ctx, limit, offset, &out, err);
	return rc ? rc : kh_http_reply(r, 200, out);
}

/* Lock (锁定) or unlock a customer: {"id", "locked"}. */
static int lock_reply(struct kh_http_req *r, bool lock, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_customer_lock(&r->ctx, r->id, lock, &out, err);

	return rc ? rc : kh_http_reply(r, 200, out);
}

int kh_h_customer_lock(struct kh_http_req *r, struct kh_error *err)
{
	return lock_reply(r, true, err);
}

int kh_h_customer_unlock(struct kh_http_req *r, struct kh_error *err)
{
	return lock_reply(r, false, err);
}
