/* cmd_todo.c: `kehu todo [--user LOGIN] [--kind K] [--limit N] [--json]`: the
 * to-do centre (service/work/todo.h) of a user, or of everybody. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "base/messages.h"
#include "base/parse.h"
#include "service/accounts/auth.h"
#include "service/work/todo.h"
#include "store/accounts/auth.h"
#include "base/banned.h"

/* One kind's items, one a line. */
static void print_items(json_t *list)
{
	size_t i;
	json_t *it;

	json_array_foreach(json_object_get(list, "items"), i, it) {
		const char *cust = json_string_value(json_object_get(it, "customer_name"));
		const char *title = json_string_value(json_object_get(it, "title"));

		printf("  %s%s %-22s %s%s%s\n", json_string_value(json_object_get(it, "due")),
		       json_is_true(json_object_get(it, "overdue")) ? "!" : " ",
		       json_string_value(json_object_get(it, "id")), title ? title : "",
		       cust && title && strcmp(cust, title) ? " · " : "",
		       cust && title && strcmp(cust, title) ? cust : "");
	}
}

static void print_kind(json_t *list, int k, bool zh)
{
	json_int_t n = json_integer_value(json_object_get(list, "count"));

	printf("%s (%s): %lld%s\n", zh ? kh_todo_kinds[k].zh : kh_todo_kinds[k].en,
	       kh_todo_kinds[k].name, (long long)n, n >= KH_TODO_COUNT_CAP ? "+" : "");
	print_items(list);
}

/* --user LOGIN: the to-dos that user sees, as the server would show them. */
static int act_as(struct kh_cli *cli, json_t *opts, struct kh_error *err)
{
	json_t *user = NULL, *login = json_object_get(opts, "user");
	int rc;

	if (!login)
		return 0;
	if ((rc = kh_store_user_by_login(cli->store, json_string_value(login), &user, err)))
		return rc;
	rc = kh_auth_actor_load(&cli->ctx, json_integer_value(json_object_get(user, "id")), err);
	json_decref(user);
	return rc;
}

int kh_cmd_todo(struct kh_cli *cli, int argc, char **argv)
{
	const char *pos[1];
	struct kh_error err = {0};
	json_t *opts, *v, *out = NULL, *kind_v;
	const char *kind;
	int64_t limit = 0;
	bool zh = kh_lang_from_env() == KH_LANG_ZH;
	int npos, rc;

	opts = kh_cli_options(cli, "todo", argc - 1, argv + 1, pos, 0, &npos);
	if (!opts)
		return cli->options_status;
	if (cli->help) {
		printf("usage: kehu [--db PATH] todo [--user LOGIN] [--kind K] [--limit N] [--json]\n"
		       "The to-do centre (待办): each kind's count and its first items (--limit,\n"
		       "default 10; with --kind one kind, default 50), as LOGIN sees them (without\n"
		       "--user: everybody's). Kinds:");
		for (int k = 0; k < KH_TODO_NKINDS; k++)
			printf("%s %s", k ? "," : "", kh_todo_kinds[k].name);
		printf("\nA '!' after the date marks an overdue item.\n");
		json_decref(opts);
		return KH_EXIT_OK;
	}
	/* kept past the options, which give it up below */
	kind_v = json_incref(json_object_get(opts, "kind"));
	kind = json_string_value(kind_v);
	if ((v = json_object_get(opts, "limit")) &&
	    kh_parse_int64(json_string_value(v), 1, KH_TODO_LIST_MAX, &limit, "limit", &err)) {
		rc = kh_cli_fail("todo", &err);
		goto out;
	}
	if ((rc = kh_cli_open_read(cli, "todo")))
		goto out;
	if (act_as(cli, opts, &err)) {
		rc = kh_cli_fail("todo", &err);
		goto out;
	}
	json_object_del(opts, "user");
	json_object_del(opts, "kind");
	json_object_del(opts, "limit");
	if (json_object_size(opts)) {
		rc = kh_cli_usage("todo", "todo takes --user, --kind, --limit and --json");
		goto out;
	}
	rc = kind ? kh_todo_list(&cli->ctx, kind, (int)limit, NULL, &out, &err)
		  : kh_todo_overview(&cli->ctx, limit ? (int)limit : 10, &out, &err);
	if (rc) {
		rc = kh_cli_fail("todo", &err);
		goto out;
	}
	if (cli->json) {
		kh_cli_print_json(out);
	} else if (kind) {
		print_kind(out, kh_todo_kind_find(kind), zh);
	} else {
		json_t *counts = json_object_get(out, "counts"), *items = json_object_get(out, "items");

		printf("%s: %lld\n", zh ? "待办合计" : "To-dos in all",
		       (long long)json_integer_value(json_object_get(counts, "total")));
		for (int k = 0; k < KH_TODO_NKINDS; k++)
			print_kind(json_object_get(items, kh_todo_kinds[k].name), k, zh);
	}
	rc = KH_EXIT_OK;
out:
	json_decref(out);
	json_decref(kind_v);
	json_decref(opts);
	return rc;
}
