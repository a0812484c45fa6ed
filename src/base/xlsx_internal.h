/*
 * xlsx_internal.h: what the xlsx reader's two files share (not for other
 * modules): the reader's state, the streaming of a zip part through expat
 * (xlsx_parts.c) and the reading of the parts before the sheet.
 */
#ifndef KH_XLSX_INTERNAL_H
#define KH_XLSX_INTERNAL_H

#include <expat.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <zip.h>

#include "base/error.h"
#include "base/sheet_limits.h"
#include "base/strbuf.h"

#define KH_XLSX_PATH_MAX 512
/* Parts other than the sheet and the shared strings (rels, workbook, styles). */
#define KH_XLSX_SMALL_PART_MAX (64u * 1024 * 1024)

/* A zip part being parsed, a chunk at a time. */
struct kh_xlsx_stream {
	zip_file_t *zf;
	XML_Parser p;
	const char *name;
	uint64_t read, size, max; /* bytes unzipped so far, as the zip says, allowed */
	bool final;               /* the last chunk was given to expat */
};

struct kh_xlsx {
	/* First, as in every expat handler's user data: the reader itself. */
	struct kh_xlsx *self;
	XML_Parser cur;        /* the parser of the part being read */
	zip_t *zip;
	struct kh_sheet_limits lim;
	char sheet_path[KH_XLSX_PATH_MAX];
	char sst_path[KH_XLSX_PATH_MAX];
	char styles_path[KH_XLSX_PATH_MAX];
	bool date1904;
	/* per cell style (cellXfs index): its enum kh_xlsx_kind */
	unsigned char *xf_kind;
	size_t n_xf;
	/* the shared strings, back to back, each NUL-terminated */
	struct kh_strbuf sst;
	uint32_t *sst_off;
	size_t sst_n, sst_cap;
	/* what the handlers share */
	struct kh_error err;   /* why a handler stopped the parser */
	struct kh_strbuf text; /* the text of the string or cell being read */
	bool in_text;          /* character data goes to text */
	int rph_depth;         /* inside phonetic runs, whose text is dropped */
	/* the worksheet */
	struct kh_xlsx_stream sheet;
	bool sheet_done, row_ready;
	struct kh_strbuf row;  /* fields back to back, each NUL-terminated */
	size_t *start;
	size_t nfields, cap_fields;
	unsigned long row_num;
	/* the cell being read */
	bool in_cell, in_v, in_is;
	char type;             /* 'n', 's', 'i' (inlineStr), 'S' (str), 'b', 'e', 'd' */
	unsigned long col, style;
};

/* A name without its prefix ("row" of "x:row"). */
static inline const char *kh_xlsx_local(const char *name)
{
	const char *colon = strchr(name, ':');

	return colon ? colon + 1 : name;
}
/* The value of the attribute with that local name, or NULL. */
const char *kh_xlsx_attr(const char **atts, const char *local);

/* Record why parsing fails in x->err and stop the current parser: returns
 * code. */
int kh_xlsx_fail(struct kh_xlsx *x, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Character data goes to x->text while x->in_text and outside phonetic
 * runs (an expat handler; its user data must be x). */
void kh_xlsx_chars(void *ud, const XML_Char *s, int len);

/* Open part name into s with a new parser whose user data
 * is ud (which starts with a struct kh_xlsx *, see above), and make it
 * x->cur; max bounds its unzipped size. KH_ENOTFOUND when the zip has no
 * such part, else 0 or an error naming the part. */
int kh_xlsx_stream_open(struct kh_xlsx *x, struct kh_xlsx_stream *s, const char *name,
			uint64_t max, void *ud, struct kh_error *err);
void kh_xlsx_stream_close(struct kh_xlsx_stream *s);

/* Give expat the next chunk (or resume it where a handler suspended it).
 * Returns 0 when the chunk was parsed, 1 when a handler suspended the
 * parser, 2 when the part ended, or a negative code (err set). */
int kh_xlsx_stream_step(struct kh_xlsx *x, struct kh_xlsx_stream *s, struct kh_error *err);

/* Read the relationships, the workbook, the styles and the shared strings:
 * fills sheet_path, date1904, xf_kind and the table. */
int kh_xlsx_load_parts(struct kh_xlsx *x, struct kh_error *err);

#endif
