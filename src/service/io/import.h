/*
 * import.h: `kehu import` and POST /api/v1/imports: the rows of a sheet
 * (base/sheet.h: CSV today, xlsx and other encodings behind the same calls)
 * into customers, contacts, products, orders, activities or opportunities.
 * Columns are matched by their headers (Chinese or English, from the field
 * registry's labels and the aliases of import_columns.c), each row goes through the
 * same service calls as the API's create and edit (validation, permissions,
 * hooks, audit), matched to an existing record by its natural key
 * (import_keys.c), and the whole file is one transaction unless partial.
 * Memory stays flat whatever the file's size.
 */
#ifndef KH_IMPORT_H
#define KH_IMPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/error.h"
#include "base/messages.h"
#include "base/strbuf.h"
#include "service/context.h"

enum kh_import_type {
	KH_IMPORT_CUSTOMERS,
	KH_IMPORT_CONTACTS,
	KH_IMPORT_PRODUCTS,
	KH_IMPORT_ORDERS,
	KH_IMPORT_ACTIVITIES,
	KH_IMPORT_OPPORTUNITIES,
};

enum kh_import_mode {
	KH_IMPORT_CREATE, /* a row whose key exists is rejected */
	KH_IMPORT_UPDATE, /* a row whose key does not exist is rejected */
	KH_IMPORT_UPSERT, /* update what exists, create the rest */
};

/* The language of the reasons in a reject file and of template headers:
 * enum kh_lang of base/messages.h. */

/* What an import did (or, dry, would do) so far. rows counts data rows
 * read (not the header, not blank rows). */
struct kh_import_counts {
	int64_t rows, created, updated, skipped, rejected;
	uint64_t bytes_read, bytes_total;
};

/* The counts as the import_jobs row keeps them: {rows, created, updated,
 * skipped, rejected, bytes_read}, a new reference. */
json_t *kh_import_counts_json(const struct kh_import_counts *c);

typedef void kh_import_progress_fn(void *arg, const struct kh_import_counts *c);

/* The most rows of one import and the most rejects listed, whatever the
 * file: 10 million rows; a reject file of 1 million lines. */
#define KH_IMPORT_ROWS_MAX 10000000
#define KH_IMPORT_REJECTS_MAX 1000000

struct kh_import_params {
	enum kh_import_type type;
	enum kh_import_mode mode;
	bool dry_run;        /* do it all in a transaction, then roll it back */
	bool partial;        /* commit the good rows, reject the bad */
	const char *map;     /* "header=field,header=field" overrides, or NULL */
	const char *rejects; /* path of the reject file to write, or NULL */
	enum kh_lang lang;
	kh_import_progress_fn *progress; /* called every few thousand rows, or NULL */
	void *progress_arg;
	/* > 0: the import_jobs row to mark "done" in the import's own
	 * transaction, so a job is done exactly when its rows are in. */
	int64_t job_id;
};

struct kh_import_result {
	struct kh_import_counts counts;
	bool committed;   /* the rows are in (false: dry run, or rejects without partial) */
	json_t *columns;  /* [{"header", "field" (or null), "label"}] in the file's order */
	json_t *warnings; /* ["unknown column ..."] */
};

/* Import the sheet at path as ctx's actor. Returns 0 when the file was read
 * to its end (rows may have been rejected: see counts and committed), or a
 * negative KH_E* code for a file that cannot be imported at all (unreadable,
 * a malformed CSV line, no header, a header matched twice, a bad --map), with
 * nothing changed. out is filled either way; release it. */
int kh_import_run(struct kh_ctx *ctx, const char *path, const struct kh_import_params *p,
		  struct kh_import_result *out, struct kh_error *err);
void kh_import_result_release(struct kh_import_result *r);

/* The headers, how they match, and the first rows (at most rows) of the
 * sheet at path, without importing: {"columns": [...], "warnings": [...],
 * "rows": [[cells...]], "encoding", "format"}. */
int kh_import_preview(struct kh_ctx *ctx, const char *path, enum kh_import_type type,
		      const char *map, enum kh_lang lang, int rows, json_t **out,
		      struct kh_error *err);

/* The import template of type (导入模板): a CSV file (UTF-8 with BOM) of
 * one header line, the columns an import of type reads, in lang. */
int kh_import_template(enum kh_import_type type, enum kh_lang lang, struct kh_strbuf *out);

/* Words <-> values; parse returns 0 or KH_EINVAL. */
int kh_import_type_parse(const char *s, enum kh_import_type *out);
const char *kh_import_type_name(enum kh_import_type t);
int kh_import_mode_parse(const char *s, enum kh_import_mode *out);
const char *kh_import_mode_name(enum kh_import_mode m);

#endif
