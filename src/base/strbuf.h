/*
 * strbuf.h: a growable, always NUL-terminated byte buffer with a size cap
 * (after git's strbuf and curl's dynbuf). Appends past the cap fail with
 * KH_ELIMIT and leave the buffer as it was.
 */
#ifndef KH_STRBUF_H
#define KH_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

#define KH_STRBUF_DEFAULT_MAX (64u * 1024 * 1024)

struct kh_strbuf {
	char *buf;   /* never NULL after init: points at "" until something is added */
	size_t len;
	size_t alloc;
	size_t max;  /* the most bytes (without the NUL) this buffer may hold */
};

/* Initialise an empty buffer that may grow to max bytes (0 = the default cap). */
void kh_strbuf_init(struct kh_strbuf *sb, size_t max);
/* Free the memory and return to the empty state. Accepts NULL. */
void kh_strbuf_release(struct kh_strbuf *sb);
/* Truncate to zero length, keeping the memory. */
void kh_strbuf_reset(struct kh_strbuf *sb);
/* Truncate to len bytes (len <= sb->len). */
void kh_strbuf_setlen(struct kh_strbuf *sb, size_t len);
/* Append bytes; 0 or KH_ELIMIT / KH_ENOMEM. */
int kh_strbuf_add(struct kh_strbuf *sb, const void *data, size_t len);
int kh_strbuf_adds(struct kh_strbuf *sb, const char *s);
int kh_strbuf_addch(struct kh_strbuf *sb, char c);
int kh_strbuf_addf(struct kh_strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int kh_strbuf_vaddf(struct kh_strbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Hand the heap string to the caller (who frees it) and reset sb. */
char *kh_strbuf_detach(struct kh_strbuf *sb, size_t *len);

#endif
