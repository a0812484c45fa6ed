/*
 * dup_keys.h: the duplicate keys table (dup_keys: kind, key, customer_id,
 * contact_id; its primary key leads with kind and key, so a lookup is one
 * index probe): every key of base/dup_key.h that a live customer or one of
 * its contacts holds. The write path replaces an object's keys inside its
 * own transaction; a bulk load rebuilds the table from the rows, the keys
 * computed by the SQL function kh_dup_key(kind, value) that every
 * connection has (see kh_store_dup_key_function), sorted and inserted in
 * order.
 */
#ifndef KH_STORE_DUP_KEYS_H
#define KH_STORE_DUP_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* Every key of the live rows, in key order (the migration that made the
 * table runs it too). */
#define KH_STORE_DUP_KEYS_FILL                                                              \
	"INSERT INTO dup_keys(kind, key, customer_id, contact_id)"                          \
	" SELECT kind, key, customer_id, contact_id FROM ("                                 \
	" SELECT 1 AS kind, kh_dup_key(1, credit_code) AS key, id AS customer_id,"          \
	" 0 AS contact_id FROM customers WHERE deleted_at IS NULL"                          \
	" UNION ALL SELECT 2, kh_dup_key(2, name), id, 0 FROM customers"                    \
	" WHERE deleted_at IS NULL"                                                          \
	" UNION ALL SELECT 3, kh_dup_key(3, phone), id, 0 FROM customers"                   \
	" WHERE deleted_at IS NULL"                                                          \
	" UNION ALL SELECT 4, kh_dup_key(4, email), id, 0 FROM customers"                   \
	" WHERE deleted_at IS NULL"                                                          \
	" UNION ALL SELECT 3, kh_dup_key(3, phone), customer_id, id FROM contacts"          \
	" WHERE deleted_at IS NULL"                                                          \
	" UNION ALL SELECT 3, kh_dup_key(3, mobile), customer_id, id FROM contacts"         \
	" WHERE deleted_at IS NULL"                                                          \
	" UNION ALL SELECT 4, kh_dup_key(4, email), customer_id, id FROM contacts"          \
	" WHERE deleted_at IS NULL)"                                                         \
	" WHERE key IS NOT NULL ORDER BY kind, key, customer_id, contact_id"                \
	" ON CONFLICT DO NOTHING;"

/* Register kh_dup_key(kind, value) on db: base/dup_key.h's kh_dup_key, NULL
 * when the value has no key. Returns an SQLite result code. */
int kh_store_dup_key_function(sqlite3 *db);

/* One key of an object. */
struct kh_store_dup_key {
	int kind;        /* enum kh_dup_kind */
	const char *key; /* borrowed */
};

/* Replace the keys of one object (contact_id 0: the customer's own): delete
 * old[0..nold) (the keys it had, recomputed by the caller), insert
 * keys[0..n). Inside the caller's transaction. */
int kh_store_dup_keys_replace(struct kh_store *st, int64_t customer_id, int64_t contact_id,
			      const struct kh_store_dup_key *old, size_t nold,
			      const struct kh_store_dup_key *keys, size_t n, struct kh_error *err);

/* Empty the table and fill it again from the rows (KH_STORE_DUP_KEYS_FILL),
 * in one write transaction (nested in the caller's, if any). */
int kh_store_dup_keys_rebuild(struct kh_store *st, struct kh_error *err);

/* What may be told about a customer holding a key, whoever asks. */
struct kh_store_dup_holder {
	int64_t id;
	char name[608];      /* 200 characters */
	bool in_pool;
	int64_t owner_id;    /* 0 when nobody owns it */
	char owner[200];     /* the owner's display name (else login), or "" */
	int64_t team_id;     /* the owner's team, else the customer's, or 0 */
};

/* The live customers other than exclude_id holding key (kind, key): up to
 * max into out, by id; *n of them. */
int kh_store_dup_holders(struct kh_store *st, int kind, const char *key, int64_t exclude_id,
			 size_t max, struct kh_store_dup_holder *out, size_t *n,
			 struct kh_error *err);

/* A group of live customers sharing a key. */
struct kh_store_dup_group {
	int kind;
	char key[608];
	int64_t customers; /* how many hold it */
};

/* The groups (keys held by two live customers or more) of which scope
 * (NULL: every group) sees at least one customer, in (kind, key) order:
 * up to limit after offset into out (*n of them) and *total in all. */
int kh_store_dup_groups(struct kh_store *st, const struct kh_scope *scope, int64_t limit,
			int64_t offset, struct kh_store_dup_group *out, size_t *n,
			int64_t *total, struct kh_error *err);

#endif
