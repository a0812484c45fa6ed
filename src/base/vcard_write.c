/*
 * vcard_write.c: what the vCard reader's users ask of a card (properties,
 * the name, the birthday) and the writer (see vcard.h).
 */
#include "base/vcard.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/utf8.h"
#include "base/banned.h"

const struct kh_vcard_prop *kh_vcard_find(const struct kh_vcard *c, const char *name,
					  size_t *at)
{
	for (size_t i = *at; i < c->nprops; i++)
		if (strcmp(c->props[i].name, name) == 0) {
			*at = i + 1;
			return &c->props[i];
		}
	*at = c->nprops;
	return NULL;
}

const char *kh_vcard_part(const struct kh_vcard_prop *p, size_t i)
{
	return p && i < p->nparts && p->parts[i] ? p->parts[i] : "";
}

/* Han, kana or hangul: a name written without spaces, family name first. */
static bool is_cjk(int32_t cp)
{
	return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F);
}

static bool starts_cjk(const char *s)
{
	size_t pos = 0;

	return is_cjk(kh_utf8_next(s, strlen(s), &pos));
}

int kh_vcard_name(const struct kh_vcard *c, struct kh_strbuf *out)
{
	size_t at = 0;
	const struct kh_vcard_prop *fn = kh_vcard_find(c, "FN", &at), *n;
	const char *family, *given;

	if (fn && *kh_vcard_part(fn, 0))
		return kh_strbuf_adds(out, kh_vcard_part(fn, 0));
	at = 0;
	n = kh_vcard_find(c, "N", &at);
	family = kh_vcard_part(n, 0);
	given = kh_vcard_part(n, 1);
	if (starts_cjk(family) || starts_cjk(given))
		return kh_strbuf_adds(out, family) || kh_strbuf_adds(out, given);
	return kh_strbuf_adds(out, given) ||
	       (*given && *family && kh_strbuf_addch(out, ' ')) || kh_strbuf_adds(out, family);
}

/* Chinese surnames of two characters (复姓). */
static const char *const compound_surnames[] = {
	"欧阳", "司马", "诸葛", "上官", "东方", "慕容", "令狐", "皇甫", "尉迟", "公孙",
	"长孙", "宇文", "司徒", "夏侯", "端木", "独孤", "南宫", "西门", "百里", "呼延",
	"轩辕", "澹台", "万俟", "闻人", "申屠", "太史", "钟离", "司空", "拓跋", "赫连",
};

void kh_vcard_split_name(const char *s, const char **family, size_t *family_len,
			 const char **given, size_t *given_len)
{
	size_t len = strlen(s), pos = 0;
	const char *space;

	if (starts_cjk(s)) {
		kh_utf8_next(s, len, &pos);
		for (size_t i = 0; i < sizeof(compound_surnames) / sizeof(compound_surnames[0]); i++)
			if (strncmp(s, compound_surnames[i], strlen(compound_surnames[i])) == 0 &&
			    len > strlen(compound_surnames[i]))
				pos = strlen(compound_surnames[i]);
		*family = s;
		*family_len = pos;
		*given = s + pos;
		*given_len = len - pos;
		return;
	}
	space = strrchr(s, ' ');
	*family = space ? space + 1 : s + len;
	*family_len = space ? len - (size_t)(space + 1 - s) : 0;
	*given = s;
	*given_len = space ? (size_t)(space - s) : len;
}

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int num(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static bool real_date(int y, int m, int d)
{
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return false;
	/* 29 February only in a leap year (or in a date without one). */
	return !(m == 2 && d == 29 && y > 0 && !((y % 4 == 0 && y % 100) || y % 400 == 0));
}

bool kh_vcard_bday(const char *value, char out[11])
{
	size_t n = strcspn(value, "T");
	int y = 0, m, d;

	if (n == 10 && digits(value, 4) && value[4] == '-' && digits(value + 5, 2) &&
	    value[7] == '-' && digits(value + 8, 2))
		y = num(value, 4), m = num(value + 5, 2), d = num(value + 8, 2);
	else if (n == 8 && digits(value, 8))
		y = num(value, 4), m = num(value + 4, 2), d = num(value + 6, 2);
	else if (n == 6 && strncmp(value, "--", 2) == 0 && digits(value + 2, 4))
		m = num(value + 2, 2), d = num(value + 4, 2);
	else if (n == 7 && strncmp(value, "--", 2) == 0 && digits(value + 2, 2) &&
		 value[4] == '-' && digits(value + 5, 2))
		m = num(value + 2, 2), d = num(value + 5, 2);
	else
		return false;
	if ((n == 10 || n == 8) && y < 1)
		return false;
	if (!real_date(y, m, d))
		return false;
	if (y)
		snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000, (unsigned)m % 100,
			 (unsigned)d % 100);
	else
		snprintf(out, 11, "--%02u-%02u", (unsigned)m % 100, (unsigned)d % 100);
	return true;
}

/* ---- Writing ---- */

/* Fold line[0..len) into sb at 75 octets, never inside a UTF-8
 * character: continuation lines start with a space. */
static int put_folded(struct kh_strbuf *sb, const char *line, size_t len)
{
	size_t col = 0, i = 0;
	int rc = 0;

	while (rc == 0 && i < len) {
		size_t k = 1;

		while (i + k < len && ((unsigned char)line[i + k] & 0xC0) == 0x80)
			k++;
		if (col + k > 75) {
			rc = kh_strbuf_add(sb, "\r\n ", 3);
			col = 1;
		}
		rc = rc ? rc : kh_strbuf_add(sb, line + i, k);
		col += k;
		i += k;
	}
	return rc ? rc : kh_strbuf_add(sb, "\r\n", 2);
}

static int escape_into(struct kh_strbuf *sb, const char *s)
{
	int rc = 0;

	for (; rc == 0 && *s; s++) {
		if (*s == '\r')
			continue; /* CRLF in a note: one newline */
		if (*s == '\n')
			rc = kh_strbuf_add(sb, "\\n", 2);
		else if (*s == '\\' || *s == ';' || *s == ',')
			rc = kh_strbuf_addch(sb, '\\') || kh_strbuf_addch(sb, *s);
		else
			rc = kh_strbuf_addch(sb, *s);
	}
	return rc;
}

static int add_types(struct kh_strbuf *line, int version, unsigned types)
{
	static const struct {
		unsigned flag;
		const char *v3, *v4;
	} words[] = {{KH_VCARD_CELL, "CELL", "cell"}, {KH_VCARD_WORK, "WORK", "work"},
		     {KH_VCARD_HOME, "HOME", "home"}, {KH_VCARD_FAX, "FAX", "fax"},
		     {KH_VCARD_VOICE, "VOICE", "voice"}};
	size_t n = 0, count = 0;
	int rc = 0;

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		count += (types & words[i].flag) != 0;
	if (count)
		rc = kh_strbuf_adds(line, version == 40 && count > 1 ? ";TYPE=\"" : ";TYPE=");
	for (size_t i = 0; rc == 0 && i < sizeof(words) / sizeof(words[0]); i++)
		if (types & words[i].flag)
			rc = (n++ && kh_strbuf_addch(line, ',')) ||
			     kh_strbuf_adds(line, version == 40 ? words[i].v4 : words[i].v3);
	if (rc == 0 && count > 1 && version == 40)
		rc = kh_strbuf_addch(line, '"');
	if (rc == 0 && (types & KH_VCARD_PREF))
		rc = kh_strbuf_adds(line, version == 40 ? ";PREF=1" : ";TYPE=PREF");
	return rc;
}

int kh_vcard_write_begin(struct kh_strbuf *sb, int version)
{
	return kh_strbuf_adds(sb, "BEGIN:VCARD\r\n") ||
	       kh_strbuf_adds(sb, version == 40 ? "VERSION:4.0\r\n" : "VERSION:3.0\r\n");
}

int kh_vcard_write_prop(struct kh_strbuf *sb, int version, const char *name, unsigned types,
			const char *const *parts, size_t nparts)
{
	struct kh_strbuf line;
	int rc;

	kh_strbuf_init(&line, 0);
	rc = kh_strbuf_adds(&line, name) || add_types(&line, version, types);
	/* 4.0 reads a TEL as a tel: URI unless told otherwise; any version
	 * must be told when the text itself begins with "tel:". */
	if (rc == 0 && strcmp(name, "TEL") == 0 &&
	    (version == 40 || (nparts && parts[0] && strncasecmp(parts[0], "tel:", 4) == 0)))
		rc = kh_strbuf_adds(&line, ";VALUE=text");
	rc = rc || kh_strbuf_addch(&line, ':');
	for (size_t i = 0; rc == 0 && i < nparts; i++)
		rc = (i && kh_strbuf_addch(&line, ';')) || escape_into(&line, parts[i] ? parts[i] : "");
	rc = rc || put_folded(sb, line.buf, line.len);
	kh_strbuf_release(&line);
	return rc ? KH_ENOMEM : 0;
}

int kh_vcard_write_end(struct kh_strbuf *sb)
{
	return kh_strbuf_adds(sb, "END:VCARD\r\n") ? KH_ENOMEM : 0;
}
