/*
 * stage_history.c: the rows of opportunity_stages (stage_history.h).
 */
#include "store/sales/stage_history.h"

#include "base/banned.h"

static void bind_text_or_null(sqlite3_stmt *s, int idx, const char *text)
{
	if (text)
		sqlite3_bind_text(s, idx, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, idx);
}

int kh_store_stage_history_add(struct kh_store *st, int64_t opportunity_id,
			       const char *from_stage, const char *to_stage, int64_t user_id,
			       const char *at, const char *lost_reason, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "INSERT INTO opportunity_stages(opportunity_id,"
					" from_stage, to_stage, user_id, at, lost_reason)"
					" VALUES (?, ?, ?, ?, ?, ?)", err);
	int rc;

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, opportunity_id);
	bind_text_or_null(s, 2, from_stage);
	sqlite3_bind_text(s, 3, to_stage, -1, SQLITE_TRANSIENT);
	if (user_id > 0)
		sqlite3_bind_int64(s, 4, user_id);
	else
		sqlite3_bind_null(s, 4);
	sqlite3_bind_text(s, 5, at, -1, SQLITE_TRANSIENT);
	bind_text_or_null(s, 6, lost_reason);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}

int kh_store_stage_history_list(struct kh_store *st, int64_t opportunity_id, json_t **out,
				struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT h.id, h.from_stage, h.to_stage, h.user_id,"
					" coalesce(u.display_name, u.login) AS user_name, h.at, h.lost_reason"
					" FROM opportunity_stages h LEFT JOIN users u ON u.id = h.user_id"
					" WHERE h.opportunity_id = ? ORDER BY h.id", err);

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, opportunity_id);
	return kh_store_rows_json(st, s, out, err);
}
