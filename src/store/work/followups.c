/*
 * followups.c: the follow-up fields of customers, contacts and opportunities
 * (see followups.h). One UPDATE with a row-value subquery per record: the
 * activities' indexes by customer, contact and opportunity give the latest
 * follow-up without a sort.
 */
#include "store/work/followups.h"

#include "base/banned.h"

#define SET_FIELDS " SET (last_contact_date, last_contact_note, next_contact_date) = ("

int kh_store_followup_refresh(struct kh_store *st, enum kh_followup_owner kind, int64_t id,
			      struct kh_error *err)
{
	static const char *const sql[] = {
		[KH_FOLLOWUP_CUSTOMER] = "UPDATE customers" SET_FIELDS KH_STORE_FOLLOWUP_PICK
			" WHERE a.customer_id = ?1 AND " KH_STORE_FOLLOWUP_WHERE
			KH_STORE_FOLLOWUP_LATEST ") WHERE id = ?1",
		[KH_FOLLOWUP_CONTACT] = "UPDATE contacts" SET_FIELDS KH_STORE_FOLLOWUP_PICK
			" WHERE a.contact_id = ?1 AND " KH_STORE_FOLLOWUP_WHERE
			KH_STORE_FOLLOWUP_LATEST ") WHERE id = ?1",
		[KH_FOLLOWUP_OPPORTUNITY] = "UPDATE opportunities" SET_FIELDS KH_STORE_FOLLOWUP_PICK
			" WHERE a.opportunity_id = ?1 AND a.opportunity_id IS NOT NULL AND "
			KH_STORE_FOLLOWUP_WHERE KH_STORE_FOLLOWUP_LATEST ") WHERE id = ?1",
	};
	sqlite3_stmt *s;
	int rc;

	if ((unsigned)kind > KH_FOLLOWUP_OPPORTUNITY || id <= 0)
		return 0;
	if (!(s = kh_store_stmt(st, sql[kind], err)))
		return KH_EDB;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : kh_store_fail(st, err);
}

int kh_store_followup_fill(struct kh_store *st, struct kh_error *err)
{
	static const char *const fills[] = {KH_STORE_FOLLOWUP_FILL_CUSTOMERS,
					     KH_STORE_FOLLOWUP_FILL_CONTACTS,
					     KH_STORE_FOLLOWUP_FILL_OPPORTUNITIES};

	for (size_t i = 0; i < sizeof(fills) / sizeof(fills[0]); i++) {
		sqlite3_stmt *s = kh_store_stmt(st, fills[i], err);
		int rc;

		if (!s)
			return KH_EDB;
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return kh_store_fail(st, err);
	}
	return 0;
}
