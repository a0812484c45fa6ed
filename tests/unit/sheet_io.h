/* sheet_io.h: what the spreadsheet reader's tests share: files in a fresh
 * temporary folder, and a sheet read into one string (fields joined by '|',
 * rows ended by ';'). */
#ifndef KH_TEST_SHEET_IO_H
#define KH_TEST_SHEET_IO_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/sheet.h"
#include "base/strbuf.h"

static char sheet_dir[64];

static inline int sheet_dir_setup(void **state)
{
	snprintf(sheet_dir, sizeof(sheet_dir), "/tmp/kehu-sheet-XXXXXX");
	return mkdtemp(sheet_dir) ? 0 : -1;
}

static inline int sheet_dir_teardown(void **state)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", sheet_dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* The path of name in the folder (a static buffer per call site is enough). */
static inline const char *sheet_path(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/%s", sheet_dir, name);
	return buf;
}

static inline void sheet_write(const char *path, const void *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

/* Read the whole sheet at path into out; returns kh_sheet_next's last code
 * (0 at the end) or kh_sheet_open's. enc, if not NULL, gets the encoding. */
static inline int sheet_read(const char *path, const struct kh_sheet_limits *lim,
			     struct kh_strbuf *out, char *enc, size_t encsz,
			     struct kh_error *err)
{
	struct kh_sheet *sh = NULL;
	int rc = kh_sheet_open_limits(path, KH_SHEET_AUTO, lim, &sh, err);

	kh_strbuf_reset(out);
	if (rc)
		return rc;
	while ((rc = kh_sheet_next(sh, err)) > 0) {
		for (size_t i = 0; i < kh_sheet_nfields(sh); i++)
			kh_strbuf_addf(out, "%s%s", i ? "|" : "", kh_sheet_field(sh, i));
		kh_strbuf_addch(out, ';');
	}
	if (enc)
		snprintf(enc, encsz, "%s", kh_sheet_encoding(sh));
	kh_sheet_free(sh);
	return rc;
}

/* Read path and check it reads to want. */
static inline void sheet_expect(const char *path, const char *want)
{
	struct kh_strbuf out;
	struct kh_error err = {0};
	int rc;

	kh_strbuf_init(&out, 0);
	rc = sheet_read(path, NULL, &out, NULL, 0, &err);
	if (rc)
		fail_msg("%s: %d %s", path, rc, err.message);
	assert_string_equal(out.buf, want);
	kh_strbuf_release(&out);
}

/* Read path and check it fails with code and a message holding part. */
static inline void sheet_expect_error(const char *path, const struct kh_sheet_limits *lim,
				      int code, const char *part)
{
	struct kh_strbuf out;
	struct kh_error err = {0};

	kh_strbuf_init(&out, 0);
	assert_int_equal(sheet_read(path, lim, &out, NULL, 0, &err), code);
	if (!strstr(err.message, part))
		fail_msg("message '%s' lacks '%s'", err.message, part);
	kh_strbuf_release(&out);
}

#endif
