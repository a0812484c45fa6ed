/* phone_test.c: phone numbers as people type them, reduced to the stored form
 * (mobile, landline with area code, service, international, extensions), and
 * the errors for what is not a number. */
#include "test.h"

#include <string.h>

#include "base/error.h"
#include "base/phone.h"

static void check_ok(const char *in, const char *number, const char *ext, enum kh_phone_kind kind)
{
	struct kh_phone ph;
	struct kh_error err;
	int rc;

	kh_error_clear(&err);
	memset(&ph, 0x5A, sizeof(ph));
	rc = kh_phone_normalize(in, &ph, "phone", &err);
	if (rc)
		fail_msg("%s: %s", in, err.message);
	assert_string_equal(ph.number, number);
	assert_string_equal(ph.extension, ext);
	assert_int_equal(ph.kind, kind);
}

/* Fails with KH_EINVAL, names the field and says something containing hint. */
static void check_err(const char *in, const char *hint)
{
	struct kh_phone ph;
	struct kh_error err;

	memset(&ph, 0x5A, sizeof(ph));
	kh_error_clear(&err);
	assert_int_equal(kh_phone_normalize(in, &ph, "mobile", &err), KH_EINVAL);
	assert_int_equal(err.code, KH_EINVAL);
	assert_string_equal(err.field, "mobile");
	if (!strstr(err.message, "mobile") || !strstr(err.message, hint))
		fail_msg("%s: message \"%s\" lacks the field or \"%s\"", in, err.message, hint);
	/* The output is written only on success. */
	assert_int_equal((unsigned char)ph.number[0], 0x5A);
}

static void mobiles(void **state)
{
	check_ok("13812345678", "13812345678", "", KH_PHONE_MOBILE);
	check_ok("138 1234 5678", "13812345678", "", KH_PHONE_MOBILE);
	check_ok("138-1234-5678", "13812345678", "", KH_PHONE_MOBILE);
	check_ok("+86 138 1234 5678", "13812345678", "", KH_PHONE_MOBILE);
	check_ok("0086-13812345678", "13812345678", "", KH_PHONE_MOBILE);
	check_ok("86 13812345678", "13812345678", "", KH_PHONE_MOBILE);
	check_ok("8613812345678", "13812345678", "", KH_PHONE_MOBILE);
	check_ok("(+86) 199.1234.5678", "19912345678", "", KH_PHONE_MOBILE);
	check_ok("  138 1234 5678\t", "13812345678", "", KH_PHONE_MOBILE);
	check_ok("１３８１２３４５６７８", "13812345678", "", KH_PHONE_MOBILE);
	check_ok("＋８６　１３８－１２３４－５６７８", "13812345678", "", KH_PHONE_MOBILE);
	check_ok("138\xE2\x80\x94"
		 "1234 5678",
		 "13812345678", "", KH_PHONE_MOBILE); /* em dash */
}

static void landlines(void **state)
{
	check_ok("(010) 1234-5678", "01012345678", "", KH_PHONE_LANDLINE);
	check_ok("010-12345678", "01012345678", "", KH_PHONE_LANDLINE);
	check_ok("021 6123 4567", "02161234567", "", KH_PHONE_LANDLINE);
	check_ok("0755-1234567", "07551234567", "", KH_PHONE_LANDLINE);
	check_ok("0755-88881234", "075588881234", "", KH_PHONE_LANDLINE);
	check_ok("+86 10 12345678", "01012345678", "", KH_PHONE_LANDLINE);
	check_ok("+86 (755) 8888 1234", "075588881234", "", KH_PHONE_LANDLINE);
	check_ok("+86 010 12345678", "01012345678", "", KH_PHONE_LANDLINE);
	check_ok("0086 21 61234567", "02161234567", "", KH_PHONE_LANDLINE);
	check_ok("86 755 88881234", "075588881234", "", KH_PHONE_LANDLINE);
	check_ok("（０１０）６２５３１２３４", "01062531234", "", KH_PHONE_LANDLINE);
}

static void extensions(void **state)
{
	check_ok("010-12345678-801", "01012345678", "801", KH_PHONE_LANDLINE);
	check_ok("010-12345678 ext 801", "01012345678", "801", KH_PHONE_LANDLINE);
	check_ok("010-12345678 EXT. 801", "01012345678", "801", KH_PHONE_LANDLINE);
	check_ok("010-12345678 ext: 801", "01012345678", "801", KH_PHONE_LANDLINE);
	check_ok("010-12345678x801", "01012345678", "801", KH_PHONE_LANDLINE);
	check_ok("010-12345678转801", "01012345678", "801", KH_PHONE_LANDLINE);
	check_ok("010-12345678 分机 801", "01012345678", "801", KH_PHONE_LANDLINE);
	check_ok("010-12345678#801", "01012345678", "801", KH_PHONE_LANDLINE);
	check_ok("0755-8888 1234-1234567", "075588881234", "1234567", KH_PHONE_LANDLINE);
	check_ok("400-810-8888 转 2", "4008108888", "2", KH_PHONE_LANDLINE);
	check_ok("+1 415 555 0100 ext 12", "+14155550100", "12", KH_PHONE_INTL);
	/* A whole valid number is not split: 0755 + 8 digits. */
	check_ok("0755-1234567-8", "075512345678", "", KH_PHONE_LANDLINE);
}

static void service_numbers(void **state)
{
	check_ok("400-810-8888", "4008108888", "", KH_PHONE_LANDLINE);
	check_ok("4008108888", "4008108888", "", KH_PHONE_LANDLINE);
	check_ok("800 820 8820", "8008208820", "", KH_PHONE_LANDLINE);
	check_ok("+86 400 810 8888", "4008108888", "", KH_PHONE_LANDLINE);
}

static void international(void **state)
{
	check_ok("+1 415 555 0100", "+14155550100", "", KH_PHONE_INTL);
	check_ok("001 415 555 0100", "+14155550100", "", KH_PHONE_INTL);
	check_ok("+852 2123 4567", "+85221234567", "", KH_PHONE_INTL);
	check_ok("+44 (20) 7946 0958", "+442079460958", "", KH_PHONE_INTL);
}

static void errors(void **state)
{
	check_err("", "empty");
	check_err("   ", "empty");
	check_err("abc", "letters");
	check_err("138abc5678", "letters");
	check_err("call 13812345678", "letters");
	check_err("12345", "too short");
	check_err("138123", "too short");
	check_err("1381234567", "11 digits"); /* 10-digit mobile */
	check_err("1381234567890", "too long");
	check_err("138123456789", "12 digits"); /* 12-digit "1" number */
	check_err("12812345678", "13 to 19");
	check_err("11012345678", "13 to 19");
	check_err("12345678", "needs the area code, e.g. 010-12345678");
	check_err("6253123", "needs the area code");
	check_err("010-123456", "7 or 8");
	check_err("010-123456789", "7 or 8");
	check_err("0755-123456789", "7 or 8");
	check_err("011-12345678", "area code");
	check_err("138 1234 5678 ext 1", "no extension");
	check_err("010-12345678 ext", "no extension digits");
	check_err("010-12345678 ext 12345678", "longer than 7");
	check_err("138+12345678", "+");
	check_err("+", "no digits");
	check_err("+1 234", "international");
	check_err("+1 2345 6789 0123 4567", "digits");
	check_err("138_1234_5678", "does not belong");
	check_err("张三", "does not belong");
	check_err("138\xFF"
		  "12345678",
		  "UTF-8");
	check_err("0123456789012345678901234567890123456789012345678901234567890123456789",
		  "too long");
}

static void null_field_and_err(void **state)
{
	struct kh_phone ph;
	struct kh_error err;

	kh_error_clear(&err);
	assert_int_equal(kh_phone_normalize("x", &ph, NULL, &err), KH_EINVAL);
	assert_string_equal(err.field, "phone");
	assert_non_null(strstr(err.message, "phone"));
	assert_int_equal(kh_phone_normalize("12", &ph, "query", NULL), KH_EINVAL);
	assert_int_equal(kh_phone_normalize(NULL, &ph, "query", NULL), KH_EINVAL);
	assert_int_equal(kh_phone_normalize("13812345678", &ph, "query", NULL), 0);
	assert_string_equal(ph.number, "13812345678");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(mobiles),
	    cmocka_unit_test(landlines),
	    cmocka_unit_test(extensions),
	    cmocka_unit_test(service_numbers),
	    cmocka_unit_test(international),
	    cmocka_unit_test(errors),
	    cmocka_unit_test(null_field_and_err),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
