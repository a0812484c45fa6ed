/* analytics_grid_test.c: the value grid: every cell of the table, the
 * tertile cut points, one-order and no-order customers. */
#include "test.h"

#include <math.h>
#include <string.h>

#include "analytics/grid.h"
#include "base/error.h"
#include "base/rng.h"

static struct kh_customer_facts cust(uint32_t orders, double interval, int64_t amount)
{
	struct kh_customer_facts c;

	memset(&c, 0, sizeof(c));
	c.orders = orders;
	c.avg_interval_days = orders >= 2 ? interval : NAN;
	c.avg_amount_fen = amount;
	c.p_alive = NAN;
	return c;
}

static void every_cell_with_fixed_cuts(void **state)
{
	/* short <= 30 days < medium <= 90 < long; small <= 1000 fen < medium <=
	 * 5000 < large */
	const struct kh_grid_params p = {30, 90, 1000, 5000};
	static const struct {
		uint32_t orders;
		double interval;
		int64_t amount;
		int tier;
	} cases[] = {
		{5, 20, 6000, KH_GRID_PLATINUM},  /* large & short */
		{5, 60, 6000, KH_GRID_GOLD},      /* large & medium */
		{5, 30, 3000, KH_GRID_GOLD},      /* medium & short (30 is short) */
		{5, 100, 6000, KH_GRID_SILVER},   /* large & long */
		{5, 60, 3000, KH_GRID_SILVER},    /* medium & medium */
		{5, 20, 1000, KH_GRID_SILVER},    /* small (1000 is small) & short */
		{5, 91, 3000, KH_GRID_DEVELOPMENT}, /* medium & long */
		{5, 60, 500, KH_GRID_DEVELOPMENT},  /* small & medium */
		{5, 100, 500, KH_GRID_OPTIMISE},    /* small & long */
		{1, 0, 6000, KH_GRID_SILVER},       /* one order: long, so large & long */
		{1, 0, 500, KH_GRID_OPTIMISE},
		{0, 0, 0, KH_GRID_NONE},            /* no orders, no tier */
	};
	enum { N = sizeof(cases) / sizeof(cases[0]) };
	struct kh_customer_facts c[N];
	struct kh_grid_result r[N];
	struct kh_grid_cuts k;

	for (size_t i = 0; i < N; i++)
		c[i] = cust(cases[i].orders, cases[i].interval, cases[i].amount);
	assert_int_equal(kh_grid_classify(c, N, &p, r, &k), 0);
	for (size_t i = 0; i < N; i++)
		if (r[i].tier != cases[i].tier)
			fail_msg("case %zu: %s, want %s", i, kh_grid_name(r[i].tier),
				 kh_grid_name(cases[i].tier));
	assert_true(k.interval_short_days == 30 && k.amount_large_fen == 5000);
	assert_int_equal(r[9].interval_level, 2);
	assert_int_equal(r[0].amount_level, KH_GRID_HIGH);
	assert_string_equal(kh_grid_name(KH_GRID_OPTIMISE), "optimise");
	assert_string_equal(kh_grid_name(KH_GRID_NONE), "");
}

static void tertiles_by_hand(void **state)
{
	struct kh_customer_facts c[10];
	struct kh_grid_result r[10];
	struct kh_grid_cuts k;
	const struct kh_grid_params p = KH_GRID_PARAMS_DEFAULT;

	/* intervals 10..90 and amounts 100..900 (nine customers with two
	 * orders) plus one single-order customer who must not move the cuts.
	 * Type-7 tertiles of 10..90: h = 8/3 -> 30 + (2/3) 10 = 36.67 and
	 * h = 16/3 -> 60 + (1/3) 10 = 63.33; the amounts scale by 10. */
	for (int i = 0; i < 9; i++)
		c[i] = cust(2, 10.0 * (i + 1), 100 * (9 - i));
	c[9] = cust(1, 0, 500);
	assert_int_equal(kh_grid_classify(c, 10, &p, r, &k), 0);
	assert_true(fabs(k.interval_short_days - 110.0 / 3) < 1e-12);
	assert_true(fabs(k.interval_long_days - 190.0 / 3) < 1e-12);
	/* the amounts include the single-order customer's 500: ten sorted
	 * amounts 100 200 300 400 500 500 600 700 800 900, h = 3 and 6 exactly
	 * -> 400 and 600 */
	assert_true(k.amount_small_fen == 400);
	assert_true(k.amount_large_fen == 600);
	/* shortest interval has the largest amount: platinum; longest, smallest:
	 * optimise */
	assert_int_equal(r[0].tier, KH_GRID_PLATINUM);
	assert_int_equal(r[8].tier, KH_GRID_OPTIMISE);
	/* 40 days (medium) and 600 fen (medium: equal to the cut): silver */
	assert_int_equal(r[3].tier, KH_GRID_SILVER);
	/* one order, 500 (medium amount), long: development */
	assert_int_equal(r[9].tier, KH_GRID_DEVELOPMENT);
}

static void everyone_with_orders_gets_a_tier(void **state)
{
	enum { N = 3000 };
	static struct kh_customer_facts c[N];
	static struct kh_grid_result r[N];
	struct kh_rng rng;
	const struct kh_grid_params p = KH_GRID_PARAMS_DEFAULT;
	size_t per[6] = {0};

	kh_rng_seed(&rng, 3);
	for (int i = 0; i < N; i++)
		c[i] = cust((uint32_t)kh_rng_range(&rng, 0, 6), kh_rng_exponential(&rng, 0.02),
			    kh_rng_range(&rng, 100, 100000));
	assert_int_equal(kh_grid_classify(c, N, &p, r, NULL), 0);
	for (int i = 0; i < N; i++) {
		assert_true((c[i].orders == 0) == (r[i].tier == KH_GRID_NONE));
		per[r[i].tier]++;
	}
	for (int t = KH_GRID_PLATINUM; t <= KH_GRID_OPTIMISE; t++)
		assert_true(per[t] > 0);
	/* nobody with two orders: every customer with orders is long */
	for (int i = 0; i < 10; i++)
		c[i] = cust(1, 0, 100 * i);
	assert_int_equal(kh_grid_classify(c, 10, &p, r, NULL), 0);
	for (int i = 0; i < 10; i++)
		assert_int_equal(r[i].interval_level, 2);
}

static void bad_cuts(void **state)
{
	struct kh_customer_facts c = cust(2, 10, 100);
	struct kh_grid_result r = {9, 9, 9};
	const struct kh_grid_params p = {90, 30, NAN, NAN};

	assert_int_equal(kh_grid_classify(&c, 1, &p, &r, NULL), KH_EINVAL);
	assert_int_equal(r.tier, 9);
	assert_int_equal(kh_grid_tier_of(2, 0), KH_GRID_PLATINUM);
	assert_int_equal(kh_grid_tier_of(0, 2), KH_GRID_OPTIMISE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_cell_with_fixed_cuts),
		cmocka_unit_test(tertiles_by_hand),
		cmocka_unit_test(everyone_with_orders_gets_a_tier),
		cmocka_unit_test(bad_cuts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
