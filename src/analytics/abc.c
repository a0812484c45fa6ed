/*
 * abc.c: ABC by share and by count, and the Pareto curve (see abc.h for the
 * exact rules). Sums are kept in double: a million customers of 10^13 fen
 * each would overflow int64, and class boundaries need no more than double's
 * 16 digits.
 */
#include "analytics/abc.h"

#include <math.h>
#include <stdlib.h>

#include "analytics/rank.h"
#include "base/error.h"
#include "base/banned.h"

/* The values ranked largest first, as (value, index) pairs. */
static struct kh_rank_item *ranked(const int64_t *values, size_t n, double *total)
{
	struct kh_rank_item *it = malloc((n ? n : 1) * sizeof(*it));
	double t = 0;

	if (!it)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		it[i].key = (double)values[i];
		it[i].idx = i;
		if (values[i] > 0)
			t += (double)values[i];
	}
	kh_rank_sort(it, n, true);
	*total = t;
	return it;
}

static void summarise(const int64_t *values, size_t n, const uint8_t *cls, double total,
		      struct kh_abc_summary *sum)
{
	*sum = (struct kh_abc_summary){.total = total};
	for (size_t i = 0; i < n; i++) {
		sum->count[cls[i]]++;
		if (values[i] > 0)
			sum->value[cls[i]] += (double)values[i];
	}
	for (int k = 0; k < 3; k++)
		sum->share[k] = total > 0 ? sum->value[k] / total : 0;
}

int kh_abc_by_share(const int64_t *values, size_t n, const struct kh_abc_params *p,
		    uint8_t *cls, struct kh_abc_summary *sum)
{
	struct kh_rank_item *it;
	double total, above = 0;
	size_t i = 0;

	if (!(p->a_share > 0 && p->a_share <= p->b_share && p->b_share <= 1))
		return KH_EINVAL;
	if (!(it = ranked(values, n, &total)))
		return KH_ENOMEM;
	while (i < n) {
		size_t j = i;
		uint8_t c;

		/* One class for the whole group of equal values. */
		if (it[i].key <= 0 || !(total > 0))
			c = KH_ABC_C;
		else if (above < p->a_share * total)
			c = KH_ABC_A;
		else if (above < p->b_share * total)
			c = KH_ABC_B;
		else
			c = KH_ABC_C;
		for (; j < n && it[j].key == it[i].key; j++) {
			cls[it[j].idx] = c;
			if (it[j].key > 0)
				above += it[j].key;
		}
		i = j;
	}
	free(it);
	if (sum)
		summarise(values, n, cls, total, sum);
	return 0;
}

int kh_abc_by_count(const int64_t *values, size_t n, const struct kh_abc_params *p,
		    uint8_t *cls, struct kh_abc_summary *sum)
{
	struct kh_rank_item *it;
	double total;
	size_t i = 0, ka, kb;

	if (!(p->count_a >= 0 && p->count_b >= 0 && p->count_a + p->count_b <= 1 + 1e-12))
		return KH_EINVAL;
	if (!(it = ranked(values, n, &total)))
		return KH_ENOMEM;
	ka = kh_rank_count_share(p->count_a, n);
	kb = kh_rank_count_share(p->count_a + p->count_b, n);
	while (i < n) {
		size_t j = i;
		uint8_t c;

		if (it[i].key <= 0)
			c = KH_ABC_C;
		else
			c = i < ka ? KH_ABC_A : i < kb ? KH_ABC_B : KH_ABC_C;
		for (; j < n && it[j].key == it[i].key; j++)
			cls[it[j].idx] = c;
		i = j;
	}
	free(it);
	if (sum)
		summarise(values, n, cls, total, sum);
	return 0;
}

int kh_abc_pareto(const int64_t *values, size_t n, size_t points, struct kh_pareto_point *out)
{
	struct kh_rank_item *it;
	double total, cum = 0;
	size_t done = 0;

	if (points == 0)
		return KH_EINVAL;
	if (!(it = ranked(values, n, &total)))
		return KH_ENOMEM;
	for (size_t k = 0; k <= points; k++) {
		double s = (double)k / (double)points;
		size_t upto = k == points ? n : kh_rank_count_share(s, n);

		for (; done < upto; done++)
			if (it[done].key > 0)
				cum += it[done].key;
		out[k].customers = s;
		/* The sums run in different orders; pin the end at exactly 1. */
		out[k].value = total > 0 ? (k == points ? 1 : fmin(1, cum / total)) : 0;
	}
	free(it);
	return 0;
}

const char *kh_abc_name(int cls)
{
	static const char *const names[] = {"A", "B", "C"};

	return cls >= 0 && cls < 3 ? names[cls] : "?";
}
