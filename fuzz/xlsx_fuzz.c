/*
 * xlsx_fuzz.c: libFuzzer target for the xlsx reader (base/xlsx_read.h via
 * sheet.h). An input starting "PK" is opened as it is (the zip path: libzip
 * on arbitrary archives, then our parts); any other input is split at its
 * first two NUL bytes into a worksheet, a shared string table and a
 * styles part, stored in an in-memory zip with a fixed workbook, so the
 * fuzzer works on the XML our handlers read rather than on zip framing.
 * Small limits make the limit paths reachable. Properties beyond "no
 * crash": rows stay within the limits, errors name a row (or, at open,
 * the file).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "base/sheet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char root_rels[] =
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	"relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
static const char book_rels[] =
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	"relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
static const char book[] =
	"<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
	"<sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";

static int add(zip_t *z, const char *name, const void *p, size_t len)
{
	zip_source_t *src = zip_source_buffer(z, p, len, 0);
	zip_int64_t i;

	if (!src)
		return -1;
	if ((i = zip_file_add(z, name, src, 0)) < 0) {
		zip_source_free(src);
		return -1;
	}
	return zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_STORE, 0);
}

/* An in-memory zip of the parts in data (heap, *len bytes), or NULL. */
static void *build_zip(const uint8_t *data, size_t size, size_t *len)
{
	const uint8_t *part[3] = {data, NULL, NULL}, *end = data + size;
	size_t plen[3] = {size, 0, 0};
	zip_source_t *src;
	zip_t *z;
	zip_stat_t st;
	void *out = NULL;

	for (int i = 1; i < 3; i++) {
		const uint8_t *nul = memchr(part[i - 1], 0, plen[i - 1]);

		if (!nul)
			break;
		plen[i - 1] = (size_t)(nul - part[i - 1]);
		part[i] = nul + 1;
		plen[i] = (size_t)(end - part[i]);
	}
	if (!(src = zip_source_buffer_create(NULL, 0, 0, NULL)))
		return NULL;
	zip_source_keep(src);
	if (!(z = zip_open_from_source(src, ZIP_TRUNCATE, NULL)))
		goto out;
	if (add(z, "_rels/.rels", root_rels, strlen(root_rels)) ||
	    add(z, "xl/workbook.xml", book, strlen(book)) ||
	    add(z, "xl/_rels/workbook.xml.rels", book_rels, strlen(book_rels)) ||
	    add(z, "xl/worksheets/sheet1.xml", part[0], plen[0]) ||
	    (part[1] && add(z, "xl/sharedStrings.xml", part[1], plen[1])) ||
	    (part[2] && add(z, "xl/styles.xml", part[2], plen[2])) || zip_close(z)) {
		zip_discard(z);
		goto out;
	}
	if (zip_source_stat(src, &st) == 0 && zip_source_open(src) == 0) {
		out = malloc(st.size ? st.size : 1);
		if (out && zip_source_read(src, out, st.size) != (zip_int64_t)st.size) {
			free(out);
			out = NULL;
		}
		*len = st.size;
		zip_source_close(src);
	}
out:
	zip_source_free(src);
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kh_sheet_limits lim = {.max_row_bytes = 2048, .max_fields = 32,
				      .max_cell_bytes = 512, .max_shared_strings = 64,
				      .max_shared_bytes = 4096, .max_part_bytes = 1 << 20};
	struct kh_sheet *sh = NULL;
	struct kh_error err = {0};
	void *zip = NULL;
	size_t len = size;
	int rc;

	if (!(size >= 2 && data[0] == 'P' && data[1] == 'K') && !(zip = build_zip(data, size, &len)))
		return 0;
	rc = kh_sheet_open_mem(zip ? zip : data, len, KH_SHEET_XLSX, &lim, &sh, &err);
	if (rc) {
		if (!err.code || strcmp(err.field, "file") != 0)
			abort();
		free(zip);
		return 0;
	}
	while ((rc = kh_sheet_next(sh, &err)) > 0) {
		size_t n = kh_sheet_nfields(sh), total = 0;

		if (n == 0 || n > lim.max_fields)
			abort();
		for (size_t i = 0; i < n; i++)
			total += strlen(kh_sheet_field(sh, i));
		if (total > lim.max_row_bytes)
			abort();
	}
	if (rc < 0 && strncmp(err.message, "row ", 4) != 0)
		abort();
	kh_sheet_free(sh);
	free(zip);
	return 0;
}
