/*
 * campaigns.c: the SQL of campaign reads (see campaigns.h).
 */
#include "store/comms/campaigns.h"

#include "store/scope.h"
#include "store/sql.h"
#include "base/banned.h"

#define OWNER_NAME "coalesce(nullif(u.display_name, ''), u.login)"

/* The single count s answers. */
static int count_of(struct kh_store *st, sqlite3_stmt *s, int64_t *n, struct kh_error *err)
{
	int rc = sqlite3_step(s);

	*n = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : kh_store_fail(st, err);
}

int kh_store_campaign_get(struct kh_store *st, int64_t id, json_t **row, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT c.*, " OWNER_NAME " AS owner FROM campaigns c"
					" JOIN users u ON u.id = c.owner_id"
					" WHERE c.id = :id AND c.deleted_at IS NULL", err);

	*row = NULL;
	if (!s)
		return KH_EDB;
	kh_store_bind_named_int(s, ":id", id);
	return kh_store_row_of(st, s, row, err);
}

#define LIST_WHERE                                                                      \
	" WHERE c.deleted_at IS NULL"                                                   \
	" AND (:owners IS NULL OR c.owner_id IN (SELECT value FROM json_each(:owners)))" \
	" AND (:status IS NULL OR c.status = :status) AND (:kind IS NULL OR c.kind = :kind)"

static void bind_list(sqlite3_stmt *s, const struct kh_store_campaign_query *q)
{
	if (q->owners)
		kh_store_bind_json(s, sqlite3_bind_parameter_index(s, ":owners"), q->owners);
	kh_store_bind_named_text(s, ":status", q->status);
	kh_store_bind_named_text(s, ":kind", q->kind);
}

int kh_store_campaign_list(struct kh_store *st, const struct kh_store_campaign_query *q,
			   json_t **rows, int64_t *total, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT count(*) FROM campaigns c" LIST_WHERE, err);
	int rc;

	*rows = NULL;
	if (!s)
		return KH_EDB;
	bind_list(s, q);
	if ((rc = count_of(st, s, total, err)))
		return rc;
	if (!(s = kh_store_stmt(st, "SELECT c.id, c.name, c.kind, c.purpose, c.status,"
				" c.scheduled_at, c.started_at, c.finished_at, c.greeting_id,"
				" c.greeting_day, c.owner_id, " OWNER_NAME " AS owner,"
				" c.created_at, c.updated_at FROM campaigns c"
				" JOIN users u ON u.id = c.owner_id" LIST_WHERE
				" ORDER BY c.id DESC LIMIT :limit OFFSET :offset", err)))
		return KH_EDB;
	bind_list(s, q);
	kh_store_bind_named_int(s, ":limit", q->limit);
	kh_store_bind_named_int(s, ":offset", q->offset);
	return kh_store_rows_json(st, s, rows, err);
}

int kh_store_campaign_counts(struct kh_store *st, int64_t id, json_t **out,
			     struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(
		st, "SELECT coalesce(sum(state = 'queued'), 0) AS queued,"
		    " coalesce(sum(state = 'sending'), 0) AS sending,"
		    " coalesce(sum(state = 'sent'), 0) AS sent,"
		    " coalesce(sum(state = 'failed'), 0) AS failed,"
		    " coalesce(sum(state = 'bounced'), 0) AS bounced,"
		    " coalesce(sum(state = 'cancelled'), 0) AS cancelled,"
		    " count(opened_at) AS opened, count(clicked_at) AS clicked,"
		    " count(unsubscribed_at) AS unsubscribed"
		    " FROM mail_queue WHERE campaign_id = :id", err);

	*out = NULL;
	if (!s)
		return KH_EDB;
	kh_store_bind_named_int(s, ":id", id);
	return kh_store_row_of(st, s, out, err);
}

int kh_store_campaign_breakdown(struct kh_store *st, int64_t id, json_t **by_segment,
				json_t **by_day, json_t **by_part, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(
		st, "SELECT coalesce(c.segment, '') AS segment, count(q.sent_at) AS sent,"
		    " count(q.opened_at) AS opened, count(q.clicked_at) AS clicked,"
		    " count(q.unsubscribed_at) AS unsubscribed FROM mail_queue q"
		    " JOIN customers c ON c.id = q.customer_id WHERE q.campaign_id = :id"
		    " GROUP BY coalesce(c.segment, '') ORDER BY sent DESC, segment", err);
	int rc;

	*by_segment = *by_day = *by_part = NULL;
	if (!s)
		return KH_EDB;
	kh_store_bind_named_int(s, ":id", id);
	if ((rc = kh_store_rows_json(st, s, by_segment, err)))
		return rc;
	if (!(s = kh_store_stmt(
		      st, "SELECT day, sum(sent) AS sent, sum(opened) AS opened,"
			  " sum(clicked) AS clicked FROM ("
			  " SELECT substr(sent_at, 1, 10) AS day, 1 AS sent, 0 AS opened, 0 AS clicked"
			  " FROM mail_queue WHERE campaign_id = :id AND sent_at IS NOT NULL"
			  " UNION ALL SELECT substr(opened_at, 1, 10), 0, 1, 0 FROM mail_queue"
			  " WHERE campaign_id = :id AND opened_at IS NOT NULL"
			  " UNION ALL SELECT substr(clicked_at, 1, 10), 0, 0, 1 FROM mail_queue"
			  " WHERE campaign_id = :id AND clicked_at IS NOT NULL)"
			  " GROUP BY day ORDER BY day", err)))
		return KH_EDB;
	kh_store_bind_named_int(s, ":id", id);
	if ((rc = kh_store_rows_json(st, s, by_day, err)))
		return rc;
	if (!(s = kh_store_stmt(st, "SELECT e.part, count(*) AS clicks FROM mail_queue q"
				" JOIN mail_events e ON e.message_id = q.id"
				" WHERE q.campaign_id = :id AND e.kind = 'click'"
				" AND e.part IS NOT NULL GROUP BY e.part ORDER BY e.part", err)))
		return KH_EDB;
	kh_store_bind_named_int(s, ":id", id);
	return kh_store_rows_json(st, s, by_part, err);
}

#define MESSAGES_WHERE " WHERE q.campaign_id = :id AND (:state IS NULL OR q.state = :state)"

int kh_store_campaign_messages(struct kh_store *st, int64_t id, const char *state,
			       int64_t limit, int64_t offset, json_t **rows, int64_t *total,
			       struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT count(*) FROM mail_queue q" MESSAGES_WHERE,
					err);
	int rc;

	*rows = NULL;
	if (!s)
		return KH_EDB;
	kh_store_bind_named_int(s, ":id", id);
	kh_store_bind_named_text(s, ":state", state);
	if ((rc = count_of(st, s, total, err)))
		return rc;
	if (!(s = kh_store_stmt(st, "SELECT q.id, q.contact_id, k.name AS contact, q.customer_id,"
				" c.name AS customer, q.address, q.state, q.attempts, q.sent_at,"
				" q.opened_at, q.clicked_at, q.unsubscribed_at, q.smtp_code, q.error"
				" FROM mail_queue q JOIN contacts k ON k.id = q.contact_id"
				" JOIN customers c ON c.id = q.customer_id" MESSAGES_WHERE
				" ORDER BY q.id LIMIT :limit OFFSET :offset", err)))
		return KH_EDB;
	kh_store_bind_named_int(s, ":id", id);
	kh_store_bind_named_text(s, ":state", state);
	kh_store_bind_named_int(s, ":limit", limit);
	kh_store_bind_named_int(s, ":offset", offset);
	return kh_store_rows_json(st, s, rows, err);
}

int kh_store_campaigns_due(struct kh_store *st, const char *now, int64_t *ids, size_t max,
			   size_t *n, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT id FROM campaigns WHERE status = 'scheduled'"
					" AND deleted_at IS NULL AND scheduled_at <= :now"
					" ORDER BY scheduled_at, id LIMIT :max", err);
	int rc;

	*n = 0;
	if (!s)
		return KH_EDB;
	kh_store_bind_named_text(s, ":now", now);
	kh_store_bind_named_int(s, ":max", (int64_t)max);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && *n < max)
		ids[(*n)++] = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : kh_store_fail(st, err);
}

int kh_store_recipient_facts(struct kh_store *st, int64_t contact_id, const char *address,
			     json_t **row, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(
		st, "SELECT k.name AS contact_name, k.title AS contact_title,"
		    " k.gender AS contact_gender, c.name AS customer_name,"
		    " " OWNER_NAME " AS owner_name, u.email AS owner_email, u.phone AS owner_phone,"
		    " u.signature AS owner_signature,"
		    " coalesce(k.mail_consent = 'unsubscribed', 0) AS unsubscribed,"
		    " (SELECT reason FROM mail_suppressions"
		    "  WHERE address = lower(trim(coalesce(:address, k.email)))) AS suppressed"
		    " FROM contacts k JOIN customers c ON c.id = k.customer_id"
		    " LEFT JOIN users u ON u.id = c.owner_id"
		    " WHERE k.id = :id AND k.deleted_at IS NULL", err);

	*row = NULL;
	if (!s)
		return KH_EDB;
	kh_store_bind_named_int(s, ":id", contact_id);
	kh_store_bind_named_text(s, ":address", address);
	return kh_store_row_of(st, s, row, err);
}

#define RESPONSE_FROM(join)                                                               \
	" FROM mail_queue q JOIN customers c ON c.id = q.customer_id" join                \
	" WHERE q.sent_at IS NOT NULL AND (:from IS NULL OR q.sent_at >= :from)"         \
	" AND (:to IS NULL OR q.sent_at < :to) AND " KH_SCOPE_VISIBLE("c")

#define RESPONSE_COUNTS                                                                   \
	" count(*) AS sent, count(q.opened_at) AS opened, count(q.clicked_at) AS clicked,"  \
	" count(q.unsubscribed_at) AS unsubscribed"

int kh_store_mail_response(struct kh_store *st, const struct kh_scope *scope, const char *from,
			   const char *to, json_t **by_campaign, json_t **by_segment,
			   struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(
		st, "SELECT q.campaign_id, m.name, m.kind, m.purpose," RESPONSE_COUNTS
		    RESPONSE_FROM(" JOIN campaigns m ON m.id = q.campaign_id")
		    " GROUP BY q.campaign_id ORDER BY q.campaign_id DESC", err);
	int rc;

	*by_campaign = *by_segment = NULL;
	if (!s)
		return KH_EDB;
	kh_store_scope_bind(s, scope);
	kh_store_bind_named_text(s, ":from", from);
	kh_store_bind_named_text(s, ":to", to);
	if ((rc = kh_store_rows_json(st, s, by_campaign, err)))
		return rc;
	if (!(s = kh_store_stmt(st, "SELECT coalesce(c.segment, '') AS segment," RESPONSE_COUNTS
				RESPONSE_FROM("") " GROUP BY coalesce(c.segment, '')"
				" ORDER BY sent DESC, segment", err)))
		return KH_EDB;
	kh_store_scope_bind(s, scope);
	kh_store_bind_named_text(s, ":from", from);
	kh_store_bind_named_text(s, ":to", to);
	return kh_store_rows_json(st, s, by_segment, err);
}
