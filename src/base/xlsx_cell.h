/*
 * xlsx_cell.h: how an xlsx cell's stored value reads as text (see sheet.h):
 * numbers as the shortest round-trip decimal, Excel date serials under a date
 * or time format, OOXML's _xHHHH_ escapes, ISO dates of t="d" cells. Pure
 * functions, no zip or XML here.
 */
#ifndef KH_XLSX_CELL_H
#define KH_XLSX_CELL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/strbuf.h"

/* What a number format shows of an Excel serial. */
enum kh_xlsx_kind {
	KH_XLSX_NUMBER = 0,
	KH_XLSX_DATE,     /* YYYY-MM-DD */
	KH_XLSX_DATETIME, /* YYYY-MM-DD HH:MM:SS */
	KH_XLSX_TIME,     /* HH:MM:SS (with the date when the serial is >= 1) */
};

/* The kind of a builtin format id (14-22, 45-47; 27-36, 50-58 are the East
 * Asian locales' builtin dates), KH_XLSX_NUMBER for the others. */
enum kh_xlsx_kind kh_xlsx_builtin_kind(unsigned long id);

/* The kind of a custom format code (its first section): a date when it shows
 * years, days or months, a time when hours or seconds; quoted text, \x
 * escapes, [colours] and [$-locale] tags aside. */
enum kh_xlsx_kind kh_xlsx_code_kind(const char *code);

/* Append the text of the number v[0..len) (as stored in <v>) under kind;
 * date1904 for workbooks on the 1904 date system. Text that is not a number,
 * or a serial outside years 1900-9999, is appended as a number or as is.
 * Returns 0 or the strbuf's KH_ELIMIT / KH_ENOMEM. */
int kh_xlsx_number_text(const char *v, size_t len, enum kh_xlsx_kind kind, bool date1904,
			struct kh_strbuf *out);

/* Append the shortest decimal that reads back as x ("1", "0.1", "1e+21"). */
int kh_xlsx_put_double(double x, struct kh_strbuf *out);

/* Append s[0..len) with OOXML's _xHHHH_ escapes (control characters, and
 * _x005F_ for a literal underscore) decoded. */
int kh_xlsx_unescape(const char *s, size_t len, struct kh_strbuf *out);

/* Append a t="d" cell's ISO 8601 value as YYYY-MM-DD or YYYY-MM-DD HH:MM:SS. */
int kh_xlsx_iso_text(const char *s, size_t len, struct kh_strbuf *out);

#endif
