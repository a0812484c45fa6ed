/*
 * permission.c: the permission decisions (see permission.h). The local
 * operator (the command line on the database file) may do everything;
 * users are checked against the data scope of their role. A reach is the
 * set of owners whose customers an actor sees, worked out from the team
 * tree once per call. What a reach sees and at which level is one SQL
 * expression of the store (store/scope.h), for lists, reports, search,
 * lookup and the single customer alike.
 */
#include "service/permission.h"

#include <stdlib.h>
#include <string.h>

#include "service/settings.h"
#include "store/accounts/auth.h"
#include "base/banned.h"

static const char *const scope_names[] = {
	[KH_SCOPE_OWN] = "own",
	[KH_SCOPE_OWN_SUB] = "own_and_subordinates",
	[KH_SCOPE_DEPT] = "department",
	[KH_SCOPE_DEPT_SUB] = "department_and_below",
	[KH_SCOPE_ALL] = "all",
};

int kh_perm_scope_parse(const char *s, enum kh_scope_kind *out)
{
	for (int k = KH_SCOPE_OWN; k <= KH_SCOPE_ALL; k++)
		if (s && strcmp(s, scope_names[k]) == 0) {
			*out = (enum kh_scope_kind)k;
			return 0;
		}
	return KH_EINVAL;
}

const char *kh_perm_scope_name(enum kh_scope_kind kind)
{
	return kind <= KH_SCOPE_ALL ? scope_names[kind] : "own";
}

int kh_perm_role_scope(struct kh_ctx *ctx, enum kh_role role, enum kh_scope_kind *out,
		       struct kh_error *err)
{
	const char *key;
	int at;

	switch (role) {
	case KH_ROLE_SYSTEM:
		*out = KH_SCOPE_ALL;
		return 0;
	case KH_ROLE_ADMIN:
		key = "scope.admin";
		break;
	case KH_ROLE_MANAGER:
		key = "scope.manager";
		break;
	default:
		key = "scope.sales";
		break;
	}
	/* The registry's choices are in the order of enum kh_scope_kind; a value
	 * that slipped past validation (-1) narrows rather than widens. */
	at = kh_setting_choice_at(ctx, key);
	*out = at < 0 ? KH_SCOPE_OWN : (enum kh_scope_kind)at;
	return 0;
}

static bool array_has(json_t *arr, int64_t id)
{
	size_t i;
	json_t *v;

	json_array_foreach(arr, i, v)
		if (json_integer_value(v) == id)
			return true;
	return false;
}

/* Append the members of arr2 not yet in arr. */
static void array_merge(json_t *arr, json_t *arr2)
{
	size_t i;
	json_t *v;

	json_array_foreach(arr2, i, v)
		if (!array_has(arr, json_integer_value(v)))
			json_array_append(arr, v);
}

static bool is_manager(const struct kh_ctx *ctx)
{
	return ctx->actor.role == KH_ROLE_SYSTEM || ctx->actor.role == KH_ROLE_ADMIN ||
	       ctx->actor.role == KH_ROLE_MANAGER;
}

/* Work the actor's reach out from the teams and users (no memo). */
static int reach_compute(struct kh_ctx *ctx, struct kh_perm_reach *r, struct kh_error *err)
{
	const struct kh_actor *a = &ctx->actor;
	json_t *teams = NULL, *users = NULL;
	int rc;

	if ((rc = kh_perm_role_scope(ctx, a->role, &r->kind, err)))
		return rc;
	if (a->role == KH_ROLE_SYSTEM || r->kind == KH_SCOPE_ALL) {
		r->everything = true;
		return 0;
	}
	if (a->team_id)
		rc = kh_store_team_subtree(ctx->store, a->team_id, &r->teams, err);
	else
		r->teams = json_array();
	if (rc)
		goto out;
	r->owners = json_array();
	json_array_append_new(r->owners, json_integer(a->user_id));
	switch (r->kind) {
	case KH_SCOPE_OWN_SUB:
		if ((rc = kh_store_teams_led_below(ctx->store, a->user_id, &teams, err)))
			goto out;
		break;
	case KH_SCOPE_DEPT:
		teams = json_array();
		if (a->team_id)
			json_array_append_new(teams, json_integer(a->team_id));
		break;
	case KH_SCOPE_DEPT_SUB:
		teams = json_incref(r->teams);
		break;
	default:
		break;
	}
	if (teams && json_array_size(teams)) {
		if ((rc = kh_store_users_in_teams(ctx->store, teams, &users, err)))
			goto out;
		array_merge(r->owners, users);
	}
out:
	json_decref(teams);
	json_decref(users);
	return rc;
}

/* The store's form of a reach (store/scope.h). */
static void reach_scope(const struct kh_ctx *ctx, struct kh_perm_reach *r)
{
	r->scope.shared_with = ctx->actor.user_id;
	r->scope.include_pool = true;
	r->scope.manager = is_manager(ctx);
	r->scope.all = r->everything;
	r->scope.owner_ids = r->owners;
	r->scope.teams = r->teams;
}

/* The reach is worked out once per request: the memo in ctx keeps it, and
 * every caller gets its own references. */
int kh_perm_reach_init(struct kh_ctx *ctx, struct kh_perm_reach *r, struct kh_error *err)
{
	struct kh_reach_memo *m = &ctx->reach;
	int rc;

	memset(r, 0, sizeof(*r));
	if (!m->loaded) {
		if ((rc = reach_compute(ctx, r, err))) {
			kh_perm_reach_release(r);
			return rc;
		}
		m->kind = (int)r->kind;
		m->everything = r->everything;
		m->owners = json_incref(r->owners);
		m->teams = json_incref(r->teams);
		m->loaded = true;
	} else {
		r->kind = (enum kh_scope_kind)m->kind;
		r->everything = m->everything;
		r->owners = json_incref(m->owners);
		r->teams = json_incref(m->teams);
	}
	reach_scope(ctx, r);
	return 0;
}

void kh_perm_reach_release(struct kh_perm_reach *r)
{
	if (!r)
		return;
	json_decref(r->owners);
	json_decref(r->teams);
	r->owners = r->teams = NULL;
	r->scope.owner_ids = r->scope.teams = NULL;
}

bool kh_perm_reach_has_user(const struct kh_perm_reach *r, int64_t user_id)
{
	return r->everything || array_has(r->owners, user_id);
}

bool kh_perm_reach_has_team(const struct kh_perm_reach *r, int64_t team_id)
{
	return array_has(r->teams, team_id);
}

int kh_perm_user_in_reach(struct kh_ctx *ctx, int64_t user_id, bool *in, struct kh_error *err)
{
	struct kh_perm_reach r;
	int rc;

	if ((rc = kh_perm_reach_init(ctx, &r, err)))
		return rc;
	*in = kh_perm_reach_has_user(&r, user_id);
	kh_perm_reach_release(&r);
	return 0;
}

/* A visible customer the actor may not change: say why. */
static int write_refused(struct kh_ctx *ctx, int64_t customer_id, struct kh_error *err)
{
	struct kh_store_access ac = {0};

	kh_store_customer_access(ctx->store, customer_id, 0, &ac, NULL);
	return kh_error_set(err, KH_EPERM, "customer",
			    "you may see customer %lld but not change it%s",
			    (long long)customer_id,
			    ac.in_pool ? " (claim it from the pool first)" : "");
}

/* Seeing and the level are one store expression (store/scope.h) over the
 * reach; changing a customer takes level 3, which is exactly its owner,
 * its write members and the managers over its owner. */
int kh_perm_customer_in(struct kh_ctx *ctx, const struct kh_perm_reach *r, int64_t customer_id,
			bool write, int *level, struct kh_error *err)
{
	int rc = kh_store_customer_level(ctx->store, customer_id, &r->scope, level, err);

	if (rc == 0 && write && *level < 3)
		return write_refused(ctx, customer_id, err);
	return rc;
}

int kh_perm_customer(struct kh_ctx *ctx, int64_t customer_id, bool write, int *level,
		     struct kh_error *err)
{
	struct kh_perm_reach r;
	int rc;

	if ((rc = kh_perm_reach_init(ctx, &r, err)))
		return rc;
	rc = kh_perm_customer_in(ctx, &r, customer_id, write, level, err);
	kh_perm_reach_release(&r);
	return rc;
}

int kh_perm_customer_manage(struct kh_ctx *ctx, int64_t customer_id, struct kh_error *err)
{
	struct kh_perm_reach r;
	struct kh_store_access ac;
	int level, rc;

	if ((rc = kh_perm_reach_init(ctx, &r, err)))
		return rc;
	if ((rc = kh_perm_customer_in(ctx, &r, customer_id, false, &level, err)))
		goto out;
	if (ctx->actor.role == KH_ROLE_SYSTEM)
		goto out;
	if ((rc = kh_store_customer_access(ctx->store, customer_id, ctx->actor.user_id, &ac,
					   err)))
		goto out;
	if (ac.owner_id && ac.owner_id == ctx->actor.user_id)
		goto out;
	if (is_manager(ctx) && (r.everything || (ac.owner_id && array_has(r.owners, ac.owner_id)) ||
				(ac.in_pool && !ac.owner_id)))
		goto out;
	rc = kh_error_set(err, KH_EPERM, "customer", "only the owner of customer %lld or a "
			  "manager over them may change who owns it", (long long)customer_id);
out:
	kh_perm_reach_release(&r);
	return rc;
}

int kh_perm_check_cap(struct kh_ctx *ctx, int64_t user_id, int64_t adding,
		      struct kh_error *err)
{
	json_t *user = NULL, *max;
	int64_t cap = 0, owned = 0;
	int rc;

	if (!user_id)
		return 0;
	if ((rc = kh_store_get(ctx->store, "users", user_id, &user, err)))
		return rc;
	max = json_object_get(user, "max_customers");
	if (json_is_integer(max)) {
		cap = json_integer_value(max);
	} else if (json_is_string(json_object_get(user, "role")) &&
		   strcmp(json_string_value(json_object_get(user, "role")), "sales") == 0) {
		/* The pool setting caps sales reps; managers and admins only by
		 * their own max_customers. */
		cap = (int64_t)kh_setting_number(ctx, "pool.max_customers_per_rep");
	}
	json_decref(user);
	if (cap <= 0)
		return 0;
	if ((rc = kh_store_owned_count(ctx->store, user_id, &owned, err)))
		return rc;
	if (owned + adding > cap)
		return kh_error_set(err, KH_ECONFLICT, "owner",
				    "user %lld already owns %lld customers, the most allowed is "
				    "%lld (pool.max_customers_per_rep or the user's max_customers)",
				    (long long)user_id, (long long)owned, (long long)cap);
	return 0;
}

int kh_perm_user_record(struct kh_ctx *ctx, int64_t user_id, bool write, const char *what,
			int64_t id, struct kh_error *err)
{
	struct kh_perm_reach r;
	bool visible;
	int rc;

	if (ctx->actor.role == KH_ROLE_SYSTEM)
		return 0;
	if ((rc = kh_perm_reach_init(ctx, &r, err)))
		return rc;
	visible = r.everything || (user_id && kh_perm_reach_has_user(&r, user_id));
	kh_perm_reach_release(&r);
	if (!visible)
		return kh_error_set(err, KH_ENOTFOUND, "id", "no %s with id %lld", what,
				    (long long)id);
	if (write && !(user_id == ctx->actor.user_id || is_manager(ctx)))
		return kh_error_set(err, KH_EPERM, "user", "this %s is user %lld's: they or "
				    "their manager change it", what, (long long)user_id);
	return 0;
}

int kh_perm_record_user(struct kh_ctx *ctx, const char *what, json_t *cols, json_t *old,
			struct kh_error *err)
{
	bool create = old == NULL;
	json_t *v = json_object_get(cols, "user_id");
	int64_t user_id;
	bool in_scope;
	int rc;

	if (ctx->actor.role == KH_ROLE_SYSTEM || !ctx->actor.user_id)
		return 0;
	if (old && v && json_equal(v, json_object_get(old, "user_id")))
		return 0;
	if (!v || json_is_null(v)) {
		if (create)
			return json_object_set_new(cols, "user_id", json_integer(ctx->actor.user_id))
				       ? kh_error_set(err, KH_ENOMEM, "user", "out of memory")
				       : 0;
		if (v && ctx->actor.role == KH_ROLE_SALES)
			return kh_error_set(err, KH_EPERM, "user", "a sales rep cannot clear the "
					    "user of %s", what);
		return 0;
	}
	user_id = json_integer_value(v);
	if (user_id == ctx->actor.user_id)
		return 0;
	if (ctx->actor.role == KH_ROLE_SALES)
		return kh_error_set(err, KH_EPERM, "user", "a sales rep records %s as "
				    "themselves, not as user %lld", what, (long long)user_id);
	if ((rc = kh_perm_user_in_reach(ctx, user_id, &in_scope, err)))
		return rc;
	if (!in_scope)
		return kh_error_set(err, KH_EPERM, "user", "user %lld is outside your data scope",
				    (long long)user_id);
	return 0;
}

/* Is the actor the leader of owner_id's team or of a team above it? */
static int leads_owner(struct kh_ctx *ctx, int64_t owner_team_id, bool *leads,
		       struct kh_error *err)
{
	json_t *led = NULL;
	int rc;

	*leads = false;
	if (!owner_team_id || !ctx->actor.user_id)
		return 0;
	if ((rc = kh_store_teams_led_below(ctx->store, ctx->actor.user_id, &led, err)))
		return rc;
	*leads = array_has(led, owner_team_id);
	json_decref(led);
	return 0;
}

/* The one rule of a superior's decision over a record of owner_id (0 =
 * nobody) written by author_id, with the reach r worked out: a manager or
 * admin with the owner in scope; with leaders, also the leader of the
 * owner's team (or of a team above it); never the author, but an admin
 * when admin_own. */
static int decide_superior(struct kh_ctx *ctx, const struct kh_perm_reach *r, int64_t owner_id,
			   int64_t author_id, bool leaders, bool admin_own, const char *what,
			   struct kh_error *err)
{
	json_t *owner = NULL;
	bool leads = false;
	int64_t team_id = 0;
	int rc;

	if (ctx->actor.role == KH_ROLE_SYSTEM)
		return 0;
	if (author_id && author_id == ctx->actor.user_id &&
	    !(admin_own && ctx->actor.role == KH_ROLE_ADMIN))
		return kh_error_set(err, KH_EPERM, "", "you cannot approve your own %s: your "
				    "superior does", what);
	if (is_manager(ctx) && (r->everything || (owner_id && array_has(r->owners, owner_id))))
		return 0;
	if (leaders && owner_id) {
		if ((rc = kh_store_get(ctx->store, "users", owner_id, &owner, err)))
			return rc;
		team_id = json_integer_value(json_object_get(owner, "team_id"));
		json_decref(owner);
		if ((rc = leads_owner(ctx, team_id, &leads, err)))
			return rc;
		if (leads)
			return 0;
	}
	if (!is_manager(ctx))
		return kh_error_set(err, KH_EPERM, "", "%ss are approved by %sa manager or an "
				    "admin over the owner", what,
				    leaders ? "the owner's team leader, " : "");
	return kh_error_set(err, KH_EPERM, "", "the owner of this %s is outside your data "
			    "scope: their own superior approves it", what);
}

int kh_perm_activity_approve(struct kh_ctx *ctx, int64_t customer_id, int64_t author_id,
			     struct kh_error *err)
{
	struct kh_perm_reach r;
	struct kh_store_access ac;
	int level, rc;

	if ((rc = kh_perm_reach_init(ctx, &r, err)))
		return rc;
	if ((rc = kh_perm_customer_in(ctx, &r, customer_id, false, &level, err)))
		goto out;
	if (ctx->actor.role == KH_ROLE_SYSTEM)
		goto out;
	if (!is_manager(ctx)) {
		rc = kh_error_set(err, KH_EPERM, "", "visit plans are approved by a manager or an "
				  "admin over the customer's owner");
		goto out;
	}
	if ((rc = kh_store_customer_access(ctx->store, customer_id, 0, &ac, err)))
		goto out;
	rc = decide_superior(ctx, &r, ac.owner_id, author_id, false, false, "visit plan", err);
out:
	kh_perm_reach_release(&r);
	return rc;
}

int kh_perm_approve(struct kh_ctx *ctx, int64_t customer_id, int64_t owner_id,
		    const char *what, struct kh_error *err)
{
	struct kh_perm_reach r;
	int level, rc;

	if ((rc = kh_perm_reach_init(ctx, &r, err)))
		return rc;
	if ((rc = kh_perm_customer_in(ctx, &r, customer_id, false, &level, err)) == 0)
		rc = decide_superior(ctx, &r, owner_id, owner_id, true, true, what, err);
	kh_perm_reach_release(&r);
	return rc;
}

int kh_perm_approvable_owners(struct kh_ctx *ctx, json_t **owners, bool *except_self,
			      struct kh_error *err)
{
	struct kh_perm_reach r;
	json_t *led = NULL, *users = NULL, *out = NULL;
	size_t i;
	json_t *v;
	int rc;

	*owners = NULL;
	*except_self = false;
	if (ctx->actor.role == KH_ROLE_SYSTEM)
		return 0;
	if ((rc = kh_perm_reach_init(ctx, &r, err)))
		return rc;
	if (is_manager(ctx) && r.everything) {
		*except_self = ctx->actor.role != KH_ROLE_ADMIN;
		goto out;
	}
	out = json_array();
	if (is_manager(ctx))
		array_merge(out, r.owners);
	if ((rc = kh_store_teams_led_below(ctx->store, ctx->actor.user_id, &led, err)))
		goto out;
	if (json_array_size(led) && (rc = kh_store_users_in_teams(ctx->store, led, &users, err)))
		goto out;
	array_merge(out, users);
	*owners = json_array();
	json_array_foreach(out, i, v)
		if (json_integer_value(v) != ctx->actor.user_id ||
		    ctx->actor.role == KH_ROLE_ADMIN)
			json_array_append(*owners, v);
out:
	json_decref(led);
	json_decref(users);
	json_decref(out);
	kh_perm_reach_release(&r);
	return rc;
}

int kh_perm_entity(struct kh_ctx *ctx, const char *entity, bool write, struct kh_error *err)
{
	if (write && ctx->actor.role == KH_ROLE_SALES && strcmp(entity, "product") == 0)
		return kh_error_set(err, KH_EPERM, "", "only managers and admins may change products");
	/* Customers are only checked here without an id, that is on create: the
	 * new customer will be the actor's own. */
	if (write && ctx->actor.user_id && strcmp(entity, "customer") == 0)
		return kh_perm_check_cap(ctx, ctx->actor.user_id, 1, err);
	return 0;
}

int kh_perm_list_scope(struct kh_ctx *ctx, const char *table, struct kh_perm_reach *r,
		       const struct kh_scope **scope, struct kh_error *err)
{
	static const char *const by_customer[] = {"contacts", "orders", "receivable_plans",
						  "activities", "opportunities", "important_dates",
						  "competitors", "tasks", "contracts", "receivables"};
	int rc;

	*scope = NULL;
	if ((rc = kh_perm_reach_init(ctx, r, err)))
		return rc;
	if (strcmp(table, "customers") == 0) {
		r->scope.customer_column = "id";
		*scope = &r->scope;
		return 0;
	}
	/* A lead has no customer: its owner stands where a customer's would. */
	if (strcmp(table, "leads") == 0) {
		r->scope.customer_column = NULL;
		r->scope.user_column = "owner_id";
		*scope = &r->scope;
		return 0;
	}
	for (size_t i = 0; i < sizeof(by_customer) / sizeof(by_customer[0]); i++) {
		if (strcmp(table, by_customer[i]))
			continue;
		r->scope.customer_column = "customer_id";
		r->scope.user_column = strcmp(table, "tasks") == 0 ? "user_id" : NULL;
		*scope = &r->scope;
	}
	return 0;
}

int kh_perm_report_scope(struct kh_ctx *ctx, struct kh_perm_reach *reach,
			 const struct kh_scope **scope, struct kh_error *err)
{
	int rc = kh_perm_list_scope(ctx, "customers", reach, scope, err);

	if (rc == 0 && *scope)
		reach->scope.include_pool = false;
	return rc;
}

int kh_perm_users_seen(struct kh_ctx *ctx, json_t **users, struct kh_error *err)
{
	struct kh_perm_reach reach;
	int rc;

	*users = NULL;
	if (ctx->actor.role == KH_ROLE_SYSTEM)
		return 0;
	if (ctx->actor.role == KH_ROLE_SALES) {
		*users = json_pack("[I]", (json_int_t)ctx->actor.user_id);
		return *users ? 0 : kh_error_set(err, KH_ENOMEM, "", "out of memory");
	}
	if ((rc = kh_perm_reach_init(ctx, &reach, err)))
		return rc;
	if (!reach.everything) {
		*users = json_copy(reach.owners);
		if (!*users)
			rc = kh_error_set(err, KH_ENOMEM, "", "out of memory");
		else if (!kh_perm_reach_has_user(&reach, ctx->actor.user_id))
			json_array_append_new(*users, json_integer(ctx->actor.user_id));
	}
	kh_perm_reach_release(&reach);
	return rc;
}
