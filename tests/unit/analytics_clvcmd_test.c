/* analytics_clvcmd_test.c: `kehu clv` called in process (kh_cmd_clv), with
 * stdout and stderr captured: the CDNOW log end to end, the JSON shape, and
 * the errors with their exit codes. */
#include "test.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/csv.h"
#include "cli/cmd_clv.h"

static char dir[] = "/tmp/kh_clvcmd_XXXXXX";
static char out[1 << 20], errbuf[4096];

/* Run kh_cmd_clv(args) with stdout and stderr going to files, read back. */
static int run(const char *const *args)
{
	char *argv[16], opath[256], epath[256];
	int argc = 0, so, se, fo, fe, rc;
	FILE *f;
	size_t n;

	argv[argc++] = (char *)"clv";
	for (; *args; args++)
		argv[argc++] = (char *)*args;
	argv[argc] = NULL;
	snprintf(opath, sizeof(opath), "%s/out", dir);
	snprintf(epath, sizeof(epath), "%s/err", dir);
	fflush(stdout);
	fflush(stderr);
	so = dup(1);
	se = dup(2);
	f = fopen(opath, "w");
	fo = fileno(f);
	dup2(fo, 1);
	{
		FILE *g = fopen(epath, "w");

		fe = fileno(g);
		dup2(fe, 2);
		rc = kh_cmd_clv(argc, argv);
		fflush(stdout);
		fflush(stderr);
		fclose(g);
	}
	fclose(f);
	dup2(so, 1);
	dup2(se, 2);
	close(so);
	close(se);
	f = fopen(opath, "r");
	n = fread(out, 1, sizeof(out) - 1, f);
	out[n] = '\0';
	fclose(f);
	f = fopen(epath, "r");
	n = fread(errbuf, 1, sizeof(errbuf) - 1, f);
	errbuf[n] = '\0';
	fclose(f);
	return rc;
}

static void write_file(const char *name, const char *text, char *path, size_t sz)
{
	FILE *f;

	snprintf(path, sz, "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* cdnowElog.csv (masterid,sampleid,date,cds,sales) as customer_id,date,amount. */
static void convert_cdnow(char *path, size_t sz)
{
	FILE *in = fopen("../shared/data/cdnow/cdnowElog.csv", "rb"), *o;
	struct kh_csv csv;
	struct kh_error err = {0};
	size_t nf;

	if (!in)
		fail_msg("cannot open ../shared/data/cdnow/cdnowElog.csv (run from the project root)");
	snprintf(path, sz, "%s/cdnow.csv", dir);
	o = fopen(path, "w");
	fputs("customer_id,date,amount\r\n", o);
	kh_csv_init_file(&csv, in, NULL);
	assert_int_equal(kh_csv_next(&csv, &nf, &err), 0);
	while (kh_csv_next(&csv, &nf, &err) == 0 && nf == 5)
		fprintf(o, "%s,%s,%s\r\n", kh_csv_field(&csv, 1, NULL), kh_csv_field(&csv, 2, NULL),
			kh_csv_field(&csv, 4, NULL));
	kh_csv_release(&csv);
	fclose(in);
	fclose(o);
}

static int setup(void **state)
{
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static double num(json_t *o, const char *k)
{
	return json_number_value(json_object_get(o, k));
}

static void cdnow_json(void **state)
{
	char path[300];
	json_t *root, *bg, *gg, *cust, *c1;
	json_error_t jerr;

	convert_cdnow(path, sizeof(path));
	assert_int_equal(run((const char *[]){"--transactions", path, "--calibration-end",
					      "1997-09-30", "--json", NULL}),
			 0);
	root = json_loads(out, 0, &jerr);
	if (!root)
		fail_msg("not JSON: %s", jerr.text);
	bg = json_object_get(root, "bgnbd");
	gg = json_object_get(root, "gammagamma");
	cust = json_object_get(root, "customers");
	/* Fader, Hardie & Lee (2005): r 0.243, alpha 4.414, a 0.793, b 2.426,
	 * LL -9582.4; Gamma-Gamma p 6.25, q 3.74, gamma 15.44. From the raw
	 * log (times not rounded): r 0.24259, alpha 4.41360, a 0.79292,
	 * b 2.42591, LL -9582.429; p 6.2496, q 3.7442, gamma 15.4435. */
	assert_true(fabs(num(bg, "r") - 0.243) < 0.001);
	assert_true(fabs(num(bg, "alpha") - 4.414) < 0.002);
	assert_true(fabs(num(bg, "a") - 0.793) < 0.001);
	assert_true(fabs(num(bg, "b") - 2.426) < 0.002);
	assert_true(fabs(num(bg, "loglik") - -9582.4) < 0.05);
	assert_true(fabs(num(gg, "p") - 6.25) < 0.005);
	assert_true(fabs(num(gg, "q") - 3.74) < 0.006);
	assert_true(fabs(num(gg, "gamma") - 15.44) < 0.01);
	assert_true(json_is_true(json_object_get(bg, "converged")));
	assert_int_equal(json_array_size(cust), 2357);
	/* customer 1: purchase days 1997-01-01, -01-18, -08-02 in calibration:
	 * x = 2, t_x = 213 / 7 = 30.43 weeks, T = 272 / 7 = 38.86 weeks */
	c1 = json_array_get(cust, 0);
	assert_string_equal(json_string_value(json_object_get(c1, "id")), "1");
	assert_int_equal(json_integer_value(json_object_get(c1, "frequency")), 2);
	assert_true(fabs(num(c1, "recency") - 213.0 / 7) < 1e-9);
	assert_true(fabs(num(c1, "T") - 272.0 / 7) < 1e-9);
	assert_true(fabs(num(c1, "p_alive") - 0.7266) < 0.001);
	assert_true(num(c1, "expected_purchases") > 1.4 && num(c1, "expected_purchases") < 1.7);
	assert_true(num(c1, "clv") > 0);
	json_decref(root);
	/* the plain table */
	assert_int_equal(run((const char *[]){"--transactions", path, "--calibration-end",
					      "1997-09-30", NULL}),
			 0);
	assert_non_null(strstr(out, "BG/NBD: 2357 customers, calibration end 1997-09-30"));
	assert_non_null(strstr(out, "r 0.2426"));
	assert_non_null(strstr(out, "P(alive)"));
}

static void same_day_merge_and_compact_dates(void **state)
{
	char path[300];
	json_t *root, *c;

	/* a: three purchase days (two rows on 01-10, merged: 3.00 + 2.00);
	 * b: one day. Repeat spend of a: (4 + 6) / 2 = 5 */
	write_file("small.csv",
		   "Customer_ID , DATE,amount,ignored\n"
		   "a,20240101,1.00,x\n"
		   "a,2024-01-10,3.00,x\n"
		   "a,2024-01-10,2,x\n"
		   "b,2024-01-05,7.50,x\n"
		   "c,2024-01-20,7.50,x\n"
		   "a,2024-01-15,\"4.00\",x\n",
		   path, sizeof(path));
	assert_int_equal(run((const char *[]){"--transactions", path, "--json",
					      "--calibration-end", "2024-01-15", NULL}),
			 0);
	root = json_loads(out, 0, NULL);
	assert_non_null(root);
	/* c first bought after the calibration end: left out */
	assert_int_equal(json_array_size(json_object_get(root, "customers")), 2);
	c = json_array_get(json_object_get(root, "customers"), 0);
	assert_string_equal(json_string_value(json_object_get(c, "id")), "a");
	assert_int_equal(json_integer_value(json_object_get(c, "frequency")), 2);
	assert_true(fabs(num(c, "recency") - 2) < 1e-12);
	assert_true(fabs(num(c, "T") - 2) < 1e-12);
	json_decref(root);
}

static void errors(void **state)
{
	char path[300];

	assert_int_equal(run((const char *[]){"--help", NULL}), 0);
	assert_non_null(strstr(out, "usage: kehu clv --transactions FILE.csv"));
	/* usage errors: 2 */
	assert_int_equal(run((const char *[]){NULL}), 2);
	assert_non_null(strstr(errbuf, "kehu: clv: --transactions FILE.csv is required"));
	assert_int_equal(run((const char *[]){"--transactions", "x.csv", "--horizon-weeks", "-3",
					      NULL}),
			 2);
	assert_non_null(strstr(errbuf, "--horizon-weeks"));
	assert_int_equal(run((const char *[]){"--transactions", "x.csv", "--calibration-end",
					      "30/09/1997", NULL}),
			 2);
	assert_int_equal(run((const char *[]){"--transactions", "x.csv", "--nope", "1", NULL}), 2);
	/* input errors: 1, with the file, the line and the field */
	assert_int_equal(run((const char *[]){"--transactions", "/nonexistent/x.csv", NULL}), 1);
	assert_non_null(strstr(errbuf, "/nonexistent/x.csv: cannot open"));
	write_file("hdr.csv", "who,date,amount\n1,2024-01-01,1\n", path, sizeof(path));
	assert_int_equal(run((const char *[]){"--transactions", path, NULL}), 1);
	assert_non_null(strstr(errbuf, "line 1: bad header: no customer_id column"));
	write_file("date.csv", "id,date,amount\n1,2024-01-01,1\n1,2024-13-01,1\n", path,
		   sizeof(path));
	assert_int_equal(run((const char *[]){"--transactions", path, NULL}), 1);
	assert_non_null(strstr(errbuf, "line 3: date: '2024-13-01' is not a date"));
	write_file("amount.csv", "id,date,amount\n1,2024-01-01,1\n1,2024-01-02,1.234\n", path,
		   sizeof(path));
	assert_int_equal(run((const char *[]){"--transactions", path, NULL}), 1);
	assert_non_null(strstr(errbuf, "line 3: amount has more than two decimals"));
	write_file("quote.csv", "id,date,amount\n1,2024-01-01,1\n\"1\"x,2024-01-02,1\n", path,
		   sizeof(path));
	assert_int_equal(run((const char *[]){"--transactions", path, NULL}), 1);
	assert_non_null(strstr(errbuf, "line 3, field 1: text after the closing quote"));
	assert_int_equal(out[0], '\0');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cdnow_json),
		cmocka_unit_test(same_day_merge_and_compact_dates),
		cmocka_unit_test(errors),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
