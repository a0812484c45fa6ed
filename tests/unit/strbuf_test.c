/* strbuf_test.c: growth, the cap, detach. */
#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/strbuf.h"

static void grows_and_terminates(void **state)
{
	struct kh_strbuf sb;

	kh_strbuf_init(&sb, 0);
	assert_string_equal(sb.buf, "");
	for (int i = 0; i < 1000; i++)
		assert_int_equal(kh_strbuf_addf(&sb, "%d,", i), 0);
	assert_int_equal(sb.len, strlen(sb.buf));
	assert_memory_equal(sb.buf, "0,1,2,", 6);
	kh_strbuf_setlen(&sb, 2);
	assert_string_equal(sb.buf, "0,");
	kh_strbuf_release(&sb);
	assert_int_equal(sb.len, 0);
	kh_strbuf_release(NULL);
}

static void cap_is_enforced(void **state)
{
	struct kh_strbuf sb;

	kh_strbuf_init(&sb, 8);
	assert_int_equal(kh_strbuf_adds(&sb, "12345678"), 0);
	assert_int_equal(kh_strbuf_addch(&sb, '9'), KH_ELIMIT);
	assert_string_equal(sb.buf, "12345678");
	assert_int_equal(kh_strbuf_addf(&sb, "%s", "x"), KH_ELIMIT);
	assert_int_equal(sb.len, 8);
	kh_strbuf_release(&sb);
}

static void detach_hands_over(void **state)
{
	struct kh_strbuf sb;
	size_t len;
	char *s;

	kh_strbuf_init(&sb, 0);
	s = kh_strbuf_detach(&sb, &len);
	assert_string_equal(s, "");
	free(s);
	kh_strbuf_adds(&sb, "张三");
	s = kh_strbuf_detach(&sb, &len);
	assert_string_equal(s, "张三");
	assert_int_equal(len, 6);
	assert_int_equal(sb.len, 0);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(grows_and_terminates),
		cmocka_unit_test(cap_is_enforced),
		cmocka_unit_test(detach_hands_over),
	};
	return cmocka_run_group_tests_name("strbuf", tests, NULL, NULL);
}
