/*
 * server.c: the libmicrohttpd daemon. A thread pool over epoll; each worker
 * thread opens its own SQLite connection on first use (WAL lets readers run
 * side by side, writers queue on BEGIN IMMEDIATE with a busy timeout). Per
 * request: read the body up to 1 MiB, find the route, resolve the caller
 * (bearer token, or session cookie plus CSRF header for changes), run the
 * handler, answer in the one JSON error shape, and log one line without
 * any secret. SIGTERM and SIGINT stop accepting, let the requests in
 * flight finish, then stop.
 */
#include "http/http.h"
#include "http/internal.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/strbuf.h"
#include "base/utf8.h"
#include "http/assets.h"
#include "http/error_json.h"
#include "http/events.h"
#include "http/guard.h"
#include "http/server_start.h"
#include "http/static_files.h"
#include "service/accounts/auth.h"
#include "service/analysis/report_refresher.h"
#include "service/io/import_job.h"
#include "base/banned.h"

/* Bodies announced as larger than this are refused without reading them;
 * smaller oversize bodies are read and dropped so the client sees the 413. */
#define DRAIN_MAX (8 * 1024 * 1024)

struct server {
	const struct kh_http_config *cfg;
	struct kh_router router;
	struct kh_http_proxies proxies;
	struct kh_http_guard *guard;  /* request deadlines, per-address cap */
	pthread_key_t store_key;
	struct kh_http_static files; /* the --static directory (fd -1: none) */
	atomic_int in_flight;   /* requests begun and not yet completed */
	atomic_bool stopping;
	struct kh_report_refresher *refresher; /* NULL with KEHU_REPORTS_FRESH=1 */
	struct kh_pool_job *pool_job;          /* NULL with KEHU_POOL_SWEEP=0 */
	struct kh_remind_job *remind_job;      /* NULL with KEHU_REMIND=0 */
	struct kh_campaign_job *campaign_job;  /* NULL with KEHU_CAMPAIGNS=0 */
	struct kh_import_jobs *imports;
	struct kh_events *events; /* the event streams' hub */
};

/* What lives from a request's first header to its completion. */
struct conn_state {
	struct timespec start;
	struct kh_strbuf body;
	bool too_large;
	bool answered;
	bool is_upload;             /* the body goes to a file (KH_ROUTE_UPLOAD) */
	struct kh_http_upload upload;
};

static void store_free(void *p)
{
	kh_store_free(p);
}

static int thread_count(const struct kh_http_config *cfg);

/* Each worker's page cache: its share of the budget, at least 2 MiB. */
static int cache_share(const struct kh_http_config *cfg)
{
	int total = cfg->cache_mib > 0 ? cfg->cache_mib : KH_HTTP_CACHE_MIB_DEFAULT;
	int share = total / thread_count(cfg);

	return share < 2 ? 2 : share;
}

static struct kh_store *thread_store(struct server *srv, struct kh_error *err)
{
	struct kh_store *st = pthread_getspecific(srv->store_key);

	if (st)
		return st;
	if (kh_store_open(srv->cfg->db_path, &st, err))
		return NULL;
	/* No memory map: on a file many times the memory it would map only a
	 * prefix, and its pages would count as the server's RSS beside the
	 * page cache; the OS caches the file either way. */
	kh_store_set_memory(st, cache_share(srv->cfg), 0);
	pthread_setspecific(srv->store_key, st);
	return st;
}

static double ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) * 1e3 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

/* One access log line. The path is MHD's, without the query string (where
 * a client might put a secret); bytes outside printable ASCII are shown as
 * '?' so a path cannot forge log lines. */
static void access_log(const char *method, const char *path, int status,
		       const struct timespec *start, const char *login)
{
	char clean[201];
	size_t i;

	for (i = 0; path[i] && i < sizeof(clean) - 1; i++)
		clean[i] = (path[i] >= 0x20 && path[i] < 0x7f && path[i] != '"') ? path[i] : '?';
	clean[i] = '\0';
	fprintf(stderr, "%s %s %d %.1fms %s\n", method, clean, status, ms_since(start),
		login && *login ? login : "-");
}

static void add_common_headers(struct server *srv, struct MHD_Response *resp)
{
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	if (atomic_load(&srv->stopping))
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
}

/* Answer with text (JSON of len bytes, malloc'd and taken over, or NULL
 * for no body). */
static enum MHD_Result send_body(struct server *srv, struct MHD_Connection *conn, int status,
				 char *text, size_t len, const struct kh_http_req *r)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;

	resp = MHD_create_response_from_buffer(len, text ? text : (void *)"",
					       text ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
	if (!resp) {
		free(text);
		return MHD_NO;
	}
	if (text)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
					"application/json; charset=utf-8");
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	add_common_headers(srv, resp);
	if (r && r->set_cookie[0])
		MHD_add_response_header(resp, MHD_HTTP_HEADER_SET_COOKIE, r->set_cookie);
	if (r && r->retry_after > 0) {
		char buf[16];

		snprintf(buf, sizeof(buf), "%d", r->retry_after);
		MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, buf);
	}
	ret = MHD_queue_response(conn, (unsigned)status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static enum MHD_Result send_json(struct server *srv, struct MHD_Connection *conn, int status,
				 json_t *body, const struct kh_http_req *r)
{
	char *text = body ? json_dumps(body, JSON_COMPACT) : NULL;

	return send_body(srv, conn, status, text, text ? strlen(text) : 0, r);
}

/* A file as the answer (a reject file): streamed from its descriptor. */
static enum MHD_Result send_file(struct server *srv, struct MHD_Connection *conn,
				 struct kh_http_req *r)
{
	struct MHD_Response *resp = kh_http_file_response(r->file_fd, r->file_type, r->file_name);
	enum MHD_Result ret;

	if (!resp)
		return MHD_NO;
	add_common_headers(srv, resp);
	ret = MHD_queue_response(conn, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* The handler's answer: its JSON tree, or the text a hot path wrote. */
static enum MHD_Result send_answer(struct server *srv, struct MHD_Connection *conn,
				   struct kh_http_req *r)
{
	size_t len = 0;
	char *text;

	if (r->response) {
		enum MHD_Result ret;

		MHD_add_response_header(r->response, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
		add_common_headers(srv, r->response);
		ret = MHD_queue_response(conn, (unsigned)r->status, r->response);
		MHD_destroy_response(r->response);
		r->response = NULL;
		return ret;
	}
	if (r->send_file)
		return send_file(srv, conn, r);
	if (r->status == 204 || r->out || !r->text.len)
		return send_json(srv, conn, r->status, r->status == 204 ? NULL : r->out, r);
	text = kh_strbuf_detach(&r->text, &len);
	return send_body(srv, conn, r->status, text, len, r);
}

/* An error answer: err's message (err NULL: the fixed English message,
 * which the catalogue translates) in the caller's language. */
static enum MHD_Result send_error(struct server *srv, struct MHD_Connection *conn, int status,
				  const char *code, const char *field, const char *message,
				  const struct kh_error *err, const struct kh_http_req *r)
{
	json_t *body = kh_http_error_json(conn, code, field, message, err);

	/* A refused duplicate names the record it would duplicate. */
	if (r && json_is_object(r->ctx.error_detail))
		json_object_update(json_object_get(body, "error"), r->ctx.error_detail);
	enum MHD_Result ret = send_json(srv, conn, status, body, r);

	json_decref(body);
	return ret;
}

struct query_walk {
	json_t *obj;
	int count;
	bool bad;
	char repeated[64]; /* a parameter given twice: refused, not "the last one wins" */
};

static enum MHD_Result query_arg(void *cls, enum MHD_ValueKind kind, const char *key,
				 const char *value)
{
	struct query_walk *w = cls;

	if (++w->count > KH_HTTP_QUERY_ARGS_MAX || !kh_utf8_valid(key, strlen(key)) ||
	    (value && !kh_utf8_valid(value, strlen(value)))) {
		w->bad = true;
		return MHD_NO;
	}
	if (json_object_get(w->obj, key)) {
		snprintf(w->repeated, sizeof(w->repeated), "%s", key);
		return MHD_NO;
	}
	json_object_set_new(w->obj, key, json_string(value ? value : ""));
	return MHD_YES;
}

/* Who is calling: a bearer token, or a session cookie (with the CSRF header
 * for anything but reads). */
static int authenticate(struct kh_http_req *r, struct kh_error *err)
{
	const char *auth = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
						       MHD_HTTP_HEADER_AUTHORIZATION);
	const char *cookie = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, KH_AUTH_COOKIE);
	bool reading = strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
	int rc;

	if (auth) {
		if (strncmp(auth, "Bearer ", 7) != 0)
			return kh_error_set(err, KH_EAUTH, "Authorization",
					    "use Authorization: Bearer kh_...");
		rc = kh_auth_bearer(&r->ctx, auth + 7, err);
	} else if (cookie) {
		rc = kh_auth_session(&r->ctx, cookie, !reading,
				     MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
								 "X-CSRF-Token"),
				     err);
		r->via_cookie = true;
		r->session_token = cookie;
	} else {
		return kh_error_set(err, KH_EAUTH, "", "log in first, or send Authorization: "
				    "Bearer with an API token");
	}
	if (rc == 0)
		r->authenticated = true;
	return rc;
}

static bool json_content_type(struct MHD_Connection *conn)
{
	const char *ct = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
						     MHD_HTTP_HEADER_CONTENT_TYPE);
	size_t n = strlen("application/json");

	return ct && strncasecmp(ct, "application/json", n) == 0 &&
	       (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

/* A file under --static: names of [A-Za-z0-9._-/] only, no dot-files and
 * no "..", and resolved below the directory (http/static_files.h), even
 * through links. Returns MHD_YES/NO, or -1 when there is no such file. */
static int serve_static(struct server *srv, struct MHD_Connection *conn, const char *path,
			int *status)
{
	char rel[512];
	struct stat sb;
	struct MHD_Response *resp;
	int fd;

	if (srv->files.fd < 0 || path[0] != '/')
		return -1;
	snprintf(rel, sizeof(rel), "%s", strcmp(path, "/") ? path + 1 : "index.html");
	if (strlen(path) >= sizeof(rel) - 12)
		return -1;
	for (const char *p = rel; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_' || *p == '/'))
			return -1;
	if (rel[0] == '.' || strstr(rel, "/.") || strstr(rel, "//"))
		return -1;
	if (rel[strlen(rel) - 1] == '/')
		snprintf(rel + strlen(rel), sizeof(rel) - strlen(rel), "index.html");
	fd = kh_http_static_open(&srv->files, rel);
	if (fd < 0)
		return -1;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return -1;
	}
	resp = MHD_create_response_from_fd((uint64_t)sb.st_size, fd);
	if (!resp) {
		close(fd);
		return MHD_NO;
	}
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, kh_http_mime_type(rel));
	/* Development files change under the server: always revalidate. */
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
	add_common_headers(srv, resp);
	*status = 200;
	{
		enum MHD_Result ret = MHD_queue_response(conn, MHD_HTTP_OK, resp);

		MHD_destroy_response(resp);
		return ret;
	}
}

/* The web UI: a file of --static DIR, else the embedded one; a path that
 * names no file ("/customers/12") is a route of the single-page app and
 * gets index.html. Returns MHD_YES/NO, or -1 when there is nothing. */
static int serve_ui(struct server *srv, struct MHD_Connection *conn, const char *path,
		    int *status)
{
	const struct kh_asset *a;
	int rc;

	if ((rc = serve_static(srv, conn, path, status)) >= 0)
		return rc;
	if ((a = kh_asset_find(path)))
		return kh_asset_send(conn, a, status);
	if (!kh_asset_is_app_route(path))
		return -1;
	if ((rc = serve_static(srv, conn, "/index.html", status)) >= 0)
		return rc;
	if ((a = kh_asset_find("/index.html")))
		return kh_asset_send(conn, a, status);
	return -1;
}

/* The whole request has arrived: answer it. */
static enum MHD_Result dispatch(struct server *srv, struct conn_state *cs,
				struct MHD_Connection *conn, const char *method, const char *path)
{
	struct kh_http_req r;
	struct kh_error err = {0};
	struct query_walk qw = {0};
	bool path_known = false;
	enum MHD_Result ret;
	int rc, status = 500;

	memset(&r, 0, sizeof(r));
	kh_strbuf_init(&r.text, 0);
	r.conn = conn;
	r.method = method;
	r.path = path;
	r.router = &srv->router;
	r.proxies = &srv->proxies;
	r.secure_cookie = srv->cfg->secure_cookies;
	r.imports = srv->imports;
	r.events = srv->events;
	if (cs->too_large || cs->upload.too_large) {
		status = 413;
		ret = send_error(srv, conn, status, "too_large", "",
				 cs->is_upload ? "the file is larger than the server takes "
						 "(serve --import-max-mib)"
					       : "the body is larger than 1 MiB", NULL, NULL);
		goto log;
	}
	r.route = kh_router_match(&srv->router, method, path, &r.id, &path_known);
	if (!r.route) {
		if ((strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0) &&
		    strncmp(path, "/api/", 5) != 0 && strcmp(path, "/api") != 0 &&
		    (rc = serve_ui(srv, conn, path, &status)) >= 0) {
			ret = (enum MHD_Result)rc;
			goto log;
		}
		status = path_known ? 405 : 404;
		ret = send_error(srv, conn, status, path_known ? "method_not_allowed" : "not_found",
				 "", path_known ? "this method is not allowed here"
						: "there is no such route", NULL, NULL);
		goto log;
	}
	kh_ctx_init_system(&r.ctx, NULL);
	/* Nobody, until authenticated: a public handler must not act as system. */
	r.ctx.actor.role = KH_ROLE_SALES;
	/* The refresher recomputes outdated dashboard results: serve the last. */
	if (srv->refresher)
		r.ctx.reports = KH_REPORTS_STALE_OK;
	r.ctx.store = thread_store(srv, &err);
	if (!r.ctx.store) {
		rc = err.code ? err.code : KH_EDB;
		goto fail;
	}
	r.query = json_object();
	qw.obj = r.query;
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, query_arg, &qw);
	if (qw.bad) {
		rc = kh_error_set(&err, KH_EINVAL, "", "the query has more than %d arguments or "
				  "is not valid UTF-8", KH_HTTP_QUERY_ARGS_MAX);
		goto fail;
	}
	if (qw.repeated[0]) {
		rc = kh_error_set(&err, KH_EINVAL, qw.repeated, "the query gives %s more than once",
				  qw.repeated);
		goto fail;
	}
	if (!(r.route->flags & KH_ROUTE_PUBLIC) && (rc = authenticate(&r, &err)))
		goto fail;
	if (r.route->flags & KH_ROUTE_UPLOAD) {
		if (cs->upload.failed) {
			rc = kh_error_set(&err, KH_EIO, "", "the file could not be stored");
			goto fail;
		}
		r.upload = &cs->upload;
	} else if (r.route->flags & KH_ROUTE_BODY) {
		if (!json_content_type(conn)) {
			status = 415;
			ret = send_error(srv, conn, status, "unsupported_media_type",
					 "Content-Type", "send the body as application/json", NULL, &r);
			goto log;
		}
		if ((rc = kh_http_json_parse(cs->body.buf, cs->body.len, &r.body, &err)))
			goto fail;
	} else if (r.route->flags & KH_ROUTE_RAW) {
		r.raw = cs->body.buf ? cs->body.buf : "";
		r.raw_len = cs->body.len;
	} else if (cs->body.len) {
		rc = kh_error_set(&err, KH_EINVAL, "", "this route takes no body");
		goto fail;
	}
	rc = r.route->fn(&r, &err);
	if (rc)
		goto fail;
	status = r.status;
	if (r.stream)
		kh_http_guard_stream(srv->guard, conn);
	ret = send_answer(srv, conn, &r);
	/* Any change through the API may move someone's to-do counts. */
	if (strcmp(method, "GET") && strcmp(method, "HEAD") && status < 300)
		kh_events_changed(srv->events);
	goto log;
fail:
	if (rc == KH_ELIMIT && r.retry_after > 0) {
		status = 429;
		ret = send_error(srv, conn, status, "rate_limited", NULL, NULL, &err, &r);
	} else {
		status = kh_error_http_status(rc);
		ret = send_error(srv, conn, status, kh_error_name(rc), err.field, "internal error",
				 status >= 500 && rc != KH_EDB ? NULL : &err, &r);
	}
log:
	access_log(method, path, status, &cs->start, r.authenticated ? r.ctx.actor.login : NULL);
	cs->answered = true;
	json_decref(r.body);
	json_decref(r.query);
	json_decref(r.out);
	if (r.response)
		MHD_destroy_response(r.response);
	kh_strbuf_release(&r.text);
	kh_ctx_release(&r.ctx);
	return ret;
}

static bool upload_route(struct server *srv, const char *url, const char *method)
{
	bool known = false;
	int64_t id;
	const struct kh_route *rt = kh_router_match(&srv->router, method, url, &id, &known);

	return rt && (rt->flags & KH_ROUTE_UPLOAD);
}

static uint64_t import_max(const struct server *srv)
{
	int mib = srv->cfg->import_max_mib > 0 ? srv->cfg->import_max_mib
					       : KH_HTTP_IMPORT_MAX_MIB_DEFAULT;

	return (uint64_t)mib << 20;
}

/* An upload: refused at once without credentials (nothing is written for a
 * caller who cannot be anyone) or when announced over the cap; else its
 * body goes to a file as it comes. */
/* An upload's credentials, checked in full from its headers before a byte
 * of its body is written to disk (and again at dispatch, as for any route). */
static bool upload_authenticated(struct server *srv, struct MHD_Connection *conn,
				 const char *method)
{
	struct kh_http_req r;
	struct kh_error err = {0};
	int rc;

	memset(&r, 0, sizeof(r));
	r.conn = conn;
	r.method = method;
	kh_ctx_init_system(&r.ctx, NULL);
	r.ctx.actor.role = KH_ROLE_SALES;
	r.ctx.store = thread_store(srv, &err);
	rc = r.ctx.store ? authenticate(&r, &err) : KH_EDB;
	kh_ctx_release(&r.ctx);
	return rc == 0;
}

static enum MHD_Result begin_upload(struct server *srv, struct conn_state *cs,
				    struct MHD_Connection *conn, const char *method,
				    const char *url, const char *cl)
{
	int status = 0;

	cs->is_upload = true;
	if (!upload_authenticated(srv, conn, method))
		status = 401;
	else if (cl && strtoull(cl, NULL, 10) > import_max(srv))
		status = 413;
	else if (!srv->imports || kh_http_upload_begin(&cs->upload, kh_import_jobs_dir(srv->imports),
						       import_max(srv)))
		status = 500;
	if (!status)
		return MHD_YES;
	cs->answered = true;
	kh_http_guard_phase(srv->guard, conn, KH_HTTP_ANSWER);
	access_log(method, url, status, &cs->start, NULL);
	return send_error(srv, conn, status, status == 401 ? "unauthenticated" : status == 413
		? "too_large" : "internal", "", status == 401 ? "log in first, or send "
		"Authorization: Bearer with an API token" : status == 413 ? "the file is larger "
		"than the server takes (serve --import-max-mib)" : "the file cannot be stored", NULL,
		NULL);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_data_size, void **con_cls)
{
	struct server *srv = cls;
	struct conn_state *cs = *con_cls;

	if (!cs) {
		const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
							     MHD_HTTP_HEADER_CONTENT_LENGTH);
		const char *expect = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
								 MHD_HTTP_HEADER_EXPECT);

		cs = calloc(1, sizeof(*cs));
		if (!cs)
			return MHD_NO;
		kh_http_guard_phase(srv->guard, conn, KH_HTTP_READ_BODY);
		clock_gettime(CLOCK_MONOTONIC, &cs->start);
		kh_strbuf_init(&cs->body, KH_HTTP_BODY_MAX);
		cs->upload.fd = -1;
		*con_cls = cs;
		atomic_fetch_add(&srv->in_flight, 1);
		if (upload_route(srv, url, method))
			return begin_upload(srv, cs, conn, method, url, cl);
		if (cl) {
			char *end;
			unsigned long long n = strtoull(cl, &end, 10);

			if (n > KH_HTTP_BODY_MAX) {
				cs->too_large = true;
				/* Refuse at once what we would not even drain. */
				if (n > DRAIN_MAX || expect) {
					cs->answered = true;
					kh_http_guard_phase(srv->guard, conn, KH_HTTP_ANSWER);
					access_log(method, url, 413, &cs->start, NULL);
					return send_error(srv, conn, 413, "too_large", "",
							  "the body is larger than 1 MiB", NULL, NULL);
				}
			}
		}
		return MHD_YES;
	}
	if (*upload_data_size && cs->is_upload) {
		kh_http_upload_add(&cs->upload, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (*upload_data_size) {
		if (!cs->too_large && !cs->answered &&
		    kh_strbuf_add(&cs->body, upload_data, *upload_data_size)) {
			cs->too_large = true;
			kh_strbuf_release(&cs->body);
			kh_strbuf_init(&cs->body, 0);
		}
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (cs->answered)
		return MHD_YES;
	kh_http_guard_phase(srv->guard, conn, KH_HTTP_ANSWER);
	return dispatch(srv, cs, conn, method, url);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct server *srv = cls;
	struct conn_state *cs = *con_cls;

	/* The next request on this connection has its own header deadline. */
	kh_http_guard_phase(srv->guard, conn, KH_HTTP_WAIT_HEADERS);
	if (!cs)
		return;
	kh_strbuf_release(&cs->body);
	kh_http_upload_release(&cs->upload);
	free(cs);
	*con_cls = NULL;
	atomic_fetch_sub(&srv->in_flight, 1);
}

void kh_http_print_routes(FILE *out)
{
	struct kh_router *rt = calloc(1, sizeof(*rt));

	if (!rt)
		return;
	kh_router_init(rt);
	for (size_t i = 0; i < rt->n; i++)
		fprintf(out, "%s %s\n", rt->routes[i].method, rt->routes[i].pattern);
	free(rt);
}

static int thread_count(const struct kh_http_config *cfg)
{
	long n = cfg->threads > 0 ? cfg->threads : sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 2)
		n = 2;
	if (n > 64)
		n = 64;
	return (int)n;
}

int kh_http_serve(const struct kh_http_config *cfg, struct kh_error *err)
{
	struct server *srv = NULL;
	struct MHD_Daemon *d = NULL;
	struct sockaddr_in sa4;
	struct sockaddr_in6 sa6;
	const struct sockaddr *sa;
	/* suspend and resume: the event streams wait without a thread */
	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG | MHD_USE_ITC |
			 MHD_ALLOW_SUSPEND_RESUME;
	sigset_t set;
	char url[128];
	int sig = 0, rc = KH_EIO, port;
	bool key_made = false;

	if (kh_auth_init())
		return kh_error_set(err, KH_EIO, "", "libsodium failed to start");
	memset(&sa4, 0, sizeof(sa4));
	memset(&sa6, 0, sizeof(sa6));
	if (inet_pton(AF_INET, cfg->bind, &sa4.sin_addr) == 1) {
		sa4.sin_family = AF_INET;
		sa4.sin_port = htons((uint16_t)cfg->port);
		sa = (const struct sockaddr *)&sa4;
	} else if (inet_pton(AF_INET6, cfg->bind, &sa6.sin6_addr) == 1) {
		sa6.sin6_family = AF_INET6;
		sa6.sin6_port = htons((uint16_t)cfg->port);
		sa = (const struct sockaddr *)&sa6;
		flags |= MHD_USE_IPv6;
	} else {
		return kh_error_set(err, KH_EINVAL, "bind", "--bind must be an IPv4 or IPv6 "
				    "address, not %s", cfg->bind);
	}
	srv = calloc(1, sizeof(*srv));
	if (!srv)
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	srv->cfg = cfg;
	srv->files.fd = -1;
	atomic_init(&srv->in_flight, 0);
	atomic_init(&srv->stopping, false);
	kh_router_init(&srv->router);
	if ((rc = kh_http_proxies_parse(cfg->trusted_proxies, &srv->proxies, err)))
		goto out;
	/* jansson seeds its hash function on first use; do it before threads. */
	json_object_seed(0);
	if (cfg->static_dir && (rc = kh_http_static_init(&srv->files, cfg->static_dir, err)))
		goto out;
	if (pthread_key_create(&srv->store_key, store_free)) {
		rc = kh_error_set(err, KH_ENOMEM, "", "out of thread keys");
		goto out;
	}
	key_made = true;
	/* Open once up front: this migrates the schema before any worker runs. */
	snprintf(url, sizeof(url), "http://%s%s%s:%d", sa == (const struct sockaddr *)&sa6 ? "[" : "",
		 cfg->bind, sa == (const struct sockaddr *)&sa6 ? "]" : "", cfg->port);
	if ((rc = kh_http_announce_setup(srv->cfg->db_path, url, err)) ||
	    (rc = kh_http_imports_start(cfg->db_path, &srv->imports, err)))
		goto out;
	/* Workers inherit this mask: only the main thread takes the signals. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	kh_http_raise_fd_limit();
	if ((rc = kh_events_new(cfg->db_path, &srv->events, err)) ||
	    (rc = kh_http_start_refresher(srv->cfg->db_path, &srv->refresher, err)) ||
	    (rc = kh_http_start_pool_job(srv->cfg->db_path, &srv->pool_job, err)) ||
	    (rc = kh_http_start_remind_job(srv->cfg->db_path, srv->events, &srv->remind_job,
					   err)) ||
	    (rc = kh_http_start_campaign_job(srv->cfg->db_path, &srv->campaign_job, err)) ||
	    (rc = kh_http_guard_new(&srv->proxies, &srv->guard, err)))
		goto out;
	d = MHD_start_daemon(flags, 0, kh_http_guard_accept, srv->guard, on_request, srv,
			     MHD_OPTION_SOCK_ADDR, sa,
			     MHD_OPTION_THREAD_POOL_SIZE, (unsigned)thread_count(cfg),
			     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
			     MHD_OPTION_CONNECTION_LIMIT, kh_http_connection_limit(),
			     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
			     MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
			     MHD_OPTION_NOTIFY_CONNECTION, kh_http_guard_notify, srv->guard,
			     MHD_OPTION_END);
	if (!d) {
		kh_http_guard_free(srv->guard);
		srv->guard = NULL;
		rc = kh_error_set(err, KH_EIO, "port", "cannot listen on %s port %d (in use?)",
				  cfg->bind, cfg->port);
		goto out;
	}
	{
		const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);

		port = info ? info->port : cfg->port;
	}
	snprintf(url, sizeof(url), "http://%s%s%s:%d", sa == (const struct sockaddr *)&sa6 ? "[" : "",
		 cfg->bind, sa == (const struct sockaddr *)&sa6 ? "]" : "", port);
	fprintf(stderr, "kehu: listening on %s (%d threads, %d MiB page cache each, database %s)\n",
		url, thread_count(cfg), cache_share(cfg), cfg->db_path);
	while (sigwait(&set, &sig) != 0)
		;
	fprintf(stderr, "kehu: %s received, finishing requests in flight\n",
		sig == SIGTERM ? "SIGTERM" : "SIGINT");
	atomic_store(&srv->stopping, true);
	{
		MHD_socket fd = MHD_quiesce_daemon(d);

		if (fd != MHD_INVALID_SOCKET)
			close(fd);
	}
	/* the streams end now: stopping must meet no suspended connection */
	kh_events_end_streams(srv->events);
	for (int i = 0; i < 3000 && atomic_load(&srv->in_flight) > 0; i++) {
		struct timespec ts = {0, 10 * 1000 * 1000};

		nanosleep(&ts, NULL);
	}
	MHD_stop_daemon(d);
	kh_http_guard_free(srv->guard);
	fprintf(stderr, "kehu: stopped\n");
	rc = 0;
out:
	/* before the hub it tells of new notifications */
	kh_remind_job_stop(srv->remind_job);
	kh_campaign_job_stop(srv->campaign_job);
	kh_events_free(srv->events);
	kh_report_refresher_stop(srv->refresher);
	kh_pool_job_stop(srv->pool_job);
	kh_import_jobs_free(srv->imports);
	kh_http_static_release(&srv->files);
	if (key_made)
		pthread_key_delete(srv->store_key);
	free(srv);
	return rc;
}
