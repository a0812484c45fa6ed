/*
 * schema.c: the numbered migrations. Migration N brings a database from
 * user_version N-1 to N; the pending ones run in one transaction (store/sqlite.c)
 * and a database never moves back.
 * Append new migrations at the end; never edit a released one. The one
 * exception: the settings rows moved to store/settings_registry.c, which
 * seeds them after every migration run, so the migrations lost their copies
 * of the defaults (a database they brought up to date already has the rows;
 * a new one gets the same rows from the seed). A new setting needs a new
 * migration, even an empty one, so that existing databases run the seed.
 *
 * Conventions: money columns end in _fen (INTEGER), dates are ISO TEXT
 * "YYYY-MM-DD", timestamps ISO TEXT "YYYY-MM-DDTHH:MM:SSZ", soft delete via
 * deleted_at, JSON columns are declared JSON (SQLite keeps them as TEXT).
 */
#include "store/schema.h"
#include "store/customers/dup_keys.h"
#include "store/customers/pool.h"
#include "store/work/followups.h"
#include "store/sales/targets.h"
#include "store/comms/campaigns.h"

#include <stddef.h>

static const char migration_1[] =
	"CREATE TABLE settings ("
	" key TEXT PRIMARY KEY, value TEXT NOT NULL, description TEXT NOT NULL DEFAULT '');"

	"CREATE TABLE teams ("
	" id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
	" parent_id INTEGER REFERENCES teams(id), leader_id INTEGER REFERENCES users(id),"
	" created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT);"

	"CREATE TABLE users ("
	" id INTEGER PRIMARY KEY, login TEXT NOT NULL UNIQUE, display_name TEXT,"
	" role TEXT NOT NULL CHECK (role IN ('admin','manager','sales')),"
	" team_id INTEGER REFERENCES teams(id), password_hash TEXT, email TEXT,"
	" max_customers INTEGER, active INTEGER NOT NULL DEFAULT 1,"
	" created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT);"

	"CREATE TABLE customers ("
	" id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
	/* level 1: basic */
	" address TEXT, region TEXT, grade TEXT, nature TEXT, technology TEXT,"
	" phone TEXT, email TEXT, website TEXT, org_structure TEXT, department_heads TEXT,"
	" history TEXT, current_projects TEXT,"
	" segment TEXT, source TEXT, main_business TEXT, operating_condition TEXT,"
	" business_field TEXT, size TEXT, employees INTEGER, goals TEXT, opinions TEXT,"
	" problems_needs TEXT,"
	" accept_brand_known INTEGER, accept_product_line INTEGER,"
	" accept_price_transparent INTEGER, accept_margin INTEGER, accept_end_client INTEGER,"
	" accept_supply_repair INTEGER,"
	" brand_loyalty TEXT, price_driven INTEGER NOT NULL DEFAULT 0,"
	" key_account INTEGER NOT NULL DEFAULT 0, key_account_face TEXT,"
	" visit_cadence_days INTEGER, founded_on TEXT,"
	/* level 2: purchase */
	" purchase_budget_fen INTEGER, project_schedule TEXT, decision_process TEXT,"
	" other_suppliers TEXT, main_competitors TEXT,"
	/* level 3: relationship intelligence */
	" decision_maker_background TEXT, tech_lead_background TEXT,"
	" supervisor_background TEXT, decision_maker_relations TEXT,"
	" competitor_relations TEXT, related_parties TEXT,"
	/* ownership */
	" owner_id INTEGER REFERENCES users(id), team_id INTEGER REFERENCES teams(id),"
	" in_pool INTEGER NOT NULL DEFAULT 0,"
	" custom JSON NOT NULL DEFAULT '{}',"
	" created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT);"
	"CREATE INDEX customers_owner ON customers(owner_id) WHERE deleted_at IS NULL;"
	"CREATE INDEX customers_team ON customers(team_id) WHERE deleted_at IS NULL;"
	"CREATE INDEX customers_pool ON customers(in_pool) WHERE deleted_at IS NULL AND in_pool = 1;"

	"CREATE TABLE contacts ("
	" id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id),"
	" name TEXT NOT NULL, gender TEXT, title TEXT, department TEXT,"
	" phone TEXT, mobile TEXT, email TEXT, wechat TEXT, birthday TEXT, hometown TEXT,"
	" education TEXT, work_history TEXT, family TEXT, hobbies TEXT, personality TEXT,"
	" ethnicity TEXT, address TEXT,"
	" purchase_role TEXT, decision_level TEXT, function TEXT,"
	" warmth TEXT, humility TEXT, kindness TEXT, dominance TEXT,"
	" reports_to INTEGER REFERENCES contacts(id), notes TEXT,"
	" custom JSON NOT NULL DEFAULT '{}',"
	" created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT);"
	"CREATE INDEX contacts_customer ON contacts(customer_id);"

	"CREATE TABLE phones ("
	" number TEXT NOT NULL, customer_id INTEGER NOT NULL REFERENCES customers(id),"
	" contact_id INTEGER NOT NULL DEFAULT 0,"
	" PRIMARY KEY (number, customer_id, contact_id)) WITHOUT ROWID;"
	"CREATE INDEX phones_owner ON phones(customer_id, contact_id);"

	"CREATE TABLE search_keys ("
	" key TEXT NOT NULL, kind INTEGER NOT NULL, id INTEGER NOT NULL,"
	" PRIMARY KEY (key, kind, id)) WITHOUT ROWID;"

	"CREATE TABLE products ("
	" id INTEGER PRIMARY KEY, code TEXT UNIQUE, name TEXT NOT NULL, category TEXT,"
	" unit TEXT, unit_price_fen INTEGER, unit_cost_fen INTEGER,"
	" active INTEGER NOT NULL DEFAULT 1,"
	" created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT);"

	"CREATE TABLE orders ("
	" id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id),"
	" order_date TEXT NOT NULL, amount_fen INTEGER NOT NULL, cost_fen INTEGER,"
	" status TEXT NOT NULL DEFAULT 'confirmed', channel TEXT, note TEXT,"
	" owner_id INTEGER REFERENCES users(id),"
	" created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT);"
	"CREATE INDEX orders_customer ON orders(customer_id, order_date);"
	"CREATE INDEX orders_date ON orders(order_date);"

	"CREATE TABLE order_lines ("
	" id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES orders(id),"
	" product_id INTEGER NOT NULL REFERENCES products(id),"
	" quantity INTEGER NOT NULL, unit_price_fen INTEGER NOT NULL,"
	" amount_fen INTEGER NOT NULL, cost_fen INTEGER);"
	"CREATE INDEX order_lines_order ON order_lines(order_id);"

	"CREATE TABLE payments ("
	" id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES orders(id),"
	" customer_id INTEGER NOT NULL REFERENCES customers(id),"
	" amount_fen INTEGER NOT NULL, due_date TEXT NOT NULL, paid_date TEXT,"
	" created_at TEXT NOT NULL);"
	"CREATE INDEX payments_customer ON payments(customer_id);"

	"CREATE TABLE activities ("
	" id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id),"
	" contact_id INTEGER REFERENCES contacts(id), user_id INTEGER REFERENCES users(id),"
	" kind TEXT NOT NULL, activity_date TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'done',"
	" subject TEXT, note TEXT, outcome TEXT, next_step TEXT, next_date TEXT,"
	/* a visit's plan (DOMAIN 3): purpose, method, three preparations, three
	 * topics, three places; the report afterwards; approval by the superior */
	" purpose TEXT, method TEXT, prep_time_place TEXT, prep_sales_records TEXT,"
	" topic_local_sales TEXT, topic_market_competitors TEXT, topic_problems TEXT,"
	" place_market TEXT, place_channel TEXT, place_staff TEXT, report TEXT,"
	" approved_by INTEGER REFERENCES users(id), approved_at TEXT,"
	" opportunity_id INTEGER REFERENCES opportunities(id),"
	" created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT);"
	"CREATE INDEX activities_customer ON activities(customer_id, activity_date);"
	"CREATE INDEX activities_user ON activities(user_id, activity_date);"

	"CREATE TABLE opportunities ("
	" id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id),"
	" name TEXT NOT NULL, stage TEXT NOT NULL DEFAULT 'lead', amount_fen INTEGER,"
	" probability INTEGER, followup_count INTEGER NOT NULL DEFAULT 0,"
	" expected_close TEXT, closed_on TEXT, owner_id INTEGER REFERENCES users(id),"
	" contact_id INTEGER REFERENCES contacts(id), note TEXT,"
	" created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT);"
	"CREATE INDEX opportunities_customer ON opportunities(customer_id);"

	"CREATE TABLE tasks ("
	" id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id),"
	" contact_id INTEGER REFERENCES contacts(id), user_id INTEGER REFERENCES users(id),"
	" title TEXT NOT NULL, kind TEXT, due_date TEXT, done INTEGER NOT NULL DEFAULT 0,"
	" created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT);"
	"CREATE INDEX tasks_user ON tasks(user_id, done, due_date);"

	"CREATE TABLE important_dates ("
	" id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id),"
	" contact_id INTEGER REFERENCES contacts(id), kind TEXT NOT NULL, date TEXT NOT NULL,"
	" label TEXT, yearly INTEGER NOT NULL DEFAULT 1,"
	" created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT);"
	"CREATE INDEX important_dates_customer ON important_dates(customer_id);"

	"CREATE TABLE competitors ("
	" id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id),"
	" brand TEXT NOT NULL, status TEXT, projects TEXT, experience TEXT,"
	" their_sales_fen INTEGER, our_sales_fen INTEGER, note TEXT,"
	" created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT);"
	"CREATE INDEX competitors_customer ON competitors(customer_id);"

	"CREATE TABLE customer_team ("
	" customer_id INTEGER NOT NULL REFERENCES customers(id),"
	" user_id INTEGER NOT NULL REFERENCES users(id),"
	" access TEXT NOT NULL CHECK (access IN ('owner','read','write')),"
	" PRIMARY KEY (customer_id, user_id)) WITHOUT ROWID;"
	"CREATE INDEX customer_team_user ON customer_team(user_id);"

	"CREATE TABLE owner_history ("
	" id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id),"
	" from_user INTEGER, to_user INTEGER, reason TEXT, by_user INTEGER, at TEXT NOT NULL);"

	"CREATE TABLE audit_log ("
	" id INTEGER PRIMARY KEY, at TEXT NOT NULL, user_id INTEGER, action TEXT NOT NULL,"
	" entity TEXT NOT NULL, entity_id INTEGER NOT NULL, changes JSON);"
	"CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);"

	"CREATE TABLE customer_metrics ("
	" customer_id INTEGER PRIMARY KEY REFERENCES customers(id),"
	" orders INTEGER NOT NULL DEFAULT 0, first_order TEXT, last_order TEXT,"
	" revenue_fen INTEGER NOT NULL DEFAULT 0, cost_fen INTEGER NOT NULL DEFAULT 0,"
	" profit_fen INTEGER NOT NULL DEFAULT 0,"
	" revenue_12m_fen INTEGER NOT NULL DEFAULT 0, profit_12m_fen INTEGER NOT NULL DEFAULT 0,"
	" orders_12m INTEGER NOT NULL DEFAULT 0, quarters_active_8 INTEGER NOT NULL DEFAULT 0,"
	" avg_interval_days REAL, avg_amount_fen INTEGER,"
	" last_contact TEXT, activities_12m INTEGER NOT NULL DEFAULT 0,"
	" abc_class TEXT, abc_count_class TEXT, grid_tier TEXT,"
	" rfm_r INTEGER, rfm_f INTEGER, rfm_m INTEGER,"
	" lifecycle TEXT, loyalty TEXT, quadrants JSON,"
	" p_alive REAL, expected_purchases_90d REAL, expected_spend_fen INTEGER,"
	" clv_fen INTEGER, score REAL, updated_at TEXT NOT NULL);";
/* (Its settings rows, like those of migrations 2, 4, 6 and 7, now come from
 * store/settings_registry.c: kh_store_settings_seed runs after the migrations.) */

/* Accounts and ownership: sessions, API tokens and the one-time setup token
 * (all stored as hashes, never in the clear), failed logins for the rate
 * limit, the data scope of each role, and an index for owner history. */
static const char migration_2[] =
	"CREATE TABLE sessions ("
	" id INTEGER PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE,"
	" user_id INTEGER NOT NULL REFERENCES users(id), csrf_hash TEXT NOT NULL,"
	" created_at TEXT NOT NULL, expires_at INTEGER NOT NULL);"
	"CREATE INDEX sessions_user ON sessions(user_id);"

	"CREATE TABLE api_tokens ("
	" id INTEGER PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE,"
	" user_id INTEGER NOT NULL REFERENCES users(id), name TEXT,"
	" created_at TEXT NOT NULL, revoked_at TEXT);"
	"CREATE INDEX api_tokens_user ON api_tokens(user_id);"

	"CREATE TABLE login_failures ("
	" id INTEGER PRIMARY KEY, kind TEXT NOT NULL, key TEXT NOT NULL, at INTEGER NOT NULL);"
	"CREATE INDEX login_failures_key ON login_failures(kind, key, at);"

	"CREATE TABLE setup_tokens (token_hash TEXT PRIMARY KEY, created_at TEXT NOT NULL);"

	"CREATE INDEX owner_history_customer ON owner_history(customer_id);"

	/* payments lacked the columns every registry table has (the API is the
	 * first to write them through the generic rows). */
	"ALTER TABLE payments ADD COLUMN updated_at TEXT;"
	"ALTER TABLE payments ADD COLUMN deleted_at TEXT;";

/* The analysis: each run's parameters (fitted models, cut points, class
 * counts), so single-customer refreshes between runs can classify with the
 * same cut points and the UI can show when the last run was. */
static const char migration_3[] =
	"CREATE TABLE analysis_runs ("
	" id INTEGER PRIMARY KEY, at TEXT NOT NULL, result JSON NOT NULL);";

/* The lifecycle threshold for one-time buyers, which analyze read as a
 * constant before (docs/analytics.md). */
static const char migration_4[] = "";

/* Net profit per customer (DOMAIN 6): the cost to serve and the cost of late
 * payment of the last 12 months, and the profit net of both; abc.basis may
 * now also be net_profit. */
static const char migration_5[] =
	"ALTER TABLE customer_metrics ADD COLUMN cost_to_serve_12m_fen INTEGER;"
	"ALTER TABLE customer_metrics ADD COLUMN late_payment_cost_12m_fen INTEGER;"
	"ALTER TABLE customer_metrics ADD COLUMN net_profit_12m_fen INTEGER;"
	"UPDATE settings SET description = 'ABC: rank by profit, sales or net_profit'"
	" WHERE key = 'abc.basis';";

/* Key accounts (DOMAIN 5): the slipping flag with its reasons and the
 * key-account candidates, and the revenue drop that counts as slipping. */
static const char migration_6[] =
	"ALTER TABLE customer_metrics ADD COLUMN key_account_slipping INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE customer_metrics ADD COLUMN key_account_slip_reason TEXT;"
	"ALTER TABLE customer_metrics ADD COLUMN key_account_candidate INTEGER NOT NULL DEFAULT 0;";

/* The weighted indicator score (DOMAIN 5): the pyramid tier beside the score
 * column migration 1 made, and the editable weights of the indicators
 * analyze feeds it (docs/analytics.md section 11). */
static const char migration_7[] =
	"ALTER TABLE customer_metrics ADD COLUMN score_pyramid TEXT;";

/* API tokens record when they were last used (written at most once a
 * minute per token), so people can tell a live integration from a stale one. */
static const char migration_8[] =
	"ALTER TABLE api_tokens ADD COLUMN last_used_at TEXT;";

/* Indexes for every documented filter and sort of the lists (KH_FIELD_FILTER
 * and KH_FIELD_SORT in service/fields.c, checked against the query plan by
 * tests/unit/list_plan_test.c; docs/architecture.md "List indexes"). Lists
 * always ask for deleted_at IS NULL, so the indexes leave deleted rows out;
 * a sort index ends in the rowid, which is the list's tie-break. */
static const char migration_9[] =
	"CREATE INDEX customers_owner_name ON customers(owner_id, name) WHERE deleted_at IS NULL;"
	"CREATE INDEX customers_name ON customers(name) WHERE deleted_at IS NULL;"
	"CREATE INDEX customers_grade ON customers(grade) WHERE deleted_at IS NULL;"
	"CREATE INDEX customers_segment ON customers(segment) WHERE deleted_at IS NULL;"
	"CREATE INDEX customers_source ON customers(source) WHERE deleted_at IS NULL;"
	"CREATE INDEX customer_metrics_abc ON customer_metrics(abc_class);"
	"CREATE INDEX customer_metrics_grid ON customer_metrics(grid_tier);"
	"CREATE INDEX customer_metrics_lifecycle ON customer_metrics(lifecycle);"
	"CREATE INDEX customer_metrics_loyalty ON customer_metrics(loyalty);"
	"CREATE INDEX contacts_name ON contacts(name) WHERE deleted_at IS NULL;"
	"CREATE INDEX orders_owner ON orders(owner_id) WHERE deleted_at IS NULL;"
	"CREATE INDEX orders_status ON orders(status) WHERE deleted_at IS NULL;"
	"CREATE INDEX payments_order ON payments(order_id);"
	"CREATE INDEX payments_due ON payments(due_date) WHERE deleted_at IS NULL;"
	"CREATE INDEX activities_kind ON activities(kind, activity_date) WHERE deleted_at IS NULL;"
	"CREATE INDEX activities_kind_status ON activities(kind, status, activity_date)"
	" WHERE deleted_at IS NULL;"
	"CREATE INDEX activities_date ON activities(activity_date) WHERE deleted_at IS NULL;"
	"CREATE INDEX activities_opportunity ON activities(opportunity_id)"
	" WHERE deleted_at IS NULL AND opportunity_id IS NOT NULL;"
	"CREATE INDEX opportunities_owner ON opportunities(owner_id) WHERE deleted_at IS NULL;"
	"CREATE INDEX opportunities_stage ON opportunities(stage, amount_fen)"
	" WHERE deleted_at IS NULL;"
	"CREATE INDEX opportunities_amount ON opportunities(amount_fen) WHERE deleted_at IS NULL;"
	"CREATE INDEX opportunities_close ON opportunities(expected_close)"
	" WHERE deleted_at IS NULL;"
	"CREATE INDEX tasks_customer ON tasks(customer_id) WHERE deleted_at IS NULL;"
	"CREATE INDEX tasks_done ON tasks(done, due_date) WHERE deleted_at IS NULL;"
	"CREATE INDEX tasks_due ON tasks(due_date) WHERE deleted_at IS NULL;"
	"CREATE INDEX important_dates_date ON important_dates(date) WHERE deleted_at IS NULL;";

/* Stored dashboard results (docs/architecture.md "Dashboard results are
 * stored"): the answer of each report per data scope, as of a day, and who
 * the scope's customers belong to, so a write drops exactly the results
 * whose scope holds the customer it changed. Member kind 0: every customer
 * (an unrestricted scope), 1: the customers of owner id, 2: the customers
 * shared with user id. */
static const char migration_10[] =
	"CREATE TABLE report_results (scope_key TEXT NOT NULL, report TEXT NOT NULL,"
	" variant TEXT NOT NULL, as_of TEXT NOT NULL, body TEXT NOT NULL,"
	" PRIMARY KEY (scope_key, report, variant));"
	"CREATE TABLE report_scope_members (kind INTEGER NOT NULL, member_id INTEGER NOT NULL,"
	" scope_key TEXT NOT NULL, PRIMARY KEY (kind, member_id, scope_key));";

/* The pipeline board's totals (store/sales/pipeline.c): count, amount and amount x
 * probability of every stage read from this index alone, with the customer
 * for a scope's check, instead of a row lookup per opportunity. deleted_at
 * (always NULL here) is a column too: SQLite 3.40 does not count a partial
 * index's own condition as covered. */
static const char migration_11[] =
	"CREATE INDEX opportunities_stage_totals ON opportunities"
	"(stage, amount_fen, probability, customer_id, deleted_at) WHERE deleted_at IS NULL;";

/* Exact list totals kept by the writes (store/counts.h; docs/architecture.md
 * "List totals and cursors"): the triggers and the first counts come from
 * kh_store_counts_install, which runs after the migrations whenever the
 * triggers are missing. */
static const char migration_12[] =
	"CREATE TABLE list_counts ("
	" tbl TEXT NOT NULL, dim TEXT NOT NULL, val TEXT NOT NULL,"
	" holder INTEGER NOT NULL, pool INTEGER NOT NULL, n INTEGER NOT NULL,"
	" PRIMARY KEY (tbl, dim, val, holder, pool));";

/* A documented filter with a documented sort (docs/api.md "Indexed filters
 * and sorts") in one index: the filter's range in the sort's order, so a page
 * walks 50 rows instead of sorting the filter's range (93 ms for a
 * segment's 83,000 customers at 1M; customers_owner_name is migration 9's).
 * The single-column indexes stay: they hold a filter's rows in id order,
 * the order of an unsorted list. A customer filter is one customer's rows,
 * sorted in memory. */
static const char migration_13[] =
	"CREATE INDEX customers_grade_name ON customers(grade, name) WHERE deleted_at IS NULL;"
	"CREATE INDEX customers_segment_name ON customers(segment, name) WHERE deleted_at IS NULL;"
	"CREATE INDEX customers_source_name ON customers(source, name) WHERE deleted_at IS NULL;"
	"CREATE INDEX customers_team_name ON customers(team_id, name) WHERE deleted_at IS NULL;"
	"CREATE INDEX orders_status_date ON orders(status, order_date) WHERE deleted_at IS NULL;"
	"CREATE INDEX orders_owner_date ON orders(owner_id, order_date) WHERE deleted_at IS NULL;"
	"CREATE INDEX opportunities_stage_close ON opportunities(stage, expected_close)"
	" WHERE deleted_at IS NULL;"
	"CREATE INDEX opportunities_owner_amount ON opportunities(owner_id, amount_fen)"
	" WHERE deleted_at IS NULL;"
	"CREATE INDEX opportunities_owner_close ON opportunities(owner_id, expected_close)"
	" WHERE deleted_at IS NULL;"
	"CREATE INDEX tasks_user_due ON tasks(user_id, due_date) WHERE deleted_at IS NULL;";

/* A customer merged into another (issue 12, merge) stays, soft-deleted, with
 * the id of the one that took its records: old links and the audit log
 * still lead somewhere. */
static const char migration_14[] =
	"ALTER TABLE customers ADD COLUMN merged_into INTEGER REFERENCES customers(id);";

/* Stored dashboard results outdated rather than dropped by a write (the
 * server's refresher recomputes them, and serves the old answer flagged
 * meanwhile): stale counts the writes since the body was computed, actor_id
 * is whose request stored it, the user the refresher computes it as. */
static const char migration_15[] =
	"ALTER TABLE report_results ADD COLUMN stale INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE report_results ADD COLUMN actor_id INTEGER NOT NULL DEFAULT 0;";

/* Duplicate control (查重, store/customers/dup_keys.h): the unified social
 * credit code, indexed (with the name, the list's sort) so a lookup by it is one probe, and the duplicate
 * keys of every live customer and contact, filled here by the function
 * kh_dup_key every connection registers (base/dup_key.h computes them). */
static const char migration_16[] =
	"ALTER TABLE customers ADD COLUMN credit_code TEXT;"
	"CREATE INDEX customers_credit_code ON customers(credit_code, name) WHERE deleted_at IS NULL;"
	"CREATE TABLE dup_keys (kind INTEGER NOT NULL, key TEXT NOT NULL,"
	" customer_id INTEGER NOT NULL, contact_id INTEGER NOT NULL DEFAULT 0,"
	" PRIMARY KEY (kind, key, customer_id, contact_id)) WITHOUT ROWID;"
	KH_STORE_DUP_KEYS_FILL;

/* The imports the server ran (service/io/import_job.c): a job is a row
 * before its import begins and says "done" in the import's own transaction,
 * so one that is still "running" when the server starts was cut off, its
 * transaction with it. */
static const char migration_17[] =
	"CREATE TABLE import_jobs ("
	" id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id),"
	" type TEXT NOT NULL, mode TEXT NOT NULL, dry_run INTEGER NOT NULL DEFAULT 0,"
	" partial INTEGER NOT NULL DEFAULT 0, file_name TEXT, lang TEXT,"
	" state TEXT NOT NULL, bytes_total INTEGER NOT NULL DEFAULT 0,"
	" bytes_read INTEGER NOT NULL DEFAULT 0, rows_read INTEGER NOT NULL DEFAULT 0,"
	" created INTEGER NOT NULL DEFAULT 0, updated INTEGER NOT NULL DEFAULT 0,"
	" skipped INTEGER NOT NULL DEFAULT 0, rejected INTEGER NOT NULL DEFAULT 0,"
	" error TEXT, created_at TEXT NOT NULL, started_at TEXT, finished_at TEXT);"
	"CREATE INDEX import_jobs_user ON import_jobs(user_id);";

/* Leads (线索, issue 13): a person or company not yet a customer, owned by a
 * rep, converted once into a customer (converted_customer_id). Activities
 * may now belong to a lead before it has a customer: the table is rebuilt
 * (the portable way to drop NOT NULL from customer_id) with lead_id; the
 * list counts' triggers go with the old table and are installed afresh
 * after the migrations (store/sqlite.c). */
static const char migration_18[] =
	"CREATE TABLE leads ("
	" id INTEGER PRIMARY KEY, name TEXT NOT NULL, company TEXT, mobile TEXT, phone TEXT,"
	" email TEXT, source TEXT, region TEXT, industry TEXT, address TEXT, note TEXT,"
	" owner_id INTEGER REFERENCES users(id), team_id INTEGER REFERENCES teams(id),"
	" status TEXT NOT NULL DEFAULT 'new',"
	" converted_customer_id INTEGER REFERENCES customers(id), converted_at TEXT,"
	" last_contact_at TEXT, last_contact_note TEXT, next_contact_date TEXT,"
	" created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT);"
	/* the documented filters (KH_FIELD_FILTER), as migration 9 */
	"CREATE INDEX leads_owner ON leads(owner_id) WHERE deleted_at IS NULL;"
	"CREATE INDEX leads_team ON leads(team_id) WHERE deleted_at IS NULL;"
	"CREATE INDEX leads_status ON leads(status) WHERE deleted_at IS NULL;"
	"CREATE INDEX leads_source ON leads(source) WHERE deleted_at IS NULL;"
	"CREATE INDEX leads_industry ON leads(industry) WHERE deleted_at IS NULL;"
	"CREATE INDEX leads_name ON leads(name) WHERE deleted_at IS NULL;"
	"DROP TRIGGER IF EXISTS list_counts_activities_insert;"
	"DROP TRIGGER IF EXISTS list_counts_activities_delete;"
	"DROP TRIGGER IF EXISTS list_counts_activities_update;"
	"DROP TRIGGER IF EXISTS list_counts_customers_move;"
	"CREATE TABLE activities_new ("
	" id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id),"
	" contact_id INTEGER REFERENCES contacts(id), user_id INTEGER REFERENCES users(id),"
	" kind TEXT NOT NULL, activity_date TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'done',"
	" subject TEXT, note TEXT, outcome TEXT, next_step TEXT, next_date TEXT,"
	" purpose TEXT, method TEXT, prep_time_place TEXT, prep_sales_records TEXT,"
	" topic_local_sales TEXT, topic_market_competitors TEXT, topic_problems TEXT,"
	" place_market TEXT, place_channel TEXT, place_staff TEXT, report TEXT,"
	" approved_by INTEGER REFERENCES users(id), approved_at TEXT,"
	" opportunity_id INTEGER REFERENCES opportunities(id),"
	" created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,"
	" lead_id INTEGER REFERENCES leads(id));"
	"INSERT INTO activities_new (id, customer_id, contact_id, user_id, kind, activity_date,"
	" status, subject, note, outcome, next_step, next_date, purpose, method,"
	" prep_time_place, prep_sales_records, topic_local_sales, topic_market_competitors,"
	" topic_problems, place_market, place_channel, place_staff, report, approved_by,"
	" approved_at, opportunity_id, created_at, updated_at, deleted_at)"
	" SELECT id, customer_id, contact_id, user_id, kind, activity_date,"
	" status, subject, note, outcome, next_step, next_date, purpose, method,"
	" prep_time_place, prep_sales_records, topic_local_sales, topic_market_competitors,"
	" topic_problems, place_market, place_channel, place_staff, report, approved_by,"
	" approved_at, opportunity_id, created_at, updated_at, deleted_at FROM activities;"
	"DROP TABLE activities;"
	"ALTER TABLE activities_new RENAME TO activities;"
	"CREATE INDEX activities_customer ON activities(customer_id, activity_date);"
	"CREATE INDEX activities_user ON activities(user_id, activity_date);"
	"CREATE INDEX activities_kind ON activities(kind, activity_date) WHERE deleted_at IS NULL;"
	"CREATE INDEX activities_kind_status ON activities(kind, status, activity_date)"
	" WHERE deleted_at IS NULL;"
	"CREATE INDEX activities_date ON activities(activity_date) WHERE deleted_at IS NULL;"
	"CREATE INDEX activities_opportunity ON activities(opportunity_id)"
	" WHERE deleted_at IS NULL AND opportunity_id IS NOT NULL;"
	"CREATE INDEX activities_lead ON activities(lead_id, activity_date)"
	" WHERE deleted_at IS NULL AND lead_id IS NOT NULL;";

/* Issue 11, the three lists still slow at 1M (docs/architecture.md "List
 * totals and cursors"): a rep's visits (user, kind, status by date), the
 * pool by last change, and the pipeline board's totals kept by triggers
 * (pipeline_counts, store/sales/pipeline_counts.h). Dropping one list_counts
 * trigger makes the open after the migrations reinstall them all and count
 * afresh, with the new activities pair and the pipeline's sums. */
static const char migration_19[] =
	"CREATE INDEX activities_user_kind_status ON activities"
	"(user_id, kind, status, activity_date) WHERE deleted_at IS NULL;"
	"CREATE INDEX customers_pool_updated ON customers(in_pool, updated_at)"
	" WHERE deleted_at IS NULL;"
	"CREATE TABLE pipeline_counts ("
	" stage TEXT NOT NULL, owner INTEGER NOT NULL, holder INTEGER NOT NULL,"
	" pool INTEGER NOT NULL, n INTEGER NOT NULL, amount_fen INTEGER NOT NULL,"
	" weighted_x100 INTEGER NOT NULL, PRIMARY KEY (stage, owner, holder, pool));"
	"DROP TRIGGER IF EXISTS list_counts_activities_insert;";

/* The pool runs itself (issue 13, service/customers/pool.h): when the
 * current owner got the customer (owner_since) and the day its follow-up
 * clock restarted (contact_clock: owner_since or the latest follow-up),
 * the lock (锁定), the day of its first deal (won_on: one place decides it,
 * kh_store_pool_refresh), who had it before the pool and since when (the
 * claim cooldown), and each rep's claims per day (the daily cap). The two
 * partial indexes hold only the customers the sweep may move, in clock
 * order, so a sweep reads the due ones and nothing else; they cover its
 * query (a dry run at 1M, 179,256 due: about 5-10 s, 10.7 s with row lookups). */
static const char migration_20[] =
	"ALTER TABLE customers ADD COLUMN owner_since TEXT;"
	"ALTER TABLE customers ADD COLUMN contact_clock TEXT;"
	"ALTER TABLE customers ADD COLUMN locked INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE customers ADD COLUMN won_on TEXT;"
	"ALTER TABLE customers ADD COLUMN prev_owner_id INTEGER;"
	"ALTER TABLE customers ADD COLUMN pool_since TEXT;"
	"CREATE TABLE pool_claims (user_id INTEGER NOT NULL, day TEXT NOT NULL,"
	" n INTEGER NOT NULL, PRIMARY KEY (user_id, day));"
	KH_STORE_POOL_OWNER_FILL ";"
	"UPDATE customers SET pool_since = (SELECT substr(MAX(h.at), 1, 10) FROM owner_history h"
	" WHERE h.customer_id = customers.id AND h.to_user IS NULL),"
	" prev_owner_id = (SELECT h.from_user FROM owner_history h"
	" WHERE h.customer_id = customers.id ORDER BY h.id DESC LIMIT 1)"
	" WHERE owner_id IS NULL AND in_pool = 1;"
	KH_STORE_POOL_WON_FILL ";"
	KH_STORE_POOL_CLOCK_FILL ";"
	"CREATE INDEX customers_pool_owner_clock ON customers"
	KH_STORE_POOL_INDEX("owner_since", "contact_clock")
	" WHERE " KH_STORE_POOL_SWEEPABLE ";"
	"CREATE INDEX customers_pool_contact_clock ON customers"
	KH_STORE_POOL_INDEX("contact_clock", "owner_since")
	" WHERE " KH_STORE_POOL_SWEEPABLE ";";

/* Follow-ups (跟进, issue 13): the last contact date, what was said and the
 * next contact date of customers, contacts and opportunities, kept from
 * their latest done activity that is not a note (store/work/followups.h);
 * the contacts' activities get an index for it, and every record is filled
 * from the activities it has. */
static const char migration_21[] =
	"ALTER TABLE customers ADD COLUMN last_contact_date TEXT;"
	"ALTER TABLE customers ADD COLUMN last_contact_note TEXT;"
	"ALTER TABLE customers ADD COLUMN next_contact_date TEXT;"
	"ALTER TABLE contacts ADD COLUMN last_contact_date TEXT;"
	"ALTER TABLE contacts ADD COLUMN last_contact_note TEXT;"
	"ALTER TABLE contacts ADD COLUMN next_contact_date TEXT;"
	"ALTER TABLE opportunities ADD COLUMN last_contact_date TEXT;"
	"ALTER TABLE opportunities ADD COLUMN last_contact_note TEXT;"
	"ALTER TABLE opportunities ADD COLUMN next_contact_date TEXT;"
	"CREATE INDEX activities_contact ON activities(contact_id, activity_date)"
	" WHERE deleted_at IS NULL AND contact_id IS NOT NULL;"
	KH_STORE_FOLLOWUP_FILL_CUSTOMERS ";" KH_STORE_FOLLOWUP_FILL_CONTACTS ";"
	KH_STORE_FOLLOWUP_FILL_OPPORTUNITIES ";";

/* Opportunities' stages (issue 13, deliverable 2; service/sales/stage.h):
 * the lost reason, and the history of every stage change (from_stage NULL:
 * the creation), which keeps each lost reason too. The stage probabilities
 * are settings, seeded after this runs. The history starts here: a stage
 * reached before it has no row. */
static const char migration_22[] =
	"ALTER TABLE opportunities ADD COLUMN lost_reason TEXT;"
	"CREATE TABLE opportunity_stages ("
	" id INTEGER PRIMARY KEY,"
	" opportunity_id INTEGER NOT NULL REFERENCES opportunities(id),"
	" from_stage TEXT, to_stage TEXT NOT NULL, user_id INTEGER REFERENCES users(id),"
	" at TEXT NOT NULL, lost_reason TEXT);"
	"CREATE INDEX opportunity_stages_opportunity ON opportunity_stages(opportunity_id, id);";

/* Contracts, payment plans and receipts (合同, 回款计划, 回款; issue 13, parts 3 and 4;
 * service/sales/contract.h, receivable.h, approval.h). A contract's approval
 * creates its one order (orders.contract_id, unique), so analytics keep
 * reading orders only. payments becomes receivable_plans: rebuilt, because
 * a plan of a contract need not have an order (order_id loses NOT NULL,
 * which SQLite cannot drop in place); its rows, ids and paid_date are kept,
 * so the late-payment cost reads the same facts. The list counts' triggers
 * of payments, and the customers' one that names them, go first; the new
 * ones come from kh_store_counts_install. */
static const char migration_23[] =
	"CREATE TABLE contracts ("
	" id INTEGER PRIMARY KEY, number TEXT NOT NULL, name TEXT NOT NULL,"
	" customer_id INTEGER NOT NULL REFERENCES customers(id),"
	" opportunity_id INTEGER REFERENCES opportunities(id),"
	" owner_id INTEGER REFERENCES users(id),"
	" signed_date TEXT, start_date TEXT, end_date TEXT,"
	" discount_bp INTEGER NOT NULL DEFAULT 0, total_fen INTEGER NOT NULL DEFAULT 0,"
	" customer_signer_id INTEGER REFERENCES contacts(id),"
	" our_signer_id INTEGER REFERENCES users(id),"
	" status TEXT NOT NULL DEFAULT 'draft', submitted_at TEXT,"
	" approver_id INTEGER REFERENCES users(id), decided_at TEXT, approval_comment TEXT,"
	" note TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT);"
	"CREATE UNIQUE INDEX contracts_number ON contracts(number);"
	"CREATE INDEX contracts_customer ON contracts(customer_id) WHERE deleted_at IS NULL;"
	"CREATE INDEX contracts_owner ON contracts(owner_id) WHERE deleted_at IS NULL;"
	"CREATE INDEX contracts_status ON contracts(status) WHERE deleted_at IS NULL;"
	"CREATE TABLE contract_lines ("
	" id INTEGER PRIMARY KEY, contract_id INTEGER NOT NULL REFERENCES contracts(id),"
	" product_id INTEGER NOT NULL REFERENCES products(id),"
	" quantity INTEGER NOT NULL, unit_price_fen INTEGER NOT NULL,"
	" amount_fen INTEGER NOT NULL);"
	"CREATE INDEX contract_lines_contract ON contract_lines(contract_id);"
	"ALTER TABLE orders ADD COLUMN contract_id INTEGER REFERENCES contracts(id);"
	"CREATE UNIQUE INDEX orders_contract ON orders(contract_id) WHERE contract_id IS NOT NULL;"
	"DROP TRIGGER IF EXISTS list_counts_payments_insert;"
	"DROP TRIGGER IF EXISTS list_counts_payments_delete;"
	"DROP TRIGGER IF EXISTS list_counts_payments_update;"
	"DROP TRIGGER IF EXISTS list_counts_customers_move;"
	"CREATE TABLE receivable_plans ("
	" id INTEGER PRIMARY KEY, order_id INTEGER REFERENCES orders(id),"
	" contract_id INTEGER REFERENCES contracts(id),"
	" customer_id INTEGER NOT NULL REFERENCES customers(id),"
	" period INTEGER, amount_fen INTEGER NOT NULL, due_date TEXT NOT NULL, paid_date TEXT,"
	" received_fen INTEGER NOT NULL DEFAULT 0, remind_days INTEGER, note TEXT,"
	" owner_id INTEGER REFERENCES users(id),"
	" created_at TEXT NOT NULL, updated_at TEXT, deleted_at TEXT);"
	"INSERT INTO receivable_plans (id, order_id, customer_id, amount_fen, due_date, paid_date,"
	" created_at, updated_at, deleted_at) SELECT id, order_id, customer_id, amount_fen,"
	" due_date, paid_date, created_at, updated_at, deleted_at FROM payments;"
	"DROP TABLE payments;"
	"CREATE INDEX receivable_plans_customer ON receivable_plans(customer_id);"
	"CREATE INDEX receivable_plans_order ON receivable_plans(order_id);"
	"CREATE INDEX receivable_plans_due ON receivable_plans(due_date) WHERE deleted_at IS NULL;"
	"CREATE INDEX receivable_plans_contract ON receivable_plans(contract_id)"
	" WHERE contract_id IS NOT NULL;"
	"CREATE TABLE receivables ("
	" id INTEGER PRIMARY KEY, number TEXT NOT NULL,"
	" contract_id INTEGER NOT NULL REFERENCES contracts(id),"
	" plan_id INTEGER REFERENCES receivable_plans(id),"
	" customer_id INTEGER NOT NULL REFERENCES customers(id),"
	" received_date TEXT NOT NULL, amount_fen INTEGER NOT NULL, method TEXT,"
	" owner_id INTEGER REFERENCES users(id), note TEXT,"
	" status TEXT NOT NULL DEFAULT 'draft', submitted_at TEXT,"
	" approver_id INTEGER REFERENCES users(id), decided_at TEXT, approval_comment TEXT,"
	" created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT);"
	"CREATE UNIQUE INDEX receivables_number ON receivables(number);"
	"CREATE INDEX receivables_contract ON receivables(contract_id) WHERE deleted_at IS NULL;"
	"CREATE INDEX receivables_plan ON receivables(plan_id) WHERE plan_id IS NOT NULL;"
	"CREATE INDEX receivables_customer ON receivables(customer_id) WHERE deleted_at IS NULL;"
	"CREATE INDEX receivables_status ON receivables(status) WHERE deleted_at IS NULL;";
/* Visit plans rejected with a comment (issue 13, part 6;
 * service/work/visit_plan.h): who, when and why, beside the approval's who
 * and when. */
static const char migration_24[] =
	"ALTER TABLE activities ADD COLUMN rejected_by INTEGER REFERENCES users(id);"
	"ALTER TABLE activities ADD COLUMN rejected_at TEXT;"
	"ALTER TABLE activities ADD COLUMN reject_comment TEXT;";

/* Opportunities' product lines (商机产品明细, yudao crm_business_product),
 * shaped as a contract's; they stay with a soft-deleted opportunity. */
static const char migration_25[] =
	"CREATE TABLE opportunity_lines ("
	" id INTEGER PRIMARY KEY, opportunity_id INTEGER NOT NULL REFERENCES opportunities(id),"
	" product_id INTEGER NOT NULL REFERENCES products(id),"
	" quantity INTEGER NOT NULL, unit_price_fen INTEGER NOT NULL,"
	" amount_fen INTEGER NOT NULL);"
	"CREATE INDEX opportunity_lines_opportunity ON opportunity_lines(opportunity_id);";

/* Daily and weekly reports (日报/周报, issue 14 part 3; service/work/report.h):
 * the sales diary's fields (DOMAIN 3), one per author, kind and period (the
 * day, or the Monday of the week), submitted once; managers' comments and
 * who has read one. */
static const char migration_27[] =
	"CREATE TABLE reports ("
	" id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES users(id),"
	" kind TEXT NOT NULL CHECK (kind IN ('daily','weekly')), period_start TEXT NOT NULL,"
	" work_done TEXT, gains TEXT, losses TEXT, improve TEXT, customer_feedback TEXT,"
	" handling TEXT, reflection TEXT, plan TEXT,"
	" status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted')),"
	" submitted_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
	" UNIQUE (author_id, kind, period_start));"
	"CREATE INDEX reports_period ON reports(kind, period_start);"
	"CREATE TABLE report_comments ("
	" id INTEGER PRIMARY KEY, report_id INTEGER NOT NULL REFERENCES reports(id),"
	" author_id INTEGER NOT NULL REFERENCES users(id), body TEXT NOT NULL,"
	" created_at TEXT NOT NULL);"
	"CREATE INDEX report_comments_report ON report_comments(report_id);"
	"CREATE TABLE report_reads ("
	" report_id INTEGER NOT NULL REFERENCES reports(id),"
	" reader_id INTEGER NOT NULL REFERENCES users(id), read_at TEXT NOT NULL,"
	" PRIMARY KEY (report_id, reader_id));";
/* The to-do centre (待办, issue 14; service/work/todo.h): what a user marked
 * done or snoozed, keyed by the item's due day so that it comes back when
 * that day changes (a new next-contact date, next year's birthday); and the
 * partial indexes that let each kind's count read one index range (store/
 * work/todos.c): next-contact dates with and without their owner, open
 * tasks, new leads, open plans, contracts by end, undecided visit plans,
 * key accounts, and the month-days of birthdays, founding days, first deals
 * and important dates. */
static const char migration_26[] =
	"CREATE TABLE todo_marks ("
	" user_id INTEGER NOT NULL REFERENCES users(id), kind TEXT NOT NULL,"
	" ref_type TEXT NOT NULL, ref_id INTEGER NOT NULL, due TEXT NOT NULL,"
	" done INTEGER NOT NULL DEFAULT 0, snoozed_until TEXT, marked_at TEXT NOT NULL,"
	" PRIMARY KEY (user_id, kind, ref_type, ref_id, due));"
	"CREATE INDEX customers_next_contact ON customers(next_contact_date)"
	" WHERE deleted_at IS NULL AND next_contact_date IS NOT NULL;"
	"CREATE INDEX customers_owner_next_contact ON customers(owner_id, next_contact_date)"
	" WHERE deleted_at IS NULL AND next_contact_date IS NOT NULL;"
	"CREATE INDEX contacts_next_contact ON contacts(next_contact_date)"
	" WHERE deleted_at IS NULL AND next_contact_date IS NOT NULL;"
	"CREATE INDEX opportunities_next_contact ON opportunities(next_contact_date)"
	" WHERE deleted_at IS NULL AND next_contact_date IS NOT NULL;"
	"CREATE INDEX tasks_open_due ON tasks(user_id, due_date)"
	" WHERE deleted_at IS NULL AND done = 0;"
	"CREATE INDEX leads_new ON leads(owner_id) WHERE deleted_at IS NULL AND status = 'new';"
	"CREATE INDEX receivable_plans_open ON receivable_plans(due_date)"
	" WHERE deleted_at IS NULL AND paid_date IS NULL;"
	"CREATE INDEX contracts_approved_end ON contracts(end_date)"
	" WHERE deleted_at IS NULL AND status = 'approved';"
	"CREATE INDEX activities_visit_undecided ON activities(customer_id)"
	" WHERE deleted_at IS NULL AND kind = 'visit' AND approved_by IS NULL"
	" AND rejected_by IS NULL;"
	"CREATE INDEX customers_key_accounts ON customers(owner_id)"
	" WHERE deleted_at IS NULL AND key_account = 1;"
	"CREATE INDEX contacts_birthday_md ON contacts(substr(birthday, 6, 5))"
	" WHERE deleted_at IS NULL AND birthday IS NOT NULL;"
	"CREATE INDEX customers_founded_md ON customers(substr(founded_on, 6, 5))"
	" WHERE deleted_at IS NULL AND founded_on IS NOT NULL;"
	"CREATE INDEX customers_won_md ON customers(substr(won_on, 6, 5))"
	" WHERE deleted_at IS NULL AND won_on IS NOT NULL;"
	"CREATE INDEX important_dates_md ON important_dates(substr(date, 6, 5))"
	" WHERE deleted_at IS NULL;";

/* Migration 29, reminders (issue 14 part 2; service/comms/remind.h): the to-do centre's
 * items as in-app notifications, one per user, kind, item and due day (the
 * job adds the missing ones, so a second run adds nothing); each user's
 * reminder settings (no row: the defaults); and one row per user and day of
 * the e-mail digest, so that a sent one is never sent again and a failed
 * one is tried again at the next run. The mail.* settings that send it come
 * from the registry's seed (store/settings_registry.c). */
static const char migration_29[] =
	"CREATE TABLE notifications ("
	" id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id),"
	" kind TEXT NOT NULL, ref_type TEXT NOT NULL, ref_id INTEGER NOT NULL,"
	" due TEXT NOT NULL, title TEXT, customer_id INTEGER, customer_name TEXT,"
	" created_at TEXT NOT NULL, read_at TEXT,"
	" UNIQUE (user_id, kind, ref_type, ref_id, due));"
	"CREATE INDEX notifications_user ON notifications(user_id, id);"
	"CREATE INDEX notifications_unread ON notifications(user_id, id) WHERE read_at IS NULL;"
	"CREATE TABLE reminder_prefs ("
	" user_id INTEGER PRIMARY KEY REFERENCES users(id),"
	" in_app INTEGER NOT NULL DEFAULT 1, email INTEGER NOT NULL DEFAULT 0,"
	" digest_hour INTEGER NOT NULL DEFAULT 8 CHECK (digest_hour BETWEEN 0 AND 23),"
	" kinds TEXT, lang TEXT NOT NULL DEFAULT 'zh' CHECK (lang IN ('zh','en')),"
	" updated_at TEXT NOT NULL);"
	"CREATE TABLE reminder_digests ("
	" user_id INTEGER NOT NULL REFERENCES users(id), day TEXT NOT NULL,"
	" status TEXT NOT NULL CHECK (status IN ('sending','sent','failed')),"
	" attempts INTEGER NOT NULL DEFAULT 0, items INTEGER NOT NULL DEFAULT 0, error TEXT,"
	" sent_at TEXT, updated_at TEXT NOT NULL, PRIMARY KEY (user_id, day));";

/* Migration 30, the key accounts' to-do (issue 14): the partial index of
 * migration 26 led with owner_id, which the owner index has too, and with no
 * sqlite_stat1 the planner took the owner index and read every customer
 * (2.2 s at 1M). Led by key_account, the index matches the kind's equality
 * term as well, so its page and count read the key accounts alone. */
static const char migration_30[] =
	"DROP INDEX customers_key_accounts;"
	"CREATE INDEX customers_key_accounts ON customers(key_account, owner_id)"
	" WHERE deleted_at IS NULL AND key_account = 1;";

static const char *const migrations[] = {
	migration_1,
	migration_2,
	migration_3,
	migration_4,
	migration_5,
	migration_6,
	migration_7,
	migration_8,
	migration_9,
	migration_10,
	migration_11,
	migration_12,
	migration_13,
	migration_14,
	migration_15,
	migration_16,
	migration_17,
	migration_18,
	migration_19,
	migration_20,
	migration_21,
	migration_22,
	migration_23,
	migration_24,
	migration_25,
	migration_26,
	migration_27,
	kh_store_migration_28, /* store/sales/targets_schema.c */
	migration_29,
	migration_30,
	kh_store_migration_31, /* store/comms/campaigns_schema.c */
};

int kh_schema_count(void)
{
	return (int)(sizeof(migrations) / sizeof(migrations[0]));
}

const char *kh_schema_migration(int version)
{
	if (version < 1 || version > kh_schema_count())
		return NULL;
	return migrations[version - 1];
}
