/*
 * mail.c: the message builder and the SMTP send (see mail.h). The builder
 * is pure (tests/unit/mail_test.c reads its output); the sender hands the
 * message to libcurl, which speaks SMTP, STARTTLS and AUTH. An error says
 * what the server or libcurl said, never the password.
 */
#include "service/comms/mail.h"

#include <curl/curl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/utf8.h"
#include "service/settings.h"
#include "base/banned.h"

/* Bytes of text in one encoded word: 45 bytes are 60 base64 characters,
 * 72 with "=?UTF-8?B?" and "?=", inside the 75 RFC 2047 allows. */
#define WORD_BYTES 45
/* Bytes a base64 body line holds: 57 bytes are 76 characters. */
#define LINE_BYTES 57
#define SEND_TIMEOUT_S 60L
#define CONNECT_TIMEOUT_S 15L

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int add_base64(struct kh_strbuf *out, const unsigned char *p, size_t n)
{
	char q[4];

	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16;

		if (i + 1 < n)
			v |= (uint32_t)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		q[0] = b64[(v >> 18) & 63];
		q[1] = b64[(v >> 12) & 63];
		q[2] = i + 1 < n ? b64[(v >> 6) & 63] : '=';
		q[3] = i + 2 < n ? b64[v & 63] : '=';
		if (kh_strbuf_add(out, q, 4))
			return KH_ENOMEM;
	}
	return 0;
}

void kh_mail_config_from(struct kh_ctx *ctx, struct kh_mail_config *cfg)
{
	int tls = kh_setting_choice_at(ctx, "mail.starttls");

	cfg->url = kh_setting_text(ctx, "mail.smtp_url");
	cfg->from = kh_setting_text(ctx, "mail.from");
	cfg->username = kh_setting_text(ctx, "mail.username");
	cfg->password = kh_setting_text(ctx, "mail.password");
	/* an unreadable choice: the safe reading */
	cfg->tls = tls < 0 ? KH_MAIL_TLS_REQUIRED : (enum kh_mail_tls)tls;
}

bool kh_mail_configured(const struct kh_mail_config *cfg)
{
	return cfg->url && (strncmp(cfg->url, "smtp://", 7) == 0 ||
			    strncmp(cfg->url, "smtps://", 8) == 0) &&
	       cfg->from && kh_mail_address_ok(cfg->from);
}

bool kh_mail_address_ok(const char *addr)
{
	size_t n = addr ? strlen(addr) : 0;
	const char *at = addr ? strchr(addr, '@') : NULL;

	if (n < 3 || n > 254 || !at || at == addr || !at[1] || strchr(at + 1, '@'))
		return false;
	for (const char *c = addr; *c; c++)
		if (*c <= ' ' || *c >= 127 || strchr("<>,;:\"()[]\\", *c))
			return false;
	return true;
}

/* The Subject header: one encoded word per WORD_BYTES of whole characters,
 * folded onto continuation lines. */
static int add_subject(struct kh_strbuf *out, const char *subject)
{
	size_t len = strlen(subject), pos = 0;
	int rc = kh_strbuf_adds(out, "Subject:");

	while (rc == 0 && pos < len) {
		size_t end = pos, next = pos;

		/* take whole characters while they fit */
		while (next < len) {
			size_t p = next;

			kh_utf8_next(subject, len, &p);
			if (p - pos > WORD_BYTES)
				break;
			next = p;
		}
		end = next > pos ? next : pos + 1;
		rc = kh_strbuf_adds(out, pos ? "\r\n =?UTF-8?B?" : " =?UTF-8?B?");
		if (rc == 0)
			rc = add_base64(out, (const unsigned char *)subject + pos, end - pos);
		if (rc == 0)
			rc = kh_strbuf_adds(out, "?=");
		pos = end;
	}
	if (rc == 0 && len == 0)
		rc = kh_strbuf_adds(out, " ");
	return rc ? rc : kh_strbuf_adds(out, "\r\n");
}

/* The body with CRLF line ends, in base64 lines of 76 characters. */
static int add_body(struct kh_strbuf *out, const char *body)
{
	struct kh_strbuf crlf;
	int rc = 0;

	kh_strbuf_init(&crlf, 0);
	for (const char *c = body; rc == 0 && *c; c++) {
		if (*c == '\n' && (c == body || c[-1] != '\r'))
			rc = kh_strbuf_addch(&crlf, '\r');
		if (rc == 0)
			rc = kh_strbuf_addch(&crlf, *c);
	}
	for (size_t i = 0; rc == 0 && i < crlf.len; i += LINE_BYTES) {
		size_t n = crlf.len - i < LINE_BYTES ? crlf.len - i : LINE_BYTES;

		rc = add_base64(out, (const unsigned char *)crlf.buf + i, n);
		if (rc == 0)
			rc = kh_strbuf_adds(out, "\r\n");
	}
	kh_strbuf_release(&crlf);
	return rc;
}

/* RFC 5322 date-time in UTC, with English names whatever the locale. */
static void date_text(time_t when, char out[40])
{
	static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	struct tm tm;

	gmtime_r(&when, &tm);
	snprintf(out, 40, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday % 7],
		 tm.tm_mday, months[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
		 tm.tm_sec);
}

static bool hint_ok(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '.' || *s == '-'))
			return false;
	return true;
}

int kh_mail_build(const char *from, const char *to, const char *subject, const char *body,
		  time_t when, const char *id_hint, struct kh_strbuf *out, struct kh_error *err)
{
	char date[40];
	int rc;

	if (!kh_mail_address_ok(from))
		return kh_error_set(err, KH_EINVAL, "from", "%s is not an e-mail address", "from");
	if (!kh_mail_address_ok(to))
		return kh_error_set(err, KH_EINVAL, "to", "%s is not an e-mail address", "to");
	if (!subject || !kh_utf8_valid(subject, strlen(subject)) || strpbrk(subject, "\r\n"))
		return kh_error_set(err, KH_EINVAL, "subject", "%s must be one line of UTF-8 text",
				    "subject");
	if (!body || !kh_utf8_valid(body, strlen(body)))
		return kh_error_set(err, KH_EINVAL, "body", "not valid UTF-8");
	if (!id_hint || !hint_ok(id_hint))
		id_hint = "kehu";
	date_text(when, date);
	rc = kh_strbuf_addf(out,
			    "Date: %s\r\nFrom: kehu <%s>\r\nTo: <%s>\r\n"
			    "Message-ID: <%s.%lld@%s>\r\n",
			    date, from, to, id_hint, (long long)when, strchr(from, '@') + 1);
	if (rc == 0)
		rc = add_subject(out, subject);
	if (rc == 0)
		rc = kh_strbuf_adds(out, "MIME-Version: 1.0\r\n"
				    "Content-Type: text/plain; charset=UTF-8\r\n"
				    "Content-Transfer-Encoding: base64\r\n\r\n");
	if (rc == 0)
		rc = add_body(out, body);
	return rc ? kh_error_set(err, KH_ENOMEM, "", "out of memory") : 0;
}

struct reader {
	const char *p;
	size_t left;
};

static size_t read_message(char *buf, size_t size, size_t nitems, void *arg)
{
	struct reader *r = arg;
	size_t n = size * nitems < r->left ? size * nitems : r->left;

	memcpy(buf, r->p, n);
	r->p += n;
	r->left -= n;
	return n;
}

int kh_mail_send(const struct kh_mail_config *cfg, const char *to, const char *message,
		 struct kh_error *err)
{
	static const long tls[] = {CURLUSESSL_NONE, CURLUSESSL_TRY, CURLUSESSL_ALL};
	char from[300], rcpt_addr[300], why[CURL_ERROR_SIZE] = "";
	struct curl_slist *rcpt = NULL;
	struct reader r = {message, strlen(message)};
	CURL *c = NULL;
	CURLcode res;
	int rc = KH_EIO;

	if (!kh_mail_configured(cfg))
		return kh_error_set(err, KH_EINVAL, "mail.smtp_url",
				    "mail is not set up: set mail.smtp_url and mail.from");
	if (!kh_mail_address_ok(to))
		return kh_error_set(err, KH_EINVAL, "to", "%s is not an e-mail address", "to");
	snprintf(from, sizeof(from), "<%s>", cfg->from);
	snprintf(rcpt_addr, sizeof(rcpt_addr), "<%s>", to);
	if (!(c = curl_easy_init()) || !(rcpt = curl_slist_append(NULL, rcpt_addr))) {
		rc = kh_error_set(err, KH_ENOMEM, "", "out of memory");
		goto out;
	}
	curl_easy_setopt(c, CURLOPT_URL, cfg->url);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
#endif
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_message);
	curl_easy_setopt(c, CURLOPT_READDATA, &r);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_USE_SSL, tls[cfg->tls <= KH_MAIL_TLS_REQUIRED ? cfg->tls : 2]);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, why);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, SEND_TIMEOUT_S);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, CONNECT_TIMEOUT_S);
	if (cfg->username && *cfg->username) {
		curl_easy_setopt(c, CURLOPT_USERNAME, cfg->username);
		curl_easy_setopt(c, CURLOPT_PASSWORD, cfg->password ? cfg->password : "");
	}
	res = curl_easy_perform(c);
	if (res == CURLE_OK)
		rc = 0;
	else
		rc = kh_error_set(err, KH_EIO, "mail.smtp_url", "sending mail failed: %s",
				  *why ? why : curl_easy_strerror(res));
out:
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	return rc;
}
