/*
 * report.h: daily and weekly reports (日报/周报, the sales diary of DOMAIN 3):
 * what was done, gains, losses, how to improve, customers' opinions and how
 * they were handled, reflections and the plan for the next day or week. One
 * per author, kind and period (the day; the Monday of the week), written as
 * a draft by its author alone and submitted once, after which nobody changes
 * it. Who sees one: its author; managers and admins whose data scope holds
 * the author (a sales rep sees only their own, whatever their scope: a diary
 * is not shared between colleagues). A report one cannot see does not exist
 * (KH_ENOTFOUND). Seers comment on it; a manager's or admin's reading is
 * recorded. Arguments of lists come as an object of strings (the query).
 */
#ifndef KH_REPORT_H
#define KH_REPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/error.h"
#include "base/messages.h"
#include "service/context.h"

#define KH_REPORT_TEXT_MAX 4000    /* characters of each text field */
#define KH_REPORT_COMMENT_MAX 2000 /* characters of a comment */
#define KH_REPORT_LIST_MAX 500

/* The text fields, in the form's order, NULL-terminated: work_done (工作内容),
 * gains (收获), losses (失误/不足), improve (如何改进), customer_feedback
 * (客户意见和建议), handling (处理情况), reflection (心得), plan (计划). */
extern const char *const kh_report_fields[];

/* kind is "daily" or "weekly" (else KH_EINVAL naming kind); the actor is
 * a user, not the local operator (else KH_EINVAL naming author). */
int kh_report_check_kind(const char *kind, struct kh_error *err);
int kh_report_need_user(const struct kh_ctx *ctx, struct kh_error *err);

/* The day a report of kind ("daily", "weekly") covers first, from date
 * (YYYY-MM-DD; NULL or "": today, or this week's Monday) into days; a
 * weekly one must start on a Monday. KH_EINVAL naming field. */
int kh_report_period(const char *kind, const char *date, const char *field, int32_t *start,
		     struct kh_error *err);

/* The reports the actor sees: args kind, author (a user id), from, to
 * (period_start bounds), status, limit (1..500, 100), offset. *out:
 * {"items": [...], "total": N}. */
int kh_report_list(struct kh_ctx *ctx, json_t *args, json_t **out, struct kh_error *err);

/* A draft report of the actor (a user) from in: kind (required),
 * period_start (default: see kh_report_period) and the text fields.
 * KH_ECONFLICT naming period_start when the actor has one for that period.
 * With submit it is submitted at once, all or nothing (kh_report_submit). */
int kh_report_create(struct kh_ctx *ctx, json_t *in, bool submit, int64_t *id,
		     struct kh_error *err);

/* Report id with its comments and reads, and "editable" for the actor; a
 * manager's or admin's reading of another's report is recorded first. */
int kh_report_get(struct kh_ctx *ctx, int64_t id, json_t **out, struct kh_error *err);

/* Change text fields of draft report id: its author only (KH_EPERM naming
 * author), not once submitted (KH_ECONFLICT naming status). */
int kh_report_update(struct kh_ctx *ctx, int64_t id, json_t *in, struct kh_error *err);

/* Submit draft report id, once (KH_ECONFLICT naming status after); it
 * needs work_done. Its author only. */
int kh_report_submit(struct kh_ctx *ctx, int64_t id, struct kh_error *err);

/* Comment {"body"} on report id, as its author or a manager or admin who
 * sees it; *comment_id the new one's. */
int kh_report_comment(struct kh_ctx *ctx, int64_t id, json_t *in, int64_t *comment_id,
		      struct kh_error *err);

/* Who in the actor's scope (a manager's or admin's) has not submitted their
 * report of args kind (default daily) and date: {"kind", "period_start",
 * "expected", "submitted", "missing": [{user_id, login, name, report_id,
 * status}]}. Sales reps: KH_EPERM. */
int kh_report_missing(struct kh_ctx *ctx, json_t *args, json_t **out, struct kh_error *err);

/* What the actor did in the period of args kind and date (report_prefill.c):
 * the facts (counts, and lists with ids) and suggested work_done and plan
 * texts in lang. */
int kh_report_prefill(struct kh_ctx *ctx, json_t *args, enum kh_lang lang, json_t **out,
		      struct kh_error *err);

#endif
