/*
 * guard.h: the connection guard. libmicrohttpd's connection timeout counts
 * idle time only, so a client sending one header byte a second held a
 * connection (and with a thousand of them the whole server) for ever. The
 * guard gives every request a deadline for its headers and one for its
 * body, and a sweeper thread shuts down the sockets that miss them; it also
 * caps the connections of one client address (trusted proxies exempt,
 * since everyone behind them shares their address).
 */
#ifndef KH_HTTP_GUARD_H
#define KH_HTTP_GUARD_H

#include <microhttpd.h>

#include "base/error.h"
#include "http/peer.h"

/* The request line and headers must be in within this many seconds of the
 * connection's start or the previous answer (an idle keep-alive connection
 * is closed after as long). */
#define KH_HTTP_HEADER_SECONDS 10
/* The body must be in within this many seconds after the headers. */
#define KH_HTTP_BODY_SECONDS 60
/* Open connections one client address may have. */
#define KH_HTTP_CONNECTIONS_PER_ADDRESS 128

struct kh_http_guard;

/* Where a connection's current request is. */
enum kh_http_phase {
	KH_HTTP_WAIT_HEADERS, /* deadline KH_HTTP_HEADER_SECONDS */
	KH_HTTP_READ_BODY,    /* deadline KH_HTTP_BODY_SECONDS */
	KH_HTTP_ANSWER,       /* the request is in: no deadline */
};

/* A guard trusting proxies (kept by reference), with its sweeper thread
 * started (call with the termination signals blocked). */
int kh_http_guard_new(const struct kh_http_proxies *proxies, struct kh_http_guard **out,
		      struct kh_error *err);
/* Stop the sweeper and free; after MHD_stop_daemon. Accepts NULL. */
void kh_http_guard_free(struct kh_http_guard *g);

/* For MHD_start_daemon: the accept policy (cls = the guard) and
 * MHD_OPTION_NOTIFY_CONNECTION's callback (cls = the guard). */
enum MHD_Result kh_http_guard_accept(void *cls, const struct sockaddr *addr, socklen_t len);
void kh_http_guard_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
			  enum MHD_ConnectionNotificationCode toe);
/* The request on conn has moved to phase (its clock starts now). */
void kh_http_guard_phase(struct kh_http_guard *g, struct MHD_Connection *conn,
			 enum kh_http_phase phase);

/* The request on conn is answered with an event stream (events.h): it no
 * longer counts towards its address's cap, so that a thousand browsers
 * behind one NAT can each keep one open (libmicrohttpd's connection
 * limit still bounds them). */
void kh_http_guard_stream(struct kh_http_guard *g, struct MHD_Connection *conn);

#endif
