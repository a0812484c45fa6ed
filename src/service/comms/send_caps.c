/*
 * send_caps.c: the verdicts of an audience (see send_caps.h). One pass in
 * the sorted order; the addresses already chosen are kept in an
 * open-addressing set of twice the audience's size, so an audience of a
 * million costs one sort and one pass.
 */
#include "service/comms/send_caps.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const verdict_names[KH_SEND_NVERDICTS] = {
    "send", "no_address", "unsubscribed", "bounced", "contact_cap", "company_cap", "duplicate",
    "out_of_scope",
};

const char *kh_send_verdict_name(enum kh_send_verdict v)
{
	return (unsigned)v < KH_SEND_NVERDICTS ? verdict_names[v] : "send";
}

static int by_company_rank(const void *a, const void *b)
{
	const struct kh_send_candidate *x = a, *y = b;

	if (x->customer_id != y->customer_id)
		return x->customer_id < y->customer_id ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return (x->contact_id > y->contact_id) - (x->contact_id < y->contact_id);
}

/* FNV-1a of the address folded to ASCII lower case. */
static uint64_t address_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		h = (h ^ (ch >= 'A' && ch <= 'Z' ? ch + 32 : ch)) * 1099511628211ull;
	}
	return h;
}

/* Adds address to the set (slots of mask + 1); false if it was there. */
static bool set_add(const char **slots, size_t mask, const char *address)
{
	size_t i = (size_t)address_hash(address) & mask;

	for (; slots[i]; i = (i + 1) & mask)
		if (strcasecmp(slots[i], address) == 0)
			return false;
	slots[i] = address;
	return true;
}

size_t kh_send_caps_apply(struct kh_send_candidate *c, size_t n, const struct kh_send_caps *caps,
			  size_t counts[KH_SEND_NVERDICTS])
{
	const char **slots;
	size_t size = 16, sent = 0, i = 0;

	while (size < 2 * n)
		size *= 2;
	if (!(slots = calloc(size, sizeof(*slots))))
		return (size_t)-1;
	qsort(c, n, sizeof(*c), by_company_rank);
	if (counts)
		memset(counts, 0, KH_SEND_NVERDICTS * sizeof(*counts));
	while (i < n) {
		int64_t customer = c[i].customer_id;
		int company_now = 0; /* this send's to the company so far */

		for (; i < n && c[i].customer_id == customer; i++) {
			struct kh_send_candidate *r = &c[i];

			if (r->out_of_scope)
				r->verdict = KH_LEFT_OUT_OF_SCOPE;
			else if (!r->address || !*r->address)
				r->verdict = KH_LEFT_NO_ADDRESS;
			else if (r->unsubscribed)
				r->verdict = KH_LEFT_UNSUBSCRIBED;
			else if (r->bounced)
				r->verdict = KH_LEFT_BOUNCED;
			else if (caps->per_contact > 0 && r->contact_sent >= caps->per_contact)
				r->verdict = KH_LEFT_CONTACT_CAP;
			else if (caps->per_company > 0 &&
				 r->company_sent + company_now >= caps->per_company)
				r->verdict = KH_LEFT_COMPANY_CAP;
			else if (!set_add(slots, size - 1, r->address))
				r->verdict = KH_LEFT_DUPLICATE;
			else
				r->verdict = KH_SEND;
			if (r->verdict == KH_SEND) {
				company_now++;
				sent++;
			}
			if (counts)
				counts[r->verdict]++;
		}
	}
	free(slots);
	return sent;
}
