/* history.c: a customer's audit entries (see history.h). */
#include "store/customers/history.h"

#include "base/banned.h"

/* One branch per kind of record: each reads the audit_log_entity index
 * (entity, entity_id) for the ids of that customer's rows, so a long log
 * costs only this file's entries. */
#define BRANCH(ENTITY, TABLE)                                                      \
	" UNION ALL SELECT id, at, user_id, action, entity, entity_id, changes"     \
	" FROM audit_log WHERE entity = '" ENTITY "' AND id < ?1 AND entity_id IN"  \
	" (SELECT id FROM " TABLE " WHERE customer_id = ?2)"

int kh_store_customer_audit(struct kh_store *st, int64_t customer_id, int64_t before,
			    int64_t limit, json_t **out, struct kh_error *err)
{
	sqlite3_stmt *s = kh_store_stmt(
		st,
		"SELECT * FROM (SELECT id, at, user_id, action, entity, entity_id, changes"
		" FROM audit_log WHERE entity = 'customer' AND entity_id = ?2 AND id < ?1"
		BRANCH("contact", "contacts") BRANCH("order", "orders")
		BRANCH("payment", "receivable_plans")
		BRANCH("receivable_plan", "receivable_plans") BRANCH("opportunity", "opportunities")
		BRANCH("activity", "activities") BRANCH("contract", "contracts")
		BRANCH("receivable", "receivables")
		") AS entries ORDER BY id DESC LIMIT ?3",
		err);

	if (!s)
		return KH_EDB;
	sqlite3_bind_int64(s, 1, before > 0 ? before : INT64_MAX);
	sqlite3_bind_int64(s, 2, customer_id);
	sqlite3_bind_int64(s, 3, limit);
	return kh_store_rows_json(st, s, out, err);
}
