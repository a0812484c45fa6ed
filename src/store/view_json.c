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

/* The members of columns [from, to) of the current row of s (no braces);
 * *id receives its "id" column when it has one. */
static int put_members(struct kh_strbuf *sb, sqlite3_stmt *s, const struct kh_row_shape *shape,
		       int from, int to, int64_t *id)
{
	int rc = 0;
	size_t cursor = 0;

	for (int i = from; i < to && rc == 0; i++) {
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
		rc = put_members(sb, s, shape, 0, sqlite3_column_count(s), id);
	return rc ? rc : kh_strbuf_addch(sb, '}');
}

static int out_of_room(int rc, struct kh_error *err)
{
	if (rc == KH_ELIMIT)
		return kh_error_set(err, rc, "", "the answer is too large");
	return kh_error_set(err, rc, "", "out of memory");
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

/* A product the customer bought: kh_store_products_bought's row, summed
 * in C from the same pass over the orders that writes them. */
struct bought {
	int64_t product_id, quantity, amount, orders, last_order;
	size_t head, head_len; /* "id":..,"code":..,"name":..,"category":.. in text */
	size_t date, date_len; /* the latest order_date in text (raw bytes) */
};

struct bought_set {
	struct bought *items;
	size_t n, cap;
	struct kh_strbuf text;
};

/* Where the columns of an order row of the orders statement are. */
struct order_cols {
	int order_end;         /* columns [0, order_end) are the order's */
	int id, date, status;  /* the order's id, order_date, status */
};

/* The orders statement: each live order (newest first) with its lines and
 * their products; an order without lines has one row of NULL line columns.
 * The line columns follow the order's, named as kh_store_order_lines_of
 * names them, then the product's code and category. */
#define LINE_COLUMNS 7
#define ORDERS_SQL                                                                         \
	"SELECT o.*, l.id, l.product_id, p.name AS product_name, l.quantity,"                \
	" l.unit_price_fen, l.amount_fen, l.cost_fen, p.code, p.category"                    \
	" FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id"                       \
	" LEFT JOIN products p ON p.id = l.product_id"                                      \
	" WHERE o.customer_id = ? AND o.deleted_at IS NULL"                                 \
	" ORDER BY o.order_date DESC, o.id DESC, l.id ASC"

static void find_order_cols(sqlite3_stmt *s, struct order_cols *oc)
{
	oc->order_end = sqlite3_column_count(s) - LINE_COLUMNS - 2;
	oc->id = oc->date = oc->status = 0;
	for (int i = 0; i < oc->order_end; i++) {
		const char *name = sqlite3_column_name(s, i);

		if (strcmp(name, "id") == 0)
			oc->id = i;
		else if (strcmp(name, "order_date") == 0)
			oc->date = i;
		else if (strcmp(name, "status") == 0)
			oc->status = i;
	}
}

static struct bought *bought_find(struct bought_set *bs, int64_t product_id)
{
	for (size_t i = 0; i < bs->n; i++)
		if (bs->items[i].product_id == product_id)
			return &bs->items[i];
	return NULL;
}

/* A product first seen: its fixed members written once. */
static int bought_add(struct bought_set *bs, sqlite3_stmt *s, int line, struct bought **out)
{
	struct bought *b;
	int rc;

	if (bs->n == bs->cap) {
		size_t cap = bs->cap ? bs->cap * 2 : 32;
		struct bought *grown = realloc(bs->items, cap * sizeof(*grown));

		if (!grown)
			return KH_ENOMEM;
		bs->items = grown;
		bs->cap = cap;
	}
	b = &bs->items[bs->n];
	memset(b, 0, sizeof(*b));
	b->product_id = sqlite3_column_int64(s, line + 1);
	b->head = bs->text.len;
	if ((rc = kh_strbuf_adds(&bs->text, "\"id\":")) ||
	    (rc = kh_json_put_int(&bs->text, b->product_id)) ||
	    (rc = kh_strbuf_adds(&bs->text, ",\"code\":")) ||
	    (rc = put_value(&bs->text, s, line + LINE_COLUMNS, KH_COL_PLAIN)) ||
	    (rc = kh_strbuf_adds(&bs->text, ",\"name\":")) ||
	    (rc = put_value(&bs->text, s, line + 2, KH_COL_PLAIN)) ||
	    (rc = kh_strbuf_adds(&bs->text, ",\"category\":")) ||
	    (rc = put_value(&bs->text, s, line + LINE_COLUMNS + 1, KH_COL_PLAIN)))
		return rc;
	b->head_len = bs->text.len - b->head;
	bs->n++;
	*out = b;
	return 0;
}

/* Count one line of a live, not cancelled order into what was bought. */
static int bought_line(struct bought_set *bs, sqlite3_stmt *s, const struct order_cols *oc)
{
	int line = oc->order_end;
	struct bought *b = bought_find(bs, sqlite3_column_int64(s, line + 1));
	const char *date = (const char *)sqlite3_column_text(s, oc->date);
	size_t date_len = (size_t)sqlite3_column_bytes(s, oc->date);
	int64_t order_id = sqlite3_column_int64(s, oc->id);
	int rc;

	if (!b && (rc = bought_add(bs, s, line, &b)))
		return rc;
	b->quantity += sqlite3_column_int64(s, line + 3);
	b->amount += sqlite3_column_int64(s, line + 5);
	if (b->last_order != order_id) {
		b->orders++;
		b->last_order = order_id;
	}
	/* max(order_date): the text's bytes compared, as SQLite's BINARY. */
	if (date && (!b->date_len || memcmp(date, bs->text.buf + b->date,
					     date_len < b->date_len ? date_len : b->date_len) > 0 ||
		     (date_len > b->date_len &&
		      memcmp(date, bs->text.buf + b->date, b->date_len) == 0))) {
		b->date = bs->text.len;
		b->date_len = date_len;
		return kh_strbuf_add(&bs->text, date, date_len);
	}
	return 0;
}

static int by_amount(const void *a, const void *b)
{
	const struct bought *x = a, *y = b;

	if (x->amount != y->amount)
		return x->amount > y->amount ? -1 : 1;
	return (x->product_id > y->product_id) - (x->product_id < y->product_id);
}

/* The products as kh_store_products_bought orders and names them. */
static int put_bought(struct bought_set *bs, struct kh_strbuf *out)
{
	int rc = kh_strbuf_addch(out, '[');

	if (bs->n)
		qsort(bs->items, bs->n, sizeof(*bs->items), by_amount);
	for (size_t i = 0; i < bs->n && rc == 0; i++) {
		const struct bought *b = &bs->items[i];

		if ((rc = kh_json_put_comma(out)) || (rc = kh_strbuf_addch(out, '{')) ||
		    (rc = kh_strbuf_add(out, bs->text.buf + b->head, b->head_len)) ||
		    (rc = kh_strbuf_adds(out, ",\"quantity\":")) ||
		    (rc = kh_json_put_int(out, b->quantity)) ||
		    (rc = kh_strbuf_adds(out, ",\"amount\":")) ||
		    (rc = kh_json_put_money(out, b->amount)) ||
		    (rc = kh_strbuf_adds(out, ",\"orders\":")) ||
		    (rc = kh_json_put_int(out, b->orders)) ||
		    (rc = kh_strbuf_adds(out, ",\"last_bought\":")))
			break;
		rc = kh_json_put_string(out, bs->text.buf + b->date, b->date_len);
		if (rc == 0)
			rc = kh_strbuf_addch(out, '}');
	}
	return rc ? rc : kh_strbuf_addch(out, ']');
}

/* Does the row's line count into what was bought: a line of a product
 * that exists, of an order that is not cancelled (o.status != 'cancelled',
 * which a NULL status fails too)? */
static bool bought_counts(sqlite3_stmt *s, const struct order_cols *oc)
{
	const unsigned char *status = sqlite3_column_text(s, oc->status);

	return sqlite3_column_type(s, oc->order_end) != SQLITE_NULL &&
	       sqlite3_column_type(s, oc->order_end + 2) != SQLITE_NULL && status &&
	       strcmp((const char *)status, "cancelled") != 0;
}

/* One row of the orders statement: a new order opens its object (while
 * fewer than limit are shown), a line joins the open order's "lines", and
 * counts into what was bought. *orders counts the orders seen. */
static int order_row(sqlite3_stmt *s, const struct order_cols *oc,
		     const struct kh_view_orders *vo, int64_t *current, int64_t *orders,
		     struct bought_set *bs, struct kh_strbuf *out)
{
	int64_t id = sqlite3_column_int64(s, oc->id);
	bool has_line = sqlite3_column_type(s, oc->order_end) != SQLITE_NULL;
	bool shown;
	int rc = 0;

	if (*orders == 0 || id != *current) {
		if (*orders > 0 && *orders <= vo->limit)
			rc = kh_strbuf_adds(out, "]}");
		*current = id;
		(*orders)++;
		if (rc == 0 && *orders <= vo->limit &&
		    ((rc = kh_json_put_comma(out)) || (rc = kh_strbuf_addch(out, '{')) ||
		     (rc = put_members(out, s, vo->order, 0, oc->order_end, NULL)) ||
		     (rc = kh_json_put_comma(out)) || (rc = kh_strbuf_adds(out, "\"lines\":["))))
			return rc;
	}
	shown = *orders <= vo->limit;
	if (rc == 0 && has_line && shown &&
	    ((rc = kh_json_put_comma(out)) || (rc = kh_strbuf_addch(out, '{')) ||
	     (rc = put_members(out, s, vo->line, oc->order_end, oc->order_end + LINE_COLUMNS,
			       NULL)) ||
	     (rc = kh_strbuf_addch(out, '}'))))
		return rc;
	return rc == 0 && bought_counts(s, oc) ? bought_line(bs, s, oc) : rc;
}

int kh_store_orders_json(struct kh_store *st, int64_t customer_id,
			 const struct kh_view_orders *vo, struct kh_strbuf *orders,
			 struct kh_strbuf *products, int64_t *total, struct kh_error *err)
{
	struct bought_set bs = {.items = NULL};
	struct order_cols oc;
	sqlite3_stmt *s = kh_store_stmt(st, ORDERS_SQL, err);
	int64_t current = 0;
	int rc, step;

	if (!s)
		return KH_EDB;
	*total = 0;
	kh_strbuf_init(&bs.text, 0);
	find_order_cols(s, &oc);
	sqlite3_bind_int64(s, 1, customer_id);
	rc = kh_strbuf_addch(orders, '[');
	while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW)
		rc = order_row(s, &oc, vo, &current, total, &bs, orders);
	sqlite3_reset(s);
	/* The last order shown is still open, unless more came after it. */
	if (rc == 0 && *total > 0 && *total <= vo->limit)
		rc = kh_strbuf_adds(orders, "]}");
	if (rc == 0)
		rc = kh_strbuf_addch(orders, ']');
	if (rc == 0)
		rc = put_bought(&bs, products);
	kh_strbuf_release(&bs.text);
	free(bs.items);
	if (rc)
		return out_of_room(rc, err);
	return step == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}
