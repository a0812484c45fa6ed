/*
 * counts.c: the triggers that keep list_counts in step with the listed
 * tables, and the rebuild that recomputes it (see counts.h). The trigger
 * texts are generated from the table below, so a counted column is one
 * word here.
 *
 * Portable SQL but for the trigger wrapper: INSERT ... ON CONFLICT DO
 * UPDATE is PostgreSQL's too, and a PostgreSQL port puts each trigger body
 * in a trigger function (IS NOT becomes IS DISTINCT FROM).
 */
#include "store/counts.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/strbuf.h"
#include "store/sales/pipeline_counts.h"
#include "store/sql.h"
#include "base/banned.h"

static const char *const customer_dims[] = {"grade", "segment", "source", "team_id", NULL};
static const char *const order_dims[] = {"status", "owner_id", NULL};
/* user_id,kind,status: a rep's own visits, planned or done (web/src/views/Visits.vue) */
static const char *const activity_dims[] = {"kind", "status", "user_id", "kind,status",
					    "user_id,kind,status", NULL};
static const char *const opportunity_dims[] = {"stage", "owner_id", NULL};
static const char *const task_dims[] = {"done", "user_id", "user_id,done", NULL};
/* the approval queues' status=review, and a rep's own contracts */
static const char *const contract_dims[] = {"status", "owner_id", NULL};
static const char *const receivable_dims[] = {"status", NULL};
static const char *const no_dims[] = {NULL};

static const struct kh_counted counted[] = {
	{"customers", true, NULL, customer_dims},
	{"contacts", false, NULL, no_dims},
	{"orders", false, NULL, order_dims},
	{"receivable_plans", false, NULL, no_dims},
	{"activities", false, NULL, activity_dims},
	{"opportunities", false, NULL, opportunity_dims},
	{"tasks", false, "user_id", task_dims},
	{"important_dates", false, NULL, no_dims},
	{"competitors", false, NULL, no_dims},
	{"contracts", false, NULL, contract_dims},
	{"receivables", false, NULL, receivable_dims},
};
#define NCOUNTED (sizeof(counted) / sizeof(counted[0]))

const struct kh_counted *kh_counts_spec(const char *table)
{
	for (size_t i = 0; i < NCOUNTED; i++)
		if (strcmp(counted[i].table, table) == 0)
			return &counted[i];
	return NULL;
}

/* Run several statements (the trigger texts) on st's connection, which a
 * cached statement leads to. */
static int exec(struct kh_store *st, const char *sql, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT 1", err);

	if (!s)
		return KH_EDB;
	if (sqlite3_exec(sqlite3_db_handle(s), sql, NULL, NULL, NULL) != SQLITE_OK)
		return kh_store_fail(st, err);
	return 0;
}

/* The text of column col of row r, '' for NULL (dims never hold ''). */
static void add_text(struct kh_strbuf *sql, const char *r, const char *col, size_t len)
{
	kh_strbuf_addf(sql, "coalesce(CAST(%s%s%.*s AS TEXT), '')", r, *r ? "." : "", (int)len,
		       col);
}

/* The value of dim over row r: the column's text, or the pair's joined by a
 * comma. */
static void add_dim_value(struct kh_strbuf *sql, const char *r, const char *dim)
{
	for (const char *p = dim;; p++) {
		size_t len = strcspn(p, ",");

		add_text(sql, r, p, len);
		p += len;
		if (!*p)
			break;
		kh_strbuf_adds(sql, " || ',' || ");
	}
}

/* The holder of row r (counts.h): a trigger looks its customer up. */
static void add_holder(struct kh_strbuf *sql, const struct kh_counted *c, const char *r)
{
	if (c->self) {
		kh_strbuf_addf(sql, "coalesce(%s.owner_id, 0)", r);
		return;
	}
	kh_strbuf_addf(sql, "coalesce((SELECT CASE WHEN c.deleted_at IS NULL THEN"
			    " coalesce(c.owner_id, 0) ELSE -1 END FROM customers c"
			    " WHERE c.id = %s.customer_id), ", r);
	if (c->user_column)
		kh_strbuf_addf(sql, "CASE WHEN %s.customer_id IS NULL THEN coalesce(%s.%s, -1)"
				    " ELSE -1 END)", r, r, c->user_column);
	else
		kh_strbuf_adds(sql, "-1)");
}

static void add_pool(struct kh_strbuf *sql, const struct kh_counted *c, const char *r)
{
	if (c->self)
		kh_strbuf_addf(sql, "CASE WHEN %s.in_pool = 1 THEN 1 ELSE 0 END", r);
	else
		kh_strbuf_addf(sql, "coalesce((SELECT CASE WHEN c.in_pool = 1 THEN 1 ELSE 0 END"
				    " FROM customers c WHERE c.id = %s.customer_id"
				    " AND c.deleted_at IS NULL), 0)", r);
}

#define UPSERT                                                                            \
	" ON CONFLICT (tbl, dim, val, holder, pool) DO UPDATE SET n = list_counts.n + excluded.n;"

/* Add sign to every count row r is in, if r is live. The trigger bodies are
 * DDL, where SQLite takes no bound parameters: every name written into them
 * (table, dimension, new/old, sign) comes from the fixed table of counted
 * lists in this file, never from input. */
static void add_bump(struct kh_strbuf *sql, const struct kh_counted *c, const char *r,
		     const char *sign)
{
	kh_strbuf_addf(sql, " INSERT INTO list_counts (tbl, dim, val, holder, pool, n)"
			    " SELECT '%s', d.dim, d.val, ", c->table);
	add_holder(sql, c, r);
	kh_strbuf_adds(sql, ", ");
	add_pool(sql, c, r);
	kh_strbuf_addf(sql, ", %s FROM (SELECT '' AS dim, '' AS val", sign);
	for (size_t i = 0; c->dims[i]; i++) {
		kh_strbuf_addf(sql, " UNION ALL SELECT '%s', ", c->dims[i]);
		add_dim_value(sql, r, c->dims[i]);
	}
	kh_strbuf_addf(sql, ") d WHERE %s.deleted_at IS NULL" UPSERT, r);
}

/* The columns whose change moves a row between counts. */
static void add_counted_columns(struct kh_strbuf *sql, const struct kh_counted *c)
{
	kh_strbuf_adds(sql, c->self ? "deleted_at, owner_id, in_pool" : "deleted_at, customer_id");
	if (c->user_column)
		kh_strbuf_addf(sql, ", %s", c->user_column);
	for (size_t i = 0; c->dims[i]; i++)
		if (!strchr(c->dims[i], ',') &&
		    !(c->user_column && strcmp(c->dims[i], c->user_column) == 0))
			kh_strbuf_addf(sql, ", %s", c->dims[i]);
}

static void add_row_triggers(struct kh_strbuf *sql, const struct kh_counted *c)
{
	kh_strbuf_addf(sql, "CREATE TRIGGER list_counts_%s_insert AFTER INSERT ON %s BEGIN",
		       c->table, c->table);
	add_bump(sql, c, "new", "1");
	kh_strbuf_addf(sql, " END; CREATE TRIGGER list_counts_%s_delete AFTER DELETE ON %s BEGIN",
		       c->table, c->table);
	add_bump(sql, c, "old", "-1");
	kh_strbuf_addf(sql, " END; CREATE TRIGGER list_counts_%s_update AFTER UPDATE OF ",
		       c->table);
	add_counted_columns(sql, c);
	kh_strbuf_addf(sql, " ON %s BEGIN", c->table);
	add_bump(sql, c, "old", "-1");
	add_bump(sql, c, "new", "1");
	kh_strbuf_adds(sql, " END;");
}

/* Move the counts of customer r's rows of table c to r's key, with sign. */
static void add_move(struct kh_strbuf *sql, const struct kh_counted *c, const char *r,
		     const char *sign)
{
	kh_strbuf_addf(sql, " INSERT INTO list_counts (tbl, dim, val, holder, pool, n)"
			    " SELECT '%s', g.dim, g.val, CASE WHEN %s.deleted_at IS NULL THEN"
			    " coalesce(%s.owner_id, 0) ELSE -1 END, CASE WHEN %s.deleted_at IS NULL"
			    " AND %s.in_pool = 1 THEN 1 ELSE 0 END, %sg.n FROM ("
			    "SELECT '' AS dim, '' AS val, count(*) AS n FROM %s t"
			    " WHERE t.customer_id = %s.id AND t.deleted_at IS NULL",
		       c->table, r, r, r, r, sign, c->table, r);
	for (size_t i = 0; c->dims[i]; i++) {
		kh_strbuf_addf(sql, " UNION ALL SELECT '%s', ", c->dims[i]);
		add_dim_value(sql, "t", c->dims[i]);
		kh_strbuf_addf(sql, ", count(*) FROM %s t WHERE t.customer_id = %s.id"
				    " AND t.deleted_at IS NULL GROUP BY 2", c->table, r);
	}
	kh_strbuf_adds(sql, ") g WHERE g.n > 0" UPSERT);
}

static void add_customer_move_trigger(struct kh_strbuf *sql)
{
	kh_strbuf_adds(sql, "CREATE TRIGGER list_counts_customers_move AFTER UPDATE OF"
			    " owner_id, in_pool, deleted_at ON customers"
			    " WHEN old.owner_id IS NOT new.owner_id OR old.in_pool IS NOT new.in_pool"
			    " OR (old.deleted_at IS NULL) <> (new.deleted_at IS NULL) BEGIN");
	for (size_t i = 0; i < NCOUNTED; i++) {
		if (counted[i].self)
			continue;
		add_move(sql, &counted[i], "old", "-");
		add_move(sql, &counted[i], "new", "");
	}
	kh_strbuf_adds(sql, " END;");
}

int kh_store_counts_installed(struct kh_store *st, bool *ok, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT count(*) FROM sqlite_master WHERE"
					    " type = 'trigger' AND name LIKE 'list\\_counts\\_%'"
					    " ESCAPE '\\'", err);
	int rc;

	if (!s)
		return KH_EDB;
	rc = sqlite3_step(s);
	*ok = rc == SQLITE_ROW && sqlite3_column_int64(s, 0) ==
				      (int64_t)(3 * NCOUNTED + 1 + KH_PIPELINE_COUNTS_TRIGGERS);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : kh_store_fail(st, err);
}

int kh_store_counts_drop(struct kh_store *st, struct kh_error *err)
{
	static const char *const kinds[] = {"insert", "delete", "update"};
	struct kh_strbuf sql;
	int rc;

	kh_strbuf_init(&sql, 0);
	for (size_t i = 0; i < NCOUNTED; i++)
		for (size_t k = 0; k < 3; k++)
			kh_strbuf_addf(&sql, "DROP TRIGGER IF EXISTS list_counts_%s_%s;",
				       counted[i].table, kinds[k]);
	kh_strbuf_adds(&sql, "DROP TRIGGER IF EXISTS list_counts_customers_move;");
	kh_strbuf_adds(&sql, kh_pipeline_counts_drop_sql());
	rc = exec(st, sql.buf, err);
	kh_strbuf_release(&sql);
	return rc;
}

/* The counts of table c from its rows: one pass grouping by the key and
 * every counted column into a temporary table, then one sum per dim. */
static void add_rebuild(struct kh_strbuf *sql, const struct kh_counted *c)
{
	kh_strbuf_adds(sql, "CREATE TEMP TABLE kh_count_rows AS SELECT ");
	if (c->self) {
		kh_strbuf_adds(sql, "coalesce(t.owner_id, 0) AS holder,"
				    " CASE WHEN t.in_pool = 1 THEN 1 ELSE 0 END AS pool");
	} else {
		kh_strbuf_adds(sql, "CASE WHEN c.id IS NULL THEN ");
		if (c->user_column)
			kh_strbuf_addf(sql, "CASE WHEN t.customer_id IS NULL THEN coalesce(t.%s, -1)"
					    " ELSE -1 END", c->user_column);
		else
			kh_strbuf_adds(sql, "-1");
		kh_strbuf_adds(sql, " WHEN c.deleted_at IS NOT NULL THEN -1 ELSE"
				    " coalesce(c.owner_id, 0) END AS holder,"
				    " CASE WHEN c.deleted_at IS NULL AND c.in_pool = 1 THEN 1 ELSE 0"
				    " END AS pool");
	}
	for (size_t i = 0; c->dims[i]; i++)
		if (!strchr(c->dims[i], ',')) {
			kh_strbuf_adds(sql, ", ");
			add_text(sql, "t", c->dims[i], strlen(c->dims[i]));
			kh_strbuf_addf(sql, " AS %s", c->dims[i]);
		}
	kh_strbuf_addf(sql, ", count(*) AS n FROM %s t", c->table);
	if (!c->self)
		kh_strbuf_adds(sql, " LEFT JOIN customers c ON c.id = t.customer_id");
	kh_strbuf_adds(sql, " WHERE t.deleted_at IS NULL GROUP BY 1, 2");
	for (size_t i = 0, col = 3; c->dims[i]; i++)
		if (!strchr(c->dims[i], ','))
			kh_strbuf_addf(sql, ", %zu", col++);
	kh_strbuf_addf(sql, "; INSERT INTO list_counts (tbl, dim, val, holder, pool, n)"
			    " SELECT '%s', '', '', holder, pool, sum(n) FROM kh_count_rows"
			    " GROUP BY holder, pool;", c->table);
	for (size_t i = 0; c->dims[i]; i++) {
		kh_strbuf_addf(sql, "INSERT INTO list_counts (tbl, dim, val, holder, pool, n)"
				    " SELECT '%s', '%s', ", c->table, c->dims[i]);
		/* the temporary columns hold the texts already */
		for (const char *p = c->dims[i];; p++) {
			size_t len = strcspn(p, ",");

			kh_strbuf_addf(sql, "%.*s", (int)len, p);
			p += len;
			if (!*p)
				break;
			kh_strbuf_adds(sql, " || ',' || ");
		}
		kh_strbuf_adds(sql, ", holder, pool, sum(n) FROM kh_count_rows GROUP BY 3, 4, 5;");
	}
	kh_strbuf_adds(sql, "DROP TABLE temp.kh_count_rows;");
}

/* Whether every name of c is a plain identifier (a pair: two, with a comma).
 * Trigger bodies cannot take bound parameters, so the names are written into
 * the text: they come from the constant table above, and this holds them to
 * what can be written there safely. */
static bool names_plain(const struct kh_counted *c)
{
	char one[64];

	if (!kh_store_is_identifier(c->table) ||
	    (c->user_column && !kh_store_is_identifier(c->user_column)))
		return false;
	for (size_t i = 0; c->dims[i]; i++)
		for (const char *p = c->dims[i];; p++) {
			size_t len = strcspn(p, ",");

			if (len == 0 || len >= sizeof(one))
				return false;
			memcpy(one, p, len);
			one[len] = 0;
			if (!kh_store_is_identifier(one))
				return false;
			p += len;
			if (!*p)
				break;
		}
	return true;
}

int kh_store_counts_install(struct kh_store *st, struct kh_error *err)
{
	struct kh_strbuf sql;
	int rc;

	for (size_t i = 0; i < NCOUNTED; i++)
		if (!names_plain(&counted[i]))
			return kh_error_set(err, KH_EINVAL, "", "list counts: %s is not a plain name",
					    counted[i].table);
	if ((rc = kh_store_counts_drop(st, err)))
		return rc;
	kh_strbuf_init(&sql, 0);
	kh_strbuf_adds(&sql, "DELETE FROM list_counts;");
	for (size_t i = 0; i < NCOUNTED; i++) {
		add_rebuild(&sql, &counted[i]);
		add_row_triggers(&sql, &counted[i]);
	}
	add_customer_move_trigger(&sql);
	kh_strbuf_adds(&sql, kh_pipeline_counts_install_sql());
	rc = exec(st, sql.buf, err);
	kh_strbuf_release(&sql);
	return rc;
}

int kh_store_list_counts_rebuild(struct kh_store *st, struct kh_error *err)
{
	int rc = kh_store_begin(st, err);

	if (rc)
		return rc;
	if ((rc = kh_store_counts_install(st, err)) == 0)
		rc = kh_store_commit(st, err);
	if (rc)
		kh_store_rollback(st);
	return rc;
}
