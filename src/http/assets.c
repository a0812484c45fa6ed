/*
 * assets.c: serve the embedded web UI. Lookup is a binary search over the
 * generated, sorted table; responses point at the static bytes (no copy).
 * Hashed files under /assets/ are immutable for a year; index.html and the
 * other unhashed files are revalidated each time with their ETag, so a new
 * binary shows its new UI at once.
 */
#include "http/assets.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/banned.h"

static int cmp_path(const void *key, const void *elem)
{
	return strcmp(key, ((const struct kh_asset *)elem)->path);
}

const struct kh_asset *kh_asset_find(const char *path)
{
	if (!path || path[0] != '/')
		return NULL;
	if (strcmp(path, "/") == 0)
		path = "/index.html";
	return bsearch(path, kh_assets, kh_assets_count, sizeof(kh_assets[0]), cmp_path);
}

bool kh_asset_is_app_route(const char *path)
{
	const char *last = strrchr(path, '/');

	return path[0] == '/' && !strchr(last ? last : path, '.');
}

/* Does Accept-Encoding list gzip (or *), without "q=0"? */
static bool accepts_gzip(struct MHD_Connection *conn)
{
	const char *p = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
						    MHD_HTTP_HEADER_ACCEPT_ENCODING);

	while (p && *p) {
		size_t len;

		p += strspn(p, " ,");
		len = strcspn(p, " ;,");
		if ((len == 4 && strncasecmp(p, "gzip", 4) == 0) || (len == 1 && *p == '*')) {
			const char *q = p + len;

			q += strspn(q, " ");
			if (*q == ';') {
				q++;
				q += strspn(q, " ");
				if (strncasecmp(q, "q=", 2) == 0 && strtod(q + 2, NULL) <= 0.0)
					return false;
			}
			return true;
		}
		p += strcspn(p, ",");
	}
	return false;
}

static bool etag_matches(struct MHD_Connection *conn, const char *etag)
{
	const char *inm = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
						      MHD_HTTP_HEADER_IF_NONE_MATCH);

	return inm && (strstr(inm, etag) || strcmp(inm, "*") == 0);
}

enum MHD_Result kh_asset_send(struct MHD_Connection *conn, const struct kh_asset *a,
			      int *status)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;
	bool gz = a->gz && accepts_gzip(conn);
	bool not_modified = etag_matches(conn, a->etag);

	if (not_modified)
		resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	else
		resp = MHD_create_response_from_buffer(gz ? a->gz_size : a->size,
						       (void *)(gz ? a->gz : a->data),
						       MHD_RESPMEM_PERSISTENT);
	if (!resp)
		return MHD_NO;
	if (!not_modified) {
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, a->type);
		if (gz)
			MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
	}
	MHD_add_response_header(resp, MHD_HTTP_HEADER_ETAG, a->etag);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
				a->immutable ? "public, max-age=31536000, immutable" : "no-cache");
	if (a->gz)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_VARY, "Accept-Encoding");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	if (strcmp(a->type, "text/html; charset=utf-8") == 0) {
		/* The app page: no framing by other sites, no inline script. */
		MHD_add_response_header(resp, "X-Frame-Options", "DENY");
		MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	}
	*status = not_modified ? 304 : 200;
	ret = MHD_queue_response(conn, (unsigned)*status, resp);
	MHD_destroy_response(resp);
	return ret;
}
