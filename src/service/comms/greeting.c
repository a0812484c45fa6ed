/*
 * greeting.c: greetings (see greeting.h): their rows, who one reaches on
 * a day, the review of tomorrow's with the skips, and the day's queueing.
 */
#include "service/comms/greeting.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/parse.h"
#include "service/accounts/auth.h"
#include "service/comms/campaign_internal.h"
#include "service/comms/personalise.h"
#include "service/entity.h"
#include "service/permission.h"
#include "service/settings.h"
#include "store/comms/greetings.h"
#include "base/banned.h"

static const char *const occasions[] = {"birthday", "founding", "first_deal", "holiday", NULL};
static const char *const members[] = {"occasion", "name", "dates", "subject", "body_text",
				      "body_html", "lang", "active", NULL};

static int need_manager(const struct kh_ctx *ctx, struct kh_error *err)
{
	if (ctx->actor.role == KH_ROLE_ADMIN || ctx->actor.role == KH_ROLE_MANAGER)
		return 0;
	if (ctx->actor.role == KH_ROLE_SYSTEM)
		return kh_campaign_need_user(ctx, err);
	return kh_error_set(err, KH_EPERM, "", "only managers and admins set greetings");
}

static int present(json_t *row)
{
	json_object_set_new(row, "active",
			    json_boolean(json_integer_value(json_object_get(row, "active"))));
	json_object_del(row, "deleted_at");
	return 0;
}

int kh_greeting_list(struct kh_ctx *ctx, json_t **out, struct kh_error *err)
{
	json_t *rows = NULL, *row;
	size_t i;
	int rc = kh_store_greeting_list(ctx->store, false, &rows, err);

	if (rc)
		return rc;
	json_array_foreach(rows, i, row)
		present(row);
	*out = json_pack("{s:o}", "items", rows);
	return *out ? 0 : kh_error_set(err, KH_ENOMEM, "", "out of memory");
}

int kh_greeting_get(struct kh_ctx *ctx, int64_t id, json_t **out, struct kh_error *err)
{
	int rc = kh_store_greeting_get(ctx->store, id, out, err);

	if (rc == KH_ENOTFOUND)
		return kh_error_set(err, KH_ENOTFOUND, "id", "no greeting with id %lld",
				    (long long)id);
	if (rc == 0)
		present(*out);
	return rc;
}

/* A holiday's dates: {"YYYY": "YYYY-MM-DD"} with each date in its year. */
static int check_dates(json_t *dates, struct kh_error *err)
{
	const char *year;
	json_t *v;

	if (!json_is_object(dates))
		return kh_error_set(err, KH_EINVAL, "dates", "%s must be a JSON object", "dates");
	if (json_object_size(dates) > KH_GREETING_DATES_MAX)
		return kh_error_set(err, KH_EINVAL, "dates", "%s has more than %d members", "dates",
				    KH_GREETING_DATES_MAX);
	json_object_foreach(dates, year, v) {
		int32_t day;

		if (!json_is_string(v) || strlen(year) != 4 ||
		    kh_parse_date(json_string_value(v), &day, "dates", NULL) ||
		    strncmp(json_string_value(v), year, 4))
			return kh_error_set(err, KH_EINVAL, "dates", "each of dates must be "
					    "\"YYYY\": \"YYYY-MM-DD\", a date in that year");
	}
	return 0;
}

/* The columns of in; row is the stored greeting when changing one. */
static int columns(struct kh_ctx *ctx, json_t *in, json_t *row, json_t *cols,
		   struct kh_error *err)
{
	json_t *occasion = json_object_get(in, "occasion"), *dates = json_object_get(in, "dates");
	json_t *active = json_object_get(in, "active");
	const char *occ;
	int rc;

	if ((rc = kh_campaign_template_columns(ctx, in, !row, members, cols, err)))
		return rc;
	if (row && occasion)
		return kh_error_set(err, KH_EINVAL, "occasion", "%s cannot be changed after creation",
				    "occasion");
	if (!row && !kh_campaign_one_of(json_string_value(occasion), occasions))
		return occasion ? kh_error_set(err, KH_EINVAL, "occasion",
					       "%s is not one of the choices", "occasion")
				: kh_error_set(err, KH_EINVAL, "occasion", "%s is required",
					       "occasion");
	occ = row ? kh_campaign_str(row, "occasion") : json_string_value(occasion);
	if (!row)
		json_object_set(cols, "occasion", occasion);
	if (dates && !json_is_null(dates)) {
		if (strcmp(occ, "holiday"))
			return kh_error_set(err, KH_EINVAL, "dates",
					    "only a holiday has dates: the others come from the file");
		if ((rc = check_dates(dates, err)))
			return rc;
		json_object_set(cols, "dates", dates);
	} else if (!row && strcmp(occ, "holiday") == 0)
		return kh_error_set(err, KH_EINVAL, "dates", "%s is required", "dates");
	if (active && !json_is_boolean(active))
		return kh_error_set(err, KH_EINVAL, "active", "%s must be true or false", "active");
	if (active)
		json_object_set_new(cols, "active", json_integer(json_is_true(active)));
	{
		json_t *subject = json_object_get(cols, "subject"), *text = json_object_get(cols, "body_text");
		json_t *html = json_object_get(cols, "body_html");
		const char *h;

		if (!subject && row)
			subject = json_object_get(row, "subject");
		if (!text && row)
			text = json_object_get(row, "body_text");
		if (!html && row)
			html = json_object_get(row, "body_html");
		h = json_string_value(html);
		return kh_personalise_check(json_string_value(subject), json_string_value(text),
					       h && *h ? h : NULL, err);
	}
}

int kh_greeting_create(struct kh_ctx *ctx, json_t *in, int64_t *id, struct kh_error *err)
{
	json_t *cols = json_object();
	int rc;

	if (!cols)
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	if ((rc = need_manager(ctx, err)) || (rc = columns(ctx, in, NULL, cols, err)))
		goto out;
	json_object_set_new(cols, "owner_id", json_integer(ctx->actor.user_id));
	rc = kh_campaign_insert_audited(ctx, "greetings", "greeting", cols, id, err);
out:
	json_decref(cols);
	return rc;
}

/* Change greeting id: with in its members, without (in NULL) delete it. */
static int change(struct kh_ctx *ctx, int64_t id, json_t *in, struct kh_error *err)
{
	json_t *row = NULL, *cols = json_object();
	char now[21];
	int rc;

	if (!cols)
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	if ((rc = need_manager(ctx, err)) || (rc = kh_store_begin(ctx->store, err)))
		goto out;
	if ((rc = kh_greeting_get(ctx, id, &row, err)) == 0) {
		if (in)
			rc = columns(ctx, in, row, cols, err);
		else {
			kh_now_iso(now);
			json_object_set_new(cols, "deleted_at", json_string(now));
		}
	}
	if (rc == 0 && json_object_size(cols) &&
	    (rc = kh_store_update(ctx->store, "greetings", id, cols, err)) == 0)
		rc = kh_store_audit(ctx->store, ctx->actor.user_id, in ? "update" : "delete",
				    "greeting", id, NULL, err);
	if (rc == 0)
		rc = kh_store_commit(ctx->store, err);
	if (rc)
		kh_store_rollback(ctx->store);
out:
	json_decref(row);
	json_decref(cols);
	return rc;
}

int kh_greeting_update(struct kh_ctx *ctx, int64_t id, json_t *in, struct kh_error *err)
{
	return change(ctx, id, in ? in : json_null(), err);
}

int kh_greeting_delete(struct kh_ctx *ctx, int64_t id, struct kh_error *err)
{
	return change(ctx, id, NULL, err);
}

/* Does greeting g fall on day ("YYYY-MM-DD")? */
static bool falls_on(json_t *g, const char *day)
{
	char year[5];

	if (strcmp(kh_campaign_str(g, "occasion"), "holiday"))
		return true; /* the file says who: those born or founded on the day */
	snprintf(year, sizeof(year), "%.4s", day);
	return json_is_string(json_object_get(json_object_get(g, "dates"), year)) &&
	       strcmp(json_string_value(json_object_get(json_object_get(g, "dates"), year)),
		      day) == 0;
}

/* The audience of greeting g on day in the actor's scope, without skip. */
static int reach(struct kh_ctx *ctx, json_t *g, const char *day, json_t *skip,
		 struct kh_audience *a, struct kh_error *err)
{
	struct kh_perm_reach r;
	const struct kh_scope *scope = NULL;
	json_t *ids = NULL;
	bool of_contacts = false;
	int rc;

	memset(a, 0, sizeof(*a));
	if ((rc = kh_perm_list_scope(ctx, "customers", &r, &scope, err)))
		return rc;
	rc = kh_store_greeting_reach(ctx->store, kh_campaign_str(g, "occasion"), day + 5, scope,
				     &ids, &of_contacts, err);
	if (rc == 0)
		rc = kh_audience_of_ids(ctx, ids, of_contacts, skip, a, err);
	json_decref(ids);
	kh_perm_reach_release(&r);
	return rc;
}

static const char *arg(json_t *args, const char *name)
{
	return json_string_value(json_object_get(args, name));
}

/* The date of args' member name (default: tomorrow) into day. */
static int day_arg(json_t *args, const char *name, char day[11], struct kh_error *err)
{
	const char *s = arg(args, name);
	int32_t d = kh_today() + 1;
	int rc;

	if (s && *s && (rc = kh_parse_date(s, &d, name, err)))
		return rc;
	kh_date_format(d, day);
	return 0;
}

/* The items of greeting g's audience a (skip: the skipped ids) into items. */
static void upcoming_items(json_t *g, const struct kh_audience *a, json_t *skip, json_t *items,
			   size_t counts[KH_SEND_NVERDICTS])
{
	for (size_t i = 0; i < a->n; i++) {
		const struct kh_store_mail_candidate *r = &a->rows[i];
		bool is_skipped = false;
		size_t k;
		json_t *v;

		counts[a->caps[i].verdict]++;
		json_array_foreach(skip, k, v)
			is_skipped = is_skipped || json_integer_value(v) == r->contact_id;
		if (json_array_size(items) >= KH_GREETING_UPCOMING_MAX)
			continue;
		json_array_append_new(
			items, json_pack("{s:O, s:O, s:O, s:I, s:s, s:I, s:s, s:s?, s:s, s:b}",
					 "greeting_id", json_object_get(g, "id"), "occasion",
					 json_object_get(g, "occasion"), "name",
					 json_object_get(g, "name"), "contact_id",
					 (json_int_t)r->contact_id, "contact", r->contact,
					 "customer_id", (json_int_t)r->customer_id, "customer",
					 r->customer, "address", r->address, "verdict",
					 kh_send_verdict_name(a->caps[i].verdict), "skipped",
					 is_skipped));
	}
}

int kh_greeting_upcoming(struct kh_ctx *ctx, json_t *args, json_t **out, struct kh_error *err)
{
	size_t counts[KH_SEND_NVERDICTS] = {0}, i;
	json_t *greetings = NULL, *items = json_array(), *g;
	const char *key;
	char day[11];
	json_t *v;
	int rc;

	json_object_foreach(args, key, v)
		if (strcmp(key, "date")) {
			json_decref(items);
			return kh_error_set(err, KH_EINVAL, key, "unknown query parameter %.40s", key);
		}
	if (!items)
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	if ((rc = day_arg(args, "date", day, err)) ||
	    (rc = kh_store_greeting_list(ctx->store, true, &greetings, err)))
		goto out;
	json_array_foreach(greetings, i, g) {
		struct kh_audience a;
		json_t *skip = NULL;

		if (!falls_on(g, day))
			continue;
		if ((rc = kh_store_greeting_skips(ctx->store, json_integer_value(
							  json_object_get(g, "id")), day, &skip,
						  err)))
			goto out;
		/* the verdicts as if none were skipped: the list shows the skipped too */
		if ((rc = reach(ctx, g, day, NULL, &a, err)) == 0)
			upcoming_items(g, &a, skip, items, counts);
		kh_audience_release(&a);
		json_decref(skip);
		if (rc)
			goto out;
	}
	*out = json_pack("{s:s, s:o, s:O}", "date", day, "counts", kh_audience_counts_json(counts),
			 "items", items);
	if (!*out)
		rc = kh_error_set(err, KH_ENOMEM, "", "out of memory");
out:
	json_decref(greetings);
	json_decref(items);
	return rc;
}

int kh_greeting_skip(struct kh_ctx *ctx, json_t *in, json_t **out, struct kh_error *err)
{
	static const char *const allowed[] = {"greeting_id", "contact_id", "date", "skip", NULL};
	json_t *g = NULL, *contact = NULL, *skip = json_object_get(in, "skip"), *v;
	int64_t gid = json_integer_value(json_object_get(in, "greeting_id"));
	int64_t cid = json_integer_value(json_object_get(in, "contact_id"));
	const char *key;
	char day[11], today[11];
	int rc;

	if (!json_is_object(in))
		return kh_error_set(err, KH_EINVAL, "", "the body must be a JSON object");
	json_object_foreach(in, key, v)
		if (!kh_campaign_one_of(key, allowed))
			return kh_error_set(err, KH_EINVAL, key, "unknown field %s", key);
	if (gid < 1)
		return kh_error_set(err, KH_EINVAL, "greeting_id", "%s is required", "greeting_id");
	if (cid < 1)
		return kh_error_set(err, KH_EINVAL, "contact_id", "%s is required", "contact_id");
	if (skip && !json_is_boolean(skip))
		return kh_error_set(err, KH_EINVAL, "skip", "%s must be true or false", "skip");
	if ((rc = day_arg(in, "date", day, err)))
		return rc;
	kh_date_format(kh_today(), today);
	if (strcmp(day, today) < 0)
		return kh_error_set(err, KH_EINVAL, "date", "%s must not be in the past", "date");
	if ((rc = kh_greeting_get(ctx, gid, &g, err)) ||
	    (rc = kh_entity_get(ctx, &kh_contact_entity, cid, &contact, err)) ||
	    (rc = kh_store_greeting_skip(ctx->store, gid, cid, day, ctx->actor.user_id,
					 !skip || json_is_true(skip), err)))
		goto out;
	*out = json_pack("{s:I, s:I, s:s, s:b}", "greeting_id", (json_int_t)gid, "contact_id",
			 (json_int_t)cid, "date", day, "skipped", !skip || json_is_true(skip));
	if (!*out)
		rc = kh_error_set(err, KH_ENOMEM, "", "out of memory");
out:
	json_decref(g);
	json_decref(contact);
	return rc;
}

/* Queue greeting g for day as its owner: one campaign of kind greeting. */
static int queue_one(struct kh_ctx *sys, json_t *g, const char *day, bool *queued,
		     struct kh_error *err)
{
	int64_t gid = json_integer_value(json_object_get(g, "id")), id = 0;
	struct kh_ctx ctx;
	struct kh_audience a = {0};
	json_t *skip = NULL, *cols = NULL;
	char name[300], now[21];
	size_t added = 0;
	int rc;

	*queued = false;
	kh_ctx_init_system(&ctx, sys->store);
	if ((rc = kh_auth_actor_load(&ctx, json_integer_value(json_object_get(g, "owner_id")),
				     err)) ||
	    (rc = kh_store_greeting_skips(ctx.store, gid, day, &skip, err)) ||
	    (rc = reach(&ctx, g, day, skip, &a, err)))
		goto out;
	kh_now_iso(now);
	snprintf(name, sizeof(name), "%s %s", kh_campaign_str(g, "name"), day);
	if (!(cols = json_pack("{s:s, s:s, s:s, s:O, s:O, s:O, s:O, s:s, s:s, s:O, s:s, s:O,"
			       " s:O, s:o}",
			       "name", name, "kind", "greeting", "purpose", "greeting", "subject",
			       json_object_get(g, "subject"), "body_text",
			       json_object_get(g, "body_text"), "body_html",
			       json_object_get(g, "body_html"), "lang", json_object_get(g, "lang"),
			       "status", "sending", "started_at", now, "greeting_id",
			       json_object_get(g, "id"), "greeting_day", day, "owner_id",
			       json_object_get(g, "owner_id"), "sender_id",
			       json_object_get(g, "owner_id"), "left_out",
			       kh_audience_counts_json(a.counts)))) {
		rc = kh_error_set(err, KH_ENOMEM, "", "out of memory");
		goto out;
	}
	if ((rc = kh_store_begin(ctx.store, err)))
		goto out;
	/* a second server queueing the same day meets the unique index */
	if ((rc = kh_store_insert(ctx.store, "campaigns", cols, &id, err)) == 0 &&
	    (rc = kh_audience_enqueue(&ctx, &a, id, &added, err)) == 0)
		rc = kh_store_commit(ctx.store, err);
	if (rc)
		kh_store_rollback(ctx.store);
	*queued = rc == 0;
out:
	kh_audience_release(&a);
	json_decref(skip);
	json_decref(cols);
	kh_ctx_release(&ctx);
	return rc;
}

int kh_greeting_queue_due(struct kh_ctx *ctx, size_t *queued, struct kh_error *err)
{
	int hour = (int)kh_setting_number(ctx, "greeting.send_hour");
	time_t t = time(NULL);
	struct tm tm;
	json_t *greetings = NULL, *g;
	char day[11];
	size_t i;
	int rc;

	*queued = 0;
	gmtime_r(&t, &tm);
	if (tm.tm_hour < hour)
		return 0;
	kh_date_format(kh_today(), day);
	if ((rc = kh_store_greeting_list(ctx->store, true, &greetings, err)))
		return rc;
	json_array_foreach(greetings, i, g) {
		struct kh_error e = {0};
		int64_t existing = 0;
		bool done = false;

		if (!falls_on(g, day))
			continue;
		if ((rc = kh_store_greeting_queued(ctx->store, json_integer_value(
							   json_object_get(g, "id")), day, &existing,
						   err)))
			break;
		if (existing)
			continue;
		/* one greeting that cannot go (its owner left) does not hold up the others */
		rc = queue_one(ctx, g, day, &done, &e);
		if (rc == KH_EDB || rc == KH_ENOMEM) {
			*err = e;
			break;
		}
		rc = 0;
		*queued += done;
	}
	json_decref(greetings);
	return rc;
}
