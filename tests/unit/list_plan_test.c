/*
 * list_plan_test.c: every documented filter and sort of every list is served
 * by an index. The documented ones are those the field registry marks
 * (KH_FIELD_FILTER, KH_FIELD_SORT in service/fields.c) and the customer
 * list's metrics filters, sorts and search; for each, the statements the
 * store prepares (kh_store_list_sql, the builder kh_store_list uses) are
 * run through EXPLAIN QUERY PLAN on a database with the real schema. A
 * filter must be a SEARCH of an index on its column, a sort must need no
 * temporary B-tree, and neither may scan the listed table (or the metrics)
 * without an index. Exceptions are listed below, each with its reason.
 */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "service/customer_list.h"
#include "service/entity.h"
#include "store/customers/pool.h"
#include "store/store.h"
#include "plan.h"
#include "tmpdb.h"

static char path[64];

static const struct kh_entity *const entities[] = {
	&kh_customer_entity, &kh_contact_entity,     &kh_product_entity,
	&kh_order_entity,    &kh_payment_entity,     &kh_activity_entity,
	&kh_opportunity_entity, &kh_task_entity,     &kh_important_date_entity,
	&kh_competitor_entity, &kh_lead_entity,     &kh_contract_entity,
	&kh_receivable_plan_entity, &kh_receivable_entity,
};

/* Documented, yet not served by an index: why. */
static const struct {
	const char *entity, *what; /* "filter=name" or "sort=name" */
	const char *reason;
} exceptions[] = {
#define UNANALYSED_LAST "a metrics sort puts the unanalysed last, across the LEFT JOIN"
	{"customer", "sort=revenue_12m", UNANALYSED_LAST},
	{"customer", "sort=profit_12m", UNANALYSED_LAST},
	{"customer", "sort=clv", UNANALYSED_LAST},
	{"customer", "sort=p_alive", UNANALYSED_LAST},
	{"customer", "sort=last_order", UNANALYSED_LAST},
	{"customer", "sort=last_contact", UNANALYSED_LAST},
};

static bool excepted(const struct kh_entity *e, const char *kind, const char *name)
{
	char what[80];

	snprintf(what, sizeof(what), "%s=%s", kind, name);
	for (size_t i = 0; i < sizeof(exceptions) / sizeof(exceptions[0]); i++)
		if (strcmp(exceptions[i].entity, e->name) == 0 && strcmp(exceptions[i].what, what) == 0)
			return true;
	return false;
}

static int open_fresh(void **state)
{
	*state = kh_test_tmpdb_open(path, sizeof(path), "plan-test");
	return *state ? 0 : -1;
}

static int close_and_remove(void **state)
{
	kh_test_tmpdb_remove(*state, path);
	return 0;
}

/* A line "SCAN t", "SCAN m", "SCAN c" or "SCAN ct" (with any_scan, also one
 * USING an index): the whole listed table (or the metrics, the customers a
 * scope looks up, the shares, or a whole index of them) read. */
static bool scans(const char *plan, bool any_scan)
{
	static const char *const big[] = {"SCAN t", "SCAN m", "SCAN c", "SCAN ct",
					   "SCAN list_counts"};

	for (const char *line = plan; *line; line = strchr(line, '\n') + 1) {
		size_t len = strcspn(line, "\n");
		bool hit = false;

		for (size_t i = 0; i < sizeof(big) / sizeof(big[0]); i++) {
			size_t n = strlen(big[i]);

			hit |= strncmp(line, big[i], n) == 0 && (len == n || line[n] == ' ');
		}
		if (hit) {
			char copy[200];

			snprintf(copy, sizeof(copy), "%.*s", (int)len, line);
			if (any_scan || !strstr(copy, " USING "))
				return true;
		}
	}
	return false;
}

/* Does a line search an index of alias (t or m) by column? */
static bool searches(const char *plan, const char *alias, const char *column)
{
	char head[16], key[80];

	snprintf(head, sizeof(head), "SEARCH %s ", alias);
	snprintf(key, sizeof(key), "(%s=", column);
	for (const char *line = plan; *line; line = strchr(line, '\n') + 1) {
		size_t len = strcspn(line, "\n");
		char copy[300];

		snprintf(copy, sizeof(copy), "%.*s", (int)len, line);
		if (strncmp(copy, head, strlen(head)) == 0 && strstr(copy, "INDEX") &&
		    strstr(copy, key))
			return true;
	}
	return false;
}

/* The scopes a list is checked in: an admin's (everything), a rep's (their
 * own customers, the pool and what is shared with them) and a manager's
 * (a team's owners, level 3 over them). */
enum who { ADMIN, REP, MANAGER };
static const char *const who_names[] = {"admin", "rep", "manager"};
#define NWHO 3

static json_t *rep_owners, *manager_owners, *teams;

static void scope_for(enum who who, struct kh_scope *scope)
{
	if (!rep_owners) {
		rep_owners = json_pack("[i]", 3);
		manager_owners = json_pack("[i,i,i]", 2, 3, 4);
		teams = json_pack("[i]", 1);
	}
	if (who == ADMIN)
		*scope = (struct kh_scope){.all = true, .manager = true};
	else
		*scope = (struct kh_scope){.owner_ids = who == REP ? rep_owners : manager_owners,
					   .shared_with = who == REP ? 3 : 2,
					   .include_pool = true,
					   .manager = who == MANAGER,
					   .teams = teams};
}

/* The query kh_entity_list builds for an admin (scope: everything), a rep
 * or a manager. */
static struct kh_store_query query_for(const struct kh_entity *e, enum who who,
				       struct kh_scope *scope)
{
	struct kh_store_query q = {.table = e->table, .limit = 50};
	const struct kh_field *customer = kh_entity_field(e, "customer");
	int min = 3;

	scope_for(who, scope);
	scope->customer_column = e == &kh_customer_entity ? "id" : "customer_id";
	scope->user_column = e == &kh_task_entity ? "user_id" : NULL;
	/* a lead is its owner's (service/permission.c) */
	if (e == &kh_lead_entity) {
		scope->customer_column = NULL;
		scope->user_column = "owner_id";
	}
	q.scope = scope;
	for (size_t i = 0; i < e->nfields; i++)
		if (strcmp(e->fields[i].name, "customer") && e->fields[i].level < min)
			min = e->fields[i].level;
	q.min_level = min;
	q.join_metrics = e == &kh_customer_entity;
	q.with_customer_name = customer && customer->type == KH_F_REF &&
			       strcmp(customer->column, "customer_id") == 0;
	return q;
}

static struct kh_store_query admin_query(const struct kh_entity *e, struct kh_scope *scope)
{
	return query_for(e, ADMIN, scope);
}

/* Is the count statement's plan a sum over list_counts (store/counts.h)? */
static bool counted(const char *plan)
{
	return strstr(plan, "SEARCH list_counts USING INDEX") != NULL;
}

/* Both statements of q must search alias.column by an index (the count
 * may instead sum list_counts), scanning no big table. */
static int check_filter(sqlite3 *db, const struct kh_entity *e, const char *name,
			const struct kh_store_query *q, const char *alias, const char *column)
{
	struct kh_strbuf plan;
	int failed = 0;

	kh_strbuf_init(&plan, 0);
	for (int count = 0; count < 2; count++) {
		char *sql = kh_store_list_sql(q, count);

		assert_non_null(sql);
		kh_test_plan_of(db, sql, &plan);
		if (scans(plan.buf, true) ||
		    !(searches(plan.buf, alias, column) || (count && counted(plan.buf)))) {
			print_error("%s list, filter %s (%s, %s): no index serves it:\n%s\n%s\n",
				    e->name, name, count ? "count" : "page",
				    q->scope && !q->scope->all ? "scoped" : "all", sql, plan.buf);
			failed++;
		}
		free(sql);
	}
	kh_strbuf_release(&plan);
	return failed;
}

/* The page of q must come in index order, without scanning the table. */
static int check_sort(sqlite3 *db, const struct kh_entity *e, const char *name,
		      const struct kh_store_query *q)
{
	struct kh_strbuf plan;
	char *sql = kh_store_list_sql(q, false);
	int failed = 0;

	assert_non_null(sql);
	kh_strbuf_init(&plan, 0);
	kh_test_plan_of(db, sql, &plan);
	if (scans(plan.buf, false) || strstr(plan.buf, "TEMP B-TREE")) {
		print_error("%s list, sort %s%s: no index serves it:\n%s\n%s\n", e->name,
			    q->descending ? "-" : "", name, sql, plan.buf);
		failed = 1;
	}
	free(sql);
	kh_strbuf_release(&plan);
	return failed;
}

static int check_field(sqlite3 *db, const struct kh_entity *e, const struct kh_field *f,
		       enum who who)
{
	struct kh_scope scope;
	struct kh_store_query q = query_for(e, who, &scope);
	json_t *value = f->type == KH_F_REF || f->type == KH_F_BOOL ? json_integer(1)
								    : json_string("x");
	struct kh_store_filter filter = {f->column, "=", value};
	int failed = 0;

	if ((f->flags & KH_FIELD_FILTER) && !excepted(e, "filter", f->name)) {
		q.filters = &filter;
		q.nfilters = 1;
		failed += check_filter(db, e, f->name, &q, "t", f->column);
		q.nfilters = 0;
	}
	if ((f->flags & KH_FIELD_SORT) && !excepted(e, "sort", f->name)) {
		q.sort = f->column;
		for (int desc = 0; desc < 2; desc++) {
			q.descending = desc;
			failed += check_sort(db, e, f->name, &q);
		}
	}
	json_decref(value);
	return failed;
}

static void every_registry_filter_and_sort_has_an_index(void **state)
{
	sqlite3 *db = kh_test_db_of(*state);
	int failed = 0, checked = 0;

	for (size_t i = 0; i < sizeof(entities) / sizeof(entities[0]); i++)
		for (size_t j = 0; j < entities[i]->nfields; j++) {
			const struct kh_field *f = &entities[i]->fields[j];

			checked += !!(f->flags & (KH_FIELD_FILTER | KH_FIELD_SORT));
			for (int who = ADMIN; who < NWHO; who++)
				failed += check_field(db, entities[i], f, (enum who)who);
		}
	assert_true(checked >= 20);
	assert_int_equal(failed, 0);
}

static void every_customer_metrics_filter_and_sort_has_an_index(void **state)
{
	sqlite3 *db = kh_test_db_of(*state);
	struct kh_scope scope;
	struct kh_store_query q = admin_query(&kh_customer_entity, &scope);
	const char *name, *label;
	int failed = 0;

	for (size_t i = 0; (name = kh_customer_list_filter_name(i, &label)); i++) {
		struct kh_store_filter filter;
		json_t *value = NULL, *given = json_string(label);

		assert_int_equal(kh_customer_list_filter(name, given, &filter, &value, NULL), 0);
		q.filters = &filter;
		q.nfilters = 1;
		if (!excepted(&kh_customer_entity, "filter", name))
			failed += check_filter(db, &kh_customer_entity, name, &q, "m",
					       filter.column + 2);
		/* its page, in id order either way, is the first entries of the
		 * filter's index range, not a sort of every match */
		for (int desc = 0; desc < 2 && !json_is_null(filter.value); desc++) {
			q.descending = desc;
			failed += check_sort(db, &kh_customer_entity, name, &q);
		}
		q.descending = false;
		json_decref(value);
		json_decref(given);
	}
	q.nfilters = 0;
	for (size_t i = 0; (name = kh_customer_list_sort_name(i)); i++) {
		if (excepted(&kh_customer_entity, "sort", name))
			continue;
		q.sort = kh_customer_list_sort(name);
		for (int desc = 0; desc < 2; desc++) {
			q.descending = desc;
			failed += check_sort(db, &kh_customer_entity, name, &q);
		}
	}
	assert_int_equal(failed, 0);
}

/* The filters and sort the screens combine (web/src/views), served by one
 * composite index each: the filters searched, the order the index's. */
static const struct {
	const struct kh_entity *entity;
	const char *filters[3]; /* field names */
	const char *sort;       /* field name, "-" = descending */
} combinations[] = {
	{&kh_customer_entity, {"owner"}, "name"},
	{&kh_opportunity_entity, {"stage"}, "-amount"},
	{&kh_activity_entity, {"kind"}, "-date"},
	{&kh_activity_entity, {"kind", "status"}, "date"},
	{&kh_activity_entity, {"user"}, "date"},
	/* a rep's visits, done and planned (web/src/views/Visits.vue) */
	{&kh_activity_entity, {"user", "kind", "status"}, "-date"},
	{&kh_activity_entity, {"user", "kind", "status"}, "date"},
	{&kh_task_entity, {"done"}, "due_date"},
	{&kh_task_entity, {"user", "done"}, "due_date"},
};

static void screen_combinations_are_served_by_one_index(void **state)
{
	sqlite3 *db = kh_test_db_of(*state);
	int failed = 0;

	for (size_t k = 0; k < NWHO * sizeof(combinations) / sizeof(combinations[0]); k++) {
		size_t i = k / NWHO;
		const struct kh_entity *e = combinations[i].entity;
		const char *sort = combinations[i].sort;
		struct kh_scope scope;
		struct kh_store_query q = query_for(e, (enum who)(k % NWHO), &scope);
		struct kh_store_filter filters[3];
		json_t *value = json_integer(1);
		const struct kh_field *f;

		for (size_t j = 0; j < 3 && combinations[i].filters[j]; j++) {
			assert_non_null(f = kh_entity_field(e, combinations[i].filters[j]));
			filters[q.nfilters++] = (struct kh_store_filter){f->column, "=", value};
		}
		q.filters = filters;
		q.descending = sort[0] == '-';
		assert_non_null(f = kh_entity_field(e, sort + q.descending));
		q.sort = f->column;
		failed += check_filter(db, e, combinations[i].filters[0], &q, "t", filters[0].column);
		failed += check_sort(db, e, f->name, &q);
		json_decref(value);
	}
	assert_int_equal(failed, 0);
}

/* The shared rows are counted from customer_team: the listed table only
 * looked up by its customer, never by a filter's index. */
static bool shares_first(const char *plan)
{
	const char *ct = strstr(plan, "SEARCH ct USING"), *t = strstr(plan, "SEARCH t USING");

	return ct && (!t || t > ct) &&
	       (!t || strstr(t, "PRIMARY KEY") || strstr(t, "(customer_id=?"));
}

/* The lists of every entity with a customer, in every scope: the total
 * unfiltered and by each counted filter is a sum over list_counts (plus
 * the shares of a rep or manager, through customer_team's index). */
static void totals_are_sums_of_list_counts(void **state)
{
	sqlite3 *db = kh_test_db_of(*state);
	struct kh_strbuf plan;
	int failed = 0;

	kh_strbuf_init(&plan, 0);
	for (size_t i = 0; i < sizeof(entities) / sizeof(entities[0]); i++) {
		const struct kh_entity *e = entities[i];

		if (e == &kh_product_entity)
			continue; /* no scope, a few hundred rows */
		if (e == &kh_lead_entity)
			continue; /* not counted yet: count(*) over the owners' index */
		for (int who = ADMIN; who < NWHO; who++) {
			struct kh_scope scope;
			struct kh_store_query q = query_for(e, (enum who)who, &scope);
			char *sql;

			/* a level-2 list (competitors) is counted for whoever sees level 3
			 * of everything; the others count it row by row */
			if (q.min_level > 1 && who != ADMIN)
				continue;
			json_t *value = json_string("x");
			struct kh_store_filter filter = {
				e == &kh_customer_entity ? "segment" : "status", "=", value};

			/* and with a counted filter, whose index must not lead the shares */
			if (e == &kh_customer_entity || e == &kh_order_entity) {
				q.filters = &filter;
				q.nfilters = 1;
			}
			sql = kh_store_list_sql(&q, true);
			json_decref(value);
			kh_test_plan_of(db, sql, &plan);
			if (scans(plan.buf, true) || !counted(plan.buf) ||
			    (who != ADMIN && !shares_first(plan.buf))) {
				print_error("%s total (%s): not from list_counts:\n%s\n%s\n", e->name,
					    who_names[who], sql, plan.buf);
				failed++;
			}
			free(sql);
		}
	}
	kh_strbuf_release(&plan);
	assert_int_equal(failed, 0);
}

static bool not_null(sqlite3 *db, const char *table, const char *column)
{
	sqlite3_stmt *s = NULL;
	bool yes;

	assert_int_equal(sqlite3_prepare_v2(db, "SELECT \"notnull\" FROM pragma_table_info(?)"
					    " WHERE name = ?", -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, column, -1, SQLITE_STATIC);
	yes = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return yes;
}

/* A page after a cursor starts at the cursor in the sort's index: a range
 * of it (SEARCH), in its order (no temporary B-tree), for both directions
 * and a NULL or a non-NULL sort value. */
static void cursor_pages_start_at_the_cursor(void **state)
{
	sqlite3 *db = kh_test_db_of(*state);
	struct kh_strbuf plan;
	int failed = 0;

	kh_strbuf_init(&plan, 0);
	for (size_t i = 0; i < sizeof(entities) / sizeof(entities[0]); i++)
		for (size_t j = 0; j < entities[i]->nfields; j++) {
			const struct kh_field *f = &entities[i]->fields[j];
			struct kh_scope scope;
			struct kh_store_query q = query_for(entities[i], REP, &scope);

			if (!(f->flags & KH_FIELD_SORT))
				continue;
			q.sort = f->column;
			for (int k = 0; k < 4; k++) {
				json_t *after = json_pack("[si]", "x", 7);
				char *sql;

				/* no row of a NOT NULL column gives a cursor with NULL (SQLite
				 * plans "IS NULL" there as a constant false) */
				if ((k & 2) && not_null(db, entities[i]->table, f->column)) {
					json_decref(after);
					continue;
				}
				if (k & 2)
					json_array_set_new(after, 0, json_null());
				q.after = after;
				q.descending = k & 1;
				sql = kh_store_list_sql(&q, false);
				kh_test_plan_of(db, sql, &plan);
				if (scans(plan.buf, true) || strstr(plan.buf, "TEMP B-TREE") ||
				    !strstr(plan.buf, "SEARCH t USING INDEX")) {
					print_error("%s sort %s%s after a cursor: not an index range:"
						    "\n%s\n%s\n", entities[i]->name, k & 1 ? "-" : "",
						    f->name, sql, plan.buf);
					failed++;
				}
				free(sql);
				json_decref(after);
			}
		}
	kh_strbuf_release(&plan);
	assert_int_equal(failed, 0);
}

/* A filter on the record it hangs off (one customer's orders, one order's
 * payments, one opportunity's activities, one contract's plans): a few rows,
 * sorted in memory. */
static bool one_parents_rows(const struct kh_field *f)
{
	return f->type == KH_F_REF && (strcmp(f->ref, "customers") == 0 ||
				       strcmp(f->ref, "orders") == 0 ||
				       strcmp(f->ref, "contracts") == 0 ||
				       strcmp(f->ref, "opportunities") == 0);
}

/* Every documented filter with every documented sort of its list, in both
 * directions and for an admin and a rep: the filter's range in the sort's
 * order, without a temporary B-tree. */
static void every_filter_with_every_sort_has_an_index(void **state)
{
	sqlite3 *db = kh_test_db_of(*state);
	int failed = 0, checked = 0;

	for (size_t i = 0; i < sizeof(entities) / sizeof(entities[0]); i++) {
		const struct kh_entity *e = entities[i];

		for (size_t j = 0; j < e->nfields; j++)
			for (size_t k = 0; k < e->nfields; k++) {
				const struct kh_field *f = &e->fields[j], *sort = &e->fields[k];
				json_t *value = json_integer(1);
				struct kh_store_filter filter = {f->column, "=", value};

				if (!(f->flags & KH_FIELD_FILTER) || !(sort->flags & KH_FIELD_SORT) ||
				    one_parents_rows(f)) {
					json_decref(value);
					continue;
				}
				for (int m = 0; m < 4; m++) {
					struct kh_scope scope;
					struct kh_store_query q =
						query_for(e, m & 2 ? REP : ADMIN, &scope);

					q.filters = &filter;
					q.nfilters = 1;
					q.sort = sort->column;
					q.descending = m & 1;
					failed += check_sort(db, e, sort->name, &q);
					checked++;
				}
				json_decref(value);
			}
	}
	assert_true(checked >= 40);
	assert_int_equal(failed, 0);
}

/* The pool page (web/src/views/Pool.vue: in_pool=true, sort=-updated_at):
 * the pool's range of one index in the sort's order, its total a sum of
 * list_counts by the pool flag (the shares through customer_team), for an
 * admin and a rep. */
static void the_pool_page_is_an_index_range_and_its_total_counted(void **state)
{
	sqlite3 *db = kh_test_db_of(*state);
	json_t *yes = json_true();
	struct kh_store_filter pool = {"in_pool", "=", yes};
	struct kh_strbuf plan;
	int failed = 0;

	kh_strbuf_init(&plan, 0);
	for (int who = ADMIN; who <= REP; who++) {
		struct kh_scope scope;
		struct kh_store_query q = query_for(&kh_customer_entity, (enum who)who, &scope);
		char *sql;

		q.filters = &pool;
		q.nfilters = 1;
		q.sort = "updated_at";
		q.descending = true;
		failed += check_filter(db, &kh_customer_entity, "in_pool", &q, "t", "in_pool");
		failed += check_sort(db, &kh_customer_entity, "updated_at", &q);
		sql = kh_store_list_sql(&q, true);
		kh_test_plan_of(db, sql, &plan);
		if (!counted(plan.buf) || !strstr(sql, "pool = :c_pool") ||
		    (who == REP && !shares_first(plan.buf))) {
			print_error("pool total (%s): not from list_counts:\n%s\n%s\n", who_names[who],
				    sql, plan.buf);
			failed++;
		}
		free(sql);
	}
	kh_strbuf_release(&plan);
	json_decref(yes);
	assert_int_equal(failed, 0);
}

/* pool_within (待进入公海) reads a range of each rule's partial index, the
 * page and its count alike, and scans no table. */
static void the_pool_warning_list_reads_the_pool_indexes(void **state)
{
	sqlite3 *db = kh_test_db_of(*state);
	struct kh_store_pool_window w = {"2026-01-01", "2026-02-01", 30, 60};
	struct kh_strbuf plan;
	int failed = 0;

	kh_strbuf_init(&plan, 0);
	for (int who = ADMIN; who <= MANAGER; who++) {
		struct kh_scope scope;
		struct kh_store_query q = query_for(&kh_customer_entity, (enum who)who, &scope);

		q.pool_within = &w;
		q.sort = KH_STORE_POOL_DUE_SORT;
		for (int count = 0; count < 2; count++) {
			char *sql = kh_store_list_sql(&q, count);

			kh_test_plan_of(db, sql, &plan);
			if (scans(plan.buf, true) || (who == ADMIN &&
			    (!strstr(plan.buf, "customers_pool_contact_clock") ||
			     !strstr(plan.buf, "customers_pool_owner_clock"))))
				print_error("pool_within (%s, %s): not the pool indexes:\n%s\n%s\n",
					    who_names[who], count ? "count" : "page", sql, plan.buf),
					failed++;
			free(sql);
		}
	}
	kh_strbuf_release(&plan);
	assert_int_equal(failed, 0);
}

/* q= goes through the search index: a range of search_keys, never a scan. */
static void customer_search_uses_the_search_index(void **state)
{
	sqlite3 *db = kh_test_db_of(*state);
	struct kh_scope scope;
	struct kh_store_query q = admin_query(&kh_customer_entity, &scope);
	struct kh_strbuf plan;

	q.search_prefix = "zs";
	kh_strbuf_init(&plan, 0);
	for (int count = 0; count < 2; count++) {
		char *sql = kh_store_list_sql(&q, count);

		kh_test_plan_of(db, sql, &plan);
		if (scans(plan.buf, false) || !strstr(plan.buf, "SEARCH search_keys USING PRIMARY KEY"))
			fail_msg("q: no index range:\n%s\n%s", sql, plan.buf);
		free(sql);
	}
	kh_strbuf_release(&plan);
}

/* The builder is the one the list runs: what it returns prepares, and the
 * list answers with the same statement cached. */
static void the_sql_is_what_the_list_prepares(void **state)
{
	struct kh_store *st = *state;
	struct kh_scope scope;
	struct kh_store_query q = admin_query(&kh_order_entity, &scope);
	json_t *rows = NULL;
	int64_t total = -1;
	char *sql;
	sqlite3_stmt *mine;

	q.sort = "order_date";
	assert_int_equal(kh_store_list(st, &q, &rows, &total, NULL), 0);
	assert_int_equal(total, 0);
	json_decref(rows);
	sql = kh_store_list_sql(&q, false);
	mine = kh_store_stmt_dyn(st, sql, NULL);
	assert_non_null(mine);
	/* the list prepared it already: it is in the statement cache */
	for (sqlite3_stmt *s = sqlite3_next_stmt(kh_test_db_of(st), NULL);; s = sqlite3_next_stmt(kh_test_db_of(st), s)) {
		assert_non_null(s);
		if (s == mine)
			break;
	}
	free(sql);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(every_registry_filter_and_sort_has_an_index,
						open_fresh, close_and_remove),
		cmocka_unit_test_setup_teardown(every_customer_metrics_filter_and_sort_has_an_index,
						open_fresh, close_and_remove),
		cmocka_unit_test_setup_teardown(screen_combinations_are_served_by_one_index,
						open_fresh, close_and_remove),
		cmocka_unit_test_setup_teardown(every_filter_with_every_sort_has_an_index,
						open_fresh, close_and_remove),
		cmocka_unit_test_setup_teardown(totals_are_sums_of_list_counts, open_fresh,
						close_and_remove),
		cmocka_unit_test_setup_teardown(cursor_pages_start_at_the_cursor, open_fresh,
						close_and_remove),
		cmocka_unit_test_setup_teardown(customer_search_uses_the_search_index, open_fresh,
						close_and_remove),
		cmocka_unit_test_setup_teardown(the_pool_page_is_an_index_range_and_its_total_counted,
						open_fresh, close_and_remove),
		cmocka_unit_test_setup_teardown(the_pool_warning_list_reads_the_pool_indexes,
						open_fresh, close_and_remove),
		cmocka_unit_test_setup_teardown(the_sql_is_what_the_list_prepares, open_fresh,
						close_and_remove),
	};

	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	json_decref(rep_owners);
	json_decref(manager_owners);
	json_decref(teams);
	return failed;
}
