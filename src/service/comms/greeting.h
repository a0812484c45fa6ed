/*
 * greeting.h: automatic greetings (DOMAIN 8): a contact's birthday, the
 * customer's founding day and first-deal anniversary, and the holidays
 * users set with their date in each year (春节, 中秋 ...), each with its
 * template. Every day at greeting.send_hour the server queues the day's
 * greetings, one campaign of kind greeting per greeting and day, in the
 * greeting owner's scope and under the same caps as campaigns; reps see
 * tomorrow's before they go and may skip one.
 *
 * Admins and managers set greetings; everyone sees the list.
 */
#ifndef KH_GREETING_H
#define KH_GREETING_H

#include <jansson.h>
#include <stdint.h>

#include "base/error.h"
#include "service/context.h"

#define KH_GREETING_DATES_MAX 50 /* years of one holiday's dates */
#define KH_GREETING_UPCOMING_MAX 500

int kh_greeting_list(struct kh_ctx *ctx, json_t **out, struct kh_error *err);
int kh_greeting_get(struct kh_ctx *ctx, int64_t id, json_t **out, struct kh_error *err);
/* {occasion, name, dates?, subject, body_text, body_html?, lang?, active?} */
int kh_greeting_create(struct kh_ctx *ctx, json_t *in, int64_t *id, struct kh_error *err);
int kh_greeting_update(struct kh_ctx *ctx, int64_t id, json_t *in, struct kh_error *err);
int kh_greeting_delete(struct kh_ctx *ctx, int64_t id, struct kh_error *err);

/* The greetings of a day (?date=, default tomorrow) in the actor's scope:
 * each contact with its verdict and whether it is skipped. */
int kh_greeting_upcoming(struct kh_ctx *ctx, json_t *args, json_t **out, struct kh_error *err);
/* {"greeting_id", "contact_id", "date", "skip"}: skip one (or not). */
int kh_greeting_skip(struct kh_ctx *ctx, json_t *in, json_t **out, struct kh_error *err);

/* The sender's part (ctx: the system): when the hour has come, queue
 * today's greetings that are not queued yet. *queued: campaigns made. */
int kh_greeting_queue_due(struct kh_ctx *ctx, size_t *queued, struct kh_error *err);

#endif
