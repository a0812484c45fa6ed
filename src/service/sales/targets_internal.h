/*
 * targets_internal.h (service/sales-internal): what targets.c,
 * targets_week.c and rankings.c share: the subject of a target (a rep, a
 * team or the company), who may see and set which, and the calendar.
 */
#ifndef KH_TARGETS_INTERNAL_H
#define KH_TARGETS_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/error.h"
#include "service/context.h"
#include "service/permission.h"

enum kh_subject_kind { KH_SUBJECT_REP = 0, KH_SUBJECT_TEAM, KH_SUBJECT_COMPANY };

struct kh_subject {
	enum kh_subject_kind kind;
	int64_t id;      /* 0 for the company */
	int64_t team_id; /* a rep's team */
	char name[128];
};

/* The caller's reach and the teams they lead (and below), worked out once. */
struct kh_target_access {
	struct kh_perm_reach reach;
	json_t *led;
};
int kh_target_access_init(struct kh_ctx *ctx, struct kh_target_access *a, struct kh_error *err);
void kh_target_access_release(struct kh_target_access *a);
bool kh_target_may_see(const struct kh_ctx *ctx, const struct kh_target_access *a,
		       enum kh_subject_kind kind, int64_t id);
bool kh_target_may_set(const struct kh_ctx *ctx, const struct kh_target_access *a,
		       enum kh_subject_kind kind, int64_t id);
/* Does the caller see team id (its targets, its ranking)? */
bool kh_target_team_seen(const struct kh_ctx *ctx, const struct kh_target_access *a,
			 int64_t id);

const char *kh_subject_kind_name(enum kh_subject_kind kind);
/* The subject of args' "scope" and "id" (strings, or integers in a body),
 * defaulting to the caller's own (a rep: themselves; a manager: their team;
 * an admin: the company), loaded and checked to be seen (404 naming id). */
int kh_subject_resolve(struct kh_ctx *ctx, const struct kh_target_access *a, json_t *args,
		       struct kh_subject *out, struct kh_error *err);
/* The users whose records count for subject: a new array (a rep: them; a
 * team: every user of it and the teams below), or NULL for the company. */
int kh_subject_users(struct kh_ctx *ctx, const struct kh_subject *s, json_t **users,
		     struct kh_error *err);
/* The subject's target of metric in year, per month: its own when set
 * (*source "set"), else for a team or the company the sum of its reps'
 * ("reps"), else zeros ("none"). */
int kh_subject_target(struct kh_ctx *ctx, const struct kh_subject *s, json_t *users, int year,
		      const char *metric, int64_t months[13], const char **source,
		      struct kh_error *err);

/* The start of a read of a subject: the caller's access, the subject of
 * args, its users (kh_subject_users) and a read transaction. On failure
 * nothing is left to release; on success the caller commits the store and
 * releases *users and *a. */
int kh_subject_open(struct kh_ctx *ctx, json_t *args, struct kh_target_access *a,
		    struct kh_subject *s, json_t **users, struct kh_error *err);

/* Refuse a member of obj (a body) not in allowed (400 naming it). */
int kh_args_only(json_t *obj, const char *const *allowed, struct kh_error *err);
/* The "value" of user_id in rows of {"user_id", "value"} (0 when absent). */
int64_t kh_user_value(json_t *rows, int64_t user_id);

/* An integer member name of args: a JSON integer or a string of digits;
 * *present false when absent. 400 naming name when malformed or outside
 * min..max. */
int kh_arg_int(json_t *args, const char *name, int64_t min, int64_t max, int64_t *out,
	       bool *present, struct kh_error *err);
const char *kh_arg_str(json_t *args, const char *name);

/* Calendar: the days of month m of year y, its working days (Monday to
 * Friday; kehu has no holiday calendar), and the first day of a month. */
int kh_month_days(int y, int m);
int kh_month_workdays(int y, int m);
int32_t kh_month_first(int y, int m);

#endif
