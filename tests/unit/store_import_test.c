/* store_import_test.c: what imports ask of the store: a savepoint inside a
 * transaction undoes only what came after it, even when the code inside calls
 * kh_store_rollback; staged search keys reach search_keys sorted, only at a
 * flush, and an object changed while its keys wait keeps no stale key. */
#include "test.h"

#include <string.h>

#include "store/io/imports.h"
#include "store/store.h"
#include "tmpdb.h"

static char path[64];

static int open_fresh(void **state)
{
	*state = kh_test_tmpdb_open(path, sizeof(path), "import");
	assert_non_null(*state);
	return 0;
}

static int close_and_remove(void **state)
{
	kh_test_tmpdb_remove(*state, path);
	return 0;
}

static int64_t scalar(struct kh_store *st, const char *sql)
{
	sqlite3_stmt *s = kh_store_stmt_dyn(st, sql, NULL);
	int64_t v = -1;

	assert_non_null(s);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return v;
}

static void add_customer(struct kh_store *st, const char *name, int64_t *id)
{
	json_t *row = json_pack("{s:s, s:s, s:s}", "name", name, "created_at", "2026-01-01",
				"updated_at", "2026-01-01");

	assert_int_equal(kh_store_insert(st, "customers", row, id, NULL), 0);
	json_decref(row);
}

static void a_rollback_inside_a_savepoint_keeps_the_transaction(void **state)
{
	struct kh_store *st = *state;
	int64_t id;

	assert_int_equal(kh_store_begin(st, NULL), 0);
	add_customer(st, "kept", &id);
	assert_int_equal(kh_store_savepoint(st, NULL), 0);
	/* what a service call does when a row is refused half-way */
	assert_int_equal(kh_store_begin(st, NULL), 0);
	add_customer(st, "undone", &id);
	kh_store_rollback(st);
	assert_int_equal(kh_store_savepoint_end(st, true, NULL), 0);
	assert_int_equal(kh_store_savepoint(st, NULL), 0);
	add_customer(st, "also kept", &id);
	assert_int_equal(kh_store_savepoint_end(st, false, NULL), 0);
	assert_int_equal(kh_store_commit(st, NULL), 0);
	assert_int_equal(scalar(st, "SELECT count(*) FROM customers"), 2);
	assert_int_equal(scalar(st, "SELECT count(*) FROM customers WHERE name = 'undone'"), 0);
	/* outside a savepoint, rollback is the whole transaction's again */
	assert_int_equal(kh_store_begin(st, NULL), 0);
	add_customer(st, "gone", &id);
	kh_store_rollback(st);
	assert_int_equal(scalar(st, "SELECT count(*) FROM customers"), 2);
	assert_int_not_equal(kh_store_savepoint(st, NULL), 0); /* no transaction */
}

static void staged_keys_arrive_at_the_flush(void **state)
{
	struct kh_store *st = *state;
	const char *keys[] = {"zeta", "alpha", "mid\"quote"}, *renamed[] = {"beta"};
	int64_t id;

	assert_int_equal(kh_store_search_stage(st, NULL), 0);
	assert_int_equal(kh_store_begin(st, NULL), 0);
	add_customer(st, "x", &id);
	assert_int_equal(kh_store_search_replace(st, KH_SEARCH_CUSTOMER, id, NULL, 0, keys, 3,
						 NULL), 0);
	assert_int_equal(scalar(st, "SELECT count(*) FROM search_keys"), 0);
	/* a change of the object flushes first, so its old keys can go */
	assert_int_equal(kh_store_search_replace(st, KH_SEARCH_CUSTOMER, id, keys, 3, renamed, 1,
						 NULL), 0);
	assert_int_equal(kh_store_search_stage_flush(st, NULL), 0);
	assert_int_equal(kh_store_commit(st, NULL), 0);
	assert_int_equal(kh_store_search_stage_end(st, true, NULL), 0);
	assert_int_equal(scalar(st, "SELECT count(*) FROM search_keys"), 1);
	assert_int_equal(scalar(st, "SELECT count(*) FROM search_keys WHERE key = 'beta'"), 1);
}

/* The waiting keys follow the transaction: a row undone to its savepoint
 * takes its keys with it, a flush inside a savepoint that is then undone
 * leaves the earlier keys waiting (not lost), a commit writes what waits,
 * and a rollback of the whole transaction drops it. */
static void staged_keys_follow_savepoints_and_rollbacks(void **state)
{
	struct kh_store *st = *state;
	const char *a[] = {"apple"}, *b[] = {"banana"}, *c[] = {"cherry"}, *c2[] = {"cranberry"};
	int64_t ida, idb, idc, idd;

	assert_int_equal(kh_store_search_stage(st, NULL), 0);
	assert_int_equal(kh_store_begin(st, NULL), 0);
	add_customer(st, "a", &ida);
	assert_int_equal(kh_store_search_replace(st, KH_SEARCH_CUSTOMER, ida, NULL, 0, a, 1,
						 NULL), 0);
	/* a refused row: its keys go with it */
	assert_int_equal(kh_store_savepoint(st, NULL), 0);
	add_customer(st, "b", &idb);
	assert_int_equal(kh_store_search_replace(st, KH_SEARCH_CUSTOMER, idb, NULL, 0, b, 1,
						 NULL), 0);
	assert_int_equal(kh_store_savepoint_end(st, true, NULL), 0);
	/* a row that changes a waiting object flushes inside its savepoint, then
	 * is refused: "apple" must wait again, not be lost with the undo */
	assert_int_equal(kh_store_savepoint(st, NULL), 0);
	assert_int_equal(kh_store_search_replace(st, KH_SEARCH_CUSTOMER, ida, a, 1, c, 1, NULL), 0);
	assert_int_equal(scalar(st, "SELECT count(*) FROM search_keys WHERE key = 'cherry'"), 1);
	assert_int_equal(kh_store_savepoint_end(st, true, NULL), 0);
	assert_int_equal(scalar(st, "SELECT count(*) FROM search_keys"), 0);
	/* the same change accepted: written once, and kept written */
	assert_int_equal(kh_store_savepoint(st, NULL), 0);
	assert_int_equal(kh_store_search_replace(st, KH_SEARCH_CUSTOMER, ida, a, 1, c, 1, NULL), 0);
	assert_int_equal(kh_store_savepoint_end(st, false, NULL), 0);
	add_customer(st, "d", &idd);
	assert_int_equal(kh_store_search_replace(st, KH_SEARCH_CUSTOMER, idd, NULL, 0, c2, 1,
						 NULL), 0);
	/* the commit writes what still waits */
	assert_int_equal(kh_store_commit(st, NULL), 0);
	assert_int_equal(scalar(st, "SELECT count(*) FROM search_keys"), 2);
	assert_int_equal(scalar(st, "SELECT count(*) FROM search_keys WHERE key = 'cherry'"
				    " OR key = 'cranberry'"), 2);
	/* a whole transaction rolled back: nothing of it is written later */
	assert_int_equal(kh_store_begin(st, NULL), 0);
	add_customer(st, "c", &idc);
	assert_int_equal(kh_store_search_replace(st, KH_SEARCH_CUSTOMER, idc, NULL, 0, b, 1,
						 NULL), 0);
	kh_store_rollback(st);
	assert_int_equal(kh_store_begin(st, NULL), 0);
	assert_int_equal(kh_store_commit(st, NULL), 0);
	assert_int_equal(kh_store_search_stage_end(st, true, NULL), 0);
	assert_int_equal(scalar(st, "SELECT count(*) FROM search_keys"), 2);
	assert_int_equal(scalar(st, "SELECT count(*) FROM search_keys WHERE key = 'banana'"), 0);
}

static void find_counts_up_to_two(void **state)
{
	struct kh_store *st = *state;
	int64_t a, b, id;
	int n;

	add_customer(st, "same", &a);
	assert_int_equal(kh_store_import_find(st, "customers", "name", "same", 0, &id, &n, NULL), 0);
	assert_int_equal(n, 1);
	assert_int_equal(id, a);
	add_customer(st, "same", &b);
	assert_int_equal(kh_store_import_find(st, "customers", "name", "same", 0, &id, &n, NULL), 0);
	assert_int_equal(n, 2);
	assert_int_equal(kh_store_import_find(st, "customers", "name", "none", 0, &id, &n, NULL), 0);
	assert_int_equal(n, 0);
	assert_int_not_equal(kh_store_import_find(st, "customers; --", "name", "x", 0, &id, &n,
						  NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_rollback_inside_a_savepoint_keeps_the_transaction,
						open_fresh, close_and_remove),
		cmocka_unit_test_setup_teardown(staged_keys_follow_savepoints_and_rollbacks,
						open_fresh, close_and_remove),
		cmocka_unit_test_setup_teardown(staged_keys_arrive_at_the_flush, open_fresh,
						close_and_remove),
		cmocka_unit_test_setup_teardown(find_counts_up_to_two, open_fresh, close_and_remove),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
