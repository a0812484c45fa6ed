/*
 * assets.h: the web UI embedded in the binary. tools/embed_assets.py turns
 * web/dist into $(BUILD)/gen/assets_data.c, a table of these sorted by
 * path; the server answers GET and HEAD of paths outside /api from it.
 */
#ifndef KH_HTTP_ASSETS_H
#define KH_HTTP_ASSETS_H

#include <microhttpd.h>
#include <stdbool.h>
#include <stddef.h>

struct kh_asset {
	const char *path;      /* URL path: "/index.html", "/assets/index-Ab12.js" */
	const char *type;      /* Content-Type */
	const char *etag;      /* strong ETag, quoted */
	bool immutable;        /* the name carries a content hash: cache for a year */
	const char *data;
	size_t size;
	const char *gz;        /* a gzip copy, or NULL when it would not pay */
	size_t gz_size;
};

/* The generated table, sorted by path (strcmp). */
extern const struct kh_asset kh_assets[];
extern const size_t kh_assets_count;

/* The embedded file at exactly PATH ("/" means "/index.html"), or NULL. */
const struct kh_asset *kh_asset_find(const char *path);

/* True when the last segment of PATH has no dot: a client-side route of the
 * single-page app ("/customers/12"), answered with index.html. */
bool kh_asset_is_app_route(const char *path);

/* Queue the answer for an embedded asset: 200 with the body (gzip'd when
 * the client accepts it and a copy exists), or 304 when If-None-Match
 * matches. Headers: Content-Type, ETag, Cache-Control (immutable for hashed
 * names, no-cache otherwise), Vary. Sets *status. Returns MHD_YES/NO. */
enum MHD_Result kh_asset_send(struct MHD_Connection *conn, const struct kh_asset *a,
			      int *status);

#endif
