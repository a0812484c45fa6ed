/* analytics_cohort_test.c: retention and churn by quarterly and yearly
 * acquisition cohort, by hand. */
#include "test.h"

#include <math.h>

#include "analytics/cohort.h"
#include "base/error.h"
#include "base/parse.h"

static int32_t day(int y, unsigned m, unsigned d)
{
	return kh_days_from_civil(y, m, d);
}

static void quarterly_by_hand(void **state)
{
	/* c0: 2024Q1 (twice), Q2, Q4 -> cohort Q1, active at offsets 0 1 3
	 * c1: 2024-03-31 (Q1), 2024-04-01 (Q2) -> cohort Q1, offsets 0 1
	 * c2: 2024Q2, and 2025-01-02 after as_of (ignored) -> cohort Q2, offset 0
	 * c3: no orders. Days out of order on purpose. */
	const int32_t days[] = {
		day(2024, 11, 20), day(2024, 1, 15), day(2024, 5, 10), day(2024, 2, 1),
		day(2024, 4, 1), day(2024, 3, 31),
		day(2025, 1, 2), day(2024, 4, 15),
	};
	const size_t start[] = {0, 4, 6, 8, 8};
	struct kh_cohort_table *t = NULL;
	char label[8];

	assert_int_equal(kh_cohort_build(days, start, 4, day(2024, 12, 31), KH_COHORT_QUARTER, &t),
			 0);
	/* cohorts 2024Q1 .. 2024Q4 */
	assert_int_equal(t->ncohorts, 4);
	kh_cohort_label(t, 0, label);
	assert_string_equal(label, "2024Q1");
	kh_cohort_label(t, 3, label);
	assert_string_equal(label, "2024Q4");
	assert_int_equal(t->size[0], 2);
	assert_int_equal(t->size[1], 1);
	assert_int_equal(t->size[2], 0);
	/* Q1 cohort: active 2 2 0 1 -> retention 1, 1, 0, 0.5 */
	assert_true(kh_cohort_retention(t, 0, 0) == 1);
	assert_true(kh_cohort_retention(t, 0, 1) == 1);
	assert_true(kh_cohort_retention(t, 0, 2) == 0);
	assert_true(kh_cohort_retention(t, 0, 3) == 0.5);
	/* churn: Q1 -> Q2 both bought again: 0; Q2 -> Q3 nobody: 1; Q3 -> Q4
	 * nobody was active in Q3: undefined */
	assert_true(kh_cohort_churn(t, 0, 1) == 0);
	assert_true(kh_cohort_churn(t, 0, 2) == 1);
	assert_true(isnan(kh_cohort_churn(t, 0, 3)));
	assert_true(isnan(kh_cohort_churn(t, 0, 0)));
	/* Q2 cohort: Q4 is observed (0), the quarter after is not */
	assert_true(kh_cohort_retention(t, 1, 2) == 0);
	assert_true(isnan(kh_cohort_retention(t, 1, 3)));
	/* an empty cohort has no rates */
	assert_true(isnan(kh_cohort_retention(t, 2, 0)));
	kh_cohort_free(t);
}

static void yearly(void **state)
{
	const int32_t days[] = {day(2023, 12, 31), day(2024, 6, 1), day(2024, 1, 1),
				day(2025, 3, 1), day(2025, 3, 2)};
	const size_t start[] = {0, 2, 3, 5};
	struct kh_cohort_table *t = NULL;
	char label[8];

	/* cohort 2023: c0 (2023, 2024); cohort 2024: c1; cohort 2025: c2 (two
	 * orders the same year count once) */
	assert_int_equal(kh_cohort_build(days, start, 3, day(2025, 6, 30), KH_COHORT_YEAR, &t), 0);
	assert_int_equal(t->ncohorts, 3);
	kh_cohort_label(t, 0, label);
	assert_string_equal(label, "2023");
	assert_true(kh_cohort_retention(t, 0, 1) == 1);
	assert_true(kh_cohort_retention(t, 0, 2) == 0);
	assert_true(kh_cohort_churn(t, 0, 2) == 1);
	assert_true(kh_cohort_retention(t, 1, 1) == 0);
	assert_int_equal(t->active[2 * t->noffsets + 0], 1);
	kh_cohort_free(t);
	kh_cohort_free(NULL);
}

static void errors(void **state)
{
	const int32_t days[] = {day(2024, 1, 1), day(1900, 1, 1)};
	const size_t start[] = {0, 1}, bad[] = {1, 0}, wide[] = {0, 2};
	struct kh_cohort_table *t = NULL;

	/* nothing up to as_of */
	assert_int_equal(kh_cohort_build(days, start, 1, day(2023, 1, 1), KH_COHORT_YEAR, &t),
			 KH_ENOTFOUND);
	assert_int_equal(kh_cohort_build(days, bad, 1, day(2025, 1, 1), KH_COHORT_YEAR, &t),
			 KH_EINVAL);
	assert_null(t);
	(void)wide;
}

/* One customer's 1900 order must not refuse the table for everybody (issue
 * 10): 1900 to 2025 in quarters is more than KH_COHORT_MAX periods, so the
 * table keeps the latest ones and counts the older cohort as left out. */
static void capped_not_refused(void **state)
{
	const int32_t days[] = {day(1900, 1, 1), day(2024, 2, 1), day(2024, 1, 5), day(2024, 4, 2)};
	const size_t start[] = {0, 2, 4};
	struct kh_cohort_table *t = NULL;

	assert_int_equal(kh_cohort_build(days, start, 2, day(2025, 1, 1), KH_COHORT_QUARTER, &t), 0);
	assert_true(t->capped);
	assert_int_equal(t->ncohorts, KH_COHORT_MAX);
	assert_int_equal(t->left_out, 1);
	/* the 2024 customer is in 2024Q1, active again in Q2 */
	{
		size_t c = (size_t)(2024 * 4 - t->first);
		char label[8];

		kh_cohort_label(t, c, label);
		assert_string_equal(label, "2024Q1");
		assert_int_equal(t->size[c], 1);
		assert_int_equal(t->active[c * t->noffsets + 1], 1);
	}
	kh_cohort_free(t);
	/* within the cap nothing is left out */
	assert_int_equal(kh_cohort_build(days + 2, (const size_t[]){0, 2}, 1, day(2025, 1, 1),
					 KH_COHORT_QUARTER, &t), 0);
	assert_false(t->capped);
	assert_int_equal(t->left_out, 0);
	kh_cohort_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quarterly_by_hand),
		cmocka_unit_test(capped_not_refused),
		cmocka_unit_test(yearly),
		cmocka_unit_test(errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
