/*
 * bulk.c: batches of new rows for the demo tables (see bulk.h), and the
 * start and finish of a bulk load. Each table is written in one go, so its
 * B-tree grows at its end while those pages are in the cache, by a statement
 * prepared once that inserts ROWS_PER_STEP rows per step: the fixed cost of
 * a statement step is shared by many rows.
 */
#include "store/bulk.h"
#include "store/counts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/parse.h"
#include "base/strbuf.h"
#include "base/banned.h"

#define ROWS_PER_STEP 32
#define DATES_PER_ROW 3

/* The ids a batch's rows get: the next free id of each table. */
struct ids {
	int64_t customer, contact, order, line, payment, activity, opportunity;
};

/* What a row's binding needs: the batch, its ids, the time it is written. */
struct load {
	const struct kh_bulk_batch *b;
	struct ids ids;
	char now[21];
};

/* Bind row i of a table to parameters p, p+1, ...; dates are buffers for
 * the row's dates, alive until the statement is stepped. */
typedef void bind_row_fn(sqlite3_stmt *s, int p, const struct load *l, size_t i,
			 char dates[DATES_PER_ROW][11]);

static void bind_text(sqlite3_stmt *s, int idx, const char *text)
{
	if (text)
		sqlite3_bind_text(s, idx, text, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, idx);
}

/* An id of an existing row, or a count; 0 is NULL. */
static void bind_ref(sqlite3_stmt *s, int idx, int64_t id)
{
	if (id)
		sqlite3_bind_int64(s, idx, id);
	else
		sqlite3_bind_null(s, idx);
}

static void bind_date(sqlite3_stmt *s, int idx, int32_t days, char buf[11])
{
	kh_date_format(days, buf);
	sqlite3_bind_text(s, idx, buf, 10, SQLITE_STATIC);
}

static void bind_now(sqlite3_stmt *s, int idx, const struct load *l)
{
	sqlite3_bind_text(s, idx, l->now, 20, SQLITE_STATIC);
	sqlite3_bind_text(s, idx + 1, l->now, 20, SQLITE_STATIC);
}

static void bind_customer(sqlite3_stmt *s, int p, const struct load *l, size_t i,
			  char dates[DATES_PER_ROW][11])
{
	const struct kh_bulk_customer *c = &l->b->customers[i];

	sqlite3_bind_int64(s, p, l->ids.customer + (int64_t)i);
	bind_text(s, p + 1, c->name);
	bind_text(s, p + 2, c->region);
	bind_text(s, p + 3, c->segment);
	bind_text(s, p + 4, c->source);
	bind_text(s, p + 5, c->size);
	bind_text(s, p + 6, c->nature);
	bind_text(s, p + 7, c->phone);
	bind_date(s, p + 8, c->founded_on, dates[0]);
	sqlite3_bind_int(s, p + 9, c->key_account);
	bind_text(s, p + 10, c->address);
	bind_ref(s, p + 11, c->owner_id);
	bind_ref(s, p + 12, c->team_id);
	sqlite3_bind_int(s, p + 13, c->in_pool);
	bind_text(s, p + 14, c->grade);
	bind_ref(s, p + 15, c->visit_cadence_days);
	bind_ref(s, p + 16, c->purchase_budget_fen);
	bind_text(s, p + 17, c->decision_process);
	bind_text(s, p + 18, c->decision_maker_background);
	bind_now(s, p + 19, l);
}

static void bind_contact(sqlite3_stmt *s, int p, const struct load *l, size_t i,
			 char dates[DATES_PER_ROW][11])
{
	const struct kh_bulk_contact *c = &l->b->contacts[i];

	sqlite3_bind_int64(s, p, l->ids.contact + (int64_t)i);
	sqlite3_bind_int64(s, p + 1, l->ids.customer + (int64_t)c->customer);
	bind_text(s, p + 2, c->name);
	bind_text(s, p + 3, c->gender);
	bind_text(s, p + 4, c->title);
	bind_text(s, p + 5, c->mobile);
	bind_date(s, p + 6, c->birthday, dates[0]);
	bind_text(s, p + 7, c->purchase_role);
	bind_text(s, p + 8, c->decision_level);
	bind_ref(s, p + 9, c->boss < 0 ? 0 : l->ids.contact + c->boss);
	bind_text(s, p + 10, c->email);
	bind_now(s, p + 11, l);
}

static void bind_order(sqlite3_stmt *s, int p, const struct load *l, size_t i,
		       char dates[DATES_PER_ROW][11])
{
	const struct kh_bulk_order *o = &l->b->orders[i];

	sqlite3_bind_int64(s, p, l->ids.order + (int64_t)i);
	sqlite3_bind_int64(s, p + 1, l->ids.customer + (int64_t)o->customer);
	bind_date(s, p + 2, o->order_date, dates[0]);
	sqlite3_bind_int64(s, p + 3, o->amount_fen);
	sqlite3_bind_int64(s, p + 4, o->cost_fen);
	bind_text(s, p + 5, o->status);
	bind_ref(s, p + 6, o->owner_id);
	bind_now(s, p + 7, l);
}

static void bind_line(sqlite3_stmt *s, int p, const struct load *l, size_t i,
		      char dates[DATES_PER_ROW][11])
{
	const struct kh_bulk_order_line *o = &l->b->lines[i];

	(void)dates;
	sqlite3_bind_int64(s, p, l->ids.line + (int64_t)i);
	sqlite3_bind_int64(s, p + 1, l->ids.order + (int64_t)o->order);
	sqlite3_bind_int64(s, p + 2, o->product_id);
	sqlite3_bind_int64(s, p + 3, o->quantity);
	sqlite3_bind_int64(s, p + 4, o->unit_price_fen);
	sqlite3_bind_int64(s, p + 5, o->quantity * o->unit_price_fen);
	sqlite3_bind_int64(s, p + 6, o->cost_fen);
}

static void bind_payment(sqlite3_stmt *s, int p, const struct load *l, size_t i,
			 char dates[DATES_PER_ROW][11])
{
	const struct kh_bulk_payment *y = &l->b->payments[i];

	sqlite3_bind_int64(s, p, l->ids.payment + (int64_t)i);
	sqlite3_bind_int64(s, p + 1, l->ids.order + (int64_t)y->order);
	sqlite3_bind_int64(s, p + 2, l->ids.customer + (int64_t)y->customer);
	sqlite3_bind_int64(s, p + 3, y->amount_fen);
	bind_date(s, p + 4, y->due_date, dates[0]);
	bind_date(s, p + 5, l->b->orders[y->order].order_date, dates[1]);
	if (y->paid)
		bind_date(s, p + 6, y->paid_date, dates[2]);
	else
		sqlite3_bind_null(s, p + 6);
}

static void bind_activity(sqlite3_stmt *s, int p, const struct load *l, size_t i,
			  char dates[DATES_PER_ROW][11])
{
	const struct kh_bulk_activity *a = &l->b->activities[i];

	sqlite3_bind_int64(s, p, l->ids.activity + (int64_t)i);
	sqlite3_bind_int64(s, p + 1, l->ids.customer + (int64_t)a->customer);
	sqlite3_bind_int64(s, p + 2, l->ids.contact + (int64_t)a->contact);
	bind_ref(s, p + 3, a->user_id);
	bind_text(s, p + 4, a->kind);
	bind_date(s, p + 5, a->activity_date, dates[0]);
	bind_text(s, p + 6, a->status);
	bind_text(s, p + 7, a->subject);
	bind_text(s, p + 8, a->outcome);
	bind_text(s, p + 9, a->next_step);
	bind_date(s, p + 10, a->next_date, dates[1]);
	bind_text(s, p + 11, a->purpose);
	bind_text(s, p + 12, a->method);
	bind_now(s, p + 13, l);
}

static void bind_opportunity(sqlite3_stmt *s, int p, const struct load *l, size_t i,
			     char dates[DATES_PER_ROW][11])
{
	const struct kh_bulk_opportunity *o = &l->b->opportunities[i];

	sqlite3_bind_int64(s, p, l->ids.opportunity + (int64_t)i);
	sqlite3_bind_int64(s, p + 1, l->ids.customer + (int64_t)o->customer);
	bind_text(s, p + 2, o->name);
	bind_text(s, p + 3, o->stage);
	sqlite3_bind_int64(s, p + 4, o->amount_fen);
	sqlite3_bind_int64(s, p + 5, o->probability);
	sqlite3_bind_int64(s, p + 6, o->followup_count);
	bind_date(s, p + 7, o->expected_close, dates[0]);
	bind_ref(s, p + 8, o->owner_id);
	bind_now(s, p + 9, l);
}

static void bind_phone(sqlite3_stmt *s, int p, const struct load *l, size_t i,
		       char dates[DATES_PER_ROW][11])
{
	const struct kh_bulk_phone *ph = &l->b->phones[i];

	(void)dates;
	bind_text(s, p, ph->number);
	sqlite3_bind_int64(s, p + 1, l->ids.customer + (int64_t)ph->customer);
	sqlite3_bind_int64(s, p + 2, ph->contact < 0 ? 0 : l->ids.contact + ph->contact);
}

static void bind_key(sqlite3_stmt *s, int p, const struct load *l, size_t i,
		     char dates[DATES_PER_ROW][11])
{
	const struct kh_bulk_search_key *k = &l->b->keys[i];
	int64_t base = k->kind == KH_SEARCH_CUSTOMER ? l->ids.customer : l->ids.contact;

	(void)dates;
	sqlite3_bind_text(s, p, k->key, (int)k->len, SQLITE_STATIC);
	sqlite3_bind_int(s, p + 1, k->kind);
	sqlite3_bind_int64(s, p + 2, base + (int64_t)k->pos);
}

/* One table's statement: the INSERT up to VALUES, its column count, the
 * binding of a row, and what follows the rows (the index tables skip a key
 * already there: ON CONFLICT DO NOTHING, which SQLite and PostgreSQL share). The columns are those a row created one by one through
 * the generic insert would set; the others keep their defaults. */
struct table {
	const char *insert;
	int ncols;
	bind_row_fn *bind;
	const char *after_rows;
};

static const struct table customers = {
	"INSERT INTO customers(id, name, region, segment, source, size, nature, phone,"
	" founded_on, key_account, address, owner_id, team_id, in_pool, grade,"
	" visit_cadence_days, purchase_budget_fen, decision_process,"
	" decision_maker_background, created_at, updated_at)", 21, bind_customer, NULL};
static const struct table contacts = {
	"INSERT INTO contacts(id, customer_id, name, gender, title, mobile, birthday,"
	" purchase_role, decision_level, reports_to, email, created_at, updated_at)", 13,
	bind_contact, NULL};
static const struct table orders = {
	"INSERT INTO orders(id, customer_id, order_date, amount_fen, cost_fen, status,"
	" owner_id, created_at, updated_at)", 9, bind_order, NULL};
static const struct table lines = {
	"INSERT INTO order_lines(id, order_id, product_id, quantity, unit_price_fen,"
	" amount_fen, cost_fen)", 7, bind_line, NULL};
/* payments keep no updated_at when created with their created_at */
static const struct table payments = {
	"INSERT INTO receivable_plans(id, order_id, customer_id, amount_fen, due_date, created_at,"
	" paid_date)", 7, bind_payment, NULL};
static const struct table activities = {
	"INSERT INTO activities(id, customer_id, contact_id, user_id, kind, activity_date,"
	" status, subject, outcome, next_step, next_date, purpose, method, created_at,"
	" updated_at)", 15, bind_activity, NULL};
static const struct table opportunities = {
	"INSERT INTO opportunities(id, customer_id, name, stage, amount_fen, probability,"
	" followup_count, expected_close, owner_id, created_at, updated_at)", 11,
	bind_opportunity, NULL};
static const struct table phones = {
	"INSERT INTO phones(number, customer_id, contact_id)", 3, bind_phone,
	" ON CONFLICT DO NOTHING"};
static const struct table keys = {
	"INSERT INTO search_keys(key, kind, id)", 3, bind_key, " ON CONFLICT DO NOTHING"};

/* t's INSERT with rows tuples of parameters, prepared (and cached). */
static sqlite3_stmt *insert_stmt(struct kh_store *st, const struct table *t, int rows,
				 struct kh_error *err)
{
	struct kh_strbuf sql;
	sqlite3_stmt *s = NULL;

	kh_strbuf_init(&sql, 0);
	kh_strbuf_adds(&sql, t->insert);
	kh_strbuf_adds(&sql, " VALUES ");
	for (int r = 0; r < rows; r++) {
		kh_strbuf_adds(&sql, r ? ",(?" : "(?");
		for (int c = 1; c < t->ncols; c++)
			kh_strbuf_adds(&sql, ",?");
		kh_strbuf_addch(&sql, ')');
	}
	if (t->after_rows)
		kh_strbuf_adds(&sql, t->after_rows);
	s = kh_store_stmt_dyn(st, sql.buf, err);
	kh_strbuf_release(&sql);
	return s;
}

static int step(struct kh_store *st, sqlite3_stmt *s, struct kh_error *err)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}

/* Rows 0..n of table t: ROWS_PER_STEP at a time, the rest one by one. */
static int write_rows(struct kh_store *st, const struct table *t, size_t n,
		      const struct load *l, struct kh_error *err)
{
	char dates[ROWS_PER_STEP][DATES_PER_ROW][11];
	sqlite3_stmt *many = insert_stmt(st, t, ROWS_PER_STEP, err), *one;
	size_t i = 0;
	int rc = 0;

	if (!many || !(one = insert_stmt(st, t, 1, err)))
		return KH_EDB;
	for (; i + ROWS_PER_STEP <= n && rc == 0; i += ROWS_PER_STEP) {
		for (int r = 0; r < ROWS_PER_STEP; r++)
			t->bind(many, 1 + r * t->ncols, l, i + (size_t)r, dates[r]);
		rc = step(st, many, err);
	}
	for (; i < n && rc == 0; i++) {
		t->bind(one, 1, l, i, dates[0]);
		rc = step(st, one, err);
	}
	return rc;
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
	    (rc = next_id(st, "SELECT coalesce(max(id), 0) FROM receivable_plans", &ids->payment, err)) ||
	    (rc = next_id(st, "SELECT coalesce(max(id), 0) FROM activities", &ids->activity,
			  err)) ||
	    (rc = next_id(st, "SELECT coalesce(max(id), 0) FROM opportunities",
			  &ids->opportunity, err)))
		return rc;
	return 0;
}

int kh_store_bulk_insert(struct kh_store *st, const struct kh_bulk_batch *b,
			 struct kh_error *err)
{
	struct load l = {.b = b};
	int rc;

	kh_now_iso(l.now);
	if ((rc = next_ids(st, &l.ids, err)) ||
	    (rc = write_rows(st, &customers, b->ncustomers, &l, err)) ||
	    (rc = write_rows(st, &contacts, b->ncontacts, &l, err)) ||
	    (rc = write_rows(st, &orders, b->norders, &l, err)) ||
	    (rc = write_rows(st, &lines, b->nlines, &l, err)) ||
	    (rc = write_rows(st, &payments, b->npayments, &l, err)) ||
	    (rc = write_rows(st, &activities, b->nactivities, &l, err)) ||
	    (rc = write_rows(st, &opportunities, b->nopportunities, &l, err)) ||
	    (rc = write_rows(st, &phones, b->nphones, &l, err)) ||
	    (rc = write_rows(st, &keys, b->nkeys, &l, err)))
		return rc;
	return 0;
}

static int run(struct kh_store *st, const char *sql, struct kh_error *err)
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

struct kh_store_bulk {
	struct kh_store *st;
	char **index_sql; /* CREATE INDEX statements of the dropped indexes */
	size_t nindexes;
};

/* The secondary indexes a load would fill in random order (see bulk.h):
 * not unique, made by CREATE INDEX, not led by customer_id or order_id. */
static int random_order_indexes(struct kh_store_bulk *b, struct kh_strbuf *names,
				struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(b->st,
		"SELECT m.name, m.sql FROM sqlite_master m"
		" JOIN pragma_index_list(m.tbl_name) il ON il.name = m.name"
		" WHERE m.type = 'index' AND il.\"unique\" = 0 AND il.origin = 'c'"
		" AND m.tbl_name IN ('customers', 'contacts', 'orders', 'order_lines', 'receivable_plans',"
		" 'activities', 'opportunities', 'phones', 'search_keys')"
		" AND coalesce((SELECT ii.name FROM pragma_index_info(m.name) ii"
		" WHERE ii.seqno = 0), '') NOT IN ('customer_id', 'order_id')"
		" ORDER BY m.name", err);
	int rc;

	if (!s)
		return KH_EDB;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		char **grown = realloc(b->index_sql, (b->nindexes + 1) * sizeof(*grown));
		const char *sql = (const char *)sqlite3_column_text(s, 1);

		if (!grown || !(grown[b->nindexes] = strdup(sql ? sql : ""))) {
			free(grown ? grown : b->index_sql);
			b->index_sql = NULL;
			sqlite3_reset(s);
			return kh_error_set(err, KH_ENOMEM, "", "out of memory");
		}
		b->index_sql = grown;
		b->nindexes++;
		kh_strbuf_adds(names, (const char *)sqlite3_column_text(s, 0));
		kh_strbuf_addch(names, '\0');
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : kh_store_fail(b->st, err);
}

static int drop_indexes(struct kh_store_bulk *b, struct kh_error *err)
{
	struct kh_strbuf names;
	const char *name;
	int rc;

	kh_strbuf_init(&names, 0);
	if ((rc = kh_store_begin(b->st, err)))
		goto out;
	rc = random_order_indexes(b, &names, err);
	name = names.buf;
	for (size_t i = 0; i < b->nindexes && rc == 0; i++, name += strlen(name) + 1) {
		char *sql = sqlite3_mprintf("DROP INDEX \"%w\"", name);

		rc = sql ? run(b->st, sql, err) : kh_error_set(err, KH_ENOMEM, "", "out of memory");
		sqlite3_free(sql);
	}
	if (rc == 0)
		rc = kh_store_commit(b->st, err);
out:
	if (rc)
		kh_store_rollback(b->st);
	kh_strbuf_release(&names);
	return rc;
}

int kh_store_bulk_start(struct kh_store *st, struct kh_store_bulk **out, struct kh_error *err)
{
	struct kh_store_bulk *b = calloc(1, sizeof(*b));
	int rc;

	if (!b)
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	b->st = st;
	if ((rc = run(st, "PRAGMA synchronous=OFF", err)) ||
	    (rc = run(st, "PRAGMA foreign_keys=OFF", err)) || (rc = drop_indexes(b, err)) ||
	    (rc = kh_store_counts_drop(st, err))) {
		kh_store_bulk_finish(b, NULL);
		return rc;
	}
	*out = b;
	return 0;
}

static int cache_size(struct kh_store *st, int64_t *value, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "PRAGMA cache_size", err);
	int rc;

	if (!s)
		return KH_EDB;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*value = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : kh_store_fail(st, err);
}

/* From a checkpointed, empty WAL: a page read looks through every block of
 * the WAL's index first, and after a load those are thousands (three times
 * the time for orders_date). With a small page cache: SQLite's sorter takes
 * the cache size as its memory budget, and sorts runs that fit in the
 * processor's caches faster than one run of a gigabyte. The sorter may use
 * a second thread, idle now that the rows are written. */
static int build_indexes(struct kh_store_bulk *b, struct kh_error *err)
{
	int64_t cache = 0;
	int rc;

	if (b->nindexes == 0)
		return 0;
	if ((rc = run(b->st, "PRAGMA wal_checkpoint(TRUNCATE)", err)) ||
	    (rc = cache_size(b->st, &cache, err)) ||
	    (rc = run(b->st, "PRAGMA cache_size=-2000", err)) ||
	    (rc = run(b->st, "PRAGMA threads=2", err)))
		return rc;
	if ((rc = kh_store_begin(b->st, err)))
		goto out;
	for (size_t i = 0; i < b->nindexes && rc == 0; i++)
		rc = run(b->st, b->index_sql[i], err);
	if (rc == 0)
		rc = kh_store_commit(b->st, err);
	if (rc)
		kh_store_rollback(b->st);
out:
	run(b->st, "PRAGMA threads=0", NULL);
	if (cache < 0)
		kh_store_set_cache_mib(b->st, (int)(-cache / 1024));
	return rc;
}

int kh_store_bulk_finish(struct kh_store_bulk *b, struct kh_error *err)
{
	int rc;

	if (!b)
		return 0;
	rc = build_indexes(b, err);
	/* The list counts, in one pass per table instead of a trigger per row. */
	if (rc == 0)
		rc = kh_store_list_counts_rebuild(b->st, err);
	/* As kh_store_open sets them. */
	if (rc == 0)
		rc = run(b->st, "PRAGMA synchronous=FULL", err);
	else
		run(b->st, "PRAGMA synchronous=FULL", NULL);
	if (rc == 0)
		rc = run(b->st, "PRAGMA foreign_keys=ON", err);
	else
		run(b->st, "PRAGMA foreign_keys=ON", NULL);
	for (size_t i = 0; i < b->nindexes; i++)
		free(b->index_sql[i]);
	free(b->index_sql);
	free(b);
	return rc;
}
