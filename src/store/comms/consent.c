/*
 * consent.c: the SQL of consent, the suppression list and the link key
 * (see consent.h).
 */
#include "store/comms/consent.h"

#include <string.h>

#include "store/sql.h"
#include "base/banned.h"

int kh_store_consent_set(struct kh_store *st, const struct kh_store_consent_change *c,
			 bool *changed, struct kh_error *err)
{
	const char *state = c->subscribed ? "subscribed" : "unsubscribed";
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT coalesce(mail_consent, 'subscribed'),"
					" lower(trim(coalesce(email, ''))) FROM contacts"
					" WHERE id = :id AND deleted_at IS NULL", err);
	char before[16] = "", address[256] = "";
	int rc;

	*changed = false;
	if (!s)
		return KH_EDB;
	kh_store_bind_named_int(s, ":id", c->contact_id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		kh_store_column_copy(s, 0, before, sizeof(before));
		kh_store_column_copy(s, 1, address, sizeof(address));
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return KH_ENOTFOUND;
	if (rc != SQLITE_ROW)
		return kh_store_fail(st, err);
	*changed = strcmp(before, state) != 0;
	if (!(s = kh_store_stmt(st, "UPDATE contacts SET mail_consent = :state WHERE id = :id",
				err)))
		return KH_EDB;
	kh_store_bind_named_text(s, ":state", state);
	kh_store_bind_named_int(s, ":id", c->contact_id);
	if ((rc = kh_store_exec_stmt(st, s, err)))
		return rc;
	if (!(s = kh_store_stmt(st, "INSERT INTO contact_consent (contact_id, state, source,"
				" user_id, message_id, note, created_at) VALUES (:contact, :state,"
				" :source, nullif(:user, 0), nullif(:message, 0), :note, :now)", err)))
		return KH_EDB;
	kh_store_bind_named_int(s, ":contact", c->contact_id);
	kh_store_bind_named_text(s, ":state", state);
	kh_store_bind_named_text(s, ":source", c->source);
	kh_store_bind_named_int(s, ":user", c->user_id);
	kh_store_bind_named_int(s, ":message", c->message_id);
	kh_store_bind_named_text(s, ":note", c->note);
	kh_store_bind_named_text(s, ":now", c->now);
	if ((rc = kh_store_exec_stmt(st, s, err)) || !address[0])
		return rc;
	s = c->subscribed
		? kh_store_stmt(st, "DELETE FROM mail_suppressions WHERE address = :address"
				" AND reason IN ('unsubscribed','manual')", err)
		: kh_store_stmt(st, "INSERT INTO mail_suppressions (address, reason, message_id,"
				" user_id, created_at) VALUES (:address, 'unsubscribed',"
				" nullif(:message, 0), nullif(:user, 0), :now)"
				" ON CONFLICT (address) DO UPDATE SET reason = 'unsubscribed'", err);
	if (!s)
		return KH_EDB;
	kh_store_bind_named_text(s, ":address", address);
	kh_store_bind_named_int(s, ":message", c->message_id);
	kh_store_bind_named_int(s, ":user", c->user_id);
	kh_store_bind_named_text(s, ":now", c->now);
	return kh_store_exec_stmt(st, s, err);
}

int kh_store_consent_get(struct kh_store *st, int64_t contact_id, json_t **out,
			 struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(
		st, "SELECT coalesce(k.mail_consent, 'subscribed') AS state, k.email AS address,"
		    " s.reason AS suppressed FROM contacts k LEFT JOIN mail_suppressions s"
		    " ON s.address = lower(trim(k.email))"
		    " WHERE k.id = :id AND k.deleted_at IS NULL", err);
	json_t *rows = NULL, *history = NULL;
	int rc;

	*out = NULL;
	if (!s)
		return KH_EDB;
	kh_store_bind_named_int(s, ":id", contact_id);
	if ((rc = kh_store_rows_json(st, s, &rows, err)))
		return rc;
	if (json_array_size(rows) == 0) {
		json_decref(rows);
		return KH_ENOTFOUND;
	}
	if (!(s = kh_store_stmt(st, "SELECT h.state, h.source,"
				" coalesce(nullif(u.display_name, ''), u.login) AS user,"
				" h.message_id, h.note, h.created_at AS at FROM contact_consent h"
				" LEFT JOIN users u ON u.id = h.user_id WHERE h.contact_id = :id"
				" ORDER BY h.id DESC LIMIT 100", err))) {
		json_decref(rows);
		return KH_EDB;
	}
	kh_store_bind_named_int(s, ":id", contact_id);
	if ((rc = kh_store_rows_json(st, s, &history, err))) {
		json_decref(rows);
		return rc;
	}
	*out = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	json_object_set_new(*out, "bounced",
			    json_boolean(json_is_string(json_object_get(*out, "suppressed")) &&
					 strcmp(json_string_value(json_object_get(*out, "suppressed")),
						"bounced") == 0));
	json_object_set_new(*out, "history", history);
	return 0;
}

int kh_store_link_key(struct kh_store *st, const unsigned char fresh[KH_LINK_KEY_BYTES],
		      unsigned char key[KH_LINK_KEY_BYTES], struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(st, "INSERT INTO mail_keys (id, link_key) VALUES (1, :key)"
					" ON CONFLICT (id) DO NOTHING", err);
	int rc;

	if (!s)
		return KH_EDB;
	sqlite3_bind_blob(s, sqlite3_bind_parameter_index(s, ":key"), fresh, KH_LINK_KEY_BYTES,
			  SQLITE_TRANSIENT);
	if ((rc = kh_store_exec_stmt(st, s, err)))
		return rc;
	if (!(s = kh_store_stmt(st, "SELECT link_key FROM mail_keys WHERE id = 1", err)))
		return KH_EDB;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && sqlite3_column_bytes(s, 0) == KH_LINK_KEY_BYTES)
		memcpy(key, sqlite3_column_blob(s, 0), KH_LINK_KEY_BYTES);
	else if (rc == SQLITE_ROW)
		rc = SQLITE_CORRUPT;
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : kh_store_fail(st, err);
}
