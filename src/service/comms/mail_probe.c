/*
 * mail_probe.c: `kehu mail test`. The message says in both languages what
 * it is, so whoever receives it knows it is not a campaign.
 */
#include "service/comms/mail_probe.h"

#include <stdio.h>
#include <time.h>

#include "base/strbuf.h"
#include "service/comms/mail.h"
#include "base/banned.h"

static const char *const outcome_names[] = {"sent", "retry", "bad_address", "refused", "server"};

const char *kh_mail_outcome_name(int outcome)
{
	return outcome >= 0 && outcome <= KH_MAIL_SERVER ? outcome_names[outcome] : "server";
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

int kh_mail_probe(struct kh_ctx *ctx, const char *to, int count, json_t **out,
		  struct kh_error *err)
{
	struct kh_mail_config cfg;
	struct kh_mail_session *session = NULL;
	struct kh_strbuf msg;
	struct timespec t0;
	json_t *list = NULL;
	long sent = 0, failed = 0;
	int rc = KH_ENOMEM;

	if (ctx->actor.role != KH_ROLE_SYSTEM && ctx->actor.role != KH_ROLE_ADMIN)
		return kh_error_set(err, KH_EPERM, "", "only admins may send test mail");
	if (count < 1 || count > KH_MAIL_PROBE_MAX)
		return kh_error_set(err, KH_EINVAL, "count", "%s must be a whole number %g..%g",
				    "count", 1.0, (double)KH_MAIL_PROBE_MAX);
	if (!to || !*to)
		return kh_error_set(err, KH_EINVAL, "to", "%s is required", "to");
	if (!kh_mail_address_ok(to))
		return kh_error_set(err, KH_EINVAL, "to", "%s is not an e-mail address", "to");
	kh_mail_config_from(ctx, &cfg);
	if (!kh_mail_configured(&cfg))
		return kh_error_set(err, KH_EINVAL, "mail.smtp_url",
				    "mail is not set up: set mail.smtp_url and mail.from");
	kh_strbuf_init(&msg, 0);
	if (!(session = kh_mail_session_new(&cfg)) || !(list = json_array()))
		goto out;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int n = 1; n <= count; n++) {
		char hint[32];
		struct kh_mail_message m = {
		    .from = cfg.from,
		    .to = to,
		    .subject = "kehu 测试邮件 · test message",
		    .text = "这是 kehu 发出的测试邮件：邮件设置可用。\n"
			    "This is a test message from kehu: the mail setup works.\n",
		    .when = time(NULL),
		    .id_hint = hint,
		};
		enum kh_mail_outcome outcome;
		struct kh_error e = {0};
		long code;

		snprintf(hint, sizeof(hint), "mail-test.%d", n);
		kh_strbuf_reset(&msg);
		if ((rc = kh_mail_compose(&m, &msg, err)))
			goto out;
		rc = kh_mail_session_send(session, to, msg.buf, &outcome, &code, &e);
		if (rc == KH_ENOMEM) {
			kh_error_set(err, KH_ENOMEM, "", "out of memory");
			goto out;
		}
		if (rc)
			failed++;
		else
			sent++;
		json_array_append_new(list, json_pack("{s:i, s:s, s:I, s:s?, s:s?}", "n", n,
						      "outcome", kh_mail_outcome_name(outcome),
						      "smtp_code", (json_int_t)code, "error",
						      rc ? e.message : NULL, "error_zh",
						      rc ? e.message_zh : NULL));
		if (outcome == KH_MAIL_SERVER)
			break;
	}
	*out = json_pack("{s:s, s:I, s:I, s:f, s:o}", "to", to, "sent", (json_int_t)sent, "failed",
			 (json_int_t)failed, "seconds", seconds_since(&t0), "messages", list);
	list = NULL;
	rc = *out ? 0 : kh_error_set(err, KH_ENOMEM, "", "out of memory");
out:
	if (rc == KH_ENOMEM && err && !err->code)
		kh_error_set(err, KH_ENOMEM, "", "out of memory");
	json_decref(list);
	kh_mail_session_free(session);
	kh_strbuf_release(&msg);
	return rc;
}
