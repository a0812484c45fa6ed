/*
 * campaigns_schema.c: migration 31 (store/schema.c numbers it), kept
 * beside the campaigns' SQL.
 */
#include "store/comms/campaigns.h"

#include "base/banned.h"

/* Migration 31, campaigns (issue 15; service/comms/campaign.h): greetings
 * and campaigns (a greeting's day is a campaign of kind greeting, one per
 * greeting and day); the mail queue, one row per message with its state,
 * so that a crash neither loses nor repeats one (a row is claimed with a
 * lease, marked sent in its own transaction the moment the server accepts
 * it); what recipients did with a message; the suppression list by
 * address and each contact's consent with who changed it and when; the
 * key that signs the links in messages (made once, store/comms/consent.c);
 * the owner rep's phone and signature for the messages they sign; each
 * customer's campaign mail of the last 12 months and the clicks it had, for
 * the value x response quadrant (store/analysis/metrics.c, analysis.c);
 * and a trigger that outdates the stored promotion statistics whenever a
 * message is sent, opened, clicked or unsubscribed from, and the next visits
 * (service/work/nextvisit.c names a recent click) on a click, in the same
 * transaction (the sender and the public links write no report upkeep of
 * their own, and a message names no scope the results could be picked by). */
const char kh_store_migration_31[] =
	"ALTER TABLE users ADD COLUMN phone TEXT;"
	"ALTER TABLE users ADD COLUMN signature TEXT;"
	"ALTER TABLE contacts ADD COLUMN mail_consent TEXT"
	" CHECK (mail_consent IN ('subscribed','unsubscribed'));"
	"CREATE TABLE greetings ("
	" id INTEGER PRIMARY KEY,"
	" occasion TEXT NOT NULL CHECK (occasion IN ('birthday','founding','first_deal','holiday')),"
	" name TEXT NOT NULL, dates JSON NOT NULL DEFAULT '{}',"
	" subject TEXT NOT NULL, body_text TEXT NOT NULL, body_html TEXT,"
	" lang TEXT NOT NULL DEFAULT 'zh' CHECK (lang IN ('zh','en')),"
	" active INTEGER NOT NULL DEFAULT 1, owner_id INTEGER NOT NULL REFERENCES users(id),"
	" created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT);"
	"CREATE TABLE greeting_skips ("
	" greeting_id INTEGER NOT NULL REFERENCES greetings(id),"
	" contact_id INTEGER NOT NULL REFERENCES contacts(id), day TEXT NOT NULL,"
	" user_id INTEGER REFERENCES users(id), created_at TEXT NOT NULL,"
	" PRIMARY KEY (greeting_id, contact_id, day));"
	"CREATE TABLE campaigns ("
	" id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
	" kind TEXT NOT NULL DEFAULT 'campaign' CHECK (kind IN ('campaign','greeting')),"
	" purpose TEXT NOT NULL DEFAULT 'promotion',"
	" audience JSON NOT NULL DEFAULT '{}',"
	" subject TEXT NOT NULL, body_text TEXT NOT NULL, body_html TEXT,"
	" lang TEXT NOT NULL DEFAULT 'zh' CHECK (lang IN ('zh','en')),"
	" status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN"
	" ('draft','scheduled','sending','paused','sent','cancelled')),"
	" paused_from TEXT, scheduled_at TEXT, started_at TEXT, finished_at TEXT,"
	" greeting_id INTEGER REFERENCES greetings(id), greeting_day TEXT,"
	" owner_id INTEGER NOT NULL REFERENCES users(id),"
	" sender_id INTEGER REFERENCES users(id), left_out JSON,"
	" created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT);"
	"CREATE UNIQUE INDEX campaigns_greeting_day ON campaigns(greeting_id, greeting_day)"
	" WHERE greeting_id IS NOT NULL;"
	"CREATE INDEX campaigns_active ON campaigns(status)"
	" WHERE status IN ('scheduled','sending');"
	"CREATE TABLE mail_queue ("
	" id INTEGER PRIMARY KEY, campaign_id INTEGER NOT NULL REFERENCES campaigns(id),"
	" contact_id INTEGER NOT NULL REFERENCES contacts(id),"
	" customer_id INTEGER NOT NULL REFERENCES customers(id), address TEXT NOT NULL,"
	" state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN"
	" ('queued','sending','sent','failed','bounced','cancelled')),"
	" attempts INTEGER NOT NULL DEFAULT 0, next_at TEXT NOT NULL, lease_until TEXT,"
	" smtp_code INTEGER, error TEXT, links JSON,"
	" queued_at TEXT NOT NULL, sent_at TEXT, opened_at TEXT, clicked_at TEXT,"
	" unsubscribed_at TEXT, UNIQUE (campaign_id, contact_id));"
	"CREATE INDEX mail_queue_due ON mail_queue(campaign_id, next_at) WHERE state = 'queued';"
	"CREATE INDEX mail_queue_leased ON mail_queue(lease_until) WHERE state = 'sending';"
	"CREATE INDEX mail_queue_contact ON mail_queue(contact_id, queued_at);"
	"CREATE INDEX mail_queue_customer ON mail_queue(customer_id, queued_at);"
	"CREATE TABLE mail_events ("
	" id INTEGER PRIMARY KEY, message_id INTEGER NOT NULL REFERENCES mail_queue(id),"
	" kind TEXT NOT NULL CHECK (kind IN ('open','click','unsubscribe','bounce')),"
	" part INTEGER, at TEXT NOT NULL);"
	"CREATE INDEX mail_events_message ON mail_events(message_id);"
	"CREATE TABLE mail_suppressions ("
	" address TEXT PRIMARY KEY,"
	" reason TEXT NOT NULL CHECK (reason IN ('unsubscribed','bounced','manual')),"
	" message_id INTEGER REFERENCES mail_queue(id), user_id INTEGER REFERENCES users(id),"
	" created_at TEXT NOT NULL);"
	"CREATE TABLE contact_consent ("
	" id INTEGER PRIMARY KEY, contact_id INTEGER NOT NULL REFERENCES contacts(id),"
	" state TEXT NOT NULL CHECK (state IN ('subscribed','unsubscribed')),"
	" source TEXT NOT NULL CHECK (source IN ('link','one_click','user','bounce','import')),"
	" user_id INTEGER REFERENCES users(id), message_id INTEGER REFERENCES mail_queue(id),"
	" note TEXT, created_at TEXT NOT NULL);"
	"CREATE INDEX contact_consent_contact ON contact_consent(contact_id, id);"
	"CREATE TABLE mail_keys (id INTEGER PRIMARY KEY CHECK (id = 1), link_key BLOB NOT NULL);"
	"ALTER TABLE customer_metrics ADD COLUMN mails_12m INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE customer_metrics ADD COLUMN mail_clicks_12m INTEGER NOT NULL DEFAULT 0;"
	"CREATE TRIGGER mail_queue_promotion_stale AFTER UPDATE OF sent_at, opened_at,"
	" clicked_at, unsubscribed_at ON mail_queue"
	" WHEN new.sent_at IS NOT old.sent_at OR new.opened_at IS NOT old.opened_at"
	" OR new.clicked_at IS NOT old.clicked_at"
	" OR new.unsubscribed_at IS NOT old.unsubscribed_at BEGIN"
	" UPDATE report_results SET stale = stale + 1 WHERE report = 'statistics.promotion'"
	" OR (report = 'next_visits' AND new.clicked_at IS NOT old.clicked_at);"
	" END;";
