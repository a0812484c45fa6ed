/*
 * csv.h: a strict, bounded reader of comma-separated values (RFC 4180):
 * quoted fields with doubled quotes, line breaks inside quotes, CRLF or LF
 * line ends, a UTF-8 byte-order mark skipped. A quote inside an unquoted
 * field (5'6") is kept as text, as Excel and LibreOffice read it; text after
 * a closing quote is refused. A record longer than max_record bytes or with
 * more than max_fields fields is refused, and every error names the line,
 * and the field, where it happened. Reads from a FILE, from memory or from a
 * read function (a decoder, see transcode.h), one record at a time, in
 * constant memory. The bytes are passed through: the reader does not check
 * their encoding.
 */
#ifndef KH_CSV_H
#define KH_CSV_H

#include <stdio.h>
#include <stddef.h>

#include "base/error.h"
#include "base/strbuf.h"

#define KH_CSV_DEFAULT_MAX_RECORD (64u * 1024)
#define KH_CSV_DEFAULT_MAX_FIELDS 256u

struct kh_csv_limits {
	size_t max_record; /* bytes of field content per record (0 = the default) */
	size_t max_fields; /* fields per record (0 = the default) */
};

/* A source of bytes: fills buf[0..cap) and returns how many (0 at the end),
 * or a negative KH_E* code with err->message saying why (without a line:
 * the reader adds it). */
typedef long (*kh_csv_read_fn)(void *ctx, char *buf, size_t cap, struct kh_error *err);

struct kh_csv {
	/* input: a FILE, a memory block or a read function (none owned) */
	FILE *fp;
	kh_csv_read_fn read;
	void *read_ctx;
	const unsigned char *pos, *end; /* the bytes not read yet */
	int eof;
	struct kh_error src_err; /* why the source failed */
	int sep;                 /* ',' or '\t'; 0: the first of them in the first record */
	unsigned char stop[256]; /* bytes that end a run of plain field text */
	/* the current record: field contents, each NUL-terminated, back to back */
	struct kh_strbuf rec;
	size_t *start;           /* start[i]: offset of field i in rec.buf */
	size_t nfields, cap_fields;
	struct kh_csv_limits lim;
	unsigned long line;      /* line the next character is on, from 1 */
	unsigned long rec_line;  /* line the current record started on */
	unsigned long records;   /* records returned so far */
	int bom_checked;
	char buf[65536];         /* last: init clears only what comes before it */
};

/* Start reading fp, or data[0..len). lim may be NULL for the defaults.
 * Neither call allocates; kh_csv_release frees what reading allocated. */
void kh_csv_init_file(struct kh_csv *csv, FILE *fp, const struct kh_csv_limits *lim);
void kh_csv_init_mem(struct kh_csv *csv, const char *data, size_t len,
		     const struct kh_csv_limits *lim);
void kh_csv_init_source(struct kh_csv *csv, kh_csv_read_fn read, void *ctx,
			const struct kh_csv_limits *lim);
void kh_csv_release(struct kh_csv *csv);

/* Fields are separated by sep: ',' (the default), '\t', or 0 for whichever
 * of the two comes first outside quotes in the first record (',' when it
 * has neither). Call it before the first kh_csv_next. */
void kh_csv_set_separator(struct kh_csv *csv, int sep);

/* Read the next record. Returns 0 with *nfields >= 1, or *nfields = 0 at the
 * end of the input. Empty lines are skipped (a line with only "" is a record
 * of one empty field). Errors, with err->message starting "line N": KH_EINVAL
 * (text after a closing quote, an unterminated quoted field, a NUL byte),
 * KH_ELIMIT (record or field count over the limits), KH_EIO (read error),
 * KH_ENOMEM, or the read function's code. After an error the reader
 * must not be used again but for kh_csv_release. */
int kh_csv_next(struct kh_csv *csv, size_t *nfields, struct kh_error *err);

/* Field i (< nfields) of the current record, NUL-terminated, valid until the
 * next kh_csv_next; its length in *len if len is not NULL. */
const char *kh_csv_field(const struct kh_csv *csv, size_t i, size_t *len);

/* The line on which the current record started (for messages about values). */
unsigned long kh_csv_line(const struct kh_csv *csv);

#endif
