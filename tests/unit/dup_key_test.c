/* dup_key_test.c: the keys of duplicate control: unified social credit codes
 * (real published codes, every kind of wrong one), the company name key
 * (full width, traditional Chinese, legal suffixes, punctuation, Latin
 * "Co., Ltd.", a leading region kept) and the phone, email and credit code
 * keys of stored values. */
#include "test.h"

#include <string.h>

#include "base/credit_code.h"
#include "base/dup_key.h"
#include "base/error.h"

/* Codes as published on the companies' business licences. */
static const char *const real_codes[] = {
	"91330100716105852F", /* 阿里巴巴（中国）有限公司 */
	"9144030071526726XG", /* 深圳市腾讯计算机系统有限公司 */
	"914403001922038216", /* 华为技术有限公司 */
	"91110000802100433B", /* 北京百度网讯科技有限公司 */
	"91110108551385082Q", /* 小米科技有限责任公司 */
	NULL,
};

static void real_codes_are_valid(void **state)
{
	for (size_t i = 0; real_codes[i]; i++) {
		char out[KH_CREDIT_CODE_LEN + 1];
		struct kh_error err;

		if (!kh_credit_code_valid(real_codes[i]))
			fail_msg("%s refused", real_codes[i]);
		assert_int_equal(kh_credit_code_check_char(real_codes[i]), real_codes[i][17]);
		assert_int_equal(kh_credit_code_normalize(real_codes[i], out, "credit_code", &err), 0);
		assert_string_equal(out, real_codes[i]);
	}
}

/* Every other check character of a real code is refused, by name. */
static void wrong_check_characters(void **state)
{
	static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

	for (size_t i = 0; real_codes[i]; i++)
		for (size_t k = 0; alphabet[k]; k++) {
			char code[KH_CREDIT_CODE_LEN + 1], out[KH_CREDIT_CODE_LEN + 1] = "unchanged";
			struct kh_error err;

			memcpy(code, real_codes[i], sizeof(code));
			if (alphabet[k] == code[17])
				continue;
			code[17] = alphabet[k];
			assert_false(kh_credit_code_valid(code));
			kh_error_clear(&err);
			assert_int_equal(kh_credit_code_normalize(code, out, "credit_code", &err),
					 KH_EINVAL);
			assert_string_equal(err.field, "credit_code");
			assert_non_null(strstr(err.message, "check character"));
			assert_string_equal(out, "unchanged");
		}
	/* One changed body character breaks the check too. */
	assert_false(kh_credit_code_valid("91330100716105853F"));
}

static void check_err(const char *in, const char *hint)
{
	char out[KH_CREDIT_CODE_LEN + 1];
	struct kh_error err;

	kh_error_clear(&err);
	assert_int_equal(kh_credit_code_normalize(in, out, "credit_code", &err), KH_EINVAL);
	if (!strstr(err.message, "credit_code") || !strstr(err.message, hint))
		fail_msg("%s: message \"%s\" lacks \"%s\"", in, err.message, hint);
}

static void malformed_codes(void **state)
{
	char out[KH_CREDIT_CODE_LEN + 1];

	check_err("", "18 characters");
	check_err("91330100716105852", "18 characters");
	check_err("91330100716105852FF", "18 characters");
	/* I, O, Z, S and V are not in the alphabet, nor are other signs */
	check_err("91330100716I05852F", "character 12");
	check_err("O1330100716105852F", "character 1");
	check_err("9133010071610585ZF", "character 17");
	check_err("91330100716105852S", "character 18");
	check_err("9133010071610585VF", "character 17");
	check_err("91330100-16105852F", "character 9");
	check_err("９1330100716105852F", "18 characters");
	/* typed in lower case, with spaces around: upper-cased and trimmed */
	assert_int_equal(kh_credit_code_normalize(" 9144030071526726xg\t", out, "credit_code",
						  NULL), 0);
	assert_string_equal(out, "9144030071526726XG");
	assert_false(kh_credit_code_valid("9144030071526726xg"));
}

static void name_is(const char *in, const char *key)
{
	struct kh_strbuf out;

	kh_strbuf_init(&out, 0);
	kh_strbuf_adds(&out, "kept:");
	assert_int_equal(kh_dup_name_key(in, &out), 0);
	if (strcmp(out.buf + 5, key))
		fail_msg("\"%s\" -> \"%s\", want \"%s\"", in, out.buf + 5, key);
	kh_strbuf_release(&out);
}

static void name_keys(void **state)
{
	/* legal suffixes, alone and stacked */
	name_is("北京华信科技有限公司", "北京华信科技");
	name_is("北京华信科技股份有限公司", "北京华信科技");
	name_is("北京华信科技有限责任公司", "北京华信科技");
	name_is("华信集团有限公司", "华信");
	name_is("华信集团", "华信");
	name_is("华信公司", "华信");
	name_is("华信股份", "华信");
	/* never down to nothing */
	name_is("有限公司", "有限");
	name_is("集团公司", "集团");
	/* full width and half width */
	name_is("ＡＢＣ科技有限公司", "abc科技");
	name_is("ABC科技有限公司", "abc科技");
	/* traditional -> simplified */
	name_is("臺灣積體電路製造股份有限公司", "台湾积体电路制造");
	name_is("台湾积体电路制造股份有限公司", "台湾积体电路制造");
	/* spaces and punctuation, half and full width */
	name_is("华信（北京）科技有限公司", "华信北京科技");
	name_is("华信(北京)科技 有限公司", "华信北京科技");
	name_is(" 华信·科技、有限公司。", "华信科技");
	/* Latin legal words, whole words only */
	name_is("Huaxin Technology Co., Ltd.", "huaxintechnology");
	name_is("HUAXIN TECHNOLOGY CO.,LTD", "huaxintechnology");
	name_is("Huaxin Technology Limited", "huaxintechnology");
	name_is("Acme, Inc.", "acme");
	name_is("Acme Corp.", "acme");
	name_is("Acme LLC", "acme");
	name_is("Taco Bell Corp", "tacobell");
	name_is("Company", "company");
	name_is("华信科技有限公司 Co., Ltd.", "华信科技");
	/* a leading region is part of the name */
	name_is("上海华信科技有限公司", "上海华信科技");
	name_is("上海市华信科技有限公司", "上海市华信科技");
	/* nothing but punctuation: no key */
	name_is("——", "");
	name_is("", "");
}

static void name_key_refuses_malformed_utf8(void **state)
{
	struct kh_strbuf out;

	kh_strbuf_init(&out, 0);
	kh_strbuf_adds(&out, "x");
	assert_int_equal(kh_dup_name_key("\xff\xfe", &out), KH_EINVAL);
	assert_string_equal(out.buf, "x");
	kh_strbuf_release(&out);
}

static void key_is(int kind, const char *value, const char *key)
{
	struct kh_strbuf out;

	kh_strbuf_init(&out, 0);
	assert_int_equal(kh_dup_key(kind, value, &out), 0);
	if (strcmp(out.buf, key))
		fail_msg("%s \"%s\" -> \"%s\", want \"%s\"", kh_dup_kind_field(kind),
			 value ? value : "(null)", out.buf, key);
	kh_strbuf_release(&out);
}

static void stored_value_keys(void **state)
{
	key_is(KH_DUP_PHONE, "01062531234-123", "01062531234");
	key_is(KH_DUP_PHONE, "13812345678", "13812345678");
	key_is(KH_DUP_PHONE, "+86 138 1234 5678", "13812345678");
	key_is(KH_DUP_PHONE, "not a phone", "");
	key_is(KH_DUP_EMAIL, " Sales@HuaXin.COM ", "sales@huaxin.com");
	key_is(KH_DUP_CREDIT_CODE, "9144030071526726xg", "9144030071526726XG");
	key_is(KH_DUP_CREDIT_CODE, "9144030071526726XA", "");
	key_is(KH_DUP_NAME, "華信科技有限公司", "华信科技");
	/* the same names again, in turn: the memo of the last one answers
	 * each as it was first keyed, appended to what the buffer holds */
	key_is(KH_DUP_NAME, "華信科技有限公司", "华信科技");
	key_is(KH_DUP_NAME, "\xff", "");
	key_is(KH_DUP_NAME, "\xff", "");
	key_is(KH_DUP_NAME, "華信科技有限公司", "华信科技");
	{
		struct kh_strbuf out;

		kh_strbuf_init(&out, 0);
		kh_strbuf_adds(&out, "x|");
		assert_int_equal(kh_dup_key(KH_DUP_NAME, "華信科技有限公司", &out), 0);
		assert_string_equal(out.buf, "x|华信科技");
		kh_strbuf_release(&out);
	}
	key_is(KH_DUP_NAME, NULL, "");
	key_is(99, "x", "");
	assert_string_equal(kh_dup_kind_field(KH_DUP_CREDIT_CODE), "credit_code");
	assert_string_equal(kh_dup_kind_field(KH_DUP_EMAIL), "email");
	assert_null(kh_dup_kind_field(0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(real_codes_are_valid),
	    cmocka_unit_test(wrong_check_characters),
	    cmocka_unit_test(malformed_codes),
	    cmocka_unit_test(name_keys),
	    cmocka_unit_test(name_key_refuses_malformed_utf8),
	    cmocka_unit_test(stored_value_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
