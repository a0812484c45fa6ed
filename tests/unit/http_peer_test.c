/* http_peer_test.c: trusted proxies and the client address behind them: the
 * rightmost untrusted X-Forwarded-For hop, never a spoofed one on the left,
 * and the peer itself when it is not a trusted proxy. */
#include "test.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "http/peer.h"

static struct kh_http_addr addr(const char *text)
{
	struct kh_http_proxies p;

	assert_int_equal(kh_http_proxies_parse(text, &p, NULL), 0);
	assert_int_equal(p.n, 1);
	return p.addr[0];
}

/* The client for peer and xff, as text. */
static const char *client(const struct kh_http_proxies *p, const char *peer, const char *xff)
{
	static char buf[KH_HTTP_ADDR_TEXT];
	struct kh_http_addr a = addr(peer), out;

	kh_http_client_addr(p, &a, xff, &out);
	kh_http_addr_format(&out, buf);
	return buf;
}

static void parse_lists(void **state)
{
	struct kh_http_proxies p;
	struct kh_error err = {0};
	char many[16 * 20] = "";

	assert_int_equal(kh_http_proxies_parse(NULL, &p, NULL), 0);
	assert_int_equal(p.n, 0);
	assert_int_equal(kh_http_proxies_parse("10.0.0.1, ::1 ,192.168.1.2", &p, NULL), 0);
	assert_int_equal(p.n, 3);
	assert_true(kh_http_proxies_has(&p, &(struct kh_http_addr){0}) == false);
	{
		struct kh_http_addr one = addr("::1"), mapped = addr("::ffff:10.0.0.1");

		assert_true(kh_http_proxies_has(&p, &one));
		assert_int_equal(mapped.family, AF_INET);
		assert_true(kh_http_proxies_has(&p, &mapped));
	}
	assert_int_equal(kh_http_proxies_parse("10.0.0.1,nginx", &p, &err), KH_EINVAL);
	assert_string_equal(err.field, "trusted-proxy");
	assert_non_null(strstr(err.message, "nginx"));
	assert_int_equal(kh_http_proxies_parse("10.0.0.1,", &p, NULL), KH_EINVAL);
	assert_int_equal(kh_http_proxies_parse("10.0.0.0/8", &p, NULL), KH_EINVAL);
	for (int i = 0; i < 17; i++)
		snprintf(many + strlen(many), sizeof(many) - strlen(many), "%s10.0.0.%d",
			 i ? "," : "", i + 1);
	assert_int_equal(kh_http_proxies_parse(many, &p, NULL), KH_EINVAL);
}

static void untrusted_peer_is_the_client(void **state)
{
	struct kh_http_proxies p;

	assert_int_equal(kh_http_proxies_parse("10.0.0.1", &p, NULL), 0);
	assert_string_equal(client(&p, "192.0.2.7", "203.0.113.5"), "192.0.2.7");
	assert_string_equal(client(NULL, "192.0.2.7", "203.0.113.5"), "192.0.2.7");
	assert_string_equal(client(&p, "10.0.0.1", NULL), "10.0.0.1");
	assert_string_equal(client(&p, "10.0.0.1", ""), "10.0.0.1");
}

static void rightmost_untrusted_hop(void **state)
{
	struct kh_http_proxies p;

	assert_int_equal(kh_http_proxies_parse("10.0.0.1,10.0.0.2", &p, NULL), 0);
	assert_string_equal(client(&p, "10.0.0.1", "203.0.113.5"), "203.0.113.5");
	/* whatever the client wrote on the left is not believed */
	assert_string_equal(client(&p, "10.0.0.1", "1.2.3.4, 203.0.113.5"), "203.0.113.5");
	/* a chain of trusted proxies is walked through */
	assert_string_equal(client(&p, "10.0.0.1", "1.2.3.4,203.0.113.5, 10.0.0.2"),
			    "203.0.113.5");
	assert_string_equal(client(&p, "10.0.0.1", "2001:db8::7 , 10.0.0.2"), "2001:db8::7");
	/* only trusted hops: the leftmost is as far as we can see */
	assert_string_equal(client(&p, "10.0.0.1", "10.0.0.2,10.0.0.1"), "10.0.0.2");
	/* garbage stops at the trusted hop that wrote it */
	assert_string_equal(client(&p, "10.0.0.1", "203.0.113.5, unknown"), "10.0.0.1");
	assert_string_equal(client(&p, "10.0.0.1", "203.0.113.5,,10.0.0.2"), "10.0.0.2");
	assert_string_equal(client(&p, "10.0.0.1", "1.2.3.4:80"), "10.0.0.1");
}

static void sockaddr_forms(void **state)
{
	struct sockaddr_in6 s6 = {.sin6_family = AF_INET6};
	struct sockaddr_in s4 = {.sin_family = AF_INET};
	struct kh_http_addr a;
	char buf[KH_HTTP_ADDR_TEXT];

	inet_pton(AF_INET6, "::ffff:192.0.2.1", &s6.sin6_addr);
	kh_http_addr_from_sockaddr((struct sockaddr *)&s6, &a);
	kh_http_addr_format(&a, buf);
	assert_string_equal(buf, "192.0.2.1");
	inet_pton(AF_INET, "192.0.2.1", &s4.sin_addr);
	{
		struct kh_http_addr b;

		kh_http_addr_from_sockaddr((struct sockaddr *)&s4, &b);
		assert_true(kh_http_addr_equal(&a, &b));
	}
	kh_http_addr_from_sockaddr(NULL, &a);
	kh_http_addr_format(&a, buf);
	assert_string_equal(buf, "?");
	assert_false(kh_http_addr_equal(&a, &a));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_lists),
		cmocka_unit_test(untrusted_peer_is_the_client),
		cmocka_unit_test(rightmost_untrusted_hop),
		cmocka_unit_test(sockaddr_forms),
	};
	return cmocka_run_group_tests_name("http_peer", tests, NULL, NULL);
}
