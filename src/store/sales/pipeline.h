/*
 * pipeline.h: the reads of the sales pipeline board (store side): the
 * totals of every opportunity stage and one stage's cards a page at a time,
 * both within a data scope the service layer decides (store/scope.h).
 */
#ifndef KH_STORE_PIPELINE_H
#define KH_STORE_PIPELINE_H

#include "store/store.h"

/* Where a page of one stage's cards starts: after the card (amount_fen, id)
 * in the board's order, amount descending (cards without an amount last),
 * then id descending. set = false: from the first card. */
struct kh_pipeline_cursor {
	bool set;
	bool amount_null; /* the card had no amount */
	int64_t amount_fen;
	int64_t id;
};

/* The live opportunities scope sees (owner_id > 0: only that owner's),
 * grouped by stage, into a new JSON array of {"stage", "count",
 * "amount_fen", "weighted_x100"} (weighted_x100: the sum of amount_fen x
 * probability as a real number, so it cannot overflow). Stages without an
 * opportunity are absent. */
int kh_store_pipeline_totals(struct kh_store *st, const struct kh_scope *scope,
			     int64_t owner_id, json_t **out, struct kh_error *err);

/* Up to limit opportunities of one stage after the cursor, in the board's
 * order, as rows of the table with "customer_name" and "kh__level" (the
 * information level of the row's customer). */
int kh_store_pipeline_page(struct kh_store *st, const struct kh_scope *scope,
			   const char *stage, int64_t owner_id,
			   const struct kh_pipeline_cursor *after, int64_t limit,
			   json_t **rows, struct kh_error *err);

#endif
