/*
 * mail.h: one e-mail out: the RFC 5322 message of UTF-8 text and HTML (its
 * Subject and sender's name in RFC 2047 encoded words, its bodies in base64,
 * with Date, Message-ID and the one-click unsubscribe headers)
 * and its sending through libcurl's SMTP (smtp:// or smtps://, STARTTLS as
 * configured, a login when one is set). The settings mail.smtp_url,
 * mail.from, mail.username, mail.password and mail.starttls say where,
 * unless the environment does: KEHU_SMTP_URL (credentials may be in it),
 * KEHU_SMTP_USER and KEHU_SMTP_PASSWORD. The password is never put into an
 * error or a log.
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

/* The configuration from the environment (KEHU_SMTP_URL, KEHU_SMTP_USER,
 * KEHU_SMTP_PASSWORD, each when set and not empty) and else the settings of
 * ctx (whose strings live as long as ctx's settings snapshot). */
void kh_mail_config_from(struct kh_ctx *ctx, struct kh_mail_config *cfg);
/* Is mail set up (an smtp:// or smtps:// URL and a sender)? */
bool kh_mail_configured(const struct kh_mail_config *cfg);

/* Is addr a plain address (local@domain: printable ASCII, no spaces,
 * angle brackets, commas or line breaks, at most 254 bytes)? */
bool kh_mail_address_ok(const char *addr);

/* One message to compose; the strings are borrowed, NULL for none. */
struct kh_mail_message {
	const char *from_name;       /* the sender's display name (default "kehu") */
	const char *from, *to;       /* plain addresses (kh_mail_address_ok) */
	const char *reply_to;        /* where replies go (the owner rep) */
	const char *subject;         /* one line of UTF-8 */
	const char *text;            /* the plain-text body, lines ending in \n */
	const char *html;            /* the HTML body: with it, multipart/alternative */
	const char *unsubscribe_url; /* List-Unsubscribe, one-click (RFC 8058) */
	time_t when;                 /* the Date */
	const char *id_hint;         /* into the Message-ID: letters, digits, '.', '-' */
};

/* The message m, appended to out: headers with CRLF line ends, the Subject
 * and a display name that is not plain ASCII words in encoded words of at
 * most 75 characters, each body in base64 lines of 76 (text alone, or text
 * and HTML as multipart/alternative), and with unsubscribe_url the headers
 * List-Unsubscribe and List-Unsubscribe-Post. The Message-ID is id_hint and
 * the time at the sender's domain. KH_EINVAL naming "to", "from",
 * "reply_to" (a bad address), "from_name", "subject" (not one line of
 * UTF-8), "body", "html" (not UTF-8) or "unsubscribe_url" (not an http(s)
 * URL of printable ASCII); KH_ENOMEM. out is unchanged on KH_EINVAL. */
int kh_mail_compose(const struct kh_mail_message *m, struct kh_strbuf *out,
		    struct kh_error *err);

/* kh_mail_compose of a text message from "kehu" <from>. */
int kh_mail_build(const char *from, const char *to, const char *subject, const char *body,
		  time_t when, const char *id_hint, struct kh_strbuf *out, struct kh_error *err);

/* What became of one message handed to the server. */
enum kh_mail_outcome {
	KH_MAIL_SENT = 0,
	KH_MAIL_RETRY,       /* a 4xx reply, or no answer (connection, timeout): later */
	KH_MAIL_BAD_ADDRESS, /* a 5xx reply to the recipient: a hard bounce */
	KH_MAIL_REFUSED,     /* a 5xx reply to the message itself: it will never go */
	KH_MAIL_SERVER,      /* the server refuses the sender or the login: fix the setup */
};

/* One connection to the SMTP server kept over many messages (a campaign's),
 * so that each costs one MAIL..DATA exchange, not a connection and a TLS
 * handshake. One per sending thread. */
struct kh_mail_session;

/* A session with its own copy of cfg; NULL when out of memory. */
struct kh_mail_session *kh_mail_session_new(const struct kh_mail_config *cfg);
/* Closes the connection. Accepts NULL. */
void kh_mail_session_free(struct kh_mail_session *s);

/* Send message (as kh_mail_compose made it) to to, reusing the session's
 * connection (opening one when there is none or the server closed it).
 * *outcome says what became of it and *smtp_code is the server's last reply
 * code (0 for none); both are set on every return. Returns 0 when sent;
 * KH_EINVAL when mail is not set up or to is not an address; KH_EIO with
 * the server's or libcurl's reason, never the password. */
int kh_mail_session_send(struct kh_mail_session *s, const char *to, const char *message,
			 enum kh_mail_outcome *outcome, long *smtp_code, struct kh_error *err);

/* One message through a session of its own (the reminder digest). */
int kh_mail_send(const struct kh_mail_config *cfg, const char *to, const char *message,
		 struct kh_error *err);

#endif
