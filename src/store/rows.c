/*
 * rows.c: generic insert, update and get over one table (lists: list.c), for the
 * service layer's registry-driven entities. Identifiers come from static
 * tables of the service layer and are checked here once more; every value is
 * bound. Also the readers every store module shares: rows into JSON, and
 * grouped integer rows into flat arrays.
 */
#include "store/store.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/parse.h"
#include "base/strbuf.h"
#include "base/utf8.h"
#include "store/sql.h"
#include "base/banned.h"

bool kh_store_is_identifier(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

void kh_store_bind_named_text(sqlite3_stmt *s, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(s, name);

	if (i && v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

void kh_store_bind_named_int(sqlite3_stmt *s, const char *name, int64_t v)
{
	int i = sqlite3_bind_parameter_index(s, name);

	if (i)
		sqlite3_bind_int64(s, i, v);
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

int kh_store_row_of(struct kh_store *st, sqlite3_stmt *s, json_t **row, struct kh_error *err)
{
	int rc = sqlite3_step(s);

	*row = NULL;
	if (rc == SQLITE_ROW && !(*row = kh_store_row_json(s)))
		rc = SQLITE_NOMEM;
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return KH_ENOTFOUND;
	return rc == SQLITE_NOMEM ? kh_error_set(err, KH_ENOMEM, "", "out of memory")
				  : kh_store_fail(st, err);
}

int kh_store_exec_stmt(struct kh_store *st, sqlite3_stmt *s, struct kh_error *err)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : kh_store_fail(st, err);
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

	assert(kh_store_is_identifier(table));
	kh_now_iso(now);
	kh_strbuf_init(&sql, 0);
	kh_strbuf_adds(&sql, "INSERT INTO ");
	kh_strbuf_adds(&sql, table);
	kh_strbuf_adds(&sql, " (");
	json_object_foreach(values, key, v) {
		assert(kh_store_is_identifier(key));
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

	assert(kh_store_is_identifier(table));
	kh_now_iso(now);
	kh_strbuf_init(&sql, 0);
	kh_strbuf_adds(&sql, "UPDATE ");
	kh_strbuf_adds(&sql, table);
	kh_strbuf_adds(&sql, " SET ");
	json_object_foreach(values, key, v) {
		assert(kh_store_is_identifier(key));
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

	assert(kh_store_is_identifier(table));
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

int kh_store_grow(void **v, size_t *cap, size_t count, size_t size)
{
	void *g;

	if (count < *cap)
		return 0;
	*cap = *cap ? *cap * 2 : 256;
	g = realloc(*v, *cap * size);
	if (!g)
		return KH_ENOMEM;
	*v = g;
	return 0;
}

/* Stores one integer column value into v[i], as an int32 or an int64. */
static void put_value(void *v, size_t i, size_t width, sqlite3_stmt *s, int col)
{
	if (width == sizeof(int32_t))
		((int32_t *)v)[i] = sqlite3_column_int(s, col);
	else
		((int64_t *)v)[i] = sqlite3_column_int64(s, col);
}

int kh_store_groups(struct kh_store *st, sqlite3_stmt *s, size_t width, void **values,
		    size_t **start, size_t *n, struct kh_error *err)
{
	void *v = NULL;
	size_t *b = NULL, count = 0, vcap = 0, bcap = 0, groups = 0;
	int64_t last = 0;
	int rc;

	assert(width == sizeof(int32_t) || width == sizeof(int64_t));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t key = sqlite3_column_int64(s, 0);

		if (kh_store_grow(&v, &vcap, count, width) ||
		    kh_store_grow((void **)&b, &bcap, groups + 1, sizeof(*b)))
			goto nomem;
		if (groups == 0 || key != last) {
			b[groups++] = count;
			last = key;
		}
		put_value(v, count++, width, s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(v);
		free(b);
		return kh_store_fail(st, err);
	}
	if (kh_store_grow((void **)&b, &bcap, groups, sizeof(*b)))
		goto nomem;
	b[groups] = count;
	*values = v;
	*start = b;
	*n = groups;
	return 0;
nomem:
	sqlite3_reset(s);
	free(v);
	free(b);
	return kh_error_set(err, KH_ENOMEM, "", "out of memory");
}
