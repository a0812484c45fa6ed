/*
 * parse_fuzz.c: libFuzzer target for the strict parsers of what users type:
 * money, dates and integers. Properties checked beyond "no crash": a parsed
 * amount formats back to a string that parses to the same fen, and a parsed
 * date formats back to the same text.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), buf[32];
	int64_t fen, again, n;
	int32_t days;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (kh_parse_money(s, true, &fen, "amount", NULL) == 0) {
		kh_money_format(fen, buf);
		if (kh_parse_money(buf, true, &again, "amount", NULL) != 0 || again != fen)
			abort();
	}
	if (kh_parse_date(s, &days, "date", NULL) == 0) {
		kh_date_format(days, buf);
		if (strcmp(buf, s) != 0)
			abort();
	}
	kh_parse_int64(s, INT64_MIN, INT64_MAX, &n, "n", NULL);
	free(s);
	return 0;
}
