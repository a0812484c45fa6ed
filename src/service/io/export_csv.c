/*
 * export_csv.c: an export as CSV (export.h): UTF-8 with a BOM, RFC 4180
 * quoting and CRLF (base/csv_write.h), text cells guarded against formula
 * injection. Cells hold what the API shows: money as "1234.50", dates as
 * YYYY-MM-DD, booleans as true/false, ids as numbers.
 */
#include "service/io/export.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv_write.h"
#include "base/banned.h"

int kh_export_csv_header(struct kh_export *x, struct kh_strbuf *sb)
{
	int rc = kh_strbuf_adds(sb, KH_CSV_BOM) ? KH_ENOMEM : 0;

	for (size_t i = 0; rc == 0 && i < kh_export_ncolumns(x); i++) {
		const char *label = kh_export_column(x, i)->label;

		rc = kh_csv_write_field(sb, i == 0, label, strlen(label), true);
	}
	return rc ? rc : kh_csv_write_eol(sb);
}

/* One cell: text cells guarded, the numbers we formatted not. */
static int write_cell(struct kh_strbuf *sb, bool first, const struct kh_export_column *c,
		      json_t *v)
{
	char buf[64];
	char *dump;
	int rc;

	if (json_is_string(v))
		return kh_csv_write_field(sb, first, json_string_value(v), json_string_length(v),
					  c->kind == KH_EXPORT_TEXT);
	if (json_is_integer(v))
		snprintf(buf, sizeof(buf), "%" PRId64, (int64_t)json_integer_value(v));
	else if (json_is_real(v))
		snprintf(buf, sizeof(buf), "%.6g", json_real_value(v));
	else if (json_is_boolean(v))
		snprintf(buf, sizeof(buf), "%s", json_is_true(v) ? "true" : "false");
	else if (json_is_object(v) || json_is_array(v)) {
		if (!(dump = json_dumps(v, JSON_COMPACT)))
			return KH_ENOMEM;
		rc = kh_csv_write_field(sb, first, dump, strlen(dump), true);
		free(dump);
		return rc;
	} else
		buf[0] = '\0';
	return kh_csv_write_field(sb, first, buf, strlen(buf), false);
}

static int write_row(void *arg, json_t *item, struct kh_strbuf *sb)
{
	struct kh_export *x = arg;
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < kh_export_ncolumns(x); i++)
		rc = write_cell(sb, i == 0, kh_export_column(x, i), kh_export_cell(x, item, i));
	return rc ? rc : kh_csv_write_eol(sb);
}

int kh_export_csv_chunk(struct kh_export *x, struct kh_strbuf *sb, size_t chunk, bool *done,
			struct kh_error *err)
{
	return kh_export_chunk(x, sb, chunk, done, write_row, x, err);
}

int kh_export_csv_file(struct kh_export *x, FILE *out, struct kh_error *err)
{
	struct kh_strbuf sb;
	bool done = false;
	int rc;

	kh_strbuf_init(&sb, 0);
	rc = kh_export_csv_header(x, &sb) ? kh_error_set(err, KH_ENOMEM, "", "out of memory") : 0;
	while (rc == 0) {
		rc = kh_export_csv_chunk(x, &sb, 64 * 1024, &done, err);
		if (rc == 0 && sb.len && fwrite(sb.buf, 1, sb.len, out) != sb.len)
			rc = kh_error_set(err, KH_EIO, "out", "cannot write the file");
		kh_strbuf_reset(&sb);
		if (done)
			break;
	}
	kh_strbuf_release(&sb);
	return rc;
}
