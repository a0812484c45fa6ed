/* analytics_quadrant_test.c: 2x2 splits at the median, the mean and fixed
 * cuts, unknown metrics, the axis metrics and the names of the five
 * matrices. */
#include "test.h"

#include <math.h>

#include "analytics/quadrant.h"
#include "base/error.h"

static void median_split_by_hand(void **state)
{
	/* medians of 1 2 3 4 and of 4 3 2 1 are both 2.5 */
	static const double x[] = {1, 2, 3, 4}, y[] = {4, 3, 2, 1};
	const struct kh_axis_cut med = {KH_CUT_MEDIAN, 0};
	uint8_t q[4];
	double cx, cy;

	assert_int_equal(kh_quadrant_split(x, y, 4, &med, &med, q, &cx, &cy), 0);
	assert_true(cx == 2.5 && cy == 2.5);
	assert_int_equal(q[0], KH_QUAD_LH);
	assert_int_equal(q[1], KH_QUAD_LH);
	assert_int_equal(q[2], KH_QUAD_HL);
	assert_int_equal(q[3], KH_QUAD_HL);
}

static void mean_fixed_and_unknown(void **state)
{
	/* x: the mean of the known values (1 + 1 + 1 + 9) / 4 = 3, so only 9
	 * is high; y cut fixed at 5 (a value equal to the cut is low) */
	static const double x[] = {1, 1, 1, 9, NAN}, y[] = {0, 5, 10, 5, 5};
	const struct kh_axis_cut mean = {KH_CUT_MEAN, 0}, fixed = {KH_CUT_FIXED, 5};
	const struct kh_axis_cut med = {KH_CUT_MEDIAN, 0};
	uint8_t q[5];
	double cx, cy;

	assert_int_equal(kh_quadrant_split(x, y, 5, &mean, &fixed, q, &cx, &cy), 0);
	assert_true(cx == 3 && cy == 5);
	assert_int_equal(q[0], KH_QUAD_LL);
	assert_int_equal(q[1], KH_QUAD_LL); /* y = 5 is at the cut: low */
	assert_int_equal(q[2], KH_QUAD_LH);
	assert_int_equal(q[3], KH_QUAD_HL);
	assert_int_equal(q[4], KH_QUAD_NONE);
	/* medians: x of 1 1 1 9 is 1, y of 0 5 5 5 10 is 5 */
	assert_int_equal(kh_quadrant_split(x, y, 5, &med, &med, q, &cx, NULL), 0);
	assert_true(cx == 1);
	assert_int_equal(q[0], KH_QUAD_LL);
	assert_int_equal(q[2], KH_QUAD_LH);
	assert_int_equal(q[3], KH_QUAD_HL);
	/* no known value on an axis: the cut is NaN and everyone unknown... */
	{
		static const double nx[] = {NAN, NAN};

		assert_int_equal(kh_quadrant_split(nx, y, 2, &med, &med, q, &cx, &cy), 0);
		assert_true(isnan(cx));
		assert_int_equal(q[0], KH_QUAD_NONE);
	}
	/* ... a fixed cut must be a number */
	{
		const struct kh_axis_cut bad = {KH_CUT_FIXED, NAN};

		assert_int_equal(kh_quadrant_split(x, y, 5, &bad, &med, q, NULL, NULL),
				 KH_EINVAL);
	}
}

static void names(void **state)
{
	/* the sources' order: both high / x high only / y high only / both low */
	assert_string_equal(kh_quadrant_name(KH_MATRIX_VALUE_RESPONSE, KH_QUAD_HH), "best");
	assert_string_equal(kh_quadrant_name(KH_MATRIX_VALUE_RESPONSE, KH_QUAD_HL), "stranger");
	assert_string_equal(kh_quadrant_name(KH_MATRIX_VALUE_RESPONSE, KH_QUAD_LH),
			    "fatal_attraction");
	assert_string_equal(kh_quadrant_name(KH_MATRIX_VALUE_RESPONSE, KH_QUAD_LL), "ghost");
	assert_string_equal(kh_quadrant_name(KH_MATRIX_VALUE_LOYALTY, KH_QUAD_HH), "golden");
	assert_string_equal(kh_quadrant_name(KH_MATRIX_VALUE_LOYALTY, KH_QUAD_HL), "at_risk");
	assert_string_equal(kh_quadrant_name(KH_MATRIX_VALUE_LOYALTY, KH_QUAD_LH),
			    "dont_over_serve");
	assert_string_equal(kh_quadrant_name(KH_MATRIX_VALUE_LOYALTY, KH_QUAD_LL), "marginal");
	assert_string_equal(kh_quadrant_name(KH_MATRIX_BENEFIT, KH_QUAD_HL), "selling");
	assert_string_equal(kh_quadrant_name(KH_MATRIX_BENEFIT, KH_QUAD_LH), "networking");
	assert_string_equal(kh_quadrant_name(KH_MATRIX_VOLUME_PROFIT, KH_QUAD_HH), "core");
	assert_string_equal(kh_quadrant_name(KH_MATRIX_CURRENT_POTENTIAL, KH_QUAD_HL),
			    "secondary");
	assert_string_equal(kh_quadrant_name(KH_MATRIX_CURRENT_POTENTIAL, KH_QUAD_LH),
			    "potential");
	assert_string_equal(kh_quadrant_name(KH_MATRIX_CURRENT_POTENTIAL, KH_QUAD_NONE), "");
	assert_string_equal(kh_quadrant_name(KH_MATRIX_COUNT, 0), "");
	assert_string_equal(kh_matrix_name(KH_MATRIX_BENEFIT), "benefit");
	assert_string_equal(kh_matrix_name(KH_MATRIX_COUNT), "");
}

/* Campaign mail is contact, a click on it an answer: (orders + clicks) /
 * (1 + activities + mails). */
static void campaign_mail_counts_in_the_response(void **state)
{
	struct kh_quadrant_input in = {
		.profit_12m_fen = 3000, .orders = 5, .orders_12m = 4, .activities_12m = 1,
	};
	double x, y, before;

	kh_quadrant_axes(KH_MATRIX_VALUE_RESPONSE, &in, &x, &before);
	assert_true(before == 2);
	/* seven messages never clicked: 4 / (1 + 1 + 7) */
	in.mails_12m = 7;
	kh_quadrant_axes(KH_MATRIX_VALUE_RESPONSE, &in, &x, &y);
	assert_true(x == 3000 && fabs(y - 4.0 / 9.0) < 1e-12 && y < before);
	/* three of them clicked: (4 + 3) / 9 */
	in.mail_clicks_12m = 3;
	kh_quadrant_axes(KH_MATRIX_VALUE_RESPONSE, &in, &x, &y);
	assert_true(fabs(y - 7.0 / 9.0) < 1e-12);
	/* the other matrices do not read the mail */
	kh_quadrant_axes(KH_MATRIX_VALUE_LOYALTY, &in, &x, &y);
	assert_true(y == 0);
	/* no buyer, no response, however many clicks */
	in.orders = 0;
	kh_quadrant_axes(KH_MATRIX_VALUE_RESPONSE, &in, &x, &y);
	assert_true(isnan(x) && isnan(y));
}

static void axes_of_the_five_matrices(void **state)
{
	struct kh_quadrant_input in = {
		.profit_12m_fen = 3000, .revenue_12m_fen = 12000, .orders = 5, .orders_12m = 4,
		.activities_12m = 1, .quarters_active_8 = 6, .indirect_benefit = 2.5,
		.clv_fen = 90000,
	};
	double x, y;

	kh_quadrant_axes(KH_MATRIX_VALUE_RESPONSE, &in, &x, &y);
	assert_true(x == 3000 && y == 2); /* 4 orders per (1 + 1) contacts */
	kh_quadrant_axes(KH_MATRIX_VALUE_LOYALTY, &in, &x, &y);
	assert_true(x == 3000 && y == 6);
	kh_quadrant_axes(KH_MATRIX_BENEFIT, &in, &x, &y);
	assert_true(x == 3000 && y == 2.5);
	kh_quadrant_axes(KH_MATRIX_VOLUME_PROFIT, &in, &x, &y);
	assert_true(x == 12000 && y == 0.25);
	kh_quadrant_axes(KH_MATRIX_CURRENT_POTENTIAL, &in, &x, &y);
	assert_true(x == 3000 && y == 90000);

	/* no revenue in 12 months: no margin; CLV unknown: no potential */
	in.revenue_12m_fen = 0;
	in.clv_fen = -1;
	kh_quadrant_axes(KH_MATRIX_VOLUME_PROFIT, &in, &x, &y);
	assert_true(x == 0 && isnan(y));
	kh_quadrant_axes(KH_MATRIX_CURRENT_POTENTIAL, &in, &x, &y);
	assert_true(x == 3000 && isnan(y));

	/* a prospect has no value axis, but may have an indirect benefit */
	in = (struct kh_quadrant_input){.indirect_benefit = 4, .clv_fen = 100};
	for (int m = 0; m < KH_MATRIX_COUNT; m++) {
		kh_quadrant_axes((enum kh_matrix)m, &in, &x, &y);
		assert_true(isnan(x));
		if (m == KH_MATRIX_BENEFIT)
			assert_true(y == 4);
		else if (m == KH_MATRIX_CURRENT_POTENTIAL)
			assert_true(y == 100);
		else
			assert_true(isnan(y));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(median_split_by_hand),
		cmocka_unit_test(mean_fixed_and_unknown),
		cmocka_unit_test(names),
		cmocka_unit_test(axes_of_the_five_matrices),
		cmocka_unit_test(campaign_mail_counts_in_the_response),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
