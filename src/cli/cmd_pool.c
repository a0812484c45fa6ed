/* cmd_pool.c: `kehu pool sweep [--dry-run] [--json]`, the pool rules' sweep
 * for cron (service/customers/pool.h); `kehu serve` runs it once a day. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "service/customers/pool_sweep.h"
#include "base/banned.h"

/* The most customers one run lists; the count covers all. */
#define LIST_MAX 10000

int kh_cmd_pool(struct kh_cli *cli, int argc, char **argv)
{
	static const char *const flags[] = {"dry_run", NULL};
	static const char *const known[] = {"dry_run", NULL};
	const char *pos[1] = {NULL};
	struct kh_error err = {0};
	json_t *opts, *out = NULL, *list, *c;
	bool dry;
	size_t i;
	int npos, rc;

	opts = kh_cli_options_flags(cli, "pool", argc - 1, argv + 1, flags, pos, 1, &npos);
	if (!opts)
		return cli->options_status;
	if (cli->help) {
		printf("usage: kehu [--db PATH] pool sweep [--dry-run] [--json]\n"
		       "Moves every owned customer that is due to the public pool (公海): no\n"
		       "follow-up for pool.release_after_days days, or no deal for\n"
		       "pool.deal_after_days days, since its owner got it. Locked and won\n"
		       "customers stay. --dry-run lists them and changes nothing. For cron;\n"
		       "`kehu serve` runs it once a day.\n");
		json_decref(opts);
		return KH_EXIT_OK;
	}
	if (npos != 1 || strcmp(pos[0], "sweep")) {
		json_decref(opts);
		return kh_cli_usage("pool", "the action is sweep: kehu pool sweep [--dry-run]");
	}
	if ((rc = kh_cli_options_known("pool", opts, known))) {
		json_decref(opts);
		return rc;
	}
	dry = json_is_true(json_object_get(opts, "dry_run"));
	json_decref(opts);
	if ((rc = kh_cli_open(cli, "pool")))
		return rc;
	if (kh_pool_sweep(&cli->ctx, dry, LIST_MAX, &out, &err))
		return kh_cli_fail("pool sweep", &err);
	if (cli->json) {
		kh_cli_print_json(out);
		json_decref(out);
		return KH_EXIT_OK;
	}
	list = json_object_get(out, "customers");
	json_array_foreach(list, i, c)
		printf("%s customer %lld (owner %lld): %s\n", dry ? "would move" : "moved",
		       (long long)json_integer_value(json_object_get(c, "id")),
		       (long long)json_integer_value(json_object_get(c, "owner")),
		       json_string_value(json_object_get(c, "reason")));
	if ((json_int_t)json_array_size(list) < json_integer_value(json_object_get(out, "moved")))
		printf("... and %lld more\n",
		       (long long)(json_integer_value(json_object_get(out, "moved")) -
				   (json_int_t)json_array_size(list)));
	printf("%lld customers %s to the pool\n",
	       (long long)json_integer_value(json_object_get(out, "moved")),
	       dry ? "would move" : "moved");
	json_decref(out);
	return KH_EXIT_OK;
}
