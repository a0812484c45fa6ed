/*
 * statistics_promotion.c: the seventh 7P statistic, promotion (see
 * statistics.h): what became of the mail of campaigns and greetings sent in
 * a period to the customers of the actor's report scope — sent, opened,
 * clicked, unsubscribed and their rates, in all, per campaign and per
 * customer segment. Read in one snapshot (store/comms/campaigns.c). A
 * message counts in the period it was sent in, with whatever its recipient
 * did since.
 */
#include "service/analysis/statistics_internal.h"

#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "service/permission.h"
#include "service/analysis/reports.h"
#include "store/analysis/reports.h"
#include "store/comms/campaigns.h"
#include "base/banned.h"

/* The rates of row from its counts: each a share of the messages sent
 * (null with none sent). */
static void rates(json_t *row)
{
	double sent = (double)json_integer_value(json_object_get(row, "sent"));

	json_object_set_new(row, "open_rate",
			    kh_report_ratio((double)json_integer_value(json_object_get(row, "opened")),
					    sent));
	json_object_set_new(row, "click_rate",
			    kh_report_ratio((double)json_integer_value(json_object_get(row, "clicked")),
					    sent));
	json_object_set_new(
		row, "unsubscribe_rate",
		kh_report_ratio((double)json_integer_value(json_object_get(row, "unsubscribed")),
				sent));
}

int kh_stat_promotion(struct kh_ctx *ctx, const struct kh_stat_params *p, json_t **out,
		      struct kh_error *err)
{
	static const char *const counts[] = {"sent", "opened", "clicked", "unsubscribed"};
	struct kh_perm_reach reach;
	const struct kh_scope *scope;
	json_t *by_campaign = NULL, *by_segment = NULL, *row, *o, *totals;
	json_int_t sum[4] = {0};
	char until[11];
	int32_t to = 0;
	int64_t customers = 0;
	size_t i;
	int rc;

	/* sent_at is an ISO time: the period's last day is every time before
	 * the day after it */
	if ((rc = kh_parse_date(p->to, &to, "to", err)))
		return rc;
	kh_date_format(to + 1, until);
	if ((rc = kh_report_scope_begin(ctx, &reach, &scope, err)))
		return rc;
	rc = kh_store_report_count(ctx->store, scope, &customers, err);
	if (rc == 0)
		rc = kh_store_mail_response(ctx->store, scope, p->from, until, &by_campaign,
					    &by_segment, err);
	if ((rc = kh_report_scope_end(ctx, &reach, rc, err)))
		goto out;
	json_array_foreach(by_segment, i, row) {
		const char *seg = json_string_value(json_object_get(row, "segment"));

		for (size_t k = 0; k < 4; k++)
			sum[k] += json_integer_value(json_object_get(row, counts[k]));
		if (!seg || !*seg)
			json_object_set_new(row, "segment", json_null());
		rates(row);
	}
	json_array_foreach(by_campaign, i, row)
		rates(row);
	o = kh_stat_head(p, "promotion", customers);
	totals = json_object();
	for (size_t k = 0; k < 4; k++)
		json_object_set_new(totals, counts[k], json_integer(sum[k]));
	rates(totals);
	json_object_set_new(o, "totals", totals);
	json_object_set_new(o, "by_campaign", by_campaign);
	json_object_set_new(o, "by_segment", by_segment);
	by_campaign = by_segment = NULL;
	*out = o;
out:
	json_decref(by_campaign);
	json_decref(by_segment);
	return rc;
}
