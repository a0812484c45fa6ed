/* analytics_btyd_test.c: from a transaction log to (x, t_x, T, mean spend):
 * same-day merging, the calibration cut, the first purchase left out of the
 * spend. */
#include "test.h"

#include <math.h>

#include "analytics/btyd.h"
#include "base/error.h"

static void summarise_by_hand(void **state)
{
	/* out of order on purpose; calibration ends on day 30 */
	struct kh_btyd_txn log[] = {
		{0, 24, 300}, {1, 35, 700}, {0, 10, 100}, {2, 30, 50},
		{0, 17, 200}, {0, 40, 999}, {0, 10, 50},
	};
	struct kh_btyd_obs obs[3];
	uint8_t in[3];
	size_t nin = 0;

	assert_int_equal(kh_btyd_summarise(log, 7, 3, 30, 7.0, obs, in, &nin), 0);
	assert_int_equal(nin, 2);
	/* customer 0: days 10 (100 + 50 merged), 17, 24 up to day 30 (day 40
	 * is after it): x = 3 - 1 = 2, t_x = (24 - 10) / 7 = 2 weeks,
	 * T = (30 - 10) / 7 weeks, mean of the repeat days (200 + 300) / 2 =
	 * 250 fen = 2.50 */
	assert_int_equal(in[0], 1);
	assert_int_equal(obs[0].x, 2);
	assert_true(obs[0].t_x == 2);
	assert_true(fabs(obs[0].T - 20.0 / 7) < 1e-15);
	assert_true(obs[0].mean_spend == 2.5);
	/* customer 1 first bought after the calibration end */
	assert_int_equal(in[1], 0);
	assert_int_equal(obs[1].x, 0);
	/* customer 2 bought once, on the last day: x = 0, T = 0 */
	assert_int_equal(in[2], 1);
	assert_int_equal(obs[2].x, 0);
	assert_true(obs[2].T == 0 && obs[2].t_x == 0 && obs[2].mean_spend == 0);
	/* the log is now grouped by customer, days ascending */
	for (int i = 1; i < 7; i++)
		assert_true(log[i - 1].customer < log[i].customer ||
			    (log[i - 1].customer == log[i].customer &&
			     log[i - 1].day <= log[i].day));
}

static void bad_input(void **state)
{
	struct kh_btyd_txn log[] = {{5, 1, 1}};
	struct kh_btyd_obs obs[2];
	uint8_t in[2];
	size_t nin = 42;

	assert_int_equal(kh_btyd_summarise(log, 1, 2, 30, 7, obs, in, &nin), KH_EINVAL);
	log[0].customer = 1;
	assert_int_equal(kh_btyd_summarise(log, 1, 2, 30, 0, obs, in, &nin), KH_EINVAL);
	assert_int_equal(nin, 42);
	/* an empty log: nobody is in the calibration */
	assert_int_equal(kh_btyd_summarise(log, 0, 2, 30, 7, obs, in, &nin), 0);
	assert_int_equal(nin, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(summarise_by_hand),
		cmocka_unit_test(bad_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
