/*
 * rfm.c: RFM quintile scores (see rfm.h). One (key, index) array is reused
 * for the three axes, so the whole scoring costs three sorts and one
 * allocation.
 */
#include "analytics/rfm.h"

#include <math.h>
#include <stdlib.h>

#include "analytics/rank.h"
#include "base/error.h"
#include "base/banned.h"

static void score_items(struct kh_rank_item *it, size_t m, unsigned groups, uint8_t *score)
{
	size_t i = 0;

	kh_rank_sort(it, m, false);
	while (i < m) {
		size_t j = i;
		uint8_t s = (uint8_t)(1 + (unsigned)((double)groups * (double)i / (double)m));

		for (; j < m && it[j].key == it[i].key; j++)
			score[it[j].idx] = s;
		i = j;
	}
}

int kh_rfm_quantile_scores(const double *v, const uint8_t *include, size_t n, unsigned groups,
			   uint8_t *score)
{
	struct kh_rank_item *it;
	size_t m = 0;

	if (groups == 0 || groups > 255)
		return KH_EINVAL;
	if (!(it = malloc((n ? n : 1) * sizeof(*it))))
		return KH_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		score[i] = 0;
		if (!include || include[i])
			it[m++] = (struct kh_rank_item){v[i], i};
	}
	score_items(it, m, groups, score);
	free(it);
	return 0;
}

int kh_rfm_score(const struct kh_customer_facts *c, size_t n, struct kh_rfm *out)
{
	struct kh_rank_item *it;
	uint8_t *s;
	size_t m;

	it = malloc((n ? n : 1) * sizeof(*it));
	s = malloc(n ? n : 1);
	if (!it || !s) {
		free(it);
		free(s);
		return KH_ENOMEM;
	}
	for (size_t i = 0; i < n; i++)
		out[i] = (struct kh_rfm){0, 0, 0};
	for (int axis = 0; axis < 3; axis++) {
		m = 0;
		for (size_t i = 0; i < n; i++) {
			double k;

			if (c[i].orders == 0)
				continue;
			k = axis == 0 ? (double)c[i].last_order
			    : axis == 1 ? (double)c[i].orders
					: (double)c[i].revenue_fen;
			it[m++] = (struct kh_rank_item){k, i};
		}
		score_items(it, m, 5, s);
		for (size_t k = 0; k < m; k++) {
			size_t i = it[k].idx;

			if (axis == 0)
				out[i].r = s[i];
			else if (axis == 1)
				out[i].f = s[i];
			else
				out[i].m = s[i];
		}
	}
	free(it);
	free(s);
	return 0;
}
