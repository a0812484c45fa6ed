/*
 * transcode.c: the encoding detection and decoding behind sheet.c (see
 * transcode.h). UTF-8 is checked in place and copied out; GB18030 and UTF-16
 * go through iconv. A bad sequence is held back in `failed` until the bytes
 * before it were handed out, so the CSV reader, which asks for more only
 * when it has used up what it had, reports it on the right line.
 */
#include "base/transcode.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* What read_utf8 returns when it changed its state and has to be asked again. */
enum { ASK_AGAIN = -1000 };

void kh_transcode_init_file(struct kh_transcode *t, FILE *fp)
{
	memset(t, 0, sizeof(*t));
	t->fp = fp;
}

void kh_transcode_init_mem(struct kh_transcode *t, const void *data, size_t len)
{
	memset(t, 0, sizeof(*t));
	t->raw = data;
	t->raw_len = len;
	t->raw_total = len;
	t->raw_eof = 1;
}

void kh_transcode_release(struct kh_transcode *t)
{
	if (!t)
		return;
	if (t->cd)
		iconv_close((iconv_t)t->cd);
	t->cd = NULL;
	free(t->buf);
	t->buf = NULL;
}

/* Move what is unread to the front and read until the buffer is full or the
 * file ends (memory is all there from the start). 0, KH_EIO or KH_ENOMEM. */
static int fill(struct kh_transcode *t)
{
	if (!t->fp)
		return 0;
	if (!t->buf) {
		if (!(t->buf = malloc(KH_TRANSCODE_BUF)))
			return kh_error_set(&t->failed, KH_ENOMEM, "", "out of memory");
		t->raw = t->buf;
	}
	if (t->raw_pos) {
		memmove(t->buf, t->buf + t->raw_pos, t->raw_len - t->raw_pos);
		t->raw_len -= t->raw_pos;
		t->raw_pos = 0;
	}
	while (!t->raw_eof && t->raw_len < KH_TRANSCODE_BUF) {
		size_t n = fread(t->buf + t->raw_len, 1, KH_TRANSCODE_BUF - t->raw_len, t->fp);

		if (n == 0 && ferror(t->fp))
			return kh_error_set(&t->failed, KH_EIO, "", "read error: %s",
					    strerror(errno));
		if (n == 0)
			t->raw_eof = 1;
		t->raw_len += n;
		t->raw_total += n;
	}
	return 0;
}

static size_t raw_avail(const struct kh_transcode *t)
{
	return t->raw_len - t->raw_pos;
}

/* Length of the valid UTF-8 sequence at s (0 if it is not one); *incomplete
 * when s ends inside one that could still be valid. */
static size_t utf8_seq(const unsigned char *s, size_t len, int *incomplete)
{
	unsigned char c = s[0];
	size_t n, i;
	unsigned char lo = 0x80, hi = 0xBF;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
	else
		return 0;
	/* The second byte has the narrowed range (no overlongs, surrogates, > U+10FFFF). */
	for (i = 1; i < n; i++) {
		if (i >= len) {
			*incomplete = 1;
			return 0;
		}
		if (s[i] < (i == 1 ? lo : 0x80) || s[i] > (i == 1 ? hi : 0xBF))
			return 0;
	}
	return n;
}

size_t kh_utf8_valid_prefix(const unsigned char *s, size_t len, int *incomplete)
{
	size_t i = 0;

	*incomplete = 0;
	while (i < len) {
		size_t n;

		/* Eight ASCII bytes at a time: the common case. */
		while (i + 8 <= len) {
			uint64_t w;

			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ull)
				break;
			i += 8;
		}
		if (i == len)
			break;
		n = utf8_seq(s + i, len - i, incomplete);
		if (n == 0)
			return i;
		i += n;
	}
	return i;
}

static int open_iconv(struct kh_transcode *t, enum kh_text_encoding enc)
{
	static const char *const from[] = {
		[KH_ENC_GB18030] = "GB18030",
		[KH_ENC_UTF16LE] = "UTF-16LE",
		[KH_ENC_UTF16BE] = "UTF-16BE",
	};
	iconv_t cd = iconv_open("UTF-8", from[enc]);

	if (cd == (iconv_t)-1)
		return kh_error_set(&t->failed, KH_EIO, "", "cannot decode %s: %s", from[enc],
				    strerror(errno));
	t->cd = (void *)cd;
	t->enc = enc;
	return 0;
}

/* Read the byte-order mark, if any. */
static int start(struct kh_transcode *t)
{
	const unsigned char *b;
	int rc;

	t->started = 1;
	if ((rc = fill(t)))
		return rc;
	b = t->raw;
	if (t->raw_len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
		t->raw_pos = 3;
		t->enc = KH_ENC_UTF8;
	} else if (t->raw_len >= 2 && b[0] == 0xFF && b[1] == 0xFE) {
		t->raw_pos = 2;
		return open_iconv(t, KH_ENC_UTF16LE);
	} else if (t->raw_len >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
		t->raw_pos = 2;
		return open_iconv(t, KH_ENC_UTF16BE);
	}
	return 0;
}

/* The first non-ASCII byte is at raw_pos: judge up to 64 KiB from it. */
static int decide(struct kh_transcode *t)
{
	size_t len, ok;
	int incomplete, rc;

	if ((rc = fill(t)))
		return rc;
	len = raw_avail(t) < KH_TRANSCODE_LOOKAHEAD ? raw_avail(t) : KH_TRANSCODE_LOOKAHEAD;
	ok = kh_utf8_valid_prefix(t->raw + t->raw_pos, len, &incomplete);
	/* A sequence cut by the window's or the file's end counts for UTF-8 (a
	 * file cut inside a character then fails as such). */
	if (ok == len || incomplete) {
		t->enc = KH_ENC_UTF8;
		return 0;
	}
	return open_iconv(t, KH_ENC_GB18030);
}

static long utf8_bad(struct kh_transcode *t, const unsigned char *at, int cut)
{
	if (cut)
		return kh_error_set(&t->failed, KH_EINVAL, "",
				    "the file ends inside a UTF-8 character");
	return kh_error_set(&t->failed, KH_EINVAL, "",
			    "byte 0x%02X is not valid UTF-8, though the text before it was: "
			    "the file mixes encodings (save it again as UTF-8)",
			    at[0]);
}

/* Hand out the next valid UTF-8 (or still undecided ASCII) bytes. */
static long read_utf8(struct kh_transcode *t, char *buf, size_t cap)
{
	const unsigned char *s;
	size_t n, ok;
	int incomplete, rc;

	if (raw_avail(t) < 4 && !t->raw_eof && (rc = fill(t)))
		return rc;
	s = t->raw + t->raw_pos;
	n = raw_avail(t) < cap ? raw_avail(t) : cap;
	ok = kh_utf8_valid_prefix(s, n, &incomplete);
	if (t->enc == KH_ENC_UNDECIDED) {
		size_t ascii = 0;

		while (ascii < ok && s[ascii] < 0x80)
			ascii++;
		if (ascii == 0 && n > 0) {
			if ((rc = decide(t)))
				return rc;
			return ASK_AGAIN;
		}
		ok = ascii;
	} else if (ok == 0 && n > 0) {
		/* A sequence cut by cap or the buffer end is completed next time. */
		if (incomplete && (n < raw_avail(t) || !t->raw_eof)) {
			if (n < raw_avail(t))
				return kh_error_set(&t->failed, KH_EINVAL, "", "read buffer too small");
			if ((rc = fill(t)))
				return rc;
			return ASK_AGAIN;
		}
		return utf8_bad(t, s, incomplete && t->raw_eof);
	}
	memcpy(buf, s, ok);
	t->raw_pos += ok;
	return (long)ok;
}

/* Hand out the next bytes decoded by iconv. */
static long read_iconv(struct kh_transcode *t, char *buf, size_t cap)
{
	char *in, *out = buf;
	size_t inleft, outleft = cap;
	int rc;

	for (;;) {
		if (raw_avail(t) < 4 && !t->raw_eof && (rc = fill(t)))
			return rc;
		if (raw_avail(t) == 0)
			return (long)(out - buf);
		in = (char *)(uintptr_t)(t->raw + t->raw_pos); /* iconv only reads it */
		inleft = raw_avail(t);
		if (iconv((iconv_t)t->cd, &in, &inleft, &out, &outleft) != (size_t)-1 ||
		    errno == E2BIG) {
			t->raw_pos = (size_t)((const unsigned char *)in - t->raw);
			if (out > buf)
				return (long)(out - buf);
			continue;
		}
		t->raw_pos = (size_t)((const unsigned char *)in - t->raw);
		if (errno == EINVAL && !t->raw_eof) {
			/* A character cut by the buffer's end: read on. */
			if ((rc = fill(t)))
				return rc;
			continue;
		}
		if (errno == EINVAL)
			kh_error_set(&t->failed, KH_EINVAL, "", "the file ends inside a %s character",
				     kh_transcode_encoding(t));
		else
			kh_error_set(&t->failed, KH_EINVAL, "",
				     "byte 0x%02X is not valid %s (nor UTF-8): save the file as UTF-8",
				     t->raw[t->raw_pos], kh_transcode_encoding(t));
		/* What was decoded before it goes out first. */
		if (out > buf)
			return (long)(out - buf);
		return t->failed.code;
	}
}

long kh_transcode_read(void *ctx, char *buf, size_t cap, struct kh_error *err)
{
	struct kh_transcode *t = ctx;
	long n = 0;

	do {
		if (t->failed.code)
			break;
		if (!t->started && start(t))
			break;
		n = t->cd ? read_iconv(t, buf, cap) : read_utf8(t, buf, cap);
		if (n >= 0)
			return n;
	} while (n == ASK_AGAIN);
	if (err)
		*err = t->failed;
	return t->failed.code;
}

const char *kh_transcode_encoding(const struct kh_transcode *t)
{
	switch (t->enc) {
	case KH_ENC_GB18030:
		return "GB18030";
	case KH_ENC_UTF16LE:
		return "UTF-16LE";
	case KH_ENC_UTF16BE:
		return "UTF-16BE";
	default:
		return "UTF-8";
	}
}

uint64_t kh_transcode_consumed(const struct kh_transcode *t)
{
	return t->raw_total - raw_avail(t);
}
