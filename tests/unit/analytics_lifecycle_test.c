/* analytics_lifecycle_test.c: lifecycle and loyalty stages with the DOMAIN 4
 * defaults, each rule at its boundary. */
#include "test.h"

#include <math.h>
#include <string.h>

#include "analytics/lifecycle.h"
#include "base/error.h"
#include "base/parse.h"

static const struct kh_lifecycle_params P = {2.0, 0.5, 365, 730, 180, 3, 2, 6};

static int32_t day(int y, unsigned m, unsigned d)
{
	return kh_days_from_civil(y, m, d);
}

/* A customer with `orders` orders, the first `first_ago` and the last
 * `last_ago` days before today, an average interval of `interval` days. */
static struct kh_customer_facts cust(int32_t today, uint32_t orders, int32_t first_ago,
				     int32_t last_ago, double interval)
{
	struct kh_customer_facts c;

	memset(&c, 0, sizeof(c));
	c.orders = orders;
	c.first_order = orders ? today - first_ago : KH_NO_DATE;
	c.last_order = orders ? today - last_ago : KH_NO_DATE;
	c.avg_interval_days = orders >= 2 ? interval : NAN;
	c.p_alive = NAN;
	return c;
}

static void lifecycle_rules(void **state)
{
	const int32_t today = day(2026, 6, 30);
	struct kh_customer_facts c;

	c = cust(today, 0, 0, 0, 0);
	assert_int_equal(kh_lifecycle_stage(&c, today, &P), KH_LIFE_POTENTIAL);
	c.open_opportunities = 1;
	assert_int_equal(kh_lifecycle_stage(&c, today, &P), KH_LIFE_OPPORTUNITY);
	/* average interval 30: dormant after more than 2 x 30 = 60 days */
	c = cust(today, 5, 200, 60, 30);
	assert_int_equal(kh_lifecycle_stage(&c, today, &P), KH_LIFE_REPEAT);
	c = cust(today, 5, 200, 61, 30);
	assert_int_equal(kh_lifecycle_stage(&c, today, &P), KH_LIFE_DORMANT);
	/* P(alive) below 0.5 is dormant even after a recent order */
	c = cust(today, 5, 200, 1, 30);
	c.p_alive = 0.49;
	assert_int_equal(kh_lifecycle_stage(&c, today, &P), KH_LIFE_DORMANT);
	c.p_alive = 0.5;
	assert_int_equal(kh_lifecycle_stage(&c, today, &P), KH_LIFE_REPEAT);
	/* one order: new, dormant after 365 days */
	c = cust(today, 1, 365, 365, 0);
	assert_int_equal(kh_lifecycle_stage(&c, today, &P), KH_LIFE_NEW);
	c = cust(today, 1, 366, 366, 0);
	assert_int_equal(kh_lifecycle_stage(&c, today, &P), KH_LIFE_DORMANT);
	/* churned after 730 days without an order, whatever the interval */
	c = cust(today, 9, 2000, 730, 400);
	assert_int_equal(kh_lifecycle_stage(&c, today, &P), KH_LIFE_REPEAT);
	c = cust(today, 9, 2000, 731, 400);
	assert_int_equal(kh_lifecycle_stage(&c, today, &P), KH_LIFE_CHURNED);
}

static void loyalty_rules(void **state)
{
	const int32_t today = day(2026, 6, 30);
	struct kh_customer_facts c;
	enum kh_lifecycle l;

	c = cust(today, 0, 0, 0, 0);
	assert_int_equal(kh_loyalty_stage(&c, KH_LIFE_POTENTIAL, today, &P), KH_LOYALTY_POTENTIAL);
	/* first order exactly two calendar years ago (2024-06-30), active,
	 * 6 of the last 8 quarters, not price-driven: loyal */
	c = cust(today, 20, today - day(2024, 6, 30), 10, 30);
	c.quarters_active_8 = 6;
	c.orders_12m = 8;
	l = kh_lifecycle_stage(&c, today, &P);
	assert_int_equal(l, KH_LIFE_REPEAT);
	assert_int_equal(kh_loyalty_stage(&c, l, today, &P), KH_LOYALTY_LOYAL);
	c.price_driven = true;
	assert_int_equal(kh_loyalty_stage(&c, l, today, &P), KH_LOYALTY_OLD);
	c.price_driven = false;
	c.quarters_active_8 = 5;
	assert_int_equal(kh_loyalty_stage(&c, l, today, &P), KH_LOYALTY_OLD);
	/* one day short of two years: not old; 8 orders in 12 months: regular */
	c.first_order = day(2024, 7, 1);
	assert_int_equal(kh_loyalty_stage(&c, l, today, &P), KH_LOYALTY_REGULAR);
	/* old but dormant is not old: it falls to regular or below */
	c = cust(today, 20, 1500, 200, 30);
	c.quarters_active_8 = 6;
	l = kh_lifecycle_stage(&c, today, &P);
	assert_int_equal(l, KH_LIFE_DORMANT);
	assert_int_equal(kh_loyalty_stage(&c, l, today, &P), KH_LOYALTY_OCCASIONAL);
	/* first order 180 days ago: new; 181: neither new nor regular */
	c = cust(today, 1, 180, 180, 0);
	c.orders_12m = 1;
	assert_int_equal(kh_loyalty_stage(&c, KH_LIFE_NEW, today, &P), KH_LOYALTY_NEW);
	c = cust(today, 1, 181, 181, 0);
	c.orders_12m = 1;
	assert_int_equal(kh_loyalty_stage(&c, KH_LIFE_NEW, today, &P), KH_LOYALTY_OCCASIONAL);
	/* three orders in 12 months beats "new" */
	c = cust(today, 3, 100, 5, 45);
	c.orders_12m = 3;
	assert_int_equal(kh_loyalty_stage(&c, KH_LIFE_REPEAT, today, &P), KH_LOYALTY_REGULAR);
}

static void batch_and_names(void **state)
{
	const int32_t today = day(2026, 6, 30);
	struct kh_customer_facts c[3];
	uint8_t life[3], loyal[3];
	struct kh_lifecycle_params bad = P;

	c[0] = cust(today, 0, 0, 0, 0);
	c[1] = cust(today, 1, 10, 10, 0);
	c[2] = cust(today, 4, 900, 800, 30);
	assert_int_equal(kh_lifecycle_classify(c, 3, today, &P, life, loyal), 0);
	assert_string_equal(kh_lifecycle_name(life[0]), "potential");
	assert_string_equal(kh_lifecycle_name(life[1]), "new");
	assert_string_equal(kh_lifecycle_name(life[2]), "churned");
	assert_string_equal(kh_loyalty_name(loyal[0]), "potential");
	assert_string_equal(kh_loyalty_name(loyal[1]), "new");
	assert_string_equal(kh_loyalty_name(loyal[2]), "occasional");
	assert_string_equal(kh_lifecycle_name(99), "");
	assert_string_equal(kh_loyalty_name(-1), "");
	assert_int_equal(kh_lifecycle_classify(c, 3, today, &P, NULL, loyal), 0);
	bad.churned_days = -1;
	assert_int_equal(kh_lifecycle_classify(c, 3, today, &bad, life, loyal), KH_EINVAL);
	/* the defaults macro */
	bad = KH_LIFECYCLE_PARAMS_DEFAULT;
	assert_true(memcmp(&bad, &P, sizeof(P)) == 0);
}

static void years_before(void **state)
{
	assert_int_equal(kh_lifecycle_years_before(day(2026, 6, 30), 2), day(2024, 6, 30));
	/* 29 February to a year without one */
	assert_int_equal(kh_lifecycle_years_before(day(2028, 2, 29), 2), day(2026, 2, 28));
	assert_int_equal(kh_lifecycle_years_before(day(2028, 2, 29), 4), day(2024, 2, 29));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lifecycle_rules),
		cmocka_unit_test(loyalty_rules),
		cmocka_unit_test(batch_and_names),
		cmocka_unit_test(years_before),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
