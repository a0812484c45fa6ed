/* cmd_settings.c: `kehu settings [list|get KEY|set KEY VALUE]`. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/settings.h"
#include "base/banned.h"

int kh_cmd_settings(struct kh_cli *cli, int argc, char **argv)
{
	const char *pos[3] = {NULL};
	struct kh_error err = {0};
	json_t *opts, *all = NULL;
	int npos, rc;
	bool writes;

	opts = kh_cli_options(cli, "settings", argc - 1, argv + 1, pos, 3, &npos);
	if (!opts)
		return cli->options_status;
	json_decref(opts);
	if (cli->help) {
		printf("usage: kehu [--db PATH] settings [list] [--json]\n"
		       "       kehu [--db PATH] settings set KEY VALUE\n"
		       "Every threshold of the classifications; a change applies from the next "
		       "`kehu analyze`.\n");
		return KH_EXIT_OK;
	}
	if (npos > 0 && strcmp(pos[0], "list") && strcmp(pos[0], "set"))
		return kh_cli_usage("settings", "unknown action '%s' (list, set)", pos[0]);
	if (npos > 0 && strcmp(pos[0], "set") == 0 && npos != 3)
		return kh_cli_usage("settings", "set needs KEY and VALUE");
	writes = npos > 0 && strcmp(pos[0], "set") == 0;
	if ((rc = writes ? kh_cli_open(cli, "settings") : kh_cli_open_read(cli, "settings")))
		return rc;
	if (npos > 0 && strcmp(pos[0], "set") == 0) {
		json_t *change = json_pack("{s:s}", pos[1], pos[2]);

		if (!change)
			return kh_cli_usage("settings", "KEY and VALUE must be UTF-8 text");
		rc = kh_settings_update(&cli->ctx, change, &err);
		json_decref(change);
		return rc ? kh_cli_fail("settings set", &err) : KH_EXIT_OK;
	}
	if (kh_settings_list(&cli->ctx, &all, &err))
		return kh_cli_fail("settings", &err);
	if (cli->json) {
		kh_cli_print_json(all);
	} else {
		const char *key;
		json_t *v;

		json_object_foreach(all, key, v)
			printf("%-36s %-10s %s\n", key,
			       json_string_value(json_object_get(v, "value")),
			       json_string_value(json_object_get(v, "description")));
	}
	json_decref(all);
	return KH_EXIT_OK;
}
