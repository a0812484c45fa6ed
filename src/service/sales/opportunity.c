/*
 * opportunity.c: an opportunity's product lines (opportunity.h). The lines
 * are parsed and priced by the order's code and stored as a contract's
 * (order.h, store/sales/contracts.h); this file only ties them to the
 * opportunity's amount and transaction.
 */
#include "service/sales/opportunity.h"

#include "base/parse.h"
#include "service/entity.h"
#include "service/present.h"
#include "service/sales/order.h"
#include "base/banned.h"

/* in's "amount" set to the lines' sum, or refused when it disagrees. */
static int set_amount(json_t *in, int64_t sum, struct kh_error *err)
{
	char money[32];
	int rc = kh_order_check_amount(json_object_get(in, "amount"), sum, err);

	if (rc)
		return rc;
	kh_money_format(sum, money);
	json_object_set_new(in, "amount", json_string(money));
	return 0;
}

int kh_opportunity_create(struct kh_ctx *ctx, json_t *input, int64_t *id, struct kh_error *err)
{
	struct kh_order_line lines[KH_ORDER_LINES_MAX];
	json_t *in, *jl = json_object_get(input, "lines");
	int64_t oid = 0, sum = 0, cost;
	size_t n = 0;
	int rc;

	if (!jl)
		return kh_entity_create(ctx, &kh_opportunity_entity, input, id, err);
	if (!json_is_object(input))
		return kh_error_set(err, KH_EINVAL, "", "the opportunity must be a JSON object");
	if ((rc = kh_store_begin(ctx->store, err)))
		return rc;
	in = json_deep_copy(input);
	json_object_del(in, "lines");
	/* A bad line is named before the opportunity exists. */
	if ((rc = kh_order_lines_parse(ctx, jl, lines, &n, &sum, &cost, err)) ||
	    (n > 0 && (rc = set_amount(in, sum, err))) ||
	    (rc = kh_entity_create(ctx, &kh_opportunity_entity, in, &oid, err)) ||
	    (rc = kh_doc_lines_put(ctx, KH_LINES_OPPORTUNITY, oid, lines, n, err)) ||
	    (rc = kh_store_commit(ctx->store, err)))
		kh_store_rollback(ctx->store);
	else
		*id = oid;
	json_decref(in);
	return rc;
}

int kh_opportunity_update(struct kh_ctx *ctx, int64_t id, json_t *input, struct kh_error *err)
{
	struct kh_order_line lines[KH_ORDER_LINES_MAX];
	json_t *in, *jl = json_object_get(input, "lines"), *old = NULL;
	int64_t sum = 0, cost;
	size_t n = 0;
	int rc;

	if (!jl)
		return kh_entity_update(ctx, &kh_opportunity_entity, id, input, err);
	if ((rc = kh_store_begin(ctx->store, err)))
		return rc;
	in = json_deep_copy(input);
	json_object_del(in, "lines");
	/* One the actor cannot see is missing, before its lines are looked at;
	 * the entity's update decides who may write, and the lines put before
	 * it are undone with it when it refuses. */
	if ((rc = kh_entity_get(ctx, &kh_opportunity_entity, id, &old, err)) ||
	    (rc = kh_order_lines_parse(ctx, jl, lines, &n, &sum, &cost, err)) ||
	    (rc = kh_doc_lines_put(ctx, KH_LINES_OPPORTUNITY, id, lines, n, err)) ||
	    (n > 0 && (rc = set_amount(in, sum, err))) ||
	    (rc = kh_entity_update(ctx, &kh_opportunity_entity, id, in, err)) ||
	    (rc = kh_store_commit(ctx->store, err)))
		kh_store_rollback(ctx->store);
	json_decref(old);
	json_decref(in);
	return rc;
}

int kh_opportunity_get(struct kh_ctx *ctx, int64_t id, json_t **out, struct kh_error *err)
{
	json_t *o = NULL, *lines = NULL;
	int rc;

	if ((rc = kh_entity_get(ctx, &kh_opportunity_entity, id, &o, err)))
		return rc;
	if ((rc = kh_store_doc_lines(ctx->store, KH_LINES_OPPORTUNITY, id, &lines, err))) {
		json_decref(o);
		return rc;
	}
	json_object_set_new(o, "lines", kh_present_lines(lines));
	*out = o;
	return 0;
}

int kh_opportunity_check_lines(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *cols,
			       struct kh_error *err)
{
	json_t *fen = json_object_get(cols, "amount_fen"), *amount;
	int64_t sum = 0, n = 0;
	char money[32];
	int rc;

	if (!old || !json_is_integer(fen))
		return 0;
	if ((rc = kh_store_doc_lines_sum(ctx->store, KH_LINES_OPPORTUNITY, id, &sum, &n, err)) ||
	    n == 0)
		return rc;
	kh_money_format(json_integer_value(fen), money);
	amount = json_string(money);
	rc = kh_order_check_amount(amount, sum, err);
	json_decref(amount);
	return rc;
}
