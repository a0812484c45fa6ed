/*
 * phone.c: reading a phone number the way people type it in China ("+86 138
 * 1234 5678", "(010) 1234-5678", "0755-8888 1234 转 801", full-width digits)
 * into the one form the screen-pop index stores. The work is two passes: a
 * scan that keeps the digits, the "+" and an extension apart and rejects
 * anything else, then a classification of the digits by the mainland
 * numbering plan (mobiles 1[3-9] + 9 digits; 010 / 02X / 0XXX area codes
 * with 7- or 8-digit local numbers; 400 / 800 service numbers).
 */
#include "base/phone.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/utf8.h"
#include "base/banned.h"

/* Longer input than this is not a phone number, however it is spaced. */
#define PHONE_INPUT_MAX 64
/* The longest E.164 number (15 digits) with a 00 prefix, or a landline
 * (12) with a dashed extension group (7). */
#define DIGITS_MAX 20
#define EXT_MAX (sizeof(((struct kh_phone *)0)->extension) - 1)

struct scan {
	char digits[DIGITS_MAX + 1];
	size_t nd;
	char ext[EXT_MAX + 1];
	size_t next;
	bool plus;
	bool ext_marker;   /* "ext", "x", "#", "转" or "分机" was seen */
	size_t last_group; /* where the last group of digits starts in digits */
	size_t ngroups;
	bool last_dashed; /* a dash stands before the last group */
};

/* Full-width forms and typographic dashes as their ASCII counterparts, so
 * "＋８６ １３８－１２３４" scans like "+86 138-1234". */
static int32_t to_ascii(int32_t cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		return cp - 0xFF01 + 0x21;
	if (cp == 0x3000)
		return ' ';
	if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE63)
		return '-';
	return cp;
}

static bool is_marker_word(const char *w, size_t n)
{
	static const char *const words[] = {"ext", "extn", "extension", "x"};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i]) == n && memcmp(words[i], w, n) == 0)
			return true;
	return false;
}

static int scan(const char *s, size_t len, struct scan *sc, const char *field, struct kh_error *err)
{
	bool in_group = false, dash = false, seen = false;
	size_t pos = 0;

	memset(sc, 0, sizeof(*sc));
	while (pos < len) {
		size_t at = pos;
		int32_t cp = kh_utf8_next(s, len, &pos);

		if (cp < 0)
			return kh_error_set(err, KH_EINVAL, field, "%s is not valid UTF-8 text",
					    field);
		cp = to_ascii(cp);
		if (cp >= '0' && cp <= '9') {
			seen = true;
			if (sc->ext_marker) {
				if (sc->next >= EXT_MAX)
					return kh_error_set(
					    err, KH_EINVAL, field,
					    "%s has an extension longer than %zu digits", field,
					    EXT_MAX);
				sc->ext[sc->next++] = (char)cp;
				continue;
			}
			if (sc->nd >= DIGITS_MAX)
				return kh_error_set(err, KH_EINVAL, field,
						    "%s has too many digits for a phone number",
						    field);
			if (!in_group) {
				sc->ngroups++;
				sc->last_group = sc->nd;
				sc->last_dashed = dash;
				dash = false;
				in_group = true;
			}
			sc->digits[sc->nd++] = (char)cp;
			continue;
		}
		in_group = false;
		if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) {
			char word[16];
			size_t n = 0;

			/* Take the whole word: "ext" is a marker, "extra" is not. */
			for (pos = at;;) {
				size_t next = pos;
				int32_t c = to_ascii(kh_utf8_next(s, len, &next));

				if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
					break;
				if (n < sizeof(word))
					word[n] = (char)(c | 0x20);
				n++;
				pos = next;
			}
			if (n > sizeof(word) || !is_marker_word(word, n) || !sc->nd ||
			    sc->ext_marker)
				return kh_error_set(err, KH_EINVAL, field,
						    "%s contains letters; use digits only, with an "
						    "extension after \"ext\" or \"转\" if needed",
						    field);
			sc->ext_marker = true;
			continue;
		}
		switch (cp) {
		case ' ':
		case '\t':
		case '.':
		case '(':
		case ')':
		case '/':
			continue;
		case '-':
			dash = true;
			continue;
		case ':':
			if (sc->ext_marker && !sc->next)
				continue; /* "ext: 801" */
			break;
		case '+':
			if (seen)
				return kh_error_set(err, KH_EINVAL, field,
						    "%s has a \"+\" that is not at the start",
						    field);
			sc->plus = seen = true;
			continue;
		case '#':
		case 0x8F6C: /* 转 */
			if (!sc->nd || sc->ext_marker)
				break;
			sc->ext_marker = true;
			continue;
		case 0x5206: { /* 分机 */
			size_t next = pos;

			if (!sc->nd || sc->ext_marker || kh_utf8_next(s, len, &next) != 0x673A)
				break;
			pos = next;
			sc->ext_marker = true;
			continue;
		}
		default:
			break;
		}
		return kh_error_set(
		    err, KH_EINVAL, field,
		    "%s contains a character that does not belong in a phone number", field);
	}
	if (sc->ext_marker && !sc->next)
		return kh_error_set(err, KH_EINVAL, field,
				    "%s has an extension marker but no extension digits after it",
				    field);
	return 0;
}

static bool has_prefix(const char *d, size_t n, const char *p)
{
	size_t pn = strlen(p);

	return n >= pn && memcmp(d, p, pn) == 0;
}

static int set_number(struct kh_phone *ph, const char *prefix, const char *d, size_t n,
		      enum kh_phone_kind kind)
{
	snprintf(ph->number, sizeof(ph->number), "%s%.*s", prefix, (int)n, d);
	ph->kind = kind;
	return 0;
}

static int mobile(const char *d, size_t n, struct kh_phone *ph, const char *field,
		  struct kh_error *err)
{
	if (n == 12)
		return kh_error_set(err, KH_EINVAL, field,
				    "%s has 12 digits and starts with 1; a mobile number has 11",
				    field);
	if (n < 11)
		return kh_error_set(err, KH_EINVAL, field,
				    "%s is too short: a mobile number has 11 digits, not %zu",
				    field, n);
	if (n > 11)
		return kh_error_set(err, KH_EINVAL, field,
				    "%s is too long: a mobile number has 11 digits, not %zu", field,
				    n);
	if (d[1] < '3')
		return kh_error_set(
		    err, KH_EINVAL, field,
		    "%s does not start like a mobile number: mobiles start with 13 to 19", field);
	return set_number(ph, "", d, n, KH_PHONE_MOBILE);
}

/* d is a number as dialled inside mainland China. */
static int domestic(const char *d, size_t n, struct kh_phone *ph, const char *field,
		    struct kh_error *err)
{
	size_t area, local;

	if (n == 10 && (has_prefix(d, n, "400") || has_prefix(d, n, "800")))
		return set_number(ph, "", d, n, KH_PHONE_LANDLINE);
	/* 7 or 8 digits are a local number, even from 1 ("1234-5678"). */
	if (d[0] != '0' && (n == 7 || n == 8))
		return kh_error_set(err, KH_EINVAL, field,
				    "%s needs the area code, e.g. 010-12345678%s", field,
				    d[0] == '1' ? " (a mobile number has 11 digits)" : "");
	if (d[0] == '1')
		return mobile(d, n, ph, field, err);
	if (d[0] != '0') {
		if (n < 7)
			return kh_error_set(err, KH_EINVAL, field,
					    "%s is too short for a phone number", field);
		return kh_error_set(err, KH_EINVAL, field,
				    "%s is not a number kehu knows: a landline starts with its "
				    "area code (010-12345678), a mobile with 13 to 19",
				    field);
	}
	/* 010 is Beijing and 02X the other big cities; everywhere else the
	 * area code is 0 and three digits. */
	if (n >= 2 && d[1] == '1' && !has_prefix(d, n, "010"))
		return kh_error_set(err, KH_EINVAL, field,
				    "%s has an area code starting 01 other than 010", field);
	if (n >= 2 && d[1] == '0')
		return kh_error_set(err, KH_EINVAL, field,
				    "%s starts with 00, which is not an area code", field);
	area = n >= 2 && (d[1] == '1' || d[1] == '2') ? 3 : 4;
	local = n > area ? n - area : 0;
	if (local < 7 || local > 8)
		return kh_error_set(err, KH_EINVAL, field,
				    "%s has %zu digits after the area code %.*s; a landline number "
				    "has 7 or 8",
				    field, local, (int)(n < area ? n : area), d);
	return set_number(ph, "", d, n, KH_PHONE_LANDLINE);
}

/* d follows the country code 86, so a landline's area code has lost its 0. */
static int after_86(const char *d, size_t n, struct kh_phone *ph, const char *field,
		    struct kh_error *err)
{
	char buf[DIGITS_MAX + 2];

	if (n == 0)
		return kh_error_set(err, KH_EINVAL, field, "%s has nothing after +86", field);
	/* People often keep the 0 anyway ("+86 010 ..."); 400/800 and mobiles
	 * read the same with or without a country code. */
	if (d[0] == '0' || (n == 10 && (has_prefix(d, n, "400") || has_prefix(d, n, "800"))) ||
	    (d[0] == '1' && !has_prefix(d, n, "10")))
		return domestic(d, n, ph, field, err);
	/* An area code (2 or 3 digits here) and 7 or 8 more: never 8 or fewer. */
	if (n <= 8)
		return kh_error_set(err, KH_EINVAL, field,
				    "%s needs the area code after +86, e.g. +86 10 12345678",
				    field);
	buf[0] = '0';
	memcpy(buf + 1, d, n);
	return domestic(buf, n + 1, ph, field, err);
}

static int international(const char *d, size_t n, struct kh_phone *ph, const char *field,
			 struct kh_error *err)
{
	if (has_prefix(d, n, "86"))
		return after_86(d + 2, n - 2, ph, field, err);
	if (n < 7 || n > 15 || d[0] == '0')
		return kh_error_set(err, KH_EINVAL, field,
				    "%s is not an international number: it needs a country code "
				    "and 7 to 15 digits in all",
				    field);
	return set_number(ph, "+", d, n, KH_PHONE_INTL);
}

static int classify(const char *d, size_t n, bool plus, struct kh_phone *ph, const char *field,
		    struct kh_error *err)
{
	if (n < 7 && !plus)
		return kh_error_set(err, KH_EINVAL, field, "%s is too short for a phone number",
				    field);
	if (plus)
		return international(d, n, ph, field, err);
	if (has_prefix(d, n, "00"))
		return international(d + 2, n - 2, ph, field, err);
	/* No mainland number starts with 86 and has 11 digits or more, so this
	 * is the country code typed without + ("86 13812345678"). */
	if (n >= 11 && has_prefix(d, n, "86"))
		return after_86(d + 2, n - 2, ph, field, err);
	return domestic(d, n, ph, field, err);
}

int kh_phone_normalize(const char *s, struct kh_phone *out, const char *field, struct kh_error *err)
{
	struct kh_phone ph;
	struct scan sc;
	size_t len;
	int rc;

	if (!field)
		field = "phone";
	len = s ? strlen(s) : 0;
	if (len > PHONE_INPUT_MAX)
		return kh_error_set(err, KH_EINVAL, field, "%s is too long for a phone number",
				    field);
	if ((rc = scan(s ? s : "", len, &sc, field, err)))
		return rc;
	if (!sc.nd && sc.plus)
		return kh_error_set(err, KH_EINVAL, field, "%s has no digits after +", field);
	if (!sc.nd)
		return kh_error_set(err, KH_EINVAL, field,
				    "%s is empty; type a number such as 138 1234 5678", field);
	memset(&ph, 0, sizeof(ph));
	rc = classify(sc.digits, sc.nd, sc.plus, &ph, field, NULL);
	if (rc && !sc.ext_marker && sc.ngroups >= 2 && sc.last_dashed &&
	    sc.nd - sc.last_group <= EXT_MAX) {
		/* "010-12345678-801": a trailing dashed group that makes the
		 * rest a whole landline is its extension. */
		rc = classify(sc.digits, sc.last_group, sc.plus, &ph, field, NULL);
		if (rc == 0 && ph.kind != KH_PHONE_MOBILE) {
			sc.next = sc.nd - sc.last_group;
			memcpy(sc.ext, sc.digits + sc.last_group, sc.next);
			sc.ext[sc.next] = '\0';
		} else {
			rc = -1;
		}
	}
	if (rc) /* again, for the message about the number as a whole */
		return classify(sc.digits, sc.nd, sc.plus, &ph, field, err);
	if (sc.next && ph.kind == KH_PHONE_MOBILE)
		return kh_error_set(err, KH_EINVAL, field,
				    "%s is a mobile number, which has no extension", field);
	memcpy(ph.extension, sc.ext, sc.next + 1);
	*out = ph;
	return 0;
}
