/*
 * xlsx_parts.c: the parts of an xlsx workbook read before its sheet, and the
 * streaming of any part from the zip through expat (see xlsx_internal.h).
 * The first worksheet is found as the format defines it, not by its usual
 * name: _rels/.rels names the workbook, the workbook lists its sheets in tab
 * order, its relationships give each one's part. Every part is bounded by
 * its unzipped size, and a DOCTYPE (entity expansion, "billion laughs") is
 * refused: xlsx never has one. Names are matched without their prefix
 * (x:row is row): namespace processing costs a third of the parse and the
 * parts use one vocabulary each.
 */
#include "base/xlsx_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"
#include "base/xlsx_cell.h"

#define CHUNK (64 * 1024)
#define MAX_RELS 4096
#define MAX_FORMATS 65536
#define MAX_XF 262144

const char *kh_xlsx_attr(const char **atts, const char *local)
{
	for (; atts[0]; atts += 2)
		if (strcmp(kh_xlsx_local(atts[0]), local) == 0)
			return atts[1];
	return NULL;
}

int kh_xlsx_fail(struct kh_xlsx *x, int code, const char *fmt, ...)
{
	va_list ap;

	if (!x->err.code) {
		va_start(ap, fmt);
		vsnprintf(x->err.message, sizeof(x->err.message), fmt, ap);
		va_end(ap);
		x->err.code = code;
	}
	XML_StopParser(x->cur, XML_FALSE);
	return code;
}

void kh_xlsx_chars(void *ud, const XML_Char *s, int len)
{
	struct kh_xlsx *x = ud;

	if (!x->in_text || x->rph_depth || x->err.code)
		return;
	if (kh_strbuf_add(&x->text, s, (size_t)len))
		kh_xlsx_fail(x, KH_ELIMIT, "a cell longer than %zu bytes", x->lim.max_cell_bytes);
}

static void XMLCALL refuse_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
				   const XML_Char *pubid, int has_internal_subset)
{
	kh_xlsx_fail(*(struct kh_xlsx **)ud, KH_EINVAL,
		     "a DOCTYPE, which xlsx parts never have, is refused");
}

static int zip_failure(struct kh_error *err, const char *name, const char *why)
{
	return kh_error_set(err, KH_EINVAL, "file", "%s: %s (damaged or truncated file?)", name,
			    why);
}

int kh_xlsx_stream_open(struct kh_xlsx *x, struct kh_xlsx_stream *s, const char *name,
			uint64_t max, void *ud, struct kh_error *err)
{
	zip_stat_t st;

	memset(s, 0, sizeof(*s));
	s->name = name;
	s->max = max;
	if (zip_name_locate(x->zip, name, 0) < 0 && zip_name_locate(x->zip, name, ZIP_FL_NOCASE) < 0)
		return KH_ENOTFOUND;
	if (zip_stat(x->zip, name, ZIP_FL_NOCASE, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) {
		s->size = st.size;
		if (st.size > max)
			return kh_error_set(err, KH_ELIMIT, "file",
					    "%s: %llu bytes unzipped, more than the %llu allowed",
					    name, (unsigned long long)st.size,
					    (unsigned long long)max);
	}
	s->zf = zip_fopen(x->zip, name, ZIP_FL_NOCASE);
	if (!s->zf)
		return zip_failure(err, name, zip_strerror(x->zip));
	s->p = XML_ParserCreate(NULL);
	if (!s->p) {
		kh_xlsx_stream_close(s);
		return kh_error_set(err, KH_ENOMEM, "file", "out of memory");
	}
	XML_SetUserData(s->p, ud);
	XML_SetStartDoctypeDeclHandler(s->p, refuse_doctype);
	x->cur = s->p;
	x->err.code = 0;
	return 0;
}

void kh_xlsx_stream_close(struct kh_xlsx_stream *s)
{
	if (s->p)
		XML_ParserFree(s->p);
	if (s->zf)
		zip_fclose(s->zf);
	s->p = NULL;
	s->zf = NULL;
}

static int xml_failure(struct kh_xlsx *x, struct kh_xlsx_stream *s, struct kh_error *err)
{
	if (x->err.code)
		return kh_error_set(err, x->err.code, "file", "%s: %s", s->name, x->err.message);
	return kh_error_set(err, KH_EINVAL, "file", "%s line %lu: %s", s->name,
			    (unsigned long)XML_GetCurrentLineNumber(s->p),
			    XML_ErrorString(XML_GetErrorCode(s->p)));
}

int kh_xlsx_stream_step(struct kh_xlsx *x, struct kh_xlsx_stream *s, struct kh_error *err)
{
	XML_ParsingStatus ps;
	enum XML_Status st;

	XML_GetParsingStatus(s->p, &ps);
	if (ps.parsing == XML_SUSPENDED) {
		st = XML_ResumeParser(s->p);
	} else if (s->final) {
		return 2;
	} else {
		/* A small part gets a buffer of its size (opening a workbook makes
		 * five), and the read that finds the end a small one. */
		uint64_t left = s->size > s->read ? s->size - s->read + 1 : s->size ? 1 : CHUNK;
		int want = left < 1024 ? 1024 : left < CHUNK ? (int)left : CHUNK;
		void *buf = XML_GetBuffer(s->p, want);
		zip_int64_t n;

		if (!buf)
			return kh_error_set(err, KH_ENOMEM, "file", "out of memory");
		n = zip_fread(s->zf, buf, (zip_uint64_t)want);
		if (n < 0)
			return zip_failure(err, s->name, zip_file_strerror(s->zf));
		s->read += (uint64_t)n;
		/* The zip's sizes can lie: count what comes out. */
		if (s->read > s->max)
			return kh_error_set(err, KH_ELIMIT, "file",
					    "%s: more than %llu bytes unzipped", s->name,
					    (unsigned long long)s->max);
		s->final = n == 0;
		st = XML_ParseBuffer(s->p, (int)n, s->final);
	}
	if (st == XML_STATUS_ERROR)
		return xml_failure(x, s, err);
	if (st == XML_STATUS_SUSPENDED)
		return 1;
	XML_GetParsingStatus(s->p, &ps);
	return ps.parsing == XML_FINISHED || s->final ? 2 : 0;
}

/* Parse a whole part with the given handlers (with_text: collect character
 * data, ud being x). */
static int parse_part(struct kh_xlsx *x, const char *name, uint64_t max, void *ud,
		      XML_StartElementHandler start, XML_EndElementHandler end, bool with_text,
		      struct kh_error *err)
{
	struct kh_xlsx_stream s;
	int rc = kh_xlsx_stream_open(x, &s, name, max, ud, err);

	if (rc)
		return rc;
	XML_SetElementHandler(s.p, start, end);
	if (with_text)
		XML_SetCharacterDataHandler(s.p, kh_xlsx_chars);
	while ((rc = kh_xlsx_stream_step(x, &s, err)) == 0)
		;
	kh_xlsx_stream_close(&s);
	return rc < 0 ? rc : 0;
}

/* ---- relationships ---- */

enum rel_kind { REL_OTHER, REL_DOCUMENT, REL_WORKSHEET, REL_SHARED_STRINGS, REL_STYLES };

struct rel {
	char id[64];
	enum rel_kind kind;
	char target[KH_XLSX_PATH_MAX];
};

struct rels {
	struct kh_xlsx *x;
	char dir[KH_XLSX_PATH_MAX]; /* where relative targets start */
	struct rel *rel;
	size_t n, cap;
};

static enum rel_kind rel_kind_of(const char *type)
{
	const char *last = strrchr(type, '/');

	last = last ? last + 1 : type;
	if (strcmp(last, "officeDocument") == 0)
		return REL_DOCUMENT;
	if (strcmp(last, "worksheet") == 0)
		return REL_WORKSHEET;
	if (strcmp(last, "sharedStrings") == 0)
		return REL_SHARED_STRINGS;
	if (strcmp(last, "styles") == 0)
		return REL_STYLES;
	return REL_OTHER;
}

/* dir + target as a zip name: "/x" from the root, ".." up a folder. */
static int resolve(const char *dir, const char *target, char *out, size_t outsz)
{
	size_t len;

	if (target[0] == '/') {
		target++;
		out[0] = '\0';
	} else if ((size_t)snprintf(out, outsz, "%s", dir) >= outsz) {
		return -1;
	}
	while (strncmp(target, "../", 3) == 0) {
		char *slash;

		target += 3;
		len = strlen(out);
		if (len && out[len - 1] == '/')
			out[--len] = '\0';
		slash = strrchr(out, '/');
		if (slash)
			slash[1] = '\0';
		else
			out[0] = '\0';
	}
	len = strlen(out);
	return (size_t)snprintf(out + len, outsz - len, "%s", target) >= outsz - len ? -1 : 0;
}

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct rels *r = ud;
	const char *id, *type, *target, *mode;
	struct rel *rel;

	if (strcmp(kh_xlsx_local(name), "Relationship") != 0)
		return;
	id = kh_xlsx_attr(atts, "Id");
	type = kh_xlsx_attr(atts, "Type");
	target = kh_xlsx_attr(atts, "Target");
	mode = kh_xlsx_attr(atts, "TargetMode");
	if (!id || !type || !target || (mode && strcmp(mode, "External") == 0) ||
	    rel_kind_of(type) == REL_OTHER)
		return;
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		struct rel *grown;

		if (cap > MAX_RELS) {
			kh_xlsx_fail(r->x, KH_ELIMIT, "more than %d relationships", MAX_RELS);
			return;
		}
		grown = realloc(r->rel, cap * sizeof(*grown));
		if (!grown) {
			kh_xlsx_fail(r->x, KH_ENOMEM, "out of memory");
			return;
		}
		r->rel = grown;
		r->cap = cap;
	}
	rel = &r->rel[r->n];
	if ((size_t)snprintf(rel->id, sizeof(rel->id), "%s", id) >= sizeof(rel->id) ||
	    resolve(r->dir, target, rel->target, sizeof(rel->target)))
		return; /* too long to be one we need */
	rel->kind = rel_kind_of(type);
	r->n++;
}

/* Read the relationships of part (rels of "xl/workbook.xml" are
 * "xl/_rels/workbook.xml.rels"); a missing rels part is an empty list. */
static int read_rels(struct kh_xlsx *x, const char *part, struct rels *r, struct kh_error *err)
{
	const char *slash = strrchr(part, '/');
	size_t dirlen = slash ? (size_t)(slash - part) + 1 : 0;
	char name[KH_XLSX_PATH_MAX];
	int rc;

	memset(r, 0, sizeof(*r));
	r->x = x;
	snprintf(r->dir, sizeof(r->dir), "%.*s", (int)dirlen, part);
	if ((size_t)snprintf(name, sizeof(name), "%.*s_rels/%s.rels", (int)dirlen, part,
			     part + dirlen) >= sizeof(name))
		return kh_error_set(err, KH_EINVAL, "file", "%s: name too long", part);
	rc = parse_part(x, name, KH_XLSX_SMALL_PART_MAX, r, rels_start, NULL, false, err);
	return rc == KH_ENOTFOUND ? 0 : rc;
}

static const struct rel *find_rel(const struct rels *r, const char *id, enum rel_kind kind)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->rel[i].kind == kind && (!id || strcmp(r->rel[i].id, id) == 0))
			return &r->rel[i];
	return NULL;
}

/* ---- the workbook: the first worksheet, the date system ---- */

struct workbook {
	struct kh_xlsx *x;
	const struct rels *rels;
	const struct rel *first, *first_visible;
};

static void XMLCALL workbook_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct workbook *w = ud;
	const char *ln = kh_xlsx_local(name), *v;

	if (strcmp(ln, "workbookPr") == 0) {
		v = kh_xlsx_attr(atts, "date1904");
		w->x->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
	} else if (strcmp(ln, "sheet") == 0 && !w->first_visible) {
		const char *id = kh_xlsx_attr(atts, "id"), *state = kh_xlsx_attr(atts, "state");
		const struct rel *rel = id ? find_rel(w->rels, id, REL_WORKSHEET) : NULL;

		/* a chart sheet has no rows; a hidden sheet is not the one the user sees */
		if (!rel)
			return;
		if (!w->first)
			w->first = rel;
		if (!state || strcmp(state, "visible") == 0)
			w->first_visible = rel;
	}
}

/* ---- styles: which cell styles show dates ---- */

struct styles {
	struct kh_xlsx *x;
	struct { unsigned long id; unsigned char kind; } *fmt;
	size_t n_fmt, cap_fmt, cap_xf;
	bool in_cell_xfs;
};

static unsigned char kind_of_format(const struct styles *s, unsigned long id)
{
	for (size_t i = 0; i < s->n_fmt; i++)
		if (s->fmt[i].id == id)
			return s->fmt[i].kind;
	return (unsigned char)kh_xlsx_builtin_kind(id);
}

/* Make room for one more of n items of size sz in *arr (capacity *cap, at
 * most max): 0, or a KH_ELIMIT / KH_ENOMEM reported through x. */
static int grow(struct kh_xlsx *x, void **arr, size_t sz, size_t n, size_t *cap, size_t max,
		const char *what)
{
	size_t c = *cap ? *cap * 2 : 64;
	void *a;

	if (n < *cap)
		return 0;
	if (n >= max)
		return kh_xlsx_fail(x, KH_ELIMIT, "more than %zu %s", max, what);
	c = c > max ? max : c;
	a = realloc(*arr, c * sz);
	if (!a)
		return kh_xlsx_fail(x, KH_ENOMEM, "out of memory");
	*arr = a;
	*cap = c;
	return 0;
}

static void XMLCALL styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct styles *s = ud;
	struct kh_xlsx *x = s->x;
	const char *ln = kh_xlsx_local(name), *id, *code;

	if (strcmp(ln, "numFmt") == 0 && !s->in_cell_xfs) {
		id = kh_xlsx_attr(atts, "numFmtId");
		code = kh_xlsx_attr(atts, "formatCode");
		if (!id || !code ||
		    grow(x, (void **)&s->fmt, sizeof(*s->fmt), s->n_fmt, &s->cap_fmt, MAX_FORMATS,
			 "number formats"))
			return;
		s->fmt[s->n_fmt].id = strtoul(id, NULL, 10);
		s->fmt[s->n_fmt++].kind = (unsigned char)kh_xlsx_code_kind(code);
	} else if (strcmp(ln, "cellXfs") == 0) {
		s->in_cell_xfs = true;
	} else if (strcmp(ln, "xf") == 0 && s->in_cell_xfs) {
		id = kh_xlsx_attr(atts, "numFmtId");
		if (grow(x, (void **)&x->xf_kind, 1, x->n_xf, &s->cap_xf, MAX_XF, "cell styles"))
			return;
		x->xf_kind[x->n_xf++] = id ? kind_of_format(s, strtoul(id, NULL, 10)) : 0;
	}
}

static void XMLCALL styles_end(void *ud, const XML_Char *name)
{
	struct styles *s = ud;

	if (strcmp(kh_xlsx_local(name), "cellXfs") == 0)
		s->in_cell_xfs = false;
}

/* ---- the shared string table ---- */

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct kh_xlsx *x = ud;
	const char *ln = kh_xlsx_local(name);

	if (strcmp(ln, "si") == 0) {
		kh_strbuf_reset(&x->text);
		x->rph_depth = 0;
	} else if (strcmp(ln, "t") == 0) {
		x->in_text = true;
	} else if (strcmp(ln, "rPh") == 0) {
		x->rph_depth++;
	}
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
	struct kh_xlsx *x = ud;
	const char *ln = kh_xlsx_local(name);

	if (strcmp(ln, "t") == 0) {
		x->in_text = false;
	} else if (strcmp(ln, "rPh") == 0) {
		x->rph_depth--;
	} else if (strcmp(ln, "si") == 0) {
		if (grow(x, (void **)&x->sst_off, sizeof(*x->sst_off), x->sst_n, &x->sst_cap,
			 x->lim.max_shared_strings, "shared strings"))
			return;
		x->sst_off[x->sst_n] = (uint32_t)x->sst.len;
		if (kh_xlsx_unescape(x->text.buf, x->text.len, &x->sst) ||
		    kh_strbuf_addch(&x->sst, '\0')) {
			kh_xlsx_fail(x, KH_ELIMIT, "shared strings: more than %zu bytes",
				     x->lim.max_shared_bytes);
			return;
		}
		x->sst_n++;
	}
}

static void set_path(char *dst, const struct rel *rel, const char *fallback)
{
	snprintf(dst, KH_XLSX_PATH_MAX, "%s", rel ? rel->target : fallback);
}

int kh_xlsx_load_parts(struct kh_xlsx *x, struct kh_error *err)
{
	struct rels root, wbrels;
	struct workbook wb = {.x = x};
	struct styles st = {.x = x};
	char wb_path[KH_XLSX_PATH_MAX];
	int rc;

	memset(&wbrels, 0, sizeof(wbrels));
	if ((rc = read_rels(x, "", &root, err)))
		goto out;
	set_path(wb_path, find_rel(&root, NULL, REL_DOCUMENT), "xl/workbook.xml");
	if ((rc = read_rels(x, wb_path, &wbrels, err)))
		goto out;
	wb.rels = &wbrels;
	rc = parse_part(x, wb_path, KH_XLSX_SMALL_PART_MAX, &wb, workbook_start, NULL, false, err);
	if (rc == KH_ENOTFOUND)
		rc = kh_error_set(err, KH_EINVAL, "file",
				  "not an xlsx workbook: the zip has no %s", wb_path);
	if (rc)
		goto out;
	if (!wb.first) {
		rc = kh_error_set(err, KH_EINVAL, "file", "the workbook has no worksheet");
		goto out;
	}
	set_path(x->sheet_path, wb.first_visible ? wb.first_visible : wb.first, "");
	set_path(x->styles_path, find_rel(&wbrels, NULL, REL_STYLES), "xl/styles.xml");
	set_path(x->sst_path, find_rel(&wbrels, NULL, REL_SHARED_STRINGS), "xl/sharedStrings.xml");
	/* Without styles no cell is a date; without shared strings none is shared. */
	rc = parse_part(x, x->styles_path, KH_XLSX_SMALL_PART_MAX, &st, styles_start, styles_end,
			false, err);
	if (rc && rc != KH_ENOTFOUND)
		goto out;
	rc = parse_part(x, x->sst_path, x->lim.max_part_bytes, x, sst_start, sst_end, true, err);
	if (rc == KH_ENOTFOUND)
		rc = 0;
out:
	free(st.fmt);
	free(root.rel);
	free(wbrels.rel);
	return rc;
}
