/*
 * vcard.h: vCard 3.0 (RFC 2426) and 4.0 (RFC 6350) read and written, and
 * the 2.1-style lines phones still export inside "3.0" files (bare TYPE
 * words, ENCODING=QUOTED-PRINTABLE with soft line breaks, CHARSET=GB2312
 * and friends). The reader unfolds lines (CRLF or LF, then a space or tab),
 * decodes quoted-printable and converts the CHARSET to UTF-8 (glibc
 * iconv), unescapes \\ \; \, \n, splits the structured values (N, ADR,
 * ORG, GENDER) into components, and keeps the TYPE parameters (3.0
 * TYPE=CELL, 4.0 TYPE="cell,voice", 2.1 TEL;CELL) as flags. Binary values
 * (PHOTO;ENCODING=b) are skipped. Everything is bounded: the file, an
 * unfolded line, the properties of a card and the cards of a file.
 *
 * The writer escapes, folds lines at 75 octets without splitting a UTF-8
 * character, and ends them with CRLF.
 */
#ifndef KH_VCARD_H
#define KH_VCARD_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "base/strbuf.h"

#define KH_VCARD_FILE_MAX (16u * 1024 * 1024)
#define KH_VCARD_LINE_MAX (1024u * 1024)  /* an unfolded content line */
#define KH_VCARD_PROPS_MAX 500            /* per card */
#define KH_VCARD_CARDS_MAX 100000         /* per file */
#define KH_VCARD_PARTS_MAX 16             /* components of a structured value */

/* TYPE parameter values of TEL (and EMAIL, ADR). */
#define KH_VCARD_CELL 0x1u
#define KH_VCARD_WORK 0x2u
#define KH_VCARD_HOME 0x4u
#define KH_VCARD_FAX 0x8u
#define KH_VCARD_VOICE 0x10u
#define KH_VCARD_PREF 0x20u

struct kh_vcard_prop {
	char name[64];   /* upper case, without its group: "TEL", "X-KEHU-WECHAT" */
	unsigned types;  /* KH_VCARD_* */
	char **parts;    /* the value's components, unescaped UTF-8; one for a plain value */
	size_t nparts;
};

struct kh_vcard {
	int version;     /* 21, 30 or 40 (30 when the card does not say) */
	struct kh_vcard_prop *props;
	size_t nprops;
	unsigned long line; /* the line of its BEGIN:VCARD */
};

/* Every card of buf[0..len) (a BOM is skipped) into a new array *cards of
 * *n, the caller's (kh_vcard_free). KH_EINVAL naming "line N" and the
 * reason for malformed input (no BEGIN, an unterminated card, a line
 * without a colon, an unknown CHARSET, text that is not UTF-8), KH_ELIMIT
 * past a bound. */
int kh_vcard_parse(const char *buf, size_t len, struct kh_vcard **cards, size_t *n,
		   struct kh_error *err);
void kh_vcard_free(struct kh_vcard *cards, size_t n);

/* The first property called name at or after index *at (start at 0), or
 * NULL; *at is moved past it, to find the next one. */
const struct kh_vcard_prop *kh_vcard_find(const struct kh_vcard *c, const char *name,
					  size_t *at);
/* Component i of p's value, "" when it has none. */
const char *kh_vcard_part(const struct kh_vcard_prop *p, size_t i);

/* The person's name: FN, else N as one string: Chinese family and given
 * names joined without a space, family name first (张;三 -> 张三), others
 * as "given family". Appended to out. */
int kh_vcard_name(const struct kh_vcard *c, struct kh_strbuf *out);
/* Split a name into family and given name for N: a Chinese name by its
 * surname (one character, or a two-character compound such as 欧阳), any
 * other by its last word. Writes offsets: family = s[0..*family_len) for
 * Chinese names; for others the family name is the last word. */
void kh_vcard_split_name(const char *s, const char **family, size_t *family_len,
			 const char **given, size_t *given_len);
/* A BDAY value as "YYYY-MM-DD", or "--MM-DD" when it has no year; from
 * YYYY-MM-DD, YYYYMMDD, --MMDD, --MM-DD (a time after "T" is ignored).
 * false when it is none of those or no real date. out: 11 bytes. */
bool kh_vcard_bday(const char *value, char out[11]);

/* ---- Writing (version 30 or 40) ---- */
/* BEGIN:VCARD and VERSION. */
int kh_vcard_write_begin(struct kh_strbuf *sb, int version);
/* One property: name, the TYPE flags (0 for none), and its components
 * (escaped here; joined by ';'). A 4.0 TEL says VALUE=text. */
int kh_vcard_write_prop(struct kh_strbuf *sb, int version, const char *name, unsigned types,
			const char *const *parts, size_t nparts);
int kh_vcard_write_end(struct kh_strbuf *sb);

#endif
