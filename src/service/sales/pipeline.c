/*
 * pipeline.c: the pipeline board (pipeline.h). The scope is the one of
 * GET /opportunities (kh_perm_list_scope), so a stage's count is that
 * list's total for the stage; totals and pages are read in one snapshot.
 */
#include "service/sales/pipeline.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "service/entity.h"
#include "service/permission.h"
#include "store/sales/pipeline.h"
#include "base/banned.h"

/* The stages in funnel order: the opportunity registry's enum. */
static const char *const *stages(void)
{
	return kh_entity_field(&kh_opportunity_entity, "stage")->values;
}

static int check_stage(const char *stage, struct kh_error *err)
{
	for (const char *const *s = stages(); *s; s++)
		if (strcmp(*s, stage) == 0)
			return 0;
	return kh_error_set(err, KH_EINVAL, "stage", "stage must be one of: lead, qualified, "
			    "proposal, negotiation, won, lost");
}

/* A cursor is "<amount_fen>:<id>", or "none:<id>" after a card without an
 * amount. */
static int parse_cursor(const char *s, struct kh_pipeline_cursor *c, struct kh_error *err)
{
	const char *colon = s ? strchr(s, ':') : NULL;
	char amount[24];
	size_t len = colon ? (size_t)(colon - s) : 0;

	memset(c, 0, sizeof(*c));
	if (!s)
		return 0;
	if (!colon || len == 0 || len >= sizeof(amount))
		return kh_error_set(err, KH_EINVAL, "after", "after must be a next cursor of "
				    "GET /pipeline");
	memcpy(amount, s, len);
	amount[len] = '\0';
	c->set = true;
	c->amount_null = strcmp(amount, "none") == 0;
	if (!c->amount_null &&
	    kh_parse_int64(amount, INT64_MIN + 1, INT64_MAX, &c->amount_fen, "after", err))
		return KH_EINVAL;
	return kh_parse_int64(colon + 1, 1, INT64_MAX, &c->id, "after", err) ? KH_EINVAL : 0;
}

static json_t *cursor_of(json_t *row)
{
	json_t *amount = json_object_get(row, "amount_fen");
	json_int_t id = json_integer_value(json_object_get(row, "id"));

	if (json_is_integer(amount))
		return json_sprintf("%" JSON_INTEGER_FORMAT ":%" JSON_INTEGER_FORMAT,
				    json_integer_value(amount), id);
	return json_sprintf("none:%" JSON_INTEGER_FORMAT, id);
}

static json_t *money(int64_t fen)
{
	char buf[32];

	kh_money_format(fen, buf);
	return json_string(buf);
}

/* {"stage", "items", "next"}: up to limit cards of stage after the cursor
 * (one more is read to know whether a page follows). */
static int stage_page(struct kh_ctx *ctx, const struct kh_scope *scope, const char *stage,
		      const struct kh_pipeline_params *p, const struct kh_pipeline_cursor *after,
		      json_t **out, struct kh_error *err)
{
	json_t *rows = NULL, *items, *next = json_null();
	size_t n;
	int rc;

	if ((rc = kh_store_pipeline_page(ctx->store, scope, stage, p->owner_id, after,
					 p->limit + 1, &rows, err)))
		return rc;
	n = json_array_size(rows);
	if (n > (size_t)p->limit) {
		n = (size_t)p->limit;
		json_decref(next);
		next = cursor_of(json_array_get(rows, n - 1));
	}
	items = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *row = json_array_get(rows, i);
		json_t *item = kh_entity_present(&kh_opportunity_entity, row,
						 (int)json_integer_value(json_object_get(row, "kh__level")));

		json_object_set(item, "customer_name", json_object_get(row, "customer_name"));
		json_array_append_new(items, item);
	}
	json_decref(rows);
	*out = json_pack("{s:s, s:o, s:o}", "stage", stage, "items", items, "next", next);
	return *out ? 0 : kh_error_set(err, KH_ENOMEM, "", "out of memory");
}

/* Set count, amount and weighted of every stage object from the totals rows. */
static void add_totals(json_t *board, json_t *totals)
{
	size_t i, j;
	json_t *col, *t;

	json_array_foreach(board, i, col) {
		const char *stage = json_string_value(json_object_get(col, "stage"));
		int64_t count = 0, amount = 0;
		double weighted = 0;

		json_array_foreach(totals, j, t) {
			if (strcmp(json_string_value(json_object_get(t, "stage")), stage))
				continue;
			count = json_integer_value(json_object_get(t, "count"));
			amount = json_integer_value(json_object_get(t, "amount_fen"));
			weighted = json_number_value(json_object_get(t, "weighted_x100"));
		}
		json_object_set_new(col, "count", json_integer(count));
		json_object_set_new(col, "amount", money(amount));
		json_object_set_new(col, "weighted", money((int64_t)llround(weighted / 100)));
	}
}

static int read_board(struct kh_ctx *ctx, const struct kh_scope *scope,
		      const struct kh_pipeline_params *p, const struct kh_pipeline_cursor *after,
		      json_t *board, struct kh_error *err)
{
	json_t *col, *totals = NULL;
	int rc = 0;

	for (const char *const *s = stages(); *s && rc == 0; s++) {
		if (p->stage && strcmp(p->stage, *s))
			continue;
		if ((rc = stage_page(ctx, scope, *s, p, after, &col, err)) == 0)
			json_array_append_new(board, col);
	}
	if (rc == 0 && !p->stage &&
	    (rc = kh_store_pipeline_totals(ctx->store, scope, p->owner_id, &totals, err)) == 0)
		add_totals(board, totals);
	json_decref(totals);
	return rc;
}

static int check_params(const struct kh_pipeline_params *p, struct kh_pipeline_cursor *after,
			struct kh_error *err)
{
	if (p->limit < 1 || p->limit > KH_PIPELINE_LIMIT_MAX)
		return kh_error_set(err, KH_EINVAL, "limit", "limit must be 1..%d",
				    KH_PIPELINE_LIMIT_MAX);
	if (p->stage && check_stage(p->stage, err))
		return KH_EINVAL;
	if (p->after && !p->stage)
		return kh_error_set(err, KH_EINVAL, "after", "after needs the stage it pages");
	return parse_cursor(p->after, after, err);
}

int kh_pipeline_board(struct kh_ctx *ctx, const struct kh_pipeline_params *params,
		      json_t **out, struct kh_error *err)
{
	struct kh_pipeline_cursor after;
	struct kh_perm_reach reach = {0};
	const struct kh_scope *scope = NULL;
	json_t *board = NULL;
	int rc;

	*out = NULL;
	if ((rc = check_params(params, &after, err)) ||
	    (rc = kh_perm_entity(ctx, "opportunity", false, err)) ||
	    (rc = kh_perm_list_scope(ctx, "opportunities", &reach, &scope, err)) ||
	    (rc = kh_store_begin_read(ctx->store, err)))
		goto out;
	board = json_array();
	rc = read_board(ctx, scope, params, &after, board, err);
	if (rc == 0)
		rc = kh_store_commit(ctx->store, err);
	else
		kh_store_rollback(ctx->store);
	if (rc == 0)
		*out = json_pack("{s:O, s:I}", "stages", board, "limit", (json_int_t)params->limit);
out:
	json_decref(board);
	kh_perm_reach_release(&reach);
	return rc;
}
