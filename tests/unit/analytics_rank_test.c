/* analytics_rank_test.c: the deterministic ranking and the quantiles the
 * classifiers are built on. */
#include "test.h"

#include <math.h>

#include "analytics/rank.h"
#include "base/error.h"

static void sort_breaks_ties_by_index(void **state)
{
	struct kh_rank_item it[] = {{2, 0}, {5, 1}, {NAN, 2}, {2, 3}, {5, 4}, {-1, 5}};
	static const size_t desc[] = {1, 4, 0, 3, 5, 2}, asc[] = {5, 0, 3, 1, 4, 2};

	kh_rank_sort(it, 6, true);
	for (int i = 0; i < 6; i++)
		assert_int_equal(it[i].idx, desc[i]);
	kh_rank_sort(it, 6, false);
	for (int i = 0; i < 6; i++)
		assert_int_equal(it[i].idx, asc[i]);
	kh_rank_sort(it, 0, true);
}

static void quantiles_type7(void **state)
{
	/* sorted 1 2 3 4 10: h = 4q; q = 1/3 -> h = 1.333, 2 + 0.333 (3 - 2) =
	 * 2.3333; q = 0.5 -> 3; q = 2/3 -> h = 2.667, 3 + 0.667 (4 - 3) = 3.6667 */
	static const double v[] = {10, 3, NAN, 1, 4, 2, INFINITY};
	static const double q[] = {0, 1.0 / 3, 0.5, 2.0 / 3, 1};
	double cuts[5], mean;

	assert_int_equal(kh_rank_quantiles(v, 7, q, 5, cuts), 0);
	assert_true(cuts[0] == 1);
	assert_true(fabs(cuts[1] - 7.0 / 3) < 1e-12);
	assert_true(cuts[2] == 3);
	assert_true(fabs(cuts[3] - 11.0 / 3) < 1e-12);
	assert_true(cuts[4] == 10);
	/* the mean of the finite values: 20 / 5 */
	assert_int_equal(kh_rank_mean(v, 7, &mean), 0);
	assert_true(mean == 4);
	/* nothing finite */
	cuts[0] = 42;
	assert_int_equal(kh_rank_quantiles(v + 2, 1, q, 1, cuts), KH_ENOTFOUND);
	assert_true(cuts[0] == 42);
	assert_int_equal(kh_rank_mean(v + 2, 1, &mean), KH_ENOTFOUND);
	/* 9 x (2/3) rounds to 5.999999999999999; the quantile is still the
	 * data point s[6] itself, not a hair below it */
	{
		static const double ten[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

		assert_true(kh_rank_quantile(ten, 10, 2.0 / 3) == 6);
		assert_true(kh_rank_quantile(ten, 10, 1.0 / 3) == 3);
	}
}

static void count_shares(void **state)
{
	/* 0.05 x 100 is 5.000000000000001 in binary: still 5, not 6 */
	assert_int_equal(kh_rank_count_share(0.05, 100), 5);
	assert_int_equal(kh_rank_count_share(0.05 + 0.15, 100), 20);
	assert_int_equal(kh_rank_count_share(0.05, 10), 1);
	assert_int_equal(kh_rank_count_share(0.05, 0), 0);
	assert_int_equal(kh_rank_count_share(0, 10), 0);
	assert_int_equal(kh_rank_count_share(1, 7), 7);
	assert_int_equal(kh_rank_count_share(0.3, 7), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sort_breaks_ties_by_index),
		cmocka_unit_test(quantiles_type7),
		cmocka_unit_test(count_shares),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
