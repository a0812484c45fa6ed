/*
 * scoring.c: weighted indicator scores and the value pyramid (see
 * scoring.h). Percentile indicators are ranked one column at a time with a
 * single (value, index) buffer; the other indicators are a linear map.
 */
#include "analytics/scoring.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "analytics/rank.h"
#include "base/error.h"
#include "base/banned.h"

static const struct kh_score_indicator defaults[] = {
	/* contribution: what the customer brings now (percentile of money) */
	{"revenue", "contribution", 0.20, KH_SCALE_PERCENTILE, 0, 1, false},
	{"profit", "contribution", 0.20, KH_SCALE_PERCENTILE, 0, 1, false},
	/* characteristics, rated 1 (poor) .. 5 (excellent) by the sales rep */
	{"price_sensitivity", "characteristic", 0.05, KH_SCALE_RANGE, 1, 5, true},
	{"standing_influence", "characteristic", 0.05, KH_SCALE_RANGE, 1, 5, false},
	{"business_condition", "characteristic", 0.05, KH_SCALE_RANGE, 1, 5, false},
	{"dependency_on_us", "characteristic", 0.05, KH_SCALE_RANGE, 1, 5, false},
	{"openness_to_new_offerings", "characteristic", 0.05, KH_SCALE_RANGE, 1, 5, false},
	{"future_demand", "characteristic", 0.05, KH_SCALE_RANGE, 1, 5, false},
	/* relationship */
	{"supplier_switches", "relationship", 0.05, KH_SCALE_RANGE, 0, 5, true},
	{"attitude_to_competitors", "relationship", 0.05, KH_SCALE_RANGE, 1, 5, true},
	{"satisfaction", "relationship", 0.075, KH_SCALE_RANGE, 1, 5, false},
	{"years_of_cooperation", "relationship", 0.05, KH_SCALE_RANGE, 0, 10, false},
	{"share_of_wallet", "relationship", 0.075, KH_SCALE_RANGE, 0, 1, false},
};

const struct kh_score_indicator *kh_score_default_table(size_t *n)
{
	*n = sizeof(defaults) / sizeof(defaults[0]);
	return defaults;
}

static int check_table(const struct kh_score_indicator *t, size_t k)
{
	double wsum = 0;

	if (k == 0)
		return KH_EINVAL;
	for (size_t j = 0; j < k; j++) {
		if (!(t[j].weight >= 0) || !isfinite(t[j].weight))
			return KH_EINVAL;
		if (t[j].scale == KH_SCALE_RANGE && !(t[j].lo < t[j].hi && isfinite(t[j].hi - t[j].lo)))
			return KH_EINVAL;
		if (t[j].scale != KH_SCALE_RANGE && t[j].scale != KH_SCALE_PERCENTILE)
			return KH_EINVAL;
		wsum += t[j].weight;
	}
	return wsum > 0 ? 0 : KH_EINVAL;
}

int kh_score_compute(const struct kh_score_indicator *table, size_t k, const double *values,
		     size_t n, double *total, double *sub)
{
	struct kh_rank_item *it = NULL;
	double *s = sub;
	int rc;

	if ((rc = check_table(table, k)))
		return rc;
	/* Without the caller's sub array we need our own: a percentile column
	 * must be complete before any total can be formed. */
	if (n > SIZE_MAX / k / sizeof(*s))
		return KH_ENOMEM;
	if (!s && n && !(s = malloc(n * k * sizeof(*s))))
		return KH_ENOMEM;
	for (size_t j = 0; j < k; j++) {
		const struct kh_score_indicator *ind = &table[j];

		if (ind->scale == KH_SCALE_RANGE) {
			for (size_t i = 0; i < n; i++) {
				double v = values[i * k + j], x;

				if (isnan(v)) {
					s[i * k + j] = NAN;
					continue;
				}
				x = 100 * (v - ind->lo) / (ind->hi - ind->lo);
				x = x < 0 ? 0 : x > 100 ? 100 : x;
				s[i * k + j] = ind->lower_is_better ? 100 - x : x;
			}
			continue;
		}
		if (!it && !(it = malloc((n ? n : 1) * sizeof(*it)))) {
			rc = KH_ENOMEM;
			goto out;
		}
		{
			size_t m = 0, p = 0;

			for (size_t i = 0; i < n; i++) {
				double v = values[i * k + j];

				s[i * k + j] = NAN;
				if (!isnan(v))
					it[m++] = (struct kh_rank_item){v, i};
			}
			kh_rank_sort(it, m, false);
			while (p < m) {
				size_t q = p;
				double x = m > 1 ? 100.0 * (double)p / (double)(m - 1) : 100;

				if (ind->lower_is_better)
					x = 100 - x;
				for (; q < m && it[q].key == it[p].key; q++)
					s[it[q].idx * k + j] = x;
				p = q;
			}
		}
	}
	for (size_t i = 0; i < n; i++) {
		double num = 0, den = 0;

		for (size_t j = 0; j < k; j++)
			if (!isnan(s[i * k + j]) && table[j].weight > 0) {
				num += table[j].weight * s[i * k + j];
				den += table[j].weight;
			}
		total[i] = den > 0 ? num / den : NAN;
	}
	rc = 0;
out:
	free(it);
	if (s != sub)
		free(s);
	return rc;
}

int kh_score_pyramid(const double *total, size_t n, const struct kh_pyramid_params *p,
		     uint8_t *tier)
{
	struct kh_rank_item *it;
	size_t m = 0, i = 0, bound[3];

	for (int t = 0; t < 3; t++)
		if (!(p->cum_share[t] >= 0 && p->cum_share[t] <= 1) ||
		    (t > 0 && p->cum_share[t] < p->cum_share[t - 1]))
			return KH_EINVAL;
	if (!(it = malloc((n ? n : 1) * sizeof(*it))))
		return KH_ENOMEM;
	for (size_t j = 0; j < n; j++) {
		tier[j] = KH_PYRAMID_NONE;
		if (!isnan(total[j]))
			it[m++] = (struct kh_rank_item){total[j], j};
	}
	kh_rank_sort(it, m, true);
	for (int t = 0; t < 3; t++)
		bound[t] = kh_rank_count_share(p->cum_share[t], m);
	while (i < m) {
		size_t j = i;
		uint8_t t = i < bound[0] ? KH_PYRAMID_KEY
			    : i < bound[1] ? KH_PYRAMID_MAJOR
			    : i < bound[2] ? KH_PYRAMID_ORDINARY
					   : KH_PYRAMID_SMALL;

		for (; j < m && it[j].key == it[i].key; j++)
			tier[it[j].idx] = t;
		i = j;
	}
	free(it);
	return 0;
}

const char *kh_score_pyramid_name(int tier)
{
	static const char *const names[] = {"key", "major", "ordinary", "small"};

	return tier >= 0 && tier <= KH_PYRAMID_SMALL ? names[tier] : "";
}
