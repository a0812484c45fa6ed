/*
 * report_results.h: the stored answers of the dashboard reports
 * (docs/architecture.md, "Dashboard results are stored"). A result is the
 * JSON text of one report (and variant: a basis, a matrix, a period ...)
 * over one data scope, as of one day. Each scope key lists its members —
 * every customer, the customers of an owner, those shared with a user — so
 * a write drops exactly the results whose scope holds the customer it
 * changed, in its own transaction.
 */
#ifndef KH_STORE_REPORT_RESULTS_H
#define KH_STORE_REPORT_RESULTS_H

#include <stdint.h>

#include "store/store.h"

enum kh_report_member {
	KH_REPORT_MEMBER_ALL = 0,   /* every customer */
	KH_REPORT_MEMBER_OWNER = 1, /* the customers owned by member_id */
	KH_REPORT_MEMBER_SHARED = 2 /* the customers shared with user member_id */
};

/* The stored body of (scope_key, report, variant) as of as_of
 * ("YYYY-MM-DD") into *body (malloc'd, the caller frees), or KH_ENOTFOUND
 * when there is none for that day. */
int kh_store_report_result_get(struct kh_store *st, const char *scope_key, const char *report,
			       const char *variant, const char *as_of, char **body,
			       struct kh_error *err);
/* Store (replace) a result. Call inside a write transaction. */
int kh_store_report_result_put(struct kh_store *st, const char *scope_key, const char *report,
			       const char *variant, const char *as_of, const char *body,
			       struct kh_error *err);
/* Record that scope_key covers member (kind, member_id); kept once. */
int kh_store_report_scope_member(struct kh_store *st, const char *scope_key, int kind,
				 int64_t member_id, struct kh_error *err);
/* Drop the results whose scope holds customer_id as it is now: those of
 * every unrestricted scope, of its owner's and of the users it is shared
 * with. A write calls it before and after it moves a customer. */
int kh_store_report_results_drop_customer(struct kh_store *st, int64_t customer_id,
					  struct kh_error *err);
/* Drop the results whose scope holds the customers of owner_id (a
 * customer moved away from it). */
int kh_store_report_results_drop_owner(struct kh_store *st, int64_t owner_id,
				       struct kh_error *err);
/* Drop every stored result (settings changed, a new analysis). */
int kh_store_report_results_drop_all(struct kh_store *st, struct kh_error *err);

#endif
