/*
 * statistics.c: the scoped reads of the 7P statistics (see statistics.h).
 * Each statement joins the order to its customer and carries the
 * data-scope predicate of store/scope.h, with :scope_all lifting it for an
 * unrestricted caller, so each is one cached text; the three groupings of
 * the sales are three texts, chosen by the enum, never built from input.
 * Plain joins and GROUP BY: nothing a PostgreSQL port has to change but
 * the scope's json_each.
 */
#include "store/analysis/statistics.h"
#include "store/scope.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* The live, not cancelled orders of the period whose customer (c) is live
 * and in scope. */
#define ORDERS_IN_SCOPE                                                                  \
	" FROM orders o JOIN customers c ON c.id = o.customer_id"                        \
	" WHERE o.deleted_at IS NULL AND o.status != 'cancelled'"                        \
	" AND o.order_date >= :from AND o.order_date <= :to"                             \
	" AND c.deleted_at IS NULL AND " KH_SCOPE_VISIBLE("c")
#define COST(t) "coalesce(" t ".cost_fen, CAST(round(" t ".amount_fen * (1 - :margin)) AS INTEGER))"

static const char *const sales_sql[] = {
	/* One pass: an order without lines joins no line and counts whole,
	 * under null, as do lines whose product has no category. */
	[KH_STAT_CATEGORY] =
		"SELECT NULLIF(p.category, '') AS \"key\", count(DISTINCT o.id) AS orders,"
		" count(DISTINCT o.customer_id) AS customers,"
		" sum(coalesce(l.amount_fen, o.amount_fen)) AS revenue_fen,"
		" sum(CASE WHEN l.id IS NULL THEN o.amount_fen - " COST("o")
		" ELSE l.amount_fen - " COST("l") " END) AS profit_fen"
		" FROM orders o JOIN customers c ON c.id = o.customer_id"
		" LEFT JOIN order_lines l ON l.order_id = o.id"
		" LEFT JOIN products p ON p.id = l.product_id"
		" WHERE o.deleted_at IS NULL AND o.status != 'cancelled'"
		" AND o.order_date >= :from AND o.order_date <= :to"
		" AND c.deleted_at IS NULL AND " KH_SCOPE_VISIBLE("c")
		" GROUP BY NULLIF(p.category, '') ORDER BY revenue_fen DESC, 1",
	[KH_STAT_CHANNEL] =
		"SELECT NULLIF(o.channel, '') AS \"key\", count(*) AS orders,"
		" count(DISTINCT o.customer_id) AS customers, sum(o.amount_fen) AS revenue_fen,"
		" sum(o.amount_fen - " COST("o") ") AS profit_fen" ORDERS_IN_SCOPE
		" GROUP BY NULLIF(o.channel, '') ORDER BY revenue_fen DESC, 1",
	[KH_STAT_REGION] =
		"SELECT NULLIF(c.region, '') AS \"key\", count(*) AS orders,"
		" count(DISTINCT o.customer_id) AS customers, sum(o.amount_fen) AS revenue_fen,"
		" sum(o.amount_fen - " COST("o") ") AS profit_fen" ORDERS_IN_SCOPE
		" GROUP BY NULLIF(c.region, '') ORDER BY revenue_fen DESC, 1",
};

static void bind_text(sqlite3_stmt *s, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(s, name);

	if (i)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

/* The statement of sql with the scope and the period bound, or NULL. */
static sqlite3_stmt *period_stmt(struct kh_store *st, const char *sql,
				 const struct kh_scope *scope, const char *from, const char *to,
				 struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, sql, err);

	if (!s)
		return NULL;
	kh_store_scope_bind(s, scope);
	bind_text(s, ":from", from);
	bind_text(s, ":to", to);
	return s;
}

int kh_store_stat_sales(struct kh_store *st, const struct kh_scope *scope,
			enum kh_stat_group group, const char *from, const char *to,
			double default_margin, json_t **out, struct kh_error *err)
{
	sqlite3_stmt *s;

	if ((unsigned)group > KH_STAT_REGION)
		return kh_error_set(err, KH_EINVAL, "group", "no such grouping");
	if (!(s = period_stmt(st, sales_sql[group], scope, from, to, err)))
		return KH_EDB;
	sqlite3_bind_double(s, sqlite3_bind_parameter_index(s, ":margin"), default_margin);
	return kh_store_rows_json(st, s, out, err);
}

int kh_store_stat_records(struct kh_store *st, const struct kh_scope *scope, const char *to,
			  json_t **out, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"SELECT substr(c.created_at, 1, 7) AS month, NULLIF(c.segment, '') AS segment,"
		" NULLIF(c.source, '') AS source, count(*) AS n FROM customers c"
		" WHERE c.deleted_at IS NULL AND " KH_SCOPE_VISIBLE("c")
		" AND c.created_at < date(:to, '+1 day')"
		" GROUP BY substr(c.created_at, 1, 7), NULLIF(c.segment, ''), NULLIF(c.source, '')"
		" ORDER BY 1", err);

	if (!s)
		return KH_EDB;
	kh_store_scope_bind(s, scope);
	bind_text(s, ":to", to);
	return kh_store_rows_json(st, s, out, err);
}

int kh_store_stat_first_orders(struct kh_store *st, const struct kh_scope *scope,
			       const char *from, const char *to, json_t **out,
			       struct kh_error *err)
{
	/* The first order of each customer of the scope, whenever it was: a
	 * customer who bought before the period is not acquired in it. */
	sqlite3_stmt *s = kh_store_stmt(st,
		"SELECT substr(f.first, 1, 7) AS month, count(*) AS n FROM"
		" (SELECT min(o.order_date) first FROM orders o JOIN customers c ON c.id = o.customer_id"
		"  WHERE o.deleted_at IS NULL AND o.status != 'cancelled' AND o.order_date <= :to"
		"  AND c.deleted_at IS NULL AND " KH_SCOPE_VISIBLE("c") " GROUP BY o.customer_id) f"
		" WHERE f.first >= :from GROUP BY substr(f.first, 1, 7) ORDER BY 1", err);

	if (!s)
		return KH_EDB;
	kh_store_scope_bind(s, scope);
	bind_text(s, ":from", from);
	bind_text(s, ":to", to);
	return kh_store_rows_json(st, s, out, err);
}

int kh_store_stat_profile(struct kh_store *st, const struct kh_scope *scope, json_t **out,
			  struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"SELECT NULLIF(c.grade, '') AS grade, NULLIF(c.segment, '') AS segment,"
		" NULLIF(c.nature, '') AS nature, count(*) AS n FROM customers c"
		" WHERE c.deleted_at IS NULL AND " KH_SCOPE_VISIBLE("c")
		" GROUP BY NULLIF(c.grade, ''), NULLIF(c.segment, ''), NULLIF(c.nature, '')", err);

	if (!s)
		return KH_EDB;
	kh_store_scope_bind(s, scope);
	return kh_store_rows_json(st, s, out, err);
}

int kh_store_stat_baskets(struct kh_store *st, const struct kh_scope *scope, const char *from,
			  const char *to, int64_t **items, size_t **start, size_t *n,
			  struct kh_error *err)
{
	sqlite3_stmt *s = period_stmt(st,
		"SELECT l.order_id, l.product_id FROM orders o"
		" JOIN customers c ON c.id = o.customer_id JOIN order_lines l ON l.order_id = o.id"
		" WHERE o.deleted_at IS NULL AND o.status != 'cancelled'"
		" AND o.order_date >= :from AND o.order_date <= :to"
		" AND c.deleted_at IS NULL AND " KH_SCOPE_VISIBLE("c") " ORDER BY l.order_id",
		scope, from, to, err);

	if (!s)
		return KH_EDB;
	return kh_store_groups(st, s, sizeof(**items), (void **)items, start, n, err);
}

int kh_store_stat_products(struct kh_store *st, json_t **out, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"SELECT id, name, code, category FROM products ORDER BY id", err);

	return s ? kh_store_rows_json(st, s, out, err) : KH_EDB;
}

int kh_store_stat_customer_products(struct kh_store *st, int64_t customer_id, int64_t **ids,
				    size_t *n, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"SELECT DISTINCT l.product_id FROM orders o JOIN order_lines l ON l.order_id = o.id"
		" WHERE o.customer_id = ?1 AND o.deleted_at IS NULL AND o.status != 'cancelled'"
		" ORDER BY 1", err);
	int64_t *v = NULL;
	size_t count = 0, cap = 0;
	int rc;

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, customer_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (kh_store_grow((void **)&v, &cap, count, sizeof(*v))) {
			sqlite3_reset(s);
			free(v);
			return kh_error_set(err, KH_ENOMEM, "", "out of memory");
		}
		v[count++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(v);
		return kh_store_fail(st, err);
	}
	*ids = v;
	*n = count;
	return 0;
}
