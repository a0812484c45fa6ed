/*
 * notifications.c: the SQL of notifications, reminder settings and digests
 * (see notifications.h). Adding a notification is one INSERT ... ON
 * CONFLICT DO NOTHING on the table's unique key, so two runs of the job (or
 * two runners at once) cannot make two rows of one item's day; a digest is
 * claimed by one upsert that only takes a row that is not sent nor being
 * sent, and its record never overwrites a "sent" row. Both forms are
 * PostgreSQL's too.
 */
#include "store/comms/notifications.h"

#include <stdio.h>
#include <string.h>

#include "store/sql.h"
#include "base/banned.h"

/* Step s, expecting no row; *changed: the rows it changed (may be NULL). */
static int run(struct kh_store *st, sqlite3_stmt *s, int64_t *changed, struct kh_error *err)
{
	int rc = sqlite3_step(s);

	if (changed)
		*changed = rc == SQLITE_DONE ? sqlite3_changes(sqlite3_db_handle(s)) : 0;
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}

int kh_store_notif_add(struct kh_store *st, const struct kh_store_notif *n, const char *now,
		       bool *added, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(
		st,
		"INSERT INTO notifications (user_id, kind, ref_type, ref_id, due, title,"
		" customer_id, customer_name, created_at) VALUES (:user, :kind, :type, :ref,"
		" :due, :title, :customer, :customer_name, :now)"
		" ON CONFLICT (user_id, kind, ref_type, ref_id, due) DO NOTHING",
		err);
	int64_t changed = 0;
	int rc;

	*added = false;
	if (!s)
		return KH_EDB;
	kh_store_bind_named_int(s, ":user", n->user_id);
	kh_store_bind_named_text(s, ":kind", n->kind);
	kh_store_bind_named_text(s, ":type", n->ref_type);
	kh_store_bind_named_int(s, ":ref", n->ref_id);
	kh_store_bind_named_text(s, ":due", n->due);
	kh_store_bind_named_text(s, ":title", n->title);
	if (n->customer_id > 0)
		kh_store_bind_named_int(s, ":customer", n->customer_id);
	kh_store_bind_named_text(s, ":customer_name", n->customer_name);
	kh_store_bind_named_text(s, ":now", now);
	if ((rc = run(st, s, &changed, err)) == 0)
		*added = changed > 0;
	return rc;
}

int kh_store_notif_list(struct kh_store *st, int64_t user_id, bool unread_only,
			int64_t before_id, int limit, json_t **rows, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(
		st,
		"SELECT id, kind, ref_type, ref_id, due, title, customer_id, customer_name,"
		" created_at, read_at FROM notifications WHERE user_id = :user"
		" AND (:unread = 0 OR read_at IS NULL) AND (:before = 0 OR id < :before)"
		" ORDER BY id DESC LIMIT :limit",
		err);

	*rows = NULL;
	if (!s)
		return KH_EDB;
	kh_store_bind_named_int(s, ":user", user_id);
	kh_store_bind_named_int(s, ":unread", unread_only);
	kh_store_bind_named_int(s, ":before", before_id);
	kh_store_bind_named_int(s, ":limit", limit);
	return kh_store_rows_json(st, s, rows, err);
}

int kh_store_notif_unread(struct kh_store *st, int64_t user_id, int64_t *n,
			  struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT count(*) FROM notifications"
					" WHERE user_id = :user AND read_at IS NULL", err);
	int rc;

	*n = 0;
	if (!s)
		return KH_EDB;
	kh_store_bind_named_int(s, ":user", user_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : kh_store_fail(st, err);
}

int kh_store_notif_read(struct kh_store *st, int64_t user_id, int64_t id, const char *now,
			struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "UPDATE notifications SET read_at ="
					" coalesce(read_at, :now) WHERE id = :id AND user_id = :user",
					err);
	int64_t changed = 0;
	int rc;

	if (!s)
		return KH_EDB;
	kh_store_bind_named_text(s, ":now", now);
	kh_store_bind_named_int(s, ":id", id);
	kh_store_bind_named_int(s, ":user", user_id);
	if ((rc = run(st, s, &changed, err)))
		return rc;
	return changed ? 0 : KH_ENOTFOUND;
}

int kh_store_notif_read_all(struct kh_store *st, int64_t user_id, const char *now, int64_t *n,
			    struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "UPDATE notifications SET read_at = :now"
					" WHERE user_id = :user AND read_at IS NULL", err);

	*n = 0;
	if (!s)
		return KH_EDB;
	kh_store_bind_named_text(s, ":now", now);
	kh_store_bind_named_int(s, ":user", user_id);
	return run(st, s, n, err);
}

void kh_store_remind_prefs_default(struct kh_store_remind_prefs *p)
{
	memset(p, 0, sizeof(*p));
	p->in_app = true;
	p->email = false;
	p->digest_hour = 8;
	p->kinds_all = true;
	memcpy(p->lang, "zh", 3);
}

bool kh_store_remind_prefs_has(const struct kh_store_remind_prefs *p, const char *kind)
{
	size_t n = strlen(kind);

	if (p->kinds_all)
		return true;
	for (const char *c = p->kinds; (c = strstr(c, kind)); c += n)
		if ((c == p->kinds || c[-1] == ',') && (c[n] == ',' || c[n] == '\0'))
			return true;
	return false;
}

int kh_store_remind_prefs_get(struct kh_store *st, int64_t user_id,
			      struct kh_store_remind_prefs *p, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT in_app, email, digest_hour, kinds, lang"
					" FROM reminder_prefs WHERE user_id = :user", err);
	int rc;

	kh_store_remind_prefs_default(p);
	if (!s)
		return KH_EDB;
	kh_store_bind_named_int(s, ":user", user_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		p->in_app = sqlite3_column_int64(s, 0) != 0;
		p->email = sqlite3_column_int64(s, 1) != 0;
		p->digest_hour = (int)sqlite3_column_int64(s, 2);
		p->kinds_all = sqlite3_column_type(s, 3) == SQLITE_NULL;
		kh_store_column_copy(s, 3, p->kinds, sizeof(p->kinds));
		kh_store_column_copy(s, 4, p->lang, sizeof(p->lang));
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}

int kh_store_remind_prefs_put(struct kh_store *st, int64_t user_id,
			      const struct kh_store_remind_prefs *p, const char *now,
			      struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(
		st,
		"INSERT INTO reminder_prefs (user_id, in_app, email, digest_hour, kinds, lang,"
		" updated_at) VALUES (:user, :in_app, :email, :hour, :kinds, :lang, :now)"
		" ON CONFLICT (user_id) DO UPDATE SET in_app = excluded.in_app,"
		" email = excluded.email, digest_hour = excluded.digest_hour,"
		" kinds = excluded.kinds, lang = excluded.lang, updated_at = excluded.updated_at",
		err);

	if (!s)
		return KH_EDB;
	kh_store_bind_named_int(s, ":user", user_id);
	kh_store_bind_named_int(s, ":in_app", p->in_app);
	kh_store_bind_named_int(s, ":email", p->email);
	kh_store_bind_named_int(s, ":hour", p->digest_hour);
	if (!p->kinds_all)
		kh_store_bind_named_text(s, ":kinds", p->kinds);
	kh_store_bind_named_text(s, ":lang", p->lang);
	kh_store_bind_named_text(s, ":now", now);
	return run(st, s, NULL, err);
}

int kh_store_remind_digest_get(struct kh_store *st, int64_t user_id, const char *day,
			       char status[8], int64_t *attempts, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT status, attempts FROM reminder_digests"
					" WHERE user_id = :user AND day = :day", err);
	int rc;

	status[0] = '\0';
	*attempts = 0;
	if (!s)
		return KH_EDB;
	kh_store_bind_named_int(s, ":user", user_id);
	kh_store_bind_named_text(s, ":day", day);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		kh_store_column_copy(s, 0, status, 8);
		*attempts = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}

int kh_store_remind_digest_claim(struct kh_store *st, int64_t user_id, const char *day,
				 const char *now, const char *stale, bool *claimed,
				 struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(
		st,
		"INSERT INTO reminder_digests (user_id, day, status, attempts, items, updated_at)"
		" VALUES (:user, :day, 'sending', 0, 0, :now) ON CONFLICT (user_id, day) DO UPDATE"
		" SET status = 'sending', updated_at = excluded.updated_at"
		" WHERE reminder_digests.status = 'failed' OR (reminder_digests.status = 'sending'"
		" AND reminder_digests.updated_at < :stale)",
		err);
	int64_t changed = 0;
	int rc;

	*claimed = false;
	if (!s)
		return KH_EDB;
	kh_store_bind_named_int(s, ":user", user_id);
	kh_store_bind_named_text(s, ":day", day);
	kh_store_bind_named_text(s, ":now", now);
	kh_store_bind_named_text(s, ":stale", stale);
	if ((rc = run(st, s, &changed, err)) == 0)
		*claimed = changed > 0;
	return rc;
}

int kh_store_remind_digest_put(struct kh_store *st, int64_t user_id, const char *day, bool sent,
			       int64_t items, const char *error, const char *now,
			       struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(
		st,
		"INSERT INTO reminder_digests (user_id, day, status, attempts, items, error,"
		" sent_at, updated_at) VALUES (:user, :day, :status, 1, :items, :error, :sent_at,"
		" :now) ON CONFLICT (user_id, day) DO UPDATE SET status = excluded.status,"
		" attempts = reminder_digests.attempts + 1, items = excluded.items,"
		" error = excluded.error, sent_at = excluded.sent_at,"
		" updated_at = excluded.updated_at WHERE reminder_digests.status <> 'sent'",
		err);

	if (!s)
		return KH_EDB;
	kh_store_bind_named_int(s, ":user", user_id);
	kh_store_bind_named_text(s, ":day", day);
	kh_store_bind_named_text(s, ":status", sent ? "sent" : "failed");
	kh_store_bind_named_int(s, ":items", items);
	if (!sent)
		kh_store_bind_named_text(s, ":error", error ? error : "");
	if (sent)
		kh_store_bind_named_text(s, ":sent_at", now);
	kh_store_bind_named_text(s, ":now", now);
	return run(st, s, NULL, err);
}

int kh_store_remind_users(struct kh_store *st, json_t **rows, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT id, login, display_name, email FROM users"
					" WHERE deleted_at IS NULL AND active = 1 ORDER BY id", err);

	*rows = NULL;
	if (!s)
		return KH_EDB;
	return kh_store_rows_json(st, s, rows, err);
}

int kh_store_remind_user_email(struct kh_store *st, int64_t user_id, char *addr, size_t size,
			       struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT email FROM users WHERE id = :user", err);
	int rc;

	addr[0] = '\0';
	if (!s)
		return KH_EDB;
	kh_store_bind_named_int(s, ":user", user_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		kh_store_column_copy(s, 0, addr, size);
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}
