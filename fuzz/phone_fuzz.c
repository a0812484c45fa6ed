/*
 * phone_fuzz.c: libFuzzer target for phone numbers as people type them
 * (kh_phone_normalize). Properties beyond "no crash": a normalised number is
 * digits (an international one after '+') and normalises to itself, with the
 * same kind and extension.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/phone.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kh_phone ph, again;
	char *s;

	if (size > 256)
		return 0;
	s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	if (kh_phone_normalize(s, &ph, "phone", NULL) == 0) {
		const char *d = ph.number + (ph.number[0] == '+');

		if (!*d || strspn(d, "0123456789") != strlen(d))
			abort();
		if (kh_phone_normalize(ph.number, &again, "phone", NULL) ||
		    strcmp(again.number, ph.number) || again.kind != ph.kind)
			abort();
	}
	free(s);
	return 0;
}
