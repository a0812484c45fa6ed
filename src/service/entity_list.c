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
#include "service/customers/pool.h"
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

/* What a list works out before it reads: the store query with its
 * converted filters, the data scope and the level its filters ask about. */
struct list_query {
	struct kh_store_query q;
	struct kh_store_filter filters[32];
	json_t *converted[32];
	bool high[32];
	size_t n;
	struct level_need need;
	struct kh_perm_reach reach;
	struct kh_strbuf search;
	json_t *after;
	struct kh_store_pool_window pool_window;
};

static void list_query_release(struct list_query *lq)
{
	json_decref(lq->after);
	for (size_t i = 0; i < lq->n; i++)
		json_decref(lq->converted[i]);
	kh_perm_reach_release(&lq->reach);
	kh_strbuf_release(&lq->search);
}

/* The customer list's search text as an index prefix. */
static int list_search(struct list_query *lq, const char *text, struct kh_error *err)
{
	bool truncated;
	int rc;

	if ((rc = kh_search_query_key(text, &lq->search, &truncated, err))) {
		if (err)
			snprintf(err->field, sizeof(err->field), "q");
		return rc;
	}
	/* The index holds KH_SEARCH_KEY_MAX bytes of a key: a longer text
	 * is matched by its beginning. */
	if (truncated) {
		size_t cut = KH_SEARCH_KEY_MAX;

		while (cut > 0 && ((unsigned char)lq->search.buf[cut] & 0xC0) == 0x80)
			cut--;
		kh_strbuf_setlen(&lq->search, cut);
	}
	lq->q.search_prefix = lq->search.buf;
	return 0;
}

/* The lead list's search text: a name containing it (LIKE, escaped). */
static int list_contains(struct list_query *lq, const char *text, struct kh_error *err)
{
	struct kh_strbuf pat;
	size_t n = lq->n;

	if (!*text || strlen(text) > 200)
		return kh_error_set(err, KH_EINVAL, "q", "q must be 1..200 bytes");
	kh_strbuf_init(&pat, 0);
	kh_strbuf_addch(&pat, '%');
	for (const char *p = text; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			kh_strbuf_addch(&pat, '\\');
		kh_strbuf_addch(&pat, *p);
	}
	kh_strbuf_addch(&pat, '%');
	lq->converted[n] = json_string(pat.buf);
	kh_strbuf_release(&pat);
	if (!lq->converted[n])
		return kh_error_set(err, KH_EINVAL, "q", "q is not valid UTF-8 text");
	lq->filters[n].column = "name";
	lq->filters[n].op = "contains";
	lq->filters[n].value = lq->converted[n];
	lq->high[lq->n++] = false;
	return 0;
}

/* One filter of the query (key = v) into lq. */
static int list_filter(struct kh_ctx *ctx, const struct kh_entity *e, struct list_query *lq,
		       const char *key, json_t *v, struct kh_error *err)
{
	const struct kh_field *f = kh_entity_field(e, key);
	size_t n = lq->n, used = 0;
	int rc, level = 3;

	if (n == 32)
		return kh_error_set(err, KH_EINVAL, key, "too many filters");
	/* 待进入公海的客户: soonest due first, unless sorted otherwise. */
	if (!f && e == &kh_customer_entity && strcmp(key, "pool_within") == 0) {
		if ((rc = kh_pool_window(ctx, v, &lq->pool_window, err)))
			return rc;
		lq->q.pool_within = &lq->pool_window;
		lq->q.sort = KH_STORE_POOL_DUE_SORT;
		return 0;
	}
	if (!f && e == &kh_customer_entity &&
	    (rc = kh_customer_list_filter(key, v, &lq->filters[n], &lq->converted[n], err)) !=
		    KH_ENOTFOUND) {
		if (rc)
			return rc;
		lq->high[lq->n++] = false;
		return 0;
	}
	if (!f && e->list_filter &&
	    (rc = e->list_filter(key, v, &lq->filters[n], &lq->converted[n], 32 - n, &used,
				 err)) != KH_ENOTFOUND) {
		for (size_t i = n; i < n + used; i++)
			lq->high[i] = false;
		lq->n += used;
		return rc;
	}
	if (!f)
		return kh_error_set(err, KH_EINVAL, key, "%s cannot be filtered by %s", e->name,
				    key);
	rc = 0;
	if (f->type == KH_F_REF && json_is_string(v) && strcmp(json_string_value(v), "none") == 0) {
		/* "none": rows without one (e.g. visit plans nobody approved). */
		lq->converted[n] = json_null();
	} else if (f->type == KH_F_REF) {
		/* A filter names an id; it need not be writable, only well-formed. */
		char buf[64];
		int64_t ref_id;
		const char *s = kh_entity_scalar_text(v, buf);

		rc = kh_parse_int64(s, 1, INT64_MAX, &ref_id, f->name, err);
		if (rc == 0)
			lq->converted[n] = json_integer(ref_id);
	} else {
		rc = kh_entity_convert_value(ctx, f, v, &lq->converted[n], err);
	}
	if (rc)
		return rc;
	lq->filters[n].column = f->column;
	lq->filters[n].op = "=";
	lq->filters[n].value = lq->converted[n];
	lq->high[n] = f->level > 1;
	need_level(&lq->need, f, key);
	lq->n++;
	if (f->type == KH_F_REF && strcmp(f->ref, "customers") == 0 &&
	    !json_is_null(lq->converted[n]))
		return kh_perm_customer(ctx, json_integer_value(lq->converted[n]), false, &level,
					err);
	return 0;
}

static int list_sort(const struct kh_entity *e, struct list_query *lq, const char *sort,
		     struct kh_error *err)
{
	const char *name = sort[0] == '-' ? sort + 1 : sort;
	const struct kh_field *f = kh_entity_field(e, name);
	const char *metric = e == &kh_customer_entity ? kh_customer_list_sort(name) : NULL;

	if (!f && !metric && strcmp(name, "id") && strcmp(name, "created_at") &&
	    strcmp(name, "updated_at"))
		return kh_error_set(err, KH_EINVAL, "sort", "%s cannot be sorted by %.40s", e->name,
				    name);
	lq->q.sort = f ? f->column : metric ? metric : name;
	lq->q.descending = sort[0] == '-';
	need_level(&lq->need, f, "sort");
	return 0;
}

/* Check params and work out the query of the list in lq (released by the
 * caller either way, after list_query_init). */
static void list_query_init(struct list_query *lq, const struct kh_entity *e)
{
	const struct kh_field *f_customer = kh_entity_field(e, "customer");

	memset(lq, 0, sizeof(*lq));
	lq->need.level = 1;
	kh_strbuf_init(&lq->search, 0);
	lq->q.table = e->table;
	lq->q.join_metrics = e == &kh_customer_entity;
	lq->q.with_customer_name = f_customer && f_customer->type == KH_F_REF &&
				   strcmp(f_customer->ref, "customers") == 0 &&
				   strcmp(f_customer->column, "customer_id") == 0;
}

static int list_query_prepare(struct kh_ctx *ctx, const struct kh_entity *e,
			      const struct kh_list_params *params, struct list_query *lq,
			      struct kh_error *err)
{
	const char *key;
	json_t *v;
	int rc;

	if (params->per_page < 1 || params->per_page > 500)
		return kh_error_set(err, KH_EINVAL, "per_page", "per_page must be 1..500");
	if (params->page < 1 || params->page > 1000000)
		return kh_error_set(err, KH_EINVAL, "page", "page must be 1..1000000");
	if (params->q && e != &kh_customer_entity && e != &kh_lead_entity)
		return kh_error_set(err, KH_EINVAL, "q", "only customers and leads are searched "
				    "with q");
	if (params->q && e == &kh_customer_entity && (rc = list_search(lq, params->q, err)))
		return rc;
	if (params->q && e == &kh_lead_entity && (rc = list_contains(lq, params->q, err)))
		return rc;
	json_object_foreach(params->filters, key, v)
		if ((rc = list_filter(ctx, e, lq, key, v, err)))
			return rc;
	for (size_t i = 0; i < params->nextra; i++) {
		if (lq->n == 32)
			return kh_error_set(err, KH_EINVAL, "", "too many filters");
		lq->filters[lq->n] = params->extra[i];
		lq->high[lq->n++] = false;
	}
	lq->q.filters = lq->filters;
	lq->q.nfilters = lq->n;
	if (params->sort && *params->sort && (rc = list_sort(e, lq, params->sort, err)))
		return rc;
	lq->q.limit = params->per_page;
	lq->q.offset = (params->page - 1) * params->per_page;
	lq->q.no_total = params->no_total;
	if (params->cursor && params->page > 1)
		return kh_error_set(err, KH_EINVAL, "cursor", "cursor and page cannot be combined");
	if (params->cursor &&
	    (rc = kh_list_cursor_decode(params->cursor, params->sort, &lq->after, err)))
		return rc;
	lq->q.after = lq->after;
	if ((rc = kh_perm_entity(ctx, e->name, false, err)))
		return rc;
	/* Only rows of customers in the actor's scope, each shown at its level. */
	if ((rc = kh_perm_list_scope(ctx, e->table, &lq->reach, &lq->q.scope, err)))
		return rc;
	lq->q.min_level = kh_entity_row_min_level(e);
	return check_level_need(ctx, e, &lq->q, lq->high, &lq->need, err);
}

/* The items of rows in their API form, each at its level. */
static json_t *list_items(struct kh_ctx *ctx, const struct kh_entity *e,
			  const struct kh_store_query *q, json_t *rows)
{
	json_t *items = json_array();

	for (size_t i = 0; i < json_array_size(rows); i++) {
		json_t *row = json_array_get(rows, i);
		json_t *row_level = json_object_get(row, "kh__level");
		json_t *item = kh_entity_present(e, row, row_level ? (int)json_integer_value(row_level)
								  : 3);

		if (q->join_metrics)
			json_object_set_new(item, "metrics",
					    kh_customer_list_metrics(json_object_get(row,
										     "metrics")));
		/* 距离进入公海天数 and the lock, on every customer row. */
		if (e == &kh_customer_entity) {
			json_t *facts = kh_pool_facts(ctx, row);

			json_object_update(item, facts);
			json_decref(facts);
		}
		if (q->with_customer_name)
			json_object_set(item, "customer_name",
					json_object_get(row, "customer_name"));
		json_array_append_new(items, item);
	}
	return items;
}

int kh_entity_list(struct kh_ctx *ctx, const struct kh_entity *e,
		   const struct kh_list_params *params, json_t **out, struct kh_error *err)
{
	struct list_query lq;
	json_t *rows = NULL;
	int64_t total = 0;
	int rc;

	list_query_init(&lq, e);
	if ((rc = list_query_prepare(ctx, e, params, &lq, err)) ||
	    (rc = kh_store_list(ctx->store, &lq.q, &rows, &total, err)))
		goto out;
	*out = json_pack("{s:o, s:I, s:I, s:I, s:o*}", "items", list_items(ctx, e, &lq.q, rows),
			 "total", (json_int_t)total, "page", (json_int_t)params->page,
			 "per_page", (json_int_t)params->per_page, "next_cursor",
			 kh_list_cursor_next(params->sort,
					     (int64_t)json_array_size(rows) == lq.q.limit
						     ? json_array_get(rows, lq.q.limit - 1)
						     : NULL));
out:
	json_decref(rows);
	list_query_release(&lq);
	return rc;
}

int kh_entity_list_top_level(struct kh_ctx *ctx, const struct kh_entity *e,
			     const struct kh_list_params *params, int *level,
			     struct kh_error *err)
{
	struct list_query lq;
	bool found = false;
	int rc, l = 3;

	list_query_init(&lq, e);
	if ((rc = list_query_prepare(ctx, e, params, &lq, err)))
		goto out;
	/* Without a scope every row is shown whole. */
	for (; lq.q.scope && l > 1; l--) {
		if ((rc = kh_store_list_reaches_level(ctx->store, &lq.q, l, &found, err)))
			goto out;
		if (found)
			break;
	}
	*level = l;
out:
	list_query_release(&lq);
	return rc;
}
