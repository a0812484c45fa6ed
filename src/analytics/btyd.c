/*
 * btyd.c: from a transaction log to the per-customer (x, t_x, T, mean spend)
 * the models are fitted on (see btyd.h). A counting sort groups the log by
 * customer in O(n); only each customer's own few days are then sorted.
 */
#include "analytics/btyd.h"

#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/banned.h"

static int cmp_day(const void *pa, const void *pb)
{
	const struct kh_btyd_txn *a = pa, *b = pb;

	return (a->day > b->day) - (a->day < b->day);
}

int kh_btyd_summarise(struct kh_btyd_txn *txn, size_t n, size_t ncustomers, int32_t cal_end,
		      double unit_days, struct kh_btyd_obs *obs, uint8_t *in_cal, size_t *nin)
{
	struct kh_btyd_txn *tmp = NULL;
	size_t *start = NULL, count = 0;
	int rc = KH_ENOMEM;

	if (!(unit_days > 0))
		return KH_EINVAL;
	for (size_t i = 0; i < n; i++)
		if (txn[i].customer >= ncustomers)
			return KH_EINVAL;
	start = calloc(ncustomers + 1, sizeof(*start));
	tmp = malloc((n ? n : 1) * sizeof(*tmp));
	if (!start || !tmp)
		goto out;
	/* Counting sort by customer: start[c + 1] counts, then prefix sums. */
	for (size_t i = 0; i < n; i++)
		start[txn[i].customer + 1]++;
	for (size_t c = 0; c < ncustomers; c++)
		start[c + 1] += start[c];
	for (size_t i = 0; i < n; i++)
		tmp[start[txn[i].customer]++] = txn[i];
	/* start[c] now points at the end of customer c: shift back. */
	memmove(start + 1, start, ncustomers * sizeof(*start));
	start[0] = 0;
	memcpy(txn, tmp, n * sizeof(*txn));
	for (size_t c = 0; c < ncustomers; c++) {
		struct kh_btyd_txn *t = txn + start[c];
		size_t m = start[c + 1] - start[c];
		int32_t first, last;
		uint32_t days = 0;
		int64_t repeat_fen = 0;

		obs[c] = (struct kh_btyd_obs){0, 0, 0, 0};
		in_cal[c] = 0;
		for (size_t j = 1; j < m; j++)
			if (t[j].day < t[j - 1].day) {
				qsort(t, m, sizeof(*t), cmp_day);
				break;
			}
		if (m == 0 || t[0].day > cal_end)
			continue;
		first = last = t[0].day;
		for (size_t j = 0; j < m && t[j].day <= cal_end; j++) {
			if (j == 0 || t[j].day != t[j - 1].day) {
				days++;
				last = t[j].day;
			}
			/* amounts of the first purchase day are not repeat spend */
			if (t[j].day != first)
				repeat_fen += t[j].amount_fen;
		}
		obs[c].x = days - 1;
		obs[c].t_x = (double)(last - first) / unit_days;
		obs[c].T = (double)(cal_end - first) / unit_days;
		obs[c].mean_spend = days > 1 ? (double)repeat_fen / 100.0 / (double)(days - 1) : 0;
		in_cal[c] = 1;
		count++;
	}
	*nin = count;
	rc = 0;
out:
	free(start);
	free(tmp);
	return rc;
}
