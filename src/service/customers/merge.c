/*
 * merge.c: two customers made one (see merge.h). The field values go
 * through kh_entity_update, the other's end through kh_entity_delete, so the
 * indexes, list totals, stored reports and audit log are kept by the same
 * hooks as every other write; this file moves the rows and the shares in
 * between and records the merge itself.
 */
#include "service/customers/merge.h"

#include <stdio.h>
#include <string.h>

#include "service/analysis/analyze.h"
#include "service/entity.h"
#include "service/permission.h"
#include "store/accounts/auth.h"
#include "store/analysis/report_results.h"
#include "store/customers/merge.h"
#include "store/work/followups.h"
#include "base/banned.h"

/* Ownership stays the survivor's: owner, team and pool are not fields a
 * merge takes. */
static bool mergeable(const struct kh_field *f)
{
	return !(f->flags & (KH_FIELD_READONLY | KH_FIELD_FIXED)) && strcmp(f->name, "team");
}

static bool blank(json_t *v)
{
	return !v || json_is_null(v) || (json_is_string(v) && !*json_string_value(v)) ||
	       (json_is_object(v) && json_object_size(v) == 0);
}

static int check_access(const char *access, struct kh_error *err)
{
	if (!access || !strcmp(access, "none") || !strcmp(access, "read") ||
	    !strcmp(access, "write"))
		return 0;
	return kh_error_set(err, KH_EINVAL, "other_owner_access",
			    "other_owner_access must be none, read or write");
}

/* Both customers as the actor sees them, after checking they may manage
 * both. */
static int load_pair(struct kh_ctx *ctx, int64_t survivor, int64_t other, json_t **a, json_t **b,
		     struct kh_error *err)
{
	int rc;

	if (survivor == other)
		return kh_error_set(err, KH_EINVAL, "from", "a customer cannot be merged into itself");
	if ((rc = kh_perm_customer_manage(ctx, survivor, err)))
		return rc;
	if ((rc = kh_perm_customer_manage(ctx, other, err))) {
		/* The other customer came in as "from". */
		if (err)
			snprintf(err->field, sizeof(err->field), "from");
		return rc;
	}
	if ((rc = kh_entity_get(ctx, &kh_customer_entity, survivor, a, err)))
		return rc;
	if ((rc = kh_entity_get(ctx, &kh_customer_entity, other, b, err))) {
		json_decref(*a);
		*a = NULL;
	}
	return rc;
}

/* The input of the survivor's update: each field of take (checked), or
 * with take NULL each field the survivor leaves blank and other fills.
 * *taken lists the names. */
static int merged_fields(json_t *a, json_t *b, json_t *take, json_t **input, json_t **taken,
			 struct kh_error *err)
{
	const struct kh_entity *e = &kh_customer_entity;

	*input = json_object();
	*taken = json_array();
	if (take && !json_is_array(take))
		return kh_error_set(err, KH_EINVAL, "take", "take must be a list of field names");
	for (size_t i = 0; take && i < json_array_size(take); i++) {
		const char *name = json_string_value(json_array_get(take, i));
		const struct kh_field *f = name ? kh_entity_field(e, name) : NULL;
		json_t *v;

		if (!f || !mergeable(f))
			return kh_error_set(err, KH_EINVAL, "take", "take: %s is not a field a merge "
					    "can take", name ? name : "(not a name)");
		v = json_object_get(b, name);
		json_object_set(*input, name, v ? v : json_null());
		json_array_append_new(*taken, json_string(name));
	}
	for (size_t i = 0; !take && i < e->nfields; i++) {
		const struct kh_field *f = &e->fields[i];

		if (mergeable(f) && blank(json_object_get(a, f->name)) &&
		    !blank(json_object_get(b, f->name))) {
			json_object_set(*input, f->name, json_object_get(b, f->name));
			json_array_append_new(*taken, json_string(f->name));
		}
	}
	return 0;
}

static json_t *moves_json(const int64_t n[KH_MERGE_NTABLES])
{
	json_t *o = json_object();

	for (int t = 0; t < KH_MERGE_NTABLES; t++)
		json_object_set_new(o, kh_store_merge_table_name(t), json_integer(n[t]));
	return o;
}

int kh_customer_merge_preview(struct kh_ctx *ctx, int64_t survivor, int64_t other, json_t **out,
			      struct kh_error *err)
{
	const struct kh_entity *e = &kh_customer_entity;
	json_t *a = NULL, *b = NULL, *input = NULL, *taken = NULL, *fields;
	int64_t n[KH_MERGE_NTABLES];
	int rc;

	if ((rc = kh_store_begin_read(ctx->store, err)))
		return rc;
	if ((rc = load_pair(ctx, survivor, other, &a, &b, err)) ||
	    (rc = merged_fields(a, b, NULL, &input, &taken, err)) ||
	    (rc = kh_store_customer_count_rows(ctx->store, other, n, err)))
		goto out;
	fields = json_array();
	for (size_t i = 0; i < e->nfields; i++) {
		const struct kh_field *f = &e->fields[i];
		json_t *va = json_object_get(a, f->name), *vb = json_object_get(b, f->name);

		if (!mergeable(f) || (blank(va) && blank(vb)) || (va && vb && json_equal(va, vb)))
			continue;
		json_array_append_new(fields, json_pack("{s:s, s:O?, s:O?, s:b}", "name", f->name,
							"survivor", va, "other", vb, "take",
							json_object_get(input, f->name) != NULL));
	}
	*out = json_pack("{s:O, s:O, s:o, s:o}", "survivor", a, "other", b, "fields", fields,
			 "moves", moves_json(n));
out:
	kh_store_commit(ctx->store, NULL);
	json_decref(a);
	json_decref(b);
	json_decref(input);
	json_decref(taken);
	return rc;
}

/* other's shares join the survivor's (the stronger access wins), and other's
 * owner keeps access as asked; then other has none. */
static int move_shares(struct kh_ctx *ctx, int64_t survivor, int64_t other, const char *access,
		       struct kh_error *err)
{
	struct kh_store_access sa, oa;
	json_t *shares = NULL, *s;
	size_t i;
	int rc;

	if ((rc = kh_store_customer_access(ctx->store, survivor, 0, &sa, err)) ||
	    (rc = kh_store_customer_access(ctx->store, other, 0, &oa, err)) ||
	    (rc = kh_store_customer_shares(ctx->store, other, &shares, err)))
		return rc;
	if (oa.owner_id && oa.owner_id != sa.owner_id && strcmp(access, "none"))
		json_array_append_new(shares, json_pack("{s:I, s:s}", "user",
							(json_int_t)oa.owner_id, "access", access));
	json_array_foreach(shares, i, s) {
		int64_t user = json_integer_value(json_object_get(s, "user"));
		const char *want = json_string_value(json_object_get(s, "access"));
		struct kh_store_access has;

		if (rc || user == sa.owner_id)
			continue;
		rc = kh_store_customer_access(ctx->store, survivor, user, &has, err);
		if (rc == 0 && strcmp(has.share, "write") && strcmp(has.share, want))
			rc = kh_store_customer_share(ctx->store, survivor, user, want, err);
	}
	json_decref(shares);
	return rc ? rc : kh_store_customer_shares_clear(ctx->store, other, err);
}

static int audit_merge(struct kh_ctx *ctx, const struct kh_merge_request *req, json_t *taken,
		       json_t *moved, struct kh_error *err)
{
	json_t *a = json_pack("{s:I, s:O, s:O}", "merged", (json_int_t)req->other, "taken", taken,
			      "moved", moved);
	json_t *b = json_pack("{s:I}", "merged_into", (json_int_t)req->survivor);
	int rc = kh_store_audit(ctx->store, ctx->actor.user_id, "merge", "customer", req->survivor,
				a, err);

	if (rc == 0)
		rc = kh_store_audit(ctx->store, ctx->actor.user_id, "merged_into", "customer",
				    req->other, b, err);
	json_decref(a);
	json_decref(b);
	return rc;
}

int kh_customer_merge(struct kh_ctx *ctx, const struct kh_merge_request *req, json_t **out,
		      struct kh_error *err)
{
	const char *access = req->other_owner_access ? req->other_owner_access : "read";
	json_t *a = NULL, *b = NULL, *input = NULL, *taken = NULL, *moved = NULL;
	int64_t n[KH_MERGE_NTABLES];
	int rc;

	if ((rc = check_access(access, err)) || (rc = kh_store_begin(ctx->store, err)))
		return rc;
	if ((rc = load_pair(ctx, req->survivor, req->other, &a, &b, err)) ||
	    (rc = merged_fields(a, b, req->take, &input, &taken, err)) ||
	    (rc = kh_store_customer_move_rows(ctx->store, req->other, req->survivor, n, err)) ||
	    (rc = move_shares(ctx, req->survivor, req->other, access, err)) ||
	    (rc = kh_entity_delete(ctx, &kh_customer_entity, req->other, err)) ||
	    (rc = kh_store_customer_mark_merged(ctx->store, req->other, req->survivor, err)) ||
	    (rc = kh_entity_update(ctx, &kh_customer_entity, req->survivor, input, err)) ||
	    (rc = kh_analyze_refresh_customer(ctx, req->survivor, err)) ||
	    (rc = kh_store_followup_refresh(ctx->store, KH_FOLLOWUP_CUSTOMER, req->survivor,
					    err)) ||
	    (rc = kh_store_report_results_stale_customer(ctx->store, req->survivor, err)))
		goto out;
	moved = moves_json(n);
	if ((rc = audit_merge(ctx, req, taken, moved, err)) ||
	    (rc = kh_store_commit(ctx->store, err)))
		goto out;
	*out = json_pack("{s:I, s:I, s:O, s:O}", "id", (json_int_t)req->survivor, "merged",
			 (json_int_t)req->other, "taken", taken, "moved", moved);
out:
	if (rc)
		kh_store_rollback(ctx->store);
	json_decref(a);
	json_decref(b);
	json_decref(input);
	json_decref(taken);
	json_decref(moved);
	return rc;
}
