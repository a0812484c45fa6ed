/*
 * main.c: the kehu command: global options (--db), then one sub-command.
 * Each sub-command lives in its own cmd_*.c file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_clv.h"
#include "base/banned.h"

static void usage(FILE *out)
{
	fprintf(out,
		"usage: kehu [--db PATH] COMMAND [ARGS] [--json] [--help]\n\n"
		"The customer file:\n"
		"  init                         create or upgrade the database\n"
		"  customer add|show|edit|rm|list|history\n"
		"  contact  add|show|edit|rm|list|history\n"
		"  product, order, payment, activity, opportunity, task, date, competitor\n"
		"                               the same actions for the other records\n"
		"  search QUERY                 name, pinyin (zhangsan, zs) or phone digits\n"
		"  lookup PHONE                 the whole file of the customer who is calling\n"
		"  settings [set KEY VALUE]     the thresholds of every classification\n\n"
		"Analysis:\n"
		"  analyze                      re-classify every customer, print a summary\n"
		"  next-visits [--rep LOGIN]    who each rep should see next, and why\n"
		"  clv --transactions FILE.csv  BG/NBD + Gamma-Gamma lifetime value of a log\n\n"
		"Server and accounts:\n"
		"  serve [--port N] [--bind A]  the HTTP JSON API (docs/api.md)\n"
		"  user add|list, team add|list, token create LOGIN|list [LOGIN]|revoke ID\n\n"
		"Data:\n"
		"  demo --customers N [--seed S]  fill the database with realistic demo data\n\n"
		"--db defaults to $KEHU_DB, then kehu.db. `kehu COMMAND --help` tells more.\n");
}

static int cmd_init(struct kh_cli *cli, int argc, char **argv)
{
	int rc;

	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		printf("usage: kehu [--db PATH] init\nCreates the database, or brings an existing "
		       "one to the current schema.\n");
		return KH_EXIT_OK;
	}
	if (argc > 1)
		return kh_cli_usage("init", "init takes no arguments");
	if ((rc = kh_cli_open(cli, "init")))
		return rc;
	printf("%s: schema version %d\n", cli->db_path, kh_store_schema_version(cli->store));
	return KH_EXIT_OK;
}

int main(int argc, char **argv)
{
	struct kh_cli cli = {0};
	int i = 1, rc;

	cli.db_path = getenv("KEHU_DB");
	if (!cli.db_path || !*cli.db_path)
		cli.db_path = "kehu.db";
	while (i < argc && strncmp(argv[i], "--", 2) == 0) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			cli.db_path = argv[i + 1];
			i += 2;
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			cli.db_path = argv[i] + 5;
			i++;
		} else if (strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return KH_EXIT_OK;
		} else {
			fprintf(stderr, "kehu: unknown option %s\n", argv[i]);
			usage(stderr);
			return KH_EXIT_USAGE;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return KH_EXIT_USAGE;
	}
	argc -= i;
	argv += i;
	if (strcmp(argv[0], "init") == 0)
		rc = cmd_init(&cli, argc, argv);
	else if (kh_cli_entity_known(argv[0]) >= 0)
		rc = kh_cmd_entity(&cli, argc, argv);
	else if (strcmp(argv[0], "lookup") == 0)
		rc = kh_cmd_lookup(&cli, argc, argv);
	else if (strcmp(argv[0], "search") == 0)
		rc = kh_cmd_search(&cli, argc, argv);
	else if (strcmp(argv[0], "settings") == 0)
		rc = kh_cmd_settings(&cli, argc, argv);
	else if (strcmp(argv[0], "serve") == 0)
		rc = kh_cmd_serve(&cli, argc, argv);
	else if (strcmp(argv[0], "user") == 0 || strcmp(argv[0], "team") == 0 ||
		 strcmp(argv[0], "token") == 0)
		rc = kh_cmd_user(&cli, argc, argv);
	else if (strcmp(argv[0], "demo") == 0)
		rc = kh_cmd_demo(&cli, argc, argv);
	else if (strcmp(argv[0], "analyze") == 0)
		rc = kh_cmd_analyze(&cli, argc, argv);
	else if (strcmp(argv[0], "next-visits") == 0)
		rc = kh_cmd_next_visits(&cli, argc, argv);
	else if (strcmp(argv[0], "clv") == 0)
		rc = kh_cmd_clv(argc, argv);
	else if (strcmp(argv[0], "help") == 0)
		usage(stdout), rc = KH_EXIT_OK;
	else {
		fprintf(stderr, "kehu: unknown command '%s'\n", argv[0]);
		usage(stderr);
		rc = KH_EXIT_USAGE;
	}
	kh_cli_close(&cli);
	return rc;
}
