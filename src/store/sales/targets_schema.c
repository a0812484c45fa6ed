/*
 * targets_schema.c: migration 28 (see schema.c): the tables of targets
 * (业绩目标), the weekly reasons, the monthly sums of contracts and receipts
 * with the triggers that keep them, and the indexes the actuals read. Apart
 * from schema.c so that each file stays short; schema.c lists it in order.
 */
#include "store/sales/targets.h"

#include "base/banned.h"

/* The month ("YYYY-MM") a contract counts in: its signed date's, else the
 * day it was approved (p: "", "NEW." or "OLD."). */
#define K_MONTH(p) "coalesce(substr(coalesce(" p "signed_date, " p "decided_at), 1, 7), '0000-00')"
/* The triggers that keep sales_actuals (metric: the month's sum per owner of
 * approved, live rows of table) in step with every write: an insert adds, a
 * delete takes away, an update of cols does both (service/sales/targets.h). */
#define ACTUAL_ADD(metric, row, col, month)                                                  \
	" INSERT INTO sales_actuals (metric, owner_id, month, amount) SELECT '" metric "',"    \
	" coalesce(" row ".owner_id, 0), " month ", " row "." col " WHERE " row ".status ="    \
	" 'approved' AND " row ".deleted_at IS NULL ON CONFLICT (metric, owner_id, month)"     \
	" DO UPDATE SET amount = amount + excluded.amount;"
#define ACTUAL_SUB(metric, row, col, month)                                                  \
	" UPDATE sales_actuals SET amount = amount - " row "." col " WHERE " row ".status ="   \
	" 'approved' AND " row ".deleted_at IS NULL AND metric = '" metric "'"                 \
	" AND owner_id = coalesce(" row ".owner_id, 0) AND month = " month ";"
#define ACTUAL_TRIGGERS(metric, table, col, new_month, old_month, cols)                      \
	"CREATE TRIGGER sales_actuals_" table "_insert AFTER INSERT ON " table " BEGIN"        \
	ACTUAL_ADD(metric, "NEW", col, new_month) " END;"                                       \
	"CREATE TRIGGER sales_actuals_" table "_delete AFTER DELETE ON " table " BEGIN"        \
	ACTUAL_SUB(metric, "OLD", col, old_month) " END;"                                       \
	"CREATE TRIGGER sales_actuals_" table "_update AFTER UPDATE OF " cols " ON " table     \
	" BEGIN" ACTUAL_SUB(metric, "OLD", col, old_month)                                     \
	ACTUAL_ADD(metric, "NEW", col, new_month) " END;"

/* Targets (业绩目标, issue 14 part 4; service/sales/targets.h): per rep, team
 * or the company (scope_id 0), per year, metric and month, one amount (fen
 * for contracts and receipts, a count for new customers); a rep's reason in
 * the weekly progress table, per ISO week ("2026-W49") and metric; and the
 * monthly sums of approved contracts and receipts per owner (sales_actuals,
 * kept by triggers) that answer a target's months without reading the
 * records; and the indexes that answer the actuals of any period, for
 * everyone (by day) and per owner (by owner and day): approved contracts by
 * their day (signed, else decided), approved receipts, new customers and
 * done activities. */
const char kh_store_migration_28[] =
	"CREATE TABLE sales_targets ("
	" scope_kind TEXT NOT NULL CHECK (scope_kind IN ('rep','team','company')),"
	" scope_id INTEGER NOT NULL, year INTEGER NOT NULL,"
	" metric TEXT NOT NULL CHECK (metric IN ('contracts','receipts','new_customers')),"
	" month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),"
	" amount INTEGER NOT NULL CHECK (amount >= 0),"
	" set_by INTEGER REFERENCES users(id), updated_at TEXT NOT NULL,"
	" PRIMARY KEY (scope_kind, scope_id, year, metric, month));"
	"CREATE TABLE sales_week_reasons ("
	" user_id INTEGER NOT NULL REFERENCES users(id), week TEXT NOT NULL,"
	" metric TEXT NOT NULL, reason TEXT NOT NULL, updated_at TEXT NOT NULL,"
	" PRIMARY KEY (user_id, week, metric));"
	"CREATE TABLE sales_actuals ("
	" metric TEXT NOT NULL, owner_id INTEGER NOT NULL, month TEXT NOT NULL,"
	" amount INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (metric, owner_id, month));"
	"INSERT INTO sales_actuals (metric, owner_id, month, amount)"
	" SELECT 'contracts', coalesce(owner_id, 0), " K_MONTH("") ", sum(total_fen)"
	" FROM contracts WHERE deleted_at IS NULL AND status = 'approved' GROUP BY 1, 2, 3;"
	"INSERT INTO sales_actuals (metric, owner_id, month, amount)"
	" SELECT 'receipts', coalesce(owner_id, 0), substr(received_date, 1, 7), sum(amount_fen)"
	" FROM receivables WHERE deleted_at IS NULL AND status = 'approved' GROUP BY 1, 2, 3;"
	ACTUAL_TRIGGERS("contracts", "contracts", "total_fen", K_MONTH("NEW."), K_MONTH("OLD."),
			"status, deleted_at, owner_id, signed_date, decided_at, total_fen")
	ACTUAL_TRIGGERS("receipts", "receivables", "amount_fen", "substr(NEW.received_date, 1, 7)",
			"substr(OLD.received_date, 1, 7)",
			"status, deleted_at, owner_id, received_date, amount_fen")
	"CREATE INDEX contracts_owner_day ON contracts(owner_id, signed_date, total_fen)"
	" WHERE deleted_at IS NULL AND status = 'approved';"
	"CREATE INDEX contracts_approved_day ON contracts(signed_date, owner_id, total_fen)"
	" WHERE deleted_at IS NULL AND status = 'approved';"
	"CREATE INDEX contracts_approved_undated ON contracts(decided_at)"
	" WHERE deleted_at IS NULL AND status = 'approved' AND signed_date IS NULL;"
	"CREATE INDEX receivables_owner_day ON receivables(owner_id, received_date, amount_fen)"
	" WHERE deleted_at IS NULL AND status = 'approved';"
	"CREATE INDEX receivables_approved_day ON receivables(received_date, owner_id, amount_fen)"
	" WHERE deleted_at IS NULL AND status = 'approved';"
	"CREATE INDEX customers_owner_created ON customers(owner_id, created_at)"
	" WHERE deleted_at IS NULL AND merged_into IS NULL;"
	"CREATE INDEX customers_created ON customers(created_at, owner_id)"
	" WHERE deleted_at IS NULL AND merged_into IS NULL;"
	"CREATE INDEX activities_user_done ON activities(user_id, activity_date, kind)"
	" WHERE deleted_at IS NULL AND status = 'done';"
	"CREATE INDEX activities_done_day ON activities(activity_date, user_id, kind)"
	" WHERE deleted_at IS NULL AND status = 'done';";
