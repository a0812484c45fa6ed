/*
 * duplicates.c: duplicate control (see duplicates.h): the keys of a
 * customer or contact, their upkeep on every write, the refusal of a write
 * that would duplicate a customer, the lookup before a form and the report.
 */
#include "service/customers/duplicates.h"

#include <stdlib.h>
#include <string.h>

#include "base/credit_code.h"
#include "base/phone.h"
#include "service/permission.h"
#include "base/banned.h"

#define CHECK_MATCHES_MAX 20
#define REFUSAL_MATCHES_MAX 10
#define GROUP_MEMBERS_MAX 50
#define REPORT_LIMIT_MAX 500

/* The columns that give a customer's or a contact's keys, with their kind. */
struct key_source {
	const char *column;
	int kind;
};

static const struct key_source customer_sources[] = {
	{"credit_code", KH_DUP_CREDIT_CODE},
	{"name", KH_DUP_NAME},
	{"phone", KH_DUP_PHONE},
	{"email", KH_DUP_EMAIL},
};

static const struct key_source contact_sources[] = {
	{"phone", KH_DUP_PHONE},
	{"mobile", KH_DUP_PHONE},
	{"email", KH_DUP_EMAIL},
};

void kh_dup_keys_init(struct kh_dup_keys *k)
{
	memset(k, 0, sizeof(*k));
	kh_strbuf_init(&k->text, 0);
}

void kh_dup_keys_release(struct kh_dup_keys *k)
{
	if (!k)
		return;
	kh_strbuf_release(&k->text);
	k->n = 0;
}

/* The keys of values from sources, NUL-separated in out->text, then the
 * pointers (the text may move while it grows). */
static int keys_of(json_t *values, const struct key_source *sources, size_t nsources,
		   struct kh_dup_keys *out)
{
	int kinds[KH_DUP_KEYS_MAX];
	size_t n = 0;
	const char *p;
	int rc = 0;

	kh_strbuf_reset(&out->text);
	out->n = 0;
	if (!values || (json_object_get(values, "deleted_at") &&
			!json_is_null(json_object_get(values, "deleted_at"))))
		return 0;
	for (size_t i = 0; i < nsources && n < KH_DUP_KEYS_MAX && rc == 0; i++) {
		size_t start = out->text.len;

		rc = kh_dup_key(sources[i].kind,
				json_string_value(json_object_get(values, sources[i].column)),
				&out->text);
		if (rc == 0 && out->text.len > start) {
			kinds[n++] = sources[i].kind;
			rc = kh_strbuf_addch(&out->text, '\0');
		}
	}
	if (rc)
		return rc;
	p = out->text.buf;
	for (size_t i = 0; i < n; i++, p += strlen(p) + 1) {
		out->keys[i].kind = kinds[i];
		out->keys[i].key = p;
	}
	out->n = n;
	return 0;
}

int kh_duplicates_customer_keys(json_t *values, struct kh_dup_keys *out)
{
	return keys_of(values, customer_sources, 4, out);
}

int kh_duplicates_contact_keys(json_t *values, struct kh_dup_keys *out)
{
	return keys_of(values, contact_sources, 3, out);
}

static int reindex(struct kh_ctx *ctx, int64_t customer_id, int64_t contact_id, json_t *old,
		   json_t *row, int (*keys)(json_t *, struct kh_dup_keys *),
		   struct kh_error *err)
{
	struct kh_dup_keys was, now;
	int rc;

	kh_dup_keys_init(&was);
	kh_dup_keys_init(&now);
	rc = keys(old, &was);
	if (rc == 0)
		rc = keys(row, &now);
	if (rc)
		rc = kh_error_set(err, rc, "", "out of memory");
	else
		rc = kh_store_dup_keys_replace(ctx->store, customer_id, contact_id, was.keys, was.n,
					       now.keys, now.n, err);
	kh_dup_keys_release(&was);
	kh_dup_keys_release(&now);
	return rc;
}

int kh_duplicates_index_customer(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *row,
				 struct kh_error *err)
{
	return reindex(ctx, id, 0, old, row, kh_duplicates_customer_keys, err);
}

int kh_duplicates_index_contact(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *row,
				struct kh_error *err)
{
	int64_t customer_id = json_integer_value(json_object_get(row, "customer_id"));

	return reindex(ctx, customer_id, id, old, row, kh_duplicates_contact_keys, err);
}

/* The facts of a holder anyone may be told (see duplicates.h). */
static json_t *holder_json(struct kh_ctx *ctx, const struct kh_perm_reach *reach,
			   const char *field, const struct kh_store_dup_holder *h)
{
	bool other_team = h->team_id && ctx->actor.team_id && h->owner_id != ctx->actor.user_id &&
			  !kh_perm_reach_has_team(reach, h->team_id);
	json_t *o = json_pack("{s:I, s:s, s:b, s:b}", "id", (json_int_t)h->id, "name", h->name,
			      "in_pool", h->in_pool, "other_team", other_team);

	if (!o)
		return NULL;
	json_object_set_new(o, "owner", h->owner_id && h->owner[0] ? json_string(h->owner)
								    : json_null());
	if (field)
		json_object_set_new(o, "field", json_string(field));
	return o;
}

/* Append the holders of key (other than exclude_id) to matches, each with
 * field when it is not NULL; at most max. */
static int add_holders(struct kh_ctx *ctx, const struct kh_perm_reach *reach,
		       const struct kh_store_dup_key *key, int64_t exclude_id, size_t max,
		       const char *field, json_t *matches, struct kh_error *err)
{
	struct kh_store_dup_holder holders[GROUP_MEMBERS_MAX];
	size_t n = 0;
	int rc;

	if (max > GROUP_MEMBERS_MAX)
		max = GROUP_MEMBERS_MAX;
	rc = kh_store_dup_holders(ctx->store, key->kind, key->key, exclude_id, max, holders, &n,
				  err);
	for (size_t i = 0; i < n && rc == 0; i++)
		if (json_array_append_new(matches, holder_json(ctx, reach, field, &holders[i])))
			rc = kh_error_set(err, KH_ENOMEM, "", "out of memory");
	return rc;
}

/* The values the customer will have: cols over old. */
static json_t *values_after(json_t *old, json_t *cols)
{
	json_t *v = json_object();

	for (size_t i = 0; i < 4; i++) {
		const char *c = customer_sources[i].column;
		json_t *x = json_object_get(cols, c);

		if (!x && old)
			x = json_object_get(old, c);
		if (x)
			json_object_set(v, c, x);
	}
	return v;
}

/* Is the key of kind among the keys that the stored row already has? */
static bool had_key(const struct kh_dup_keys *was, const struct kh_store_dup_key *k)
{
	for (size_t i = 0; i < was->n; i++)
		if (was->keys[i].kind == k->kind && strcmp(was->keys[i].key, k->key) == 0)
			return true;
	return false;
}

static int refuse(struct kh_ctx *ctx, json_t *matches, struct kh_error *err)
{
	json_t *first = json_array_get(matches, 0);
	const char *field = json_string_value(json_object_get(first, "field"));
	const char *owner = json_string_value(json_object_get(first, "owner"));
	bool pool = json_is_true(json_object_get(first, "in_pool"));

	json_decref(ctx->error_detail);
	ctx->error_detail = json_pack("{s:O, s:O}", "duplicate", first, "matches", matches);
	return kh_error_set(err, KH_EDUPLICATE, field,
			    "%s: customer %lld (%s) has the same %s already (%s%s); a manager "
			    "can force it", field,
			    (long long)json_integer_value(json_object_get(first, "id")),
			    json_string_value(json_object_get(first, "name")), field,
			    pool ? "in the public pool" : owner ? "owner " : "no owner",
			    !pool && owner ? owner : "");
}

static int may_force(struct kh_ctx *ctx, struct kh_error *err)
{
	if (ctx->actor.role == KH_ROLE_SALES)
		return kh_error_set(err, KH_EPERM, "force", "force: only a manager or an admin "
				    "may create or keep a duplicate customer");
	return 0;
}

int kh_duplicates_check_customer(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *cols,
				 struct kh_error *err)
{
	struct kh_dup_keys was, now;
	struct kh_perm_reach reach;
	json_t *values, *matches = NULL;
	int rc;

	if (ctx->force_duplicates)
		return may_force(ctx, err);
	kh_dup_keys_init(&was);
	kh_dup_keys_init(&now);
	values = values_after(old, cols);
	rc = kh_duplicates_customer_keys(old, &was);
	if (rc == 0)
		rc = kh_duplicates_customer_keys(values, &now);
	if (rc) {
		rc = kh_error_set(err, rc, "", "out of memory");
		goto out;
	}
	if ((rc = kh_perm_reach_init(ctx, &reach, err)))
		goto out;
	matches = json_array();
	for (size_t i = 0; i < now.n && rc == 0; i++)
		if (!had_key(&was, &now.keys[i]))
			rc = add_holders(ctx, &reach, &now.keys[i], id,
					 REFUSAL_MATCHES_MAX - json_array_size(matches),
					 kh_dup_kind_field(now.keys[i].kind), matches, err);
	kh_perm_reach_release(&reach);
	if (rc == 0 && json_array_size(matches))
		rc = refuse(ctx, matches, err);
out:
	json_decref(matches);
	json_decref(values);
	kh_dup_keys_release(&was);
	kh_dup_keys_release(&now);
	return rc;
}

int kh_duplicates_take_force(struct kh_ctx *ctx, json_t *input, struct kh_error *err)
{
	json_t *v = json_object_get(input, "force");

	if (!v)
		return 0;
	if (!json_is_boolean(v))
		return kh_error_set(err, KH_EINVAL, "force", "force must be true or false");
	ctx->force_duplicates = json_is_true(v);
	json_object_del(input, "force");
	return 0;
}

/* A query value as the key of its kind, checked: *key is "" when the value
 * gives none (a name of punctuation only). */
static int query_key(int kind, const char *value, struct kh_strbuf *key, struct kh_error *err)
{
	const char *field = kh_dup_kind_field(kind);
	char code[KH_CREDIT_CODE_LEN + 1];
	struct kh_phone ph;
	int rc;

	if (kind == KH_DUP_CREDIT_CODE && (rc = kh_credit_code_normalize(value, code, field, err)))
		return rc;
	if (kind == KH_DUP_PHONE && (rc = kh_phone_normalize(value, &ph, field, err)))
		return rc;
	if (kind == KH_DUP_NAME && kh_dup_name_key(value, key) == KH_EINVAL)
		return kh_error_set(err, KH_EINVAL, field, "%s is not valid UTF-8 text", field);
	if (kind != KH_DUP_NAME && (rc = kh_dup_key(kind, value, key)))
		return kh_error_set(err, rc, field, "out of memory");
	return 0;
}

int kh_duplicates_check(struct kh_ctx *ctx, json_t *query, json_t **out,
			struct kh_error *err)
{
	static const int kinds[] = {KH_DUP_CREDIT_CODE, KH_DUP_NAME, KH_DUP_PHONE, KH_DUP_EMAIL};
	struct kh_perm_reach reach;
	struct kh_strbuf key;
	json_t *matches;
	size_t given = 0;
	int rc;

	if ((rc = kh_perm_reach_init(ctx, &reach, err)))
		return rc;
	kh_strbuf_init(&key, 0);
	matches = json_array();
	for (size_t i = 0; i < 4 && rc == 0; i++) {
		const char *field = kh_dup_kind_field(kinds[i]);
		const char *value = json_string_value(json_object_get(query, field));
		struct kh_store_dup_key k = {kinds[i], NULL};

		if (!value || !*value)
			continue;
		given++;
		kh_strbuf_reset(&key);
		if ((rc = query_key(kinds[i], value, &key, err)) || key.len == 0)
			continue;
		k.key = key.buf;
		rc = add_holders(ctx, &reach, &k, 0, CHECK_MATCHES_MAX, field, matches, err);
	}
	if (rc == 0 && given == 0)
		rc = kh_error_set(err, KH_EINVAL, "name", "give at least one of name, phone, email "
				  "or credit_code");
	kh_strbuf_release(&key);
	kh_perm_reach_release(&reach);
	if (rc == 0)
		*out = json_pack("{s:o}", "matches", matches);
	else
		json_decref(matches);
	return rc;
}

static int group_json(struct kh_ctx *ctx, const struct kh_perm_reach *reach,
		      const struct kh_store_dup_group *g, json_t *groups, struct kh_error *err)
{
	struct kh_store_dup_key k = {g->kind, g->key};
	json_t *members = json_array();
	int rc = add_holders(ctx, reach, &k, 0, GROUP_MEMBERS_MAX, NULL, members, err);

	if (rc == 0 && json_array_append_new(groups, json_pack("{s:s, s:s, s:I, s:o}", "field",
				kh_dup_kind_field(g->kind), "key", g->key, "count",
				(json_int_t)g->customers, "customers", members)))
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	if (rc)
		json_decref(members);
	return rc;
}

int kh_duplicates_report(struct kh_ctx *ctx, int64_t limit, int64_t offset, json_t **out,
			 struct kh_error *err)
{
	const struct kh_scope *scope = NULL;
	struct kh_store_dup_group *page = NULL;
	struct kh_perm_reach reach;
	json_t *groups;
	int64_t total = 0;
	size_t n = 0;
	int rc;

	if (ctx->actor.role == KH_ROLE_SALES)
		return kh_error_set(err, KH_EPERM, "", "the duplicate report is for managers and "
				    "admins");
	if (limit < 1 || limit > REPORT_LIMIT_MAX)
		return kh_error_set(err, KH_EINVAL, "limit", "limit must be 1..%d",
				    REPORT_LIMIT_MAX);
	if (offset < 0)
		return kh_error_set(err, KH_EINVAL, "offset", "offset must be 0 or more");
	if ((rc = kh_perm_list_scope(ctx, "customers", &reach, &scope, err)))
		return rc;
	groups = json_array();
	page = calloc((size_t)limit, sizeof(*page));
	rc = page ? kh_store_dup_groups(ctx->store, scope, limit, offset, page, &n, &total, err)
		  : kh_error_set(err, KH_ENOMEM, "", "out of memory");
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = group_json(ctx, &reach, &page[i], groups, err);
	free(page);
	kh_perm_reach_release(&reach);
	if (rc) {
		json_decref(groups);
		return rc;
	}
	*out = json_pack("{s:o, s:I, s:I, s:I}", "groups", groups, "total", (json_int_t)total,
			 "limit", (json_int_t)limit, "offset", (json_int_t)offset);
	return 0;
}

int kh_duplicates_rebuild(struct kh_ctx *ctx, struct kh_error *err)
{
	int rc = kh_perm_entity(ctx, "customer", true, err);

	if (rc == 0 && ctx->actor.role != KH_ROLE_SYSTEM && ctx->actor.role != KH_ROLE_ADMIN)
		rc = kh_error_set(err, KH_EPERM, "", "only an admin may rebuild the duplicate keys");
	return rc ? rc : kh_store_dup_keys_rebuild(ctx->store, err);
}
