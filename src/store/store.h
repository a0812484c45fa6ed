/*
 * store.h: the only door to the database. Everything above it speaks in
 * table names, column names from the service layer's field registry and
 * jansson values; every value is bound to a prepared statement, and
 * statements are cached per connection. Today's backend is SQLite
 * (store/sqlite.c); a PostgreSQL backend implements the same functions.
 *
 * A struct kh_store is one connection: use it from one thread at a time.
 */
#ifndef KH_STORE_H
#define KH_STORE_H

#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/error.h"

struct kh_store;

/* Open (creating if needed) the database at path and bring its schema up to
 * date. *out is owned by the caller: kh_store_free(). */
int kh_store_open(const char *path, struct kh_store **out, struct kh_error *err);
/* Open an existing database for reading only: nothing is created, migrated
 * or written, so a read-only file in a read-only directory can be read (a
 * WAL database without a WAL there is read as immutable). A schema older
 * than this binary is an error that says to run kehu init with write
 * access. Any write through the store fails. */
int kh_store_open_read(const char *path, struct kh_store **out, struct kh_error *err);
void kh_store_free(struct kh_store *st);
/* The file st is connected to ("" for an in-memory database): for a second
 * connection of one's own (an export streaming across callbacks). */
const char *kh_store_filename(struct kh_store *st);

/* The schema version the database is at, and the one this binary knows. */
int kh_store_schema_version(struct kh_store *st);
int kh_store_latest_version(void);

/* A number that differs from the one a connection read before whenever
 * another connection has committed a change since (its own commits do not
 * count), to tell whether a snapshot is still current. */
int kh_store_change_counter(struct kh_store *st, int64_t *out, struct kh_error *err);

/* Let this connection's page cache grow to mib MiB (bulk loads, analysis). */
void kh_store_set_cache_mib(struct kh_store *st, int mib);
/* The page cache (MiB) and the memory map of the file (MiB, 0 = none) of
 * this connection. A new one has 64 MiB of cache and a 256 MiB map; the
 * server sets its own (docs/operations.md, "Memory"). */
void kh_store_set_memory(struct kh_store *st, int cache_mib, int mmap_mib);

/* Commits of this connection survive the process being killed (they are in
 * the WAL before commit returns) but not the machine losing power, which
 * may take the last ones back (synchronous=NORMAL instead of FULL, one fsync
 * fewer a commit). Only for writes whose loss repeats work and loses none:
 * the campaign sender's marks, where a mark taken back sends a message again
 * after a power cut (docs/operations.md, "Campaign mail"). */
void kh_store_relax_sync(struct kh_store *st);

/* Transactions. begin takes the write lock at once (BEGIN IMMEDIATE) so a
 * writer never fails half-way on a busy database. commit/rollback accept a
 * store with no open transaction and then do nothing. Nested begin calls are
 * counted: only the outermost commits. */
int kh_store_begin(struct kh_store *st, struct kh_error *err);
int kh_store_commit(struct kh_store *st, struct kh_error *err);
/* A read transaction (BEGIN DEFERRED): one consistent snapshot for several
 * reads, and one lock instead of one per statement. Ends with commit. Inside
 * another transaction it only counts. */
int kh_store_begin_read(struct kh_store *st, struct kh_error *err);
void kh_store_rollback(struct kh_store *st);
/* A savepoint inside the open transaction (one at a time), for work that
 * may fail on its own without losing the transaction (an import's row):
 * until kh_store_savepoint_end, a kh_store_rollback of a nested begin
 * undoes only what came after the savepoint and leaves the transaction
 * open. end releases it, first undoing everything after it when undo is
 * set. KH_EDB when no transaction is open or one savepoint already is. */
int kh_store_savepoint(struct kh_store *st, struct kh_error *err);
int kh_store_savepoint_end(struct kh_store *st, bool undo, struct kh_error *err);

/* A cached prepared statement for sql (a string literal of the caller's, kept
 * as the cache key). The statement is reset and its bindings cleared. Only
 * the store layer calls this. */
sqlite3_stmt *kh_store_stmt(struct kh_store *st, const char *sql, struct kh_error *err);
/* Like kh_store_stmt for SQL built at run time from trusted identifiers
 * (sql is copied). Such texts are unbounded in number (list filters in any
 * order and combination), so they are kept in a least-recently-used cache
 * of KH_STORE_DYN_SLOTS statements per connection and the oldest one is
 * finalized to make room: use the statement at once, it stays valid only
 * until KH_STORE_DYN_SLOTS - 1 other dynamic texts have been asked for.
 * 64 holds the working set of the API (a get, insert and update per table
 * and the lists in use) at about 1.5 MiB per connection (~23 KiB a list
 * statement). */
#define KH_STORE_DYN_SLOTS 64
sqlite3_stmt *kh_store_stmt_dyn(struct kh_store *st, const char *sql, struct kh_error *err);

/* Record a database failure in err. */
int kh_store_fail(struct kh_store *st, struct kh_error *err);

/* Bind a jansson scalar (string, integer, real, true/false, null) to
 * parameter idx; objects and arrays are bound as their JSON text. */
int kh_store_bind_json(sqlite3_stmt *s, int idx, json_t *v);
/* The current row of s as a new JSON object (column name -> value); columns
 * whose declared type is JSON are parsed back into objects ({} if they hold
 * no JSON object), text and BLOBs become strings (see kh_store_text_json). */
json_t *kh_store_row_json(sqlite3_stmt *s);
/* A stored text (or BLOB) value as a JSON string: bytes kh_utf8_valid
 * refuses are shown as U+FFFD, NULL bytes as "". A new reference, or NULL
 * when out of memory. */
json_t *kh_store_text_json(const void *bytes, size_t len);
/* Column col of the current row of s as text, repaired like
 * kh_store_text_json (NULL -> ""): a new string the caller frees, or NULL
 * when out of memory. */
char *kh_store_column_strdup(sqlite3_stmt *s, int col);
/* The same into dst[size], cut at a character boundary to fit. */
void kh_store_column_copy(sqlite3_stmt *s, int col, char *dst, size_t size);
/* Every remaining row of s (bound, not yet stepped) into a new JSON array in
 * *out; s is reset either way. */
int kh_store_rows_json(struct kh_store *st, sqlite3_stmt *s, json_t **out,
		       struct kh_error *err);
/* The first row of s (bound, not yet stepped) as a new object in *row
 * (kh_store_row_json), or KH_ENOTFOUND (err untouched: the caller names the
 * id) when it has none; s is reset either way. */
int kh_store_row_of(struct kh_store *st, sqlite3_stmt *s, json_t **row, struct kh_error *err);
/* Step s (bound), which answers no row, and reset it. */
int kh_store_exec_stmt(struct kh_store *st, sqlite3_stmt *s, struct kh_error *err);
/* Grow *v (of *cap elements of size bytes) to hold one more than count. */
int kh_store_grow(void **v, size_t *cap, size_t count, size_t size);
/* Every remaining row of s, (group key, integer value) ordered by the key,
 * into *values (width 4: int32_t, 8: int64_t), with group g's values from
 * (*start)[g] to (*start)[g + 1] and (*start)[*n] the number of values; the
 * caller frees both arrays. s is reset either way. */
int kh_store_groups(struct kh_store *st, sqlite3_stmt *s, size_t width, void **values,
		    size_t **start, size_t *n, struct kh_error *err);

/* ---- Generic rows. table and column names come from the service layer's
 * static registry, never from input. ---- */

/* INSERT the object's members as columns; *id receives the new rowid. */
int kh_store_insert(struct kh_store *st, const char *table, json_t *values, int64_t *id,
		    struct kh_error *err);
/* UPDATE the given columns of row id (and updated_at). KH_ENOTFOUND if none. */
int kh_store_update(struct kh_store *st, const char *table, int64_t id, json_t *values,
		    struct kh_error *err);
/* The row with this id, deleted rows included (the caller decides). */
int kh_store_get(struct kh_store *st, const char *table, int64_t id, json_t **row,
		 struct kh_error *err);

/* A list query over one table: equality filters, a sort column, paging. */
struct kh_store_pool_window;

struct kh_store_filter {
	const char *column; /* a registry column */
	const char *op;     /* "=", "<", ">", "<=", ">=", "contains" (value: a LIKE
			     * pattern escaped with \), "in_ids" (value = JSON array of
			     * ids or strings) */
	json_t *value;      /* borrowed */
};

/* A data scope (service/permission.c decides, the store writes the SQL once,
 * in store/scope.h): which customers the actor sees (owned by one of
 * owner_ids, shared with shared_with through customer_team, or with
 * include_pool in the public pool; everything when all) and at which
 * information level (3: their own, write shares, and with manager those of
 * owner_ids; 2: customers whose owner is in one of teams; 1 otherwise). */
struct kh_scope {
	json_t *owner_ids;           /* JSON array of user ids, borrowed (NULL = none) */
	int64_t shared_with;         /* the actor's user id, or 0 */
	bool include_pool;
	bool all;                    /* no restriction of what is seen */
	bool manager;                /* level 3 over the customers of owner_ids (or all) */
	json_t *teams;               /* JSON array of team ids, borrowed (NULL = none) */
	const char *customer_column; /* "id" on customers, else "customer_id"; NULL for
				      * rows of their own owner (leads): seen when
				      * user_column names one of owner_ids, level 3 */
	const char *user_column;     /* rows without a customer are visible when this
				      * column names one of owner_ids (tasks: "user_id");
				      * NULL = such rows are hidden */
};

struct kh_store_query {
	const char *table;
	/* NULL = no restriction, rows as they are. Otherwise only the rows the
	 * scope sees, each with "kh__level": the information level of its
	 * customer (3 for a row without one), and only those at min_level or
	 * above. */
	const struct kh_scope *scope;
	int min_level;
	const struct kh_store_filter *filters;
	size_t nfilters;
	const char *sort;    /* a registry column, or NULL for id */
	bool descending;
	bool include_deleted;
	int64_t limit;       /* 1..1000 */
	int64_t offset;
	/* customers only: LEFT JOIN customer_metrics m (one row per customer);
	 * filters and sort may then name "m.<column>", a metrics sort puts
	 * customers without a value last either way, and every row gets
	 * "metrics": {abc_class, grid_tier, lifecycle, loyalty, p_alive, clv_fen,
	 * revenue_12m_fen, last_order, last_contact} or null. */
	bool join_metrics;
	/* customers only, or NULL: keep the customers with a search key (their
	 * own: name, pinyin, initials, phone digits) starting with this. */
	const char *search_prefix;
	/* tables with a customer_id: every row also gets "customer_name", so a
	 * list of orders or opportunities can show whose they are. */
	bool with_customer_name;
	/* Keyset paging: NULL for the first page, else a JSON array [value, id]
	 * (borrowed) of the last row of the page before, whose "kh__sort"
	 * member held the value: then only the rows after it in the list's
	 * order (offset is not used). */
	json_t *after;
	/* Skip the total (*total = -1): an export pages through a whole list
	 * and needs no count per page. */
	bool no_total;
	/* customers only, or NULL: keep the customers due for the pool by the
	 * window's cuts (store/customers/pool.h, KH_STORE_POOL_WITHIN); sort
	 * may then be KH_STORE_POOL_DUE_SORT, the day each is due. */
	const struct kh_store_pool_window *pool_within;
};

/* Rows into a new JSON array, and the count of all matching rows (from
 * list_counts when the filters are one counted dim, store/counts.h; else
 * count(*) over an index range). Each row also holds "kh__sort", the value
 * of the sort column, for the cursor of the next page. */
int kh_store_list(struct kh_store *st, const struct kh_store_query *q, json_t **rows,
		  int64_t *total, struct kh_error *err);
/* The exact SQL text kh_store_list prepares for q: its count (count = true)
 * or its page. For tests of the query plan (tests/unit/list_plan_test.c);
 * a new string to free(), NULL when out of memory. */
char *kh_store_list_sql(const struct kh_store_query *q, bool count);
/* Recompute the exact list totals (list_counts, store/counts.h) from the
 * rows, in one write transaction: after writes that bypassed the triggers. */
int kh_store_list_counts_rebuild(struct kh_store *st, struct kh_error *err);
/* Does q (with a scope) match a row whose level is below level? *found is
 * set either way on success. What a filter on a level-2 or -3 field may be
 * asked about. */
int kh_store_list_below_level(struct kh_store *st, const struct kh_store_query *q, int level,
			      bool *found, struct kh_error *err);
/* Does q (with a scope) match a row whose level is level or above? What an
 * export asks before it writes its header: the columns of a level no row
 * shows are left out. */
int kh_store_list_reaches_level(struct kh_store *st, const struct kh_store_query *q, int level,
				bool *found, struct kh_error *err);

/* ---- Settings ---- */
int kh_store_setting_get(struct kh_store *st, const char *key, char **value,
			 struct kh_error *err);
int kh_store_setting_set(struct kh_store *st, const char *key, const char *value,
			 struct kh_error *err);
/* Every setting as {"key": {"value": "...", "description": "..."}}. */
int kh_store_settings_all(struct kh_store *st, json_t **out, struct kh_error *err);
/* Every setting of store/settings_registry.c that the table lacks, with its
 * default; the descriptions of all from the registry (run by the migrations). */
int kh_store_settings_seed(struct kh_store *st, struct kh_error *err);
/* fn(arg, key, value) for every stored setting, in one statement. */
int kh_store_settings_scan(struct kh_store *st,
			   void (*fn)(void *arg, const char *key, const char *value), void *arg,
			   struct kh_error *err);

/* ---- Audit log ---- */
int kh_store_audit(struct kh_store *st, int64_t user_id, const char *action,
		   const char *entity, int64_t entity_id, json_t *changes, struct kh_error *err);
/* The newest entries for one object, newest first. */
int kh_store_audit_list(struct kh_store *st, const char *entity, int64_t entity_id,
			int64_t limit, json_t **out, struct kh_error *err);

/* ---- Phone index: normalised number -> customer (and contact) ---- */
int kh_store_phone_replace(struct kh_store *st, int64_t customer_id, int64_t contact_id,
			   const char *const *numbers, size_t n, struct kh_error *err);
/* A customer a number belongs to. */
struct kh_phone_match {
	int64_t customer_id;
	int64_t contact_id; /* 0 when the number is the company's own */
	char name[608];     /* the customer's name (200 characters) */
};
/* The live customers that scope sees with the normalised number: up to max
 * into out (the latest activity first, then the newest), *total of them in
 * all (0 and *n = 0 when none). */
int kh_store_phone_matches(struct kh_store *st, const char *number, const struct kh_scope *scope,
			   size_t max, struct kh_phone_match *out, size_t *n, int64_t *total,
			   struct kh_error *err);

/* ---- Search keys: prefix-searchable keys -> customer or contact ---- */
enum kh_search_kind { KH_SEARCH_CUSTOMER = 1, KH_SEARCH_CONTACT = 2 };
/* Replace the keys of one object: delete old_keys[0..nold) (the keys it had,
 * recomputed by the caller, so no second index is needed), insert
 * keys[0..n). */
int kh_store_search_replace(struct kh_store *st, int kind, int64_t id,
			    const char *const *old_keys, size_t nold, const char *const *keys,
			    size_t n, struct kh_error *err);
/* Staging, for loads of many new objects (imports): from kh_store_search_stage
 * until kh_store_search_stage_end, the keys of objects written with no old
 * keys wait in memory instead (store/search_stage.c), and
 * kh_store_search_stage_flush writes what waits into search_keys sorted by
 * key, so the index is filled in its own order rather than at random. Flush
 * between rows when kh_store_search_stage_full says so (memory stays flat);
 * the outermost commit flushes what still waits. A rollback drops the keys
 * it undoes (to a savepoint: the keys added since). A replace with old keys
 * of an object whose keys wait flushes first. end with write = false drops
 * what waits and frees the memory. */
int kh_store_search_stage(struct kh_store *st, struct kh_error *err);
int kh_store_search_stage_flush(struct kh_store *st, struct kh_error *err);
int kh_store_search_stage_end(struct kh_store *st, bool write, struct kh_error *err);
bool kh_store_search_stage_full(struct kh_store *st);
/* Live objects with a key starting with prefix whose customer scope sees
 * (NULL: all): up to limit (kind, id) pairs, in key order. */
int kh_store_search_prefix(struct kh_store *st, const char *prefix, int64_t limit,
			   const struct kh_scope *scope, int *kinds, int64_t *ids, size_t *n,
			   struct kh_error *err);

#endif
