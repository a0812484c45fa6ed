/*
 * list.c: the lists of the service layer's registry-driven entities: one
 * statement for a page (filters, the data scope, the sort, a keyset
 * cursor), one for its total (from list_counts where it can, store/counts.h).
 * Identifiers come from static tables of the service layer and are checked
 * here once more; every value is bound.
 */
#include "store/store.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "store/counts.h"
#include "store/customers/pool.h"
#include "store/scope.h"
#include "store/sql.h"
#include "base/banned.h"

/* A column of the listed table (t), or with join_metrics one of
 * customer_metrics (m.column). */
static bool is_column(const struct kh_store_query *q, const char *s)
{
	if (q->join_metrics && strncmp(s, "m.", 2) == 0)
		return kh_store_is_identifier(s + 2);
	return kh_store_is_identifier(s);
}

/* Append column qualified by its table alias: t. unless it names m.; the
 * pool's due day is an expression of t. */
static void add_column(struct kh_strbuf *sql, const char *column)
{
	if (strcmp(column, KH_STORE_POOL_DUE_SORT) == 0) {
		kh_strbuf_adds(sql, KH_STORE_POOL_DUE("t"));
		return;
	}
	if (strncmp(column, "m.", 2))
		kh_strbuf_adds(sql, "t.");
	kh_strbuf_adds(sql, column);
}

/* The compact metrics of a listed customer, selected as m__<column>. */
static const char *const metric_columns[] = {
	"abc_class", "grid_tier", "lifecycle", "loyalty", "p_alive", "clv_fen",
	"revenue_12m_fen", "last_order", "last_contact",
};

static bool op_allowed(const char *op)
{
	static const char *const ops[] = {"=", "<", ">", "<=", ">=", "!=", "in_ids", "contains"};

	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strcmp(op, ops[i]) == 0)
			return true;
	return false;
}

/* The level of the listed row's customer (scope.h), 3 for a row without one.
 * Columns of the listed table are qualified (t.), since a list may join
 * another table. */
static void add_level(struct kh_strbuf *sql, const struct kh_scope *sc)
{
	if (!sc->customer_column) {
		kh_strbuf_adds(sql, "3");
		return;
	}
	assert(kh_store_is_identifier(sc->customer_column));
	if (strcmp(sc->customer_column, "id") == 0) {
		kh_strbuf_adds(sql, KH_SCOPE_LEVEL("t"));
		return;
	}
	kh_strbuf_adds(sql, "coalesce((SELECT " KH_SCOPE_LEVEL("lc")
			    " FROM customers lc WHERE lc.id = t.");
	kh_strbuf_adds(sql, sc->customer_column);
	kh_strbuf_adds(sql, "), 3)");
}

/* Does the list look up each row's customer as c, for the scope? */
static bool joins_customer(const struct kh_store_query *q)
{
	return q->scope && !q->scope->all && q->scope->customer_column &&
	       strcmp(q->scope->customer_column, "id");
}

/* Each row's customer, for the scope: the listed table stays the outer loop
 * (CROSS JOIN fixes SQLite's join order; a row without a customer keeps its
 * place with LEFT JOIN), so a page stops after a few rows of the sort's
 * index, and the scope's lists (owners, shares) are built once per
 * statement, not once per row as in a correlated subquery. */
static void add_customer_join(struct kh_strbuf *sql, const struct kh_store_query *q)
{
	if (!joins_customer(q))
		return;
	if (q->scope->user_column) {
		kh_strbuf_adds(sql, " LEFT JOIN customers c ON c.id = ");
		add_column(sql, q->scope->customer_column);
	} else {
		kh_strbuf_adds(sql, " CROSS JOIN customers c");
	}
}

/* The rows the scope sees: their customer is visible (scope.h), or they have
 * none and their user_column names one of the scope's owners. */
static void add_visible(struct kh_strbuf *sql, const struct kh_scope *sc)
{
	/* Rows of their own owner (leads): seen by whoever has the owner in scope. */
	if (!sc->customer_column) {
		assert(sc->user_column && kh_store_is_identifier(sc->user_column));
		kh_strbuf_adds(sql, " AND ");
		add_column(sql, sc->user_column);
		kh_strbuf_adds(sql, " IN (SELECT value FROM json_each(:scope_owners))");
		return;
	}
	assert(kh_store_is_identifier(sc->customer_column));
	assert(!sc->user_column || kh_store_is_identifier(sc->user_column));
	if (strcmp(sc->customer_column, "id") == 0) {
		kh_strbuf_adds(sql, " AND " KH_SCOPE_VISIBLE("t"));
		return;
	}
	if (!sc->user_column) {
		kh_strbuf_adds(sql, " AND c.id = ");
		add_column(sql, sc->customer_column);
		kh_strbuf_adds(sql, " AND c.deleted_at IS NULL AND " KH_SCOPE_VISIBLE("c"));
		return;
	}
	kh_strbuf_adds(sql, " AND ((c.id IS NOT NULL AND c.deleted_at IS NULL AND "
			    KH_SCOPE_VISIBLE("c") ") OR (");
	add_column(sql, sc->customer_column);
	kh_strbuf_adds(sql, " IS NULL AND ");
	add_column(sql, sc->user_column);
	kh_strbuf_adds(sql, " IN (SELECT value FROM json_each(:scope_owners))))");
}

/* Does a filter of q need a metrics value (not "none")? Then customers
 * without metrics cannot match, and the inner join lets the planner start
 * from the metrics index of that filter. */
static bool filters_metrics(const struct kh_store_query *q)
{
	for (size_t i = 0; i < q->nfilters; i++)
		if (strncmp(q->filters[i].column, "m.", 2) == 0 &&
		    !json_is_null(q->filters[i].value))
			return true;
	return false;
}

static void add_filters(struct kh_strbuf *sql, const struct kh_store_query *q, bool by_index);

/* Appends the FROM and WHERE clauses of q to sql. Every parameter is named
 * (:f0.. for the filters), so the scope's may stand anywhere. */
static void add_where(struct kh_strbuf *sql, const struct kh_store_query *q)
{
	kh_strbuf_adds(sql, " FROM ");
	kh_strbuf_adds(sql, q->table);
	kh_strbuf_adds(sql, " t");
	if (q->join_metrics) {
		kh_strbuf_adds(sql, filters_metrics(q) ? " JOIN" : " LEFT JOIN");
		kh_strbuf_adds(sql, " customer_metrics m ON m.customer_id=t.id");
	}
	add_customer_join(sql, q);
	kh_strbuf_adds(sql, " WHERE 1=1");
	if (!q->include_deleted)
		kh_strbuf_adds(sql, " AND t.deleted_at IS NULL");
	if (q->scope && !q->scope->all)
		add_visible(sql, q->scope);
	if (q->scope && q->min_level > 1) {
		kh_strbuf_adds(sql, " AND ");
		add_level(sql, q->scope);
		kh_strbuf_adds(sql, " >= :min_level");
	}
	if (q->pool_within)
		kh_strbuf_adds(sql, " AND " KH_STORE_POOL_WITHIN("t"));
	add_filters(sql, q, true);
}

/* The filters of q and its search, each " AND ...". Without by_index the
 * columns are written +t.column, which no index serves: the rows are then
 * reached by another term (their customer, in add_shared_count). */
static void add_filters(struct kh_strbuf *sql, const struct kh_store_query *q, bool by_index)
{
	for (size_t i = 0; i < q->nfilters; i++) {
		const struct kh_store_filter *f = &q->filters[i];

		assert(is_column(q, f->column) && op_allowed(f->op));
		kh_strbuf_adds(sql, by_index ? " AND " : " AND +");
		add_column(sql, f->column);
		if (strcmp(f->op, "in_ids") == 0) {
			kh_strbuf_addf(sql, " IN (SELECT value FROM json_each(:f%zu))", i);
		} else if (strcmp(f->op, "contains") == 0) {
			/* value: a LIKE pattern the service escaped with \ */
			kh_strbuf_addf(sql, " LIKE :f%zu ESCAPE '\\'", i);
		} else if (json_is_null(f->value)) {
			kh_strbuf_adds(sql, strcmp(f->op, "!=") ? " IS NULL" : " IS NOT NULL");
		} else {
			kh_strbuf_adds(sql, f->op);
			kh_strbuf_addf(sql, ":f%zu", i);
		}
	}
	/* The same range scan of the search index as kh_store_search_prefix. */
	if (q->search_prefix)
		kh_strbuf_adds(sql, " AND t.id IN (SELECT id FROM search_keys WHERE kind=1"
				    " AND key >= :prefix AND key < :prefix || char(1114111))");
}

static void bind_named_int(sqlite3_stmt *s, const char *name, int64_t v)
{
	int idx = sqlite3_bind_parameter_index(s, name);

	if (idx)
		sqlite3_bind_int64(s, idx, v);
}

static void bind_filters(sqlite3_stmt *s, const struct kh_store_query *q)
{
	char name[24];
	int idx;

	kh_store_scope_bind(s, q->scope);
	bind_named_int(s, ":min_level", q->min_level);
	if (q->pool_within)
		kh_store_pool_window_bind(s, q->pool_within);
	for (size_t i = 0; i < q->nfilters; i++) {
		snprintf(name, sizeof(name), ":f%zu", i);
		if ((idx = sqlite3_bind_parameter_index(s, name)))
			kh_store_bind_json(s, idx, q->filters[i].value);
	}
	if (q->search_prefix && (idx = sqlite3_bind_parameter_index(s, ":prefix")))
		sqlite3_bind_text(s, idx, q->search_prefix, -1, SQLITE_STATIC);
}

/* Move the m__ columns of a listed customer into row["metrics"] (null when
 * the customer has no metrics row yet). */
static void nest_metrics(json_t *row)
{
	json_t *m = json_object();
	bool present = !json_is_null(json_object_get(row, "m__customer_id"));
	char key[40];

	for (size_t i = 0; i < sizeof(metric_columns) / sizeof(metric_columns[0]); i++) {
		snprintf(key, sizeof(key), "m__%s", metric_columns[i]);
		json_object_set(m, metric_columns[i], json_object_get(row, key));
		json_object_del(row, key);
	}
	json_object_del(row, "m__customer_id");
	json_object_set_new(row, "metrics", present ? m : json_null());
	if (!present)
		json_decref(m);
}

/* The list_counts key a total of q sums (store/counts.h): the dim and value
 * its filters name, and with an owner filter of the customers the holder. */
struct count_key {
	const char *dim;
	struct kh_strbuf val;
	bool by_holder, by_pool;
	int64_t holder, pool;
};

/* A customers filter on in_pool (true/false, 1/0) is the pool part of the
 * key: *pool its value, false for another value. */
static bool pool_value(json_t *v, int64_t *pool)
{
	if (json_is_boolean(v))
		*pool = json_is_true(v);
	else if (json_is_integer(v) && (json_integer_value(v) == 0 || json_integer_value(v) == 1))
		*pool = json_integer_value(v);
	else
		return false;
	return true;
}

/* The text list_counts keeps for a filter value ('' for none), or false
 * for a value it does not count. */
static bool value_text(json_t *v, struct kh_strbuf *out)
{
	if (json_is_string(v))
		kh_strbuf_adds(out, json_string_value(v));
	else if (json_is_integer(v))
		kh_strbuf_addf(out, "%lld", (long long)json_integer_value(v));
	else if (json_is_boolean(v))
		kh_strbuf_adds(out, json_is_true(v) ? "1" : "0");
	else if (!json_is_null(v))
		return false;
	return true;
}

static const struct kh_store_filter *filter_on(const struct kh_store_query *q, const char *col,
					       size_t len)
{
	for (size_t i = 0; i < q->nfilters; i++)
		if (strlen(q->filters[i].column) == len &&
		    strncmp(q->filters[i].column, col, len) == 0)
			return &q->filters[i];
	return NULL;
}

/* Does dim count exactly the filters of q (but the holder's)? Then its
 * value into k->val, in the dim's column order. */
static bool dim_matches(const struct kh_store_query *q, const char *dim, size_t nfilters,
			struct count_key *k)
{
	size_t ncols = 0;

	kh_strbuf_reset(&k->val);
	for (const char *p = dim;; p++) {
		size_t len = strcspn(p, ",");
		const struct kh_store_filter *f = filter_on(q, p, len);

		if (!f)
			return false;
		if (ncols++)
			kh_strbuf_addch(&k->val, ',');
		if (!value_text(f->value, &k->val))
			return false;
		p += len;
		if (!*p)
			break;
	}
	return ncols == nfilters;
}

/* Can list_counts answer q's total? Equality filters only, on counted
 * columns, every row of the scope at the level asked for. */
static bool count_key_of(const struct kh_store_query *q, const struct kh_counted *c,
			 struct count_key *k)
{
	size_t n = q->nfilters;

	if (!c || q->search_prefix || q->include_deleted || q->pool_within ||
	    (q->scope && q->min_level > 1 && !(q->scope->all && q->scope->manager)))
		return false;
	for (size_t i = 0; i < q->nfilters; i++) {
		const struct kh_store_filter *f = &q->filters[i];

		if (strcmp(f->op, "=") || strncmp(f->column, "m.", 2) == 0)
			return false;
		if (c->self && strcmp(f->column, "owner_id") == 0) {
			if (!json_is_null(f->value) && !json_is_integer(f->value))
				return false;
			k->by_holder = true;
			k->holder = json_is_null(f->value) ? 0 : json_integer_value(f->value);
			n--;
		} else if (c->self && strcmp(f->column, "in_pool") == 0) {
			if (k->by_pool || !pool_value(f->value, &k->pool))
				return false;
			k->by_pool = true;
			n--;
		}
	}
	if (n == 0) {
		k->dim = "";
		return true;
	}
	for (size_t i = 0; c->dims[i]; i++)
		if (dim_matches(q, c->dims[i], n, k)) {
			k->dim = c->dims[i];
			return true;
		}
	return false;
}

/* The rows a rep sees only because their customer is shared with them:
 * not held by one of the scope's owners nor in its pool. Few, counted from
 * customer_team, which stays the outer loop (CROSS JOIN): started from a
 * filter's index instead, the count read a segment's 83,000 customers. */
static void add_shared_count(struct kh_strbuf *sql, const struct kh_store_query *q)
{
	bool self = strcmp(q->table, "customers") == 0;

	kh_strbuf_addf(sql, " + (SELECT count(*) FROM customer_team ct CROSS JOIN customers %s",
		       self ? "t" : "c");
	if (!self)
		kh_strbuf_addf(sql, " CROSS JOIN %s t", q->table);
	kh_strbuf_addf(sql, " WHERE %s.id = ct.customer_id", self ? "t" : "c");
	if (!self)
		kh_strbuf_adds(sql, " AND t.customer_id = c.id");
	kh_strbuf_addf(sql, " AND ct.user_id = :scope_user AND %s.deleted_at IS NULL"
			    " AND NOT (coalesce(%s.owner_id, 0) IN (SELECT value FROM"
			    " json_each(:scope_owners)) OR (:scope_pool AND %s.in_pool = 1))",
		       self ? "t" : "c", self ? "t" : "c", self ? "t" : "c");
	if (!self)
		kh_strbuf_adds(sql, " AND t.deleted_at IS NULL");
	/* by their customer's index, not a filter's (a rep's own visits, by
	 * user, kind and status, would be read once per shared customer) */
	add_filters(sql, q, self);
	kh_strbuf_addch(sql, ')');
}

/* The total of q from list_counts: a sum over the holders (those of the
 * scope and its pool) plus the shared rows. */
static void add_counted_sql(struct kh_strbuf *sql, const struct kh_store_query *q,
			    const struct count_key *k)
{
	bool scoped = q->scope && !q->scope->all;

	kh_strbuf_addf(sql, "SELECT (SELECT coalesce(sum(n), 0) FROM list_counts"
			    " WHERE tbl = '%s' AND dim = :c_dim AND val = :c_val", q->table);
	if (k->by_holder)
		kh_strbuf_adds(sql, " AND holder = :c_holder");
	if (k->by_pool)
		kh_strbuf_adds(sql, " AND pool = :c_pool");
	if (scoped)
		kh_strbuf_adds(sql, " AND (holder IN (SELECT value FROM json_each(:scope_owners))"
				    " OR (:scope_pool AND pool = 1))");
	kh_strbuf_addch(sql, ')');
	if (scoped)
		add_shared_count(sql, q);
}

/* The count of q's rows, as kh_store_list prepares it: from list_counts
 * when it can (*k filled, true), else count(*). */
static bool add_count_sql(struct kh_strbuf *sql, const struct kh_store_query *q,
			  struct count_key *k)
{
	if (count_key_of(q, kh_counts_spec(q->table), k)) {
		add_counted_sql(sql, q, k);
		return true;
	}
	kh_strbuf_adds(sql, "SELECT count(*)");
	add_where(sql, q);
	return false;
}

static bool sorted_by_id(const struct kh_store_query *q)
{
	return !q->sort || strcmp(q->sort, "id") == 0;
}

/* The id the page is ordered by: a customer's, unless a metrics filter
 * starts the join from that metric's index, whose entries for one value
 * are in customer_id order; ordered by m.customer_id (= t.id), the page
 * reads the first entries of that range instead of sorting every match
 * (76,000 customers of class A at 1M). */
static const char *id_column(const struct kh_store_query *q)
{
	return q->join_metrics && filters_metrics(q) && sorted_by_id(q) ? "m.customer_id" : "t.id";
}

/* Is q sorted by a customer metric (no index: the unanalysed go last)? */
static bool metric_sort(const struct kh_store_query *q)
{
	return q->sort && strncmp(q->sort, "m.", 2) == 0;
}

/* The ORDER BY of q. The tie-break on id runs in the sort's direction, so
 * one index on the sorted column (which holds the rowid last) serves both
 * directions without a temporary sort; a metrics sort, which no index
 * serves, keeps equal values in id order. */
static void add_order(struct kh_strbuf *sql, const struct kh_store_query *q)
{
	bool metric = metric_sort(q);

	kh_strbuf_adds(sql, " ORDER BY ");
	if (metric) {
		/* Customers not analysed yet go last, whichever the direction. */
		kh_strbuf_adds(sql, q->sort);
		kh_strbuf_adds(sql, " IS NULL, ");
	}
	if (sorted_by_id(q))
		kh_strbuf_adds(sql, id_column(q));
	else
		add_column(sql, q->sort);
	kh_strbuf_adds(sql, q->descending ? " DESC" : " ASC");
	if (q->sort && strcmp(q->sort, "id"))
		kh_strbuf_adds(sql, q->descending && !metric ? ", t.id DESC" : ", t.id ASC");
}

/* Keyset paging. A sort's rows come in two segments, those with a NULL
 * sort value (first in an ascending index sort, last otherwise) and the
 * others; a cursor continues its own segment through an index range, and
 * a page that ends it goes on with the next segment from its start. */
enum page_part { PAGE_ALL, PAGE_AFTER, PAGE_NEXT_SEGMENT };

static bool nulls_last(const struct kh_store_query *q)
{
	return metric_sort(q) || q->descending;
}

/* Is there a segment after the cursor's? */
static bool has_next_segment(const struct kh_store_query *q)
{
	bool at_null = json_is_null(json_array_get(q->after, 0));

	return !sorted_by_id(q) && at_null != nulls_last(q);
}

static void add_after(struct kh_strbuf *sql, const struct kh_store_query *q, enum page_part part)
{
	const char *col = q->sort, *id_cmp = q->descending && !metric_sort(q) ? "<" : ">";
	const char *cmp = q->descending ? "<" : ">";

	if (part == PAGE_ALL)
		return;
	if (sorted_by_id(q)) {
		kh_strbuf_addf(sql, " AND %s %s :after_id", id_column(q), q->descending ? "<" : ">");
		return;
	}
	kh_strbuf_adds(sql, " AND ");
	add_column(sql, col);
	if (part == PAGE_NEXT_SEGMENT) {
		kh_strbuf_adds(sql, nulls_last(q) ? " IS NULL" : " IS NOT NULL");
	} else if (json_is_null(json_array_get(q->after, 0))) {
		kh_strbuf_addf(sql, " IS NULL AND t.id %s :after_id", id_cmp);
	} else {
		/* the range first, for the index; then past the cursor's own row */
		kh_strbuf_addf(sql, " %s= :after_value AND (", cmp);
		add_column(sql, col);
		kh_strbuf_addf(sql, " %s :after_value OR t.id %s :after_id)", cmp, id_cmp);
	}
}

/* One page of q's rows (or the part of it after q->after), as
 * kh_store_list prepares it. */
static void add_page_sql(struct kh_strbuf *sql, const struct kh_store_query *q,
			 enum page_part part)
{
	kh_strbuf_adds(sql, "SELECT t.*, ");
	add_column(sql, q->sort ? q->sort : "id");
	kh_strbuf_adds(sql, " AS kh__sort");
	if (q->join_metrics) {
		kh_strbuf_adds(sql, ", m.customer_id AS m__customer_id");
		for (size_t i = 0; i < sizeof(metric_columns) / sizeof(metric_columns[0]); i++) {
			kh_strbuf_adds(sql, ", m.");
			kh_strbuf_adds(sql, metric_columns[i]);
			kh_strbuf_adds(sql, " AS m__");
			kh_strbuf_adds(sql, metric_columns[i]);
		}
	}
	if (q->with_customer_name)
		kh_strbuf_adds(sql, ", (SELECT cn.name FROM customers cn WHERE cn.id=t.customer_id)"
				    " AS customer_name");
	if (q->scope) {
		kh_strbuf_adds(sql, ", ");
		add_level(sql, q->scope);
		kh_strbuf_adds(sql, " AS kh__level");
	}
	add_where(sql, q);
	add_after(sql, q, part);
	add_order(sql, q);
	kh_strbuf_adds(sql, part == PAGE_ALL ? " LIMIT :limit OFFSET :offset" : " LIMIT :limit");
}

static void check_query(const struct kh_store_query *q)
{
	assert(kh_store_is_identifier(q->table));
	assert(!q->sort || is_column(q, q->sort));
	assert(!(q->join_metrics || q->search_prefix || q->pool_within) ||
	       strcmp(q->table, "customers") == 0);
	assert(!q->sort || strcmp(q->sort, KH_STORE_POOL_DUE_SORT) || q->pool_within);
	assert(!q->after || (json_array_size(q->after) == 2 &&
			     json_is_integer(json_array_get(q->after, 1))));
	(void)q;
}

char *kh_store_list_sql(const struct kh_store_query *q, bool count)
{
	struct kh_strbuf sql;
	struct count_key k = {0};

	check_query(q);
	kh_strbuf_init(&sql, 0);
	kh_strbuf_init(&k.val, 0);
	if (count)
		add_count_sql(&sql, q, &k);
	else
		add_page_sql(&sql, q, q->after ? PAGE_AFTER : PAGE_ALL);
	kh_strbuf_release(&k.val);
	return kh_strbuf_detach(&sql, NULL);
}

static int list_total(struct kh_store *st, const struct kh_store_query *q, int64_t *total,
		      struct kh_error *err)
{
	struct kh_strbuf sql;
	struct count_key k = {0};
	sqlite3_stmt *s;
	bool counted;
	int rc = KH_EDB;

	kh_strbuf_init(&sql, 0);
	kh_strbuf_init(&k.val, 0);
	counted = add_count_sql(&sql, q, &k);
	if (!(s = kh_store_stmt_dyn(st, sql.buf, err)))
		goto out;
	bind_filters(s, q);
	if (counted) {
		sqlite3_bind_text(s, sqlite3_bind_parameter_index(s, ":c_dim"), k.dim, -1,
				  SQLITE_STATIC);
		sqlite3_bind_text(s, sqlite3_bind_parameter_index(s, ":c_val"), k.val.buf,
				  (int)k.val.len, SQLITE_TRANSIENT);
		bind_named_int(s, ":c_holder", k.holder);
		bind_named_int(s, ":c_pool", k.pool);
	}
	if (sqlite3_step(s) == SQLITE_ROW) {
		*total = sqlite3_column_int64(s, 0);
		rc = 0;
	} else {
		rc = kh_store_fail(st, err);
	}
	sqlite3_reset(s);
out:
	kh_strbuf_release(&k.val);
	kh_strbuf_release(&sql);
	return rc;
}

/* Append up to limit rows of one part of q's page to arr. */
static int list_part(struct kh_store *st, const struct kh_store_query *q, enum page_part part,
		     int64_t limit, json_t *arr, struct kh_error *err)
{
	struct kh_strbuf sql;
	sqlite3_stmt *s;
	int idx, rc = KH_EDB;

	kh_strbuf_init(&sql, 0);
	add_page_sql(&sql, q, part);
	s = kh_store_stmt_dyn(st, sql.buf, err);
	kh_strbuf_release(&sql);
	if (!s)
		return rc;
	bind_filters(s, q);
	bind_named_int(s, ":limit", limit);
	bind_named_int(s, ":offset", q->offset);
	if (q->after) {
		bind_named_int(s, ":after_id", json_integer_value(json_array_get(q->after, 1)));
		if ((idx = sqlite3_bind_parameter_index(s, ":after_value")))
			kh_store_bind_json(s, idx, json_array_get(q->after, 0));
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		json_t *row = kh_store_row_json(s);

		if (row && q->join_metrics)
			nest_metrics(row);
		json_array_append_new(arr, row);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}

int kh_store_list(struct kh_store *st, const struct kh_store_query *q, json_t **rows,
		  int64_t *total, struct kh_error *err)
{
	json_t *arr;
	int rc;

	check_query(q);
	*total = -1;
	if (!q->no_total && (rc = list_total(st, q, total, err)))
		return rc;
	if (!(arr = json_array()))
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	rc = list_part(st, q, q->after ? PAGE_AFTER : PAGE_ALL, q->limit, arr, err);
	if (rc == 0 && q->after && has_next_segment(q) &&
	    (int64_t)json_array_size(arr) < q->limit)
		rc = list_part(st, q, PAGE_NEXT_SEGMENT, q->limit - (int64_t)json_array_size(arr),
			       arr, err);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	*rows = arr;
	return 0;
}

/* Does q match a row whose level compares (cmp) with level? */
static int list_level_probe(struct kh_store *st, const struct kh_store_query *q, const char *cmp,
			    int level, bool *found, struct kh_error *err)
{
	struct kh_strbuf sql;
	sqlite3_stmt *s;
	int rc;

	assert(q->scope && kh_store_is_identifier(q->table));
	kh_strbuf_init(&sql, 0);
	kh_strbuf_adds(&sql, "SELECT 1");
	add_where(&sql, q);
	kh_strbuf_adds(&sql, " AND ");
	add_level(&sql, q->scope);
	kh_strbuf_adds(&sql, cmp);
	kh_strbuf_adds(&sql, " :level LIMIT 1");
	s = kh_store_stmt_dyn(st, sql.buf, err);
	kh_strbuf_release(&sql);
	if (!s)
		return KH_EDB;
	bind_filters(s, q);
	bind_named_int(s, ":level", level);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return kh_store_fail(st, err);
	*found = rc == SQLITE_ROW;
	return 0;
}

int kh_store_list_below_level(struct kh_store *st, const struct kh_store_query *q, int level,
			      bool *found, struct kh_error *err)
{
	return list_level_probe(st, q, " <", level, found, err);
}

int kh_store_list_reaches_level(struct kh_store *st, const struct kh_store_query *q, int level,
				bool *found, struct kh_error *err)
{
	return list_level_probe(st, q, " >=", level, found, err);
}
