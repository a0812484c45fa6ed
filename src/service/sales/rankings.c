/*
 * rankings.c: rankings (see rankings.h): who is ranked, the period, one
 * aggregate per rep from the store (store/sales/targets.h) and the order.
 */
#include "service/sales/rankings.h"

#include <stdlib.h>
#include <string.h>

#include "base/parse.h"
#include "service/sales/targets.h"
#include "service/sales/targets_internal.h"
#include "store/accounts/auth.h"
#include "base/banned.h"

/* The period of args into from..to (days). */
static int period(json_t *args, const char **name, int32_t *from, int32_t *to,
		  struct kh_error *err)
{
	const char *p = kh_arg_str(args, "period");
	int32_t day = kh_today();
	int y, rc;
	unsigned m, d;

	if (json_object_get(args, "period") && !p)
		return kh_error_set(err, KH_EINVAL, "period", "%s must be a string", "period");
	*name = p ? p : "month";
	if (strcmp(*name, "custom") == 0) {
		if (json_object_get(args, "date"))
			return kh_error_set(err, KH_EINVAL, "date", "a custom period takes from and "
					    "to, not date");
		if (!kh_arg_str(args, "from"))
			return kh_error_set(err, KH_EINVAL, "from", "%s is required", "from");
		if (!kh_arg_str(args, "to"))
			return kh_error_set(err, KH_EINVAL, "to", "%s is required", "to");
		if ((rc = kh_parse_date(kh_arg_str(args, "from"), from, "from", err)) ||
		    (rc = kh_parse_date(kh_arg_str(args, "to"), to, "to", err)))
			return rc;
		if (*to < *from)
			return kh_error_set(err, KH_EINVAL, "to", "to must not be before from");
		if (*to - *from > 3660)
			return kh_error_set(err, KH_EINVAL, "to", "a custom period is at most ten "
					    "years");
		return 0;
	}
	if (json_object_get(args, "from") || json_object_get(args, "to"))
		return kh_error_set(err, KH_EINVAL, json_object_get(args, "from") ? "from" : "to",
				    "from and to are for period=custom");
	if (json_object_get(args, "date") &&
	    (rc = kh_parse_date(kh_arg_str(args, "date"), &day, "date", err)))
		return rc;
	kh_civil_from_days(day, &y, &m, &d);
	if (strcmp(*name, "month") == 0) {
		*from = kh_month_first(y, (int)m);
		*to = *from + kh_month_days(y, (int)m) - 1;
	} else if (strcmp(*name, "quarter") == 0) {
		int q = ((int)m - 1) / 3 * 3 + 1;

		*from = kh_month_first(y, q);
		*to = kh_month_first(y, q + 2) + kh_month_days(y, q + 2) - 1;
	} else if (strcmp(*name, "year") == 0) {
		*from = kh_month_first(y, 1);
		*to = kh_month_first(y + 1, 1) - 1;
	} else {
		return kh_error_set(err, KH_EINVAL, "period", "%s must be one of: %s", "period",
				    "month, quarter, year, custom");
	}
	return 0;
}

/* The users ranked: the team's (and below) when team is given, else the
 * caller's reach; a rep's own team in either case. *users NULL: all. */
static int ranked_users(struct kh_ctx *ctx, const struct kh_target_access *a, int64_t team,
			json_t **users, struct kh_error *err)
{
	json_t *teams = NULL, *row = NULL;
	int rc;

	*users = NULL;
	if (team) {
		rc = kh_store_get(ctx->store, "teams", team, &row, err);
		if (rc == 0 && (json_is_string(json_object_get(row, "deleted_at")) ||
				!kh_target_team_seen(ctx, a, team)))
			rc = KH_ENOTFOUND;
		json_decref(row);
		if (rc == KH_ENOTFOUND)
			return kh_error_set(err, KH_ENOTFOUND, "team", "%s: no such %s (id %lld)",
					    "team", "team", (long long)team);
		if (rc)
			return rc;
		if (ctx->actor.role == KH_ROLE_SALES)
			teams = json_pack("[I]", (json_int_t)team);
		else if ((rc = kh_store_team_subtree(ctx->store, team, &teams, err)))
			return rc;
	} else if (ctx->actor.role == KH_ROLE_SALES) {
		if (!ctx->actor.team_id) {
			*users = json_pack("[I]", (json_int_t)ctx->actor.user_id);
			return 0;
		}
		teams = json_pack("[I]", (json_int_t)ctx->actor.team_id);
	} else if (ctx->actor.role == KH_ROLE_MANAGER && !a->reach.everything) {
		*users = json_deep_copy(a->reach.owners);
		return 0;
	} else {
		return 0;
	}
	rc = kh_store_users_in_teams(ctx->store, teams, users, err);
	json_decref(teams);
	/* A manager's team filter stays inside their scope. */
	if (rc == 0 && ctx->actor.role == KH_ROLE_MANAGER && !a->reach.everything) {
		json_t *kept = json_array(), *v;
		size_t i;

		json_array_foreach(*users, i, v)
			if (kh_perm_reach_has_user(&a->reach, json_integer_value(v)))
				json_array_append(kept, v);
		json_decref(*users);
		*users = kept;
	}
	return rc;
}

struct ranked {
	int64_t user_id, value;
	json_t *person;
};

static int by_value(const void *pa, const void *pb)
{
	const struct ranked *a = pa, *b = pb;

	if (a->value != b->value)
		return a->value > b->value ? -1 : 1;
	return a->user_id < b->user_id ? -1 : a->user_id > b->user_id;
}

int kh_rankings(struct kh_ctx *ctx, json_t *args, json_t **out, struct kh_error *err)
{
	struct kh_target_access a;
	enum kh_metric metric = KH_METRIC_CONTRACTS;
	json_t *users = NULL, *people = NULL, *values = NULL, *items = NULL, *me = NULL, *v;
	struct ranked *list = NULL;
	const char *pname = "month";
	char from[11], to[11];
	int32_t f, t;
	int64_t team = 0, total = 0;
	bool has_team;
	size_t n, i;
	int rc;

	if (json_object_get(args, "metric") &&
	    (rc = kh_metric_parse(kh_arg_str(args, "metric"), false, "metric", &metric, err)))
		return rc;
	if ((rc = period(args, &pname, &f, &t, err)) ||
	    (rc = kh_arg_int(args, "team", 1, INT64_MAX, &team, &has_team, err)))
		return rc;
	kh_date_format(f, from);
	kh_date_format(t, to);
	if ((rc = kh_target_access_init(ctx, &a, err)))
		return rc;
	if ((rc = ranked_users(ctx, &a, team, &users, err)) ||
	    (rc = kh_store_begin_read(ctx->store, err)))
		goto out;
	if ((rc = kh_store_target_people(ctx->store, users, &people, err)) ||
	    (rc = kh_store_actual_by_user(ctx->store, metric, users, from, to, &values, err))) {
		kh_store_rollback(ctx->store);
		goto out;
	}
	kh_store_commit(ctx->store, NULL);
	n = json_array_size(people);
	if (n && !(list = calloc(n, sizeof(*list)))) {
		rc = kh_error_set(err, KH_ENOMEM, "", "out of memory");
		goto out;
	}
	json_array_foreach(people, i, v) {
		list[i].user_id = json_integer_value(json_object_get(v, "id"));
		list[i].value = kh_user_value(values, list[i].user_id);
		list[i].person = v;
		total += list[i].value;
	}
	if (n)
		qsort(list, n, sizeof(*list), by_value);
	items = json_array();
	for (i = 0; i < n; i++) {
		/* Competition ranking: a tie shares the first rank of its run. */
		int64_t rank = (int64_t)i + 1;
		json_t *item;

		if (i && list[i].value == list[i - 1].value)
			rank = json_integer_value(
				json_object_get(json_array_get(items, i - 1), "rank"));
		item = json_pack("{s:I, s:I, s:O, s:O, s:O}", "rank", (json_int_t)rank, "user_id",
				 (json_int_t)list[i].user_id, "login",
				 json_object_get(list[i].person, "login"), "name",
				 json_object_get(list[i].person, "name"), "team_id",
				 json_object_get(list[i].person, "team_id"));
		json_object_set_new(item, "value", kh_metric_value_json(metric, list[i].value));
		if (list[i].user_id == ctx->actor.user_id)
			me = json_pack("{s:I, s:O, s:I}", "rank", (json_int_t)rank, "value",
				       json_object_get(item, "value"), "of", (json_int_t)n);
		json_array_append_new(items, item);
	}
	*out = json_pack("{s:s, s:s, s:s, s:s, s:o, s:O, s:o}", "metric", kh_metric_name(metric),
			 "period", pname, "from", from, "to", to, "team",
			 has_team ? json_integer(team) : json_null(), "items", items, "me",
			 me ? me : json_null());
	json_object_set_new(*out, "total", kh_metric_value_json(metric, total));
	me = NULL;
out:
	free(list);
	json_decref(users);
	json_decref(people);
	json_decref(values);
	json_decref(items);
	json_decref(me);
	kh_target_access_release(&a);
	return rc;
}
