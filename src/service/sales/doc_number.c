/* doc_number.c: document numbers from a pattern (see doc_number.h). */
#include "service/sales/doc_number.h"

#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "base/strbuf.h"
#include "service/settings.h"
#include "store/sales/contracts.h"
#include "base/banned.h"

/* The pattern expanded around its sequence: prefix, the sequence's digits,
 * suffix. */
static int expand(const char *pattern, const char *key, const char *field, struct kh_strbuf *pre,
		  int *digits, struct kh_strbuf *suf, struct kh_error *err)
{
	struct kh_strbuf *to = pre;
	char day[11];
	bool seq = false;

	kh_date_format(kh_today(), day);
	for (const char *p = pattern; *p; p++) {
		const char *end;
		size_t len;

		if (*p != '{') {
			kh_strbuf_addch(to, *p);
			continue;
		}
		end = strchr(p, '}');
		len = end ? (size_t)(end - p - 1) : 0;
		if (end && len == 4 && strncmp(p + 1, "yyyy", 4) == 0)
			kh_strbuf_add(to, day, 4);
		else if (end && len == 6 && strncmp(p + 1, "yyyyMM", 6) == 0)
			kh_strbuf_addf(to, "%.4s%.2s", day, day + 5);
		else if (end && len == 8 && strncmp(p + 1, "yyyyMMdd", 8) == 0)
			kh_strbuf_addf(to, "%.4s%.2s%.2s", day, day + 5, day + 8);
		else if (end && len == 2 && strncmp(p + 1, "MM", 2) == 0)
			kh_strbuf_add(to, day + 5, 2);
		else if (end && len == 2 && strncmp(p + 1, "dd", 2) == 0)
			kh_strbuf_add(to, day + 8, 2);
		else if (end && len == 5 && strncmp(p + 1, "seq:", 4) == 0 && p[5] >= '1' &&
			 p[5] <= '9' && !seq) {
			*digits = p[5] - '0';
			seq = true;
			to = suf;
		} else
			return kh_error_set(err, KH_EINVAL, field, "the setting %s (%.60s) has an "
					    "unknown token: use {yyyy}, {MM}, {dd}, {yyyyMM}, "
					    "{yyyyMMdd} and one {seq:N}", key, pattern);
		p = end;
	}
	if (!seq)
		*digits = 3;
	return 0;
}

int kh_doc_number_next(struct kh_ctx *ctx, const char *table, const char *key,
		       const char *field, char out[KH_DOC_NUMBER_MAX], struct kh_error *err)
{
	struct kh_strbuf pre, suf;
	int64_t max = 0;
	int digits = 3, rc, n;

	kh_strbuf_init(&pre, 0);
	kh_strbuf_init(&suf, 0);
	kh_strbuf_adds(&pre, "");
	kh_strbuf_adds(&suf, "");
	if ((rc = expand(kh_setting_text(ctx, key), key, field, &pre, &digits, &suf, err)))
		goto out;
	/* A day past 10^N - 1 numbers goes on with N + 1 digits, and so on. */
	for (int d = digits; d <= 18; d++) {
		int64_t m = 0;

		if ((rc = kh_store_doc_number_max(ctx->store, table, pre.buf, d, suf.buf, &m, err)))
			goto out;
		if (m > max)
			max = m;
		if (m == 0 && d > digits)
			break;
	}
	n = snprintf(out, KH_DOC_NUMBER_MAX, "%s%0*lld%s", pre.buf, digits, (long long)(max + 1),
		     suf.buf);
	if (n < 0 || n >= KH_DOC_NUMBER_MAX)
		rc = kh_error_set(err, KH_EINVAL, field, "the setting %s makes numbers longer "
				  "than %d bytes", key, KH_DOC_NUMBER_MAX - 1);
out:
	kh_strbuf_release(&pre);
	kh_strbuf_release(&suf);
	return rc;
}

int kh_doc_number_fill(struct kh_ctx *ctx, const char *table, const char *key, json_t *cols,
		       struct kh_error *err)
{
	json_t *given = json_object_get(cols, "number");
	char number[KH_DOC_NUMBER_MAX];
	bool taken = false;
	int rc;

	if (json_is_string(given)) {
		if ((rc = kh_store_doc_number_taken(ctx->store, table, json_string_value(given),
						    &taken, err)))
			return rc;
		if (taken)
			return kh_error_set(err, KH_ECONFLICT, "number", "number %s is taken: give "
					    "another, or none for the next one",
					    json_string_value(given));
		return 0;
	}
	if ((rc = kh_doc_number_next(ctx, table, key, "number", number, err)))
		return rc;
	return json_object_set_new(cols, "number", json_string(number))
		       ? kh_error_set(err, KH_ENOMEM, "number", "out of memory")
		       : 0;
}
