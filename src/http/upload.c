/*
 * upload.c: request bodies into files (see upload.h).
 */
#include "http/upload.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/banned.h"

int kh_http_upload_begin(struct kh_http_upload *u, const char *dir, uint64_t max)
{
	memset(u, 0, sizeof(*u));
	u->max = max;
	if ((size_t)snprintf(u->path, sizeof(u->path), "%s/upload-XXXXXX", dir) >= sizeof(u->path)) {
		u->fd = -1;
		errno = ENAMETOOLONG;
		return -1;
	}
	u->fd = mkstemp(u->path);
	return u->fd < 0 ? -1 : 0;
}

static void drop(struct kh_http_upload *u)
{
	if (u->fd >= 0) {
		close(u->fd);
		unlink(u->path);
	}
	u->fd = -1;
}

void kh_http_upload_add(struct kh_http_upload *u, const char *data, size_t n)
{
	if (u->fd < 0 || u->too_large || u->failed)
		return;
	if (u->len + n > u->max) {
		u->too_large = true;
		drop(u);
		return;
	}
	u->len += n;
	while (n) {
		ssize_t w = write(u->fd, data, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			u->failed = true;
			drop(u);
			return;
		}
		data += w;
		n -= (size_t)w;
	}
}

void kh_http_upload_release(struct kh_http_upload *u)
{
	if (u->fd < 0)
		return;
	close(u->fd);
	if (!u->taken)
		unlink(u->path);
	u->fd = -1;
}

struct MHD_Response *kh_http_file_response(int fd, const char *type, const char *name)
{
	struct stat st;
	struct MHD_Response *resp = NULL;
	char disposition[200];

	if (fstat(fd, &st) == 0)
		resp = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
	if (!resp) {
		close(fd);
		return NULL;
	}
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	snprintf(disposition, sizeof(disposition), "attachment; filename=\"%s\"", name);
	MHD_add_response_header(resp, "Content-Disposition", disposition);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	return resp;
}
