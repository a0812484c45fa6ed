/*
 * static_files.c: files below the --static directory (see static_files.h).
 * glibc 2.36 (Debian 12) has no openat2 wrapper, so it is called through
 * syscall(2); ENOSYS (an old kernel) or EPERM (a seccomp filter that does
 * not know it) select the real-path check instead.
 */
#include "http/static_files.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "base/banned.h"

int kh_http_static_init(struct kh_http_static *st, const char *dir, struct kh_error *err)
{
	st->fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	st->real = st->fd >= 0 ? realpath(dir, NULL) : NULL;
	if (st->fd < 0 || !st->real) {
		int e = errno;

		kh_http_static_release(st);
		return kh_error_set(err, KH_EIO, "static", "cannot open directory %s: %s", dir,
				    strerror(e));
	}
	return 0;
}

void kh_http_static_release(struct kh_http_static *st)
{
	if (st->fd >= 0)
		close(st->fd);
	free(st->real);
	st->fd = -1;
	st->real = NULL;
}

int kh_http_static_open_checked(const struct kh_http_static *st, const char *rel)
{
	size_t rootlen = strlen(st->real);
	char *path = malloc(rootlen + strlen(rel) + 2), *real = NULL;
	int fd = -1;

	if (!path)
		return -1;
	snprintf(path, rootlen + strlen(rel) + 2, "%s/%s", st->real, rel);
	real = realpath(path, NULL);
	/* Below the root means the root's path and a '/' (the root "/" itself
	 * is all prefix). */
	if (real && strncmp(real, st->real, rootlen) == 0 &&
	    (real[rootlen] == '/' || (rootlen == 1 && real[0] == '/')))
		fd = open(real, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	free(real);
	free(path);
	return fd;
}

int kh_http_static_open(const struct kh_http_static *st, const char *rel)
{
	struct open_how how = {
		.flags = O_RDONLY | O_CLOEXEC,
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
	};
	long fd;

	if (st->fd < 0)
		return -1;
	fd = syscall(SYS_openat2, st->fd, rel, &how, sizeof(how));
	if (fd >= 0)
		return (int)fd;
	if (errno == ENOSYS || errno == EPERM)
		return kh_http_static_open_checked(st, rel);
	return -1;
}

const char *kh_http_mime_type(const char *path)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
		{".css", "text/css; charset=utf-8"},   {".json", "application/json"},
		{".svg", "image/svg+xml"},             {".png", "image/png"},
		{".ico", "image/x-icon"},              {".txt", "text/plain; charset=utf-8"},
		{".woff2", "font/woff2"},              {".map", "application/json"},
	};
	const char *dot = strrchr(path, '.');

	for (size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}
