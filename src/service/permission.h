/*
 * permission.h: who may see and change which customer, and how much of it.
 * The one place these decisions are made (DOMAIN 1 and 9): every entity that
 * hangs off a customer asks here first.
 *
 * Each role has a data scope (settings scope.admin, scope.manager,
 * scope.sales) over the tree of teams: own (本人), own and subordinates
 * (本人及下属: the members of the teams the user leads, and below), department
 * (本部门), department and below (本部门及下属), all (全部). A user sees the
 * customers owned by the users in their scope, the customers shared with
 * them (customer_team) and the public pool. Information levels: level 3 to
 * the owner, read-write members and managers (or admins) in scope; level 2
 * also to the owner's department and the departments above it; level 1
 * otherwise.
 */
#ifndef KH_PERMISSION_H
#define KH_PERMISSION_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/error.h"
#include "service/context.h"

enum kh_scope_kind {
	KH_SCOPE_OWN = 0,
	KH_SCOPE_OWN_SUB,
	KH_SCOPE_DEPT,
	KH_SCOPE_DEPT_SUB,
	KH_SCOPE_ALL,
};

/* "own", "own_and_subordinates", "department", "department_and_below",
 * "all" <-> the kind. parse returns 0 or KH_EINVAL. */
int kh_perm_scope_parse(const char *s, enum kh_scope_kind *out);
const char *kh_perm_scope_name(enum kh_scope_kind kind);
/* The scope of the actor's role, from the settings. */
int kh_perm_role_scope(struct kh_ctx *ctx, enum kh_role role, enum kh_scope_kind *out,
		       struct kh_error *err);

/* The actor's reach, worked out once and used for many rows. */
struct kh_perm_reach {
	enum kh_scope_kind kind;
	bool everything;   /* the system, or scope "all": no restriction */
	json_t *owners;    /* user ids whose customers are in scope (not when everything) */
	json_t *teams;     /* the actor's team and every team below it */
	struct kh_scope scope; /* the same for the store: what is seen, at which level */
};

/* Work out the actor's reach; release with kh_perm_reach_release. */
int kh_perm_reach_init(struct kh_ctx *ctx, struct kh_perm_reach *r, struct kh_error *err);
void kh_perm_reach_release(struct kh_perm_reach *r);
/* Is user_id inside the reach (the owners of customers the actor sees)? */
bool kh_perm_reach_has_user(const struct kh_perm_reach *r, int64_t user_id);
/* Is team_id the actor's team or one below it? */
bool kh_perm_reach_has_team(const struct kh_perm_reach *r, int64_t team_id);
/* The same for the actor's reach, worked out and released here: *in. */
int kh_perm_user_in_reach(struct kh_ctx *ctx, int64_t user_id, bool *in, struct kh_error *err);

/* The users whose own records (reports, campaigns) the actor sees: NULL
 * (everyone) for the system and an unrestricted scope, else a new array in
 * *users: a sales rep themself, a manager or admin the reach's owners and
 * themself. */
int kh_perm_users_seen(struct kh_ctx *ctx, json_t **users, struct kh_error *err);

/* May the actor see customer id (and, with write, change it)? On success
 * *level receives the highest information level (1..3) the actor may see.
 * A customer the actor may not see is KH_ENOTFOUND, as if it did not exist;
 * one they may see but not change is KH_EPERM. */
int kh_perm_customer(struct kh_ctx *ctx, int64_t customer_id, bool write, int *level,
		     struct kh_error *err);
/* The same with a reach already worked out. */
int kh_perm_customer_in(struct kh_ctx *ctx, const struct kh_perm_reach *r, int64_t customer_id,
			bool write, int *level, struct kh_error *err);
/* May the actor manage the ownership of customer id (transfer, share,
 * release): the owner, or a manager or admin with it in scope. */
int kh_perm_customer_manage(struct kh_ctx *ctx, int64_t customer_id, struct kh_error *err);

/* May the actor create customers, products, ...: entity-wide rights. A new
 * customer is also checked against the actor's cap of owned customers. */
int kh_perm_entity(struct kh_ctx *ctx, const char *entity, bool write, struct kh_error *err);

/* The data scope of a list of table for the actor: *scope points into r
 * (which the caller releases) for customers and the tables that hang off
 * them; NULL for the others (products), which everyone sees. The store
 * then lists only the rows the actor sees, each with its level. */
int kh_perm_list_scope(struct kh_ctx *ctx, const char *table, struct kh_perm_reach *r,
		       const struct kh_scope **scope, struct kh_error *err);

/* The customers a report covers: those of the actor's data scope and those
 * shared with them, but not the public pool unless the scope is "all" — a
 * rep's dashboard shows their own book, not customers nobody owns. *scope
 * is NULL (everyone) or points into reach, which the caller releases. */
int kh_perm_report_scope(struct kh_ctx *ctx, struct kh_perm_reach *reach,
			 const struct kh_scope **scope, struct kh_error *err);

/* May the actor see (with write, change) record id of what ("task"), that
 * belongs to user_id rather than to a customer (a task without one)? Its
 * user stands where a customer's owner would: it is seen by the user and by
 * whoever has them in scope, changed by the user and by managers and admins
 * with them in scope. One nobody's (user_id 0) only an unrestricted actor
 * sees. KH_ENOTFOUND (as if it did not exist) or KH_EPERM naming "user". */
int kh_perm_user_record(struct kh_ctx *ctx, int64_t user_id, bool write, const char *what,
			int64_t id, struct kh_error *err);

/* Who an activity is logged as or a task is for (DOMAIN 3: who visited,
 * who called); what names the records in messages ("activities"). cols
 * are the columns about to be written; old is the stored row on update,
 * NULL on create. On create without a user the actor is filled in (a new
 * "user_id" member of cols); on update only a changed user is checked. A
 * sales rep names only themselves; managers and admins themselves or
 * anyone in their scope. KH_EPERM naming "user" otherwise. The local
 * operator may do anything. */
int kh_perm_record_user(struct kh_ctx *ctx, const char *what, json_t *cols, json_t *old,
			struct kh_error *err);

/* May the actor approve the visit plan written by author_id (0 = nobody)
 * for customer_id (DOMAIN 3: "plans are approved by the superior")? A
 * manager or admin whose data scope covers the customer's owner, never the
 * plan's own author. A customer the actor cannot see is KH_ENOTFOUND; the
 * rest KH_EPERM. */
int kh_perm_activity_approve(struct kh_ctx *ctx, int64_t customer_id, int64_t author_id,
			     struct kh_error *err);

/* May the actor approve (or reject) a record (what: "contract", in
 * messages) of customer_id owned by owner_id (issue 13: 合同, 回款)? A
 * manager or admin whose data scope covers the owner, or the leader of the
 * owner's team or of a team above it; never the owner, unless an admin. A
 * customer the actor cannot see is KH_ENOTFOUND; the rest KH_EPERM. */
int kh_perm_approve(struct kh_ctx *ctx, int64_t customer_id, int64_t owner_id,
		    const char *what, struct kh_error *err);
/* The owners whose records the actor may decide (the approval queue,
 * awaiting=me): *owners a new array, or NULL for anyone's (then
 * *except_self: but the actor's own). Seeing each record is the list's
 * own data scope, on top of this. */
int kh_perm_approvable_owners(struct kh_ctx *ctx, json_t **owners, bool *except_self,
			      struct kh_error *err);

/* The cap on customers user_id may own (users.max_customers, else the
 * setting pool.max_customers_per_rep); 0 = no cap. KH_ECONFLICT when
 * taking `adding` more would pass it. */
int kh_perm_check_cap(struct kh_ctx *ctx, int64_t user_id, int64_t adding,
		      struct kh_error *err);

#endif
