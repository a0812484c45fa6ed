/*
 * receivable.c: payment plans and receipts (see receivable.h): the rules
 * of a receipt against its contract, the approval's effect on the plan,
 * and a plan's computed status.
 */
#include "service/sales/receivable.h"

#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "service/analysis/analyze.h"
#include "service/sales/approval.h"
#include "service/sales/doc_number.h"
#include "store/sales/contracts.h"
#include "base/banned.h"

#define REMIND_DAYS_DEFAULT 3

/* The live row id of table, or NULL. */
static json_t *live_row(struct kh_ctx *ctx, const char *table, int64_t id)
{
	json_t *row = NULL;

	if (id <= 0 || kh_store_get(ctx->store, table, id, &row, NULL))
		return NULL;
	if (!json_is_null(json_object_get(row, "deleted_at"))) {
		json_decref(row);
		return NULL;
	}
	return row;
}

/* The customer of input's contract, when input names a contract and no
 * customer: a plan's and a receipt's customer is their contract's. Who may
 * write it is then checked on that customer, as for any record. */
static int customer_from_contract(struct kh_ctx *ctx, json_t *input)
{
	json_t *v = json_object_get(input, "contract"), *c;
	int64_t id = 0;
	char buf[32];

	if (!v || json_object_get(input, "customer"))
		return 0;
	if (json_is_integer(v))
		id = json_integer_value(v);
	else if (json_is_string(v) &&
		 kh_parse_int64(json_string_value(v), 1, INT64_MAX, &id, "contract", NULL))
		return 0;
	if (!(c = live_row(ctx, "contracts", id)))
		return 0; /* the field's own check says so */
	snprintf(buf, sizeof(buf), "%lld", (long long)json_integer_value(json_object_get(c,
											"customer_id")));
	json_object_set_new(input, "customer", json_string(buf));
	json_decref(c);
	return 0;
}

int kh_receivable_prepare(struct kh_ctx *ctx, json_t *input, struct kh_error *err)
{
	(void)err;
	return customer_from_contract(ctx, input);
}

int kh_plan_prepare(struct kh_ctx *ctx, json_t *input, struct kh_error *err)
{
	(void)err;
	if (!json_object_get(input, "remind_days"))
		json_object_set_new(input, "remind_days", json_integer(REMIND_DAYS_DEFAULT));
	return customer_from_contract(ctx, input);
}

static int64_t int_of(json_t *cols, json_t *old, const char *col)
{
	json_t *v = json_object_get(cols, col);

	return json_integer_value(v ? v : json_object_get(old, col));
}

/* Receipt id (0: a new one) of amount against contract_id: the contract
 * must be approved and amount within what remains of it. */
static int check_limit(struct kh_ctx *ctx, int64_t id, int64_t contract_id, int64_t amount,
		       struct kh_error *err)
{
	json_t *c = live_row(ctx, "contracts", contract_id);
	const char *status = json_string_value(json_object_get(c, "status"));
	int64_t committed = 0, remaining;
	char left[32];
	int rc;

	if (!c)
		return kh_error_set(err, KH_EINVAL, "contract", "contract: no such contract (id "
				    "%lld)", (long long)contract_id);
	if (!status || strcmp(status, "approved")) {
		rc = kh_error_set(err, KH_EINVAL, "contract", "contract %lld is %s: receipts are "
				  "recorded against an approved contract", (long long)contract_id,
				  status ? status : "?");
		json_decref(c);
		return rc;
	}
	remaining = json_integer_value(json_object_get(c, "total_fen"));
	json_decref(c);
	if ((rc = kh_store_receipts_committed(ctx->store, contract_id, id, &committed, err)))
		return rc;
	remaining -= committed;
	if (amount <= remaining)
		return 0;
	kh_money_format(remaining < 0 ? 0 : remaining, left);
	return kh_error_set(err, KH_EINVAL, "amount",
			    "the amount exceeds the contract total; %s yuan remain", left);
}

int kh_receivable_check_write(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *cols,
			      struct kh_error *err)
{
	int64_t contract_id = int_of(cols, old, "contract_id");
	int64_t plan_id = int_of(cols, old, "plan_id");
	json_t *plan;
	int rc;

	if ((rc = kh_approval_check_editable("receivable", id, old, cols, err)))
		return rc;
	if (int_of(cols, old, "amount_fen") <= 0)
		return kh_error_set(err, KH_EINVAL, "amount", "amount must be more than 0");
	if (plan_id) {
		plan = live_row(ctx, "receivable_plans", plan_id);
		rc = json_integer_value(json_object_get(plan, "contract_id")) == contract_id
			     ? 0
			     : kh_error_set(err, KH_EINVAL, "plan", "plan %lld is not a plan of "
					    "contract %lld", (long long)plan_id,
					    (long long)contract_id);
		json_decref(plan);
		if (rc)
			return rc;
	}
	if ((rc = check_limit(ctx, id, contract_id, int_of(cols, old, "amount_fen"), err)))
		return rc;
	if (old)
		return 0;
	if (ctx->actor.user_id && !json_object_get(cols, "owner_id"))
		json_object_set_new(cols, "owner_id", json_integer(ctx->actor.user_id));
	return kh_doc_number_fill(ctx, "receivables", "receivable.number_pattern", cols, err);
}

int kh_receivable_after_write(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *row,
			      struct kh_error *err)
{
	const char *status = json_string_value(json_object_get(old, "status"));

	(void)ctx;
	if (!old || json_is_null(json_object_get(row, "deleted_at")))
		return 0;
	if (status && strcmp(status, "approved") == 0)
		return kh_error_set(err, KH_ECONFLICT, "status", "receivable %lld is approved: an "
				    "approved receipt cannot be deleted (cancel it)",
				    (long long)id);
	return 0;
}

/* Plan plan_id's received amount and paid day from its approved receipts. */
static int plan_recompute(struct kh_ctx *sys, int64_t plan_id, struct kh_error *err)
{
	json_t *plan = live_row(sys, "receivable_plans", plan_id), *cols = NULL;
	int64_t sum = 0;
	char last[11] = "";
	int rc;

	if (!plan)
		return 0;
	if ((rc = kh_store_plan_received(sys->store, plan_id, &sum, last, err)))
		goto out;
	cols = json_pack("{s:I, s:o}", "received_fen", (json_int_t)sum, "paid_date",
			 sum > 0 && sum >= json_integer_value(json_object_get(plan, "amount_fen"))
				 ? json_string(last)
				 : json_null());
	if ((rc = kh_store_update(sys->store, "receivable_plans", plan_id, cols, err)))
		goto out;
	/* the late-payment cost of the customer reads paid_date */
	rc = kh_analyze_refresh_customer(
		sys, json_integer_value(json_object_get(plan, "customer_id")), err);
out:
	json_decref(plan);
	json_decref(cols);
	return rc;
}

static int receivable_before(struct kh_ctx *ctx, enum kh_approval_action a, int64_t id,
			     json_t *row, struct kh_error *err)
{
	if (a != KH_APPROVAL_SUBMIT)
		return 0;
	return check_limit(ctx, id, json_integer_value(json_object_get(row, "contract_id")),
			   json_integer_value(json_object_get(row, "amount_fen")), err);
}

static int receivable_after(struct kh_ctx *sys, enum kh_approval_action a, int64_t id,
			    json_t *row, struct kh_error *err)
{
	const char *was = json_string_value(json_object_get(row, "status"));
	json_t *plan = json_object_get(row, "plan_id");

	(void)id;
	if (!json_is_integer(plan))
		return 0;
	if (a == KH_APPROVAL_APPROVE ||
	    (a == KH_APPROVAL_CANCEL && was && strcmp(was, "approved") == 0))
		return plan_recompute(sys, json_integer_value(plan), err);
	return 0;
}

static const struct kh_approval_kind receivable_kind = {
	.entity = &kh_receivable_entity,
	.before = receivable_before,
	.after = receivable_after,
};

int kh_receivable_act(struct kh_ctx *ctx, int64_t id, const char *verb, json_t *body,
		      struct kh_error *err)
{
	enum kh_approval_action a;

	if (kh_approval_parse(verb, &a))
		return kh_error_set(err, KH_EINVAL, "", "a receipt is submitted, approved, "
				    "rejected or cancelled, not %.40s", verb ? verb : "");
	return kh_approval_act(ctx, &receivable_kind, id, a, body, err);
}

void kh_plan_present(json_t *row, json_t *out)
{
	int64_t received = json_integer_value(json_object_get(row, "received_fen"));
	const char *due = json_string_value(json_object_get(row, "due_date"));
	char today[11];
	const char *status;

	kh_date_format(kh_today(), today);
	if (json_is_string(json_object_get(row, "paid_date")))
		status = "paid";
	else if (received > 0)
		status = "partly_paid";
	else if (due && strcmp(due, today) < 0)
		status = "overdue";
	else
		status = "pending";
	json_object_set_new(out, "status", json_string(status));
}

int kh_plan_list_filter(const char *key, json_t *v, struct kh_store_filter *f, json_t **conv,
			size_t room, size_t *used, struct kh_error *err)
{
	const char *s = json_string_value(v);
	char today[11];
	size_t n = 0;

	*used = 0;
	if (strcmp(key, "status"))
		return KH_ENOTFOUND;
	if (room < 3)
		return kh_error_set(err, KH_EINVAL, key, "too many filters");
	if (!s || (strcmp(s, "paid") && strcmp(s, "partly_paid") && strcmp(s, "overdue") &&
		   strcmp(s, "pending")))
		return kh_error_set(err, KH_EINVAL, "status", "status must be one of: pending, "
				    "partly_paid, paid, overdue");
	kh_date_format(kh_today(), today);
	/* paid: paid_date set; the others: not, and then by what came in and
	 * the due date (receivable.h). */
	conv[n] = json_null();
	f[n++] = (struct kh_store_filter){"paid_date", strcmp(s, "paid") ? "=" : "!=", conv[0]};
	if (strcmp(s, "paid")) {
		conv[n] = json_integer(0);
		f[n] = (struct kh_store_filter){"received_fen", strcmp(s, "partly_paid") ? "=" : ">",
						conv[n]};
		n++;
	}
	if (strcmp(s, "overdue") == 0 || strcmp(s, "pending") == 0) {
		conv[n] = json_string(today);
		f[n] = (struct kh_store_filter){"due_date", strcmp(s, "overdue") ? ">=" : "<",
						conv[n]};
		n++;
	}
	*used = n;
	return 0;
}
