/* cmd_lookup.c: `kehu lookup PHONE` (the incoming call) and `kehu search QUERY`. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "service/customers/lookup.h"
#include "service/customers/search.h"
#include "base/banned.h"

int kh_cmd_lookup(struct kh_cli *cli, int argc, char **argv)
{
	const char *pos[1] = {NULL};
	struct kh_error err = {0};
	json_t *opts, *view = NULL;
	int npos, rc;

	opts = kh_cli_options(cli, "lookup", argc - 1, argv + 1, pos, 1, &npos);
	if (!opts)
		return cli->options_status;
	if (cli->help || !pos[0]) {
		printf("usage: kehu [--db PATH] lookup PHONE [--json]\n"
		       "The customer's whole file from any phone number of the customer or of one "
		       "of its contacts,\nin any format: 138-1234-5678, +86 138 1234 5678, "
		       "(010) 1234-5678 ...\n");
		json_decref(opts);
		return cli->help ? KH_EXIT_OK : KH_EXIT_USAGE;
	}
	if (json_object_size(opts)) {
		json_decref(opts);
		return kh_cli_usage("lookup", "lookup takes a phone number and --json only");
	}
	json_decref(opts);
	if ((rc = kh_cli_open_read(cli, "lookup")))
		return rc;
	if (kh_lookup_phone(&cli->ctx, pos[0], &view, &err))
		return kh_cli_fail("lookup", &err);
	if (cli->json)
		kh_cli_print_json(view);
	else
		kh_cli_print_view(view);
	json_decref(view);
	return KH_EXIT_OK;
}

int kh_cmd_search(struct kh_cli *cli, int argc, char **argv)
{
	const char *pos[1] = {NULL};
	struct kh_error err = {0};
	json_t *opts, *v, *results = NULL;
	int64_t limit = 20;
	int npos, rc;

	opts = kh_cli_options(cli, "search", argc - 1, argv + 1, pos, 1, &npos);
	if (!opts)
		return cli->options_status;
	if (cli->help || !pos[0]) {
		printf("usage: kehu [--db PATH] search QUERY [--limit N] [--json]\n"
		       "Finds customers and contacts by part of the name (中文 or Latin, "
		       "traditional or simplified),\npinyin in full or as initials (zhangsan, "
		       "zs), or digits of a phone number.\n");
		json_decref(opts);
		return cli->help ? KH_EXIT_OK : KH_EXIT_USAGE;
	}
	if ((v = json_object_get(opts, "limit")) &&
	    kh_parse_int64(json_string_value(v), 1, KH_SEARCH_LIMIT_MAX, &limit, "limit", &err)) {
		json_decref(opts);
		return kh_cli_fail("search", &err);
	}
	json_object_del(opts, "limit");
	if (json_object_size(opts)) {
		json_decref(opts);
		return kh_cli_usage("search", "search takes QUERY, --limit and --json");
	}
	json_decref(opts);
	if ((rc = kh_cli_open_read(cli, "search")))
		return rc;
	if (kh_search(&cli->ctx, pos[0], (int)limit, &results, &err))
		return kh_cli_fail("search", &err);
	if (cli->json) {
		kh_cli_print_json(results);
	} else {
		for (size_t i = 0; i < json_array_size(results); i++) {
			json_t *r = json_array_get(results, i);
			const char *type = json_string_value(json_object_get(r, "type"));

			if (strcmp(type, "customer") == 0)
				printf("customer %-8lld %s\n",
				       (long long)json_integer_value(json_object_get(r, "id")),
				       json_string_value(json_object_get(r, "name")));
			else
				printf("contact  %-8lld %s  (%s, customer %lld)\n",
				       (long long)json_integer_value(json_object_get(r, "id")),
				       json_string_value(json_object_get(r, "name")),
				       json_string_value(json_object_get(r, "customer_name")),
				       (long long)json_integer_value(json_object_get(r, "customer_id")));
		}
		if (json_array_size(results) == 0)
			printf("no match for '%s'\n", pos[0]);
	}
	json_decref(results);
	return KH_EXIT_OK;
}
