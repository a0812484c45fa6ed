/*
 * cmd_merge.c: `kehu customer merge SURVIVOR OTHER`: the other customer's
 * rows move to the survivor (service/customers/merge.h); --preview shows
 * both side by side and what would move, changing nothing.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/parse.h"
#include "service/customers/merge.h"
#include "base/banned.h"

#define CMD "customer merge"

static void usage(FILE *out)
{
	fprintf(out, "usage: kehu [--db PATH] customer merge SURVIVOR OTHER [--take FIELD,FIELD...]\n"
		"                                [--other-owner-access none|read|write] [--preview]"
		" [--json]\n\n"
		"OTHER's contacts, orders, payments, activities, opportunities, tasks, dates,\n"
		"competitors, shares and phones move to SURVIVOR, which keeps its id, owner and\n"
		"team; OTHER is deleted. --take names the fields whose value comes from OTHER\n"
		"(default: the fields SURVIVOR leaves empty). OTHER's owner keeps read access\n"
		"unless told otherwise. --preview prints both and what would move.\n");
}

/* "a,b,c" -> ["a", "b", "c"] */
static json_t *split_names(const char *list)
{
	json_t *names = json_array();
	char buf[1024];
	char *p = buf, *comma;

	snprintf(buf, sizeof(buf), "%s", list);
	for (; p; p = comma ? comma + 1 : NULL) {
		comma = strchr(p, ',');
		if (comma)
			*comma = '\0';
		if (*p)
			json_array_append_new(names, json_string(p));
	}
	return names;
}

static void print_preview(json_t *p)
{
	json_t *fields = json_object_get(p, "fields"), *f, *n;
	const char *key;
	size_t i;

	printf("%-24s %-30s %-30s %s\n", "field", "survivor", "other", "merge takes");
	json_array_foreach(fields, i, f) {
		char *a = json_dumps(json_object_get(f, "survivor"), JSON_ENCODE_ANY);
		char *b = json_dumps(json_object_get(f, "other"), JSON_ENCODE_ANY);

		printf("%-24s %-30s %-30s %s\n", json_string_value(json_object_get(f, "name")),
		       a ? a : "", b ? b : "",
		       json_is_true(json_object_get(f, "take")) ? "other" : "survivor");
		free(a);
		free(b);
	}
	printf("\nmoves:");
	json_object_foreach(json_object_get(p, "moves"), key, n)
		printf(" %s %lld", key, (long long)json_integer_value(n));
	printf("\n");
}

int kh_cmd_customer_merge(struct kh_cli *cli, int argc, char **argv)
{
	static const char *const flags[] = {"preview", NULL};
	static const char *const known[] = {"take", "other_owner_access", "preview", NULL};
	const char *pos[2] = {NULL, NULL};
	struct kh_merge_request req = {0};
	struct kh_error err = {0};
	json_t *opts, *out = NULL, *take = NULL;
	int npos = 0, rc = KH_EXIT_USAGE;

	opts = kh_cli_options_flags(cli, CMD, argc - 1, argv + 1, flags, pos, 2, &npos);
	if (!opts)
		return cli->options_status;
	if (cli->help) {
		usage(stdout);
		rc = KH_EXIT_OK;
		goto out;
	}
	if ((rc = kh_cli_options_known(CMD, opts, known)))
		goto out;
	if (npos != 2) {
		rc = kh_cli_usage(CMD, "give the surviving customer's id and the other's");
		goto out;
	}
	if (kh_parse_int64(pos[0], 1, INT64_MAX, &req.survivor, "survivor", &err) ||
	    kh_parse_int64(pos[1], 1, INT64_MAX, &req.other, "other", &err)) {
		rc = kh_cli_usage(CMD, "%s", kh_error_text(&err, kh_lang_from_env()));
		goto out;
	}
	if (json_object_get(opts, "take"))
		req.take = take = split_names(json_string_value(json_object_get(opts, "take")));
	req.other_owner_access = json_string_value(json_object_get(opts, "other_owner_access"));
	if ((rc = kh_cli_open(cli, CMD)))
		goto out;
	if (json_is_true(json_object_get(opts, "preview")))
		rc = kh_customer_merge_preview(&cli->ctx, req.survivor, req.other, &out, &err);
	else
		rc = kh_customer_merge(&cli->ctx, &req, &out, &err);
	if (rc) {
		rc = kh_cli_fail(CMD, &err);
		goto out;
	}
	if (cli->json)
		kh_cli_print_json(out);
	else if (json_is_true(json_object_get(opts, "preview")))
		print_preview(out);
	else
		printf("merged %lld into %lld\n", (long long)req.other, (long long)req.survivor);
	rc = KH_EXIT_OK;
out:
	json_decref(opts);
	json_decref(take);
	json_decref(out);
	return rc;
}
