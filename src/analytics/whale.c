/*
 * whale.c: the whale curve and its 20/80/30 figures (see whale.h). One
 * descending sort; the peak is where the running sum stops rising, which is
 * after the last customer with a positive profit.
 */
#include "analytics/whale.h"

#include <math.h>
#include <stdlib.h>

#include "analytics/rank.h"
#include "base/error.h"
#include "base/banned.h"

int kh_whale_curve(const int64_t *profit, size_t n, const struct kh_whale_params *p,
		   struct kh_whale_summary *sum, struct kh_whale_point *curve, size_t points)
{
	struct kh_rank_item *it;
	struct kh_whale_summary s = {0};
	size_t ktop, kkeep, done = 0;
	double cum = 0;

	if (!(p->top_share >= 0 && p->top_share <= 1 && p->worst_share >= 0 &&
	      p->worst_share <= 1) ||
	    (curve && points == 0))
		return KH_EINVAL;
	if (!(it = malloc((n ? n : 1) * sizeof(*it))))
		return KH_ENOMEM;
	for (size_t i = 0; i < n; i++)
		it[i] = (struct kh_rank_item){(double)profit[i], i};
	kh_rank_sort(it, n, true);
	ktop = kh_rank_count_share(p->top_share, n);
	/* The worst are the last ceil(0.3 n) ranks; the others are kept. */
	kkeep = n - kh_rank_count_share(p->worst_share, n);
	for (size_t i = 0; i < n; i++) {
		cum += it[i].key;
		if (cum > s.peak) {
			s.peak = cum;
			s.peak_customers = (double)(i + 1) / (double)n;
		}
		if (i + 1 == ktop)
			s.top = cum;
		if (i + 1 == kkeep)
			s.without_worst = cum;
	}
	s.total = cum;
	s.top_of_total = s.total > 0 ? s.top / s.total : NAN;
	s.peak_of_total = s.total > 0 ? s.peak / s.total : NAN;
	s.worst_cut = s.without_worst > 0 ? (s.without_worst - s.total) / s.without_worst : NAN;
	if (curve) {
		cum = 0;
		for (size_t k = 0; k <= points; k++) {
			double sh = (double)k / (double)points;
			size_t upto = k == points ? n : kh_rank_count_share(sh, n);

			for (; done < upto; done++)
				cum += it[done].key;
			curve[k] = (struct kh_whale_point){sh, cum};
		}
	}
	free(it);
	*sum = s;
	return 0;
}
