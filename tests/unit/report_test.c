/* report_test.c: the period a daily or weekly report covers (report.h). */
#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "base/parse.h"
#include "service/work/report.h"

static const char *day(int32_t d, char buf[11])
{
	kh_date_format(d, buf);
	return buf;
}

static void a_daily_report_covers_its_day(void **state)
{
	struct kh_error err = {0};
	int32_t start;
	char buf[11];

	assert_int_equal(kh_report_period("daily", "2026-06-30", "date", &start, &err), 0);
	assert_string_equal(day(start, buf), "2026-06-30");
	assert_int_equal(kh_report_period("daily", "2026-02-30", "period_start", &start, &err),
			 KH_EINVAL);
	assert_string_equal(err.field, "period_start");
}

static void a_weekly_report_starts_on_a_monday(void **state)
{
	struct kh_error err = {0};
	int32_t start;
	char buf[11];

	/* 2026-06-29 is a Monday; 1970-01-05 the first Monday after day 0. */
	assert_int_equal(kh_report_period("weekly", "2026-06-29", "date", &start, &err), 0);
	assert_string_equal(day(start, buf), "2026-06-29");
	assert_int_equal(kh_report_period("weekly", "1970-01-05", "date", &start, &err), 0);
	for (const char *const *d = (const char *const[]){"2026-06-30", "2026-07-05", "1970-01-01",
							   NULL}; *d; d++) {
		assert_int_equal(kh_report_period("weekly", *d, "date", &start, &err), KH_EINVAL);
		assert_string_equal(err.field, "date");
		assert_non_null(strstr(err.message, "must be a Monday"));
	}
}

static void the_default_is_today_or_this_weeks_monday(void **state)
{
	struct kh_error err = {0};
	int32_t start;
	char buf[11];

	setenv("KEHU_TODAY", "2026-07-02", 1); /* a Thursday */
	assert_int_equal(kh_report_period("daily", NULL, "date", &start, &err), 0);
	assert_string_equal(day(start, buf), "2026-07-02");
	assert_int_equal(kh_report_period("weekly", "", "date", &start, &err), 0);
	assert_string_equal(day(start, buf), "2026-06-29");
	setenv("KEHU_TODAY", "2026-07-05", 1); /* a Sunday: still that week's Monday */
	assert_int_equal(kh_report_period("weekly", NULL, "date", &start, &err), 0);
	assert_string_equal(day(start, buf), "2026-06-29");
	unsetenv("KEHU_TODAY");
}

static void kinds_are_daily_and_weekly(void **state)
{
	struct kh_error err = {0};

	assert_int_equal(kh_report_check_kind("daily", &err), 0);
	assert_int_equal(kh_report_check_kind("weekly", &err), 0);
	assert_int_equal(kh_report_check_kind("monthly", &err), KH_EINVAL);
	assert_string_equal(err.field, "kind");
	assert_int_equal(kh_report_check_kind(NULL, &err), KH_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_daily_report_covers_its_day),
		cmocka_unit_test(a_weekly_report_starts_on_a_monday),
		cmocka_unit_test(the_default_is_today_or_this_weeks_monday),
		cmocka_unit_test(kinds_are_daily_and_weekly),
	};
	return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
