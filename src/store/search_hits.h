/*
 * search_hits.h: the search's hits with the names a result shows, read in
 * the statement that finds them (kh_store_search_prefix gives ids only, and
 * each id then cost two full-row reads). For the hot path of /search
 * (service/customers/search.c, kh_search_json).
 */
#ifndef KH_STORE_SEARCH_HITS_H
#define KH_STORE_SEARCH_HITS_H

#include <stddef.h>
#include <stdint.h>

#include "base/strbuf.h"
#include "store/store.h"

#define KH_HIT_NULL ((size_t)-1)

/* One customer or contact found. The texts are offsets into the caller's
 * arena of NUL-terminated strings (repaired like kh_store_text_json), or
 * KH_HIT_NULL for a NULL column. */
struct kh_search_hit {
	int kind;            /* enum kh_search_kind */
	int64_t id, customer_id;
	size_t name, customer_name;
	size_t phone, mobile; /* the object's numbers, to re-check a cut query */
};

/* kh_store_search_prefix with each hit's names: up to limit into hits (in
 * key order), *n of them, their texts appended to arena. */
int kh_store_search_hits(struct kh_store *st, const char *prefix, int64_t limit,
			 const struct kh_scope *scope, struct kh_search_hit *hits, size_t *n,
			 struct kh_strbuf *arena, struct kh_error *err);

#endif
