/*
 * static_files.h: the files of serve --static DIR, opened so that nothing
 * outside DIR can be reached: not through "..", not through a symbolic link
 * to a directory or file outside, not through /proc magic links. openat2
 * with RESOLVE_BENEATH does this in the kernel (Linux 5.6+); where the
 * system call is missing, the real path is checked to lie below DIR's.
 */
#ifndef KH_HTTP_STATIC_FILES_H
#define KH_HTTP_STATIC_FILES_H

#include "base/error.h"

struct kh_http_static {
	int fd;     /* the directory, or -1 */
	char *real; /* its real path (malloc'd) */
};

/* Open dir. KH_EIO naming "static" if it is no readable directory. */
int kh_http_static_init(struct kh_http_static *st, const char *dir, struct kh_error *err);
/* Close the directory; accepts a zeroed or released st. */
void kh_http_static_release(struct kh_http_static *st);
/* Open rel (relative, no leading '/') read-only below the directory: an fd
 * the caller closes, or -1 when there is no such file below it. */
int kh_http_static_open(const struct kh_http_static *st, const char *rel);
/* The same by the real-path check alone (the fallback; for tests). */
int kh_http_static_open_checked(const struct kh_http_static *st, const char *rel);

/* The Content-Type of a file by its extension (application/octet-stream
 * for others). */
const char *kh_http_mime_type(const char *path);

#endif
