/*
 * template.c: placeholders in message templates. One scanner (next_part)
 * serves the check and the rendering, so what is accepted when a template
 * is saved is exactly what renders when it is sent.
 */
#include "base/template.h"

#include <string.h>

#include "base/utf8.h"

/* One placeholder found in a template. */
struct placeholder {
	size_t start, end;      /* bytes of "{{ ... }}" in the text */
	char name[KH_TEMPLATE_NAME_MAX + 1];
	const char *fallback;   /* into the text; fallback_len bytes */
	size_t fallback_len;
	bool has_fallback;
};

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
}

static size_t skip_spaces(const char *s, size_t i, size_t end)
{
	while (i < end && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/* The next placeholder at or after from into *ph; 1 found, 0 none left,
 * KH_EINVAL for a malformed one (err names field and the offset). */
static int next_part(const char *text, size_t from, const char *field,
		     struct placeholder *ph, struct kh_error *err)
{
	const char *open = strstr(text + from, "{{"), *close;
	size_t i, end, name_start, name_end;

	if (!open)
		return 0;
	ph->start = (size_t)(open - text);
	close = strstr(open + 2, "}}");
	if (!close)
		return kh_error_set(err, KH_EINVAL, field, "%s has a {{ without }} at byte %zu",
				    field, ph->start);
	end = (size_t)(close - text);
	ph->end = end + 2;
	if (memchr(open + 2, '{', (size_t)(close - open - 2)) || memchr(open + 2, '\n', (size_t)(close - open - 2)))
		return kh_error_set(err, KH_EINVAL, field, "%s has a {{ without }} at byte %zu",
				    field, ph->start);
	i = name_start = skip_spaces(text, ph->start + 2, end);
	while (i < end && name_char(text[i]))
		i++;
	name_end = i;
	i = skip_spaces(text, i, end);
	if (name_end == name_start || (i < end && text[i] != '|'))
		return kh_error_set(err, KH_EINVAL, field,
				    "%s has a placeholder at byte %zu that is not {{name}} or {{name|fallback}}",
				    field, ph->start);
	if (name_end - name_start > KH_TEMPLATE_NAME_MAX)
		return kh_error_set(err, KH_EINVAL, field,
				    "%s has a placeholder name longer than %d bytes at byte %zu", field,
				    KH_TEMPLATE_NAME_MAX, ph->start);
	memcpy(ph->name, text + name_start, name_end - name_start);
	ph->name[name_end - name_start] = '\0';
	ph->has_fallback = i < end;
	ph->fallback = NULL;
	ph->fallback_len = 0;
	if (ph->has_fallback) {
		size_t f = skip_spaces(text, i + 1, end), fend = end;

		while (fend > f && (text[fend - 1] == ' ' || text[fend - 1] == '\t'))
			fend--;
		if (fend - f > KH_TEMPLATE_FALLBACK_MAX)
			return kh_error_set(err, KH_EINVAL, field,
					    "%s has a fallback longer than %d bytes at byte %zu", field,
					    KH_TEMPLATE_FALLBACK_MAX, ph->start);
		ph->fallback = text + f;
		ph->fallback_len = fend - f;
	}
	return 1;
}

static int check_text(const char *text, const char *field, struct kh_error *err)
{
	size_t len = strlen(text);

	if (len > KH_TEMPLATE_MAX)
		return kh_error_set(err, KH_EINVAL, field, "%s is larger than %u bytes", field,
				    KH_TEMPLATE_MAX);
	if (!kh_utf8_valid(text, len))
		return kh_error_set(err, KH_EINVAL, field, "%s is not valid UTF-8 text (or contains control characters)", field);
	return 0;
}

int kh_template_check(const char *text, const char *const *names, size_t n,
		      const char *field, struct kh_error *err)
{
	struct placeholder ph;
	size_t at = 0;
	int rc;

	if (!text)
		return kh_error_set(err, KH_EINVAL, field, "%s is required", field);
	if ((rc = check_text(text, field, err)))
		return rc;
	while ((rc = next_part(text, at, field, &ph, err)) == 1) {
		size_t i = 0;

		while (i < n && strcmp(names[i], ph.name) != 0)
			i++;
		if (i == n)
			return kh_error_set(err, KH_EINVAL, field,
					    "%s has an unknown placeholder {{%s}} at byte %zu", field,
					    ph.name, ph.start);
		at = ph.end;
	}
	return rc;
}

static int add_escaped(struct kh_strbuf *out, const char *s, size_t len, bool html)
{
	size_t run = 0;
	int rc = 0;

	if (!len) /* an empty fallback is NULL */
		return 0;
	if (!html)
		return kh_strbuf_add(out, s, len);
	for (size_t i = 0; i < len && !rc; i++) {
		const char *entity = NULL;

		switch (s[i]) {
		case '&': entity = "&amp;"; break;
		case '<': entity = "&lt;"; break;
		case '>': entity = "&gt;"; break;
		case '"': entity = "&quot;"; break;
		case '\'': entity = "&#39;"; break;
		default: continue;
		}
		rc = kh_strbuf_add(out, s + run, i - run);
		if (!rc)
			rc = kh_strbuf_adds(out, entity);
		run = i + 1;
	}
	return rc ? rc : kh_strbuf_add(out, s + run, len - run);
}

int kh_template_render(const char *text, bool html, kh_template_value_fn value,
		       void *ctx, struct kh_strbuf *out, struct kh_error *err)
{
	struct placeholder ph;
	size_t at = 0;
	int rc;

	if (!text)
		return kh_error_set(err, KH_EINVAL, "template", "%s is required", "template");
	if ((rc = check_text(text, "template", err)))
		return rc;
	while ((rc = next_part(text, at, "template", &ph, err)) == 1) {
		const char *v = value(ctx, ph.name);

		rc = kh_strbuf_add(out, text + at, ph.start - at);
		if (!rc && v && *v)
			rc = add_escaped(out, v, strlen(v), html);
		else if (!rc)
			rc = add_escaped(out, ph.fallback, ph.fallback_len, html);
		if (rc)
			return rc;
		at = ph.end;
	}
	return rc ? rc : kh_strbuf_adds(out, text + at);
}
