/*
 * duplicates.h: duplicate control (查重). A customer is the same company as
 * another when they share a key of base/dup_key.h: the credit code, the
 * normalised name, a phone number (the customer's or one of its contacts')
 * or an email address. The keys live in the store's dup_keys table, kept by
 * the customer and contact hooks inside each write's transaction.
 *
 * What anyone may learn about the customer holding a key, even one they may
 * not open (how 撞单 is resolved): its id, name, owner's display name,
 * whether it is in the public pool and whether it belongs to another team
 * (its owner's team, else its own, is neither the caller's team nor one
 * below it; never for a caller without a team). Nothing more.
 */
#ifndef KH_DUPLICATES_H
#define KH_DUPLICATES_H

#include <jansson.h>
#include <stddef.h>

#include "base/dup_key.h"
#include "base/strbuf.h"
#include "service/context.h"
#include "store/customers/dup_keys.h"

/* A customer has at most four keys of its own; a contact three. */
#define KH_DUP_KEYS_MAX 4

/* The keys of one customer or contact; keys[i].key points into text. */
struct kh_dup_keys {
	struct kh_strbuf text;
	struct kh_store_dup_key keys[KH_DUP_KEYS_MAX];
	size_t n;
};

void kh_dup_keys_init(struct kh_dup_keys *k);
void kh_dup_keys_release(struct kh_dup_keys *k);

/* The keys of a customer from its values, given as an object with any of
 * the members "name", "phone", "email", "credit_code" (stored values or API
 * input: a phone is normalised, a credit code upper-cased; values that are
 * not valid give no key). A row with a non-null "deleted_at" has none. Use
 * it to key rows before a bulk write. 0 or KH_ENOMEM. */
int kh_duplicates_customer_keys(json_t *values, struct kh_dup_keys *out);
/* The same for a contact: "phone", "mobile", "email". */
int kh_duplicates_contact_keys(json_t *values, struct kh_dup_keys *out);

/* after_write hooks of the customer and contact entities (fields.c): replace
 * the object's keys (those of old, recomputed, by those of row; old is NULL
 * on create). A deleted row has no keys. */
int kh_duplicates_index_customer(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *row,
				 struct kh_error *err);
int kh_duplicates_index_contact(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *row,
				struct kh_error *err);

/* check_write hook of the customer entity: before customer id (0 on create;
 * old its stored row, NULL on create) is written with cols, refuse a key
 * that another live customer holds: KH_EDUPLICATE naming the field, with the
 * first holder in the message and every holder (the facts above) in
 * ctx->error_detail as {"duplicate": {...}, "matches": [...]}. Only keys of
 * fields the write changes are checked on update, so a record already
 * sharing a key with another stays editable. With ctx->force_duplicates, a
 * manager or admin (or the local operator) writes anyway; a sales rep's
 * force is KH_EPERM naming "force". */
int kh_duplicates_check_customer(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *cols,
				 struct kh_error *err);

/* Take a "force" member (true or false) out of input into
 * ctx->force_duplicates. KH_EINVAL naming "force" if it is not a boolean. */
int kh_duplicates_take_force(struct kh_ctx *ctx, json_t *input, struct kh_error *err);

/* The lookup before a form is typed: query holds any of "name", "phone",
 * "email", "credit_code" (strings); *out is {"matches": [{"field", "id",
 * "name", "owner", "in_pool", "other_team"}]}, one entry per key and
 * customer, at most 20 per key. Any logged-in user may ask. KH_EINVAL naming
 * the field for a phone or credit code that is not one, or when nothing is
 * given. */
int kh_duplicates_check(struct kh_ctx *ctx, json_t *query, json_t **out,
			struct kh_error *err);

/* The duplicate report: the groups of live customers sharing a key, in
 * (field, key) order, limit (1..500) after offset, as {"groups": [{"field",
 * "key", "count", "customers": [facts, at most 50]}], "total", "limit",
 * "offset"}. Admins and managers (and the local operator) only, KH_EPERM
 * otherwise; a manager gets the groups of which their data scope sees at
 * least one customer, and the facts of all its customers. */
int kh_duplicates_report(struct kh_ctx *ctx, int64_t limit, int64_t offset, json_t **out,
			 struct kh_error *err);

/* Compute every key afresh from the rows (store: sorted, inserted in
 * order), in one transaction: after a bulk load (kehu demo, an import)
 * that wrote rows without the hooks. */
int kh_duplicates_rebuild(struct kh_ctx *ctx, struct kh_error *err);

#endif
