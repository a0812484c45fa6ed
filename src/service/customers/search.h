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

#include "base/search_key.h"
#include "base/strbuf.h"
#include "service/context.h"

#define KH_SEARCH_LIMIT_MAX 200

/* after_write hooks of the customer and contact entities: replace the
 * object's search keys (those of old, recomputed, by those of row) and its
 * phone index entries. old is NULL on create. */
int kh_search_index_customer(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *row,
			     struct kh_error *err);
int kh_search_index_contact(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *row,
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
