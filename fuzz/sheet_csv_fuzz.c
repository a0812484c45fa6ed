/*
 * sheet_csv_fuzz.c: libFuzzer target for the spreadsheet reader's CSV path
 * (base/sheet.h from memory): encoding detection (BOMs, strict UTF-8,
 * GB18030 through iconv, UTF-16), the decoder's buffer refills and the CSV
 * reader on top, with small limits so the limit paths are reached.
 * Properties beyond "no crash": every field is valid UTF-8 whatever the
 * bytes were (the decoder hands out nothing else), rows stay within the
 * limits, line numbers never go back and progress never passes the size.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/sheet.h"
#include "base/transcode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kh_sheet_limits lim = {.max_row_bytes = 1024, .max_fields = 16};
	struct kh_sheet *sh = NULL;
	struct kh_error err = {0};
	unsigned long last_line = 0;
	int rc;

	if (kh_sheet_open_mem(data, size, KH_SHEET_CSV, &lim, &sh, &err))
		abort(); /* CSV from memory opens whatever the bytes */
	while ((rc = kh_sheet_next(sh, &err)) > 0) {
		size_t n = kh_sheet_nfields(sh), total = 0;

		if (n == 0 || n > lim.max_fields || kh_sheet_line(sh) < last_line)
			abort();
		last_line = kh_sheet_line(sh);
		for (size_t i = 0; i < n; i++) {
			const char *f = kh_sheet_field(sh, i);
			size_t len = strlen(f);
			int cut;

			if (kh_utf8_valid_prefix((const unsigned char *)f, len, &cut) != len)
				abort();
			total += len;
		}
		if (total > lim.max_row_bytes)
			abort();
	}
	if (rc < 0 && (!err.code || strncmp(err.message, "line ", 5) != 0))
		abort();
	if (kh_sheet_bytes_read(sh) > kh_sheet_bytes_total(sh))
		abort();
	kh_sheet_free(sh);
	return 0;
}
