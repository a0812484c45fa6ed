/*
 * search.h: finding customers and contacts by what a person remembers: part
 * of the name (Chinese or Latin, simplified or traditional), its pinyin in
 * full or as initials, or some digits of a phone number. Keys are kept in
 * the search_keys table: every suffix of the folded name, the pinyin from
 * each syllable on, the initials from each letter on, and phone suffixes,
 * so any substring is a prefix of some key and a search is one range scan
 * of an index.
 */
#ifndef KH_SEARCH_H
#define KH_SEARCH_H

#include <jansson.h>
#include <stdbool.h>

#include "base/strbuf.h"
#include "service/context.h"

/* Longest key stored; longer queries are cut to it and checked afterwards. */
#define KH_SEARCH_KEY_MAX 48
#define KH_SEARCH_LIMIT_MAX 200

/* after_write hooks of the customer and contact entities: replace the
 * object's search keys (those of old, recomputed, by those of row) and its
 * phone index entries. old is NULL on create. */
int kh_search_index_customer(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *row,
			     struct kh_error *err);
int kh_search_index_contact(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *row,
			    struct kh_error *err);

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

/* Search customers and contacts the actor may see: a JSON array, best
 * matches first, of {"id", "name", "type": "customer"|"contact",
 * "customer_id", "customer_name"} with at most limit entries. */
int kh_search(struct kh_ctx *ctx, const char *query, int limit, json_t **out,
	      struct kh_error *err);

/* kh_search's answer as JSON text appended to out: the hot path of
 * /search, with the names read in the statement that finds the hits
 * (store/search_hits.h) instead of two full rows per hit. */
int kh_search_json(struct kh_ctx *ctx, const char *query, int limit, struct kh_strbuf *out,
		   struct kh_error *err);

#endif
