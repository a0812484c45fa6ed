/*
 * cmd_duplicates.c: `kehu duplicates` (the groups of customers sharing a
 * duplicate key) and `kehu duplicates check` (the 查重 lookup before a
 * customer is added).
 */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "service/customers/duplicates.h"
#include "base/banned.h"

static void print_holder(json_t *h, const char *indent)
{
	const char *owner = json_string_value(json_object_get(h, "owner"));
	const char *field = json_string_value(json_object_get(h, "field"));
	bool pool = json_is_true(json_object_get(h, "in_pool"));

	printf("%s%s%s%-8lld %s  (%s%s%s)\n", indent, field ? field : "", field ? "  " : "",
	       (long long)json_integer_value(json_object_get(h, "id")),
	       json_string_value(json_object_get(h, "name")),
	       pool ? "public pool" : owner ? "owner " : "no owner", !pool && owner ? owner : "",
	       json_is_true(json_object_get(h, "other_team")) ? ", another team" : "");
}

static int check(struct kh_cli *cli, int argc, char **argv)
{
	static const char *const known[] = {"name", "phone", "email", "credit_code", NULL};
	struct kh_error err = {0};
	json_t *opts, *out = NULL, *matches;
	int npos, rc;

	opts = kh_cli_options(cli, "duplicates check", argc - 1, argv + 1, NULL, 0, &npos);
	if (!opts)
		return cli->options_status;
	if (cli->help) {
		printf("usage: kehu [--db PATH] duplicates check [--name NAME] [--phone PHONE]\n"
		       "       [--email EMAIL] [--credit-code CODE] [--json]\n"
		       "The customers that already hold the same credit code, normalised name, "
		       "phone or email.\n");
		json_decref(opts);
		return KH_EXIT_OK;
	}
	if ((rc = kh_cli_options_known("duplicates check", opts, known)) ||
	    (rc = kh_cli_open_read(cli, "duplicates check"))) {
		json_decref(opts);
		return rc;
	}
	rc = kh_duplicates_check(&cli->ctx, opts, &out, &err);
	json_decref(opts);
	if (rc)
		return kh_cli_fail("duplicates check", &err);
	matches = json_object_get(out, "matches");
	if (cli->json)
		kh_cli_print_json(out);
	else if (json_array_size(matches) == 0)
		printf("no duplicate\n");
	for (size_t i = 0; !cli->json && i < json_array_size(matches); i++)
		print_holder(json_array_get(matches, i), "");
	json_decref(out);
	return KH_EXIT_OK;
}

static int report(struct kh_cli *cli, int argc, char **argv)
{
	static const char *const known[] = {"limit", "offset", NULL};
	struct kh_error err = {0};
	json_t *opts, *out = NULL, *groups, *v;
	int64_t limit = 100, offset = 0;
	int npos, rc;

	opts = kh_cli_options(cli, "duplicates", argc - 1, argv + 1, NULL, 0, &npos);
	if (!opts)
		return cli->options_status;
	if (cli->help) {
		printf("usage: kehu [--db PATH] duplicates [--limit N] [--offset N] [--json]\n"
		       "       kehu [--db PATH] duplicates check --name NAME ...\n"
		       "The groups of customers that share a credit code, a normalised name, a "
		       "phone or an email.\n");
		json_decref(opts);
		return KH_EXIT_OK;
	}
	rc = kh_cli_options_known("duplicates", opts, known);
	if (rc == 0 && (v = json_object_get(opts, "limit")) &&
	    kh_parse_int64(json_string_value(v), 1, 500, &limit, "limit", &err))
		rc = kh_cli_fail("duplicates", &err);
	if (rc == 0 && (v = json_object_get(opts, "offset")) &&
	    kh_parse_int64(json_string_value(v), 0, INT64_MAX, &offset, "offset", &err))
		rc = kh_cli_fail("duplicates", &err);
	json_decref(opts);
	if (rc || (rc = kh_cli_open_read(cli, "duplicates")))
		return rc;
	if (kh_duplicates_report(&cli->ctx, limit, offset, &out, &err))
		return kh_cli_fail("duplicates", &err);
	groups = json_object_get(out, "groups");
	if (cli->json) {
		kh_cli_print_json(out);
	} else {
		for (size_t i = 0; i < json_array_size(groups); i++) {
			json_t *g = json_array_get(groups, i), *members = json_object_get(g, "customers");

			printf("%s %s: %lld customers\n",
			       json_string_value(json_object_get(g, "field")),
			       json_string_value(json_object_get(g, "key")),
			       (long long)json_integer_value(json_object_get(g, "count")));
			for (size_t k = 0; k < json_array_size(members); k++)
				print_holder(json_array_get(members, k), "  ");
		}
		printf("(%zu of %lld groups)\n", json_array_size(groups),
		       (long long)json_integer_value(json_object_get(out, "total")));
	}
	json_decref(out);
	return KH_EXIT_OK;
}

int kh_cmd_duplicates(struct kh_cli *cli, int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "check") == 0)
		return check(cli, argc - 1, argv + 1);
	return report(cli, argc, argv);
}
