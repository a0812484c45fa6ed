/*
 * report_results.h: the stored answers of the dashboard reports
 * (docs/architecture.md, "Dashboard results are stored"). A result is the
 * JSON text of one report (and variant: a basis, a matrix, a period ...)
 * over one data scope, as of one day, with the user whose request stored
 * it. Each scope key lists its members — every customer, the customers of
 * an owner, those shared with a user — so a write outdates exactly the
 * results whose scope holds the customer it changed, in its own
 * transaction: it counts one more write in their `stale`, and the body
 * stays until a new one replaces it.
 */
#ifndef KH_STORE_REPORT_RESULTS_H
#define KH_STORE_REPORT_RESULTS_H

#include <jansson.h>
#include <stdint.h>

#include "store/store.h"

enum kh_report_member {
	KH_REPORT_MEMBER_ALL = 0,   /* every customer */
	KH_REPORT_MEMBER_OWNER = 1, /* the customers owned by member_id */
	KH_REPORT_MEMBER_SHARED = 2 /* the customers shared with user member_id */
};

/* A stored result: its body (malloc'd, the caller frees), the day it is of,
 * the writes since it was computed (0: current) and whose request stored it. */
struct kh_report_result {
	char *body;
	char as_of[11];
	int64_t stale;
	int64_t actor_id;
};

/* The stored result of (scope_key, report, variant) into *out, or
 * KH_ENOTFOUND when there is none. */
int kh_store_report_result_get(struct kh_store *st, const char *scope_key, const char *report,
			       const char *variant, struct kh_report_result *out,
			       struct kh_error *err);
/* Store (replace) a current result of as_of computed for actor_id. Call
 * inside a write transaction. */
int kh_store_report_result_put(struct kh_store *st, const char *scope_key, const char *report,
			       const char *variant, const char *as_of, int64_t actor_id,
			       const char *body, struct kh_error *err);
/* Replace the body of a result recomputed from a snapshot in which it
 * counted seen_stale writes: only the writes since then stay counted, so
 * the result is current again unless one came in meanwhile. */
int kh_store_report_result_refresh(struct kh_store *st, const char *scope_key,
				   const char *report, const char *variant, const char *as_of,
				   int64_t seen_stale, const char *body, struct kh_error *err);
/* Forget one result (its actor no longer has that scope). */
int kh_store_report_result_delete(struct kh_store *st, const char *scope_key,
				  const char *report, const char *variant, struct kh_error *err);
/* Up to max results to recompute, most outdated first: stale ones and
 * those of another day than today. *out: [{"scope_key", "report",
 * "variant", "actor_id", "stale"}]. */
int kh_store_report_results_outdated(struct kh_store *st, const char *today, int max,
				     json_t **out, struct kh_error *err);

/* Record that scope_key covers member (kind, member_id); kept once. */
int kh_store_report_scope_member(struct kh_store *st, const char *scope_key, int kind,
				 int64_t member_id, struct kh_error *err);
/* Outdate the results whose scope holds customer_id as it is now: those of
 * every unrestricted scope, of its owner's and of the users it is shared
 * with. A write calls it before and after it moves a customer. */
int kh_store_report_results_stale_customer(struct kh_store *st, int64_t customer_id,
					  struct kh_error *err);
/* Outdate the results whose scope holds the customers of owner_id (a
 * customer moved away from it). */
int kh_store_report_results_stale_owner(struct kh_store *st, int64_t owner_id,
				       struct kh_error *err);
/* Outdate every stored 7P statistic (report "statistics.*"): a product
 * they name or group by was changed. */
int kh_store_report_results_stale_statistics(struct kh_store *st, struct kh_error *err);
/* Outdate every stored result (settings changed, a new analysis). */
int kh_store_report_results_stale_all(struct kh_store *st, struct kh_error *err);

#endif
