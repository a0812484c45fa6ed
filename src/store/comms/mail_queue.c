/*
 * mail_queue.c: the SQL of the mail queue, its events and the audience's
 * candidates (see mail_queue.h). Every statement is one cached text; the
 * id sets are JSON arrays read with json_each, as the data scope's are.
 */
#include "store/comms/mail_queue.h"

#include <stdlib.h>
#include <string.h>

#include "store/sql.h"
#include "base/banned.h"

/* Messages that count against the caps: every one not dropped. */
#define COUNTED "q.state NOT IN ('cancelled','failed','bounced')"

void kh_store_mail_candidates_free_one(struct kh_store_mail_candidate *c)
{
	free(c->contact);
	free(c->customer);
	free(c->address);
	c->contact = c->customer = c->address = NULL;
}

void kh_store_mail_candidates_free(struct kh_store_mail_candidate *c, size_t n)
{
	for (size_t i = 0; c && i < n; i++)
		kh_store_mail_candidates_free_one(&c[i]);
	free(c);
}

#define CANDIDATES(join)                                                                    \
	"SELECT k.id, k.customer_id, k.name, c.name, nullif(trim(k.email), ''),"           \
	" coalesce(k.mail_consent = 'unsubscribed', 0) OR"                                  \
	"  coalesce(s.reason IN ('unsubscribed','manual'), 0),"                             \
	" coalesce(s.reason = 'bounced', 0),"                                               \
	" c.in_pool = 1 OR c.owner_id IS NULL,"                                             \
	" (SELECT count(*) FROM mail_queue q WHERE q.contact_id = k.id"                     \
	"  AND q.queued_at >= :since AND " COUNTED "),"                                     \
	" (SELECT count(*) FROM mail_queue q WHERE q.customer_id = k.customer_id"           \
	"  AND q.queued_at >= :since AND " COUNTED "),"                                     \
	" CASE WHEN k.purchase_role = 'decision_maker' OR k.decision_level = 'decision'"    \
	"  THEN 0 WHEN k.decision_level = 'technical' THEN 1"                               \
	"  WHEN k.decision_level = 'operational' THEN 2 ELSE 3 END AS rank"                 \
	" FROM json_each(:ids) j JOIN contacts k ON " join                                  \
	" JOIN customers c ON c.id = k.customer_id"                                         \
	" LEFT JOIN mail_suppressions s ON s.address = lower(trim(k.email))"                \
	" WHERE k.deleted_at IS NULL AND c.deleted_at IS NULL"                              \
	" ORDER BY k.customer_id, rank, k.id"

int kh_store_mail_candidates(struct kh_store *st, json_t *ids, bool of_contacts,
			     const char *since, struct kh_store_mail_candidate **out, size_t *n,
			     struct kh_error *err)
{
	sqlite3_stmt *s = of_contacts ? kh_store_stmt(st, CANDIDATES("k.id = j.value"), err)
				      : kh_store_stmt(st, CANDIDATES("k.customer_id = j.value"), err);
	struct kh_store_mail_candidate *v = NULL;
	size_t cap = 0, count = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return KH_EDB;
	kh_store_bind_json(s, sqlite3_bind_parameter_index(s, ":ids"), ids);
	kh_store_bind_named_text(s, ":since", since);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct kh_store_mail_candidate *c;

		if (kh_store_grow((void **)&v, &cap, count, sizeof(*v)))
			goto nomem;
		c = &v[count++];
		memset(c, 0, sizeof(*c));
		c->contact_id = sqlite3_column_int64(s, 0);
		c->customer_id = sqlite3_column_int64(s, 1);
		c->contact = kh_store_column_strdup(s, 2);
		c->customer = kh_store_column_strdup(s, 3);
		if (sqlite3_column_type(s, 4) != SQLITE_NULL)
			c->address = kh_store_column_strdup(s, 4);
		if (!c->contact || !c->customer ||
		    (sqlite3_column_type(s, 4) != SQLITE_NULL && !c->address))
			goto nomem;
		c->unsubscribed = sqlite3_column_int(s, 5) != 0;
		c->bounced = sqlite3_column_int(s, 6) != 0;
		c->no_owner = sqlite3_column_int(s, 7) != 0;
		c->contact_sent = sqlite3_column_int(s, 8);
		c->company_sent = sqlite3_column_int(s, 9);
		c->rank = sqlite3_column_int(s, 10);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		kh_store_mail_candidates_free(v, count);
		return kh_store_fail(st, err);
	}
	*out = v;
	*n = count;
	return 0;
nomem:
	sqlite3_reset(s);
	kh_store_mail_candidates_free(v, count);
	return kh_error_set(err, KH_ENOMEM, "", "out of memory");
}

int kh_store_mail_enqueue(struct kh_store *st, int64_t campaign_id,
			  const struct kh_store_mail_row *rows, size_t n, const char *now,
			  size_t *added, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "INSERT INTO mail_queue (campaign_id, contact_id,"
					" customer_id, address, state, next_at, queued_at)"
					" VALUES (:campaign, :contact, :customer, :address,"
					" 'queued', :now, :now)"
					" ON CONFLICT (campaign_id, contact_id) DO NOTHING", err);
	int rc;

	*added = 0;
	if (!s)
		return KH_EDB;
	for (size_t i = 0; i < n; i++) {
		kh_store_bind_named_int(s, ":campaign", campaign_id);
		kh_store_bind_named_int(s, ":contact", rows[i].contact_id);
		kh_store_bind_named_int(s, ":customer", rows[i].customer_id);
		kh_store_bind_named_text(s, ":address", rows[i].address);
		kh_store_bind_named_text(s, ":now", now);
		if ((rc = kh_store_exec_stmt(st, s, err)))
			return rc;
		*added += (size_t)sqlite3_changes(sqlite3_db_handle(s));
	}
	return 0;
}

int kh_store_mail_claim(struct kh_store *st, const char *now, const char *lease_until,
			size_t max, struct kh_store_mail_claim *out, size_t *n,
			struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(
		st, "UPDATE mail_queue SET state = 'sending', lease_until = :lease,"
		    " attempts = attempts + 1"
		    " WHERE id IN (SELECT q.id FROM mail_queue q WHERE q.state = 'queued'"
		    "  AND q.campaign_id IN (SELECT id FROM campaigns WHERE status = 'sending')"
		    "  AND q.next_at <= :now ORDER BY q.next_at, q.id LIMIT :max)"
		    " RETURNING id, campaign_id, contact_id, customer_id, attempts, address", err);
	int rc;

	*n = 0;
	if (!s)
		return KH_EDB;
	kh_store_bind_named_text(s, ":lease", lease_until);
	kh_store_bind_named_text(s, ":now", now);
	kh_store_bind_named_int(s, ":max", (int64_t)max);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && *n < max) {
		struct kh_store_mail_claim *c = &out[(*n)++];

		c->id = sqlite3_column_int64(s, 0);
		c->campaign_id = sqlite3_column_int64(s, 1);
		c->contact_id = sqlite3_column_int64(s, 2);
		c->customer_id = sqlite3_column_int64(s, 3);
		c->attempts = sqlite3_column_int(s, 4);
		kh_store_column_copy(s, 5, c->address, sizeof(c->address));
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : kh_store_fail(st, err);
}

int kh_store_mail_release(struct kh_store *st, const char *now, bool all, size_t *released,
			  struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "UPDATE mail_queue SET state = 'queued',"
					" lease_until = NULL WHERE state = 'sending'"
					" AND (:all = 1 OR lease_until < :now)", err);
	int rc;

	*released = 0;
	if (!s)
		return KH_EDB;
	kh_store_bind_named_int(s, ":all", all);
	kh_store_bind_named_text(s, ":now", now);
	if ((rc = kh_store_exec_stmt(st, s, err)) == 0)
		*released = (size_t)sqlite3_changes(sqlite3_db_handle(s));
	return rc;
}

static const char *const event_names[] = {
	[KH_STORE_MAIL_OPEN] = "open",
	[KH_STORE_MAIL_CLICK] = "click",
	[KH_STORE_MAIL_UNSUBSCRIBE] = "unsubscribe",
};

int kh_store_mail_unclaim(struct kh_store *st, int64_t id, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "UPDATE mail_queue SET state = 'queued',"
					" lease_until = NULL, attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END"
					" WHERE id = :id AND state = 'sending'", err);

	if (!s)
		return KH_EDB;
	kh_store_bind_named_int(s, ":id", id);
	return kh_store_exec_stmt(st, s, err);
}

/* An event of message id, unless it has KH_MAIL_EVENTS_PER_MESSAGE of the kind. */
static int add_event(struct kh_store *st, int64_t id, const char *kind, int part,
		     const char *now, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "INSERT INTO mail_events (message_id, kind, part, at)"
					" SELECT :id, :kind, nullif(:part, 0), :now WHERE"
					" (SELECT count(*) FROM mail_events WHERE message_id = :id"
					" AND kind = :kind) < :most", err);

	if (!s)
		return KH_EDB;
	kh_store_bind_named_int(s, ":id", id);
	kh_store_bind_named_text(s, ":kind", kind);
	kh_store_bind_named_int(s, ":part", part);
	kh_store_bind_named_text(s, ":now", now);
	kh_store_bind_named_int(s, ":most", KH_MAIL_EVENTS_PER_MESSAGE);
	return kh_store_exec_stmt(st, s, err);
}

static const char *const state_names[] = {
	[KH_STORE_MAIL_SENT] = "sent",
	[KH_STORE_MAIL_RETRY] = "queued",
	[KH_STORE_MAIL_FAILED] = "failed",
	[KH_STORE_MAIL_BOUNCED] = "bounced",
	[KH_STORE_MAIL_DROPPED] = "cancelled",
};

int kh_store_mail_mark(struct kh_store *st, int64_t id, enum kh_store_mail_state state,
		       const char *now, const char *next_at, long smtp_code, const char *error,
		       json_t *links, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(
		st, "UPDATE mail_queue SET state = :state, lease_until = NULL,"
		    " smtp_code = nullif(:code, 0), error = :error,"
		    " next_at = coalesce(:next, next_at),"
		    " sent_at = CASE WHEN :state = 'sent' THEN :now ELSE sent_at END,"
		    " links = CASE WHEN :state = 'sent' THEN :links ELSE links END"
		    " WHERE id = :id AND (state = 'sending' OR :state = 'sent')", err);
	int rc;

	if (!s)
		return KH_EDB;
	kh_store_bind_named_text(s, ":state", state_names[state]);
	kh_store_bind_named_int(s, ":code", smtp_code);
	kh_store_bind_named_text(s, ":error", error);
	kh_store_bind_named_text(s, ":next", next_at);
	kh_store_bind_named_text(s, ":now", now);
	if (links)
		kh_store_bind_json(s, sqlite3_bind_parameter_index(s, ":links"), links);
	kh_store_bind_named_int(s, ":id", id);
	if ((rc = kh_store_exec_stmt(st, s, err)) || state != KH_STORE_MAIL_BOUNCED)
		return rc;
	if (!(s = kh_store_stmt(st, "INSERT INTO mail_suppressions (address, reason, message_id,"
				" created_at) SELECT lower(trim(address)), 'bounced', id, :now"
				" FROM mail_queue WHERE id = :id"
				" ON CONFLICT (address) DO NOTHING", err)))
		return KH_EDB;
	kh_store_bind_named_text(s, ":now", now);
	kh_store_bind_named_int(s, ":id", id);
	if ((rc = kh_store_exec_stmt(st, s, err)))
		return rc;
	return add_event(st, id, "bounce", 0, now, err);
}

int kh_store_mail_finish_campaigns(struct kh_store *st, const char *now, size_t *finished,
				   struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(
		st, "UPDATE campaigns SET status = 'sent', finished_at = :now, updated_at = :now"
		    " WHERE status = 'sending' AND NOT EXISTS (SELECT 1 FROM mail_queue q"
		    " WHERE q.campaign_id = campaigns.id AND q.state IN ('queued','sending'))", err);
	int rc;

	*finished = 0;
	if (!s)
		return KH_EDB;
	kh_store_bind_named_text(s, ":now", now);
	if ((rc = kh_store_exec_stmt(st, s, err)) == 0)
		*finished = (size_t)sqlite3_changes(sqlite3_db_handle(s));
	return rc;
}

int kh_store_mail_cancel(struct kh_store *st, int64_t campaign_id, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "UPDATE mail_queue SET state = 'cancelled'"
					" WHERE campaign_id = :campaign AND state = 'queued'", err);

	if (!s)
		return KH_EDB;
	kh_store_bind_named_int(s, ":campaign", campaign_id);
	return kh_store_exec_stmt(st, s, err);
}

int kh_store_mail_message(struct kh_store *st, int64_t id, json_t **row, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT q.id, q.campaign_id, q.contact_id,"
					" q.customer_id, q.address, q.state, q.links,"
					" c.name AS campaign FROM mail_queue q"
					" JOIN campaigns c ON c.id = q.campaign_id WHERE q.id = :id",
					err);

	*row = NULL;
	if (!s)
		return KH_EDB;
	kh_store_bind_named_int(s, ":id", id);
	return kh_store_row_of(st, s, row, err);
}

int kh_store_mail_event(struct kh_store *st, int64_t id, enum kh_store_mail_event kind,
			int part, const char *now, struct kh_error *err)
{
	/* an unsubscription says nothing of whether the mail was read */
	sqlite3_stmt *s = kind == KH_STORE_MAIL_UNSUBSCRIBE
		? kh_store_stmt(st, "UPDATE mail_queue SET unsubscribed_at ="
				" coalesce(unsubscribed_at, :now) WHERE id = :id", err)
		: kh_store_stmt(st, "UPDATE mail_queue SET opened_at = coalesce(opened_at, :now),"
				" clicked_at = CASE WHEN :click = 1 THEN coalesce(clicked_at, :now)"
				" ELSE clicked_at END WHERE id = :id", err);
	int rc;

	if (!s)
		return KH_EDB;
	kh_store_bind_named_text(s, ":now", now);
	kh_store_bind_named_int(s, ":click", kind == KH_STORE_MAIL_CLICK);
	kh_store_bind_named_int(s, ":id", id);
	if ((rc = kh_store_exec_stmt(st, s, err)))
		return rc;
	return add_event(st, id, event_names[kind], part, now, err);
}

int kh_store_mail_timeline(struct kh_store *st, int64_t customer_id, int64_t limit,
			   json_t **rows, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(
		st, "SELECT * FROM (SELECT q.id AS message_id, q.campaign_id, c.name AS campaign,"
		    " q.contact_id, k.name AS contact, 'sent' AS event, q.sent_at AS at"
		    " FROM mail_queue q JOIN campaigns c ON c.id = q.campaign_id"
		    " JOIN contacts k ON k.id = q.contact_id"
		    " WHERE q.customer_id = :customer AND q.sent_at IS NOT NULL"
		    " UNION ALL SELECT q.id, q.campaign_id, c.name, q.contact_id, k.name,"
		    " CASE e.kind WHEN 'open' THEN 'opened' WHEN 'click' THEN 'clicked'"
		    " WHEN 'unsubscribe' THEN 'unsubscribed' ELSE 'bounced' END, e.at"
		    " FROM mail_queue q JOIN mail_events e ON e.message_id = q.id"
		    " JOIN campaigns c ON c.id = q.campaign_id JOIN contacts k ON k.id = q.contact_id"
		    " WHERE q.customer_id = :customer)"
		    " ORDER BY at DESC, message_id DESC LIMIT :limit", err);

	*rows = NULL;
	if (!s)
		return KH_EDB;
	kh_store_bind_named_int(s, ":customer", customer_id);
	kh_store_bind_named_int(s, ":limit", limit);
	return kh_store_rows_json(st, s, rows, err);
}
