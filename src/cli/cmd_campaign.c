/*
 * cmd_campaign.c: `kehu campaign add|list|preview|send|report|run`
 * (service/comms/campaign.h). A campaign is run by a user, so add and send
 * act as one (--as LOGIN); the others act as the local operator unless
 * --as says whom. run is the sender itself, for a kehu without `serve`
 * (from cron): it sends what is due and returns when nothing is.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/parse.h"
#include "base/strbuf.h"
#include "service/comms/campaign.h"
#include "service/comms/campaign_send.h"
#include "base/banned.h"

static void usage(FILE *out)
{
	fprintf(out,
		"usage: kehu [--db PATH] campaign add --as LOGIN --name N --subject S --text FILE\n"
		"                          [--html FILE] [--audience JSON] [--purpose P] [--lang zh|en]\n"
		"       kehu [--db PATH] campaign list [--status S] [--kind K] [--as LOGIN] [--json]\n"
		"       kehu [--db PATH] campaign preview ID [--contact ID] [--as LOGIN] [--json]\n"
		"       kehu [--db PATH] campaign send ID --as LOGIN [--at YYYY-MM-DDTHH:MM:SSZ]\n"
		"       kehu [--db PATH] campaign report ID [--as LOGIN] [--json]\n"
		"       kehu [--db PATH] campaign run [--max N] [--json]\n\n"
		"E-mail campaigns (营销邮件). add makes a draft: the audience is a customer or\n"
		"contact list's filter, '{\"list\": \"customers\", \"filters\": {\"abc_class\": \"A\"}}'\n"
		"(the default: every customer LOGIN sees); FILE holds the plain-text body (- for\n"
		"standard input), the HTML one is optional. Placeholders: {{salutation}} (张总),\n"
		"{{contact.name}}, {{customer.name}}, {{owner.name}}, {{owner.signature}},\n"
		"{{unsubscribe_url}} ... preview shows who is left out and why and the message\n"
		"one contact would get; send queues it now or at --at (UTC), in LOGIN's scope.\n"
		"The server sends the queue; run sends it without one (up to --max messages).\n"
		"Mail goes through mail.smtp_url (or KEHU_SMTP_URL); links point to\n"
		"KEHU_PUBLIC_URL (or mail.public_url).\n");
}

static const char *take(json_t *opts, const char *name, char *buf, size_t size)
{
	const char *s = json_string_value(json_object_get(opts, name));

	if (!s)
		return NULL;
	snprintf(buf, size, "%s", s);
	json_object_del(opts, name);
	return buf;
}

/* The whole file path ("-": standard input), at most KH_CAMPAIGN_BODY_MAX bytes. */
static int read_body(const char *cmd, const char *path, struct kh_strbuf *out)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char buf[8192];
	size_t n;
	int rc = 0;

	if (!f) {
		fprintf(stderr, "kehu %s: cannot open %s\n", cmd, path);
		return KH_EXIT_USAGE;
	}
	while (rc == 0 && (n = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (out->len + n > KH_CAMPAIGN_BODY_MAX)
			rc = KH_ELIMIT;
		else
			rc = kh_strbuf_add(out, buf, n);
	}
	if (f != stdin)
		fclose(f);
	if (rc) {
		fprintf(stderr, "kehu %s: %s is longer than %d bytes\n", cmd, path,
			KH_CAMPAIGN_BODY_MAX);
		return KH_EXIT_USAGE;
	}
	return 0;
}

/* Print a campaign or a report as the actor sees it. */
static int print(struct kh_cli *cli, json_t *out)
{
	if (cli->json)
		kh_cli_print_json(out);
	else
		kh_cli_print_fields(out, "");
	json_decref(out);
	return KH_EXIT_OK;
}

static int add(struct kh_cli *cli, json_t *opts)
{
	static const char *const cmd = "campaign add";
	struct kh_error err = {0};
	struct kh_strbuf text, html;
	char login[128], path[1024], hpath[1024];
	const char *as = take(opts, "as", login, sizeof(login));
	const char *tfile = take(opts, "text", path, sizeof(path));
	const char *hfile = take(opts, "html", hpath, sizeof(hpath));
	const char *audience = json_string_value(json_object_get(opts, "audience"));
	json_t *out = NULL;
	int64_t id = 0;
	int rc;

	if (!as)
		return kh_cli_usage(cmd, "give the sender: --as LOGIN");
	if (!tfile)
		return kh_cli_usage(cmd, "give the plain-text body: --text FILE");
	kh_strbuf_init(&text, 0);
	kh_strbuf_init(&html, 0);
	if ((rc = read_body(cmd, tfile, &text)) || (hfile && (rc = read_body(cmd, hfile, &html))))
		goto out;
	json_object_set_new(opts, "body_text", json_stringn(text.buf ? text.buf : "", text.len));
	if (hfile)
		json_object_set_new(opts, "body_html", json_stringn(html.buf ? html.buf : "", html.len));
	if (audience) {
		json_t *a = json_loads(audience, 0, NULL);

		if (!a) {
			rc = kh_cli_usage(cmd, "--audience is not JSON");
			goto out;
		}
		json_object_set_new(opts, "audience", a);
	} else
		json_object_set_new(opts, "audience", json_pack("{s:s}", "list", "customers"));
	if ((rc = kh_cli_open(cli, cmd)))
		goto out;
	if (kh_cli_act_as(cli, as, &err) || kh_campaign_create(&cli->ctx, opts, &id, &err) ||
	    kh_campaign_get(&cli->ctx, id, &out, &err)) {
		rc = kh_cli_fail(cmd, &err);
		goto out;
	}
	rc = print(cli, out);
out:
	kh_strbuf_release(&text);
	kh_strbuf_release(&html);
	return rc;
}

static void print_list(json_t *out)
{
	json_t *items = json_object_get(out, "items"), *c;
	size_t i;

	json_array_foreach(items, i, c) {
		json_t *n = json_object_get(c, "counts");

		printf("%lld\t%s\t%s\t%s\tsent %lld\topened %lld\tclicked %lld\n",
		       (long long)json_integer_value(json_object_get(c, "id")),
		       json_string_value(json_object_get(c, "status")),
		       json_string_value(json_object_get(c, "name")),
		       json_string_value(json_object_get(c, "owner")),
		       (long long)json_integer_value(json_object_get(n, "sent")),
		       (long long)json_integer_value(json_object_get(n, "opened")),
		       (long long)json_integer_value(json_object_get(n, "clicked")));
	}
	printf("%lld campaign(s)\n", (long long)json_integer_value(json_object_get(out, "total")));
}

/* One campaign command on id with the actor of --as (required: need_as). */
static int on_campaign(struct kh_cli *cli, const char *cmd, const char *what, int64_t id,
		       json_t *opts, bool need_as)
{
	struct kh_error err = {0};
	char login[128];
	const char *as = take(opts, "as", login, sizeof(login));
	json_t *out = NULL;
	int rc;

	if (need_as && !as)
		return kh_cli_usage(cmd, "give the sender: --as LOGIN");
	if ((rc = kh_cli_open(cli, cmd)))
		return rc;
	if (as && kh_cli_act_as(cli, as, &err))
		return kh_cli_fail(cmd, &err);
	if (strcmp(what, "preview") == 0)
		rc = kh_campaign_preview(&cli->ctx, id, opts, &out, &err);
	else if (strcmp(what, "report") == 0)
		rc = kh_campaign_report(&cli->ctx, id, &out, &err);
	else if ((rc = kh_campaign_send(&cli->ctx, id, opts, &err)) == 0)
		rc = kh_campaign_get(&cli->ctx, id, &out, &err);
	if (rc)
		return kh_cli_fail(cmd, &err);
	return print(cli, out);
}

static bool no_wait(void *arg, long ms)
{
	usleep((useconds_t)(ms > 1000 ? 1000 : ms) * 1000);
	return false;
}

/* Send what is due, round after round, until nothing is or max went. */
static int run(struct kh_cli *cli, json_t *opts)
{
	static const char *const cmd = "campaign run";
	const char *s = json_string_value(json_object_get(opts, "max"));
	struct kh_campaign_sender *sender = NULL;
	struct kh_campaign_round total = {0};
	struct kh_error err = {0};
	int64_t max = 1000000;
	int rc;

	if (s && kh_parse_int64(s, 1, 100000000, &max, "max", &err))
		return kh_cli_fail(cmd, &err);
	if ((rc = kh_cli_open(cli, cmd)))
		return rc;
	kh_store_relax_sync(cli->store); /* the marks, as the server's sender (store.h) */
	/* the queue may be the server's too: what it holds is left to its lease */
	if (!(sender = kh_campaign_sender_new(false, no_wait, NULL))) {
		kh_error_set(&err, KH_ENOMEM, "", "out of memory");
		return kh_cli_fail(cmd, &err);
	}
	while ((int64_t)total.sent < max) {
		struct kh_campaign_round round;

		if (kh_campaign_send_round(&cli->ctx, sender, (size_t)(max - (int64_t)total.sent),
					   &round, &err)) {
			kh_campaign_sender_free(sender);
			return kh_cli_fail(cmd, &err);
		}
		total.sent += round.sent;
		total.failed += round.failed;
		total.bounced += round.bounced;
		total.retried += round.retried;
		total.finished += round.finished;
		if (round.server_error[0]) {
			fprintf(stderr, "kehu %s: the SMTP server refuses: %s\n", cmd, round.server_error);
			break;
		}
		if (round.idle)
			break;
	}
	kh_campaign_sender_free(sender);
	if (cli->json)
		return print(cli, json_pack("{s:I, s:I, s:I, s:I, s:I}", "sent", (json_int_t)total.sent,
					    "retried", (json_int_t)total.retried, "failed",
					    (json_int_t)total.failed, "bounced",
					    (json_int_t)total.bounced, "finished",
					    (json_int_t)total.finished));
	printf("sent %zu, to retry %zu, failed %zu, bounced %zu; %zu campaign(s) finished\n",
	       total.sent, total.retried, total.failed, total.bounced, total.finished);
	return KH_EXIT_OK;
}

int kh_cmd_campaign(struct kh_cli *cli, int argc, char **argv)
{
	static const char *const add_known[] = {"as", "name", "subject", "text", "html",
						"audience", "purpose", "lang", NULL};
	static const char *const list_known[] = {"as", "status", "kind", "page", "per_page",
						 NULL};
	static const char *const preview_known[] = {"as", "contact", NULL};
	static const char *const send_known[] = {"as", "at", NULL};
	static const char *const report_known[] = {"as", NULL};
	static const char *const run_known[] = {"max", NULL};
	const char *pos[2] = {NULL, NULL};
	struct kh_error err = {0};
	json_t *opts;
	int64_t id = 0;
	int npos = 0, rc;

	opts = kh_cli_options(cli, "campaign", argc - 1, argv + 1, pos, 2, &npos);
	if (!opts)
		return cli->options_status;
	if (cli->help || npos == 0) {
		usage(cli->help ? stdout : stderr);
		json_decref(opts);
		return cli->help ? KH_EXIT_OK : KH_EXIT_USAGE;
	}
	if (npos == 2 && kh_parse_int64(pos[1], 1, INT64_MAX, &id, "id", &err)) {
		json_decref(opts);
		return kh_cli_usage("campaign", "give the campaign's id");
	}
	if (strcmp(pos[0], "add") == 0 && npos == 1) {
		if ((rc = kh_cli_options_known("campaign add", opts, add_known)) == 0)
			rc = add(cli, opts);
	} else if (strcmp(pos[0], "list") == 0 && npos == 1) {
		char login[128];
		const char *as = take(opts, "as", login, sizeof(login));
		json_t *out = NULL;

		if ((rc = kh_cli_options_known("campaign list", opts, list_known)) == 0 &&
		    (rc = kh_cli_open(cli, "campaign list")) == 0) {
			if ((as && kh_cli_act_as(cli, as, &err)) ||
			    kh_campaign_list(&cli->ctx, opts, &out, &err))
				rc = kh_cli_fail("campaign list", &err);
			else if (cli->json)
				rc = print(cli, out);
			else {
				print_list(out);
				json_decref(out);
			}
		}
	} else if (strcmp(pos[0], "preview") == 0 && npos == 2) {
		if ((rc = kh_cli_options_known("campaign preview", opts, preview_known)) == 0)
			rc = on_campaign(cli, "campaign preview", "preview", id, opts, false);
	} else if (strcmp(pos[0], "send") == 0 && npos == 2) {
		if ((rc = kh_cli_options_known("campaign send", opts, send_known)) == 0)
			rc = on_campaign(cli, "campaign send", "send", id, opts, true);
	} else if (strcmp(pos[0], "report") == 0 && npos == 2) {
		if ((rc = kh_cli_options_known("campaign report", opts, report_known)) == 0)
			rc = on_campaign(cli, "campaign report", "report", id, opts, false);
	} else if (strcmp(pos[0], "run") == 0 && npos == 1) {
		if ((rc = kh_cli_options_known("campaign run", opts, run_known)) == 0)
			rc = run(cli, opts);
	} else {
		usage(stderr);
		rc = KH_EXIT_USAGE;
	}
	json_decref(opts);
	return rc;
}
