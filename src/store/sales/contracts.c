/*
 * contracts.c: document numbers, contract and opportunity lines and the
 * receipt sums (see
 * contracts.h). Every statement is a literal (the statement cache keys on
 * it); the number's table is one of two, chosen by name.
 */
#include "store/sales/contracts.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "store/sql.h"
#include "base/banned.h"

int kh_store_doc_number_max(struct kh_store *st, const char *table, const char *prefix,
			    int digits, const char *suffix, int64_t *max, struct kh_error *err)
{
	/* The range of numbers starting with prefix is an index range of the
	 * UNIQUE index; the rest is checked on the few rows of the day. */
	static const char *const sql[] = {
		"SELECT number FROM contracts WHERE number >= ?1 AND number < ?1 || char(1114111)",
		"SELECT number FROM receivables WHERE number >= ?1 AND number < ?1 || char(1114111)",
	};
	size_t plen = strlen(prefix), slen = strlen(suffix);
	sqlite3_stmt *s;
	int rc;

	s = kh_store_stmt(st, strcmp(table, "contracts") == 0 ? sql[0] : sql[1], err);
	if (!s)
		return KH_EDB;
	*max = 0;
	sqlite3_bind_text(s, 1, prefix, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *n = (const char *)sqlite3_column_text(s, 0);
		size_t len = n ? strlen(n) : 0;
		int64_t v = 0;
		bool digits_only = true;

		if (len != plen + (size_t)digits + slen || strcmp(n + plen + digits, suffix))
			continue;
		for (int i = 0; i < digits; i++) {
			char c = n[plen + (size_t)i];

			if (c < '0' || c > '9')
				digits_only = false;
			else
				v = v * 10 + (c - '0');
		}
		if (digits_only && v > *max)
			*max = v;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}

int kh_store_doc_number_taken(struct kh_store *st, const char *table, const char *number,
			      bool *taken, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, strcmp(table, "contracts") == 0
						    ? "SELECT 1 FROM contracts WHERE number = ?"
						    : "SELECT 1 FROM receivables WHERE number = ?",
					err);
	int rc;

	if (!s)
		return KH_EDB;
	sqlite3_bind_text(s, 1, number, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	*taken = rc == SQLITE_ROW;
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}

/* The statement of which kind (indexed by enum kh_lines_of): every one a
 * literal, so that the statement cache keys on it. */
static sqlite3_stmt *lines_stmt(struct kh_store *st, const char *const sql[2],
				enum kh_lines_of of, struct kh_error *err)
{
	return kh_store_stmt(st, sql[of == KH_LINES_OPPORTUNITY], err);
}

int kh_store_doc_lines(struct kh_store *st, enum kh_lines_of of, int64_t doc_id, json_t **out,
		       struct kh_error *err)
{
	static const char *const sql[] = {
		"SELECT l.id, l.product_id, p.name AS product_name, l.quantity,"
		" l.unit_price_fen, l.amount_fen"
		" FROM contract_lines l JOIN products p ON p.id = l.product_id"
		" WHERE l.contract_id = ? ORDER BY l.id",
		"SELECT l.id, l.product_id, p.name AS product_name, l.quantity,"
		" l.unit_price_fen, l.amount_fen"
		" FROM opportunity_lines l JOIN products p ON p.id = l.product_id"
		" WHERE l.opportunity_id = ? ORDER BY l.id",
	};
	sqlite3_stmt *s = lines_stmt(st, sql, of, err);

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, doc_id);
	return kh_store_rows_json(st, s, out, err);
}

static int step_done(struct kh_store *st, sqlite3_stmt *s, struct kh_error *err)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}

int kh_store_doc_line_add(struct kh_store *st, enum kh_lines_of of, int64_t doc_id,
			  int64_t product_id, int64_t quantity, int64_t unit_price_fen,
			  int64_t amount_fen, struct kh_error *err)
{
	static const char *const sql[] = {
		"INSERT INTO contract_lines(contract_id, product_id,"
		" quantity, unit_price_fen, amount_fen) VALUES (?,?,?,?,?)",
		"INSERT INTO opportunity_lines(opportunity_id, product_id,"
		" quantity, unit_price_fen, amount_fen) VALUES (?,?,?,?,?)",
	};
	sqlite3_stmt *s = lines_stmt(st, sql, of, err);

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, doc_id);
	sqlite3_bind_int64(s, 2, product_id);
	sqlite3_bind_int64(s, 3, quantity);
	sqlite3_bind_int64(s, 4, unit_price_fen);
	sqlite3_bind_int64(s, 5, amount_fen);
	return step_done(st, s, err);
}

int kh_store_doc_lines_clear(struct kh_store *st, enum kh_lines_of of, int64_t doc_id,
			     struct kh_error *err)
{
	static const char *const sql[] = {
		"DELETE FROM contract_lines WHERE contract_id = ?",
		"DELETE FROM opportunity_lines WHERE opportunity_id = ?",
	};
	sqlite3_stmt *s = lines_stmt(st, sql, of, err);

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, doc_id);
	return step_done(st, s, err);
}

/* One row of two integers from s (bound by the caller). */
static int two_ints(struct kh_store *st, sqlite3_stmt *s, int64_t *a, int64_t *b,
		    struct kh_error *err)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW) {
		*a = sqlite3_column_int64(s, 0);
		if (b)
			*b = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : kh_store_fail(st, err);
}

int kh_store_doc_lines_sum(struct kh_store *st, enum kh_lines_of of, int64_t doc_id,
			   int64_t *sum, int64_t *n, struct kh_error *err)
{
	static const char *const sql[] = {
		"SELECT coalesce(sum(amount_fen), 0), count(*)"
		" FROM contract_lines WHERE contract_id = ?",
		"SELECT coalesce(sum(amount_fen), 0), count(*)"
		" FROM opportunity_lines WHERE opportunity_id = ?",
	};
	sqlite3_stmt *s = lines_stmt(st, sql, of, err);

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, doc_id);
	return two_ints(st, s, sum, n, err);
}

int kh_store_receipts_committed(struct kh_store *st, int64_t contract_id, int64_t except_id,
				int64_t *sum, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT coalesce(sum(amount_fen), 0) FROM receivables"
					    " WHERE contract_id = ? AND id <> ? AND deleted_at IS NULL"
					    " AND status IN ('review', 'approved')", err);

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, contract_id);
	sqlite3_bind_int64(s, 2, except_id);
	return two_ints(st, s, sum, NULL, err);
}

int kh_store_receipts_count(struct kh_store *st, int64_t contract_id, bool active_only,
			    int64_t *n, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT count(*) FROM receivables"
					    " WHERE contract_id = ? AND deleted_at IS NULL"
					    " AND (? = 0 OR status IN ('review', 'approved'))", err);

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, contract_id);
	sqlite3_bind_int(s, 2, active_only);
	return two_ints(st, s, n, NULL, err);
}

int kh_store_plan_received(struct kh_store *st, int64_t plan_id, int64_t *sum, char last[11],
			   struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT coalesce(sum(amount_fen), 0),"
					    " coalesce(max(received_date), '') FROM receivables"
					    " WHERE plan_id = ? AND deleted_at IS NULL"
					    " AND status = 'approved'", err);
	int rc;

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, plan_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*sum = sqlite3_column_int64(s, 0);
		snprintf(last, 11, "%s", (const char *)sqlite3_column_text(s, 1));
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : kh_store_fail(st, err);
}

int kh_store_contract_order(struct kh_store *st, int64_t contract_id, int64_t *order_id,
			    struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT id FROM orders WHERE contract_id = ?", err);
	int rc;

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, contract_id);
	rc = sqlite3_step(s);
	*order_id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}
