/* cli.c: shared plumbing of the sub-commands (see cli.h). */
#include "cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "service/accounts/auth.h"
#include "store/accounts/auth.h"
#include "base/banned.h"

static int open_with(struct kh_cli *cli, const char *cmd,
		     int (*open)(const char *, struct kh_store **, struct kh_error *))
{
	struct kh_error err = {0};

	if (open(cli->db_path, &cli->store, &err))
		return kh_cli_fail(cmd, &err);
	kh_ctx_init_system(&cli->ctx, cli->store);
	return 0;
}

int kh_cli_open(struct kh_cli *cli, const char *cmd)
{
	return open_with(cli, cmd, kh_store_open);
}

int kh_cli_open_read(struct kh_cli *cli, const char *cmd)
{
	return open_with(cli, cmd, kh_store_open_read);
}

void kh_cli_close(struct kh_cli *cli)
{
	kh_ctx_release(&cli->ctx);
	kh_store_free(cli->store);
	cli->store = NULL;
}

int kh_cli_fail(const char *cmd, const struct kh_error *err)
{
	/* In the locale's language (LC_ALL, LC_MESSAGES, LANG: zh* is 中文). */
	const char *text = kh_error_text(err, kh_lang_from_env());

	if (err->field[0] && !strstr(text, err->field))
		fprintf(stderr, "kehu: %s: %s: %s\n", cmd, err->field, text);
	else
		fprintf(stderr, "kehu: %s: %s\n", cmd, text[0] ? text : "failed");
	return KH_EXIT_FAIL;
}

/* "kehu: cmd: ", or "kehu: " for the global options (cmd NULL). */
static void print_prefix(const char *cmd)
{
	if (cmd)
		fprintf(stderr, "kehu: %s: ", cmd);
	else
		fputs("kehu: ", stderr);
}

int kh_cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	print_prefix(cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (cmd)
		fprintf(stderr, "\n(see kehu %s --help)\n", cmd);
	else
		fputs("\n(see kehu --help)\n", stderr);
	return KH_EXIT_USAGE;
}

/* The option name as it is typed: dashes for underscores (names are
 * shorter than 64 bytes: kh_cli_options refuses longer ones). */
static const char *dashed(const char *name, char buf[64])
{
	size_t k = 0;

	for (; name[k] && k < 63; k++)
		buf[k] = name[k] == '_' ? '-' : name[k];
	buf[k] = '\0';
	return buf;
}

int kh_cli_repeated(const char *cmd, const char *name)
{
	char buf[64];

	print_prefix(cmd);
	fprintf(stderr, "%s: --%s is given more than once\n", name, dashed(name, buf));
	return KH_EXIT_FAIL;
}

static bool in_list(const char *const *list, const char *name)
{
	for (; list && *list; list++)
		if (strcmp(*list, name) == 0)
			return true;
	return false;
}

/* Add name = v to opts (taking v): --line collects an array, any other
 * option may be given once. Returns 0 or KH_EXIT_FAIL after printing. */
static int add_option(const char *cmd, json_t *opts, const char *name, json_t *v)
{
	json_t *old = json_object_get(opts, name);

	if (strcmp(name, "line") == 0) {
		if (!old)
			json_object_set_new_nocheck(opts, name, old = json_array());
		json_array_append_new(old, v);
		return 0;
	}
	if (old) {
		json_decref(v);
		return kh_cli_repeated(cmd, name);
	}
	json_object_set_new_nocheck(opts, name, v);
	return 0;
}

json_t *kh_cli_options(struct kh_cli *cli, const char *cmd, int argc, char **argv,
		       const char **positional, int max_pos, int *npos)
{
	return kh_cli_options_flags(cli, cmd, argc, argv, NULL, positional, max_pos, npos);
}

json_t *kh_cli_options_flags(struct kh_cli *cli, const char *cmd, int argc, char **argv,
			     const char *const *flags, const char **positional, int max_pos,
			     int *npos)
{
	json_t *opts = json_object();
	char name[64];

	*npos = 0;
	cli->options_status = KH_EXIT_USAGE;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *eq, *value;
		size_t len;

		if (strcmp(a, "--json") == 0) {
			cli->json = true;
			continue;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			cli->help = true;
			continue;
		}
		if (strncmp(a, "--", 2) != 0 || a[2] == '\0') {
			if (*npos >= max_pos) {
				kh_cli_usage(cmd, "unexpected argument '%s'", a);
				goto fail;
			}
			positional[(*npos)++] = a;
			continue;
		}
		a += 2;
		eq = strchr(a, '=');
		len = eq ? (size_t)(eq - a) : strlen(a);
		if (len == 0 || len >= sizeof(name)) {
			kh_cli_usage(cmd, "option --%s is not known", a);
			goto fail;
		}
		for (size_t k = 0; k < len; k++)
			name[k] = a[k] == '-' ? '_' : a[k];
		name[len] = '\0';
		if (in_list(flags, name)) {
			if (eq) {
				kh_cli_usage(cmd, "option --%.*s takes no value", (int)len, a);
				goto fail;
			}
			value = NULL;
		} else if (!eq && i + 1 >= argc) {
			kh_cli_usage(cmd, "option --%.*s needs a value", (int)len, a);
			goto fail;
		} else {
			value = eq ? eq + 1 : argv[++i];
		}
		/* Invalid UTF-8 is passed on as raw bytes so the service can name
		 * the field; jansson would refuse it here. */
		if (add_option(cmd, opts, name,
			       value ? json_stringn_nocheck(value, strlen(value)) : json_true())) {
			cli->options_status = KH_EXIT_FAIL;
			goto fail;
		}
	}
	return opts;
fail:
	json_decref(opts);
	return NULL;
}

int kh_cli_options_known(const char *cmd, json_t *opts, const char *const *known)
{
	const char *key;
	json_t *v;
	char buf[64];

	json_object_foreach(opts, key, v)
		if (!in_list(known, key))
			return kh_cli_usage(cmd, "option --%s is not known", dashed(key, buf));
	return 0;
}

void kh_cli_print_json(json_t *v)
{
	char *s = json_dumps(v, JSON_INDENT(2) | JSON_ENSURE_ASCII * 0 | JSON_PRESERVE_ORDER);

	if (s) {
		puts(s);
		free(s);
	}
}

void kh_cli_print_fields(json_t *obj, const char *indent)
{
	const char *key;
	json_t *v;
	size_t width = 0;

	json_object_foreach(obj, key, v)
		if (!json_is_null(v) && strlen(key) > width)
			width = strlen(key);
	json_object_foreach(obj, key, v) {
		if (json_is_null(v))
			continue;
		printf("%s%-*s  ", indent, (int)width + 1, key);
		if (json_is_string(v)) {
			puts(json_string_value(v));
		} else {
			char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);

			puts(s ? s : "?");
			free(s);
		}
	}
}

int kh_cli_act_as(struct kh_cli *cli, const char *login, struct kh_error *err)
{
	json_t *user = NULL;
	int rc = kh_store_user_by_login(cli->store, login, &user, err);

	if (rc == 0)
		rc = kh_auth_actor_load(&cli->ctx, json_integer_value(json_object_get(user, "id")),
					err);
	json_decref(user);
	return rc;
}
