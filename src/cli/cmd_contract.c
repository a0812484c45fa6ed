/*
 * cmd_contract.c: what `kehu contract` and `kehu receivable` add to the
 * registry's actions (cmd_entity.c): submit, approve, reject and cancel
 * (service/sales/approval.h), with --comment.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "service/entity.h"
#include "service/sales/contract.h"
#include "service/sales/receivable.h"
#include "base/banned.h"

static void usage(FILE *out, const char *word)
{
	fprintf(out, "usage: kehu [--db PATH] %s submit|approve|reject|cancel ID "
		"[--comment TEXT] [--json]\n\n"
		"The approval of a %s: submit a draft (or a rejected one) for review; the\n"
		"owner's team leader or a manager over the owner approves or rejects it (a\n"
		"rejection needs --comment); a draft, rejected or approved one is cancelled.\n"
		"Prints the %s as it is after.\n", word, word, word);
}

int kh_cmd_approval(struct kh_cli *cli, int argc, char **argv)
{
	static const char *const known[] = {"comment", NULL};
	bool contract = strcmp(argv[0], "contract") == 0;
	const char *pos[1] = {NULL}, *verb = argv[1];
	struct kh_error err = {0};
	json_t *opts, *out = NULL;
	char cmd[64];
	int64_t id = 0;
	int npos = 0, rc;

	snprintf(cmd, sizeof(cmd), "%s %s", argv[0], verb);
	if (!(opts = kh_cli_options(cli, cmd, argc - 2, argv + 2, pos, 1, &npos)))
		return cli->options_status;
	if (cli->help) {
		usage(stdout, argv[0]);
		rc = KH_EXIT_OK;
		goto out;
	}
	if ((rc = kh_cli_options_known(cmd, opts, known)))
		goto out;
	if (npos != 1 || kh_parse_int64(pos[0], 1, INT64_MAX, &id, "id", &err)) {
		rc = kh_cli_usage(cmd, "give the %s's id", argv[0]);
		goto out;
	}
	if ((rc = kh_cli_open(cli, cmd)))
		goto out;
	if ((contract ? kh_contract_act(&cli->ctx, id, verb, opts, &err)
		      : kh_receivable_act(&cli->ctx, id, verb, opts, &err)) ||
	    (contract ? kh_contract_get(&cli->ctx, id, &out, &err)
		      : kh_entity_get(&cli->ctx, &kh_receivable_entity, id, &out, &err))) {
		rc = kh_cli_fail(cmd, &err);
		goto out;
	}
	if (cli->json)
		kh_cli_print_json(out);
	else
		kh_cli_print_fields(out, "");
	rc = KH_EXIT_OK;
out:
	json_decref(out);
	json_decref(opts);
	return rc;
}
