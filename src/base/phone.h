/*
 * phone.h: Chinese phone numbers as people write them, reduced to one form
 * for the screen-pop index. Mobiles become 11 digits ("13812345678");
 * landlines become area code + number with the leading 0 ("01012345678",
 * "075512345678"); an extension is kept apart. +86 / 0086 / 86 prefixes,
 * spaces, dashes, dots and brackets are removed. Other international numbers
 * keep their country code behind "+".
 */
#ifndef KH_PHONE_H
#define KH_PHONE_H

#include <stddef.h>

#include "base/error.h"

enum kh_phone_kind {
	KH_PHONE_MOBILE = 1,
	KH_PHONE_LANDLINE = 2,
	KH_PHONE_INTL = 3,
};

#define KH_PHONE_MAX 24

struct kh_phone {
	char number[KH_PHONE_MAX];    /* normalised, as above */
	char extension[8];            /* digits after "ext", "转", "x" or a trailing "-" group, or "" */
	enum kh_phone_kind kind;
};

/* Normalise the typed number s. Returns 0, or KH_EINVAL with a message
 * saying what is wrong (too short, letters, unknown mobile prefix, landline
 * without area code, ...), naming field. */
int kh_phone_normalize(const char *s, struct kh_phone *out, const char *field,
		       struct kh_error *err);

#endif
