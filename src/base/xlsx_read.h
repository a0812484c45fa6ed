/*
 * xlsx_read.h: the first worksheet of an xlsx workbook, one row at a time,
 * streamed from the zip (libzip) through expat; what sheet.c reads xlsx
 * with. The workbook's relationships name the sheet, styles.xml says which
 * cells are dates, and the shared string table is held in memory (the one
 * part that is: within the limits of struct kh_sheet_limits). See sheet.h
 * for how cells read.
 */
#ifndef KH_XLSX_READ_H
#define KH_XLSX_READ_H

#include <stddef.h>

#include "base/error.h"
#include "base/sheet_limits.h"

struct kh_xlsx;

/* Open the workbook at path, or in data[0..len) (not copied: it must outlive
 * the reader), and read its parts up to the first row. 0 and *out, or
 * KH_EINVAL (not a zip, damaged, no worksheet, malformed XML), KH_ELIMIT,
 * KH_EIO, KH_ENOMEM, with err->field "file". lim must not be NULL. */
int kh_xlsx_open_file(const char *path, const struct kh_sheet_limits *lim,
		      struct kh_xlsx **out, struct kh_error *err);
int kh_xlsx_open_mem(const void *data, size_t len, const struct kh_sheet_limits *lim,
		     struct kh_xlsx **out, struct kh_error *err);

/* The next row with a value: 1, 0 at the end, or a negative code with
 * err->message starting "row N". */
int kh_xlsx_next(struct kh_xlsx *x, struct kh_error *err);

size_t kh_xlsx_nfields(const struct kh_xlsx *x);
const char *kh_xlsx_field(const struct kh_xlsx *x, size_t i);
unsigned long kh_xlsx_row(const struct kh_xlsx *x);

/* How much of the worksheet was read, from 0 to 1. */
double kh_xlsx_progress(const struct kh_xlsx *x);

void kh_xlsx_free(struct kh_xlsx *x);

#endif
