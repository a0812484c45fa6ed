/*
 * campaign_audience.c: who a campaign reaches (see campaign_internal.h).
 * The audience is a customer or contact list's filter, resolved through
 * the list itself (kh_entity_list, paged by keyset cursors) so that the
 * actor's data scope is decided where it is for the list on screen; its
 * contacts then get their verdicts from send_caps.c.
 */
#include "service/comms/campaign_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/parse.h"
#include "base/utf8.h"
#include "service/entity.h"
#include "service/settings.h"
#include "base/banned.h"

#define AUDIENCE_PAGE 500
#define AUDIENCE_Q_MAX 100

static const char *const audience_members[] = {"list", "filters", "q", NULL};

static bool one_of(const char *s, const char *const *names)
{
	for (size_t i = 0; s && names[i]; i++)
		if (strcmp(s, names[i]) == 0)
			return true;
	return false;
}

/* The list's parameters of audience: filters as the query string gives
 * them (strings), in *filters (a new object the params borrow). */
static int audience_params(json_t *audience, const struct kh_entity **e,
			   struct kh_list_params *p, json_t **filters, struct kh_error *err)
{
	static const char *const lists[] = {"customers", "contacts", NULL};
	json_t *f = json_object_get(audience, "filters"), *v, *q = json_object_get(audience, "q");
	const char *list = json_string_value(json_object_get(audience, "list")), *key;

	memset(p, 0, sizeof(*p));
	*filters = NULL;
	if (!json_is_object(audience))
		return kh_error_set(err, KH_EINVAL, "audience", "%s must be a JSON object",
				    "audience");
	json_object_foreach(audience, key, v)
		if (!one_of(key, audience_members))
			return kh_error_set(err, KH_EINVAL, "audience", "unknown field %s", key);
	if (!list || !one_of(list, lists))
		return kh_error_set(err, KH_EINVAL, "audience",
				    "the audience's list must be customers or contacts");
	if (f && !json_is_null(f) && !json_is_object(f))
		return kh_error_set(err, KH_EINVAL, "audience", "%s must be a JSON object",
				    "filters");
	if (q && !json_is_null(q) &&
	    (!json_is_string(q) || kh_utf8_count(json_string_value(q)) > AUDIENCE_Q_MAX))
		return kh_error_set(err, KH_EINVAL, "audience", "%s is longer than %zu characters",
				    "q", (size_t)AUDIENCE_Q_MAX);
	/* an empty search is none, whichever the list */
	if (q && json_is_string(q) && *json_string_value(q) && strcmp(list, "customers"))
		return kh_error_set(err, KH_EINVAL, "audience",
				    "only the customer list takes a search (q)");
	*e = kh_entity_find(strcmp(list, "customers") == 0 ? "customer" : "contact");
	if (!(*filters = json_object()))
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	json_object_foreach(f, key, v) {
		char num[32];

		if (json_is_string(v))
			json_object_set(*filters, key, v);
		else if (json_is_integer(v)) {
			snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(v));
			json_object_set_new(*filters, key, json_string(num));
		} else if (!json_is_null(v)) {
			json_decref(*filters);
			*filters = NULL;
			return kh_error_set(err, KH_EINVAL, "audience", "%s must be a string", key);
		}
	}
	p->filters = *filters;
	p->q = json_is_string(q) && *json_string_value(q) ? json_string_value(q) : NULL;
	p->page = 1;
	p->per_page = AUDIENCE_PAGE;
	p->no_total = true;
	return 0;
}

int kh_audience_check(struct kh_ctx *ctx, json_t *audience, struct kh_error *err)
{
	const struct kh_entity *e = NULL;
	struct kh_list_params p;
	json_t *filters = NULL, *page = NULL;
	int rc = audience_params(audience, &e, &p, &filters, err);

	p.per_page = 1;
	if (rc == 0)
		rc = kh_entity_list(ctx, e, &p, &page, err);
	json_decref(page);
	json_decref(filters);
	return rc;
}

/* The ids of every item of the list p, page by page, appended to ids. */
static int list_ids(struct kh_ctx *ctx, const struct kh_entity *e, struct kh_list_params *p,
		    json_t *ids, struct kh_error *err)
{
	char *cursor = NULL;
	int rc = 0;

	for (;;) {
		json_t *page = NULL, *items, *next, *item;
		size_t i;

		p->cursor = cursor;
		if ((rc = kh_entity_list(ctx, e, p, &page, err)))
			break;
		items = json_object_get(page, "items");
		json_array_foreach(items, i, item)
			json_array_append(ids, json_object_get(item, "id"));
		next = json_object_get(page, "next_cursor");
		free(cursor);
		cursor = json_is_string(next) ? strdup(json_string_value(next)) : NULL;
		json_decref(page);
		if (json_array_size(ids) > KH_AUDIENCE_MAX) {
			rc = kh_error_set(err, KH_ELIMIT, "audience", "the audience has more than %d "
					  "contacts", KH_AUDIENCE_MAX);
			break;
		}
		if (!cursor)
			break;
	}
	free(cursor);
	p->cursor = NULL;
	return rc;
}

int kh_audience_resolve(struct kh_ctx *ctx, json_t *audience, struct kh_audience *a,
			struct kh_error *err)
{
	const struct kh_entity *e = NULL;
	struct kh_list_params p;
	json_t *filters = NULL, *ids = json_array();
	int rc;

	memset(a, 0, sizeof(*a));
	if (!ids)
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	if ((rc = audience_params(audience, &e, &p, &filters, err)) == 0 &&
	    (rc = list_ids(ctx, e, &p, ids, err)) == 0)
		rc = kh_audience_of_ids(ctx, ids, e == &kh_contact_entity, NULL, a, err);
	json_decref(filters);
	json_decref(ids);
	return rc;
}

/* The order of send_caps.h: by customer, rank, contact. */
static int by_company_rank(const void *a, const void *b)
{
	const struct kh_store_mail_candidate *x = a, *y = b;

	if (x->customer_id != y->customer_id)
		return x->customer_id < y->customer_id ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return (x->contact_id > y->contact_id) - (x->contact_id < y->contact_id);
}

/* The start of the caps' window, as an ISO time. */
static void window_start(struct kh_ctx *ctx, char out[21])
{
	int days = (int)kh_setting_number(ctx, "campaign.cap_window_days");
	char today[11];

	kh_date_format(kh_today() - (days > 0 ? days : 30), today);
	snprintf(out, 21, "%sT00:00:00Z", today);
}

/* Is contact id one of skip's? */
static bool skipped(json_t *skip, int64_t id)
{
	size_t i;
	json_t *v;

	json_array_foreach(skip, i, v)
		if (json_integer_value(v) == id)
			return true;
	return false;
}

int kh_audience_of_ids(struct kh_ctx *ctx, json_t *ids, bool of_contacts, json_t *skip,
		       struct kh_audience *a, struct kh_error *err)
{
	struct kh_send_caps caps = {
		.per_contact = (int)kh_setting_number(ctx, "campaign.cap_per_contact"),
		.per_company = (int)kh_setting_number(ctx, "campaign.cap_per_company"),
	};
	struct kh_store_mail_candidate *rows = NULL;
	size_t n = 0;
	char since[21];
	int rc;

	memset(a, 0, sizeof(*a));
	window_start(ctx, since);
	if ((rc = kh_store_mail_candidates(ctx->store, ids, of_contacts, since, &rows, &n, err)))
		return rc;
	if (n > KH_AUDIENCE_MAX) {
		kh_store_mail_candidates_free(rows, n);
		return kh_error_set(err, KH_ELIMIT, "audience", "the audience has more than %d "
				    "contacts", KH_AUDIENCE_MAX);
	}
	/* a rep skips a few greetings a day: a scan of them is enough */
	if (json_array_size(skip)) {
		size_t kept = 0;

		for (size_t i = 0; i < n; i++) {
			if (skipped(skip, rows[i].contact_id)) {
				kh_store_mail_candidates_free_one(&rows[i]);
				continue;
			}
			rows[kept++] = rows[i];
		}
		n = kept;
	}
	a->rows = rows;
	a->n = n;
	if (n && !(a->caps = calloc(n, sizeof(*a->caps)))) {
		kh_audience_release(a);
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	}
	/* in the order the caps take them, so that caps[i] stays rows[i] */
	qsort(rows, n, sizeof(*rows), by_company_rank);
	for (size_t i = 0; i < n; i++)
		a->caps[i] = (struct kh_send_candidate){
			.contact_id = rows[i].contact_id,
			.customer_id = rows[i].customer_id,
			.address = rows[i].address,
			.out_of_scope = rows[i].no_owner,
			.unsubscribed = rows[i].unsubscribed,
			.bounced = rows[i].bounced,
			.contact_sent = rows[i].contact_sent,
			.company_sent = rows[i].company_sent,
			.rank = rows[i].rank,
		};
	if ((a->to_send = kh_send_caps_apply(a->caps, n, &caps, a->counts)) == (size_t)-1) {
		kh_audience_release(a);
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	}
	return 0;
}

void kh_audience_release(struct kh_audience *a)
{
	kh_store_mail_candidates_free(a->rows, a->n);
	free(a->caps);
	memset(a, 0, sizeof(*a));
}

json_t *kh_audience_counts_json(const size_t counts[KH_SEND_NVERDICTS])
{
	json_t *o = json_object();

	for (int v = 0; o && v < KH_SEND_NVERDICTS; v++)
		json_object_set_new(o, kh_send_verdict_name((enum kh_send_verdict)v),
				    json_integer((json_int_t)counts[v]));
	return o;
}

int kh_audience_enqueue(struct kh_ctx *ctx, const struct kh_audience *a, int64_t campaign_id,
			size_t *added, struct kh_error *err)
{
	struct kh_store_mail_row *rows = calloc(a->to_send ? a->to_send : 1, sizeof(*rows));
	size_t n = 0;
	char now[21];
	int rc;

	*added = 0;
	if (!rows)
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	for (size_t i = 0; i < a->n; i++)
		if (a->caps[i].verdict == KH_SEND)
			rows[n++] = (struct kh_store_mail_row){a->caps[i].contact_id,
							       a->caps[i].customer_id,
							       a->caps[i].address};
	kh_now_iso(now);
	rc = kh_store_mail_enqueue(ctx->store, campaign_id, rows, n, now, added, err);
	free(rows);
	return rc;
}
