/*
 * send_caps.h: who of an audience (a campaign's, or the day's greetings)
 * is sent to and who is left out and why, decided before anything is
 * queued, so that the pre-send report and the sender read the same
 * verdicts. Left out: out of scope (a customer in the pool, whom nobody
 * owns to sign for), no address, unsubscribed, bounced, the frequency
 * caps — at most per_contact messages to one contact and per_company to one
 * customer company, all its contacts together, in the window, across
 * campaigns and greetings — and an address a recipient taken before has (a
 * capped contact does not take its address). A cap of 0 is no cap (never
 * "nothing may be sent").
 */
#ifndef KH_SEND_CAPS_H
#define KH_SEND_CAPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum kh_send_verdict {
	KH_SEND = 0,
	KH_LEFT_NO_ADDRESS,
	KH_LEFT_UNSUBSCRIBED,
	KH_LEFT_BOUNCED,
	KH_LEFT_CONTACT_CAP, /* the contact had per_contact messages in the window */
	KH_LEFT_COMPANY_CAP, /* the company had per_company, with this send's */
	KH_LEFT_DUPLICATE,   /* a recipient taken before has the address */
	KH_LEFT_OUT_OF_SCOPE, /* checked first: the customer is in the pool */
};
#define KH_SEND_NVERDICTS 8

struct kh_send_caps {
	int per_contact; /* the most messages to one contact in the window; 0: no cap */
	int per_company; /* the most to one customer's contacts together; 0: no cap */
};

struct kh_send_candidate {
	int64_t contact_id, customer_id;
	const char *address;  /* borrowed; NULL or "" for none */
	bool out_of_scope, unsubscribed, bounced;
	int contact_sent;     /* messages this contact had in the window */
	int company_sent;     /* messages its customer's contacts had in the window */
	int rank;             /* within a company, lower first when its cap bites */
	enum kh_send_verdict verdict; /* set by kh_send_caps_apply */
};

/* Sets the verdict of each of c[0..n): the first reason of the list above
 * that holds, in the order the candidates are taken — by customer, then
 * rank (the decision maker first), then contact id; c is sorted so. An
 * address is compared without regard to ASCII case. counts (if not NULL)
 * gets the number of each verdict. Returns the number to send, or
 * (size_t)-1 when out of memory (the verdicts are then not set). */
size_t kh_send_caps_apply(struct kh_send_candidate *c, size_t n, const struct kh_send_caps *caps,
			  size_t counts[KH_SEND_NVERDICTS]);

/* The API name of a verdict: send, no_address, unsubscribed, bounced,
 * contact_cap, company_cap, duplicate, out_of_scope. */
const char *kh_send_verdict_name(enum kh_send_verdict v);

#endif
