/*
 * handlers_comms.c: the routes of reminders (service/comms/notify.h): the
 * caller's notifications (GET /notifications, POST /notifications/{id}/read,
 * POST /notifications/read-all) and reminder settings (GET and PUT
 * /me/reminders). Only ever the caller's own.
 */
#include "http/handlers.h"

#include <string.h>

#include "base/parse.h"
#include "service/comms/notify.h"
#include "base/banned.h"

static const char *query(struct kh_http_req *r, const char *name)
{
	return json_string_value(json_object_get(r->query, name));
}

int kh_h_notifications(struct kh_http_req *r, struct kh_error *err)
{
	static const char *const allowed[] = {"unread", "limit", "cursor", NULL};
	const char *unread = query(r, "unread");
	int64_t limit = 0;
	json_t *out = NULL;
	int rc = kh_http_query_only(r, allowed, err);

	if (rc)
		return rc;
	if (unread && strcmp(unread, "0") && strcmp(unread, "1"))
		return kh_error_set(err, KH_EINVAL, "unread", "%s must be %s", "unread", "0 or 1");
	if (query(r, "limit") &&
	    (rc = kh_parse_int64(query(r, "limit"), 1, KH_NOTIF_LIST_MAX, &limit, "limit", err)))
		return rc;
	rc = kh_notif_list(&r->ctx, unread && *unread == '1', (int)limit, query(r, "cursor"), &out,
			   err);
	return rc ? rc : kh_http_reply(r, 200, out);
}

int kh_h_notification_read(struct kh_http_req *r, struct kh_error *err)
{
	static const char *const none[] = {NULL};
	json_t *out = NULL;
	int rc = kh_http_body_only(r, none, err);

	if (rc == 0)
		rc = kh_notif_read(&r->ctx, r->id, &out, err);
	return rc ? rc : kh_http_reply(r, 200, out);
}

int kh_h_notifications_read_all(struct kh_http_req *r, struct kh_error *err)
{
	static const char *const none[] = {NULL};
	json_t *out = NULL;
	int rc = kh_http_body_only(r, none, err);

	if (rc == 0)
		rc = kh_notif_read_all(&r->ctx, &out, err);
	return rc ? rc : kh_http_reply(r, 200, out);
}

int kh_h_reminders_get(struct kh_http_req *r, struct kh_error *err)
{
	static const char *const none[] = {NULL};
	json_t *out = NULL;
	int rc = kh_http_query_only(r, none, err);

	if (rc == 0)
		rc = kh_remind_prefs_get(&r->ctx, &out, err);
	return rc ? rc : kh_http_reply(r, 200, out);
}

int kh_h_reminders_put(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_remind_prefs_put(&r->ctx, r->body, &out, err);

	return rc ? rc : kh_http_reply(r, 200, out);
}
