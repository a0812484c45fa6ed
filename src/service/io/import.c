/*
 * import.c: the import's run (see import.h): read the header, match the
 * columns, then each row in turn through the service's own create and
 * edit, inside one transaction (partial: one per PARTIAL_TX_ROWS rows),
 * each row in a savepoint so that a refused one leaves nothing behind.
 * Search keys of new records wait in memory and go into the index sorted,
 * whenever a bounded amount waits (kh_store_search_stage). The rows of
 * an order (one row per line, grouped by adjacent equal order numbers) are
 * the only ones held, at most KH_ORDER_LINES_MAX of them.
 */
#include "service/io/import.h"
#include "service/io/import_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/sheet.h"
#include "service/customers/ownership.h"
#include "service/field_labels.h"
#include "service/permission.h"
#include "service/sales/order.h"
#include "store/io/imports.h"
#include "base/banned.h"

#define PARTIAL_TX_ROWS 50000
#define PROGRESS_EVERY 2000
/* The page cache of an import's connection: the random inserts into the
 * customers' indexes, phones and duplicate keys stay in memory much longer
 * than in the default 64 MiB. Fixed, so memory stays flat whatever the size
 * of the file. */
#define IMPORT_CACHE_MIB 256
/* The columns of a row the import reads and a reject line repeats. */
#define MAX_COLUMNS 256

struct order_group {
	char number[128];  /* "" when the rows give none */
	json_t *input;     /* the order, from its first row */
	json_t *lines;
	json_t *rows;      /* [[line, cells...]] for the reject file */
};

struct importer {
	struct kh_ctx *ctx;
	const struct kh_import_params *p;
	const struct import_desc *d;
	struct kh_sheet *sheet;
	struct import_map map;
	FILE *rejects;
	struct kh_strbuf text, reason;
	struct kh_import_result *out;
	int64_t rows_in_tx;
	struct order_group g;
};

static int oom(struct kh_error *err)
{
	return kh_error_set(err, KH_ENOMEM, "", "out of memory");
}

/* ---- the reject file ---- */

static int rejects_open(struct importer *im, struct kh_error *err)
{
	const char *head_zh[] = {"行号", "列", "原因"}, *head_en[] = {"line", "column", "reason"};
	const char **head = im->p->lang == KH_LANG_EN ? head_en : head_zh;

	if (!im->p->rejects)
		return 0;
	if (!(im->rejects = fopen(im->p->rejects, "wb")))
		return kh_error_set(err, KH_EIO, "rejects", "cannot write %s", im->p->rejects);
	kh_strbuf_reset(&im->text);
	kh_strbuf_adds(&im->text, "\xEF\xBB\xBF");
	kh_import_csv_row(&im->text, head, 3);
	im->text.len -= 2; /* the headers of the sheet follow on the same line */
	for (size_t i = 0; i < im->map.ncols; i++) {
		kh_strbuf_addch(&im->text, ',');
		kh_import_csv_row(&im->text, (const char *const *)&im->map.header[i], 1);
		im->text.len -= 2;
	}
	kh_strbuf_adds(&im->text, "\r\n");
	return fwrite(im->text.buf, 1, im->text.len, im->rejects) == im->text.len
		       ? 0 : kh_error_set(err, KH_EIO, "rejects", "cannot write %s", im->p->rejects);
}

/* The header of the column that holds field, or "". */
static const char *column_of(struct importer *im, const char *field)
{
	ptrdiff_t c = field && *field ? kh_import_map_column(&im->map, field) : -1;

	return c >= 0 ? im->map.header[c] : "";
}

/* One line of the reject file: line, column, reason, the row's cells. */
static int reject_cells(struct importer *im, unsigned long line, const char *column,
			const char *message, const char *const *cells, size_t ncells)
{
	char num[24];
	const char *head[3];

	im->out->counts.rejected++;
	if (!im->rejects || im->out->counts.rejected > KH_IMPORT_REJECTS_MAX)
		return 0;
	snprintf(num, sizeof(num), "%lu", line);
	kh_import_reason(im->d, message, im->p->lang, &im->reason);
	head[0] = num;
	head[1] = column;
	head[2] = im->reason.buf ? im->reason.buf : "";
	kh_strbuf_reset(&im->text);
	kh_import_csv_row(&im->text, head, 3);
	if (ncells) {
		im->text.len -= 2;
		kh_strbuf_addch(&im->text, ',');
		kh_import_csv_row(&im->text, cells, ncells);
	}
	fwrite(im->text.buf, 1, im->text.len, im->rejects);
	return 0;
}

/* Reject the current row of the sheet for err. */
static int reject_row(struct importer *im, const struct kh_error *err)
{
	size_t n = kh_sheet_nfields(im->sheet);
	const char *cells[MAX_COLUMNS];

	if (n > MAX_COLUMNS)
		n = MAX_COLUMNS;
	for (size_t i = 0; i < n; i++)
		cells[i] = kh_sheet_field(im->sheet, i);
	return reject_cells(im, kh_sheet_line(im->sheet), column_of(im, err->field),
			    err->message[0] ? err->message : kh_error_name(err->code), cells, n);
}

/* ---- a row's values ---- */

/* The value an enum cell names: kehu's own, or its label in 中文 or
 * English (spaces around it aside); v itself when it names none, for the
 * service to refuse with the list of values. */
static const char *enum_value(struct importer *im, const char *field, const char *v)
{
	const struct kh_field *f = kh_entity_field(im->d->entity, field);
	char text[128];
	size_t start = strspn(v, " \t"), len = strlen(v + start);
	const char *value;

	if (!f || f->type != KH_F_ENUM)
		return v;
	while (len && (v[start + len - 1] == ' ' || v[start + len - 1] == '\t'))
		len--;
	if (len >= sizeof(text))
		return v;
	memcpy(text, v + start, len);
	text[len] = '\0';
	value = kh_enum_value_of(im->d->entity->name, field, text);
	return value ? value : v;
}

/* The row's non-empty cells of the mapped columns: {field: "text"}. */
static json_t *row_input(struct importer *im)
{
	json_t *in = json_object();

	for (size_t i = 0; in && i < im->map.ncols; i++) {
		const char *v = kh_sheet_field(im->sheet, i), *field = im->map.field[i];

		if (field && v[strspn(v, " \t\r\n")])
			json_object_set_new(in, field, json_string(enum_value(im, field, v)));
	}
	return in;
}

/* Replace the text of a reference field by the id it names. */
static int resolve(struct importer *im, json_t *in, const char *field, const char *table,
		   struct kh_error *err)
{
	const char *text = json_string_value(json_object_get(in, field));
	int64_t id, customer = json_integer_value(json_object_get(in, "customer"));
	int rc;

	if (!text)
		return 0;
	if ((rc = kh_import_resolve_ref(im->ctx, table, field, text, customer, &id, err)))
		return rc;
	return json_object_set_new(in, field, json_integer(id)) ? oom(err) : 0;
}

/* Every reference of the row's type: the customer first (the others are
 * looked up within it). */
static int resolve_refs(struct importer *im, json_t *in, struct kh_error *err)
{
	const struct kh_entity *e = im->d->entity;
	int rc;

	if (kh_entity_field(e, "customer") && (rc = resolve(im, in, "customer", "customers", err)))
		return rc;
	for (size_t i = 0; i < e->nfields; i++) {
		const struct kh_field *f = &e->fields[i];

		if (f->type != KH_F_REF || strcmp(f->name, "customer") == 0 ||
		    !json_is_string(json_object_get(in, f->name)))
			continue;
		if ((rc = resolve(im, in, f->name, f->ref, err)))
			return rc;
	}
	/* A customer's owner is kept by the ownership rules, not a field. */
	if (im->d->type == KH_IMPORT_CUSTOMERS && (rc = resolve(im, in, "owner", "users", err)))
		return rc;
	return 0;
}

/* ---- customers' owner ---- */

static int assign_owner(struct importer *im, int64_t customer, int64_t owner,
			struct kh_error *err)
{
	json_t *row = NULL;
	bool in = false;
	int rc;

	if ((rc = kh_perm_user_in_reach(im->ctx, owner, &in, err)))
		return rc;
	if (!in && im->ctx->actor.role != KH_ROLE_SYSTEM && im->ctx->actor.role != KH_ROLE_ADMIN)
		return kh_error_set(err, KH_EPERM, "owner",
				    "owner: you may give customers only to users in your data scope");
	if ((rc = kh_store_get(im->ctx->store, "customers", customer, &row, err)))
		return rc;
	if (json_integer_value(json_object_get(row, "owner_id")) != owner)
		rc = kh_customer_transfer(im->ctx, customer, owner, "none", false, err);
	json_decref(row);
	return rc;
}

/* ---- one record ---- */

static int key_of(struct importer *im, json_t *in, int64_t *id, const char **key,
		  struct kh_error *err)
{
	*id = 0;
	*key = NULL;
	switch (im->d->type) {
	case KH_IMPORT_CUSTOMERS:
		return kh_import_customer_key(im->ctx, in, id, key, err);
	case KH_IMPORT_CONTACTS:
		return kh_import_contact_key(im->ctx, in, id, key, err);
	case KH_IMPORT_PRODUCTS:
		return kh_import_product_key(im->ctx, in, id, key, err);
	case KH_IMPORT_OPPORTUNITIES:
		return kh_import_opportunity_key(im->ctx, in, id, key, err);
	default:
		return 0; /* orders and activities: always new records */
	}
}

static bool has_key(enum kh_import_type t)
{
	return t != KH_IMPORT_ORDERS && t != KH_IMPORT_ACTIVITIES;
}

/* What the mode makes of a row whose key found id (0: none): 'c' create,
 * 'u' update, or a refusal in err. */
static int decide(struct importer *im, int64_t id, const char *key, char *what,
		  struct kh_error *err)
{
	enum kh_import_mode mode = im->p->mode;

	if (!has_key(im->d->type) && mode == KH_IMPORT_UPDATE)
		return kh_error_set(err, KH_EINVAL, "", "%s have no natural key: import them with "
				    "--mode create or upsert", im->d->name);
	if (id && mode == KH_IMPORT_CREATE)
		return kh_error_set(err, KH_ECONFLICT, key, "a %s with this %s already exists "
				    "(id %lld)", im->d->entity->name, key, (long long)id);
	if (!id && mode == KH_IMPORT_UPDATE)
		return kh_error_set(err, KH_ENOTFOUND, key ? key : "", "no %s has this %s",
				    im->d->entity->name, key ? key : "key");
	*what = id ? 'u' : 'c';
	return 0;
}

/* The stored record as the API shows it, to tell an update that changed
 * nothing (skipped) from one that did. */
static json_t *snapshot(struct importer *im, int64_t id)
{
	json_t *row = NULL;

	kh_entity_get(im->ctx, im->d->entity, id, &row, NULL);
	return row;
}

/* Create or update one record from in (its references ids). */
static int write_record(struct importer *im, json_t *in, struct kh_error *err)
{
	const struct kh_entity *e = im->d->entity;
	int64_t id = 0, owner = json_integer_value(json_object_get(in, "owner"));
	json_t *before = NULL, *after = NULL;
	const char *key;
	char what = 0;
	int rc;

	if ((rc = key_of(im, in, &id, &key, err)) || (rc = decide(im, id, key, &what, err)))
		return rc;
	json_object_del(in, "id");
	if (im->d->type == KH_IMPORT_CUSTOMERS)
		json_object_del(in, "owner");
	if (what == 'u') {
		/* Fixed fields are the key's: the row names the same customer. */
		json_object_del(in, "customer");
		before = snapshot(im, id);
		rc = kh_entity_update(im->ctx, e, id, in, err);
	} else if (im->d->type == KH_IMPORT_ORDERS) {
		rc = kh_order_create(im->ctx, in, &id, err);
	} else {
		rc = kh_entity_create(im->ctx, e, in, &id, err);
	}
	if (rc == 0 && owner && im->d->type == KH_IMPORT_CUSTOMERS)
		rc = assign_owner(im, id, owner, err);
	if (rc == 0 && what == 'u') {
		after = snapshot(im, id);
		if (before && after && json_equal(before, after))
			im->out->counts.skipped++;
		else
			im->out->counts.updated++;
	} else if (rc == 0) {
		im->out->counts.created++;
	}
	json_decref(before);
	json_decref(after);
	return rc;
}

/* A record in its savepoint: a refusal undoes what it wrote. */
static int write_saved(struct importer *im, json_t *in, struct kh_error *err)
{
	int rc = kh_store_savepoint(im->ctx->store, err);

	if (rc)
		return rc;
	rc = write_record(im, in, err);
	kh_store_savepoint_end(im->ctx->store, rc != 0, NULL);
	return rc;
}

/* A database failure (not a refusal of the row) ends the import. */
static bool fatal(int rc)
{
	return rc == KH_EDB || rc == KH_ENOMEM || rc == KH_EIO;
}

static int import_record_row(struct importer *im, struct kh_error *fail)
{
	struct kh_error err = {0};
	json_t *in = row_input(im);
	int rc;

	if (!in)
		return oom(fail);
	rc = resolve_refs(im, in, &err);
	if (rc == 0)
		rc = write_saved(im, in, &err);
	json_decref(in);
	if (rc && fatal(rc)) {
		*fail = err;
		return rc;
	}
	return rc ? reject_row(im, &err) : 0;
}

/* ---- orders: adjacent rows with one order number are one order ---- */

static void group_clear(struct order_group *g)
{
	json_decref(g->input);
	json_decref(g->lines);
	json_decref(g->rows);
	memset(g, 0, sizeof(*g));
}

static bool group_open(const struct order_group *g)
{
	return g->input != NULL;
}

/* The row's cells with its line first, kept for the reject file. */
static json_t *row_copy(struct importer *im)
{
	json_t *row = json_array();

	json_array_append_new(row, json_integer((json_int_t)kh_sheet_line(im->sheet)));
	for (size_t i = 0; i < kh_sheet_nfields(im->sheet); i++)
		json_array_append_new(row, json_string(kh_sheet_field(im->sheet, i)));
	return row;
}

/* Reject every row of the group for err; a line's own error names its row. */
static int group_reject(struct importer *im, const struct kh_error *err)
{
	const char *field = err->field, *cells[MAX_COLUMNS];
	size_t at = (size_t)-1, idx;
	json_t *row;

	/* "lines[2].quantity": the third row, column quantity. */
	if (strncmp(field, "lines[", 6) == 0) {
		at = strtoul(field + 6, NULL, 10);
		field = strchr(field, '.') ? strchr(field, '.') + 1 : "product";
	}
	json_array_foreach(im->g.rows, idx, row) {
		size_t n = json_array_size(row) - 1;
		char msg[256];

		if (n > MAX_COLUMNS)
			n = MAX_COLUMNS;
		for (size_t i = 0; i < n; i++)
			cells[i] = json_string_value(json_array_get(row, i + 1));
		if (at != (size_t)-1 && at != idx)
			snprintf(msg, sizeof(msg), "a row of the order on line %lld was rejected",
				 (long long)json_integer_value(json_array_get(
					 json_array_get(im->g.rows, at), 0)));
		else
			snprintf(msg, sizeof(msg), "%s", err->message);
		reject_cells(im, (unsigned long)json_integer_value(json_array_get(row, 0)),
			     at == (size_t)-1 || at == idx ? column_of(im, field) : "", msg, cells, n);
	}
	return 0;
}

static int group_flush(struct importer *im, struct kh_error *fail)
{
	struct kh_error err = {0};
	int rc;

	if (!group_open(&im->g))
		return 0;
	if (json_array_size(im->g.lines))
		json_object_set(im->g.input, "lines", im->g.lines);
	rc = resolve_refs(im, im->g.input, &err);
	if (rc == 0)
		rc = write_saved(im, im->g.input, &err);
	if (rc && fatal(rc)) {
		*fail = err;
	} else if (rc) {
		group_reject(im, &err);
		rc = 0;
	}
	group_clear(&im->g);
	return rc;
}

/* The line of the current row: {product, quantity, unit_price}, or NULL
 * when it gives none of them. */
static int row_line(struct importer *im, json_t *in, json_t **line, struct kh_error *err)
{
	const char *product = json_string_value(json_object_get(in, "product"));
	int64_t id;
	int rc;

	*line = NULL;
	if (!product) {
		if (json_object_get(in, "quantity") || json_object_get(in, "unit_price"))
			return kh_error_set(err, KH_EINVAL, "product", "%s: give a product or leave "
					    "quantity and unit price empty", "product");
		return 0;
	}
	if ((rc = kh_import_resolve_ref(im->ctx, "products", "product", product, 0, &id, err)))
		return rc;
	*line = json_pack("{s:I, s:O?, s:O?}", "product", (json_int_t)id, "quantity",
			  json_object_get(in, "quantity"), "unit_price",
			  json_object_get(in, "unit_price"));
	if (*line && !json_object_get(*line, "quantity"))
		json_object_set_new(*line, "quantity", json_integer(1));
	return *line ? 0 : oom(err);
}

static int import_order_row(struct importer *im, struct kh_error *fail)
{
	struct kh_error err = {0};
	json_t *in = row_input(im), *line = NULL;
	const char *number;
	int rc = 0;

	if (!in)
		return oom(fail);
	number = json_string_value(json_object_get(in, "order_no"));
	if (!number || !group_open(&im->g) || strcmp(number, im->g.number) != 0)
		rc = group_flush(im, fail);
	if (rc == 0 && !group_open(&im->g)) {
		snprintf(im->g.number, sizeof(im->g.number), "%s", number ? number : "");
		im->g.lines = json_array();
		im->g.rows = json_array();
		im->g.input = json_deep_copy(in);
		json_object_del(im->g.input, "order_no");
		json_object_del(im->g.input, "product");
		json_object_del(im->g.input, "quantity");
		json_object_del(im->g.input, "unit_price");
	}
	if (rc == 0)
		json_array_append_new(im->g.rows, row_copy(im));
	if (rc == 0 && json_array_size(im->g.lines) >= KH_ORDER_LINES_MAX) {
		kh_error_set(&err, KH_ELIMIT, "product", "an order has at most %d lines",
			     KH_ORDER_LINES_MAX);
		group_reject(im, &err);
		group_clear(&im->g);
	} else if (rc == 0 && row_line(im, in, &line, &err) == 0) {
		if (line)
			json_array_append_new(im->g.lines, line);
	} else if (rc == 0) {
		/* A bad line fails its order: the order is all its lines or none. */
		const char *col = strcmp(err.field, "quantity") == 0 ? "quantity"
				  : strcmp(err.field, "unit_price") == 0 ? "unit_price" : "product";

		snprintf(err.field, sizeof(err.field), "lines[%zu].%s",
			 json_array_size(im->g.rows) - 1, col);
		group_reject(im, &err);
		group_clear(&im->g);
	}
	json_decref(in);
	return rc;
}

/* ---- transactions and the run ---- */

static void progress(struct importer *im)
{
	im->out->counts.bytes_read = kh_sheet_bytes_read(im->sheet);
	if (im->p->progress)
		im->p->progress(im->p->progress_arg, &im->out->counts);
}

json_t *kh_import_counts_json(const struct kh_import_counts *c)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I}", "rows", (json_int_t)c->rows, "created",
			 (json_int_t)c->created, "updated", (json_int_t)c->updated, "skipped",
			 (json_int_t)c->skipped, "rejected", (json_int_t)c->rejected, "bytes_read",
			 (json_int_t)c->bytes_read);
}

/* Write what waits and commit; the job is done in the same transaction. */
static int commit(struct importer *im, bool last, struct kh_error *err)
{
	struct kh_store *st = im->ctx->store;
	int rc = kh_store_search_stage_flush(st, err);

	if (rc == 0 && last && im->p->job_id > 0) {
		json_t *c = kh_import_counts_json(&im->out->counts);

		rc = kh_store_import_job_state(st, im->p->job_id, "done", c, NULL, err);
		json_decref(c);
	}
	if (rc == 0)
		rc = kh_store_commit(st, err);
	if (rc == 0 && !last && (rc = kh_store_begin(st, err)) == 0)
		im->rows_in_tx = 0;
	return rc;
}

static int next_row(struct importer *im, struct kh_error *err)
{
	int rc;

	if ((rc = kh_sheet_next(im->sheet, err)) <= 0)
		return rc;
	if (++im->out->counts.rows > KH_IMPORT_ROWS_MAX)
		return kh_error_set(err, KH_ELIMIT, "file", "a file imports at most %d rows",
				    KH_IMPORT_ROWS_MAX);
	return 1;
}

static int read_header(struct importer *im, struct kh_error *err)
{
	const char *cells[MAX_COLUMNS];
	size_t n;
	int rc = kh_sheet_next(im->sheet, err);

	if (rc == 0)
		return kh_error_set(err, KH_EINVAL, "file", "the file is empty: the first row must "
				    "name the columns");
	if (rc < 0)
		return rc;
	n = kh_sheet_nfields(im->sheet);
	if (n > MAX_COLUMNS)
		n = MAX_COLUMNS;
	for (size_t i = 0; i < n; i++)
		cells[i] = kh_sheet_field(im->sheet, i);
	return kh_import_map_build(im->d, cells, n, im->p->map, im->p->lang, &im->map,
				   im->out->columns, im->out->warnings, err);
}

/* Every row, in the open transaction. */
static int rows_loop(struct importer *im, struct kh_error *err)
{
	bool orders = im->d->type == KH_IMPORT_ORDERS;
	int rc;

	while ((rc = next_row(im, err)) == 1) {
		rc = orders ? import_order_row(im, err) : import_record_row(im, err);
		if (rc)
			return rc;
		if (im->out->counts.rows % PROGRESS_EVERY == 0)
			progress(im);
		/* between rows: a flush inside a row's savepoint would be undone
		 * with the row */
		if (kh_store_search_stage_full(im->ctx->store) &&
		    (rc = kh_store_search_stage_flush(im->ctx->store, err)))
			return rc;
		/* Commit in large steps, between orders (a group may be open). */
		if (im->p->partial && !im->p->dry_run && ++im->rows_in_tx >= PARTIAL_TX_ROWS &&
		    !group_open(&im->g) && (rc = commit(im, false, err)))
			return rc;
	}
	if (rc == 0 && orders)
		rc = group_flush(im, err);
	return rc;
}

static int run(struct importer *im, const char *path, struct kh_error *err)
{
	struct kh_store *st = im->ctx->store;
	int rc;

	if ((rc = kh_sheet_open(path, KH_SHEET_AUTO, &im->sheet, err)))
		return rc;
	im->out->counts.bytes_total = kh_sheet_bytes_total(im->sheet);
	if ((rc = read_header(im, err)) || (rc = rejects_open(im, err)))
		return rc;
	if ((rc = kh_store_search_stage(st, err)) || (rc = kh_store_begin(st, err)))
		return rc;
	rc = rows_loop(im, err);
	progress(im);
	if (rc == 0 && !im->p->dry_run && (im->p->partial || im->out->counts.rejected == 0)) {
		rc = commit(im, true, err);
		im->out->committed = rc == 0;
	}
	if (!im->out->committed)
		kh_store_rollback(st);
	kh_store_search_stage_end(st, false, NULL);
	return rc;
}

int kh_import_run(struct kh_ctx *ctx, const char *path, const struct kh_import_params *p,
		  struct kh_import_result *out, struct kh_error *err)
{
	struct importer im = {.ctx = ctx, .p = p, .out = out};
	int rc;

	memset(out, 0, sizeof(*out));
	out->columns = json_array();
	out->warnings = json_array();
	if (!(im.d = kh_import_desc(p->type)))
		return kh_error_set(err, KH_EINVAL, "type", "unknown import type");
	if (!out->columns || !out->warnings)
		return oom(err);
	kh_store_set_cache_mib(ctx->store, IMPORT_CACHE_MIB);
	kh_strbuf_init(&im.text, 0);
	kh_strbuf_init(&im.reason, 0);
	rc = run(&im, path, err);
	if (rc)
		out->committed = false;
	group_clear(&im.g);
	if (im.rejects && fclose(im.rejects) != 0 && rc == 0)
		rc = kh_error_set(err, KH_EIO, "rejects", "cannot write %s", p->rejects);
	kh_sheet_free(im.sheet);
	kh_import_map_release(&im.map);
	kh_strbuf_release(&im.text);
	kh_strbuf_release(&im.reason);
	return rc;
}

void kh_import_result_release(struct kh_import_result *r)
{
	json_decref(r->columns);
	json_decref(r->warnings);
	r->columns = r->warnings = NULL;
}

int kh_import_preview(struct kh_ctx *ctx, const char *path, enum kh_import_type type,
		      const char *map, enum kh_lang lang, int rows, json_t **out,
		      struct kh_error *err)
{
	struct kh_import_params p = {.type = type, .map = map, .lang = lang};
	struct kh_import_result res = {0};
	struct importer im = {.ctx = ctx, .p = &p, .out = &res, .d = kh_import_desc(type)};
	json_t *list = json_array();
	int rc;

	(void)ctx;
	res.columns = json_array();
	res.warnings = json_array();
	if (!im.d)
		rc = kh_error_set(err, KH_EINVAL, "type", "unknown import type");
	else if ((rc = kh_sheet_open(path, KH_SHEET_AUTO, &im.sheet, err)) == 0)
		rc = read_header(&im, err);
	while (rc == 0 && (int)json_array_size(list) < rows &&
	       (rc = kh_sheet_next(im.sheet, err)) == 1) {
		json_t *row = json_array();

		for (size_t i = 0; i < kh_sheet_nfields(im.sheet); i++)
			json_array_append_new(row, json_string(kh_sheet_field(im.sheet, i)));
		json_array_append_new(list, row);
		rc = 0;
	}
	if (rc >= 0 && im.sheet) {
		rc = 0;
		*out = json_pack("{s:O, s:O, s:O, s:s, s:s}", "columns", res.columns, "warnings",
				 res.warnings, "rows", list, "encoding",
				 kh_sheet_encoding(im.sheet), "format",
				 kh_sheet_format_of(im.sheet) == KH_SHEET_XLSX ? "xlsx" : "csv");
	}
	json_decref(list);
	kh_sheet_free(im.sheet);
	kh_import_map_release(&im.map);
	kh_import_result_release(&res);
	return rc;
}

static const char *const type_names[] = {"customers", "contacts", "products", "orders",
					 "activities", "opportunities"};
static const char *const mode_names[] = {"create", "update", "upsert"};

int kh_import_type_parse(const char *s, enum kh_import_type *out)
{
	for (size_t i = 0; s && i < sizeof(type_names) / sizeof(type_names[0]); i++)
		if (strcmp(s, type_names[i]) == 0) {
			*out = (enum kh_import_type)i;
			return 0;
		}
	return KH_EINVAL;
}

const char *kh_import_type_name(enum kh_import_type t)
{
	return type_names[t];
}

int kh_import_mode_parse(const char *s, enum kh_import_mode *out)
{
	for (size_t i = 0; s && i < 3; i++)
		if (strcmp(s, mode_names[i]) == 0) {
			*out = (enum kh_import_mode)i;
			return 0;
		}
	return KH_EINVAL;
}

const char *kh_import_mode_name(enum kh_import_mode m)
{
	return mode_names[m];
}

