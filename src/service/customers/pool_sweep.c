/*
 * pool_sweep.c: the sweep (see pool_sweep.h).
 */
#include "service/customers/pool_sweep.h"

#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "service/customers/ownership.h"
#include "service/settings.h"
#include "store/customers/pool.h"
#include "base/banned.h"

struct sweep {
	struct kh_ctx *ctx;
	bool dry_run;
	size_t list_max;
	json_t *listed;
	int64_t moved;
	char contact_cut[11]; /* "" when the follow-up rule is off */
};

/* Count (and list) one due customer; move it unless dry. */
static int take(struct sweep *sw, enum kh_pool_rule rule, int64_t days, json_t *row,
		struct kh_error *err)
{
	int64_t id = json_integer_value(json_object_get(row, "id"));
	int64_t owner = json_integer_value(json_object_get(row, "owner_id"));
	char reason[128];
	int rc = 0;

	snprintf(reason, sizeof(reason), rule == KH_POOL_RULE_CONTACT ?
		 "超过 %lld 天未跟进自动进入公海" : "超过 %lld 天未成交自动进入公海",
		 (long long)days);
	if (!sw->dry_run && (rc = kh_customer_recall(sw->ctx, id, owner, reason, err)))
		return rc;
	sw->moved++;
	if (json_array_size(sw->listed) < sw->list_max)
		json_array_append_new(sw->listed, json_pack(
			"{s:I, s:I, s:s, s:s}", "id", (json_int_t)id, "owner", (json_int_t)owner,
			"rule", rule == KH_POOL_RULE_CONTACT ? "no_followup" : "no_deal", "reason",
			reason));
	return 0;
}

/* One rule's due customers, a batch per transaction, each batch after the
 * last row of the one before (a moved customer has left the index anyway;
 * one that could not move is not read again). */
static int sweep_rule(struct sweep *sw, enum kh_pool_rule rule, int64_t days,
		      struct kh_error *err)
{
	struct kh_store *store = sw->ctx->store;
	char cut[11], after[11] = "";
	int64_t after_id = 0;
	json_t *rows = NULL, *row;
	size_t i, n;
	int rc;

	kh_date_format((int32_t)(kh_today() - days), cut);
	if (rule == KH_POOL_RULE_CONTACT)
		memcpy(sw->contact_cut, cut, sizeof(cut));
	do {
		rc = sw->dry_run ? kh_store_begin_read(store, err) : kh_store_begin(store, err);
		if (rc)
			return rc;
		if ((rc = kh_store_pool_due(store, rule, cut, after, after_id, KH_POOL_SWEEP_BATCH,
					    &rows, err)))
			goto out;
		n = json_array_size(rows);
		json_array_foreach(rows, i, row) {
			const char *clock = json_string_value(json_object_get(
				row, rule == KH_POOL_RULE_CONTACT ? "contact_clock" : "owner_since"));
			const char *cc = json_string_value(json_object_get(row, "contact_clock"));

			if (clock && strlen(clock) < sizeof(after))
				memcpy(after, clock, strlen(clock) + 1);
			after_id = json_integer_value(json_object_get(row, "id"));
			/* A dry run listed it under the follow-up rule already. */
			if (rule == KH_POOL_RULE_DEAL && sw->contact_cut[0] && cc &&
			    strcmp(cc, sw->contact_cut) < 0)
				continue;
			if ((rc = take(sw, rule, days, row, err)))
				goto out;
		}
		json_decref(rows);
		rows = NULL;
		rc = kh_store_commit(store, err);
	} while (rc == 0 && n == KH_POOL_SWEEP_BATCH);
out:
	if (rc)
		kh_store_rollback(store);
	json_decref(rows);
	return rc;
}

int kh_pool_sweep(struct kh_ctx *ctx, bool dry_run, size_t list_max, json_t **out,
		  struct kh_error *err)
{
	int64_t n = (int64_t)kh_setting_number(ctx, "pool.release_after_days");
	int64_t m = (int64_t)kh_setting_number(ctx, "pool.deal_after_days");
	struct sweep sw = {ctx, dry_run, list_max, json_array(), 0, ""};
	int rc = 0;

	if (ctx->actor.role != KH_ROLE_SYSTEM)
		rc = kh_error_set(err, KH_EPERM, "", "only the system runs the pool sweep");
	if (rc == 0 && n > 0)
		rc = sweep_rule(&sw, KH_POOL_RULE_CONTACT, n, err);
	if (rc == 0 && m > 0)
		rc = sweep_rule(&sw, KH_POOL_RULE_DEAL, m, err);
	if (rc) {
		json_decref(sw.listed);
		return rc;
	}
	*out = json_pack("{s:b, s:I, s:o}", "dry_run", dry_run, "moved", (json_int_t)sw.moved,
			 "customers", sw.listed);
	return 0;
}
