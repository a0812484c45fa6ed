/* sql.h (store-internal): helpers shared by the store's SQL builders. */
#ifndef KH_STORE_SQL_H
#define KH_STORE_SQL_H

#include <stdbool.h>
#include <stdint.h>

struct kh_store;

/* Is s a plain lower-case SQL identifier ([a-z0-9_]+)? Table and column
 * names come from static tables; the builders check them once more. */
bool kh_store_is_identifier(const char *s);

/* Bind v to the parameter called name (":user") of s, if s has one; a NULL
 * text leaves it NULL. */
struct sqlite3_stmt;
void kh_store_bind_named_text(struct sqlite3_stmt *s, const char *name, const char *v);
void kh_store_bind_named_int(struct sqlite3_stmt *s, const char *name, int64_t v);

/* Search keys of new objects held back to be written in key order
 * (store/search_stage.c, kh_store_search_stage in store.h): on; the
 * entries (struct staged_key) and their bytes; entries before first are
 * written already (by a flush inside the open savepoint); what waited at the
 * savepoint's mark; per kind the lowest id whose keys wait (INT64_MAX:
 * none). */
struct kh_store_stage {
	bool on;
	void *keys;
	size_t n, alloc, first;
	char *text;
	size_t text_len, text_alloc;
	size_t mark, mark_first;
	int64_t min_id[3], mark_min_id[3];
};
struct kh_store_stage *kh_store_stage_of(struct kh_store *st);
/* Keys of a new object into the stage. */
int kh_store_stage_add(struct kh_store *st, int kind, int64_t id, const char *const *keys,
		       size_t n, struct kh_error *err);
/* The transaction's hooks: a savepoint opens (mark), a rollback undoes to
 * the mark or the whole transaction, a savepoint is released. */
void kh_store_stage_mark(struct kh_store *st);
void kh_store_stage_undo(struct kh_store *st, bool to_mark);
void kh_store_stage_release(struct kh_store *st);
bool kh_store_in_savepoint(struct kh_store *st);

#endif
