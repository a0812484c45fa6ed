/* permission_test.c: the actor's reach over a real team tree — each scope
 * kind's owners, and the per-request memo, which a change to the teams, the
 * users, the settings or the actor must drop. */
#include "test.h"

#include <string.h>

#include "service/accounts/auth.h"
#include "service/accounts/teams.h"
#include "service/accounts/users.h"
#include "service/permission.h"
#include "service/settings.h"
#include "tmpdb.h"

/* 总部 > 华东 > 上海; lead leads 华东 and works there, rep1 in 上海,
 * rep2 in 华东, far at the top. */
struct tree {
	char path[64];
	struct kh_store *st;
	struct kh_ctx sys, as;
	int64_t top, east, shanghai;
	int64_t lead, rep1, rep2, far;
};

static int64_t team(struct tree *t, const char *name, int64_t parent)
{
	json_t *in = json_pack("{s:s}", "name", name);
	int64_t id = 0;

	if (parent)
		json_object_set_new(in, "parent", json_integer(parent));
	assert_int_equal(kh_team_add(&t->sys, in, &id, NULL), 0);
	json_decref(in);
	return id;
}

static int64_t user(struct tree *t, const char *login, const char *role, int64_t team_id)
{
	json_t *in = json_pack("{s:s, s:s, s:s, s:I}", "login", login, "role", role, "password",
			       "correct horse", "team", (json_int_t)team_id);
	int64_t id = 0;

	assert_int_equal(kh_user_add(&t->sys, in, &id, NULL), 0);
	json_decref(in);
	return id;
}

static int setup(void **state)
{
	struct tree *t = calloc(1, sizeof(*t));
	json_t *lead;

	t->st = kh_test_tmpdb_open(t->path, sizeof(t->path), "permission");
	assert_non_null(t->st);
	kh_ctx_init_system(&t->sys, t->st);
	t->top = team(t, "总部", 0);
	t->east = team(t, "华东", t->top);
	t->shanghai = team(t, "上海", t->east);
	t->lead = user(t, "lead", "manager", t->east);
	t->rep1 = user(t, "rep1", "sales", t->shanghai);
	t->rep2 = user(t, "rep2", "sales", t->east);
	t->far = user(t, "far", "sales", t->top);
	lead = json_pack("{s:I}", "leader", (json_int_t)t->lead);
	assert_int_equal(kh_team_update(&t->sys, t->east, lead, NULL), 0);
	json_decref(lead);
	kh_ctx_init_system(&t->as, t->st);
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	struct tree *t = *state;

	kh_ctx_release(&t->as);
	kh_ctx_release(&t->sys);
	kh_test_tmpdb_remove(t->st, t->path);
	free(t);
	return 0;
}

static void act_as(struct tree *t, int64_t user_id)
{
	assert_int_equal(kh_auth_actor_load(&t->as, user_id, NULL), 0);
}

/* The owners of the actor's reach, as a sorted "id,id,..." string. */
static void owners_of(struct kh_ctx *ctx, char *out, size_t size)
{
	struct kh_perm_reach r;
	int64_t ids[16];
	size_t n = 0, i;
	json_t *v;

	assert_int_equal(kh_perm_reach_init(ctx, &r, NULL), 0);
	*out = 0;
	if (r.everything) {
		snprintf(out, size, "all");
		kh_perm_reach_release(&r);
		return;
	}
	json_array_foreach(r.owners, i, v)
		if (n < 16)
			ids[n++] = json_integer_value(v);
	for (size_t a = 1; a < n; a++)
		for (size_t b = a; b > 0 && ids[b - 1] > ids[b]; b--) {
			int64_t x = ids[b];

			ids[b] = ids[b - 1];
			ids[b - 1] = x;
		}
	for (i = 0; i < n; i++)
		snprintf(out + strlen(out), size - strlen(out), "%s%lld", i ? "," : "",
			 (long long)ids[i]);
	kh_perm_reach_release(&r);
}

/* ids NULL: the reach is everything. */
static void expect_owners(struct kh_ctx *ctx, const int64_t *ids, size_t n)
{
	char got[256], want[256] = "";

	if (!ids)
		snprintf(want, sizeof(want), "all");
	for (size_t i = 0; i < n; i++)
		snprintf(want + strlen(want), sizeof(want) - strlen(want), "%s%lld", i ? "," : "",
			 (long long)ids[i]);
	owners_of(ctx, got, sizeof(got));
	assert_string_equal(got, want);
}

/* A setting changed by the operator; the actor's next request (a context
 * that forgot what it kept) sees it. */
static void set_scope(struct tree *t, const char *key, const char *value)
{
	assert_int_equal(kh_settings_set(&t->sys, key, value, NULL), 0);
	kh_ctx_forget(&t->as);
}

static void each_kind_reaches_its_owners(void **state)
{
	struct tree *t = *state;
	char got[64];

	act_as(t, t->rep1);
	expect_owners(&t->as, (int64_t[]){t->rep1}, 1);
	act_as(t, t->lead); /* the default: department_and_below */
	expect_owners(&t->as, (int64_t[]){t->lead, t->rep1, t->rep2}, 3);
	set_scope(t, "scope.manager", "department");
	expect_owners(&t->as, (int64_t[]){t->lead, t->rep2}, 2);
	set_scope(t, "scope.manager", "own_and_subordinates");
	expect_owners(&t->as, (int64_t[]){t->lead, t->rep1, t->rep2}, 3);
	set_scope(t, "scope.manager", "own");
	expect_owners(&t->as, (int64_t[]){t->lead}, 1);
	set_scope(t, "scope.manager", "all");
	owners_of(&t->as, got, sizeof(got));
	assert_string_equal(got, "all");
}

static void the_reach_is_worked_out_once_per_request(void **state)
{
	struct tree *t = *state;
	struct kh_perm_reach a, b;

	act_as(t, t->lead);
	assert_int_equal(kh_perm_reach_init(&t->as, &a, NULL), 0);
	assert_int_equal(kh_perm_reach_init(&t->as, &b, NULL), 0);
	assert_ptr_equal(a.owners, b.owners); /* the memo's, not worked out again */
	assert_ptr_equal(b.scope.owner_ids, b.owners);
	kh_perm_reach_release(&a);
	/* b still holds its own reference after a's release */
	assert_int_equal(json_array_size(b.owners), 3);
	kh_perm_reach_release(&b);
}

/* An admin whose scope is their department and below, in 华东: the reach
 * that admin's own changes alter must be worked out again. */
static int64_t east_admin(struct tree *t)
{
	int64_t id = user(t, "admin", "admin", t->east);

	act_as(t, id);
	expect_owners(&t->as, NULL, 0);
	/* the admin's own change drops what the admin's context kept */
	assert_int_equal(kh_settings_set(&t->as, "scope.admin", "department_and_below", NULL), 0);
	return id;
}

static void a_team_move_drops_the_memo(void **state)
{
	struct tree *t = *state;
	json_t *move = json_pack("{s:I}", "parent", (json_int_t)t->top);
	int64_t admin = east_admin(t);

	expect_owners(&t->as, (int64_t[]){t->lead, t->rep1, t->rep2, admin}, 4);
	/* 上海 moves out from under 华东 */
	assert_int_equal(kh_team_update(&t->as, t->shanghai, move, NULL), 0);
	expect_owners(&t->as, (int64_t[]){t->lead, t->rep2, admin}, 3);
	json_decref(move);
}

static void a_user_change_and_a_new_actor_drop_the_memo(void **state)
{
	struct tree *t = *state;
	json_t *to_top = json_pack("{s:I}", "team", (json_int_t)t->top);
	int64_t admin = east_admin(t);

	expect_owners(&t->as, (int64_t[]){t->lead, t->rep1, t->rep2, admin}, 4);
	/* rep2 leaves 华东 for the top team, out of the admin's scope */
	assert_int_equal(kh_user_update(&t->as, t->rep2, to_top, NULL), 0);
	expect_owners(&t->as, (int64_t[]){t->lead, t->rep1, admin}, 3);
	act_as(t, t->rep1);
	expect_owners(&t->as, (int64_t[]){t->rep1}, 1);
	json_decref(to_top);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(each_kind_reaches_its_owners, setup, teardown),
		cmocka_unit_test_setup_teardown(the_reach_is_worked_out_once_per_request, setup,
						teardown),
		cmocka_unit_test_setup_teardown(a_team_move_drops_the_memo, setup, teardown),
		cmocka_unit_test_setup_teardown(a_user_change_and_a_new_actor_drop_the_memo, setup,
						teardown),
	};
	return cmocka_run_group_tests_name("permission", tests, NULL, NULL);
}
