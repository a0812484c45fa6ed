/*
 * xlsx_read.c: the worksheet stream (see xlsx_read.h). expat is given the
 * sheet a 64 KiB chunk at a time; the handler of </row> suspends it, so
 * kh_xlsx_next returns with that row and the next call resumes where it
 * stopped: memory holds one chunk and one row, whatever the sheet's size.
 */
#include "base/xlsx_read.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"
#include "base/xlsx_cell.h"
#include "base/xlsx_internal.h"

/* Excel's last column, XFD. */
#define MAX_COLUMN 16384

/* The column of a cell reference ("C5" -> 3), 0 if it has none. */
static unsigned long column_of(const char *ref)
{
	unsigned long col = 0;

	for (; isalpha((unsigned char)*ref); ref++) {
		col = col * 26 + (unsigned long)(toupper((unsigned char)*ref) - 'A' + 1);
		if (col > MAX_COLUMN)
			return 0;
	}
	return col;
}

static char type_of(const char *t)
{
	if (!t || strcmp(t, "n") == 0)
		return 'n';
	if (strcmp(t, "s") == 0)
		return 's';
	if (strcmp(t, "str") == 0)
		return 'S';
	if (strcmp(t, "inlineStr") == 0)
		return 'i';
	if (strcmp(t, "b") == 0 || strcmp(t, "e") == 0 || strcmp(t, "d") == 0)
		return t[0];
	return 'n';
}

static void cell_start(struct kh_xlsx *x, const char **atts)
{
	const char *ref = NULL, *t = NULL, *s = NULL;

	for (; atts[0]; atts += 2) {
		const char *ln = kh_xlsx_local(atts[0]);

		if (ln[0] == 'r' && !ln[1])
			ref = atts[1];
		else if (ln[0] == 't' && !ln[1])
			t = atts[1];
		else if (ln[0] == 's' && !ln[1])
			s = atts[1];
	}
	x->in_cell = true;
	x->in_v = x->in_is = x->in_text = false;
	x->rph_depth = 0;
	x->type = type_of(t);
	x->style = s ? strtoul(s, NULL, 10) : 0;
	x->col = ref ? column_of(ref) : x->col + 1;
	if (!x->col || x->col > MAX_COLUMN)
		kh_xlsx_fail(x, KH_EINVAL, "cell reference \"%.16s\" is not a column", ref ? ref : "");
	kh_strbuf_reset(&x->text);
}

static int add_field(struct kh_xlsx *x)
{
	if (x->nfields == x->lim.max_fields)
		return kh_xlsx_fail(x, KH_ELIMIT, "more than %zu columns", x->lim.max_fields);
	if (x->nfields == x->cap_fields) {
		size_t cap = x->cap_fields ? x->cap_fields * 2 : 16;
		size_t *s;

		cap = cap > x->lim.max_fields ? x->lim.max_fields : cap;
		s = realloc(x->start, cap * sizeof(*s));
		if (!s)
			return kh_xlsx_fail(x, KH_ENOMEM, "out of memory");
		x->start = s;
		x->cap_fields = cap;
	}
	x->start[x->nfields++] = x->row.len;
	return 0;
}

/* Append the cell's value as text to the row. */
static int put_value(struct kh_xlsx *x, const char *v, size_t len)
{
	unsigned long idx;
	char *end;

	switch (x->type) {
	case 's':
		idx = strtoul(v, &end, 10);
		if (end == v || *end || idx >= x->sst_n)
			return kh_xlsx_fail(x, KH_EINVAL,
					    "cell %lu: shared string \"%.20s\" is not in the table "
					    "of %zu",
					    x->col, v, x->sst_n);
		/* entries are back to back: the next one's start gives the length */
		return kh_strbuf_add(&x->row, x->sst.buf + x->sst_off[idx],
				     (idx + 1 < x->sst_n ? x->sst_off[idx + 1] : x->sst.len) -
					     x->sst_off[idx] - 1);
	case 'i':
	case 'S':
		return kh_xlsx_unescape(v, len, &x->row);
	case 'b':
		return kh_strbuf_adds(&x->row, strcmp(v, "1") == 0   ? "TRUE"
						: strcmp(v, "0") == 0 ? "FALSE"
								      : v);
	case 'e':
		return kh_strbuf_add(&x->row, v, len);
	case 'd':
		return kh_xlsx_iso_text(v, len, &x->row);
	default:
		return kh_xlsx_number_text(v, len,
					   x->style < x->n_xf ? (enum kh_xlsx_kind)x->xf_kind[x->style]
							      : KH_XLSX_NUMBER,
					   x->date1904, &x->row);
	}
}

/* A cell with a value becomes field col - 1, after empty ones for the
 * columns skipped; an empty cell leaves no trace. */
static void cell_end(struct kh_xlsx *x)
{
	size_t len_before = x->row.len, n_before = x->nfields;
	int rc;

	x->in_cell = x->in_text = false;
	if (x->text.len == 0 || x->err.code)
		return;
	if (x->col <= x->nfields) {
		kh_xlsx_fail(x, KH_EINVAL, "cell %lu comes after cell %zu (out of order)", x->col,
			     x->nfields);
		return;
	}
	while (x->nfields + 1 < x->col)
		if (add_field(x) || kh_strbuf_addch(&x->row, '\0'))
			goto full;
	if (add_field(x))
		return;
	rc = put_value(x, x->text.buf, x->text.len);
	if (x->err.code)
		return;
	/* the row's text without its NULs */
	if (rc || kh_strbuf_addch(&x->row, '\0') || x->row.len - x->nfields > x->lim.max_row_bytes)
		goto full;
	if (x->row.len == x->start[x->nfields - 1] + 1) {
		/* an empty value (a shared ""): as if the cell were not there */
		kh_strbuf_setlen(&x->row, len_before);
		x->nfields = n_before;
	}
	return;
full:
	if (!x->err.code)
		kh_xlsx_fail(x, KH_ELIMIT, "longer than %zu bytes", x->lim.max_row_bytes);
}

static void row_start(struct kh_xlsx *x, const char **atts)
{
	const char *r = kh_xlsx_attr(atts, "r");

	x->row_num = r ? strtoul(r, NULL, 10) : x->row_num + 1;
	kh_strbuf_reset(&x->row);
	x->nfields = 0;
	x->col = 0;
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct kh_xlsx *x = ud;
	const char *ln = kh_xlsx_local(name);

	switch (ln[0]) {
	case 'c':
		if (!ln[1])
			cell_start(x, atts);
		break;
	case 'v':
		if (!ln[1] && x->in_cell)
			x->in_v = x->in_text = true;
		break;
	case 'i':
		if (strcmp(ln, "is") == 0 && x->in_cell)
			x->in_is = true;
		break;
	case 't':
		if (!ln[1] && x->in_is)
			x->in_text = true;
		break;
	case 'r':
		if (strcmp(ln, "row") == 0)
			row_start(x, atts);
		else if (strcmp(ln, "rPh") == 0)
			x->rph_depth++;
		break;
	}
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
	struct kh_xlsx *x = ud;
	const char *ln = kh_xlsx_local(name);

	switch (ln[0]) {
	case 'c':
		if (!ln[1] && x->in_cell)
			cell_end(x);
		break;
	case 'v':
		if (!ln[1])
			x->in_v = x->in_text = false;
		break;
	case 't':
		if (!ln[1])
			x->in_text = false;
		break;
	case 'i':
		if (strcmp(ln, "is") == 0)
			x->in_is = false;
		break;
	case 'r':
		if (strcmp(ln, "rPh") == 0 && x->rph_depth) {
			x->rph_depth--;
		} else if (strcmp(ln, "row") == 0 && x->nfields) {
			x->row_ready = true;
			XML_StopParser(x->cur, XML_TRUE);
		}
		break;
	case 's':
		if (strcmp(ln, "sheetData") == 0) {
			/* What follows (merged cells, print settings) is not rows. */
			x->sheet_done = true;
			XML_StopParser(x->cur, XML_TRUE);
		}
		break;
	}
}

static int xlsx_new(const struct kh_sheet_limits *lim, struct kh_xlsx **out,
		    struct kh_error *err)
{
	struct kh_xlsx *x = calloc(1, sizeof(*x));

	if (!x)
		return kh_error_set(err, KH_ENOMEM, "file", "out of memory");
	x->self = x;
	x->lim = *lim;
	/* Offsets into the table are 32-bit. */
	if (x->lim.max_shared_bytes > UINT32_MAX - 1)
		x->lim.max_shared_bytes = UINT32_MAX - 1;
	kh_strbuf_init(&x->text, lim->max_cell_bytes);
	kh_strbuf_init(&x->row, lim->max_row_bytes + lim->max_fields + 1);
	kh_strbuf_init(&x->sst, x->lim.max_shared_bytes);
	*out = x;
	return 0;
}

/* Read the parts and open the sheet; frees x on failure. */
static int start(struct kh_xlsx *x, struct kh_xlsx **out, struct kh_error *err)
{
	int rc = kh_xlsx_load_parts(x, err);

	if (!rc) {
		rc = kh_xlsx_stream_open(x, &x->sheet, x->sheet_path, x->lim.max_part_bytes, x, err);
		if (rc == KH_ENOTFOUND)
			rc = kh_error_set(err, KH_EINVAL, "file",
					  "the first worksheet, %s, is missing from the zip",
					  x->sheet_path);
	}
	if (rc) {
		kh_xlsx_free(x);
		return rc;
	}
	XML_SetElementHandler(x->sheet.p, sheet_start, sheet_end);
	XML_SetCharacterDataHandler(x->sheet.p, kh_xlsx_chars);
	*out = x;
	return 0;
}

static int not_a_zip(zip_error_t *ze, struct kh_error *err)
{
	int rc = kh_error_set(err, KH_EINVAL, "file",
			      "not a readable xlsx file (a zip archive): %s",
			      zip_error_strerror(ze));

	zip_error_fini(ze);
	return rc;
}

int kh_xlsx_open_file(const char *path, const struct kh_sheet_limits *lim,
		      struct kh_xlsx **out, struct kh_error *err)
{
	struct kh_xlsx *x;
	zip_error_t ze;
	int code = 0, rc = xlsx_new(lim, &x, err);

	if (rc)
		return rc;
	x->zip = zip_open(path, ZIP_RDONLY, &code);
	if (!x->zip) {
		kh_xlsx_free(x);
		zip_error_init_with_code(&ze, code);
		return not_a_zip(&ze, err);
	}
	return start(x, out, err);
}

int kh_xlsx_open_mem(const void *data, size_t len, const struct kh_sheet_limits *lim,
		     struct kh_xlsx **out, struct kh_error *err)
{
	struct kh_xlsx *x;
	zip_source_t *src;
	zip_error_t ze;
	int rc = xlsx_new(lim, &x, err);

	if (rc)
		return rc;
	zip_error_init(&ze);
	src = zip_source_buffer_create(data, len, 0, &ze);
	if (src && !(x->zip = zip_open_from_source(src, ZIP_RDONLY, &ze)))
		zip_source_free(src);
	if (!x->zip) {
		kh_xlsx_free(x);
		return not_a_zip(&ze, err);
	}
	zip_error_fini(&ze);
	return start(x, out, err);
}

int kh_xlsx_next(struct kh_xlsx *x, struct kh_error *err)
{
	struct kh_error why = {0};
	int rc;

	x->row_ready = false;
	while (!x->sheet_done) {
		rc = kh_xlsx_stream_step(x, &x->sheet, &why);
		if (rc < 0) {
			if (!err)
				return x->err.code ? x->err.code : rc;
			*err = x->err.code ? x->err : why;
			err->code = x->err.code ? x->err.code : rc;
			err->field[0] = '\0';
			kh_error_prefix(err, "row %lu: ", x->row_num);
			return err->code;
		}
		if (x->row_ready)
			return 1;
		if (rc == 2)
			break;
	}
	return 0;
}

size_t kh_xlsx_nfields(const struct kh_xlsx *x)
{
	return x->nfields;
}

const char *kh_xlsx_field(const struct kh_xlsx *x, size_t i)
{
	return i < x->nfields ? x->row.buf + x->start[i] : "";
}

unsigned long kh_xlsx_row(const struct kh_xlsx *x)
{
	return x->row_num;
}

double kh_xlsx_progress(const struct kh_xlsx *x)
{
	if (x->sheet_done || x->sheet.final)
		return 1;
	if (!x->sheet.size)
		return 0;
	return x->sheet.read >= x->sheet.size ? 1 : (double)x->sheet.read / (double)x->sheet.size;
}

void kh_xlsx_free(struct kh_xlsx *x)
{
	if (!x)
		return;
	kh_xlsx_stream_close(&x->sheet);
	if (x->zip)
		zip_discard(x->zip);
	kh_strbuf_release(&x->text);
	kh_strbuf_release(&x->row);
	kh_strbuf_release(&x->sst);
	free(x->sst_off);
	free(x->xf_kind);
	free(x->start);
	free(x);
}
