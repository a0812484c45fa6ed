/*
 * entity_list.c: registry-driven lists (kh_entity_list, see entity.h): the
 * filters and sort checked against the field table, a total and a page (by
 * offset or keyset cursor) in the actor's data scope, each row in its API
 * form at the level the actor may see it. Customers add the search text and
 * the metrics filters and sorts (customer_list.c).
 */
#include "service/entity.h"
#include "service/entity_internal.h"

#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "base/search_key.h"
#include "service/customer_list.h"
#include "service/list_cursor.h"
#include "service/permission.h"
#include "base/banned.h"

/* The highest information level a list's filters and sort ask about, and
 * the parameter that asks it. */
struct level_need {
	int level;
	const char *param; /* the filter's name, or "sort" */
	const char *field;
};

static void need_level(struct level_need *need, const struct kh_field *f, const char *param)
{
	if (f && f->level > need->level) {
		need->level = f->level;
		need->param = param;
		need->field = f->name;
	}
}

/* A filter or sort on a level-2 or -3 field tells, through the total and
 * the order, what it is about: refused unless the actor sees that level of
 * every row in question (the list without such filters). */
static int check_level_need(struct kh_ctx *ctx, const struct kh_entity *e,
			    const struct kh_store_query *q, const bool *high,
			    const struct level_need *need, struct kh_error *err)
{
	struct kh_store_filter low[32];
	struct kh_store_query chk = *q;
	bool below = false;
	int rc;

	if (need->level <= 1 || !q->scope)
		return 0;
	chk.nfilters = 0;
	for (size_t i = 0; i < q->nfilters; i++)
		if (!high[i])
			low[chk.nfilters++] = q->filters[i];
	chk.filters = low;
	if ((rc = kh_store_list_below_level(ctx->store, &chk, need->level, &below, err)))
		return rc;
	if (below)
		return kh_error_set(err, KH_EINVAL, need->param,
				    "%s is level-%d information, which you do not see of every %s "
				    "listed: narrow the list to those you do (e.g. by customer)",
				    need->field, need->level, e->name);
	return 0;
}

int kh_entity_list(struct kh_ctx *ctx, const struct kh_entity *e,
		   const struct kh_list_params *params, json_t **out, struct kh_error *err)
{
	struct level_need need = {1, NULL, NULL};
	bool high[32];
	struct kh_store_filter filters[32];
	struct kh_store_query q = {.table = e->table};
	struct kh_perm_reach reach = {0};
	struct kh_strbuf search;
	json_t *converted[32], *rows = NULL, *items, *v, *after = NULL;
	const char *key;
	size_t n = 0;
	int64_t total = 0;
	int rc = 0, level = 3;
	bool customers = e == &kh_customer_entity;
	const struct kh_field *f_customer;

	if (params->per_page < 1 || params->per_page > 500)
		return kh_error_set(err, KH_EINVAL, "per_page", "per_page must be 1..500");
	if (params->page < 1 || params->page > 1000000)
		return kh_error_set(err, KH_EINVAL, "page", "page must be 1..1000000");
	if (params->q && !customers)
		return kh_error_set(err, KH_EINVAL, "q", "only customers are searched with q");
	kh_strbuf_init(&search, 0);
	q.join_metrics = customers;
	f_customer = kh_entity_field(e, "customer");
	q.with_customer_name = f_customer && f_customer->type == KH_F_REF &&
			       strcmp(f_customer->ref, "customers") == 0 &&
			       strcmp(f_customer->column, "customer_id") == 0;
	if (params->q) {
		bool truncated;

		if ((rc = kh_search_query_key(params->q, &search, &truncated, err))) {
			if (err)
				snprintf(err->field, sizeof(err->field), "q");
			goto out;
		}
		/* The index holds KH_SEARCH_KEY_MAX bytes of a key: a longer text
		 * is matched by its beginning. */
		if (truncated) {
			size_t cut = KH_SEARCH_KEY_MAX;

			while (cut > 0 && ((unsigned char)search.buf[cut] & 0xC0) == 0x80)
				cut--;
			kh_strbuf_setlen(&search, cut);
		}
		q.search_prefix = search.buf;
	}
	json_object_foreach(params->filters, key, v) {
		const struct kh_field *f = kh_entity_field(e, key);

		if (n == 32) {
			rc = kh_error_set(err, KH_EINVAL, key, "too many filters");
			goto out;
		}
		if (!f && customers &&
		    (rc = kh_customer_list_filter(key, v, &filters[n], &converted[n], err)) !=
			    KH_ENOTFOUND) {
			if (rc)
				goto out;
			high[n++] = false;
			continue;
		}
		rc = 0;
		if (!f) {
			rc = kh_error_set(err, KH_EINVAL, key, "%s cannot be filtered by %s",
					  e->name, key);
			goto out;
		}
		if (f->type == KH_F_REF && json_is_string(v) &&
		    strcmp(json_string_value(v), "none") == 0) {
			/* "none": rows without one (e.g. visit plans nobody approved). */
			converted[n] = json_null();
		} else if (f->type == KH_F_REF) {
			/* A filter names an id; it need not be writable, only well-formed. */
			char buf[64];
			int64_t ref_id;
			const char *s = kh_entity_scalar_text(v, buf);

			rc = kh_parse_int64(s, 1, INT64_MAX, &ref_id, f->name, err);
			if (rc == 0)
				converted[n] = json_integer(ref_id);
		} else {
			rc = kh_entity_convert_value(ctx, f, v, &converted[n], err);
		}
		if (rc)
			goto out;
		filters[n].column = f->column;
		filters[n].op = "=";
		filters[n].value = converted[n];
		high[n] = f->level > 1;
		need_level(&need, f, key);
		n++;
		if (f->type == KH_F_REF && strcmp(f->ref, "customers") == 0 &&
		    !json_is_null(converted[n - 1]) &&
		    (rc = kh_perm_customer(ctx, json_integer_value(converted[n - 1]), false,
					   &level, err)))
			goto out;
	}
	q.filters = filters;
	q.nfilters = n;
	if (params->sort && *params->sort) {
		const char *name = params->sort[0] == '-' ? params->sort + 1 : params->sort;
		const struct kh_field *f = kh_entity_field(e, name);
		const char *metric = customers ? kh_customer_list_sort(name) : NULL;

		if (!f && !metric && strcmp(name, "id") && strcmp(name, "created_at") &&
		    strcmp(name, "updated_at")) {
			rc = kh_error_set(err, KH_EINVAL, "sort", "%s cannot be sorted by %.40s",
					  e->name, name);
			goto out;
		}
		q.sort = f ? f->column : metric ? metric : name;
		q.descending = params->sort[0] == '-';
		need_level(&need, f, "sort");
	}
	q.limit = params->per_page;
	q.offset = (params->page - 1) * params->per_page;
	if (params->cursor && params->page > 1) {
		rc = kh_error_set(err, KH_EINVAL, "cursor", "cursor and page cannot be combined");
		goto out;
	}
	if (params->cursor && (rc = kh_list_cursor_decode(params->cursor, params->sort, &after, err)))
		goto out;
	q.after = after;
	if ((rc = kh_perm_entity(ctx, e->name, false, err)))
		goto out;
	/* Only rows of customers in the actor's scope, each shown at its level. */
	if ((rc = kh_perm_list_scope(ctx, e->table, &reach, &q.scope, err)))
		goto out;
	q.min_level = kh_entity_row_min_level(e);
	if ((rc = check_level_need(ctx, e, &q, high, &need, err)) ||
	    (rc = kh_store_list(ctx->store, &q, &rows, &total, err)))
		goto out;
	items = json_array();
	for (size_t i = 0; i < json_array_size(rows); i++) {
		json_t *row = json_array_get(rows, i);
		json_t *row_level = json_object_get(row, "kh__level");
		json_t *item = kh_entity_present(e, row, row_level ? (int)json_integer_value(row_level)
								  : 3);

		if (customers)
			json_object_set_new(item, "metrics",
					    kh_customer_list_metrics(json_object_get(row,
										     "metrics")));
		if (q.with_customer_name)
			json_object_set(item, "customer_name",
					json_object_get(row, "customer_name"));
		json_array_append_new(items, item);
	}
	*out = json_pack("{s:o, s:I, s:I, s:I, s:o*}", "items", items, "total", (json_int_t)total,
			 "page", (json_int_t)params->page, "per_page",
			 (json_int_t)params->per_page, "next_cursor",
			 kh_list_cursor_next(params->sort,
					     (int64_t)json_array_size(rows) == q.limit
						     ? json_array_get(rows, q.limit - 1)
						     : NULL));
out:
	json_decref(after);
	for (size_t i = 0; i < n; i++)
		json_decref(converted[i]);
	json_decref(rows);
	kh_perm_reach_release(&reach);
	kh_strbuf_release(&search);
	return rc;
}
