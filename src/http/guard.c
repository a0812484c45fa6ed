/*
 * guard.c: request deadlines and the per-address connection cap (see
 * guard.h). Every connection is on one list under one mutex, with its
 * socket, its client address and the phase of its request. The sweeper
 * wakes every second and shuts down (shutdown(2), not close: the socket
 * stays libmicrohttpd's) the sockets past their deadline; libmicrohttpd
 * then sees the end of the stream and closes the connection itself. The
 * CLOSED notification, which libmicrohttpd sends before it closes the
 * socket, takes the connection off the list under the mutex, so the
 * sweeper never touches a socket number that has been reused.
 */
#include "http/guard.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "base/banned.h"

struct tracked {
	struct tracked *prev, *next;
	int fd;
	struct kh_http_addr addr;
	bool capped;          /* counts towards its address's cap */
	bool cut;             /* shut down by the sweeper */
	bool served;          /* has answered a request (now idle or slow) */
	enum kh_http_phase phase;
	struct timespec since; /* when the phase began (CLOCK_MONOTONIC) */
};

struct kh_http_guard {
	const struct kh_http_proxies *proxies;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	struct tracked *head;
	bool stopping;
	pthread_t sweeper;
};

static void now(struct timespec *t)
{
	clock_gettime(CLOCK_MONOTONIC, t);
}

static bool past_deadline(const struct tracked *t, const struct timespec *at)
{
	long limit = t->phase == KH_HTTP_WAIT_HEADERS ? KH_HTTP_HEADER_SECONDS
		     : t->phase == KH_HTTP_READ_BODY  ? KH_HTTP_BODY_SECONDS
						      : 0;

	if (!limit)
		return false;
	return at->tv_sec - t->since.tv_sec > limit ||
	       (at->tv_sec - t->since.tv_sec == limit && at->tv_nsec >= t->since.tv_nsec);
}

/* Shut down what is late; the number cut that had not been served yet (an
 * idle keep-alive connection closing is no news). */
static int sweep(struct kh_http_guard *g)
{
	struct timespec at;
	int cut = 0;

	now(&at);
	for (struct tracked *t = g->head; t; t = t->next)
		if (!t->cut && past_deadline(t, &at)) {
			shutdown(t->fd, SHUT_RDWR);
			t->cut = true;
			cut += !t->served || t->phase != KH_HTTP_WAIT_HEADERS;
		}
	return cut;
}

static void *sweeper_main(void *arg)
{
	struct kh_http_guard *g = arg;
	struct timespec until;

	pthread_mutex_lock(&g->lock);
	while (!g->stopping) {
		int cut;

		now(&until);
		until.tv_sec += 1;
		pthread_cond_timedwait(&g->wake, &g->lock, &until);
		if (g->stopping)
			break;
		/* One line a second at most, however many were cut. */
		if ((cut = sweep(g)) > 0)
			fprintf(stderr, "kehu: closed %d connection%s that sent %s request too "
				"slowly (headers: %d s, body: %d s)\n", cut, cut == 1 ? "" : "s",
				cut == 1 ? "its" : "their", KH_HTTP_HEADER_SECONDS,
				KH_HTTP_BODY_SECONDS);
	}
	pthread_mutex_unlock(&g->lock);
	return NULL;
}

int kh_http_guard_new(const struct kh_http_proxies *proxies, struct kh_http_guard **out,
		      struct kh_error *err)
{
	struct kh_http_guard *g = calloc(1, sizeof(*g));
	pthread_condattr_t ca;
	int rc;

	if (!g)
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	g->proxies = proxies;
	pthread_mutex_init(&g->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&g->wake, &ca);
	pthread_condattr_destroy(&ca);
	if ((rc = pthread_create(&g->sweeper, NULL, sweeper_main, g))) {
		pthread_cond_destroy(&g->wake);
		pthread_mutex_destroy(&g->lock);
		free(g);
		return kh_error_set(err, KH_ENOMEM, "", "cannot start a thread: %s", strerror(rc));
	}
	*out = g;
	return 0;
}

void kh_http_guard_free(struct kh_http_guard *g)
{
	if (!g)
		return;
	pthread_mutex_lock(&g->lock);
	g->stopping = true;
	pthread_cond_signal(&g->wake);
	pthread_mutex_unlock(&g->lock);
	pthread_join(g->sweeper, NULL);
	while (g->head) {
		struct tracked *t = g->head;

		g->head = t->next;
		free(t);
	}
	pthread_cond_destroy(&g->wake);
	pthread_mutex_destroy(&g->lock);
	free(g);
}

/* Has address a its share of live connections already? Under the lock. */
static bool address_full(const struct kh_http_guard *g, const struct kh_http_addr *a)
{
	int same = 0;

	for (struct tracked *t = g->head; t && same < KH_HTTP_CONNECTIONS_PER_ADDRESS; t = t->next)
		same += t->capped && !t->cut && kh_http_addr_equal(&t->addr, a);
	return same >= KH_HTTP_CONNECTIONS_PER_ADDRESS;
}

/* The cheap early refusal, before libmicrohttpd sets the connection up.
 * Worker threads accept side by side, so the exact count is kept in track. */
enum MHD_Result kh_http_guard_accept(void *cls, const struct sockaddr *addr, socklen_t len)
{
	struct kh_http_guard *g = cls;
	struct kh_http_addr a;
	bool full;

	kh_http_addr_from_sockaddr(addr, &a);
	if (!a.family || kh_http_proxies_has(g->proxies, &a))
		return MHD_YES;
	pthread_mutex_lock(&g->lock);
	full = address_full(g, &a);
	pthread_mutex_unlock(&g->lock);
	return full ? MHD_NO : MHD_YES;
}

static void track(struct kh_http_guard *g, struct MHD_Connection *conn, void **socket_context)
{
	const union MHD_ConnectionInfo *fd =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
	const union MHD_ConnectionInfo *peer =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	struct tracked *t = calloc(1, sizeof(*t));

	/* Out of memory: the connection goes unguarded rather than refused. */
	if (!t || !fd) {
		free(t);
		return;
	}
	t->fd = fd->connect_fd;
	kh_http_addr_from_sockaddr(peer ? peer->client_addr : NULL, &t->addr);
	t->capped = t->addr.family && !kh_http_proxies_has(g->proxies, &t->addr);
	t->phase = KH_HTTP_WAIT_HEADERS;
	now(&t->since);
	pthread_mutex_lock(&g->lock);
	/* Over the cap after all (accepted side by side): shut at once. */
	if (t->capped && address_full(g, &t->addr)) {
		shutdown(t->fd, SHUT_RDWR);
		t->cut = true;
	}
	t->next = g->head;
	if (g->head)
		g->head->prev = t;
	g->head = t;
	pthread_mutex_unlock(&g->lock);
	*socket_context = t;
}

static void untrack(struct kh_http_guard *g, void **socket_context)
{
	struct tracked *t = *socket_context;

	if (!t)
		return;
	pthread_mutex_lock(&g->lock);
	if (t->prev)
		t->prev->next = t->next;
	else
		g->head = t->next;
	if (t->next)
		t->next->prev = t->prev;
	pthread_mutex_unlock(&g->lock);
	free(t);
	*socket_context = NULL;
}

void kh_http_guard_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
			  enum MHD_ConnectionNotificationCode toe)
{
	if (toe == MHD_CONNECTION_NOTIFY_STARTED)
		track(cls, conn, socket_context);
	else if (toe == MHD_CONNECTION_NOTIFY_CLOSED)
		untrack(cls, socket_context);
}

/* The guard's record of conn (NULL: unguarded). */
static struct tracked *tracked_of(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	return ci ? ci->socket_context : NULL;
}

void kh_http_guard_phase(struct kh_http_guard *g, struct MHD_Connection *conn,
			 enum kh_http_phase phase)
{
	struct tracked *t = tracked_of(conn);

	if (!t)
		return;
	pthread_mutex_lock(&g->lock);
	t->served |= phase == KH_HTTP_WAIT_HEADERS;
	t->phase = phase;
	now(&t->since);
	pthread_mutex_unlock(&g->lock);
}

void kh_http_guard_stream(struct kh_http_guard *g, struct MHD_Connection *conn)
{
	struct tracked *t = tracked_of(conn);

	if (!t)
		return;
	pthread_mutex_lock(&g->lock);
	t->capped = false;
	pthread_mutex_unlock(&g->lock);
}
