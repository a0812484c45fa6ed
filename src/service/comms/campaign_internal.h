/*
 * campaign_internal.h: what the campaign modules share: who of an audience
 * is sent to (campaign_audience.c), one recipient's message
 * (campaign_render.c), and the settings and keys of sending.
 */
#ifndef KH_CAMPAIGN_INTERNAL_H
#define KH_CAMPAIGN_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "base/messages.h"
#include "base/signed_link.h"
#include "base/strbuf.h"
#include "service/comms/send_caps.h"
#include "service/comms/track_links.h"
#include "service/context.h"
#include "store/comms/mail_queue.h"

#define KH_AUDIENCE_MAX 2000000 /* contacts one campaign may reach */
#define KH_CAMPAIGN_LEFT_OUT_SHOWN 500
#define KH_CAMPAIGN_RECIPIENTS_SHOWN 50

/* An audience with each contact's verdict: rows[i] and caps[i] are one
 * contact, in the order the caps took them. */
struct kh_audience {
	struct kh_store_mail_candidate *rows;
	struct kh_send_candidate *caps;
	size_t n, to_send;
	size_t counts[KH_SEND_NVERDICTS];
};

/* The audience of a campaign ({"list", "filters", "q"}) as ctx's actor sees
 * it now, with the verdicts under the caps of ctx's settings. KH_EINVAL
 * naming "audience" (or the list's own errors), KH_ELIMIT past
 * KH_AUDIENCE_MAX. */
int kh_audience_resolve(struct kh_ctx *ctx, json_t *audience, struct kh_audience *a,
			struct kh_error *err);
/* The same for the contacts (of_contacts) or customers whose ids are in
 * ids, without the contacts whose ids are in skip (NULL: none). */
int kh_audience_of_ids(struct kh_ctx *ctx, json_t *ids, bool of_contacts, json_t *skip,
		       struct kh_audience *a, struct kh_error *err);
void kh_audience_release(struct kh_audience *a);
/* Check an audience's shape and its list's filters as the list checks them. */
int kh_audience_check(struct kh_ctx *ctx, json_t *audience, struct kh_error *err);
/* The counts as {"send": n, "no_address": n, ...}, a new object. */
json_t *kh_audience_counts_json(const size_t counts[KH_SEND_NVERDICTS]);
/* Queue the audience's contacts to send to for campaign_id: *added new rows. */
int kh_audience_enqueue(struct kh_ctx *ctx, const struct kh_audience *a, int64_t campaign_id,
			size_t *added, struct kh_error *err);

/* The templates and sender of one campaign's messages; strings borrowed. */
struct kh_campaign_template {
	const char *subject, *text, *html;
	enum kh_lang lang;
	const char *from;     /* the relay's sender address (mail.from) */
	const char *base_url; /* the public address of kehu, without a trailing slash */
	const unsigned char *key;
};

/* One recipient's message. */
struct kh_rendered {
	struct kh_strbuf subject, text, html, message;
	struct kh_track_links links;
	char unsubscribe_url[512];
	/* why it must not go any more: "unsubscribed" (the contact), or the
	 * address's suppression (unsubscribed, manual, bounced); "" if none */
	char blocked[16];
};

void kh_rendered_init(struct kh_rendered *r);
void kh_rendered_release(struct kh_rendered *r);

/* Render message message_id (0 for a preview or a test) of t to contact_id
 * at address to (NULL: subject and bodies only, no MIME message): the facts
 * from the file, the tracked HTML, the unsubscribe link. KH_ENOTFOUND when
 * the contact is gone. */
int kh_campaign_render(struct kh_ctx *ctx, const struct kh_campaign_template *t,
		       int64_t message_id, int64_t contact_id, const char *to,
		       struct kh_rendered *r, struct kh_error *err);

/* The public address of kehu (KEHU_PUBLIC_URL, else mail.public_url) into
 * buf without a trailing slash; KH_EINVAL naming mail.public_url when
 * neither is an http(s) URL. */
int kh_campaign_public_url(struct kh_ctx *ctx, char *buf, size_t size, struct kh_error *err);
/* The link key (made the first time). */
int kh_campaign_link_key(struct kh_ctx *ctx, unsigned char key[KH_LINK_KEY_BYTES],
			 struct kh_error *err);

/* ---- Rows (campaign.c) ---- */

bool kh_campaign_one_of(const char *s, const char *const *names);
/* Campaigns are run by a user: KH_EINVAL naming owner for the local operator. */
int kh_campaign_need_user(const struct kh_ctx *ctx, struct kh_error *err);
/* Campaign id in *row if the actor sees it, else KH_ENOTFOUND naming id. */
int kh_campaign_visible(struct kh_ctx *ctx, int64_t id, json_t **row, struct kh_error *err);
/* The string member name of row, or NULL. */
const char *kh_campaign_str(json_t *row, const char *name);
/* The template members of in (name, subject, body_text, body_html, lang),
 * checked, into cols; in may have no member outside members. All but
 * body_html are required when creating. */
int kh_campaign_template_columns(struct kh_ctx *ctx, json_t *in, bool creating,
				 const char *const *members, json_t *cols, struct kh_error *err);
/* Insert cols into table and audit its creation as entity, in one
 * transaction: *id the new row's. */
int kh_campaign_insert_audited(struct kh_ctx *ctx, const char *table, const char *entity,
			       json_t *cols, int64_t *id, struct kh_error *err);
/* The template of stored row (a campaign or a greeting), its strings
 * borrowed from row; from, base_url and key are the caller's. */
void kh_campaign_template_of(json_t *row, struct kh_campaign_template *t);

#endif
