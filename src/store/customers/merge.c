/*
 * merge.c: one customer's rows moved onto another (see merge.h). Every
 * statement is a literal per table (the statement cache keys on it), and
 * the rows move whether live or deleted, so nothing of the old record's
 * history is left pointing at a customer nobody opens.
 */
#include "store/customers/merge.h"

#include <sqlite3.h>

#include "base/parse.h"

#include "base/banned.h"

struct merge_sql {
	const char *name;
	const char *count; /* ?1 = the customer */
	const char *move;  /* ?1 = into, ?2 = from, ?3 = now */
};

static const struct merge_sql tables[KH_MERGE_NTABLES] = {
	[KH_MERGE_CONTACTS] = {"contacts", "SELECT count(*) FROM contacts WHERE customer_id=?1",
		"UPDATE contacts SET customer_id=?1, updated_at=?3 WHERE customer_id=?2"},
	[KH_MERGE_ORDERS] = {"orders", "SELECT count(*) FROM orders WHERE customer_id=?1",
		"UPDATE orders SET customer_id=?1, updated_at=?3 WHERE customer_id=?2"},
	/* the payment plans keep their old API name (/api/v1/payments) here */
	[KH_MERGE_PAYMENTS] = {"payments",
		"SELECT count(*) FROM receivable_plans WHERE customer_id=?1",
		"UPDATE receivable_plans SET customer_id=?1, updated_at=?3 WHERE customer_id=?2"},
	[KH_MERGE_CONTRACTS] = {"contracts", "SELECT count(*) FROM contracts WHERE customer_id=?1",
		"UPDATE contracts SET customer_id=?1, updated_at=?3 WHERE customer_id=?2"},
	[KH_MERGE_RECEIVABLES] = {"receivables",
		"SELECT count(*) FROM receivables WHERE customer_id=?1",
		"UPDATE receivables SET customer_id=?1, updated_at=?3 WHERE customer_id=?2"},
	[KH_MERGE_ACTIVITIES] = {"activities",
		"SELECT count(*) FROM activities WHERE customer_id=?1",
		"UPDATE activities SET customer_id=?1, updated_at=?3 WHERE customer_id=?2"},
	[KH_MERGE_OPPORTUNITIES] = {"opportunities",
		"SELECT count(*) FROM opportunities WHERE customer_id=?1",
		"UPDATE opportunities SET customer_id=?1, updated_at=?3 WHERE customer_id=?2"},
	[KH_MERGE_TASKS] = {"tasks", "SELECT count(*) FROM tasks WHERE customer_id=?1",
		"UPDATE tasks SET customer_id=?1, updated_at=?3 WHERE customer_id=?2"},
	[KH_MERGE_IMPORTANT_DATES] = {"important_dates",
		"SELECT count(*) FROM important_dates WHERE customer_id=?1",
		"UPDATE important_dates SET customer_id=?1, updated_at=?3 WHERE customer_id=?2"},
	[KH_MERGE_COMPETITORS] = {"competitors",
		"SELECT count(*) FROM competitors WHERE customer_id=?1",
		"UPDATE competitors SET customer_id=?1, updated_at=?3 WHERE customer_id=?2"},
	/* owner_history has no updated_at (binding ?3 is then a no-op). */
	[KH_MERGE_OWNER_HISTORY] = {"owner_history",
		"SELECT count(*) FROM owner_history WHERE customer_id=?1",
		"UPDATE owner_history SET customer_id=?1 WHERE customer_id=?2"},
};

const char *kh_store_merge_table_name(enum kh_merge_table t)
{
	return t < KH_MERGE_NTABLES ? tables[t].name : "";
}

static int step_done(struct kh_store *st, sqlite3_stmt *s, struct kh_error *err)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}

int kh_store_customer_count_rows(struct kh_store *st, int64_t customer_id,
				 int64_t counts[KH_MERGE_NTABLES], struct kh_error *err)
{
	for (int t = 0; t < KH_MERGE_NTABLES; t++) {
		sqlite3_stmt *s = kh_store_stmt(st, tables[t].count, err);
		int rc;

		if (!s)
			return KH_EDB;
		sqlite3_bind_int64(s, 1, customer_id);
		rc = sqlite3_step(s);
		counts[t] = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
		sqlite3_reset(s);
		if (rc != SQLITE_ROW)
			return kh_store_fail(st, err);
	}
	return 0;
}

/* The customer's own phone entries go (the survivor's are written again
 * from its merged phone field); its contacts' entries follow the contacts.
 * No entry can collide: the key holds the contact's id. */
static int move_phones(struct kh_store *st, int64_t from, int64_t into, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "DELETE FROM phones WHERE customer_id=? AND"
					    " contact_id=0", err);
	int rc;

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, from);
	if ((rc = step_done(st, s, err)))
		return rc;
	s = kh_store_stmt(st, "UPDATE phones SET customer_id=?1 WHERE customer_id=?2", err);
	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, into);
	sqlite3_bind_int64(s, 2, from);
	if ((rc = step_done(st, s, err)))
		return rc;
	/* The contacts' duplicate keys follow them the same way; the customer's
	 * own (contact_id 0) go with its deletion. */
	s = kh_store_stmt(st, "UPDATE dup_keys SET customer_id=?1 WHERE customer_id=?2 AND"
			      " contact_id <> 0", err);
	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, into);
	sqlite3_bind_int64(s, 2, from);
	return step_done(st, s, err);
}

static int drop_metrics(struct kh_store *st, int64_t from, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "DELETE FROM customer_metrics WHERE customer_id=?",
					err);

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, from);
	return step_done(st, s, err);
}

int kh_store_customer_move_rows(struct kh_store *st, int64_t from, int64_t into,
				int64_t moved[KH_MERGE_NTABLES], struct kh_error *err)
{
	char now[21];
	int rc;

	kh_now_iso(now);
	for (int t = 0; t < KH_MERGE_NTABLES; t++) {
		sqlite3_stmt *s = kh_store_stmt(st, tables[t].move, err);

		if (!s)
			return KH_EDB;
		sqlite3_bind_int64(s, 1, into);
		sqlite3_bind_int64(s, 2, from);
		sqlite3_bind_text(s, 3, now, -1, SQLITE_TRANSIENT);
		if ((rc = step_done(st, s, err)))
			return rc;
		moved[t] = sqlite3_changes(sqlite3_db_handle(s));
	}
	if ((rc = move_phones(st, from, into, err)))
		return rc;
	return drop_metrics(st, from, err);
}

int kh_store_customer_mark_merged(struct kh_store *st, int64_t from, int64_t into,
				  struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "UPDATE customers SET merged_into=? WHERE id=?", err);

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, into);
	sqlite3_bind_int64(s, 2, from);
	return step_done(st, s, err);
}
