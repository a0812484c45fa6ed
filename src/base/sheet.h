/*
 * sheet.h: the rows of a spreadsheet file, one at a time, as UTF-8 text,
 * whatever the file is: the one reader imports use. A row's fields are
 * NUL-terminated strings valid until the next kh_sheet_next. Memory stays
 * flat whatever the file's size (only the longest row is held).
 *
 * Today the file is CSV in UTF-8 (RFC 4180, see csv.h); xlsx and other
 * encodings join behind the same calls.
 */
#ifndef KH_SHEET_H
#define KH_SHEET_H

#include <stddef.h>
#include <stdint.h>

#include "base/error.h"

enum kh_sheet_format {
	KH_SHEET_AUTO = 0, /* decided from the file's first bytes */
	KH_SHEET_CSV,
	KH_SHEET_XLSX,
};

struct kh_sheet;

/* Open path for reading. Returns 0 and a reader in *out (free it with
 * kh_sheet_free), or KH_EIO (cannot open), KH_EINVAL (not a format this
 * reader knows), KH_ENOMEM, with err naming the reason. */
int kh_sheet_open(const char *path, enum kh_sheet_format format, struct kh_sheet **out,
		  struct kh_error *err);

/* Read the next row: 1 when there is one, 0 at the end, or a negative KH_E*
 * code with err->message starting "line N" (the reader must then only be
 * freed). Blank rows are skipped. */
int kh_sheet_next(struct kh_sheet *sheet, struct kh_error *err);

/* The current row's field count, and field i of it ("" for i past the end:
 * a short row reads as one with empty cells). */
size_t kh_sheet_nfields(const struct kh_sheet *sheet);
const char *kh_sheet_field(const struct kh_sheet *sheet, size_t i);

/* Where the current row is, for messages: the line it starts on (CSV) or its
 * row number (xlsx), from 1. */
unsigned long kh_sheet_line(const struct kh_sheet *sheet);

/* The format read and the text encoding found ("UTF-8", "GB18030"). */
enum kh_sheet_format kh_sheet_format_of(const struct kh_sheet *sheet);
const char *kh_sheet_encoding(const struct kh_sheet *sheet);

/* Progress: bytes of the file consumed so far, and the file's size. */
uint64_t kh_sheet_bytes_read(const struct kh_sheet *sheet);
uint64_t kh_sheet_bytes_total(const struct kh_sheet *sheet);

void kh_sheet_free(struct kh_sheet *sheet);

#endif
