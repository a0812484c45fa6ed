/*
 * receivable.h: payment plans and receipts (回款计划, 回款; issue 13).
 *
 * A plan (table receivable_plans, the former payments) is one period of
 * what a customer owes: contract (or, as before, an order), period (期数),
 * due date, amount, remind days; received is the sum of its approved
 * receipts and paid_date the day it became fully paid, both kept by kehu.
 * Its status is computed: paid (paid_date set), partly_paid (something
 * received), overdue (nothing received, due before today), else pending.
 *
 * A receipt (table receivables) is money received against an approved
 * contract, optionally for one of its plans, approved like a contract
 * (approval.h). Its amount may not pass the contract's total less the
 * other receipts in review or approved (create, edit and submit); an
 * approved one is not deleted, and its approval (or the cancelling of an
 * approved one) updates its plan in the same transaction.
 */
#ifndef KH_RECEIVABLE_H
#define KH_RECEIVABLE_H

#include <jansson.h>
#include <stdint.h>

#include "service/entity.h"

/* verb: submit, approve, reject, cancel; body NULL or {"comment"}. */
int kh_receivable_act(struct kh_ctx *ctx, int64_t id, const char *verb, json_t *body,
		      struct kh_error *err);

/* Hooks of the receivable entity (fields.c). */
int kh_receivable_prepare(struct kh_ctx *ctx, json_t *input, struct kh_error *err);
int kh_receivable_check_write(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *cols,
			      struct kh_error *err);
int kh_receivable_after_write(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *row,
			      struct kh_error *err);

/* Hooks of the receivable_plan entity (fields.c). */
int kh_plan_prepare(struct kh_ctx *ctx, json_t *input, struct kh_error *err);
void kh_plan_present(json_t *row, json_t *out);
int kh_plan_list_filter(const char *key, json_t *v, struct kh_store_filter *f, json_t **conv,
			size_t room, size_t *used, struct kh_error *err);

#endif
