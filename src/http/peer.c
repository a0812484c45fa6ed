/*
 * peer.c: client addresses and trusted proxies (see peer.h).
 */
#include "http/peer.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "base/banned.h"

/* Parse len bytes of text as an address. */
static bool addr_parse(const char *text, size_t len, struct kh_http_addr *out)
{
	char buf[KH_HTTP_ADDR_TEXT];
	struct in6_addr a6;

	if (len == 0 || len >= sizeof(buf))
		return false;
	memcpy(buf, text, len);
	buf[len] = '\0';
	memset(out, 0, sizeof(*out));
	if (inet_pton(AF_INET, buf, out->bytes) == 1) {
		out->family = AF_INET;
		return true;
	}
	if (inet_pton(AF_INET6, buf, &a6) != 1)
		return false;
	if (IN6_IS_ADDR_V4MAPPED(&a6)) {
		out->family = AF_INET;
		memcpy(out->bytes, a6.s6_addr + 12, 4);
	} else {
		out->family = AF_INET6;
		memcpy(out->bytes, a6.s6_addr, 16);
	}
	return true;
}

/* The entry of a comma-separated list that ends before end, without spaces:
 * *start and *len; returns where the entry's comma (or the list) begins. */
static const char *entry_before(const char *list, const char *end, const char **start,
				size_t *len)
{
	const char *b = end, *e;

	while (b > list && b[-1] != ',')
		b--;
	e = end;
	while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	*start = b;
	while (*start < e && (**start == ' ' || **start == '\t'))
		(*start)++;
	*len = (size_t)(e - *start);
	return b;
}

int kh_http_proxies_parse(const char *list, struct kh_http_proxies *out, struct kh_error *err)
{
	const char *end, *start;
	size_t len;

	memset(out, 0, sizeof(*out));
	if (!list || !*list)
		return 0;
	end = list + strlen(list);
	for (;;) {
		const char *b = entry_before(list, end, &start, &len);

		if (out->n == KH_HTTP_PROXIES_MAX)
			return kh_error_set(err, KH_EINVAL, "trusted-proxy",
					    "at most %d trusted proxies", KH_HTTP_PROXIES_MAX);
		if (!addr_parse(start, len, &out->addr[out->n]))
			return kh_error_set(err, KH_EINVAL, "trusted-proxy",
					    "not an IPv4 or IPv6 address: %.*s", (int)len, start);
		out->n++;
		if (b == list)
			return 0;
		end = b - 1;
	}
}

bool kh_http_addr_equal(const struct kh_http_addr *a, const struct kh_http_addr *b)
{
	return a->family && a->family == b->family &&
	       memcmp(a->bytes, b->bytes, a->family == AF_INET ? 4 : 16) == 0;
}

bool kh_http_proxies_has(const struct kh_http_proxies *p, const struct kh_http_addr *a)
{
	for (size_t i = 0; p && i < p->n; i++)
		if (kh_http_addr_equal(&p->addr[i], a))
			return true;
	return false;
}

void kh_http_addr_from_sockaddr(const struct sockaddr *sa, struct kh_http_addr *out)
{
	char text[KH_HTTP_ADDR_TEXT];

	memset(out, 0, sizeof(*out));
	if (!sa)
		return;
	/* Through text, so an IPv4-mapped peer of a dual-stack socket is IPv4. */
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, text,
			  sizeof(text));
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
			  text, sizeof(text));
	else
		return;
	addr_parse(text, strlen(text), out);
}

void kh_http_addr_format(const struct kh_http_addr *a, char *buf)
{
	if (!a->family || !inet_ntop(a->family, a->bytes, buf, KH_HTTP_ADDR_TEXT))
		snprintf(buf, KH_HTTP_ADDR_TEXT, "?");
}

void kh_http_client_addr(const struct kh_http_proxies *p, const struct kh_http_addr *peer,
			 const char *xff, struct kh_http_addr *out)
{
	const char *end, *start;
	struct kh_http_addr hop;
	size_t len;

	*out = *peer;
	if (!xff || !*xff || !kh_http_proxies_has(p, peer))
		return;
	end = xff + strlen(xff);
	for (;;) {
		const char *b = entry_before(xff, end, &start, &len);

		if (!addr_parse(start, len, &hop))
			return;
		*out = hop;
		if (!kh_http_proxies_has(p, &hop) || b == xff)
			return;
		end = b - 1;
	}
}
