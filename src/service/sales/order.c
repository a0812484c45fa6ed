/* order.c: orders with lines (see order.h). */
#include "service/sales/order.h"

#include <string.h>

#include "base/parse.h"
#include "service/analysis/analyze.h"
#include "service/entity.h"
#include "service/present.h"
#include "store/sales/contracts.h"
#include "store/view.h"
#include "base/banned.h"

#define line kh_order_line

static int line_text(json_t *v, char buf[64], const char **s)
{
	*s = NULL;
	if (json_is_string(v)) {
		*s = json_string_value(v);
	} else if (json_is_integer(v)) {
		snprintf(buf, 64, "%lld", (long long)json_integer_value(v));
		*s = buf;
	} else if (json_is_real(v)) {
		snprintf(buf, 64, "%.15g", json_real_value(v));
		*s = buf;
	}
	return 0;
}

#define MONEY_MAX_TEXT "100000000000.00"

/* A line has product, quantity and unit_price, nothing else: a misspelt
 * "unitprice" must not silently become the product's list price. */
static int check_line_keys(json_t *in, const char *field, struct kh_error *err)
{
	const char *key;
	json_t *v;
	char name[112];

	json_object_foreach(in, key, v) {
		if (strcmp(key, "product") && strcmp(key, "quantity") && strcmp(key, "unit_price")) {
			snprintf(name, sizeof(name), "%s.%.60s", field, key);
			return kh_error_set(err, KH_EINVAL, name, "%s: a line has no field %.60s (only "
					    "product, quantity, unit_price)", field, key);
		}
	}
	return 0;
}

/* Validate one line and fill price and cost from the product. */
static int parse_line(struct kh_ctx *ctx, json_t *in, size_t idx, struct line *out,
		      struct kh_error *err)
{
	char field[48], quantity_field[64], buf[64];
	const char *s;
	json_t *product = NULL;
	int64_t unit_cost, total;
	int rc;

	snprintf(field, sizeof(field), "lines[%zu]", idx);
	snprintf(quantity_field, sizeof(quantity_field), "%s.quantity", field);
	if (!json_is_object(in))
		return kh_error_set(err, KH_EINVAL, field, "%s must be an object with product and "
				    "quantity", field);
	if ((rc = check_line_keys(in, field, err)))
		return rc;
	line_text(json_object_get(in, "product"), buf, &s);
	if ((rc = kh_parse_int64(s, 1, INT64_MAX, &out->product_id, "product", err)))
		return kh_error_set(err, rc, field, "%s.product must be a product id", field);
	line_text(json_object_get(in, "quantity"), buf, &s);
	if ((rc = kh_parse_int64(s, 1, 1000000000, &out->quantity, "quantity", err)))
		return kh_error_set(err, rc, field, "%s.quantity must be a whole number 1..1000000000",
				    field);
	if ((rc = kh_entity_get(ctx, &kh_product_entity, out->product_id, &product, err)))
		return kh_error_set(err, KH_EINVAL, field, "%s: no product with id %lld", field,
				    (long long)out->product_id);
	line_text(json_object_get(in, "unit_price"), buf, &s);
	if (!s)
		s = json_string_value(json_object_get(product, "unit_price"));
	if (!s) {
		json_decref(product);
		return kh_error_set(err, KH_EINVAL, field, "%s.unit_price is required: the product "
				    "has no list price", field);
	}
	rc = kh_parse_money(s, false, &out->unit_price_fen, "unit_price", err);
	out->cost_fen = -1;
	s = json_string_value(json_object_get(product, "unit_cost"));
	if (rc == 0 && s && kh_parse_money(s, false, &unit_cost, "unit_cost", NULL) == 0 &&
	    !kh_money_mul(unit_cost, out->quantity, &out->cost_fen))
		rc = KH_ELIMIT;
	json_decref(product);
	if (rc == KH_ELIMIT)
		return kh_error_set(err, KH_EINVAL, quantity_field, "%s: quantity × the product's "
				    "unit cost is above %s", quantity_field, MONEY_MAX_TEXT);
	if (rc)
		return kh_error_set(err, rc, field, "%s.unit_price must be an amount like 12.50",
				    field);
	if (!kh_money_mul(out->unit_price_fen, out->quantity, &total))
		return kh_error_set(err, KH_EINVAL, quantity_field, "%s: quantity × unit_price is "
				    "above %s", quantity_field, MONEY_MAX_TEXT);
	return 0;
}

int kh_order_check_amount(json_t *amount, int64_t lines_fen, struct kh_error *err)
{
	char buf[64], want[32];
	const char *s = NULL;
	int64_t fen;

	line_text(amount, buf, &s);
	/* a malformed amount is reported by the field's own check */
	if (!s || kh_parse_money(s, false, &fen, "amount", NULL) || fen == lines_fen)
		return 0;
	kh_money_format(lines_fen, want);
	return kh_error_set(err, KH_EINVAL, "amount", "amount %.40s disagrees with the lines, "
			    "which add up to %s", s, want);
}

int kh_order_check_update(struct kh_ctx *ctx, int64_t order_id, json_t *cols,
			  struct kh_error *err)
{
	json_t *lines = NULL, *amount, *amount_fen = json_object_get(cols, "amount_fen");
	int64_t sum = 0;
	char buf[32];
	int rc;

	if (!json_is_integer(amount_fen))
		return 0;
	if ((rc = kh_store_order_lines(ctx->store, order_id, &lines, err)))
		return rc;
	for (size_t i = 0; i < json_array_size(lines); i++)
		if (!kh_money_add(&sum, json_integer_value(
					     json_object_get(json_array_get(lines, i), "amount_fen"))))
			sum = -1;
	if (json_array_size(lines) > 0 && sum >= 0) {
		kh_money_format(json_integer_value(amount_fen), buf);
		amount = json_string(buf);
		rc = kh_order_check_amount(amount, sum, err);
		json_decref(amount);
	}
	json_decref(lines);
	return rc;
}

int kh_order_lines_parse(struct kh_ctx *ctx, json_t *jl, struct kh_order_line *lines, size_t *n,
			 int64_t *total, int64_t *cost, struct kh_error *err)
{
	bool cost_known = true;
	int rc;

	*n = 0;
	*total = *cost = 0;
	if (jl && !json_is_array(jl))
		return kh_error_set(err, KH_EINVAL, "lines", "lines must be a list");
	if (json_array_size(jl) > KH_ORDER_LINES_MAX)
		return kh_error_set(err, KH_EINVAL, "lines", "at most %d lines", KH_ORDER_LINES_MAX);
	for (size_t i = 0; i < json_array_size(jl); i++) {
		if ((rc = parse_line(ctx, json_array_get(jl, i), i, &lines[i], err)))
			return rc;
		if (!kh_money_add(total, lines[i].quantity * lines[i].unit_price_fen))
			return kh_error_set(err, KH_EINVAL, "lines", "the lines add up to more than %s",
					    MONEY_MAX_TEXT);
		if (lines[i].cost_fen < 0)
			cost_known = false;
		else if (!kh_money_add(cost, lines[i].cost_fen))
			return kh_error_set(err, KH_EINVAL, "lines", "the costs of the lines add up "
					    "to more than %s", MONEY_MAX_TEXT);
		*n = i + 1;
	}
	if (!cost_known)
		*cost = -1;
	return 0;
}

int kh_order_create_with(struct kh_ctx *ctx, json_t *input, const struct kh_order_line *lines,
			 size_t n, int64_t *id, struct kh_error *err)
{
	int64_t order_id = 0;
	json_t *row = NULL;
	int rc;

	if ((rc = kh_store_begin(ctx->store, err)))
		return rc;
	/* Lines go in before the metrics refresh, which the create would do. */
	ctx->skip_metrics = true;
	rc = kh_entity_create(ctx, &kh_order_entity, input, &order_id, err);
	ctx->skip_metrics = false;
	if (rc)
		goto out;
	for (size_t i = 0; i < n; i++)
		if ((rc = kh_store_order_line_add(ctx->store, order_id, lines[i].product_id,
						  lines[i].quantity, lines[i].unit_price_fen,
						  lines[i].cost_fen, err)))
			goto out;
	if ((rc = kh_store_get(ctx->store, "orders", order_id, &row, err)) ||
	    (rc = kh_analyze_refresh_customer(
		     ctx, json_integer_value(json_object_get(row, "customer_id")), err)))
		goto out;
	rc = kh_store_commit(ctx->store, err);
out:
	if (rc)
		kh_store_rollback(ctx->store);
	else
		*id = order_id;
	json_decref(row);
	return rc;
}

int kh_order_create(struct kh_ctx *ctx, json_t *input, int64_t *id, struct kh_error *err)
{
	struct line lines[KH_ORDER_LINES_MAX];
	json_t *in = NULL;
	size_t n = 0;
	int64_t total = 0, cost = 0;
	char buf[32];
	int rc;

	if (!json_is_object(input))
		return kh_error_set(err, KH_EINVAL, "", "the order must be a JSON object");
	if ((rc = kh_store_begin(ctx->store, err)))
		return rc;
	in = json_deep_copy(input);
	json_object_del(in, "lines");
	if ((rc = kh_order_lines_parse(ctx, json_object_get(input, "lines"), lines, &n, &total,
				       &cost, err)))
		goto out;
	if (n > 0 && json_object_get(in, "amount") &&
	    (rc = kh_order_check_amount(json_object_get(in, "amount"), total, err)))
		goto out;
	if (n > 0 && !json_object_get(in, "amount")) {
		kh_money_format(total, buf);
		json_object_set_new(in, "amount", json_string(buf));
	}
	if (n > 0 && cost >= 0 && !json_object_get(in, "cost")) {
		kh_money_format(cost, buf);
		json_object_set_new(in, "cost", json_string(buf));
	}
	if ((rc = kh_order_create_with(ctx, in, lines, n, id, err)))
		goto out;
	rc = kh_store_commit(ctx->store, err);
out:
	if (rc)
		kh_store_rollback(ctx->store);
	json_decref(in);
	return rc;
}

int kh_order_get(struct kh_ctx *ctx, int64_t id, json_t **out, struct kh_error *err)
{
	json_t *order = NULL, *lines = NULL;
	int rc;

	if ((rc = kh_entity_get(ctx, &kh_order_entity, id, &order, err)))
		return rc;
	if ((rc = kh_store_order_lines(ctx->store, id, &lines, err))) {
		json_decref(order);
		return rc;
	}
	json_object_set_new(order, "lines", kh_present_lines(lines));
	*out = order;
	return 0;
}

int kh_doc_lines_put(struct kh_ctx *ctx, enum kh_lines_of of, int64_t id,
		     const struct kh_order_line *lines, size_t n, struct kh_error *err)
{
	int rc;

	if ((rc = kh_store_doc_lines_clear(ctx->store, of, id, err)))
		return rc;
	for (size_t i = 0; i < n; i++)
		if ((rc = kh_store_doc_line_add(ctx->store, of, id, lines[i].product_id,
						lines[i].quantity, lines[i].unit_price_fen,
						lines[i].quantity * lines[i].unit_price_fen, err)))
			return rc;
	return 0;
}

json_t *kh_doc_lines_input(json_t *stored)
{
	json_t *jl = json_array(), *l;
	char money[32];
	size_t i;

	json_array_foreach(stored, i, l) {
		kh_money_format(json_integer_value(json_object_get(l, "unit_price_fen")), money);
		json_array_append_new(jl, json_pack("{s:O, s:O, s:s}", "product",
						    json_object_get(l, "product_id"), "quantity",
						    json_object_get(l, "quantity"), "unit_price",
						    money));
	}
	return jl;
}
