/*
 * rows.c: generic insert, update, get and list over one table, for the
 * service layer's registry-driven entities. Identifiers come from static
 * tables of the service layer and are checked here once more; every value is
 * bound.
 */
#include "store/store.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/parse.h"
#include "base/strbuf.h"
#include "base/utf8.h"
#include "store/scope.h"
#include "base/banned.h"

static bool is_identifier(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

int kh_store_bind_json(sqlite3_stmt *s, int idx, json_t *v)
{
	char *text;
	int rc;

	switch (json_typeof(v)) {
	case JSON_STRING:
		return sqlite3_bind_text(s, idx, json_string_value(v), (int)json_string_length(v),
					 SQLITE_TRANSIENT);
	case JSON_INTEGER:
		return sqlite3_bind_int64(s, idx, json_integer_value(v));
	case JSON_REAL:
		return sqlite3_bind_double(s, idx, json_real_value(v));
	case JSON_TRUE:
		return sqlite3_bind_int(s, idx, 1);
	case JSON_FALSE:
		return sqlite3_bind_int(s, idx, 0);
	case JSON_NULL:
		return sqlite3_bind_null(s, idx);
	default:
		text = json_dumps(v, JSON_COMPACT);
		if (!text)
			return SQLITE_NOMEM;
		rc = sqlite3_bind_text(s, idx, text, -1, free);
		return rc;
	}
}

/* Text as stored, or (written outside kehu: a BLOB, invalid UTF-8, control
 * characters) with the bad bytes shown as U+FFFD, so a damaged record can
 * still be read, fixed and indexed instead of crashing whoever reads it. */
json_t *kh_store_text_json(const void *bytes, size_t len)
{
	struct kh_strbuf fixed;
	json_t *v;

	if (!bytes)
		return json_string("");
	if (kh_utf8_valid(bytes, len))
		return json_stringn_nocheck(bytes, len);
	kh_strbuf_init(&fixed, 0);
	v = kh_utf8_repair(bytes, len, &fixed) == 0 ? json_stringn(fixed.buf, fixed.len) : NULL;
	kh_strbuf_release(&fixed);
	return v;
}

char *kh_store_column_strdup(sqlite3_stmt *s, int col)
{
	struct kh_strbuf text;
	const void *bytes = sqlite3_column_blob(s, col);

	kh_strbuf_init(&text, 0);
	if (kh_utf8_repair(bytes, (size_t)sqlite3_column_bytes(s, col), &text)) {
		kh_strbuf_release(&text);
		return NULL;
	}
	return kh_strbuf_detach(&text, NULL);
}

void kh_store_column_copy(sqlite3_stmt *s, int col, char *dst, size_t size)
{
	char *text = kh_store_column_strdup(s, col);
	size_t len = text ? strlen(text) : 0;

	if (len >= size) {
		len = size - 1;
		while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
			len--;
	}
	if (len)
		memcpy(dst, text, len);
	dst[len] = '\0';
	free(text);
}

/* A column declared JSON: the object it holds, or {} for anything else. */
static json_t *json_column(const void *bytes, size_t len)
{
	json_t *v = bytes ? json_loadb(bytes, len, 0, NULL) : NULL;

	return v ? v : json_object();
}

json_t *kh_store_row_json(sqlite3_stmt *s)
{
	json_t *row = json_object();
	int i, n = sqlite3_column_count(s);

	if (!row)
		return NULL;
	for (i = 0; i < n; i++) {
		const char *name = sqlite3_column_name(s, i);
		const char *decl = sqlite3_column_decltype(s, i);
		bool is_json = decl && strcmp(decl, "JSON") == 0;
		const void *bytes;
		json_t *v;

		switch (sqlite3_column_type(s, i)) {
		case SQLITE_INTEGER:
			v = json_integer(sqlite3_column_int64(s, i));
			break;
		case SQLITE_FLOAT:
			v = json_real(sqlite3_column_double(s, i));
			break;
		case SQLITE_TEXT:
		case SQLITE_BLOB:
			/* text or blob pointer first, then the byte count (SQLite's rule) */
			bytes = sqlite3_column_type(s, i) == SQLITE_TEXT
					? (const void *)sqlite3_column_text(s, i)
					: sqlite3_column_blob(s, i);
			v = is_json ? json_column(bytes, (size_t)sqlite3_column_bytes(s, i))
				    : kh_store_text_json(bytes, (size_t)sqlite3_column_bytes(s, i));
			break;
		case SQLITE_NULL:
		default:
			v = json_null();
			break;
		}
		json_object_set_new(row, name, v ? v : json_null());
	}
	return row;
}

int kh_store_rows_json(struct kh_store *st, sqlite3_stmt *s, json_t **out,
		       struct kh_error *err)
{
	json_t *arr = json_array();
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(arr, kh_store_row_json(s));
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		json_decref(arr);
		return kh_store_fail(st, err);
	}
	*out = arr;
	return 0;
}

static int step_done(struct kh_store *st, sqlite3_stmt *s, struct kh_error *err)
{
	int rc = sqlite3_step(s);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return kh_store_fail(st, err);
	return 0;
}

int kh_store_insert(struct kh_store *st, const char *table, json_t *values, int64_t *id,
		    struct kh_error *err)
{
	struct kh_strbuf sql;
	const char *key;
	json_t *v;
	sqlite3_stmt *s;
	char now[21];
	int idx = 1, rc;
	bool has_created = json_object_get(values, "created_at") != NULL;

	assert(is_identifier(table));
	kh_now_iso(now);
	kh_strbuf_init(&sql, 0);
	kh_strbuf_adds(&sql, "INSERT INTO ");
	kh_strbuf_adds(&sql, table);
	kh_strbuf_adds(&sql, " (");
	json_object_foreach(values, key, v) {
		assert(is_identifier(key));
		kh_strbuf_adds(&sql, key);
		kh_strbuf_addch(&sql, ',');
	}
	if (!has_created)
		kh_strbuf_adds(&sql, "created_at,updated_at,");
	kh_strbuf_setlen(&sql, sql.len - 1);
	kh_strbuf_adds(&sql, ") VALUES (");
	for (size_t i = 0; i < json_object_size(values) + (has_created ? 0 : 2); i++)
		kh_strbuf_adds(&sql, i ? ",?" : "?");
	kh_strbuf_addch(&sql, ')');

	s = kh_store_stmt_dyn(st, sql.buf, err);
	kh_strbuf_release(&sql);
	if (!s)
		return KH_EDB;
	json_object_foreach(values, key, v)
		kh_store_bind_json(s, idx++, v);
	if (!has_created) {
		sqlite3_bind_text(s, idx++, now, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, idx++, now, -1, SQLITE_TRANSIENT);
	}
	rc = step_done(st, s, err);
	sqlite3_reset(s);
	if (rc)
		return rc;
	*id = sqlite3_last_insert_rowid(sqlite3_db_handle(s));
	return 0;
}

int kh_store_update(struct kh_store *st, const char *table, int64_t id, json_t *values,
		    struct kh_error *err)
{
	struct kh_strbuf sql;
	const char *key;
	json_t *v;
	sqlite3_stmt *s;
	char now[21];
	int idx = 1, rc;

	assert(is_identifier(table));
	kh_now_iso(now);
	kh_strbuf_init(&sql, 0);
	kh_strbuf_adds(&sql, "UPDATE ");
	kh_strbuf_adds(&sql, table);
	kh_strbuf_adds(&sql, " SET ");
	json_object_foreach(values, key, v) {
		assert(is_identifier(key));
		kh_strbuf_adds(&sql, key);
		kh_strbuf_adds(&sql, "=?,");
	}
	kh_strbuf_adds(&sql, "updated_at=? WHERE id=?");
	s = kh_store_stmt_dyn(st, sql.buf, err);
	kh_strbuf_release(&sql);
	if (!s)
		return KH_EDB;
	json_object_foreach(values, key, v)
		kh_store_bind_json(s, idx++, v);
	sqlite3_bind_text(s, idx++, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, idx, id);
	rc = step_done(st, s, err);
	sqlite3_reset(s);
	if (rc)
		return rc;
	if (sqlite3_changes(sqlite3_db_handle(s)) == 0)
		return kh_error_set(err, KH_ENOTFOUND, "id", "no %s with id %lld", table,
				    (long long)id);
	return 0;
}

int kh_store_get(struct kh_store *st, const char *table, int64_t id, json_t **row,
		 struct kh_error *err)
{
	struct kh_strbuf sql;
	sqlite3_stmt *s;
	int rc;

	assert(is_identifier(table));
	kh_strbuf_init(&sql, 0);
	kh_strbuf_adds(&sql, "SELECT * FROM ");
	kh_strbuf_adds(&sql, table);
	kh_strbuf_adds(&sql, " WHERE id=?");
	s = kh_store_stmt_dyn(st, sql.buf, err);
	kh_strbuf_release(&sql);
	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*row = kh_store_row_json(s);
		sqlite3_reset(s);
		return *row ? 0 : kh_error_set(err, KH_ENOMEM, "", "out of memory");
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return kh_store_fail(st, err);
	return kh_error_set(err, KH_ENOTFOUND, "id", "no %s with id %lld", table, (long long)id);
}

/* A column of the listed table (t), or with join_metrics one of
 * customer_metrics (m.column). */
static bool is_column(const struct kh_store_query *q, const char *s)
{
	if (q->join_metrics && strncmp(s, "m.", 2) == 0)
		return is_identifier(s + 2);
	return is_identifier(s);
}

/* Append column qualified by its table alias: t. unless it names m. */
static void add_column(struct kh_strbuf *sql, const char *column)
{
	if (strncmp(column, "m.", 2))
		kh_strbuf_adds(sql, "t.");
	kh_strbuf_adds(sql, column);
}

/* The compact metrics of a listed customer, selected as m__<column>. */
static const char *const metric_columns[] = {
	"abc_class", "grid_tier", "lifecycle", "loyalty", "p_alive", "clv_fen",
	"revenue_12m_fen", "last_order", "last_contact",
};

static bool op_allowed(const char *op)
{
	static const char *const ops[] = {"=", "<", ">", "<=", ">=", "!=", "in_ids"};

	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strcmp(op, ops[i]) == 0)
			return true;
	return false;
}

/* The level of the listed row's customer (scope.h), 3 for a row without one.
 * Columns of the listed table are qualified (t.), since a list may join
 * another table. */
static void add_level(struct kh_strbuf *sql, const struct kh_scope *sc)
{
	assert(is_identifier(sc->customer_column));
	if (strcmp(sc->customer_column, "id") == 0) {
		kh_strbuf_adds(sql, KH_SCOPE_LEVEL("t"));
		return;
	}
	kh_strbuf_adds(sql, "coalesce((SELECT " KH_SCOPE_LEVEL("lc")
			    " FROM customers lc WHERE lc.id = t.");
	kh_strbuf_adds(sql, sc->customer_column);
	kh_strbuf_adds(sql, "), 3)");
}

/* The rows the scope sees: their customer is visible (scope.h), or they have
 * none and their user_column names one of the scope's owners. */
static void add_visible(struct kh_strbuf *sql, const struct kh_scope *sc)
{
	assert(is_identifier(sc->customer_column));
	assert(!sc->user_column || is_identifier(sc->user_column));
	if (strcmp(sc->customer_column, "id") == 0) {
		kh_strbuf_adds(sql, " AND " KH_SCOPE_VISIBLE("t"));
		return;
	}
	kh_strbuf_adds(sql, " AND (");
	add_column(sql, sc->customer_column);
	kh_strbuf_adds(sql, " IN (SELECT c.id FROM customers c WHERE c.deleted_at IS NULL AND "
			    KH_SCOPE_VISIBLE("c") ")");
	if (sc->user_column) {
		kh_strbuf_adds(sql, " OR (");
		add_column(sql, sc->customer_column);
		kh_strbuf_adds(sql, " IS NULL AND ");
		add_column(sql, sc->user_column);
		kh_strbuf_adds(sql, " IN (SELECT value FROM json_each(:scope_owners)))");
	}
	kh_strbuf_addch(sql, ')');
}

/* Does a filter of q need a metrics value (not "none")? Then customers
 * without metrics cannot match, and the inner join lets the planner start
 * from the metrics index of that filter. */
static bool filters_metrics(const struct kh_store_query *q)
{
	for (size_t i = 0; i < q->nfilters; i++)
		if (strncmp(q->filters[i].column, "m.", 2) == 0 &&
		    !json_is_null(q->filters[i].value))
			return true;
	return false;
}

/* Appends the FROM and WHERE clauses of q to sql. Every parameter is named
 * (:f0.. for the filters), so the scope's may stand anywhere. */
static void add_where(struct kh_strbuf *sql, const struct kh_store_query *q)
{
	kh_strbuf_adds(sql, " FROM ");
	kh_strbuf_adds(sql, q->table);
	kh_strbuf_adds(sql, " t");
	if (q->join_metrics) {
		kh_strbuf_adds(sql, filters_metrics(q) ? " JOIN" : " LEFT JOIN");
		kh_strbuf_adds(sql, " customer_metrics m ON m.customer_id=t.id");
	}
	kh_strbuf_adds(sql, " WHERE 1=1");
	if (!q->include_deleted)
		kh_strbuf_adds(sql, " AND t.deleted_at IS NULL");
	if (q->scope && !q->scope->all)
		add_visible(sql, q->scope);
	if (q->scope && q->min_level > 1) {
		kh_strbuf_adds(sql, " AND ");
		add_level(sql, q->scope);
		kh_strbuf_adds(sql, " >= :min_level");
	}
	for (size_t i = 0; i < q->nfilters; i++) {
		const struct kh_store_filter *f = &q->filters[i];

		assert(is_column(q, f->column) && op_allowed(f->op));
		kh_strbuf_adds(sql, " AND ");
		add_column(sql, f->column);
		if (strcmp(f->op, "in_ids") == 0) {
			kh_strbuf_addf(sql, " IN (SELECT value FROM json_each(:f%zu))", i);
		} else if (json_is_null(f->value)) {
			kh_strbuf_adds(sql, strcmp(f->op, "!=") ? " IS NULL" : " IS NOT NULL");
		} else {
			kh_strbuf_adds(sql, f->op);
			kh_strbuf_addf(sql, ":f%zu", i);
		}
	}
	/* The same range scan of the search index as kh_store_search_prefix. */
	if (q->search_prefix)
		kh_strbuf_adds(sql, " AND t.id IN (SELECT id FROM search_keys WHERE kind=1"
				    " AND key >= :prefix AND key < :prefix || char(1114111))");
}

static void bind_named_int(sqlite3_stmt *s, const char *name, int64_t v)
{
	int idx = sqlite3_bind_parameter_index(s, name);

	if (idx)
		sqlite3_bind_int64(s, idx, v);
}

static void bind_filters(sqlite3_stmt *s, const struct kh_store_query *q)
{
	char name[24];
	int idx;

	kh_store_scope_bind(s, q->scope);
	bind_named_int(s, ":min_level", q->min_level);
	for (size_t i = 0; i < q->nfilters; i++) {
		snprintf(name, sizeof(name), ":f%zu", i);
		if ((idx = sqlite3_bind_parameter_index(s, name)))
			kh_store_bind_json(s, idx, q->filters[i].value);
	}
	if (q->search_prefix && (idx = sqlite3_bind_parameter_index(s, ":prefix")))
		sqlite3_bind_text(s, idx, q->search_prefix, -1, SQLITE_STATIC);
}

/* Move the m__ columns of a listed customer into row["metrics"] (null when
 * the customer has no metrics row yet). */
static void nest_metrics(json_t *row)
{
	json_t *m = json_object();
	bool present = !json_is_null(json_object_get(row, "m__customer_id"));
	char key[40];

	for (size_t i = 0; i < sizeof(metric_columns) / sizeof(metric_columns[0]); i++) {
		snprintf(key, sizeof(key), "m__%s", metric_columns[i]);
		json_object_set(m, metric_columns[i], json_object_get(row, key));
		json_object_del(row, key);
	}
	json_object_del(row, "m__customer_id");
	json_object_set_new(row, "metrics", present ? m : json_null());
	if (!present)
		json_decref(m);
}

/* The count of q's rows, as kh_store_list prepares it. */
static void add_count_sql(struct kh_strbuf *sql, const struct kh_store_query *q)
{
	kh_strbuf_adds(sql, "SELECT count(*)");
	add_where(sql, q);
}

/* The ORDER BY of q. The tie-break on id runs in the sort's direction, so
 * one index on the sorted column (which holds the rowid last) serves both
 * directions without a temporary sort; a metrics sort, which no index
 * serves, keeps equal values in id order. */
static void add_order(struct kh_strbuf *sql, const struct kh_store_query *q)
{
	bool metric = q->sort && strncmp(q->sort, "m.", 2) == 0;

	kh_strbuf_adds(sql, " ORDER BY ");
	if (metric) {
		/* Customers not analysed yet go last, whichever the direction. */
		kh_strbuf_adds(sql, q->sort);
		kh_strbuf_adds(sql, " IS NULL, ");
	}
	add_column(sql, q->sort ? q->sort : "id");
	kh_strbuf_adds(sql, q->descending ? " DESC" : " ASC");
	if (q->sort && strcmp(q->sort, "id"))
		kh_strbuf_adds(sql, q->descending && !metric ? ", t.id DESC" : ", t.id ASC");
}

/* One page of q's rows, as kh_store_list prepares it. */
static void add_page_sql(struct kh_strbuf *sql, const struct kh_store_query *q)
{
	kh_strbuf_adds(sql, "SELECT t.*");
	if (q->join_metrics) {
		kh_strbuf_adds(sql, ", m.customer_id AS m__customer_id");
		for (size_t i = 0; i < sizeof(metric_columns) / sizeof(metric_columns[0]); i++) {
			kh_strbuf_adds(sql, ", m.");
			kh_strbuf_adds(sql, metric_columns[i]);
			kh_strbuf_adds(sql, " AS m__");
			kh_strbuf_adds(sql, metric_columns[i]);
		}
	}
	if (q->with_customer_name)
		kh_strbuf_adds(sql, ", (SELECT cn.name FROM customers cn WHERE cn.id=t.customer_id)"
				    " AS customer_name");
	if (q->scope) {
		kh_strbuf_adds(sql, ", ");
		add_level(sql, q->scope);
		kh_strbuf_adds(sql, " AS kh__level");
	}
	add_where(sql, q);
	add_order(sql, q);
	kh_strbuf_adds(sql, " LIMIT :limit OFFSET :offset");
}

static void check_query(const struct kh_store_query *q)
{
	assert(is_identifier(q->table));
	assert(!q->sort || is_column(q, q->sort));
	assert(!(q->join_metrics || q->search_prefix) || strcmp(q->table, "customers") == 0);
	(void)q;
}

char *kh_store_list_sql(const struct kh_store_query *q, bool count)
{
	struct kh_strbuf sql;

	check_query(q);
	kh_strbuf_init(&sql, 0);
	if (count)
		add_count_sql(&sql, q);
	else
		add_page_sql(&sql, q);
	return kh_strbuf_detach(&sql, NULL);
}

int kh_store_list(struct kh_store *st, const struct kh_store_query *q, json_t **rows,
		  int64_t *total, struct kh_error *err)
{
	struct kh_strbuf sql;
	sqlite3_stmt *s;
	json_t *arr = NULL;
	int rc = KH_EDB;

	check_query(q);
	kh_strbuf_init(&sql, 0);
	add_count_sql(&sql, q);
	s = kh_store_stmt_dyn(st, sql.buf, err);
	if (!s)
		goto out;
	bind_filters(s, q);
	if (sqlite3_step(s) != SQLITE_ROW) {
		rc = kh_store_fail(st, err);
		sqlite3_reset(s);
		goto out;
	}
	*total = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);

	kh_strbuf_reset(&sql);
	add_page_sql(&sql, q);
	s = kh_store_stmt_dyn(st, sql.buf, err);
	if (!s)
		goto out;
	bind_filters(s, q);
	bind_named_int(s, ":limit", q->limit);
	bind_named_int(s, ":offset", q->offset);
	arr = json_array();
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		json_t *row = kh_store_row_json(s);

		if (row && q->join_metrics)
			nest_metrics(row);
		json_array_append_new(arr, row);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		rc = kh_store_fail(st, err);
		json_decref(arr);
		goto out;
	}
	*rows = arr;
	rc = 0;
out:
	kh_strbuf_release(&sql);
	return rc;
}

int kh_store_list_below_level(struct kh_store *st, const struct kh_store_query *q, int level,
			      bool *found, struct kh_error *err)
{
	struct kh_strbuf sql;
	sqlite3_stmt *s;
	int rc;

	assert(q->scope && is_identifier(q->table));
	kh_strbuf_init(&sql, 0);
	kh_strbuf_adds(&sql, "SELECT 1");
	add_where(&sql, q);
	kh_strbuf_adds(&sql, " AND ");
	add_level(&sql, q->scope);
	kh_strbuf_adds(&sql, " < :below LIMIT 1");
	s = kh_store_stmt_dyn(st, sql.buf, err);
	kh_strbuf_release(&sql);
	if (!s)
		return KH_EDB;
	bind_filters(s, q);
	bind_named_int(s, ":below", level);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return kh_store_fail(st, err);
	*found = rc == SQLITE_ROW;
	return 0;
}
