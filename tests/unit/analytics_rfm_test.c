/* analytics_rfm_test.c: RFM quintile scores by rank, with ties and
 * customers without orders. */
#include "test.h"

#include <math.h>
#include <string.h>

#include "analytics/rfm.h"
#include "base/error.h"

static void quintiles_by_hand(void **state)
{
	static const double v[10] = {5, 3, 9, 1, 7, 2, 8, 4, 10, 6};
	uint8_t s[10];

	/* ten distinct values: position k (ascending) scores 1 + floor(5k/10):
	 * 1 2 -> 1, 3 4 -> 2, 5 6 -> 3, 7 8 -> 4, 9 10 -> 5 */
	assert_int_equal(kh_rfm_quantile_scores(v, NULL, 10, 5, s), 0);
	for (int i = 0; i < 10; i++)
		assert_int_equal(s[i], 1 + ((int)v[i] - 1) / 2);
}

static void ties_and_exclusions(void **state)
{
	/* included values 1 1 1 2 5 (m = 5): the 1s start at k = 0 -> 1; 2 at
	 * k = 3 -> 1 + 15/5 = 4; 5 at k = 4 -> 5. The excluded 99 scores 0. */
	static const double v[6] = {1, 2, 1, 99, 5, 1};
	static const uint8_t inc[6] = {1, 1, 1, 0, 1, 1};
	uint8_t s[6];

	assert_int_equal(kh_rfm_quantile_scores(v, inc, 6, 5, s), 0);
	assert_int_equal(s[0], 1);
	assert_int_equal(s[1], 4);
	assert_int_equal(s[2], 1);
	assert_int_equal(s[3], 0);
	assert_int_equal(s[4], 5);
	assert_int_equal(s[5], 1);
	assert_int_equal(kh_rfm_quantile_scores(v, inc, 6, 0, s), KH_EINVAL);
}

static void rfm_of_customers(void **state)
{
	struct kh_customer_facts c[6];
	struct kh_rfm r[6];

	memset(c, 0, sizeof(c));
	/* customer i: last order on day 100 + i, i + 1 orders, revenue 1000 -
	 * 100 i; customer 5 has no orders */
	for (int i = 0; i < 5; i++) {
		c[i].orders = (uint32_t)i + 1;
		c[i].last_order = 100 + i;
		c[i].first_order = 50;
		c[i].revenue_fen = 1000 - 100 * i;
	}
	c[5].first_order = c[5].last_order = KH_NO_DATE;
	assert_int_equal(kh_rfm_score(c, 6, r), 0);
	/* five customers with orders: positions 0..4 score 1..5 */
	for (int i = 0; i < 5; i++) {
		assert_int_equal(r[i].r, i + 1); /* more recent, higher */
		assert_int_equal(r[i].f, i + 1); /* more orders, higher */
		assert_int_equal(r[i].m, 5 - i); /* more revenue, higher */
	}
	assert_true(r[5].r == 0 && r[5].f == 0 && r[5].m == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quintiles_by_hand),
		cmocka_unit_test(ties_and_exclusions),
		cmocka_unit_test(rfm_of_customers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
