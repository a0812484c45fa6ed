/*
 * internal.h: what the files of the HTTP layer share: one request as the
 * handlers see it, the route table, and the helpers that turn service
 * results into responses. Handlers parse, call one service and fill in
 * status and body; the server does the rest (auth, logging, sending).
 */
#ifndef KH_HTTP_INTERNAL_H
#define KH_HTTP_INTERNAL_H

#include <jansson.h>
#include <microhttpd.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "http/peer.h"
#include "http/upload.h"
#include "service/accounts/auth.h"
#include "service/context.h"
#include "service/entity.h"

#define KH_HTTP_BODY_MAX (1024 * 1024)
#define KH_HTTP_JSON_DEPTH_MAX 32
#define KH_HTTP_QUERY_ARGS_MAX 32
#define KH_HTTP_ROUTES_MAX 256

struct kh_route;

struct kh_http_req {
	struct MHD_Connection *conn;
	const char *method;
	const char *path;
	int64_t id;                 /* the {id} of the path, 0 if none */
	const struct kh_route *route;
	const struct kh_router *router;
	const struct kh_http_proxies *proxies; /* serve --trusted-proxy */
	struct kh_ctx ctx;
	bool authenticated;
	bool via_cookie;
	const char *session_token;  /* the cookie value, when that authenticated */
	json_t *body;               /* the parsed JSON body, or NULL */
	const char *raw;            /* KH_ROUTE_RAW: the body as it came (raw_len bytes) */
	size_t raw_len;
	json_t *query;              /* query arguments as strings */
	/* the answer */
	int status;
	json_t *out;                /* response body (a new reference), or NULL */
	struct kh_strbuf text;      /* or the body as JSON text, when the hot paths wrote it */
	char set_cookie[256];
	bool secure_cookie;         /* add "; Secure" to set_cookie */
	int retry_after;
	/* Or a response the handler made itself (a streamed export, with its
	 * own headers); the server sends and destroys it. */
	struct MHD_Response *response;
	/* imports (handlers_import.c): the server's jobs, the uploaded file of
	 * a KH_ROUTE_UPLOAD route, and a file to answer with instead of JSON
	 * (send_file: its descriptor, taken; its type and download name) */
	struct kh_import_jobs *imports;
	/* the event hub (events.h); a handler that answers with an event
	 * stream sets stream (it then counts towards no address's cap) */
	struct kh_events *events;
	bool stream;
	struct kh_http_upload *upload;
	bool send_file;
	int file_fd;
	const char *file_type;
	char file_name[128];
};

typedef int (*kh_handler)(struct kh_http_req *r, struct kh_error *err);

#define KH_ROUTE_PUBLIC 0x1u /* no credentials needed */
#define KH_ROUTE_BODY 0x2u   /* takes a JSON object body */
#define KH_ROUTE_RAW 0x4u    /* takes a body of any type, up to 1 MiB (r->raw) */
#define KH_ROUTE_UPLOAD 0x8u /* takes any body, streamed into a file (upload.h) */

/* A REST collection backed by the entity registry. */
struct kh_resource {
	const char *path;   /* "customers" */
	const char *entity; /* "customer" */
};

struct kh_route {
	const char *method;
	char pattern[96];      /* "/api/v1/customers/{id}" */
	kh_handler fn;
	const struct kh_resource *res;
	unsigned flags;
	const char *summary;
	const char *op;        /* "list", "get", "create", "update", "delete", or NULL */
	int status;            /* the success status, for the description */
};

struct kh_router {
	struct kh_route routes[KH_HTTP_ROUTES_MAX];
	size_t n;
};

/* Fill the route table. */
void kh_router_init(struct kh_router *rt);
/* The route for method and path, setting *id; NULL and *path_known when
 * only the method is wrong. */
const struct kh_route *kh_router_match(const struct kh_router *rt, const char *method,
				       const char *path, int64_t *id, bool *path_known);

/* The resources of the registry exposed under /api/v1. */
extern const struct kh_resource kh_http_resources[];
extern const size_t kh_http_nresources;

/* Parse a request body: a JSON object, at most KH_HTTP_JSON_DEPTH_MAX deep,
 * no duplicate keys. */
int kh_http_json_parse(const char *buf, size_t len, json_t **out, struct kh_error *err);

/* The OpenAPI 3 document of the router and the registry. */
json_t *kh_openapi_build(const struct kh_router *rt);

/* Refuse body members other than names (NULL-terminated): KH_EINVAL
 * naming the first unknown one. */
int kh_http_body_only(struct kh_http_req *r, const char *const *names, struct kh_error *err);
/* Refuse query arguments other than allowed (NULL-terminated): KH_EINVAL
 * naming the first unknown one. */
int kh_http_query_only(struct kh_http_req *r, const char *const *allowed, struct kh_error *err);
/* The positive integer body member name (a user id) into *id, or
 * KH_EINVAL naming it. */
int kh_http_body_id(struct kh_http_req *r, const char *name, int64_t *id, struct kh_error *err);

/* The body of a transfer, one customer's or many: "to" (a user id),
 * "old_owner_access" (a word, or NULL) and "move_contacts_and_opportunities";
 * with_ids also allows "ids", which the caller reads. */
struct kh_transfer_args {
	int64_t to;
	const char *old_owner_access;
	bool move_related;
};
int kh_http_transfer_args(struct kh_http_req *r, bool with_ids, struct kh_transfer_args *a,
			  struct kh_error *err);

/* page, per_page, sort, cursor and q (customers) from the query; every
 * other argument but those named in skip (NULL-terminated, or NULL) is a
 * filter, in a new object *filters the caller releases. */
int kh_http_list_params(struct kh_http_req *r, struct kh_list_params *p, json_t **filters,
			const char *const *skip, struct kh_error *err);

/* Answer with status and body (takes the reference). */
int kh_http_reply(struct kh_http_req *r, int status, json_t *body);
/* Answer with status and the JSON text the handler wrote into r->text. */
int kh_http_reply_text(struct kh_http_req *r, int status);

#endif
