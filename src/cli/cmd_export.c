/*
 * cmd_export.c: `kehu export --type LIST ... --format csv|xlsx|vcf --out FILE`
 * (also `kehu contact export ...`), and `kehu import-vcard FILE --customer
 * ID`. Filters are the list's: `--FIELD VALUE` as for `kehu LIST list`, or
 * `--filter 'segment=finance&grade=A'` in the query form the API and the
 * web UI use. `--as LOGIN` acts as that user: their data scope and
 * information levels, and their name in the audit log. The file is
 * written beside FILE and renamed into place once complete.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/parse.h"
#include "base/strbuf.h"
#include "base/vcard.h"
#include "service/io/export.h"
#include "service/io/vcard_io.h"
#include "base/banned.h"

static const char *const own_options[] = {"type", "format", "version", "out", "as", "lang",
					  "filter", "sort", "q", NULL};

static void usage(FILE *out)
{
	fprintf(out,
		"usage: kehu [--db PATH] export --type LIST [--FIELD VALUE ...] [--filter QUERY]\n"
		"            [--sort F|-F] [--q TEXT] --format csv|xlsx|vcf [--version 3.0|4.0]\n"
		"            --out FILE [--as LOGIN] [--lang zh|en]\n"
		"       kehu [--db PATH] contact export --format vcf ... (the same, for contacts)\n"
		"       kehu [--db PATH] import-vcard FILE --customer ID [--as LOGIN] [--json]\n\n"
		"LIST: customers, contacts, products, orders, payments, activities, opportunities,\n"
		"tasks, important_dates, competitors. The filters and sort are the list's (kehu\n"
		"LIST list --help); --filter takes them as a query string: 'segment=finance&grade=A'.\n"
		"CSV is UTF-8 with a BOM; vcf (contacts) is vCard 3.0, or 4.0 with --version.\n"
		"--as LOGIN exports what that user's list shows. --out - writes CSV or vCard to\n"
		"stdout. Headers are in 中文 unless --lang en.\n");
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
		: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Percent- and plus-decoding of a query component, in place. */
static void unescape(char *s)
{
	char *o = s;

	for (; *s; s++) {
		if (*s == '+') {
			*o++ = ' ';
		} else if (*s == '%' && hexval(s[1]) >= 0 && hexval(s[2]) >= 0) {
			*o++ = (char)(hexval(s[1]) * 16 + hexval(s[2]));
			s += 2;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
}

/* --filter 'a=1&b=2' into filters (sort and q too, as the API takes them). */
static int parse_filter(const char *query, json_t *filters, struct kh_error *err)
{
	char *copy = strdup(query), *next;
	int rc = 0;

	if (!copy)
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	for (char *arg = copy; rc == 0 && arg && *arg; arg = next) {
		char *eq;

		if ((next = strchr(arg, '&')))
			*next++ = '\0';
		if (!*arg)
			continue;
		if (!(eq = strchr(arg, '=')))
			rc = kh_error_set(err, KH_EINVAL, "filter", "--filter takes NAME=VALUE&...");
		else {
			*eq = '\0';
			unescape(arg);
			unescape(eq + 1);
			if (json_object_get(filters, arg))
				rc = kh_error_set(err, KH_EINVAL, "filter", "%s is given twice", arg);
			else
				json_object_set_new(filters, arg, json_string(eq + 1));
		}
	}
	free(copy);
	return rc;
}

/* --as LOGIN: act as that user, as the server would after their login. */
static int act_as(struct kh_cli *cli, json_t *opts, struct kh_error *err)
{
	if (!json_object_get(opts, "as"))
		return 0;
	return kh_cli_act_as(cli, json_string_value(json_object_get(opts, "as")), err);
}

static int write_file(struct kh_export *x, const char *format, int version, const char *out,
		      struct kh_error *err)
{
	char tmp[4096];
	struct kh_strbuf sb;
	bool to_stdout = strcmp(out, "-") == 0, done = false;
	FILE *fp;
	int rc = 0;

	if (strcmp(format, "xlsx") == 0) {
		if (to_stdout)
			return kh_error_set(err, KH_EINVAL, "out", "xlsx needs a file, not stdout");
		snprintf(tmp, sizeof(tmp), "%s.tmp-%ld", out, (long)getpid());
		if ((rc = kh_export_xlsx_file(x, tmp, err)) == 0 && rename(tmp, out))
			rc = kh_error_set(err, KH_EIO, "out", "cannot write %s", out);
		unlink(tmp);
		return rc;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp-%ld", out, (long)getpid());
	if (!(fp = to_stdout ? stdout : fopen(tmp, "wb")))
		return kh_error_set(err, KH_EIO, "out", "cannot create %s", out);
	if (!version) {
		rc = kh_export_csv_file(x, fp, err);
	} else {
		kh_strbuf_init(&sb, 0);
		while (rc == 0 && !done) {
			rc = kh_export_vcf_chunk(x, version, &sb, 64 * 1024, &done, err);
			if (rc == 0 && sb.len && fwrite(sb.buf, 1, sb.len, fp) != sb.len)
				rc = kh_error_set(err, KH_EIO, "out", "cannot write %s", out);
			kh_strbuf_reset(&sb);
		}
		kh_strbuf_release(&sb);
	}
	if (to_stdout)
		return rc || fflush(fp) ? (rc ? rc : kh_error_set(err, KH_EIO, "out", "stdout")) : 0;
	if (fclose(fp) && rc == 0)
		rc = kh_error_set(err, KH_EIO, "out", "cannot write %s", out);
	if (rc == 0 && rename(tmp, out))
		rc = kh_error_set(err, KH_EIO, "out", "cannot write %s", out);
	unlink(tmp);
	return rc;
}

static int check_format(json_t *opts, const char *type, const char **format, int *version,
			struct kh_error *err)
{
	const char *v = json_string_value(json_object_get(opts, "version"));

	*format = json_string_value(json_object_get(opts, "format"));
	*version = 0;
	if (!*format || (strcmp(*format, "csv") && strcmp(*format, "xlsx") && strcmp(*format, "vcf")))
		return kh_error_set(err, KH_EINVAL, "format", "--format is csv, xlsx or vcf");
	if (strcmp(*format, "vcf") == 0) {
		if (strcmp(type, "contacts"))
			return kh_error_set(err, KH_EINVAL, "format", "only contacts are exported as vcf");
		if (v && strcmp(v, "3.0") && strcmp(v, "4.0"))
			return kh_error_set(err, KH_EINVAL, "version", "--version is 3.0 or 4.0");
		*version = v && strcmp(v, "4.0") == 0 ? 40 : 30;
	} else if (v) {
		return kh_error_set(err, KH_EINVAL, "version", "--version is for --format vcf");
	}
	if (!json_object_get(opts, "out"))
		return kh_error_set(err, KH_EINVAL, "out", "--out FILE is required (- for stdout)");
	return 0;
}

/* The list's filters: every option that is not the command's own. */
static int list_request(json_t *opts, json_t *filters, struct kh_export_request *req,
			struct kh_error *err)
{
	const char *key, *lang = json_string_value(json_object_get(opts, "lang"));
	json_t *v;

	json_object_foreach(opts, key, v) {
		size_t i;

		for (i = 0; own_options[i] && strcmp(own_options[i], key); i++)
			;
		if (!own_options[i])
			json_object_set(filters, key, v);
	}
	if (json_object_get(opts, "filter") &&
	    parse_filter(json_string_value(json_object_get(opts, "filter")), filters, err))
		return KH_EINVAL;
	if (lang && strcmp(lang, "zh") && strcmp(lang, "en"))
		return kh_error_set(err, KH_EINVAL, "lang", "--lang is zh or en");
	req->zh = !lang || strcmp(lang, "zh") == 0;
	/* --filter may carry the list's sort and q, as the web UI's query does:
	 * they move to opts, which outlives the export. */
	for (size_t i = 0; i < 2; i++) {
		const char *name = i ? "q" : "sort";

		if ((v = json_object_get(filters, name)) && !json_object_get(opts, name))
			json_object_set(opts, name, v);
		json_object_del(filters, name);
	}
	json_object_del(filters, "format");
	req->list.sort = json_string_value(json_object_get(opts, "sort"));
	req->list.q = json_string_value(json_object_get(opts, "q"));
	req->list.filters = filters;
	return 0;
}

static int run_export(struct kh_cli *cli, const char *cmd, const char *type, json_t *opts)
{
	struct kh_export_request req = {.type = type};
	struct kh_export *x = NULL;
	struct kh_error err = {0};
	json_t *filters = json_object();
	int version = 0, rc;

	if (check_format(opts, type, &req.format, &version, &err) ||
	    list_request(opts, filters, &req, &err)) {
		json_decref(filters);
		return kh_cli_fail(cmd, &err);
	}
	if ((rc = kh_cli_open(cli, cmd))) {
		json_decref(filters);
		return rc;
	}
	if (act_as(cli, opts, &err) || kh_export_open(&cli->ctx, &req, &x, &err) ||
	    write_file(x, req.format, version, json_string_value(json_object_get(opts, "out")),
		       &err) ||
	    kh_export_finish(x, true, &err)) {
		kh_export_free(x);
		json_decref(filters);
		return kh_cli_fail(cmd, &err);
	}
	if (strcmp(json_string_value(json_object_get(opts, "out")), "-"))
		fprintf(stderr, "kehu: %s: %lld rows to %s\n", cmd, (long long)kh_export_rows(x),
			json_string_value(json_object_get(opts, "out")));
	kh_export_free(x);
	json_decref(filters);
	return KH_EXIT_OK;
}

int kh_cmd_export(struct kh_cli *cli, const char *type, int argc, char **argv)
{
	const char *pos[1];
	char cmd[64];
	json_t *opts;
	int npos, rc;

	snprintf(cmd, sizeof(cmd), "%s", type ? argv[0] : "export");
	if (type)
		snprintf(cmd, sizeof(cmd), "%s export", argv[0]);
	opts = kh_cli_options(cli, cmd, argc - (type ? 2 : 1), argv + (type ? 2 : 1), pos, 0,
			      &npos);
	if (!opts)
		return cli->options_status;
	if (cli->help) {
		usage(stdout);
		json_decref(opts);
		return KH_EXIT_OK;
	}
	if (!type && !(type = json_string_value(json_object_get(opts, "type")))) {
		json_decref(opts);
		return kh_cli_usage(cmd, "--type LIST is required (customers, contacts, ...)");
	}
	rc = run_export(cli, cmd, type, opts);
	json_decref(opts);
	return rc;
}

static int read_all(const char *path, struct kh_strbuf *sb, struct kh_error *err)
{
	FILE *fp = fopen(path, "rb");
	char buf[65536];
	size_t n;
	int rc = 0;

	if (!fp)
		return kh_error_set(err, KH_EIO, "file", "cannot open %s", path);
	while (rc == 0 && (n = fread(buf, 1, sizeof(buf), fp)) > 0)
		if (kh_strbuf_add(sb, buf, n))
			rc = kh_error_set(err, KH_ELIMIT, "file", "%s is larger than %u bytes", path,
					  KH_VCARD_FILE_MAX);
	if (ferror(fp) && rc == 0)
		rc = kh_error_set(err, KH_EIO, "file", "cannot read %s", path);
	fclose(fp);
	return rc;
}

int kh_cmd_import_vcard(struct kh_cli *cli, int argc, char **argv)
{
	const char *pos[1] = {NULL}, *cmd = "import-vcard";
	static const char *const known[] = {"customer", "as", NULL};
	struct kh_error err = {0};
	struct kh_strbuf file;
	json_t *opts, *out = NULL;
	int64_t customer = 0;
	int npos = 0, rc;

	if (!(opts = kh_cli_options(cli, cmd, argc - 1, argv + 1, pos, 1, &npos)))
		return cli->options_status;
	if (cli->help) {
		usage(stdout);
		json_decref(opts);
		return KH_EXIT_OK;
	}
	if ((rc = kh_cli_options_known(cmd, opts, known)) ||
	    (!npos && (rc = kh_cli_usage(cmd, "which file? kehu import-vcard FILE --customer ID")))) {
		json_decref(opts);
		return rc;
	}
	kh_strbuf_init(&file, KH_VCARD_FILE_MAX);
	if (!json_object_get(opts, "customer")) {
		kh_error_set(&err, KH_EINVAL, "customer", "--customer ID is required");
		goto fail;
	}
	if (kh_parse_int64(json_string_value(json_object_get(opts, "customer")), 1, INT64_MAX,
			   &customer, "customer", &err) ||
	    read_all(pos[0], &file, &err))
		goto fail;
	if ((rc = kh_cli_open(cli, cmd)))
		goto out;
	if (act_as(cli, opts, &err) ||
	    kh_vcard_import(&cli->ctx, customer, file.buf ? file.buf : "", file.len, &out, &err))
		goto fail;
	if (cli->json)
		kh_cli_print_json(out);
	else
		printf("%lld created, %lld updated\n",
		       (long long)json_integer_value(json_object_get(out, "created")),
		       (long long)json_integer_value(json_object_get(out, "updated")));
	rc = KH_EXIT_OK;
	goto out;
fail:
	rc = kh_cli_fail(cmd, &err);
out:
	json_decref(out);
	json_decref(opts);
	kh_strbuf_release(&file);
	return rc;
}
