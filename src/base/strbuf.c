/* strbuf.c: growable NUL-terminated buffer with a cap. */
#include "base/strbuf.h"
#include "base/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char empty_string[1];

void kh_strbuf_init(struct kh_strbuf *sb, size_t max)
{
	sb->buf = empty_string;
	sb->len = 0;
	sb->alloc = 0;
	sb->max = max ? max : KH_STRBUF_DEFAULT_MAX;
}

void kh_strbuf_release(struct kh_strbuf *sb)
{
	if (!sb)
		return;
	if (sb->alloc)
		free(sb->buf);
	kh_strbuf_init(sb, sb->max);
}

void kh_strbuf_reset(struct kh_strbuf *sb)
{
	kh_strbuf_setlen(sb, 0);
}

void kh_strbuf_setlen(struct kh_strbuf *sb, size_t len)
{
	if (!sb->alloc)
		return;
	sb->len = len;
	sb->buf[len] = '\0';
}

static int grow(struct kh_strbuf *sb, size_t extra)
{
	size_t want;
	char *p;

	if (extra > sb->max || sb->len > sb->max - extra)
		return KH_ELIMIT;
	want = sb->len + extra + 1;
	if (want <= sb->alloc)
		return 0;
	if (want < 64)
		want = 64;
	if (want < sb->alloc * 2)
		want = sb->alloc * 2;
	if (want > sb->max + 1)
		want = sb->max + 1;
	p = realloc(sb->alloc ? sb->buf : NULL, want);
	if (!p)
		return KH_ENOMEM;
	if (!sb->alloc)
		p[0] = '\0';
	sb->buf = p;
	sb->alloc = want;
	return 0;
}

int kh_strbuf_add(struct kh_strbuf *sb, const void *data, size_t len)
{
	int rc = grow(sb, len);

	if (rc)
		return rc;
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
	return 0;
}

int kh_strbuf_adds(struct kh_strbuf *sb, const char *s)
{
	return kh_strbuf_add(sb, s, strlen(s));
}

int kh_strbuf_addch(struct kh_strbuf *sb, char c)
{
	return kh_strbuf_add(sb, &c, 1);
}

int kh_strbuf_vaddf(struct kh_strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;
	int rc;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return KH_EINVAL;
	rc = grow(sb, (size_t)n);
	if (rc)
		return rc;
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
	return 0;
}

int kh_strbuf_addf(struct kh_strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = kh_strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
	return rc;
}

char *kh_strbuf_detach(struct kh_strbuf *sb, size_t *len)
{
	char *s;

	if (len)
		*len = sb->len;
	if (!sb->alloc) {
		s = calloc(1, 1);
	} else {
		s = sb->buf;
	}
	kh_strbuf_init(sb, sb->max);
	return s;
}
