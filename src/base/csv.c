/*
 * csv.c: the RFC 4180 reader (see csv.h), a small state machine over bytes.
 * Bytes come from a 16 KiB buffer refilled from the FILE, or straight from
 * memory; the record is assembled in one strbuf reused from record to record,
 * so reading a file of any size allocates only for its longest record.
 */
#include "base/csv.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static void init_common(struct kh_csv *csv, const struct kh_csv_limits *lim)
{
	csv->unread = -1;
	csv->lim.max_record = lim && lim->max_record ? lim->max_record : KH_CSV_DEFAULT_MAX_RECORD;
	csv->lim.max_fields = lim && lim->max_fields ? lim->max_fields : KH_CSV_DEFAULT_MAX_FIELDS;
	/* Field bytes plus one NUL per field. */
	kh_strbuf_init(&csv->rec, csv->lim.max_record + csv->lim.max_fields + 1);
	csv->line = 1;
}

void kh_csv_init_file(struct kh_csv *csv, FILE *fp, const struct kh_csv_limits *lim)
{
	memset(csv, 0, sizeof(*csv));
	csv->fp = fp;
	init_common(csv, lim);
}

void kh_csv_init_mem(struct kh_csv *csv, const char *data, size_t len,
		     const struct kh_csv_limits *lim)
{
	memset(csv, 0, sizeof(*csv));
	csv->mem = data;
	csv->mem_len = len;
	init_common(csv, lim);
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

/* The next byte, EOF at the end, or -2 on a read error. */
static int next_byte(struct kh_csv *csv)
{
	if (csv->unread >= 0) {
		int c = csv->unread;

		csv->unread = -1;
		return c;
	}
	if (!csv->fp)
		return csv->mem_pos < csv->mem_len ? (unsigned char)csv->mem[csv->mem_pos++] : EOF;
	if (csv->buf_pos == csv->buf_len) {
		csv->buf_len = fread(csv->buf, 1, sizeof(csv->buf), csv->fp);
		csv->buf_pos = 0;
		if (csv->buf_len == 0)
			return ferror(csv->fp) ? -2 : EOF;
	}
	return (unsigned char)csv->buf[csv->buf_pos++];
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

static int add_byte(struct kh_csv *csv, int c, struct kh_error *err)
{
	/* The content bytes are the record length minus one NUL per finished field. */
	if (csv->rec.len - (csv->nfields - 1) >= csv->lim.max_record)
		return kh_error_set(err, KH_ELIMIT, "", "line %lu: record longer than %zu bytes",
				    csv->rec_line, csv->lim.max_record);
	if (kh_strbuf_addch(&csv->rec, (char)c))
		return kh_error_set(err, KH_ENOMEM, "", "line %lu: out of memory", csv->line);
	return 0;
}

enum state { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED };

int kh_csv_next(struct kh_csv *csv, size_t *nfields, struct kh_error *err)
{
	enum state st = FIELD_START;
	unsigned long quote_line = 0;
	int c, rc;

	kh_strbuf_reset(&csv->rec);
	csv->nfields = 0;
	if (!csv->bom_checked) {
		int b0, b1, b2;

		csv->bom_checked = 1;
		b0 = next_byte(csv);
		if (b0 == 0xEF) {
			b1 = next_byte(csv);
			b2 = next_byte(csv);
			if (b1 != 0xBB || b2 != 0xBF)
				return kh_error_set(err, KH_EINVAL, "",
						    "line 1: starts with a broken byte-order mark");
		} else if (b0 >= 0 || b0 == EOF) {
			csv->unread = b0 == EOF ? -1 : b0;
		} else {
			return kh_error_set(err, KH_EIO, "", "line 1: read error: %s",
					    strerror(errno));
		}
	}
	/* Skip empty lines: a record starts at its first byte. */
	for (;;) {
		c = next_byte(csv);
		if (c == '\r') {
			int d = next_byte(csv);

			if (d != '\n')
				csv->unread = d >= 0 ? d : -1;
			csv->line++;
			continue;
		}
		if (c == '\n') {
			csv->line++;
			continue;
		}
		break;
	}
	if (c == EOF) {
		*nfields = 0;
		return 0;
	}
	csv->rec_line = csv->line;
	if ((rc = begin_field(csv, err)))
		return rc;
	for (;; c = next_byte(csv)) {
		if (c == -2)
			return kh_error_set(err, KH_EIO, "", "line %lu: read error: %s", csv->line,
					    strerror(errno));
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
			if (c == ',') {
				if ((rc = end_field(csv, err)) || (rc = begin_field(csv, err)))
					return rc;
				st = FIELD_START;
			} else if (c == '\r' || c == '\n' || c == EOF) {
				goto record_end;
			} else if (c == '"') {
				return kh_error_set(err, KH_EINVAL, "",
						    "line %lu, field %zu: a quote inside an "
						    "unquoted field (quote the whole field and "
						    "double the quote)",
						    csv->line, csv->nfields);
			} else if ((rc = add_byte(csv, c, err))) {
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
			if (c == '\n')
				csv->line++;
			else if (c == '\r') {
				int d = next_byte(csv);

				/* CRLF inside quotes is kept as it is. */
				if (d != '\n')
					csv->unread = d >= 0 ? d : -1;
				else if ((rc = add_byte(csv, '\r', err)))
					return rc;
				else
					c = '\n';
				csv->line++;
			}
			if ((rc = add_byte(csv, c, err)))
				return rc;
			break;
		case QUOTE_IN_QUOTED:
			if (c == '"') {
				if ((rc = add_byte(csv, '"', err)))
					return rc;
				st = QUOTED;
			} else if (c == ',') {
				if ((rc = end_field(csv, err)) || (rc = begin_field(csv, err)))
					return rc;
				st = FIELD_START;
			} else if (c == '\r' || c == '\n' || c == EOF) {
				goto record_end;
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
	if (c == '\r') {
		int d = next_byte(csv);

		if (d != '\n')
			csv->unread = d >= 0 ? d : -1;
	}
	if (c != EOF)
		csv->line++;
	if ((rc = end_field(csv, err)))
		return rc;
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
