/*
 * sheet.h: the rows of a spreadsheet file, one at a time, as UTF-8 text,
 * whatever the file is: the one reader imports use. A row's fields are
 * NUL-terminated strings valid until the next kh_sheet_next. Memory stays
 * flat whatever the file's size (only the longest row is held).
 *
 * CSV (RFC 4180, see csv.h; fields separated by commas, or by tabs when the
 * first row's first separator is a tab, as in Excel's "Unicode text") in
 * UTF-8, UTF-16 or GB18030, detected in this order: a byte-order mark, else
 * strict UTF-8, else GB18030 (see transcode.h). Without a mark the choice is
 * made at the first non-ASCII byte, however late it comes, from up to 64 KiB
 * from there; a later sequence that is invalid in the chosen encoding (a
 * file mixing encodings) fails kh_sheet_next with "line N: ..." naming the
 * line, after the rows before it were read: nothing is re-read or guessed.
 *
 * xlsx (Office Open XML, as Excel, WPS, LibreOffice and libxlsxwriter write
 * it): the workbook's first worksheet, streamed from the zip (xlsx_read.h).
 * A cell reads as Excel shows it in General format: shared and inline
 * strings (rich text runs joined, phonetic runs dropped), numbers as the
 * shortest decimal that reads back as the same double ("1", "0.1",
 * "13800138000"; text cells keep long digit strings exactly), TRUE/FALSE,
 * error cells as their text ("#N/A"), a formula as its cached value, and a
 * number whose style is a date or time format (builtin ids 14-22, 27-36,
 * 45-47, 50-58, or a custom code with y/m/d/h/s) as YYYY-MM-DD, YYYY-MM-DD
 * HH:MM:SS when the format shows a time, HH:MM:SS for a time of day alone.
 * Missing cells (r="C5" after A5) are empty fields; rows without a value are
 * skipped like blank CSV lines.
 */
#ifndef KH_SHEET_H
#define KH_SHEET_H

#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "base/sheet_limits.h"

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

/* The same with limits (NULL for the defaults). */
int kh_sheet_open_limits(const char *path, enum kh_sheet_format format,
			 const struct kh_sheet_limits *lim, struct kh_sheet **out,
			 struct kh_error *err);

/* The same over data[0..len), which must outlive the reader (not copied). */
int kh_sheet_open_mem(const void *data, size_t len, enum kh_sheet_format format,
		      const struct kh_sheet_limits *lim, struct kh_sheet **out,
		      struct kh_error *err);

/* Read the next row: 1 when there is one, 0 at the end, or a negative KH_E*
 * code with err->message starting "line N" (xlsx: "row N"; the reader must
 * then only be freed). Blank rows are skipped. KH_EINVAL: malformed text or
 * file; KH_ELIMIT: a limit above; KH_EIO; KH_ENOMEM. xlsx files are checked
 * at kh_sheet_open (a truncated zip, no worksheet, a shared string table
 * over the limits fail there, with "file" as err->field). */
int kh_sheet_next(struct kh_sheet *sheet, struct kh_error *err);

/* The current row's field count, and field i of it ("" for i past the end:
 * a short row reads as one with empty cells). */
size_t kh_sheet_nfields(const struct kh_sheet *sheet);
const char *kh_sheet_field(const struct kh_sheet *sheet, size_t i);

/* Where the current row is, for messages: the line it starts on (CSV) or its
 * row number (xlsx), from 1. */
unsigned long kh_sheet_line(const struct kh_sheet *sheet);

/* The format read and the text encoding found: "UTF-8" (also while only
 * ASCII was read, and for xlsx), "GB18030", "UTF-16LE", "UTF-16BE". */
enum kh_sheet_format kh_sheet_format_of(const struct kh_sheet *sheet);
const char *kh_sheet_encoding(const struct kh_sheet *sheet);

/* Progress: bytes of the file consumed so far, and the file's size (xlsx:
 * the share of the worksheet read, scaled to the file's size). */
uint64_t kh_sheet_bytes_read(const struct kh_sheet *sheet);
uint64_t kh_sheet_bytes_total(const struct kh_sheet *sheet);

void kh_sheet_free(struct kh_sheet *sheet);

#endif
