/*
 * demo_batch.h: the memory of one batch of demo rows (only demo.c uses it):
 * growable arrays of the store's bulk rows and an arena for their texts,
 * kept between batches so a steady run allocates nothing.
 */
#ifndef KH_DEMO_BATCH_H
#define KH_DEMO_BATCH_H

#include <stddef.h>

#include "store/bulk.h"

struct demo_array {
	void *items;
	size_t n, cap, size;
};

struct demo_arena {
	char **blocks;
	size_t nblocks, cur, used;
};

struct demo_batch {
	struct demo_array customers, contacts, orders, lines, payments, activities,
		opportunities, phones, keys;
	struct demo_arena text, sorted_keys;
};

void demo_batch_init(struct demo_batch *b);
void demo_batch_release(struct demo_batch *b);
/* Empty the batch, keeping its memory. */
void demo_batch_reset(struct demo_batch *b);
/* A new zeroed element at the end of a, or NULL when out of memory. */
void *demo_array_push(struct demo_array *a);
/* A copy of s (len bytes and a NUL) in the batch's arena, or NULL when out
 * of memory. */
const char *demo_batch_strndup(struct demo_batch *b, const char *s, size_t len);
const char *demo_batch_strdup(struct demo_batch *b, const char *s);
/* Sort the search keys by key (see kh_bulk_search_key), their texts copied
 * in that order, so the writer reads them from consecutive memory: 0 or
 * KH_ENOMEM. */
int demo_batch_sort_keys(struct demo_batch *b);
/* The rows as the store takes them, borrowing b's memory. */
void demo_batch_rows(const struct demo_batch *b, struct kh_bulk_batch *out);

#endif
