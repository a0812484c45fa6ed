/*
 * pipeline_counts.c: the triggers and the recount of pipeline_counts (see
 * pipeline_counts.h). Constant texts: trigger bodies take no bound
 * parameters, and nothing here varies.
 *
 * Portable SQL but for the trigger wrapper, as in store/counts.c.
 */
#include "store/sales/pipeline_counts.h"

#include "base/banned.h"

#define COLUMNS " (stage, owner, holder, pool, n, amount_fen, weighted_x100)"

#define UPSERT                                                                   \
	" ON CONFLICT (stage, owner, holder, pool) DO UPDATE SET"                    \
	" n = pipeline_counts.n + excluded.n,"                                       \
	" amount_fen = pipeline_counts.amount_fen + excluded.amount_fen,"            \
	" weighted_x100 = pipeline_counts.weighted_x100 + excluded.weighted_x100;"

/* The holder and pool of opportunity r's customer (pipeline_counts.h). */
#define HOLDER(r)                                                                 \
	"coalesce((SELECT CASE WHEN c.deleted_at IS NULL THEN coalesce(c.owner_id, 0)" \
	" ELSE -1 END FROM customers c WHERE c.id = " r ".customer_id), -1)"
#define POOL(r)                                                                   \
	"coalesce((SELECT CASE WHEN c.in_pool = 1 THEN 1 ELSE 0 END FROM customers c"  \
	" WHERE c.id = " r ".customer_id AND c.deleted_at IS NULL), 0)"

/* Add (sign "+") or take away ("-") opportunity r, if it is live. */
#define BUMP(r, sign)                                                             \
	" INSERT INTO pipeline_counts" COLUMNS " SELECT " r ".stage, coalesce(" r      \
	".owner_id, 0), " HOLDER(r) ", " POOL(r) ", " sign "1, " sign "coalesce(" r      \
	".amount_fen, 0), " sign "coalesce(" r ".amount_fen * " r ".probability, 0)"   \
	" WHERE " r ".deleted_at IS NULL" UPSERT

/* Move customer r's live opportunities to (sign "+") or from ("-") r's key. */
#define MOVE(r, sign)                                                             \
	" INSERT INTO pipeline_counts" COLUMNS " SELECT g.stage, g.owner,"             \
	" CASE WHEN " r ".deleted_at IS NULL THEN coalesce(" r ".owner_id, 0) ELSE -1"  \
	" END, CASE WHEN " r ".deleted_at IS NULL AND " r ".in_pool = 1 THEN 1 ELSE 0"  \
	" END, " sign "g.n, " sign "g.amount_fen, " sign "g.weighted_x100 FROM ("      \
	"SELECT t.stage AS stage, coalesce(t.owner_id, 0) AS owner, count(*) AS n,"    \
	" coalesce(sum(t.amount_fen), 0) AS amount_fen,"                               \
	" coalesce(sum(t.amount_fen * t.probability), 0) AS weighted_x100"             \
	" FROM opportunities t WHERE t.customer_id = " r ".id AND t.deleted_at IS NULL" \
	" GROUP BY 1, 2) g WHERE g.n > 0" UPSERT

static const char install[] =
	"DELETE FROM pipeline_counts;"
	"INSERT INTO pipeline_counts" COLUMNS " SELECT t.stage, coalesce(t.owner_id, 0),"
	" CASE WHEN c.id IS NULL OR c.deleted_at IS NOT NULL THEN -1"
	" ELSE coalesce(c.owner_id, 0) END,"
	" CASE WHEN c.deleted_at IS NULL AND c.in_pool = 1 THEN 1 ELSE 0 END,"
	" count(*), coalesce(sum(t.amount_fen), 0),"
	" coalesce(sum(t.amount_fen * t.probability), 0)"
	" FROM opportunities t LEFT JOIN customers c ON c.id = t.customer_id"
	" WHERE t.deleted_at IS NULL GROUP BY 1, 2, 3, 4;"
	"CREATE TRIGGER list_counts_pipeline_insert AFTER INSERT ON opportunities BEGIN"
	BUMP("new", "+") " END;"
	"CREATE TRIGGER list_counts_pipeline_delete AFTER DELETE ON opportunities BEGIN"
	BUMP("old", "-") " END;"
	"CREATE TRIGGER list_counts_pipeline_update AFTER UPDATE OF"
	" stage, owner_id, amount_fen, probability, customer_id, deleted_at"
	" ON opportunities BEGIN" BUMP("old", "-") BUMP("new", "+") " END;"
	/* the same moves as list_counts_customers_move (store/counts.c) */
	"CREATE TRIGGER list_counts_pipeline_move AFTER UPDATE OF"
	" owner_id, in_pool, deleted_at ON customers"
	" WHEN old.owner_id IS NOT new.owner_id OR old.in_pool IS NOT new.in_pool"
	" OR (old.deleted_at IS NULL) <> (new.deleted_at IS NULL) BEGIN"
	MOVE("old", "-") MOVE("new", "+") " END;";

static const char drop[] =
	"DROP TRIGGER IF EXISTS list_counts_pipeline_insert;"
	"DROP TRIGGER IF EXISTS list_counts_pipeline_delete;"
	"DROP TRIGGER IF EXISTS list_counts_pipeline_update;"
	"DROP TRIGGER IF EXISTS list_counts_pipeline_move;";

const char *kh_pipeline_counts_install_sql(void)
{
	return install;
}

const char *kh_pipeline_counts_drop_sql(void)
{
	return drop;
}
