/*
 * consent.h: a contact's mail consent as users see and change it (a
 * recipient changes theirs through the unsubscribe link, mail_links.h):
 * seen by whoever sees the contact, changed by whoever may change its
 * customer, each change kept with who made it, when and why.
 */
#ifndef KH_CONSENT_H
#define KH_CONSENT_H

#include <jansson.h>
#include <stdint.h>

#include "base/error.h"
#include "service/context.h"

#define KH_CONSENT_NOTE_MAX 500

/* {"state": "subscribed" | "unsubscribed", "address", "bounced", "suppressed",
 * "history": [...]} of contact id. */
int kh_consent_get(struct kh_ctx *ctx, int64_t contact_id, json_t **out, struct kh_error *err);
/* Change it from {"state", "note"?}. */
int kh_consent_set(struct kh_ctx *ctx, int64_t contact_id, json_t *in, struct kh_error *err);

#endif
