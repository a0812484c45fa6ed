/*
 * mail_links.c: the public links of campaign messages (see mail_links.h).
 */
#include "service/comms/mail_links.h"

#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "base/signed_link.h"
#include "service/comms/campaign_internal.h"
#include "store/comms/consent.h"
#include "store/comms/mail_queue.h"
#include "base/banned.h"

/* The message row of token, signed for purpose, in *row; KH_ENOTFOUND
 * otherwise (err untouched: the caller answers "no such link"). */
static int message_of(struct kh_ctx *ctx, const char *token, enum kh_link_purpose purpose,
		      struct kh_link *link, json_t **row, struct kh_error *err)
{
	unsigned char key[KH_LINK_KEY_BYTES];
	int rc;

	*row = NULL;
	if (!token || strlen(token) != KH_LINK_TOKEN_LEN)
		return KH_ENOTFOUND;
	if ((rc = kh_campaign_link_key(ctx, key, err)))
		return rc;
	if (kh_link_verify(key, token, link) || link->purpose != purpose)
		return KH_ENOTFOUND;
	rc = kh_store_mail_message(ctx->store, link->message_id, row, err);
	return rc;
}

static void mask(const char *address, char *out, size_t size)
{
	const char *at = address ? strchr(address, '@') : NULL;

	if (!at || at == address)
		snprintf(out, size, "***");
	else
		snprintf(out, size, "%c***%s", address[0], at);
}

int kh_mail_link_check_unsubscribe(struct kh_ctx *ctx, const char *token,
				   struct kh_mail_unsubscribe *out, struct kh_error *err)
{
	struct kh_link link;
	json_t *row = NULL;
	int rc = message_of(ctx, token, KH_LINK_UNSUBSCRIBE, &link, &row, err);

	memset(out, 0, sizeof(*out));
	if (rc == 0)
		mask(json_string_value(json_object_get(row, "address")), out->masked,
		     sizeof(out->masked));
	json_decref(row);
	return rc;
}

int kh_mail_link_unsubscribe(struct kh_ctx *ctx, const char *token, bool one_click,
			     struct kh_mail_unsubscribe *out, struct kh_error *err)
{
	struct kh_link link;
	json_t *row = NULL;
	char now[21];
	bool changed = false;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = kh_store_begin(ctx->store, err)))
		return rc;
	if ((rc = message_of(ctx, token, KH_LINK_UNSUBSCRIBE, &link, &row, err)) == 0) {
		struct kh_store_consent_change c = {
			.contact_id = json_integer_value(json_object_get(row, "contact_id")),
			.subscribed = false,
			.source = one_click ? "one_click" : "link",
			.message_id = link.message_id,
			.now = now,
		};

		kh_now_iso(now);
		mask(json_string_value(json_object_get(row, "address")), out->masked,
		     sizeof(out->masked));
		rc = kh_store_consent_set(ctx->store, &c, &changed, err);
		/* the contact was deleted since: its address is still suppressed */
		if (rc == KH_ENOTFOUND)
			rc = 0;
		out->already = !changed;
		if (rc == 0 && changed)
			rc = kh_store_mail_event(ctx->store, link.message_id,
						 KH_STORE_MAIL_UNSUBSCRIBE, 0, now, err);
	}
	if (rc == 0)
		rc = kh_store_commit(ctx->store, err);
	if (rc)
		kh_store_rollback(ctx->store);
	json_decref(row);
	return rc;
}

int kh_mail_link_open(struct kh_ctx *ctx, const char *token, struct kh_error *err)
{
	struct kh_link link;
	json_t *row = NULL;
	char now[21];
	int rc = message_of(ctx, token, KH_LINK_OPEN, &link, &row, err);

	json_decref(row);
	if (rc == KH_ENOTFOUND)
		return 0;
	if (rc)
		return rc;
	kh_now_iso(now);
	if ((rc = kh_store_begin(ctx->store, err)))
		return rc;
	if ((rc = kh_store_mail_event(ctx->store, link.message_id, KH_STORE_MAIL_OPEN, 0, now,
				      err)) == 0)
		rc = kh_store_commit(ctx->store, err);
	if (rc)
		kh_store_rollback(ctx->store);
	return rc;
}

int kh_mail_link_click(struct kh_ctx *ctx, const char *token, char *url, size_t size,
		       struct kh_error *err)
{
	struct kh_link link;
	json_t *row = NULL, *target;
	char now[21];
	int rc = message_of(ctx, token, KH_LINK_CLICK, &link, &row, err);

	if (rc) {
		json_decref(row);
		return rc;
	}
	target = json_array_get(json_object_get(row, "links"), link.part - 1);
	if (link.part < 1 || !json_is_string(target) || json_string_length(target) >= size) {
		json_decref(row);
		return KH_ENOTFOUND;
	}
	snprintf(url, size, "%s", json_string_value(target));
	json_decref(row);
	kh_now_iso(now);
	if ((rc = kh_store_begin(ctx->store, err)))
		return rc;
	if ((rc = kh_store_mail_event(ctx->store, link.message_id, KH_STORE_MAIL_CLICK,
				      (int)link.part, now, err)) == 0)
		rc = kh_store_commit(ctx->store, err);
	if (rc)
		kh_store_rollback(ctx->store);
	return rc;
}
