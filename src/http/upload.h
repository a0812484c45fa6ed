/*
 * upload.h: a request body streamed into a file (an import's sheet) instead
 * of memory: libmicrohttpd hands the body over in chunks, each written at
 * once, up to a size cap. The file lives in the import jobs' directory
 * (beside the database) and is removed unless a handler takes it.
 */
#ifndef KH_HTTP_UPLOAD_H
#define KH_HTTP_UPLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <microhttpd.h>

#include "base/error.h"

struct kh_import_jobs;

struct kh_http_upload {
	int fd;             /* -1 until begun */
	char path[4096];
	uint64_t len, max;
	bool too_large;     /* over max: the rest is dropped, the file removed */
	bool failed;        /* a write failed (disk full) */
	bool taken;         /* a handler owns the file now */
};

/* Start a file in dir for a body of at most max bytes: 0, or -1 (errno). */
int kh_http_upload_begin(struct kh_http_upload *u, const char *dir, uint64_t max);
/* Append a chunk (dropped once too large or failed). */
void kh_http_upload_add(struct kh_http_upload *u, const char *data, size_t n);
/* Close the file; remove it unless taken. Accepts one never begun. */
void kh_http_upload_release(struct kh_http_upload *u);

/* A response streaming the file open on fd (taken, closed by libmicrohttpd
 * or here on failure) as a download called name; NULL on failure. */
struct MHD_Response *kh_http_file_response(int fd, const char *type, const char *name);

/* The server's import jobs (handlers_import.c): their directory DB.imports/
 * beside the database at db_path, created if needed, and the jobs a
 * previous server was running marked failed. */
int kh_http_imports_start(const char *db_path, struct kh_import_jobs **out,
			  struct kh_error *err);

#endif
