/*
 * csv_write.h: writing CSV that Excel opens as it was meant: UTF-8 after a
 * byte-order mark, RFC 4180 quoting, CRLF line ends, and text cells guarded
 * against formula injection (OWASP "CSV Injection"): a text cell starting
 * with = + - @, a tab or a carriage return gets a leading apostrophe and is
 * quoted, so a spreadsheet shows it as text instead of evaluating it.
 */
#ifndef KH_CSV_WRITE_H
#define KH_CSV_WRITE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/strbuf.h"

/* The UTF-8 byte-order mark a file starts with. */
#define KH_CSV_BOM "\xEF\xBB\xBF"

/* Would a spreadsheet take text s as a formula (its first byte)? */
bool kh_csv_formula_like(const char *s, size_t len);

/* Append one field of len bytes, after a comma unless first: quoted when it
 * holds a comma, a quote, CR or LF (quotes doubled); with text, a
 * formula-like value is guarded as above. Numbers the caller formatted
 * ("-12.50") are written with text false. 0 or KH_ENOMEM. */
int kh_csv_write_field(struct kh_strbuf *sb, bool first, const char *s, size_t len, bool text);
/* End the record: CRLF. */
int kh_csv_write_eol(struct kh_strbuf *sb);

#endif
