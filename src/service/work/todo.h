/*
 * todo.h: the to-do centre (待办): what needs the actor today, by kind, each
 * kind one query in the actor's data scope that gives both its count (the
 * menu badge) and its list, so the two always agree. The day is the
 * server's local date. An item marked done or snoozed (todo_marks) leaves
 * its kind until its due date changes (a new next-contact date, next year's
 * birthday) or the snooze ends.
 */
#ifndef KH_TODO_H
#define KH_TODO_H

#include <jansson.h>
#include <stdint.h>

#include "base/error.h"
#include "service/context.h"

/* The to-do kinds in display order; kh_todo_kinds[i].name is the API name. */
enum kh_todo_kind {
	KH_TODO_FOLLOWUPS_DUE = 0,   /* next_contact_date <= today; open tasks due <= today */
	KH_TODO_LEADS_NEW,           /* leads assigned to me and not yet followed */
	KH_TODO_POOL_SOON,           /* my customers entering the pool within k days */
	KH_TODO_CONTRACTS_AWAITING,  /* contracts awaiting my approval */
	KH_TODO_RECEIVABLES_AWAITING,/* receipts awaiting my approval */
	KH_TODO_VISIT_PLANS_AWAITING,/* visit plans awaiting my approval */
	KH_TODO_RECEIVABLES_DUE,     /* plans due within N days or overdue, not fully received */
	KH_TODO_CONTRACTS_EXPIRING,  /* approved contracts ending within N days */
	KH_TODO_KEY_ACCOUNTS_OVERDUE,/* key accounts past their visit cadence */
	KH_TODO_DATES_UPCOMING,      /* birthdays, founding days, first deals, important dates */
	KH_TODO_NKINDS
};

struct kh_todo_kind_info {
	const char *name;   /* the API name, e.g. "followups_due" */
	const char *en, *zh; /* what the command line calls it */
};

extern const struct kh_todo_kind_info kh_todo_kinds[KH_TODO_NKINDS];

/* The kind named name, or -1. */
int kh_todo_kind_find(const char *name);

/* A kind's count stops here: this many means this many or more (the menu
 * shows "99+"). Counting stops reading there, so a manager's badge over a
 * team with half a million due follow-ups costs what a rep's does. */
#define KH_TODO_COUNT_CAP 100

struct kh_todo_counts {
	int64_t n[KH_TODO_NKINDS];
	int64_t total;
};

/* Every kind's count for the actor of ctx. 0 or a negative KH_E* code. */
int kh_todo_counts(struct kh_ctx *ctx, struct kh_todo_counts *out, struct kh_error *err);

/* The counts as {"kind": n, ..., "total": n}; a new reference. */
json_t *kh_todo_counts_json(const struct kh_todo_counts *counts);

#define KH_TODO_LIST_MAX 200
#define KH_TODO_LIST_DEFAULT 50

/* The items of one kind: *out = {"kind", "count", "items": [...], "next_cursor"}
 * (a new reference), at most limit items (1..KH_TODO_LIST_MAX, 0: the default
 * KH_TODO_LIST_DEFAULT) after cursor (NULL: the first page; an opaque string from next_cursor).
 * count is the kind's count (what kh_todo_counts gives it). KH_EINVAL naming
 * "kind", "limit" or "cursor" for a bad one. */
int kh_todo_list(struct kh_ctx *ctx, const char *kind, int limit, const char *cursor,
		 json_t **out, struct kh_error *err);

/* The to-do centre at once: {"counts": kh_todo_counts_json, "count_cap":
 * KH_TODO_COUNT_CAP, "items": {kind:
 * its first page as kh_todo_list gives it}}, limit items a kind. */
int kh_todo_overview(struct kh_ctx *ctx, int limit, json_t **out, struct kh_error *err);

/* Mark item (its "id" in a list: "TYPE:ID", e.g. "customer:12") of kind
 * done, or snoozed until the date until ("YYYY-MM-DD", after today), for the
 * actor; it leaves the kind's count and list until its due day changes (or
 * the snooze ends). KH_EINVAL naming "kind", "id" or "until"; KH_ENOTFOUND
 * (field "id") when the actor has no such item in that kind now. */
int kh_todo_mark_done(struct kh_ctx *ctx, const char *kind, const char *item,
		      struct kh_error *err);
int kh_todo_snooze(struct kh_ctx *ctx, const char *kind, const char *item, const char *until,
		   struct kh_error *err);

#endif
