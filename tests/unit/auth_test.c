/* auth_test.c: the login delay: free failures cost nothing, then the wait
 * doubles with each failure and stops at the cap. */
#include "test.h"

#include "service/accounts/auth.h"

static void delay_doubles_then_stops(void **state)
{
	assert_int_equal(kh_auth_login_delay(0, 5), 0);
	assert_int_equal(kh_auth_login_delay(4, 5), 0);
	assert_int_equal(kh_auth_login_delay(5, 5), KH_LOGIN_DELAY_FIRST);
	assert_int_equal(kh_auth_login_delay(6, 5), 2 * KH_LOGIN_DELAY_FIRST);
	assert_int_equal(kh_auth_login_delay(7, 5), 4 * KH_LOGIN_DELAY_FIRST);
	for (int64_t n = 5; n < 200; n++) {
		assert_true(kh_auth_login_delay(n + 1, 5) >= kh_auth_login_delay(n, 5));
		assert_true(kh_auth_login_delay(n, 5) <= KH_LOGIN_DELAY_MAX);
	}
	assert_int_equal(kh_auth_login_delay(1000000, 5), KH_LOGIN_DELAY_MAX);
	assert_int_equal(kh_auth_login_delay(INT64_MAX, 0), KH_LOGIN_DELAY_MAX);
	assert_int_equal(kh_auth_login_delay(20, KH_LOGIN_FREE_PER_ACCOUNT), KH_LOGIN_DELAY_FIRST);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(delay_doubles_then_stops),
	};
	return cmocka_run_group_tests_name("auth", tests, NULL, NULL);
}
