/*
 * reports.c: the SQL of reports, their comments and reads, and of the facts
 * that pre-fill one (see reports.h). Optional filters are written once as
 * "(:p IS NULL OR ...)" so each statement is one cached text; the user sets
 * are JSON arrays read with json_each, as the data scope's are (store/scope.h).
 */
#include "store/work/reports.h"

#include <string.h>

#include "base/parse.h"
#include "store/sql.h"
#include "base/banned.h"

#define AUTHOR_NAME "coalesce(nullif(u.display_name, ''), u.login)"
#define IN_USERS(col) "(:users IS NULL OR " col " IN (SELECT value FROM json_each(:users)))"

static int named(sqlite3_stmt *s, const char *name)
{
	return sqlite3_bind_parameter_index(s, name);
}

/* Step s, expecting no row. */
static int run(struct kh_store *st, sqlite3_stmt *s, struct kh_error *err)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}

int kh_store_report_find(struct kh_store *st, int64_t author_id, const char *kind,
			 const char *period_start, int64_t *id, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT id FROM reports WHERE author_id = :author"
					" AND kind = :kind AND period_start = :period", err);
	int rc;

	*id = 0;
	if (!s)
		return KH_EDB;
	kh_store_bind_named_int(s, ":author", author_id);
	kh_store_bind_named_text(s, ":kind", kind);
	kh_store_bind_named_text(s, ":period", period_start);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}

int kh_store_report_get(struct kh_store *st, int64_t id, json_t **row, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT r.*, u.login AS author_login, " AUTHOR_NAME
					" AS author FROM reports r JOIN users u ON u.id = r.author_id"
					" WHERE r.id = :id", err);
	json_t *rows = NULL;
	int rc;

	*row = NULL;
	if (!s)
		return KH_EDB;
	kh_store_bind_named_int(s, ":id", id);
	if ((rc = kh_store_rows_json(st, s, &rows, err)))
		return rc;
	if (json_array_size(rows) == 0)
		rc = KH_ENOTFOUND;
	else
		*row = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	return rc;
}

#define LIST_WHERE                                                                        \
	" WHERE " IN_USERS("r.author_id")                                                 \
	" AND (:author IS NULL OR r.author_id = :author)"                                 \
	" AND (:kind IS NULL OR r.kind = :kind) AND (:status IS NULL OR r.status = :status)" \
	" AND (:from IS NULL OR r.period_start >= :from)"                                 \
	" AND (:to IS NULL OR r.period_start <= :to)"

static void bind_query(sqlite3_stmt *s, const struct kh_store_report_query *q)
{
	if (q->authors)
		kh_store_bind_json(s, named(s, ":users"), q->authors);
	if (q->author_id)
		kh_store_bind_named_int(s, ":author", q->author_id);
	kh_store_bind_named_text(s, ":kind", q->kind);
	kh_store_bind_named_text(s, ":status", q->status);
	kh_store_bind_named_text(s, ":from", q->from);
	kh_store_bind_named_text(s, ":to", q->to);
}

int kh_store_report_list(struct kh_store *st, const struct kh_store_report_query *q,
			 json_t **rows, int64_t *total, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT count(*) FROM reports r" LIST_WHERE, err);
	int rc;

	*rows = NULL;
	if (!s)
		return KH_EDB;
	bind_query(s, q);
	rc = sqlite3_step(s);
	*total = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return kh_store_fail(st, err);
	s = kh_store_stmt(st, "SELECT r.id, r.author_id, u.login AS author_login, " AUTHOR_NAME
			  " AS author, r.kind, r.period_start, r.status, r.submitted_at,"
			  " r.created_at, r.updated_at,"
			  " (SELECT count(*) FROM report_comments c WHERE c.report_id = r.id)"
			  " AS comments, (SELECT count(*) FROM report_reads rr WHERE"
			  " rr.report_id = r.id AND rr.reader_id = :reader) AS read_by_me"
			  " FROM reports r JOIN users u ON u.id = r.author_id" LIST_WHERE
			  " ORDER BY r.period_start DESC, r.id DESC LIMIT :limit OFFSET :offset",
			  err);
	if (!s)
		return KH_EDB;
	bind_query(s, q);
	kh_store_bind_named_int(s, ":reader", q->reader_id);
	kh_store_bind_named_int(s, ":limit", q->limit);
	kh_store_bind_named_int(s, ":offset", q->offset);
	return kh_store_rows_json(st, s, rows, err);
}

/* Every row of sql, which names :report, into *rows. */
static int of_report(struct kh_store *st, const char *sql, int64_t report_id, json_t **rows,
		     struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, sql, err);

	*rows = NULL;
	if (!s)
		return KH_EDB;
	kh_store_bind_named_int(s, ":report", report_id);
	return kh_store_rows_json(st, s, rows, err);
}

int kh_store_report_comments(struct kh_store *st, int64_t report_id, json_t **rows,
			     struct kh_error *err)
{
	return of_report(st, "SELECT c.id, c.author_id, " AUTHOR_NAME " AS author, c.body,"
			 " c.created_at FROM report_comments c JOIN users u ON u.id = c.author_id"
			 " WHERE c.report_id = :report ORDER BY c.id", report_id, rows, err);
}

int kh_store_report_reads(struct kh_store *st, int64_t report_id, json_t **rows,
			  struct kh_error *err)
{
	return of_report(st, "SELECT rr.reader_id, " AUTHOR_NAME " AS reader, rr.read_at"
			 " FROM report_reads rr JOIN users u ON u.id = rr.reader_id"
			 " WHERE rr.report_id = :report ORDER BY rr.read_at, rr.reader_id",
			 report_id, rows, err);
}

int kh_store_report_mark_read(struct kh_store *st, int64_t report_id, int64_t reader_id,
			      struct kh_error *err)
{
	/* ON CONFLICT ... DO NOTHING: SQLite 3.24+ and PostgreSQL alike. */
	sqlite3_stmt *s = kh_store_stmt(st, "INSERT INTO report_reads (report_id, reader_id,"
					" read_at) VALUES (:report, :reader, :now)"
					" ON CONFLICT (report_id, reader_id) DO NOTHING", err);
	char now[21];

	if (!s)
		return KH_EDB;
	kh_now_iso(now);
	kh_store_bind_named_int(s, ":report", report_id);
	kh_store_bind_named_int(s, ":reader", reader_id);
	kh_store_bind_named_text(s, ":now", now);
	return run(st, s, err);
}

int kh_store_report_writers(struct kh_store *st, json_t *users, const char *kind,
			    const char *period_start, json_t **rows, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT u.id AS user_id, u.login, " AUTHOR_NAME
					" AS name, u.team_id, r.id AS report_id, r.status,"
					" r.submitted_at FROM users u LEFT JOIN reports r"
					" ON r.author_id = u.id AND r.kind = :kind"
					" AND r.period_start = :period"
					" WHERE u.deleted_at IS NULL AND u.active = 1"
					" AND u.role IN ('sales', 'manager') AND " IN_USERS("u.id")
					" ORDER BY u.login", err);

	*rows = NULL;
	if (!s)
		return KH_EDB;
	if (users)
		kh_store_bind_json(s, named(s, ":users"), users);
	kh_store_bind_named_text(s, ":kind", kind);
	kh_store_bind_named_text(s, ":period", period_start);
	return kh_store_rows_json(st, s, rows, err);
}

#define CUSTOMER_OF(t) " JOIN customers c ON c.id = " t ".customer_id"
#define IN_PERIOD(col) " AND " col " BETWEEN :from AND :to"
#define IN_NEXT(col) " AND " col " BETWEEN :next_from AND :next_to"

/* The facts, one statement each; all name :user and their period. */
static const struct {
	const char *key, *sql;
} facts[] = {
	{"activities",
	 "SELECT a.id, a.kind, a.activity_date AS date, a.customer_id, c.name AS customer_name,"
	 " a.lead_id, l.name AS lead_name, a.subject, a.note, a.outcome, a.report,"
	 " a.next_step, a.next_date FROM activities a"
	 " LEFT JOIN customers c ON c.id = a.customer_id LEFT JOIN leads l ON l.id = a.lead_id"
	 " WHERE a.user_id = :user AND a.deleted_at IS NULL AND a.status = 'done'"
	 IN_PERIOD("a.activity_date") " ORDER BY a.activity_date, a.id"},
	/* An order without an owner is its customer's owner's. */
	{"orders",
	 "SELECT o.id, o.order_date AS date, o.customer_id, c.name AS customer_name,"
	 " o.amount_fen, o.status FROM orders o" CUSTOMER_OF("o")
	 " WHERE o.deleted_at IS NULL AND o.status <> 'cancelled'"
	 " AND (o.owner_id = :user OR (o.owner_id IS NULL AND c.owner_id = :user))"
	 IN_PERIOD("o.order_date") " ORDER BY o.order_date, o.id"},
	{"contracts_signed",
	 "SELECT k.id, k.number, k.name, k.customer_id, c.name AS customer_name,"
	 " k.signed_date AS date, k.total_fen, k.status FROM contracts k" CUSTOMER_OF("k")
	 " WHERE k.owner_id = :user AND k.deleted_at IS NULL AND k.status <> 'cancelled'"
	 IN_PERIOD("k.signed_date") " ORDER BY k.signed_date, k.id"},
	{"contracts_approved",
	 "SELECT k.id, k.number, k.name, k.customer_id, c.name AS customer_name,"
	 " substr(k.decided_at, 1, 10) AS date, k.total_fen, k.status FROM contracts k"
	 CUSTOMER_OF("k") " WHERE k.owner_id = :user AND k.deleted_at IS NULL"
	 " AND k.status = 'approved'" IN_PERIOD("substr(k.decided_at, 1, 10)")
	 " ORDER BY k.decided_at, k.id"},
	{"receipts",
	 "SELECT v.id, v.number, v.contract_id, v.customer_id, c.name AS customer_name,"
	 " v.received_date AS date, v.amount_fen, v.status FROM receivables v" CUSTOMER_OF("v")
	 " WHERE v.owner_id = :user AND v.deleted_at IS NULL"
	 " AND v.status NOT IN ('cancelled', 'rejected')" IN_PERIOD("v.received_date")
	 " ORDER BY v.received_date, v.id"},
	{"new_customers",
	 "SELECT c.id, c.name, c.segment, c.source FROM customers c WHERE c.owner_id = :user"
	 " AND c.deleted_at IS NULL AND c.merged_into IS NULL"
	 IN_PERIOD("substr(c.created_at, 1, 10)") " ORDER BY c.id"},
	{"new_leads",
	 "SELECT l.id, l.name, l.company, l.source FROM leads l WHERE l.owner_id = :user"
	 " AND l.deleted_at IS NULL" IN_PERIOD("substr(l.created_at, 1, 10)") " ORDER BY l.id"},
	{"next_contacts",
	 "SELECT 'customer' AS type, c.id, c.name, c.next_contact_date AS date FROM customers c"
	 " WHERE c.owner_id = :user AND c.deleted_at IS NULL AND c.in_pool = 0"
	 IN_NEXT("c.next_contact_date") " UNION ALL"
	 " SELECT 'lead' AS type, l.id, l.name, l.next_contact_date AS date FROM leads l"
	 " WHERE l.owner_id = :user AND l.deleted_at IS NULL AND l.converted_at IS NULL"
	 IN_NEXT("l.next_contact_date") " ORDER BY date, type, id"},
	{"tasks_due",
	 "SELECT t.id, t.title, t.due_date AS date, t.customer_id, c.name AS customer_name"
	 " FROM tasks t LEFT JOIN customers c ON c.id = t.customer_id"
	 " WHERE t.user_id = :user AND t.done = 0 AND t.deleted_at IS NULL"
	 IN_NEXT("t.due_date") " ORDER BY t.due_date, t.id"},
};

int kh_store_report_facts(struct kh_store *st, int64_t user_id, const char *from,
			  const char *to, const char *next_from, const char *next_to,
			  json_t **out, struct kh_error *err)
{
	json_t *o = json_object();
	int rc = 0;

	if (!o)
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	for (size_t i = 0; rc == 0 && i < sizeof(facts) / sizeof(facts[0]); i++) {
		sqlite3_stmt *s = kh_store_stmt(st, facts[i].sql, err);
		json_t *rows = NULL;

		if (!s) {
			rc = KH_EDB;
			break;
		}
		kh_store_bind_named_int(s, ":user", user_id);
		kh_store_bind_named_text(s, ":from", from);
		kh_store_bind_named_text(s, ":to", to);
		kh_store_bind_named_text(s, ":next_from", next_from);
		kh_store_bind_named_text(s, ":next_to", next_to);
		if ((rc = kh_store_rows_json(st, s, &rows, err)) == 0)
			json_object_set_new(o, facts[i].key, rows);
	}
	if (rc)
		json_decref(o);
	else
		*out = o;
	return rc;
}
