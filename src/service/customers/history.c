/* history.c: a customer's change history (see history.h). */
#include "service/customers/history.h"

#include <string.h>

#include "base/parse.h"
#include "service/entity.h"
#include "service/permission.h"
#include "store/customers/history.h"
#include "base/banned.h"

/* A value of field f as the API shows it: money in yuan, booleans as such. */
static json_t *shown(const struct kh_field *f, json_t *v)
{
	char buf[32];

	if (f && f->type == KH_F_MONEY && json_is_integer(v)) {
		kh_money_format(json_integer_value(v), buf);
		return json_string(buf);
	}
	if (f && f->type == KH_F_BOOL && json_is_integer(v))
		return json_boolean(json_integer_value(v));
	return json_incref(v);
}

/* The changes of one entry without the fields above level; a change of
 * [old, new] values is shown as the API shows the field. Other members of
 * an entry (a merge's "moved", a transfer's "to") name no field's value. */
static json_t *visible_changes(const struct kh_entity *e, json_t *changes, int level)
{
	json_t *out, *v;
	const char *key;

	if (!json_is_object(changes))
		return json_incref(changes);
	out = json_object();
	json_object_foreach(changes, key, v) {
		const struct kh_field *f = e ? kh_entity_field(e, key) : NULL;

		if (f && f->level > level)
			continue;
		if (f && json_is_array(v) && json_array_size(v) == 2)
			json_object_set_new(out, key, json_pack("[oo]", shown(f, json_array_get(v, 0)),
								shown(f, json_array_get(v, 1))));
		else
			json_object_set(out, key, v);
	}
	return out;
}

int kh_customer_history(struct kh_ctx *ctx, int64_t customer_id, int64_t before, int64_t limit,
			json_t **out, struct kh_error *err)
{
	json_t *rows = NULL, *items, *row;
	size_t i;
	int level, rc;

	*out = NULL;
	if (limit < 1 || limit > KH_HISTORY_LIMIT_MAX)
		return kh_error_set(err, KH_EINVAL, "limit", "limit must be 1 to %d",
				    KH_HISTORY_LIMIT_MAX);
	if ((rc = kh_store_begin_read(ctx->store, err)))
		return rc;
	if ((rc = kh_perm_customer(ctx, customer_id, false, &level, err)) == 0)
		rc = kh_store_customer_audit(ctx->store, customer_id, before, limit, &rows, err);
	if (rc) {
		kh_store_rollback(ctx->store);
		return rc;
	}
	if ((rc = kh_store_commit(ctx->store, err))) {
		json_decref(rows);
		return rc;
	}
	items = json_array();
	json_array_foreach(rows, i, row) {
		const char *entity = json_string_value(json_object_get(row, "entity"));

		json_array_append_new(
			items, json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:o}", "id",
					 json_object_get(row, "id"), "at", json_object_get(row, "at"),
					 "user", json_object_get(row, "user_id"), "action",
					 json_object_get(row, "action"), "entity",
					 json_object_get(row, "entity"), "entity_id",
					 json_object_get(row, "entity_id"), "changes",
					 visible_changes(entity ? kh_entity_find(entity) : NULL,
							 json_object_get(row, "changes"), level)));
	}
	*out = json_pack("{s:o, s:O}", "items", items, "next_before",
			 json_array_size(rows) == (size_t)limit
				 ? json_object_get(json_array_get(rows, json_array_size(rows) - 1), "id")
				 : json_null());
	json_decref(rows);
	return *out ? 0 : kh_error_set(err, KH_ENOMEM, "", "out of memory");
}
