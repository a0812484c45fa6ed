/*
 * notify.c: the actor's notifications and reminder settings (see notify.h).
 * Every store call is keyed by ctx->actor.user_id; the system actor (the
 * command line without --as) has none.
 */
#include "service/comms/notify.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "service/comms/mail.h"
#include "service/work/todo.h"
#include "store/comms/notifications.h"
#include "base/banned.h"

static int need_user(struct kh_ctx *ctx, struct kh_error *err)
{
	if (ctx->actor.user_id > 0)
		return 0;
	return kh_error_set(err, KH_EINVAL, "user", "notifications belong to a user");
}

/* A stored row as the API shows it. */
static json_t *notif_json(json_t *row)
{
	const char *type = json_string_value(json_object_get(row, "ref_type"));
	json_int_t ref = json_integer_value(json_object_get(row, "ref_id"));
	char item[64];

	snprintf(item, sizeof(item), "%s:%" JSON_INTEGER_FORMAT, type ? type : "", ref);
	json_object_set_new(row, "item", json_string(item));
	json_object_set(row, "type", json_object_get(row, "ref_type"));
	json_object_del(row, "ref_type");
	json_object_set_new(row, "read", json_boolean(!json_is_null(json_object_get(row, "read_at"))));
	return row;
}

int kh_notif_unread(struct kh_ctx *ctx, int64_t *n, struct kh_error *err)
{
	int rc = need_user(ctx, err);

	return rc ? rc : kh_store_notif_unread(ctx->store, ctx->actor.user_id, n, err);
}

int kh_notif_list(struct kh_ctx *ctx, bool unread_only, int limit, const char *cursor,
		  json_t **out, struct kh_error *err)
{
	json_t *rows = NULL, *row, *items;
	int64_t before = 0, unread = 0;
	char next[32] = "";
	size_t i;
	int rc;

	if ((rc = need_user(ctx, err)))
		return rc;
	if (limit == 0)
		limit = KH_NOTIF_LIST_DEFAULT;
	if (limit < 1 || limit > KH_NOTIF_LIST_MAX)
		return kh_error_set(err, KH_EINVAL, "limit", "%s must be between %lld and %lld",
				    "limit", 1LL, (long long)KH_NOTIF_LIST_MAX);
	if (cursor && *cursor && kh_parse_int64(cursor, 1, INT64_MAX, &before, "cursor", NULL))
		return kh_error_set(err, KH_EINVAL, "cursor", "cursor is not one this list gave out for "
				    "this sort: start again without it");
	if ((rc = kh_store_begin_read(ctx->store, err)))
		return rc;
	rc = kh_store_notif_list(ctx->store, ctx->actor.user_id, unread_only, before, limit, &rows,
				 err);
	if (rc == 0)
		rc = kh_store_notif_unread(ctx->store, ctx->actor.user_id, &unread, err);
	kh_store_commit(ctx->store, NULL);
	if (rc) {
		json_decref(rows);
		return rc;
	}
	items = json_array();
	json_array_foreach(rows, i, row)
		json_array_append(items, notif_json(row));
	if (json_array_size(rows) == (size_t)limit)
		snprintf(next, sizeof(next), "%" JSON_INTEGER_FORMAT,
			 json_integer_value(json_object_get(json_array_get(rows, i - 1), "id")));
	json_decref(rows);
	*out = json_pack("{s:o, s:I, s:o}", "items", items, "unread", (json_int_t)unread,
			 "next_cursor", *next ? json_string(next) : json_null());
	return *out ? 0 : kh_error_set(err, KH_ENOMEM, "", "out of memory");
}

int kh_notif_read(struct kh_ctx *ctx, int64_t id, json_t **out, struct kh_error *err)
{
	char now[21];
	int64_t unread = 0;
	int rc;

	if ((rc = need_user(ctx, err)))
		return rc;
	kh_now_iso(now);
	rc = kh_store_notif_read(ctx->store, ctx->actor.user_id, id, now, err);
	if (rc == KH_ENOTFOUND)
		return kh_error_set(err, KH_ENOTFOUND, "id", "no notification %lld", (long long)id);
	if (rc == 0)
		rc = kh_store_notif_unread(ctx->store, ctx->actor.user_id, &unread, err);
	if (rc)
		return rc;
	*out = json_pack("{s:I, s:b, s:I}", "id", (json_int_t)id, "read", 1, "unread",
			 (json_int_t)unread);
	return *out ? 0 : kh_error_set(err, KH_ENOMEM, "", "out of memory");
}

int kh_notif_read_all(struct kh_ctx *ctx, json_t **out, struct kh_error *err)
{
	char now[21];
	int64_t n = 0;
	int rc;

	if ((rc = need_user(ctx, err)))
		return rc;
	kh_now_iso(now);
	if ((rc = kh_store_notif_read_all(ctx->store, ctx->actor.user_id, now, &n, err)))
		return rc;
	*out = json_pack("{s:I, s:I}", "marked", (json_int_t)n, "unread", (json_int_t)0);
	return *out ? 0 : kh_error_set(err, KH_ENOMEM, "", "out of memory");
}

/* The kinds of p as a JSON array of names. */
static json_t *kinds_json(const struct kh_store_remind_prefs *p)
{
	json_t *a = json_array();

	for (int k = 0; a && k < KH_TODO_NKINDS; k++)
		if (kh_store_remind_prefs_has(p, kh_todo_kinds[k].name))
			json_array_append_new(a, json_string(kh_todo_kinds[k].name));
	return a;
}

static int prefs_json(struct kh_ctx *ctx, const struct kh_store_remind_prefs *p, json_t **out,
		      struct kh_error *err)
{
	struct kh_mail_config mail;
	char addr[256];
	int rc = kh_store_remind_user_email(ctx->store, ctx->actor.user_id, addr, sizeof(addr),
					    err);

	if (rc)
		return rc;
	kh_mail_config_from(ctx, &mail);
	*out = json_pack("{s:b, s:b, s:i, s:o, s:s, s:s?, s:b}", "in_app", p->in_app, "email",
			 p->email, "digest_hour", p->digest_hour, "kinds", kinds_json(p), "lang",
			 p->lang, "address", *addr ? addr : NULL, "mail_configured",
			 kh_mail_configured(&mail));
	return *out ? 0 : kh_error_set(err, KH_ENOMEM, "", "out of memory");
}

int kh_remind_prefs_get(struct kh_ctx *ctx, json_t **out, struct kh_error *err)
{
	struct kh_store_remind_prefs p;
	int rc;

	if ((rc = need_user(ctx, err)) ||
	    (rc = kh_store_remind_prefs_get(ctx->store, ctx->actor.user_id, &p, err)))
		return rc;
	return prefs_json(ctx, &p, out, err);
}

static int bool_member(json_t *v, const char *name, bool *out, struct kh_error *err)
{
	if (!json_is_boolean(v))
		return kh_error_set(err, KH_EINVAL, name, "%s must be true or false", name);
	*out = json_is_true(v);
	return 0;
}

/* The kinds array v into p->kinds ("a,b,c"). */
static int kinds_member(json_t *v, struct kh_store_remind_prefs *p, struct kh_error *err)
{
	bool seen[KH_TODO_NKINDS] = {false};
	size_t i;
	json_t *one;
	int n = 0;

	if (!json_is_array(v))
		return kh_error_set(err, KH_EINVAL, "kinds", "%s must be a list of to-do kinds",
				    "kinds");
	p->kinds[0] = '\0';
	json_array_foreach(v, i, one) {
		int k = kh_todo_kind_find(json_string_value(one));

		if (k < 0)
			return kh_error_set(err, KH_EINVAL, "kinds", "%s must be one of: %s", "kinds",
					    "followups_due, leads_new, pool_soon, "
					    "contracts_awaiting, receivables_awaiting, "
					    "visit_plans_awaiting, receivables_due, "
					    "contracts_expiring, key_accounts_overdue, "
					    "dates_upcoming");
		if (seen[k])
			return kh_error_set(err, KH_EINVAL, "kinds", "%s names %s twice", "kinds",
					    kh_todo_kinds[k].name);
		seen[k] = true;
		n++;
	}
	/* written in the kinds' order, so that the stored text is canonical */
	for (int k = 0; k < KH_TODO_NKINDS; k++)
		if (seen[k]) {
			size_t len = strlen(p->kinds);

			snprintf(p->kinds + len, sizeof(p->kinds) - len, "%s%s", len ? "," : "",
				 kh_todo_kinds[k].name);
		}
	p->kinds_all = n == KH_TODO_NKINDS;
	return 0;
}

int kh_remind_prefs_put(struct kh_ctx *ctx, json_t *changes, json_t **out,
			struct kh_error *err)
{
	struct kh_store_remind_prefs p;
	const char *key;
	json_t *v;
	char addr[256], now[21];
	int rc;

	if ((rc = need_user(ctx, err)))
		return rc;
	if (!json_is_object(changes))
		return kh_error_set(err, KH_EINVAL, "", "the body must be a JSON object");
	if ((rc = kh_store_remind_prefs_get(ctx->store, ctx->actor.user_id, &p, err)))
		return rc;
	json_object_foreach(changes, key, v) {
		if (strcmp(key, "in_app") == 0)
			rc = bool_member(v, key, &p.in_app, err);
		else if (strcmp(key, "email") == 0)
			rc = bool_member(v, key, &p.email, err);
		else if (strcmp(key, "digest_hour") == 0) {
			if (!json_is_integer(v) || json_integer_value(v) < 0 ||
			    json_integer_value(v) > 23)
				rc = kh_error_set(err, KH_EINVAL, key,
						  "%s must be a whole number between %lld and %lld",
						  key, 0LL, 23LL);
			else
				p.digest_hour = (int)json_integer_value(v);
		} else if (strcmp(key, "kinds") == 0)
			rc = kinds_member(v, &p, err);
		else if (strcmp(key, "lang") == 0) {
			const char *s = json_string_value(v);

			if (!s || (strcmp(s, "zh") && strcmp(s, "en")))
				rc = kh_error_set(err, KH_EINVAL, key, "%s must be one of: %s", key,
						  "zh, en");
			else
				memcpy(p.lang, s, 3);
		} else
			rc = kh_error_set(err, KH_EINVAL, key, "unknown field %s", key);
		if (rc)
			return rc;
	}
	if ((rc = kh_store_remind_user_email(ctx->store, ctx->actor.user_id, addr, sizeof(addr),
					     err)))
		return rc;
	if (p.email && json_is_true(json_object_get(changes, "email")) && !kh_mail_address_ok(addr))
		return kh_error_set(err, KH_EINVAL, "email",
				    "the daily e-mail needs an e-mail address on your account");
	kh_now_iso(now);
	if ((rc = kh_store_remind_prefs_put(ctx->store, ctx->actor.user_id, &p, now, err)))
		return rc;
	return prefs_json(ctx, &p, out, err);
}
