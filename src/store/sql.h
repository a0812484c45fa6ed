/* sql.h (store-internal): helpers shared by the store's SQL builders. */
#ifndef KH_STORE_SQL_H
#define KH_STORE_SQL_H

#include <stdbool.h>
#include <stdint.h>

struct kh_store;

/* Is s a plain lower-case SQL identifier ([a-z0-9_]+)? Table and column
 * names come from static tables; the builders check them once more. */
bool kh_store_is_identifier(const char *s);

/* Search keys of new objects held back to be written in key order (see
 * kh_store_search_stage in store.h): on, and per kind the lowest id whose
 * keys wait (INT64_MAX: none). */
struct kh_store_stage {
	bool on;
	int64_t min_id[3];
};
struct kh_store_stage *kh_store_stage_of(struct kh_store *st);

#endif
