/* cmd_nextvisit.c: `kehu next-visits [--rep LOGIN] [--limit N] [--json]`. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "service/work/nextvisit.h"
#include "store/accounts/auth.h"
#include "base/banned.h"

int kh_cmd_next_visits(struct kh_cli *cli, int argc, char **argv)
{
	const char *pos[1];
	struct kh_error err = {0};
	json_t *opts, *v, *result = NULL;
	int64_t limit = 10, rep = 0;
	int npos, rc;

	opts = kh_cli_options(cli, "next-visits", argc - 1, argv + 1, pos, 0, &npos);
	if (!opts)
		return cli->options_status;
	if (cli->help) {
		printf("usage: kehu [--db PATH] next-visits [--rep LOGIN] [--limit N] [--json]\n"
		       "Who each rep should see next: customers past their visit cadence, ranked\n"
		       "by lifetime value, probability of being alive and key-account status,\n"
		       "each with the reasons. Run `kehu analyze` first.\n");
		json_decref(opts);
		return KH_EXIT_OK;
	}
	if ((v = json_object_get(opts, "limit")) &&
	    kh_parse_int64(json_string_value(v), 1, KH_NEXT_VISITS_MAX, &limit, "limit", &err)) {
		json_decref(opts);
		return kh_cli_fail("next-visits", &err);
	}
	if ((rc = kh_cli_open_read(cli, "next-visits"))) {
		json_decref(opts);
		return rc;
	}
	if ((v = json_object_get(opts, "rep"))) {
		json_t *user = NULL;

		if (kh_store_user_by_login(cli->store, json_string_value(v), &user, &err)) {
			json_decref(opts);
			return kh_cli_fail("next-visits", &err);
		}
		rep = json_integer_value(json_object_get(user, "id"));
		json_decref(user);
	}
	json_object_del(opts, "rep");
	json_object_del(opts, "limit");
	rc = json_object_size(opts);
	json_decref(opts);
	if (rc)
		return kh_cli_usage("next-visits", "next-visits takes --rep, --limit and --json");
	if (kh_next_visits(&cli->ctx, rep, (int)limit, &result, &err))
		return kh_cli_fail("next-visits", &err);
	if (cli->json) {
		kh_cli_print_json(result);
	} else {
		for (size_t g = 0; g < json_array_size(result); g++) {
			json_t *grp = json_array_get(result, g), *visits = json_object_get(grp, "visits");

			printf("== %s ==\n", json_string_value(json_object_get(grp, "rep")));
			for (size_t i = 0; i < json_array_size(visits); i++) {
				json_t *x = json_array_get(visits, i);

				printf("%2zu. %s (#%lld)\n    %s\n", i + 1,
				       json_string_value(json_object_get(x, "name")),
				       (long long)json_integer_value(json_object_get(x, "customer_id")),
				       json_string_value(json_object_get(x, "reason")));
			}
		}
	}
	json_decref(result);
	return KH_EXIT_OK;
}
