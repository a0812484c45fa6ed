/*
 * cli.h: what the sub-commands share: opening the database named by --db,
 * turning "--field value" arguments into an input object, and printing
 * results and errors the same way everywhere. Exit codes: 0 success, 1 the
 * request failed (bad value, not found, database), 2 the command line was
 * malformed.
 */
#ifndef KH_CLI_H
#define KH_CLI_H

#include <jansson.h>
#include <stdbool.h>

#include "base/error.h"
#include "service/context.h"

#define KH_EXIT_OK 0
#define KH_EXIT_FAIL 1
#define KH_EXIT_USAGE 2

struct kh_cli {
	const char *db_path;    /* --db, $KEHU_DB, or kehu.db */
	struct kh_store *store; /* opened by kh_cli_open */
	struct kh_ctx ctx;
	bool json;              /* --json given */
	bool help;              /* --help given */
	bool db_given;          /* --db came before the command */
	int options_status;     /* why kh_cli_options failed: KH_EXIT_USAGE or _FAIL */
};

/* Open cli->db_path (creating and migrating it) and set up the context. */
int kh_cli_open(struct kh_cli *cli, const char *cmd);
/* The same for a command that only reads: the database must exist and is
 * opened read-only (kh_store_open_read), so read-only files can be read. */
int kh_cli_open_read(struct kh_cli *cli, const char *cmd);
void kh_cli_close(struct kh_cli *cli);

/* Print "kehu: cmd: message" for err on stderr; returns KH_EXIT_FAIL. */
int kh_cli_fail(const char *cmd, const struct kh_error *err);
/* Print a usage error; returns KH_EXIT_USAGE. cmd NULL: the global options. */
int kh_cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Parse "--name value" pairs (dashes in names become underscores) of
 * argv[0..argc) into a new object; "--json" and "--help" set the flags;
 * non-option words go to positional (up to max_pos of them). Returns NULL
 * after printing the error: a usage error (cli->options_status =
 * KH_EXIT_USAGE) or an option given twice (KH_EXIT_FAIL naming it: the last
 * one must not silently win; only --line repeats). */
json_t *kh_cli_options(struct kh_cli *cli, const char *cmd, int argc, char **argv,
		       const char **positional, int max_pos, int *npos);
/* The same, for a command that checks its own option names: those in flags
 * (NULL-terminated, underscores for dashes) take no value and are set to
 * true; a flag given twice is refused like any other option. */
json_t *kh_cli_options_flags(struct kh_cli *cli, const char *cmd, int argc, char **argv,
			     const char *const *flags, const char **positional, int max_pos,
			     int *npos);
/* 0 if every key of opts is in known (NULL-terminated); else a usage error
 * naming the first other option (KH_EXIT_USAGE). */
int kh_cli_options_known(const char *cmd, json_t *opts, const char *const *known);
/* Print "option --name is given more than once" as kh_cli_options does, for
 * an option that one command line can give in two places (--db); returns
 * KH_EXIT_FAIL. */
int kh_cli_repeated(const char *cmd, const char *name);

/* --as LOGIN: act as that user, with their scope and rights, as the server
 * would after their login (the store must be open). */
int kh_cli_act_as(struct kh_cli *cli, const char *login, struct kh_error *err);
/* Print v as pretty JSON on stdout. */
void kh_cli_print_json(json_t *v);
/* Print an object as aligned "key: value" lines (nested values as JSON). */
void kh_cli_print_fields(json_t *obj, const char *indent);

/* The index of an entity command word ("customer", "date", ...), or -1. */
int kh_cli_entity_known(const char *word);
/* Print a 360-degree view (service/customers/lookup.h) for people. */
void kh_cli_print_view(json_t *view);

/* Sub-commands: argv[0] is the sub-command's own name. */
int kh_cmd_entity(struct kh_cli *cli, int argc, char **argv);
/* `kehu customer merge` (argv[0] is "merge"). */
int kh_cmd_customer_merge(struct kh_cli *cli, int argc, char **argv);
/* `kehu lead convert|followup|followups ID` (argv[0] is the verb). */
int kh_cmd_lead(struct kh_cli *cli, int argc, char **argv);
/* `opportunity stages ID` (cmd_opportunity.c). */
int kh_cmd_opportunity_stages(struct kh_cli *cli, int argc, char **argv);
/* contract|receivable submit|approve|reject|cancel ID [--comment TEXT]:
 * argv[0] is the record word, argv[1] the verb. */
int kh_cmd_approval(struct kh_cli *cli, int argc, char **argv);
int kh_cmd_lookup(struct kh_cli *cli, int argc, char **argv);
int kh_cmd_search(struct kh_cli *cli, int argc, char **argv);
/* duplicates [check]: the duplicate report and the 查重 lookup. */
int kh_cmd_duplicates(struct kh_cli *cli, int argc, char **argv);
int kh_cmd_demo(struct kh_cli *cli, int argc, char **argv);
int kh_cmd_settings(struct kh_cli *cli, int argc, char **argv);
int kh_cmd_analyze(struct kh_cli *cli, int argc, char **argv);
int kh_cmd_next_visits(struct kh_cli *cli, int argc, char **argv);
/* report add|list|show: daily and weekly reports (cmd_report.c). */
int kh_cmd_report(struct kh_cli *cli, int argc, char **argv);
/* campaign add|list|preview|send|report|run: e-mail campaigns (cmd_campaign.c). */
int kh_cmd_campaign(struct kh_cli *cli, int argc, char **argv);
int kh_cmd_todo(struct kh_cli *cli, int argc, char **argv);
int kh_cmd_serve(struct kh_cli *cli, int argc, char **argv);
/* pool sweep [--dry-run]: the pool rules for cron. */
int kh_cmd_pool(struct kh_cli *cli, int argc, char **argv);
/* mail test --to ADDR: test messages through the mail setup (cmd_mail.c). */
int kh_cmd_mail(struct kh_cli *cli, int argc, char **argv);
/* remind --run [--date D]: one reminder run for cron (cmd_remind.c). */
int kh_cmd_remind(struct kh_cli *cli, int argc, char **argv);
/* export (type NULL: --type says which list) and `contact export` (type
 * "contacts", argv[1] is "export"); import-vcard. */
int kh_cmd_export(struct kh_cli *cli, const char *type, int argc, char **argv);
int kh_cmd_import_vcard(struct kh_cli *cli, int argc, char **argv);
int kh_cmd_import(struct kh_cli *cli, int argc, char **argv);
/* user, team and token: argv[0] says which. */
int kh_cmd_user(struct kh_cli *cli, int argc, char **argv);
/* Print the summary of an analysis (service/analysis/analyze.h) for people. */
void kh_cli_print_analysis(json_t *summary);

#endif
