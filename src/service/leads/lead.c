/*
 * lead.c: what leads add to the generic engine (see lead.h): the owner of
 * a new lead, follow-ups and the conversion. Every write runs in one
 * transaction; the conversion nests the generic creates of the customer,
 * contact and opportunity in its own, so any refusal (a duplicate, a bad
 * opportunity field, the owner's cap) leaves nothing behind.
 */
#include "service/leads/lead.h"

#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "service/customers/duplicates.h"
#include "service/customers/ownership.h"
#include "service/entity.h"
#include "service/permission.h"
#include "store/leads/leads.h"
#include "store/work/followups.h"
#include "base/banned.h"

static const char *status_of(json_t *row)
{
	const char *s = json_string_value(json_object_get(row, "status"));

	return s ? s : "";
}

int kh_lead_check_write(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *cols,
			struct kh_error *err)
{
	json_t *status = json_object_get(cols, "status"), *owner = json_object_get(cols, "owner_id");
	json_t *as_user = NULL, *old_user = NULL;
	int rc;

	(void)id;
	if (old && strcmp(status_of(old), "converted") == 0 && status &&
	    strcmp(json_string_value(status) ? json_string_value(status) : "", "converted"))
		return kh_error_set(err, KH_ECONFLICT, "status", "the lead is "
				    "already converted: its status stays converted");
	if (status && json_is_string(status) && strcmp(json_string_value(status), "converted") == 0 &&
	    !(old && strcmp(status_of(old), "converted") == 0))
		return kh_error_set(err, KH_EINVAL, "status", "status converted is set by "
				    "converting the lead (kehu lead convert, POST "
				    "/api/v1/leads/{id}/convert)");
	if (!old && !json_object_get(cols, "team_id") && ctx->actor.team_id)
		json_object_set_new(cols, "team_id", json_integer(ctx->actor.team_id));
	/* Who owns a lead is checked as who an activity is logged as: a rep
	 * names only themselves, a manager anyone in scope. */
	if (!owner && old)
		return 0;
	as_user = json_object();
	if (owner)
		json_object_set(as_user, "user_id", owner);
	if (old)
		old_user = json_pack("{s:O}", "user_id", json_object_get(old, "owner_id"));
	rc = kh_perm_record_user(ctx, "leads", as_user, old_user, err);
	if (rc == 0 && !owner && json_is_integer(json_object_get(as_user, "user_id")))
		json_object_set(cols, "owner_id", json_object_get(as_user, "user_id"));
	if (rc && err && strcmp(err->field, "user") == 0)
		snprintf(err->field, sizeof(err->field), "owner");
	json_decref(as_user);
	json_decref(old_user);
	return rc;
}

/* The live lead id, if the actor sees it (and, with write, may change it). */
static int lead_load(struct kh_ctx *ctx, int64_t id, bool write, json_t **row,
		     struct kh_error *err)
{
	int rc = kh_store_get(ctx->store, "leads", id, row, err);

	if (rc == 0 && !json_is_null(json_object_get(*row, "deleted_at")))
		rc = KH_ENOTFOUND;
	if (rc == 0)
		rc = kh_perm_user_record(ctx, json_integer_value(json_object_get(*row, "owner_id")),
					 write, "lead", id, err);
	if (rc) {
		json_decref(*row);
		*row = NULL;
	}
	if (rc == KH_ENOTFOUND)
		return kh_error_set(err, KH_ENOTFOUND, "id", "no lead with id %lld", (long long)id);
	return rc;
}

/* The follow-up's columns from input, checked by the activity's fields. */
static int followup_columns(struct kh_ctx *ctx, json_t *input, json_t *cols,
			    struct kh_error *err)
{
	static const char *const names[] = {"kind", "date", "subject", "note", "next_date"};
	const char *key;
	json_t *v, *cv = NULL;
	char today[11];
	int rc;

	if (!json_is_object(input))
		return kh_error_set(err, KH_EINVAL, "", "the follow-up must be a JSON object");
	json_object_foreach(input, key, v) {
		const struct kh_field *f = NULL;

		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (strcmp(key, names[i]) == 0)
				f = kh_entity_field(&kh_activity_entity, key);
		if (!f)
			return kh_error_set(err, KH_EINVAL, key, "a lead's follow-up has no field %s "
					    "(kind, date, subject, note, next_date)", key);
		if ((rc = kh_entity_value(ctx, f, v, &cv, err)))
			return rc;
		json_object_set_new(cols, f->column, cv);
	}
	if (!json_is_string(json_object_get(cols, "kind")))
		return kh_error_set(err, KH_EINVAL, "kind", "kind is required");
	if (!json_is_string(json_object_get(cols, "activity_date"))) {
		kh_date_format(kh_today(), today);
		json_object_set_new(cols, "activity_date", json_string(today));
	}
	return 0;
}

int kh_lead_followup(struct kh_ctx *ctx, int64_t lead_id, json_t *input, int64_t *activity_id,
		     struct kh_error *err)
{
	json_t *lead = NULL, *cols = json_object(), *upd = NULL, *audit = NULL, *note;
	int64_t new_id = 0;
	char now[21];
	int rc;

	if ((rc = kh_store_begin(ctx->store, err)))
		goto out;
	if ((rc = lead_load(ctx, lead_id, true, &lead, err)) ||
	    (rc = followup_columns(ctx, input, cols, err)))
		goto out;
	json_object_set_new(cols, "lead_id", json_integer(lead_id));
	json_object_set_new(cols, "status", json_string("done"));
	if (ctx->actor.user_id)
		json_object_set_new(cols, "user_id", json_integer(ctx->actor.user_id));
	if ((rc = kh_store_insert(ctx->store, "activities", cols, &new_id, err)))
		goto out;
	kh_now_iso(now);
	note = json_object_get(cols, "note");
	if (!json_is_string(note))
		note = json_object_get(cols, "subject");
	upd = json_pack("{s:s, s:O}", "last_contact_at", now, "last_contact_note",
			json_is_string(note) ? note : json_null());
	if (json_object_get(cols, "next_date"))
		json_object_set(upd, "next_contact_date", json_object_get(cols, "next_date"));
	if (strcmp(status_of(lead), "new") == 0)
		json_object_set_new(upd, "status", json_string("following"));
	audit = json_pack("{s:I}", "activity", (json_int_t)new_id);
	if ((rc = kh_store_update(ctx->store, "leads", lead_id, upd, err)) ||
	    (rc = kh_store_audit(ctx->store, ctx->actor.user_id, "followup", "lead", lead_id,
				 audit, err)))
		goto out;
	rc = kh_store_commit(ctx->store, err);
out:
	if (rc)
		kh_store_rollback(ctx->store);
	else
		*activity_id = new_id;
	json_decref(lead);
	json_decref(cols);
	json_decref(upd);
	json_decref(audit);
	return rc;
}

int kh_lead_followups(struct kh_ctx *ctx, int64_t lead_id, json_t **out, struct kh_error *err)
{
	json_t *lead = NULL, *rows = NULL, *items, *row;
	size_t i;
	int rc;

	if ((rc = lead_load(ctx, lead_id, false, &lead, err)) ||
	    (rc = kh_store_lead_activities(ctx->store, lead_id, &rows, err)))
		goto out;
	items = json_array();
	json_array_foreach(rows, i, row)
		json_array_append_new(items, kh_entity_present(&kh_activity_entity, row, 3));
	*out = json_pack("{s:o}", "items", items);
out:
	json_decref(lead);
	json_decref(rows);
	return rc;
}

/* Copy the members of lead named in pairs {lead column, input name} that
 * hold a value into input (an existing member stays). */
static void take(json_t *input, json_t *lead, const char *const (*pairs)[2], size_t n)
{
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_object_get(lead, pairs[i][0]);

		if (v && !json_is_null(v) && !json_object_get(input, pairs[i][1]))
			json_object_set(input, pairs[i][1], v);
	}
}

/* The customer's input: the caller's "customer" object over the lead's. */
static int customer_input(json_t *lead, json_t *given, json_t **out, struct kh_error *err)
{
	static const char *const pairs[][2] = {
		{"phone", "phone"}, {"email", "email"}, {"region", "region"},
		{"address", "address"}, {"source", "source"}, {"industry", "segment"},
		{"team_id", "team"},
	};
	json_t *in;
	json_t *company = json_object_get(lead, "company");

	if (given && !json_is_object(given))
		return kh_error_set(err, KH_EINVAL, "customer", "customer must be an object of "
				    "customer fields");
	in = given ? json_deep_copy(given) : json_object();
	if (!json_object_get(in, "name"))
		json_object_set(in, "name", json_is_string(company) && json_string_length(company)
						    ? company : json_object_get(lead, "name"));
	/* A lead with only a mobile gives the customer that number. */
	if (!json_is_string(json_object_get(lead, "phone")) && !json_object_get(in, "phone") &&
	    json_is_string(json_object_get(lead, "mobile")))
		json_object_set(in, "phone", json_object_get(lead, "mobile"));
	take(in, lead, pairs, sizeof(pairs) / sizeof(pairs[0]));
	*out = in;
	return 0;
}

/* A second conversion's answer (lead.h). */
static int already_converted(struct kh_ctx *ctx, json_t *lead, struct kh_error *err)
{
	json_decref(ctx->error_detail);
	ctx->error_detail = json_pack("{s:s, s:O}", "code", KH_LEAD_CONVERTED_CODE,
				      "converted_customer",
				      json_object_get(lead, "converted_customer_id"));
	return kh_error_set(err, KH_ECONFLICT, "id", "the lead is already "
			    "converted (customer %lld)",
			    (long long)json_integer_value(json_object_get(lead,
									  "converted_customer_id")));
}

/* The opportunity's input with its customer, owned by the lead's owner
 * unless it names one. */
static int opportunity_input(json_t *given, int64_t customer_id, json_t *owner, json_t **out,
			     struct kh_error *err)
{
	if (!json_is_object(given))
		return kh_error_set(err, KH_EINVAL, "opportunity", "opportunity must be an object "
				    "of opportunity fields (name, amount, ...)");
	if (json_object_get(given, "customer"))
		return kh_error_set(err, KH_EINVAL, "opportunity", "the opportunity's customer is "
				    "the one the conversion creates");
	*out = json_deep_copy(given);
	json_object_set_new(*out, "customer", json_integer(customer_id));
	if (!json_object_get(*out, "owner") && json_is_integer(owner))
		json_object_set(*out, "owner", owner);
	return 0;
}

/* Name a refusal of one part of the conversion after that part. */
static int in_part(int rc, const char *part, struct kh_error *err)
{
	char field[sizeof(err->field) + 16];

	if (rc && err && rc != KH_EDUPLICATE && rc != KH_EPERM) {
		snprintf(field, sizeof(field), "%s%s%s", part, err->field[0] ? "." : "", err->field);
		/* cut at the field's size: names are short ASCII */
		memcpy(err->field, field, sizeof(err->field) - 1);
		err->field[sizeof(err->field) - 1] = 0;
	}
	return rc;
}

int kh_lead_convert(struct kh_ctx *ctx, int64_t lead_id, json_t *input, json_t **out,
		    struct kh_error *err)
{
	static const char *const contact_pairs[][2] = {
		{"name", "name"}, {"mobile", "mobile"}, {"phone", "phone"}, {"email", "email"},
	};
	json_t *lead = NULL, *cin = NULL, *ctin = NULL, *oin = NULL, *given_opp, *owner;
	json_t *lead_audit = NULL, *customer_audit = NULL;
	int64_t customer_id = 0, contact_id = 0, opp_id = 0, moved = 0;
	const char *key;
	json_t *v;
	char now[21];
	bool marked = false;
	int rc;

	if (input && !json_is_object(input))
		return kh_error_set(err, KH_EINVAL, "", "the conversion must be a JSON object");
	json_object_foreach(input, key, v)
		if (strcmp(key, "customer") && strcmp(key, "opportunity") && strcmp(key, "force"))
			return kh_error_set(err, KH_EINVAL, key, "a conversion takes customer, "
					    "opportunity and force, not %s", key);
	if (input && (rc = kh_duplicates_take_force(ctx, input, err)))
		return rc;
	if ((rc = kh_store_begin(ctx->store, err)))
		return rc;
	if ((rc = lead_load(ctx, lead_id, true, &lead, err)))
		goto out;
	if (!json_is_null(json_object_get(lead, "converted_customer_id"))) {
		rc = already_converted(ctx, lead, err);
		goto out;
	}
	owner = json_object_get(lead, "owner_id");
	if ((rc = customer_input(lead, json_object_get(input, "customer"), &cin, err)) ||
	    (rc = in_part(kh_entity_create(ctx, &kh_customer_entity, cin, &customer_id, err),
			  "customer", err)))
		goto out;
	if (json_is_integer(owner) && json_integer_value(owner) != ctx->actor.user_id &&
	    (rc = kh_customer_transfer(ctx, customer_id, json_integer_value(owner), "none", false,
				       err)))
		goto out;
	ctin = json_pack("{s:I}", "customer", (json_int_t)customer_id);
	take(ctin, lead, contact_pairs, sizeof(contact_pairs) / sizeof(contact_pairs[0]));
	if ((rc = in_part(kh_entity_create(ctx, &kh_contact_entity, ctin, &contact_id, err),
			  "contact", err)))
		goto out;
	given_opp = json_object_get(input, "opportunity");
	if (given_opp && !json_is_null(given_opp) &&
	    ((rc = opportunity_input(given_opp, customer_id, owner, &oin, err)) ||
	     (rc = in_part(kh_entity_create(ctx, &kh_opportunity_entity, oin, &opp_id, err),
			   "opportunity", err))))
		goto out;
	kh_now_iso(now);
	if ((rc = kh_store_lead_activities_to_customer(ctx->store, lead_id, customer_id, &moved,
						       err)) ||
	    (rc = kh_store_followup_refresh(ctx->store, KH_FOLLOWUP_CUSTOMER, customer_id, err)) ||
	    (rc = kh_store_lead_mark_converted(ctx->store, lead_id, customer_id, now, &marked,
					       err)))
		goto out;
	if (!marked) {
		rc = kh_error_set(err, KH_ECONFLICT, "id", "the lead is already "
				  "converted");
		goto out;
	}
	if (moved && !ctx->skip_metrics && kh_activity_entity.customer_changed &&
	    (rc = kh_activity_entity.customer_changed(ctx, customer_id, err)))
		goto out;
	lead_audit = json_pack("{s:I, s:I, s:o, s:I}", "customer", (json_int_t)customer_id,
			       "contact", (json_int_t)contact_id, "opportunity",
			       opp_id ? json_integer(opp_id) : json_null(), "activities_moved",
			       (json_int_t)moved);
	customer_audit = json_pack("{s:I}", "from_lead", (json_int_t)lead_id);
	if ((rc = kh_store_audit(ctx->store, ctx->actor.user_id, "convert", "lead", lead_id,
				 lead_audit, err)) ||
	    (rc = kh_store_audit(ctx->store, ctx->actor.user_id, "convert", "customer",
				 customer_id, customer_audit, err)))
		goto out;
	rc = kh_store_commit(ctx->store, err);
out:
	if (rc) {
		kh_store_rollback(ctx->store);
	} else {
		*out = json_pack("{s:I, s:I, s:I, s:o, s:I}", "lead", (json_int_t)lead_id,
				 "customer", (json_int_t)customer_id, "contact",
				 (json_int_t)contact_id, "opportunity",
				 opp_id ? json_integer(opp_id) : json_null(), "activities_moved",
				 (json_int_t)moved);
	}
	json_decref(lead);
	json_decref(cin);
	json_decref(ctin);
	json_decref(oin);
	json_decref(lead_audit);
	json_decref(customer_audit);
	return rc;
}
