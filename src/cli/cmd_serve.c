/*
 * cmd_serve.c: `kehu serve`: the HTTP JSON API on the database of --db.
 * Options come from the command line, then KEHU_PORT / KEHU_BIND, then the
 * defaults (8080 on 127.0.0.1: a deployment opens it up on purpose).
 */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/parse.h"
#include "http/http.h"
#include "base/banned.h"

static int number(const char *what, const char *s, int64_t min, int64_t max, int *out)
{
	struct kh_error err = {0};
	int64_t n;

	if (kh_parse_int64(s, min, max, &n, what, &err))
		return kh_cli_usage("serve", "--%s: %s", what, err.message);
	*out = (int)n;
	return 0;
}

static void usage(void)
{
	printf("usage: kehu [--db PATH] serve [--port N] [--bind ADDR] [--threads N]\n"
	       "                            [--cache-mib N] [--static DIR] [--db PATH]\n"
	       "                            [--secure-cookies] [--import-max-mib N]\n"
	       "                            [--trusted-proxy ADDR[,ADDR]] [--routes]\n"
	       "Serves the JSON API under /api/v1 (and the files of DIR under /).\n"
	       "Defaults: port 8080 ($KEHU_PORT; 0 = any free port), bind 127.0.0.1\n"
	       "($KEHU_BIND), one thread per CPU, a SQLite page cache of 96 MiB in all,\n"
	       "shared out among the threads (--cache-mib N, $KEHU_CACHE_MIB; 2..65536).\n"
	       "SIGTERM or SIGINT stop it after the requests in flight. A database\n"
	       "without users prints a one-time setup token for the first admin.\n"
	       "--secure-cookies ($KEHU_SECURE_COOKIES=1) marks the session cookie\n"
	       "Secure: use it behind an HTTPS proxy.\n"
	       "--trusted-proxy ($KEHU_TRUSTED_PROXY) names the reverse proxies whose\n"
	       "X-Forwarded-For is believed: the client is the rightmost hop that is\n"
	       "not one of them (login limits and connection caps count per client).\n"
	       "--import-max-mib ($KEHU_IMPORT_MAX_MIB) caps an uploaded import file\n"
	       "(default 1024 MiB), kept while it imports in DB.imports/ beside the database.\n"
	       "--routes lists the routes. Each option may be given once.\n");
}

/* The option name's value in opts, else the environment variable's, else def. */
static const char *setting(json_t *opts, const char *name, const char *env, const char *def)
{
	const char *v = json_string_value(json_object_get(opts, name));

	if (!v && env && (v = getenv(env)) && !*v)
		v = NULL;
	return v ? v : def;
}

/* cfg from the options (already checked to be known) and the environment. */
static int configure(struct kh_cli *cli, json_t *opts, struct kh_http_config *cfg)
{
	const char *v;
	int rc;

	if (cli->db_given && json_object_get(opts, "db"))
		return kh_cli_repeated("serve", "db");
	cfg->db_path = setting(opts, "db", NULL, cli->db_path);
	cfg->bind = setting(opts, "bind", "KEHU_BIND", "127.0.0.1");
	cfg->static_dir = setting(opts, "static", NULL, NULL);
	cfg->trusted_proxies = setting(opts, "trusted_proxy", "KEHU_TRUSTED_PROXY", NULL);
	v = getenv("KEHU_SECURE_COOKIES");
	cfg->secure_cookies = json_object_get(opts, "secure_cookies") || (v && strcmp(v, "1") == 0);
	cfg->port = 8080;
	if ((v = setting(opts, "port", "KEHU_PORT", NULL)) &&
	    (rc = number("port", v, 0, 65535, &cfg->port)))
		return rc;
	if ((v = setting(opts, "threads", NULL, NULL)) &&
	    (rc = number("threads", v, 1, 64, &cfg->threads)))
		return rc;
	if ((v = setting(opts, "cache_mib", "KEHU_CACHE_MIB", NULL)) &&
	    (rc = number("cache-mib", v, 2, 65536, &cfg->cache_mib)))
		return rc;
	if ((v = setting(opts, "import_max_mib", "KEHU_IMPORT_MAX_MIB", NULL)) &&
	    (rc = number("import-max-mib", v, 1, 1048576, &cfg->import_max_mib)))
		return rc;
	return 0;
}

int kh_cmd_serve(struct kh_cli *cli, int argc, char **argv)
{
	static const char *const flags[] = {"secure_cookies", "routes", NULL};
	static const char *const known[] = {"port", "bind", "threads", "cache_mib", "db",
					    "static", "trusted_proxy", "secure_cookies", "routes",
					    "import_max_mib", NULL};
	struct kh_http_config cfg = {0};
	struct kh_error err = {0};
	json_t *opts;
	int npos, rc;

	opts = kh_cli_options_flags(cli, "serve", argc - 1, argv + 1, flags, NULL, 0, &npos);
	if (!opts)
		return cli->options_status;
	if (cli->help) {
		usage();
		rc = KH_EXIT_OK;
		goto out;
	}
	if ((rc = kh_cli_options_known("serve", opts, known)))
		goto out;
	if (json_object_get(opts, "routes")) {
		kh_http_print_routes(stdout);
		goto out;
	}
	if (!(rc = configure(cli, opts, &cfg)) && kh_http_serve(&cfg, &err))
		rc = kh_cli_fail("serve", &err);
out:
	/* cfg points into opts until the server has stopped. */
	json_decref(opts);
	return rc;
}
