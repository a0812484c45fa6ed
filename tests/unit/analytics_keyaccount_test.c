/* analytics_keyaccount_test.c: slipping key accounts at each boundary and
 * the key-account candidates. */
#include "test.h"

#include <math.h>
#include <string.h>

#include "analytics/keyaccount.h"

static void slipping_by_hand(void **state)
{
	const struct kh_keyaccount_params p = KH_KEYACCOUNT_PARAMS_DEFAULT;
	struct kh_keyaccount_input in = {true, 700000, 1000000, 0.9, 0};

	/* down exactly 30%: not more than the threshold */
	assert_int_equal(kh_keyaccount_slipping(&in, &p), 0);
	in.revenue_12m_fen = 699999;
	assert_int_equal(kh_keyaccount_slipping(&in, &p), KH_SLIP_REVENUE_DROP);
	/* nothing in the year before: no drop to measure */
	in.revenue_prev_12m_fen = 0;
	in.revenue_12m_fen = 0;
	assert_int_equal(kh_keyaccount_slipping(&in, &p), 0);
	/* growth is no drop */
	in.revenue_prev_12m_fen = 100;
	in.revenue_12m_fen = 500;
	assert_int_equal(kh_keyaccount_slipping(&in, &p), 0);
	/* P(alive) at the threshold is not below it; unknown never slips */
	in.p_alive = 0.5;
	assert_int_equal(kh_keyaccount_slipping(&in, &p), 0);
	in.p_alive = 0.49;
	assert_int_equal(kh_keyaccount_slipping(&in, &p), KH_SLIP_LOW_P_ALIVE);
	in.p_alive = NAN;
	assert_int_equal(kh_keyaccount_slipping(&in, &p), 0);
	in.lost_opportunities_12m = 1;
	assert_int_equal(kh_keyaccount_slipping(&in, &p), KH_SLIP_LOST_OPPORTUNITY);
	/* all three, and none for a customer that is not a key account */
	in.p_alive = 0.1;
	in.revenue_12m_fen = 0;
	assert_int_equal(kh_keyaccount_slipping(&in, &p),
			 KH_SLIP_REVENUE_DROP | KH_SLIP_LOW_P_ALIVE | KH_SLIP_LOST_OPPORTUNITY);
	in.key_account = false;
	assert_int_equal(kh_keyaccount_slipping(&in, &p), 0);
}

static void reason_codes(void **state)
{
	assert_null(kh_keyaccount_reason_codes(0));
	assert_string_equal(kh_keyaccount_reason_codes(KH_SLIP_REVENUE_DROP), "revenue_drop");
	assert_string_equal(kh_keyaccount_reason_codes(KH_SLIP_LOW_P_ALIVE), "low_p_alive");
	assert_string_equal(
	    kh_keyaccount_reason_codes(KH_SLIP_REVENUE_DROP | KH_SLIP_LOST_OPPORTUNITY),
	    "revenue_drop,lost_opportunity");
	assert_string_equal(kh_keyaccount_reason_codes(7),
			    "revenue_drop,low_p_alive,lost_opportunity");
}

static void candidates(void **state)
{
	assert_true(kh_keyaccount_candidate(false, KH_ABC_A, KH_LOYALTY_REGULAR));
	assert_true(kh_keyaccount_candidate(false, KH_ABC_A, KH_LOYALTY_OLD));
	assert_true(kh_keyaccount_candidate(false, KH_ABC_A, KH_LOYALTY_LOYAL));
	/* already a key account, not A, or not (yet) a steady buyer */
	assert_false(kh_keyaccount_candidate(true, KH_ABC_A, KH_LOYALTY_LOYAL));
	assert_false(kh_keyaccount_candidate(false, KH_ABC_B, KH_LOYALTY_LOYAL));
	assert_false(kh_keyaccount_candidate(false, KH_ABC_A, KH_LOYALTY_NEW));
	assert_false(kh_keyaccount_candidate(false, KH_ABC_A, KH_LOYALTY_OCCASIONAL));
	assert_false(kh_keyaccount_candidate(false, KH_ABC_A, KH_LOYALTY_POTENTIAL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(slipping_by_hand),
	    cmocka_unit_test(reason_codes),
	    cmocka_unit_test(candidates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
