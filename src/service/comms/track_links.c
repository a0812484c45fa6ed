/*
 * track_links.c: the rewriting (see track_links.h). A scanner, not an HTML
 * parser: it looks for "<a" tags and their href attribute, quoted with " or
 * ' or not at all, which is what editors and hand-written mail produce; a
 * tag it cannot read is left as it is, so the worst case is a link that is
 * not tracked.
 */
#include "service/comms/track_links.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void kh_track_links_release(struct kh_track_links *links)
{
	if (!links)
		return;
	for (size_t i = 0; i < links->n; i++)
		free(links->urls[i]);
	links->n = 0;
}

static bool space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* The href value of the <a ...> tag starting at tag (which is "<a" and a
 * space): *start and *len of the value, *quote its quote character or 0.
 * False when the tag has none or ends first. */
static bool find_href(const char *tag, const char **start, size_t *len, char *quote)
{
	const char *p = tag + 2;

	while (*p && *p != '>') {
		while (space(*p))
			p++;
		if (strncasecmp(p, "href", 4) == 0) {
			const char *q = p + 4;

			while (space(*q))
				q++;
			if (*q == '=') {
				q++;
				while (space(*q))
					q++;
				*quote = (*q == '"' || *q == '\'') ? *q : 0;
				if (*quote) {
					const char *end = strchr(q + 1, *quote);

					if (!end)
						return false;
					*start = q + 1;
					*len = (size_t)(end - q - 1);
				} else {
					*start = q;
					*len = strcspn(q, " \t\n\r\f>");
				}
				return true;
			}
		}
		/* skip one attribute: its name, and a quoted value whole */
		while (*p && !space(*p) && *p != '>') {
			if (*p == '"' || *p == '\'') {
				const char *end = strchr(p + 1, *p);

				if (!end)
					return false;
				p = end;
			}
			p++;
		}
	}
	return false;
}

/* The URL an href's text stands for: the entities a mail editor writes. */
static char *decode_href(const char *s, size_t len)
{
	static const struct {
		const char *entity, *ch;
	} entities[] = {{"&amp;", "&"}, {"&#38;", "&"}, {"&quot;", "\""}, {"&#39;", "'"},
			{"&lt;", "<"}, {"&gt;", ">"}};
	char *out = malloc(len + 1), *o = out;

	if (!out)
		return NULL;
	for (size_t i = 0; i < len;) {
		size_t k = 0;

		while (k < sizeof(entities) / sizeof(entities[0]) &&
		       strncmp(s + i, entities[k].entity, strlen(entities[k].entity)) != 0)
			k++;
		if (k < sizeof(entities) / sizeof(entities[0]) &&
		    i + strlen(entities[k].entity) <= len) {
			*o++ = entities[k].ch[0];
			i += strlen(entities[k].entity);
		} else {
			*o++ = s[i++];
		}
	}
	*o = '\0';
	return out;
}

static bool trackable(const char *url, const char *skip_url)
{
	return (strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0) &&
	       !(skip_url && strcmp(url, skip_url) == 0);
}

static int add_tracked(struct kh_strbuf *out, const char *base_url, char kind,
		       const unsigned char *key, int64_t message_id, uint32_t part)
{
	struct kh_link link = {kind == 'c' ? KH_LINK_CLICK : KH_LINK_OPEN, message_id, part};
	char token[KH_LINK_TOKEN_LEN + 1];

	if (kh_link_sign(key, &link, token))
		return KH_EIO;
	return kh_strbuf_addf(out, kind == 'c' ? "%s/c/%s" : "%s/o/%s.png", base_url, token);
}

static bool base_ok(const char *base)
{
	size_t n = base ? strlen(base) : 0;

	if (n < 8 || n > 900 || base[n - 1] == '/' ||
	    (strncmp(base, "http://", 7) && strncmp(base, "https://", 8)))
		return false;
	for (const char *c = base; *c; c++)
		if (*c <= ' ' || *c >= 127 || strchr("\"'<>&\\", *c))
			return false;
	return true;
}

/* The open pixel, before </body> when there is one. */
static int add_pixel(struct kh_strbuf *out, size_t body_end, const char *base_url,
		     const unsigned char *key, int64_t message_id)
{
	struct kh_strbuf pixel;
	int rc;

	kh_strbuf_init(&pixel, 0);
	rc = kh_strbuf_adds(&pixel, "<img src=\"");
	if (rc == 0)
		rc = add_tracked(&pixel, base_url, 'o', key, message_id, 0);
	if (rc == 0)
		rc = kh_strbuf_adds(&pixel, "\" width=\"1\" height=\"1\" alt=\"\" "
					    "style=\"display:none\">");
	if (rc == 0 && body_end < out->len) {
		/* move the tail after the pixel */
		size_t tail = out->len - body_end;
		char *saved = malloc(tail);

		if (!saved) {
			rc = KH_ENOMEM;
		} else {
			memcpy(saved, out->buf + body_end, tail);
			kh_strbuf_setlen(out, body_end);
			rc = kh_strbuf_add(out, pixel.buf, pixel.len);
			if (rc == 0)
				rc = kh_strbuf_add(out, saved, tail);
			free(saved);
		}
	} else if (rc == 0) {
		rc = kh_strbuf_add(out, pixel.buf, pixel.len);
	}
	kh_strbuf_release(&pixel);
	return rc;
}

int kh_track_html(const char *html, const char *base_url, const char *skip_url,
		  const unsigned char key[KH_LINK_KEY_BYTES], int64_t message_id,
		  struct kh_strbuf *out, struct kh_track_links *links, struct kh_error *err)
{
	size_t start = out->len, body_end = (size_t)-1;
	const char *p = html, *copied = html;
	int rc = 0;

	if (!base_ok(base_url))
		return kh_error_set(err, KH_EINVAL, "KEHU_PUBLIC_URL",
				    "%s must be an http or https URL of at most 900 printable characters",
				    "KEHU_PUBLIC_URL");
	while (rc == 0 && (p = strchr(p, '<'))) {
		const char *value;
		size_t len;
		char quote;
		char *url;

		if (strncasecmp(p, "</body", 6) == 0) {
			/* the last </body> wins: where it lands in out */
			rc = kh_strbuf_add(out, copied, (size_t)(p - copied));
			copied = p;
			body_end = out->len;
			p++;
			continue;
		}
		if (!((p[1] == 'a' || p[1] == 'A') && space(p[2])) ||
		    !find_href(p, &value, &len, &quote) || links->n >= KH_TRACK_LINKS_MAX ||
		    len > KH_TRACK_URL_MAX) {
			p++;
			continue;
		}
		if (!(url = decode_href(value, len))) {
			rc = KH_ENOMEM;
			break;
		}
		if (!trackable(url, skip_url)) {
			free(url);
			p = value + len;
			continue;
		}
		links->urls[links->n++] = url;
		rc = kh_strbuf_add(out, copied, (size_t)(value - copied));
		if (rc == 0 && !quote)
			rc = kh_strbuf_addch(out, '"');
		if (rc == 0)
			rc = add_tracked(out, base_url, 'c', key, message_id, (uint32_t)links->n);
		if (rc == 0 && !quote)
			rc = kh_strbuf_addch(out, '"');
		copied = p = value + len;
	}
	if (rc == 0)
		rc = kh_strbuf_adds(out, copied);
	if (rc == 0)
		rc = add_pixel(out, body_end == (size_t)-1 ? out->len : body_end, base_url, key,
			       message_id);
	if (rc)
		kh_strbuf_setlen(out, start);
	return rc;
}
