/*
 * pipeline.c: the sales pipeline's totals and pages (pipeline.h). Both see
 * the rows kh_store_list shows for opportunities in the same scope: live
 * ones whose customer is visible (every one when the scope is unrestricted),
 * so a stage's count equals the total of GET /opportunities?stage=...
 * The totals are sums of pipeline_counts (sales/pipeline_counts.h), which
 * the writes keep; a page walks the stage's index in the board's order and
 * looks up each card's customer for the scope, as store/list.c does.
 */
#include "store/sales/pipeline.h"

#include <string.h>

#include "base/strbuf.h"
#include "store/scope.h"
#include "base/banned.h"

static bool scoped(const struct kh_scope *scope)
{
	return scope && !scope->all;
}

/* The FROM and WHERE of a page. The opportunities stay the outer loop
 * (CROSS JOIN fixes SQLite's join order), so a page stops after a few
 * rows of the stage's index; as an IN list the scope's customers were
 * read whole for every stage (22 s for a rep at 1M customers). */
static void add_where(struct kh_strbuf *sql, const struct kh_scope *scope, int64_t owner_id)
{
	kh_strbuf_adds(sql, " FROM opportunities t");
	if (scoped(scope))
		kh_strbuf_adds(sql, " CROSS JOIN customers c");
	kh_strbuf_adds(sql, " WHERE t.deleted_at IS NULL");
	if (scoped(scope))
		kh_strbuf_adds(sql, " AND c.id = t.customer_id AND c.deleted_at IS NULL AND "
				    KH_SCOPE_VISIBLE("c"));
	if (owner_id > 0)
		kh_strbuf_adds(sql, " AND t.owner_id = :owner");
}

/* The totals: the kept sums of the holders the scope sees (its owners, the
 * pool), plus the opportunities of customers it sees only because they
 * are shared with its user, counted from customer_team (few rows). */
static void add_totals_sql(struct kh_strbuf *sql, const struct kh_scope *scope, int64_t owner_id)
{
	kh_strbuf_adds(sql, "SELECT stage, sum(n) AS count, coalesce(sum(amount_fen), 0) AS amount_fen,"
			    " total(weighted_x100) AS weighted_x100 FROM ("
			    "SELECT stage, n, amount_fen, weighted_x100 FROM pipeline_counts"
			    " WHERE 1=1");
	if (owner_id > 0)
		kh_strbuf_adds(sql, " AND owner = :owner");
	if (scoped(scope)) {
		kh_strbuf_adds(sql, " AND (holder IN (SELECT value FROM json_each(:scope_owners))"
				    " OR (:scope_pool AND pool = 1))"
				    " UNION ALL SELECT t.stage, 1, coalesce(t.amount_fen, 0),"
				    " t.amount_fen * t.probability FROM customer_team ct"
				    " CROSS JOIN customers c CROSS JOIN opportunities t"
				    " WHERE ct.user_id = :scope_user AND c.id = ct.customer_id"
				    " AND c.deleted_at IS NULL AND NOT (coalesce(c.owner_id, 0) IN"
				    " (SELECT value FROM json_each(:scope_owners))"
				    " OR (:scope_pool AND c.in_pool = 1))"
				    " AND t.customer_id = c.id AND t.deleted_at IS NULL");
		/* +: by the customer's index, not read per share by the owner's */
		if (owner_id > 0)
			kh_strbuf_adds(sql, " AND +t.owner_id = :owner");
	}
	kh_strbuf_adds(sql, ") GROUP BY stage HAVING sum(n) > 0");
}

static void bind_common(sqlite3_stmt *s, const struct kh_scope *scope, int64_t owner_id)
{
	int idx = sqlite3_bind_parameter_index(s, ":owner");

	kh_store_scope_bind(s, scope);
	if (idx)
		sqlite3_bind_int64(s, idx, owner_id);
}

/* Prepare sql (built at run time from fixed pieces) and bind the scope and
 * owner; NULL on failure. */
static sqlite3_stmt *prepare(struct kh_store *st, const struct kh_strbuf *sql,
			     const struct kh_scope *scope, int64_t owner_id, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt_dyn(st, sql->buf, err);

	if (s)
		bind_common(s, scope, owner_id);
	return s;
}

int kh_store_pipeline_totals(struct kh_store *st, const struct kh_scope *scope,
			     int64_t owner_id, json_t **out, struct kh_error *err)
{
	struct kh_strbuf sql;
	sqlite3_stmt *s;
	int rc = KH_EDB;

	kh_strbuf_init(&sql, 0);
	add_totals_sql(&sql, scope, owner_id);
	if ((s = prepare(st, &sql, scope, owner_id, err)))
		rc = kh_store_rows_json(st, s, out, err);
	kh_strbuf_release(&sql);
	return rc;
}

/* The rows after the cursor in the order amount_fen DESC (NULLs last, as
 * SQLite and PostgreSQL's DESC NULLS LAST put them), id DESC. */
static void add_after(struct kh_strbuf *sql, const struct kh_pipeline_cursor *after)
{
	if (!after || !after->set)
		return;
	if (after->amount_null)
		kh_strbuf_adds(sql, " AND t.amount_fen IS NULL AND t.id < :after_id");
	else
		kh_strbuf_adds(sql, " AND (t.amount_fen < :after_amount OR t.amount_fen IS NULL"
				    " OR (t.amount_fen = :after_amount AND t.id < :after_id))");
}

static void bind_after(sqlite3_stmt *s, const struct kh_pipeline_cursor *after)
{
	int idx;

	if (!after || !after->set)
		return;
	if ((idx = sqlite3_bind_parameter_index(s, ":after_amount")))
		sqlite3_bind_int64(s, idx, after->amount_fen);
	if ((idx = sqlite3_bind_parameter_index(s, ":after_id")))
		sqlite3_bind_int64(s, idx, after->id);
}

int kh_store_pipeline_page(struct kh_store *st, const struct kh_scope *scope,
			   const char *stage, int64_t owner_id,
			   const struct kh_pipeline_cursor *after, int64_t limit,
			   json_t **rows, struct kh_error *err)
{
	struct kh_strbuf sql;
	sqlite3_stmt *s;
	int rc = KH_EDB;

	kh_strbuf_init(&sql, 0);
	/* a scoped page has each card's customer joined as c already */
	if (scoped(scope))
		kh_strbuf_adds(&sql, "SELECT t.*, c.name AS customer_name, " KH_SCOPE_LEVEL("c"));
	else if (scope)
		kh_strbuf_adds(&sql, "SELECT t.*, (SELECT cn.name FROM customers cn"
				     " WHERE cn.id = t.customer_id) AS customer_name,"
				     " coalesce((SELECT " KH_SCOPE_LEVEL("lc")
				     " FROM customers lc WHERE lc.id = t.customer_id), 3)");
	else
		kh_strbuf_adds(&sql, "SELECT t.*, (SELECT cn.name FROM customers cn"
				     " WHERE cn.id = t.customer_id) AS customer_name, 3");
	kh_strbuf_adds(&sql, " AS kh__level");
	add_where(&sql, scope, owner_id);
	kh_strbuf_adds(&sql, " AND t.stage = :stage");
	add_after(&sql, after);
	kh_strbuf_adds(&sql, " ORDER BY t.amount_fen DESC NULLS LAST, t.id DESC LIMIT :limit");
	if ((s = prepare(st, &sql, scope, owner_id, err))) {
		sqlite3_bind_text(s, sqlite3_bind_parameter_index(s, ":stage"), stage, -1,
				  SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, ":limit"), limit);
		bind_after(s, after);
		rc = kh_store_rows_json(st, s, rows, err);
	}
	kh_strbuf_release(&sql);
	return rc;
}
