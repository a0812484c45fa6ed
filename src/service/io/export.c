/*
 * export.c: an export as a stream of list rows (see export.h): the columns
 * from the registry and the highest level the actor sees of the rows, the
 * pages by keyset cursor inside one read transaction, the audit entry.
 */
#include "service/io/export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/parse.h"
#include "base/utf8.h"
#include "service/field_labels.h"
#include "store/store.h"
#include "base/banned.h"

/* Rows per page: the list's largest. */
#define PAGE_ROWS 500

struct kh_export {
	struct kh_ctx *ctx;
	const struct kh_entity *e;
	struct kh_list_params params; /* filters, sort, q: our own copies */
	char *sort, *q, *cursor;
	char format[8];               /* copied: the request's text may go first */
	bool zh, in_txn, finished, last_page;
	json_t *page;                 /* the current page's items */
	size_t at;
	int64_t rows;
	struct kh_export_column cols[KH_EXPORT_COLUMNS_MAX];
	size_t ncols;
};

static const struct kh_entity *const exportable[] = {
	&kh_customer_entity, &kh_contact_entity, &kh_product_entity, &kh_order_entity,
	&kh_payment_entity, &kh_activity_entity, &kh_opportunity_entity, &kh_task_entity,
	&kh_important_date_entity, &kh_competitor_entity,
};

static const struct kh_entity *entity_of_list(const char *type)
{
	for (size_t i = 0; type && i < sizeof(exportable) / sizeof(exportable[0]); i++)
		if (strcmp(exportable[i]->table, type) == 0 ||
		    /* the payments' table is receivable_plans since migration 23 */
		    (exportable[i] == &kh_payment_entity && strcmp(type, "payments") == 0))
			return exportable[i];
	return NULL;
}

static enum kh_export_kind kind_of(const struct kh_field *f)
{
	switch (f->type) {
	case KH_F_INT: case KH_F_REF: return KH_EXPORT_INT;
	case KH_F_MONEY: return KH_EXPORT_MONEY;
	case KH_F_DATE: return KH_EXPORT_DATE;
	case KH_F_BOOL: return KH_EXPORT_BOOL;
	default: return KH_EXPORT_TEXT;
	}
}

static int width_of(enum kh_export_kind kind, const struct kh_field *f)
{
	if (f && f->type == KH_F_LONGTEXT)
		return 40;
	if (f && (f->type == KH_F_PHONE || f->type == KH_F_EMAIL))
		return 20;
	if (f && f->type == KH_F_ENUM)
		return 14;
	switch (kind) {
	case KH_EXPORT_INT: case KH_EXPORT_BOOL: return 10;
	case KH_EXPORT_MONEY: case KH_EXPORT_DATE: case KH_EXPORT_REAL: return 14;
	default: return f && f->max > 0 && f->max <= 64 ? 16 : f && f->max > 200 ? 40 : 28;
	}
}

/* Columns text takes on screen: CJK characters take two. */
static int text_width(const char *s)
{
	size_t pos = 0, len = strlen(s);
	int w = 0;
	int32_t cp;

	while (pos < len && (cp = kh_utf8_next(s, len, &pos)) >= 0)
		w += cp >= 0x1100 ? 2 : 1;
	return w;
}

static void add_column(struct kh_export *x, const char *key, enum kh_export_kind kind,
		       const struct kh_field *f)
{
	struct kh_export_column *c;
	int label_width;

	if (x->ncols == KH_EXPORT_COLUMNS_MAX)
		return;
	c = &x->cols[x->ncols++];
	c->key = key;
	c->label = kh_field_label(x->e->name, key, x->zh);
	c->kind = kind;
	c->width = width_of(kind, f);
	/* A Chinese character takes two columns. */
	label_width = text_width(c->label) + 2;
	if (label_width > c->width)
		c->width = label_width;
}

static void build_columns(struct kh_export *x, int top_level)
{
	static const char *const metrics[] = {
		"metrics.abc_class", "metrics.grid_tier", "metrics.lifecycle", "metrics.loyalty",
		"metrics.p_alive", "metrics.clv", "metrics.revenue_12m", "metrics.last_order",
		"metrics.last_contact",
	};
	static const enum kh_export_kind metric_kinds[] = {
		KH_EXPORT_TEXT, KH_EXPORT_TEXT, KH_EXPORT_TEXT, KH_EXPORT_TEXT, KH_EXPORT_REAL,
		KH_EXPORT_MONEY, KH_EXPORT_MONEY, KH_EXPORT_DATE, KH_EXPORT_DATE,
	};

	add_column(x, "id", KH_EXPORT_INT, NULL);
	for (size_t i = 0; i < x->e->nfields; i++) {
		const struct kh_field *f = &x->e->fields[i];

		if (f->level > top_level)
			continue;
		add_column(x, f->name, kind_of(f), f);
		if (f->type == KH_F_REF && strcmp(f->name, "customer") == 0)
			add_column(x, "customer_name", KH_EXPORT_TEXT, NULL);
	}
	if (x->e == &kh_customer_entity)
		for (size_t i = 0; i < sizeof(metrics) / sizeof(metrics[0]); i++)
			add_column(x, metrics[i], metric_kinds[i], NULL);
	add_column(x, "created_at", KH_EXPORT_TEXT, NULL);
	add_column(x, "updated_at", KH_EXPORT_TEXT, NULL);
}

static int copy_params(struct kh_export *x, const struct kh_list_params *p, struct kh_error *err)
{
	x->params.filters = p->filters ? json_deep_copy(p->filters) : json_object();
	x->sort = p->sort ? strdup(p->sort) : NULL;
	x->q = p->q ? strdup(p->q) : NULL;
	if (!x->params.filters || (p->sort && !x->sort) || (p->q && !x->q))
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	x->params.sort = x->sort;
	x->params.q = x->q;
	x->params.page = 1;
	x->params.per_page = PAGE_ROWS;
	x->params.no_total = true;
	return 0;
}

int kh_export_open(struct kh_ctx *ctx, const struct kh_export_request *req,
		   struct kh_export **out, struct kh_error *err)
{
	const struct kh_entity *e = entity_of_list(req->type);
	struct kh_export *x;
	int rc, top_level = 3;

	if (!e)
		return kh_error_set(err, KH_EINVAL, "type",
				    "type must be customers, contacts, products, orders, payments, "
				    "activities, opportunities, tasks, important_dates or competitors");
	if (!(x = calloc(1, sizeof(*x))))
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	x->ctx = ctx;
	x->e = e;
	x->zh = req->zh;
	snprintf(x->format, sizeof(x->format), "%s", req->format ? req->format : "csv");
	if ((rc = copy_params(x, &req->list, err)) ||
	    (rc = kh_store_begin_read(ctx->store, err)))
		goto fail;
	x->in_txn = true;
	if ((rc = kh_entity_list_top_level(ctx, e, &x->params, &top_level, err)))
		goto fail;
	build_columns(x, top_level);
	*out = x;
	return 0;
fail:
	x->finished = true; /* a refused export is no export: nothing to audit */
	kh_export_free(x);
	return rc;
}

const struct kh_entity *kh_export_entity(const struct kh_export *x)
{
	return x->e;
}

size_t kh_export_ncolumns(const struct kh_export *x)
{
	return x->ncols;
}

const struct kh_export_column *kh_export_column(const struct kh_export *x, size_t i)
{
	return i < x->ncols ? &x->cols[i] : NULL;
}

/* The next page of the list, after the cursor of the one before. */
static int next_page(struct kh_export *x, struct kh_error *err)
{
	json_t *list = NULL, *next;
	int rc;

	x->params.cursor = x->cursor;
	if ((rc = kh_entity_list(x->ctx, x->e, &x->params, &list, err)))
		return rc;
	json_decref(x->page);
	x->page = json_incref(json_object_get(list, "items"));
	x->at = 0;
	next = json_object_get(list, "next_cursor");
	free(x->cursor);
	x->cursor = json_is_string(next) ? strdup(json_string_value(next)) : NULL;
	x->last_page = !json_is_string(next);
	json_decref(list); /* next went with it */
	return !x->last_page && !x->cursor ? kh_error_set(err, KH_ENOMEM, "", "out of memory") : 0;
}

int kh_export_next(struct kh_export *x, json_t **item, struct kh_error *err)
{
	int rc;

	*item = NULL;
	while (x->at >= json_array_size(x->page)) {
		if (x->page && x->last_page)
			return 0;
		if ((rc = next_page(x, err)))
			return rc;
	}
	*item = json_array_get(x->page, x->at++);
	x->rows++;
	return 0;
}

int kh_export_chunk(struct kh_export *x, struct kh_strbuf *sb, size_t chunk, bool *done,
		    int (*write)(void *arg, json_t *item, struct kh_strbuf *sb), void *arg,
		    struct kh_error *err)
{
	json_t *item;
	int rc;

	*done = false;
	while (sb->len < chunk) {
		if ((rc = kh_export_next(x, &item, err)))
			return rc;
		if (!item) {
			*done = true;
			return 0;
		}
		if (write(arg, item, sb))
			return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	}
	return 0;
}

json_t *kh_export_cell(const struct kh_export *x, json_t *item, size_t i)
{
	const char *key = x->cols[i].key;

	if (strncmp(key, "metrics.", 8) == 0)
		return json_object_get(json_object_get(item, "metrics"), key + 8);
	return json_object_get(item, key);
}

int64_t kh_export_rows(const struct kh_export *x)
{
	return x->rows;
}

const char *kh_export_title(const struct kh_export *x)
{
	return kh_entity_title(x->e->name, x->zh);
}

void kh_export_filename(const struct kh_export *x, const char *ext, char *buf, size_t size)
{
	char day[11];

	kh_date_format(kh_today(), day);
	snprintf(buf, size, "%s-%s.%s", kh_export_title(x), day, ext);
}

int kh_export_finish(struct kh_export *x, bool complete, struct kh_error *err)
{
	json_t *what;
	int rc;

	if (x->finished)
		return 0;
	x->finished = true;
	if (x->in_txn && (rc = kh_store_commit(x->ctx->store, err)))
		return rc;
	x->in_txn = false;
	what = json_pack("{s:s, s:s, s:O, s:s?, s:s?, s:I, s:b}", "list", x->e->table, "format",
			 x->format, "filters", x->params.filters, "sort", x->sort, "q", x->q, "rows",
			 (json_int_t)x->rows, "complete", complete);
	rc = kh_store_audit(x->ctx->store, x->ctx->actor.user_id, "export", x->e->name, 0, what,
			    err);
	json_decref(what);
	return rc;
}

void kh_export_free(struct kh_export *x)
{
	if (!x)
		return;
	kh_export_finish(x, false, NULL);
	if (x->in_txn)
		kh_store_rollback(x->ctx->store);
	json_decref(x->page);
	json_decref(x->params.filters);
	free(x->sort);
	free(x->q);
	free(x->cursor);
	free(x);
}
