/*
 * utf8.c: strict UTF-8 decoding and the search folding of text. Folding runs
 * for every name kehu indexes (100k customers at demo time), so pure ASCII
 * skips libutf8proc entirely, short strings normalise into a stack array,
 * and traditional -> simplified is a binary search in a generated table.
 */
#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/error.h"
#include "base/pinyin_table.h"
#include "base/banned.h"

/* Length of the well-formed sequence at s[0..len) and its code point in *cp,
 * or 0 if the bytes there are not well-formed UTF-8 (Unicode table 3-7:
 * no overlongs, no surrogates, nothing above U+10FFFF). */
static size_t seq_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	unsigned char c0 = s[0], lo = 0x80, hi = 0xBF;
	size_t need;
	uint32_t v;

	if (c0 < 0x80) {
		*cp = c0;
		return 1;
	}
	if (c0 < 0xC2) {
		return 0;
	} else if (c0 < 0xE0) {
		need = 2;
		v = c0 & 0x1F;
	} else if (c0 < 0xF0) {
		need = 3;
		v = c0 & 0x0F;
		if (c0 == 0xE0)
			lo = 0xA0;
		else if (c0 == 0xED)
			hi = 0x9F;
	} else if (c0 < 0xF5) {
		need = 4;
		v = c0 & 0x07;
		if (c0 == 0xF0)
			lo = 0x90;
		else if (c0 == 0xF4)
			hi = 0x8F;
	} else {
		return 0;
	}
	if (len < need || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 1; i < need; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	*cp = v;
	return need;
}

bool kh_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		if (p[i] < 0x80) {
			if (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r')
				return false;
			i++;
			continue;
		}
		n = seq_decode(p + i, len - i, &cp);
		if (!n)
			return false;
		i += n;
	}
	return true;
}

int kh_utf8_repair(const char *s, size_t len, struct kh_strbuf *out)
{
	static const char replacement[] = "\xEF\xBF\xBD";
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, good = 0, n;
	uint32_t cp;
	int rc;

	if (len == 0)
		return 0;
	/* Copy runs of acceptable bytes at once; a bad byte becomes U+FFFD. */
	while (i < len) {
		if (p[i] >= 0x20 || p[i] == '\t' || p[i] == '\n' || p[i] == '\r')
			n = p[i] < 0x80 ? 1 : seq_decode(p + i, len - i, &cp);
		else
			n = 0;
		if (n) {
			i += n;
			continue;
		}
		if ((rc = kh_strbuf_add(out, s + good, i - good)) ||
		    (rc = kh_strbuf_add(out, replacement, 3)))
			return rc;
		good = ++i;
	}
	return kh_strbuf_add(out, s + good, len - good);
}

size_t kh_utf8_count(const char *s)
{
	size_t n = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		n += (*p & 0xC0) != 0x80;
	return n;
}

int32_t kh_utf8_next(const char *s, size_t len, size_t *pos)
{
	uint32_t cp;
	size_t n;

	if (*pos >= len)
		return -1;
	n = seq_decode((const unsigned char *)s + *pos, len - *pos, &cp);
	if (!n) {
		(*pos)++;
		return -1;
	}
	*pos += n;
	return (int32_t)cp;
}

/* Encode cp into b (4 bytes); returns the length, or 0 if cp is not a
 * Unicode scalar value. */
static size_t encode(uint32_t cp, char *b)
{
	if (cp < 0x80) {
		b[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return 0;
	if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	if (cp > 0x10FFFF)
		return 0;
	b[0] = (char)(0xF0 | (cp >> 18));
	b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	b[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

int kh_utf8_put(struct kh_strbuf *out, uint32_t cp)
{
	char b[4];
	size_t n = encode(cp, b);

	if (!n)
		return KH_EINVAL;
	return kh_strbuf_add(out, b, n);
}

static int32_t ascii_lower(int32_t c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static bool ascii_alnum(int32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Room for n code points in cps: the inline array when it fits, else heap. */
static int cps_reserve(struct kh_text_cps *cps, size_t n)
{
	if (n <= KH_TEXT_INLINE)
		return 0;
	if (n > SIZE_MAX / sizeof(int32_t))
		return KH_ENOMEM;
	cps->cp = malloc(n * sizeof(int32_t));
	return cps->cp ? 0 : KH_ENOMEM;
}

int kh_text_decode(const char *s, bool strip_marks, struct kh_text_cps *out)
{
	const unsigned char *p = (const unsigned char *)s;
	utf8proc_option_t opts = UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
				 UTF8PROC_STABLE;
	bool ascii = true;
	utf8proc_ssize_t n;
	size_t len, i, step;
	uint32_t cp;
	int rc;

	out->cp = out->inline_cp;
	out->len = 0;
	for (len = 0; p[len]; len++)
		ascii &= p[len] < 0x80;
	if (ascii) {
		/* NFKC leaves ASCII alone and case folding is tolower there. */
		if ((rc = cps_reserve(out, len)))
			return rc;
		for (i = 0; i < len; i++)
			out->cp[i] = ascii_lower(p[i]);
		out->len = len;
		return 0;
	}
	/* utf8proc would accept some sequences Unicode calls ill-formed less
	 * clearly; check first so every caller sees the same rule. */
	for (i = 0; i < len; i += step)
		if (!(step = seq_decode(p + i, len - i, &cp)))
			return KH_EINVAL;
	if (strip_marks)
		opts |= UTF8PROC_STRIPMARK;
	n = utf8proc_decompose(p, (utf8proc_ssize_t)len, out->cp, KH_TEXT_INLINE, opts);
	if (n > KH_TEXT_INLINE) {
		if ((rc = cps_reserve(out, (size_t)n)))
			return rc;
		n = utf8proc_decompose(p, (utf8proc_ssize_t)len, out->cp, n, opts);
	}
	if (n < 0)
		return n == UTF8PROC_ERROR_NOMEM ? KH_ENOMEM : KH_EINVAL;
	n = utf8proc_normalize_utf32(out->cp, n, opts);
	if (n < 0)
		return KH_EINVAL;
	out->len = (size_t)n;
	return 0;
}

void kh_text_cps_release(struct kh_text_cps *cps)
{
	if (!cps)
		return;
	if (cps->cp != cps->inline_cp)
		free(cps->cp);
	cps->cp = cps->inline_cp;
	cps->len = 0;
}

bool kh_text_is_filler(int32_t cp)
{
	utf8proc_category_t cat;

	if (cp < 0x80)
		return !ascii_alnum(cp);
	cat = utf8proc_category(cp);
	return cat == UTF8PROC_CATEGORY_CN || cat >= UTF8PROC_CATEGORY_PC;
}

uint32_t kh_han_simplify(uint32_t cp)
{
	size_t lo = 0, hi = kh_han_nsimplified;

	if (!hi || cp < kh_han_simplified[0].cp || cp > kh_han_simplified[hi - 1].cp)
		return cp;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (kh_han_simplified[mid].cp < cp)
			lo = mid + 1;
		else if (kh_han_simplified[mid].cp > cp)
			hi = mid;
		else
			return kh_han_simplified[mid].to;
	}
	return cp;
}

/* Bytes are gathered in a stack chunk and handed to the strbuf in pieces, so
 * a name costs one or two appends rather than one per character. */
struct chunk {
	struct kh_strbuf *out;
	size_t used;
	char b[256];
};

static int chunk_flush(struct chunk *c)
{
	int rc = c->used ? kh_strbuf_add(c->out, c->b, c->used) : 0;

	c->used = 0;
	return rc;
}

int kh_text_fold(const char *s, struct kh_strbuf *out)
{
	struct kh_text_cps cps;
	struct chunk c;
	size_t start = out->len;
	int rc;

	c.out = out;
	c.used = 0;
	rc = kh_text_decode(s, false, &cps);
	if (rc)
		goto out;
	for (size_t i = 0; i < cps.len; i++) {
		int32_t cp = cps.cp[i];

		if (kh_text_is_filler(cp))
			continue;
		if (c.used > sizeof(c.b) - 4 && (rc = chunk_flush(&c)))
			goto out;
		/* NFKC and the case fold never yield a surrogate, so encode
		 * always succeeds here. */
		c.used += encode(kh_han_simplify((uint32_t)cp), c.b + c.used);
	}
	rc = chunk_flush(&c);
out:
	if (rc)
		kh_strbuf_setlen(out, start);
	kh_text_cps_release(&cps);
	return rc;
}
