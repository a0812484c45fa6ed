/* analysis_plan_test.c: the scans behind one customer's refresh (every
 * order, activity or payment written runs them) search that customer's
 * rows by index. Without statistics SQLite may prefer another index that
 * matches a constant — the stage index for "lost", 58,000 rows at a million
 * customers, read on every write — so each plan must name the customer. */
#include "test.h"

#include <string.h>

#include "store/analysis/analysis.h"
#include "plan.h"
#include "tmpdb.h"

static char path[64];

static int open_fresh(void **state)
{
	*state = kh_test_tmpdb_open(path, sizeof(path), "analysis-plan");
	return *state ? 0 : -1;
}

static int close_and_remove(void **state)
{
	kh_test_tmpdb_remove(*state, path);
	return 0;
}

static void each_one_customer_scan_searches_by_customer(void **state)
{
	sqlite3 *db = kh_test_db_of(*state);
	struct kh_strbuf plan;
	const char *sql;
	size_t i;

	kh_strbuf_init(&plan, 0);
	for (i = 0; (sql = kh_store_analysis_one_sql(i)); i++) {
		kh_test_plan_of(db, sql, &plan);
		if (!strstr(plan.buf, "(customer_id=?)") && !strstr(plan.buf, "(rowid=?)"))
			fail_msg("the scan\n  %s\nis not searched by its customer:\n%s", sql, plan.buf);
		if (strstr(plan.buf, "SCAN "))
			fail_msg("the scan\n  %s\nscans a table:\n%s", sql, plan.buf);
	}
	/* customers, orders, activities, open and lost deals, payments, mail */
	assert_int_equal(i, 7);
	kh_strbuf_release(&plan);
}

/* The scans of a whole run read each table in its own order, never an
 * index's rows looked up one by one in the table (a random read per row). */
static void each_full_scan_reads_its_table_in_order(void **state)
{
	sqlite3 *db = kh_test_db_of(*state);
	struct kh_strbuf plan;
	const char *sql;
	size_t i;

	kh_strbuf_init(&plan, 0);
	for (i = 0; (sql = kh_store_analysis_all_sql(i)); i++) {
		kh_test_plan_of(db, sql, &plan);
		if (strstr(plan.buf, "SCAN ") && strstr(plan.buf, "USING INDEX"))
			fail_msg("the scan\n  %s\nwalks an index:\n%s", sql, plan.buf);
		if (!strstr(plan.buf, "SCAN ") && !strstr(plan.buf, "SEARCH opportunities"))
			fail_msg("the scan\n  %s\nreads no table:\n%s", sql, plan.buf);
	}
	assert_int_equal(i, 7);
	kh_strbuf_release(&plan);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(each_one_customer_scan_searches_by_customer,
						open_fresh, close_and_remove),
		cmocka_unit_test_setup_teardown(each_full_scan_reads_its_table_in_order,
						open_fresh, close_and_remove),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
