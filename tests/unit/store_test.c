/* store_test.c: migrations, generic rows, transactions, indexes, on a real SQLite file. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"

static char path[64];

static int open_fresh(void **state)
{
	struct kh_store *st = NULL;
	struct kh_error err = {0};
	int fd;

	snprintf(path, sizeof(path), "/tmp/kehu-store-test-XXXXXX");
	fd = mkstemp(path);
	close(fd);
	unlink(path);
	assert_int_equal(kh_store_open(path, &st, &err), 0);
	*state = st;
	return 0;
}

static int close_and_remove(void **state)
{
	char wal[80];

	kh_store_free(*state);
	unlink(path);
	snprintf(wal, sizeof(wal), "%s-wal", path);
	unlink(wal);
	snprintf(wal, sizeof(wal), "%s-shm", path);
	unlink(wal);
	return 0;
}

static void migrated_to_latest(void **state)
{
	struct kh_store *st = *state, *again = NULL;

	assert_int_equal(kh_store_schema_version(st), kh_store_latest_version());
	/* Opening again is a no-op migration. */
	assert_int_equal(kh_store_open(path, &again, NULL), 0);
	assert_int_equal(kh_store_schema_version(again), kh_store_latest_version());
	kh_store_free(again);
}

static void insert_get_update(void **state)
{
	struct kh_store *st = *state;
	json_t *row = NULL, *v = json_pack("{s:s, s:I}", "name", "张三'; DROP TABLE x;--",
					   "purchase_budget_fen", (json_int_t)123456);
	int64_t id = 0;
	struct kh_error err = {0};

	assert_int_equal(kh_store_insert(st, "customers", v, &id, &err), 0);
	assert_true(id > 0);
	assert_int_equal(kh_store_get(st, "customers", id, &row, &err), 0);
	assert_string_equal(json_string_value(json_object_get(row, "name")),
			    "张三'; DROP TABLE x;--");
	assert_int_equal(json_integer_value(json_object_get(row, "purchase_budget_fen")), 123456);
	assert_true(json_is_object(json_object_get(row, "custom")));
	json_decref(row);
	json_decref(v);
	v = json_pack("{s:s}", "region", "上海");
	assert_int_equal(kh_store_update(st, "customers", id, v, &err), 0);
	assert_int_equal(kh_store_update(st, "customers", id + 100, v, &err), KH_ENOTFOUND);
	json_decref(v);
	assert_int_equal(kh_store_get(st, "customers", id + 100, &row, &err), KH_ENOTFOUND);
}

static void rollback_discards(void **state)
{
	struct kh_store *st = *state;
	struct kh_store_query q = {.table = "customers", .limit = 10};
	json_t *rows = NULL, *v = json_pack("{s:s}", "name", "gone");
	int64_t id, total = -1;

	assert_int_equal(kh_store_begin(st, NULL), 0);
	assert_int_equal(kh_store_begin(st, NULL), 0); /* nested */
	assert_int_equal(kh_store_insert(st, "customers", v, &id, NULL), 0);
	assert_int_equal(kh_store_commit(st, NULL), 0); /* inner: nothing yet */
	kh_store_rollback(st);
	json_decref(v);
	assert_int_equal(kh_store_list(st, &q, &rows, &total, NULL), 0);
	assert_int_equal(total, 0);
	json_decref(rows);
}

static void foreign_keys_enforced(void **state)
{
	struct kh_store *st = *state;
	json_t *v = json_pack("{s:I, s:s}", "customer_id", (json_int_t)999, "name", "x");
	struct kh_error err = {0};
	int64_t id;

	assert_int_equal(kh_store_insert(st, "contacts", v, &id, &err), KH_EINVAL);
	json_decref(v);
}

static void list_filters_and_pages(void **state)
{
	struct kh_store *st = *state;
	json_t *rows = NULL, *seg = json_string("finance");
	struct kh_store_filter f = {"segment", "=", seg};
	struct kh_store_query q = {.table = "customers", .filters = &f, .nfilters = 1,
				   .sort = "name", .descending = true, .limit = 2, .offset = 1};
	int64_t id, total = 0;

	for (int i = 0; i < 5; i++) {
		char name[8];
		json_t *v;

		snprintf(name, sizeof(name), "c%d", i);
		v = json_pack("{s:s, s:s}", "name", name, "segment", i % 2 ? "finance" : "education");
		assert_int_equal(kh_store_insert(st, "customers", v, &id, NULL), 0);
		json_decref(v);
	}
	assert_int_equal(kh_store_list(st, &q, &rows, &total, NULL), 0);
	assert_int_equal(total, 2);
	assert_int_equal(json_array_size(rows), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(rows, 0), "name")),
			    "c1");
	json_decref(rows);
	json_decref(seg);
}

static void phone_and_search_index(void **state)
{
	struct kh_store *st = *state;
	json_t *v = json_pack("{s:s}", "name", "x");
	const char *nums[] = {"13812345678"}, *keys[] = {"zhangsan", "san", "zs"};
	int64_t id, ids[8], total = -1;
	int kinds[8];
	size_t n = 0;
	struct kh_phone_match m[2];

	assert_int_equal(kh_store_insert(st, "customers", v, &id, NULL), 0);
	json_decref(v);
	assert_int_equal(kh_store_phone_replace(st, id, 0, nums, 1, NULL), 0);
	assert_int_equal(kh_store_phone_matches(st, "13812345678", NULL, 2, m, &n, &total, NULL), 0);
	assert_int_equal(n, 1);
	assert_int_equal(total, 1);
	assert_int_equal(m[0].customer_id, id);
	assert_int_equal(m[0].contact_id, 0);
	assert_string_equal(m[0].name, "x");
	assert_int_equal(kh_store_phone_matches(st, "13812345679", NULL, 2, m, &n, &total, NULL), 0);
	assert_int_equal(n, 0);
	assert_int_equal(total, 0);
	assert_int_equal(kh_store_search_replace(st, 1, id, NULL, 0, keys, 3, NULL), 0);
	assert_int_equal(kh_store_search_prefix(st, "zh", 8, NULL, kinds, ids, &n, NULL), 0);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], id);
	assert_int_equal(kh_store_search_prefix(st, "zz", 8, NULL, kinds, ids, &n, NULL), 0);
	assert_int_equal(n, 0);
	/* Replacing drops the old keys. */
	assert_int_equal(kh_store_search_replace(st, 1, id, keys, 3, keys + 2, 1, NULL), 0);
	assert_int_equal(kh_store_search_prefix(st, "zh", 8, NULL, kinds, ids, &n, NULL), 0);
	assert_int_equal(n, 0);
}

static void settings_roundtrip(void **state)
{
	struct kh_store *st = *state;
	char *v = NULL;

	assert_int_equal(kh_store_setting_get(st, "abc.a_share", &v, NULL), 0);
	assert_string_equal(v, "0.50");
	free(v);
	assert_int_equal(kh_store_setting_set(st, "abc.a_share", "0.6", NULL), 0);
	assert_int_equal(kh_store_setting_get(st, "abc.a_share", &v, NULL), 0);
	assert_string_equal(v, "0.6");
	free(v);
	assert_int_equal(kh_store_setting_set(st, "nope", "1", NULL), KH_ENOTFOUND);
}

/* The statements the connection holds whose SQL is text (0 or 1). */
static int held(sqlite3 *db, const char *text)
{
	int n = 0;

	for (sqlite3_stmt *s = sqlite3_next_stmt(db, NULL); s; s = sqlite3_next_stmt(db, s))
		n += text ? strcmp(sqlite3_sql(s), text) == 0 : 1;
	return n;
}

static const char *dyn_sql(char *buf, size_t size, int i)
{
	snprintf(buf, size, "SELECT %d AS dyn", i);
	return buf;
}

/* Dynamic SQL is cached in a fixed number of slots: the least recently used
 * statement is finalized for a new one, a reused one stays. */
static void dynamic_statements_evicted_lru(void **state)
{
	struct kh_store *st = *state;
	char a[48], b[48];
	sqlite3_stmt *first = kh_store_stmt_dyn(st, dyn_sql(a, sizeof(a), 0), NULL);
	sqlite3 *db = sqlite3_db_handle(first);
	int before = held(db, NULL) - 1;

	for (int i = 1; i < KH_STORE_DYN_SLOTS; i++)
		assert_non_null(kh_store_stmt_dyn(st, dyn_sql(a, sizeof(a), i), NULL));
	assert_int_equal(held(db, NULL), before + KH_STORE_DYN_SLOTS);
	/* A hit: the same statement, nothing prepared, 0 becomes the newest. */
	assert_ptr_equal(kh_store_stmt_dyn(st, dyn_sql(a, sizeof(a), 0), NULL), first);
	assert_int_equal(held(db, NULL), before + KH_STORE_DYN_SLOTS);
	/* A new text evicts the least recently used, 1, and keeps 0. */
	assert_non_null(kh_store_stmt_dyn(st, dyn_sql(a, sizeof(a), KH_STORE_DYN_SLOTS), NULL));
	assert_int_equal(held(db, dyn_sql(a, sizeof(a), 0)), 1);
	assert_int_equal(held(db, dyn_sql(a, sizeof(a), 1)), 0);
	assert_int_equal(held(db, NULL), before + KH_STORE_DYN_SLOTS);
	/* Thousands of texts later the cache still holds its slots only, and
	 * an evicted text is prepared again and works. */
	for (int i = 0; i < 5000; i++)
		assert_non_null(kh_store_stmt_dyn(st, dyn_sql(a, sizeof(a), 1000 + i), NULL));
	assert_int_equal(held(db, NULL), before + KH_STORE_DYN_SLOTS);
	assert_int_equal(held(db, dyn_sql(b, sizeof(b), 5999)), 1);
	{
		sqlite3_stmt *s = kh_store_stmt_dyn(st, dyn_sql(a, sizeof(a), 1), NULL);

		assert_int_equal(sqlite3_step(s), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(s, 0), 1);
		sqlite3_reset(s);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(migrated_to_latest, open_fresh, close_and_remove),
		cmocka_unit_test_setup_teardown(insert_get_update, open_fresh, close_and_remove),
		cmocka_unit_test_setup_teardown(rollback_discards, open_fresh, close_and_remove),
		cmocka_unit_test_setup_teardown(foreign_keys_enforced, open_fresh, close_and_remove),
		cmocka_unit_test_setup_teardown(list_filters_and_pages, open_fresh, close_and_remove),
		cmocka_unit_test_setup_teardown(phone_and_search_index, open_fresh, close_and_remove),
		cmocka_unit_test_setup_teardown(settings_roundtrip, open_fresh, close_and_remove),
		cmocka_unit_test_setup_teardown(dynamic_statements_evicted_lru, open_fresh,
						close_and_remove),
	};
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
