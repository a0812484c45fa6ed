/*
 * campaign_preview.c: before sending (see campaign.h): who the audience
 * reaches now and who is left out and why, what one recipient would get,
 * and a test message to an address of the sender's choice.
 */
#include "service/comms/campaign.h"

#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "service/comms/campaign_internal.h"
#include "service/comms/mail.h"
#include "base/banned.h"

/* One contact of the audience as the preview lists it. */
static json_t *person(const struct kh_store_mail_candidate *r, const char *reason)
{
	return json_pack("{s:I, s:s, s:I, s:s, s:s?, s:s?}", "contact_id", (json_int_t)r->contact_id,
			 "contact", r->contact, "customer_id", (json_int_t)r->customer_id,
			 "customer", r->customer, "address", r->address, "reason", reason);
}

/* The message contact_id of the audience would get (its address from a),
 * as {contact_id, to, subject, text, html}. */
static int rendered(struct kh_ctx *ctx, json_t *row, int64_t contact_id, const char *to,
		    json_t **out, struct kh_error *err)
{
	struct kh_campaign_template t = {0};
	unsigned char key[KH_LINK_KEY_BYTES];
	char base[512];
	struct kh_rendered r;
	int rc;

	kh_campaign_template_of(row, &t);
	if ((rc = kh_campaign_link_key(ctx, key, err)))
		return rc;
	/* a preview's links point nowhere until the public address is set */
	if (kh_campaign_public_url(ctx, base, sizeof(base), NULL))
		snprintf(base, sizeof(base), "%s", "http://kehu.invalid");
	t.base_url = base;
	t.key = key;
	kh_rendered_init(&r);
	if ((rc = kh_campaign_render(ctx, &t, 0, contact_id, NULL, &r, err)) == 0 &&
	    !(*out = json_pack("{s:I, s:s?, s:s, s:s, s:s?}", "contact_id", (json_int_t)contact_id,
			       "to", to, "subject", r.subject.buf ? r.subject.buf : "", "text",
			       r.text.buf ? r.text.buf : "", "html", t.html ? r.html.buf : NULL)))
		rc = kh_error_set(err, KH_ENOMEM, "", "out of memory");
	kh_rendered_release(&r);
	return rc;
}

int kh_campaign_preview(struct kh_ctx *ctx, int64_t id, json_t *args, json_t **out,
			struct kh_error *err)
{
	const char *key, *s = json_string_value(json_object_get(args, "contact"));
	json_t *row = NULL, *left = json_array(), *recipients = json_array(), *message = NULL;
	struct kh_audience a = {0};
	int64_t contact = 0;
	size_t chosen = (size_t)-1;
	json_t *v;
	int rc;

	json_object_foreach(args, key, v)
		if (strcmp(key, "contact")) {
			rc = kh_error_set(err, KH_EINVAL, key, "unknown query parameter %.40s", key);
			goto out;
		}
	if (!left || !recipients) {
		rc = kh_error_set(err, KH_ENOMEM, "", "out of memory");
		goto out;
	}
	if ((s && (rc = kh_parse_int64(s, 1, INT64_MAX, &contact, "contact", err))) ||
	    (rc = kh_campaign_visible(ctx, id, &row, err)) ||
	    (rc = kh_audience_resolve(ctx, json_object_get(row, "audience"), &a, err)))
		goto out;
	for (size_t i = 0; i < a.n; i++) {
		const struct kh_store_mail_candidate *r = &a.rows[i];
		enum kh_send_verdict verdict = a.caps[i].verdict;

		if (contact ? r->contact_id == contact : verdict == KH_SEND && chosen == (size_t)-1)
			chosen = i;
		if (verdict == KH_SEND && json_array_size(recipients) < KH_CAMPAIGN_RECIPIENTS_SHOWN)
			json_array_append_new(recipients, person(r, NULL));
		else if (verdict != KH_SEND && json_array_size(left) < KH_CAMPAIGN_LEFT_OUT_SHOWN)
			json_array_append_new(left, person(r, kh_send_verdict_name(verdict)));
	}
	/* a contact outside the audience is not shown: it may be one the actor does not see */
	if (contact && chosen == (size_t)-1) {
		rc = kh_error_set(err, KH_ENOTFOUND, "contact", "contact %lld is not in the audience",
				  (long long)contact);
		goto out;
	}
	if (chosen != (size_t)-1 &&
	    (rc = rendered(ctx, row, a.rows[chosen].contact_id, a.rows[chosen].address, &message,
			   err)))
		goto out;
	if (!(*out = json_pack("{s:I, s:o, s:O, s:O, s:o}", "candidates", (json_int_t)a.n,
			       "counts", kh_audience_counts_json(a.counts), "left_out", left,
			       "recipients", recipients, "message",
			       message ? message : json_null())))
		rc = kh_error_set(err, KH_ENOMEM, "", "out of memory");
	message = NULL;
out:
	kh_audience_release(&a);
	json_decref(row);
	json_decref(left);
	json_decref(recipients);
	json_decref(message);
	return rc;
}

int kh_campaign_test(struct kh_ctx *ctx, int64_t id, json_t *in, json_t **out,
		     struct kh_error *err)
{
	static const char *const allowed[] = {"to", "contact_id", NULL};
	const char *to = json_string_value(json_object_get(in, "to")), *key;
	json_t *row = NULL, *cv = json_object_get(in, "contact_id"), *v;
	struct kh_campaign_template t = {0};
	unsigned char link_key[KH_LINK_KEY_BYTES];
	struct kh_mail_config cfg;
	struct kh_audience a = {0};
	struct kh_rendered r;
	int64_t contact = json_integer_value(cv);
	char base[512];
	int rc;

	kh_rendered_init(&r);
	json_object_foreach(in, key, v)
		if (!kh_campaign_one_of(key, allowed))
			return kh_error_set(err, KH_EINVAL, key, "unknown field %s", key);
	if (!to || !*to)
		return kh_error_set(err, KH_EINVAL, "to", "%s is required", "to");
	if (!kh_mail_address_ok(to))
		return kh_error_set(err, KH_EINVAL, "to", "%s is not an e-mail address", "to");
	if (cv && !json_is_null(cv) && (!json_is_integer(cv) || contact < 1))
		return kh_error_set(err, KH_EINVAL, "contact_id", "%s must be a whole number %g..%g",
				    "contact_id", 1.0, 9e18);
	kh_mail_config_from(ctx, &cfg);
	if (!kh_mail_configured(&cfg))
		return kh_error_set(err, KH_EINVAL, "mail.smtp_url",
				    "mail is not set up: set mail.smtp_url and mail.from");
	if ((rc = kh_campaign_public_url(ctx, base, sizeof(base), err)) ||
	    (rc = kh_campaign_visible(ctx, id, &row, err)) ||
	    (rc = kh_audience_resolve(ctx, json_object_get(row, "audience"), &a, err)))
		goto out;
	/* whose facts fill it: the contact asked for, if the audience has it */
	{
		size_t i;

		for (i = 0; i < a.n; i++)
			if (contact ? a.rows[i].contact_id == contact : a.caps[i].verdict == KH_SEND)
				break;
		if (i == a.n) {
			rc = contact ? kh_error_set(err, KH_ENOTFOUND, "contact_id",
						    "contact %lld is not in the audience",
						    (long long)contact)
				     : kh_error_set(err, KH_EINVAL, "audience",
						    "the audience has nobody to send to");
			goto out;
		}
		contact = a.rows[i].contact_id;
	}
	kh_campaign_template_of(row, &t);
	t.from = cfg.from;
	t.base_url = base;
	t.key = link_key;
	if ((rc = kh_campaign_link_key(ctx, link_key, err)) ||
	    (rc = kh_campaign_render(ctx, &t, 0, contact, to, &r, err)) ||
	    (rc = kh_mail_send(&cfg, to, r.message.buf, err)))
		goto out;
	if (!(*out = json_pack("{s:b, s:s, s:I}", "sent", 1, "to", to, "contact_id",
			       (json_int_t)contact)))
		rc = kh_error_set(err, KH_ENOMEM, "", "out of memory");
out:
	kh_rendered_release(&r);
	kh_audience_release(&a);
	json_decref(row);
	return rc;
}
