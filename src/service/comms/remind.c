/*
 * remind.c: the reminder run (see remind.h). Each user is looked at as
 * themselves (kh_auth_actor_load), so the notifications are exactly what
 * their to-do centre lists; the digest is written in the user's language
 * (reminder_prefs.lang) from the same lists. A digest is claimed before it
 * is sent (its row becomes "sending" only if it is not sent nor being sent)
 * and recorded after; the row is never taken back from "sent", so a sent
 * digest is not sent again, and two runners at once (the server's job and
 * a cron `kehu remind --run`) do not both send it.
 */
#include "service/comms/remind.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/parse.h"
#include "base/strbuf.h"
#include "service/accounts/auth.h"
#include "service/comms/mail.h"
#include "service/work/todo.h"
#include "store/comms/notifications.h"
#include "base/banned.h"

/* Items a kind shows in the digest; the rest are counted. */
#define DIGEST_KIND_ITEMS 20
/* A digest claimed for sending this long ago belongs to a runner that died
 * (a send gives up after a minute): another may take it. */
#define CLAIM_STALE_S 600

/* The UTC time seconds ago as "YYYY-MM-DDTHH:MM:SSZ". */
static void iso_ago(long seconds, char out[21])
{
	time_t t = time(NULL) - seconds;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int kh_remind_hour_now(void)
{
	time_t t = time(NULL);
	int32_t real = (int32_t)(t / 86400), day = kh_today();

	if (day < real)
		return 24;
	if (day > real)
		return -1;
	return (int)((t % 86400) / 3600);
}

/* The notifications of the items in ov (kh_todo_overview) that p includes;
 * *added: how many were new. */
static int add_notifications(struct kh_ctx *ctx, const struct kh_store_remind_prefs *p,
			     json_t *ov, int64_t *added, struct kh_error *err)
{
	char now[21];
	int rc = kh_store_begin(ctx->store, err);

	*added = 0;
	kh_now_iso(now);
	for (int k = 0; rc == 0 && k < KH_TODO_NKINDS; k++) {
		const char *kind = kh_todo_kinds[k].name;
		json_t *items = json_object_get(json_object_get(json_object_get(ov, "items"), kind),
						"items"), *it;
		size_t i;

		if (!kh_store_remind_prefs_has(p, kind))
			continue;
		json_array_foreach(items, i, it) {
			struct kh_store_notif n = {
				.user_id = ctx->actor.user_id,
				.kind = kind,
				.ref_type = json_string_value(json_object_get(it, "type")),
				.ref_id = json_integer_value(json_object_get(it, "ref_id")),
				.due = json_string_value(json_object_get(it, "due")),
				.title = json_string_value(json_object_get(it, "title")),
				.customer_id = json_integer_value(json_object_get(it, "customer_id")),
				.customer_name = json_string_value(json_object_get(it, "customer_name")),
			};
			bool one = false;

			/* an item without a due day has no day to be reminded of */
			if (!n.ref_type || !n.due || !*n.due)
				continue;
			if ((rc = kh_store_notif_add(ctx->store, &n, now, &one, err)))
				break;
			*added += one;
		}
	}
	if (rc == 0)
		rc = kh_store_commit(ctx->store, err);
	if (rc)
		kh_store_rollback(ctx->store);
	return rc;
}

/* The digest of ov in lang ("zh" or "en") for name on day: its subject and
 * body; *n the number of items due (0: nothing to send). */
static int digest_text(const char *lang, const char *name, const char *day,
		       const struct kh_store_remind_prefs *p, json_t *ov, struct kh_strbuf *subject,
		       struct kh_strbuf *body, int64_t *n)
{
	bool zh = strcmp(lang, "en") != 0;
	json_t *counts = json_object_get(ov, "counts");
	int rc = 0;

	*n = 0;
	for (int k = 0; k < KH_TODO_NKINDS; k++)
		if (kh_store_remind_prefs_has(p, kh_todo_kinds[k].name))
			*n += json_integer_value(json_object_get(counts, kh_todo_kinds[k].name));
	if (*n == 0)
		return 0;
	rc = zh ? kh_strbuf_addf(subject, "【客户】%s 待办提醒：%lld 项", day, (long long)*n)
		: kh_strbuf_addf(subject, "kehu: %lld to-do%s for %s", (long long)*n,
				 *n == 1 ? "" : "s", day);
	if (rc == 0)
		rc = zh ? kh_strbuf_addf(body, "%s，您好：\n\n%s 您有 %lld 项待办。\n", name, day,
					 (long long)*n)
			: kh_strbuf_addf(body, "Hello %s,\n\nyou have %lld to-do%s on %s.\n", name,
					 (long long)*n, *n == 1 ? "" : "s", day);
	for (int k = 0; rc == 0 && k < KH_TODO_NKINDS; k++) {
		const char *kind = kh_todo_kinds[k].name;
		json_int_t count = json_integer_value(json_object_get(counts, kind));
		json_t *items = json_object_get(json_object_get(json_object_get(ov, "items"), kind),
						"items"), *it;
		size_t i;

		if (!count || !kh_store_remind_prefs_has(p, kind))
			continue;
		rc = kh_strbuf_addf(body, zh ? "\n%s（%lld）\n" : "\n%s (%lld)\n",
				    zh ? kh_todo_kinds[k].zh : kh_todo_kinds[k].en, (long long)count);
		json_array_foreach(items, i, it) {
			const char *title = json_string_value(json_object_get(it, "title"));
			const char *cust = json_string_value(json_object_get(it, "customer_name"));
			bool other = cust && title && strcmp(cust, title);

			if (rc || i >= DIGEST_KIND_ITEMS)
				break;
			rc = kh_strbuf_addf(body, "  %s%s  %s%s%s\n",
					    json_string_value(json_object_get(it, "due")),
					    json_is_true(json_object_get(it, "overdue"))
						    ? (zh ? " 已逾期" : " overdue")
						    : "",
					    title ? title : (cust ? cust : ""), other ? " · " : "",
					    other ? cust : "");
		}
		if (rc == 0 && count > (json_int_t)(i < DIGEST_KIND_ITEMS ? i : DIGEST_KIND_ITEMS))
			rc = kh_strbuf_addf(body, zh ? "  ……另有 %lld 项\n" : "  ... and %lld more\n",
					    (long long)(count - (json_int_t)(i < DIGEST_KIND_ITEMS
									? i : DIGEST_KIND_ITEMS)));
	}
	if (rc == 0)
		rc = kh_strbuf_adds(body, zh ? "\n请在 kehu 的待办中心查看和处理。\n"
					       "这封邮件每天发送一次，可在“我的设置”中关闭。\n"
					     : "\nSee and handle them in kehu's to-do centre.\n"
					       "This e-mail comes once a day; turn it off in My settings.\n");
	return rc ? KH_ENOMEM : 0;
}

/* The digest of one user, if one is due: what happened into *what. */
static int send_digest(struct kh_ctx *ctx, json_t *user, const struct kh_store_remind_prefs *p,
		       json_t *ov, int hour, const char *day, struct kh_remind_result *res,
		       const char **what, char *why, size_t why_size, struct kh_error *err)
{
	struct kh_mail_config mail;
	struct kh_strbuf subject, body, msg;
	struct kh_error e = {0};
	const char *addr = json_string_value(json_object_get(user, "email"));
	const char *name = json_string_value(json_object_get(user, "display_name"));
	char status[8], hint[64], now[21], stale[21];
	int64_t attempts = 0, n = 0;
	bool claimed = false;
	int rc;

	kh_mail_config_from(ctx, &mail);
	if (!p->email)
		return *what = "off", 0;
	if (!kh_mail_configured(&mail))
		return *what = "mail not set up", 0;
	if (!addr || !kh_mail_address_ok(addr))
		return *what = "no address", 0;
	if (hour < p->digest_hour)
		return *what = "not yet", 0;
	if ((rc = kh_store_remind_digest_get(ctx->store, ctx->actor.user_id, day, status,
					     &attempts, err)))
		return rc;
	if (strcmp(status, "sent") == 0)
		return *what = "sent before", 0;
	kh_strbuf_init(&subject, 0);
	kh_strbuf_init(&body, 0);
	kh_strbuf_init(&msg, 0);
	if (!name || !*name)
		name = json_string_value(json_object_get(user, "login"));
	rc = digest_text(p->lang, name ? name : "", day, p, ov, &subject, &body, &n);
	if (rc) {
		rc = kh_error_set(err, KH_ENOMEM, "", "out of memory");
		goto out;
	}
	if (n == 0) {
		*what = "nothing due";
		goto out;
	}
	/* one runner sends it: another one's claim stands until it is stale */
	kh_now_iso(now);
	iso_ago(CLAIM_STALE_S, stale);
	if ((rc = kh_store_remind_digest_claim(ctx->store, ctx->actor.user_id, day, now, stale,
					       &claimed, err)))
		goto out;
	if (!claimed) {
		*what = "being sent";
		goto out;
	}
	snprintf(hint, sizeof(hint), "digest.%s.%lld", day, (long long)ctx->actor.user_id);
	rc = kh_mail_build(mail.from, addr, subject.buf, body.buf, time(NULL), hint, &msg, &e);
	if (rc == 0)
		rc = kh_mail_send(&mail, addr, msg.buf, &e);
	kh_now_iso(now);
	if (rc == KH_ENOMEM) {
		rc = kh_error_set(err, KH_ENOMEM, "", "out of memory");
		goto out;
	}
	*what = rc ? "failed" : "sent";
	snprintf(why, why_size, "%s", rc ? e.message : "");
	rc ? res->failed++ : res->sent++;
	rc = kh_store_remind_digest_put(ctx->store, ctx->actor.user_id, day, *what[0] == 's', n,
					why, now, err);
out:
	kh_strbuf_release(&subject);
	kh_strbuf_release(&body);
	kh_strbuf_release(&msg);
	return rc;
}

/* One user's run into log. A user who cannot act (disabled meanwhile) is
 * skipped. */
static int one_user(struct kh_store *st, json_t *user, int hour, const char *day,
		    struct kh_remind_result *res, json_t *log, struct kh_error *err)
{
	struct kh_ctx ctx;
	struct kh_store_remind_prefs p;
	json_t *ov = NULL;
	int64_t added = 0;
	const char *what = "off";
	char why[256] = "";
	int rc;

	kh_ctx_init_system(&ctx, st);
	if (kh_auth_actor_load(&ctx, json_integer_value(json_object_get(user, "id")), NULL)) {
		kh_ctx_release(&ctx);
		return 0;
	}
	res->users++;
	if ((rc = kh_store_remind_prefs_get(st, ctx.actor.user_id, &p, err)))
		goto out;
	if (p.in_app || p.email)
		rc = kh_todo_overview(&ctx, KH_REMIND_KIND_MAX, &ov, err);
	if (rc == 0 && p.in_app)
		rc = add_notifications(&ctx, &p, ov, &added, err);
	res->added += added;
	if (rc == 0)
		rc = send_digest(&ctx, user, &p, ov, hour, day, res, &what, why, sizeof(why), err);
	if (rc == 0)
		json_array_append_new(log, json_pack("{s:s, s:I, s:s, s:s?}", "user", ctx.actor.login,
						     "added", (json_int_t)added, "digest", what,
						     "error", *why ? why : NULL));
out:
	json_decref(ov);
	kh_ctx_release(&ctx);
	return rc;
}

int kh_remind_run(struct kh_ctx *ctx, int hour, struct kh_remind_result *res, json_t **out,
		  struct kh_error *err)
{
	struct kh_remind_result mine = {0};
	json_t *users = NULL, *user, *log = json_array();
	char day[11];
	size_t i;
	int rc;

	if (!res)
		res = &mine;
	memset(res, 0, sizeof(*res));
	kh_date_format(kh_today(), day);
	if (!log)
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	if ((rc = kh_store_remind_users(ctx->store, &users, err))) {
		json_decref(log);
		return rc;
	}
	json_array_foreach(users, i, user) {
		struct kh_error e = {0};

		/* one user's failure (the database busy) leaves the others their run */
		if (one_user(ctx->store, user, hour, day, res, log, &e)) {
			json_array_append_new(log, json_pack("{s:s?, s:s}", "user",
							     json_string_value(json_object_get(user, "login")),
							     "error", e.message));
			rc = rc ? rc : e.code;
			if (err && !err->code)
				*err = e;
		}
	}
	json_decref(users);
	if (out)
		*out = json_pack("{s:s, s:I, s:I, s:I, s:I, s:o}", "day", day, "users",
				 (json_int_t)res->users, "added", (json_int_t)res->added, "sent",
				 (json_int_t)res->sent, "failed", (json_int_t)res->failed, "log", log);
	else
		json_decref(log);
	return rc;
}
