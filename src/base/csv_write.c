/* csv_write.c: CSV fields and records for exports (see csv_write.h). */
#include "base/csv_write.h"

#include <string.h>

#include "base/error.h"
#include "base/banned.h"

bool kh_csv_formula_like(const char *s, size_t len)
{
	return len > 0 && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
			   s[0] == '\t' || s[0] == '\r');
}

static bool needs_quotes(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
			return true;
	return false;
}

int kh_csv_write_field(struct kh_strbuf *sb, bool first, const char *s, size_t len, bool text)
{
	bool guard = text && kh_csv_formula_like(s, len);
	int rc = 0;

	if (!first)
		rc |= kh_strbuf_addch(sb, ',');
	if (!guard && !needs_quotes(s, len))
		return rc | kh_strbuf_add(sb, s, len) ? KH_ENOMEM : 0;
	rc |= kh_strbuf_addch(sb, '"');
	if (guard)
		rc |= kh_strbuf_addch(sb, '\'');
	for (const char *q; len > 0 && (q = memchr(s, '"', len)); len -= (size_t)(q + 1 - s), s = q + 1)
		rc |= kh_strbuf_add(sb, s, (size_t)(q + 1 - s)) | kh_strbuf_addch(sb, '"');
	rc |= kh_strbuf_add(sb, s, len);
	rc |= kh_strbuf_addch(sb, '"');
	return rc ? KH_ENOMEM : 0;
}

int kh_csv_write_eol(struct kh_strbuf *sb)
{
	return kh_strbuf_add(sb, "\r\n", 2) ? KH_ENOMEM : 0;
}
