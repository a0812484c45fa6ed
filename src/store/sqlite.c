/*
 * sqlite.c: the SQLite connection behind struct kh_store: opening with the
 * pragmas kehu relies on (WAL, foreign keys, synchronous=NORMAL is not enough
 * for "nothing acknowledged is lost", so FULL), the migrations, read-only
 * opens, transactions and the caches of prepared statements keyed by their
 * SQL text (every fixed text; a bounded LRU of the texts built at run time).
 */
#include "store/store.h"
#include "store/sql.h"
#include "store/schema.h"
#include "store/counts.h"
#include "store/customers/dup_keys.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/strbuf.h"

#include "base/banned.h"

/* How long a connection waits for another's lock before "busy". */
#define BUSY_TIMEOUT_MS 5000

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
	int savepoint_depth; /* the depth kh_store_savepoint marked, or 0 */
	struct kh_store_stage stage;
};

struct kh_store_stage *kh_store_stage_of(struct kh_store *st)
{
	return &st->stage;
}

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
	if ((rc & 0xff) == SQLITE_READONLY)
		return kh_error_set(err, KH_EDB, "db", "the database is read-only here: this "
				    "needs write access to the file and its directory");
	return kh_error_set(err, KH_EDB, "", "database error: %s", msg);
}

static int exec(struct kh_store *st, const char *sql, struct kh_error *err)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		kh_store_fail(st, err);
		return KH_EDB;
	}
	return 0;
}

/* The one integer a PRAGMA answers, into *out; KH_EDB on failure (the
 * connection keeps the error). */
static int pragma_int64(struct kh_store *st, const char *pragma, int64_t *out)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(st->db, pragma, -1, &s, NULL);

	if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = sqlite3_column_int64(s, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_OK ? 0 : KH_EDB;
}

static int user_version(struct kh_store *st)
{
	int64_t v;

	return pragma_int64(st, "PRAGMA user_version", &v) ? -1 : (int)v;
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
	bool counting = false;

	if ((rc = check_not_newer(st, v, err)))
		return rc;
	if (v == kh_schema_count() && ((rc = kh_store_counts_installed(st, &counting, err)) ||
				       counting))
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
	/* The settings rows come from the registry, not from the migrations;
	 * the list counts' triggers from store/counts.c (counted afresh when a
	 * migration or an interrupted bulk load left them missing). */
	if ((rc = kh_store_settings_seed(st, err)) ||
	    (rc = kh_store_counts_installed(st, &counting, err)) ||
	    (!counting && (rc = kh_store_counts_install(st, err))) ||
	    (rc = exec(st, "COMMIT", err)))
		goto fail;
	return 0;
fail:
	exec(st, "ROLLBACK", NULL);
	return rc;
}

/* A store with its statement cache and no connection yet. */
static struct kh_store *store_new(void)
{
	struct kh_store *st = calloc(1, sizeof(*st));

	if (!st)
		return NULL;
	st->nslots = 128;
	st->slots = calloc(st->nslots, sizeof(*st->slots));
	if (!st->slots) {
		free(st);
		return NULL;
	}
	return st;
}

/* Connect st to name (path, or a file: URI for path) with the settings of
 * every connection. */
static int store_connect(struct kh_store *st, const char *name, const char *path, int flags,
			 struct kh_error *err)
{
	if (sqlite3_open_v2(name, &st->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
		return kh_error_set(err, KH_EIO, "db", "cannot open database %s: %s", path,
				    st->db ? sqlite3_errmsg(st->db) : "out of memory");
	sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(st->db, 1);
	if (kh_store_dup_key_function(st->db) != SQLITE_OK)
		return kh_store_fail(st, err);
	/* The server sets its own, smaller sizes (kh_store_set_memory). */
	return exec(st, "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"
			" PRAGMA cache_size=-65536; PRAGMA mmap_size=268435456", err);
}

/* Setting WAL on a file not yet in WAL mode reads its header and then
 * upgrades that read to a write. SQLite refuses the upgrade at once, without
 * the busy handler, while another connection converts the same new file, so
 * the pragma itself is retried for as long as the busy handler would wait. */
static int set_wal(struct kh_store *st, struct kh_error *err)
{
	for (int waited = 0;; waited += 10) {
		int rc = sqlite3_exec(st->db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);

		if (rc == SQLITE_OK)
			return 0;
		if ((rc & 0xff) != SQLITE_BUSY || waited >= BUSY_TIMEOUT_MS)
			return kh_store_fail(st, err);
		sqlite3_sleep(10);
	}
}

int kh_store_open(const char *path, struct kh_store **out, struct kh_error *err)
{
	struct kh_store *st = store_new();
	int rc;

	if (!st)
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	if ((rc = store_connect(st, path, path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, err)) ||
	    (rc = set_wal(st, err)) || (rc = exec(st, "PRAGMA synchronous=FULL", err)) ||
	    (rc = migrate(st, err))) {
		kh_store_free(st);
		return rc;
	}
	*out = st;
	return 0;
}

/* The failure of a read-only connection to a WAL database whose directory
 * it may not write: the WAL index (-shm) cannot be created. */
static bool wal_index_unavailable(struct kh_store *st)
{
	int rc = sqlite3_extended_errcode(st->db);

	return rc == SQLITE_READONLY_DIRECTORY || rc == SQLITE_READONLY_CANTINIT ||
	       rc == SQLITE_CANTOPEN;
}

/* Whether path has a WAL with content: committed pages not yet in the file. */
static bool wal_has_content(const char *path)
{
	struct kh_strbuf wal;
	struct stat sb;
	bool has;

	kh_strbuf_init(&wal, 0);
	kh_strbuf_adds(&wal, path);
	kh_strbuf_adds(&wal, "-wal");
	has = stat(wal.buf, &sb) == 0 && sb.st_size > 0;
	kh_strbuf_release(&wal);
	return has;
}

/* Reconnect st to path as an immutable file (no WAL index, no locks). */
static int connect_immutable(struct kh_store *st, const char *path, struct kh_error *err)
{
	struct kh_strbuf uri;
	int rc;

	kh_strbuf_init(&uri, 0);
	kh_strbuf_adds(&uri, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (isalnum(*p) || strchr("/._-~", *p))
			kh_strbuf_addch(&uri, (char)*p);
		else
			kh_strbuf_addf(&uri, "%%%02X", *p);
	}
	kh_strbuf_adds(&uri, "?immutable=1");
	sqlite3_close(st->db);
	st->db = NULL;
	rc = store_connect(st, uri.buf, path, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, err);
	kh_strbuf_release(&uri);
	return rc;
}

int kh_store_open_read(const char *path, struct kh_store **out, struct kh_error *err)
{
	struct kh_store *st;
	int rc, v;

	if (access(path, F_OK) != 0)
		return kh_error_set(err, KH_EIO, "db", "no database at %s (kehu init creates one)",
				    path);
	if (!(st = store_new()))
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	rc = store_connect(st, path, path, SQLITE_OPEN_READONLY, err);
	v = rc ? -1 : user_version(st);
	/* Nothing writes the file while it has no WAL (a writer keeps one), so
	 * it can be read without the index that cannot be created. */
	if (v < 0 && st->db && wal_index_unavailable(st) && !wal_has_content(path)) {
		rc = connect_immutable(st, path, err);
		v = rc ? -1 : user_version(st);
	}
	if (rc || (rc = check_not_newer(st, v, err)))
		goto out;
	if (v < kh_schema_count()) {
		rc = kh_error_set(err, KH_EDB, "db", "the database is at schema version %d, older "
				  "than this kehu (%d): run kehu init with write access to upgrade "
				  "it", v, kh_schema_count());
		goto out;
	}
	*out = st;
	return 0;
out:
	kh_store_free(st);
	return rc;
}

const char *kh_store_filename(struct kh_store *st)
{
	const char *name = st && st->db ? sqlite3_db_filename(st->db, "main") : NULL;

	return name ? name : "";
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
	kh_store_search_stage_end(st, false, NULL);
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

int kh_store_change_counter(struct kh_store *st, int64_t *out, struct kh_error *err)
{
	return pragma_int64(st, "PRAGMA data_version", out) ? kh_store_fail(st, err) : 0;
}

void kh_store_relax_sync(struct kh_store *st)
{
	exec(st, "PRAGMA synchronous=NORMAL", NULL);
}

void kh_store_set_memory(struct kh_store *st, int cache_mib, int mmap_mib)
{
	char pragma[64];

	kh_store_set_cache_mib(st, cache_mib);
	snprintf(pragma, sizeof(pragma), "PRAGMA mmap_size = %lld", (long long)mmap_mib << 20);
	exec(st, pragma, NULL);
}

void kh_store_set_cache_mib(struct kh_store *st, int mib)
{
	char pragma[64];

	snprintf(pragma, sizeof(pragma), "PRAGMA cache_size = %d", -1024 * mib);
	exec(st, pragma, NULL);
}

/* A transaction statement, prepared once per connection: sqlite3_exec
 * would parse it again on every request. */
static int tx_exec(struct kh_store *st, const char *sql, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, sql, err);
	int rc;

	if (!s)
		return KH_EDB;
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}

int kh_store_begin(struct kh_store *st, struct kh_error *err)
{
	if (st->tx_depth++ > 0)
		return 0;
	if (tx_exec(st, "BEGIN IMMEDIATE", err)) {
		st->tx_depth = 0;
		return KH_EDB;
	}
	return 0;
}

int kh_store_begin_read(struct kh_store *st, struct kh_error *err)
{
	if (st->tx_depth++ > 0)
		return 0;
	if (tx_exec(st, "BEGIN DEFERRED", err)) {
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
	/* Keys still waiting belong to this transaction: never commit without
	 * them. */
	if (kh_store_search_stage_flush(st, err) || tx_exec(st, "COMMIT", err)) {
		exec(st, "ROLLBACK", NULL);
		kh_store_stage_undo(st, false);
		return KH_EDB;
	}
	return 0;
}

void kh_store_rollback(struct kh_store *st)
{
	if (st->tx_depth == 0)
		return;
	/* Inside a savepoint only what came after it is undone. */
	if (st->savepoint_depth && st->tx_depth > st->savepoint_depth) {
		st->tx_depth = st->savepoint_depth;
		exec(st, "ROLLBACK TO kh_row", NULL);
		kh_store_stage_undo(st, true);
		return;
	}
	st->tx_depth = 0;
	st->savepoint_depth = 0;
	exec(st, "ROLLBACK", NULL);
	kh_store_stage_undo(st, false);
}

int kh_store_savepoint(struct kh_store *st, struct kh_error *err)
{
	if (st->tx_depth == 0 || st->savepoint_depth)
		return kh_error_set(err, KH_EDB, "", "a savepoint needs one open transaction");
	if (tx_exec(st, "SAVEPOINT kh_row", err))
		return KH_EDB;
	st->savepoint_depth = st->tx_depth;
	kh_store_stage_mark(st);
	return 0;
}

int kh_store_savepoint_end(struct kh_store *st, bool undo, struct kh_error *err)
{
	int rc = 0;

	if (!st->savepoint_depth)
		return 0;
	if (undo && st->tx_depth >= st->savepoint_depth) {
		rc = tx_exec(st, "ROLLBACK TO kh_row", err);
		kh_store_stage_undo(st, true);
	}
	if (rc == 0 && st->tx_depth >= st->savepoint_depth)
		rc = tx_exec(st, "RELEASE kh_row", err);
	st->savepoint_depth = 0;
	kh_store_stage_release(st);
	return rc;
}

bool kh_store_in_savepoint(struct kh_store *st)
{
	return st->savepoint_depth != 0;
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
