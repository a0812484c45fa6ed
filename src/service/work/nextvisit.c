/*
 * nextvisit.c: ranking of the next visits (see nextvisit.h).
 *
 * score = worth x urgency x chance x key x interest
 *   worth   = log10(1 + value in yuan), value = CLV if known, else the profit
 *             of the last 12 months (at least 1 yuan, so prospects with open
 *             opportunities still rank);
 *   urgency = days since the last contact / cadence, capped at 3 (a customer
 *             never contacted counts as 3); customers below 0.8 are not due;
 *   chance  = 0.5 + P(alive) (1 when unknown): a likely-lost valuable customer
 *             still ranks (win-back), below an equally valuable active one;
 *   key     = 1.5 for key accounts, 2.25 (1.5 x 1.5) for key accounts that
 *             are slipping (customer_metrics.key_account_slipping);
 *   interest = 1.25 when the customer clicked a campaign message in the
 *             last 30 days (the reason names the campaign): they answered
 *             the mail, so a visit now finds them interested. It does not
 *             make a customer due who is not (a click is not our contact).
 */
#include "service/work/nextvisit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/parse.h"
#include "base/strbuf.h"
#include "service/settings.h"
#include "store/analysis/analysis.h"
#include "base/banned.h"

#define DUE_FROM 0.8
#define URGENCY_CAP 3.0
#define KEY_WEIGHT 1.5
#define SLIPPING_WEIGHT 1.5
#define CLICK_DAYS 30
#define CLICK_WEIGHT 1.25

struct ranked {
	const struct kh_store_visit_candidate *c;
	double score, urgency, slip_drop;
	int32_t days_since;
	int32_t cadence;
	int32_t clicked_ago; /* days since the last campaign click, -1: none */
};

static int by_rep_then_score(const void *pa, const void *pb)
{
	const struct ranked *a = pa, *b = pb;

	if (a->c->owner_id != b->c->owner_id)
		return a->c->owner_id < b->c->owner_id ? -1 : 1;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return a->c->customer_id < b->c->customer_id ? -1 : 1;
}

static void format_yuan(int64_t fen, char *buf, size_t size)
{
	double yuan = (double)fen / 100;

	if (yuan >= 1e8)
		snprintf(buf, size, "¥%.1f亿", yuan / 1e8);
	else if (yuan >= 1e4)
		snprintf(buf, size, "¥%.1f万", yuan / 1e4);
	else
		snprintf(buf, size, "¥%.0f", yuan);
}

/* The reasons a key account is slipping, in words ("、"-separated). */
static void slip_words(struct kh_strbuf *words, const char *codes, double drop)
{
	bool first = true;

	if (strstr(codes, "revenue_drop")) {
		kh_strbuf_addf(words, "近 12 个月销售额比上一年下降超过 %.0f%%", 100 * drop);
		first = false;
	}
	if (strstr(codes, "low_p_alive")) {
		kh_strbuf_adds(words, first ? "活跃概率偏低" : "、活跃概率偏低");
		first = false;
	}
	if (strstr(codes, "lost_opportunity"))
		kh_strbuf_adds(words, first ? "近 12 个月有丢单" : "、近 12 个月有丢单");
}

static json_t *visit_json(const struct ranked *r)
{
	const struct kh_store_visit_candidate *c = r->c;
	json_t *codes = json_array();
	struct kh_strbuf words;
	int64_t value = c->clv_fen >= 0 ? c->clv_fen : c->profit_12m_fen;
	char money[32];
	json_t *v;

	kh_strbuf_init(&words, 1024);
	if (c->key_account) {
		json_array_append_new(codes, json_string("key_account"));
		kh_strbuf_adds(&words, "重点客户；");
	}
	if (c->slipping) {
		json_array_append_new(codes, json_string("key_account_slipping"));
		kh_strbuf_adds(&words, "有下滑迹象：");
		slip_words(&words, c->slip_reason, r->slip_drop);
		kh_strbuf_adds(&words, "，宜尽快拜访稳住；");
	}
	if (r->days_since < 0) {
		json_array_append_new(codes, json_string("never_contacted"));
		kh_strbuf_adds(&words, "尚未联系过；");
	} else {
		json_array_append_new(codes, json_string(r->urgency >= 1 ? "overdue" : "due_soon"));
		kh_strbuf_addf(&words, "已 %d 天未联系（拜访周期 %d 天）；", r->days_since, r->cadence);
	}
	format_yuan(value, money, sizeof(money));
	if (c->clv_fen >= 0) {
		json_array_append_new(codes, json_string("lifetime_value"));
		kh_strbuf_addf(&words, "预计未来价值 %s", money);
	} else if (c->profit_12m_fen > 0) {
		json_array_append_new(codes, json_string("recent_profit"));
		kh_strbuf_addf(&words, "近 12 个月利润 %s", money);
	}
	if (isfinite(c->p_alive)) {
		kh_strbuf_addf(&words, "；活跃概率 %.0f%%", 100 * c->p_alive);
		if (c->p_alive < 0.5) {
			json_array_append_new(codes, json_string("win_back"));
			kh_strbuf_adds(&words, "，有流失风险，宜尽快挽回");
		}
	}
	if (c->open_opportunities) {
		json_array_append_new(codes, json_string("open_opportunity"));
		kh_strbuf_addf(&words, "；有 %u 个进行中的商机", c->open_opportunities);
	}
	if (r->clicked_ago >= 0) {
		json_array_append_new(codes, json_string("clicked_campaign"));
		if (r->clicked_ago == 0)
			kh_strbuf_addf(&words, "；今天点击了活动邮件“%s”", c->clicked_campaign);
		else
			kh_strbuf_addf(&words, "；%d 天前点击了活动邮件“%s”", r->clicked_ago,
				       c->clicked_campaign);
	}
	v = json_pack("{s:I, s:s, s:f, s:o, s:i, s:s, s:o, s:b, s:s, s:s, s:o, s:s}",
		      "customer_id", (json_int_t)c->customer_id, "name", c->name, "score",
		      round(r->score * 1000) / 1000, "days_since_contact",
		      r->days_since >= 0 ? json_integer(r->days_since) : json_null(),
		      "cadence_days", r->cadence, "value", money, "p_alive",
		      isfinite(c->p_alive) ? json_real(c->p_alive) : json_null(), "key_account",
		      c->key_account, "abc_class", c->abc_class, "lifecycle", c->lifecycle,
		      "reasons", codes, "reason", words.buf);
	kh_strbuf_release(&words);
	/* The value in fen as well, for clients that compute with it. */
	json_object_set_new(v, "value_fen", json_integer((json_int_t)value));
	json_object_set_new(v, "clicked_campaign",
			    r->clicked_ago >= 0 ? json_string(c->clicked_campaign) : json_null());
	return v;
}

int kh_next_visits(struct kh_ctx *ctx, int64_t owner_id, int limit, json_t **out,
		   struct kh_error *err)
{
	struct kh_store_visit_candidate *cand = NULL;
	struct ranked *r = NULL;
	size_t n = 0, k = 0;
	int32_t today = kh_today();
	int key_cadence = (int)kh_setting_number(ctx, "cadence.key_account_days");
	int default_cadence = (int)kh_setting_number(ctx, "cadence.default_days");
	double slip_drop = kh_setting_number(ctx, "keyaccount.slip_drop");
	json_t *result, *group = NULL;
	char clicked_since[11];
	int rc;

	if (limit < 1 || limit > KH_NEXT_VISITS_MAX)
		return kh_error_set(err, KH_EINVAL, "limit", "limit must be 1..%d",
				    KH_NEXT_VISITS_MAX);
	if (ctx->actor.role == KH_ROLE_SALES && owner_id != ctx->actor.user_id)
		return kh_error_set(err, KH_EPERM, "rep", "a sales rep sees only their own visits");
	/* after today - 30 days, as the 12-month windows are after today - 12 months */
	kh_date_format(today - CLICK_DAYS + 1, clicked_since);
	if ((rc = kh_store_visit_candidates(ctx->store, owner_id, clicked_since, &cand, &n,
					    err)))
		return rc;
	r = calloc(n ? n : 1, sizeof(*r));
	if (!r) {
		free(cand);
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		const struct kh_store_visit_candidate *c = &cand[i];
		int32_t cadence = c->cadence_days > 0 ? c->cadence_days
						      : (c->key_account ? key_cadence : default_cadence);
		int32_t since = c->last_contact == KH_STORE_NO_DATE ? -1 : today - c->last_contact;
		double urgency = since < 0 ? URGENCY_CAP : (double)since / (cadence > 0 ? cadence : 1);
		int64_t value = c->clv_fen >= 0 ? c->clv_fen : c->profit_12m_fen;

		if (urgency < DUE_FROM || strcmp(c->lifecycle, "churned") == 0)
			continue;
		if (urgency > URGENCY_CAP)
			urgency = URGENCY_CAP;
		r[k].c = c;
		r[k].urgency = urgency;
		r[k].days_since = since;
		r[k].cadence = cadence;
		r[k].slip_drop = slip_drop;
		r[k].clicked_ago = c->clicked_on == KH_STORE_NO_DATE ? -1
				   : c->clicked_on > today    ? 0
							      : today - c->clicked_on;
		r[k].score = log10(1 + (value > 100 ? (double)value / 100 : 1.0)) * urgency *
			     (isfinite(c->p_alive) ? 0.5 + c->p_alive : 1.0) *
			     (c->key_account ? KEY_WEIGHT : 1.0) *
			     (c->slipping ? SLIPPING_WEIGHT : 1.0) *
			     (r[k].clicked_ago >= 0 ? CLICK_WEIGHT : 1.0);
		k++;
	}
	qsort(r, k, sizeof(*r), by_rep_then_score);
	result = json_array();
	for (size_t i = 0, taken = 0; i < k; i++) {
		if (i == 0 || r[i].c->owner_id != r[i - 1].c->owner_id) {
			group = json_pack("{s:s, s:I, s:[]}", "rep", r[i].c->owner_login, "rep_id",
					  (json_int_t)r[i].c->owner_id, "visits");
			json_array_append_new(result, group);
			taken = 0;
		}
		if (taken++ < (size_t)limit)
			json_array_append_new(json_object_get(group, "visits"), visit_json(&r[i]));
	}
	*out = result;
	free(r);
	free(cand);
	return 0;
}
