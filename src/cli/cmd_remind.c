/* cmd_remind.c: `kehu remind --run [--date YYYY-MM-DD] [--json]`: one reminder
 * run (service/comms/remind.h) for cron; `kehu serve` runs it every few
 * minutes. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/parse.h"
#include "service/comms/remind.h"
#include "base/banned.h"

int kh_cmd_remind(struct kh_cli *cli, int argc, char **argv)
{
	static const char *const flags[] = {"run", NULL};
	static const char *const known[] = {"run", "date", NULL};
	const char *pos[1] = {NULL};
	struct kh_error err = {0};
	json_t *opts, *out = NULL, *one;
	const char *date;
	int32_t day;
	size_t i;
	int npos, rc;

	opts = kh_cli_options_flags(cli, "remind", argc - 1, argv + 1, flags, pos, 0, &npos);
	if (!opts)
		return cli->options_status;
	if (cli->help) {
		printf("usage: kehu [--db PATH] remind --run [--date YYYY-MM-DD] [--json]\n"
		       "One reminder run: every user's to-do items (as `kehu todo --user` lists\n"
		       "them, in the kinds of their reminder settings) become notifications, one\n"
		       "per item and due day (a second run adds none), and each user who asked for\n"
		       "the daily e-mail and whose digest hour (UTC) has come gets the digest, once\n"
		       "a day (a failed one is tried again at the next run). --date runs it for\n"
		       "that day (a past day: every digest hour has come). For cron; `kehu serve`\n"
		       "runs it every KEHU_REMIND_SECONDS (300).\n");
		json_decref(opts);
		return KH_EXIT_OK;
	}
	if ((rc = kh_cli_options_known("remind", opts, known))) {
		json_decref(opts);
		return rc;
	}
	if (!json_is_true(json_object_get(opts, "run"))) {
		json_decref(opts);
		return kh_cli_usage("remind", "say --run: kehu remind --run [--date YYYY-MM-DD]");
	}
	date = json_string_value(json_object_get(opts, "date"));
	if (date && kh_parse_date(date, &day, "date", &err)) {
		json_decref(opts);
		return kh_cli_fail("remind", &err);
	}
	/* the to-do centre's day is kh_today(): the command is single-threaded */
	if (date)
		setenv("KEHU_TODAY", date, 1);
	json_decref(opts);
	if ((rc = kh_cli_open(cli, "remind")))
		return rc;
	if (kh_remind_run(&cli->ctx, kh_remind_hour_now(), NULL, &out, &err)) {
		json_decref(out);
		return kh_cli_fail("remind", &err);
	}
	if (cli->json) {
		kh_cli_print_json(out);
		json_decref(out);
		return KH_EXIT_OK;
	}
	json_array_foreach(json_object_get(out, "log"), i, one) {
		const char *why = json_string_value(json_object_get(one, "error"));

		printf("%s: %lld new notification%s, digest %s%s%s\n",
		       json_string_value(json_object_get(one, "user")),
		       (long long)json_integer_value(json_object_get(one, "added")),
		       json_integer_value(json_object_get(one, "added")) == 1 ? "" : "s",
		       json_string_value(json_object_get(one, "digest")), why ? ": " : "",
		       why ? why : "");
	}
	printf("%s: %lld users, %lld new notifications, %lld digests sent, %lld failed\n",
	       json_string_value(json_object_get(out, "day")),
	       (long long)json_integer_value(json_object_get(out, "users")),
	       (long long)json_integer_value(json_object_get(out, "added")),
	       (long long)json_integer_value(json_object_get(out, "sent")),
	       (long long)json_integer_value(json_object_get(out, "failed")));
	json_decref(out);
	return KH_EXIT_OK;
}
