/*
 * export_xlsx.c: an export as an Excel workbook (export.h), written by
 * libxlsxwriter in constant-memory mode: each row goes to a temporary file
 * as it is written, so memory stays flat at a million rows. Typed cells:
 * ids and counts as numbers, money in yuan with two decimals, dates as
 * dates (yyyy-mm-dd), booleans as booleans, and everything else, phones
 * and codes included, as text, so Excel neither drops a phone's leading
 * zero nor turns a code into a number. Strings are never formulas in xlsx,
 * so no guard is needed there. A list longer than a sheet (1,048,575 rows
 * under the header) goes on in a second sheet with the same header.
 */
#include "service/io/export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "base/banned.h"

struct book {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *header, *date, *money, *text;
	lxw_row_t row;
	int sheets;
};

static int lxw_failed(lxw_error e, struct kh_error *err)
{
	return kh_error_set(err, KH_EIO, "out", "cannot write the workbook: %s", lxw_strerror(e));
}

/* A new sheet with the header row, frozen, and the columns' widths. */
static int add_sheet(struct kh_export *x, struct book *b, struct kh_error *err)
{
	char name[64];
	lxw_error e = LXW_NO_ERROR;

	b->sheets++;
	if (b->sheets == 1)
		snprintf(name, sizeof(name), "%s", kh_export_title(x));
	else
		snprintf(name, sizeof(name), "%s %d", kh_export_title(x), b->sheets);
	if (!(b->ws = workbook_add_worksheet(b->wb, name)))
		return kh_error_set(err, KH_EIO, "out", "cannot add a sheet to the workbook");
	for (size_t i = 0; i < kh_export_ncolumns(x); i++) {
		const struct kh_export_column *c = kh_export_column(x, i);
		lxw_format *f = c->kind == KH_EXPORT_TEXT ? b->text : NULL;

		worksheet_set_column(b->ws, (lxw_col_t)i, (lxw_col_t)i, c->width, f);
	}
	worksheet_freeze_panes(b->ws, 1, 0);
	for (size_t i = 0; e == LXW_NO_ERROR && i < kh_export_ncolumns(x); i++)
		e = worksheet_write_string(b->ws, 0, (lxw_col_t)i, kh_export_column(x, i)->label,
					   b->header);
	b->row = 1;
	return e == LXW_NO_ERROR ? 0 : lxw_failed(e, err);
}

static bool parse_date(const char *s, lxw_datetime *dt)
{
	int y, m, d;
	char end;

	if (!s || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3)
		return false;
	*dt = (lxw_datetime){.year = y, .month = m, .day = d};
	return y >= 1900 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static lxw_error write_cell(struct book *b, lxw_col_t col, const struct kh_export_column *c,
			    json_t *v)
{
	lxw_datetime dt;
	char *dump;
	lxw_error e;

	if (!v || json_is_null(v))
		return LXW_NO_ERROR;
	switch (c->kind) {
	case KH_EXPORT_MONEY:
		if (json_is_string(v))
			return worksheet_write_number(b->ws, b->row, col,
						      strtod(json_string_value(v), NULL), b->money);
		break;
	case KH_EXPORT_DATE:
		if (parse_date(json_string_value(v), &dt))
			return worksheet_write_datetime(b->ws, b->row, col, &dt, b->date);
		break;
	case KH_EXPORT_BOOL:
		if (json_is_boolean(v))
			return worksheet_write_boolean(b->ws, b->row, col, json_is_true(v), NULL);
		break;
	default:
		break;
	}
	if (json_is_integer(v))
		return worksheet_write_number(b->ws, b->row, col, (double)json_integer_value(v), NULL);
	if (json_is_real(v))
		return worksheet_write_number(b->ws, b->row, col, json_real_value(v), NULL);
	if (json_is_string(v))
		return json_string_length(v) ? worksheet_write_string(b->ws, b->row, col,
								     json_string_value(v), b->text)
					     : LXW_NO_ERROR;
	if (!(dump = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY)))
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	e = worksheet_write_string(b->ws, b->row, col, dump, b->text);
	free(dump);
	return e;
}

static int write_rows(struct kh_export *x, struct book *b, struct kh_error *err)
{
	json_t *item;
	lxw_error e;
	int rc;

	for (;;) {
		if ((rc = kh_export_next(x, &item, err)))
			return rc;
		if (!item)
			return 0;
		if (b->row == LXW_ROW_MAX && (rc = add_sheet(x, b, err)))
			return rc;
		for (size_t i = 0; i < kh_export_ncolumns(x); i++)
			if ((e = write_cell(b, (lxw_col_t)i, kh_export_column(x, i),
					    kh_export_cell(x, item, i))))
				return lxw_failed(e, err);
		b->row++;
	}
}

int kh_export_xlsx_file(struct kh_export *x, const char *path, struct kh_error *err)
{
	lxw_workbook_options opts = {.constant_memory = LXW_TRUE, .use_zip64 = LXW_TRUE};
	struct book b = {0};
	lxw_error e;
	int rc;

	if (!(b.wb = workbook_new_opt(path, &opts)))
		return kh_error_set(err, KH_EIO, "out", "cannot create the workbook %s", path);
	b.header = workbook_add_format(b.wb);
	format_set_bold(b.header);
	b.date = workbook_add_format(b.wb);
	format_set_num_format(b.date, "yyyy-mm-dd");
	b.money = workbook_add_format(b.wb);
	format_set_num_format(b.money, "#,##0.00");
	b.text = workbook_add_format(b.wb);
	format_set_num_format(b.text, "@");
	rc = add_sheet(x, &b, err);
	if (rc == 0)
		rc = write_rows(x, &b, err);
	e = workbook_close(b.wb);
	if (rc == 0 && e != LXW_NO_ERROR)
		rc = lxw_failed(e, err);
	return rc;
}
