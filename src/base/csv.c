/*
 * csv.c: the RFC 4180 reader (see csv.h), a small state machine over bytes.
 * Bytes come from a 64 KiB buffer refilled from the FILE or the read
 * function, or straight from memory; plain text between the bytes that
 * matter (separators, quotes, line ends) is copied a run at a time. The
 * record is assembled in one strbuf reused from record to record, so reading
 * a file of any size allocates only for its longest record.
 */
#include "base/csv.h"

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* stop[] bits: the byte ends a run of unquoted text, of quoted text. */
enum { STOP_UNQUOTED = 1, STOP_QUOTED = 2 };

static void set_stops(struct kh_csv *csv)
{
	memset(csv->stop, 0, sizeof(csv->stop));
	csv->stop['\r'] = csv->stop['\n'] = csv->stop['\0'] = STOP_UNQUOTED | STOP_QUOTED;
	csv->stop['"'] = STOP_QUOTED;
	if (csv->sep)
		csv->stop[csv->sep] |= STOP_UNQUOTED;
	else
		csv->stop[','] |= STOP_UNQUOTED, csv->stop['\t'] |= STOP_UNQUOTED;
}

static void init_common(struct kh_csv *csv, const struct kh_csv_limits *lim)
{
	/* The buffer is written before it is read: clearing 64 KiB per reader
	 * would be most of opening a small file. */
	csv->lim.max_record = lim && lim->max_record ? lim->max_record : KH_CSV_DEFAULT_MAX_RECORD;
	csv->lim.max_fields = lim && lim->max_fields ? lim->max_fields : KH_CSV_DEFAULT_MAX_FIELDS;
	/* Field bytes plus one NUL per field. */
	kh_strbuf_init(&csv->rec, csv->lim.max_record + csv->lim.max_fields + 1);
	csv->line = 1;
	csv->sep = ',';
	set_stops(csv);
}

void kh_csv_init_file(struct kh_csv *csv, FILE *fp, const struct kh_csv_limits *lim)
{
	memset(csv, 0, offsetof(struct kh_csv, buf));
	csv->fp = fp;
	init_common(csv, lim);
}

void kh_csv_init_mem(struct kh_csv *csv, const char *data, size_t len,
		     const struct kh_csv_limits *lim)
{
	memset(csv, 0, offsetof(struct kh_csv, buf));
	csv->pos = (const unsigned char *)data;
	csv->end = csv->pos + len;
	csv->eof = 1; /* nothing to refill from */
	init_common(csv, lim);
}

void kh_csv_init_source(struct kh_csv *csv, kh_csv_read_fn read, void *ctx,
			const struct kh_csv_limits *lim)
{
	memset(csv, 0, offsetof(struct kh_csv, buf));
	csv->read = read;
	csv->read_ctx = ctx;
	init_common(csv, lim);
}

void kh_csv_set_separator(struct kh_csv *csv, int sep)
{
	csv->sep = sep;
	set_stops(csv);
}

void kh_csv_release(struct kh_csv *csv)
{
	if (!csv)
		return;
	kh_strbuf_release(&csv->rec);
	free(csv->start);
	csv->start = NULL;
	csv->nfields = csv->cap_fields = 0;
}

/* Refill the buffer: 1 with bytes to read, 0 at the end, -1 on an error
 * (kept in src_err). */
static int refill(struct kh_csv *csv)
{
	long n;

	if (csv->eof)
		return 0;
	if (csv->read) {
		n = csv->read(csv->read_ctx, csv->buf, sizeof(csv->buf), &csv->src_err);
		if (n < 0)
			return -1;
	} else {
		n = (long)fread(csv->buf, 1, sizeof(csv->buf), csv->fp);
		if (n == 0 && ferror(csv->fp)) {
			kh_error_set(&csv->src_err, KH_EIO, "", "read error: %s", strerror(errno));
			return -1;
		}
	}
	if (n == 0) {
		csv->eof = 1;
		return 0;
	}
	csv->pos = (const unsigned char *)csv->buf;
	csv->end = csv->pos + n;
	return 1;
}

/* The next byte, EOF at the end, or -2 on a read error. */
static inline int next_byte(struct kh_csv *csv)
{
	int r;

	if (csv->pos < csv->end)
		return *csv->pos++;
	r = refill(csv);
	if (r > 0)
		return *csv->pos++;
	return r == 0 ? EOF : -2;
}

/* Give back the byte just read (never EOF or an error): it is still in the
 * buffer, whose refill happens only once every byte of it was read. */
static inline void unread_byte(struct kh_csv *csv)
{
	csv->pos--;
}

static int end_field(struct kh_csv *csv, struct kh_error *err)
{
	if (kh_strbuf_addch(&csv->rec, '\0'))
		return kh_error_set(err, KH_ENOMEM, "", "line %lu: out of memory", csv->rec_line);
	return 0;
}

static int begin_field(struct kh_csv *csv, struct kh_error *err)
{
	if (csv->nfields == csv->lim.max_fields)
		return kh_error_set(err, KH_ELIMIT, "", "line %lu: more than %zu fields",
				    csv->line, csv->lim.max_fields);
	if (csv->nfields == csv->cap_fields) {
		size_t cap = csv->cap_fields ? csv->cap_fields * 2 : 16;
		size_t *s;

		if (cap > csv->lim.max_fields)
			cap = csv->lim.max_fields;
		s = realloc(csv->start, cap * sizeof(*s));
		if (!s)
			return kh_error_set(err, KH_ENOMEM, "", "line %lu: out of memory",
					    csv->line);
		csv->start = s;
		csv->cap_fields = cap;
	}
	csv->start[csv->nfields++] = csv->rec.len;
	return 0;
}

/* Append the byte just read and the run of plain bytes after it (up to the
 * next byte whose bit is in stop_bit; none for 0). */
static int add_run(struct kh_csv *csv, int c, int stop_bit, struct kh_error *err)
{
	const unsigned char *run = csv->pos, *p = run;
	size_t n, content;

	while (stop_bit && p < csv->end && !(csv->stop[*p] & stop_bit))
		p++;
	n = (size_t)(p - run);
	/* The content bytes are the record length minus one NUL per finished field. */
	content = csv->rec.len - (csv->nfields - 1);
	if (content + 1 + n > csv->lim.max_record)
		return kh_error_set(err, KH_ELIMIT, "", "line %lu: record longer than %zu bytes",
				    csv->rec_line, csv->lim.max_record);
	if (kh_strbuf_addch(&csv->rec, (char)c) || kh_strbuf_add(&csv->rec, run, n))
		return kh_error_set(err, KH_ENOMEM, "", "line %lu: out of memory", csv->line);
	csv->pos = p;
	return 0;
}

/* A UTF-8 byte-order mark (Excel's "CSV UTF-8") is skipped; anything else is
 * left to be read. */
static void skip_bom(struct kh_csv *csv)
{
	csv->bom_checked = 1;
	if (csv->pos == csv->end && refill(csv) <= 0)
		return;
	if (csv->end - csv->pos >= 3 && csv->pos[0] == 0xEF && csv->pos[1] == 0xBB &&
	    csv->pos[2] == 0xBF)
		csv->pos += 3;
}

/* c separates fields; with the separator still open, c decides it. */
static inline bool is_sep(struct kh_csv *csv, int c)
{
	if (c == csv->sep)
		return true;
	if (csv->sep || (c != ',' && c != '\t'))
		return false;
	kh_csv_set_separator(csv, c);
	return true;
}

static int source_error(struct kh_csv *csv, struct kh_error *err)
{
	int code = csv->src_err.code ? csv->src_err.code : KH_EIO;

	if (!err)
		return code;
	*err = csv->src_err;
	err->code = code;
	err->field[0] = '\0';
	kh_error_prefix(err, "line %lu: ", csv->line);
	return code;
}

/* After a line end c ('\r' or '\n'): swallow the '\n' of a CRLF. */
static void finish_line_end(struct kh_csv *csv, int c)
{
	if (c == '\r') {
		int d = next_byte(csv);

		if (d >= 0 && d != '\n')
			unread_byte(csv);
	}
	csv->line++;
}

/* Skip empty lines: the first byte of the next record, EOF or -2. */
static int first_byte(struct kh_csv *csv)
{
	int c;

	for (;;) {
		c = next_byte(csv);
		if (c != '\r' && c != '\n')
			return c;
		finish_line_end(csv, c);
	}
}

enum state { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED };

int kh_csv_next(struct kh_csv *csv, size_t *nfields, struct kh_error *err)
{
	enum state st = FIELD_START;
	unsigned long quote_line = 0;
	int c, rc;

	kh_strbuf_reset(&csv->rec);
	csv->nfields = 0;
	if (!csv->bom_checked)
		skip_bom(csv);
	c = first_byte(csv);
	if (c == EOF) {
		*nfields = 0;
		return 0;
	}
	csv->rec_line = csv->line;
	if ((rc = begin_field(csv, err)))
		return rc;
	for (;; c = next_byte(csv)) {
		if (c == -2)
			return source_error(csv, err);
		if (c == 0)
			return kh_error_set(err, KH_EINVAL, "", "line %lu, field %zu: NUL byte",
					    csv->line, csv->nfields);
		switch (st) {
		case FIELD_START:
			if (c == '"') {
				st = QUOTED;
				quote_line = csv->line;
				continue;
			}
			st = UNQUOTED;
			/* fall through */
		case UNQUOTED:
			if (c == '\r' || c == '\n' || c == EOF)
				goto record_end;
			if (is_sep(csv, c)) {
				if ((rc = end_field(csv, err)) || (rc = begin_field(csv, err)))
					return rc;
				st = FIELD_START;
			} else if ((rc = add_run(csv, c, STOP_UNQUOTED, err))) {
				return rc;
			}
			break;
		case QUOTED:
			if (c == EOF)
				return kh_error_set(err, KH_EINVAL, "",
						    "line %lu, field %zu: quoted field opened on "
						    "line %lu is not closed",
						    csv->line, csv->nfields, quote_line);
			if (c == '"') {
				st = QUOTE_IN_QUOTED;
				continue;
			}
			if (c == '\r') {
				int d = next_byte(csv);

				/* CRLF inside quotes is kept as it is. */
				if (d == '\n') {
					if ((rc = add_run(csv, '\r', 0, err)))
						return rc;
					c = '\n';
				} else if (d >= 0) {
					unread_byte(csv);
				}
				csv->line++;
			} else if (c == '\n') {
				csv->line++;
			}
			if ((rc = add_run(csv, c, STOP_QUOTED, err)))
				return rc;
			break;
		case QUOTE_IN_QUOTED:
			if (c == '"') {
				if ((rc = add_run(csv, '"', STOP_QUOTED, err)))
					return rc;
				st = QUOTED;
			} else if (c == '\r' || c == '\n' || c == EOF) {
				goto record_end;
			} else if (is_sep(csv, c)) {
				if ((rc = end_field(csv, err)) || (rc = begin_field(csv, err)))
					return rc;
				st = FIELD_START;
			} else {
				return kh_error_set(err, KH_EINVAL, "",
						    "line %lu, field %zu: text after the closing "
						    "quote",
						    csv->line, csv->nfields);
			}
			break;
		}
	}
record_end:
	if (c != EOF)
		finish_line_end(csv, c);
	if ((rc = end_field(csv, err)))
		return rc;
	/* A first record without a separator leaves the file comma-separated. */
	if (!csv->sep)
		kh_csv_set_separator(csv, ',');
	csv->records++;
	*nfields = csv->nfields;
	return 0;
}

const char *kh_csv_field(const struct kh_csv *csv, size_t i, size_t *len)
{
	const char *f = csv->rec.buf + csv->start[i];

	if (len)
		*len = (i + 1 < csv->nfields ? csv->start[i + 1] - 1 : csv->rec.len - 1) -
		       csv->start[i];
	return f;
}

unsigned long kh_csv_line(const struct kh_csv *csv)
{
	return csv->rec_line;
}
