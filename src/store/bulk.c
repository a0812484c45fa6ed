/*
 * bulk.c: batches of new rows for the demo tables (see bulk.h). One
 * statement per table, prepared once (the store's statement cache) and
 * stepped once per row, table after table, so each B-tree grows at its end
 * while its pages are in the cache.
 */
#include "store/bulk.h"

#include <stdio.h>

#include "base/parse.h"
#include "base/banned.h"

/* The ids a batch's rows get: the next free id of each table. */
struct ids {
	int64_t customer, contact, order, line, payment, activity, opportunity;
};

static int step(struct kh_store *st, sqlite3_stmt *s, struct kh_error *err)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}

static void bind_text(sqlite3_stmt *s, int idx, const char *text)
{
	if (text)
		sqlite3_bind_text(s, idx, text, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, idx);
}

/* An id of an existing row; 0 is none. */
static void bind_ref(sqlite3_stmt *s, int idx, int64_t id)
{
	if (id)
		sqlite3_bind_int64(s, idx, id);
	else
		sqlite3_bind_null(s, idx);
}

/* buf must live until the statement is stepped. */
static void bind_date(sqlite3_stmt *s, int idx, int32_t days, char buf[11])
{
	kh_date_format(days, buf);
	sqlite3_bind_text(s, idx, buf, 10, SQLITE_STATIC);
}

static int next_id(struct kh_store *st, const char *sql, int64_t *id, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, sql, err);
	int rc;

	if (!s)
		return KH_EDB;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0) + 1;
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : kh_store_fail(st, err);
}

static int next_ids(struct kh_store *st, struct ids *ids, struct kh_error *err)
{
	int rc;

	if ((rc = next_id(st, "SELECT coalesce(max(id), 0) FROM customers", &ids->customer, err)) ||
	    (rc = next_id(st, "SELECT coalesce(max(id), 0) FROM contacts", &ids->contact, err)) ||
	    (rc = next_id(st, "SELECT coalesce(max(id), 0) FROM orders", &ids->order, err)) ||
	    (rc = next_id(st, "SELECT coalesce(max(id), 0) FROM order_lines", &ids->line, err)) ||
	    (rc = next_id(st, "SELECT coalesce(max(id), 0) FROM payments", &ids->payment, err)) ||
	    (rc = next_id(st, "SELECT coalesce(max(id), 0) FROM activities", &ids->activity,
			  err)) ||
	    (rc = next_id(st, "SELECT coalesce(max(id), 0) FROM opportunities",
			  &ids->opportunity, err)))
		return rc;
	return 0;
}

static int write_customers(struct kh_store *st, const struct kh_bulk_batch *b,
			   const struct ids *ids, const char *now, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"INSERT INTO customers(id, name, region, segment, source, size, nature, phone,"
		" founded_on, key_account, address, owner_id, team_id, in_pool, grade,"
		" visit_cadence_days, purchase_budget_fen, decision_process,"
		" decision_maker_background, created_at, updated_at)"
		" VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", err);
	int rc = 0;

	if (!s)
		return KH_EDB;
	sqlite3_bind_text(s, 20, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 21, now, -1, SQLITE_STATIC);
	for (size_t i = 0; i < b->ncustomers && rc == 0; i++) {
		const struct kh_bulk_customer *c = &b->customers[i];
		char founded[11];

		sqlite3_bind_int64(s, 1, ids->customer + (int64_t)i);
		bind_text(s, 2, c->name);
		bind_text(s, 3, c->region);
		bind_text(s, 4, c->segment);
		bind_text(s, 5, c->source);
		bind_text(s, 6, c->size);
		bind_text(s, 7, c->nature);
		bind_text(s, 8, c->phone);
		bind_date(s, 9, c->founded_on, founded);
		sqlite3_bind_int(s, 10, c->key_account);
		bind_text(s, 11, c->address);
		bind_ref(s, 12, c->owner_id);
		bind_ref(s, 13, c->team_id);
		sqlite3_bind_int(s, 14, c->in_pool);
		bind_text(s, 15, c->grade);
		bind_ref(s, 16, c->visit_cadence_days);
		bind_ref(s, 17, c->purchase_budget_fen);
		bind_text(s, 18, c->decision_process);
		bind_text(s, 19, c->decision_maker_background);
		rc = step(st, s, err);
	}
	return rc;
}

static int write_contacts(struct kh_store *st, const struct kh_bulk_batch *b,
			  const struct ids *ids, const char *now, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"INSERT INTO contacts(id, customer_id, name, gender, title, mobile, birthday,"
		" purchase_role, decision_level, reports_to, created_at, updated_at)"
		" VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", err);
	int rc = 0;

	if (!s)
		return KH_EDB;
	sqlite3_bind_text(s, 11, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 12, now, -1, SQLITE_STATIC);
	for (size_t i = 0; i < b->ncontacts && rc == 0; i++) {
		const struct kh_bulk_contact *c = &b->contacts[i];
		char birthday[11];

		sqlite3_bind_int64(s, 1, ids->contact + (int64_t)i);
		sqlite3_bind_int64(s, 2, ids->customer + (int64_t)c->customer);
		bind_text(s, 3, c->name);
		bind_text(s, 4, c->gender);
		bind_text(s, 5, c->title);
		bind_text(s, 6, c->mobile);
		bind_date(s, 7, c->birthday, birthday);
		bind_text(s, 8, c->purchase_role);
		bind_text(s, 9, c->decision_level);
		bind_ref(s, 10, c->boss < 0 ? 0 : ids->contact + c->boss);
		rc = step(st, s, err);
	}
	return rc;
}

static int write_orders(struct kh_store *st, const struct kh_bulk_batch *b,
			const struct ids *ids, const char *now, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"INSERT INTO orders(id, customer_id, order_date, amount_fen, cost_fen, status,"
		" owner_id, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)", err);
	int rc = 0;

	if (!s)
		return KH_EDB;
	sqlite3_bind_text(s, 8, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 9, now, -1, SQLITE_STATIC);
	for (size_t i = 0; i < b->norders && rc == 0; i++) {
		const struct kh_bulk_order *o = &b->orders[i];
		char date[11];

		sqlite3_bind_int64(s, 1, ids->order + (int64_t)i);
		sqlite3_bind_int64(s, 2, ids->customer + (int64_t)o->customer);
		bind_date(s, 3, o->order_date, date);
		sqlite3_bind_int64(s, 4, o->amount_fen);
		sqlite3_bind_int64(s, 5, o->cost_fen);
		bind_text(s, 6, o->status);
		bind_ref(s, 7, o->owner_id);
		rc = step(st, s, err);
	}
	return rc;
}

static int write_lines(struct kh_store *st, const struct kh_bulk_batch *b,
		       const struct ids *ids, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"INSERT INTO order_lines(id, order_id, product_id, quantity, unit_price_fen,"
		" amount_fen, cost_fen) VALUES (?,?,?,?,?,?,?)", err);
	int rc = 0;

	if (!s)
		return KH_EDB;
	for (size_t i = 0; i < b->nlines && rc == 0; i++) {
		const struct kh_bulk_order_line *l = &b->lines[i];

		sqlite3_bind_int64(s, 1, ids->line + (int64_t)i);
		sqlite3_bind_int64(s, 2, ids->order + (int64_t)l->order);
		sqlite3_bind_int64(s, 3, l->product_id);
		sqlite3_bind_int64(s, 4, l->quantity);
		sqlite3_bind_int64(s, 5, l->unit_price_fen);
		sqlite3_bind_int64(s, 6, l->quantity * l->unit_price_fen);
		sqlite3_bind_int64(s, 7, l->cost_fen);
		rc = step(st, s, err);
	}
	return rc;
}

static int write_payments(struct kh_store *st, const struct kh_bulk_batch *b,
			  const struct ids *ids, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"INSERT INTO payments(id, order_id, customer_id, amount_fen, due_date, created_at,"
		" paid_date) VALUES (?,?,?,?,?,?,?)", err);
	int rc = 0;

	if (!s)
		return KH_EDB;
	for (size_t i = 0; i < b->npayments && rc == 0; i++) {
		const struct kh_bulk_payment *p = &b->payments[i];
		char due[11], created[11], paid[11];

		sqlite3_bind_int64(s, 1, ids->payment + (int64_t)i);
		sqlite3_bind_int64(s, 2, ids->order + (int64_t)p->order);
		sqlite3_bind_int64(s, 3, ids->customer + (int64_t)p->customer);
		sqlite3_bind_int64(s, 4, p->amount_fen);
		bind_date(s, 5, p->due_date, due);
		bind_date(s, 6, b->orders[p->order].order_date, created);
		if (p->paid)
			bind_date(s, 7, p->paid_date, paid);
		else
			sqlite3_bind_null(s, 7);
		rc = step(st, s, err);
	}
	return rc;
}

static int write_activities(struct kh_store *st, const struct kh_bulk_batch *b,
			    const struct ids *ids, const char *now, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"INSERT INTO activities(id, customer_id, contact_id, user_id, kind, activity_date,"
		" status, subject, outcome, next_step, next_date, purpose, method, created_at,"
		" updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", err);
	int rc = 0;

	if (!s)
		return KH_EDB;
	sqlite3_bind_text(s, 14, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 15, now, -1, SQLITE_STATIC);
	for (size_t i = 0; i < b->nactivities && rc == 0; i++) {
		const struct kh_bulk_activity *a = &b->activities[i];
		char date[11], next[11];

		sqlite3_bind_int64(s, 1, ids->activity + (int64_t)i);
		sqlite3_bind_int64(s, 2, ids->customer + (int64_t)a->customer);
		sqlite3_bind_int64(s, 3, ids->contact + (int64_t)a->contact);
		bind_ref(s, 4, a->user_id);
		bind_text(s, 5, a->kind);
		bind_date(s, 6, a->activity_date, date);
		bind_text(s, 7, a->status);
		bind_text(s, 8, a->subject);
		bind_text(s, 9, a->outcome);
		bind_text(s, 10, a->next_step);
		bind_date(s, 11, a->next_date, next);
		bind_text(s, 12, a->purpose);
		bind_text(s, 13, a->method);
		rc = step(st, s, err);
	}
	return rc;
}

static int write_opportunities(struct kh_store *st, const struct kh_bulk_batch *b,
			       const struct ids *ids, const char *now, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st,
		"INSERT INTO opportunities(id, customer_id, name, stage, amount_fen, probability,"
		" followup_count, expected_close, owner_id, created_at, updated_at)"
		" VALUES (?,?,?,?,?,?,?,?,?,?,?)", err);
	int rc = 0;

	if (!s)
		return KH_EDB;
	sqlite3_bind_text(s, 10, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 11, now, -1, SQLITE_STATIC);
	for (size_t i = 0; i < b->nopportunities && rc == 0; i++) {
		const struct kh_bulk_opportunity *o = &b->opportunities[i];
		char close[11];

		sqlite3_bind_int64(s, 1, ids->opportunity + (int64_t)i);
		sqlite3_bind_int64(s, 2, ids->customer + (int64_t)o->customer);
		bind_text(s, 3, o->name);
		bind_text(s, 4, o->stage);
		sqlite3_bind_int64(s, 5, o->amount_fen);
		sqlite3_bind_int64(s, 6, o->probability);
		sqlite3_bind_int64(s, 7, o->followup_count);
		bind_date(s, 8, o->expected_close, close);
		bind_ref(s, 9, o->owner_id);
		rc = step(st, s, err);
	}
	return rc;
}

static int write_phones(struct kh_store *st, const struct kh_bulk_batch *b,
			const struct ids *ids, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "INSERT OR IGNORE INTO phones(number, customer_id,"
					    " contact_id) VALUES (?,?,?)", err);
	int rc = 0;

	if (!s)
		return KH_EDB;
	for (size_t i = 0; i < b->nphones && rc == 0; i++) {
		const struct kh_bulk_phone *p = &b->phones[i];

		bind_text(s, 1, p->number);
		sqlite3_bind_int64(s, 2, ids->customer + (int64_t)p->customer);
		sqlite3_bind_int64(s, 3, p->contact < 0 ? 0 : ids->contact + p->contact);
		rc = step(st, s, err);
	}
	return rc;
}

static int write_keys(struct kh_store *st, const struct kh_bulk_batch *b,
		      const struct ids *ids, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "INSERT OR IGNORE INTO search_keys(key, kind, id)"
					    " VALUES (?,?,?)", err);
	int rc = 0;

	if (!s)
		return KH_EDB;
	for (size_t i = 0; i < b->nkeys && rc == 0; i++) {
		const struct kh_bulk_search_key *k = &b->keys[i];
		int64_t base = k->kind == KH_SEARCH_CUSTOMER ? ids->customer : ids->contact;

		bind_text(s, 1, k->key);
		sqlite3_bind_int(s, 2, k->kind);
		sqlite3_bind_int64(s, 3, base + (int64_t)k->pos);
		rc = step(st, s, err);
	}
	return rc;
}

int kh_store_bulk_insert(struct kh_store *st, const struct kh_bulk_batch *b,
			 struct kh_error *err)
{
	struct ids ids;
	char now[21];
	int rc;

	kh_now_iso(now);
	if ((rc = next_ids(st, &ids, err)) || (rc = write_customers(st, b, &ids, now, err)) ||
	    (rc = write_contacts(st, b, &ids, now, err)) ||
	    (rc = write_orders(st, b, &ids, now, err)) || (rc = write_lines(st, b, &ids, err)) ||
	    (rc = write_payments(st, b, &ids, err)) ||
	    (rc = write_activities(st, b, &ids, now, err)) ||
	    (rc = write_opportunities(st, b, &ids, now, err)) ||
	    (rc = write_phones(st, b, &ids, err)) || (rc = write_keys(st, b, &ids, err)))
		return rc;
	return 0;
}

static int pragma(struct kh_store *st, const char *sql, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt_dyn(st, sql, err);
	int rc;

	if (!s)
		return KH_EDB;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		;
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}

int kh_store_bulk_mode(struct kh_store *st, bool on, struct kh_error *err)
{
	int rc;

	if (on) {
		if ((rc = pragma(st, "PRAGMA synchronous=OFF", err)) ||
		    (rc = pragma(st, "PRAGMA foreign_keys=OFF", err)))
			return rc;
		return 0;
	}
	/* As kh_store_open sets them. */
	if ((rc = pragma(st, "PRAGMA synchronous=FULL", err)) ||
	    (rc = pragma(st, "PRAGMA foreign_keys=ON", err)))
		return rc;
	return 0;
}
