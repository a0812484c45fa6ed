/* analytics_followup_test.c: conversion and share of wins by number of
 * follow-ups, with the seed's buckets. */
#include "test.h"

#include <math.h>

#include "analytics/followup.h"
#include "base/error.h"

static void seed_buckets_by_hand(void **state)
{
	struct kh_opportunity_fact opp[20];
	const uint32_t lower[] = KH_FOLLOWUP_DEFAULT_BOUNDS;
	struct kh_followup_bucket b[KH_FOLLOWUP_DEFAULT_NBOUNDS];
	size_t n = 0;

	/* 0 follow-ups: 10 decided, 2 won, and 1 still open */
	for (int i = 0; i < 10; i++)
		opp[n++] = (struct kh_opportunity_fact){0, true, i < 2};
	opp[n++] = (struct kh_opportunity_fact){0, false, false};
	/* 5 and 11 follow-ups (bucket 4-11): 4 decided, 2 won; one won flag
	 * without closed counts as decided */
	opp[n++] = (struct kh_opportunity_fact){5, true, true};
	opp[n++] = (struct kh_opportunity_fact){11, false, true};
	opp[n++] = (struct kh_opportunity_fact){5, true, false};
	opp[n++] = (struct kh_opportunity_fact){4, true, false};
	/* 20 follow-ups: lost */
	opp[n++] = (struct kh_opportunity_fact){20, true, false};
	assert_int_equal(kh_followup_conversion(opp, n, lower, KH_FOLLOWUP_DEFAULT_NBOUNDS, b), 0);
	assert_int_equal(b[0].decided, 10);
	assert_int_equal(b[0].won, 2);
	assert_int_equal(b[0].open, 1);
	assert_true(fabs(b[0].conversion - 0.2) < 1e-15);
	/* four wins in all: half at first contact, half after the 4th-11th */
	assert_true(b[0].share_of_wins == 0.5);
	assert_int_equal(b[4].from, 4);
	assert_int_equal(b[4].to, 11);
	assert_int_equal(b[4].decided, 4);
	assert_true(b[4].conversion == 0.5 && b[4].share_of_wins == 0.5);
	assert_int_equal(b[5].from, 12);
	assert_int_equal(b[5].to, UINT32_MAX);
	assert_true(b[5].conversion == 0 && b[5].share_of_wins == 0);
	/* nothing decided after 1-3 follow-ups */
	assert_true(isnan(b[1].conversion));
	assert_true(b[1].share_of_wins == 0);
}

static void no_wins_and_bad_bounds(void **state)
{
	struct kh_opportunity_fact opp[1] = {{3, false, false}};
	const uint32_t one[] = {0}, notzero[] = {1, 2}, down[] = {0, 5, 5};
	struct kh_followup_bucket b[3];

	assert_int_equal(kh_followup_conversion(opp, 1, one, 1, b), 0);
	assert_int_equal(b[0].open, 1);
	assert_true(isnan(b[0].conversion) && isnan(b[0].share_of_wins));
	assert_int_equal(kh_followup_conversion(opp, 1, notzero, 2, b), KH_EINVAL);
	assert_int_equal(kh_followup_conversion(opp, 1, down, 3, b), KH_EINVAL);
	assert_int_equal(kh_followup_conversion(opp, 1, one, 0, b), KH_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(seed_buckets_by_hand),
		cmocka_unit_test(no_wins_and_bad_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
