/* demo_batch.c: arrays and text arena of a demo batch (see demo_batch.h). */
#include "service/demo/demo_batch.h"

#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/banned.h"

#define ARENA_BLOCK (1u << 20)

static const char *arena_add(struct demo_arena *t, const char *s, size_t len)
{
	char *out;

	if (len + 1 > ARENA_BLOCK)
		return NULL;
	if (t->nblocks == 0 || t->used + len + 1 > ARENA_BLOCK) {
		if (t->nblocks && t->cur + 1 < t->nblocks) {
			t->cur++;
		} else {
			char **blocks = realloc(t->blocks, (t->nblocks + 1) * sizeof(*blocks));

			if (!blocks)
				return NULL;
			t->blocks = blocks;
			if (!(t->blocks[t->nblocks] = malloc(ARENA_BLOCK)))
				return NULL;
			t->cur = t->nblocks++;
		}
		t->used = 0;
	}
	out = t->blocks[t->cur] + t->used;
	memcpy(out, s, len);
	out[len] = '\0';
	t->used += len + 1;
	return out;
}

static void arena_reset(struct demo_arena *t)
{
	t->cur = t->used = 0;
}

static void arena_release(struct demo_arena *t)
{
	for (size_t i = 0; i < t->nblocks; i++)
		free(t->blocks[i]);
	free(t->blocks);
}

static void array_init(struct demo_array *a, size_t size)
{
	a->items = NULL;
	a->n = a->cap = 0;
	a->size = size;
}

void demo_batch_init(struct demo_batch *b)
{
	memset(b, 0, sizeof(*b));
	array_init(&b->customers, sizeof(struct kh_bulk_customer));
	array_init(&b->contacts, sizeof(struct kh_bulk_contact));
	array_init(&b->orders, sizeof(struct kh_bulk_order));
	array_init(&b->lines, sizeof(struct kh_bulk_order_line));
	array_init(&b->payments, sizeof(struct kh_bulk_payment));
	array_init(&b->activities, sizeof(struct kh_bulk_activity));
	array_init(&b->opportunities, sizeof(struct kh_bulk_opportunity));
	array_init(&b->phones, sizeof(struct kh_bulk_phone));
	array_init(&b->keys, sizeof(struct kh_bulk_search_key));
}

#define NARRAYS 9

static void all_arrays(struct demo_batch *b, struct demo_array *out[NARRAYS])
{
	struct demo_array *list[NARRAYS] = {&b->customers, &b->contacts, &b->orders,
					    &b->lines, &b->payments, &b->activities,
					    &b->opportunities, &b->phones, &b->keys};

	memcpy(out, list, sizeof(list));
}

void demo_batch_release(struct demo_batch *b)
{
	struct demo_array *a[NARRAYS];

	all_arrays(b, a);
	for (size_t i = 0; i < NARRAYS; i++)
		free(a[i]->items);
	arena_release(&b->text);
	arena_release(&b->sorted_keys);
	memset(b, 0, sizeof(*b));
}

void demo_batch_reset(struct demo_batch *b)
{
	struct demo_array *a[NARRAYS];

	all_arrays(b, a);
	for (size_t i = 0; i < NARRAYS; i++)
		a[i]->n = 0;
	arena_reset(&b->text);
	arena_reset(&b->sorted_keys);
}

void *demo_array_push(struct demo_array *a)
{
	char *slot;

	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 4096;
		void *grown = realloc(a->items, cap * a->size);

		if (!grown)
			return NULL;
		a->items = grown;
		a->cap = cap;
	}
	slot = (char *)a->items + a->n++ * a->size;
	memset(slot, 0, a->size);
	return slot;
}

const char *demo_batch_strndup(struct demo_batch *b, const char *s, size_t len)
{
	return arena_add(&b->text, s, len);
}

const char *demo_batch_strdup(struct demo_batch *b, const char *s)
{
	return arena_add(&b->text, s, strlen(s));
}

static int key_cmp(const void *pa, const void *pb)
{
	const struct kh_bulk_search_key *a = pa, *b = pb;

	return strcmp(a->key, b->key);
}

int demo_batch_sort_keys(struct demo_batch *b)
{
	struct kh_bulk_search_key *keys = b->keys.items;

	qsort(keys, b->keys.n, b->keys.size, key_cmp);
	for (size_t i = 0; i < b->keys.n; i++)
		if (!(keys[i].key = arena_add(&b->sorted_keys, keys[i].key, keys[i].len)))
			return KH_ENOMEM;
	return 0;
}

void demo_batch_rows(const struct demo_batch *b, struct kh_bulk_batch *out)
{
	out->customers = b->customers.items;
	out->ncustomers = b->customers.n;
	out->contacts = b->contacts.items;
	out->ncontacts = b->contacts.n;
	out->orders = b->orders.items;
	out->norders = b->orders.n;
	out->lines = b->lines.items;
	out->nlines = b->lines.n;
	out->payments = b->payments.items;
	out->npayments = b->payments.n;
	out->activities = b->activities.items;
	out->nactivities = b->activities.n;
	out->opportunities = b->opportunities.items;
	out->nopportunities = b->opportunities.n;
	out->phones = b->phones.items;
	out->nphones = b->phones.n;
	out->keys = b->keys.items;
	out->nkeys = b->keys.n;
}
