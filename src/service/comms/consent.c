/*
 * consent.c: users' view and change of a contact's mail consent (see
 * consent.h). Whether the actor sees the contact is the entity layer's
 * answer, so the rule is the one of the contact's own page.
 */
#include "service/comms/consent.h"

#include <string.h>

#include "base/parse.h"
#include "base/utf8.h"
#include "service/entity.h"
#include "service/permission.h"
#include "store/comms/consent.h"
#include "base/banned.h"

/* The contact as the actor sees it (KH_ENOTFOUND naming id otherwise). */
static int contact_of(struct kh_ctx *ctx, int64_t id, json_t **contact, struct kh_error *err)
{
	return kh_entity_get(ctx, &kh_contact_entity, id, contact, err);
}

int kh_consent_get(struct kh_ctx *ctx, int64_t contact_id, json_t **out, struct kh_error *err)
{
	json_t *contact = NULL;
	int rc = contact_of(ctx, contact_id, &contact, err);

	json_decref(contact);
	if (rc)
		return rc;
	rc = kh_store_consent_get(ctx->store, contact_id, out, err);
	return rc == KH_ENOTFOUND ? kh_error_set(err, KH_ENOTFOUND, "id", "no contact with id %lld",
						 (long long)contact_id)
				  : rc;
}

int kh_consent_set(struct kh_ctx *ctx, int64_t contact_id, json_t *in, struct kh_error *err)
{
	static const char *const allowed[] = {"state", "note", NULL};
	const char *state = json_string_value(json_object_get(in, "state")), *key;
	json_t *note = json_object_get(in, "note"), *contact = NULL, *v;
	struct kh_store_consent_change c = {.contact_id = contact_id, .source = "user",
					    .user_id = ctx->actor.user_id};
	char now[21];
	bool changed;
	int level, rc;

	if (!json_is_object(in))
		return kh_error_set(err, KH_EINVAL, "", "the body must be a JSON object");
	json_object_foreach(in, key, v) {
		bool known = false;

		for (size_t i = 0; allowed[i]; i++)
			known = known || strcmp(key, allowed[i]) == 0;
		if (!known)
			return kh_error_set(err, KH_EINVAL, key, "unknown field %s", key);
	}
	if (!state || (strcmp(state, "subscribed") && strcmp(state, "unsubscribed")))
		return kh_error_set(err, KH_EINVAL, "state", "%s is not one of the choices", "state");
	if (note && !json_is_null(note)) {
		if (!json_is_string(note) ||
		    !kh_utf8_valid(json_string_value(note), json_string_length(note)))
			return kh_error_set(err, KH_EINVAL, "note", "%s must be a string", "note");
		if (kh_utf8_count(json_string_value(note)) > KH_CONSENT_NOTE_MAX)
			return kh_error_set(err, KH_EINVAL, "note", "%s is longer than %zu characters",
					    "note", (size_t)KH_CONSENT_NOTE_MAX);
		c.note = json_string_value(note);
	}
	c.subscribed = strcmp(state, "subscribed") == 0;
	kh_now_iso(now);
	c.now = now;
	if ((rc = kh_store_begin(ctx->store, err)))
		return rc;
	if ((rc = contact_of(ctx, contact_id, &contact, err)) == 0 &&
	    (rc = kh_perm_customer(ctx, json_integer_value(json_object_get(contact, "customer")),
				   true, &level, err)) == 0 &&
	    (rc = kh_store_consent_set(ctx->store, &c, &changed, err)) == 0 &&
	    (rc = kh_store_audit(ctx->store, ctx->actor.user_id, c.subscribed ? "subscribe"
								      : "unsubscribe",
				 "contact", contact_id, NULL, err)) == 0)
		rc = kh_store_commit(ctx->store, err);
	if (rc)
		kh_store_rollback(ctx->store);
	json_decref(contact);
	return rc;
}
