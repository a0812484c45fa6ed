/*
 * consent.h: whether a contact may be mailed: its consent with the history
 * of who changed it and when, the suppression list by address (an
 * unsubscription follows the address to every contact that has it, and a
 * hard bounce puts it there), and the key that signs the links in
 * messages.
 */
#ifndef KH_STORE_CONSENT_H
#define KH_STORE_CONSENT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/error.h"
#include "base/signed_link.h"
#include "store/store.h"

/* A change of a contact's consent. */
struct kh_store_consent_change {
	int64_t contact_id;
	bool subscribed;
	const char *source;  /* link, one_click, user, bounce, import */
	int64_t user_id;     /* who (0: the recipient or the system) */
	int64_t message_id;  /* the message it came from, 0 for none */
	const char *note;    /* NULL for none */
	const char *now;
};

/* Set the contact's consent, append the history row, and put its address
 * on the suppression list (unsubscribed) or take it off (an unsubscription
 * or manual entry; a bounce stays until the address is fixed). *changed
 * tells whether the state was another before. KH_ENOTFOUND when the
 * contact is gone. */
int kh_store_consent_set(struct kh_store *st, const struct kh_store_consent_change *c,
			 bool *changed, struct kh_error *err);

/* {"state", "address", "bounced", "suppressed": reason|null, "history":
 * [{state, source, user, message_id, note, at}]} of contact id, newest
 * first. KH_ENOTFOUND when it is gone. */
int kh_store_consent_get(struct kh_store *st, int64_t contact_id, json_t **out,
			 struct kh_error *err);

/* The link key into key: the one kept, or else fresh (random bytes of the
 * caller's), which is kept from then on, in one statement whoever asks
 * first. */
int kh_store_link_key(struct kh_store *st, const unsigned char fresh[KH_LINK_KEY_BYTES],
		      unsigned char key[KH_LINK_KEY_BYTES], struct kh_error *err);

#endif
