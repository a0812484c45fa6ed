/* json_write.c: JSON text into a strbuf (see json_write.h). */
#include "base/json_write.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/error.h"
#include "base/utf8.h"
#include "base/banned.h"

/* Escape valid UTF-8 text: only '"', '\\' and bytes below 0x20 need it. */
static int put_escaped(struct kh_strbuf *sb, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t from = 0;
	int rc = 0;

	for (size_t i = 0; i < len && rc == 0; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[7] = {'\\', 0, 0, 0, 0, 0, 0};
		size_t elen = 2;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		switch (c) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			memcpy(esc + 1, "u00", 3);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			elen = 6;
			break;
		}
		rc = kh_strbuf_add(sb, s + from, i - from);
		if (rc == 0)
			rc = kh_strbuf_add(sb, esc, elen);
		from = i + 1;
	}
	return rc ? rc : kh_strbuf_add(sb, s + from, len - from);
}

/* Printable ASCII without '"' and '\\': copied as it is (most text). */
static bool plain_ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\')
			return false;
	}
	return true;
}

int kh_json_put_string(struct kh_strbuf *sb, const char *s, size_t len)
{
	struct kh_strbuf fixed;
	int rc;

	if ((rc = kh_strbuf_addch(sb, '"')))
		return rc;
	if (s && plain_ascii(s, len)) {
		rc = kh_strbuf_add(sb, s, len);
	} else if (s && kh_utf8_valid(s, len)) {
		rc = put_escaped(sb, s, len);
	} else if (s) {
		kh_strbuf_init(&fixed, 0);
		rc = kh_utf8_repair(s, len, &fixed);
		if (rc == 0)
			rc = put_escaped(sb, fixed.buf, fixed.len);
		kh_strbuf_release(&fixed);
	}
	return rc ? rc : kh_strbuf_addch(sb, '"');
}

int kh_json_put_key(struct kh_strbuf *sb, const char *key)
{
	size_t len = strlen(key);
	int rc;

	if (!plain_ascii(key, len)) {
		rc = kh_json_put_string(sb, key, len);
		return rc ? rc : kh_strbuf_addch(sb, ':');
	}
	if ((rc = kh_strbuf_addch(sb, '"')) || (rc = kh_strbuf_add(sb, key, len)))
		return rc;
	return kh_strbuf_add(sb, "\":", 2);
}

/* The decimal digits of v, written backwards from end: the first one. */
static char *digits(uint64_t v, char *end)
{
	do {
		*--end = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return end;
}

int kh_json_put_int(struct kh_strbuf *sb, int64_t v)
{
	char buf[24], *end = buf + sizeof(buf), *p;
	uint64_t a = v < 0 ? (uint64_t)(-(v + 1)) + 1 : (uint64_t)v;

	p = digits(a, end);
	if (v < 0)
		*--p = '-';
	return kh_strbuf_add(sb, p, (size_t)(end - p));
}

int kh_json_put_real(struct kh_strbuf *sb, double v)
{
	char buf[40];
	int n;

	/* jansson refuses to make a real of these; the store has none. */
	if (!isfinite(v))
		return kh_strbuf_adds(sb, "null");
	n = snprintf(buf, sizeof(buf) - 2, "%.17g", v);
	if (!strchr(buf, '.') && !strchr(buf, 'e')) {
		memcpy(buf + n, ".0", 3);
		n += 2;
	}
	return kh_strbuf_add(sb, buf, (size_t)n);
}

/* kh_money_format's text, quoted, without going through printf. */
int kh_json_put_money(struct kh_strbuf *sb, int64_t fen)
{
	char buf[32], *end = buf + sizeof(buf), *p = end;
	uint64_t a = fen < 0 ? (uint64_t)(-(fen + 1)) + 1 : (uint64_t)fen;

	*--p = '"';
	*--p = (char)('0' + a % 10);
	*--p = (char)('0' + a / 10 % 10);
	*--p = '.';
	p = digits(a / 100, p);
	if (fen < 0)
		*--p = '-';
	*--p = '"';
	return kh_strbuf_add(sb, p, (size_t)(end - p));
}

int kh_json_put_comma(struct kh_strbuf *sb)
{
	char last = sb->len ? sb->buf[sb->len - 1] : '\0';

	return last == '{' || last == '[' ? 0 : kh_strbuf_addch(sb, ',');
}
