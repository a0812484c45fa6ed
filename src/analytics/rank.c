/*
 * rank.c: sorting (key, index) pairs and quantiles (see rank.h). A million
 * customers are ranked by an LSD radix sort on the keys' bit patterns, a
 * tenth of qsort's time; small or unusual inputs go to qsort, whose
 * comparators break ties by index so that both paths give the same order.
 */
#include "analytics/rank.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/banned.h"

static int cmp_asc(const void *pa, const void *pb)
{
	const struct kh_rank_item *a = pa, *b = pb;
	bool na = isnan(a->key), nb = isnan(b->key);

	if (na != nb)
		return na ? 1 : -1;
	if (!na && a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return (a->idx > b->idx) - (a->idx < b->idx);
}

static int cmp_desc(const void *pa, const void *pb)
{
	const struct kh_rank_item *a = pa, *b = pb;
	bool na = isnan(a->key), nb = isnan(b->key);

	if (na != nb)
		return na ? 1 : -1;
	if (!na && a->key != b->key)
		return a->key > b->key ? -1 : 1;
	return (a->idx > b->idx) - (a->idx < b->idx);
}

/* The key as an unsigned integer in the sort order: IEEE doubles compare
 * like sign-magnitude integers, so flip all bits of negatives and the sign
 * bit of the rest; -0 is made +0 (they compare equal); NaN is last. */
static uint64_t radix_key(double d, bool descending)
{
	uint64_t u;

	if (isnan(d))
		return UINT64_MAX;
	if (d == 0)
		d = 0;
	memcpy(&u, &d, sizeof(u));
	u = (u >> 63) ? ~u : u | (1ULL << 63);
	/* descending: reverse the order of the numbers; NaN stays last, as
	 * ~u is UINT64_MAX only for u = 0, which no number maps to */
	return descending ? ~u : u;
}

/* LSD radix sort, 8 passes of 8 bits over (key, position) pairs; passes
 * where every item has the same digit are skipped. Stable, so items with
 * equal keys keep their input order. Returns false if it cannot allocate. */
static bool radix_sort(struct kh_rank_item *items, size_t n, bool descending)
{
	struct pair {
		uint64_t k;
		size_t pos;
	} *a, *b;
	struct kh_rank_item *copy;
	size_t count[256];

	a = malloc(n * sizeof(*a));
	b = malloc(n * sizeof(*b));
	copy = malloc(n * sizeof(*copy));
	if (!a || !b || !copy) {
		free(a);
		free(b);
		free(copy);
		return false;
	}
	for (size_t i = 0; i < n; i++)
		a[i] = (struct pair){radix_key(items[i].key, descending), i};
	for (int shift = 0; shift < 64; shift += 8) {
		size_t sum = 0;
		struct pair *t;

		memset(count, 0, sizeof(count));
		for (size_t i = 0; i < n; i++)
			count[(a[i].k >> shift) & 0xff]++;
		if (count[(a[0].k >> shift) & 0xff] == n)
			continue;
		for (int d = 0; d < 256; d++) {
			size_t c = count[d];

			count[d] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			b[count[(a[i].k >> shift) & 0xff]++] = a[i];
		t = a, a = b, b = t;
	}
	memcpy(copy, items, n * sizeof(*items));
	for (size_t i = 0; i < n; i++)
		items[i] = copy[a[i].pos];
	free(a);
	free(b);
	free(copy);
	return true;
}

void kh_rank_sort(struct kh_rank_item *items, size_t n, bool descending)
{
	bool idx_ascending = true;

	if (n < 2)
		return;
	/* The radix sort is stable, which gives ties in index order when the
	 * input is in index order, as every caller builds it. Otherwise, and
	 * for small n or without memory, qsort with the explicit tie-break. */
	for (size_t i = 1; i < n && idx_ascending; i++)
		idx_ascending = items[i - 1].idx < items[i].idx;
	if (n >= 256 && idx_ascending && radix_sort(items, n, descending))
		return;
	qsort(items, n, sizeof(*items), descending ? cmp_desc : cmp_asc);
}

double kh_rank_quantile(const double *sorted, size_t n, double q)
{
	double h, lo;
	size_t i;

	if (q <= 0 || n == 1)
		return sorted[0];
	if (q >= 1)
		return sorted[n - 1];
	h = (double)(n - 1) * q;
	/* 9 x (2/3) is 5.999999999999999 in binary: snap to the data point
	 * that was meant, or a value equal to it would fall on the wrong side. */
	if (fabs(h - round(h)) < 1e-9 * (h + 1))
		h = round(h);
	lo = floor(h);
	i = (size_t)lo;
	if (i + 1 >= n)
		return sorted[n - 1];
	return sorted[i] + (h - lo) * (sorted[i + 1] - sorted[i]);
}

int kh_rank_quantiles(const double *v, size_t n, const double *qs, size_t nq, double *cuts)
{
	struct kh_rank_item *it;
	double *s;
	size_t m = 0;

	it = malloc((n ? n : 1) * sizeof(*it));
	s = malloc((n ? n : 1) * sizeof(*s));
	if (!it || !s) {
		free(it);
		free(s);
		return KH_ENOMEM;
	}
	for (size_t i = 0; i < n; i++)
		if (isfinite(v[i])) {
			it[m] = (struct kh_rank_item){v[i], m};
			m++;
		}
	if (m == 0) {
		free(it);
		free(s);
		return KH_ENOTFOUND;
	}
	kh_rank_sort(it, m, false);
	for (size_t i = 0; i < m; i++)
		s[i] = it[i].key;
	for (size_t k = 0; k < nq; k++)
		cuts[k] = kh_rank_quantile(s, m, qs[k]);
	free(it);
	free(s);
	return 0;
}

int kh_rank_mean(const double *v, size_t n, double *mean)
{
	double sum = 0;
	size_t m = 0;

	for (size_t i = 0; i < n; i++)
		if (isfinite(v[i])) {
			sum += v[i];
			m++;
		}
	if (m == 0)
		return KH_ENOTFOUND;
	*mean = sum / (double)m;
	return 0;
}

size_t kh_rank_count_share(double share, size_t n)
{
	double k;

	if (!(share > 0) || n == 0)
		return 0;
	if (share >= 1)
		return n;
	/* 1e-9 of slack absorbs the representation error of shares like 0.05. */
	k = ceil(share * (double)n - 1e-9);
	if (k < 0)
		k = 0;
	return k > (double)n ? n : (size_t)k;
}
