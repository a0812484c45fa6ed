/*
 * view_json.c: the hot path of the 360-degree view and the phone lookup
 * (see lookup.h): the same answer as kh_customer_view and kh_lookup_phone,
 * written as JSON text straight from the statements' columns
 * (store/view_json.h) instead of through jansson trees, with the caller's
 * reach worked out once per request and one read transaction around it
 * all. Which columns show under which name and level comes from the field
 * registry, so the masking is the generic path's; tests/unit/
 * view_json_test.c compares both answers.
 */
#include "service/customers/lookup.h"
#include "service/customers/pool.h"

#include <stdlib.h>
#include <string.h>

#include "base/json_write.h"
#include "base/phone.h"
#include "service/entity.h"
#include "service/permission.h"
#include "service/present.h"
#include "store/comms/mail_queue.h"
#include "store/view_json.h"
#include "base/banned.h"

/* The most columns of an entity's shape: its fields and the system columns. */
#define SHAPE_MAX 72

/* How kh_entity_present shows a row of e at level: the fields under their
 * API names (money as text, booleans as booleans), id and the timestamps,
 * in table order. */
static void entity_shape(const struct kh_entity *e, int level, struct kh_col_shape *cols,
			 struct kh_row_shape *shape)
{
	size_t n = 0;

	cols[n++] = (struct kh_col_shape){"id", "id", KH_COL_VALUE, 1};
	for (size_t i = 0; i < e->nfields && n < SHAPE_MAX - 3; i++) {
		const struct kh_field *f = &e->fields[i];
		unsigned char as = f->type == KH_F_MONEY  ? KH_COL_MONEY
				   : f->type == KH_F_BOOL ? KH_COL_BOOL
				   : f->type == KH_F_JSON ? KH_COL_JSON
							  : KH_COL_PLAIN;

		cols[n++] = (struct kh_col_shape){f->column, f->name, as, (unsigned char)f->level};
	}
	cols[n++] = (struct kh_col_shape){"created_at", "created_at", KH_COL_VALUE, 1};
	cols[n++] = (struct kh_col_shape){"updated_at", "updated_at", KH_COL_VALUE, 1};
	*shape = (struct kh_row_shape){cols, n, level, false, NULL};
}

/* kh_present_money_columns as a shape, leaving out the column drop (or NULL). */
static struct kh_row_shape money_shape(const char *drop)
{
	return (struct kh_row_shape){NULL, 0, 3, true, drop};
}

struct view_child {
	const char *key;
	const struct kh_entity *entity;
	enum kh_view_child which; /* the orders have a reader of their own */
	int64_t limit;
	int min_level; /* below it the list is not part of the view */
};

/* The view's lists in the order of kh_customer_view. */
static const struct view_child children[] = {
	{"contacts", &kh_contact_entity, KH_VIEW_CONTACTS, 500, 1},
	{"activities", &kh_activity_entity, KH_VIEW_ACTIVITIES, KH_VIEW_RECENT, 1},
	{"orders", &kh_order_entity, KH_VIEW_CHILD_COUNT, KH_VIEW_RECENT, 1},
	{"opportunities", &kh_opportunity_entity, KH_VIEW_OPPORTUNITIES, 100, 1},
	{"important_dates", &kh_important_date_entity, KH_VIEW_IMPORTANT_DATES, 100, 1},
	{"competitors", &kh_competitor_entity, KH_VIEW_COMPETITORS, 100, 2},
};
#define NCHILDREN (sizeof(children) / sizeof(children[0]))

static int put_key(struct kh_strbuf *out, const char *key, struct kh_error *err)
{
	int rc = kh_json_put_comma(out);

	if (rc == 0)
		rc = kh_json_put_key(out, key);
	return rc ? kh_error_set(err, rc, "", "out of memory") : 0;
}

/* One list of the view; the orders also write the products bought. */
static int put_child(struct kh_ctx *ctx, const struct view_child *c, int64_t customer_id,
		     int level, int64_t mark_id, struct kh_strbuf *mark, struct kh_strbuf *out,
		     struct kh_strbuf *products, int64_t *total, struct kh_error *err)
{
	struct kh_col_shape cols[SHAPE_MAX];
	struct kh_row_shape shape, lines = money_shape(NULL);
	struct kh_view_orders vo = {c->limit, &shape, &lines};
	int rc;

	entity_shape(c->entity, level, cols, &shape);
	if ((rc = put_key(out, c->key, err)))
		return rc;
	if (c->entity == &kh_order_entity)
		return kh_store_orders_json(ctx->store, customer_id, &vo, out, products, total, err);
	return kh_store_children_json(ctx->store, c->which, customer_id, c->limit, &shape,
				      c->entity == &kh_contact_entity ? mark_id : 0, mark, out,
				      total, err);
}

static int put_counts(const int64_t *totals, int level, struct kh_strbuf *out,
		      struct kh_error *err)
{
	int rc = put_key(out, "counts", err);

	if (rc == 0)
		rc = kh_strbuf_addch(out, '{');
	for (size_t i = 0; rc == 0 && i < NCHILDREN; i++) {
		if (level < children[i].min_level)
			continue;
		if ((rc = put_key(out, children[i].key, err)) == 0)
			rc = kh_json_put_int(out, totals[i]);
	}
	if (rc == 0)
		rc = kh_strbuf_addch(out, '}');
	return rc ? kh_error_set(err, rc, "", "out of memory") : 0;
}

/* "pool": 距离进入公海天数, the warning, the lock and the won day. */
static int put_pool(struct kh_ctx *ctx, int64_t customer_id, struct kh_strbuf *out,
		    struct kh_error *err)
{
	json_t *facts = kh_pool_facts_of(ctx, customer_id);
	char *text = json_dumps(facts, JSON_COMPACT | JSON_ENCODE_ANY);
	int rc = put_key(out, "pool", err);

	if (rc == 0)
		rc = text ? kh_strbuf_adds(out, text) : KH_ENOMEM;
	free(text);
	json_decref(facts);
	return rc ? kh_error_set(err, rc, "", "out of memory") : 0;
}

/* What the caller may do with the customer (lookup.h, kh_customer_can). */
static int put_can(struct kh_ctx *ctx, int64_t customer_id, int level, struct kh_strbuf *out,
		   struct kh_error *err)
{
	json_t *can = kh_customer_can(ctx, customer_id, level, err);
	char *text = can ? json_dumps(can, JSON_COMPACT) : NULL;
	int rc;

	if (!can)
		return err && err->code ? err->code : KH_ENOMEM;
	rc = put_key(out, "can", err);
	if (rc == 0)
		rc = text ? kh_strbuf_adds(out, text) : KH_ENOMEM;
	free(text);
	json_decref(can);
	return rc ? kh_error_set(err, rc, "", "out of memory") : 0;
}

/* The mail of the customer's contacts (few rows: jansson's text is fine). */
static int put_mail_events(struct kh_ctx *ctx, int64_t customer_id, struct kh_strbuf *out,
			   struct kh_error *err)
{
	json_t *rows = NULL;
	char *text;
	int rc;

	if ((rc = kh_store_mail_timeline(ctx->store, customer_id, KH_VIEW_MAIL_EVENTS, &rows,
					 err)) ||
	    (rc = put_key(out, "mail_events", err)))
		return rc;
	text = json_dumps(rows, JSON_COMPACT);
	json_decref(rows);
	rc = text ? kh_strbuf_adds(out, text) : KH_ENOMEM;
	free(text);
	return rc ? kh_error_set(err, rc, "", "out of memory") : 0;
}

/* The members of the view of customer_id at level, from "customer" to
 * "mail_events"; products collects the products bought on the way. */
static int put_members_of_view(struct kh_ctx *ctx, int64_t customer_id, int level,
			       int64_t mark_id, struct kh_strbuf *mark,
			       struct kh_strbuf *products, struct kh_strbuf *out,
			       struct kh_error *err)
{
	struct kh_col_shape cols[SHAPE_MAX];
	struct kh_row_shape shape, metrics = money_shape("customer_id");
	int64_t totals[NCHILDREN] = {0};
	int rc;

	entity_shape(&kh_customer_entity, level, cols, &shape);
	if ((rc = kh_strbuf_addch(out, '{')) || (rc = put_key(out, "customer", err)) ||
	    (rc = kh_store_customer_json(ctx->store, customer_id, &shape, out, err)) ||
	    (rc = put_key(out, "metrics", err)) ||
	    (rc = kh_store_metrics_json(ctx->store, customer_id, &metrics, out, err)) ||
	    (rc = put_pool(ctx, customer_id, out, err)) ||
	    (rc = put_can(ctx, customer_id, level, out, err)))
		return rc;
	for (size_t i = 0; i < NCHILDREN; i++)
		if (level >= children[i].min_level &&
		    (rc = put_child(ctx, &children[i], customer_id, level, mark_id, mark, out,
				    products, &totals[i], err)))
			return rc;
	if ((rc = put_key(out, "products", err)))
		return rc;
	if ((rc = kh_strbuf_add(out, products->buf, products->len)))
		return kh_error_set(err, rc, "", "out of memory");
	if ((rc = put_counts(totals, level, out, err)))
		return rc;
	return put_mail_events(ctx, customer_id, out, err);
}

/* The view of customer_id (without its closing brace) as the reach sees
 * it; the contact mark_id (0: none) is copied into mark. */
static int put_view(struct kh_ctx *ctx, const struct kh_perm_reach *reach, int64_t customer_id,
		    int64_t mark_id, struct kh_strbuf *mark, struct kh_strbuf *out,
		    struct kh_error *err)
{
	struct kh_strbuf products;
	int level, rc;

	if ((rc = kh_perm_customer_in(ctx, reach, customer_id, false, &level, err)))
		return rc;
	kh_strbuf_init(&products, 0);
	rc = put_members_of_view(ctx, customer_id, level, mark_id, mark, &products, out, err);
	kh_strbuf_release(&products);
	return rc;
}

/* Run body in one read transaction: one snapshot, one lock. */
static int in_read(struct kh_ctx *ctx, int rc, struct kh_error *err)
{
	if (rc) {
		kh_store_rollback(ctx->store);
		return rc;
	}
	return kh_store_commit(ctx->store, err);
}

int kh_customer_view_json(struct kh_ctx *ctx, int64_t customer_id, struct kh_strbuf *out,
			  struct kh_error *err)
{
	struct kh_perm_reach reach;
	int rc;

	if ((rc = kh_store_begin_read(ctx->store, err)))
		return rc;
	if ((rc = kh_perm_reach_init(ctx, &reach, err)) == 0) {
		rc = put_view(ctx, &reach, customer_id, 0, NULL, out, err);
		if (rc == 0 && (rc = kh_strbuf_addch(out, '}')))
			rc = kh_error_set(err, rc, "", "out of memory");
		kh_perm_reach_release(&reach);
	}
	return in_read(ctx, rc, err);
}

/* The lookup's own members after the view's. */
static int put_lookup_tail(const char *number, const struct kh_phone_match *m, size_t n,
			   int64_t total, const struct kh_strbuf *matched, struct kh_strbuf *out,
			   struct kh_error *err)
{
	int rc;

	if ((rc = put_key(out, "matched_contact", err)))
		return rc;
	rc = matched->len ? kh_strbuf_add(out, matched->buf, matched->len)
			  : kh_strbuf_adds(out, "null");
	if (rc == 0 && (rc = put_key(out, "phone", err)) == 0)
		rc = kh_json_put_string(out, number, strlen(number));
	if (rc == 0 && (rc = put_key(out, "matches", err)) == 0)
		rc = kh_json_put_int(out, total);
	if (rc == 0 && (rc = put_key(out, "other_matches", err)) == 0)
		rc = kh_strbuf_addch(out, '[');
	for (size_t i = 1; rc == 0 && i < n; i++) {
		if ((rc = kh_json_put_comma(out)) || (rc = kh_strbuf_adds(out, "{\"id\":")) ||
		    (rc = kh_json_put_int(out, m[i].customer_id)) ||
		    (rc = kh_strbuf_adds(out, ",\"name\":")))
			break;
		rc = kh_json_put_string(out, m[i].name, strlen(m[i].name));
		if (rc == 0)
			rc = kh_strbuf_addch(out, '}');
	}
	if (rc == 0)
		rc = kh_strbuf_adds(out, "]}");
	return rc ? kh_error_set(err, rc, "", "out of memory") : 0;
}

static int lookup_in(struct kh_ctx *ctx, const struct kh_phone *ph, struct kh_strbuf *out,
		     struct kh_error *err)
{
	struct kh_phone_match m[KH_LOOKUP_OTHERS_MAX + 1];
	struct kh_perm_reach reach;
	struct kh_strbuf matched;
	size_t n = 0;
	int64_t total = 0;
	int rc;

	/* One reach for the matching and the view (it was worked out twice). */
	if ((rc = kh_perm_reach_init(ctx, &reach, err)))
		return rc;
	kh_strbuf_init(&matched, 0);
	rc = kh_store_phone_matches(ctx->store, ph->number, &reach.scope,
				    KH_LOOKUP_OTHERS_MAX + 1, m, &n, &total, err);
	if (rc == 0 && n == 0)
		rc = KH_ENOTFOUND;
	if (rc == 0)
		rc = put_view(ctx, &reach, m[0].customer_id, m[0].contact_id, &matched, out, err);
	if (rc == 0)
		rc = put_lookup_tail(ph->number, m, n, total, &matched, out, err);
	if (rc == KH_ENOTFOUND)
		rc = kh_error_set(err, KH_ENOTFOUND, "phone", "no customer has the number %s",
				  ph->number);
	kh_strbuf_release(&matched);
	kh_perm_reach_release(&reach);
	return rc;
}

int kh_lookup_phone_json(struct kh_ctx *ctx, const char *phone, struct kh_strbuf *out,
			 struct kh_error *err)
{
	struct kh_phone ph;
	int rc;

	if ((rc = kh_phone_normalize(phone, &ph, "phone", err)))
		return rc;
	if ((rc = kh_store_begin_read(ctx->store, err)))
		return rc;
	return in_read(ctx, lookup_in(ctx, &ph, out, err), err);
}
