/*
 * mail.h: one e-mail out: the RFC 5322 message of a UTF-8 text (its Subject
 * in RFC 2047 encoded words, its body in base64, with Date and Message-ID)
 * and its sending through libcurl's SMTP (smtp:// or smtps://, STARTTLS as
 * configured, a login when one is set). The settings mail.smtp_url,
 * mail.from, mail.username, mail.password and mail.starttls say where; the
 * password is never put into an error or a log.
 */
#ifndef KH_MAIL_H
#define KH_MAIL_H

#include <stdbool.h>
#include <time.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "service/context.h"

/* In the order of the choices of mail.starttls. */
enum kh_mail_tls { KH_MAIL_TLS_NONE = 0, KH_MAIL_TLS_TRY, KH_MAIL_TLS_REQUIRED };

/* Where mail goes; the strings are borrowed. */
struct kh_mail_config {
	const char *url;      /* smtp://host:port or smtps://host:port */
	const char *from;     /* the sender's address */
	const char *username; /* "" for no login */
	const char *password;
	enum kh_mail_tls tls;
};

/* The configuration from the settings of ctx (its strings live as long as
 * ctx's settings snapshot). */
void kh_mail_config_from(struct kh_ctx *ctx, struct kh_mail_config *cfg);
/* Is mail set up (an smtp:// or smtps:// URL and a sender)? */
bool kh_mail_configured(const struct kh_mail_config *cfg);

/* Is addr a plain address (local@domain: printable ASCII, no spaces,
 * angle brackets, commas or line breaks, at most 254 bytes)? */
bool kh_mail_address_ok(const char *addr);

/* The message from from to to with subject and body (UTF-8; body lines
 * end in \n) dated when, appended to out: headers with CRLF line ends, the
 * Subject in encoded words of at most 75 characters, the body in base64
 * lines of 76. id_hint goes into the Message-ID beside the time (letters,
 * digits, '.' and '-'). KH_EINVAL naming "to", "from" (a bad address) or
 * "subject", "body" (not UTF-8); KH_ENOMEM. */
int kh_mail_build(const char *from, const char *to, const char *subject, const char *body,
		  time_t when, const char *id_hint, struct kh_strbuf *out, struct kh_error *err);

/* Send message (as kh_mail_build made it) to to through cfg's server.
 * KH_EINVAL when mail is not set up; KH_EIO with the server's or libcurl's
 * reason when it fails. */
int kh_mail_send(const struct kh_mail_config *cfg, const char *to, const char *message,
		 struct kh_error *err);

#endif
