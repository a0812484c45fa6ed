/* search_hits.c: search hits with their names (see search_hits.h). */
#include "store/search_hits.h"

#include <stdlib.h>

#include "base/utf8.h"
#include "store/scope.h"
#include "base/banned.h"

/* Column col as a NUL-terminated repaired string in arena: its offset. */
static int arena_text(sqlite3_stmt *s, int col, struct kh_strbuf *arena, size_t *at)
{
	const void *bytes;
	int rc;

	*at = KH_HIT_NULL;
	if (sqlite3_column_type(s, col) == SQLITE_NULL)
		return 0;
	bytes = sqlite3_column_blob(s, col);
	*at = arena->len;
	rc = kh_utf8_repair(bytes, (size_t)sqlite3_column_bytes(s, col), arena);
	return rc ? rc : kh_strbuf_addch(arena, '\0');
}

int kh_store_search_hits(struct kh_store *st, const char *prefix, int64_t limit,
			 const struct kh_scope *scope, struct kh_search_hit *hits, size_t *n,
			 struct kh_strbuf *arena, struct kh_error *err)
{
	/* kh_store_search_prefix's statement (store/index.c), with the names:
	 * the extra columns are the same for every row of one (kind, id), so
	 * DISTINCT keeps the same hits. */
	sqlite3_stmt *s = kh_store_stmt(
		st, "SELECT DISTINCT k.kind, k.id, CASE k.kind WHEN 1 THEN c.name ELSE ct.name END,"
		    " c.id, c.name, CASE k.kind WHEN 1 THEN c.phone ELSE ct.phone END, ct.mobile"
		    " FROM search_keys k"
		    " LEFT JOIN contacts ct ON k.kind = 2 AND ct.id = k.id"
		    " JOIN customers c ON c.id = CASE k.kind WHEN 1 THEN k.id"
		    " ELSE ct.customer_id END"
		    " WHERE k.key >= :prefix AND k.key < :prefix || char(1114111)"
		    " AND c.deleted_at IS NULL AND (k.kind = 1 OR ct.deleted_at IS NULL)"
		    " AND " KH_SCOPE_VISIBLE("c") " LIMIT :limit", err);
	size_t got = 0;
	int rc = 0, step = SQLITE_DONE;

	if (!s)
		return KH_EDB;
	kh_store_scope_bind(s, scope);
	sqlite3_bind_text(s, sqlite3_bind_parameter_index(s, ":prefix"), prefix, -1,
			  SQLITE_STATIC);
	sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, ":limit"), limit);
	while (rc == 0 && got < (size_t)limit && (step = sqlite3_step(s)) == SQLITE_ROW) {
		struct kh_search_hit *h = &hits[got++];

		h->kind = sqlite3_column_int(s, 0);
		h->id = sqlite3_column_int64(s, 1);
		h->customer_id = sqlite3_column_int64(s, 3);
		if ((rc = arena_text(s, 2, arena, &h->name)) == 0 &&
		    (rc = arena_text(s, 4, arena, &h->customer_name)) == 0 &&
		    (rc = arena_text(s, 5, arena, &h->phone)) == 0)
			rc = arena_text(s, 6, arena, &h->mobile);
	}
	sqlite3_reset(s);
	if (rc)
		return kh_error_set(err, rc, "", "out of memory");
	if (got < (size_t)limit && step != SQLITE_DONE)
		return kh_store_fail(st, err);
	*n = got;
	return 0;
}
