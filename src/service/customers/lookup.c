/* lookup.c: the 360-degree view and the incoming-call lookup (see lookup.h). */
#include "service/customers/lookup.h"
#include "service/customers/pool.h"

#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "base/phone.h"
#include "service/entity.h"
#include "service/permission.h"
#include "service/present.h"
#include "store/analysis/metrics.h"
#include "store/view.h"
#include "store/comms/mail_queue.h"
#include "base/banned.h"

/* Give each order of items its "lines", read in one query for all of them. */
static int attach_lines(struct kh_ctx *ctx, json_t *orders, struct kh_error *err)
{
	json_t *ids = json_array(), *lines = NULL, *by_order = json_object();
	char key[24];
	int rc;

	for (size_t i = 0; i < json_array_size(orders); i++) {
		json_t *o = json_array_get(orders, i);

		json_array_append(ids, json_object_get(o, "id"));
		snprintf(key, sizeof(key), "%lld",
			 (long long)json_integer_value(json_object_get(o, "id")));
		json_object_set_new(by_order, key, json_array());
	}
	rc = kh_store_order_lines_of(ctx->store, ids, &lines, err);
	for (size_t i = 0; rc == 0 && i < json_array_size(lines); i++) {
		json_t *l = json_array_get(lines, i);

		snprintf(key, sizeof(key), "%lld",
			 (long long)json_integer_value(json_object_get(l, "order_id")));
		json_object_del(l, "order_id");
		json_array_append_new(json_object_get(by_order, key), kh_present_money_columns(l));
	}
	for (size_t i = 0; rc == 0 && i < json_array_size(orders); i++) {
		json_t *o = json_array_get(orders, i);

		snprintf(key, sizeof(key), "%lld",
			 (long long)json_integer_value(json_object_get(o, "id")));
		json_object_set(o, "lines", json_object_get(by_order, key));
	}
	json_decref(ids);
	json_decref(lines);
	json_decref(by_order);
	return rc;
}

/* The live children of a customer, newest first, presented at level. */
static int children(struct kh_ctx *ctx, const struct kh_entity *e, int64_t customer_id,
		    const char *sort_column, int64_t limit, int level, json_t *view,
		    const char *key, json_t *counts, struct kh_error *err)
{
	json_t *id = json_integer(customer_id), *rows = NULL, *items;
	struct kh_store_filter f = {"customer_id", "=", id};
	struct kh_store_query q = {.table = e->table, .filters = &f, .nfilters = 1,
				   .sort = sort_column, .descending = sort_column != NULL,
				   .limit = limit};
	int64_t total = 0;
	int rc;

	rc = kh_store_list(ctx->store, &q, &rows, &total, err);
	json_decref(id);
	if (rc)
		return rc;
	items = json_array();
	for (size_t i = 0; i < json_array_size(rows); i++)
		json_array_append_new(items, kh_entity_present(e, json_array_get(rows, i), level));
	if (e == &kh_order_entity && json_array_size(items) > 0 &&
	    (rc = attach_lines(ctx, items, err))) {
		json_decref(items);
		json_decref(rows);
		return rc;
	}
	json_object_set_new(view, key, items);
	json_object_set_new(counts, key, json_integer(total));
	json_decref(rows);
	return 0;
}

static int build_view(struct kh_ctx *ctx, int64_t customer_id, json_t **out,
		      struct kh_error *err);

int kh_customer_view(struct kh_ctx *ctx, int64_t customer_id, json_t **out,
		     struct kh_error *err)
{
	int rc = kh_store_begin_read(ctx->store, err);

	if (rc)
		return rc;
	rc = build_view(ctx, customer_id, out, err);
	if (rc)
		kh_store_rollback(ctx->store);
	else
		rc = kh_store_commit(ctx->store, err);
	return rc;
}

static int build_view(struct kh_ctx *ctx, int64_t customer_id, json_t **out,
		      struct kh_error *err)
{
	json_t *view = NULL, *customer = NULL, *metrics = NULL, *products = NULL, *counts, *can;
	json_t *mail = NULL;
	int level, rc;

	if ((rc = kh_perm_customer(ctx, customer_id, false, &level, err)))
		return rc;
	if ((rc = kh_entity_get(ctx, &kh_customer_entity, customer_id, &customer, err)))
		return rc;
	view = json_object();
	counts = json_object();
	json_object_set_new(view, "customer", customer);
	if (kh_store_metrics_get(ctx->store, customer_id, &metrics, NULL) == 0) {
		json_object_del(metrics, "customer_id");
		json_object_set_new(view, "metrics", kh_present_money_columns(metrics));
		json_decref(metrics);
	} else {
		json_object_set_new(view, "metrics", json_null());
	}
	if ((rc = children(ctx, &kh_contact_entity, customer_id, NULL, 500, level, view,
			   "contacts", counts, err)) ||
	    (rc = children(ctx, &kh_activity_entity, customer_id, "activity_date",
			   KH_VIEW_RECENT, level, view, "activities", counts, err)) ||
	    (rc = children(ctx, &kh_order_entity, customer_id, "order_date", KH_VIEW_RECENT,
			   level, view, "orders", counts, err)) ||
	    (rc = children(ctx, &kh_opportunity_entity, customer_id, "updated_at", 100, level,
			   view, "opportunities", counts, err)) ||
	    (rc = children(ctx, &kh_important_date_entity, customer_id, NULL, 100, level, view,
			   "important_dates", counts, err)))
		goto out;
	if (level >= 2 && (rc = children(ctx, &kh_competitor_entity, customer_id, NULL, 100,
					 level, view, "competitors", counts, err)))
		goto out;
	if ((rc = kh_store_products_bought(ctx->store, customer_id, &products, err)))
		goto out;
	json_object_set_new(view, "products", kh_present_lines(products));
	json_object_set_new(view, "counts", counts);
	counts = NULL;
	if ((rc = kh_store_mail_timeline(ctx->store, customer_id, KH_VIEW_MAIL_EVENTS, &mail,
					 err)))
		goto out;
	json_object_set_new(view, "mail_events", mail);
	json_object_set_new(view, "pool", kh_pool_facts_of(ctx, customer_id));
	if (!(can = kh_customer_can(ctx, customer_id, level, err))) {
		rc = err ? err->code : KH_ENOMEM;
		goto out;
	}
	json_object_set_new(view, "can", can);
	*out = view;
	view = NULL;
out:
	json_decref(counts);
	json_decref(view);
	return rc;
}

json_t *kh_customer_can(struct kh_ctx *ctx, int64_t customer_id, int level, struct kh_error *err)
{
	struct kh_error refused;
	int manage = kh_perm_customer_manage(ctx, customer_id, &refused);

	if (manage && manage != KH_EPERM) {
		if (err)
			*err = refused;
		return NULL;
	}
	return json_pack("{s:b, s:b}", "edit", level >= 3, "manage", manage == 0);
}

/* The other customers one sees with the number, named so the caller can
 * switch to the right one. */
static json_t *other_matches(const struct kh_phone_match *m, size_t n)
{
	json_t *arr = json_array();

	for (size_t i = 1; i < n; i++)
		json_array_append_new(arr, json_pack("{s:I, s:s}", "id",
						     (json_int_t)m[i].customer_id, "name",
						     m[i].name));
	return arr;
}

int kh_lookup_phone(struct kh_ctx *ctx, const char *phone, json_t **out, struct kh_error *err)
{
	struct kh_phone ph;
	struct kh_phone_match m[KH_LOOKUP_OTHERS_MAX + 1];
	struct kh_perm_reach reach;
	size_t n = 0;
	int64_t total = 0;
	json_t *view = NULL, *contacts;
	int rc;

	if ((rc = kh_phone_normalize(phone, &ph, "phone", err)))
		return rc;
	/* Only among the customers the caller may see: another team's customer
	 * with the same number must not hide one's own. */
	if ((rc = kh_perm_reach_init(ctx, &reach, err)))
		return rc;
	rc = kh_store_phone_matches(ctx->store, ph.number, &reach.scope, KH_LOOKUP_OTHERS_MAX + 1,
				    m, &n, &total, err);
	kh_perm_reach_release(&reach);
	if (rc)
		return rc;
	if (n == 0)
		return kh_error_set(err, KH_ENOTFOUND, "phone", "no customer has the number %s",
				    ph.number);
	if ((rc = kh_customer_view(ctx, m[0].customer_id, &view, err)))
		return rc == KH_ENOTFOUND ? kh_error_set(err, KH_ENOTFOUND, "phone",
							 "no customer has the number %s",
							 ph.number)
					  : rc;
	json_object_set_new(view, "matched_contact", json_null());
	contacts = json_object_get(view, "contacts");
	for (size_t i = 0; m[0].contact_id && i < json_array_size(contacts); i++) {
		json_t *c = json_array_get(contacts, i);

		if (json_integer_value(json_object_get(c, "id")) == m[0].contact_id)
			json_object_set(view, "matched_contact", c);
	}
	json_object_set_new(view, "phone", json_string(ph.number));
	json_object_set_new(view, "matches", json_integer(total));
	json_object_set_new(view, "other_matches", other_matches(m, n));
	*out = view;
	return 0;
}
