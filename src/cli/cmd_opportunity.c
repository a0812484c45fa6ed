/*
 * cmd_opportunity.c: what `kehu opportunity` adds to the registry's actions
 * (cmd_entity.c): `opportunity stages ID`, the stage history
 * (service/sales/stage.h).
 */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "service/sales/stage.h"
#include "base/banned.h"

static void usage(FILE *out)
{
	fprintf(out, "usage: kehu [--db PATH] opportunity stages ID [--json]\n\n"
		"The stage history of the opportunity, oldest first: when, who, from which\n"
		"stage (- for the creation) to which, and the reason of a change to lost.\n");
}

static void print_stages(json_t *items)
{
	size_t i;
	json_t *h;

	json_array_foreach(items, i, h) {
		const char *from = json_string_value(json_object_get(h, "from_stage"));
		const char *who = json_string_value(json_object_get(h, "user_name"));
		const char *reason = json_string_value(json_object_get(h, "lost_reason"));

		printf("%s  %-12s  %-11s -> %-11s%s%s\n",
		       json_string_value(json_object_get(h, "at")), who ? who : "-",
		       from ? from : "-", json_string_value(json_object_get(h, "to_stage")),
		       reason ? "  " : "", reason ? reason : "");
	}
}

/* argv[0] is "stages". */
int kh_cmd_opportunity_stages(struct kh_cli *cli, int argc, char **argv)
{
	static const char *const none[] = {NULL};
	const char *pos[1] = {NULL};
	const char *cmd = "opportunity stages";
	struct kh_error err = {0};
	json_t *opts, *out = NULL;
	int64_t id = 0;
	int npos = 0, rc;

	if (!(opts = kh_cli_options(cli, cmd, argc - 1, argv + 1, pos, 1, &npos)))
		return cli->options_status;
	if (cli->help) {
		usage(stdout);
		rc = KH_EXIT_OK;
		goto out;
	}
	if ((rc = kh_cli_options_known(cmd, opts, none)))
		goto out;
	if (npos != 1 || kh_parse_int64(pos[0], 1, INT64_MAX, &id, "id", &err)) {
		rc = kh_cli_usage(cmd, "give the opportunity's id");
		goto out;
	}
	if ((rc = kh_cli_open_read(cli, cmd)))
		goto out;
	if (kh_opportunity_stages(&cli->ctx, id, &out, &err)) {
		rc = kh_cli_fail(cmd, &err);
		goto out;
	}
	if (cli->json)
		kh_cli_print_json(out);
	else
		print_stages(json_object_get(out, "items"));
	rc = KH_EXIT_OK;
out:
	json_decref(out);
	json_decref(opts);
	return rc;
}
