/* plan.h: EXPLAIN QUERY PLAN for the plan tests, on a store's connection. */
#ifndef KH_TEST_PLAN_H
#define KH_TEST_PLAN_H

#include <sqlite3.h>

#include "base/strbuf.h"
#include "store/store.h"

static inline sqlite3 *kh_test_db_of(struct kh_store *st)
{
	sqlite3_stmt *s = kh_store_stmt_dyn(st, "SELECT 1", NULL);

	assert_non_null(s);
	return sqlite3_db_handle(s);
}

/* The plan's lines (the detail column), one per line, into plan. */
static inline void kh_test_plan_of(sqlite3 *db, const char *sql, struct kh_strbuf *plan)
{
	struct kh_strbuf text;
	sqlite3_stmt *s = NULL;

	kh_strbuf_init(&text, 0);
	kh_strbuf_adds(&text, "EXPLAIN QUERY PLAN ");
	kh_strbuf_adds(&text, sql);
	if (sqlite3_prepare_v2(db, text.buf, -1, &s, NULL) != SQLITE_OK)
		fail_msg("cannot prepare %s: %s", sql, sqlite3_errmsg(db));
	kh_strbuf_reset(plan);
	while (sqlite3_step(s) == SQLITE_ROW) {
		kh_strbuf_adds(plan, (const char *)sqlite3_column_text(s, 3));
		kh_strbuf_addch(plan, '\n');
	}
	sqlite3_finalize(s);
	kh_strbuf_release(&text);
}

#endif
