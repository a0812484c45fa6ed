/* analytics_finance_test.c: the value formulas of DOMAIN 6 by hand:
 * profit with cost to serve and late payment, simple CLV, lifetime, annual
 * sales, projected value, NPV, IRR and payback. */
#include "test.h"

#include <math.h>

#include "analytics/finance.h"
#include "base/error.h"

#define NEAR(got, want, tol) assert_true(fabs((got) - (want)) <= (tol))

static void profit_by_hand(void **state)
{
	/* the cost.* defaults */
	const struct kh_cost_rates rates = {30000, 1000, 50000, 100, 50, 20000, 0.0005};
	struct kh_customer_costs c = {
		.revenue_fen = 1000000, .product_cost_fen = 600000,
		.visits = 3, .calls = 10, .meetings = 1, .emails = 20, .messages = 10,
		.support_hours = 2.5,
		.late_fen_days = 0,
	};
	struct kh_profit p;

	/* late: 200000 fen paid 30 days late: 6,000,000 fen-days x 0.0005 = 3000 */
	c.late_fen_days = kh_finance_late_fen_days(200000, 30) + kh_finance_late_fen_days(5, -3);
	assert_true(c.late_fen_days == 6000000);
	/* serve: 3 x 30000 + 10 x 1000 + 50000 + 20 x 100 + 10 x 50 + 2.5 x 20000
	 * = 90000 + 10000 + 50000 + 2000 + 500 + 50000 = 202500;
	 * profit = 1000000 - 600000 - 202500 - 3000 = 194500 */
	assert_int_equal(kh_finance_profit(&c, &rates, &p), 0);
	assert_int_equal(p.serve_cost_fen, 202500);
	assert_int_equal(p.late_cost_fen, 3000);
	assert_int_equal(p.profit_fen, 194500);
	assert_int_equal(p.revenue_fen, 1000000);
	/* large by sales, small by profit: the seed's case */
	c.visits = 40;
	assert_int_equal(kh_finance_profit(&c, &rates, &p), 0);
	assert_true(p.profit_fen < 0);
	c.support_hours = -1;
	assert_int_equal(kh_finance_profit(&c, &rates, &p), KH_EINVAL);
}

static void retention_formulas(void **state)
{
	double v;

	/* m (1 + d) / (1 + d - r): 100 x 1.1 / 0.2 = 550 */
	assert_int_equal(kh_finance_clv_simple(100, 0.9, 0.1, &v), 0);
	NEAR(v, 550, 1e-9);
	/* the finite sum: N = 1 -> 100; N = 2 -> 100 + 100 x 0.9 / 1.1; N large
	 * -> 550 */
	assert_int_equal(kh_finance_clv_horizon(100, 0.9, 0.1, 1, &v), 0);
	NEAR(v, 100, 1e-12);
	assert_int_equal(kh_finance_clv_horizon(100, 0.9, 0.1, 2, &v), 0);
	NEAR(v, 100 + 100 * 0.9 / 1.1, 1e-12);
	assert_int_equal(kh_finance_clv_horizon(100, 0.9, 0.1, 2000, &v), 0);
	NEAR(v, 550, 1e-9);
	assert_int_equal(kh_finance_clv_horizon(100, 1.1, 0.1, 7, &v), 0);
	NEAR(v, 700, 1e-9);
	assert_int_equal(kh_finance_clv_horizon(100, 0, 0.1, 7, &v), 0);
	NEAR(v, 100, 1e-12);
	assert_int_equal(kh_finance_clv_horizon(100, 0.9, 0.1, 0, &v), 0);
	NEAR(v, 0, 0);
	assert_int_equal(kh_finance_clv_simple(100, 1.2, 0.1, &v), KH_EINVAL);
	/* DOMAIN 6: 90% -> 10 years, 95% -> 20 years */
	assert_int_equal(kh_finance_lifetime(0.9, &v), 0);
	NEAR(v, 10, 1e-12);
	assert_int_equal(kh_finance_lifetime(0.95, &v), 0);
	NEAR(v, 20, 1e-12);
	assert_int_equal(kh_finance_lifetime(1, &v), KH_EINVAL);
	/* 1000 customers x 0.8 x 2 a month x 500 x 12 = 9,600,000 */
	assert_int_equal(kh_finance_annual_sales(1000, 0.8, 2, 500, &v), 0);
	NEAR(v, 9600000, 1e-6);
	assert_int_equal(kh_finance_annual_sales(-1, 0.8, 2, 500, &v), KH_EINVAL);
	/* (365 / 30) x 1000 x 0.3 = 3650 */
	assert_int_equal(kh_finance_projected_value(365, 30, 1000, 0.3, &v), 0);
	NEAR(v, 3650, 1e-9);
	assert_int_equal(kh_finance_projected_value(365, 0, 1000, 0.3, &v), KH_EINVAL);
}

static void npv_irr_payback(void **state)
{
	const double cf[] = {-100, 60, 60};
	double v, irr, npv;
	int roots;

	/* -100 + 60 / 1.1 + 60 / 1.21 = 4.1322314 */
	assert_int_equal(kh_finance_npv(cf, 3, 0.1, &v), 0);
	NEAR(v, -100 + 60 / 1.1 + 60 / 1.21, 1e-12);
	/* IRR: 60 u^2 + 60 u - 100 = 0 with u = 1 / (1 + i):
	 * u = (-60 + sqrt(27600)) / 120, i = 1/u - 1 = 0.1306623863 */
	assert_int_equal(kh_finance_irr(cf, 3, &irr, &roots), 0);
	NEAR(irr, 120 / (-60 + sqrt(27600)) - 1, 1e-10);
	assert_int_equal(roots, 1);
	/* NPV at the IRR is 0 */
	assert_int_equal(kh_finance_npv(cf, 3, irr, &npv), 0);
	NEAR(npv, 0, 1e-9);
	/* -100, 110: exactly 10% */
	assert_int_equal(kh_finance_irr((double[]){-100, 110}, 2, &irr, NULL), 0);
	NEAR(irr, 0.1, 1e-11);
	/* -100 230 -132: (1 + i) = 1.1 or 1.2; the one closer to 0 is reported */
	assert_int_equal(kh_finance_irr((double[]){-100, 230, -132}, 3, &irr, &roots), 0);
	NEAR(irr, 0.1, 1e-10);
	assert_int_equal(roots, 2);
	/* a loss-maker that ends at -99%: still found */
	assert_int_equal(kh_finance_irr((double[]){-100, 0, 0, 0, 2}, 5, &irr, NULL), 0);
	assert_int_equal(kh_finance_npv((double[]){-100, 0, 0, 0, 2}, 5, irr, &npv), 0);
	NEAR(npv, 0, 1e-6);
	/* no sign change: no IRR */
	irr = 42;
	assert_int_equal(kh_finance_irr((double[]){100, 10}, 2, &irr, NULL), KH_ENOTFOUND);
	assert_int_equal(kh_finance_irr((double[]){0, 0, 0}, 3, &irr, NULL), KH_ENOTFOUND);
	assert_int_equal(kh_finance_irr((double[]){-100, -10}, 2, &irr, NULL), KH_ENOTFOUND);
	assert_int_equal(kh_finance_irr(cf, 1, &irr, NULL), KH_EINVAL);
	assert_true(irr == 42);
	/* payback: cumulative -100 -70 -30 +20: 2 + 30/50 = 2.6 periods */
	assert_int_equal(kh_finance_payback((double[]){-100, 30, 40, 50}, 4, 0, &v), 0);
	NEAR(v, 2.6, 1e-12);
	/* discounted at 10% it does not pay back within 4 periods ... */
	assert_int_equal(kh_finance_payback((double[]){-100, 30, 40, 50}, 4, 0.1, &v),
			 KH_ENOTFOUND);
	/* ... but with a fifth 50: -100 + 30/1.1 + 40/1.21 + 50/1.331 = -2.0961,
	 * then 50/1.4641 = 34.150: 3 + 2.0961/34.150 = 3.0614 */
	assert_int_equal(kh_finance_payback((double[]){-100, 30, 40, 50, 50}, 5, 0.1, &v), 0);
	NEAR(v, 3 + (100 - 30 / 1.1 - 40 / 1.21 - 50 / 1.331) / (50 / 1.4641), 1e-12);
	assert_int_equal(kh_finance_payback((double[]){5, -1}, 2, 0, &v), 0);
	NEAR(v, 0, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(profit_by_hand),
		cmocka_unit_test(retention_formulas),
		cmocka_unit_test(npv_irr_payback),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
