/* view.c: the aggregate queries of the 360-degree view. */
#include "store/store.h"
#include "store/view.h"

#include "base/banned.h"

int kh_store_products_bought(struct kh_store *st, int64_t customer_id, json_t **out,
			     struct kh_error *err)
{
	sqlite3_stmt *s;

	s = kh_store_stmt(st,
		"SELECT p.id, p.code, p.name, p.category, sum(l.quantity) AS quantity,"
		" sum(l.amount_fen) AS amount_fen, count(DISTINCT o.id) AS orders,"
		" max(o.order_date) AS last_bought"
		" FROM orders o JOIN order_lines l ON l.order_id = o.id"
		" JOIN products p ON p.id = l.product_id"
		" WHERE o.customer_id = ? AND o.deleted_at IS NULL AND o.status != 'cancelled'"
		" GROUP BY p.id ORDER BY amount_fen DESC, p.id", err);
	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, customer_id);
	return kh_store_rows_json(st, s, out, err);
}

int kh_store_order_lines(struct kh_store *st, int64_t order_id, json_t **out,
			 struct kh_error *err)
{
	sqlite3_stmt *s;

	s = kh_store_stmt(st,
		"SELECT l.id, l.product_id, p.name AS product_name, l.quantity,"
		" l.unit_price_fen, l.amount_fen, l.cost_fen"
		" FROM order_lines l JOIN products p ON p.id = l.product_id"
		" WHERE l.order_id = ? ORDER BY l.id", err);
	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, order_id);
	return kh_store_rows_json(st, s, out, err);
}

int kh_store_order_lines_of(struct kh_store *st, json_t *ids, json_t **out,
			    struct kh_error *err)
{
	sqlite3_stmt *s;

	s = kh_store_stmt(st,
		"SELECT l.order_id, l.id, l.product_id, p.name AS product_name, l.quantity,"
		" l.unit_price_fen, l.amount_fen, l.cost_fen"
		" FROM order_lines l JOIN products p ON p.id = l.product_id"
		" WHERE l.order_id IN (SELECT value FROM json_each(?)) ORDER BY l.order_id, l.id",
		err);
	if (!s)
		return KH_EDB;
	kh_store_bind_json(s, 1, ids);
	return kh_store_rows_json(st, s, out, err);
}

int kh_store_order_line_add(struct kh_store *st, int64_t order_id, int64_t product_id,
			    int64_t quantity, int64_t unit_price_fen, int64_t cost_fen,
			    struct kh_error *err)
{
	sqlite3_stmt *s;
	int64_t amount;
	int rc;

	s = kh_store_stmt(st, "INSERT INTO order_lines(order_id, product_id, quantity,"
			      " unit_price_fen, amount_fen, cost_fen) VALUES (?,?,?,?,?,?)", err);
	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, order_id);
	sqlite3_bind_int64(s, 2, product_id);
	sqlite3_bind_int64(s, 3, quantity);
	sqlite3_bind_int64(s, 4, unit_price_fen);
	/* the service checked the product against the money maximum */
	if (__builtin_mul_overflow(quantity, unit_price_fen, &amount))
		return kh_error_set(err, KH_EINVAL, "quantity", "the line total overflows");
	sqlite3_bind_int64(s, 5, amount);
	if (cost_fen >= 0)
		sqlite3_bind_int64(s, 6, cost_fen);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}
