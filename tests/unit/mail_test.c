/* mail_test.c: the RFC 5322 message builder of service/comms/mail.c: its
 * headers, the Subject's encoded words (each at most 75 characters, cut on
 * whole characters), the base64 body with CRLF line ends, a campaign's
 * text and HTML parts with its one-click unsubscribe headers, and addresses,
 * names and URLs that would inject a header refused. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "service/comms/mail.h"

static int b64val(char c)
{
	const char *t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = strchr(t, c);

	return c && p ? (int)(p - t) : -1;
}

/* Decode base64 text (ignoring CR and LF) into out. */
static void unbase64(const char *in, size_t n, struct kh_strbuf *out)
{
	unsigned v = 0;
	int bits = 0;

	for (size_t i = 0; i < n && in[i] != '='; i++) {
		int d = b64val(in[i]);

		if (d < 0)
			continue;
		v = (v << 6) | (unsigned)d;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			kh_strbuf_addch(out, (char)((v >> bits) & 0xff));
		}
	}
}

/* The decoded text of every encoded word of the Subject header in msg. */
static void subject_of(const char *msg, struct kh_strbuf *out, size_t *longest)
{
	const char *p = strstr(msg, "\r\nSubject:"), *end = p ? strstr(p + 2, "\r\n") : NULL;

	*longest = 0;
	assert_non_null(p);
	/* continuation lines start with a space */
	while (end && end[2] == ' ')
		end = strstr(end + 2, "\r\n");
	for (const char *w = strstr(p, "=?UTF-8?B?"); w && w < end;
	     w = strstr(w + 1, "=?UTF-8?B?")) {
		const char *close = strstr(w + 10, "?=");

		assert_non_null(close);
		if ((size_t)(close + 2 - w) > *longest)
			*longest = (size_t)(close + 2 - w);
		unbase64(w + 10, (size_t)(close - w - 10), out);
	}
}

static void builds_the_headers_and_body(void **state)
{
	struct kh_strbuf m, text;
	const char *body;

	kh_strbuf_init(&m, 0);
	kh_strbuf_init(&text, 0);
	assert_int_equal(kh_mail_build("crm@example.com", "lily@example.com", "【客户】待办提醒：2 项",
				       "莉莉，您好：\n\n甲公司\n", 1780000000, "digest.2026-05-28.7", &m,
				       NULL),
			 0);
	assert_non_null(strstr(m.buf, "Date: Thu, 28 May 2026 20:26:40 +0000\r\n"));
	assert_non_null(strstr(m.buf, "\r\nFrom: kehu <crm@example.com>\r\n"));
	assert_non_null(strstr(m.buf, "\r\nTo: <lily@example.com>\r\n"));
	assert_non_null(
		strstr(m.buf, "\r\nMessage-ID: <digest.2026-05-28.7.1780000000@example.com>\r\n"));
	assert_non_null(strstr(m.buf, "\r\nMIME-Version: 1.0\r\n"));
	assert_non_null(strstr(m.buf, "\r\nContent-Type: text/plain; charset=UTF-8\r\n"));
	assert_non_null(strstr(m.buf, "\r\nContent-Transfer-Encoding: base64\r\n\r\n"));
	/* 7-bit on the wire: no byte above 127 anywhere */
	for (size_t i = 0; i < m.len; i++)
		assert_true((unsigned char)m.buf[i] < 128);
	body = strstr(m.buf, "\r\n\r\n") + 4;
	unbase64(body, strlen(body), &text);
	assert_string_equal(text.buf, "莉莉，您好：\r\n\r\n甲公司\r\n");
	kh_strbuf_release(&m);
	kh_strbuf_release(&text);
}

static void folds_a_long_subject_on_whole_characters(void **state)
{
	struct kh_strbuf m, s, subject;
	size_t longest = 0;

	kh_strbuf_init(&m, 0);
	kh_strbuf_init(&s, 0);
	kh_strbuf_init(&subject, 0);
	for (int i = 0; i < 40; i++)
		kh_strbuf_adds(&subject, i % 3 ? "待办" : "a");
	assert_int_equal(kh_mail_build("a@b.cn", "c@d.cn", subject.buf, "x", 0, "h", &m, NULL), 0);
	subject_of(m.buf, &s, &longest);
	assert_string_equal(s.buf, subject.buf);
	assert_true(longest <= 75);
	assert_true(longest > 60); /* the words are filled */
	kh_strbuf_release(&m);
	kh_strbuf_release(&s);
	kh_strbuf_release(&subject);
}

static void long_body_lines_are_76_characters(void **state)
{
	struct kh_strbuf m, body;
	const char *p;

	kh_strbuf_init(&m, 0);
	kh_strbuf_init(&body, 0);
	for (int i = 0; i < 200; i++)
		kh_strbuf_adds(&body, "客户");
	assert_int_equal(kh_mail_build("a@b.cn", "c@d.cn", "s", body.buf, 0, "h", &m, NULL), 0);
	p = strstr(m.buf, "\r\n\r\n") + 4;
	for (const char *e; (e = strstr(p, "\r\n")); p = e + 2)
		assert_true(e - p <= 76);
	kh_strbuf_release(&m);
	kh_strbuf_release(&body);
}

static void refuses_what_would_inject_a_header(void **state)
{
	struct kh_strbuf m;
	struct kh_error err = {0};

	kh_strbuf_init(&m, 0);
	assert_int_equal(kh_mail_build("a@b.cn", "x@y.cn\r\nBcc: z@w.cn", "s", "b", 0, "h", &m, &err),
			 KH_EINVAL);
	assert_string_equal(err.field, "to");
	assert_int_equal(kh_mail_build("a b@c.cn", "x@y.cn", "s", "b", 0, "h", &m, &err), KH_EINVAL);
	assert_string_equal(err.field, "from");
	assert_int_equal(kh_mail_build("a@b.cn", "x@y.cn", "s\r\nBcc: z@w.cn", "b", 0, "h", &m, &err),
			 KH_EINVAL);
	assert_string_equal(err.field, "subject");
	assert_int_equal(kh_mail_build("a@b.cn", "x@y.cn", "s", "\xff", 0, "h", &m, &err), KH_EINVAL);
	assert_string_equal(err.field, "body");
	assert_int_equal(m.len, 0);
	assert_false(kh_mail_address_ok("<a@b.cn>"));
	assert_false(kh_mail_address_ok("a@@b.cn"));
	assert_false(kh_mail_address_ok("@b.cn"));
	assert_true(kh_mail_address_ok("first.last+tag@sub.example.com"));
	kh_strbuf_release(&m);
}

static void a_sender_and_a_url_set_mail_up(void **state)
{
	struct kh_mail_config c = {"smtp://127.0.0.1:25", "crm@example.com", "", "", KH_MAIL_TLS_TRY};

	assert_true(kh_mail_configured(&c));
	c.url = "smtps://mail.example.com";
	assert_true(kh_mail_configured(&c));
	c.url = "http://mail.example.com";
	assert_false(kh_mail_configured(&c));
	c.url = "";
	assert_false(kh_mail_configured(&c));
	c.url = "smtp://h";
	c.from = "";
	assert_false(kh_mail_configured(&c));
}

/* The decoded body of the part of msg whose Content-Type starts with type. */
static void part_of(const char *msg, const char *type, struct kh_strbuf *out)
{
	char header[80];
	const char *p, *end;

	snprintf(header, sizeof(header), "Content-Type: %s; charset=UTF-8\r\n", type);
	p = strstr(msg, header);
	assert_non_null(p);
	p = strstr(p, "\r\n\r\n") + 4;
	end = strstr(p, "\r\n--");
	assert_non_null(end);
	unbase64(p, (size_t)(end - p), out);
}

static void a_campaign_message_has_both_parts_and_one_click_unsubscribe(void **state)
{
	struct kh_mail_message m = {
	    .from_name = "王伟 · 华信销售部",
	    .from = "crm@example.com",
	    .to = "zhang@client.cn",
	    .reply_to = "wangwei@example.com",
	    .subject = "张总，新春快乐",
	    .text = "张总，您好：\n新春快乐！\n",
	    .html = "<p>张总，您好：</p>\n<p>新春快乐！</p>\n",
	    .unsubscribe_url = "https://crm.example.com/u/abc_DEF-123",
	    .when = 1780000000,
	    .id_hint = "campaign.3.77",
	};
	struct kh_strbuf msg, text, html, name;
	const char *boundary;

	kh_strbuf_init(&msg, 0);
	kh_strbuf_init(&text, 0);
	kh_strbuf_init(&html, 0);
	kh_strbuf_init(&name, 0);
	assert_int_equal(kh_mail_compose(&m, &msg, NULL), 0);
	for (size_t i = 0; i < msg.len; i++)
		assert_true((unsigned char)msg.buf[i] < 128);
	assert_non_null(strstr(msg.buf, "\r\nReply-To: <wangwei@example.com>\r\n"));
	assert_non_null(strstr(msg.buf, "\r\nList-Unsubscribe: <https://crm.example.com/u/abc_DEF-123>\r\n"
					"List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"));
	assert_non_null(strstr(msg.buf, "\r\nMessage-ID: <campaign.3.77.1780000000@example.com>\r\n"));
	/* The display name in encoded words, the address plain. */
	{
		const char *from = strstr(msg.buf, "\r\nFrom: =?UTF-8?B?");
		const char *addr = from ? strstr(from, " <crm@example.com>\r\n") : NULL;

		assert_non_null(addr);
		unbase64(from + 18, (size_t)(addr - from - 18 - 2), &name);
		assert_string_equal(name.buf, "王伟 · 华信销售部");
	}
	boundary = strstr(msg.buf, "Content-Type: multipart/alternative; boundary=\"=_kehu.1780000000\"\r\n\r\n");
	assert_non_null(boundary);
	assert_non_null(strstr(msg.buf, "\r\n--=_kehu.1780000000\r\nContent-Type: text/plain"));
	assert_non_null(strstr(msg.buf, "\r\n--=_kehu.1780000000--\r\n"));
	part_of(msg.buf, "text/plain", &text);
	assert_string_equal(text.buf, "张总，您好：\r\n新春快乐！\r\n");
	part_of(msg.buf, "text/html", &html);
	assert_string_equal(html.buf, "<p>张总，您好：</p>\r\n<p>新春快乐！</p>\r\n");
	/* Text before HTML: a reader shows the last part it can. */
	assert_true(strstr(msg.buf, "text/plain; charset") < strstr(msg.buf, "text/html; charset"));
	kh_strbuf_release(&msg);
	kh_strbuf_release(&text);
	kh_strbuf_release(&html);
	kh_strbuf_release(&name);
}

static void a_campaign_message_refuses_bad_headers(void **state)
{
	struct kh_mail_message m = {.from = "crm@example.com", .to = "a@b.cn", .subject = "s",
				    .text = "t", .when = 1};
	struct kh_strbuf msg;
	struct kh_error err = {0};

	kh_strbuf_init(&msg, 0);
	m.unsubscribe_url = "https://x.cn/u/a>\r\nBcc: z@w.cn";
	assert_int_equal(kh_mail_compose(&m, &msg, &err), KH_EINVAL);
	assert_string_equal(err.field, "unsubscribe_url");
	m.unsubscribe_url = "javascript:alert(1)";
	assert_int_equal(kh_mail_compose(&m, &msg, &err), KH_EINVAL);
	m.unsubscribe_url = NULL;
	m.from_name = "王伟\r\nBcc: z@w.cn";
	assert_int_equal(kh_mail_compose(&m, &msg, &err), KH_EINVAL);
	assert_string_equal(err.field, "from_name");
	m.from_name = "Sales Team";
	m.reply_to = "a b@c.cn";
	assert_int_equal(kh_mail_compose(&m, &msg, &err), KH_EINVAL);
	assert_string_equal(err.field, "reply_to");
	m.reply_to = NULL;
	m.html = "\xff";
	assert_int_equal(kh_mail_compose(&m, &msg, &err), KH_EINVAL);
	assert_string_equal(err.field, "html");
	assert_int_equal(msg.len, 0);
	m.html = NULL;
	assert_int_equal(kh_mail_compose(&m, &msg, &err), 0);
	assert_non_null(strstr(msg.buf, "\r\nFrom: Sales Team <crm@example.com>\r\n"));
	assert_null(strstr(msg.buf, "List-Unsubscribe"));
	assert_null(strstr(msg.buf, "multipart"));
	kh_strbuf_release(&msg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(builds_the_headers_and_body),
		cmocka_unit_test(folds_a_long_subject_on_whole_characters),
		cmocka_unit_test(long_body_lines_are_76_characters),
		cmocka_unit_test(refuses_what_would_inject_a_header),
		cmocka_unit_test(a_sender_and_a_url_set_mail_up),
		cmocka_unit_test(a_campaign_message_has_both_parts_and_one_click_unsubscribe),
		cmocka_unit_test(a_campaign_message_refuses_bad_headers),
	};
	return cmocka_run_group_tests_name("mail", tests, NULL, NULL);
}
