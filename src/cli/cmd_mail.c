/* cmd_mail.c: `kehu mail test --to ADDR [--count N] [--json]`: test messages
 * through the configured SMTP server (service/comms/mail_probe.h), each
 * with what the server answered; exit 1 when any failed. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "base/messages.h"
#include "base/parse.h"
#include "service/comms/mail_probe.h"
#include "base/banned.h"

int kh_cmd_mail(struct kh_cli *cli, int argc, char **argv)
{
	static const char *const known[] = {"to", "count", "as", NULL};
	const char *pos[1] = {NULL};
	struct kh_error err = {0};
	bool zh = kh_lang_from_env() == KH_LANG_ZH;
	json_t *opts, *out = NULL, *one;
	int64_t count = 1;
	size_t i;
	int npos, rc;

	opts = kh_cli_options(cli, "mail", argc - 1, argv + 1, pos, 1, &npos);
	if (!opts)
		return cli->options_status;
	if (cli->help) {
		printf("usage: kehu [--db PATH] mail test --to ADDR [--count N] [--as LOGIN] [--json]\n"
		       "Sends N (1..%d, default 1) test messages to ADDR over one connection to\n"
		       "the SMTP server of the settings mail.smtp_url and mail.from (or of\n"
		       "KEHU_SMTP_URL, KEHU_SMTP_USER, KEHU_SMTP_PASSWORD), and prints what the\n"
		       "server answered to each: sent, retry (a 4xx reply or no answer), bad_address\n"
		       "(a 5xx to the recipient), refused (a 5xx to the message) or server (the\n"
		       "sender or the login refused: nothing more is tried). Exit 1 if any failed.\n"
		       "Only an admin may (--as LOGIN: as that user).\n",
		       KH_MAIL_PROBE_MAX);
		json_decref(opts);
		return KH_EXIT_OK;
	}
	if (npos != 1 || strcmp(pos[0], "test") != 0) {
		json_decref(opts);
		return kh_cli_usage("mail", "say test: kehu mail test --to ADDR [--count N]");
	}
	if ((rc = kh_cli_options_known("mail", opts, known)))
		goto out;
	if (json_object_get(opts, "count") &&
	    kh_parse_int64(json_string_value(json_object_get(opts, "count")), 1, KH_MAIL_PROBE_MAX,
			   &count, "count", &err)) {
		rc = kh_cli_fail("mail", &err);
		goto out;
	}
	if ((rc = kh_cli_open_read(cli, "mail")))
		goto out;
	if (json_object_get(opts, "as") &&
	    kh_cli_act_as(cli, json_string_value(json_object_get(opts, "as")), &err)) {
		rc = kh_cli_fail("mail", &err);
		goto out;
	}
	if (kh_mail_probe(&cli->ctx, json_string_value(json_object_get(opts, "to")), (int)count,
			  &out, &err)) {
		rc = kh_cli_fail("mail", &err);
		goto out;
	}
	if (cli->json) {
		kh_cli_print_json(out);
	} else {
		json_array_foreach(json_object_get(out, "messages"), i, one) {
			const char *why = json_string_value(json_object_get(one, zh ? "error_zh" : "error"));

			printf("%lld: %s (%lld)%s%s\n", (long long)json_integer_value(json_object_get(one, "n")),
			       json_string_value(json_object_get(one, "outcome")),
			       (long long)json_integer_value(json_object_get(one, "smtp_code")),
			       why ? ": " : "", why ? why : "");
		}
		printf(zh ? "%lld 封已发送，%lld 封失败，用时 %.2f 秒\n"
			  : "%lld sent, %lld failed in %.2f s\n",
		       (long long)json_integer_value(json_object_get(out, "sent")),
		       (long long)json_integer_value(json_object_get(out, "failed")),
		       json_real_value(json_object_get(out, "seconds")));
	}
	rc = json_integer_value(json_object_get(out, "failed")) ? KH_EXIT_FAIL : KH_EXIT_OK;
out:
	json_decref(out);
	json_decref(opts);
	return rc;
}
