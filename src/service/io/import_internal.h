/*
 * import_internal.h (service/io/import*.c only): what the import's files
 * share: each type's columns and labels, the header map, the natural keys
 * and the reasons' translation.
 */
#ifndef KH_IMPORT_INTERNAL_H
#define KH_IMPORT_INTERNAL_H

#include <jansson.h>
#include <stddef.h>

#include "base/strbuf.h"
#include "service/entity.h"
#include "service/io/import.h"

/* A column an import reads: a field of the registry (by its API name) or
 * one of the import's own (id, order_no, product, quantity, unit_price),
 * with the other headers users' sheets give it ("a|b|c"; compared folded:
 * case, width, spaces and punctuation aside). Its labels are the export's
 * (service/field_labels.h). */
struct import_column {
	const char *name, *aliases;
};

struct import_desc {
	enum kh_import_type type;
	const char *name;              /* "customers" */
	const char *zh;                /* "客户" */
	const struct kh_entity *entity;
	const struct import_column *columns;
	size_t ncolumns;
};

const struct import_desc *kh_import_desc(enum kh_import_type t);
/* The label of column name in lang (the name itself when it has none). */
const char *kh_import_label(const struct import_desc *d, const char *name, enum kh_lang lang);

/* Which column of the sheet holds which field: field[i] for column i, or
 * NULL for a column nothing reads. */
struct import_map {
	size_t ncols;
	const char **field;
	char **header; /* the headers as the file gives them */
};

/* Match the header row (cells[0..n)) with d's columns, --map (map, may be
 * NULL) first; columns, warnings: arrays to append the match and the
 * unknown headers to (in lang). KH_EINVAL for a bad map or two headers of
 * one field. */
int kh_import_map_build(const struct import_desc *d, const char *const *cells, size_t n,
			const char *map, enum kh_lang lang, struct import_map *m, json_t *columns,
			json_t *warnings, struct kh_error *err);
void kh_import_map_release(struct import_map *m);
/* The column of field, or -1. */
ptrdiff_t kh_import_map_column(const struct import_map *m, const char *field);

/* Append cells[0..n) as one CSV line (RFC 4180, CRLF) to out. */
void kh_import_csv_row(struct kh_strbuf *out, const char *const *cells, size_t n);

/* The natural keys (import_keys.c), one function per type: the live record
 * the row's values name, in *id (0: none), and the key that matched in *key
 * ("id", "credit_code", "name", "phone", "mobile", "code"), from input: the
 * row's values by field name, its references already ids. KH_ECONFLICT
 * (field: the key) when the key names more than one record. */
int kh_import_customer_key(struct kh_ctx *ctx, json_t *input, int64_t *id, const char **key,
			   struct kh_error *err);
int kh_import_contact_key(struct kh_ctx *ctx, json_t *input, int64_t *id, const char **key,
			  struct kh_error *err);
int kh_import_product_key(struct kh_ctx *ctx, json_t *input, int64_t *id, const char **key,
			  struct kh_error *err);
int kh_import_opportunity_key(struct kh_ctx *ctx, json_t *input, int64_t *id,
			      const char **key, struct kh_error *err);
/* A reference in a cell, text, to a record of table ("customers" by credit
 * code, name or id; "products" by code, name or id; "users" by login or
 * display name; "teams" by name; "contacts", "opportunities" by name within
 * customer_id, or id): *id, or KH_EINVAL naming field. */
int kh_import_resolve_ref(struct kh_ctx *ctx, const char *table, const char *field,
			  const char *text, int64_t customer_id, int64_t *id, struct kh_error *err);

/* message (an error's, in English) in lang into out (reset first): the
 * reasons of the registry, the parsers and the import have a Chinese form;
 * field names in them become the column's label. */
void kh_import_reason(const struct import_desc *d, const char *message, enum kh_lang lang,
		      struct kh_strbuf *out);

#endif
