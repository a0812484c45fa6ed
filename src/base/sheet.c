/*
 * sheet.c: the spreadsheet reader (see sheet.h), a facade: a CSV file is
 * read by the RFC 4180 reader through the decoder that finds its encoding
 * (transcode.c), an xlsx file by the worksheet stream (xlsx_read.c).
 */
#include "base/sheet.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/banned.h"
#include "base/csv.h"
#include "base/transcode.h"
#include "base/xlsx_read.h"

struct kh_sheet {
	enum kh_sheet_format format;
	FILE *fp;
	uint64_t size;
	size_t nfields;
	/* CSV */
	struct kh_transcode dec;
	struct kh_csv csv;
	/* xlsx */
	struct kh_xlsx *xlsx;
};

static void fill_limits(struct kh_sheet_limits *lim, const struct kh_sheet_limits *given)
{
	static const struct kh_sheet_limits defaults = {
		.max_row_bytes = 64u * 1024,
		.max_fields = 256,
		.max_cell_bytes = 32u * 1024,
		.max_shared_strings = 16u * 1024 * 1024,
		.max_shared_bytes = 512u * 1024 * 1024,
		.max_part_bytes = 4ull * 1024 * 1024 * 1024,
	};

	*lim = given ? *given : defaults;
	if (!lim->max_row_bytes)
		lim->max_row_bytes = defaults.max_row_bytes;
	if (!lim->max_fields)
		lim->max_fields = defaults.max_fields;
	if (!lim->max_cell_bytes)
		lim->max_cell_bytes = defaults.max_cell_bytes;
	if (!lim->max_shared_strings)
		lim->max_shared_strings = defaults.max_shared_strings;
	if (!lim->max_shared_bytes)
		lim->max_shared_bytes = defaults.max_shared_bytes;
	if (!lim->max_part_bytes)
		lim->max_part_bytes = defaults.max_part_bytes;
}

/* The format from the first bytes: a zip is xlsx, anything else CSV. */
static enum kh_sheet_format sniff(const unsigned char *b, size_t n, struct kh_error *err)
{
	static const unsigned char ole[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

	if (n >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4)
		return KH_SHEET_XLSX;
	/* Excel 97-2003 .xls, and any workbook saved with a password */
	if (n >= 8 && memcmp(b, ole, 8) == 0) {
		kh_error_set(err, KH_EINVAL, "file",
			     "an .xls or password-protected workbook: save it as .xlsx "
			     "(without a password) or CSV");
		return KH_SHEET_AUTO;
	}
	return KH_SHEET_CSV;
}

/* The reader, its buffers left uncleared (the decoder's and CSV reader's
 * init set what they read; clearing ~200 KiB is most of opening a small
 * file). */
static struct kh_sheet *sheet_new(enum kh_sheet_format format, struct kh_error *err)
{
	struct kh_sheet *sheet = malloc(sizeof(*sheet));

	if (!sheet) {
		kh_error_set(err, KH_ENOMEM, "", "out of memory");
		return NULL;
	}
	sheet->format = format;
	sheet->fp = NULL;
	sheet->size = 0;
	sheet->nfields = 0;
	sheet->xlsx = NULL;
	return sheet;
}

static void start_csv(struct kh_sheet *sheet, const struct kh_sheet_limits *lim)
{
	struct kh_csv_limits csv_lim = {.max_record = lim->max_row_bytes,
					.max_fields = lim->max_fields};

	kh_csv_init_source(&sheet->csv, kh_transcode_read, &sheet->dec, &csv_lim);
	kh_csv_set_separator(&sheet->csv, 0);
}

int kh_sheet_open_limits(const char *path, enum kh_sheet_format format,
			 const struct kh_sheet_limits *given, struct kh_sheet **out,
			 struct kh_error *err)
{
	struct kh_sheet_limits lim;
	struct kh_sheet *sheet;
	unsigned char magic[8] = {0};
	struct stat st;
	size_t n;
	int rc;
	FILE *fp = fopen(path, "rb");

	if (!fp)
		return kh_error_set(err, KH_EIO, "file", "cannot open %s: %s", path, strerror(errno));
	fill_limits(&lim, given);
	n = fread(magic, 1, sizeof(magic), fp);
	rewind(fp);
	if (format == KH_SHEET_AUTO && (format = sniff(magic, n, err)) == KH_SHEET_AUTO) {
		fclose(fp);
		return KH_EINVAL;
	}
	if (!(sheet = sheet_new(format, err))) {
		fclose(fp);
		return KH_ENOMEM;
	}
	if (fstat(fileno(fp), &st) == 0)
		sheet->size = (uint64_t)st.st_size;
	if (format == KH_SHEET_XLSX) {
		fclose(fp);
		if ((rc = kh_xlsx_open_file(path, &lim, &sheet->xlsx, err))) {
			free(sheet);
			return rc;
		}
	} else {
		sheet->fp = fp;
		kh_transcode_init_file(&sheet->dec, fp);
		start_csv(sheet, &lim);
	}
	*out = sheet;
	return 0;
}

int kh_sheet_open(const char *path, enum kh_sheet_format format, struct kh_sheet **out,
		  struct kh_error *err)
{
	return kh_sheet_open_limits(path, format, NULL, out, err);
}

int kh_sheet_open_mem(const void *data, size_t len, enum kh_sheet_format format,
		      const struct kh_sheet_limits *given, struct kh_sheet **out,
		      struct kh_error *err)
{
	struct kh_sheet_limits lim;
	struct kh_sheet *sheet;
	int rc;

	fill_limits(&lim, given);
	if (format == KH_SHEET_AUTO && (format = sniff(data, len, err)) == KH_SHEET_AUTO)
		return KH_EINVAL;
	if (!(sheet = sheet_new(format, err)))
		return KH_ENOMEM;
	sheet->size = len;
	if (format == KH_SHEET_XLSX) {
		if ((rc = kh_xlsx_open_mem(data, len, &lim, &sheet->xlsx, err))) {
			free(sheet);
			return rc;
		}
	} else {
		kh_transcode_init_mem(&sheet->dec, data, len);
		start_csv(sheet, &lim);
	}
	*out = sheet;
	return 0;
}

int kh_sheet_next(struct kh_sheet *sheet, struct kh_error *err)
{
	int rc;

	if (sheet->xlsx) {
		rc = kh_xlsx_next(sheet->xlsx, err);
		sheet->nfields = rc > 0 ? kh_xlsx_nfields(sheet->xlsx) : 0;
		return rc;
	}
	rc = kh_csv_next(&sheet->csv, &sheet->nfields, err);
	if (rc < 0)
		return rc;
	return sheet->nfields > 0;
}

size_t kh_sheet_nfields(const struct kh_sheet *sheet)
{
	return sheet->nfields;
}

const char *kh_sheet_field(const struct kh_sheet *sheet, size_t i)
{
	if (i >= sheet->nfields)
		return "";
	return sheet->xlsx ? kh_xlsx_field(sheet->xlsx, i) : kh_csv_field(&sheet->csv, i, NULL);
}

unsigned long kh_sheet_line(const struct kh_sheet *sheet)
{
	return sheet->xlsx ? kh_xlsx_row(sheet->xlsx) : kh_csv_line(&sheet->csv);
}

enum kh_sheet_format kh_sheet_format_of(const struct kh_sheet *sheet)
{
	return sheet->format;
}

const char *kh_sheet_encoding(const struct kh_sheet *sheet)
{
	return sheet->xlsx ? "UTF-8" : kh_transcode_encoding(&sheet->dec);
}

uint64_t kh_sheet_bytes_read(const struct kh_sheet *sheet)
{
	if (sheet->xlsx)
		return (uint64_t)(kh_xlsx_progress(sheet->xlsx) * (double)sheet->size);
	return kh_transcode_consumed(&sheet->dec);
}

uint64_t kh_sheet_bytes_total(const struct kh_sheet *sheet)
{
	return sheet->size;
}

void kh_sheet_free(struct kh_sheet *sheet)
{
	if (!sheet)
		return;
	if (sheet->xlsx) {
		kh_xlsx_free(sheet->xlsx);
	} else {
		kh_csv_release(&sheet->csv);
		kh_transcode_release(&sheet->dec);
	}
	if (sheet->fp)
		fclose(sheet->fp);
	free(sheet);
}
