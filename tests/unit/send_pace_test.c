/* send_pace_test.c: the sender's pace under both limits at once, on a clock
 * the test moves, and the retry schedule of a temporary failure. */
#include "test.h"

#include "base/error.h"
#include "service/comms/send_pace.h"

/* Sends as fast as the pace allows from t0 for duration_ms; returns how many. */
static int run(struct kh_send_pace *p, int64_t t0, int64_t duration_ms, int64_t *end)
{
	int64_t now = t0;
	int sent = 0;

	for (;;) {
		int64_t w = kh_send_pace_wait(p, now);

		if (now + w >= t0 + duration_ms)
			break;
		now += w;
		kh_send_pace_sent(p, now);
		sent++;
	}
	*end = now;
	return sent;
}

static void per_second(void **state)
{
	struct kh_send_pace p;
	int64_t end;

	assert_int_equal(kh_send_pace_init(&p, 10, 0), 0);
	/* ten at once, then the eleventh a second after the first */
	for (int i = 0; i < 10; i++) {
		assert_int_equal(kh_send_pace_wait(&p, 5000), 0);
		kh_send_pace_sent(&p, 5000);
	}
	assert_int_equal(kh_send_pace_wait(&p, 5000), 1000);
	assert_int_equal(kh_send_pace_wait(&p, 5600), 400);
	assert_int_equal(kh_send_pace_wait(&p, 6000), 0);
	kh_send_pace_release(&p);
	assert_int_equal(kh_send_pace_init(&p, 10, 0), 0);
	/* over a minute: 10 a second, never 11 in any second */
	assert_int_equal(run(&p, 0, 60000, &end), 600);
	kh_send_pace_release(&p);
}

static void per_hour_too(void **state)
{
	struct kh_send_pace p;
	int64_t end;

	/* 50 a second would be 180 000 an hour: the hourly 1 000 binds */
	assert_int_equal(kh_send_pace_init(&p, 50, 1000), 0);
	assert_int_equal(run(&p, 0, 3600 * 1000, &end), 1000);
	assert_true(end < 60 * 1000); /* the thousand went in the first seconds */
	/* the next waits for the first to be an hour old */
	assert_int_equal(kh_send_pace_wait(&p, end), 3600 * 1000 - end);
	assert_int_equal(run(&p, 0, 2 * 3600 * 1000, &end), 1000);
	kh_send_pace_release(&p);
}

static void no_limits_and_bad_ones(void **state)
{
	struct kh_send_pace p;
	int64_t end;

	assert_int_equal(kh_send_pace_init(&p, 0, 0), 0);
	assert_int_equal(kh_send_pace_wait(&p, 0), 0);
	kh_send_pace_sent(&p, 0);
	assert_int_equal(kh_send_pace_wait(&p, 0), 0);
	kh_send_pace_release(&p);
	assert_int_equal(kh_send_pace_init(&p, 0, 100), 0);
	assert_int_equal(run(&p, 0, 3600 * 1000 - 1, &end), 100);
	kh_send_pace_release(&p);
	assert_int_equal(kh_send_pace_init(&p, -1, 0), KH_EINVAL);
	assert_int_equal(kh_send_pace_init(&p, 0, KH_PACE_PER_HOUR_MAX + 1), KH_EINVAL);
	kh_send_pace_release(&p);
	kh_send_pace_release(NULL);
}

static void the_retry_schedule(void **state)
{
	assert_int_equal(kh_send_retry_after(1), 60);
	assert_int_equal(kh_send_retry_after(2), 300);
	assert_int_equal(kh_send_retry_after(3), 900);
	assert_int_equal(kh_send_retry_after(4), 3600);
	assert_int_equal(kh_send_retry_after(5), 14400);
	assert_int_equal(kh_send_retry_after(KH_SEND_ATTEMPTS_MAX), -1);
	assert_int_equal(kh_send_retry_after(KH_SEND_ATTEMPTS_MAX + 3), -1);
	assert_int_equal(kh_send_retry_after(0), 60);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(per_second),
	    cmocka_unit_test(per_hour_too),
	    cmocka_unit_test(no_limits_and_bad_ones),
	    cmocka_unit_test(the_retry_schedule),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
