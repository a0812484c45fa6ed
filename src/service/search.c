/*
 * search.c: building search keys and answering searches (see search.h).
 */
#include "service/search.h"

#include <stdlib.h>
#include <string.h>

#include "base/json_write.h"
#include "base/phone.h"
#include "base/pinyin.h"
#include "base/utf8.h"
#include "service/entity.h"
#include "service/permission.h"
#include "store/search_hits.h"
#include "base/banned.h"

#define MAX_KEYS 400

/* Append s[from..] cut to KH_SEARCH_KEY_MAX bytes at a character boundary. */
static void add_key(struct kh_strbuf *keys, size_t *n, const char *s, size_t from, size_t len)
{
	size_t take = len - from;

	if (take == 0 || *n >= MAX_KEYS)
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
	const char *old_ptrs[MAX_KEYS], *new_ptrs[MAX_KEYS], *numbers[4];
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
