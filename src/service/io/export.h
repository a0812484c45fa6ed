/*
 * export.h: exports of the registry's lists (customers, contacts, products,
 * orders, activities, opportunities, ...) as a stream of rows. An export is
 * the list itself: the same parameters (filters, sort, q) go through the
 * same service code (kh_entity_list, paged by keyset cursors without
 * totals), so its data scope and information levels are decided there, as
 * for the list on screen. Every page is read inside one read transaction:
 * the file is one snapshot however long it takes.
 *
 * Columns: the item's id, every field of the registry at the levels the
 * actor sees of at least one exported row (a field above that level is no
 * column at all, so a file does not even tell it exists), the customer's
 * name beside a customer reference, the customer list's metrics, and the
 * times of creation and change. A row the actor sees at a lower level than
 * another's leaves the cells of the fields it does not show empty, as the
 * list leaves those members out.
 *
 * The formats (export_csv.c, export_xlsx.c, vcard_io.c) write these rows;
 * kh_export_finish writes the audit entry: who, what, with which filter,
 * how many rows, and whether the file was complete.
 */
#ifndef KH_EXPORT_H
#define KH_EXPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "service/context.h"
#include "service/entity.h"

/* What a cell holds, for the formats that know types (xlsx). */
enum kh_export_kind {
	KH_EXPORT_TEXT,  /* a string, shown as text (phones and codes too) */
	KH_EXPORT_INT,   /* an integer (ids, counts) */
	KH_EXPORT_MONEY, /* yuan with two decimals ("1234.50" in the item) */
	KH_EXPORT_REAL,  /* a probability */
	KH_EXPORT_DATE,  /* "YYYY-MM-DD" */
	KH_EXPORT_BOOL,
};

struct kh_export_column {
	const char *key;   /* the item's member; "metrics.clv" inside "metrics" */
	const char *label; /* the header, in the export's language */
	enum kh_export_kind kind;
	int width;         /* a sensible column width, in characters */
};

#define KH_EXPORT_COLUMNS_MAX 128

struct kh_export_request {
	const char *type;            /* the list: "customers", "orders", ... */
	struct kh_list_params list;  /* filters, sort and q (borrowed); page, per_page
				      * and cursor are not used: an export is the whole list */
	bool zh;                     /* headers and file name in 中文, else English */
	const char *format;          /* "csv", "xlsx", "vcf": for the audit log */
};

struct kh_export;

/* Check the request as the list checks it, begin the read transaction and
 * work out the columns. *out is the caller's (kh_export_free). Errors are
 * the list's (an unknown filter, a level the actor does not see), or
 * KH_EINVAL naming "type". */
int kh_export_open(struct kh_ctx *ctx, const struct kh_export_request *req,
		   struct kh_export **out, struct kh_error *err);
/* The entity exported (the registry's). */
const struct kh_entity *kh_export_entity(const struct kh_export *x);
size_t kh_export_ncolumns(const struct kh_export *x);
const struct kh_export_column *kh_export_column(const struct kh_export *x, size_t i);
/* The next row as the list presents it, borrowed until the next call; NULL
 * after the last. */
int kh_export_next(struct kh_export *x, json_t **item, struct kh_error *err);
/* The value of column i in item (borrowed), or NULL when the row does not
 * show it. */
json_t *kh_export_cell(const struct kh_export *x, json_t *item, size_t i);
/* Rows handed out so far. */
int64_t kh_export_rows(const struct kh_export *x);
/* What the list is called in the export's language ("客户"): the sheet. */
const char *kh_export_title(const struct kh_export *x);
/* "客户-2026-12-02.csv" (English: "customers-2026-12-02.csv") for ext. */
void kh_export_filename(const struct kh_export *x, const char *ext, char *buf, size_t size);
/* End the read transaction and write the audit entry (complete: every row
 * was written). Once; kh_export_free does it (incomplete) if not called. */
int kh_export_finish(struct kh_export *x, bool complete, struct kh_error *err);
void kh_export_free(struct kh_export *x);

/* Whole rows, each written by write(arg, item, sb) (0 or KH_ENOMEM),
 * appended to sb until it holds at least chunk bytes or the rows end
 * (*done): what the streaming formats share. */
int kh_export_chunk(struct kh_export *x, struct kh_strbuf *sb, size_t chunk, bool *done,
		    int (*write)(void *arg, json_t *item, struct kh_strbuf *sb), void *arg,
		    struct kh_error *err);

/* CSV (export_csv.c): the BOM and header row, then whole rows appended
 * to sb until it holds at least chunk bytes or the rows end (*done). */
int kh_export_csv_header(struct kh_export *x, struct kh_strbuf *sb);
int kh_export_csv_chunk(struct kh_export *x, struct kh_strbuf *sb, size_t chunk, bool *done,
			struct kh_error *err);
/* The whole export as CSV into out. */
int kh_export_csv_file(struct kh_export *x, FILE *out, struct kh_error *err);

/* xlsx (export_xlsx.c): the whole export into the workbook at path
 * (created or replaced), written by libxlsxwriter in constant-memory mode:
 * a header row in the export's language, frozen; numbers, money (two
 * decimals) and dates as such, the rest as text. */
int kh_export_xlsx_file(struct kh_export *x, const char *path, struct kh_error *err);

#endif
