/*
 * contract.c: contracts with lines, their total and their approval (see
 * contract.h). The lines are checked and priced by the order's code
 * (order.h); the approval's state machine is approval.h's, and this file
 * adds what a contract's decision does: its order.
 */
#include "service/sales/contract.h"

#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "service/entity.h"
#include "service/present.h"
#include "service/sales/approval.h"
#include "service/sales/doc_number.h"
#include "service/sales/order.h"
#include "store/sales/contracts.h"
#include "base/banned.h"

#define BP_WHOLE 10000

/* The lines' sum less a discount of bp basis points, to the nearest fen. */
static int64_t discounted(int64_t sum, int64_t bp)
{
	return (sum * (BP_WHOLE - bp) + BP_WHOLE / 2) / BP_WHOLE;
}

static int64_t int_of(json_t *cols, json_t *old, const char *col)
{
	json_t *v = json_object_get(cols, col);

	return json_integer_value(v ? v : json_object_get(old, col));
}

/* A scalar input value as text (NULL for a list, an object or null). */
static const char *scalar(json_t *v, char buf[64])
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(buf, 64, "%lld", (long long)json_integer_value(v));
		return buf;
	}
	if (json_is_real(v)) {
		snprintf(buf, 64, "%.15g", json_real_value(v));
		return buf;
	}
	return NULL;
}

/* A total that disagrees with the lines and the discount. */
static int total_refused(int64_t given, int64_t want, struct kh_error *err)
{
	char g[32], w[32];

	kh_money_format(given, g);
	kh_money_format(want, w);
	return kh_error_set(err, KH_EINVAL, "total", "total %s disagrees with the lines less "
			    "the discount, which come to %s", g, w);
}

int kh_contract_check_write(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *cols,
			    struct kh_error *err)
{
	json_t *start, *end;
	int64_t sum = 0, n = 0, bp;
	int rc;

	if ((rc = kh_approval_check_editable("contract", id, old, cols, err)))
		return rc;
	bp = int_of(cols, old, "discount_bp");
	if (bp < 0 || bp > BP_WHOLE)
		return kh_error_set(err, KH_EINVAL, "discount", "discount is a percentage from 0 to "
				    "100 (two decimals)");
	start = json_object_get(cols, "start_date");
	end = json_object_get(cols, "end_date");
	start = start ? start : json_object_get(old, "start_date");
	end = end ? end : json_object_get(old, "end_date");
	if (json_is_string(start) && json_is_string(end) &&
	    strcmp(json_string_value(end), json_string_value(start)) < 0)
		return kh_error_set(err, KH_EINVAL, "end_date", "end_date %s is before start_date %s",
				    json_string_value(end), json_string_value(start));
	if (!old) {
		if (ctx->actor.user_id && !json_object_get(cols, "owner_id"))
			json_object_set_new(cols, "owner_id", json_integer(ctx->actor.user_id));
		return kh_doc_number_fill(ctx, "contracts", "contract.number_pattern", cols, err);
	}
	/* With lines the total is theirs, less the discount. */
	if ((json_object_get(cols, "discount_bp") || json_object_get(cols, "total_fen")) &&
	    (rc = kh_store_doc_lines_sum(ctx->store, KH_LINES_CONTRACT, id, &sum, &n, err)))
		return rc;
	if (n > 0) {
		json_t *total = json_object_get(cols, "total_fen");

		if (json_is_integer(total) && json_integer_value(total) != discounted(sum, bp))
			return total_refused(json_integer_value(total), discounted(sum, bp), err);
		json_object_set_new(cols, "total_fen", json_integer(discounted(sum, bp)));
	}
	return 0;
}

int kh_contract_after_write(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *row,
			    struct kh_error *err)
{
	int64_t n = 0;
	int rc;

	/* Only a delete is refused here: one with receipts, or an approved one. */
	if (!old || json_is_null(json_object_get(row, "deleted_at")))
		return 0;
	if (json_is_string(json_object_get(old, "status")) &&
	    strcmp(json_string_value(json_object_get(old, "status")), "approved") == 0)
		return kh_error_set(err, KH_ECONFLICT, "status", "contract %lld is approved: cancel "
				    "it instead of deleting it", (long long)id);
	if ((rc = kh_store_receipts_count(ctx->store, id, false, &n, err)))
		return rc;
	if (n > 0)
		return kh_error_set(err, KH_ECONFLICT, "id", "contract %lld has %lld receipts: a "
				    "contract with receipts cannot be deleted", (long long)id,
				    (long long)n);
	return 0;
}

/* The customer, name and total of a contract made from an opportunity, and
 * its lines when in gives none (the total then follows them). */
static int from_opportunity(struct kh_ctx *ctx, json_t *in, struct kh_error *err)
{
	char buf[64];
	const char *s = scalar(json_object_get(in, "opportunity"), buf);
	json_t *opp = NULL, *v, *stored = NULL;
	int64_t oid;
	char money[32];
	int rc = 0;

	if (!s || json_object_get(in, "customer") ||
	    kh_parse_int64(s, 1, INT64_MAX, &oid, "opportunity", NULL) ||
	    kh_store_get(ctx->store, "opportunities", oid, &opp, NULL))
		return 0; /* the field's own check reports it */
	json_object_set(in, "customer", json_object_get(opp, "customer_id"));
	if (!json_object_get(in, "name") && json_is_string(json_object_get(opp, "name")))
		json_object_set(in, "name", json_object_get(opp, "name"));
	if (!json_object_get(in, "lines") &&
	    (rc = kh_store_doc_lines(ctx->store, KH_LINES_OPPORTUNITY, oid, &stored, err)) == 0 &&
	    json_array_size(stored) > 0)
		json_object_set_new(in, "lines", kh_doc_lines_input(stored));
	v = json_object_get(opp, "amount_fen");
	if (!rc && !json_object_get(in, "lines") && !json_object_get(in, "total") &&
	    json_is_integer(v)) {
		kh_money_format(json_integer_value(v), money);
		json_object_set_new(in, "total", json_string(money));
	}
	json_decref(stored);
	json_decref(opp);
	return rc;
}

/* The discount of in in basis points (0 when none or malformed: the field's
 * own check reports that). */
static int64_t discount_of(struct kh_ctx *ctx, json_t *in, json_t *old)
{
	const struct kh_field *f = kh_entity_field(&kh_contract_entity, "discount");
	json_t *v = json_object_get(in, "discount"), *cv = NULL;
	int64_t bp;

	if (!v)
		return json_integer_value(json_object_get(old, "discount_bp"));
	if (kh_entity_value(ctx, f, v, &cv, NULL))
		return 0;
	bp = json_integer_value(cv);
	json_decref(cv);
	return bp;
}

/* in's "total" set from the lines' sum less the discount, or refused when it
 * disagrees. */
static int set_total(json_t *in, int64_t want, struct kh_error *err)
{
	json_t *given = json_object_get(in, "total");
	char buf[64], money[32];
	const char *s = scalar(given, buf);
	int64_t fen;

	if (s && kh_parse_money(s, false, &fen, "total", NULL) == 0 && fen != want)
		return total_refused(fen, want, err);
	kh_money_format(want, money);
	json_object_set_new(in, "total", json_string(money));
	return 0;
}

int kh_contract_create(struct kh_ctx *ctx, json_t *input, int64_t *id, struct kh_error *err)
{
	struct kh_order_line lines[KH_ORDER_LINES_MAX];
	json_t *in = NULL, *jl = NULL;
	int64_t cid = 0, sum = 0, cost;
	size_t n = 0;
	int rc;

	if (!json_is_object(input))
		return kh_error_set(err, KH_EINVAL, "", "the contract must be a JSON object");
	if ((rc = kh_store_begin(ctx->store, err)))
		return rc;
	in = json_deep_copy(input);
	if ((rc = from_opportunity(ctx, in, err)))
		goto out;
	jl = json_incref(json_object_get(in, "lines"));
	json_object_del(in, "lines");
	/* The lines are checked first, so that a bad one is named before the
	 * contract exists; they go in after it. */
	if (jl && (rc = kh_order_lines_parse(ctx, jl, lines, &n, &sum, &cost, err)))
		goto out;
	if (n > 0 && (rc = set_total(in, discounted(sum, discount_of(ctx, in, NULL)), err)))
		goto out;
	if ((rc = kh_entity_create(ctx, &kh_contract_entity, in, &cid, err)))
		goto out;
	if (n > 0 && (rc = kh_doc_lines_put(ctx, KH_LINES_CONTRACT, cid, lines, n, err)))
		goto out;
	rc = kh_store_commit(ctx->store, err);
out:
	if (rc)
		kh_store_rollback(ctx->store);
	else
		*id = cid;
	json_decref(jl);
	json_decref(in);
	return rc;
}

int kh_contract_update(struct kh_ctx *ctx, int64_t id, json_t *input, struct kh_error *err)
{
	struct kh_order_line lines[KH_ORDER_LINES_MAX];
	json_t *in = NULL, *jl = json_object_get(input, "lines"), *old = NULL;
	int64_t sum = 0, cost;
	size_t n = 0;
	int rc;

	if (!jl)
		return kh_entity_update(ctx, &kh_contract_entity, id, input, err);
	if ((rc = kh_store_begin(ctx->store, err)))
		return rc;
	in = json_deep_copy(input);
	json_object_del(in, "lines");
	/* One the actor cannot see is missing, before its lines are looked at. */
	if ((rc = kh_entity_get(ctx, &kh_contract_entity, id, &old, err)))
		goto out;
	json_decref(old);
	old = NULL;
	rc = kh_store_get(ctx->store, "contracts", id, &old, err);
	/* The entity's update checks who may and whether it is a draft; the
	 * lines before it are undone with it when it refuses. */
	if (rc || (rc = kh_approval_check_editable("contract", id, old, NULL, err)) ||
	    (rc = kh_order_lines_parse(ctx, jl, lines, &n, &sum, &cost, err)) ||
	    (rc = kh_doc_lines_put(ctx, KH_LINES_CONTRACT, id, lines, n, err)))
		goto out;
	if (n > 0 && (rc = set_total(in, discounted(sum, discount_of(ctx, in, old)), err)))
		goto out;
	if ((rc = kh_entity_update(ctx, &kh_contract_entity, id, in, err)))
		goto out;
	rc = kh_store_commit(ctx->store, err);
out:
	if (rc)
		kh_store_rollback(ctx->store);
	json_decref(in);
	json_decref(old);
	return rc;
}

int kh_contract_get(struct kh_ctx *ctx, int64_t id, json_t **out, struct kh_error *err)
{
	json_t *c = NULL, *lines = NULL, *row = NULL;
	int64_t order_id = 0, committed = 0;
	char money[32];
	int rc;

	if ((rc = kh_entity_get(ctx, &kh_contract_entity, id, &c, err)))
		return rc;
	if ((rc = kh_store_doc_lines(ctx->store, KH_LINES_CONTRACT, id, &lines, err)) ||
	    (rc = kh_store_contract_order(ctx->store, id, &order_id, err)) ||
	    (rc = kh_store_receipts_committed(ctx->store, id, 0, &committed, err)) ||
	    (rc = kh_store_get(ctx->store, "contracts", id, &row, err))) {
		json_decref(c);
		json_decref(lines);
		return rc;
	}
	json_object_set_new(c, "lines", kh_present_lines(lines));
	json_object_set_new(c, "order", order_id ? json_integer(order_id) : json_null());
	kh_money_format(json_integer_value(json_object_get(row, "total_fen")) - committed, money);
	json_object_set_new(c, "remaining", json_string(money));
	json_decref(row);
	*out = c;
	return 0;
}

/* The contract's order, made on its approval: its lines at their prices,
 * its amount the contract's total, on the signed date (else today). */
static int make_order(struct kh_ctx *sys, int64_t id, json_t *row, struct kh_error *err)
{
	struct kh_order_line lines[KH_ORDER_LINES_MAX];
	json_t *stored = NULL, *jl = NULL, *in = NULL, *link = NULL;
	int64_t sum = 0, cost = 0, order_id = 0;
	char money[32], day[11];
	size_t n = 0;
	int rc;

	if ((rc = kh_store_doc_lines(sys->store, KH_LINES_CONTRACT, id, &stored, err)))
		goto out;
	jl = kh_doc_lines_input(stored);
	if ((rc = kh_order_lines_parse(sys, jl, lines, &n, &sum, &cost, err)))
		goto out;
	kh_date_format(kh_today(), day);
	kh_money_format(json_integer_value(json_object_get(row, "total_fen")), money);
	in = json_pack("{s:O, s:s, s:s, s:s}", "customer", json_object_get(row, "customer_id"),
		       "date", json_is_string(json_object_get(row, "signed_date"))
				       ? json_string_value(json_object_get(row, "signed_date"))
				       : day,
		       "amount", money, "status", "confirmed");
	if (json_is_integer(json_object_get(row, "owner_id")))
		json_object_set(in, "owner", json_object_get(row, "owner_id"));
	if (n > 0 && cost >= 0) {
		kh_money_format(cost, money);
		json_object_set_new(in, "cost", json_string(money));
	}
	if ((rc = kh_order_create_with(sys, in, lines, n, &order_id, err)))
		goto out;
	link = json_pack("{s:I}", "contract_id", (json_int_t)id);
	rc = kh_store_update(sys->store, "orders", order_id, link, err);
out:
	json_decref(stored);
	json_decref(jl);
	json_decref(in);
	json_decref(link);
	return rc;
}

static int contract_before(struct kh_ctx *ctx, enum kh_approval_action a, int64_t id,
			   json_t *row, struct kh_error *err)
{
	int64_t n = 0;
	int rc;

	if (a != KH_APPROVAL_CANCEL)
		return 0;
	if ((rc = kh_store_receipts_count(ctx->store, id, true, &n, err)))
		return rc;
	(void)row;
	if (n > 0)
		return kh_error_set(err, KH_ECONFLICT, "status", "contract %lld has %lld receipts "
				    "in review or approved: cancel them first", (long long)id,
				    (long long)n);
	return 0;
}

static int contract_after(struct kh_ctx *sys, enum kh_approval_action a, int64_t id,
			  json_t *row, struct kh_error *err)
{
	const char *was = json_string_value(json_object_get(row, "status"));
	json_t *cancel;
	int64_t order_id = 0;
	int rc;

	if (a == KH_APPROVAL_APPROVE)
		return make_order(sys, id, row, err);
	if (a != KH_APPROVAL_CANCEL || !was || strcmp(was, "approved"))
		return 0;
	if ((rc = kh_store_contract_order(sys->store, id, &order_id, err)) || !order_id)
		return rc;
	cancel = json_pack("{s:s}", "status", "cancelled");
	rc = kh_entity_update(sys, &kh_order_entity, order_id, cancel, err);
	json_decref(cancel);
	return rc;
}

static const struct kh_approval_kind contract_kind = {
	.entity = &kh_contract_entity,
	.before = contract_before,
	.after = contract_after,
};

int kh_contract_act(struct kh_ctx *ctx, int64_t id, const char *verb, json_t *body,
		    struct kh_error *err)
{
	enum kh_approval_action a;

	if (kh_approval_parse(verb, &a))
		return kh_error_set(err, KH_EINVAL, "", "a contract is submitted, approved, "
				    "rejected or cancelled, not %.40s", verb ? verb : "");
	return kh_approval_act(ctx, &contract_kind, id, a, body, err);
}
