/*
 * targets.h: sales targets (业绩目标, issue 14 part 4): per rep, team and the
 * company, per year, twelve monthly amounts for three metrics (contract
 * amount and receipts in fen, new customers as a count); target against
 * actual by month; the weekly progress table (target, actual, gap and the
 * rep's reason); and the forecast: the open pipeline weighted by stage
 * probability beside what is left of the month's and the quarter's target.
 *
 * Who: an admin sees and sets every target. A manager sees the company's,
 * the teams of their reach (their team and below) and those they lead, and
 * the reps of their data scope; sets those teams and reps, never their own
 * rep target (their superior does). A sales rep sees their own target and
 * their team's, and sets none. A subject one does not see is 404 (naming
 * id), as if it did not exist; one seen but not set 403.
 *
 * Every entry point takes the query (or body) as a JSON object of the API's
 * members and answers a new JSON object (docs/api.md, "Targets").
 */
#ifndef KH_TARGETS_H
#define KH_TARGETS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/error.h"
#include "service/context.h"
#include "store/sales/targets.h"

/* "contracts", "receipts", "new_customers", "followups", "visits" <->
 * the metric; parse takes the first KH_METRIC_TARGETED only when targeted
 * (400 naming field otherwise). */
int kh_metric_parse(const char *s, bool targeted, const char *field, enum kh_metric *out,
		    struct kh_error *err);
const char *kh_metric_name(enum kh_metric m);
/* A value of metric as the API shows it: yuan as "1234.50" for money,
 * else a whole number. */
json_t *kh_metric_value_json(enum kh_metric m, int64_t v);
/* A completion rate in percent with two decimals (83.33), or null when
 * there is no target. */
json_t *kh_rate_json(int64_t actual, int64_t target);

/* GET /targets: ?year=&metric=&scope=rep|team|company&id=: the subject's
 * target and one row per part of it that the caller sees (the company: its
 * top teams; a team: its sub-teams and its members). */
int kh_targets_get(struct kh_ctx *ctx, json_t *args, json_t **out, struct kh_error *err);
/* PUT /targets: {"year", "metric", "scope", "id", "months": [12 amounts]}:
 * all twelve at once; answers as kh_targets_get for the subject alone. */
int kh_targets_put(struct kh_ctx *ctx, json_t *body, json_t **out, struct kh_error *err);
/* GET /targets/progress: target against actual per month and quarter,
 * completion rates and the year's total. */
int kh_targets_progress(struct kh_ctx *ctx, json_t *args, json_t **out, struct kh_error *err);
/* GET /targets/weekly: ?week=YYYY-Www&metric=&scope=&id=: per rep the
 * week's target (the month's prorated by working days), actual, gap and
 * reason. */
int kh_targets_weekly(struct kh_ctx *ctx, json_t *args, json_t **out, struct kh_error *err);
/* PUT /targets/weekly: {"week", "metric", "reason"}: the caller's own reason
 * (null or "" removes it); answers {"week", "metric", "user_id", "reason"}. */
int kh_targets_reason_put(struct kh_ctx *ctx, json_t *body, json_t **out,
			  struct kh_error *err);
/* GET /targets/forecast: ?date=&scope=&id=: the open pipeline expected to
 * close this month and this quarter, weighted, beside what is left of the
 * contract-amount target. */
int kh_targets_forecast(struct kh_ctx *ctx, json_t *args, json_t **out, struct kh_error *err);

/* ISO week "YYYY-Www" -> the days since 1970-01-01 of its Monday. */
int kh_iso_week_parse(const char *s, const char *field, int32_t *monday, struct kh_error *err);
/* The ISO week of day (days since 1970-01-01) as "YYYY-Www". */
void kh_iso_week_format(int32_t day, char buf[16]);

#endif
