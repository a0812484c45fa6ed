/* parse_test.c: integers, money and dates as users type them. */
#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "base/parse.h"

static void money_ok(void **state)
{
	static const struct {
		const char *in;
		int64_t fen;
	} cases[] = {
		{"0", 0}, {"1", 100}, {"1.5", 150}, {"1.50", 150}, {"1234.05", 123405},
		{"1,234.50", 123450}, {".5", 50}, {"-12.30", -1230}, {"+7", 700},
		{"100000000000", 10000000000000LL},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t fen = -1;
		struct kh_error err = {0};

		assert_int_equal(kh_parse_money(cases[i].in, true, &fen, "amount", &err), 0);
		assert_int_equal(fen, cases[i].fen);
	}
}

static void money_bad(void **state)
{
	static const char *const bad[] = {"", "abc", "1.234", "1..2", "12a", "1e5", "-",
					  "100000000000.01", "99999999999999999999", ",5", " 5"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int64_t fen = 42;
		struct kh_error err = {0};

		assert_int_equal(kh_parse_money(bad[i], true, &fen, "amount", &err), KH_EINVAL);
		assert_int_equal(fen, 42);
		assert_string_equal(err.field, "amount");
		assert_true(strlen(err.message) > 0);
	}
	{
		int64_t fen = 0;
		struct kh_error err = {0};

		assert_int_equal(kh_parse_money("-1", false, &fen, "cost", &err), KH_EINVAL);
		assert_non_null(strstr(err.message, "negative"));
	}
}

static void money_format(void **state)
{
	char buf[32];

	kh_money_format(123405, buf);
	assert_string_equal(buf, "1234.05");
	kh_money_format(-5, buf);
	assert_string_equal(buf, "-0.05");
	kh_money_format(0, buf);
	assert_string_equal(buf, "0.00");
	kh_money_format(INT64_MIN, buf);
	assert_string_equal(buf, "-92233720368547758.08");
}

/* The wrap of issue 10: 100,000,000,000.00 x 1,844,675 passed int64. */
static void money_arithmetic_refuses_overflow(void **state)
{
	int64_t out = 7, sum;

	assert_true(kh_money_mul(1250, 4, &out));
	assert_int_equal(out, 5000);
	assert_true(kh_money_mul(KH_MONEY_MAX_FEN, 1, &out));
	assert_false(kh_money_mul(KH_MONEY_MAX_FEN, 1844675, &out));
	assert_false(kh_money_mul(KH_MONEY_MAX_FEN, 2, &out));
	assert_false(kh_money_mul(INT64_MAX, INT64_MAX, &out));
	assert_false(kh_money_mul(-KH_MONEY_MAX_FEN, 2, &out));
	assert_int_equal(out, KH_MONEY_MAX_FEN); /* unchanged by the failures */
	sum = KH_MONEY_MAX_FEN - 1;
	assert_true(kh_money_add(&sum, 1));
	assert_false(kh_money_add(&sum, 1));
	assert_false(kh_money_add(&sum, INT64_MAX));
	assert_int_equal(sum, KH_MONEY_MAX_FEN);
	assert_true(kh_money_add(&sum, -KH_MONEY_MAX_FEN));
	assert_int_equal(sum, 0);
}

static void dates(void **state)
{
	int32_t d = 0;
	char buf[11];
	struct kh_error err = {0};

	assert_int_equal(kh_parse_date("1970-01-01", &d, "date", &err), 0);
	assert_int_equal(d, 0);
	assert_int_equal(kh_parse_date("2024-02-29", &d, "date", &err), 0);
	kh_date_format(d, buf);
	assert_string_equal(buf, "2024-02-29");
	assert_int_equal(kh_parse_date("2000-02-29", &d, "date", &err), 0);
	assert_int_equal(kh_parse_date("1900-02-29", &d, "date", &err), KH_EINVAL);
	assert_int_equal(kh_parse_date("2023-02-29", &d, "date", &err), KH_EINVAL);
	assert_int_equal(kh_parse_date("2023-04-31", &d, "date", &err), KH_EINVAL);
	assert_int_equal(kh_parse_date("2023-13-01", &d, "date", &err), KH_EINVAL);
	assert_int_equal(kh_parse_date("2023-1-01", &d, "date", &err), KH_EINVAL);
	assert_int_equal(kh_parse_date("2023-01-01x", &d, "date", &err), KH_EINVAL);
	assert_int_equal(kh_parse_date("1899-12-31", &d, "date", &err), KH_EINVAL);
	/* Round trip over 300 years of days. */
	for (int32_t day = kh_days_from_civil(1900, 1, 1); day < kh_days_from_civil(2199, 12, 31);
	     day += 17) {
		int32_t back;

		kh_date_format(day, buf);
		assert_int_equal(kh_parse_date(buf, &back, "date", NULL), 0);
		assert_int_equal(back, day);
	}
}

static void today_override(void **state)
{
	setenv("KEHU_TODAY", "2026-06-30", 1);
	assert_int_equal(kh_today(), kh_days_from_civil(2026, 6, 30));
	unsetenv("KEHU_TODAY");
	assert_true(kh_today() > kh_days_from_civil(2020, 1, 1));
}

static void integers(void **state)
{
	int64_t v = 0;
	struct kh_error err = {0};

	assert_int_equal(kh_parse_int64("42", 0, 100, &v, "n", &err), 0);
	assert_int_equal(v, 42);
	assert_int_equal(kh_parse_int64("101", 0, 100, &v, "n", &err), KH_EINVAL);
	assert_int_equal(kh_parse_int64("4x", 0, 100, &v, "n", &err), KH_EINVAL);
	assert_int_equal(kh_parse_int64("", 0, 100, &v, "n", &err), KH_EINVAL);
	assert_int_equal(kh_parse_int64(NULL, 0, 100, &v, "n", &err), KH_EINVAL);
	assert_int_equal(kh_parse_int64("99999999999999999999", 0, INT64_MAX, &v, "n", &err),
			 KH_EINVAL);
	assert_int_equal(v, 42);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(money_ok),  cmocka_unit_test(money_bad),
		cmocka_unit_test(money_format), cmocka_unit_test(money_arithmetic_refuses_overflow),
		cmocka_unit_test(dates),
		cmocka_unit_test(today_override), cmocka_unit_test(integers),
	};
	return cmocka_run_group_tests_name("parse", tests, NULL, NULL);
}
