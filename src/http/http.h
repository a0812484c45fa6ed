/*
 * http.h: the HTTP JSON API server (libmicrohttpd, a thread pool over
 * epoll). The command line starts it with kh_http_serve, which returns when
 * SIGTERM or SIGINT has been received and the requests in flight are done.
 */
#ifndef KH_HTTP_H
#define KH_HTTP_H

#include <stdbool.h>
#include <stdio.h>

#include "base/error.h"

struct kh_http_config {
	const char *db_path;
	const char *bind;       /* an IPv4 or IPv6 address */
	int port;               /* 0 = any free port (printed on stderr) */
	int threads;            /* worker threads, 0 = one per CPU (2..16) */
	int cache_mib;          /* SQLite page cache of all workers together, MiB
				 * (0 = KH_HTTP_CACHE_MIB_DEFAULT); each worker's
				 * connection gets its share */
	const char *static_dir; /* files served under / (NULL = none) */
	bool secure_cookies;    /* mark the session cookie Secure (behind HTTPS) */
	const char *trusted_proxies; /* "ADDR[,ADDR]": peers whose X-Forwarded-For
				      * is believed (NULL = none) */
	int import_max_mib;     /* the largest file POST /api/v1/imports takes, MiB
				 * (0 = KH_HTTP_IMPORT_MAX_MIB_DEFAULT) */
};

/* The size cap of an uploaded import (docs/operations.md, "Imports"). */
#define KH_HTTP_IMPORT_MAX_MIB_DEFAULT 1024

/* The page-cache budget of a server (docs/operations.md, "Memory"). */
#define KH_HTTP_CACHE_MIB_DEFAULT 96

/* Serve until a termination signal. Prints "kehu: listening on URL" and,
 * for a database without users, a one-time setup token on stderr. */
int kh_http_serve(const struct kh_http_config *cfg, struct kh_error *err);

/* Print every route of the router as "METHOD PATTERN" lines. */
void kh_http_print_routes(FILE *out);

#endif
