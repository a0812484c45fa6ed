/*
 * entity.h: the field registry and the generic use cases built on it. Each
 * entity (customer, contact, order, ...) is a table of fields: its API name,
 * its column, its type, whether it is required, its information level and
 * its limits. Create, update, get, list and delete validate and convert
 * through this table, keep the phone and search indexes in step, check
 * permissions and write the audit log, all in one transaction.
 */
#ifndef KH_ENTITY_H
#define KH_ENTITY_H

#include <jansson.h>
#include <stdint.h>

#include "base/error.h"
#include "service/context.h"

enum kh_ftype {
	KH_F_TEXT,     /* one line, maxlen code points (default 200) */
	KH_F_LONGTEXT, /* free text, maxlen code points (default 10000) */
	KH_F_INT,      /* integer in [min, max] */
	KH_F_MONEY,    /* yuan with up to 2 decimals, stored as fen */
	KH_F_DATE,     /* YYYY-MM-DD */
	KH_F_BOOL,
	KH_F_ENUM,     /* one of values */
	KH_F_REF,      /* id of a live row of ref */
	KH_F_PHONE,    /* normalised by base/phone */
	KH_F_EMAIL,
	KH_F_JSON,     /* a JSON object of custom fields */
	KH_F_CREDIT_CODE, /* unified social credit code: base/credit_code, upper-cased */
};

#define KH_FIELD_REQUIRED 0x1u  /* must be given on create */
#define KH_FIELD_FIXED 0x2u     /* set on create, never changed */
#define KH_FIELD_READONLY 0x4u  /* maintained by kehu itself */
/* A documented filter or sort of the list (docs/api.md): an index serves it,
 * which tests/unit/list_plan_test.c checks against the query plan. Every
 * field filters and sorts; the others may scan. */
#define KH_FIELD_FILTER 0x8u
#define KH_FIELD_SORT 0x10u

struct kh_field {
	const char *name;   /* the API and CLI name: "amount" */
	const char *column; /* the column: "amount_fen" */
	enum kh_ftype type;
	unsigned flags;
	int level;          /* information level 1..3 (DOMAIN 1); 1 for most */
	int64_t min, max;   /* KH_F_INT range; maxlen for text (0 = default); KH_F_DATE:
			     * from min-01-01 to max years after today (on writes) */
	const char *const *values; /* KH_F_ENUM: NULL-terminated */
	const char *ref;    /* KH_F_REF: the table referred to */
};

struct kh_entity {
	const char *name;   /* "customer": used in messages and the audit log */
	const char *table;  /* "customers" */
	const struct kh_field *fields;
	size_t nfields;
	/* Called inside the transaction after a create, update or delete, with
	 * the row as it was (NULL on create) and as stored now: keeps derived
	 * indexes in step. May be NULL. */
	int (*after_write)(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *row,
			   struct kh_error *err);
	/* Called inside the transaction before an update of row id is written,
	 * with the columns about to be written: the entity's own rules across
	 * tables (an order's amount against its lines). May be NULL. */
	int (*check_update)(struct kh_ctx *ctx, int64_t id, json_t *cols, struct kh_error *err);
	/* Called inside the transaction before a create (id 0, old NULL) or an
	 * update of row id (old: the stored row) is written with cols: rules
	 * against the other rows (duplicate control). May be NULL. */
	int (*check_write)(struct kh_ctx *ctx, int64_t id, json_t *old, json_t *cols,
			   struct kh_error *err);
	/* Called inside the transaction after a write of a row of customer
	 * customer_id (not in bulk loads, which refresh once at the end): what
	 * is derived from the customer's rows (metrics, classes). May be NULL. */
	int (*customer_changed)(struct kh_ctx *ctx, int64_t customer_id, struct kh_error *err);
	/* Called inside the transaction after every write of a row of customer
	 * customer_id, bulk loads too: the customer's pool clocks and won day
	 * (service/customers/pool.h), which the pool sweep's indexes read. */
	int (*pool_changed)(struct kh_ctx *ctx, int64_t customer_id, struct kh_error *err);
	/* Called at the start of a create's transaction with the input (which it
	 * may complete: a receipt's customer from its contract). May be NULL. */
	int (*prepare_create)(struct kh_ctx *ctx, json_t *input, struct kh_error *err);
	/* What the API shows beyond the columns (a plan's computed status),
	 * added to out from the stored row. May be NULL. */
	void (*present)(json_t *row, json_t *out);
	/* A list filter that is no column (a plan's status): KH_ENOTFOUND when
	 * key is not one; else up to room store filters into f, their values
	 * (new references) into conv, *used how many. May be NULL. */
	int (*list_filter)(const char *key, json_t *v, struct kh_store_filter *f, json_t **conv,
			   size_t room, size_t *used, struct kh_error *err);
};

extern const struct kh_entity kh_customer_entity;
extern const struct kh_entity kh_contact_entity;
extern const struct kh_entity kh_product_entity;
extern const struct kh_entity kh_order_entity;
extern const struct kh_entity kh_payment_entity;
extern const struct kh_entity kh_activity_entity;
extern const struct kh_entity kh_opportunity_entity;
extern const struct kh_entity kh_task_entity;
extern const struct kh_entity kh_important_date_entity;
extern const struct kh_entity kh_competitor_entity;
extern const struct kh_entity kh_lead_entity;
extern const struct kh_entity kh_contract_entity;
extern const struct kh_entity kh_receivable_plan_entity;
extern const struct kh_entity kh_receivable_entity;

/* The entity called name ("customer", "contact", ...), or NULL. */
const struct kh_entity *kh_entity_find(const char *name);
/* The field called name, or NULL. */
const struct kh_field *kh_entity_field(const struct kh_entity *e, const char *name);

/* One input value of field f checked and converted as a create or update
 * converts it (dates within the field's range): *out a new reference. */
int kh_entity_value(struct kh_ctx *ctx, const struct kh_field *f, json_t *v, json_t **out,
		    struct kh_error *err);

/* Create from input (an object of field name -> value; strings are parsed
 * as the CLI types them, JSON numbers and booleans are taken as they are).
 * *id receives the new id. */
int kh_entity_create(struct kh_ctx *ctx, const struct kh_entity *e, json_t *input, int64_t *id,
		     struct kh_error *err);
/* Change the given fields of id; fields not in input stay as they are; a
 * JSON null clears an optional field. */
int kh_entity_update(struct kh_ctx *ctx, const struct kh_entity *e, int64_t id, json_t *input,
		     struct kh_error *err);
/* Soft-delete id. */
int kh_entity_delete(struct kh_ctx *ctx, const struct kh_entity *e, int64_t id,
		     struct kh_error *err);
/* The object as the API shows it (field names, money as "1234.50", fields of
 * information levels the actor may not see left out). *out is a new ref. */
int kh_entity_get(struct kh_ctx *ctx, const struct kh_entity *e, int64_t id, json_t **out,
		  struct kh_error *err);

struct kh_list_params {
	json_t *filters;    /* object: field name -> value (equality), borrowed; may be NULL */
	const char *sort;   /* field name, "-name" for descending; NULL = id */
	int64_t page;       /* 1-based */
	int64_t per_page;   /* 1..500 */
	const char *q;      /* customers: search text (search.h), or NULL */
	const char *cursor; /* a next_cursor of this list and sort (list_cursor.h), or NULL */
	bool no_total;      /* leave the total out ("total": -1): pages of an export */
	/* Filters the service adds (the approval queue's owners), borrowed. */
	const struct kh_store_filter *extra;
	size_t nextra;
};

/* {"items": [...], "total": N, "page": P, "per_page": K, "next_cursor": C}:
 * C continues after the last item (null when the page was not full). The customer list
 * also takes the metrics filters and sorts of customer_list.h and q, and
 * each customer carries its compact "metrics". */
int kh_entity_list(struct kh_ctx *ctx, const struct kh_entity *e,
		   const struct kh_list_params *params, json_t **out, struct kh_error *err);

/* The highest information level (1..3) the actor sees of any row the list
 * of params holds (params are checked as kh_entity_list checks them; page
 * and cursor are not used): 3 when no row is in it. An export leaves out
 * the columns of the levels above it. */
int kh_entity_list_top_level(struct kh_ctx *ctx, const struct kh_entity *e,
			     const struct kh_list_params *params, int *level,
			     struct kh_error *err);

/* Convert one stored row to its API form (see kh_entity_get); max_level is
 * the highest information level to include. Returns a new ref. */
json_t *kh_entity_present(const struct kh_entity *e, json_t *row, int max_level);

#endif
