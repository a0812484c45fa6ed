/* csv_test.c: the RFC 4180 reader: quoting, line ends, limits, and errors
 * that name the line. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/csv.h"

/* Read all of data; the fields of each record joined by '|', records by ';'. */
static int read_all(const char *data, size_t len, const struct kh_csv_limits *lim, char *out,
		    size_t outsz, struct kh_error *err)
{
	struct kh_csv csv;
	size_t nf, used = 0;
	int rc;

	out[0] = '\0';
	kh_csv_init_mem(&csv, data, len, lim);
	for (;;) {
		if ((rc = kh_csv_next(&csv, &nf, err)) || nf == 0)
			break;
		for (size_t i = 0; i < nf; i++)
			used += (size_t)snprintf(out + used, outsz - used, "%s%s", i ? "|" : "",
						 kh_csv_field(&csv, i, NULL));
		used += (size_t)snprintf(out + used, outsz - used, ";");
	}
	kh_csv_release(&csv);
	return rc;
}

static void check(const char *in, const char *want)
{
	char out[512];
	struct kh_error err = {0};

	assert_int_equal(read_all(in, strlen(in), NULL, out, sizeof(out), &err), 0);
	assert_string_equal(out, want);
}

static void plain_records(void **state)
{
	check("a,b,c\n1,2,3\n", "a|b|c;1|2|3;");
	/* no newline at the end; CRLF; lone CR; empty fields */
	check("a,b\r\n1,2", "a|b;1|2;");
	check("a,b\r1,2\r", "a|b;1|2;");
	check(",x,\n", "|x|;");
	/* empty lines are skipped, a line with "" is one empty field */
	check("a\n\n\r\nb\n", "a;b;");
	check("\"\"\n", ";");
	check("", "");
}

static void quoted_fields(void **state)
{
	check("\"a,b\",\"say \"\"hi\"\"\"\n", "a,b|say \"hi\";");
	/* line breaks inside quotes are data; CRLF stays CRLF */
	check("\"two\nlines\",x\n", "two\nlines|x;");
	check("\"two\r\nlines\"\r\n", "two\r\nlines;");
	check("\"\",\"\"\"\"\n", "|\";");
	/* a UTF-8 byte-order mark (Excel) is skipped; UTF-8 passes through */
	check("\xEF\xBB\xBFid,名字\n1,张三\n", "id|名字;1|张三;");
	/* only a whole mark is one: a first character in U+F000..U+FFFF starts with EF too */
	check("（注）,x\n", "（注）|x;");
	/* a quote inside an unquoted field is text, as Excel reads it */
	check("a,b\n1,5'6\"\n", "a|b;1|5'6\";");
}

static void separators(void **state)
{
	struct kh_csv csv;
	struct kh_error err = {0};
	const char *tsv = "名称\t电话\n\"a,b\"\tx\n";
	size_t nf;

	/* separator 0: the first record's first tab or comma decides */
	kh_csv_init_mem(&csv, tsv, strlen(tsv), NULL);
	kh_csv_set_separator(&csv, 0);
	assert_int_equal(kh_csv_next(&csv, &nf, &err), 0);
	assert_int_equal(nf, 2);
	assert_int_equal(kh_csv_next(&csv, &nf, &err), 0);
	assert_int_equal(nf, 2);
	assert_string_equal(kh_csv_field(&csv, 0, NULL), "a,b");
	kh_csv_release(&csv);
	/* a first record with neither leaves it comma-separated */
	kh_csv_init_mem(&csv, "名称\na,b\tc\n", 13, NULL);
	kh_csv_set_separator(&csv, 0);
	assert_int_equal(kh_csv_next(&csv, &nf, &err), 0);
	assert_int_equal(kh_csv_next(&csv, &nf, &err), 0);
	assert_int_equal(nf, 2);
	assert_string_equal(kh_csv_field(&csv, 1, NULL), "b\tc");
	kh_csv_release(&csv);
}

static void field_lengths_and_lines(void **state)
{
	const char *in = "id,note\n1,\"x\ny\"\n2,z\n";
	struct kh_csv csv;
	struct kh_error err = {0};
	size_t nf, len;

	kh_csv_init_mem(&csv, in, strlen(in), NULL);
	assert_int_equal(kh_csv_next(&csv, &nf, &err), 0);
	assert_int_equal(nf, 2);
	assert_int_equal(kh_csv_line(&csv), 1);
	assert_int_equal(kh_csv_next(&csv, &nf, &err), 0);
	assert_int_equal(kh_csv_line(&csv), 2);
	assert_string_equal(kh_csv_field(&csv, 1, &len), "x\ny");
	assert_int_equal(len, 3);
	assert_int_equal(kh_csv_next(&csv, &nf, &err), 0);
	/* the quoted line break moved the next record to line 4 */
	assert_int_equal(kh_csv_line(&csv), 4);
	assert_string_equal(kh_csv_field(&csv, 0, &len), "2");
	assert_int_equal(len, 1);
	assert_int_equal(kh_csv_next(&csv, &nf, &err), 0);
	assert_int_equal(nf, 0);
	/* and stays at the end */
	assert_int_equal(kh_csv_next(&csv, &nf, &err), 0);
	assert_int_equal(nf, 0);
	kh_csv_release(&csv);
}

static void expect_error(const char *in, size_t len, const struct kh_csv_limits *lim, int code,
			 const char *msg_part)
{
	char out[512];
	struct kh_error err = {0};

	assert_int_equal(read_all(in, len, lim, out, sizeof(out), &err), code);
	if (!strstr(err.message, msg_part))
		fail_msg("message '%s' lacks '%s'", err.message, msg_part);
}

static void errors_name_the_line(void **state)
{
	expect_error("a\n\"x\"y\n", 7, NULL, KH_EINVAL, "line 2, field 1: text after the closing");
	expect_error("a\n\"open\nstill\n", 14, NULL, KH_EINVAL,
		     "quoted field opened on line 2 is not closed");
	expect_error("a,b\n1,\0\n", 8, NULL, KH_EINVAL, "line 2, field 2: NUL byte");
}

static void limits(void **state)
{
	struct kh_csv_limits lim = {.max_record = 8, .max_fields = 3};
	char out[512];
	struct kh_error err = {0};

	/* exactly at the limits is fine: 8 content bytes, 3 fields */
	assert_int_equal(read_all("abc,def,gh\n", 11, &lim, out, sizeof(out), &err), 0);
	assert_string_equal(out, "abc|def|gh;");
	expect_error("ok\nabc,def,ghi\n", 15, &lim, KH_ELIMIT, "line 2: record longer than 8");
	expect_error("a,b,c,d\n", 8, &lim, KH_ELIMIT, "line 1: more than 3 fields");
	/* a long quoted field counts too */
	expect_error("\"123456789\"\n", 12, &lim, KH_ELIMIT, "longer than 8");
}

static void reads_files(void **state)
{
	char path[] = "/tmp/kh_csv_test_XXXXXX";
	int fd = mkstemp(path);
	FILE *fp;
	struct kh_csv csv;
	struct kh_error err = {0};
	size_t nf, records = 0;
	char last[32] = "";

	assert_true(fd >= 0);
	fp = fdopen(fd, "w+");
	assert_non_null(fp);
	/* more than the reader's 16 KiB buffer, with a quoted field across a refill */
	fputs("id,amount\n", fp);
	for (int i = 0; i < 3000; i++)
		fprintf(fp, "%d,\"%d.50\"\r\n", i, i);
	rewind(fp);
	kh_csv_init_file(&csv, fp, NULL);
	while (kh_csv_next(&csv, &nf, &err) == 0 && nf) {
		assert_int_equal(nf, 2);
		snprintf(last, sizeof(last), "%s", kh_csv_field(&csv, 1, NULL));
		records++;
	}
	assert_int_equal(err.code, 0);
	assert_int_equal(records, 3001);
	assert_string_equal(last, "2999.50");
	assert_int_equal(kh_csv_line(&csv), 3001);
	kh_csv_release(&csv);
	kh_csv_release(NULL);
	fclose(fp);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_records),
		cmocka_unit_test(quoted_fields),
		cmocka_unit_test(separators),
		cmocka_unit_test(field_lengths_and_lines),
		cmocka_unit_test(errors_name_the_line),
		cmocka_unit_test(limits),
		cmocka_unit_test(reads_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
