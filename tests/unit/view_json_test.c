/* view_json_test.c: the hot paths of the 360-degree view, the phone lookup
 * (service/customers/view_json.c) and search (kh_search_json) answer what the
 * generic paths answer: for
 * every number of a demo database and for the system, an admin, a manager
 * and sales reps, the two answers parse to equal JSON, masked fields
 * included: a field the fast path dropped or a hidden field it let through
 * makes them differ. Edge values are planted first: shares at each access,
 * competitors (level 2), NULL money, damaged text, custom JSON, escapes. */
#include "test.h"

#include <sqlite3.h>
#include <string.h>

#include "service/analysis/analyze.h"
#include "service/accounts/auth.h"
#include "service/demo/demo.h"
#include "service/entity.h"
#include "service/customers/lookup.h"
#include "service/customers/ownership.h"
#include "service/customers/search.h"
#include "tmpdb.h"

#define CUSTOMERS 150
#define LONG_NAME "欧阳春花秋月夏雨冬雪东南西北中发白红绿蓝紫"

static char path[128];
static struct kh_store *st;

/* Values the presenters must get right, written around the generic API. */
static void plant_edge_values(struct kh_ctx *sys)
{
	sqlite3 *db;
	json_t *in;
	int64_t id;

	in = json_pack("{s:I, s:s, s:s, s:s}", "customer", (json_int_t)3, "brand", "对手 \"A\"",
		       "status", "using", "their_sales", "12.5");
	assert_int_equal(kh_entity_create(sys, &kh_competitor_entity, in, &id, NULL), 0);
	json_decref(in);
	/* A name longer than the indexed key: a cut query is re-checked. */
	in = json_pack("{s:I, s:s}", "customer", (json_int_t)9, "name", LONG_NAME);
	assert_int_equal(kh_entity_create(sys, &kh_contact_entity, in, &id, NULL), 0);
	json_decref(in);
	in = json_pack("{s:s, s:s, s:{s:[i,s], s:{s:b}}}", "purchase_budget", "88000.10",
		       "decision_maker_background", "line one\nline\ttwo \\ \"quoted\"",
		       "custom", "tags", 1, "x/y", "nested", "ok", 1);
	assert_int_equal(kh_entity_update(sys, &kh_customer_entity, 3, in, NULL), 0);
	json_decref(in);
	/* Written outside kehu: invalid UTF-8, a control byte, a real where an
	 * integer belongs, a NULL money column and custom text that is no JSON. */
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
		"UPDATE customers SET history = CAST(x'e4b8ade696876e6f74ff0175' AS TEXT),"
		" employees = 12.75, purchase_budget_fen = NULL, custom = 'not json'"
		" WHERE id = 5;"
		"UPDATE contacts SET notes = 'ctl' || char(7) || 'end', custom = '[1,2]'"
		" WHERE customer_id = 5;"
		"UPDATE order_lines SET cost_fen = NULL WHERE order_id IN"
		" (SELECT id FROM orders WHERE customer_id = 5);"
		/* More activities than a view shows, some deleted: the count. */
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 70)"
		" INSERT INTO activities(customer_id, kind, activity_date, status, subject,"
		" created_at, updated_at, deleted_at)"
		" SELECT 7, 'call', date('2026-01-01', '+' || (i % 40) || ' days'), 'done',"
		" 'call ' || i, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z',"
		" CASE WHEN i % 9 = 0 THEN '2026-02-01T00:00:00Z' END FROM n",
		NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static int setup(void **state)
{
	struct kh_ctx sys;
	struct kh_demo_stats stats;
	json_t *summary = NULL;

	st = kh_test_tmpdb_open(path, sizeof(path), "viewjson");
	assert_non_null(st);
	kh_ctx_init_system(&sys, st);
	assert_int_equal(kh_demo_generate(&sys, CUSTOMERS, 11, NULL, NULL, &stats, NULL), 0);
	assert_int_equal(kh_analyze_run(&sys, NULL, NULL, &summary, NULL), 0);
	json_decref(summary);
	plant_edge_values(&sys);
	return 0;
}

static int teardown(void **state)
{
	kh_test_tmpdb_remove(st, path);
	return 0;
}

/* The generic answer (rc and JSON) beside the fast one's. */
static json_t *fast_answer(int rc, struct kh_strbuf *text)
{
	json_error_t e;
	json_t *v = rc ? NULL : json_loadb(text->buf, text->len, 0, &e);

	if (rc == 0 && !v)
		fail_msg("the fast path wrote no JSON: %s in %.200s", e.text, text->buf);
	return v;
}

static void expect_same(int rc_generic, json_t *generic, int rc_fast, json_t *fast,
			const char *what)
{
	if (rc_generic != rc_fast)
		fail_msg("%s: generic rc %d, fast rc %d", what, rc_generic, rc_fast);
	if (rc_generic == 0 && !json_equal(generic, fast)) {
		char *a = json_dumps(generic, JSON_COMPACT | JSON_SORT_KEYS);
		char *b = json_dumps(fast, JSON_COMPACT | JSON_SORT_KEYS);

		fail_msg("%s differs:\ngeneric %.2000s\nfast    %.2000s", what, a, b);
	}
}

/* How many views each level was seen at: the masking must be exercised. */
static int seen_level[4];

static void note_level(json_t *view)
{
	json_t *c = json_object_get(view, "customer");

	if (!c)
		return;
	if (json_object_get(c, "decision_maker_background"))
		seen_level[3]++;
	else if (json_object_get(c, "project_schedule") || json_object_get(view, "competitors"))
		seen_level[2]++;
	else
		seen_level[1]++;
}

static void compare_lookup(struct kh_ctx *ctx, const char *number)
{
	struct kh_strbuf text;
	json_t *generic = NULL, *fast;
	int rg = kh_lookup_phone(ctx, number, &generic, NULL), rf;
	char what[128];

	kh_strbuf_init(&text, 0);
	rf = kh_lookup_phone_json(ctx, number, &text, NULL);
	fast = fast_answer(rf, &text);
	snprintf(what, sizeof(what), "lookup %.40s as user %lld", number,
		 (long long)ctx->actor.user_id);
	expect_same(rg, generic, rf, fast, what);
	if (rg == 0)
		note_level(generic);
	json_decref(generic);
	json_decref(fast);
	kh_strbuf_release(&text);
}

static void compare_view(struct kh_ctx *ctx, int64_t id)
{
	struct kh_strbuf text;
	json_t *generic = NULL, *fast;
	int rg = kh_customer_view(ctx, id, &generic, NULL), rf;
	char what[128];

	kh_strbuf_init(&text, 0);
	rf = kh_customer_view_json(ctx, id, &text, NULL);
	fast = fast_answer(rf, &text);
	snprintf(what, sizeof(what), "view %lld as user %lld", (long long)id,
		 (long long)ctx->actor.user_id);
	expect_same(rg, generic, rf, fast, what);
	if (rg == 0)
		note_level(generic);
	json_decref(generic);
	json_decref(fast);
	kh_strbuf_release(&text);
}

/* The numbers to look up, as people type them, and one nobody has. */
static size_t numbers(char (*out)[40], size_t max)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	size_t n = 0;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT number FROM phones ORDER BY number",
					    -1, &s, NULL), SQLITE_OK);
	while (n < max - 1 && sqlite3_step(s) == SQLITE_ROW)
		snprintf(out[n], 40, n % 3 ? "%s" : "+86 %s", sqlite3_column_text(s, 0)), n++;
	sqlite3_finalize(s);
	sqlite3_close(db);
	snprintf(out[n++], 40, "13000000000");
	return n;
}

/* Users 1 (admin), 2 (a manager) and reps of two teams, then the system;
 * rep 3 also gets a read share and rep 4 a write share of another's
 * customer, so some views are at level 1 and 2 for a rep. */
static void as_every_role(void (*each)(struct kh_ctx *ctx, void *arg), void *arg)
{
	static const int64_t users[] = {1, 2, 3, 4, 7, 0};
	struct kh_ctx ctx;

	for (size_t i = 0; i < sizeof(users) / sizeof(users[0]); i++) {
		kh_ctx_init_system(&ctx, st);
		if (users[i])
			assert_int_equal(kh_auth_actor_load(&ctx, users[i], NULL), 0);
		each(&ctx, arg);
		kh_ctx_release(&ctx);
	}
}

static void share_some(void)
{
	struct kh_ctx sys;
	int shared = 0;

	/* Pool customers and a rep's own refuse a share: count the others. */
	kh_ctx_init_system(&sys, st);
	for (int64_t id = 1; id <= 60; id += 3) {
		shared += kh_customer_share(&sys, id, 3, "read", NULL) == 0;
		shared += kh_customer_share(&sys, id + 1, 4, "write", NULL) == 0;
	}
	assert_true(shared > 10);
}

static void lookups_of(struct kh_ctx *ctx, void *arg)
{
	static char nums[2000][40];
	size_t n = numbers(nums, sizeof(nums) / sizeof(nums[0]));

	for (size_t i = 0; i < n; i++)
		compare_lookup(ctx, nums[i]);
}

static void views_of(struct kh_ctx *ctx, void *arg)
{
	for (int64_t id = 0; id <= CUSTOMERS + 1; id++)
		compare_view(ctx, id);
}

static void lookups_equal_generic(void **state)
{
	share_some();
	memset(seen_level, 0, sizeof(seen_level));
	as_every_role(lookups_of, NULL);
	assert_true(seen_level[1] > 0);
	assert_true(seen_level[2] > 0);
	assert_true(seen_level[3] > 0);
}

static void views_equal_generic(void **state)
{
	memset(seen_level, 0, sizeof(seen_level));
	as_every_role(views_of, NULL);
	assert_true(seen_level[1] > 0);
	assert_true(seen_level[3] > 0);
}

static void compare_search(struct kh_ctx *ctx, const char *q, int limit)
{
	struct kh_strbuf text;
	json_t *generic = NULL, *fast;
	int rg = kh_search(ctx, q, limit, &generic, NULL), rf;
	char what[160];

	kh_strbuf_init(&text, 0);
	rf = kh_search_json(ctx, q, limit, &text, NULL);
	fast = fast_answer(rf, &text);
	snprintf(what, sizeof(what), "search %.80s limit %d as user %lld", q, limit,
		 (long long)ctx->actor.user_id);
	expect_same(rg, generic, rf, fast, what);
	json_decref(generic);
	json_decref(fast);
	kh_strbuf_release(&text);
}

/* Queries: the first one and two characters of every name, digits of
 * numbers, a name cut past the indexed length, and bad input. */
static void searches_of(struct kh_ctx *ctx, void *arg)
{
	static const char *const fixed[] = {
		"", "  ", "\xff\xfe", "zh", "wang", "li", "5678", "+86 138", "有限公司",
		"北京北京北京北京北京北京北京北京北京北京北京北京北京北京北京北京北京",
		LONG_NAME, "欧阳春花秋月夏雨冬雪东南西北中发白红绿啊啊",
	};
	static const int limits[] = {1, 7, 20, 200};
	sqlite3 *db;
	sqlite3_stmt *s;
	int i = 0;

	for (size_t k = 0; k < sizeof(fixed) / sizeof(fixed[0]); k++)
		for (size_t l = 0; l < 4; l++)
			compare_search(ctx, fixed[k], limits[l]);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db,
		"SELECT DISTINCT substr(name, 1, n) FROM (SELECT name FROM customers"
		" UNION ALL SELECT name FROM contacts), (SELECT 1 AS n UNION SELECT 2)"
		" UNION SELECT substr(number, -4) FROM phones LIMIT 300", -1, &s, NULL), SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW)
		compare_search(ctx, (const char *)sqlite3_column_text(s, 0), limits[i++ % 4]);
	sqlite3_finalize(s);
	sqlite3_close(db);
}

static void searches_equal_generic(void **state)
{
	as_every_role(searches_of, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lookups_equal_generic),
		cmocka_unit_test(views_equal_generic),
		cmocka_unit_test(searches_equal_generic),
	};
	return cmocka_run_group_tests_name("view_json", tests, setup, teardown);
}
