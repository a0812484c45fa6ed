/*
 * cmd_lead.c: what `kehu lead` adds to the registry's actions (cmd_entity.c):
 * `lead convert ID` into a customer with a contact (and an opportunity),
 * `lead followup ID --kind K ...` and `lead followups ID` (service/leads).
 */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "service/leads/lead.h"
#include "base/banned.h"

static void usage(FILE *out)
{
	fprintf(out,
		"usage: kehu [--db PATH] lead convert ID [--customer-name NAME]\n"
		"                                  [--opportunity NAME [--amount 1234.50]] [--force]"
		" [--json]\n"
		"       kehu [--db PATH] lead followup ID --kind visit|call|meeting|email|message|note\n"
		"                                  [--date YYYY-MM-DD] [--subject S] [--note N]"
		" [--next-date YYYY-MM-DD]\n"
		"       kehu [--db PATH] lead followups ID [--json]\n\n"
		"convert makes the lead a customer (its company, else its name), with a contact\n"
		"from its person and, with --opportunity, an opportunity; once only, through\n"
		"duplicate control (--force writes a duplicate anyway). The lead's follow-ups\n"
		"become the customer's.\n");
}

/* --customer-name, --opportunity, --amount, --force into the service's input. */
static json_t *convert_input(json_t *opts)
{
	json_t *in = json_object(), *v;

	if ((v = json_object_get(opts, "customer_name")))
		json_object_set_new(in, "customer", json_pack("{s:O}", "name", v));
	if ((v = json_object_get(opts, "opportunity"))) {
		json_t *opp = json_pack("{s:O}", "name", v);

		if (json_object_get(opts, "amount"))
			json_object_set(opp, "amount", json_object_get(opts, "amount"));
		json_object_set_new(in, "opportunity", opp);
	}
	if (json_object_get(opts, "force"))
		json_object_set(in, "force", json_object_get(opts, "force"));
	return in;
}

static void print_followups(json_t *items)
{
	size_t i;
	json_t *a;

	json_array_foreach(items, i, a) {
		const char *note = json_string_value(json_object_get(a, "note"));
		const char *subject = json_string_value(json_object_get(a, "subject"));

		printf("%lld  %s  %-8s  %s\n", (long long)json_integer_value(json_object_get(a, "id")),
		       json_string_value(json_object_get(a, "date")),
		       json_string_value(json_object_get(a, "kind")),
		       note ? note : subject ? subject : "");
	}
}

/* One verb of an id with its options, the database not yet open. */
static int run(struct kh_cli *cli, const char *cmd, const char *verb, json_t *opts,
	       const char *id_text)
{
	static const char *const convert_known[] = {"customer_name", "opportunity", "amount",
						    "force", NULL};
	static const char *const followup_known[] = {"kind", "date", "subject", "note",
						     "next_date", NULL};
	static const char *const none[] = {NULL};
	struct kh_error err = {0};
	json_t *in = NULL, *out = NULL;
	int64_t id = 0, act = 0;
	bool convert = strcmp(verb, "convert") == 0, followup = strcmp(verb, "followup") == 0;
	int rc;

	if ((rc = kh_cli_options_known(cmd, opts, convert ? convert_known
						: followup ? followup_known : none)))
		return rc;
	if (!id_text || kh_parse_int64(id_text, 1, INT64_MAX, &id, "id", &err))
		return kh_cli_usage(cmd, "give the lead's id");
	if (json_object_get(opts, "amount") && !json_object_get(opts, "opportunity"))
		return kh_cli_usage(cmd, "--amount is the opportunity's: give --opportunity NAME too");
	if ((rc = convert || followup ? kh_cli_open(cli, cmd) : kh_cli_open_read(cli, cmd)))
		return rc;
	if (convert) {
		in = convert_input(opts);
		rc = kh_lead_convert(&cli->ctx, id, in, &out, &err);
	} else if (followup) {
		rc = kh_lead_followup(&cli->ctx, id, opts, &act, &err);
	} else {
		rc = kh_lead_followups(&cli->ctx, id, &out, &err);
	}
	json_decref(in);
	if (rc)
		return kh_cli_fail(cmd, &err);
	if (cli->json && out)
		kh_cli_print_json(out);
	else if (convert)
		printf("lead %lld is now customer %lld (contact %lld)\n", (long long)id,
		       (long long)json_integer_value(json_object_get(out, "customer")),
		       (long long)json_integer_value(json_object_get(out, "contact")));
	else if (followup)
		printf("%lld\n", (long long)act);
	else
		print_followups(json_object_get(out, "items"));
	json_decref(out);
	return KH_EXIT_OK;
}

int kh_cmd_lead(struct kh_cli *cli, int argc, char **argv)
{
	static const char *const flags[] = {"force", NULL};
	const char *pos[1] = {NULL};
	char cmd[32];
	json_t *opts;
	int npos = 0, rc = KH_EXIT_OK;

	snprintf(cmd, sizeof(cmd), "lead %s", argv[0]);
	if (!(opts = kh_cli_options_flags(cli, cmd, argc - 1, argv + 1, flags, pos, 1, &npos)))
		return cli->options_status;
	if (cli->help)
		usage(stdout);
	else
		rc = run(cli, cmd, argv[0], opts, npos == 1 ? pos[0] : NULL);
	json_decref(opts);
	return rc;
}
