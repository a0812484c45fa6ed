/* fuzz_text.h: a fuzz input as a NUL-terminated string (the caller frees it),
 * for the targets whose functions take C strings. */
#ifndef KH_FUZZ_TEXT_H
#define KH_FUZZ_TEXT_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static inline char *fuzz_text(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
