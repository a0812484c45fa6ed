/* messages_test.c: the error catalogue (base/messages.c). Every entry's zh
 * format takes exactly the arguments of its English one (else formatting
 * it would read the wrong types off the stack), is UTF-8 and Chinese, has
 * a reason of [a-z0-9_]; lookups find every entry; kh_error_set and
 * kh_error_prefix fill both languages; the caller's language is read from
 * Accept-Language and the locale. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/messages.h"
#include "base/utf8.h"

/* The argument types a printf format consumes, one letter each (i: int,
 * l: long, L: long long, z: size_t, u/U/Z: the unsigned ones, d: double,
 * s: char *, p: void *), into sig; -1 on what the catalogue must not use
 * (positional arguments, %n, an unknown conversion). */
static int signature(const char *fmt, char *sig, size_t size)
{
	size_t n = 0;

	for (const char *p = fmt; *p; p++) {
		char len = 0, type;

		if (*p != '%')
			continue;
		p++;
		if (*p == '%')
			continue;
		while (*p && strchr("-+ #0", *p))
			p++;
		if (*p == '*') {
			sig[n++] = 'i';
			p++;
		}
		while (*p >= '0' && *p <= '9')
			p++;
		if (*p == '$')
			return -1;
		if (*p == '.') {
			p++;
			if (*p == '*') {
				sig[n++] = 'i';
				p++;
			}
			while (*p >= '0' && *p <= '9')
				p++;
		}
		if (*p == 'l' && p[1] == 'l') {
			len = 'L';
			p += 2;
		} else if (*p == 'l' || *p == 'z' || *p == 'h') {
			len = *p++;
		}
		switch (*p) {
		case 'd': case 'i': type = len == 'L' ? 'L' : len == 'l' ? 'l' : len == 'z' ? 'z' : 'i'; break;
		case 'u': case 'x': case 'X': case 'o':
			type = len == 'L' ? 'U' : len == 'l' ? 'u' : len == 'z' ? 'Z' : 'v';
			break;
		case 'c': type = 'i'; break;
		case 's': type = 's'; break;
		case 'p': type = 'p'; break;
		case 'f': case 'e': case 'g': case 'a': case 'G': case 'E': type = 'd'; break;
		default: return -1;
		}
		if (n + 2 >= size)
			return -1;
		sig[n++] = type;
	}
	sig[n] = '\0';
	return 0;
}

static void every_zh_takes_the_english_arguments(void **state)
{
	size_t n, bad = 0;
	const struct kh_message *m = kh_messages(&n);

	assert_true(n > 300);
	for (size_t i = 0; i < n; i++) {
		char en[64], zh[64];

		if (signature(m[i].en, en, sizeof(en)) || signature(m[i].zh, zh, sizeof(zh)) ||
		    strcmp(en, zh) != 0) {
			fprintf(stderr, "arguments differ: \"%s\" / \"%s\"\n", m[i].en, m[i].zh);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void signature_tells_types_apart(void **state)
{
	char a[16], b[16];

	assert_int_equal(signature("%s has %zu digits after %.*s", a, sizeof(a)), 0);
	assert_string_equal(a, "sZis");
	assert_int_equal(signature("%.0s共 %zu 位（%.*s）", b, sizeof(b)), 0);
	assert_string_equal(a, b);
	assert_int_equal(signature("%lld %d %g %lu %%", a, sizeof(a)), 0);
	assert_string_equal(a, "Lidu");
	assert_int_equal(signature("%1$s", a, sizeof(a)), -1);
	assert_int_equal(signature("%n", a, sizeof(a)), -1);
}

static void every_entry_is_chinese_and_has_a_reason(void **state)
{
	size_t n;
	const struct kh_message *m = kh_messages(&n);

	for (size_t i = 0; i < n; i++) {
		bool chinese = false;

		assert_true(kh_utf8_valid(m[i].zh, strlen(m[i].zh)));
		for (const char *p = m[i].zh; *p; p++)
			chinese = chinese || (unsigned char)*p >= 0xE3;
		if (!chinese)
			fprintf(stderr, "not Chinese: \"%s\"\n", m[i].zh);
		assert_true(chinese);
		assert_true(m[i].reason[0]);
		assert_int_equal(strspn(m[i].reason, "abcdefghijklmnopqrstuvwxyz0123456789_"),
				 strlen(m[i].reason));
	}
}

static void every_entry_is_found_once(void **state)
{
	size_t n;
	const struct kh_message *m = kh_messages(&n);

	for (size_t i = 0; i < n; i++) {
		assert_ptr_equal(kh_message_find(m[i].en), &m[i]);
		for (size_t j = i + 1; j < n; j++)
			assert_string_not_equal(m[i].en, m[j].en);
	}
	assert_null(kh_message_find("no such message %s"));
	assert_null(kh_message_find(NULL));
}

static void set_fills_both_languages(void **state)
{
	struct kh_error err = {0};

	assert_int_equal(kh_error_set(&err, KH_EINVAL, "name", "%s is required", "name"), KH_EINVAL);
	assert_string_equal(err.message, "name is required");
	assert_string_equal(err.message_zh, "不能为空");
	assert_string_equal(err.reason, "required");
	assert_string_equal(kh_error_text(&err, KH_LANG_ZH), "不能为空");
	assert_string_equal(kh_error_text(&err, KH_LANG_EN), "name is required");

	kh_error_set(&err, KH_EINVAL, "purchase_budget", "%s has more than two decimals (fen)",
		     "purchase_budget");
	assert_string_equal(err.message_zh, "金额最多两位小数");
	assert_null(strstr(err.message_zh, "purchase_budget"));
	assert_string_equal(err.reason, "decimals");

	/* Not in the catalogue: English in both, no reason. */
	kh_error_set(&err, KH_EINVAL, "", "not a catalogued %s", "message");
	assert_string_equal(err.message_zh, "not a catalogued message");
	assert_null(err.reason);

	kh_error_clear(&err);
	assert_string_equal(err.message_zh, "");
	assert_null(err.reason);
	assert_int_equal(kh_error_set(NULL, KH_EPERM, "", "out of memory"), KH_EPERM);
}

static void prefix_goes_before_both(void **state)
{
	struct kh_error err = {0};

	kh_error_set(&err, KH_EINVAL, "email", "%s must be an email address like name@example.com",
		     "email");
	assert_int_equal(kh_error_prefix(&err, "line %lu: ", 7UL), KH_EINVAL);
	assert_string_equal(err.message, "line 7: email must be an email address like name@example.com");
	assert_string_equal(err.message_zh, "第 7 行：邮箱格式不正确，如 name@example.com");
	assert_string_equal(err.reason, "bad_email");
	assert_string_equal(err.field, "email");
	assert_int_equal(kh_error_prefix(NULL, "line %lu: ", 1UL), KH_EINVAL);
}

static void language_of_the_caller(void **state)
{
	assert_int_equal(kh_lang_from_accept(NULL), KH_LANG_EN);
	assert_int_equal(kh_lang_from_accept(""), KH_LANG_EN);
	assert_int_equal(kh_lang_from_accept("zh-CN,zh;q=0.9,en;q=0.8"), KH_LANG_ZH);
	assert_int_equal(kh_lang_from_accept(" ZH"), KH_LANG_ZH);
	assert_int_equal(kh_lang_from_accept("en-US,zh;q=0.5"), KH_LANG_EN);
	assert_int_equal(kh_lang_from_accept("fr"), KH_LANG_EN);

	setenv("LANG", "zh_CN.UTF-8", 1);
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	assert_int_equal(kh_lang_from_env(), KH_LANG_ZH);
	setenv("LC_MESSAGES", "en_US.UTF-8", 1);
	assert_int_equal(kh_lang_from_env(), KH_LANG_EN);
	setenv("LC_ALL", "zh_TW.UTF-8", 1);
	assert_int_equal(kh_lang_from_env(), KH_LANG_ZH);
	setenv("LC_ALL", "", 1);
	unsetenv("LC_MESSAGES");
	setenv("LANG", "C.UTF-8", 1);
	assert_int_equal(kh_lang_from_env(), KH_LANG_EN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(signature_tells_types_apart),
		cmocka_unit_test(every_zh_takes_the_english_arguments),
		cmocka_unit_test(every_entry_is_chinese_and_has_a_reason),
		cmocka_unit_test(every_entry_is_found_once),
		cmocka_unit_test(set_fills_both_languages),
		cmocka_unit_test(prefix_goes_before_both),
		cmocka_unit_test(language_of_the_caller),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
