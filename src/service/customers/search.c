/*
 * search.c: building search keys and answering searches (see search.h).
 */
#include "service/customers/search.h"

#include <stdlib.h>
#include <string.h>

#include "base/json_write.h"
#include "base/search_key.h"
#include "base/utf8.h"
#include "service/entity.h"
#include "service/permission.h"
#include "store/search_hits.h"
#include "base/banned.h"

static const char *str_or_null(json_t *row, const char *key)
{
	return json_string_value(json_object_get(row, key));
}

/* The keys of a stored row (none for a deleted row or NULL) into keys. */
static int row_keys(json_t *row, int kind, const char *const *phone_cols, size_t nphone_cols,
		    struct kh_strbuf *keys, const char **ptrs, size_t *n)
{
	const char *phones[4] = {NULL, NULL, NULL, NULL}, *p;
	int rc;

	*n = 0;
	if (!row || !json_is_null(json_object_get(row, "deleted_at")))
		return 0;
	for (size_t i = 0; i < nphone_cols && i < 4; i++)
		phones[i] = str_or_null(row, phone_cols[i]);
	rc = kh_search_keys_build(str_or_null(row, "name"), kind == KH_SEARCH_CONTACT, phones,
				  nphone_cols, keys, n);
	if (rc)
		return rc;
	p = keys->buf;
	for (size_t i = 0; i < *n; i++, p += strlen(p) + 1)
		ptrs[i] = p;
	return 0;
}

static int index_object(struct kh_ctx *ctx, int kind, int64_t id, int64_t customer_id,
			int64_t contact_id, json_t *old, json_t *row,
			const char *const *phone_cols, size_t nphone_cols, struct kh_error *err)
{
	struct kh_strbuf old_keys, new_keys;
	const char *old_ptrs[KH_SEARCH_KEYS_MAX], *new_ptrs[KH_SEARCH_KEYS_MAX], *numbers[4];
	char buf[4][32];
	size_t nold = 0, nnew = 0, nnum = 0;
	bool deleted = !json_is_null(json_object_get(row, "deleted_at"));
	int rc;

	for (size_t i = 0; i < nphone_cols && !deleted; i++) {
		const char *p = str_or_null(row, phone_cols[i]);
		size_t len;

		if (!p)
			continue;
		len = strcspn(p, "-");
		if (len >= sizeof(buf[0]))
			len = sizeof(buf[0]) - 1;
		memcpy(buf[nnum], p, len);
		buf[nnum][len] = '\0';
		numbers[nnum] = buf[nnum];
		nnum++;
	}
	kh_strbuf_init(&old_keys, 0);
	kh_strbuf_init(&new_keys, 0);
	rc = row_keys(old, kind, phone_cols, nphone_cols, &old_keys, old_ptrs, &nold);
	if (rc == 0)
		rc = row_keys(row, kind, phone_cols, nphone_cols, &new_keys, new_ptrs, &nnew);
	if (rc)
		rc = kh_error_set(err, rc, "name", "cannot index the name");
	if (rc == 0)
		rc = kh_store_search_replace(ctx->store, kind, id, old_ptrs, nold, new_ptrs, nnew,
					     err);
	if (rc == 0)
		rc = kh_store_phone_replace(ctx->store, customer_id, contact_id, numbers, nnum, err);
	kh_strbuf_release(&old_keys);
	kh_strbuf_release(&new_keys);
	return rc;
}

int kh_search_index_customer(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *row,
			     struct kh_error *err)
{
	static const char *const cols[] = {"phone"};

	return index_object(ctx, KH_SEARCH_CUSTOMER, id, id, 0, old, row, cols, 1, err);
}

int kh_search_index_contact(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *row,
			    struct kh_error *err)
{
	static const char *const cols[] = {"phone", "mobile"};
	int64_t customer_id = json_integer_value(json_object_get(row, "customer_id"));

	return index_object(ctx, KH_SEARCH_CONTACT, id, customer_id, id, old, row, cols, 2, err);
}

/* Does the object's name or phones still match the whole (long) query? */
static bool still_matches(const char *folded_query, const char *name, const char *phone,
			  const char *mobile)
{
	struct kh_strbuf keys;
	const char *phones[2] = {phone, mobile};
	size_t n = 0;
	bool hit = false;

	kh_strbuf_init(&keys, 0);
	if (kh_search_keys_build(name, 0, phones, 2, &keys, &n) == 0) {
		const char *p = keys.buf;

		for (size_t i = 0; i < n && !hit; i++, p += strlen(p) + 1)
			hit = strstr(p, folded_query) != NULL;
	}
	kh_strbuf_release(&keys);
	return hit;
}

static int search_begin(struct kh_ctx *ctx, const char *query, int limit,
			struct kh_strbuf *folded, bool *truncated, size_t *cut,
			struct kh_perm_reach *reach, struct kh_error *err)
{
	int rc;

	if (limit < 1 || limit > KH_SEARCH_LIMIT_MAX)
		return kh_error_set(err, KH_EINVAL, "limit", "limit must be 1..%d",
				    KH_SEARCH_LIMIT_MAX);
	if ((rc = kh_search_query_key(query, folded, truncated, err)))
		return rc;
	*cut = *truncated ? KH_SEARCH_KEY_MAX : folded->len;
	while (*truncated && *cut > 0 && ((unsigned char)folded->buf[*cut] & 0xC0) == 0x80)
		(*cut)--;
	return kh_perm_reach_init(ctx, reach, err);
}

int kh_search(struct kh_ctx *ctx, const char *query, int limit, json_t **out,
	      struct kh_error *err)
{
	struct kh_strbuf folded;
	struct kh_perm_reach reach;
	int kinds[KH_SEARCH_LIMIT_MAX * 2];
	int64_t ids[KH_SEARCH_LIMIT_MAX * 2];
	size_t n = 0, cut;
	json_t *results = NULL;
	bool truncated = false;
	int rc;

	kh_strbuf_init(&folded, 1024);
	if ((rc = search_begin(ctx, query, limit, &folded, &truncated, &cut, &reach, err)))
		goto out;
	{
		char save = folded.buf[cut];

		/* Only a cut query needs spare candidates: some fail the re-check. */
		folded.buf[cut] = '\0';
		rc = kh_store_search_prefix(ctx->store, folded.buf,
					    (int64_t)limit * (truncated ? 2 : 1), &reach.scope,
					    kinds, ids, &n, err);
		folded.buf[cut] = save;
	}
	kh_perm_reach_release(&reach);
	if (rc)
		goto out;
	results = json_array();
	for (size_t i = 0; i < n && json_array_size(results) < (size_t)limit; i++) {
		const struct kh_entity *e = kinds[i] == KH_SEARCH_CUSTOMER ? &kh_customer_entity
									    : &kh_contact_entity;
		json_t *row = NULL, *cust = NULL;
		int64_t customer_id;

		if (kh_store_get(ctx->store, e->table, ids[i], &row, NULL))
			continue;
		customer_id = kinds[i] == KH_SEARCH_CUSTOMER
				      ? ids[i]
				      : json_integer_value(json_object_get(row, "customer_id"));
		if (truncated && !still_matches(folded.buf, str_or_null(row, "name"),
						str_or_null(row, "phone"), str_or_null(row, "mobile"))) {
			json_decref(row);
			continue;
		}
		if (kinds[i] == KH_SEARCH_CONTACT)
			kh_store_get(ctx->store, "customers", customer_id, &cust, NULL);
		json_array_append_new(
			results,
			json_pack("{s:I, s:O, s:s, s:I, s:O}", "id", (json_int_t)ids[i], "name",
				  json_object_get(row, "name"), "type",
				  kinds[i] == KH_SEARCH_CUSTOMER ? "customer" : "contact",
				  "customer_id", (json_int_t)customer_id, "customer_name",
				  json_object_get(cust ? cust : row, "name")));
		json_decref(cust);
		json_decref(row);
	}
	*out = results;
	results = NULL;
out:
	json_decref(results);
	kh_strbuf_release(&folded);
	return rc;
}

static const char *hit_text(const struct kh_strbuf *arena, size_t at)
{
	return at == KH_HIT_NULL ? NULL : arena->buf + at;
}

static int put_text_or_null(struct kh_strbuf *out, const char *s)
{
	return s ? kh_json_put_string(out, s, strlen(s)) : kh_strbuf_adds(out, "null");
}

/* One result as kh_search shows it. */
static int put_hit(struct kh_strbuf *out, const struct kh_search_hit *h,
		   const struct kh_strbuf *arena)
{
	int rc;

	if ((rc = kh_json_put_comma(out)) || (rc = kh_strbuf_adds(out, "{\"id\":")) ||
	    (rc = kh_json_put_int(out, h->id)) || (rc = kh_strbuf_adds(out, ",\"name\":")) ||
	    (rc = put_text_or_null(out, hit_text(arena, h->name))) ||
	    (rc = kh_strbuf_adds(out, h->kind == KH_SEARCH_CUSTOMER ? ",\"type\":\"customer\""
								   : ",\"type\":\"contact\"")) ||
	    (rc = kh_strbuf_adds(out, ",\"customer_id\":")) ||
	    (rc = kh_json_put_int(out, h->customer_id)) ||
	    (rc = kh_strbuf_adds(out, ",\"customer_name\":")) ||
	    (rc = put_text_or_null(out, hit_text(arena, h->customer_name))))
		return rc;
	return kh_strbuf_addch(out, '}');
}

/* The hits that stand (all, or those a cut query still matches) as JSON. */
static int put_hits(struct kh_strbuf *out, const struct kh_search_hit *hits, size_t n,
		    int limit, bool truncated, const char *folded, const struct kh_strbuf *arena)
{
	int rc = kh_strbuf_addch(out, '['), shown = 0;

	for (size_t i = 0; rc == 0 && i < n && shown < limit; i++) {
		if (truncated && !still_matches(folded, hit_text(arena, hits[i].name),
						hit_text(arena, hits[i].phone),
						hit_text(arena, hits[i].mobile)))
			continue;
		rc = put_hit(out, &hits[i], arena);
		shown++;
	}
	return rc ? rc : kh_strbuf_addch(out, ']');
}

int kh_search_json(struct kh_ctx *ctx, const char *query, int limit, struct kh_strbuf *out,
		   struct kh_error *err)
{
	struct kh_strbuf folded, arena;
	struct kh_perm_reach reach;
	struct kh_search_hit hits[KH_SEARCH_LIMIT_MAX * 2];
	size_t n = 0, cut;
	bool truncated = false;
	int rc;

	kh_strbuf_init(&folded, 1024);
	kh_strbuf_init(&arena, 0);
	if ((rc = search_begin(ctx, query, limit, &folded, &truncated, &cut, &reach, err)))
		goto out;
	{
		char save = folded.buf[cut];

		folded.buf[cut] = '\0';
		rc = kh_store_search_hits(ctx->store, folded.buf,
					  (int64_t)limit * (truncated ? 2 : 1), &reach.scope, hits,
					  &n, &arena, err);
		folded.buf[cut] = save;
	}
	kh_perm_reach_release(&reach);
	if (rc == 0 && (rc = put_hits(out, hits, n, limit, truncated, folded.buf, &arena)))
		rc = kh_error_set(err, rc, "", "out of memory");
out:
	kh_strbuf_release(&folded);
	kh_strbuf_release(&arena);
	return rc;
}
