/*
 * peer.h: who the client is. The socket's peer address, unless that peer is
 * one of the configured trusted proxies (serve --trusted-proxy): then the
 * rightmost hop of X-Forwarded-For that is not itself a trusted proxy, since
 * every proxy appends the address it saw and only the hops we trust can be
 * believed. Used by the login rate limit and the per-address connection cap.
 */
#ifndef KH_HTTP_PEER_H
#define KH_HTTP_PEER_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#include "base/error.h"

#define KH_HTTP_PROXIES_MAX 16
/* Room for an address as text (INET6_ADDRSTRLEN) with its NUL. */
#define KH_HTTP_ADDR_TEXT 46

/* An IPv4 (4 bytes used) or IPv6 address; IPv4-mapped IPv6 is kept as IPv4
 * so one client has one form. */
struct kh_http_addr {
	int family; /* AF_INET, AF_INET6, or 0 = unknown */
	unsigned char bytes[16];
};

struct kh_http_proxies {
	size_t n;
	struct kh_http_addr addr[KH_HTTP_PROXIES_MAX];
};

/* Parse "ADDR[,ADDR...]" (IPv4 or IPv6, spaces allowed around commas; NULL
 * or "" = none) into out. KH_EINVAL naming "trusted-proxy" for a bad entry
 * or more than KH_HTTP_PROXIES_MAX. */
int kh_http_proxies_parse(const char *list, struct kh_http_proxies *out, struct kh_error *err);
/* Is a one of the proxies? */
bool kh_http_proxies_has(const struct kh_http_proxies *p, const struct kh_http_addr *a);
/* The address of a socket peer (family 0 for anything but IPv4/IPv6). */
void kh_http_addr_from_sockaddr(const struct sockaddr *sa, struct kh_http_addr *out);
/* Two addresses are the same host. */
bool kh_http_addr_equal(const struct kh_http_addr *a, const struct kh_http_addr *b);
/* a as text into buf (KH_HTTP_ADDR_TEXT bytes); "?" when unknown. */
void kh_http_addr_format(const struct kh_http_addr *a, char *buf);

/* The client behind peer: peer itself unless it is a trusted proxy; else
 * walk xff (the X-Forwarded-For values joined by commas, may be NULL) from
 * the right past trusted proxies to the first untrusted hop. An entry that
 * is no address stops the walk at the hop that wrote it. */
void kh_http_client_addr(const struct kh_http_proxies *p, const struct kh_http_addr *peer,
			 const char *xff, struct kh_http_addr *out);

#endif
