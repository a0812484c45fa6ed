/*
 * targets_week.c: the weekly sales progress table (DOMAIN 3: target versus
 * actual, and why) and the forecast against the remaining target (see
 * targets.h).
 *
 * A week's target is the month's prorated by working days: a month target
 * T over W working days (Monday to Friday) gives T × n / W for the n of
 * them in the week, rounded to the fen; a week across two months (or
 * years) adds both parts. Weekends hold no share of the target, but what
 * is signed on them counts as actual.
 */
#include "service/sales/targets.h"

#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "base/utf8.h"
#include "service/sales/targets_internal.h"
#include "base/banned.h"

#define REASON_MAX 2000

/* 1970-01-01 was a Thursday: (day + 3) % 7 is 0 on Mondays. */
static int weekday(int32_t day)
{
	return (int)(((day + 3) % 7 + 7) % 7);
}

/* The Monday of ISO week 1 of year y: the week holding 4 January. */
static int32_t week1_monday(int y)
{
	int32_t jan4 = kh_days_from_civil(y, 1, 4);

	return jan4 - weekday(jan4);
}

int kh_iso_week_parse(const char *s, const char *field, int32_t *monday, struct kh_error *err)
{
	int y = 0, w = 0;

	if (!s || strlen(s) != 8 || s[4] != '-' || s[5] != 'W')
		goto bad;
	for (int i = 0; i < 8; i++) {
		if (i == 4 || i == 5)
			continue;
		if (s[i] < '0' || s[i] > '9')
			goto bad;
		if (i < 4)
			y = y * 10 + (s[i] - '0');
		else
			w = w * 10 + (s[i] - '0');
	}
	if (y < 1901 || y > 2198 || w < 1 || w > 53)
		goto bad;
	*monday = week1_monday(y) + (w - 1) * 7;
	/* Week 53 exists only in a year whose last week holds its Thursday. */
	if (*monday + 3 >= kh_days_from_civil(y + 1, 1, 1))
		goto bad;
	return 0;
bad:
	return kh_error_set(err, KH_EINVAL, field, "%s must be an ISO week like 2026-W49", field);
}

void kh_iso_week_format(int32_t day, char buf[16])
{
	int32_t thursday = day - weekday(day) + 3;
	int y;
	unsigned m, d;

	kh_civil_from_days(thursday, &y, &m, &d);
	snprintf(buf, 16, "%04u-W%02u", (unsigned)y % 10000u,
		 (unsigned)((thursday - week1_monday(y)) / 7 + 1) % 100u);
}

/* The week's share of the monthly targets in t[0] (the Monday's year) and
 * t[1] (the year after). */
static int64_t week_target(const int64_t t[2][13], int year0, int32_t monday)
{
	int64_t sum = 0;
	int part_y = 0, part_m = 0, n = 0;

	for (int i = 0; i <= 5; i++) {
		int y = 0;
		unsigned m = 0, d;

		if (i < 5)
			kh_civil_from_days(monday + i, &y, &m, &d);
		/* Close the month's part at a change of month or after Friday. */
		if (n && (i == 5 || y != part_y || (int)m != part_m)) {
			int64_t wd = kh_month_workdays(part_y, part_m);
			int64_t amount = t[part_y != year0][part_m];

			sum += (amount * n * 2 + wd) / (2 * wd);
			n = 0;
		}
		if (i < 5) {
			part_y = y;
			part_m = (int)m;
			n++;
		}
	}
	return sum;
}

static int arg_week(json_t *args, int32_t *monday, char week[16], struct kh_error *err)
{
	const char *s = kh_arg_str(args, "week");
	int rc;

	if (!json_object_get(args, "week")) {
		*monday = kh_today() - weekday(kh_today());
	} else if ((rc = kh_iso_week_parse(s, "week", monday, err))) {
		return rc;
	}
	kh_iso_week_format(*monday, week);
	return 0;
}

static int arg_metric(json_t *args, enum kh_metric *m, struct kh_error *err)
{
	if (!json_object_get(args, "metric")) {
		*m = KH_METRIC_CONTRACTS;
		return 0;
	}
	return kh_metric_parse(kh_arg_str(args, "metric"), true, "metric", m, err);
}

static json_t *reason_of(json_t *rows, int64_t user_id, const char *member)
{
	size_t i;
	json_t *v;

	json_array_foreach(rows, i, v)
		if (json_integer_value(json_object_get(v, "user_id")) == user_id)
			return json_incref(json_object_get(v, member));
	return json_null();
}

/* The rows of the table: one per rep of the subject the caller sees. */
static int week_rows(struct kh_ctx *ctx, const struct kh_target_access *a, json_t *people,
		     enum kh_metric metric, int32_t monday, const char *week, json_t *rows,
		     int64_t tot[2], struct kh_error *err)
{
	const char *mname = kh_metric_name(metric);
	json_t *ids = json_array(), *actual = NULL, *reasons = NULL, *v;
	char from[11], to[11];
	int y0, rc = 0;
	unsigned m, d;
	size_t i;

	kh_date_format(monday, from);
	kh_date_format(monday + 6, to);
	kh_civil_from_days(monday, &y0, &m, &d);
	json_array_foreach(people, i, v)
		json_array_append(ids, json_object_get(v, "id"));
	if ((rc = kh_store_actual_by_user(ctx->store, metric, ids, from, to, &actual, err)) ||
	    (rc = kh_store_week_reasons(ctx->store, ids, week, mname, &reasons, err)))
		goto out;
	json_array_foreach(people, i, v) {
		int64_t id = json_integer_value(json_object_get(v, "id"));
		int64_t t[2][13], target, done;
		bool set0 = false, set1 = false;
		json_t *row;

		if (!kh_target_may_see(ctx, a, KH_SUBJECT_REP, id))
			continue;
		if ((rc = kh_store_target_months(ctx->store, "rep", id, y0, mname, t[0], &set0,
						 err)) ||
		    (rc = kh_store_target_months(ctx->store, "rep", id, y0 + 1, mname, t[1], &set1,
						 err)))
			goto out;
		target = week_target((const int64_t(*)[13])t, y0, monday);
		done = kh_user_value(actual, id);
		row = json_pack("{s:I, s:O, s:O, s:O, s:b}", "user_id", (json_int_t)id, "login",
				json_object_get(v, "login"), "name", json_object_get(v, "name"),
				"team_id", json_object_get(v, "team_id"), "target_set", set0 || set1);
		json_object_set_new(row, "target", kh_metric_value_json(metric, target));
		json_object_set_new(row, "actual", kh_metric_value_json(metric, done));
		json_object_set_new(row, "gap", kh_metric_value_json(metric, target > done
										 ? target - done : 0));
		json_object_set_new(row, "rate", kh_rate_json(done, target));
		json_object_set_new(row, "reason", reason_of(reasons, id, "reason"));
		json_object_set_new(row, "reason_updated_at", reason_of(reasons, id, "updated_at"));
		json_object_set_new(row, "editable", json_boolean(id == ctx->actor.user_id));
		json_array_append_new(rows, row);
		tot[0] += target;
		tot[1] += done;
	}
out:
	json_decref(ids);
	json_decref(actual);
	json_decref(reasons);
	return rc;
}

int kh_targets_weekly(struct kh_ctx *ctx, json_t *args, json_t **out, struct kh_error *err)
{
	struct kh_target_access a;
	struct kh_subject s;
	enum kh_metric metric;
	json_t *users = NULL, *people = NULL, *rows = NULL, *total;
	int64_t tot[2] = {0, 0};
	char week[16], from[11], to[11];
	int32_t monday;
	int rc;

	if ((rc = arg_week(args, &monday, week, err)) || (rc = arg_metric(args, &metric, err)))
		return rc;
	if ((rc = kh_subject_open(ctx, args, &a, &s, &users, err)))
		return rc;
	rows = json_array();
	if ((rc = kh_store_target_people(ctx->store, users, &people, err)) ||
	    (rc = week_rows(ctx, &a, people, metric, monday, week, rows, tot, err))) {
		kh_store_rollback(ctx->store);
		goto out;
	}
	kh_store_commit(ctx->store, NULL);
	kh_date_format(monday, from);
	kh_date_format(monday + 6, to);
	total = json_object();
	json_object_set_new(total, "target", kh_metric_value_json(metric, tot[0]));
	json_object_set_new(total, "actual", kh_metric_value_json(metric, tot[1]));
	json_object_set_new(total, "gap", kh_metric_value_json(metric, tot[0] > tot[1]
									  ? tot[0] - tot[1] : 0));
	json_object_set_new(total, "rate", kh_rate_json(tot[1], tot[0]));
	*out = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:O, s:o}", "week", week, "from",
			 from, "to", to, "metric", kh_metric_name(metric), "scope",
			 kh_subject_kind_name(s.kind), "id",
			 s.kind == KH_SUBJECT_COMPANY ? json_null() : json_integer(s.id), "name",
			 s.name, "rows", rows, "total", total);
out:
	json_decref(users);
	json_decref(people);
	json_decref(rows);
	kh_target_access_release(&a);
	return rc;
}

int kh_targets_reason_put(struct kh_ctx *ctx, json_t *body, json_t **out,
			  struct kh_error *err)
{
	static const char *const allowed[] = {"week", "metric", "reason", NULL};
	json_t *reason = json_object_get(body, "reason");
	enum kh_metric metric;
	const char *text = NULL;
	char week[16];
	int32_t monday;
	int rc;

	if ((rc = kh_args_only(body, allowed, err)))
		return rc;
	if (!ctx->actor.user_id)
		return kh_error_set(err, KH_EINVAL, "user", "a reason is a rep's own: act as one");
	if (!json_object_get(body, "week"))
		return kh_error_set(err, KH_EINVAL, "week", "%s is required", "week");
	if ((rc = arg_week(body, &monday, week, err)) || (rc = arg_metric(body, &metric, err)))
		return rc;
	if (!reason)
		return kh_error_set(err, KH_EINVAL, "reason", "%s is required", "reason");
	if (!json_is_null(reason)) {
		if (!json_is_string(reason))
			return kh_error_set(err, KH_EINVAL, "reason", "%s must be a string", "reason");
		text = json_string_value(reason);
		if (!kh_utf8_valid(text, json_string_length(reason)))
			return kh_error_set(err, KH_EINVAL, "reason", "%s is not valid UTF-8 text (or "
					    "contains control characters)", "reason");
		if (kh_utf8_count(text) > REASON_MAX)
			return kh_error_set(err, KH_EINVAL, "reason", "%s is longer than %zu "
					    "characters", "reason", (size_t)REASON_MAX);
	}
	if ((rc = kh_store_begin(ctx->store, err)))
		return rc;
	if ((rc = kh_store_week_reason_put(ctx->store, ctx->actor.user_id, week,
					   kh_metric_name(metric), text, err)) ||
	    (rc = kh_store_commit(ctx->store, err))) {
		kh_store_rollback(ctx->store);
		return rc;
	}
	*out = json_pack("{s:s, s:s, s:I, s:o}", "week", week, "metric", kh_metric_name(metric),
			 "user_id", (json_int_t)ctx->actor.user_id, "reason",
			 text && *text ? json_string(text) : json_null());
	return 0;
}

/* ---- the forecast ---- */

/* One horizon of the forecast: from..to, its target and actual, and the
 * open pipeline expected to close in it. */
static int horizon(struct kh_ctx *ctx, json_t *users, int32_t from, int32_t to, int64_t target,
		   int64_t actual, json_t **out, struct kh_error *err)
{
	struct kh_store_pipeline_sum p;
	char f[11], t[11];
	int64_t left = target > actual ? target - actual : 0;
	int rc;

	kh_date_format(from, f);
	kh_date_format(to, t);
	if ((rc = kh_store_pipeline_open(ctx->store, users, f, t, &p, err)))
		return rc;
	*out = json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:{s:I, s:o, s:o}, s:o, s:o}", "from",
			 f, "to", t, "target", kh_metric_value_json(KH_METRIC_CONTRACTS, target),
			 "actual", kh_metric_value_json(KH_METRIC_CONTRACTS, actual), "remaining",
			 kh_metric_value_json(KH_METRIC_CONTRACTS, left), "rate",
			 kh_rate_json(actual, target), "pipeline", "count", (json_int_t)p.count,
			 "amount", kh_metric_value_json(KH_METRIC_CONTRACTS, p.amount_fen),
			 "weighted", kh_metric_value_json(KH_METRIC_CONTRACTS, p.weighted_fen),
			 "coverage", kh_rate_json(p.weighted_fen, left), "shortfall",
			 kh_metric_value_json(KH_METRIC_CONTRACTS, left > p.weighted_fen
								       ? left - p.weighted_fen
								       : 0));
	return 0;
}

int kh_targets_forecast(struct kh_ctx *ctx, json_t *args, json_t **out, struct kh_error *err)
{
	struct kh_target_access a;
	struct kh_subject s;
	struct kh_store_pipeline_sum late;
	json_t *users = NULL, *month = NULL, *quarter = NULL;
	int64_t target[13], actual[13];
	const char *source = "none";
	int32_t day = kh_today(), mfirst, qfirst, qlast;
	char date[11], before[11], qf[11], ql[11];
	int y, q, rc;
	unsigned m, d;

	if (json_object_get(args, "date") &&
	    (rc = kh_parse_date(kh_arg_str(args, "date"), &day, "date", err)))
		return rc;
	kh_civil_from_days(day, &y, &m, &d);
	q = ((int)m - 1) / 3;
	mfirst = kh_month_first(y, (int)m);
	qfirst = kh_month_first(y, q * 3 + 1);
	qlast = kh_month_first(y, q * 3 + 3) + kh_month_days(y, q * 3 + 3) - 1;
	if ((rc = kh_subject_open(ctx, args, &a, &s, &users, err)))
		return rc;
	kh_date_format(mfirst - 1, before);
	/* Only the quarter's actuals are needed: its months' sums. */
	kh_date_format(qfirst, qf);
	kh_date_format(qlast, ql);
	if ((rc = kh_subject_target(ctx, &s, users, y, "contracts", target, &source, err)) ||
	    (rc = kh_store_actual_months(ctx->store, KH_METRIC_CONTRACTS, users, qf, ql, actual,
					 err)) ||
	    (rc = horizon(ctx, users, mfirst, mfirst + kh_month_days(y, (int)m) - 1, target[m],
			  actual[m], &month, err)) ||
	    (rc = horizon(ctx, users, qfirst, qlast,
			  target[q * 3 + 1] + target[q * 3 + 2] + target[q * 3 + 3],
			  actual[q * 3 + 1] + actual[q * 3 + 2] + actual[q * 3 + 3], &quarter,
			  err)) ||
	    (rc = kh_store_pipeline_open(ctx->store, users, "0000-01-01", before, &late, err))) {
		kh_store_rollback(ctx->store);
		goto out;
	}
	kh_store_commit(ctx->store, NULL);
	kh_date_format(day, date);
	*out = json_pack("{s:s, s:s, s:s, s:o, s:s, s:s, s:o, s:o, s:{s:I, s:o, s:o}}", "date",
			 date, "metric", "contracts", "scope", kh_subject_kind_name(s.kind), "id",
			 s.kind == KH_SUBJECT_COMPANY ? json_null() : json_integer(s.id), "name",
			 s.name, "target_source", source, "month", month, "quarter", quarter,
			 "overdue", "count", (json_int_t)late.count, "amount",
			 kh_metric_value_json(KH_METRIC_CONTRACTS, late.amount_fen), "weighted",
			 kh_metric_value_json(KH_METRIC_CONTRACTS, late.weighted_fen));
	month = quarter = NULL;
out:
	json_decref(month);
	json_decref(quarter);
	json_decref(users);
	kh_target_access_release(&a);
	return rc;
}
