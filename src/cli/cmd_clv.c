/*
 * cmd_clv.c: `kehu clv`, probabilistic lifetime value of a plain
 * transaction log (customer id, date, amount) without a database: read the
 * CSV, merge same-day purchases, summarise each customer as (x, t_x, T, mean
 * spend) in weeks up to the calibration end, fit BG/NBD and Gamma-Gamma, and
 * print the estimates and each customer's predictions. The reading and the
 * output live here; everything numeric is in src/analytics.
 */
#include "cli/cmd_clv.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analytics/bgnbd.h"
#include "analytics/btyd.h"
#include "analytics/clv.h"
#include "analytics/gammagamma.h"
#include "base/csv.h"
#include "base/error.h"
#include "base/parse.h"
#include "base/strbuf.h"
#include "cli/cli.h"
#include "base/banned.h"

#define CMD "clv"
/* Input bounds: the log is read whole into memory (16 bytes a row). */
#define MAX_ROWS 10000000u
#define MAX_ID_BYTES 128u
#define WEEKS_PER_YEAR (365.25 / 7)

struct opts {
	const char *path;
	int32_t cal_end;
	bool has_cal_end;
	double horizon_weeks;
	double discount_rate; /* a year */
	double margin;
	bool json;
};

/* Customer ids, interned: an open-addressing hash of offsets into one arena,
 * numbered in order of first appearance. */
struct ids {
	struct kh_strbuf arena; /* ids, each NUL-terminated */
	size_t *off;            /* off[k]: id k's offset in arena */
	size_t n, cap_off;
	uint32_t *slot;         /* hash slots: id number + 1, 0 = empty */
	size_t nslots;
};

struct log {
	struct kh_btyd_txn *txn;
	size_t n, cap;
	int32_t last_day;
};

static void usage(FILE *out)
{
	fprintf(out,
		"usage: kehu clv --transactions FILE.csv [--calibration-end YYYY-MM-DD]\n"
		"                [--horizon-weeks 52] [--discount-rate 0.10] [--margin 1] [--json]\n\n"
		"Fits the BG/NBD model of repeat purchases (Fader, Hardie & Lee 2005) and the\n"
		"Gamma-Gamma model of spend per purchase to a transaction log and predicts, per\n"
		"customer: P(alive), expected purchases and spend, and lifetime value.\n\n"
		"FILE.csv has a header row naming the columns customer_id (or customer, id),\n"
		"date (YYYY-MM-DD or YYYYMMDD) and amount (or sales, value; a decimal with at\n"
		"most two decimals); other columns are ignored. Purchases of a customer on the\n"
		"same day are merged (amounts summed).\n\n"
		"  --calibration-end DATE  fit on purchases up to this day (default: the last\n"
		"                          date in the file); T and recency are measured to it\n"
		"  --horizon-weeks N       predict the next N weeks (default 52)\n"
		"  --discount-rate R       yearly discount rate of the CLV, applied monthly\n"
		"                          (default 0.10)\n"
		"  --margin M              share of spend that is profit (default 1: the CLV is\n"
		"                          then discounted expected revenue)\n"
		"  --json                  one JSON object instead of the table\n\n"
		"Times (recency, T) are in weeks; frequency is the number of repeat purchase\n"
		"days. Customers whose first purchase is after the calibration end are left out.\n");
}

static int parse_number(const char *name, const char *s, double lo, double hi, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || *end || errno || !isfinite(v) || v < lo || v > hi)
		return kh_cli_usage(CMD, "--%s must be a number from %g to %g, not '%s'", name,
				    lo, hi, s);
	*out = v;
	return 0;
}

static const char *arg(json_t *args, const char *name)
{
	return json_string_value(json_object_get(args, name));
}

/* o from the command line through the options helper (which refuses an
 * option given twice); o's strings point into *args, which the caller frees
 * (NULL if the line could not be read). */
static int parse_args(int argc, char **argv, struct opts *o, json_t **args, bool *help)
{
	static const char *const known[] = {"transactions", "calibration_end", "horizon_weeks",
					    "discount_rate", "margin", NULL};
	struct kh_cli cli = {0}; /* no database: only the flags */
	const char *val;
	int npos, rc;

	*o = (struct opts){.horizon_weeks = 52, .discount_rate = 0.10, .margin = 1};
	if (!(*args = kh_cli_options(&cli, CMD, argc - 1, argv + 1, NULL, 0, &npos)))
		return cli.options_status;
	o->json = cli.json;
	if ((*help = cli.help))
		return 0;
	if ((rc = kh_cli_options_known(CMD, *args, known)))
		return rc;
	if (!(o->path = arg(*args, "transactions")))
		return kh_cli_usage(CMD, "--transactions FILE.csv is required");
	if (!*o->path)
		return kh_cli_usage(CMD, "--transactions needs a file name");
	if ((val = arg(*args, "calibration_end"))) {
		struct kh_error err = {0};

		if (kh_parse_date(val, &o->cal_end, "calibration-end", &err))
			return kh_cli_usage(CMD, "--%s (got '%s')", err.message, val);
		o->has_cal_end = true;
	}
	if ((val = arg(*args, "horizon_weeks")) &&
	    (rc = parse_number("horizon-weeks", val, 1, 5200, &o->horizon_weeks)))
		return rc;
	if ((val = arg(*args, "discount_rate")) &&
	    (rc = parse_number("discount-rate", val, 0, 10, &o->discount_rate)))
		return rc;
	if ((val = arg(*args, "margin")) && (rc = parse_number("margin", val, 0, 1, &o->margin)))
		return rc;
	return 0;
}

static uint64_t hash_id(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037ULL; /* FNV-1a */

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

static void ids_release(struct ids *t)
{
	kh_strbuf_release(&t->arena);
	free(t->off);
	free(t->slot);
}

static int ids_grow(struct ids *t)
{
	size_t ns = t->nslots ? t->nslots * 2 : 1024;
	uint32_t *s = calloc(ns, sizeof(*s));

	if (!s)
		return KH_ENOMEM;
	for (size_t k = 0; k < t->n; k++) {
		const char *id = t->arena.buf + t->off[k];
		size_t j = hash_id(id, strlen(id)) & (ns - 1);

		while (s[j])
			j = (j + 1) & (ns - 1);
		s[j] = (uint32_t)(k + 1);
	}
	free(t->slot);
	t->slot = s;
	t->nslots = ns;
	return 0;
}

/* The number of id s[0..len), added if new. */
static int ids_intern(struct ids *t, const char *s, size_t len, uint32_t *out)
{
	size_t j;
	int rc;

	if (2 * (t->n + 1) > t->nslots && (rc = ids_grow(t)))
		return rc;
	for (j = hash_id(s, len) & (t->nslots - 1); t->slot[j]; j = (j + 1) & (t->nslots - 1)) {
		const char *id = t->arena.buf + t->off[t->slot[j] - 1];

		if (strncmp(id, s, len) == 0 && id[len] == '\0') {
			*out = t->slot[j] - 1;
			return 0;
		}
	}
	if (t->n == t->cap_off) {
		size_t cap = t->cap_off ? t->cap_off * 2 : 1024;
		size_t *o = realloc(t->off, cap * sizeof(*o));

		if (!o)
			return KH_ENOMEM;
		t->off = o;
		t->cap_off = cap;
	}
	t->off[t->n] = t->arena.len;
	if ((rc = kh_strbuf_add(&t->arena, s, len)) || (rc = kh_strbuf_addch(&t->arena, '\0')))
		return rc;
	t->slot[j] = (uint32_t)(t->n + 1);
	*out = (uint32_t)t->n++;
	return 0;
}

static const char *id_of(const struct ids *t, size_t k)
{
	return t->arena.buf + t->off[k];
}

/* Which header field names which column: the first name in each list found. */
static int find_column(const struct kh_csv *csv, size_t nf, const char *const *names)
{
	for (size_t k = 0; names[k]; k++)
		for (size_t i = 0; i < nf; i++) {
			const char *f = kh_csv_field(csv, i, NULL);

			while (*f == ' ')
				f++;
			if (strncasecmp(f, names[k], strlen(names[k])) == 0) {
				const char *rest = f + strlen(names[k]);

				while (*rest == ' ')
					rest++;
				if (*rest == '\0')
					return (int)i;
			}
		}
	return -1;
}

/* "19970101" -> "1997-01-01" so kh_parse_date can check it. */
static int parse_day(const char *s, int32_t *day)
{
	char buf[11];
	struct kh_error err = {0};

	if (strlen(s) == 8 && strspn(s, "0123456789") == 8) {
		memcpy(buf, s, 4);
		buf[4] = '-';
		memcpy(buf + 5, s + 4, 2);
		buf[7] = '-';
		memcpy(buf + 8, s + 6, 2);
		buf[10] = '\0';
		s = buf;
	}
	return kh_parse_date(s, day, "date", &err);
}

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "kehu: " CMD ": ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return KH_EXIT_FAIL;
}

static int read_log(const char *path, struct ids *ids, struct log *lg)
{
	static const char *const id_names[] = {"customer_id", "customer", "customerid",
					       "cust_id", "id", NULL};
	static const char *const date_names[] = {"date", "order_date", "day", NULL};
	static const char *const amount_names[] = {"amount", "sales", "value", "revenue",
						   "spend", NULL};
	struct kh_csv csv;
	struct kh_error err = {0};
	FILE *fp;
	size_t nf;
	int ci, cd, ca, need, rc = KH_EXIT_FAIL;

	if (!(fp = fopen(path, "rb")))
		return fail("%s: cannot open: %s", path, strerror(errno));
	kh_csv_init_file(&csv, fp, NULL);
	if (kh_csv_next(&csv, &nf, &err)) {
		fail("%s: %s", path, err.message);
		goto out;
	}
	if (nf == 0) {
		fail("%s: the file is empty (expected a header row: customer_id,date,amount)",
		     path);
		goto out;
	}
	ci = find_column(&csv, nf, id_names);
	cd = find_column(&csv, nf, date_names);
	ca = find_column(&csv, nf, amount_names);
	if (ci < 0 || cd < 0 || ca < 0) {
		fail("%s: line 1: bad header: no %s column (the header must name the columns "
		     "customer_id, date and amount)",
		     path, ci < 0 ? "customer_id" : cd < 0 ? "date" : "amount");
		goto out;
	}
	need = (ci > cd ? ci : cd) > ca ? (ci > cd ? ci : cd) : ca;
	lg->last_day = INT32_MIN;
	for (;;) {
		const char *id, *date, *amount;
		size_t idlen;
		uint32_t cust;
		int32_t day;
		int64_t fen;
		unsigned long line;

		if (kh_csv_next(&csv, &nf, &err)) {
			fail("%s: %s", path, err.message);
			goto out;
		}
		if (nf == 0)
			break;
		line = kh_csv_line(&csv);
		if ((int)nf <= need) {
			fail("%s: line %lu: %zu field%s, expected at least %d", path, line, nf,
			     nf == 1 ? "" : "s", need + 1);
			goto out;
		}
		id = kh_csv_field(&csv, (size_t)ci, &idlen);
		date = kh_csv_field(&csv, (size_t)cd, NULL);
		amount = kh_csv_field(&csv, (size_t)ca, NULL);
		if (idlen == 0 || idlen > MAX_ID_BYTES) {
			fail("%s: line %lu: customer_id: %s", path, line,
			     idlen ? "longer than 128 bytes" : "is empty");
			goto out;
		}
		if (parse_day(date, &day)) {
			fail("%s: line %lu: date: '%.40s' is not a date (YYYY-MM-DD or YYYYMMDD)",
			     path, line, date);
			goto out;
		}
		if (kh_parse_money(amount, false, &fen, "amount", &err)) {
			fail("%s: line %lu: %s (got '%.40s')", path, line, err.message, amount);
			goto out;
		}
		if (lg->n == MAX_ROWS) {
			fail("%s: line %lu: more than %u transactions", path, line, MAX_ROWS);
			goto out;
		}
		if (ids_intern(ids, id, idlen, &cust)) {
			fail("%s: out of memory", path);
			goto out;
		}
		if (lg->n == lg->cap) {
			size_t cap = lg->cap ? lg->cap * 2 : 4096;
			struct kh_btyd_txn *t = realloc(lg->txn, cap * sizeof(*t));

			if (!t) {
				fail("%s: out of memory", path);
				goto out;
			}
			lg->txn = t;
			lg->cap = cap;
		}
		lg->txn[lg->n++] = (struct kh_btyd_txn){cust, day, fen};
		if (day > lg->last_day)
			lg->last_day = day;
	}
	if (lg->n == 0) {
		fail("%s: no transactions after the header", path);
		goto out;
	}
	rc = 0;
out:
	kh_csv_release(&csv);
	fclose(fp);
	return rc;
}

static json_t *real(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static void print_json(const struct opts *o, const struct ids *ids, const uint32_t *who,
		       const struct kh_btyd_obs *obs, const struct kh_clv_prediction *pred,
		       size_t n, const struct kh_bgnbd_params *bg, const struct kh_fit_report *bgr,
		       const struct kh_gg_params *gg, const struct kh_fit_report *ggr)
{
	const size_t flags = JSON_COMPACT | JSON_REAL_PRECISION(12);
	char day[11];
	json_t *v;

	/* The customers are streamed one object at a time, so the output of a
	 * large log never sits in memory as one JSON tree. */
	kh_date_format(o->cal_end, day);
	v = json_pack("{s:f,s:f,s:f,s:f,s:f,s:I,s:b}", "r", bg->r, "alpha", bg->alpha, "a",
		      bg->a, "b", bg->b, "loglik", bgr->loglik, "customers", (json_int_t)bgr->used,
		      "converged", bgr->converged);
	fputs("{\"bgnbd\":", stdout);
	json_dumpf(v, stdout, flags);
	json_decref(v);
	v = json_pack("{s:f,s:f,s:f,s:f,s:I,s:b}", "p", gg->p, "q", gg->q, "gamma", gg->gamma,
		      "loglik", ggr->loglik, "customers", (json_int_t)ggr->used, "converged",
		      ggr->converged);
	fputs(",\"gammagamma\":", stdout);
	json_dumpf(v, stdout, flags);
	json_decref(v);
	v = json_pack("{s:s,s:f,s:f,s:f,s:s}", "calibration_end", day, "horizon_weeks",
		      o->horizon_weeks, "discount_rate", o->discount_rate, "margin", o->margin,
		      "time_unit", "weeks");
	fputs(",\"settings\":", stdout);
	json_dumpf(v, stdout, flags);
	json_decref(v);
	fputs(",\"customers\":[", stdout);
	for (size_t i = 0; i < n; i++) {
		v = json_pack("{s:s,s:I,s:o,s:o,s:o,s:o,s:o,s:o}", "id", id_of(ids, who[i]),
			      "frequency", (json_int_t)obs[i].x, "recency", real(obs[i].t_x), "T",
			      real(obs[i].T), "p_alive", real(pred[i].p_alive),
			      "expected_purchases", real(pred[i].expected_purchases),
			      "expected_spend", real(pred[i].expected_spend), "clv",
			      real(pred[i].clv));
		if (i)
			fputc(',', stdout);
		fputs("\n", stdout);
		json_dumpf(v, stdout, flags);
		json_decref(v);
	}
	fputs("\n]}\n", stdout);
}

static void print_table(const struct opts *o, const struct ids *ids, const uint32_t *who,
			const struct kh_btyd_obs *obs, const struct kh_clv_prediction *pred,
			size_t n, size_t left_out, const struct kh_bgnbd_params *bg,
			const struct kh_fit_report *bgr, const struct kh_gg_params *gg,
			const struct kh_fit_report *ggr)
{
	char day[11];

	kh_date_format(o->cal_end, day);
	printf("BG/NBD: %zu customers, calibration end %s, times in weeks%s\n", bgr->used, day,
	       bgr->converged ? "" : " (NOT CONVERGED)");
	printf("  r %.4f   alpha %.4f   a %.4f   b %.4f   log-likelihood %.2f\n", bg->r,
	       bg->alpha, bg->a, bg->b, bgr->loglik);
	printf("Gamma-Gamma: %zu customers with repeat purchases%s\n", ggr->used,
	       ggr->converged ? "" : " (NOT CONVERGED)");
	printf("  p %.4f   q %.4f   gamma %.4f   log-likelihood %.2f\n", gg->p, gg->q, gg->gamma,
	       ggr->loglik);
	if (left_out)
		printf("(%zu customer%s with a first purchase after %s left out)\n", left_out,
		       left_out == 1 ? "" : "s", day);
	printf("\nNext %g weeks; CLV discounted monthly at %g%% a year, margin %g%%\n\n",
	       o->horizon_weeks, o->discount_rate * 100, o->margin * 100);
	printf("%-16s %5s %8s %8s %8s %10s %10s %12s\n", "customer", "freq", "recency", "T",
	       "P(alive)", "purchases", "spend", "CLV");
	for (size_t i = 0; i < n; i++)
		printf("%-16s %5u %8.2f %8.2f %8.4f %10.4f %10.2f %12.2f\n", id_of(ids, who[i]),
		       obs[i].x, obs[i].t_x, obs[i].T, pred[i].p_alive,
		       pred[i].expected_purchases, pred[i].expected_spend, pred[i].clv);
}

int kh_cmd_clv(int argc, char **argv)
{
	struct opts o;
	json_t *args = NULL;
	struct ids ids = {0};
	struct log lg = {0};
	struct kh_btyd_obs *all = NULL, *obs = NULL;
	struct kh_clv_prediction *pred = NULL;
	struct kh_bgnbd_params bg;
	struct kh_gg_params gg;
	struct kh_fit_report bgr = {0}, ggr = {0};
	struct kh_clv_options copt;
	uint8_t *in_cal = NULL;
	uint32_t *who = NULL;
	size_t nin = 0, m = 0;
	bool help;
	int rc;

	kh_strbuf_init(&ids.arena, 0);
	if ((rc = parse_args(argc, argv, &o, &args, &help)))
		goto out;
	if (help) {
		usage(stdout);
		goto out;
	}
	if ((rc = read_log(o.path, &ids, &lg)))
		goto out;
	rc = KH_EXIT_FAIL;
	if (!o.has_cal_end)
		o.cal_end = lg.last_day;
	all = malloc(ids.n * sizeof(*all));
	in_cal = malloc(ids.n);
	if (!all || !in_cal ||
	    kh_btyd_summarise(lg.txn, lg.n, ids.n, o.cal_end, 7.0, all, in_cal, &nin)) {
		fail("out of memory");
		goto out;
	}
	if (nin == 0) {
		char day[11];

		kh_date_format(o.cal_end, day);
		fail("%s: no customer has a purchase on or before the calibration end %s", o.path,
		     day);
		goto out;
	}
	obs = malloc(nin * sizeof(*obs));
	who = malloc(nin * sizeof(*who));
	pred = malloc(nin * sizeof(*pred));
	if (!obs || !who || !pred) {
		fail("out of memory");
		goto out;
	}
	for (size_t c = 0; c < ids.n; c++)
		if (in_cal[c]) {
			obs[m] = all[c];
			who[m++] = (uint32_t)c;
		}
	if (kh_bgnbd_fit(obs, m, &bg, &bgr)) {
		fail("BG/NBD: the fit failed");
		goto out;
	}
	switch (kh_gg_fit(obs, m, &gg, &ggr)) {
	case 0:
		break;
	case KH_ENOTFOUND:
		fail("%s: no customer has a repeat purchase with a positive amount before the "
		     "calibration end: Gamma-Gamma cannot be fitted",
		     o.path);
		goto out;
	default:
		fail("Gamma-Gamma: the fit failed");
		goto out;
	}
	if (!(gg.q > 1)) {
		fail("Gamma-Gamma: the estimate q = %.4g is not above 1, so the expected spend "
		     "is infinite; the data do not support a CLV",
		     gg.q);
		goto out;
	}
	if (!bgr.converged || !ggr.converged)
		fprintf(stderr, "kehu: " CMD ": warning: the %s fit did not converge; treat its "
				"estimates with care\n",
			!bgr.converged ? "BG/NBD" : "Gamma-Gamma");
	/* Months of 365.25 / 12 days, in weeks; the yearly rate as a monthly one. */
	copt = (struct kh_clv_options){.horizon = o.horizon_weeks,
				       .step = WEEKS_PER_YEAR / 12,
				       .discount = pow(1 + o.discount_rate, 1.0 / 12) - 1,
				       .margin = o.margin};
	if (kh_clv_predict(&bg, &gg, obs, m, &copt, pred)) {
		fail("the predictions could not be computed for these estimates");
		goto out;
	}
	if (o.json)
		print_json(&o, &ids, who, obs, pred, m, &bg, &bgr, &gg, &ggr);
	else
		print_table(&o, &ids, who, obs, pred, m, ids.n - m, &bg, &bgr, &gg, &ggr);
	rc = fflush(stdout) == 0 ? KH_EXIT_OK : fail("cannot write the output: %s",
						      strerror(errno));
out:
	json_decref(args);
	ids_release(&ids);
	free(lg.txn);
	free(all);
	free(in_cal);
	free(obs);
	free(who);
	free(pred);
	return rc;
}
