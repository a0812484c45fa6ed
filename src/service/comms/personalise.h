/*
 * personalise.h: one recipient's message from a campaign's or a greeting's
 * templates (subject, text, HTML): the placeholders filled from the file —
 * the contact, its form of address (张总), the customer, the owner rep and
 * their signature — and the unsubscribe link in every message, added at
 * the end when the template does not place {{unsubscribe_url}} itself.
 */
#ifndef KH_PERSONALISE_H
#define KH_PERSONALISE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "base/messages.h"
#include "base/strbuf.h"

/* What the file says of one recipient; the strings are borrowed, NULL for
 * none. */
struct kh_recipient_facts {
	const char *contact_name, *contact_title, *contact_gender;
	const char *customer_name;
	const char *owner_name, *owner_email, *owner_phone, *owner_signature;
	const char *unsubscribe_url;
	enum kh_lang lang; /* the language of the added unsubscribe line */
};

/* Checks a campaign's templates (kh_template_check) for the placeholders:
 * salutation, contact.name, contact.title, customer.name, owner.name,
 * owner.email, owner.phone, owner.signature, unsubscribe_url; the
 * subject (one line), text (required) and html (NULL for none). KH_EINVAL
 * naming "subject", "body_text" or "body_html". */
int kh_personalise_check(const char *subject, const char *text, const char *html,
			 struct kh_error *err);

/* The recipient's subject, text and (when html is not NULL) HTML, appended
 * to the three buffers. {{salutation}} is kh_salutation's form (the contact's
 * name when there is none). When a part does not place {{unsubscribe_url}},
 * a line with the link is added at its end (in the HTML part, a paragraph
 * with the link escaped). Returns 0, KH_EINVAL (a template kh_personalise_check
 * refuses, or no unsubscribe_url), or the strbufs' KH_ELIMIT / KH_ENOMEM. */
int kh_personalise(const char *subject, const char *text, const char *html,
		   const struct kh_recipient_facts *facts, struct kh_strbuf *subject_out,
		   struct kh_strbuf *text_out, struct kh_strbuf *html_out, struct kh_error *err);

#endif
