/*
 * basket.c: pair support, confidence and lift over transactions, and the
 * cross-sell suggestions for one buyer (see basket.h). Items are mapped to
 * dense indexes through their sorted ids; pairs are counted in an
 * open-addressing table keyed by the two indexes, so the cost is the sum
 * over transactions of k(k - 1)/2 for k frequent items in it.
 */
#include "analytics/basket.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/banned.h"

static int cmp_i64(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;

	return (a > b) - (a < b);
}

static int cmp_u32(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;

	return (a > b) - (a < b);
}

/* Sort v[0..n) and drop repeats; the new length. */
static size_t sort_unique_i64(int64_t *v, size_t n)
{
	size_t k = 0;

	qsort(v, n, sizeof(*v), cmp_i64);
	for (size_t i = 0; i < n; i++)
		if (k == 0 || v[i] != v[k - 1])
			v[k++] = v[i];
	return k;
}

static size_t sort_unique_u32(uint32_t *v, size_t n)
{
	size_t k = 0;

	qsort(v, n, sizeof(*v), cmp_u32);
	for (size_t i = 0; i < n; i++)
		if (k == 0 || v[i] != v[k - 1])
			v[k++] = v[i];
	return k;
}

/* The index of id in ids[0..n) (it is there). */
static uint32_t index_of(const int64_t *ids, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (uint32_t)lo;
}

/* ---- The pair table: key (ia + 1) << 32 | (ib + 1), 0 = empty ---- */

struct table {
	uint64_t *keys;
	uint32_t *counts;
	size_t cap, used; /* cap a power of two */
};

static size_t slot_of(const struct table *t, uint64_t key)
{
	uint64_t h = key * 0x9E3779B97F4A7C15ull;
	size_t i = (size_t)(h >> 17) & (t->cap - 1);

	while (t->keys[i] && t->keys[i] != key)
		i = (i + 1) & (t->cap - 1);
	return i;
}

static int table_grow(struct table *t)
{
	struct table g = {NULL, NULL, t->cap ? t->cap * 2 : 1024, 0};

	g.keys = calloc(g.cap, sizeof(*g.keys));
	g.counts = calloc(g.cap, sizeof(*g.counts));
	if (!g.keys || !g.counts) {
		free(g.keys);
		free(g.counts);
		return KH_ENOMEM;
	}
	for (size_t i = 0; i < t->cap; i++) {
		if (t->keys[i]) {
			size_t s = slot_of(&g, t->keys[i]);

			g.keys[s] = t->keys[i];
			g.counts[s] = t->counts[i];
			g.used++;
		}
	}
	free(t->keys);
	free(t->counts);
	*t = g;
	return 0;
}

static int table_add(struct table *t, uint32_t ia, uint32_t ib)
{
	uint64_t key = ((uint64_t)ia + 1) << 32 | ((uint64_t)ib + 1);
	size_t s;

	if ((t->used + 1) * 2 > t->cap && table_grow(t))
		return KH_ENOMEM;
	s = slot_of(t, key);
	if (!t->keys[s]) {
		t->keys[s] = key;
		t->used++;
	}
	t->counts[s]++;
	return 0;
}

static int cmp_pair(const void *x, const void *y)
{
	const struct kh_basket_pair *p = x, *q = y;

	if (p->lift != q->lift)
		return p->lift < q->lift ? 1 : -1;
	if (p->count_ab != q->count_ab)
		return p->count_ab < q->count_ab ? 1 : -1;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return (p->b > q->b) - (p->b < q->b);
}

/* The item ids, distinct and sorted, into *ids[0..*n). */
static int distinct_ids(const int64_t *items, size_t total, int64_t **ids, size_t *n)
{
	int64_t *v = malloc((total ? total : 1) * sizeof(*v));

	if (!v)
		return KH_ENOMEM;
	if (total)
		memcpy(v, items, total * sizeof(*v));
	*n = sort_unique_i64(v, total);
	*ids = v;
	return 0;
}

/* Transaction t's distinct item indexes into buf; their number. */
static size_t basket_of(const int64_t *items, const size_t *start, size_t t, const int64_t *ids,
			size_t nids, uint32_t *buf)
{
	size_t k = 0;

	for (size_t j = start[t]; j < start[t + 1]; j++)
		buf[k++] = index_of(ids, nids, items[j]);
	return sort_unique_u32(buf, k);
}

int kh_basket_analyse(const int64_t *items, const size_t *start, size_t n,
		      const struct kh_basket_params *p, struct kh_basket_result *out)
{
	struct kh_basket_result r = {0};
	struct table t = {0};
	int64_t *ids = NULL;
	uint32_t *counts = NULL, *buf = NULL;
	size_t nids = 0, longest = 0, total = n ? start[n] - start[0] : 0, k = 0;
	double min_count;
	int rc = KH_ENOMEM;

	if (!(p->min_support >= 0 && p->min_support <= 1))
		return KH_EINVAL;
	/* No arithmetic on items when there is nothing: it may be NULL. */
	if (distinct_ids(n ? items + start[0] : items, total, &ids, &nids))
		goto out;
	for (size_t i = 0; i < n; i++)
		if (start[i + 1] - start[i] > longest)
			longest = start[i + 1] - start[i];
	counts = calloc(nids ? nids : 1, sizeof(*counts));
	buf = malloc((longest ? longest : 1) * sizeof(*buf));
	if (!counts || !buf)
		goto out;
	for (size_t i = 0; i < n; i++) {
		size_t m = basket_of(items, start, i, ids, nids, buf);

		for (size_t j = 0; j < m; j++)
			counts[buf[j]]++;
		r.transactions += m > 0;
	}
	/* A hair below the exact count, so that a support given in decimals
	 * (0.1 of 30 transactions = 3) is not lost to rounding. */
	min_count = p->min_support * (double)r.transactions - 1e-9;
	for (size_t i = 0; i < n; i++) {
		size_t m = basket_of(items, start, i, ids, nids, buf), f = 0;

		for (size_t j = 0; j < m; j++)
			if ((double)counts[buf[j]] >= min_count)
				buf[f++] = buf[j];
		for (size_t a = 0; a < f; a++)
			for (size_t b = a + 1; b < f; b++)
				if (table_add(&t, buf[a], buf[b]))
					goto out;
	}
	if (!(r.items = malloc((nids ? nids : 1) * sizeof(*r.items))) ||
	    !(r.pairs = malloc((t.used ? t.used : 1) * sizeof(*r.pairs))))
		goto out;
	for (size_t i = 0; i < nids; i++)
		r.items[i] = (struct kh_basket_item){ids[i], counts[i]};
	r.nitems = nids;
	for (size_t i = 0; i < t.cap; i++) {
		uint32_t ia, ib, ab = t.counts[i];
		struct kh_basket_pair *q;
		double N = (double)r.transactions;

		if (!t.keys[i] || (double)ab < min_count)
			continue;
		ia = (uint32_t)(t.keys[i] >> 32) - 1;
		ib = (uint32_t)(t.keys[i] & 0xffffffffu) - 1;
		q = &r.pairs[k++];
		q->a = ids[ia];
		q->b = ids[ib];
		q->count_ab = ab;
		q->count_a = counts[ia];
		q->count_b = counts[ib];
		q->support = ab / N;
		q->confidence_ab = (double)ab / counts[ia];
		q->confidence_ba = (double)ab / counts[ib];
		q->lift = (double)ab * N / ((double)counts[ia] * counts[ib]);
	}
	qsort(r.pairs, k, sizeof(*r.pairs), cmp_pair);
	r.npairs = p->max_pairs && k > p->max_pairs ? p->max_pairs : k;
	*out = r;
	memset(&r, 0, sizeof(r));
	rc = 0;
out:
	kh_basket_result_release(&r);
	free(t.keys);
	free(t.counts);
	free(ids);
	free(counts);
	free(buf);
	return rc;
}

void kh_basket_result_release(struct kh_basket_result *r)
{
	if (!r)
		return;
	free(r->items);
	free(r->pairs);
	memset(r, 0, sizeof(*r));
}

/* ---- Cross-sell ---- */

static bool has(const int64_t *sorted, size_t n, int64_t id)
{
	return n && index_of(sorted, n, id) < n && sorted[index_of(sorted, n, id)] == id;
}

static int cmp_suggestion(const void *x, const void *y)
{
	const struct kh_basket_suggestion *p = x, *q = y;

	if (p->score != q->score)
		return p->score < q->score ? 1 : -1;
	return (p->product > q->product) - (p->product < q->product);
}

/* Keep the better of a suggestion of product and the one found before. */
static void offer(struct kh_basket_suggestion *v, size_t *k, int64_t product, int64_t because,
		  uint32_t ab, double confidence, double lift)
{
	double score = lift * confidence;
	size_t i = 0;

	if (!(lift > 1))
		return;
	while (i < *k && v[i].product != product)
		i++;
	if (i < *k && (v[i].score > score || (v[i].score == score && v[i].because < because)))
		return;
	v[i] = (struct kh_basket_suggestion){product, because, ab, confidence, lift, score};
	if (i == *k)
		(*k)++;
}

int kh_basket_suggest(const struct kh_basket_pair *pairs, size_t npairs, const int64_t *bought,
		      size_t nbought, size_t max, struct kh_basket_suggestion *out, size_t *n)
{
	struct kh_basket_suggestion *v = malloc((2 * npairs + 1) * sizeof(*v));
	int64_t *have = malloc((nbought ? nbought : 1) * sizeof(*have));
	size_t k = 0, nh;

	if (!v || !have) {
		free(v);
		free(have);
		return KH_ENOMEM;
	}
	if (nbought)
		memcpy(have, bought, nbought * sizeof(*have));
	nh = sort_unique_i64(have, nbought);
	for (size_t i = 0; i < npairs; i++) {
		const struct kh_basket_pair *q = &pairs[i];
		bool ha = has(have, nh, q->a), hb = has(have, nh, q->b);

		if (ha && !hb)
			offer(v, &k, q->b, q->a, q->count_ab, q->confidence_ab, q->lift);
		else if (hb && !ha)
			offer(v, &k, q->a, q->b, q->count_ab, q->confidence_ba, q->lift);
	}
	qsort(v, k, sizeof(*v), cmp_suggestion);
	*n = k < max ? k : max;
	if (*n)
		memcpy(out, v, *n * sizeof(*v));
	free(v);
	free(have);
	return 0;
}
