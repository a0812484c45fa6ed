/*
 * view_json.h: the reads of the 360-degree view written as JSON text
 * straight from the statement's columns, without jansson trees (the hot
 * path of the phone lookup; store/view.h and kh_store_list stay the
 * generic path). What a column is called in the API, how it is shown and
 * at which information level comes from the service layer's field registry
 * as a struct kh_row_shape, so the store knows only columns.
 */
#ifndef KH_STORE_VIEW_JSON_H
#define KH_STORE_VIEW_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/strbuf.h"
#include "store/store.h"

enum kh_col_as {
	KH_COL_VALUE = 0, /* as stored: integer, real, text (a column declared JSON as JSON) */
	KH_COL_MONEY,     /* an integer of fen as "1234.50" */
	KH_COL_BOOL,      /* an integer as true/false */
	KH_COL_PLAIN,     /* as stored, known to hold no JSON (its type is not looked up) */
	KH_COL_JSON,      /* a column declared JSON: its object, {} when it holds none */
	KH_COL_HIDE,      /* never shown */
};

/* One column of a row and its JSON member. NULL is null under any as; a
 * value of another type than as expects (a real in a money column) is
 * written as it is, as kh_entity_present does. */
struct kh_col_shape {
	const char *column;
	const char *key;
	unsigned char as;    /* enum kh_col_as */
	unsigned char level; /* information level 1..3: shown up to max_level */
};

/* How the rows of one statement become JSON objects, members in column
 * order. cols are best given in the table's column order (a cursor walks
 * them). Columns not listed are left out, or with fen_money written under
 * their own name, an integer column named *_fen as money under the name
 * without _fen (kh_present_money_columns). */
struct kh_row_shape {
	const struct kh_col_shape *cols;
	size_t n;
	int max_level;
	bool fen_money;
	const char *drop; /* with fen_money: a column left out, or NULL */
};

/* The children of a customer the view lists, each sorted as the view does. */
enum kh_view_child {
	KH_VIEW_CONTACTS,        /* by id */
	KH_VIEW_ACTIVITIES,      /* newest activity_date first */
	KH_VIEW_OPPORTUNITIES,   /* newest updated_at first */
	KH_VIEW_IMPORTANT_DATES, /* by id */
	KH_VIEW_COMPETITORS,     /* by id */
	KH_VIEW_CHILD_COUNT,
};

/* Each appends to out; 0 or KH_EDB / KH_ENOMEM / KH_ELIMIT (err set). */

/* The customer row id as one object; KH_ENOTFOUND when there is none. */
int kh_store_customer_json(struct kh_store *st, int64_t id, const struct kh_row_shape *shape,
			   struct kh_strbuf *out, struct kh_error *err);
/* The customer_metrics row of customer_id as an object, or null. */
int kh_store_metrics_json(struct kh_store *st, int64_t customer_id,
			  const struct kh_row_shape *shape, struct kh_strbuf *out,
			  struct kh_error *err);
/* The live rows of which of customer_id, at most limit, as an array;
 * *total receives how many there are. With mark_id, the object of the row
 * with that id is also copied into mark (left as it was if none). */
int kh_store_children_json(struct kh_store *st, enum kh_view_child which, int64_t customer_id,
			   int64_t limit, const struct kh_row_shape *shape, int64_t mark_id,
			   struct kh_strbuf *mark, struct kh_strbuf *out, int64_t *total,
			   struct kh_error *err);
/* The orders part of the view, read in one pass over the customer's live
 * orders and their lines. */
struct kh_view_orders {
	int64_t limit;                   /* the newest orders shown */
	const struct kh_row_shape *order; /* an order's members */
	const struct kh_row_shape *line;  /* a line's (kh_store_order_lines_of's columns) */
};
/* Appends to orders the newest live orders of customer_id (order_date,
 * then id, descending), at most vo->limit, each with "lines" (in line
 * order) after its own members, and to products what
 * kh_store_products_bought answers, as arrays. *total receives how many
 * live orders there are. */
int kh_store_orders_json(struct kh_store *st, int64_t customer_id,
			 const struct kh_view_orders *vo, struct kh_strbuf *orders,
			 struct kh_strbuf *products, int64_t *total, struct kh_error *err);

#endif
