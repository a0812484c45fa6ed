/*
 * followups.h: a record's follow-up fields (跟进: last contact date and
 * what was said, next contact date) kept from its activities: the latest
 * done activity that is not a note, of a customer, a contact or an
 * opportunity. Derived, like the search keys: recomputed from the
 * activities, never edited.
 */
#ifndef KH_STORE_FOLLOWUPS_H
#define KH_STORE_FOLLOWUPS_H

#include <stdint.h>

#include "base/error.h"
#include "store/store.h"

enum kh_followup_owner { KH_FOLLOWUP_CUSTOMER, KH_FOLLOWUP_CONTACT, KH_FOLLOWUP_OPPORTUNITY };

/* Recompute the follow-up fields of record id of kind from its activities. */
int kh_store_followup_refresh(struct kh_store *st, enum kh_followup_owner kind, int64_t id,
			      struct kh_error *err);

/* What counts as a follow-up, as SQL over activities a (the migration's fill
 * and the refresh share it). */
#define KH_STORE_FOLLOWUP_WHERE \
	"a.deleted_at IS NULL AND a.status = 'done' AND a.kind <> 'note'"
/* The three fields from the latest follow-up, in the order of the columns. */
#define KH_STORE_FOLLOWUP_PICK \
	"SELECT a.activity_date, coalesce(nullif(a.note, ''), a.subject), a.next_date" \
	" FROM activities a"
#define KH_STORE_FOLLOWUP_LATEST " ORDER BY a.activity_date DESC, a.id DESC LIMIT 1"
/* Every record's fields from its activities (the migration's fill, and
 * kh_store_followup_fill's after a bulk load), one statement per table. */
#define KH_STORE_FOLLOWUP_FILL(table, column, extra) \
	"UPDATE " table " SET (last_contact_date, last_contact_note, next_contact_date) = (" \
	KH_STORE_FOLLOWUP_PICK " WHERE a." column " = " table ".id" extra " AND " \
	KH_STORE_FOLLOWUP_WHERE KH_STORE_FOLLOWUP_LATEST ")"
#define KH_STORE_FOLLOWUP_FILL_CUSTOMERS KH_STORE_FOLLOWUP_FILL("customers", "customer_id", "")
#define KH_STORE_FOLLOWUP_FILL_CONTACTS KH_STORE_FOLLOWUP_FILL("contacts", "contact_id", "")
#define KH_STORE_FOLLOWUP_FILL_OPPORTUNITIES \
	KH_STORE_FOLLOWUP_FILL("opportunities", "opportunity_id", " AND a.opportunity_id IS NOT NULL")

/* Fill every record's fields (after a bulk load that wrote no hooks). */
int kh_store_followup_fill(struct kh_store *st, struct kh_error *err);

#endif
