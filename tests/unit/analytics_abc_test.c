/* analytics_abc_test.c: ABC by share and by count and the Pareto curve:
 * the boundary customer, ties, zero and negative values, and the partition
 * properties on a larger random population. */
#include "test.h"

#include <math.h>
#include <string.h>

#include "analytics/abc.h"
#include "base/error.h"
#include "base/rng.h"

static const struct kh_abc_params defaults = {0.50, 0.80, 0.05, 0.15};

static void expect_classes(const int64_t *v, size_t n, const char *want)
{
	uint8_t cls[16];
	char got[17];

	assert_int_equal(kh_abc_by_share(v, n, &defaults, cls, NULL), 0);
	for (size_t i = 0; i < n; i++)
		got[i] = kh_abc_name(cls[i])[0];
	got[n] = '\0';
	assert_string_equal(got, want);
}

static void by_share_by_hand(void **state)
{
	/* total 100. 60: 0% above it < 50% -> A; 30: 60% above >= 50%, < 80%
	 * -> B; 10: 90% above -> C */
	expect_classes((int64_t[]){60, 30, 10}, 3, "ABC");
	/* the customer that reaches exactly 50% is A; the next starts at 50%,
	 * which is not below 50%, so B; the one starting at 80% is C */
	expect_classes((int64_t[]){20, 50, 30}, 3, "CAB");
	/* ties get one class: the two 40s start at 0% -> both A */
	expect_classes((int64_t[]){40, 20, 40}, 3, "ACA");
	/* zero and negative values are C and do not count in the total */
	expect_classes((int64_t[]){0, 100, -50, 0}, 4, "CACC");
	/* nothing positive: all C */
	expect_classes((int64_t[]){0, -1}, 2, "CC");
	expect_classes((int64_t[]){0}, 1, "C");
}

static void by_share_summary(void **state)
{
	static const int64_t v[] = {40, 20, 40, 0, -5};
	uint8_t cls[5];
	struct kh_abc_summary s;

	assert_int_equal(kh_abc_by_share(v, 5, &defaults, cls, &s), 0);
	assert_int_equal(s.count[KH_ABC_A], 2);
	assert_int_equal(s.count[KH_ABC_B], 0);
	assert_int_equal(s.count[KH_ABC_C], 3);
	assert_true(s.total == 100);
	assert_true(s.share[KH_ABC_A] == 0.8 && s.share[KH_ABC_C] == 0.2);
}

static void by_count_by_hand(void **state)
{
	int64_t v[20];
	uint8_t cls[20];
	struct kh_abc_summary s;

	/* 20 customers valued 20, 19, ..., 1: A = ceil(5% of 20) = 1,
	 * up to ceil(20% of 20) = 4 -> B = 3, C = 16 */
	for (int i = 0; i < 20; i++)
		v[i] = 20 - i;
	assert_int_equal(kh_abc_by_count(v, 20, &defaults, cls, &s), 0);
	assert_int_equal(cls[0], KH_ABC_A);
	assert_int_equal(cls[1], KH_ABC_B);
	assert_int_equal(cls[3], KH_ABC_B);
	assert_int_equal(cls[4], KH_ABC_C);
	assert_int_equal(s.count[KH_ABC_A], 1);
	assert_int_equal(s.count[KH_ABC_B], 3);
	assert_int_equal(s.count[KH_ABC_C], 16);
	/* a tie across the A line: both take A */
	v[1] = 20;
	assert_int_equal(kh_abc_by_count(v, 20, &defaults, cls, &s), 0);
	assert_int_equal(cls[0], KH_ABC_A);
	assert_int_equal(cls[1], KH_ABC_A);
	assert_int_equal(cls[2], KH_ABC_B);
	/* 10 customers: ceil(0.5) = 1 A, ceil(2) = 2 -> 1 B; values <= 0 C */
	{
		int64_t w[10] = {5, 4, 3, 0, 0, 0, 0, 0, 0, -1};

		assert_int_equal(kh_abc_by_count(w, 10, &defaults, cls, NULL), 0);
		assert_int_equal(cls[0], KH_ABC_A);
		assert_int_equal(cls[1], KH_ABC_B);
		assert_int_equal(cls[2], KH_ABC_C);
		assert_int_equal(cls[3], KH_ABC_C);
		assert_int_equal(cls[9], KH_ABC_C);
	}
}

static void pareto_by_hand(void **state)
{
	static const int64_t v[] = {10, 60, -5, 30};
	struct kh_pareto_point pt[5];

	/* positive total 100; shares of 4 customers: top 0, 1, 2, 3, 4 ->
	 * 0, 60%, 90%, 100%, 100% */
	assert_int_equal(kh_abc_pareto(v, 4, 4, pt), 0);
	assert_true(pt[0].customers == 0 && pt[0].value == 0);
	assert_true(pt[1].customers == 0.25 && fabs(pt[1].value - 0.6) < 1e-15);
	assert_true(fabs(pt[2].value - 0.9) < 1e-15);
	assert_true(pt[3].value == 1 && pt[4].value == 1 && pt[4].customers == 1);
	assert_int_equal(kh_abc_pareto(v, 4, 0, pt), KH_EINVAL);
}

static void properties_on_random_population(void **state)
{
	enum { N = 5000 };
	static int64_t v[N];
	static uint8_t cls[N];
	struct kh_abc_summary s;
	struct kh_pareto_point pt[101];
	struct kh_rng rng;
	double sa = 0;

	kh_rng_seed(&rng, 42);
	for (int i = 0; i < N; i++) {
		/* long-tailed, with some zero and negative profits and ties */
		v[i] = (int64_t)(kh_rng_exponential(&rng, 1) * kh_rng_exponential(&rng, 1) * 1000) -
		       100;
		if (i % 50 == 0)
			v[i] = 777;
	}
	assert_int_equal(kh_abc_by_share(v, N, &defaults, cls, &s), 0);
	/* a partition; the shares add up to 1 */
	assert_int_equal(s.count[0] + s.count[1] + s.count[2], N);
	assert_true(fabs(s.share[0] + s.share[1] + s.share[2] - 1) < 1e-12);
	/* A reaches 50%, and a better value never gets a worse class */
	assert_true(s.share[KH_ABC_A] >= 0.5);
	assert_true(s.share[KH_ABC_A] + s.share[KH_ABC_B] >= 0.8);
	for (int i = 0; i < N; i++) {
		if (cls[i] == KH_ABC_A)
			sa += (double)v[i];
		for (int j = 0; j < N; j += 97)
			if (v[j] > v[i])
				assert_true(cls[j] <= cls[i]);
	}
	assert_true(fabs(sa / s.total - s.share[KH_ABC_A]) < 1e-12);
	/* by count: about 5% / 15% (ties may round up) */
	assert_int_equal(kh_abc_by_count(v, N, &defaults, cls, &s), 0);
	assert_int_equal(s.count[0] + s.count[1] + s.count[2], N);
	assert_true(s.count[KH_ABC_A] >= 250 && s.count[KH_ABC_A] < 260);
	/* the Pareto curve rises and is concave */
	assert_int_equal(kh_abc_pareto(v, N, 100, pt), 0);
	for (int k = 1; k <= 100; k++) {
		assert_true(pt[k].value >= pt[k - 1].value);
		if (k >= 2)
			assert_true(pt[k].value - pt[k - 1].value <=
				    pt[k - 1].value - pt[k - 2].value + 1e-12);
	}
	assert_true(pt[100].value == 1);
}

static void bad_params(void **state)
{
	static const int64_t v[] = {1, 2};
	uint8_t cls[2] = {9, 9};
	struct kh_abc_params p = defaults;

	p.a_share = 0.9;
	assert_int_equal(kh_abc_by_share(v, 2, &p, cls, NULL), KH_EINVAL);
	p = defaults;
	p.a_share = 0;
	assert_int_equal(kh_abc_by_share(v, 2, &p, cls, NULL), KH_EINVAL);
	p = defaults;
	p.count_b = 0.99;
	assert_int_equal(kh_abc_by_count(v, 2, &p, cls, NULL), KH_EINVAL);
	assert_true(cls[0] == 9 && cls[1] == 9);
	assert_string_equal(kh_abc_name(7), "?");
	/* the default macro is the DOMAIN's */
	p = KH_ABC_PARAMS_DEFAULT;
	assert_true(memcmp(&p, &defaults, sizeof(p)) == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(by_share_by_hand),
		cmocka_unit_test(by_share_summary),
		cmocka_unit_test(by_count_by_hand),
		cmocka_unit_test(pareto_by_hand),
		cmocka_unit_test(properties_on_random_population),
		cmocka_unit_test(bad_params),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
