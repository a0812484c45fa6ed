/*
 * mail_probe.h: test messages to check the mail setup before anything real
 * is sent (`kehu mail test`): several over one connection, each with what
 * the server answered, as the campaign sender will meet it.
 */
#ifndef KH_MAIL_PROBE_H
#define KH_MAIL_PROBE_H

#include <jansson.h>

#include "base/error.h"
#include "service/context.h"

#define KH_MAIL_PROBE_MAX 100

/* Sends count (1..KH_MAIL_PROBE_MAX) test messages to to over one session
 * of the configured server. Only an admin (or the command line) may. *out
 * gets {"to", "sent", "failed", "seconds", "messages": [{"n", "outcome":
 * sent|retry|bad_address|refused|server, "smtp_code", "error"?,
 * "error_zh"?}]} (the reason in English and 中文); a
 * failed message does not stop the others, but a "server" outcome (the
 * sender or the login refused) does. Returns 0 when the run took place
 * (look at "failed"); KH_EPERM, KH_EINVAL (count, to, mail not set up),
 * KH_ENOMEM. */
int kh_mail_probe(struct kh_ctx *ctx, const char *to, int count, json_t **out,
		  struct kh_error *err);

/* The API name of an outcome (sent, retry, bad_address, refused, server). */
const char *kh_mail_outcome_name(int outcome);

#endif
