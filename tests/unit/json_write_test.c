/* json_write_test.c: base/json_write.h writes what jansson's compact dump
 * writes for the same values (integers at the ends of the range, money as
 * kh_money_format, strings with every escape, damaged UTF-8, reals). */
#include "test.h"

#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/json_write.h"
#include "base/parse.h"

static void same_as_jansson(json_t *v, const struct kh_strbuf *sb)
{
	char *want = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	json_t *back = json_loadb(sb->buf, sb->len, JSON_DECODE_ANY, NULL);

	assert_non_null(back);
	assert_true(json_equal(back, v));
	assert_string_equal(sb->buf, want);
	free(want);
	json_decref(back);
	json_decref(v);
}

static void integers(void **state)
{
	static const int64_t values[] = {0, 1, -1, 9, 10, -10, 123456789, INT64_MAX, INT64_MIN};
	struct kh_strbuf sb;

	kh_strbuf_init(&sb, 0);
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		kh_strbuf_reset(&sb);
		assert_int_equal(kh_json_put_int(&sb, values[i]), 0);
		same_as_jansson(json_integer(values[i]), &sb);
	}
	kh_strbuf_release(&sb);
}

static void money(void **state)
{
	static const int64_t values[] = {0, 5, 10, 99, 100, 101, -1, -99, -100, -12345,
					 123456789012, INT64_MAX, INT64_MIN};
	struct kh_strbuf sb;
	char buf[32];

	kh_strbuf_init(&sb, 0);
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		kh_strbuf_reset(&sb);
		kh_money_format(values[i], buf);
		assert_int_equal(kh_json_put_money(&sb, values[i]), 0);
		same_as_jansson(json_string(buf), &sb);
	}
	kh_strbuf_release(&sb);
}

static void strings(void **state)
{
	static const char *const values[] = {
		"", "plain", "say \"hi\"", "back\\slash", "tab\there", "line\nbreak\r",
		"北京 中文", "x/y", "emoji \xF0\x9F\x98\x80",
	};
	struct kh_strbuf sb;

	kh_strbuf_init(&sb, 0);
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		kh_strbuf_reset(&sb);
		assert_int_equal(kh_json_put_string(&sb, values[i], strlen(values[i])), 0);
		same_as_jansson(json_string(values[i]), &sb);
	}
	/* Damaged text and control bytes come out as U+FFFD, as the store shows them. */
	kh_strbuf_reset(&sb);
	assert_int_equal(kh_json_put_string(&sb, "a\xff" "b\x01\b", 5), 0);
	same_as_jansson(json_string("a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD"), &sb);
	kh_strbuf_reset(&sb);
	assert_int_equal(kh_json_put_string(&sb, NULL, 0), 0);
	assert_string_equal(sb.buf, "\"\"");
	kh_strbuf_reset(&sb);
	assert_int_equal(kh_json_put_key(&sb, "amount"), 0);
	assert_string_equal(sb.buf, "\"amount\":");
	kh_strbuf_release(&sb);
}

static void reals(void **state)
{
	static const double values[] = {0.0, 1.0, -2.5, 0.1, 1e300, 3.0e-7, 123456.789};
	struct kh_strbuf sb;

	kh_strbuf_init(&sb, 0);
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		json_t *v = json_real(values[i]), *back;

		kh_strbuf_reset(&sb);
		assert_int_equal(kh_json_put_real(&sb, values[i]), 0);
		back = json_loadb(sb.buf, sb.len, JSON_DECODE_ANY, NULL);
		assert_non_null(back);
		assert_true(json_is_real(back));
		assert_true(json_equal(back, v));
		json_decref(back);
		json_decref(v);
	}
	kh_strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(integers),
		cmocka_unit_test(money),
		cmocka_unit_test(strings),
		cmocka_unit_test(reals),
	};
	return cmocka_run_group_tests_name("json_write", tests, NULL, NULL);
}
