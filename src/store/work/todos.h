/*
 * todos.h: the SQL of the to-do centre (service/work/todo.h). Each kind is
 * a few branches (customers, contacts, ... whose next contact is due), each
 * branch one FROM and one WHERE; the count, the list, the marked count and
 * the lookup of one item are all built from the same branch, so a badge
 * and its list cannot disagree. The rows a kind gives are {"type",
 * "ref_id", "customer_id", "customer_name", "title", "due"}; an item marked
 * done or snoozed (todo_marks, keyed by its due day) is left out of both.
 */
#ifndef KH_STORE_TODOS_H
#define KH_STORE_TODOS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/error.h"
#include "store/customers/pool.h"
#include "store/store.h"

/* The kinds, in the order of service/work/todo.h. */
#define KH_STORE_TODO_NKINDS 10

/* Whose rows a branch filters by (the owners of the service's reach, or
 * the owners whose records the actor approves). */
enum kh_store_todo_owners { KH_TODO_BY_REACH = 0, KH_TODO_BY_APPROVER };

/* What the service worked out for the actor and the day. */
struct kh_store_todo_params {
	char today[11];
	int64_t user_id;        /* whose marks; the approver (not their own plans) */
	json_t *owners;         /* borrowed: the owners in reach; NULL: everybody's */
	json_t *approvable;     /* borrowed: owners the actor approves for; NULL: anyone's */
	bool approve_except_self; /* with approvable NULL: but not the actor's own */
	bool approver;          /* false: the approval kinds are empty */
	bool approves_visits;   /* false: visit plans awaiting are empty */
	char receivables_until[11], contracts_until[11], dates_until[11];
	int64_t key_cadence_days;
	struct kh_store_pool_window pool;
	/* dates_upcoming: the "MM-DD" in the window (a JSON array, borrowed),
	 * today's "MM-DD", this and next year and whether each is a leap year */
	json_t *month_days;
	char md_today[6], year1[5], year2[5];
	bool leap1, leap2;
	int64_t count_cap;      /* a count stops here (and reads no further) */
};

/* Every kind's count, up to p->count_cap, into n[KH_STORE_TODO_NKINDS], in
 * one statement. */
int kh_store_todo_counts(struct kh_store *st, const struct kh_store_todo_params *p,
			 int64_t n[KH_STORE_TODO_NKINDS], struct kh_error *err);

/* Up to limit rows of kind (0..NKINDS-1) in (due, type, ref_id) order,
 * after the row (after_due, after_type, after_id) when after_type is not
 * NULL: a new array in *rows. */
int kh_store_todo_list(struct kh_store *st, const struct kh_store_todo_params *p, int kind,
		       int limit, const char *after_due, const char *after_type,
		       int64_t after_id, json_t **rows, struct kh_error *err);

/* The due day of item (type, ref_id) of kind, if the actor has it now, into
 * due[11] (KH_ENOTFOUND when not). */
int kh_store_todo_due(struct kh_store *st, const struct kh_store_todo_params *p, int kind,
		      const char *type, int64_t ref_id, char due[11], struct kh_error *err);

/* The API name of kind ("followups_due", ...), or NULL. */
const char *kh_store_todo_kind_name(int kind);

/* Whether type is one of kind's item types. */
bool kh_store_todo_has_type(int kind, const char *type);

/* Mark item (type, ref_id, due) of kind for user_id: done, or snoozed
 * until the day until (done false). */
int kh_store_todo_mark(struct kh_store *st, int64_t user_id, int kind, const char *type,
		       int64_t ref_id, const char *due, bool done, const char *until,
		       struct kh_error *err);

#endif
