/*
 * pool.c: the pool rules (see pool.h): the clocks kept current, lock and
 * unlock, the claim checks and the days left; the sweep is pool_sweep.c.
 */
#include "service/customers/pool.h"

#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "service/permission.h"
#include "service/settings.h"
#include "base/banned.h"

static void today_text(char out[11])
{
	kh_date_format(kh_today(), out);
}

/* Days from date (YYYY-MM-DD) to today, or false when date is not one. */
static bool days_since(const char *date, int64_t *days)
{
	int32_t d;

	if (!date || !*date || kh_parse_date(date, &d, "date", NULL))
		return false;
	*days = (int64_t)kh_today() - d;
	return true;
}

/* A refusal with its rule, limit and Chinese text for the client. */
static int refuse(struct kh_ctx *ctx, const char *rule, int64_t limit, const char *zh,
		  struct kh_error *err)
{
	json_decref(ctx->error_detail);
	ctx->error_detail = json_pack("{s:s, s:I, s:s}", "rule", rule, "limit", (json_int_t)limit,
				      "message_zh", zh);
	return err ? err->code : KH_ECONFLICT;
}

int kh_pool_refresh_customer(struct kh_ctx *ctx, int64_t customer_id, struct kh_error *err)
{
	char today[11];

	today_text(today);
	return kh_store_pool_refresh(ctx->store, customer_id, today, err);
}

int kh_pool_customer_written(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *row,
			     struct kh_error *err)
{
	char today[11];
	json_t *cols;
	int rc;

	if (old || !row || json_is_null(json_object_get(row, "owner_id")) ||
	    json_is_string(json_object_get(row, "owner_since")))
		return 0;
	today_text(today);
	cols = json_pack("{s:s, s:s}", "owner_since", today, "contact_clock", today);
	rc = kh_store_update(ctx->store, "customers", id, cols, err);
	json_decref(cols);
	return rc;
}

int kh_customer_lock(struct kh_ctx *ctx, int64_t customer_id, bool lock, json_t **out,
		     struct kh_error *err)
{
	struct kh_store_pool_state st;
	int64_t cap, n = 0;
	char zh[160];
	int rc;

	if ((rc = kh_store_begin(ctx->store, err)))
		return rc;
	if ((rc = kh_perm_customer_manage(ctx, customer_id, err)) ||
	    (rc = kh_store_pool_state(ctx->store, customer_id, &st, err)))
		goto out;
	if (lock && !st.owner_id) {
		kh_error_set(err, KH_ECONFLICT, "customer", "customer %lld has no owner: only an "
			     "owned customer can be locked", (long long)customer_id);
		rc = refuse(ctx, "pool.lock_owned", 0, "公海客户不能锁定", err);
		goto out;
	}
	cap = (int64_t)kh_setting_number(ctx, "pool.max_locked_per_rep");
	if (lock && !st.locked && cap > 0 &&
	    (rc = kh_store_pool_locked_count(ctx->store, st.owner_id, &n, err)) == 0 && n >= cap) {
		kh_error_set(err, KH_ECONFLICT, "customer", "user %lld already has %lld locked "
			     "customers, the most allowed is %lld (pool.max_locked_per_rep)",
			     (long long)st.owner_id, (long long)n, (long long)cap);
		snprintf(zh, sizeof(zh), "锁定客户失败，超出锁定上限：每人最多锁定 %lld 个客户",
			 (long long)cap);
		rc = refuse(ctx, "pool.max_locked_per_rep", cap, zh, err);
		goto out;
	}
	if (rc)
		goto out;
	if (st.locked != lock &&
	    ((rc = kh_store_pool_lock(ctx->store, customer_id, lock, err)) ||
	     (rc = kh_store_audit(ctx->store, ctx->actor.user_id, lock ? "lock" : "unlock",
				  "customer", customer_id, NULL, err))))
		goto out;
	rc = kh_store_commit(ctx->store, err);
out:
	if (rc)
		kh_store_rollback(ctx->store);
	else
		*out = json_pack("{s:I, s:b}", "id", (json_int_t)customer_id, "locked", lock);
	return rc;
}

int kh_pool_claim_check(struct kh_ctx *ctx, const struct kh_store_pool_state *st,
			struct kh_error *err)
{
	int64_t cap = (int64_t)kh_setting_number(ctx, "pool.daily_claims_per_rep");
	int64_t cool = (int64_t)kh_setting_number(ctx, "pool.reclaim_cooldown_days");
	int64_t n = 0, days = 0, user = ctx->actor.user_id;
	char today[11], zh[200];
	int rc;

	today_text(today);
	if (cap > 0 && (rc = kh_store_pool_claims(ctx->store, user, today, &n, err)))
		return rc;
	if (cap > 0 && n >= cap) {
		kh_error_set(err, KH_ECONFLICT, "customer", "you have claimed %lld customers from "
			     "the pool today, the most per day is %lld (pool.daily_claims_per_rep)",
			     (long long)n, (long long)cap);
		snprintf(zh, sizeof(zh), "今天已领取 %lld 个公海客户，已达每日领取上限 %lld 个",
			 (long long)n, (long long)cap);
		return refuse(ctx, "pool.daily_claims_per_rep", cap, zh, err);
	}
	if (cool > 0 && st->prev_owner_id == user && days_since(st->pool_since, &days) &&
	    days < cool) {
		kh_error_set(err, KH_ECONFLICT, "customer", "this customer went to the pool from "
			     "you %lld days ago: its previous owner may claim it back after %lld "
			     "days (pool.reclaim_cooldown_days), in %lld days", (long long)days,
			     (long long)cool, (long long)(cool - days));
		snprintf(zh, sizeof(zh), "该客户进入公海未满 %lld 天，原负责人暂不能重新领取"
			 "（还需 %lld 天）", (long long)cool, (long long)(cool - days));
		return refuse(ctx, "pool.reclaim_cooldown_days", cool, zh, err);
	}
	return kh_store_pool_claims_add(ctx->store, user, today, err);
}

json_t *kh_pool_days_json(struct kh_ctx *ctx, int64_t owner_id, bool locked, bool won,
			  const char *owner_since, const char *contact_clock)
{
	int64_t n = (int64_t)kh_setting_number(ctx, "pool.release_after_days");
	int64_t m = (int64_t)kh_setting_number(ctx, "pool.deal_after_days");
	int64_t best = INT64_MAX, since;

	if (!owner_id || locked || won)
		return json_null();
	if (m > 0 && days_since(owner_since, &since))
		best = m - since;
	if (n > 0 && (days_since(contact_clock, &since) || days_since(owner_since, &since)) &&
	    n - since < best)
		best = n - since;
	if (best == INT64_MAX)
		return json_null();
	return json_integer(best < 0 ? 0 : best);
}

json_t *kh_pool_days_of_row(struct kh_ctx *ctx, json_t *row)
{
	json_t *won = json_object_get(row, "won_on");

	return kh_pool_days_json(ctx, json_integer_value(json_object_get(row, "owner_id")),
				 json_integer_value(json_object_get(row, "locked")) != 0,
				 json_is_string(won) && *json_string_value(won),
				 json_string_value(json_object_get(row, "owner_since")),
				 json_string_value(json_object_get(row, "contact_clock")));
}

json_t *kh_pool_facts(struct kh_ctx *ctx, json_t *row)
{
	json_t *days = kh_pool_days_of_row(ctx, row), *won = json_object_get(row, "won_on");
	int64_t warn = (int64_t)kh_setting_number(ctx, "pool.warn_days");

	return json_pack("{s:o, s:b, s:b, s:O}", "days_until_pool", days, "pool_warning",
			 json_is_integer(days) && json_integer_value(days) <= warn, "locked",
			 json_integer_value(json_object_get(row, "locked")) != 0, "won_on",
			 json_is_string(won) ? won : json_null());
}

json_t *kh_pool_facts_of(struct kh_ctx *ctx, int64_t customer_id)
{
	json_t *row = NULL, *out;

	if (kh_store_get(ctx->store, "customers", customer_id, &row, NULL))
		return json_null();
	out = kh_pool_facts(ctx, row);
	json_decref(row);
	return out;
}

/* The last clock day of a rule of days that is due within k days. */
static void window_cut(int64_t days, int64_t k, char cut[11], int64_t *out_days)
{
	cut[0] = '\0';
	*out_days = days;
	if (days > 0)
		kh_date_format((int32_t)(kh_today() - days + k), cut);
}

int kh_pool_window(struct kh_ctx *ctx, json_t *v, struct kh_store_pool_window *w,
		   struct kh_error *err)
{
	const char *s = json_string_value(v);
	int64_t k = (int64_t)kh_setting_number(ctx, "pool.warn_days");
	char buf[32];
	int rc;

	if (json_is_integer(v)) {
		snprintf(buf, sizeof(buf), "%lld", (long long)json_integer_value(v));
		s = buf;
	}
	if (!s && !json_is_null(v))
		return kh_error_set(err, KH_EINVAL, "pool_within", "%s must be a whole number",
				    "pool_within");
	if (s && *s && strcmp(s, "warn") &&
	    (rc = kh_parse_int64(s, 0, 365, &k, "pool_within", err)))
		return rc;
	memset(w, 0, sizeof(*w));
	window_cut((int64_t)kh_setting_number(ctx, "pool.release_after_days"), k, w->contact_cut,
		   &w->contact_days);
	window_cut((int64_t)kh_setting_number(ctx, "pool.deal_after_days"), k, w->deal_cut,
		   &w->deal_days);
	return 0;
}
