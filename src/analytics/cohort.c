/*
 * cohort.c: the cohort table (see cohort.h). Each customer's order days are
 * mapped to period numbers; a small per-customer bitmap of the periods seen
 * would need allocation, so instead the customer's periods go to a reused
 * scratch buffer, are sorted if they are not already, and walked once.
 */
#include "analytics/cohort.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/error.h"
#include "base/parse.h"
#include "base/banned.h"

static int period_of(int32_t day, enum kh_cohort_period per)
{
	int y;
	unsigned m, d;

	kh_civil_from_days(day, &y, &m, &d);
	return per == KH_COHORT_YEAR ? y : y * 4 + (int)(m - 1) / 3;
}

static int cmp_int(const void *pa, const void *pb)
{
	int a = *(const int *)pa, b = *(const int *)pb;

	return (a > b) - (a < b);
}

void kh_cohort_free(struct kh_cohort_table *t)
{
	if (!t)
		return;
	free(t->size);
	free(t->active);
	free(t->both);
	free(t);
}

int kh_cohort_build(const int32_t *days, const size_t *start, size_t n, int32_t as_of,
		    enum kh_cohort_period period, struct kh_cohort_table **out)
{
	struct kh_cohort_table *t = NULL;
	int *scratch = NULL, pmin = 0, plast = period_of(as_of, period);
	size_t maxlen = 0, nc;
	bool any = false;
	int rc = KH_ENOMEM;

	for (size_t i = 0; i < n; i++) {
		if (start[i + 1] < start[i])
			return KH_EINVAL;
		if (start[i + 1] - start[i] > maxlen)
			maxlen = start[i + 1] - start[i];
		for (size_t j = start[i]; j < start[i + 1]; j++)
			if (days[j] <= as_of) {
				int p = period_of(days[j], period);

				if (!any || p < pmin)
					pmin = p;
				any = true;
			}
	}
	if (!any)
		return KH_ENOTFOUND;
	if (!(t = calloc(1, sizeof(*t))) || !(scratch = malloc((maxlen ? maxlen : 1) * sizeof(int))))
		goto out;
	/* Only the latest KH_COHORT_MAX periods: older cohorts are counted, not shown. */
	if (plast - pmin + 1 > KH_COHORT_MAX) {
		pmin = plast - KH_COHORT_MAX + 1;
		t->capped = true;
	}
	nc = (size_t)(plast - pmin + 1);
	t->period = period;
	t->first = pmin;
	t->ncohorts = t->noffsets = nc;
	t->size = calloc(nc, sizeof(*t->size));
	t->active = calloc(nc * nc, sizeof(*t->active));
	t->both = calloc(nc * nc, sizeof(*t->both));
	if (!t->size || !t->active || !t->both)
		goto out;
	for (size_t i = 0; i < n; i++) {
		size_t m = 0, c;
		int prev = 0;

		for (size_t j = start[i]; j < start[i + 1]; j++)
			if (days[j] <= as_of)
				scratch[m++] = period_of(days[j], period);
		if (m == 0)
			continue;
		for (size_t j = 1; j < m; j++)
			if (scratch[j] < scratch[j - 1]) {
				qsort(scratch, m, sizeof(int), cmp_int);
				break;
			}
		if (scratch[0] < pmin) {
			t->left_out++;
			continue;
		}
		c = (size_t)(scratch[0] - pmin);
		t->size[c]++;
		for (size_t j = 0; j < m; j++) {
			size_t k;

			if (j > 0 && scratch[j] == prev)
				continue;
			k = (size_t)(scratch[j] - scratch[0]);
			t->active[c * nc + k]++;
			if (j > 0 && scratch[j] == prev + 1)
				t->both[c * nc + k]++;
			prev = scratch[j];
		}
	}
	*out = t;
	t = NULL;
	rc = 0;
out:
	kh_cohort_free(t);
	free(scratch);
	return rc;
}

static bool observed(const struct kh_cohort_table *t, size_t c, size_t k)
{
	return c < t->ncohorts && k < t->noffsets && c + k < t->ncohorts;
}

double kh_cohort_retention(const struct kh_cohort_table *t, size_t c, size_t k)
{
	if (!observed(t, c, k) || t->size[c] == 0)
		return NAN;
	return (double)t->active[c * t->noffsets + k] / (double)t->size[c];
}

double kh_cohort_churn(const struct kh_cohort_table *t, size_t c, size_t k)
{
	uint32_t prev;

	if (k == 0 || !observed(t, c, k))
		return NAN;
	prev = t->active[c * t->noffsets + k - 1];
	if (prev == 0)
		return NAN;
	return 1 - (double)t->both[c * t->noffsets + k] / (double)prev;
}

void kh_cohort_label(const struct kh_cohort_table *t, size_t c, char buf[8])
{
	int p = t->first + (int)c, y = t->period == KH_COHORT_YEAR ? p : p / 4;
	unsigned q = (unsigned)(p % 4 + 1);

	/* Years outside 0..9999 cannot come from kh_civil_from_days on kehu's
	 * dates; clamping keeps the label within its 8 bytes regardless. */
	y = y < 0 ? 0 : y > 9999 ? 9999 : y;
	if (t->period == KH_COHORT_YEAR)
		snprintf(buf, 8, "%04u", (unsigned)y);
	else
		snprintf(buf, 8, "%04uQ%u", (unsigned)y, q > 4 ? 4u : q);
}
