/*
 * sheet.c: the spreadsheet reader (see sheet.h). A CSV file is read by the
 * RFC 4180 reader straight from its FILE.
 */
#include "base/sheet.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/banned.h"
#include "base/csv.h"

struct kh_sheet {
	enum kh_sheet_format format;
	FILE *fp;
	uint64_t size;
	struct kh_csv csv;
	size_t nfields;
};

static enum kh_sheet_format sniff(FILE *fp)
{
	unsigned char magic[4] = {0};
	size_t n = fread(magic, 1, sizeof(magic), fp);

	rewind(fp);
	/* An xlsx file is a zip archive: "PK\3\4". */
	if (n == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4)
		return KH_SHEET_XLSX;
	return KH_SHEET_CSV;
}

int kh_sheet_open(const char *path, enum kh_sheet_format format, struct kh_sheet **out,
		  struct kh_error *err)
{
	struct kh_sheet *sheet;
	struct stat st;
	FILE *fp = fopen(path, "rb");

	if (!fp)
		return kh_error_set(err, KH_EIO, "file", "cannot open %s: %s", path, strerror(errno));
	if (format == KH_SHEET_AUTO)
		format = sniff(fp);
	if (format != KH_SHEET_CSV) {
		fclose(fp);
		return kh_error_set(err, KH_EINVAL, "file", "%s: this format cannot be read yet", path);
	}
	sheet = calloc(1, sizeof(*sheet));
	if (!sheet) {
		fclose(fp);
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	}
	sheet->format = format;
	sheet->fp = fp;
	if (fstat(fileno(fp), &st) == 0)
		sheet->size = (uint64_t)st.st_size;
	kh_csv_init_file(&sheet->csv, fp, NULL);
	*out = sheet;
	return 0;
}

int kh_sheet_next(struct kh_sheet *sheet, struct kh_error *err)
{
	int rc = kh_csv_next(&sheet->csv, &sheet->nfields, err);

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
	return i < sheet->nfields ? kh_csv_field(&sheet->csv, i, NULL) : "";
}

unsigned long kh_sheet_line(const struct kh_sheet *sheet)
{
	return kh_csv_line(&sheet->csv);
}

enum kh_sheet_format kh_sheet_format_of(const struct kh_sheet *sheet)
{
	return sheet->format;
}

const char *kh_sheet_encoding(const struct kh_sheet *sheet)
{
	(void)sheet;
	return "UTF-8";
}

uint64_t kh_sheet_bytes_read(const struct kh_sheet *sheet)
{
	long pos = ftell(sheet->fp);

	return pos > 0 ? (uint64_t)pos : 0;
}

uint64_t kh_sheet_bytes_total(const struct kh_sheet *sheet)
{
	return sheet->size;
}

void kh_sheet_free(struct kh_sheet *sheet)
{
	if (!sheet)
		return;
	kh_csv_release(&sheet->csv);
	fclose(sheet->fp);
	free(sheet);
}
