/*
 * report.c: daily and weekly reports (see report.h): who sees one, the
 * checks of their fields, drafts, the one submission, comments, reads and
 * who has not submitted. The pre-fill is report_prefill.c.
 */
#include "service/work/report.h"

#include <string.h>

#include "base/parse.h"
#include "base/utf8.h"
#include "service/permission.h"
#include "store/work/reports.h"
#include "base/banned.h"

const char *const kh_report_fields[] = {"work_done", "gains", "losses", "improve",
					"customer_feedback", "handling", "reflection", "plan",
					NULL};

static bool one_of(const char *s, const char *const *names)
{
	for (size_t i = 0; s && names[i]; i++)
		if (strcmp(s, names[i]) == 0)
			return true;
	return false;
}

int kh_report_check_kind(const char *kind, struct kh_error *err)
{
	static const char *const kinds[] = {"daily", "weekly", NULL};

	if (!kind || !*kind)
		return kh_error_set(err, KH_EINVAL, "kind", "kind is required");
	if (!one_of(kind, kinds))
		return kh_error_set(err, KH_EINVAL, "kind", "kind must be daily or weekly, not %.20s",
				    kind);
	return 0;
}

int kh_report_period(const char *kind, const char *date, const char *field, int32_t *start,
		     struct kh_error *err)
{
	bool weekly = kind && strcmp(kind, "weekly") == 0;
	char buf[11];
	int rc;

	if (!date || !*date) {
		/* 1970-01-01 was a Thursday: day 0 is 3 days after a Monday. */
		*start = kh_today();
		if (weekly)
			*start -= (*start + 3) % 7;
		return 0;
	}
	if ((rc = kh_parse_date(date, start, field, err)))
		return rc;
	if (weekly && (*start + 3) % 7 != 0) {
		kh_date_format(*start, buf);
		return kh_error_set(err, KH_EINVAL, field, "%s must be a Monday for a weekly report "
				    "(%s is not)", field, buf);
	}
	return 0;
}

/* Refuse a member of args (strings) not in allowed. */
static int only_args(json_t *args, const char *const *allowed, struct kh_error *err)
{
	const char *key;
	json_t *v;

	json_object_foreach(args, key, v) {
		if (!one_of(key, allowed))
			return kh_error_set(err, KH_EINVAL, key, "unknown query parameter %.40s",
					    key);
	}
	return 0;
}

static const char *arg(json_t *args, const char *name)
{
	return json_string_value(json_object_get(args, name));
}

/* Reports are written and commented by users, not by the local operator. */
int kh_report_need_user(const struct kh_ctx *ctx, struct kh_error *err)
{
	if (ctx->actor.user_id)
		return 0;
	return kh_error_set(err, KH_EINVAL, "author", "reports are written by a user: act as one "
			    "(--as LOGIN)");
}

static bool is_manager(const struct kh_ctx *ctx)
{
	return ctx->actor.role == KH_ROLE_MANAGER || ctx->actor.role == KH_ROLE_ADMIN;
}

/* May the actor see author's reports? */
static int sees(struct kh_ctx *ctx, int64_t author, bool *yes, struct kh_error *err)
{
	*yes = ctx->actor.role == KH_ROLE_SYSTEM || author == ctx->actor.user_id;
	if (*yes || !is_manager(ctx))
		return 0;
	return kh_perm_user_in_reach(ctx, author, yes, err);
}

/* The report id the actor sees in *row, else KH_ENOTFOUND naming id. */
static int visible(struct kh_ctx *ctx, int64_t id, json_t **row, struct kh_error *err)
{
	bool yes = false;
	int rc = kh_store_report_get(ctx->store, id, row, err);

	if (rc == 0 && (rc = sees(ctx, json_integer_value(json_object_get(*row, "author_id")),
				  &yes, err)) == 0 && !yes)
		rc = KH_ENOTFOUND;
	if (rc == KH_ENOTFOUND) {
		json_decref(*row);
		*row = NULL;
		return kh_error_set(err, KH_ENOTFOUND, "id", "no report with id %lld",
				    (long long)id);
	}
	return rc;
}

/* The draft report id that the actor wrote, in *row. */
static int own_draft(struct kh_ctx *ctx, int64_t id, json_t **row, struct kh_error *err)
{
	const char *status;
	int rc = visible(ctx, id, row, err);

	if (rc)
		return rc;
	if (json_integer_value(json_object_get(*row, "author_id")) != ctx->actor.user_id)
		return kh_error_set(err, KH_EPERM, "author", "only the author of a report changes "
				    "or submits it");
	status = json_string_value(json_object_get(*row, "status"));
	if (status && strcmp(status, "submitted") == 0)
		return kh_error_set(err, KH_ECONFLICT, "status", "report %lld is submitted "
				    "already (%s): it cannot be changed or submitted again",
				    (long long)id,
				    json_string_value(json_object_get(*row, "submitted_at")));
	return 0;
}

/* A text of at most max characters, or null, as member name of in. */
static int check_text(json_t *in, const char *name, size_t max, struct kh_error *err)
{
	json_t *v = json_object_get(in, name);
	size_t n;

	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return kh_error_set(err, KH_EINVAL, name, "%s must be a string", name);
	if (!kh_utf8_valid(json_string_value(v), json_string_length(v)))
		return kh_error_set(err, KH_EINVAL, name, "%s is not valid UTF-8 text (or "
				    "contains control characters)", name);
	if ((n = kh_utf8_count(json_string_value(v))) > max)
		return kh_error_set(err, KH_EINVAL, name, "%s is longer than %zu characters", name,
				    max);
	return 0;
}

/* The text fields of in into cols; fixed names the members that may come
 * but not change (create: kind, period_start), checked by the caller. */
static int text_columns(json_t *in, const char *const *fixed, bool creating, json_t *cols,
			struct kh_error *err)
{
	const char *key;
	json_t *v;
	int rc;

	if (!json_is_object(in))
		return kh_error_set(err, KH_EINVAL, "", "the body must be a JSON object");
	json_object_foreach(in, key, v) {
		if (one_of(key, fixed) && creating)
			continue;
		if (one_of(key, fixed))
			return kh_error_set(err, KH_EINVAL, key, "%s cannot be changed after creation",
					    key);
		if (!one_of(key, kh_report_fields))
			return kh_error_set(err, KH_EINVAL, key, "unknown field %s", key);
		if ((rc = check_text(in, key, KH_REPORT_TEXT_MAX, err)))
			return rc;
		json_object_set(cols, key, v);
	}
	return 0;
}

/* Is s (NULL: yes) only white space? */
static bool blank(const char *s)
{
	while (s && (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r'))
		s++;
	return !s || !*s;
}

/* The columns of submitting the draft row. */
static int submission(json_t *row, json_t *cols, struct kh_error *err)
{
	char now[21];

	if (blank(json_string_value(json_object_get(row, "work_done"))))
		return kh_error_set(err, KH_EINVAL, "work_done", "%s is required", "work_done");
	kh_now_iso(now);
	json_object_set_new(cols, "status", json_string("submitted"));
	json_object_set_new(cols, "submitted_at", json_string(now));
	return 0;
}

static const char *const fixed_fields[] = {"kind", "period_start", NULL};

int kh_report_create(struct kh_ctx *ctx, json_t *in, bool submit, int64_t *id,
		     struct kh_error *err)
{
	json_t *cols = json_object(), *kind_v = json_object_get(in, "kind");
	json_t *period_v = json_object_get(in, "period_start");
	const char *kind = json_string_value(kind_v);
	int64_t existing = 0;
	int32_t start;
	char period[11];
	int rc;

	if (!cols)
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	if ((rc = text_columns(in, fixed_fields, true, cols, err)) || (rc = kh_report_need_user(ctx, err)))
		goto out;
	if (kind_v && !json_is_null(kind_v) && !kind) {
		rc = kh_error_set(err, KH_EINVAL, "kind", "%s must be a string", "kind");
		goto out;
	}
	if (period_v && !json_is_null(period_v) && !json_is_string(period_v)) {
		rc = kh_error_set(err, KH_EINVAL, "period_start", "%s must be a string",
				  "period_start");
		goto out;
	}
	if ((rc = kh_report_check_kind(kind, err)) ||
	    (rc = kh_report_period(kind, json_string_value(period_v), "period_start", &start,
				   err)))
		goto out;
	kh_date_format(start, period);
	json_object_set_new(cols, "author_id", json_integer(ctx->actor.user_id));
	json_object_set_new(cols, "kind", json_string(kind));
	json_object_set_new(cols, "period_start", json_string(period));
	json_object_set_new(cols, "status", json_string("draft"));
	if (submit && (rc = submission(cols, cols, err)))
		goto out;
	if ((rc = kh_store_begin(ctx->store, err)))
		goto out;
	if ((rc = kh_store_report_find(ctx->store, ctx->actor.user_id, kind, period, &existing,
				       err)) == 0 && existing)
		rc = kh_error_set(err, KH_ECONFLICT, "period_start", "you have a %s report for %s "
				  "already (id %lld): edit that one", kind, period,
				  (long long)existing);
	if (rc == 0 && (rc = kh_store_insert(ctx->store, "reports", cols, id, err)) == 0 &&
	    (rc = kh_store_audit(ctx->store, ctx->actor.user_id, submit ? "submit" : "create",
				 "report", *id, NULL, err)) == 0)
		rc = kh_store_commit(ctx->store, err);
	if (rc)
		kh_store_rollback(ctx->store);
out:
	json_decref(cols);
	return rc;
}

/* Change the actor's draft id: its text fields from in, or (in NULL) submit it. */
static int change_draft(struct kh_ctx *ctx, int64_t id, json_t *in, struct kh_error *err)
{
	json_t *row = NULL, *cols = json_object();
	int rc;

	if (!cols)
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	if ((rc = kh_store_begin(ctx->store, err)))
		goto out;
	if ((rc = own_draft(ctx, id, &row, err)) == 0)
		rc = in ? text_columns(in, fixed_fields, false, cols, err)
			: submission(row, cols, err);
	if (rc == 0 && json_object_size(cols) &&
	    (rc = kh_store_update(ctx->store, "reports", id, cols, err)) == 0)
		rc = kh_store_audit(ctx->store, ctx->actor.user_id, in ? "update" : "submit",
				    "report", id, NULL, err);
	if (rc == 0)
		rc = kh_store_commit(ctx->store, err);
	if (rc)
		kh_store_rollback(ctx->store);
out:
	json_decref(row);
	json_decref(cols);
	return rc;
}

int kh_report_update(struct kh_ctx *ctx, int64_t id, json_t *in, struct kh_error *err)
{
	return change_draft(ctx, id, in ? in : json_null(), err);
}

int kh_report_submit(struct kh_ctx *ctx, int64_t id, struct kh_error *err)
{
	return change_draft(ctx, id, NULL, err);
}

int kh_report_get(struct kh_ctx *ctx, int64_t id, json_t **out, struct kh_error *err)
{
	json_t *row = NULL, *comments = NULL, *reads = NULL;
	int64_t author;
	int rc = visible(ctx, id, &row, err);

	if (rc)
		return rc;
	author = json_integer_value(json_object_get(row, "author_id"));
	if (is_manager(ctx) && ctx->actor.user_id && author != ctx->actor.user_id &&
	    (rc = kh_store_report_mark_read(ctx->store, id, ctx->actor.user_id, err)))
		goto out;
	if ((rc = kh_store_report_comments(ctx->store, id, &comments, err)) ||
	    (rc = kh_store_report_reads(ctx->store, id, &reads, err)))
		goto out;
	json_object_set_new(row, "comments", comments);
	json_object_set_new(row, "reads", reads);
	comments = reads = NULL;
	json_object_set_new(row, "editable",
			    json_boolean(author == ctx->actor.user_id &&
					 strcmp(json_string_value(json_object_get(row, "status")),
						"draft") == 0));
	*out = row;
	row = NULL;
out:
	json_decref(row);
	json_decref(comments);
	json_decref(reads);
	return rc;
}

int kh_report_comment(struct kh_ctx *ctx, int64_t id, json_t *in, int64_t *comment_id,
		      struct kh_error *err)
{
	static const char *const names[] = {"body", NULL};
	json_t *row = NULL, *cols = NULL, *body = json_object_get(in, "body");
	char now[21];
	const char *key;
	json_t *v;
	int rc;

	json_object_foreach(in, key, v) {
		if (!one_of(key, names))
			return kh_error_set(err, KH_EINVAL, key, "unknown field %s", key);
	}
	if ((rc = check_text(in, "body", KH_REPORT_COMMENT_MAX, err)))
		return rc;
	if (blank(json_string_value(body)))
		return kh_error_set(err, KH_EINVAL, "body", "%s is required", "body");
	if ((rc = kh_report_need_user(ctx, err)) || (rc = kh_store_begin(ctx->store, err)))
		return rc;
	kh_now_iso(now);
	if (!(cols = json_pack("{s:I, s:I, s:O, s:s}", "report_id", (json_int_t)id, "author_id",
			       (json_int_t)ctx->actor.user_id, "body", body, "created_at", now)))
		rc = kh_error_set(err, KH_ENOMEM, "", "out of memory");
	else if ((rc = visible(ctx, id, &row, err)) == 0 &&
		 (rc = kh_store_insert(ctx->store, "report_comments", cols, comment_id, err)) == 0)
		rc = kh_store_commit(ctx->store, err);
	if (rc)
		kh_store_rollback(ctx->store);
	json_decref(row);
	json_decref(cols);
	return rc;
}

/* An optional date argument name into buf. */
static int date_arg(json_t *args, const char *name, char buf[11], const char **out,
		    struct kh_error *err)
{
	const char *s = arg(args, name);
	int32_t d;
	int rc;

	*out = NULL;
	if (!s || !*s)
		return 0;
	if ((rc = kh_parse_date(s, &d, name, err)))
		return rc;
	kh_date_format(d, buf);
	*out = buf;
	return 0;
}

int kh_report_list(struct kh_ctx *ctx, json_t *args, json_t **out, struct kh_error *err)
{
	static const char *const allowed[] = {"kind", "author", "from", "to", "status", "limit",
					      "offset", NULL};
	static const char *const statuses[] = {"draft", "submitted", NULL};
	struct kh_store_report_query q = {.limit = 100, .reader_id = ctx->actor.user_id};
	char from[11], to[11];
	json_t *rows = NULL;
	int64_t total = 0;
	int rc;

	if ((rc = only_args(args, allowed, err)))
		return rc;
	q.kind = arg(args, "kind");
	q.status = arg(args, "status");
	if (q.kind && (rc = kh_report_check_kind(q.kind, err)))
		return rc;
	if (q.status && !one_of(q.status, statuses))
		return kh_error_set(err, KH_EINVAL, "status", "status must be draft or submitted, "
				    "not %.20s", q.status);
	if ((arg(args, "author") &&
	     (rc = kh_parse_int64(arg(args, "author"), 1, INT64_MAX, &q.author_id, "author",
				  err))) ||
	    (arg(args, "limit") &&
	     (rc = kh_parse_int64(arg(args, "limit"), 1, KH_REPORT_LIST_MAX, &q.limit, "limit",
				  err))) ||
	    (arg(args, "offset") &&
	     (rc = kh_parse_int64(arg(args, "offset"), 0, INT64_MAX / 2, &q.offset, "offset",
				  err))) ||
	    (rc = date_arg(args, "from", from, &q.from, err)) ||
	    (rc = date_arg(args, "to", to, &q.to, err)) ||
	    (rc = kh_perm_users_seen(ctx, &q.authors, err)))
		return rc;
	if ((rc = kh_store_report_list(ctx->store, &q, &rows, &total, err)) == 0) {
		for (size_t i = 0; i < json_array_size(rows); i++) {
			json_t *r = json_array_get(rows, i);

			json_object_set_new(r, "read_by_me", json_boolean(json_integer_value(
						    json_object_get(r, "read_by_me")) > 0));
		}
		*out = json_pack("{s:o, s:I}", "items", rows, "total", (json_int_t)total);
		if (!*out)
			rc = kh_error_set(err, KH_ENOMEM, "", "out of memory");
	}
	json_decref(q.authors);
	return rc;
}

int kh_report_missing(struct kh_ctx *ctx, json_t *args, json_t **out, struct kh_error *err)
{
	static const char *const allowed[] = {"kind", "date", NULL};
	const char *kind = arg(args, "kind");
	json_t *users = NULL, *rows = NULL, *missing;
	int64_t submitted = 0;
	int32_t start;
	char period[11];
	int rc;

	if ((rc = only_args(args, allowed, err)))
		return rc;
	if (!kind)
		kind = "daily";
	if ((rc = kh_report_check_kind(kind, err)) ||
	    (rc = kh_report_period(kind, arg(args, "date"), "date", &start, err)))
		return rc;
	if (ctx->actor.role == KH_ROLE_SALES)
		return kh_error_set(err, KH_EPERM, "", "only managers and admins see who has not "
				    "submitted a report");
	kh_date_format(start, period);
	if ((rc = kh_perm_users_seen(ctx, &users, err)) ||
	    (rc = kh_store_report_writers(ctx->store, users, kind, period, &rows, err)))
		goto out;
	if (!(missing = json_array())) {
		rc = kh_error_set(err, KH_ENOMEM, "", "out of memory");
		goto out;
	}
	for (size_t i = 0; i < json_array_size(rows); i++) {
		json_t *r = json_array_get(rows, i);
		const char *status = json_string_value(json_object_get(r, "status"));

		if (status && strcmp(status, "submitted") == 0)
			submitted++;
		else
			json_array_append(missing, r);
	}
	*out = json_pack("{s:s, s:s, s:I, s:I, s:o}", "kind", kind, "period_start", period,
			 "expected", (json_int_t)json_array_size(rows), "submitted",
			 (json_int_t)submitted, "missing", missing);
	if (!*out)
		rc = kh_error_set(err, KH_ENOMEM, "", "out of memory");
out:
	json_decref(users);
	json_decref(rows);
	return rc;
}
