/*
 * view_json.c: the 360-degree view's reads as JSON text (see view_json.h).
 * Values are turned into JSON as kh_store_row_json and the service's
 * presenters do it (text repaired like kh_store_text_json, JSON columns
 * parsed and written compactly), so both paths give the same answer;
 * tests/unit/view_json_test.c compares them.
 */
#include "store/view_json.h"

#include <stdlib.h>
#include <string.h>

#include "base/json_write.h"
#include "base/banned.h"

/* The shape's entry for column name, searched from *cursor on: the shape
 * lists columns in table order, so this is mostly one comparison. */
static const struct kh_col_shape *find_col(const struct kh_row_shape *shape, const char *name,
					   size_t *cursor)
{
	for (size_t k = 0; k < shape->n; k++) {
		size_t j = (*cursor + k) % shape->n;

		if (strcmp(shape->cols[j].column, name) == 0) {
			*cursor = j + 1;
			return &shape->cols[j];
		}
	}
	return NULL;
}

static int dump_cb(const char *buffer, size_t size, void *data)
{
	return kh_strbuf_add(data, buffer, size) ? -1 : 0;
}

/* A column declared JSON: its object (or array) re-written compactly, {}
 * for anything else (kh_store_row_json's rule). */
static int put_json_column(struct kh_strbuf *sb, const char *text, size_t len)
{
	json_t *v;
	int rc;

	if (len == 2 && memcmp(text, "{}", 2) == 0)
		return kh_strbuf_adds(sb, "{}");
	v = text ? json_loadb(text, len, 0, NULL) : NULL;
	if (!v)
		return kh_strbuf_adds(sb, "{}");
	rc = json_dump_callback(v, dump_cb, sb, JSON_COMPACT) ? KH_ENOMEM : 0;
	json_decref(v);
	return rc;
}

/* A text column; with as KH_COL_VALUE its declared type tells JSON. */
static int put_text_column(struct kh_strbuf *sb, sqlite3_stmt *s, int i, enum kh_col_as as)
{
	const char *decl = as == KH_COL_VALUE ? sqlite3_column_decltype(s, i) : NULL;
	const char *bytes = sqlite3_column_type(s, i) == SQLITE_TEXT
				    ? (const char *)sqlite3_column_text(s, i)
				    : (const char *)sqlite3_column_blob(s, i);
	size_t len = (size_t)sqlite3_column_bytes(s, i);

	if (as == KH_COL_JSON || (decl && strcmp(decl, "JSON") == 0))
		return put_json_column(sb, bytes, len);
	return kh_json_put_string(sb, bytes, len);
}

/* Column i of the current row of s as a JSON value, shown as as. */
static int put_value(struct kh_strbuf *sb, sqlite3_stmt *s, int i, enum kh_col_as as)
{
	switch (sqlite3_column_type(s, i)) {
	case SQLITE_INTEGER:
		if (as == KH_COL_MONEY)
			return kh_json_put_money(sb, sqlite3_column_int64(s, i));
		if (as == KH_COL_BOOL)
			return kh_strbuf_adds(sb, sqlite3_column_int64(s, i) ? "true" : "false");
		return kh_json_put_int(sb, sqlite3_column_int64(s, i));
	case SQLITE_FLOAT:
		return kh_json_put_real(sb, sqlite3_column_double(s, i));
	case SQLITE_TEXT:
	case SQLITE_BLOB:
		return put_text_column(sb, s, i, as);
	default:
		return kh_strbuf_adds(sb, "null");
	}
}

static bool ends_in_fen(const char *name, size_t len)
{
	return len > 4 && memcmp(name + len - 4, "_fen", 4) == 0;
}

/* An unlisted column of a fen_money shape: its member key into key[64],
 * and how it is shown; false when it is left out. */
static bool unlisted_member(const struct kh_row_shape *shape, sqlite3_stmt *s, int i,
			    const char *name, char key[64], enum kh_col_as *as)
{
	size_t len = strlen(name);

	if (!shape->fen_money || len >= 64 || (shape->drop && strcmp(name, shape->drop) == 0))
		return false;
	memcpy(key, name, len + 1);
	*as = KH_COL_VALUE;
	if (ends_in_fen(name, len) && sqlite3_column_type(s, i) == SQLITE_INTEGER) {
		key[len - 4] = '\0';
		*as = KH_COL_MONEY;
	}
	return true;
}

/* The members of the current row of s (no braces); *id receives its "id"
 * column when it has one. */
static int put_members(struct kh_strbuf *sb, sqlite3_stmt *s, const struct kh_row_shape *shape,
		       int64_t *id)
{
	int n = sqlite3_column_count(s), rc = 0;
	size_t cursor = 0;

	for (int i = 0; i < n && rc == 0; i++) {
		const char *name = sqlite3_column_name(s, i), *key;
		const struct kh_col_shape *c = find_col(shape, name, &cursor);
		enum kh_col_as as;
		char buf[64];

		if (id && strcmp(name, "id") == 0)
			*id = sqlite3_column_int64(s, i);
		if (c) {
			if (c->as == KH_COL_HIDE || c->level > shape->max_level)
				continue;
			key = c->key;
			as = (enum kh_col_as)c->as;
		} else if (unlisted_member(shape, s, i, name, buf, &as)) {
			key = buf;
		} else {
			continue;
		}
		if ((rc = kh_json_put_comma(sb)) == 0 && (rc = kh_json_put_key(sb, key)) == 0)
			rc = put_value(sb, s, i, as);
	}
	return rc;
}

static int put_row(struct kh_strbuf *sb, sqlite3_stmt *s, const struct kh_row_shape *shape,
		   int64_t *id)
{
	int rc = kh_strbuf_addch(sb, '{');

	if (rc == 0)
		rc = put_members(sb, s, shape, id);
	return rc ? rc : kh_strbuf_addch(sb, '}');
}

static int out_of_room(int rc, struct kh_error *err)
{
	return kh_error_set(err, rc, "", rc == KH_ELIMIT ? "the answer is too large"
							 : "out of memory");
}

/* Every remaining row of s (bound) into out as an array, *rows of them; s
 * is reset. */
static int put_rows(struct kh_store *st, sqlite3_stmt *s, const struct kh_row_shape *shape,
		    int64_t mark_id, struct kh_strbuf *mark, struct kh_strbuf *out, int64_t *rows,
		    struct kh_error *err)
{
	int rc = kh_strbuf_addch(out, '['), step;

	*rows = 0;
	while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW) {
		(*rows)++;
		size_t start;
		int64_t id = 0;

		rc = kh_json_put_comma(out);
		start = out->len;
		if (rc == 0)
			rc = put_row(out, s, shape, &id);
		if (rc == 0 && mark && mark_id && id == mark_id) {
			kh_strbuf_reset(mark);
			rc = kh_strbuf_add(mark, out->buf + start, out->len - start);
		}
	}
	sqlite3_reset(s);
	if (rc)
		return out_of_room(rc, err);
	if (step != SQLITE_DONE)
		return kh_store_fail(st, err);
	return (rc = kh_strbuf_addch(out, ']')) ? out_of_room(rc, err) : 0;
}

/* The one row of s (bound) as an object; no row: null with null_if_none,
 * else KH_ENOTFOUND (err not set: the caller names what is missing). s is
 * reset. */
static int put_one(struct kh_store *st, sqlite3_stmt *s, const struct kh_row_shape *shape,
		   bool null_if_none, struct kh_strbuf *out, struct kh_error *err)
{
	int step = sqlite3_step(s), rc = 0;

	if (step == SQLITE_ROW)
		rc = put_row(out, s, shape, NULL);
	else if (step == SQLITE_DONE && null_if_none)
		rc = kh_strbuf_adds(out, "null");
	sqlite3_reset(s);
	if (rc)
		return out_of_room(rc, err);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return kh_store_fail(st, err);
	return step == SQLITE_DONE && !null_if_none ? KH_ENOTFOUND : 0;
}

int kh_store_customer_json(struct kh_store *st, int64_t id, const struct kh_row_shape *shape,
			   struct kh_strbuf *out, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT * FROM customers WHERE id=?", err);
	int rc;

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, id);
	rc = put_one(st, s, shape, false, out, err);
	if (rc == KH_ENOTFOUND)
		return kh_error_set(err, rc, "id", "no customer with id %lld", (long long)id);
	return rc;
}

int kh_store_metrics_json(struct kh_store *st, int64_t customer_id,
			  const struct kh_row_shape *shape, struct kh_strbuf *out,
			  struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT * FROM customer_metrics WHERE customer_id=?",
					err);

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, customer_id);
	return put_one(st, s, shape, true, out, err);
}

/* The count and page statements of each child, as kh_store_list would
 * prepare them for the view (live rows of one customer, its sort). */
static const struct {
	const char *count, *page;
} child_sql[KH_VIEW_CHILD_COUNT] = {
	[KH_VIEW_CONTACTS] = {
		"SELECT count(*) FROM contacts WHERE deleted_at IS NULL AND customer_id=?",
		"SELECT * FROM contacts WHERE deleted_at IS NULL AND customer_id=?"
		" ORDER BY id ASC LIMIT ?"},
	[KH_VIEW_ACTIVITIES] = {
		"SELECT count(*) FROM activities WHERE deleted_at IS NULL AND customer_id=?",
		"SELECT * FROM activities WHERE deleted_at IS NULL AND customer_id=?"
		" ORDER BY activity_date DESC, id DESC LIMIT ?"},
	[KH_VIEW_OPPORTUNITIES] = {
		"SELECT count(*) FROM opportunities WHERE deleted_at IS NULL AND customer_id=?",
		"SELECT * FROM opportunities WHERE deleted_at IS NULL AND customer_id=?"
		" ORDER BY updated_at DESC, id DESC LIMIT ?"},
	[KH_VIEW_IMPORTANT_DATES] = {
		"SELECT count(*) FROM important_dates WHERE deleted_at IS NULL AND customer_id=?",
		"SELECT * FROM important_dates WHERE deleted_at IS NULL AND customer_id=?"
		" ORDER BY id ASC LIMIT ?"},
	[KH_VIEW_COMPETITORS] = {
		"SELECT count(*) FROM competitors WHERE deleted_at IS NULL AND customer_id=?",
		"SELECT * FROM competitors WHERE deleted_at IS NULL AND customer_id=?"
		" ORDER BY id ASC LIMIT ?"},
};

static int count_rows(struct kh_store *st, const char *sql, int64_t customer_id, int64_t *total,
		      struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, sql, err);
	int step;

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, customer_id);
	step = sqlite3_step(s);
	*total = step == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return step == SQLITE_ROW ? 0 : kh_store_fail(st, err);
}

int kh_store_children_json(struct kh_store *st, enum kh_view_child which, int64_t customer_id,
			   int64_t limit, const struct kh_row_shape *shape, int64_t mark_id,
			   struct kh_strbuf *mark, struct kh_strbuf *out, int64_t *total,
			   struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, child_sql[which].page, err);
	int rc;

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, customer_id);
	sqlite3_bind_int64(s, 2, limit);
	if ((rc = put_rows(st, s, shape, mark_id, mark, out, total, err)))
		return rc;
	/* Only a full page may have more rows behind it (same snapshot). */
	return *total < limit ? 0 : count_rows(st, child_sql[which].count, customer_id, total, err);
}

/* The lines of one order inside the text of all lines. */
struct line_span {
	int64_t order_id;
	size_t start, end;
};

/* The lines of the orders of one page, each order's as one span of text. */
struct order_lines {
	struct kh_strbuf text;
	struct line_span *spans;
	size_t n, cap;
};

/* Note that the text from start on is a line (with its leading comma) of
 * order_id: the lines come in order_id order, so an order's are one span. */
static int add_line(struct order_lines *ol, int64_t order_id, size_t start)
{
	if (ol->n && ol->spans[ol->n - 1].order_id == order_id) {
		ol->spans[ol->n - 1].end = ol->text.len;
		return 0;
	}
	if (ol->n == ol->cap) {
		size_t cap = ol->cap ? ol->cap * 2 : 64;
		struct line_span *grown = realloc(ol->spans, cap * sizeof(*grown));

		if (!grown)
			return KH_ENOMEM;
		ol->spans = grown;
		ol->cap = cap;
	}
	ol->spans[ol->n++] = (struct line_span){order_id, start, ol->text.len};
	return 0;
}

static int read_lines(struct kh_store *st, int64_t customer_id, int64_t limit,
		      const struct kh_row_shape *line_shape, struct order_lines *ol,
		      struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(
		st, "SELECT l.order_id, l.id, l.product_id, p.name AS product_name, l.quantity,"
		    " l.unit_price_fen, l.amount_fen, l.cost_fen"
		    " FROM order_lines l JOIN products p ON p.id = l.product_id"
		    " WHERE l.order_id IN (SELECT id FROM orders WHERE deleted_at IS NULL"
		    " AND customer_id=? ORDER BY order_date DESC, id DESC LIMIT ?)"
		    " ORDER BY l.order_id, l.id", err);
	int rc = 0, step;

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, customer_id);
	sqlite3_bind_int64(s, 2, limit);
	while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t order_id = sqlite3_column_int64(s, 0);
		size_t start = ol->text.len;

		if (ol->n && ol->spans[ol->n - 1].order_id == order_id)
			rc = kh_strbuf_addch(&ol->text, ',');
		if (rc == 0)
			rc = put_row(&ol->text, s, line_shape, NULL);
		if (rc == 0)
			rc = add_line(ol, order_id, start);
	}
	sqlite3_reset(s);
	if (rc)
		return out_of_room(rc, err);
	return step == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}

static const struct line_span *span_of(const struct order_lines *ol, int64_t order_id)
{
	for (size_t i = 0; i < ol->n; i++)
		if (ol->spans[i].order_id == order_id)
			return &ol->spans[i];
	return NULL;
}

/* Every order row of s, each closed with its "lines", *rows of them. */
static int put_orders(struct kh_store *st, sqlite3_stmt *s, const struct kh_row_shape *shape,
		      const struct order_lines *ol, struct kh_strbuf *out, int64_t *rows,
		      struct kh_error *err)
{
	int rc = kh_strbuf_addch(out, '['), step;

	*rows = 0;
	while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW) {
		const struct line_span *span;
		int64_t id = 0;

		(*rows)++;
		if ((rc = kh_json_put_comma(out)) || (rc = kh_strbuf_addch(out, '{')) ||
		    (rc = put_members(out, s, shape, &id)) || (rc = kh_json_put_comma(out)) ||
		    (rc = kh_strbuf_adds(out, "\"lines\":[")))
			break;
		span = span_of(ol, id);
		if (span)
			rc = kh_strbuf_add(out, ol->text.buf + span->start, span->end - span->start);
		if (rc == 0)
			rc = kh_strbuf_adds(out, "]}");
	}
	sqlite3_reset(s);
	if (rc)
		return out_of_room(rc, err);
	if (step != SQLITE_DONE)
		return kh_store_fail(st, err);
	return (rc = kh_strbuf_addch(out, ']')) ? out_of_room(rc, err) : 0;
}

int kh_store_orders_json(struct kh_store *st, int64_t customer_id, int64_t limit,
			 const struct kh_row_shape *shape, const struct kh_row_shape *line_shape,
			 struct kh_strbuf *out, int64_t *total, struct kh_error *err)
{
	struct order_lines ol = {.spans = NULL};
	sqlite3_stmt *s;
	int rc;

	kh_strbuf_init(&ol.text, 0);
	if ((rc = read_lines(st, customer_id, limit, line_shape, &ol, err)))
		goto out;
	s = kh_store_stmt(st, "SELECT * FROM orders WHERE deleted_at IS NULL AND customer_id=?"
			      " ORDER BY order_date DESC, id DESC LIMIT ?", err);
	if (!s) {
		rc = KH_EDB;
		goto out;
	}
	sqlite3_bind_int64(s, 1, customer_id);
	sqlite3_bind_int64(s, 2, limit);
	if ((rc = put_orders(st, s, shape, &ol, out, total, err)) == 0 && *total == limit)
		rc = count_rows(st, "SELECT count(*) FROM orders WHERE deleted_at IS NULL"
				    " AND customer_id=?", customer_id, total, err);
out:
	kh_strbuf_release(&ol.text);
	free(ol.spans);
	return rc;
}

int kh_store_products_bought_json(struct kh_store *st, int64_t customer_id,
				  const struct kh_row_shape *shape, struct kh_strbuf *out,
				  struct kh_error *err)
{
	int64_t rows;
	sqlite3_stmt *s = kh_store_stmt(
		st, "SELECT p.id, p.code, p.name, p.category, sum(l.quantity) AS quantity,"
		    " sum(l.amount_fen) AS amount_fen, count(DISTINCT o.id) AS orders,"
		    " max(o.order_date) AS last_bought"
		    " FROM orders o JOIN order_lines l ON l.order_id = o.id"
		    " JOIN products p ON p.id = l.product_id"
		    " WHERE o.customer_id = ? AND o.deleted_at IS NULL AND o.status != 'cancelled'"
		    " GROUP BY p.id ORDER BY amount_fen DESC", err);

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, customer_id);
	return put_rows(st, s, shape, 0, NULL, out, &rows, err);
}
