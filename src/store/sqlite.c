/*
 * sqlite.c: the SQLite connection behind struct kh_store: opening with the
 * pragmas kehu relies on (WAL, foreign keys, synchronous=NORMAL is not enough
 * for "nothing acknowledged is lost", so FULL), the migrations, transactions
 * and a cache of prepared statements keyed by their SQL text.
 */
#include "store/store.h"
#include "store/schema.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

struct stmt_slot {
	char *sql;
	sqlite3_stmt *stmt;
};

/* A statement of SQL built at run time, with its last use for the LRU. */
struct dyn_slot {
	char *sql;
	uint64_t hash;
	uint64_t last_use;
	sqlite3_stmt *stmt;
};

struct kh_store {
	sqlite3 *db;
	struct stmt_slot *slots; /* open addressing, size a power of two */
	size_t nslots;
	size_t used;
	/* SQL built at run time (list filters in any order, column sets) has
	 * no bound on its distinct texts, so it gets a fixed LRU of its own. */
	struct dyn_slot dyn[KH_STORE_DYN_SLOTS];
	uint64_t dyn_clock;
	int tx_depth;
};

static uint64_t hash_sql(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

int kh_store_fail(struct kh_store *st, struct kh_error *err)
{
	const char *msg = st && st->db ? sqlite3_errmsg(st->db) : "no database";
	int rc = st && st->db ? sqlite3_extended_errcode(st->db) : SQLITE_ERROR;

	if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
		return kh_error_set(err, KH_EINVAL, "", "refers to an object that does not exist");
	if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
		return kh_error_set(err, KH_ECONFLICT, "", "already exists (%s)", msg);
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return kh_error_set(err, KH_EDB, "", "the database is busy, try again");
	return kh_error_set(err, KH_EDB, "", "database error: %s", msg);
}

static int exec(struct kh_store *st, const char *sql, struct kh_error *err)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		kh_error_set(err, KH_EDB, "", "database error: %s", msg ? msg : "?");
		sqlite3_free(msg);
		return KH_EDB;
	}
	return 0;
}

static int user_version(struct kh_store *st)
{
	sqlite3_stmt *s = NULL;
	int v = -1;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* The version check of an opener: newer than this binary is an error. */
static int check_not_newer(struct kh_store *st, int v, struct kh_error *err)
{
	if (v < 0)
		return kh_store_fail(st, err);
	if (v > kh_schema_count())
		return kh_error_set(err, KH_EDB, "", "the database is at schema version %d, newer "
				    "than this kehu (%d): upgrade kehu", v, kh_schema_count());
	return 0;
}

/* Brings the schema up to date in one write transaction. The version that
 * counts is the one read inside it: any number of processes may open a new
 * or old file at once, and whoever waited for the lock finds the work done. */
static int migrate(struct kh_store *st, struct kh_error *err)
{
	int v = user_version(st), rc;
	char pragma[64];

	if ((rc = check_not_newer(st, v, err)) || v == kh_schema_count())
		return rc;
	if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return kh_store_fail(st, err);
	v = user_version(st);
	if ((rc = check_not_newer(st, v, err)))
		goto fail;
	for (; v < kh_schema_count(); v++) {
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", v + 1);
		if ((rc = exec(st, kh_schema_migration(v + 1), err)) ||
		    (rc = exec(st, pragma, err)))
			goto fail;
	}
	if ((rc = exec(st, "COMMIT", err)))
		goto fail;
	return 0;
fail:
	exec(st, "ROLLBACK", NULL);
	return rc;
}

int kh_store_open(const char *path, struct kh_store **out, struct kh_error *err)
{
	struct kh_store *st = calloc(1, sizeof(*st));
	int rc = KH_ENOMEM;

	if (!st)
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	st->nslots = 128;
	st->slots = calloc(st->nslots, sizeof(*st->slots));
	if (!st->slots)
		goto out;
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
			    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		rc = kh_error_set(err, KH_EIO, "db", "cannot open database %s: %s", path,
				  st->db ? sqlite3_errmsg(st->db) : "out of memory");
		goto out;
	}
	sqlite3_busy_timeout(st->db, 5000);
	sqlite3_extended_result_codes(st->db, 1);
	rc = exec(st, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
		      " PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"
		      " PRAGMA cache_size=-65536; PRAGMA mmap_size=268435456", err);
	if (rc)
		goto out;
	rc = migrate(st, err);
	if (rc)
		goto out;
	*out = st;
	return 0;
out:
	kh_store_free(st);
	return rc;
}

void kh_store_free(struct kh_store *st)
{
	size_t i;

	if (!st)
		return;
	for (i = 0; i < st->nslots; i++) {
		if (st->slots[i].sql) {
			sqlite3_finalize(st->slots[i].stmt);
			free(st->slots[i].sql);
		}
	}
	free(st->slots);
	for (i = 0; i < KH_STORE_DYN_SLOTS; i++) {
		sqlite3_finalize(st->dyn[i].stmt);
		free(st->dyn[i].sql);
	}
	sqlite3_close(st->db);
	free(st);
}

int kh_store_schema_version(struct kh_store *st)
{
	return user_version(st);
}

int kh_store_latest_version(void)
{
	return kh_schema_count();
}

void kh_store_set_cache_mib(struct kh_store *st, int mib)
{
	char pragma[64];

	snprintf(pragma, sizeof(pragma), "PRAGMA cache_size = %d", -1024 * mib);
	exec(st, pragma, NULL);
}

int kh_store_begin(struct kh_store *st, struct kh_error *err)
{
	if (st->tx_depth++ > 0)
		return 0;
	if (exec(st, "BEGIN IMMEDIATE", err)) {
		st->tx_depth = 0;
		return KH_EDB;
	}
	return 0;
}

int kh_store_begin_read(struct kh_store *st, struct kh_error *err)
{
	if (st->tx_depth++ > 0)
		return 0;
	if (exec(st, "BEGIN DEFERRED", err)) {
		st->tx_depth = 0;
		return KH_EDB;
	}
	return 0;
}

int kh_store_commit(struct kh_store *st, struct kh_error *err)
{
	if (st->tx_depth == 0)
		return 0;
	if (--st->tx_depth > 0)
		return 0;
	if (exec(st, "COMMIT", err)) {
		exec(st, "ROLLBACK", NULL);
		return KH_EDB;
	}
	return 0;
}

void kh_store_rollback(struct kh_store *st)
{
	if (st->tx_depth == 0)
		return;
	st->tx_depth = 0;
	exec(st, "ROLLBACK", NULL);
}

static int cache_grow(struct kh_store *st)
{
	size_t n = st->nslots * 2, i, j;
	struct stmt_slot *slots = calloc(n, sizeof(*slots));

	if (!slots)
		return KH_ENOMEM;
	for (i = 0; i < st->nslots; i++) {
		if (!st->slots[i].sql)
			continue;
		for (j = hash_sql(st->slots[i].sql) & (n - 1); slots[j].sql; j = (j + 1) & (n - 1))
			;
		slots[j] = st->slots[i];
	}
	free(st->slots);
	st->slots = slots;
	st->nslots = n;
	return 0;
}

/* A new statement for sql and a copy of sql (*key) to keep it by. */
static sqlite3_stmt *prepare_keyed(struct kh_store *st, const char *sql, char **key,
				   struct kh_error *err)
{
	sqlite3_stmt *s = NULL;

	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK) {
		kh_store_fail(st, err);
		return NULL;
	}
	if (!(*key = strdup(sql))) {
		sqlite3_finalize(s);
		kh_error_set(err, KH_ENOMEM, "", "out of memory");
		return NULL;
	}
	return s;
}

sqlite3_stmt *kh_store_stmt(struct kh_store *st, const char *sql, struct kh_error *err)
{
	size_t i;
	sqlite3_stmt *s = NULL;
	char *copy;

	for (i = hash_sql(sql) & (st->nslots - 1); st->slots[i].sql; i = (i + 1) & (st->nslots - 1)) {
		if (strcmp(st->slots[i].sql, sql) == 0) {
			s = st->slots[i].stmt;
			sqlite3_reset(s);
			sqlite3_clear_bindings(s);
			return s;
		}
	}
	if (!(s = prepare_keyed(st, sql, &copy, err)))
		return NULL;
	st->slots[i].sql = copy;
	st->slots[i].stmt = s;
	if (++st->used * 2 > st->nslots)
		cache_grow(st);
	return s;
}

/* The slot holding sql, or NULL. */
static struct dyn_slot *dyn_find(struct kh_store *st, const char *sql, uint64_t hash)
{
	for (size_t i = 0; i < KH_STORE_DYN_SLOTS; i++)
		if (st->dyn[i].sql && st->dyn[i].hash == hash && strcmp(st->dyn[i].sql, sql) == 0)
			return &st->dyn[i];
	return NULL;
}

/* An empty slot, else the least recently used one, emptied. */
static struct dyn_slot *dyn_victim(struct kh_store *st)
{
	struct dyn_slot *v = &st->dyn[0];

	for (size_t i = 0; i < KH_STORE_DYN_SLOTS && v->sql; i++)
		if (!st->dyn[i].sql || st->dyn[i].last_use < v->last_use)
			v = &st->dyn[i];
	sqlite3_finalize(v->stmt);
	free(v->sql);
	memset(v, 0, sizeof(*v));
	return v;
}

sqlite3_stmt *kh_store_stmt_dyn(struct kh_store *st, const char *sql, struct kh_error *err)
{
	uint64_t hash = hash_sql(sql);
	struct dyn_slot *slot = dyn_find(st, sql, hash);
	sqlite3_stmt *s = NULL;
	char *copy;

	if (slot) {
		slot->last_use = ++st->dyn_clock;
		sqlite3_reset(slot->stmt);
		sqlite3_clear_bindings(slot->stmt);
		return slot->stmt;
	}
	if (!(s = prepare_keyed(st, sql, &copy, err)))
		return NULL;
	slot = dyn_victim(st);
	slot->sql = copy;
	slot->hash = hash;
	slot->stmt = s;
	slot->last_use = ++st->dyn_clock;
	return s;
}
