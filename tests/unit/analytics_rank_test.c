/* analytics_rank_test.c: the deterministic ranking and the quantiles the
 * classifiers are built on. */
#include "test.h"

#include <math.h>

#include "analytics/rank.h"
#include "base/error.h"
#include "base/rng.h"

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

/* The radix path (n >= 256, indices ascending) and the qsort path (indices
 * shuffled) must give the same order, with NaN, +-0, infinities and ties. */
static void radix_agrees_with_qsort(void **state)
{
	enum { N = 3000 };
	static const double pool[] = {NAN, -0.0, 0.0, INFINITY, -INFINITY, -1e300, 1e-310,
				      -2.5, 2.5, 7, 7, 1e15, -1e-320};
	static struct kh_rank_item a[N], b[N];
	struct kh_rng rng;

	kh_rng_seed(&rng, 11);
	for (int dir = 0; dir < 2; dir++) {
		for (size_t i = 0; i < N; i++)
			a[i] = (struct kh_rank_item){
				i % 7 ? pool[kh_rng_range(&rng, 0, 12)] : kh_rng_normal(&rng), i};
		/* b: the same items, reversed, so idx is not ascending */
		for (size_t i = 0; i < N; i++)
			b[i] = a[N - 1 - i];
		kh_rank_sort(a, N, dir == 1);
		kh_rank_sort(b, N, dir == 1);
		for (size_t i = 0; i < N; i++)
			assert_int_equal(a[i].idx, b[i].idx);
		/* and the order is right: NaN last, ties by index */
		assert_true(isnan(a[N - 1].key));
		for (size_t i = 1; i < N; i++) {
			if (isnan(a[i].key))
				continue;
			assert_false(isnan(a[i - 1].key) && !isnan(a[i].key));
			if (a[i - 1].key == a[i].key)
				assert_true(a[i - 1].idx < a[i].idx);
			else
				assert_true(dir ? a[i - 1].key > a[i].key : a[i - 1].key < a[i].key);
		}
	}
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
		cmocka_unit_test(radix_agrees_with_qsort),
		cmocka_unit_test(quantiles_type7),
		cmocka_unit_test(count_shares),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
