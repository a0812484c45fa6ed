/*
 * cmd_report.c: `kehu report add|list|show` (service/work/report.h): daily
 * and weekly reports from the command line. A report is written by a user,
 * so add acts as one (--as LOGIN, or --user LOGIN); list and show act as the
 * local operator unless --as says whom, and list's --user picks an author.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "service/work/report.h"
#include "store/accounts/auth.h"
#include "base/banned.h"

static void usage(FILE *out)
{
	fprintf(out,
		"usage: kehu [--db PATH] report add --kind daily|weekly --as LOGIN [--date D]\n"
		"                          [--FIELD TEXT ...] [--prefill] [--submit] [--json]\n"
		"       kehu [--db PATH] report list [--kind K] [--user LOGIN] [--status S]\n"
		"                          [--from D] [--to D] [--as LOGIN] [--json]\n"
		"       kehu [--db PATH] report show ID [--as LOGIN] [--json]\n\n"
		"Daily and weekly reports (日报/周报). add writes LOGIN's draft for the day D\n"
		"(default today; weekly: the Monday of the week, default this week's) with the\n"
		"fields --work-done (工作内容), --gains (收获), --losses (失误/不足), --improve\n"
		"(如何改进), --customer-feedback (客户意见和建议), --handling (处理情况),\n"
		"--reflection (心得) and --plan (计划), each at most 4,000 characters.\n"
		"--prefill fills work_done and plan, when not given, from LOGIN's records of the\n"
		"period (activities, orders, contracts, receipts, new customers and leads, the\n"
		"next period's contacts and tasks); --submit submits it at once (then nobody\n"
		"changes it). --user is the same as --as for add; for list it picks the author.\n");
}

/* Take option name out of opts: its string, or NULL. */
static const char *take(json_t *opts, const char *name, char *buf, size_t size)
{
	const char *s = json_string_value(json_object_get(opts, name));

	if (!s)
		return NULL;
	snprintf(buf, size, "%s", s);
	json_object_del(opts, name);
	return buf;
}

/* The report id as the actor sees it, printed. */
static int show(struct kh_cli *cli, const char *cmd, int64_t id)
{
	struct kh_error err = {0};
	json_t *out = NULL;

	if (kh_report_get(&cli->ctx, id, &out, &err))
		return kh_cli_fail(cmd, &err);
	if (cli->json)
		kh_cli_print_json(out);
	else
		kh_cli_print_fields(out, "");
	json_decref(out);
	return KH_EXIT_OK;
}

static int add(struct kh_cli *cli, json_t *opts)
{
	static const char *const cmd = "report add";
	bool prefill = json_is_true(json_object_get(opts, "prefill"));
	bool submit = json_is_true(json_object_get(opts, "submit"));
	struct kh_error err = {0};
	char login[128], date[64];
	const char *as = take(opts, "as", login, sizeof(login));
	const char *day = take(opts, "date", date, sizeof(date));
	json_t *suggested = NULL;
	int64_t id = 0;
	int rc = KH_EXIT_OK;

	if (!as)
		as = take(opts, "user", login, sizeof(login));
	else if (json_object_get(opts, "user"))
		return kh_cli_usage(cmd, "give --as or --user, not both");
	if (!as)
		return kh_cli_usage(cmd, "give the author: --as LOGIN");
	json_object_del(opts, "prefill");
	json_object_del(opts, "submit");
	if (day)
		json_object_set_new(opts, "period_start", json_string(day));
	if ((rc = kh_cli_open(cli, cmd)))
		return rc;
	if (kh_cli_act_as(cli, as, &err))
		return kh_cli_fail(cmd, &err);
	if (prefill) {
		json_t *args = json_pack("{s:O?}", "kind", json_object_get(opts, "kind"));

		if (args && day)
			json_object_set_new(args, "date", json_string(day));
		rc = kh_report_prefill(&cli->ctx, args, kh_lang_from_env(), &suggested, &err);
		json_decref(args);
		if (rc)
			return kh_cli_fail(cmd, &err);
		for (size_t i = 0; i < 2; i++) {
			const char *f = i ? "plan" : "work_done";
			const char *text = json_string_value(json_object_get(suggested, f));

			if (!json_object_get(opts, f) && text && *text)
				json_object_set_new(opts, f, json_string(text));
		}
		json_decref(suggested);
	}
	if (kh_report_create(&cli->ctx, opts, submit, &id, &err))
		return kh_cli_fail(cmd, &err);
	return show(cli, cmd, id);
}

static void print_list(json_t *out)
{
	json_t *items = json_object_get(out, "items"), *r;
	size_t i;

	json_array_foreach(items, i, r)
		printf("%lld\t%s\t%s\t%s\t%s\n", (long long)json_integer_value(json_object_get(r, "id")),
		       json_string_value(json_object_get(r, "period_start")),
		       json_string_value(json_object_get(r, "kind")),
		       json_string_value(json_object_get(r, "status")),
		       json_string_value(json_object_get(r, "author")));
	printf("%lld report(s)\n", (long long)json_integer_value(json_object_get(out, "total")));
}

static int list(struct kh_cli *cli, json_t *opts)
{
	static const char *const cmd = "report list";
	struct kh_error err = {0};
	char login[128], author[128];
	const char *as = take(opts, "as", login, sizeof(login));
	const char *who = take(opts, "user", author, sizeof(author));
	json_t *out = NULL;
	int rc;

	if ((rc = kh_cli_open(cli, cmd)))
		return rc;
	if (as && kh_cli_act_as(cli, as, &err))
		return kh_cli_fail(cmd, &err);
	if (who) {
		json_t *user = NULL;
		char id[24];

		if (kh_store_user_by_login(cli->store, who, &user, &err))
			return kh_cli_fail(cmd, &err);
		snprintf(id, sizeof(id), "%lld",
			 (long long)json_integer_value(json_object_get(user, "id")));
		json_decref(user);
		json_object_set_new(opts, "author", json_string(id));
	}
	if (kh_report_list(&cli->ctx, opts, &out, &err))
		return kh_cli_fail(cmd, &err);
	if (cli->json)
		kh_cli_print_json(out);
	else
		print_list(out);
	json_decref(out);
	return KH_EXIT_OK;
}

int kh_cmd_report(struct kh_cli *cli, int argc, char **argv)
{
	static const char *const flags[] = {"prefill", "submit", NULL};
	static const char *const add_known[] = {"kind", "date", "as", "user", "prefill", "submit",
						"work_done", "gains", "losses", "improve",
						"customer_feedback", "handling", "reflection", "plan",
						NULL};
	static const char *const list_known[] = {"kind", "user", "status", "from", "to", "as",
						 "limit", "offset", NULL};
	static const char *const show_known[] = {"as", NULL};
	const char *pos[2] = {NULL, NULL};
	struct kh_error err = {0};
	char login[128];
	json_t *opts;
	int64_t id = 0;
	int npos = 0, rc;

	opts = kh_cli_options_flags(cli, "report", argc - 1, argv + 1, flags, pos, 2, &npos);
	if (!opts)
		return cli->options_status;
	if (cli->help || npos == 0) {
		usage(cli->help ? stdout : stderr);
		json_decref(opts);
		return cli->help ? KH_EXIT_OK : KH_EXIT_USAGE;
	}
	if (strcmp(pos[0], "add") == 0 && npos == 1) {
		if ((rc = kh_cli_options_known("report add", opts, add_known)) == 0)
			rc = add(cli, opts);
	} else if (strcmp(pos[0], "list") == 0 && npos == 1) {
		if ((rc = kh_cli_options_known("report list", opts, list_known)) == 0)
			rc = list(cli, opts);
	} else if (strcmp(pos[0], "show") == 0) {
		if (npos != 2 || kh_parse_int64(pos[1], 1, INT64_MAX, &id, "id", &err))
			rc = kh_cli_usage("report show", "give the report's id");
		else if ((rc = kh_cli_options_known("report show", opts, show_known)) == 0 &&
			 (rc = kh_cli_open(cli, "report show")) == 0) {
			const char *as = take(opts, "as", login, sizeof(login));

			rc = as && kh_cli_act_as(cli, as, &err) ? kh_cli_fail("report show", &err)
							 : show(cli, "report show", id);
		}
	} else {
		rc = kh_cli_usage("report", "the action is add, list or show");
	}
	json_decref(opts);
	return rc;
}
