/* search_key.c: building search keys (see search_key.h). */
#include "base/search_key.h"

#include <string.h>

#include "base/phone.h"
#include "base/pinyin.h"
#include "base/utf8.h"
#include "base/banned.h"

/* Append s[from..] cut to KH_SEARCH_KEY_MAX bytes at a character boundary. */
static void add_key(struct kh_strbuf *keys, size_t *n, const char *s, size_t from, size_t len)
{
	size_t take = len - from;

	if (take == 0 || *n >= KH_SEARCH_KEYS_MAX)
		return;
	if (take > KH_SEARCH_KEY_MAX) {
		take = KH_SEARCH_KEY_MAX;
		while (take > 0 && ((unsigned char)s[from + take] & 0xC0) == 0x80)
			take--;
	}
	kh_strbuf_add(keys, s + from, take);
	kh_strbuf_addch(keys, '\0');
	(*n)++;
}

/* Legal forms at the end of company names: every company has one, so keys
 * starting inside them find everybody and only cost space. They are cut
 * from names before suffix keys are made, and from queries alike. */
static const char *const legal_forms[] = {
	"股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "集团公司", "集团", "公司",
};

size_t kh_search_strip_legal_form(const char *folded, size_t len)
{
	for (size_t i = 0; i < sizeof(legal_forms) / sizeof(legal_forms[0]); i++) {
		size_t l = strlen(legal_forms[i]);

		if (len > l && memcmp(folded + len - l, legal_forms[i], l) == 0)
			return len - l;
	}
	return len;
}

int kh_search_keys_build(const char *name, int person, const char *const *phones,
			 size_t nphones, struct kh_strbuf *keys, size_t *n)
{
	struct kh_strbuf folded, full, initials;
	uint16_t starts[128];
	size_t nstarts = 0, pos;
	int rc;

	*n = 0;
	kh_strbuf_init(&folded, 4096);
	kh_strbuf_init(&full, 4096);
	kh_strbuf_init(&initials, 4096);
	/* A name missing from a damaged row indexes as an empty one. */
	rc = kh_text_fold(name ? name : "", &folded);
	if (rc)
		goto out;
	if (!person) {
		size_t core = kh_search_strip_legal_form(folded.buf, folded.len);

		if (core < folded.len) {
			add_key(keys, n, folded.buf, 0, folded.len);
			kh_strbuf_setlen(&folded, core);
		}
	}
	/* Every suffix of the folded name, starting at each character. */
	for (pos = 0; pos < folded.len;) {
		add_key(keys, n, folded.buf, pos, folded.len);
		pos++;
		while (pos < folded.len && ((unsigned char)folded.buf[pos] & 0xC0) == 0x80)
			pos++;
	}
	rc = kh_pinyin_keys(folded.buf, person ? KH_PINYIN_PERSON : KH_PINYIN_PLAIN, &full, &initials,
			    starts, sizeof(starts) / sizeof(starts[0]), &nstarts);
	if (rc)
		goto out;
	/* Pinyin from each syllable on; skipped when it equals the name (Latin). */
	if (strcmp(full.buf, folded.buf) != 0)
		for (size_t i = 0; i < nstarts; i++)
			add_key(keys, n, full.buf, starts[i], full.len);
	if (initials.len > 1 && strcmp(initials.buf, folded.buf) != 0)
		for (pos = 0; pos < initials.len; pos++)
			add_key(keys, n, initials.buf, pos, initials.len);
	/* Phone suffixes from 4 digits up, so "5678" finds ...5678. */
	for (size_t i = 0; i < nphones; i++) {
		const char *p = phones[i];
		size_t len;

		if (!p)
			continue;
		len = strcspn(p, "-");
		for (pos = 0; pos + 4 <= len; pos++)
			add_key(keys, n, p, pos, len);
	}
out:
	kh_strbuf_release(&folded);
	kh_strbuf_release(&full);
	kh_strbuf_release(&initials);
	return rc;
}

int kh_search_query_key(const char *query, struct kh_strbuf *key, bool *truncated,
			struct kh_error *err)
{
	int rc;

	*truncated = false;
	if (!query || !kh_utf8_valid(query, strlen(query)))
		return kh_error_set(err, KH_EINVAL, "query", "the search text is not valid UTF-8");
	if (strlen(query) > 200)
		return kh_error_set(err, KH_EINVAL, "query", "the search text is longer than 200 bytes");
	kh_strbuf_reset(key);
	rc = kh_text_fold(query, key);
	if (rc == 0 && key->len == 0)
		rc = kh_error_set(err, KH_EINVAL, "query", "type a name, pinyin or phone digits");
	if (rc)
		return rc;
	{
		/* "+86 138-1234" searches digits as typed; a phone-like query is
		 * normalised so 0086 and +86 prefixes do not hide a match. */
		struct kh_phone ph;

		if (kh_phone_normalize(query, &ph, "query", NULL) == 0) {
			kh_strbuf_reset(key);
			kh_strbuf_adds(key, ph.number);
		}
	}
	kh_strbuf_setlen(key, kh_search_strip_legal_form(key->buf, key->len));
	*truncated = key->len > KH_SEARCH_KEY_MAX;
	return 0;
}

/* What both searches start with: the limit checked, the query's key into
 * folded (cut at *cut to the indexed length when *truncated), the reach
 * worked out (release it on success). */
