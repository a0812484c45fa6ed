/*
 * campaign.h: e-mail campaigns to old customers (DOMAIN 8, issue 15). A
 * campaign is an audience (a customer or contact list's filter), templates
 * personalised from the file, and a life: draft -> scheduled | sending ->
 * sent, with paused between and cancelled from any but sent. Its audience
 * is resolved when sending starts, in the data scope of whoever pressed
 * send, and each contact either gets one message in the mail queue or is
 * left out for a reason (send_caps.h) that the preview shows beforehand.
 *
 * Who: any user creates campaigns; a campaign is seen and run by its owner
 * and by managers and admins who have the owner in scope. The local
 * operator acts as a user (--as LOGIN).
 */
#ifndef KH_CAMPAIGN_H
#define KH_CAMPAIGN_H

#include <jansson.h>
#include <stdint.h>

#include "base/error.h"
#include "service/context.h"

#define KH_CAMPAIGN_NAME_MAX 200
#define KH_CAMPAIGN_SUBJECT_MAX 200
#define KH_CAMPAIGN_BODY_MAX 200000 /* bytes of a body template */
#define KH_CAMPAIGN_LIST_MAX 100

/* The list (?status=&kind=&page=&per_page=): {"items", "total", "page", "per_page"},
 * each with its "counts". */
int kh_campaign_list(struct kh_ctx *ctx, json_t *args, json_t **out, struct kh_error *err);
/* Campaign id as the API shows it, with "counts" and "left_out". */
int kh_campaign_get(struct kh_ctx *ctx, int64_t id, json_t **out, struct kh_error *err);
/* A draft from {name, purpose?, lang?, audience, subject, body_text, body_html?}. */
int kh_campaign_create(struct kh_ctx *ctx, json_t *in, int64_t *id, struct kh_error *err);
/* Change a draft's members. */
int kh_campaign_update(struct kh_ctx *ctx, int64_t id, json_t *in, struct kh_error *err);
/* Delete a draft. */
int kh_campaign_delete(struct kh_ctx *ctx, int64_t id, struct kh_error *err);

/* The pre-send report (?contact=ID): the audience's verdict counts, the
 * first who are left out with why, the first recipients, and the message
 * one recipient (contact, else the first) would get. */
int kh_campaign_preview(struct kh_ctx *ctx, int64_t id, json_t *args, json_t **out,
			struct kh_error *err);
/* One message now to {"to", "contact_id"?} (the first recipient's facts
 * by default), outside the queue and the caps: {"sent": true, "to"}. */
int kh_campaign_test(struct kh_ctx *ctx, int64_t id, json_t *in, json_t **out,
		     struct kh_error *err);

/* Send {"at"?}: now (the audience queued at once) or, with at in the
 * future, scheduled. From draft only; 409 on status otherwise. */
int kh_campaign_send(struct kh_ctx *ctx, int64_t id, json_t *in, struct kh_error *err);
/* sending | scheduled -> paused; paused -> what it was; any but sent and
 * cancelled -> cancelled (what is queued is dropped). */
int kh_campaign_pause(struct kh_ctx *ctx, int64_t id, struct kh_error *err);
int kh_campaign_resume(struct kh_ctx *ctx, int64_t id, struct kh_error *err);
int kh_campaign_cancel(struct kh_ctx *ctx, int64_t id, struct kh_error *err);

/* The report: totals, rates, left out, by segment, by day, the links'
 * clicks. */
int kh_campaign_report(struct kh_ctx *ctx, int64_t id, json_t **out, struct kh_error *err);
/* The messages (?state=&page=&per_page=). */
int kh_campaign_messages(struct kh_ctx *ctx, int64_t id, json_t *args, json_t **out,
			 struct kh_error *err);

/* Start campaign id as its sender (the job, at its time): resolve the
 * audience and queue it. Used by kh_campaign_send and the sender. */
int kh_campaign_start(struct kh_ctx *ctx, int64_t id, struct kh_error *err);

#endif
