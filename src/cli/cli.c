/* cli.c: shared plumbing of the sub-commands (see cli.h). */
#include "cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
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
	kh_store_free(cli->store);
	cli->store = NULL;
}

int kh_cli_fail(const char *cmd, const struct kh_error *err)
{
	if (err->field[0] && !strstr(err->message, err->field))
		fprintf(stderr, "kehu: %s: %s: %s\n", cmd, err->field, err->message);
	else
		fprintf(stderr, "kehu: %s: %s\n", cmd, err->message[0] ? err->message : "failed");
	return KH_EXIT_FAIL;
}

int kh_cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "kehu: %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n(see kehu %s --help)\n", cmd);
	return KH_EXIT_USAGE;
}

json_t *kh_cli_options(struct kh_cli *cli, const char *cmd, int argc, char **argv,
		       const char **positional, int max_pos, int *npos)
{
	json_t *opts = json_object();
	char name[64];

	*npos = 0;
	cli->options_status = KH_EXIT_USAGE;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *eq;
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
		if (!eq && i + 1 >= argc) {
			kh_cli_usage(cmd, "option --%s needs a value", name);
			goto fail;
		}
		{
			const char *value = eq ? eq + 1 : argv[++i];
			/* Invalid UTF-8 is passed on as raw bytes so the service can
			 * name the field; jansson would refuse it here. */
			json_t *v = json_stringn_nocheck(value, strlen(value));

			if (json_object_get(opts, name) && strcmp(name, "line") == 0) {
				json_t *arr = json_object_get(opts, name);

				json_array_append_new(arr, v);
				continue;
			}
			if (json_object_get(opts, name)) {
				json_decref(v);
				fprintf(stderr, "kehu: %s: %s: --%.*s is given more than once\n", cmd,
					name, (int)len, a);
				cli->options_status = KH_EXIT_FAIL;
				goto fail;
			}
			if (strcmp(name, "line") == 0) {
				json_t *arr = json_array();

				json_array_append_new(arr, v);
				v = arr;
			}
			json_object_set_new_nocheck(opts, name, v);
		}
	}
	return opts;
fail:
	json_decref(opts);
	return NULL;
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
