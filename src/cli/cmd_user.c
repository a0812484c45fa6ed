/*
 * cmd_user.c: `kehu user add|passwd|list`, `kehu team add|list` and `kehu token
 * create|list|revoke`: accounts from the command line, acting as the local operator.
 * Passwords are read from stdin (never from the command line, where other
 * users of the machine could read them in the process list).
 */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/parse.h"
#include "service/accounts/auth.h"
#include "service/accounts/tokens.h"
#include "service/accounts/teams.h"
#include "service/accounts/users.h"
#include "base/banned.h"

/* The first line of stdin, without its line end, into buf. */
static int read_password(char *buf, size_t size)
{
	size_t n;

	if (!fgets(buf, (int)size, stdin))
		return -1;
	n = strlen(buf);
	if (n == size - 1 && buf[n - 1] != '\n')
		return -1;
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = '\0';
	return 0;
}

static void print_list(struct kh_cli *cli, json_t *list, bool users)
{
	json_t *items = json_object_get(list, "items"), *v;
	size_t i;

	if (cli->json) {
		kh_cli_print_json(list);
		return;
	}
	json_array_foreach(items, i, v) {
		if (users)
			printf("%-6lld %-20s %-8s team %-6lld %s%s\n",
			       (long long)json_integer_value(json_object_get(v, "id")),
			       json_string_value(json_object_get(v, "login")),
			       json_string_value(json_object_get(v, "role")),
			       (long long)json_integer_value(json_object_get(v, "team")),
			       json_string_value(json_object_get(v, "display_name"))
				       ? json_string_value(json_object_get(v, "display_name"))
				       : "",
			       json_is_true(json_object_get(v, "active")) ? "" : " (inactive)");
		else
			printf("%-6lld %-24s parent %-6lld leader %lld\n",
			       (long long)json_integer_value(json_object_get(v, "id")),
			       json_string_value(json_object_get(v, "name")),
			       (long long)json_integer_value(json_object_get(v, "parent")),
			       (long long)json_integer_value(json_object_get(v, "leader")));
	}
}

static int user_add(struct kh_cli *cli, const char *login, json_t *opts)
{
	struct kh_error err = {0};
	char password[KH_PASSWORD_MAX + 2];
	json_t *input = NULL, *v;
	const char *key;
	int64_t id = 0, team = 0;
	int rc = KH_EXIT_FAIL;

	input = json_pack("{s:s}", "login", login);
	if (!input)
		return kh_cli_usage("user add", "the login must be UTF-8 text");
	json_object_foreach(opts, key, v) {
		if (strcmp(key, "role") == 0 || strcmp(key, "email") == 0) {
			json_object_set(input, key, v);
		} else if (strcmp(key, "name") == 0) {
			json_object_set(input, "display_name", v);
		} else if (strcmp(key, "max_customers") == 0) {
			char *end;
			long long n = strtoll(json_string_value(v), &end, 10);

			if (*end || end == json_string_value(v)) {
				json_decref(input);
				return kh_cli_usage("user add", "--max-customers needs a number");
			}
			json_object_set_new(input, "max_customers", json_integer(n));
		} else if (strcmp(key, "team") != 0) {
			json_decref(input);
			return kh_cli_usage("user add", "option --%s is not known", key);
		}
	}
	if (!json_object_get(input, "role")) {
		json_decref(input);
		return kh_cli_usage("user add", "--role admin|manager|sales is required");
	}
	if (read_password(password, sizeof(password))) {
		json_decref(input);
		kh_error_set(&err, KH_EINVAL, "", "type the password on stdin (one line, %d to %d "
			     "characters)", KH_PASSWORD_MIN, KH_PASSWORD_MAX);
		return kh_cli_fail("user add", &err);
	}
	json_object_set_new(input, "password", json_string(password));
	memset(password, 0, sizeof(password));
	if (kh_store_begin(cli->store, &err))
		goto fail;
	/* A team named here is made if it does not exist yet. */
	if ((v = json_object_get(opts, "team"))) {
		if (kh_team_ensure(&cli->ctx, json_string_value(v), &team, &err))
			goto fail;
		json_object_set_new(input, "team", json_integer(team));
	}
	if (kh_user_add(&cli->ctx, input, &id, &err) || kh_store_commit(cli->store, &err))
		goto fail;
	printf("%lld\n", (long long)id);
	rc = KH_EXIT_OK;
	goto out;
fail:
	kh_store_rollback(cli->store);
	rc = kh_cli_fail("user add", &err);
out:
	if (json_object_get(input, "password"))
		json_object_del(input, "password");
	json_decref(input);
	return rc;
}

static int user_passwd(struct kh_cli *cli, const char *login)
{
	struct kh_error err = {0};
	char password[KH_PASSWORD_MAX + 2];
	int rc;

	if (read_password(password, sizeof(password))) {
		kh_error_set(&err, KH_EINVAL, "", "type the password on stdin (one line, %d to %d "
			     "characters)", KH_PASSWORD_MIN, KH_PASSWORD_MAX);
		return kh_cli_fail("user passwd", &err);
	}
	rc = kh_user_set_password(&cli->ctx, login, password, &err);
	memset(password, 0, sizeof(password));
	return rc ? kh_cli_fail("user passwd", &err) : KH_EXIT_OK;
}

static int list(struct kh_cli *cli, bool users)
{
	struct kh_list_params p = {.page = 1, .per_page = 500};
	struct kh_error err = {0};
	json_t *out = NULL;
	int rc;

	rc = users ? kh_user_list(&cli->ctx, &p, &out, &err)
		   : kh_team_list(&cli->ctx, &p, &out, &err);
	if (rc)
		return kh_cli_fail(users ? "user list" : "team list", &err);
	print_list(cli, out, users);
	json_decref(out);
	return KH_EXIT_OK;
}

static int team_add(struct kh_cli *cli, const char *name, json_t *opts)
{
	struct kh_error err = {0};
	json_t *input = json_pack("{s:s}", "name", name), *v;
	const char *key;
	int64_t id = 0;
	int rc;

	if (!input)
		return kh_cli_usage("team add", "the name must be UTF-8 text");
	json_object_foreach(opts, key, v) {
		if (strcmp(key, "parent") && strcmp(key, "leader")) {
			json_decref(input);
			return kh_cli_usage("team add", "option --%s is not known", key);
		}
		json_object_set(input, key, v);
	}
	rc = kh_team_add(&cli->ctx, input, &id, &err);
	json_decref(input);
	if (rc)
		return kh_cli_fail("team add", &err);
	printf("%lld\n", (long long)id);
	return KH_EXIT_OK;
}

static int token_create(struct kh_cli *cli, const char *login, json_t *opts)
{
	struct kh_error err = {0};
	char token[KH_TOKEN_SIZE];
	json_t *name = json_object_get(opts, "name");

	if (kh_auth_init())
		return KH_EXIT_FAIL;
	if (kh_token_create(&cli->ctx, login, json_string_value(name), token, &err))
		return kh_cli_fail("token create", &err);
	printf("%s\n", token);
	memset(token, 0, sizeof(token));
	return KH_EXIT_OK;
}

static void print_tokens(struct kh_cli *cli, json_t *list)
{
	json_t *v;
	size_t i;

	if (cli->json) {
		kh_cli_print_json(list);
		return;
	}
	json_array_foreach(json_object_get(list, "items"), i, v) {
		const char *used = json_string_value(json_object_get(v, "last_used_at"));
		const char *revoked = json_string_value(json_object_get(v, "revoked_at"));
		const char *name = json_string_value(json_object_get(v, "name"));

		printf("%-6lld %-20s %-24s created %s, last used %s%s%s\n",
		       (long long)json_integer_value(json_object_get(v, "id")),
		       json_string_value(json_object_get(v, "login")), name ? name : "-",
		       json_string_value(json_object_get(v, "created_at")), used ? used : "never",
		       revoked ? ", revoked " : "", revoked ? revoked : "");
	}
}

/* Every token (or LOGIN's), newest first: ids, names and dates, never secrets. */
static int token_list(struct kh_cli *cli, const char *login)
{
	struct kh_error err = {0};
	json_t *out = NULL;
	int rc;

	rc = login ? kh_token_list_login(&cli->ctx, login, 1, KH_TOKEN_PAGE_MAX, &out, &err)
		   : kh_token_list(&cli->ctx, 0, 1, KH_TOKEN_PAGE_MAX, &out, &err);
	if (rc)
		return kh_cli_fail("token list", &err);
	print_tokens(cli, out);
	json_decref(out);
	return KH_EXIT_OK;
}

static int token_revoke(struct kh_cli *cli, const char *id_text)
{
	struct kh_error err = {0};
	int64_t id;

	if (kh_parse_int64(id_text, 1, INT64_MAX, &id, "id", &err))
		return kh_cli_usage("token revoke", "ID must be a token id (see kehu token list)");
	if (kh_token_revoke(&cli->ctx, id, &err))
		return kh_cli_fail("token revoke", &err);
	return KH_EXIT_OK;
}

int kh_cmd_user(struct kh_cli *cli, int argc, char **argv)
{
	const char *cmd = argv[0], *pos[2] = {NULL};
	json_t *opts;
	int npos = 0, rc;

	opts = kh_cli_options(cli, cmd, argc - 1, argv + 1, pos, 2, &npos);
	if (!opts)
		return cli->options_status;
	if (cli->help || npos == 0) {
		printf("usage: kehu [--db PATH] user add LOGIN --role admin|manager|sales "
		       "[--team T] [--name DISPLAY]\n"
		       "                         [--email E] [--max-customers N]   "
		       "(password on stdin)\n"
		       "       kehu [--db PATH] user passwd LOGIN   (new password on stdin)\n"
		       "       kehu [--db PATH] user list [--json]\n"
		       "       kehu [--db PATH] team add NAME [--parent TEAM] [--leader LOGIN]\n"
		       "       kehu [--db PATH] team list [--json]\n"
		       "       kehu [--db PATH] token create LOGIN [--name LABEL]\n"
		       "       kehu [--db PATH] token list [LOGIN] [--json]\n"
		       "       kehu [--db PATH] token revoke ID\n"
		       "A team named in user add is created if missing. A token is printed once;\n"
		       "kehu keeps only its hash. Use it as Authorization: Bearer TOKEN.\n"
		       "token list shows ids, names, owners and dates of use, never the secret.\n");
		json_decref(opts);
		return cli->help ? KH_EXIT_OK : KH_EXIT_USAGE;
	}
	if (kh_auth_init()) {
		json_decref(opts);
		return KH_EXIT_FAIL;
	}
	rc = strcmp(pos[0], "list") == 0 ? kh_cli_open_read(cli, cmd) : kh_cli_open(cli, cmd);
	if (rc) {
		json_decref(opts);
		return rc;
	}
	if (strcmp(cmd, "user") == 0 && strcmp(pos[0], "add") == 0 && npos == 2)
		rc = user_add(cli, pos[1], opts);
	else if (strcmp(cmd, "user") == 0 && strcmp(pos[0], "passwd") == 0 && npos == 2)
		rc = user_passwd(cli, pos[1]);
	else if (strcmp(cmd, "user") == 0 && strcmp(pos[0], "list") == 0 && npos == 1)
		rc = list(cli, true);
	else if (strcmp(cmd, "team") == 0 && strcmp(pos[0], "add") == 0 && npos == 2)
		rc = team_add(cli, pos[1], opts);
	else if (strcmp(cmd, "team") == 0 && strcmp(pos[0], "list") == 0 && npos == 1)
		rc = list(cli, false);
	else if (strcmp(cmd, "token") == 0 && strcmp(pos[0], "create") == 0 && npos == 2)
		rc = token_create(cli, pos[1], opts);
	else if (strcmp(cmd, "token") == 0 && strcmp(pos[0], "list") == 0 && npos <= 2)
		rc = token_list(cli, npos == 2 ? pos[1] : NULL);
	else if (strcmp(cmd, "token") == 0 && strcmp(pos[0], "revoke") == 0 && npos == 2)
		rc = token_revoke(cli, pos[1]);
	else
		rc = kh_cli_usage(cmd, "unknown action (see kehu %s --help)", cmd);
	json_decref(opts);
	return rc;
}
