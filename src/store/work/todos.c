/*
 * todos.c: the to-do centre's SQL (see todos.h). A kind is a list of
 * branches; every statement is put together from them at run time (the
 * owner filter is left out for an actor who sees everybody's, so each
 * branch reads one range of one index) and kept in the statement cache.
 *
 * Each branch's WHERE begins with the condition of a partial index of
 * migration 26 (or an older one), so that a count reads that index alone.
 * Not portable, noted for the PostgreSQL backend: json_each (as scope.h),
 * date() with a "+N days" modifier (key accounts' cadence).
 */
#include "store/work/todos.h"

#include <string.h>

#include "base/parse.h"
#include "base/strbuf.h"
#include "store/sql.h"
#include "base/banned.h"

struct branch {
	const char *type;     /* the item's type, a record the web UI links to */
	const char *from;     /* FROM ... (with its joins) */
	const char *id;       /* the item's id */
	const char *customer; /* its customer's id, or NULL */
	const char *title;
	const char *due;      /* its due day ('YYYY-MM-DD'), never NULL */
	const char *where;
	const char *owner;    /* the column the owner filter applies to */
};

/* The occurrence this year or next of a yearly date whose "MM-DD" is MD
 * (one born on Feb 29 has it on Feb 28 in a common year). */
#define YEARLY(MD)                                                                    \
	"(CASE WHEN " MD " >= :md_today THEN :year1 || '-' || (CASE WHEN " MD " = '02-29'" \
	" AND :leap1 = 0 THEN '02-28' ELSE " MD " END) ELSE :year2 || '-' || (CASE WHEN "   \
	MD " = '02-29' AND :leap2 = 0 THEN '02-28' ELSE " MD " END) END)"
#define IN_WINDOW(MD) MD " IN (SELECT value FROM json_each(:month_days))"

#define WITH_CUSTOMER(T, A) T " " A " JOIN customers c ON c.id = " A ".customer_id"
#define CADENCE "COALESCE(c.visit_cadence_days, :key_cadence)"

static const struct branch followups[] = {
	{"customer", "customers c", "c.id", "c.id", "c.name", "c.next_contact_date",
	 "c.deleted_at IS NULL AND c.next_contact_date IS NOT NULL"
	 " AND c.next_contact_date <= :today", "c.owner_id"},
	{"contact", WITH_CUSTOMER("contacts", "k"), "k.id", "c.id", "k.name", "k.next_contact_date",
	 "k.deleted_at IS NULL AND k.next_contact_date IS NOT NULL"
	 " AND k.next_contact_date <= :today AND c.deleted_at IS NULL", "c.owner_id"},
	{"opportunity", WITH_CUSTOMER("opportunities", "o"), "o.id", "c.id", "o.name",
	 "o.next_contact_date",
	 "o.deleted_at IS NULL AND o.next_contact_date IS NOT NULL"
	 " AND o.next_contact_date <= :today AND o.stage NOT IN ('won', 'lost')"
	 " AND c.deleted_at IS NULL", "c.owner_id"},
	{"task", "tasks t LEFT JOIN customers c ON c.id = t.customer_id", "t.id", "c.id",
	 "t.title", "t.due_date",
	 "t.deleted_at IS NULL AND t.done = 0 AND t.due_date <= :today", "t.user_id"},
	{0},
};
static const struct branch leads_new[] = {
	{"lead", "leads l", "l.id", NULL, "l.name", "substr(l.created_at, 1, 10)",
	 "l.deleted_at IS NULL AND l.status = 'new' AND l.owner_id IS NOT NULL", "l.owner_id"},
	{0},
};
static const struct branch pool_soon[] = {
	{"customer", "customers c", "c.id", "c.id", "c.name", KH_STORE_POOL_DUE("c"),
	 KH_STORE_POOL_WITHIN("c"), "c.owner_id"},
	{0},
};
static const struct branch contracts_awaiting[] = {
	{"contract", WITH_CUSTOMER("contracts", "d"), "d.id", "c.id", "d.number || ' ' || d.name",
	 "substr(d.submitted_at, 1, 10)", "d.deleted_at IS NULL AND d.status = 'review'",
	 "d.owner_id"},
	{0},
};
static const struct branch receivables_awaiting[] = {
	{"receivable", WITH_CUSTOMER("receivables", "v"), "v.id", "c.id", "v.number",
	 "substr(v.submitted_at, 1, 10)", "v.deleted_at IS NULL AND v.status = 'review'",
	 "v.owner_id"},
	{0},
};
static const struct branch visit_plans_awaiting[] = {
	{"activity", WITH_CUSTOMER("activities", "a"), "a.id", "c.id",
	 "COALESCE(a.subject, a.purpose)", "a.activity_date",
	 "a.deleted_at IS NULL AND a.kind = 'visit' AND a.approved_by IS NULL"
	 " AND a.rejected_by IS NULL AND a.purpose <> '' AND a.approved_at IS NULL"
	 " AND a.rejected_at IS NULL AND (a.user_id IS NULL OR a.user_id <> :user)"
	 " AND c.deleted_at IS NULL", "c.owner_id"},
	{0},
};
static const struct branch receivables_due[] = {
	{"plan", WITH_CUSTOMER("receivable_plans", "p"), "p.id", "c.id", "c.name", "p.due_date",
	 "p.deleted_at IS NULL AND p.paid_date IS NULL AND p.due_date <= :receivables_until"
	 " AND p.received_fen < p.amount_fen AND c.deleted_at IS NULL", "c.owner_id"},
	{0},
};
static const struct branch contracts_expiring[] = {
	{"contract", WITH_CUSTOMER("contracts", "d"), "d.id", "c.id", "d.number || ' ' || d.name",
	 "d.end_date",
	 "d.deleted_at IS NULL AND d.status = 'approved' AND d.end_date >= :today"
	 " AND d.end_date <= :contracts_until", "d.owner_id"},
	{0},
};
static const struct branch key_accounts[] = {
	{"customer", "customers c", "c.id", "c.id", "c.name",
	 "COALESCE(date(c.last_contact_date, '+' || " CADENCE " || ' days'), c.owner_since,"
	 " substr(c.created_at, 1, 10))",
	 "c.deleted_at IS NULL AND c.key_account = 1 AND c.owner_id IS NOT NULL"
	 " AND (c.last_contact_date IS NULL"
	 " OR date(c.last_contact_date, '+' || " CADENCE " || ' days') < :today)", "c.owner_id"},
	{0},
};
static const struct branch dates_upcoming[] = {
	{"birthday", WITH_CUSTOMER("contacts", "k"), "k.id", "c.id", "k.name",
	 YEARLY("substr(k.birthday, 6, 5)"),
	 "k.deleted_at IS NULL AND k.birthday IS NOT NULL AND "
	 IN_WINDOW("substr(k.birthday, 6, 5)") " AND length(k.birthday) = 10"
	 " AND c.deleted_at IS NULL", "c.owner_id"},
	{"founding", "customers c", "c.id", "c.id", "c.name", YEARLY("substr(c.founded_on, 6, 5)"),
	 "c.deleted_at IS NULL AND c.founded_on IS NOT NULL AND "
	 IN_WINDOW("substr(c.founded_on, 6, 5)") " AND c.founded_on < :today", "c.owner_id"},
	{"first_deal", "customers c", "c.id", "c.id", "c.name", YEARLY("substr(c.won_on, 6, 5)"),
	 "c.deleted_at IS NULL AND c.won_on IS NOT NULL AND "
	 IN_WINDOW("substr(c.won_on, 6, 5)") " AND c.won_on < :today", "c.owner_id"},
	{"important_date", WITH_CUSTOMER("important_dates", "i"), "i.id", "c.id",
	 "COALESCE(i.label, i.kind)", YEARLY("substr(i.date, 6, 5)"),
	 "i.deleted_at IS NULL AND " IN_WINDOW("substr(i.date, 6, 5)")
	 " AND i.yearly = 1 AND i.date <= :dates_until AND c.deleted_at IS NULL", "c.owner_id"},
	{"important_date", WITH_CUSTOMER("important_dates", "i"), "i.id", "c.id",
	 "COALESCE(i.label, i.kind)", "i.date",
	 "i.deleted_at IS NULL AND i.date >= :today AND i.date <= :dates_until"
	 " AND i.yearly = 0 AND c.deleted_at IS NULL", "c.owner_id"},
	{0},
};

struct kind {
	const char *name;
	const struct branch *branches;
	enum kh_store_todo_owners owners;
};

static const struct kind kinds[KH_STORE_TODO_NKINDS] = {
	{"followups_due", followups, KH_TODO_BY_REACH},
	{"leads_new", leads_new, KH_TODO_BY_REACH},
	{"pool_soon", pool_soon, KH_TODO_BY_REACH},
	{"contracts_awaiting", contracts_awaiting, KH_TODO_BY_APPROVER},
	{"receivables_awaiting", receivables_awaiting, KH_TODO_BY_APPROVER},
	{"visit_plans_awaiting", visit_plans_awaiting, KH_TODO_BY_APPROVER},
	{"receivables_due", receivables_due, KH_TODO_BY_REACH},
	{"contracts_expiring", contracts_expiring, KH_TODO_BY_REACH},
	{"key_accounts_overdue", key_accounts, KH_TODO_BY_REACH},
	{"dates_upcoming", dates_upcoming, KH_TODO_BY_REACH},
};

const char *kh_store_todo_kind_name(int kind)
{
	return kind >= 0 && kind < KH_STORE_TODO_NKINDS ? kinds[kind].name : NULL;
}

bool kh_store_todo_has_type(int kind, const char *type)
{
	if (kind < 0 || kind >= KH_STORE_TODO_NKINDS || !type)
		return false;
	for (const struct branch *b = kinds[kind].branches; b->type; b++)
		if (strcmp(b->type, type) == 0)
			return true;
	return false;
}

/* Does the actor have no item of kind at all (a rep has nothing to approve)? */
static bool kind_empty(const struct kh_store_todo_params *p, int kind)
{
	if (kind == 5 && !p->approves_visits)
		return true;
	return kinds[kind].owners == KH_TODO_BY_APPROVER && !p->approver;
}

/* " FROM ... WHERE ..." of branch b with the owner filter, and extra. What
 * the approval queue lists is in the data scope too, so an approver's
 * branches keep both filters. in_order: a page, read in the order of the
 * branch's own partial index; an owner that comes from the joined customer
 * is then only checked (unary +), or the planner would start from the
 * owner's customers and sort all their contacts or plans to give ten. */
static void add_from_where(struct kh_strbuf *sql, const struct kh_store_todo_params *p,
			   int kind, const struct branch *b, const char *extra, bool in_order)
{
	bool approval = kinds[kind].owners == KH_TODO_BY_APPROVER;
	const char *owner = approval ? "c.owner_id" : b->owner;
	bool joined = strncmp(owner, "c.", 2) == 0 && strncmp(b->from, "customers ", 10) != 0;

	kh_strbuf_addf(sql, " FROM %s WHERE %s", b->from, b->where);
	if (p->owners)
		kh_strbuf_addf(sql, " AND %s%s IN (SELECT value FROM json_each(:owners))",
			       in_order && joined ? "+" : "", owner);
	if (approval && p->approvable)
		kh_strbuf_addf(sql, " AND %s IN (SELECT value FROM json_each(:approvable))",
			       b->owner);
	else if (approval && p->approve_except_self)
		kh_strbuf_addf(sql, " AND %s <> :user", b->owner);
	if (extra)
		kh_strbuf_adds(sql, extra);
}

/* "SELECT type, ref_id, ... FROM ... WHERE ..." of branch b. */
static void add_select(struct kh_strbuf *sql, const struct kh_store_todo_params *p, int kind,
		       const struct branch *b)
{
	kh_strbuf_addf(sql, "SELECT '%s' AS type, %s AS ref_id, %s AS customer_id, %s AS "
		       "customer_name, %s AS title, COALESCE(%s, '') AS due", b->type, b->id,
		       b->customer ? b->customer : "NULL", b->customer ? "c.name" : "NULL",
		       b->title, b->due);
	add_from_where(sql, p, kind, b, NULL, false);
}

/* "SELECT * FROM (every branch's rows) t WHERE not marked": what the list
 * pages through and the count counts. */
static void add_unmarked(struct kh_strbuf *sql, const struct kh_store_todo_params *p, int kind)
{
	kh_strbuf_adds(sql, "SELECT * FROM (");
	for (const struct branch *b = kinds[kind].branches; b->type; b++) {
		if (b != kinds[kind].branches)
			kh_strbuf_adds(sql, " UNION ALL ");
		add_select(sql, p, kind, b);
	}
	kh_strbuf_addf(sql, ") t WHERE NOT EXISTS (SELECT 1 FROM todo_marks m WHERE "
		       "m.user_id = :user AND m.kind = '%s' AND (m.done = 1 OR m.snoozed_until"
		       " > :today) AND m.ref_type = t.type AND m.ref_id = t.ref_id"
		       " AND m.due = t.due)", kinds[kind].name);
}

/* The count of kind: the rows of its list, up to the cap. Reading stops
 * there, so a badge costs a few hundred index rows however many items a
 * manager's team has; below the cap it is exact. */
static void add_count(struct kh_strbuf *sql, const struct kh_store_todo_params *p, int kind)
{
	if (kind_empty(p, kind)) {
		kh_strbuf_adds(sql, "0");
		return;
	}
	kh_strbuf_adds(sql, "(SELECT COUNT(*) FROM (");
	add_unmarked(sql, p, kind);
	kh_strbuf_adds(sql, " LIMIT :count_cap))");
}

static void bind_json(sqlite3_stmt *s, const char *name, json_t *v)
{
	int i = sqlite3_bind_parameter_index(s, name);

	if (i && v)
		kh_store_bind_json(s, i, v);
}

static void bind_params(sqlite3_stmt *s, const struct kh_store_todo_params *p)
{
	kh_store_bind_named_text(s, ":today", p->today);
	kh_store_bind_named_int(s, ":user", p->user_id);
	bind_json(s, ":owners", p->owners);
	bind_json(s, ":approvable", p->approvable);
	kh_store_bind_named_text(s, ":receivables_until", p->receivables_until);
	kh_store_bind_named_text(s, ":contracts_until", p->contracts_until);
	kh_store_bind_named_text(s, ":dates_until", p->dates_until);
	kh_store_bind_named_int(s, ":key_cadence", p->key_cadence_days);
	bind_json(s, ":month_days", p->month_days);
	kh_store_bind_named_text(s, ":md_today", p->md_today);
	kh_store_bind_named_text(s, ":year1", p->year1);
	kh_store_bind_named_text(s, ":year2", p->year2);
	kh_store_bind_named_int(s, ":leap1", p->leap1);
	kh_store_bind_named_int(s, ":leap2", p->leap2);
	kh_store_bind_named_int(s, ":count_cap", p->count_cap);
	kh_store_pool_window_bind(s, &p->pool);
}

/* Prepare sql (or fail with out of memory when it could not be built). */
static sqlite3_stmt *prepare(struct kh_store *st, struct kh_strbuf *sql,
			     const struct kh_store_todo_params *p, struct kh_error *err)
{
	sqlite3_stmt *s;

	if (!sql->len) {
		kh_error_set(err, KH_ENOMEM, "", "out of memory");
		return NULL;
	}
	if ((s = kh_store_stmt_dyn(st, sql->buf, err)))
		bind_params(s, p);
	return s;
}

int kh_store_todo_counts(struct kh_store *st, const struct kh_store_todo_params *p,
			 int64_t n[KH_STORE_TODO_NKINDS], struct kh_error *err)
{
	struct kh_strbuf sql;
	sqlite3_stmt *s;
	int rc = KH_EDB;

	kh_strbuf_init(&sql, 0);
	kh_strbuf_adds(&sql, "SELECT ");
	for (int k = 0; k < KH_STORE_TODO_NKINDS; k++) {
		if (k)
			kh_strbuf_adds(&sql, ", ");
		add_count(&sql, p, k);
	}
	if (!(s = prepare(st, &sql, p, err)))
		goto out;
	if (sqlite3_step(s) != SQLITE_ROW) {
		rc = kh_store_fail(st, err);
		sqlite3_reset(s);
		goto out;
	}
	for (int k = 0; k < KH_STORE_TODO_NKINDS; k++)
		n[k] = sqlite3_column_int64(s, k);
	sqlite3_reset(s);
	rc = 0;
out:
	kh_strbuf_release(&sql);
	return rc;
}

/* One page of kind: each branch's first limit unmarked rows after the
 * cursor in its own (due, id) order, which its partial index gives without
 * a sort, then the page of their union. A manager's team may have half a
 * million follow-ups due; each branch reads limit of them, not all. */
static void add_page(struct kh_strbuf *sql, const struct kh_store_todo_params *p, int kind,
		     bool after)
{
	kh_strbuf_adds(sql, "SELECT * FROM (");
	for (const struct branch *b = kinds[kind].branches; b->type; b++) {
		struct kh_strbuf extra;

		kh_strbuf_init(&extra, 0);
		kh_strbuf_addf(&extra, " AND NOT EXISTS (SELECT 1 FROM todo_marks m WHERE "
			       "m.user_id = :user AND m.kind = '%s' AND (m.done = 1 OR "
			       "m.snoozed_until > :today) AND m.ref_type = '%s' AND m.ref_id = %s"
			       " AND m.due = COALESCE(%s, ''))", kinds[kind].name, b->type, b->id,
			       b->due);
		if (after)
			kh_strbuf_addf(&extra, " AND (COALESCE(%s, ''), '%s', %s) > (:c_due, :c_type,"
				       " :c_id)", b->due, b->type, b->id);
		/* NULL sorts first, as '' does in the union's order */
		kh_strbuf_addf(&extra, " ORDER BY %s, %s LIMIT :limit", b->due, b->id);
		if (b != kinds[kind].branches)
			kh_strbuf_adds(sql, " UNION ALL ");
		kh_strbuf_adds(sql, "SELECT * FROM (");
		kh_strbuf_addf(sql, "SELECT '%s' AS type, %s AS ref_id, %s AS customer_id, %s AS "
			       "customer_name, %s AS title, COALESCE(%s, '') AS due", b->type, b->id,
			       b->customer ? b->customer : "NULL", b->customer ? "c.name" : "NULL",
			       b->title, b->due);
		add_from_where(sql, p, kind, b, extra.buf, true);
		kh_strbuf_adds(sql, ")");
		kh_strbuf_release(&extra);
	}
	kh_strbuf_adds(sql, ") t ORDER BY t.due, t.type, t.ref_id LIMIT :limit");
}

int kh_store_todo_list(struct kh_store *st, const struct kh_store_todo_params *p, int kind,
		       int limit, const char *after_due, const char *after_type,
		       int64_t after_id, json_t **rows, struct kh_error *err)
{
	struct kh_strbuf sql;
	sqlite3_stmt *s;
	int rc = KH_EDB;

	if (kind_empty(p, kind)) {
		*rows = json_array();
		return 0;
	}
	kh_strbuf_init(&sql, 0);
	add_page(&sql, p, kind, after_type != NULL);
	if (!(s = prepare(st, &sql, p, err)))
		goto out;
	kh_store_bind_named_int(s, ":limit", limit);
	if (after_type) {
		kh_store_bind_named_text(s, ":c_due", after_due);
		kh_store_bind_named_text(s, ":c_type", after_type);
		kh_store_bind_named_int(s, ":c_id", after_id);
	}
	rc = kh_store_rows_json(st, s, rows, err);
out:
	kh_strbuf_release(&sql);
	return rc;
}

int kh_store_todo_due(struct kh_store *st, const struct kh_store_todo_params *p, int kind,
		      const char *type, int64_t ref_id, char due[11], struct kh_error *err)
{
	struct kh_strbuf sql;
	sqlite3_stmt *s;
	int rc = KH_ENOTFOUND, step;

	if (!kh_store_todo_has_type(kind, type) || kind_empty(p, kind))
		return KH_ENOTFOUND;
	kh_strbuf_init(&sql, 0);
	for (const struct branch *b = kinds[kind].branches; b->type; b++) {
		if (strcmp(b->type, type))
			continue;
		if (sql.len)
			kh_strbuf_adds(&sql, " UNION ALL ");
		kh_strbuf_addf(&sql, "SELECT COALESCE(%s, '')", b->due);
		add_from_where(&sql, p, kind, b, NULL, false);
		kh_strbuf_addf(&sql, " AND %s = :ref", b->id);
	}
	if (!(s = prepare(st, &sql, p, err))) {
		rc = KH_EDB;
		goto out;
	}
	kh_store_bind_named_int(s, ":ref", ref_id);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		kh_store_column_copy(s, 0, due, 11);
		rc = 0;
	} else if (step != SQLITE_DONE) {
		rc = kh_store_fail(st, err);
	}
	sqlite3_reset(s);
out:
	kh_strbuf_release(&sql);
	return rc;
}

int kh_store_todo_mark(struct kh_store *st, int64_t user_id, int kind, const char *type,
		       int64_t ref_id, const char *due, bool done, const char *until,
		       struct kh_error *err)
{
	static const char sql[] =
		"INSERT INTO todo_marks (user_id, kind, ref_type, ref_id, due, done,"
		" snoozed_until, marked_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
		" ON CONFLICT (user_id, kind, ref_type, ref_id, due) DO UPDATE SET"
		" done = excluded.done, snoozed_until = excluded.snoozed_until,"
		" marked_at = excluded.marked_at";
	sqlite3_stmt *s = kh_store_stmt(st, sql, err);
	char now[21];
	int rc;

	if (!s)
		return KH_EDB;
	kh_now_iso(now);
	sqlite3_bind_int64(s, 1, user_id);
	sqlite3_bind_text(s, 2, kinds[kind].name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, type, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 4, ref_id);
	sqlite3_bind_text(s, 5, due, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 6, done);
	if (until)
		sqlite3_bind_text(s, 7, until, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 8, now, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}
