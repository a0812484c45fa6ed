/*
 * vcard.c: the vCard reader and writer (see vcard.h). Lines are unfolded
 * into one buffer at a time, so memory follows the longest line and the
 * cards' values, never the file twice.
 */
#include "base/vcard.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/utf8.h"
#include "base/banned.h"

/* ---- Reading physical and logical lines ---- */

struct reader {
	const char *buf;
	size_t len, pos;
	unsigned long line;      /* of the logical line read last */
	unsigned long next_line; /* of the physical line at pos */
};

/* The physical line at pos (without its CRLF, LF or CR), moving past it. */
static bool physical(struct reader *r, const char **s, size_t *n)
{
	size_t i = r->pos;

	if (r->pos >= r->len)
		return false;
	while (i < r->len && r->buf[i] != '\n' && r->buf[i] != '\r')
		i++;
	*s = r->buf + r->pos;
	*n = i - r->pos;
	if (i < r->len && r->buf[i] == '\r')
		i++;
	if (i < r->len && r->buf[i] == '\n' && (i == r->pos + *n || r->buf[i - 1] == '\r'))
		i++;
	r->pos = i;
	r->next_line++;
	return true;
}

/* Where the property's name and parameters end: the first colon outside
 * double quotes, or len. */
static size_t head_end(const char *s, size_t len)
{
	bool quoted = false;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (s[i] == ':' && !quoted)
			return i;
	}
	return len;
}

static bool has_word(const char *s, size_t len, const char *word)
{
	size_t w = strlen(word);

	for (size_t i = 0; i + w <= len; i++)
		if (strncasecmp(s + i, word, w) == 0)
			return true;
	return false;
}

static int too_long(struct reader *r, struct kh_error *err)
{
	return kh_error_set(err, KH_ELIMIT, "file", "line %lu: longer than %u bytes unfolded",
			    r->line, KH_VCARD_LINE_MAX);
}

/* The next logical line into out: a physical line, its quoted-printable
 * soft breaks ("=" at the end) joined, then its continuation lines (a
 * space or tab first) appended without that character. */
static int logical(struct reader *r, struct kh_strbuf *out, bool *got, struct kh_error *err)
{
	const char *s;
	size_t n, save;
	unsigned long save_line;
	bool qp;

	kh_strbuf_reset(out);
	*got = false;
	r->line = r->next_line + 1;
	if (!physical(r, &s, &n))
		return 0;
	*got = true;
	if (kh_strbuf_add(out, s, n))
		return too_long(r, err);
	{
		/* The parameters only: a name could hold the word too. */
		size_t head = head_end(out->buf, out->len);
		const char *semi = memchr(out->buf, ';', head);

		qp = semi && has_word(semi, head - (size_t)(semi - out->buf), "QUOTED-PRINTABLE");
	}
	for (;;) {
		save = r->pos;
		save_line = r->next_line;
		if (qp && out->len && out->buf[out->len - 1] == '=') {
			if (!physical(r, &s, &n))
				break;
			kh_strbuf_setlen(out, out->len - 1);
			if (kh_strbuf_add(out, s, n))
				return too_long(r, err);
			continue;
		}
		if (!physical(r, &s, &n))
			break;
		if (n == 0 || (s[0] != ' ' && s[0] != '\t')) {
			r->pos = save;
			r->next_line = save_line;
			break;
		}
		if (kh_strbuf_add(out, s + 1, n - 1))
			return too_long(r, err);
	}
	return 0;
}

/* ---- Values ---- */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static int qp_decode(const char *s, size_t len, struct kh_strbuf *out)
{
	for (size_t i = 0; i < len; i++) {
		int hi = i + 2 < len && s[i] == '=' ? hexval(s[i + 1]) : -1;
		int lo = hi >= 0 ? hexval(s[i + 2]) : -1;

		if (lo >= 0) {
			if (kh_strbuf_addch(out, (char)(hi * 16 + lo)))
				return KH_ELIMIT;
			i += 2;
		} else if (kh_strbuf_addch(out, s[i])) {
			return KH_ELIMIT;
		}
	}
	return 0;
}

static bool is_utf8_name(const char *cs)
{
	return !cs[0] || strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "UTF8") == 0 ||
	       strcasecmp(cs, "US-ASCII") == 0;
}

/* in (of charset cs) as UTF-8 into out. false when iconv cannot. */
static bool convert(const char *cs, const char *in, size_t len, struct kh_strbuf *out)
{
	iconv_t cd = iconv_open("UTF-8", cs);
	char *src = (char *)in, chunk[1024];
	size_t left = len;
	bool ok = true;

	if (cd == (iconv_t)-1)
		return false;
	while (ok && left > 0) {
		char *dst = chunk;
		size_t room = sizeof(chunk);

		if (iconv(cd, &src, &left, &dst, &room) == (size_t)-1 && errno != E2BIG)
			ok = false;
		if (kh_strbuf_add(out, chunk, sizeof(chunk) - room))
			ok = false;
	}
	iconv_close(cd);
	return ok;
}

/* Unescape s[0..len) as one component into a new string. */
static char *unescape(const char *s, size_t len)
{
	char *out = malloc(len + 1), *o = out;

	if (!out)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\r') {
			/* CRLF or CR decoded from quoted-printable: one newline */
			if (i + 1 >= len || s[i + 1] != '\n')
				*o++ = '\n';
		} else if (s[i] == '\\' && i + 1 < len) {
			char c = s[++i];

			*o++ = c == 'n' || c == 'N' ? '\n' : c;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}

static bool structured(const char *name)
{
	return strcmp(name, "N") == 0 || strcmp(name, "ADR") == 0 || strcmp(name, "ORG") == 0 ||
	       strcmp(name, "GENDER") == 0;
}

/* Split the value into p's components (on ';' not after a backslash, for
 * structured properties), each unescaped. */
static int split_value(struct kh_vcard_prop *p, const char *v, size_t len)
{
	size_t start = 0;
	bool split = structured(p->name);

	if (!(p->parts = calloc(KH_VCARD_PARTS_MAX, sizeof(char *))))
		return KH_ENOMEM;
	for (size_t i = 0; i <= len; i++) {
		if (i + 1 < len && v[i] == '\\') {
			i++;
			continue;
		}
		if (i < len && (!split || v[i] != ';' || p->nparts == KH_VCARD_PARTS_MAX - 1))
			continue;
		if (!(p->parts[p->nparts] = unescape(v + start, i - start)))
			return KH_ENOMEM;
		p->nparts++;
		start = i + 1;
	}
	return 0;
}

/* ---- Parameters ---- */

struct params {
	unsigned types;
	bool qp, binary, text; /* text: VALUE=text, so a TEL keeps a leading "tel:" */
	char charset[32];
};

static unsigned type_flag(const char *s, size_t n)
{
	static const struct {
		const char *word;
		unsigned flag;
	} words[] = {{"CELL", KH_VCARD_CELL}, {"WORK", KH_VCARD_WORK}, {"HOME", KH_VCARD_HOME},
		     {"FAX", KH_VCARD_FAX},   {"VOICE", KH_VCARD_VOICE}, {"PREF", KH_VCARD_PREF}};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i].word) == n && strncasecmp(words[i].word, s, n) == 0)
			return words[i].flag;
	return 0;
}

/* TYPE values: comma-separated, quoted or not. */
static void add_types(struct params *pm, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t j = i;

		while (j < n && s[j] != ',')
			j++;
		{
			const char *w = s + i;
			size_t wn = j - i;

			while (wn && (*w == '"' || *w == ' '))
				w++, wn--;
			while (wn && (w[wn - 1] == '"' || w[wn - 1] == ' '))
				wn--;
			pm->types |= type_flag(w, wn);
		}
		i = j + 1;
	}
}

static void param(struct params *pm, const char *s, size_t n)
{
	const char *eq = memchr(s, '=', n);
	size_t kn = eq ? (size_t)(eq - s) : n;
	const char *v = eq ? eq + 1 : s;
	size_t vn = eq ? n - kn - 1 : n;

	if (vn >= 2 && v[0] == '"' && v[vn - 1] == '"')
		v++, vn -= 2;
	if (!eq || (kn == 4 && strncasecmp(s, "TYPE", 4) == 0)) {
		/* 2.1 writes the values alone: TEL;CELL;ENCODING... */
		if (!eq && vn == 16 && strncasecmp(v, "QUOTED-PRINTABLE", 16) == 0)
			pm->qp = true;
		else if (!eq && vn == 6 && strncasecmp(v, "BASE64", 6) == 0)
			pm->binary = true;
		else
			add_types(pm, v, vn);
	} else if (kn == 8 && strncasecmp(s, "ENCODING", 8) == 0) {
		pm->qp |= vn == 16 && strncasecmp(v, "QUOTED-PRINTABLE", 16) == 0;
		pm->binary |= (vn == 1 && (*v == 'b' || *v == 'B')) ||
			      (vn == 6 && strncasecmp(v, "BASE64", 6) == 0);
	} else if (kn == 7 && strncasecmp(s, "CHARSET", 7) == 0) {
		snprintf(pm->charset, sizeof(pm->charset), "%.*s", (int)vn, v);
	} else if (kn == 4 && strncasecmp(s, "PREF", 4) == 0) {
		pm->types |= KH_VCARD_PREF;
	} else if (kn == 5 && strncasecmp(s, "VALUE", 5) == 0) {
		pm->text = vn == 4 && strncasecmp(v, "text", 4) == 0;
	}
}

/* The name (group dropped, upper case) and parameters of a line's head. */
static bool parse_head(const char *s, size_t n, char name[64], struct params *pm)
{
	size_t i = 0, start;
	bool quoted = false;

	while (i < n && s[i] != ';')
		i++;
	{
		const char *dot = memchr(s, '.', i);
		const char *nm = dot ? dot + 1 : s;
		size_t nn = (size_t)(s + i - nm);

		if (nn == 0 || nn >= 64)
			return false;
		for (size_t k = 0; k < nn; k++) {
			char c = nm[k];

			if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			      (c >= '0' && c <= '9') || c == '-'))
				return false;
			name[k] = (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
		}
		name[nn] = '\0';
	}
	while (i < n) {
		start = ++i;
		for (; i < n && (quoted || s[i] != ';'); i++)
			if (s[i] == '"')
				quoted = !quoted;
		if (i > start)
			param(pm, s + start, i - start);
	}
	return true;
}

/* ---- Cards ---- */

struct parse {
	struct reader r;
	struct kh_strbuf line, bytes, utf8;
	struct kh_vcard *cards;
	size_t n, alloc;
	struct kh_vcard *card; /* the open one, or NULL */
};

static int bad(struct parse *ps, struct kh_error *err, const char *why)
{
	return kh_error_set(err, KH_EINVAL, "file", "line %lu: %s", ps->r.line, why);
}

static int open_card(struct parse *ps, struct kh_error *err)
{
	if (ps->n == KH_VCARD_CARDS_MAX)
		return kh_error_set(err, KH_ELIMIT, "file", "more than %d cards in one file",
				    KH_VCARD_CARDS_MAX);
	if (ps->n == ps->alloc) {
		size_t na = ps->alloc ? ps->alloc * 2 : 8;
		struct kh_vcard *c = realloc(ps->cards, na * sizeof(*c));

		if (!c)
			return kh_error_set(err, KH_ENOMEM, "", "out of memory");
		ps->cards = c;
		ps->alloc = na;
	}
	ps->card = &ps->cards[ps->n++];
	memset(ps->card, 0, sizeof(*ps->card));
	ps->card->version = 30;
	ps->card->line = ps->r.line;
	return 0;
}

/* The value as UTF-8 text in ps->utf8 (quoted-printable decoded, the
 * charset converted). */
static int decode_value(struct parse *ps, const struct params *pm, const char *v, size_t vn,
			struct kh_error *err)
{
	const char *text = v;
	size_t tn = vn;

	kh_strbuf_reset(&ps->bytes);
	kh_strbuf_reset(&ps->utf8);
	if (pm->qp) {
		if (qp_decode(v, vn, &ps->bytes))
			return kh_error_set(err, KH_ENOMEM, "", "out of memory");
		text = ps->bytes.buf;
		tn = ps->bytes.len;
	}
	if (!is_utf8_name(pm->charset)) {
		if (!convert(pm->charset, text, tn, &ps->utf8))
			return bad(ps, err, "the CHARSET is unknown or does not fit the text");
	} else if (kh_utf8_valid(text, tn)) {
		if (kh_strbuf_add(&ps->utf8, text, tn))
			return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	} else if (pm->charset[0] || !convert("GB18030", text, tn, &ps->utf8)) {
		/* Without a CHARSET, Chinese phones write GB18030. */
		return bad(ps, err, "the text is not UTF-8 (give its CHARSET)");
	}
	/* What a charset turned into must pass the same check as UTF-8 input. */
	if (!kh_utf8_valid(ps->utf8.buf ? ps->utf8.buf : "", ps->utf8.len) ||
	    memchr(ps->utf8.buf ? ps->utf8.buf : "", '\0', ps->utf8.len))
		return bad(ps, err, "the text is not valid UTF-8 after its CHARSET");
	return 0;
}

static int add_prop(struct parse *ps, const char *name, const struct params *pm,
		    struct kh_error *err)
{
	struct kh_vcard *c = ps->card;
	struct kh_vcard_prop *p, *props;
	const char *v = ps->utf8.buf ? ps->utf8.buf : "";
	size_t vn = ps->utf8.len;

	if (c->nprops == KH_VCARD_PROPS_MAX)
		return kh_error_set(err, KH_ELIMIT, "file", "line %lu: more than %d properties in "
				    "one card", ps->r.line, KH_VCARD_PROPS_MAX);
	if (!(props = realloc(c->props, (c->nprops + 1) * sizeof(*props))))
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	c->props = props;
	p = &c->props[c->nprops++];
	memset(p, 0, sizeof(*p));
	snprintf(p->name, sizeof(p->name), "%s", name);
	p->types = pm->types;
	if (strcmp(name, "TEL") == 0 && !pm->text && vn > 4 && strncasecmp(v, "tel:", 4) == 0)
		v += 4, vn -= 4;
	return split_value(p, v, vn) ? kh_error_set(err, KH_ENOMEM, "", "out of memory") : 0;
}

static int version_of(struct parse *ps, const char *v, size_t vn, struct kh_error *err)
{
	if (vn == 3 && strncmp(v, "2.1", 3) == 0)
		ps->card->version = 21;
	else if (vn == 3 && strncmp(v, "3.0", 3) == 0)
		ps->card->version = 30;
	else if (vn == 3 && strncmp(v, "4.0", 3) == 0)
		ps->card->version = 40;
	else
		return bad(ps, err, "VERSION must be 2.1, 3.0 or 4.0");
	return 0;
}

static int content_line(struct parse *ps, struct kh_error *err)
{
	const char *s = ps->line.buf;
	size_t n = ps->line.len, colon = head_end(s, n);
	struct params pm = {0};
	char name[64];
	const char *v = s + colon + 1;
	size_t vn = colon < n ? n - colon - 1 : 0;
	int rc;

	if (colon == n || !parse_head(s, colon, name, &pm))
		return bad(ps, err, "not a vCard property (NAME;PARAMS:VALUE)");
	if (strcmp(name, "BEGIN") == 0) {
		if (ps->card || vn != 5 || strncasecmp(v, "VCARD", 5))
			return bad(ps, err, ps->card ? "a card inside a card" : "BEGIN:VCARD expected");
		return open_card(ps, err);
	}
	if (!ps->card)
		return bad(ps, err, "BEGIN:VCARD expected");
	if (strcmp(name, "END") == 0) {
		ps->card = NULL;
		return 0;
	}
	if (strcmp(name, "VERSION") == 0)
		return version_of(ps, v, vn, err);
	if (pm.binary)
		return 0; /* photos, keys, sounds: not what kehu keeps */
	if ((rc = decode_value(ps, &pm, v, vn, err)))
		return rc;
	return add_prop(ps, name, &pm, err);
}

int kh_vcard_parse(const char *buf, size_t len, struct kh_vcard **cards, size_t *n,
		   struct kh_error *err)
{
	struct parse ps;
	bool got;
	int rc = 0;

	memset(&ps, 0, sizeof(ps));
	if (len > KH_VCARD_FILE_MAX)
		return kh_error_set(err, KH_ELIMIT, "file", "the file is larger than %u bytes",
				    KH_VCARD_FILE_MAX);
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		buf += 3, len -= 3;
	ps.r.buf = buf;
	ps.r.len = len;
	kh_strbuf_init(&ps.line, KH_VCARD_LINE_MAX);
	kh_strbuf_init(&ps.bytes, KH_VCARD_LINE_MAX);
	kh_strbuf_init(&ps.utf8, 4 * KH_VCARD_LINE_MAX);
	while (rc == 0 && (rc = logical(&ps.r, &ps.line, &got, err)) == 0 && got)
		if (ps.line.len)
			rc = content_line(&ps, err);
	if (rc == 0 && ps.card)
		rc = kh_error_set(err, KH_EINVAL, "file", "line %lu: the card begun here has no "
				  "END:VCARD", ps.card->line);
	if (rc == 0 && ps.n == 0)
		rc = kh_error_set(err, KH_EINVAL, "file", "no vCard in the file");
	kh_strbuf_release(&ps.line);
	kh_strbuf_release(&ps.bytes);
	kh_strbuf_release(&ps.utf8);
	if (rc) {
		kh_vcard_free(ps.cards, ps.n);
		return rc;
	}
	*cards = ps.cards;
	*n = ps.n;
	return 0;
}

void kh_vcard_free(struct kh_vcard *cards, size_t n)
{
	for (size_t i = 0; cards && i < n; i++) {
		for (size_t j = 0; j < cards[i].nprops; j++) {
			struct kh_vcard_prop *p = &cards[i].props[j];

			for (size_t k = 0; p->parts && k < p->nparts; k++)
				free(p->parts[k]);
			free(p->parts);
		}
		free(cards[i].props);
	}
	free(cards);
}
