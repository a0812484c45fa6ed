/*
 * main.c: the kehu command: global options (--db), then one sub-command.
 * Each sub-command lives in its own cmd_*.c file.
 */
#include <jansson.h>
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
		"  lead     add|show|edit|rm|list|history|convert|followup|followups  线索\n"
		"  contract, receivable  add|show|edit|rm|list|history|submit|approve|reject|cancel\n"
		"                               合同 and 回款, with approval\n"
		"  plan, product, order, payment, activity, opportunity, task, date, competitor\n"
		"                               the same actions for the other records\n"
		"  search QUERY                 name, pinyin (zhangsan, zs) or phone digits\n"
		"  lookup PHONE                 the whole file of the customer who is calling\n"
		"  duplicates [check --name N]  customers sharing a credit code, name, phone or email\n"
		"  settings [set KEY VALUE]     the thresholds of every classification\n"
		"  pool sweep [--dry-run]       move due customers to the public pool (for cron)\n"
		"  remind --run [--date D]      notifications and the daily e-mail digest (for cron)\n"
		"  mail test --to ADDR          test messages through the mail setup\n"
		"  report add|list|show         daily and weekly reports (日报/周报)\n"
		"  campaign add|list|preview|send|report|run\n"
		"                               e-mail campaigns to old customers (营销邮件)\n\n"
		"Analysis:\n"
		"  analyze                      re-classify every customer, print a summary\n"
		"  next-visits [--rep LOGIN]    who each rep should see next, and why\n"
		"  todo [--user LOGIN]          the to-do centre (待办): counts and lists\n"
		"  clv --transactions FILE.csv  BG/NBD + Gamma-Gamma lifetime value of a log\n\n"
		"Server and accounts:\n"
		"  serve [--port N] [--bind A]  the HTTP JSON API (docs/api.md)\n"
		"  user add|list, team add|list, token create LOGIN|list [LOGIN]|revoke ID\n\n"
		"Data:\n"
		"  export --type LIST --format csv|xlsx|vcf --out FILE [--FIELD VALUE ...]\n"
		"                               a list as filtered and sorted, to a file\n"
		"  import-vcard FILE --customer ID  contacts from vCards (3.0, 4.0)\n"
		"  import FILE --type TYPE        load a sheet of customers, contacts, products, ...\n"
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

/* The global options: the words before the command, read by the options
 * helper so that one given twice is refused like any other. The caller
 * frees *opts (NULL or the object that holds the --db string) after the
 * command. Returns -1 to go on, else the exit code. */
static int global_options(struct kh_cli *cli, int argc, char **argv, json_t **opts,
			  int *cmd_at)
{
	const char *db;
	int i = 1, npos;

	for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
		if (strcmp(argv[i], "--db") == 0)
			i++; /* its value */
		else if (strncmp(argv[i], "--db=", 5) && strcmp(argv[i], "--help"))
			return kh_cli_usage(NULL, "option %s is not known", argv[i]);
	}
	*cmd_at = i < argc ? i : argc;
	if (!(*opts = kh_cli_options(cli, NULL, *cmd_at - 1, argv + 1, NULL, 0, &npos)))
		return cli->options_status;
	if (cli->help) {
		usage(stdout);
		return KH_EXIT_OK;
	}
	if ((db = json_string_value(json_object_get(*opts, "db")))) {
		cli->db_path = db;
		cli->db_given = true;
	}
	if (*cmd_at >= argc) {
		usage(stderr);
		return KH_EXIT_USAGE;
	}
	return -1;
}

int main(int argc, char **argv)
{
	struct kh_cli cli = {0};
	json_t *globals = NULL;
	int i = argc, rc;

	cli.db_path = getenv("KEHU_DB");
	if (!cli.db_path || !*cli.db_path)
		cli.db_path = "kehu.db";
	if ((rc = global_options(&cli, argc, argv, &globals, &i)) >= 0) {
		json_decref(globals);
		return rc;
	}
	argc -= i;
	argv += i;
	if (strcmp(argv[0], "init") == 0)
		rc = cmd_init(&cli, argc, argv);
	else if (kh_cli_entity_known(argv[0]) >= 0)
		rc = kh_cmd_entity(&cli, argc, argv);
	else if (strcmp(argv[0], "export") == 0)
		rc = kh_cmd_export(&cli, NULL, argc, argv);
	else if (strcmp(argv[0], "import-vcard") == 0)
		rc = kh_cmd_import_vcard(&cli, argc, argv);
	else if (strcmp(argv[0], "lookup") == 0)
		rc = kh_cmd_lookup(&cli, argc, argv);
	else if (strcmp(argv[0], "search") == 0)
		rc = kh_cmd_search(&cli, argc, argv);
	else if (strcmp(argv[0], "duplicates") == 0)
		rc = kh_cmd_duplicates(&cli, argc, argv);
	else if (strcmp(argv[0], "settings") == 0)
		rc = kh_cmd_settings(&cli, argc, argv);
	else if (strcmp(argv[0], "serve") == 0)
		rc = kh_cmd_serve(&cli, argc, argv);
	else if (strcmp(argv[0], "pool") == 0)
		rc = kh_cmd_pool(&cli, argc, argv);
	else if (strcmp(argv[0], "remind") == 0)
		rc = kh_cmd_remind(&cli, argc, argv);
	else if (strcmp(argv[0], "mail") == 0)
		rc = kh_cmd_mail(&cli, argc, argv);
	else if (strcmp(argv[0], "user") == 0 || strcmp(argv[0], "team") == 0 ||
		 strcmp(argv[0], "token") == 0)
		rc = kh_cmd_user(&cli, argc, argv);
	else if (strcmp(argv[0], "import") == 0)
		rc = kh_cmd_import(&cli, argc, argv);
	else if (strcmp(argv[0], "demo") == 0)
		rc = kh_cmd_demo(&cli, argc, argv);
	else if (strcmp(argv[0], "analyze") == 0)
		rc = kh_cmd_analyze(&cli, argc, argv);
	else if (strcmp(argv[0], "next-visits") == 0)
		rc = kh_cmd_next_visits(&cli, argc, argv);
	else if (strcmp(argv[0], "report") == 0)
		rc = kh_cmd_report(&cli, argc, argv);
	else if (strcmp(argv[0], "campaign") == 0)
		rc = kh_cmd_campaign(&cli, argc, argv);
	else if (strcmp(argv[0], "todo") == 0)
		rc = kh_cmd_todo(&cli, argc, argv);
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
	json_decref(globals);
	return rc;
}
