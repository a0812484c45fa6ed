/*
 * campaign.c: campaigns' rows and lives (see campaign.h): who sees and runs
 * one, the checks of their members, drafts, and the moves between states.
 * The preview and test are campaign_preview.c, the report
 * campaign_report.c, the sending campaign_send.c.
 */
#include "service/comms/campaign.h"

#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "base/utf8.h"
#include "service/accounts/auth.h"
#include "service/comms/campaign_internal.h"
#include "service/comms/mail.h"
#include "service/comms/personalise.h"
#include "service/permission.h"
#include "store/comms/campaigns.h"
#include "store/comms/mail_queue.h"
#include "base/banned.h"

static const char *const purposes[] = {"promotion", "invitation", "care", "news", NULL};
static const char *const statuses[] = {"draft", "scheduled", "sending", "paused", "sent",
				       "cancelled", NULL};
static const char *const kinds[] = {"campaign", "greeting", NULL};
static const char *const langs[] = {"zh", "en", NULL};

bool kh_campaign_one_of(const char *s, const char *const *names)
{
	for (size_t i = 0; s && names[i]; i++)
		if (strcmp(s, names[i]) == 0)
			return true;
	return false;
}

int kh_campaign_need_user(const struct kh_ctx *ctx, struct kh_error *err)
{
	if (ctx->actor.user_id)
		return 0;
	return kh_error_set(err, KH_EINVAL, "owner", "campaigns are run by a user: act as one "
			    "(--as LOGIN)");
}

/* May the actor see (and run) what owner_id owns? */
static int sees(struct kh_ctx *ctx, int64_t owner_id, bool *yes, struct kh_error *err)
{
	*yes = ctx->actor.role == KH_ROLE_SYSTEM || owner_id == ctx->actor.user_id;
	if (*yes || ctx->actor.role == KH_ROLE_SALES)
		return 0;
	return kh_perm_user_in_reach(ctx, owner_id, yes, err);
}

int kh_campaign_visible(struct kh_ctx *ctx, int64_t id, json_t **row, struct kh_error *err)
{
	bool yes = false;
	int rc = kh_store_campaign_get(ctx->store, id, row, err);

	if (rc == 0 && (rc = sees(ctx, json_integer_value(json_object_get(*row, "owner_id")),
				  &yes, err)) == 0 && !yes)
		rc = KH_ENOTFOUND;
	if (rc == KH_ENOTFOUND) {
		json_decref(*row);
		*row = NULL;
		return kh_error_set(err, KH_ENOTFOUND, "id", "no campaign with id %lld",
				    (long long)id);
	}
	return rc;
}

const char *kh_campaign_str(json_t *row, const char *name)
{
	return json_string_value(json_object_get(row, name));
}

/* The API form of a stored row: the audience and left-out counts as
 * objects, with its mail's counts. */
static int present(struct kh_ctx *ctx, json_t *row, struct kh_error *err)
{
	json_t *counts = NULL;
	int rc = kh_store_campaign_counts(ctx->store,
					  json_integer_value(json_object_get(row, "id")), &counts,
					  err);

	if (rc)
		return rc;
	json_object_set_new(row, "counts", counts);
	json_object_del(row, "deleted_at");
	return 0;
}

/* A text member name of in: required (when creating), at most max
 * characters (max_bytes bytes for the bodies), one line when one_line. */
static int text_member(json_t *in, const char *name, bool required, size_t max,
		       size_t max_bytes, bool one_line, json_t *cols, struct kh_error *err)
{
	json_t *v = json_object_get(in, name);
	const char *s;

	if (!v || json_is_null(v)) {
		if (required)
			return kh_error_set(err, KH_EINVAL, name, "%s is required", name);
		if (v)
			json_object_set(cols, name, v);
		return 0;
	}
	if (!json_is_string(v))
		return kh_error_set(err, KH_EINVAL, name, "%s must be a string", name);
	s = json_string_value(v);
	if (required && !*s)
		return kh_error_set(err, KH_EINVAL, name, "%s is required", name);
	if (!kh_utf8_valid(s, json_string_length(v)) ||
	    (one_line && strpbrk(s, "\r\n")))
		return kh_error_set(err, KH_EINVAL, name, "%s must be one line of UTF-8 text",
				    name);
	if (max && kh_utf8_count(s) > max)
		return kh_error_set(err, KH_EINVAL, name, "%s is longer than %zu characters", name,
				    max);
	if (max_bytes && json_string_length(v) > max_bytes)
		return kh_error_set(err, KH_EINVAL, name, "%s is longer than %zu bytes", name,
				    max_bytes);
	json_object_set(cols, name, v);
	return 0;
}

/* A choice member name of in among names (the default def when creating). */
static int choice_member(json_t *in, const char *name, const char *const *names,
			 const char *def, json_t *cols, struct kh_error *err)
{
	json_t *v = json_object_get(in, name);

	if (!v || json_is_null(v)) {
		if (def)
			json_object_set_new(cols, name, json_string(def));
		return 0;
	}
	if (!kh_campaign_one_of(json_string_value(v), names))
		return kh_error_set(err, KH_EINVAL, name, "%s is not one of the choices", name);
	json_object_set(cols, name, v);
	return 0;
}

int kh_campaign_template_columns(struct kh_ctx *ctx, json_t *in, bool creating,
				 const char *const *members, json_t *cols, struct kh_error *err)
{
	const char *key;
	json_t *v;
	int rc;

	if (!json_is_object(in))
		return kh_error_set(err, KH_EINVAL, "", "the body must be a JSON object");
	json_object_foreach(in, key, v)
		if (!kh_campaign_one_of(key, members))
			return kh_error_set(err, KH_EINVAL, key, "unknown field %s", key);
	if ((rc = text_member(in, "name", creating, KH_CAMPAIGN_NAME_MAX, 0, true, cols, err)) ||
	    (rc = text_member(in, "subject", creating, KH_CAMPAIGN_SUBJECT_MAX, 0, true, cols,
			      err)) ||
	    (rc = text_member(in, "body_text", creating, 0, KH_CAMPAIGN_BODY_MAX, false, cols,
			      err)) ||
	    (rc = text_member(in, "body_html", false, 0, KH_CAMPAIGN_BODY_MAX, false, cols,
			      err)) ||
	    (rc = choice_member(in, "lang", langs, creating ? "zh" : NULL, cols, err)))
		return rc;
	return 0;
}

/* After a change: the templates as they will be, checked together. */
static int check_templates(json_t *row, json_t *cols, struct kh_error *err)
{
	json_t *subject = json_object_get(cols, "subject"), *text = json_object_get(cols, "body_text");
	json_t *html = json_object_get(cols, "body_html");

	if (!subject)
		subject = json_object_get(row, "subject");
	if (!text)
		text = json_object_get(row, "body_text");
	if (!html)
		html = json_object_get(row, "body_html");
	return kh_personalise_check(json_string_value(subject), json_string_value(text),
				    json_is_string(html) && *json_string_value(html)
					    ? json_string_value(html) : NULL, err);
}

static const char *const members[] = {"name", "purpose", "lang", "audience", "subject",
				      "body_text", "body_html", NULL};

/* The columns of in: the templates, the purpose and the audience. */
static int columns(struct kh_ctx *ctx, json_t *in, bool creating, json_t *row, json_t *cols,
		   struct kh_error *err)
{
	json_t *audience = json_object_get(in, "audience");
	int rc;

	if ((rc = kh_campaign_template_columns(ctx, in, creating, members, cols, err)) ||
	    (rc = choice_member(in, "purpose", purposes, creating ? "promotion" : NULL, cols,
				err)) ||
	    (rc = check_templates(row, cols, err)))
		return rc;
	if (creating && !audience)
		return kh_error_set(err, KH_EINVAL, "audience", "%s is required", "audience");
	if (audience) {
		if ((rc = kh_audience_check(ctx, audience, err)))
			return rc;
		json_object_set(cols, "audience", audience);
	}
	return 0;
}

int kh_campaign_insert_audited(struct kh_ctx *ctx, const char *table, const char *entity,
			       json_t *cols, int64_t *id, struct kh_error *err)
{
	int rc = kh_store_begin(ctx->store, err);

	if (rc)
		return rc;
	if ((rc = kh_store_insert(ctx->store, table, cols, id, err)) == 0 &&
	    (rc = kh_store_audit(ctx->store, ctx->actor.user_id, "create", entity, *id, NULL,
				 err)) == 0)
		rc = kh_store_commit(ctx->store, err);
	if (rc)
		kh_store_rollback(ctx->store);
	return rc;
}

int kh_campaign_create(struct kh_ctx *ctx, json_t *in, int64_t *id, struct kh_error *err)
{
	json_t *cols = json_object();
	int rc;

	if (!cols)
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	if ((rc = kh_campaign_need_user(ctx, err)) ||
	    (rc = columns(ctx, in, true, NULL, cols, err)))
		goto out;
	json_object_set_new(cols, "kind", json_string("campaign"));
	json_object_set_new(cols, "status", json_string("draft"));
	json_object_set_new(cols, "owner_id", json_integer(ctx->actor.user_id));
	rc = kh_campaign_insert_audited(ctx, "campaigns", "campaign", cols, id, err);
out:
	json_decref(cols);
	return rc;
}

/* Campaign id in *row, visible to the actor and in one of the states. */
static int in_state(struct kh_ctx *ctx, int64_t id, const char *const *states, json_t **row,
		    struct kh_error *err)
{
	int rc = kh_campaign_visible(ctx, id, row, err);
	const char *status;

	if (rc)
		return rc;
	status = kh_campaign_str(*row, "status");
	if (!kh_campaign_one_of(status, states))
		return kh_error_set(err, KH_ECONFLICT, "status", "campaign %lld is %s: it cannot "
				    "do that now", (long long)id, status);
	return 0;
}

static const char *const only_draft[] = {"draft", NULL};

int kh_campaign_update(struct kh_ctx *ctx, int64_t id, json_t *in, struct kh_error *err)
{
	json_t *row = NULL, *cols = json_object();
	int rc;

	if (!cols)
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	if ((rc = kh_store_begin(ctx->store, err)))
		goto out;
	if ((rc = in_state(ctx, id, only_draft, &row, err)) == 0 &&
	    strcmp(kh_campaign_str(row, "kind"), "campaign"))
		rc = kh_error_set(err, KH_ECONFLICT, "kind", "a greeting's day is changed through "
				  "its greeting");
	if (rc == 0)
		rc = columns(ctx, in, false, row, cols, err);
	if (rc == 0 && json_object_size(cols) &&
	    (rc = kh_store_update(ctx->store, "campaigns", id, cols, err)) == 0)
		rc = kh_store_audit(ctx->store, ctx->actor.user_id, "update", "campaign", id, NULL,
				    err);
	if (rc == 0)
		rc = kh_store_commit(ctx->store, err);
	if (rc)
		kh_store_rollback(ctx->store);
out:
	json_decref(row);
	json_decref(cols);
	return rc;
}

/* Move campaign id from one of states to the columns cols, audited as action. */
static int move(struct kh_ctx *ctx, int64_t id, const char *const *states, const char *action,
		json_t *(*next)(json_t *row), struct kh_error *err)
{
	json_t *row = NULL, *cols = NULL;
	int rc;

	if ((rc = kh_store_begin(ctx->store, err)))
		return rc;
	if ((rc = in_state(ctx, id, states, &row, err)) == 0 && !(cols = next(row)))
		rc = kh_error_set(err, KH_ENOMEM, "", "out of memory");
	if (rc == 0 && strcmp(action, "cancel") == 0)
		rc = kh_store_mail_cancel(ctx->store, id, err);
	if (rc == 0 && (rc = kh_store_update(ctx->store, "campaigns", id, cols, err)) == 0)
		rc = kh_store_audit(ctx->store, ctx->actor.user_id, action, "campaign", id, NULL,
				    err);
	if (rc == 0)
		rc = kh_store_commit(ctx->store, err);
	if (rc)
		kh_store_rollback(ctx->store);
	json_decref(row);
	json_decref(cols);
	return rc;
}

static json_t *deleted(json_t *row)
{
	char now[21];

	kh_now_iso(now);
	return json_pack("{s:s}", "deleted_at", now);
}

int kh_campaign_delete(struct kh_ctx *ctx, int64_t id, struct kh_error *err)
{
	return move(ctx, id, only_draft, "delete", deleted, err);
}

static json_t *paused(json_t *row)
{
	return json_pack("{s:s, s:s}", "status", "paused", "paused_from",
			 kh_campaign_str(row, "status"));
}

static json_t *resumed(json_t *row)
{
	const char *from = kh_campaign_str(row, "paused_from");

	return json_pack("{s:s, s:n}", "status", from && *from ? from : "sending", "paused_from");
}

static json_t *cancelled(json_t *row)
{
	char now[21];

	kh_now_iso(now);
	return json_pack("{s:s, s:s}", "status", "cancelled", "finished_at", now);
}

int kh_campaign_pause(struct kh_ctx *ctx, int64_t id, struct kh_error *err)
{
	static const char *const from[] = {"scheduled", "sending", NULL};

	return move(ctx, id, from, "pause", paused, err);
}

int kh_campaign_resume(struct kh_ctx *ctx, int64_t id, struct kh_error *err)
{
	static const char *const from[] = {"paused", NULL};

	return move(ctx, id, from, "resume", resumed, err);
}

int kh_campaign_cancel(struct kh_ctx *ctx, int64_t id, struct kh_error *err)
{
	static const char *const from[] = {"draft", "scheduled", "sending", "paused", NULL};

	return move(ctx, id, from, "cancel", cancelled, err);
}

/* "YYYY-MM-DDTHH:MM[:SS][Z]" into the stored form "YYYY-MM-DDTHH:MM:SSZ". */
static int parse_time(const char *s, char out[21], struct kh_error *err)
{
	char date[11];
	int32_t days;
	unsigned h, m, sec = 0;
	int used = 0;

	if (!s || strlen(s) < 16 || s[10] != 'T')
		goto bad;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (kh_parse_date(date, &days, "at", NULL))
		goto bad;
	if (sscanf(s + 11, "%2u:%2u%n", &h, &m, &used) != 2 || used != 5)
		goto bad;
	s += 16;
	if (*s == ':') {
		if (sscanf(s + 1, "%2u%n", &sec, &used) != 1 || used != 2)
			goto bad;
		s += 3;
	}
	if ((*s == 'Z' && s[1] == '\0') || *s == '\0') {
		if (h > 23 || m > 59 || sec > 59)
			goto bad;
		kh_date_format(days, date);
		snprintf(out, 21, "%sT%02u:%02u:%02uZ", date, h, m, sec);
		return 0;
	}
bad:
	return kh_error_set(err, KH_EINVAL, "at", "%s must be a time YYYY-MM-DDTHH:MM:SSZ (UTC)",
			    "at");
}

/* Can mail go out and its links work? */
static int ready_to_send(struct kh_ctx *ctx, struct kh_error *err)
{
	struct kh_mail_config cfg;
	char url[512];

	kh_mail_config_from(ctx, &cfg);
	if (!kh_mail_configured(&cfg))
		return kh_error_set(err, KH_EINVAL, "mail.smtp_url",
				    "mail is not set up: set mail.smtp_url and mail.from");
	return kh_campaign_public_url(ctx, url, sizeof(url), err);
}

int kh_campaign_send(struct kh_ctx *ctx, int64_t id, json_t *in, struct kh_error *err)
{
	static const char *const allowed[] = {"at", NULL};
	json_t *row = NULL, *cols = NULL, *at = json_object_get(in, "at");
	char when[21] = "", now[21];
	bool later;
	const char *key;
	json_t *v;
	int rc;

	json_object_foreach(in, key, v)
		if (!kh_campaign_one_of(key, allowed))
			return kh_error_set(err, KH_EINVAL, key, "unknown field %s", key);
	if (at && !json_is_null(at) && (rc = parse_time(json_string_value(at), when, err)))
		return rc;
	if ((rc = kh_campaign_need_user(ctx, err)) || (rc = ready_to_send(ctx, err)))
		return rc;
	kh_now_iso(now);
	later = when[0] && strcmp(when, now) > 0;
	/* the audience resolves in the scope of whoever sends it */
	if (!(cols = json_pack("{s:I}", "sender_id", (json_int_t)ctx->actor.user_id)))
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	if (later) {
		json_object_set_new(cols, "status", json_string("scheduled"));
		json_object_set_new(cols, "scheduled_at", json_string(when));
	}
	if ((rc = kh_store_begin(ctx->store, err)))
		goto out;
	if ((rc = in_state(ctx, id, only_draft, &row, err)) == 0 &&
	    (rc = kh_store_update(ctx->store, "campaigns", id, cols, err)) == 0 && later)
		rc = kh_store_audit(ctx->store, ctx->actor.user_id, "schedule", "campaign", id,
				    NULL, err);
	if (rc == 0)
		rc = kh_store_commit(ctx->store, err);
	if (rc)
		kh_store_rollback(ctx->store);
	if (rc == 0 && !later)
		rc = kh_campaign_start(ctx, id, err);
out:
	json_decref(row);
	json_decref(cols);
	return rc;
}

int kh_campaign_start(struct kh_ctx *ctx, int64_t id, struct kh_error *err)
{
	static const char *const startable[] = {"draft", "scheduled", NULL};
	struct kh_audience a;
	json_t *row = NULL, *cols = NULL;
	size_t added = 0;
	char now[21];
	int rc;

	/* The audience is read before the write lock is taken: a large one
	 * takes seconds, which nobody else should wait for. */
	if ((rc = in_state(ctx, id, startable, &row, err)))
		return rc;
	rc = kh_audience_resolve(ctx, json_object_get(row, "audience"), &a, err);
	json_decref(row);
	row = NULL;
	if (rc == 0 && a.to_send == 0)
		rc = kh_error_set(err, KH_EINVAL, "audience", "the audience has nobody to send to");
	if (rc) {
		kh_audience_release(&a);
		return rc;
	}
	kh_now_iso(now);
	if ((rc = kh_store_begin(ctx->store, err)))
		goto out;
	if ((rc = in_state(ctx, id, startable, &row, err)) == 0 &&
	    (rc = kh_audience_enqueue(ctx, &a, id, &added, err)) == 0 &&
	    !(cols = json_pack("{s:s, s:s, s:o}", "status", "sending", "started_at", now,
			       "left_out", kh_audience_counts_json(a.counts))))
		rc = kh_error_set(err, KH_ENOMEM, "", "out of memory");
	if (rc == 0 && (rc = kh_store_update(ctx->store, "campaigns", id, cols, err)) == 0 &&
	    (rc = kh_store_audit(ctx->store, ctx->actor.user_id, "send", "campaign", id, NULL,
				 err)) == 0)
		rc = kh_store_commit(ctx->store, err);
	if (rc)
		kh_store_rollback(ctx->store);
out:
	kh_audience_release(&a);
	json_decref(row);
	json_decref(cols);
	return rc;
}

int kh_campaign_get(struct kh_ctx *ctx, int64_t id, json_t **out, struct kh_error *err)
{
	int rc = kh_campaign_visible(ctx, id, out, err);

	if (rc == 0 && (rc = present(ctx, *out, err))) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

static const char *arg(json_t *args, const char *name)
{
	return json_string_value(json_object_get(args, name));
}

int kh_campaign_list(struct kh_ctx *ctx, json_t *args, json_t **out, struct kh_error *err)
{
	static const char *const allowed[] = {"status", "kind", "page", "per_page", NULL};
	struct kh_store_campaign_query q = {.limit = 20};
	int64_t page = 1, total = 0;
	json_t *rows = NULL, *row;
	const char *key;
	json_t *v;
	size_t i;
	int rc;

	json_object_foreach(args, key, v)
		if (!kh_campaign_one_of(key, allowed))
			return kh_error_set(err, KH_EINVAL, key, "unknown query parameter %.40s", key);
	q.status = arg(args, "status");
	q.kind = arg(args, "kind");
	if (q.status && !kh_campaign_one_of(q.status, statuses))
		return kh_error_set(err, KH_EINVAL, "status", "%s is not one of the choices",
				    "status");
	if (q.kind && !kh_campaign_one_of(q.kind, kinds))
		return kh_error_set(err, KH_EINVAL, "kind", "%s is not one of the choices", "kind");
	if ((arg(args, "page") &&
	     (rc = kh_parse_int64(arg(args, "page"), 1, 1000000, &page, "page", err))) ||
	    (arg(args, "per_page") &&
	     (rc = kh_parse_int64(arg(args, "per_page"), 1, KH_CAMPAIGN_LIST_MAX, &q.limit,
				  "per_page", err))))
		return rc;
	q.offset = (page - 1) * q.limit;
	if ((rc = kh_perm_users_seen(ctx, &q.owners, err)))
		return rc;
	rc = kh_store_campaign_list(ctx->store, &q, &rows, &total, err);
	json_array_foreach(rows, i, row)
		if (rc == 0)
			rc = present(ctx, row, err);
	if (rc == 0 && !(*out = json_pack("{s:o, s:I, s:I, s:I}", "items", rows, "total",
					  (json_int_t)total, "page", (json_int_t)page, "per_page",
					  (json_int_t)q.limit)))
		rc = kh_error_set(err, KH_ENOMEM, "", "out of memory");
	if (rc)
		json_decref(rows);
	json_decref(q.owners);
	return rc;
}
