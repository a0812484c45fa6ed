/* signed_link_test.c: the tokens of a message's links: what is signed comes
 * back, and nothing else verifies — a changed character, another key, a cut
 * or padded token, or one made up. */
#include "test.h"

#include <string.h>

#include "base/error.h"
#include "base/signed_link.h"

static const unsigned char key[KH_LINK_KEY_BYTES] = "0123456789abcdef0123456789abcdef";
static const unsigned char other_key[KH_LINK_KEY_BYTES] = "0123456789abcdef0123456789abcdeF";

static void what_is_signed_comes_back(void **state)
{
	const struct kh_link links[] = {
	    {KH_LINK_UNSUBSCRIBE, 1, 0},
	    {KH_LINK_OPEN, 123456789012345, 0},
	    {KH_LINK_CLICK, INT64_MAX, 4294967295u},
	};
	char t[KH_LINK_TOKEN_LEN + 1], u[KH_LINK_TOKEN_LEN + 1];

	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		struct kh_link got = {0};

		assert_int_equal(kh_link_sign(key, &links[i], t), 0);
		assert_int_equal(strlen(t), KH_LINK_TOKEN_LEN);
		assert_int_equal(strspn(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
					   "0123456789-_"),
				 KH_LINK_TOKEN_LEN);
		assert_int_equal(kh_link_verify(key, t, &got), 0);
		assert_int_equal(got.purpose, links[i].purpose);
		assert_true(got.message_id == links[i].message_id);
		assert_int_equal(got.part, links[i].part);
		/* the same link, the same token; another key, another token */
		assert_int_equal(kh_link_sign(key, &links[i], u), 0);
		assert_string_equal(t, u);
		assert_int_equal(kh_link_sign(other_key, &links[i], u), 0);
		assert_string_not_equal(t, u);
	}
}

static void nothing_else_verifies(void **state)
{
	const struct kh_link link = {KH_LINK_CLICK, 77, 2};
	struct kh_link got = {KH_LINK_OPEN, -1, 9};
	char t[KH_LINK_TOKEN_LEN + 1], bad[KH_LINK_TOKEN_LEN + 2];

	assert_int_equal(kh_link_sign(key, &link, t), 0);
	assert_int_equal(kh_link_verify(other_key, t, &got), KH_EINVAL);
	for (size_t i = 0; i < KH_LINK_TOKEN_LEN; i++) {
		memcpy(bad, t, sizeof(t));
		bad[i] = bad[i] == 'A' ? 'B' : 'A';
		assert_int_equal(kh_link_verify(key, bad, &got), KH_EINVAL);
	}
	memcpy(bad, t, sizeof(t));
	bad[KH_LINK_TOKEN_LEN - 1] = '\0';
	assert_int_equal(kh_link_verify(key, bad, &got), KH_EINVAL);
	memcpy(bad, t, KH_LINK_TOKEN_LEN);
	bad[KH_LINK_TOKEN_LEN] = 'A';
	bad[KH_LINK_TOKEN_LEN + 1] = '\0';
	assert_int_equal(kh_link_verify(key, bad, &got), KH_EINVAL);
	memcpy(bad, t, sizeof(t));
	bad[5] = '=';
	assert_int_equal(kh_link_verify(key, bad, &got), KH_EINVAL);
	/* libsodium alone decodes every byte above 127 as '_' (the fuzz target
	 * found it): a token with a '_', that '_' replaced by each of them */
	{
		struct kh_link l = {KH_LINK_OPEN, 0, 0};
		char u[KH_LINK_TOKEN_LEN + 1];
		const char *under = NULL;

		while (!under) {
			l.message_id++;
			assert_int_equal(kh_link_sign(key, &l, u), 0);
			under = strchr(u, '_');
		}
		assert_int_equal(kh_link_verify(key, u, &got), 0);
		for (int c = 128; c < 256; c++) {
			memcpy(bad, u, sizeof(u));
			bad[under - u] = (char)c;
			assert_int_equal(kh_link_verify(key, bad, &got), KH_EINVAL);
		}
		got = (struct kh_link){KH_LINK_OPEN, -1, 9};
	}
	assert_int_equal(kh_link_verify(key, "", &got), KH_EINVAL);
	assert_int_equal(kh_link_verify(key, NULL, &got), KH_EINVAL);
	assert_int_equal(kh_link_verify(key, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", &got),
			 KH_EINVAL);
	/* a refused token leaves the output as it was */
	assert_int_equal(got.purpose, KH_LINK_OPEN);
	assert_true(got.message_id == -1);
	assert_int_equal(got.part, 9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(what_is_signed_comes_back),
	    cmocka_unit_test(nothing_else_verifies),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
