/*
 * handlers_mail_links.c: the public links of campaign messages
 * (service/comms/mail_links.h), answered without a login: GET /u/{token}
 * a page that asks to confirm (mail scanners follow links, so a GET only
 * asks), POST /u/{token} the unsubscription itself (the page's button, or
 * a mail client's RFC 8058 one-click POST), GET /o/{token}.png the open
 * pixel, GET /c/{token} the redirect to the message's own link. The pages
 * speak both languages: the recipient has no account to say which.
 */
#include "http/handlers.h"

#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>

#include "base/template.h"
#include "service/comms/mail_links.h"
#include "base/banned.h"

/* The token of the path /x/{token}[.png] into buf ("" when there is none). */
static void token_of(const char *path, const char *suffix, char *buf, size_t size)
{
	const char *t = path + 3; /* past "/u/" */
	size_t n = strlen(t), s = strlen(suffix);

	buf[0] = '\0';
	if (strlen(path) < 3 || n < s || strcmp(t + n - s, suffix) || n - s >= size)
		return;
	memcpy(buf, t, n - s);
	buf[n - s] = '\0';
}

/* A system context on the request's connection: the links act for nobody. */
static void as_system(struct kh_http_req *r, struct kh_ctx *ctx)
{
	kh_ctx_init_system(ctx, r->ctx.store);
}

static int respond(struct kh_http_req *r, int status, void *body, size_t len,
		   enum MHD_ResponseMemoryMode mode, const char *type)
{
	r->response = MHD_create_response_from_buffer(len, body, mode);
	if (!r->response)
		return KH_ENOMEM;
	MHD_add_response_header(r->response, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	r->status = status;
	return 0;
}

static const char *page_value(void *arg, const char *name)
{
	return strcmp(name, "address") == 0 ? arg : NULL;
}

#define PAGE_HEAD                                                                           \
	"<!doctype html><html lang=\"zh\"><head><meta charset=\"utf-8\">"                   \
	"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"         \
	"<title>退订 · Unsubscribe</title><style>body{font-family:sans-serif;max-width:32em;" \
	"margin:3em auto;padding:0 1em;color:#303133}button{font-size:1em;padding:.5em 1.5em}" \
	"p.en{color:#606266}</style></head><body>"

static const char confirm_page[] =
	PAGE_HEAD "<h1>退订邮件 · Unsubscribe</h1>"
	"<p>不再向 {{address}} 发送这类邮件？</p>"
	"<p class=\"en\">Stop sending these e-mails to {{address}}?</p>"
	"<form method=\"post\"><input type=\"hidden\" name=\"confirm\" value=\"1\">"
	"<button type=\"submit\">确认退订 · Unsubscribe</button></form></body></html>";
static const char done_page[] =
	PAGE_HEAD "<h1>已退订 · Unsubscribed</h1>"
	"<p>{{address}} 不会再收到这类邮件。</p>"
	"<p class=\"en\">{{address}} will get no more of these e-mails.</p></body></html>";
static const char unknown_page[] =
	PAGE_HEAD "<h1>链接无效 · Unknown link</h1>"
	"<p>这个链接不存在或已失效。</p><p class=\"en\">This link is not one we know.</p>"
	"</body></html>";

/* Answer with page, its {{address}} filled with address (escaped). */
static int reply_page(struct kh_http_req *r, int status, const char *page, const char *address,
		      struct kh_error *err)
{
	struct kh_strbuf out;
	int rc;

	kh_strbuf_init(&out, 0);
	if ((rc = kh_template_render(page, true, page_value, (void *)address, &out, err))) {
		kh_strbuf_release(&out);
		return rc;
	}
	rc = respond(r, status, out.buf, out.len, MHD_RESPMEM_MUST_COPY, "text/html; charset=utf-8");
	kh_strbuf_release(&out);
	return rc;
}

int kh_h_mail_unsubscribe_page(struct kh_http_req *r, struct kh_error *err)
{
	struct kh_mail_unsubscribe u;
	struct kh_ctx ctx;
	char token[KH_MAIL_LINK_TOKEN_MAX + 1];
	int rc;

	token_of(r->path, "", token, sizeof(token));
	as_system(r, &ctx);
	rc = kh_mail_link_check_unsubscribe(&ctx, token, &u, err);
	kh_ctx_release(&ctx);
	if (rc == KH_ENOTFOUND)
		return reply_page(r, 404, unknown_page, "", err);
	return rc ? rc : reply_page(r, 200, confirm_page, u.masked, err);
}

int kh_h_mail_unsubscribe(struct kh_http_req *r, struct kh_error *err)
{
	static const char one_click[] = "List-Unsubscribe=One-Click";
	struct kh_mail_unsubscribe u;
	struct kh_ctx ctx;
	char token[KH_MAIL_LINK_TOKEN_MAX + 1];
	bool by_client = false;
	int rc;

	for (size_t i = 0; !by_client && i + sizeof(one_click) - 1 <= r->raw_len; i++)
		by_client = memcmp(r->raw + i, one_click, sizeof(one_click) - 1) == 0;

	token_of(r->path, "", token, sizeof(token));
	as_system(r, &ctx);
	rc = kh_mail_link_unsubscribe(&ctx, token, by_client, &u, err);
	kh_ctx_release(&ctx);
	if (rc == KH_ENOTFOUND)
		return reply_page(r, 404, unknown_page, "", err);
	return rc ? rc : reply_page(r, 200, done_page, u.masked, err);
}

/* A transparent 1x1 PNG. */
static const unsigned char pixel[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
	0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
	0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78,
	0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00,
	0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

int kh_h_mail_open(struct kh_http_req *r, struct kh_error *err)
{
	struct kh_ctx ctx;
	char token[KH_MAIL_LINK_TOKEN_MAX + 1];
	int rc;

	token_of(r->path, ".png", token, sizeof(token));
	as_system(r, &ctx);
	rc = kh_mail_link_open(&ctx, token, err);
	kh_ctx_release(&ctx);
	/* the image shows whatever the record did: a mail client wants a picture */
	(void)rc;
	return respond(r, 200, (void *)pixel, sizeof(pixel), MHD_RESPMEM_PERSISTENT, "image/png");
}

int kh_h_mail_click(struct kh_http_req *r, struct kh_error *err)
{
	struct kh_ctx ctx;
	char token[KH_MAIL_LINK_TOKEN_MAX + 1], url[2048];
	int rc;

	token_of(r->path, "", token, sizeof(token));
	as_system(r, &ctx);
	rc = kh_mail_link_click(&ctx, token, url, sizeof(url), err);
	kh_ctx_release(&ctx);
	if (rc == KH_ENOTFOUND)
		return reply_page(r, 404, unknown_page, "", err);
	if (rc)
		return rc;
	if ((rc = respond(r, 302, (void *)"", 0, MHD_RESPMEM_PERSISTENT,
			  "text/plain; charset=utf-8")))
		return rc;
	MHD_add_response_header(r->response, MHD_HTTP_HEADER_LOCATION, url);
	return 0;
}
