/*
 * csv_fuzz.c: libFuzzer target for the CSV reader (kh_csv, RFC 4180 with a
 * BOM, CRLF or LF and the record limits), reading from memory with small
 * limits so the limit paths are reached. Properties beyond "no crash":
 * fields stay within the record limits, every field can be fetched with its
 * length (NUL bytes are refused), and the line numbers never go back.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kh_csv_limits lim = {.max_record = 512, .max_fields = 16};
	struct kh_csv csv;
	struct kh_error err = {0};
	unsigned long last_line = 0;
	size_t n, total;
	int rc;

	kh_csv_init_mem(&csv, (const char *)data, size, &lim);
	while ((rc = kh_csv_next(&csv, &n, &err)) == 0 && n > 0) {
		if (n > lim.max_fields || kh_csv_line(&csv) < last_line)
			abort();
		last_line = kh_csv_line(&csv);
		total = 0;
		for (size_t i = 0; i < n; i++) {
			size_t len;
			const char *f = kh_csv_field(&csv, i, &len);

			if (!f || strlen(f) != len)
				abort();
			total += len;
		}
		if (total > lim.max_record)
			abort();
	}
	kh_csv_release(&csv);
	return 0;
}
