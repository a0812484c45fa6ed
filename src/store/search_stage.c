/*
 * search_stage.c: the search keys of new objects held back in memory during
 * a load (kh_store_search_stage in store.h) and written into search_keys in
 * key order, so the index fills in its own order rather than at random, and
 * the keys are sorted in C rather than by a temporary table and SQL sorter.
 *
 * The waiting keys follow the transaction: a savepoint marks how many wait,
 * and a row undone to it drops what it added. A flush inside a savepoint
 * (an object whose keys wait is changed again) writes the keys but keeps
 * them until the savepoint is released, so that an undo finds them waiting
 * again, as the database does.
 */
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#include "store/sql.h"
#include "base/banned.h"

/* What may wait before kh_store_search_stage_full says to flush: about
 * 100,000 customers' keys. */
#define STAGE_MAX_BYTES (128u << 20)

struct staged_key {
	size_t off; /* of the key's bytes in text */
	uint32_t len;
	int32_t kind;
	int64_t id;
};

static void reset_min(struct kh_store_stage *g)
{
	for (size_t k = 0; k < 3; k++)
		g->min_id[k] = INT64_MAX;
}

/* Forget every waiting key (the memory stays for the next ones). */
static void clear(struct kh_store_stage *g)
{
	g->n = g->first = g->text_len = 0;
	reset_min(g);
}

int kh_store_search_stage(struct kh_store *st, struct kh_error *err)
{
	struct kh_store_stage *g = kh_store_stage_of(st);

	(void)err;
	if (!g->on) {
		g->on = true;
		clear(g);
	}
	return 0;
}

int kh_store_stage_add(struct kh_store *st, int kind, int64_t id, const char *const *keys,
		       size_t n, struct kh_error *err)
{
	struct kh_store_stage *g = kh_store_stage_of(st);

	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(keys[i]);
		struct staged_key *e;

		if (g->n == g->alloc) {
			size_t na = g->alloc ? g->alloc * 2 : 4096;
			void *p = realloc(g->keys, na * sizeof(struct staged_key));

			if (!p)
				return kh_error_set(err, KH_ENOMEM, "", "out of memory");
			g->keys = p;
			g->alloc = na;
		}
		if (g->text_len + len > g->text_alloc) {
			size_t na = g->text_alloc ? g->text_alloc * 2 : 65536;
			char *p;

			while (na < g->text_len + len)
				na *= 2;
			if (!(p = realloc(g->text, na)))
				return kh_error_set(err, KH_ENOMEM, "", "out of memory");
			g->text = p;
			g->text_alloc = na;
		}
		memcpy(g->text + g->text_len, keys[i], len);
		e = &((struct staged_key *)g->keys)[g->n++];
		e->off = g->text_len;
		e->len = (uint32_t)len;
		e->kind = kind;
		e->id = id;
		g->text_len += len;
	}
	if (n && kind >= 0 && kind < 3 && id < g->min_id[kind])
		g->min_id[kind] = id;
	return 0;
}

bool kh_store_search_stage_full(struct kh_store *st)
{
	const struct kh_store_stage *g = kh_store_stage_of(st);

	return g->on && g->text_len + g->n * sizeof(struct staged_key) >= STAGE_MAX_BYTES;
}

/* A waiting key as the sort sees it: the text no longer moves once a flush
 * begins. */
struct sort_key {
	const char *key;
	uint32_t len;
	int32_t kind;
	int64_t id;
};

/* The order of search_keys' primary key: the key's bytes (SQLite's BINARY
 * collation: memcmp, then the shorter first), kind, id. */
static int by_key(const void *pa, const void *pb)
{
	const struct sort_key *a = pa, *b = pb;
	uint32_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->key, b->key, n);

	if (c)
		return c;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* Rows per INSERT: one statement step for many keys spends less in the VM
 * than one per key. */
#define ROWS_PER_INSERT 16
#define ONE_ROW "(?,?,?)"
#define FOUR_ROWS ONE_ROW "," ONE_ROW "," ONE_ROW "," ONE_ROW

static int insert_rows(struct kh_store *st, const struct sort_key *keys, size_t n,
		       struct kh_error *err)
{
	sqlite3_stmt *s = n == ROWS_PER_INSERT
		? kh_store_stmt(st, "INSERT INTO search_keys(key, kind, id) VALUES " FOUR_ROWS ","
				FOUR_ROWS "," FOUR_ROWS "," FOUR_ROWS " ON CONFLICT DO NOTHING", err)
		: kh_store_stmt(st, "INSERT INTO search_keys(key, kind, id) VALUES " ONE_ROW
				" ON CONFLICT DO NOTHING", err);
	int rc;

	if (!s)
		return KH_EDB;
	for (size_t i = 0; i < n; i++) {
		sqlite3_bind_text(s, (int)(3 * i + 1), keys[i].key, (int)keys[i].len,
				  SQLITE_STATIC);
		sqlite3_bind_int(s, (int)(3 * i + 2), keys[i].kind);
		sqlite3_bind_int64(s, (int)(3 * i + 3), keys[i].id);
	}
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}

static int write_sorted(struct kh_store *st, const struct sort_key *order, size_t n,
			struct kh_error *err)
{
	size_t i = 0;
	int rc = 0;

	for (; rc == 0 && i + ROWS_PER_INSERT <= n; i += ROWS_PER_INSERT)
		rc = insert_rows(st, order + i, ROWS_PER_INSERT, err);
	for (; rc == 0 && i < n; i++)
		rc = insert_rows(st, order + i, 1, err);
	return rc;
}

int kh_store_search_stage_flush(struct kh_store *st, struct kh_error *err)
{
	struct kh_store_stage *g = kh_store_stage_of(st);
	const struct staged_key *keys = g->keys;
	size_t n = g->n - g->first;
	struct sort_key *order;
	int rc;

	if (!g->on || n == 0)
		return 0;
	/* The entries keep their order (a savepoint's mark counts them); a
	 * copy is sorted. */
	if (!(order = malloc(n * sizeof(*order))))
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	for (size_t i = 0; i < n; i++) {
		const struct staged_key *e = &keys[g->first + i];

		order[i] = (struct sort_key){g->text + e->off, e->len, e->kind, e->id};
	}
	qsort(order, n, sizeof(*order), by_key);
	rc = write_sorted(st, order, n, err);
	free(order);
	if (rc)
		return rc;
	if (kh_store_in_savepoint(st))
		g->first = g->n; /* written, but an undo would want them back */
	else
		clear(g);
	reset_min(g);
	return 0;
}

int kh_store_search_stage_end(struct kh_store *st, bool write, struct kh_error *err)
{
	struct kh_store_stage *g = kh_store_stage_of(st);
	int rc = 0;

	if (!g->on)
		return 0;
	if (write)
		rc = kh_store_search_stage_flush(st, err);
	free(g->keys);
	free(g->text);
	memset(g, 0, sizeof(*g));
	return rc;
}

void kh_store_stage_mark(struct kh_store *st)
{
	struct kh_store_stage *g = kh_store_stage_of(st);

	g->mark = g->n;
	g->mark_first = g->first;
	memcpy(g->mark_min_id, g->min_id, sizeof(g->min_id));
}

void kh_store_stage_undo(struct kh_store *st, bool to_mark)
{
	struct kh_store_stage *g = kh_store_stage_of(st);

	if (!g->on)
		return;
	if (!to_mark) {
		clear(g);
		return;
	}
	/* What waited at the mark waits again (a flush since was undone too);
	 * what came after it is gone with its rows. */
	g->n = g->mark;
	g->first = g->mark_first;
	g->text_len = g->n ? ((struct staged_key *)g->keys)[g->n - 1].off +
				     ((struct staged_key *)g->keys)[g->n - 1].len
			   : 0;
	memcpy(g->min_id, g->mark_min_id, sizeof(g->min_id));
}

void kh_store_stage_release(struct kh_store *st)
{
	struct kh_store_stage *g = kh_store_stage_of(st);

	/* Written inside the savepoint and kept: now they stay written. */
	if (g->on && g->first == g->n && g->n)
		clear(g);
}
