/*
 * rank.c: sorting (key, index) pairs and quantiles (see rank.h). The C
 * library's qsort is not stable, so the comparators break ties by index:
 * equal inputs then give equal outputs on every platform.
 */
#include "analytics/rank.h"

#include <math.h>
#include <stdlib.h>

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

void kh_rank_sort(struct kh_rank_item *items, size_t n, bool descending)
{
	if (n > 1)
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

static int cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return (a > b) - (a < b);
}

int kh_rank_quantiles(const double *v, size_t n, const double *qs, size_t nq, double *cuts)
{
	double *s;
	size_t m = 0;

	s = malloc((n ? n : 1) * sizeof(*s));
	if (!s)
		return KH_ENOMEM;
	for (size_t i = 0; i < n; i++)
		if (isfinite(v[i]))
			s[m++] = v[i];
	if (m == 0) {
		free(s);
		return KH_ENOTFOUND;
	}
	qsort(s, m, sizeof(*s), cmp_double);
	for (size_t k = 0; k < nq; k++)
		cuts[k] = kh_rank_quantile(s, m, qs[k]);
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
