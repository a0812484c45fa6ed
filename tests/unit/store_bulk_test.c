/* store_bulk_test.c: the bulk load of store/bulk.h on a real SQLite file: rows
 * refer to each other by position and get the ids they would get one by one,
 * also after another writer, and a load leaves the schema as it found it. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/bulk.h"
#include "store/store.h"

static char path[64];

static int open_fresh(void **state)
{
	struct kh_store *st = NULL;
	int fd;

	snprintf(path, sizeof(path), "/tmp/kehu-bulk-test-XXXXXX");
	fd = mkstemp(path);
	close(fd);
	unlink(path);
	assert_int_equal(kh_store_open(path, &st, NULL), 0);
	*state = st;
	return 0;
}

static int close_and_remove(void **state)
{
	char other[80];

	kh_store_free(*state);
	unlink(path);
	snprintf(other, sizeof(other), "%s-wal", path);
	unlink(other);
	snprintf(other, sizeof(other), "%s-shm", path);
	unlink(other);
	return 0;
}

static int64_t scalar(struct kh_store *st, const char *sql, int64_t arg)
{
	sqlite3_stmt *s = kh_store_stmt_dyn(st, sql, NULL);
	int64_t v = -1;

	assert_non_null(s);
	if (sqlite3_bind_parameter_count(s) > 0)
		sqlite3_bind_int64(s, 1, arg);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_type(s, 0) == SQLITE_NULL ? 0 : sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return v;
}

/* Every index and table definition, in one string (the caller frees it). */
static char *schema(struct kh_store *st)
{
	sqlite3_stmt *s = kh_store_stmt(st, "SELECT group_concat(name || ':' || sql, ';') FROM"
					    " (SELECT name, sql FROM sqlite_master"
					    " WHERE sql IS NOT NULL ORDER BY name)", NULL);
	char *out;

	assert_non_null(s);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	out = strdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_reset(s);
	return out;
}

static void positions_become_the_next_ids(void **state)
{
	struct kh_store *st = *state;
	struct kh_error err = {0};
	json_t *row = json_pack("{s:s}", "name", "已有客户");
	int64_t id = 0, kinds_id[4];
	int kinds[4];
	size_t n = 0;
	const struct kh_bulk_customer customers[2] = {
		{.name = "甲公司", .phone = "01088880001", .founded_on = 20000},
		{.name = "乙公司", .phone = "01088880002", .founded_on = 20001, .key_account = true},
	};
	const struct kh_bulk_contact contacts[2] = {
		{.customer = 1, .boss = -1, .name = "张三", .birthday = 9000},
		{.customer = 1, .boss = 0, .name = "李四", .birthday = 9001},
	};
	const struct kh_bulk_order orders[1] = {
		{.customer = 1, .order_date = 20500, .amount_fen = 300, .cost_fen = 200,
		 .status = "delivered"},
	};
	const struct kh_bulk_order_line lines[1] = {
		{.order = 0, .product_id = 0, .quantity = 3, .unit_price_fen = 100, .cost_fen = 200},
	};
	const struct kh_bulk_phone phones[1] = {{.customer = 1, .contact = 1, .number = "13900000001"}};
	const struct kh_bulk_search_key keys[1] = {
		{.key = "lisi", .len = 4, .kind = KH_SEARCH_CONTACT, .pos = 1},
	};
	const struct kh_bulk_batch batch = {
		.customers = customers, .ncustomers = 2, .contacts = contacts, .ncontacts = 2,
		.orders = orders, .norders = 1, .lines = lines, .nlines = 1, .phones = phones,
		.nphones = 1, .keys = keys, .nkeys = 1,
	};
	struct kh_store_bulk *bulk = NULL;

	/* Another writer got there first: the batch's ids follow its row. */
	assert_int_equal(kh_store_insert(st, "customers", row, &id, &err), 0);
	json_decref(row);
	assert_int_equal(id, 1);
	assert_int_equal(kh_store_bulk_start(st, &bulk, &err), 0);
	assert_int_equal(kh_store_begin(st, &err), 0);
	assert_int_equal(kh_store_bulk_insert(st, &batch, &err), 0);
	assert_int_equal(kh_store_commit(st, &err), 0);
	assert_int_equal(kh_store_bulk_finish(bulk, &err), 0);

	assert_int_equal(scalar(st, "SELECT count(*) FROM customers", 0), 3);
	assert_int_equal(scalar(st, "SELECT key_account FROM customers WHERE id = ?", 3), 1);
	assert_int_equal(scalar(st, "SELECT customer_id FROM contacts WHERE id = ?", 2), 3);
	assert_int_equal(scalar(st, "SELECT reports_to FROM contacts WHERE id = ?", 2), 1);
	assert_int_equal(scalar(st, "SELECT reports_to FROM contacts WHERE id = ?", 1), 0);
	assert_int_equal(scalar(st, "SELECT customer_id FROM orders WHERE id = ?", 1), 3);
	assert_int_equal(scalar(st, "SELECT amount_fen FROM order_lines WHERE order_id = ?", 1), 300);
	assert_int_equal(scalar(st, "SELECT contact_id FROM phones WHERE customer_id = ?", 3), 2);
	assert_int_equal(kh_store_search_prefix(st, "lis", 4, NULL, kinds, kinds_id, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(kinds[0], KH_SEARCH_CONTACT);
	assert_int_equal(kinds_id[0], 2);
}

static void a_load_leaves_the_schema_as_it_was(void **state)
{
	struct kh_store *st = *state;
	struct kh_store_bulk *bulk = NULL;
	char *before = schema(st), *during, *after;

	assert_int_equal(kh_store_bulk_start(st, &bulk, NULL), 0);
	during = schema(st);
	/* Rows enter orders_date in random order: built after the load. */
	assert_null(strstr(during, "orders_date:"));
	/* orders_customer grows at its end: kept. */
	assert_non_null(strstr(during, "orders_customer:"));
	assert_int_equal(scalar(st, "PRAGMA foreign_keys", 0), 0);
	assert_int_equal(kh_store_bulk_finish(bulk, NULL), 0);
	after = schema(st);
	assert_string_equal(after, before);
	assert_int_equal(scalar(st, "PRAGMA foreign_keys", 0), 1);
	assert_int_equal(scalar(st, "PRAGMA synchronous", 0), 2);
	free(before);
	free(during);
	free(after);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(positions_become_the_next_ids, open_fresh,
						close_and_remove),
		cmocka_unit_test_setup_teardown(a_load_leaves_the_schema_as_it_was, open_fresh,
						close_and_remove),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
