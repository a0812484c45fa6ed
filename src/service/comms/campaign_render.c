/*
 * campaign_render.c: one recipient's message (see campaign_internal.h):
 * the facts of the file into the templates (personalise.h), the links of
 * its HTML through the click redirect and the open pixel (track_links.h),
 * the signed unsubscribe link, and the MIME message from the owner rep's
 * name with replies to the rep (mail.h).
 */
#include "service/comms/campaign_internal.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "service/comms/mail.h"
#include "service/comms/personalise.h"
#include "service/settings.h"
#include "store/comms/campaigns.h"
#include "store/comms/consent.h"
#include "base/banned.h"

void kh_rendered_init(struct kh_rendered *r)
{
	memset(r, 0, sizeof(*r));
	kh_strbuf_init(&r->subject, 0);
	kh_strbuf_init(&r->text, 0);
	kh_strbuf_init(&r->html, 0);
	kh_strbuf_init(&r->message, 0);
}

void kh_rendered_release(struct kh_rendered *r)
{
	kh_strbuf_release(&r->subject);
	kh_strbuf_release(&r->text);
	kh_strbuf_release(&r->html);
	kh_strbuf_release(&r->message);
	kh_track_links_release(&r->links);
}

static bool http_url(const char *s)
{
	return s && (strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0) &&
	       !strpbrk(s, " \t\r\n\"'<>");
}

int kh_campaign_public_url(struct kh_ctx *ctx, char *buf, size_t size, struct kh_error *err)
{
	const char *env = getenv("KEHU_PUBLIC_URL");
	const char *url = env && *env ? env : kh_setting_text(ctx, "mail.public_url");
	size_t n;

	if (!http_url(url) || strlen(url) >= size)
		return kh_error_set(err, KH_EINVAL, "mail.public_url",
				    "the public address of kehu is not set: set KEHU_PUBLIC_URL or "
				    "mail.public_url to an http(s) URL (the links in messages "
				    "point there)");
	snprintf(buf, size, "%s", url);
	n = strlen(buf);
	while (n > 8 && buf[n - 1] == '/')
		buf[--n] = '\0';
	return 0;
}

int kh_campaign_link_key(struct kh_ctx *ctx, unsigned char key[KH_LINK_KEY_BYTES],
			 struct kh_error *err)
{
	unsigned char fresh[KH_LINK_KEY_BYTES];
	int rc;

	if (sodium_init() < 0)
		return kh_error_set(err, KH_EIO, "", "libsodium cannot start");
	randombytes_buf(fresh, sizeof(fresh));
	rc = kh_store_link_key(ctx->store, fresh, key, err);
	sodium_memzero(fresh, sizeof(fresh));
	return rc;
}

static const char *fact(json_t *row, const char *name)
{
	const char *s = json_string_value(json_object_get(row, name));

	return s && *s ? s : NULL;
}

int kh_campaign_render(struct kh_ctx *ctx, const struct kh_campaign_template *t,
		       int64_t message_id, int64_t contact_id, const char *to,
		       struct kh_rendered *r, struct kh_error *err)
{
	struct kh_link link = {.purpose = KH_LINK_UNSUBSCRIBE, .message_id = message_id};
	char token[KH_LINK_TOKEN_LEN + 1], hint[40];
	struct kh_strbuf html;
	json_t *row = NULL;
	int rc;

	if ((rc = kh_store_recipient_facts(ctx->store, contact_id, to, &row, err)))
		return rc == KH_ENOTFOUND ? kh_error_set(err, KH_ENOTFOUND, "contact",
							 "no contact with id %lld",
							 (long long)contact_id)
					  : rc;
	snprintf(r->blocked, sizeof(r->blocked), "%s",
		 json_integer_value(json_object_get(row, "unsubscribed")) ? "unsubscribed"
		 : fact(row, "suppressed") ? fact(row, "suppressed") : "");
	if (kh_link_sign(t->key, &link, token)) {
		json_decref(row);
		return kh_error_set(err, KH_EIO, "", "libsodium cannot start");
	}
	snprintf(r->unsubscribe_url, sizeof(r->unsubscribe_url), "%s/u/%s", t->base_url, token);
	{
		struct kh_recipient_facts f = {
			.contact_name = fact(row, "contact_name"),
			.contact_title = fact(row, "contact_title"),
			.contact_gender = fact(row, "contact_gender"),
			.customer_name = fact(row, "customer_name"),
			.owner_name = fact(row, "owner_name"),
			.owner_email = fact(row, "owner_email"),
			.owner_phone = fact(row, "owner_phone"),
			.owner_signature = fact(row, "owner_signature"),
			.unsubscribe_url = r->unsubscribe_url,
			.lang = t->lang,
		};
		kh_strbuf_init(&html, 0);
		rc = kh_personalise(t->subject, t->text, t->html, &f, &r->subject, &r->text, &html,
				    err);
		if (rc == 0 && t->html)
			rc = kh_track_html(html.buf ? html.buf : "", t->base_url, r->unsubscribe_url,
					   t->key, message_id, &r->html, &r->links, err);
		kh_strbuf_release(&html);
		if (rc == 0 && to) {
			struct kh_mail_message m = {
				.from_name = f.owner_name,
				.from = t->from,
				.to = to,
				.reply_to = f.owner_email && kh_mail_address_ok(f.owner_email)
						    ? f.owner_email : NULL,
				.subject = r->subject.buf,
				.text = r->text.buf,
				.html = t->html ? r->html.buf : NULL,
				.unsubscribe_url = r->unsubscribe_url,
				.when = time(NULL),
				.id_hint = hint,
			};

			snprintf(hint, sizeof(hint), "kehu.m%lld", (long long)message_id);
			rc = kh_mail_compose(&m, &r->message, err);
		}
	}
	json_decref(row);
	return rc;
}

void kh_campaign_template_of(json_t *row, struct kh_campaign_template *t)
{
	const char *html = kh_campaign_str(row, "body_html");

	t->subject = kh_campaign_str(row, "subject");
	t->text = kh_campaign_str(row, "body_text");
	t->html = html && *html ? html : NULL;
	t->lang = kh_lang_parse(kh_campaign_str(row, "lang"), KH_LANG_ZH);
}
