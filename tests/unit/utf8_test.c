/* utf8_test.c: strict UTF-8 validation, decode and encode, and the search
 * folding (NFKC, case fold, traditional -> simplified, fillers dropped). */
#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/utf8.h"

#define VALID(lit) kh_utf8_valid(lit, sizeof(lit) - 1)

static void valid_accepts_well_formed(void **state)
{
	assert_true(VALID(""));
	assert_true(VALID("plain ascii, with tab\tand\r\nnewlines"));
	assert_true(VALID("张三 ÿ €"));
	assert_true(VALID("\xC2\x80"));             /* U+0080, smallest 2-byte */
	assert_true(VALID("\xE0\xA0\x80"));         /* U+0800, smallest 3-byte */
	assert_true(VALID("\xED\x9F\xBF"));         /* U+D7FF, just below surrogates */
	assert_true(VALID("\xEE\x80\x80"));         /* U+E000, just above */
	assert_true(VALID("\xF0\x90\x80\x80"));     /* U+10000 */
	assert_true(VALID("\xF4\x8F\xBF\xBF"));     /* U+10FFFF */
	assert_true(VALID("\xF0\xA0\xAE\xB7"));     /* 𠮷 */
}

static void valid_rejects_malformed(void **state)
{
	assert_false(VALID("\xC0\x80"));            /* overlong NUL */
	assert_false(VALID("\xC1\xBF"));            /* overlong 2-byte */
	assert_false(VALID("\xE0\x80\xAF"));        /* overlong '/' */
	assert_false(VALID("\xE0\x9F\xBF"));        /* overlong 3-byte */
	assert_false(VALID("\xF0\x8F\xBF\xBF"));    /* overlong 4-byte */
	assert_false(VALID("\xED\xA0\x80"));        /* U+D800, a surrogate */
	assert_false(VALID("\xED\xBF\xBF"));        /* U+DFFF */
	assert_false(VALID("\xF4\x90\x80\x80"));    /* U+110000 */
	assert_false(VALID("\xF5\x80\x80\x80"));
	assert_false(VALID("\xFF"));
	assert_false(VALID("\xFE"));
	assert_false(VALID("\x80"));                /* lone continuation */
	assert_false(VALID("ab\xE5\xBC"));          /* truncated 张 */
	assert_false(VALID("\xE5\xBCz"));          /* continuation missing */
	assert_false(VALID("\xF0\xA0\xAE"));        /* truncated 4-byte */
	assert_false(kh_utf8_valid("ab\0cd", 5));   /* embedded NUL, seen through len */
	assert_true(kh_utf8_valid("ab\0cd", 2));    /* ... and len bounds the check */
	assert_false(VALID("bell\x07"));
	assert_false(VALID("esc\x1b[0m"));
}

static void check_repair(const char *s, size_t len, const char *want)
{
	struct kh_strbuf sb;

	kh_strbuf_init(&sb, 0);
	assert_int_equal(kh_utf8_repair(s, len, &sb), 0);
	assert_string_equal(sb.buf, want);
	assert_true(kh_utf8_valid(sb.buf, sb.len));
	kh_strbuf_release(&sb);
}

#define REPAIR(lit, want) check_repair(lit, sizeof(lit) - 1, want)
#define FFFD "\xEF\xBF\xBD"

static void repair_replaces_what_valid_refuses(void **state)
{
	REPAIR("", "");
	REPAIR("张三 tab\tline\n", "张三 tab\tline\n");      /* valid: unchanged */
	REPAIR("A\xFF" "B", "A" FFFD "B");
	REPAIR("\xE4\xB8", FFFD FFFD);                        /* cut sequence */
	REPAIR("\xC0\x80", FFFD FFFD);                        /* overlong NUL */
	REPAIR("\xED\xA0\x80", FFFD FFFD FFFD);               /* surrogate */
	REPAIR("a\0b\x01", "a" FFFD "b" FFFD);                /* NUL, control */
	REPAIR("\xF4\x90\x80\x80", FFFD FFFD FFFD FFFD);      /* above U+10FFFF */
	check_repair(NULL, 0, "");
}

static void count_counts_code_points(void **state)
{
	assert_int_equal(kh_utf8_count(""), 0);
	assert_int_equal(kh_utf8_count("abc"), 3);
	assert_int_equal(kh_utf8_count("张三"), 2);
	assert_int_equal(kh_utf8_count("a张𠮷é"), 4);
}

static void next_decodes_and_recovers(void **state)
{
	const char s[] = "a张\xFF𠮷";
	size_t pos = 0, len = sizeof(s) - 1;

	assert_int_equal(kh_utf8_next(s, len, &pos), 'a');
	assert_int_equal(pos, 1);
	assert_int_equal(kh_utf8_next(s, len, &pos), 0x5F20);
	assert_int_equal(pos, 4);
	assert_int_equal(kh_utf8_next(s, len, &pos), -1); /* 0xFF: skipped by one */
	assert_int_equal(pos, 5);
	assert_int_equal(kh_utf8_next(s, len, &pos), 0x20BB7);
	assert_int_equal(pos, len);
	assert_int_equal(kh_utf8_next(s, len, &pos), -1); /* at the end: stays */
	assert_int_equal(pos, len);
	pos = 0;
	assert_int_equal(kh_utf8_next("\xE5\xBC", 2, &pos), -1);
	assert_int_equal(pos, 1);
}

static void put_encodes_and_refuses(void **state)
{
	struct kh_strbuf sb;

	kh_strbuf_init(&sb, 0);
	assert_int_equal(kh_utf8_put(&sb, 'A'), 0);
	assert_int_equal(kh_utf8_put(&sb, 0xE9), 0);
	assert_int_equal(kh_utf8_put(&sb, 0x5F20), 0);
	assert_int_equal(kh_utf8_put(&sb, 0x20BB7), 0);
	assert_string_equal(sb.buf, "Aé张𠮷");
	assert_int_equal(kh_utf8_put(&sb, 0xD800), KH_EINVAL);
	assert_int_equal(kh_utf8_put(&sb, 0x110000), KH_EINVAL);
	assert_string_equal(sb.buf, "Aé张𠮷");
	assert_true(kh_utf8_valid(sb.buf, sb.len));
	kh_strbuf_release(&sb);
}

/* Fold s and compare with want. */
static void check_fold(const char *s, const char *want)
{
	struct kh_strbuf sb;

	kh_strbuf_init(&sb, 0);
	assert_int_equal(kh_text_fold(s, &sb), 0);
	assert_string_equal(sb.buf, want);
	assert_int_equal(sb.len, strlen(want));
	kh_strbuf_release(&sb);
}

static void fold_simplifies_han(void **state)
{
	check_fold("張三", "张三");
	check_fold("張 三", "张三");
	check_fold("體育", "体育");
	check_fold("北京華信科技有限公司", "北京华信科技有限公司");
	check_fold("區", "区");
	check_fold("後髮", "后发");
	/* Characters that are also correct simplified text stay. */
	check_fold("乾隆", "乾隆");
	check_fold("著名", "著名");
	assert_int_equal(kh_han_simplify(0x5F35), 0x5F20); /* 張 */
	assert_int_equal(kh_han_simplify(0x5F20), 0x5F20);
	assert_int_equal(kh_han_simplify('a'), 'a');
	assert_int_equal(kh_han_simplify(0x4E7E), 0x4E7E); /* 乾 */
}

static void fold_nfkc_and_case(void **state)
{
	check_fold("ＡＢＣ-Co.", "abcco");
	check_fold("ＺＨＡＮＧ", "zhang");
	check_fold("１３８", "138");
	check_fold("Hello, World!", "helloworld");
	check_fold("Straße", "strasse");
	check_fold("Café", "café");            /* accents stay in the fold */
	check_fold("Cafe\xCC\x81", "café");   /* ... composed */
	check_fold("ﬁne", "fine");             /* ligature */
	check_fold("㈱东方", "株东方");         /* (株) loses its brackets */
	check_fold("\xEF\xA4\x80", "岂");       /* U+F900 -> 豈 by NFKC, then simplified */
	check_fold("ΣΑΣ", "σασ");
}

static void fold_drops_fillers(void **state)
{
	check_fold("", "");
	check_fold("  \t\n", "");
	check_fold("张三（销售部）", "张三销售部");
	check_fold("A&B + C = D ©", "abcd");
	check_fold("Kehu™", "kehutm");         /* NFKC spells ™ out */
	check_fold("a\x7f" "b\x01" "c", "abc");
	check_fold("“引号”、顿号。", "引号顿号");
	check_fold("😀张三", "张三");
	check_fold("a\xE2\x80\x8B" "b", "ab"); /* zero-width space (Cf) */
	assert_true(kh_text_is_filler(' '));
	assert_true(kh_text_is_filler(0x3000));
	assert_true(kh_text_is_filler(0x3002)); /* 。 */
	assert_false(kh_text_is_filler('z'));
	assert_false(kh_text_is_filler(0x5F20));
}

static void fold_rejects_malformed_and_appends(void **state)
{
	struct kh_strbuf sb;

	kh_strbuf_init(&sb, 0);
	assert_int_equal(kh_strbuf_adds(&sb, "x|"), 0);
	assert_int_equal(kh_text_fold("張\xFF", &sb), KH_EINVAL);
	assert_int_equal(kh_text_fold("\xC0\x80", &sb), KH_EINVAL);
	assert_int_equal(kh_text_fold("\xED\xA0\x80", &sb), KH_EINVAL);
	assert_string_equal(sb.buf, "x|");
	assert_int_equal(kh_text_fold("張三", &sb), 0);
	assert_string_equal(sb.buf, "x|张三");
	kh_strbuf_release(&sb);
}

static void fold_respects_cap(void **state)
{
	struct kh_strbuf sb;

	kh_strbuf_init(&sb, 4);
	assert_int_equal(kh_text_fold("ab", &sb), 0);
	assert_int_equal(kh_text_fold("張三", &sb), KH_ELIMIT);
	assert_string_equal(sb.buf, "ab");
	kh_strbuf_release(&sb);
}

/* Longer than the inline array, so decode goes to the heap (ASan checks it). */
static void fold_long_text(void **state)
{
	struct kh_strbuf in, sb;

	kh_strbuf_init(&in, 0);
	kh_strbuf_init(&sb, 0);
	for (int i = 0; i < 400; i++)
		assert_int_equal(kh_strbuf_adds(&in, "體 "), 0);
	assert_int_equal(kh_text_fold(in.buf, &sb), 0);
	assert_int_equal(kh_utf8_count(sb.buf), 400);
	assert_memory_equal(sb.buf, "体体", 6);
	assert_memory_equal(sb.buf + sb.len - 3, "体", 3);
	kh_strbuf_reset(&in);
	kh_strbuf_reset(&sb);
	for (int i = 0; i < 600; i++)
		assert_int_equal(kh_strbuf_adds(&in, "Ab-"), 0);
	assert_int_equal(kh_text_fold(in.buf, &sb), 0);
	assert_int_equal(sb.len, 1200);
	assert_memory_equal(sb.buf, "abab", 4);
	kh_strbuf_release(&in);
	kh_strbuf_release(&sb);
}

static void decode_strips_marks_on_request(void **state)
{
	struct kh_text_cps cps;

	assert_int_equal(kh_text_decode("Müller", true, &cps), 0);
	assert_int_equal(cps.len, 6);
	assert_int_equal(cps.cp[0], 'm');
	assert_int_equal(cps.cp[1], 'u');
	kh_text_cps_release(&cps);
	assert_int_equal(kh_text_decode("Müller", false, &cps), 0);
	assert_int_equal(cps.cp[1], 0xFC);
	kh_text_cps_release(&cps);
	assert_int_equal(kh_text_decode("\xFF", false, &cps), KH_EINVAL);
	kh_text_cps_release(&cps);
	kh_text_cps_release(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_accepts_well_formed),
		cmocka_unit_test(valid_rejects_malformed),
		cmocka_unit_test(repair_replaces_what_valid_refuses),
		cmocka_unit_test(count_counts_code_points),
		cmocka_unit_test(next_decodes_and_recovers),
		cmocka_unit_test(put_encodes_and_refuses),
		cmocka_unit_test(fold_simplifies_han),
		cmocka_unit_test(fold_nfkc_and_case),
		cmocka_unit_test(fold_drops_fillers),
		cmocka_unit_test(fold_rejects_malformed_and_appends),
		cmocka_unit_test(fold_respects_cap),
		cmocka_unit_test(fold_long_text),
		cmocka_unit_test(decode_strips_marks_on_request),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
