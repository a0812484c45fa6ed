/*
 * stage.c: an opportunity's stage rules and history (stage.h). The rules
 * run as a check_write hook, so they hold for the API, the CLI, the board
 * and a lead's conversion alike, and a refusal leaves nothing changed.
 */
#include "service/sales/stage.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "service/entity.h"
#include "service/settings.h"
#include "store/sales/stage_history.h"
#include "base/banned.h"

static const char *text_of(json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

/* The probability of stage: fixed for won and lost, else its setting. */
static int64_t stage_probability(struct kh_ctx *ctx, const char *stage)
{
	char key[64];
	double v;

	if (strcmp(stage, "won") == 0)
		return 100;
	if (strcmp(stage, "lost") == 0)
		return 0;
	snprintf(key, sizeof(key), "stage.probability.%s", stage);
	v = kh_setting_number(ctx, key);
	return isnan(v) || v < 0 ? 0 : v > 100 ? 100 : (int64_t)v;
}

static int check_lost_reason(json_t *old, json_t *cols, const char *stage, bool changed,
			     struct kh_error *err)
{
	json_t *reason = json_object_get(cols, "lost_reason");
	bool given = json_is_string(reason) && *json_string_value(reason);

	if (strcmp(stage, "lost")) {
		if (given)
			return kh_error_set(err, KH_EINVAL, "lost_reason",
					    "lost_reason is only for a lost opportunity (stage lost)");
		/* Reopened: an open deal carries no reason; the history keeps it. */
		if (old && changed && strcmp(text_of(old, "stage") ? text_of(old, "stage") : "",
					    "lost") == 0)
			json_object_set_new(cols, "lost_reason", json_null());
		return 0;
	}
	if (changed && !given)
		return kh_error_set(err, KH_EINVAL, "lost_reason", "lost_reason "
				    "is required when the stage becomes lost");
	if (!changed && reason && !given)
		return kh_error_set(err, KH_EINVAL, "lost_reason", "a lost "
				    "opportunity keeps its lost_reason");
	return 0;
}

int kh_opportunity_check_write(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *cols,
			       struct kh_error *err)
{
	json_t *stage_v = json_object_get(cols, "stage");
	const char *old_stage = old ? text_of(old, "stage") : NULL;
	const char *stage;
	bool changed;
	int rc;

	(void)id;
	if (stage_v && !json_is_string(stage_v))
		return kh_error_set(err, KH_EINVAL, "stage", "stage cannot be "
				    "cleared");
	if (!old && !stage_v)
		json_object_set_new(cols, "stage", json_string("lead"));
	stage = stage_v ? json_string_value(stage_v) : old ? old_stage : "lead";
	if (!stage)
		stage = "lead";
	changed = !old || (stage_v && strcmp(stage, old_stage ? old_stage : ""));
	if ((rc = check_lost_reason(old, cols, stage, changed, err)))
		return rc;
	if (strcmp(stage, "won") == 0 || strcmp(stage, "lost") == 0) {
		if (changed || json_object_get(cols, "probability"))
			json_object_set_new(cols, "probability",
					    json_integer(stage_probability(ctx, stage)));
	} else if (changed && !json_is_integer(json_object_get(cols, "probability"))) {
		json_object_set_new(cols, "probability",
				    json_integer(stage_probability(ctx, stage)));
	}
	return 0;
}

int kh_opportunity_stage_written(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *row,
				 struct kh_error *err)
{
	const char *from = old ? text_of(old, "stage") : NULL, *to = text_of(row, "stage");
	char now[21];

	if (!to || (old && from && strcmp(from, to) == 0))
		return 0;
	kh_now_iso(now);
	return kh_store_stage_history_add(ctx->store, id, from, to, ctx->actor.user_id, now,
					  strcmp(to, "lost") == 0 ? text_of(row, "lost_reason")
								 : NULL, err);
}

int kh_opportunity_stages(struct kh_ctx *ctx, int64_t id, json_t **out, struct kh_error *err)
{
	json_t *opp = NULL, *rows = NULL, *row;
	size_t i;
	int rc;

	*out = NULL;
	/* A hidden opportunity answers as a missing one, whatever the read said
	 * (its customer's refusal would name the customer). */
	if ((rc = kh_entity_get(ctx, &kh_opportunity_entity, id, &opp, err)) == KH_ENOTFOUND)
		return kh_error_set(err, KH_ENOTFOUND, "id", "no opportunity with id %lld",
				    (long long)id);
	if (rc)
		return rc;
	json_decref(opp);
	if ((rc = kh_store_stage_history_list(ctx->store, id, &rows, err)))
		return rc;
	json_array_foreach(rows, i, row) {
		json_object_set(row, "user", json_object_get(row, "user_id"));
		json_object_del(row, "user_id");
	}
	*out = json_pack("{s:o}", "items", rows);
	return *out ? 0 : kh_error_set(err, KH_ENOMEM, "", "out of memory");
}
