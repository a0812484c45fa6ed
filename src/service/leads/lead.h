/*
 * lead.h: leads (线索, issue 13). A lead is a person or company not yet a
 * customer, owned by a rep: its owner stands where a customer's owner
 * would for who sees and changes it (service/permission.c). The generic
 * engine (service/entity.c) creates, lists, changes and deletes leads; this
 * module adds what is theirs: who owns a new lead, the follow-ups and the
 * conversion into a customer, exactly once.
 */
#ifndef KH_LEAD_H
#define KH_LEAD_H

#include <jansson.h>
#include <stdint.h>

#include "base/error.h"
#include "service/context.h"

/* The stable code of a second conversion's error (409), in its "code". */
#define KH_LEAD_CONVERTED_CODE "lead_converted"

/* check_write hook of the lead entity (fields.c): a new lead is the actor's
 * and in the actor's team unless told otherwise; a sales rep names only
 * themselves as owner, a manager anyone in their scope (KH_EPERM naming
 * "owner"); status "converted" is set by the conversion alone and a
 * converted lead keeps it (KH_EINVAL / KH_ECONFLICT naming "status"). */
int kh_lead_check_write(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *cols,
			struct kh_error *err);

/* Log a follow-up of lead_id (input: "kind" (required), "date" (default
 * today), "subject", "note", "next_date", as an activity's), as an activity
 * of the lead by the actor, and update the lead: last_contact_at (now),
 * last_contact_note (the note, else the subject), next_contact_date, and
 * status new -> following. The actor must be able to change the lead.
 * *activity_id receives the new activity's id. */
int kh_lead_followup(struct kh_ctx *ctx, int64_t lead_id, json_t *input, int64_t *activity_id,
		     struct kh_error *err);

/* {"items": [...]}: the live follow-ups of a lead the actor sees, newest
 * first, as activities are shown. */
int kh_lead_followups(struct kh_ctx *ctx, int64_t lead_id, json_t **out, struct kh_error *err);

/* Convert lead_id into a customer in one transaction: the customer (name:
 * the company, else the lead's name; phone, email, region, address, source,
 * industry as segment; team; owner: the lead's owner), a contact from the
 * lead's person (name, mobile, phone, email), with input "opportunity" (an
 * object of opportunity fields) an opportunity of the customer, and input
 * "customer" (an object of customer fields) overriding what the lead gives.
 * The customer passes duplicate control as a create does (input "force":
 * a manager's or admin's override; a rep's force is KH_EPERM). The lead's
 * activities move to the customer, the lead records converted_customer_id,
 * converted_at and status converted, the audit log says so on both. The
 * actor must be able to change the lead. A lead converted before:
 * KH_ECONFLICT with code KH_LEAD_CONVERTED_CODE in ctx->error_detail and
 * the message "the lead is already converted".
 * *out: {"lead", "customer", "contact", "opportunity" (ids; null when none),
 * "activities_moved"}. */
int kh_lead_convert(struct kh_ctx *ctx, int64_t lead_id, json_t *input, json_t **out,
		    struct kh_error *err);

#endif
