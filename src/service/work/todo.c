/*
 * todo.c: the to-do centre (see todo.h). The service decides whose records
 * each kind covers (the owners in the actor's reach: a rep's own, a
 * manager's team; for the approval kinds the owners the actor decides for,
 * permission.h) and the day's windows from the settings; the store
 * (store/work/todos.h) turns one description of each kind into its count,
 * its list and the check of one item.
 */
#include "service/work/todo.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "service/customers/pool.h"
#include "service/permission.h"
#include "service/settings.h"
#include "store/work/todos.h"
#include "base/banned.h"

_Static_assert(KH_TODO_NKINDS == KH_STORE_TODO_NKINDS, "the store has every kind");

const struct kh_todo_kind_info kh_todo_kinds[KH_TODO_NKINDS] = {
	{"followups_due", "Follow-ups due", "待跟进"},
	{"leads_new", "New leads", "新线索"},
	{"pool_soon", "Entering the pool soon", "即将进入公海"},
	{"contracts_awaiting", "Contracts to approve", "待审批合同"},
	{"receivables_awaiting", "Receipts to approve", "待审批回款"},
	{"visit_plans_awaiting", "Visit plans to approve", "待审批拜访计划"},
	{"receivables_due", "Receipts due", "待回款"},
	{"contracts_expiring", "Contracts expiring", "即将到期合同"},
	{"key_accounts_overdue", "Key accounts past their cadence", "重点客户待拜访"},
	{"dates_upcoming", "Birthdays and dates", "生日与纪念日"},
};

int kh_todo_kind_find(const char *name)
{
	for (int k = 0; name && k < KH_TODO_NKINDS; k++)
		if (strcmp(kh_todo_kinds[k].name, name) == 0)
			return k;
	return -1;
}

/* What one request works out once for the store. */
struct todo_setup {
	struct kh_store_todo_params p;
	struct kh_perm_reach reach;
	bool have_reach;
	json_t *approvable, *month_days;
};

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static void date_in(int32_t today, int64_t days, char out[11])
{
	kh_date_format((int32_t)(today + days), out);
}

/* The "MM-DD" of the days today..today+ahead; one born on Feb 29 is
 * remembered on Feb 28 in a common year, so that day brings "02-29" too. */
static json_t *month_days(int32_t today, int64_t ahead)
{
	json_t *a = json_array();
	char d[11];
	int y;
	unsigned m, dd;

	for (int64_t i = 0; a && i <= ahead; i++) {
		kh_date_format((int32_t)(today + i), d);
		json_array_append_new(a, json_string(d + 5));
		kh_civil_from_days((int32_t)(today + i), &y, &m, &dd);
		if (m == 2 && dd == 28 && !is_leap(y))
			json_array_append_new(a, json_string("02-29"));
	}
	return a;
}

static void setup_release(struct todo_setup *t)
{
	if (t->have_reach)
		kh_perm_reach_release(&t->reach);
	json_decref(t->approvable);
	json_decref(t->month_days);
}

static int setup_init(struct kh_ctx *ctx, struct todo_setup *t, struct kh_error *err)
{
	struct kh_store_todo_params *p = &t->p;
	int32_t today = kh_today();
	int y;
	unsigned m, d;
	int rc;

	memset(t, 0, sizeof(*t));
	kh_date_format(today, p->today);
	p->user_id = ctx->actor.user_id;
	if ((rc = kh_perm_reach_init(ctx, &t->reach, err)))
		return rc;
	t->have_reach = true;
	p->owners = t->reach.everything ? NULL : t->reach.owners;
	if ((rc = kh_perm_approvable_owners(ctx, &t->approvable, &p->approve_except_self, err)))
		goto fail;
	p->approvable = t->approvable;
	p->approver = !t->approvable || json_array_size(t->approvable) > 0;
	p->approves_visits = ctx->actor.role != KH_ROLE_SALES && p->approver;
	date_in(today, (int64_t)kh_setting_number(ctx, "todo.receivables_due_days"),
		p->receivables_until);
	date_in(today, (int64_t)kh_setting_number(ctx, "todo.contracts_expiring_days"),
		p->contracts_until);
	int64_t ahead = (int64_t)kh_setting_number(ctx, "todo.dates_ahead_days");
	date_in(today, ahead, p->dates_until);
	p->key_cadence_days = (int64_t)kh_setting_number(ctx, "cadence.key_account_days");
	p->count_cap = KH_TODO_COUNT_CAP;
	if ((rc = kh_pool_window(ctx, json_null(), &p->pool, err)))
		goto fail;
	if (!(t->month_days = month_days(today, ahead))) {
		rc = kh_error_set(err, KH_ENOMEM, "", "out of memory");
		goto fail;
	}
	p->month_days = t->month_days;
	memcpy(p->md_today, p->today + 5, 6);
	kh_civil_from_days(today, &y, &m, &d);
	/* kh_today() keeps to years 1900..2199 */
	snprintf(p->year1, sizeof(p->year1), "%04d", (y % 10000 + 10000) % 10000);
	snprintf(p->year2, sizeof(p->year2), "%04d", ((y + 1) % 10000 + 10000) % 10000);
	p->leap1 = is_leap(y);
	p->leap2 = is_leap(y + 1);
	return 0;
fail:
	setup_release(t);
	return rc;
}

int kh_todo_counts(struct kh_ctx *ctx, struct kh_todo_counts *out, struct kh_error *err)
{
	struct todo_setup t;
	int rc;

	if ((rc = setup_init(ctx, &t, err)))
		return rc;
	memset(out, 0, sizeof(*out));
	if ((rc = kh_store_todo_counts(ctx->store, &t.p, out->n, err)) == 0)
		for (int k = 0; k < KH_TODO_NKINDS; k++)
			out->total += out->n[k];
	setup_release(&t);
	return rc;
}

json_t *kh_todo_counts_json(const struct kh_todo_counts *counts)
{
	json_t *o = json_object();

	for (int k = 0; o && k < KH_TODO_NKINDS; k++)
		json_object_set_new(o, kh_todo_kinds[k].name, json_integer(counts->n[k]));
	if (o)
		json_object_set_new(o, "total", json_integer(counts->total));
	return o;
}

static int bad_cursor(struct kh_error *err)
{
	return kh_error_set(err, KH_EINVAL, "cursor", "cursor is not one this list gave out for "
			    "this sort: start again without it");
}

/* The kind named name, or KH_EINVAL naming "kind". */
static int find_kind(const char *name, int *k, struct kh_error *err)
{
	if ((*k = kh_todo_kind_find(name)) >= 0)
		return 0;
	return kh_error_set(err, KH_EINVAL, "kind", "%s must be one of: %s", "kind",
			    "followups_due, leads_new, pool_soon, contracts_awaiting, "
			    "receivables_awaiting, visit_plans_awaiting, receivables_due, "
			    "contracts_expiring, key_accounts_overdue, dates_upcoming");
}

/* A cursor "DUE,TYPE,ID" (the last item of a page) into its parts. */
static int parse_cursor(const char *cursor, char due[11], char type[32], int64_t *id,
			struct kh_error *err)
{
	const char *c1 = strchr(cursor, ','), *c2 = c1 ? strchr(c1 + 1, ',') : NULL;
	size_t tl = c2 ? (size_t)(c2 - c1 - 1) : 0;
	int32_t days;

	if (!c1 || !c2 || c1 - cursor != 10 || tl == 0 || tl >= 32 ||
	    kh_parse_int64(c2 + 1, 1, INT64_MAX, id, "cursor", NULL))
		return bad_cursor(err);
	memcpy(due, cursor, 10);
	due[10] = '\0';
	memcpy(type, c1 + 1, tl);
	type[tl] = '\0';
	if (kh_parse_date(due, &days, "cursor", NULL))
		return bad_cursor(err);
	return 0;
}

/* A stored row as the API shows an item. */
static json_t *item_json(const char *today, json_t *row)
{
	const char *type = json_string_value(json_object_get(row, "type"));
	const char *due = json_string_value(json_object_get(row, "due"));
	json_int_t ref = json_integer_value(json_object_get(row, "ref_id"));
	char id[64];

	snprintf(id, sizeof(id), "%s:%" JSON_INTEGER_FORMAT, type ? type : "", ref);
	json_object_set_new(row, "id", json_string(id));
	json_object_set_new(row, "overdue", json_boolean(due && *due && strcmp(due, today) < 0));
	return row;
}

/* One page of kind k (count: its count) into *out, as kh_todo_list says. */
static int list_kind(struct kh_ctx *ctx, const struct todo_setup *t, int k, int limit,
		     const char *due, const char *type, int64_t after, int64_t count,
		     json_t **out, struct kh_error *err)
{
	json_t *rows = NULL, *items, *row, *last;
	char next[80] = "";
	size_t i;
	int rc = kh_store_todo_list(ctx->store, &t->p, k, limit, due, type, after, &rows, err);

	if (rc)
		return rc;
	items = json_array();
	json_array_foreach(rows, i, row)
		json_array_append(items, item_json(t->p.today, row));
	last = json_array_get(rows, json_array_size(rows) - 1);
	if (last && json_array_size(rows) == (size_t)limit)
		snprintf(next, sizeof(next), "%s,%s,%" JSON_INTEGER_FORMAT,
			 json_string_value(json_object_get(last, "due")),
			 json_string_value(json_object_get(last, "type")),
			 json_integer_value(json_object_get(last, "ref_id")));
	*out = json_pack("{s:s, s:I, s:o, s:o}", "kind", kh_todo_kinds[k].name, "count",
			 (json_int_t)count, "items", items,
			 "next_cursor", *next ? json_string(next) : json_null());
	json_decref(rows);
	return *out ? 0 : kh_error_set(err, KH_ENOMEM, "", "out of memory");
}

static int check_limit(int *limit, struct kh_error *err)
{
	if (*limit == 0)
		*limit = KH_TODO_LIST_DEFAULT;
	if (*limit < 1 || *limit > KH_TODO_LIST_MAX)
		return kh_error_set(err, KH_EINVAL, "limit", "%s must be between %lld and %lld",
				    "limit", 1LL, (long long)KH_TODO_LIST_MAX);
	return 0;
}

int kh_todo_list(struct kh_ctx *ctx, const char *kind, int limit, const char *cursor,
		 json_t **out, struct kh_error *err)
{
	struct todo_setup t;
	int64_t counts[KH_TODO_NKINDS];
	char due[11] = "", type[32] = "";
	int64_t after = 0;
	int k, rc;

	if ((rc = find_kind(kind, &k, err)) || (rc = check_limit(&limit, err)))
		return rc;
	if (cursor && *cursor && (rc = parse_cursor(cursor, due, type, &after, err)))
		return rc;
	if ((rc = setup_init(ctx, &t, err)))
		return rc;
	if ((rc = kh_store_todo_counts(ctx->store, &t.p, counts, err)) == 0)
		rc = list_kind(ctx, &t, k, limit, due, *type ? type : NULL, after, counts[k], out,
			       err);
	setup_release(&t);
	return rc;
}

int kh_todo_overview(struct kh_ctx *ctx, int limit, json_t **out, struct kh_error *err)
{
	struct todo_setup t;
	struct kh_todo_counts c = {0};
	json_t *items = NULL, *one;
	int rc;

	if ((rc = check_limit(&limit, err)) || (rc = setup_init(ctx, &t, err)))
		return rc;
	if ((rc = kh_store_todo_counts(ctx->store, &t.p, c.n, err)))
		goto out;
	items = json_object();
	for (int k = 0; k < KH_TODO_NKINDS; k++) {
		c.total += c.n[k];
		if ((rc = list_kind(ctx, &t, k, limit, "", NULL, 0, c.n[k], &one, err)))
			goto out;
		json_object_set_new(items, kh_todo_kinds[k].name, one);
	}
	*out = json_pack("{s:o, s:I, s:O}", "counts", kh_todo_counts_json(&c), "count_cap",
			 (json_int_t)KH_TODO_COUNT_CAP, "items", items);
	if (!*out)
		rc = kh_error_set(err, KH_ENOMEM, "", "out of memory");
out:
	json_decref(items);
	setup_release(&t);
	return rc;
}

/* The item "TYPE:ID" of kind the actor has now: its parts and due day. */
static int find_item(struct kh_ctx *ctx, struct todo_setup *t, int k, const char *item,
		     char type[32], int64_t *ref, char due[11], struct kh_error *err)
{
	const char *colon = item ? strchr(item, ':') : NULL;
	size_t tl = colon ? (size_t)(colon - item) : 0;
	int rc;

	if (!colon || tl == 0 || tl >= 32 || kh_parse_int64(colon + 1, 1, INT64_MAX, ref, "id",
							    NULL))
		return kh_error_set(err, KH_EINVAL, "id", "%s must be a to-do id such as customer:12",
				    "id");
	memcpy(type, item, tl);
	type[tl] = '\0';
	rc = kh_store_todo_due(ctx->store, &t->p, k, type, *ref, due, err);
	if (rc == KH_ENOTFOUND)
		return kh_error_set(err, KH_ENOTFOUND, "id", "no to-do %s in %s", item,
				    kh_todo_kinds[k].name);
	return rc;
}

static int mark(struct kh_ctx *ctx, const char *kind, const char *item, const char *until,
		struct kh_error *err)
{
	struct todo_setup t;
	char type[32], due[11];
	int64_t ref;
	int32_t day;
	int k, rc;

	if ((rc = find_kind(kind, &k, err)))
		return rc;
	if (until && (rc = kh_parse_date(until, &day, "until", err)))
		return rc;
	if (until && day <= kh_today())
		return kh_error_set(err, KH_EINVAL, "until", "%s must be after today", "until");
	if (!ctx->actor.user_id)
		return kh_error_set(err, KH_EINVAL, "user", "to-dos are marked by a user");
	if ((rc = setup_init(ctx, &t, err)))
		return rc;
	if ((rc = find_item(ctx, &t, k, item, type, &ref, due, err)) == 0)
		rc = kh_store_todo_mark(ctx->store, ctx->actor.user_id, k, type, ref, due,
					until == NULL, until, err);
	setup_release(&t);
	return rc;
}

int kh_todo_mark_done(struct kh_ctx *ctx, const char *kind, const char *item,
		      struct kh_error *err)
{
	return mark(ctx, kind, item, NULL, err);
}

int kh_todo_snooze(struct kh_ctx *ctx, const char *kind, const char *item, const char *until,
		   struct kh_error *err)
{
	if (!until)
		return kh_error_set(err, KH_EINVAL, "until", "%s is required", "until");
	return mark(ctx, kind, item, until, err);
}
