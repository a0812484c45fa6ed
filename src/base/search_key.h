/*
 * search_key.h: the keys customers and contacts are found by, and the key a
 * search text is looked up by: folded text (case, width, traditional to
 * simplified), every suffix, pinyin in full and by initials, phone digits.
 * Text alone: the index that stores the keys is the store's, the search
 * that reads them the service's.
 */
#ifndef KH_SEARCH_KEY_H
#define KH_SEARCH_KEY_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "base/strbuf.h"

/* Longest key stored; longer queries are cut to it and checked afterwards. */
#define KH_SEARCH_KEY_MAX 48
/* At most this many keys per name and its phones. */
#define KH_SEARCH_KEYS_MAX 400

/* The keys of one name (mode: 0 company, 1 person) and phone numbers (may be
 * NULL) appended to keys as NUL-separated strings; *n receives the count. */
int kh_search_keys_build(const char *name, int person, const char *const *phones,
			 size_t nphones, struct kh_strbuf *keys, size_t *n);

/* The length of the folded company name without its legal form
 * (有限公司, 股份有限公司, ...), or len when it has none. */
size_t kh_search_strip_legal_form(const char *folded, size_t len);

/* The key a search text is looked up by, into key (reset first): folded
 * (case, width, traditional -> simplified), a phone number normalised, the
 * legal form cut. *truncated is set when it is longer than
 * KH_SEARCH_KEY_MAX bytes: only the first KH_SEARCH_KEY_MAX (at a character
 * boundary) are in the index. KH_EINVAL (field "query") for text that is
 * not UTF-8, longer than 200 bytes or empty once folded. */
int kh_search_query_key(const char *query, struct kh_strbuf *key, bool *truncated,
			struct kh_error *err);

#endif
