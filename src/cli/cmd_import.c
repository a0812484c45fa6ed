/*
 * cmd_import.c: `kehu import FILE --type TYPE [--map ...] [--mode ...]
 * [--dry-run] [--partial] [--rejects FILE] [--as LOGIN] [--lang zh|en]`
 * and `kehu import --template TYPE [--lang zh|en]` (see service/io/import.h).
 * A progress bar goes to stderr when it is a terminal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "service/io/import.h"
#include "base/banned.h"

static const char *const known[] = {"type", "map", "mode", "dry_run", "partial", "rejects",
				    "as", "lang", "template", NULL};

static void usage(void)
{
	printf("usage: kehu [--db PATH] import FILE --type TYPE [--map \"表头=field,...\"]\n"
	       "              [--mode create|update|upsert] [--dry-run] [--partial]\n"
	       "              [--rejects FILE] [--as LOGIN] [--lang zh|en] [--json]\n"
	       "       kehu import --template TYPE [--lang zh|en] > template.csv\n\n"
	       "TYPE: customers, contacts, products, orders, activities, opportunities.\n"
	       "Columns are matched by their headers, in Chinese or English (客户名称 or name,\n"
	       "手机 or mobile, ...); --map names the field of a header (- to skip a column).\n"
	       "--mode create (default) refuses rows whose natural key exists, update those\n"
	       "whose key does not, upsert does both. The file is one transaction: any bad\n"
	       "row and nothing is imported, unless --partial, which keeps the good rows.\n"
	       "--dry-run does everything and then changes nothing. --rejects writes each bad\n"
	       "row with its line, column and reason. --as acts as that user (their data\n"
	       "scope and rights), else as the local operator. Orders: one row per line,\n"
	       "adjacent rows with one 订单号/order_no are one order.\n");
}

/* zh or en: --lang, else the locale, else Chinese (the UI's default). */
static enum kh_lang cli_lang(json_t *opts)
{
	const char *env[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	const char *v = json_string_value(json_object_get(opts, "lang"));

	if (v)
		return kh_lang_parse(v, KH_LANG_ZH);
	for (size_t i = 0; i < 3; i++)
		if ((v = getenv(env[i])) && *v)
			return kh_lang_parse(v, KH_LANG_ZH);
	return KH_LANG_ZH;
}

static void progress_bar(void *arg, const struct kh_import_counts *c)
{
	int width = 40, done;
	double share = c->bytes_total ? (double)c->bytes_read / (double)c->bytes_total : 0;

	(void)arg;
	if (share > 1)
		share = 1;
	done = (int)(share * width);
	fprintf(stderr, "\r[%.*s%*s] %3d%% %lld rows", done,
		"########################################", width - done, "", (int)(share * 100),
		(long long)c->rows);
	fflush(stderr);
}

static int template(struct kh_cli *cli, json_t *opts)
{
	enum kh_import_type type;
	struct kh_strbuf out;
	int rc;

	(void)cli;
	if (kh_import_type_parse(json_string_value(json_object_get(opts, "template")), &type))
		return kh_cli_usage("import", "--template takes customers, contacts, products, "
				    "orders, activities or opportunities");
	kh_strbuf_init(&out, 0);
	rc = kh_import_template(type, cli_lang(opts), &out);
	if (rc == 0)
		fwrite(out.buf, 1, out.len, stdout);
	kh_strbuf_release(&out);
	return rc ? KH_EXIT_FAIL : KH_EXIT_OK;
}

static json_t *result_json(const struct kh_import_result *r, const struct kh_import_params *p)
{
	const struct kh_import_counts *c = &r->counts;

	return json_pack("{s:s, s:s, s:b, s:b, s:b, s:I, s:I, s:I, s:I, s:I, s:O, s:O, s:s?}",
			 "type", kh_import_type_name(p->type), "mode", kh_import_mode_name(p->mode),
			 "dry_run", p->dry_run, "partial", p->partial, "committed", r->committed,
			 "rows", (json_int_t)c->rows, "created", (json_int_t)c->created, "updated",
			 (json_int_t)c->updated, "skipped", (json_int_t)c->skipped, "rejected",
			 (json_int_t)c->rejected, "columns", r->columns, "warnings", r->warnings,
			 "rejects", p->rejects);
}

static void print_summary(const struct kh_import_result *r, const struct kh_import_params *p)
{
	const struct kh_import_counts *c = &r->counts;
	size_t i;
	json_t *w;

	json_array_foreach(r->warnings, i, w)
		fprintf(stderr, "kehu: import: warning: %s\n", json_string_value(w));
	printf("%s%s: %lld rows: %lld created, %lld updated, %lld skipped, %lld rejected\n",
	       p->dry_run ? "dry run: " : "", kh_import_type_name(p->type), (long long)c->rows,
	       (long long)c->created, (long long)c->updated, (long long)c->skipped,
	       (long long)c->rejected);
	if (c->rejected && p->rejects)
		printf("rejected rows: %s\n", p->rejects);
	if (!r->committed)
		printf(p->dry_run ? "nothing was changed (dry run)\n"
				  : "nothing was imported: fix the rejected rows, or use --partial\n");
}

static int parse_params(json_t *opts, struct kh_import_params *p)
{
	const char *mode = json_string_value(json_object_get(opts, "mode"));

	if (kh_import_type_parse(json_string_value(json_object_get(opts, "type")), &p->type))
		return kh_cli_usage("import", "--type takes customers, contacts, products, orders, "
				    "activities or opportunities");
	p->mode = KH_IMPORT_CREATE;
	if (mode && kh_import_mode_parse(mode, &p->mode))
		return kh_cli_usage("import", "--mode takes create, update or upsert");
	p->dry_run = json_is_true(json_object_get(opts, "dry_run"));
	p->partial = json_is_true(json_object_get(opts, "partial"));
	p->map = json_string_value(json_object_get(opts, "map"));
	p->rejects = json_string_value(json_object_get(opts, "rejects"));
	p->lang = cli_lang(opts);
	if (isatty(STDERR_FILENO))
		p->progress = progress_bar;
	return 0;
}

int kh_cmd_import(struct kh_cli *cli, int argc, char **argv)
{
	static const char *const flags[] = {"dry_run", "partial", NULL};
	struct kh_import_params p = {0};
	struct kh_import_result r = {0};
	struct kh_error err = {0};
	const char *pos[1] = {NULL};
	json_t *opts, *as;
	int npos = 0, rc;

	opts = kh_cli_options_flags(cli, "import", argc - 1, argv + 1, flags, pos, 1, &npos);
	if (!opts)
		return cli->options_status;
	if (cli->help) {
		usage();
		rc = KH_EXIT_OK;
		goto out;
	}
	if ((rc = kh_cli_options_known("import", opts, known)))
		goto out;
	if (json_object_get(opts, "template")) {
		rc = template(cli, opts);
		goto out;
	}
	if (npos != 1) {
		rc = kh_cli_usage("import", "import takes one FILE (or --template TYPE)");
		goto out;
	}
	if ((rc = parse_params(opts, &p)) || (rc = kh_cli_open(cli, "import")))
		goto out;
	as = json_object_get(opts, "as");
	if (as && kh_cli_act_as(cli, json_string_value(as), &err)) {
		rc = kh_cli_fail("import", &err);
		goto out;
	}
	rc = kh_import_run(&cli->ctx, pos[0], &p, &r, &err);
	if (p.progress)
		fputc('\n', stderr);
	if (rc) {
		rc = kh_cli_fail("import", &err);
	} else if (cli->json) {
		json_t *j = result_json(&r, &p);

		kh_cli_print_json(j);
		json_decref(j);
	} else {
		print_summary(&r, &p);
	}
	if (rc == 0)
		rc = r.counts.rejected && !p.partial ? KH_EXIT_FAIL : KH_EXIT_OK;
	kh_import_result_release(&r);
out:
	json_decref(opts);
	return rc;
}
