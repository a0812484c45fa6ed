/*
 * targets.c: targets (see targets.h): the metrics, the subject of a target
 * and who sees and sets it, reading and replacing the twelve months, and
 * target against actual. The weekly table and the forecast are in
 * targets_week.c; rankings.c reads the same actuals per rep.
 */
#include "service/sales/targets.h"

#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "service/sales/targets_internal.h"
#include "store/accounts/auth.h"
#include "base/banned.h"

static const char *const metric_names[KH_METRIC_COUNT] = {
	[KH_METRIC_CONTRACTS] = "contracts",
	[KH_METRIC_RECEIPTS] = "receipts",
	[KH_METRIC_NEW_CUSTOMERS] = "new_customers",
	[KH_METRIC_FOLLOWUPS] = "followups",
	[KH_METRIC_VISITS] = "visits",
};

int kh_metric_parse(const char *s, bool targeted, const char *field, enum kh_metric *out,
		    struct kh_error *err)
{
	int n = targeted ? KH_METRIC_TARGETED : KH_METRIC_COUNT;

	for (int m = 0; s && m < n; m++)
		if (strcmp(s, metric_names[m]) == 0) {
			*out = (enum kh_metric)m;
			return 0;
		}
	return kh_error_set(err, KH_EINVAL, field, "%s must be one of: %s", field,
			    targeted ? "contracts, receipts, new_customers"
				     : "contracts, receipts, new_customers, followups, visits");
}

const char *kh_metric_name(enum kh_metric m)
{
	return (unsigned)m < KH_METRIC_COUNT ? metric_names[m] : "contracts";
}

json_t *kh_metric_value_json(enum kh_metric m, int64_t v)
{
	char buf[32];

	if (m != KH_METRIC_CONTRACTS && m != KH_METRIC_RECEIPTS)
		return json_integer(v);
	kh_money_format(v, buf);
	return json_string(buf);
}

json_t *kh_rate_json(int64_t actual, int64_t target)
{
	if (target <= 0)
		return json_null();
	/* In hundredths of a percent, rounded; amounts are below 10^13 fen. */
	return json_real((double)((actual * 10000 + target / 2) / target) / 100.0);
}

/* ---- arguments ---- */

const char *kh_arg_str(json_t *args, const char *name)
{
	return json_string_value(json_object_get(args, name));
}

int kh_arg_int(json_t *args, const char *name, int64_t min, int64_t max, int64_t *out,
	       bool *present, struct kh_error *err)
{
	json_t *v = json_object_get(args, name);

	*present = v && !json_is_null(v);
	if (!*present)
		return 0;
	if (json_is_integer(v)) {
		if (json_integer_value(v) < min || json_integer_value(v) > max)
			return kh_error_set(err, KH_EINVAL, name, "%s must be a whole number %g..%g",
					    name, (double)min, (double)max);
		*out = json_integer_value(v);
		return 0;
	}
	if (!json_is_string(v))
		return kh_error_set(err, KH_EINVAL, name, "%s must be a whole number", name);
	return kh_parse_int64(json_string_value(v), min, max, out, name, err);
}

int kh_args_only(json_t *obj, const char *const *allowed, struct kh_error *err)
{
	const char *key;
	json_t *v;

	json_object_foreach(obj, key, v) {
		bool ok = false;

		for (size_t i = 0; allowed[i]; i++)
			ok = ok || strcmp(key, allowed[i]) == 0;
		if (!ok)
			return kh_error_set(err, KH_EINVAL, key, "unknown field %s", key);
	}
	return 0;
}

int64_t kh_user_value(json_t *rows, int64_t user_id)
{
	size_t i;
	json_t *v;

	json_array_foreach(rows, i, v)
		if (json_integer_value(json_object_get(v, "user_id")) == user_id)
			return json_integer_value(json_object_get(v, "value"));
	return 0;
}

/* The year of args (default: this year). */
static int arg_year(json_t *args, int *year, struct kh_error *err)
{
	int64_t y = 0;
	bool present;
	unsigned m, d;
	int ty, rc = kh_arg_int(args, "year", 2000, 2100, &y, &present, err);

	if (rc)
		return rc;
	kh_civil_from_days(kh_today(), &ty, &m, &d);
	*year = present ? (int)y : ty;
	return 0;
}

static int arg_metric(json_t *args, bool targeted, enum kh_metric *m, struct kh_error *err)
{
	const char *s = kh_arg_str(args, "metric");

	if (!json_object_get(args, "metric")) {
		*m = KH_METRIC_CONTRACTS;
		return 0;
	}
	return kh_metric_parse(s, targeted, "metric", m, err);
}

/* ---- the calendar ---- */

int32_t kh_month_first(int y, int m)
{
	return kh_days_from_civil(y, (unsigned)m, 1);
}

int kh_month_days(int y, int m)
{
	return m == 12 ? (int)(kh_month_first(y + 1, 1) - kh_month_first(y, 12))
		       : (int)(kh_month_first(y, m + 1) - kh_month_first(y, m));
}

int kh_month_workdays(int y, int m)
{
	int32_t first = kh_month_first(y, m);
	int n = 0;

	/* 1970-01-01 was a Thursday: (day + 3) % 7 is 0 on Mondays. */
	for (int i = 0; i < kh_month_days(y, m); i++)
		n += (first + i + 3) % 7 < 5;
	return n;
}

/* ---- who sees and sets what ---- */

int kh_target_access_init(struct kh_ctx *ctx, struct kh_target_access *a, struct kh_error *err)
{
	int rc;

	a->led = NULL;
	if ((rc = kh_perm_reach_init(ctx, &a->reach, err)))
		return rc;
	if (ctx->actor.user_id &&
	    (rc = kh_store_teams_led_below(ctx->store, ctx->actor.user_id, &a->led, err)))
		kh_perm_reach_release(&a->reach);
	return rc;
}

void kh_target_access_release(struct kh_target_access *a)
{
	if (!a)
		return;
	kh_perm_reach_release(&a->reach);
	json_decref(a->led);
	a->led = NULL;
}

static bool has_id(json_t *arr, int64_t id)
{
	size_t i;
	json_t *v;

	json_array_foreach(arr, i, v)
		if (json_integer_value(v) == id)
			return true;
	return false;
}

static bool unrestricted(const struct kh_ctx *ctx)
{
	return ctx->actor.role == KH_ROLE_SYSTEM || ctx->actor.role == KH_ROLE_ADMIN;
}

bool kh_target_team_seen(const struct kh_ctx *ctx, const struct kh_target_access *a,
			 int64_t id)
{
	if (unrestricted(ctx))
		return true;
	if (ctx->actor.role == KH_ROLE_SALES)
		return id == ctx->actor.team_id;
	return a->reach.everything || kh_perm_reach_has_team(&a->reach, id) || has_id(a->led, id);
}

bool kh_target_may_see(const struct kh_ctx *ctx, const struct kh_target_access *a,
		       enum kh_subject_kind kind, int64_t id)
{
	if (unrestricted(ctx))
		return true;
	switch (kind) {
	case KH_SUBJECT_COMPANY:
		return ctx->actor.role == KH_ROLE_MANAGER;
	case KH_SUBJECT_TEAM:
		return kh_target_team_seen(ctx, a, id);
	default:
		return id == ctx->actor.user_id ||
		       (ctx->actor.role == KH_ROLE_MANAGER && kh_perm_reach_has_user(&a->reach, id));
	}
}

bool kh_target_may_set(const struct kh_ctx *ctx, const struct kh_target_access *a,
		       enum kh_subject_kind kind, int64_t id)
{
	if (unrestricted(ctx))
		return true;
	if (ctx->actor.role != KH_ROLE_MANAGER || kind == KH_SUBJECT_COMPANY)
		return false;
	if (kind == KH_SUBJECT_TEAM)
		return kh_target_team_seen(ctx, a, id);
	return id != ctx->actor.user_id && kh_perm_reach_has_user(&a->reach, id);
}

/* ---- subjects ---- */

static const char *const kind_names[] = {"rep", "team", "company"};

const char *kh_subject_kind_name(enum kh_subject_kind kind)
{
	return kind_names[kind <= KH_SUBJECT_COMPANY ? kind : 0];
}

static const char *row_name(json_t *row)
{
	const char *n = json_string_value(json_object_get(row, "display_name"));

	if (!n || !*n)
		n = json_string_value(json_object_get(row, "name"));
	if (!n || !*n)
		n = json_string_value(json_object_get(row, "login"));
	return n ? n : "";
}

/* Load subject s (kind and id set): its name, a rep's team; 404 naming id
 * when there is none or the caller does not see it. */
static int subject_load(struct kh_ctx *ctx, const struct kh_target_access *a,
			struct kh_subject *s, struct kh_error *err)
{
	json_t *row = NULL;
	int rc;

	if (s->kind == KH_SUBJECT_COMPANY) {
		snprintf(s->name, sizeof(s->name), "%s", "");
		return kh_target_may_see(ctx, a, s->kind, 0)
			       ? 0
			       : kh_error_set(err, KH_EPERM, "scope", "the company's targets are "
					      "for managers and admins");
	}
	rc = kh_store_get(ctx->store, s->kind == KH_SUBJECT_REP ? "users" : "teams", s->id, &row,
			  err);
	if (rc == 0 && json_is_string(json_object_get(row, "deleted_at")))
		rc = KH_ENOTFOUND;
	if (rc == 0 && !kh_target_may_see(ctx, a, s->kind, s->id))
		rc = KH_ENOTFOUND;
	if (rc == KH_ENOTFOUND) {
		json_decref(row);
		return kh_error_set(err, KH_ENOTFOUND, "id", "%s: no such %s (id %lld)", "id",
				    s->kind == KH_SUBJECT_REP ? "user" : "team", (long long)s->id);
	}
	if (rc == 0) {
		snprintf(s->name, sizeof(s->name), "%s", row_name(row));
		s->team_id = json_integer_value(json_object_get(row, "team_id"));
	}
	json_decref(row);
	return rc;
}

int kh_subject_resolve(struct kh_ctx *ctx, const struct kh_target_access *a, json_t *args,
		       struct kh_subject *out, struct kh_error *err)
{
	const char *scope = kh_arg_str(args, "scope");
	int64_t id = 0;
	bool has;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = kh_arg_int(args, "id", 1, INT64_MAX, &id, &has, err)))
		return rc;
	if (json_object_get(args, "scope") && !scope)
		return kh_error_set(err, KH_EINVAL, "scope", "%s must be a string", "scope");
	if (!scope) {
		/* The caller's own: a rep themselves, a manager their team, an
		 * admin the company; an id alone names a rep. */
		if (has || ctx->actor.role == KH_ROLE_SALES ||
		    (ctx->actor.role == KH_ROLE_MANAGER && !ctx->actor.team_id))
			scope = "rep";
		else
			scope = ctx->actor.role == KH_ROLE_MANAGER ? "team" : "company";
	}
	if (strcmp(scope, "company") == 0) {
		out->kind = KH_SUBJECT_COMPANY;
		if (has)
			return kh_error_set(err, KH_EINVAL, "id", "the company's target takes no id");
	} else if (strcmp(scope, "team") == 0) {
		out->kind = KH_SUBJECT_TEAM;
		out->id = has ? id : ctx->actor.team_id;
	} else if (strcmp(scope, "rep") == 0) {
		out->kind = KH_SUBJECT_REP;
		out->id = has ? id : ctx->actor.user_id;
	} else {
		return kh_error_set(err, KH_EINVAL, "scope", "%s must be one of: %s", "scope",
				    "rep, team, company");
	}
	if (out->kind != KH_SUBJECT_COMPANY && !out->id)
		return kh_error_set(err, KH_EINVAL, "id", "%s is required", "id");
	return subject_load(ctx, a, out, err);
}

int kh_subject_users(struct kh_ctx *ctx, const struct kh_subject *s, json_t **users,
		     struct kh_error *err)
{
	json_t *teams = NULL;
	int rc;

	*users = NULL;
	if (s->kind == KH_SUBJECT_COMPANY)
		return 0;
	if (s->kind == KH_SUBJECT_REP) {
		*users = json_pack("[I]", (json_int_t)s->id);
		return *users ? 0 : kh_error_set(err, KH_ENOMEM, "", "out of memory");
	}
	if ((rc = kh_store_team_subtree(ctx->store, s->id, &teams, err)) == 0)
		rc = kh_store_users_in_teams(ctx->store, teams, users, err);
	json_decref(teams);
	return rc;
}

int kh_subject_open(struct kh_ctx *ctx, json_t *args, struct kh_target_access *a,
		    struct kh_subject *s, json_t **users, struct kh_error *err)
{
	int rc;

	*users = NULL;
	if ((rc = kh_target_access_init(ctx, a, err)))
		return rc;
	if ((rc = kh_subject_resolve(ctx, a, args, s, err)) ||
	    (rc = kh_subject_users(ctx, s, users, err)) ||
	    (rc = kh_store_begin_read(ctx->store, err))) {
		json_decref(*users);
		*users = NULL;
		kh_target_access_release(a);
	}
	return rc;
}

int kh_subject_target(struct kh_ctx *ctx, const struct kh_subject *s, json_t *users, int year,
		      const char *metric, int64_t months[13], const char **source,
		      struct kh_error *err)
{
	bool set = false;
	int rc = kh_store_target_months(ctx->store, kh_subject_kind_name(s->kind), s->id, year,
					metric, months, &set, err);

	*source = "set";
	if (rc || set)
		return rc;
	*source = "none";
	if (s->kind == KH_SUBJECT_REP)
		return 0;
	if ((rc = kh_store_target_reps_sum(ctx->store, users, year, metric, months, err)))
		return rc;
	for (int m = 1; m <= 12; m++)
		if (months[m])
			*source = "reps";
	return 0;
}

/* ---- reading and setting ---- */

static json_t *months_json(enum kh_metric metric, const int64_t months[13], int64_t *total)
{
	json_t *arr = json_array();

	*total = 0;
	for (int m = 1; m <= 12; m++) {
		json_array_append_new(arr, kh_metric_value_json(metric, months[m]));
		*total += months[m];
	}
	return arr;
}

/* One row of GET /targets: the target of (kind, id, name) and, for a team
 * or the company, the sum of its reps' targets beside it. */
static int target_row(struct kh_ctx *ctx, const struct kh_target_access *a,
		      const struct kh_subject *s, int year, enum kh_metric metric, json_t **row,
		      struct kh_error *err)
{
	const char *mname = kh_metric_name(metric);
	int64_t months[13], reps[13], total, reps_total;
	json_t *users = NULL, *o;
	bool set;
	int rc;

	if ((rc = kh_store_target_months(ctx->store, kh_subject_kind_name(s->kind), s->id, year,
					 mname, months, &set, err)))
		return rc;
	o = json_pack("{s:s, s:o, s:s, s:o, s:b, s:b}", "scope", kh_subject_kind_name(s->kind),
		      "id", s->kind == KH_SUBJECT_COMPANY ? json_null() : json_integer(s->id),
		      "name", s->name, "months", months_json(metric, months, &total), "set", set,
		      "editable", kh_target_may_set(ctx, a, s->kind, s->id));
	json_object_set_new(o, "total", kh_metric_value_json(metric, total));
	if (s->kind == KH_SUBJECT_REP) {
		json_object_set_new(o, "team_id", s->team_id ? json_integer(s->team_id) : json_null());
	} else {
		if ((rc = kh_subject_users(ctx, s, &users, err)) == 0)
			rc = kh_store_target_reps_sum(ctx->store, users, year, mname, reps, err);
		json_decref(users);
		if (rc) {
			json_decref(o);
			return rc;
		}
		json_object_set_new(o, "reps_sum", months_json(metric, reps, &reps_total));
		json_object_set_new(o, "reps_total", kh_metric_value_json(metric, reps_total));
	}
	*row = o;
	return 0;
}

/* Append the rows of s's parts the caller sees: the company's top teams; a
 * team's sub-teams, then its own members. */
static int part_rows(struct kh_ctx *ctx, const struct kh_target_access *a,
		     const struct kh_subject *s, int year, enum kh_metric metric, json_t *rows,
		     struct kh_error *err)
{
	json_t *teams = NULL, *members = NULL, *people = NULL, *one = json_array(), *v;
	size_t i;
	int rc = 0;

	if (s->kind == KH_SUBJECT_REP)
		goto out;
	if ((rc = kh_store_target_child_teams(ctx->store, s->id, &teams, err)))
		goto out;
	json_array_foreach(teams, i, v) {
		struct kh_subject t = {KH_SUBJECT_TEAM, json_integer_value(json_object_get(v, "id")),
				       0, ""};
		json_t *row = NULL;

		if (!kh_target_may_see(ctx, a, t.kind, t.id))
			continue;
		snprintf(t.name, sizeof(t.name), "%s", row_name(v));
		if ((rc = target_row(ctx, a, &t, year, metric, &row, err)))
			goto out;
		json_array_append_new(rows, row);
	}
	if (s->kind != KH_SUBJECT_TEAM)
		goto out;
	json_array_append_new(one, json_integer(s->id));
	if ((rc = kh_store_users_in_teams(ctx->store, one, &members, err)) ||
	    (rc = kh_store_target_people(ctx->store, members, &people, err)))
		goto out;
	json_array_foreach(people, i, v) {
		struct kh_subject p = {KH_SUBJECT_REP, json_integer_value(json_object_get(v, "id")),
				       s->id, ""};
		json_t *row = NULL;

		if (!kh_target_may_see(ctx, a, p.kind, p.id))
			continue;
		snprintf(p.name, sizeof(p.name), "%s", row_name(v));
		if ((rc = target_row(ctx, a, &p, year, metric, &row, err)))
			goto out;
		json_array_append_new(rows, row);
	}
out:
	json_decref(teams);
	json_decref(members);
	json_decref(people);
	json_decref(one);
	return rc;
}

static int targets_answer(struct kh_ctx *ctx, const struct kh_target_access *a,
			  const struct kh_subject *s, int year, enum kh_metric metric, bool parts,
			  json_t **out, struct kh_error *err)
{
	json_t *rows = json_array(), *row = NULL;
	int rc = target_row(ctx, a, s, year, metric, &row, err);

	if (rc == 0) {
		json_array_append_new(rows, row);
		if (parts)
			rc = part_rows(ctx, a, s, year, metric, rows, err);
	}
	if (rc) {
		json_decref(rows);
		return rc;
	}
	*out = json_pack("{s:i, s:s, s:s, s:o, s:s, s:o}", "year", year, "metric",
			 kh_metric_name(metric), "scope", kh_subject_kind_name(s->kind), "id",
			 s->kind == KH_SUBJECT_COMPANY ? json_null() : json_integer(s->id), "name",
			 s->name, "rows", rows);
	return 0;
}

int kh_targets_get(struct kh_ctx *ctx, json_t *args, json_t **out, struct kh_error *err)
{
	struct kh_target_access a;
	struct kh_subject s;
	enum kh_metric metric;
	int year, rc;

	if ((rc = arg_year(args, &year, err)) || (rc = arg_metric(args, true, &metric, err)))
		return rc;
	if ((rc = kh_target_access_init(ctx, &a, err)))
		return rc;
	if ((rc = kh_subject_resolve(ctx, &a, args, &s, err)) == 0)
		rc = targets_answer(ctx, &a, &s, year, metric, true, out, err);
	kh_target_access_release(&a);
	return rc;
}

/* The twelve amounts of body's "months" into months[1..12]. */
static int parse_months(json_t *body, enum kh_metric metric, int64_t months[13],
			struct kh_error *err)
{
	json_t *arr = json_object_get(body, "months");
	bool money = metric != KH_METRIC_NEW_CUSTOMERS;

	memset(months, 0, 13 * sizeof(months[0]));
	if (!arr)
		return kh_error_set(err, KH_EINVAL, "months", "%s is required", "months");
	if (!json_is_array(arr) || json_array_size(arr) != 12)
		return kh_error_set(err, KH_EINVAL, "months", "months must be a list of 12 amounts, "
				    "January to December");
	for (int m = 1; m <= 12; m++) {
		json_t *v = json_array_get(arr, (size_t)m - 1);
		char buf[32];
		int rc;

		if (json_is_null(v))
			continue;
		if (json_is_integer(v)) {
			snprintf(buf, sizeof(buf), "%lld", (long long)json_integer_value(v));
		} else if (json_is_string(v)) {
			snprintf(buf, sizeof(buf), "%.31s", json_string_value(v));
		} else {
			return money ? kh_error_set(err, KH_EINVAL, "months", "months: month %d must "
						    "be an amount like 1234.50", m)
				     : kh_error_set(err, KH_EINVAL, "months", "months: month %d must "
						    "be a whole number", m);
		}
		rc = money ? kh_parse_money(buf, false, &months[m], "months", err)
			   : kh_parse_int64(buf, 0, 100000000, &months[m], "months", err);
		if (rc)
			return rc;
	}
	return 0;
}

int kh_targets_put(struct kh_ctx *ctx, json_t *body, json_t **out, struct kh_error *err)
{
	static const char *const allowed[] = {"year", "metric", "scope", "id", "months", NULL};
	struct kh_target_access a;
	struct kh_subject s;
	enum kh_metric metric;
	int64_t months[13];
	int year, rc;

	if ((rc = kh_args_only(body, allowed, err)))
		return rc;
	if (!json_object_get(body, "year"))
		return kh_error_set(err, KH_EINVAL, "year", "%s is required", "year");
	if (!json_object_get(body, "metric"))
		return kh_error_set(err, KH_EINVAL, "metric", "%s is required", "metric");
	if ((rc = arg_year(body, &year, err)) || (rc = arg_metric(body, true, &metric, err)))
		return rc;
	if ((rc = kh_target_access_init(ctx, &a, err)))
		return rc;
	if ((rc = kh_subject_resolve(ctx, &a, body, &s, err)))
		goto out;
	if (!kh_target_may_set(ctx, &a, s.kind, s.id)) {
		if (ctx->actor.role == KH_ROLE_SALES)
			rc = kh_error_set(err, KH_EPERM, "scope", "targets are set by managers and "
					  "admins");
		else if (s.kind == KH_SUBJECT_REP && s.id == ctx->actor.user_id)
			rc = kh_error_set(err, KH_EPERM, "id", "your own target is set by your "
					  "superior");
		else
			rc = kh_error_set(err, KH_EPERM, "scope", "only an admin sets the company's "
					  "target");
		goto out;
	}
	if ((rc = parse_months(body, metric, months, err)))
		goto out;
	if ((rc = kh_store_begin(ctx->store, err)))
		goto out;
	if ((rc = kh_store_target_put(ctx->store, kh_subject_kind_name(s.kind), s.id, year,
				      kh_metric_name(metric), months, ctx->actor.user_id, err)) ||
	    (rc = kh_store_commit(ctx->store, err))) {
		kh_store_rollback(ctx->store);
		goto out;
	}
	rc = targets_answer(ctx, &a, &s, year, metric, false, out, err);
out:
	kh_target_access_release(&a);
	return rc;
}

/* ---- target against actual ---- */

static json_t *period_json(enum kh_metric metric, int64_t target, int64_t actual)
{
	json_t *o = json_object();

	json_object_set_new(o, "target", kh_metric_value_json(metric, target));
	json_object_set_new(o, "actual", kh_metric_value_json(metric, actual));
	json_object_set_new(o, "gap", kh_metric_value_json(metric, target > actual
									  ? target - actual : 0));
	json_object_set_new(o, "rate", kh_rate_json(actual, target));
	return o;
}

static int year_actual(struct kh_ctx *ctx, enum kh_metric metric, json_t *users, int year,
		       int64_t months[13], struct kh_error *err)
{
	char from[16], to[16];

	snprintf(from, sizeof(from), "%04d-01-01", year % 10000);
	snprintf(to, sizeof(to), "%04d-12-31", year % 10000);
	return kh_store_actual_months(ctx->store, metric, users, from, to, months, err);
}

int kh_targets_progress(struct kh_ctx *ctx, json_t *args, json_t **out, struct kh_error *err)
{
	struct kh_target_access a;
	struct kh_subject s;
	enum kh_metric metric;
	int64_t target[13], actual[13], ty = 0, ay = 0;
	json_t *users = NULL, *months, *quarters;
	const char *source = "none";
	int year, rc;

	if ((rc = arg_year(args, &year, err)) || (rc = arg_metric(args, true, &metric, err)))
		return rc;
	if ((rc = kh_subject_open(ctx, args, &a, &s, &users, err)))
		return rc;
	if ((rc = kh_subject_target(ctx, &s, users, year, kh_metric_name(metric), target, &source,
				    err)) ||
	    (rc = year_actual(ctx, metric, users, year, actual, err))) {
		kh_store_rollback(ctx->store);
		goto out;
	}
	kh_store_commit(ctx->store, NULL);
	months = json_array();
	quarters = json_array();
	for (int m = 1; m <= 12; m++) {
		json_t *p = period_json(metric, target[m], actual[m]);

		json_object_set_new(p, "month", json_integer(m));
		json_array_append_new(months, p);
		ty += target[m];
		ay += actual[m];
		if (m % 3 == 0) {
			int64_t qt = target[m] + target[m - 1] + target[m - 2];
			int64_t qa = actual[m] + actual[m - 1] + actual[m - 2];

			p = period_json(metric, qt, qa);
			json_object_set_new(p, "quarter", json_integer(m / 3));
			json_array_append_new(quarters, p);
		}
	}
	*out = json_pack("{s:i, s:s, s:s, s:o, s:s, s:s, s:o, s:o, s:o}", "year", year, "metric",
			 kh_metric_name(metric), "scope", kh_subject_kind_name(s.kind), "id",
			 s.kind == KH_SUBJECT_COMPANY ? json_null() : json_integer(s.id), "name",
			 s.name, "target_source", source, "months", months, "quarters", quarters,
			 "total", period_json(metric, ty, ay));
out:
	json_decref(users);
	kh_target_access_release(&a);
	return rc;
}
