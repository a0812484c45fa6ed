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

int kh_cmd_serve(struct kh_cli *cli, int argc, char **argv)
{
	struct kh_http_config cfg = {0};
	struct kh_error err = {0};
	const char *env;
	int rc;

	cfg.db_path = cli->db_path;
	cfg.bind = (env = getenv("KEHU_BIND")) && *env ? env : "127.0.0.1";
	cfg.port = 8080;
	if ((env = getenv("KEHU_PORT")) && *env && (rc = number("port", env, 0, 65535, &cfg.port)))
		return rc;
	cfg.secure_cookies = (env = getenv("KEHU_SECURE_COOKIES")) && strcmp(env, "1") == 0;
	cfg.trusted_proxies = getenv("KEHU_TRUSTED_PROXY");
	for (int i = 1; i < argc; i += 2) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			printf("usage: kehu [--db PATH] serve [--port N] [--bind ADDR] [--threads N]\n"
			       "                            [--static DIR] [--db PATH] [--secure-cookies]\n"
			       "                            [--trusted-proxy ADDR[,ADDR]] [--routes]\n"
			       "Serves the JSON API under /api/v1 (and the files of DIR under /).\n"
			       "Defaults: port 8080 ($KEHU_PORT; 0 = any free port), bind 127.0.0.1\n"
			       "($KEHU_BIND), one thread per CPU. SIGTERM or SIGINT stop it after the\n"
			       "requests in flight. A database without users prints a one-time\n"
			       "setup token for the first admin. --secure-cookies ($KEHU_SECURE_COOKIES=1)\n"
			       "marks the session cookie Secure: use it behind an HTTPS proxy.\n"
			       "--trusted-proxy ($KEHU_TRUSTED_PROXY) names the reverse proxies whose\n"
			       "X-Forwarded-For is believed: the client is the rightmost hop that is\n"
			       "not one of them (login limits and connection caps count per client).\n"
			       "--routes lists the routes.\n");
			return KH_EXIT_OK;
		}
		if (strcmp(a, "--routes") == 0) {
			kh_http_print_routes(stdout);
			return KH_EXIT_OK;
		}
		if (strcmp(a, "--secure-cookies") == 0) {
			cfg.secure_cookies = true;
			i--; /* a flag: no value follows */
			continue;
		}
		if (!v)
			return kh_cli_usage("serve", "%s needs a value (or is unknown)", a);
		if (strcmp(a, "--port") == 0) {
			if ((rc = number("port", v, 0, 65535, &cfg.port)))
				return rc;
		} else if (strcmp(a, "--threads") == 0) {
			if ((rc = number("threads", v, 1, 64, &cfg.threads)))
				return rc;
		} else if (strcmp(a, "--bind") == 0) {
			cfg.bind = v;
		} else if (strcmp(a, "--db") == 0) {
			cfg.db_path = v;
		} else if (strcmp(a, "--static") == 0) {
			cfg.static_dir = v;
		} else if (strcmp(a, "--trusted-proxy") == 0) {
			cfg.trusted_proxies = v;
		} else {
			return kh_cli_usage("serve", "unknown option %s", a);
		}
	}
	if (kh_http_serve(&cfg, &err))
		return kh_cli_fail("serve", &err);
	return KH_EXIT_OK;
}
