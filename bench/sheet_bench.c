/*
 * sheet_bench.c: how fast the spreadsheet reader (base/sheet.h) reads, and in
 * how much memory. Run by bench/sheet.sh, or by hand:
 *
 *   sheet_bench make-csv N FILE    write N customer rows as CSV (UTF-8)
 *   sheet_bench make-xlsx N FILE   the same rows as xlsx, laid out as Excel
 *                                  saves them: text in the shared string
 *                                  table, numbers and a date as numbers
 *   sheet_bench read FILE...       read each file, print rows, seconds,
 *                                  rows/s and the peak RSS so far
 *   sheet_bench dump FILE          print each row, fields joined by '|'
 *
 * The xlsx is written through libzip from temporary files (libxlsxwriter
 * would hold every cell of a million rows in memory first).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include "base/sheet.h"

static const char *const surnames[] = {"张", "王", "李", "赵", "陈", "刘", "杨", "黄"};
static const char *const cities[] = {"上海", "北京", "深圳", "杭州", "成都", "武汉"};

/* Row i's fields: name, mobile, contact, city, address, amount, orders, date. */
static void row_fields(long i, char f[8][96])
{
	snprintf(f[0], 96, "%s%s贸易有限公司%ld", cities[i % 6], surnames[i % 8], i);
	snprintf(f[1], 96, "1%010ld", 3800000000L + i);
	snprintf(f[2], 96, "%s%ld", surnames[(i / 8) % 8], i % 1000);
	snprintf(f[3], 96, "%s", cities[(i / 3) % 6]);
	snprintf(f[4], 96, "%s市第%ld路%ld号", cities[(i / 3) % 6], i % 997, i % 89);
	snprintf(f[5], 96, "%ld.%02ld", (i * 37) % 100000, i % 100);
	snprintf(f[6], 96, "%ld", i % 50);
	snprintf(f[7], 96, "%ld", 44927 + i % 700); /* a day in 2023-2024 */
}

static const char *const header[8] = {"客户名称", "手机", "联系人", "城市", "地址",
				       "成交额", "订单数", "首次成交"};

static int make_csv(long n, const char *path)
{
	FILE *fp = fopen(path, "w");
	char f[8][96];

	if (!fp)
		return 1;
	fprintf(fp, "%s,%s,%s,%s,%s,%s,%s,%s\n", header[0], header[1], header[2], header[3],
		header[4], header[5], header[6], header[7]);
	for (long i = 0; i < n; i++) {
		row_fields(i, f);
		/* the date as Excel's CSV has it: YYYY-MM-DD */
		fprintf(fp, "%s,%s,%s,%s,\"%s\",%s,%s,%04ld-%02ld-%02ld\n", f[0], f[1], f[2], f[3],
			f[4], f[5], f[6], 2023 + (i % 700) / 365, 1 + (i % 700) % 365 / 31,
			1 + (i % 700) % 365 % 28);
	}
	return fclose(fp) != 0;
}

static void cell_str(FILE *sheet, char col, long row, unsigned long sst_index)
{
	fprintf(sheet, "<c r=\"%c%ld\" t=\"s\"><v>%lu</v></c>", col, row, sst_index);
}

static void sst_entry(FILE *sst, const char *s)
{
	fprintf(sst, "<si><t>%s</t></si>", s);
}

static int add_file(zip_t *z, const char *name, const char *path)
{
	zip_source_t *src = zip_source_file(z, path, 0, -1);

	return !src || zip_file_add(z, name, src, ZIP_FL_OVERWRITE) < 0;
}

static int add_text(zip_t *z, const char *name, const char *text)
{
	zip_source_t *src = zip_source_buffer(z, text, strlen(text), 0);

	return !src || zip_file_add(z, name, src, ZIP_FL_OVERWRITE) < 0;
}

static int make_xlsx(long n, const char *path)
{
	char sheet_path[64] = "/tmp/kehu-bench-sheet-XXXXXX", sst_path[64] = "/tmp/kehu-bench-sst-XXXXXX";
	FILE *sheet = fdopen(mkstemp(sheet_path), "w"), *sst = fdopen(mkstemp(sst_path), "w");
	unsigned long next = 0;
	char f[8][96];
	zip_t *z;
	int err = 0, rc = 1;

	if (!sheet || !sst)
		return 1;
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet "
	      "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>",
	      sheet);
	fputs("<row r=\"1\">", sheet);
	for (int c = 0; c < 8; c++) {
		cell_str(sheet, (char)('A' + c), 1, next++);
		sst_entry(sst, header[c]);
	}
	fputs("</row>", sheet);
	for (long i = 0; i < n; i++) {
		long r = i + 2;

		row_fields(i, f);
		fprintf(sheet, "<row r=\"%ld\">", r);
		/* name, mobile (as text, as a user keeps phones), contact, city, address */
		for (int c = 0; c < 5; c++) {
			cell_str(sheet, (char)('A' + c), r, next++);
			sst_entry(sst, f[c]);
		}
		fprintf(sheet, "<c r=\"F%ld\"><v>%s</v></c><c r=\"G%ld\"><v>%s</v></c>"
			       "<c r=\"H%ld\" s=\"1\"><v>%s</v></c></row>",
			r, f[5], r, f[6], r, f[7]);
	}
	fputs("</sheetData></worksheet>", sheet);
	fclose(sheet);
	fclose(sst);
	z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	if (!z)
		goto out;
	/* the table's text is written after the count, which is known only now */
	{
		char sst_full[64] = "/tmp/kehu-bench-sstf-XXXXXX";
		FILE *o = fdopen(mkstemp(sst_full), "w"), *in = fopen(sst_path, "r");
		char buf[65536];
		size_t k;

		fprintf(o, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst "
			   "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
			   "count=\"%lu\" uniqueCount=\"%lu\">",
			next, next);
		while ((k = fread(buf, 1, sizeof(buf), in)) > 0)
			fwrite(buf, 1, k, o);
		fputs("</sst>", o);
		fclose(o);
		fclose(in);
		unlink(sst_path);
		memcpy(sst_path, sst_full, sizeof(sst_full));
	}
	rc = add_text(z, "[Content_Types].xml",
		      "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/"
		      "package/2006/content-types\"/>") ||
	     add_text(z, "_rels/.rels",
		      "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats."
		      "org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://"
		      "schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
		      "Target=\"xl/workbook.xml\"/></Relationships>") ||
	     add_text(z, "xl/workbook.xml",
		      "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/"
		      "spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/"
		      "officeDocument/2006/relationships\"><sheets><sheet name=\"客户\" sheetId=\"1\" "
		      "r:id=\"rId1\"/></sheets></workbook>") ||
	     add_text(z, "xl/_rels/workbook.xml.rels",
		      "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats."
		      "org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://"
		      "schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
		      "Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"http://"
		      "schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" "
		      "Target=\"sharedStrings.xml\"/><Relationship Id=\"rId3\" Type=\"http://"
		      "schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
		      "Target=\"styles.xml\"/></Relationships>") ||
	     add_text(z, "xl/styles.xml",
		      "<?xml version=\"1.0\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/"
		      "spreadsheetml/2006/main\"><cellXfs count=\"2\"><xf numFmtId=\"0\"/>"
		      "<xf numFmtId=\"14\"/></cellXfs></styleSheet>") ||
	     add_file(z, "xl/worksheets/sheet1.xml", sheet_path) ||
	     add_file(z, "xl/sharedStrings.xml", sst_path);
	if (zip_close(z) < 0) {
		fprintf(stderr, "zip: %s\n", zip_strerror(z));
		zip_discard(z);
		rc = 1;
	}
out:
	unlink(sheet_path);
	unlink(sst_path);
	return rc;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int read_file(const char *path, int dump)
{
	struct kh_sheet *sh = NULL;
	struct kh_error err = {0};
	struct rusage ru;
	uint64_t rows = 0, bytes = 0;
	double t0 = now(), secs, cpu, cpu0, t_open;
	int rc;

	getrusage(RUSAGE_SELF, &ru);
	cpu0 = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;

	if (kh_sheet_open(path, KH_SHEET_AUTO, &sh, &err)) {
		fprintf(stderr, "%s: %s\n", path, err.message);
		return 1;
	}
	t_open = now() - t0; /* xlsx: the shared string table is read here */
	while ((rc = kh_sheet_next(sh, &err)) > 0) {
		rows++;
		for (size_t i = 0; i < kh_sheet_nfields(sh); i++) {
			const char *f = kh_sheet_field(sh, i);

			bytes += strlen(f);
			if (dump)
				printf("%s%s", i ? "|" : "", f);
		}
		if (dump)
			putchar('\n');
	}
	secs = now() - t0;
	if (rc < 0) {
		fprintf(stderr, "%s: %s\n", path, err.message);
		kh_sheet_free(sh);
		return 1;
	}
	getrusage(RUSAGE_SELF, &ru);
	cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	      (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6 - cpu0;
	/* On a shared machine the wall clock waits for other processes: the CPU
	 * time is what the reader costs. */
	if (!dump)
		printf("%s: %s %s, %" PRIu64 " rows (%" PRIu64 " field bytes) in %.2f s wall, "
		       "%.2f s CPU (open %.2f s wall): %.0f rows/s wall, %.0f rows per CPU second; "
		       "peak RSS %ld MiB\n",
		       path, kh_sheet_format_of(sh) == KH_SHEET_XLSX ? "xlsx" : "csv",
		       kh_sheet_encoding(sh), rows, bytes, secs, cpu, t_open, (double)rows / secs,
		       (double)rows / cpu, ru.ru_maxrss / 1024);
	kh_sheet_free(sh);
	return 0;
}

int main(int argc, char **argv)
{
	int rc = 0;

	if (argc == 4 && strcmp(argv[1], "make-csv") == 0)
		return make_csv(strtol(argv[2], NULL, 10), argv[3]);
	if (argc == 4 && strcmp(argv[1], "make-xlsx") == 0)
		return make_xlsx(strtol(argv[2], NULL, 10), argv[3]);
	if (argc == 3 && strcmp(argv[1], "dump") == 0)
		return read_file(argv[2], 1);
	if (argc >= 3 && strcmp(argv[1], "read") == 0) {
		for (int i = 2; i < argc; i++)
			rc |= read_file(argv[i], 0);
		return rc;
	}
	fprintf(stderr, "usage: sheet_bench make-csv|make-xlsx N FILE | read FILE... | dump FILE\n");
	return 2;
}
