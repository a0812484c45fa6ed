/*
 * leads.c: the statements of leads beyond the generic rows (see leads.h).
 * Every statement is a literal (the statement cache keys on it) and every
 * value is bound.
 */
#include "store/leads/leads.h"

#include <sqlite3.h>

#include "base/banned.h"

int kh_store_lead_activities(struct kh_store *st, int64_t lead_id, json_t **out,
			     struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT * FROM activities WHERE lead_id=?1"
					    " AND deleted_at IS NULL"
					    " ORDER BY activity_date DESC, id DESC LIMIT 500", err);

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, lead_id);
	return kh_store_rows_json(st, s, out, err);
}

int kh_store_lead_activities_to_customer(struct kh_store *st, int64_t lead_id,
					 int64_t customer_id, int64_t *moved,
					 struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "UPDATE activities SET customer_id=?1"
					    " WHERE lead_id=?2 AND customer_id IS NULL", err);
	int rc;

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, customer_id);
	sqlite3_bind_int64(s, 2, lead_id);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return kh_store_fail(st, err);
	*moved = sqlite3_changes(sqlite3_db_handle(s));
	return 0;
}

int kh_store_lead_mark_converted(struct kh_store *st, int64_t lead_id, int64_t customer_id,
				 const char *now, bool *marked, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "UPDATE leads SET status='converted',"
					    " converted_customer_id=?1, converted_at=?3,"
					    " updated_at=?3 WHERE id=?2"
					    " AND converted_customer_id IS NULL", err);
	int rc;

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, customer_id);
	sqlite3_bind_int64(s, 2, lead_id);
	sqlite3_bind_text(s, 3, now, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return kh_store_fail(st, err);
	*marked = sqlite3_changes(sqlite3_db_handle(s)) == 1;
	return 0;
}
