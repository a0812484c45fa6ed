/* pinyin_test.c: readings of single characters, surname readings, and the
 * full / initials / syllable-offset keys of names, checked against the
 * generated Unihan table. */
#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/pinyin.h"
#include "base/pinyin_table.h"
#include "base/strbuf.h"
#include "base/utf8.h"

/* The reading of the first code point of the UTF-8 string s. */
static const char *of(const char *s)
{
	size_t pos = 0;

	return kh_pinyin_of((uint32_t)kh_utf8_next(s, strlen(s), &pos));
}

static const char *surname(const char *s)
{
	size_t pos = 0;

	return kh_pinyin_surname((uint32_t)kh_utf8_next(s, strlen(s), &pos));
}

static void common_readings(void **state)
{
	assert_string_equal(of("张"), "zhang");
	assert_string_equal(of("王"), "wang");
	assert_string_equal(of("李"), "li");
	assert_string_equal(of("陈"), "chen");
	assert_string_equal(of("刘"), "liu");
	assert_string_equal(of("沈"), "shen");
	assert_string_equal(of("女"), "nv");
	assert_string_equal(of("吕"), "lv");
	assert_string_equal(of("绿"), "lv");
	assert_string_equal(of("曾"), "ceng");
	assert_string_equal(of("单"), "dan");
	assert_string_equal(of("乾"), "qian");
	assert_string_equal(of("〇"), "ling");
	assert_string_equal(of("㐀"), "qiu");       /* U+3400, first of Extension A */
	assert_null(kh_pinyin_of('a'));
	assert_null(kh_pinyin_of(0x3042));          /* あ */
	assert_null(kh_pinyin_of(0x10FFFF));
	assert_null(kh_pinyin_of(0));
}

static void traditional_reads_as_simplified(void **state)
{
	assert_string_equal(of("張"), "zhang");
	assert_string_equal(of("陳"), "chen");
	assert_string_equal(of("體"), "ti");
	assert_string_equal(of("呂"), "lv");
	assert_ptr_equal(kh_pinyin_of(0x55AE), kh_pinyin_of(0x5355)); /* 單, 单 */
}

static void surname_readings(void **state)
{
	static const char *const cases[][2] = {
		{"曾", "zeng"}, {"单", "shan"}, {"解", "xie"}, {"仇", "qiu"}, {"区", "ou"},
		{"查", "zha"},  {"朴", "piao"}, {"盖", "ge"},  {"乐", "yue"}, {"覃", "qin"},
		{"缪", "miao"}, {"翟", "zhai"}, {"召", "shao"}, {"繁", "po"}, {"种", "chong"},
		{"员", "yun"},  {"秘", "bi"},   {"隗", "wei"}, {"洗", "xian"}, {"长", "chang"},
		{"單", "shan"}, {"區", "ou"},   {"樂", "yue"}, {"長", "chang"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *r = surname(cases[i][0]);

		assert_non_null(r);
		assert_string_equal(r, cases[i][1]);
		/* Only characters whose common reading differs are listed. */
		assert_string_not_equal(of(cases[i][0]), cases[i][1]);
	}
	assert_null(surname("张"));
	assert_null(surname("沈")); /* Unihan's first reading is already shen */
	assert_null(surname("瞿"));
	assert_null(kh_pinyin_surname('a'));
}

struct keys {
	struct kh_strbuf full, initials;
	uint16_t starts[64];
	size_t n;
};

static void keys_run(struct keys *k, const char *s, enum kh_pinyin_mode mode)
{
	kh_strbuf_init(&k->full, 0);
	kh_strbuf_init(&k->initials, 0);
	k->n = 999;
	assert_int_equal(kh_pinyin_keys(s, mode, &k->full, &k->initials, k->starts, 64, &k->n),
			 0);
}

static void keys_release(struct keys *k)
{
	kh_strbuf_release(&k->full);
	kh_strbuf_release(&k->initials);
}

static void check_keys(const char *s, enum kh_pinyin_mode mode, const char *full,
		       const char *initials)
{
	struct keys k;

	keys_run(&k, s, mode);
	assert_string_equal(k.full.buf, full);
	assert_string_equal(k.initials.buf, initials);
	/* One offset per initial, each pointing at that initial in full. */
	assert_int_equal(k.n, strlen(initials));
	for (size_t i = 0; i < k.n; i++)
		assert_int_equal(k.full.buf[k.starts[i]], initials[i]);
	keys_release(&k);
}

static void keys_of_a_name(void **state)
{
	struct keys k;

	keys_run(&k, "张三", KH_PINYIN_PERSON);
	assert_string_equal(k.full.buf, "zhangsan");
	assert_string_equal(k.initials.buf, "zs");
	assert_int_equal(k.n, 2);
	assert_int_equal(k.starts[0], 0);
	assert_int_equal(k.starts[1], 5);
	keys_release(&k);
	check_keys("張三", KH_PINYIN_PERSON, "zhangsan", "zs");
	check_keys("王小明", KH_PINYIN_PERSON, "wangxiaoming", "wxm");
	check_keys("李 四", KH_PINYIN_PLAIN, "lisi", "ls");
	check_keys("陈女士", KH_PINYIN_PERSON, "chennvshi", "cns");
}

static void person_mode_reads_surnames(void **state)
{
	check_keys("曾国藩", KH_PINYIN_PERSON, "zengguofan", "zgf");
	check_keys("曾国藩", KH_PINYIN_PLAIN, "cengguofan", "cgf");
	check_keys("单田芳", KH_PINYIN_PERSON, "shantianfang", "stf");
	check_keys("单田芳", KH_PINYIN_PLAIN, "dantianfang", "dtf");
	check_keys("單田芳", KH_PINYIN_PERSON, "shantianfang", "stf");
	check_keys("解缙", KH_PINYIN_PERSON, "xiejin", "xj");
	check_keys("长孙", KH_PINYIN_PLAIN, "zhangsun", "zs");
	/* Only the first syllable is a surname: 曾 later in a name is ceng. */
	check_keys("王曾", KH_PINYIN_PERSON, "wangceng", "wc");
	check_keys("  曾 国藩", KH_PINYIN_PERSON, "zengguofan", "zgf");
	check_keys("Dr 曾", KH_PINYIN_PERSON, "drceng", "dc");
}

static void latin_and_digit_runs(void **state)
{
	struct keys k;

	keys_run(&k, "ABC科技", KH_PINYIN_PLAIN);
	assert_string_equal(k.full.buf, "abckeji");
	assert_string_equal(k.initials.buf, "akj");
	assert_int_equal(k.n, 3);
	assert_int_equal(k.starts[0], 0);
	assert_int_equal(k.starts[1], 3);
	assert_int_equal(k.starts[2], 5);
	keys_release(&k);
	check_keys("ABC Co.", KH_PINYIN_PLAIN, "abcco", "ac");
	check_keys("ＡＢＣ科技", KH_PINYIN_PLAIN, "abckeji", "akj");
	check_keys("4S店", KH_PINYIN_PLAIN, "4sdian", "4sd");
	check_keys("iPhone15", KH_PINYIN_PLAIN, "iphone15", "i1");
	check_keys("Müller GmbH", KH_PINYIN_PLAIN, "mullergmbh", "mg");
	check_keys("华为 (Huawei)", KH_PINYIN_PLAIN, "huaweihuawei", "hwh");
	check_keys("１２３", KH_PINYIN_PLAIN, "123", "1");
}

static void skips_what_has_no_reading(void **state)
{
	check_keys("", KH_PINYIN_PLAIN, "", "");
	check_keys("——！", KH_PINYIN_PLAIN, "", "");
	check_keys("すし张", KH_PINYIN_PERSON, "zhang", "z");
	check_keys("a😀b", KH_PINYIN_PLAIN, "ab", "ab");
}

/* Every syllable of a long mixed text is lower-case ASCII and starts at an
 * offset that points at its initial. */
static void syllables_are_lowercase_ascii(void **state)
{
	struct keys k;
	const char *text = "北京華信科技有限公司 綠色 ABC 女士 龍 體育 曾經 𠀀 㐀 鑫淼 犇";

	keys_run(&k, text, KH_PINYIN_PLAIN);
	assert_true(k.full.len > 0);
	for (size_t i = 0; i < k.full.len; i++) {
		char c = k.full.buf[i];

		assert_true((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
	}
	for (size_t i = 0; i < k.initials.len; i++)
		assert_true(k.initials.buf[i] >= 'a' && k.initials.buf[i] <= 'z');
	assert_int_equal(k.n, k.initials.len);
	for (size_t i = 0; i < k.n; i++)
		assert_int_equal(k.full.buf[k.starts[i]], k.initials.buf[i]);
	keys_release(&k);
	/* The whole table, too. */
	assert_string_equal(kh_pinyin_syllables[0], "");
	for (size_t i = 1; i < kh_pinyin_nsyllables; i++) {
		const char *s = kh_pinyin_syllables[i];

		assert_true(s[0] != '\0');
		for (; *s; s++)
			assert_true(*s >= 'a' && *s <= 'z');
	}
}

static void optional_outputs_and_limits(void **state)
{
	struct kh_strbuf full, small;
	uint16_t starts[2];
	size_t n = 99;

	/* Only full; starts capped at max_starts. */
	kh_strbuf_init(&full, 0);
	assert_int_equal(kh_pinyin_keys("张三丰", KH_PINYIN_PERSON, &full, NULL, starts, 2, &n),
			 0);
	assert_string_equal(full.buf, "zhangsanfeng");
	assert_int_equal(n, 2);
	assert_int_equal(starts[1], 5);
	/* Appending: offsets count from the start of full. */
	assert_int_equal(kh_pinyin_keys("李四", KH_PINYIN_PERSON, &full, NULL, starts, 2, &n), 0);
	assert_string_equal(full.buf, "zhangsanfenglisi");
	assert_int_equal(starts[0], 12);
	assert_int_equal(starts[1], 14);
	kh_strbuf_release(&full);
	/* No buffers at all: offsets still count. */
	assert_int_equal(kh_pinyin_keys("张三", KH_PINYIN_PLAIN, NULL, NULL, starts, 2, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(starts[1], 5);
	assert_int_equal(kh_pinyin_keys("张三", KH_PINYIN_PLAIN, NULL, NULL, NULL, 0, NULL), 0);
	/* Invalid UTF-8 and a full buffer fail and leave the buffers alone. */
	kh_strbuf_init(&small, 6);
	kh_strbuf_init(&full, 0);
	n = 77;
	assert_int_equal(kh_pinyin_keys("张\xFF", KH_PINYIN_PLAIN, &full, &small, starts, 2, &n),
			 KH_EINVAL);
	assert_int_equal(n, 77);
	assert_int_equal(kh_pinyin_keys("张三", KH_PINYIN_PLAIN, &small, &full, NULL, 0, NULL),
			 KH_ELIMIT);
	assert_string_equal(small.buf, "");
	assert_string_equal(full.buf, "");
	kh_strbuf_release(&small);
	kh_strbuf_release(&full);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(common_readings),
		cmocka_unit_test(traditional_reads_as_simplified),
		cmocka_unit_test(surname_readings),
		cmocka_unit_test(keys_of_a_name),
		cmocka_unit_test(person_mode_reads_surnames),
		cmocka_unit_test(latin_and_digit_runs),
		cmocka_unit_test(skips_what_has_no_reading),
		cmocka_unit_test(syllables_are_lowercase_ascii),
		cmocka_unit_test(optional_outputs_and_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
