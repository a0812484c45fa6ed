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
#include <stdlib.h>
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

/* An environment variable when set and not empty, else fallback. */
static const char *env_or(const char *name, const char *fallback)
{
	const char *v = getenv(name);

	return v && *v ? v : fallback;
}

void kh_mail_config_from(struct kh_ctx *ctx, struct kh_mail_config *cfg)
{
	int tls = kh_setting_choice_at(ctx, "mail.starttls");

	cfg->url = env_or("KEHU_SMTP_URL", kh_setting_text(ctx, "mail.smtp_url"));
	cfg->from = kh_setting_text(ctx, "mail.from");
	cfg->username = env_or("KEHU_SMTP_USER", kh_setting_text(ctx, "mail.username"));
	cfg->password = env_or("KEHU_SMTP_PASSWORD", kh_setting_text(ctx, "mail.password"));
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

/* A header of UTF-8 text (a Subject, a display name): one encoded word per
 * WORD_BYTES of whole characters, folded onto continuation lines; no line
 * end. */
static int add_encoded(struct kh_strbuf *out, const char *text)
{
	size_t len = strlen(text), pos = 0;
	int rc = 0;

	while (rc == 0 && pos < len) {
		size_t end = pos, next = pos;

		/* take whole characters while they fit */
		while (next < len) {
			size_t p = next;

			kh_utf8_next(text, len, &p);
			if (p - pos > WORD_BYTES)
				break;
			next = p;
		}
		end = next > pos ? next : pos + 1;
		rc = kh_strbuf_adds(out, pos ? "\r\n =?UTF-8?B?" : " =?UTF-8?B?");
		if (rc == 0)
			rc = add_base64(out, (const unsigned char *)text + pos, end - pos);
		if (rc == 0)
			rc = kh_strbuf_adds(out, "?=");
		pos = end;
	}
	if (rc == 0 && len == 0)
		rc = kh_strbuf_adds(out, " ");
	return rc;
}

static int add_subject(struct kh_strbuf *out, const char *subject)
{
	int rc = kh_strbuf_adds(out, "Subject:");

	if (rc == 0)
		rc = add_encoded(out, subject);
	return rc ? rc : kh_strbuf_adds(out, "\r\n");
}

/* A display name goes as it is when it is plain words of ASCII letters,
 * digits and spaces ("kehu"), else in encoded words (王伟, O'Brien). */
static bool name_plain(const char *name)
{
	for (const char *c = name; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9') || *c == ' '))
			return false;
	return *name && *name != ' ';
}

static int add_address(struct kh_strbuf *out, const char *header, const char *name,
		       const char *addr)
{
	int rc = kh_strbuf_adds(out, header);

	if (rc == 0 && name && *name)
		rc = name_plain(name) ? kh_strbuf_addf(out, " %s", name) : add_encoded(out, name);
	return rc ? rc : kh_strbuf_addf(out, " <%s>\r\n", addr);
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

/* A URL for a header's angle brackets: printable ASCII without spaces,
 * brackets or commas, short enough for one header line. */
static bool header_url_ok(const char *url)
{
	size_t n = strlen(url);

	if (n < 8 || n > 900 || (strncmp(url, "https://", 8) && strncmp(url, "http://", 7)))
		return false;
	for (const char *c = url; *c; c++)
		if (*c <= ' ' || *c >= 127 || strchr("<>,\"\\", *c))
			return false;
	return true;
}

static int add_part(struct kh_strbuf *out, const char *boundary, const char *type,
		    const char *body)
{
	int rc = kh_strbuf_addf(out,
				"--%s\r\nContent-Type: %s; charset=UTF-8\r\n"
				"Content-Transfer-Encoding: base64\r\n\r\n",
				boundary, type);

	return rc ? rc : add_body(out, body);
}

static int check_message(const struct kh_mail_message *m, struct kh_error *err)
{
	if (!kh_mail_address_ok(m->from))
		return kh_error_set(err, KH_EINVAL, "from", "%s is not an e-mail address", "from");
	if (!kh_mail_address_ok(m->to))
		return kh_error_set(err, KH_EINVAL, "to", "%s is not an e-mail address", "to");
	if (m->reply_to && *m->reply_to && !kh_mail_address_ok(m->reply_to))
		return kh_error_set(err, KH_EINVAL, "reply_to", "%s is not an e-mail address",
				    "reply_to");
	if (m->from_name && (!kh_utf8_valid(m->from_name, strlen(m->from_name)) ||
			     strpbrk(m->from_name, "\r\n\t")))
		return kh_error_set(err, KH_EINVAL, "from_name", "%s must be one line of UTF-8 text",
				    "from_name");
	if (!m->subject || !kh_utf8_valid(m->subject, strlen(m->subject)) ||
	    strpbrk(m->subject, "\r\n"))
		return kh_error_set(err, KH_EINVAL, "subject", "%s must be one line of UTF-8 text",
				    "subject");
	if (!m->text || !kh_utf8_valid(m->text, strlen(m->text)))
		return kh_error_set(err, KH_EINVAL, "body", "not valid UTF-8");
	if (m->html && !kh_utf8_valid(m->html, strlen(m->html)))
		return kh_error_set(err, KH_EINVAL, "html", "not valid UTF-8");
	if (m->unsubscribe_url && !header_url_ok(m->unsubscribe_url))
		return kh_error_set(err, KH_EINVAL, "unsubscribe_url",
				    "%s must be an http or https URL of at most 900 printable characters",
				    "unsubscribe_url");
	return 0;
}

int kh_mail_compose(const struct kh_mail_message *m, struct kh_strbuf *out,
		    struct kh_error *err)
{
	const char *hint = m->id_hint && hint_ok(m->id_hint) ? m->id_hint : "kehu";
	char date[40], boundary[40];
	int rc;

	if ((rc = check_message(m, err)))
		return rc;
	date_text(m->when, date);
	rc = kh_strbuf_addf(out, "Date: %s\r\n", date);
	if (rc == 0)
		rc = add_address(out, "From:", m->from_name ? m->from_name : "kehu", m->from);
	if (rc == 0)
		rc = add_address(out, "To:", NULL, m->to);
	if (rc == 0 && m->reply_to && *m->reply_to)
		rc = add_address(out, "Reply-To:", NULL, m->reply_to);
	if (rc == 0)
		rc = kh_strbuf_addf(out, "Message-ID: <%s.%lld@%s>\r\n", hint, (long long)m->when,
				    strchr(m->from, '@') + 1);
	if (rc == 0)
		rc = add_subject(out, m->subject);
	/* RFC 8058: the POST header makes the link one click, never a GET. */
	if (rc == 0 && m->unsubscribe_url)
		rc = kh_strbuf_addf(out,
				    "List-Unsubscribe: <%s>\r\n"
				    "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n",
				    m->unsubscribe_url);
	if (rc == 0)
		rc = kh_strbuf_adds(out, "MIME-Version: 1.0\r\n");
	if (rc == 0 && !m->html) {
		rc = kh_strbuf_adds(out, "Content-Type: text/plain; charset=UTF-8\r\n"
					 "Content-Transfer-Encoding: base64\r\n\r\n");
		if (rc == 0)
			rc = add_body(out, m->text);
	} else if (rc == 0) {
		/* '_' is not base64, so no body line can be the boundary; it stays
		 * well inside RFC 2046's 70 characters whatever the hint. */
		snprintf(boundary, sizeof(boundary), "=_kehu.%lld", (long long)m->when);
		rc = kh_strbuf_addf(out,
				    "Content-Type: multipart/alternative; boundary=\"%s\"\r\n\r\n",
				    boundary);
		if (rc == 0)
			rc = add_part(out, boundary, "text/plain", m->text);
		if (rc == 0)
			rc = add_part(out, boundary, "text/html", m->html);
		if (rc == 0)
			rc = kh_strbuf_addf(out, "--%s--\r\n", boundary);
	}
	return rc ? kh_error_set(err, KH_ENOMEM, "", "out of memory") : 0;
}

int kh_mail_build(const char *from, const char *to, const char *subject, const char *body,
		  time_t when, const char *id_hint, struct kh_strbuf *out, struct kh_error *err)
{
	struct kh_mail_message m = {.from = from, .to = to, .subject = subject, .text = body,
				    .when = when, .id_hint = id_hint};

	return kh_mail_compose(&m, out, err);
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

struct kh_mail_session {
	CURL *curl;
	char *url, *from, *username, *password;
	enum kh_mail_tls tls;
};

static char *copy(const char *s)
{
	return strdup(s ? s : "");
}

struct kh_mail_session *kh_mail_session_new(const struct kh_mail_config *cfg)
{
	struct kh_mail_session *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->url = copy(cfg->url);
	s->from = copy(cfg->from);
	s->username = copy(cfg->username);
	s->password = copy(cfg->password);
	s->tls = cfg->tls <= KH_MAIL_TLS_REQUIRED ? cfg->tls : KH_MAIL_TLS_REQUIRED;
	if (!s->url || !s->from || !s->username || !s->password) {
		kh_mail_session_free(s);
		return NULL;
	}
	return s;
}

void kh_mail_session_free(struct kh_mail_session *s)
{
	if (!s)
		return;
	curl_easy_cleanup(s->curl);
	free(s->url);
	free(s->from);
	free(s->username);
	if (s->password) /* not left in freed memory */
		explicit_bzero(s->password, strlen(s->password));
	free(s->password);
	free(s);
}

/* The handle, made once: options that stay for every message. */
static CURL *session_handle(struct kh_mail_session *s)
{
	static const long tls[] = {CURLUSESSL_NONE, CURLUSESSL_TRY, CURLUSESSL_ALL};
	CURL *c;

	if (s->curl)
		return s->curl;
	if (!(c = curl_easy_init()))
		return NULL;
	curl_easy_setopt(c, CURLOPT_URL, s->url);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
#endif
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_message);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_USE_SSL, tls[s->tls]);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, SEND_TIMEOUT_S);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, CONNECT_TIMEOUT_S);
	if (*s->username) {
		curl_easy_setopt(c, CURLOPT_USERNAME, s->username);
		curl_easy_setopt(c, CURLOPT_PASSWORD, s->password);
	}
	return s->curl = c;
}

/* What a failed exchange means for the message. libcurl names the command
 * a reply answered in its error text ("RCPT failed: 550", "MAIL failed:
 * 553"); a login it reports as CURLE_LOGIN_DENIED. */
static enum kh_mail_outcome classify(CURLcode res, long code, const char *why)
{
	if (res == CURLE_LOGIN_DENIED)
		return KH_MAIL_SERVER;
	if (code < 500 || code > 599)
		return KH_MAIL_RETRY;
	if (strncmp(why, "RCPT failed", 11) == 0)
		return KH_MAIL_BAD_ADDRESS;
	if (strncmp(why, "MAIL failed", 11) == 0)
		return KH_MAIL_SERVER;
	return KH_MAIL_REFUSED;
}

int kh_mail_session_send(struct kh_mail_session *s, const char *to, const char *message,
			 enum kh_mail_outcome *outcome, long *smtp_code, struct kh_error *err)
{
	struct kh_mail_config cfg = {s->url, s->from, s->username, s->password, s->tls};
	char from[300], rcpt_addr[300], why[CURL_ERROR_SIZE] = "", code_text[24];
	struct curl_slist *rcpt = NULL;
	struct reader r = {message, strlen(message)};
	CURL *c;
	CURLcode res;

	*outcome = KH_MAIL_SERVER;
	*smtp_code = 0;
	if (!kh_mail_configured(&cfg))
		return kh_error_set(err, KH_EINVAL, "mail.smtp_url",
				    "mail is not set up: set mail.smtp_url and mail.from");
	if (!kh_mail_address_ok(to)) {
		*outcome = KH_MAIL_BAD_ADDRESS;
		return kh_error_set(err, KH_EINVAL, "to", "%s is not an e-mail address", "to");
	}
	snprintf(from, sizeof(from), "<%s>", s->from);
	snprintf(rcpt_addr, sizeof(rcpt_addr), "<%s>", to);
	if (!(c = session_handle(s)) || !(rcpt = curl_slist_append(NULL, rcpt_addr))) {
		*outcome = KH_MAIL_RETRY;
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	}
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READDATA, &r);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, why);
	res = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, smtp_code);
	/* the list and the buffer die here; the handle outlives them */
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, NULL);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, NULL);
	curl_slist_free_all(rcpt);
	if (res == CURLE_OK) {
		*outcome = KH_MAIL_SENT;
		return 0;
	}
	*outcome = classify(res, *smtp_code, why);
	snprintf(code_text, sizeof(code_text), "%ld", *smtp_code);
	/* libcurl leaves the code out of some reasons ("Weird server reply") */
	if (*smtp_code && !strstr(why, code_text))
		return kh_error_set(err, KH_EIO, "mail.smtp_url",
				    "sending mail failed: %s (the server replied %ld)",
				    *why ? why : curl_easy_strerror(res), *smtp_code);
	return kh_error_set(err, KH_EIO, "mail.smtp_url", "sending mail failed: %s",
			    *why ? why : curl_easy_strerror(res));
}

int kh_mail_send(const struct kh_mail_config *cfg, const char *to, const char *message,
		 struct kh_error *err)
{
	struct kh_mail_session *s = kh_mail_session_new(cfg);
	enum kh_mail_outcome outcome;
	long code;
	int rc;

	if (!s)
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	rc = kh_mail_session_send(s, to, message, &outcome, &code, err);
	kh_mail_session_free(s);
	return rc;
}
