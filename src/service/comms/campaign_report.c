/*
 * campaign_report.c: what a campaign earned (see campaign.h): its totals
 * and rates, who was left out and why, and the breakdowns the report's
 * charts draw; and the per-recipient messages.
 */
#include "service/comms/campaign.h"

#include <string.h>

#include "base/parse.h"
#include "service/comms/campaign_internal.h"
#include "store/comms/campaigns.h"
#include "base/banned.h"

static json_int_t member(json_t *o, const char *name)
{
	return json_integer_value(json_object_get(o, name));
}

/* n / of, or null when of is 0. */
static json_t *rate(json_int_t n, json_int_t of)
{
	return of ? json_real((double)n / (double)of) : json_null();
}

/* The URL of each part (a link's number) beside its clicks, from any
 * message's kept links: they are the template's, the same in each. */
static json_t *links_of(struct kh_ctx *ctx, int64_t id, json_t *by_part, struct kh_error *err)
{
	json_t *rows = NULL, *links = json_array(), *urls = NULL, *p;
	int64_t total = 0;
	size_t i;

	if (!links)
		return NULL;
	if (kh_store_campaign_messages(ctx->store, id, "sent", 1, 0, &rows, &total, err) == 0 &&
	    json_array_size(rows)) {
		json_t *msg = NULL;

		if (kh_store_mail_message(ctx->store, member(json_array_get(rows, 0), "id"), &msg,
					  err) == 0)
			urls = json_incref(json_object_get(msg, "links"));
		json_decref(msg);
	}
	json_array_foreach(by_part, i, p) {
		json_t *url = json_array_get(urls, (size_t)member(p, "part") - 1);

		json_array_append_new(links, json_pack("{s:O, s:O, s:O}", "part",
						       json_object_get(p, "part"), "url",
						       url ? url : json_null(), "clicks",
						       json_object_get(p, "clicks")));
	}
	json_decref(rows);
	json_decref(urls);
	return links;
}

int kh_campaign_report(struct kh_ctx *ctx, int64_t id, json_t **out, struct kh_error *err)
{
	json_t *row = NULL, *counts = NULL, *by_segment = NULL, *by_day = NULL, *by_part = NULL;
	json_t *left, *links = NULL;
	json_int_t sent, left_total = 0;
	const char *key;
	json_t *v;
	int rc;

	*out = NULL;
	if ((rc = kh_campaign_get(ctx, id, &row, err)) ||
	    (rc = kh_store_campaign_breakdown(ctx->store, id, &by_segment, &by_day, &by_part, err)))
		goto out;
	if (!(links = links_of(ctx, id, by_part, err))) {
		rc = err && err->code ? err->code : kh_error_set(err, KH_ENOMEM, "", "out of memory");
		goto out;
	}
	counts = json_object_get(row, "counts");
	left = json_object_get(row, "left_out");
	json_object_foreach(left, key, v)
		if (strcmp(key, "send") && json_is_integer(v))
			left_total += json_integer_value(v);
	sent = member(counts, "sent");
	*out = json_pack(
		"{s:O, s:{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I},"
		" s:{s:o, s:o, s:o, s:o}, s:o, s:O, s:O, s:O}",
		"campaign", row, "totals", "recipients",
		member(counts, "queued") + member(counts, "sending") + sent +
			member(counts, "failed") + member(counts, "bounced") +
			member(counts, "cancelled"),
		"queued", member(counts, "queued") + member(counts, "sending"), "sent", sent,
		"failed", member(counts, "failed"), "bounced", member(counts, "bounced"), "opened",
		member(counts, "opened"), "clicked", member(counts, "clicked"), "unsubscribed",
		member(counts, "unsubscribed"), "left_out", left_total, "rates", "open",
		rate(member(counts, "opened"), sent), "click", rate(member(counts, "clicked"), sent),
		"click_to_open", rate(member(counts, "clicked"), member(counts, "opened")),
		"unsubscribe", rate(member(counts, "unsubscribed"), sent), "left_out",
		json_is_object(left) ? json_incref(left) : json_object(), "by_segment", by_segment, "by_day",
		by_day, "links", links);
	if (!*out)
		rc = kh_error_set(err, KH_ENOMEM, "", "out of memory");
out:
	json_decref(row);
	json_decref(by_segment);
	json_decref(by_day);
	json_decref(by_part);
	json_decref(links);
	return rc;
}

int kh_campaign_messages(struct kh_ctx *ctx, int64_t id, json_t *args, json_t **out,
			 struct kh_error *err)
{
	static const char *const allowed[] = {"state", "page", "per_page", NULL};
	static const char *const states[] = {"queued", "sending", "sent", "failed", "bounced",
					     "cancelled", NULL};
	const char *state = json_string_value(json_object_get(args, "state")), *key, *s;
	int64_t page = 1, per_page = 50, total = 0;
	json_t *row = NULL, *rows = NULL, *v;
	int rc;

	json_object_foreach(args, key, v)
		if (!kh_campaign_one_of(key, allowed))
			return kh_error_set(err, KH_EINVAL, key, "unknown query parameter %.40s", key);
	if (state && !kh_campaign_one_of(state, states))
		return kh_error_set(err, KH_EINVAL, "state", "%s is not one of the choices", "state");
	if (((s = json_string_value(json_object_get(args, "page"))) &&
	     (rc = kh_parse_int64(s, 1, 1000000, &page, "page", err))) ||
	    ((s = json_string_value(json_object_get(args, "per_page"))) &&
	     (rc = kh_parse_int64(s, 1, 500, &per_page, "per_page", err))))
		return rc;
	if ((rc = kh_campaign_visible(ctx, id, &row, err)))
		return rc;
	json_decref(row);
	if ((rc = kh_store_campaign_messages(ctx->store, id, state, per_page, (page - 1) * per_page,
					     &rows, &total, err)))
		return rc;
	*out = json_pack("{s:o, s:I, s:I, s:I}", "items", rows, "total", (json_int_t)total, "page",
			 (json_int_t)page, "per_page", (json_int_t)per_page);
	return *out ? 0 : kh_error_set(err, KH_ENOMEM, "", "out of memory");
}
