/*
 * reports.h: the analytics reports behind the dashboard (docs/api.md,
 * "Analytics"). Each report covers exactly the customers the actor may list
 * (service/permission.c), reads them in one snapshot, and reuses the pure
 * functions of src/analytics for the arithmetic. Each returns 0 and a new
 * JSON object in *out, or a negative KH_E* code with err filled in (a bad
 * parameter is KH_EINVAL with the parameter's name as field); *out is
 * written only on success.
 *
 * reports.c holds the helpers, ABC, the value grid, lifecycle and
 * loyalty; reports_quadrant.c the quadrant matrices; reports_value.c CLV and
 * the whale curve; reports_time.c the reports over orders and opportunities
 * in time (cohorts, forecast, follow-ups) and the next visits.
 */
#ifndef KH_SERVICE_REPORTS_H
#define KH_SERVICE_REPORTS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "service/context.h"

#define KH_REPORT_POINTS_MAX 2000 /* scatter points per matrix */
#define KH_REPORT_TOP_MAX 100     /* top customers by CLV */

/* basis: "profit", "sales" or NULL (the setting abc.basis). */
int kh_report_abc(struct kh_ctx *ctx, const char *basis, json_t **out, struct kh_error *err);
int kh_report_grid(struct kh_ctx *ctx, json_t **out, struct kh_error *err);
/* matrix: one of the five names ("benefit" is an alias of
 * "direct_indirect"), "all", or NULL (value_loyalty). */
int kh_report_quadrants(struct kh_ctx *ctx, const char *matrix, json_t **out,
			struct kh_error *err);
int kh_report_lifecycle(struct kh_ctx *ctx, json_t **out, struct kh_error *err);
int kh_report_loyalty(struct kh_ctx *ctx, json_t **out, struct kh_error *err);
/* top: 1..KH_REPORT_TOP_MAX customers listed by CLV. */
int kh_report_clv(struct kh_ctx *ctx, int top, json_t **out, struct kh_error *err);
int kh_report_whale(struct kh_ctx *ctx, json_t **out, struct kh_error *err);

/* period: "year", "quarter" or NULL (year). */
int kh_report_cohorts(struct kh_ctx *ctx, const char *period, json_t **out,
		      struct kh_error *err);
int kh_report_forecast(struct kh_ctx *ctx, json_t **out, struct kh_error *err);
int kh_report_followups(struct kh_ctx *ctx, json_t **out, struct kh_error *err);
/* {"reps": [...]} as kh_next_visits, for rep (0 = a sales rep themselves,
 * anyone else every rep in their scope); a rep outside the actor's scope is
 * KH_ENOTFOUND. */
int kh_report_next_visits(struct kh_ctx *ctx, int64_t rep, int limit, json_t **out,
			  struct kh_error *err);

/* The presented metrics of a customer the actor may already see (a new
 * object), or a new JSON null when it has none. */
json_t *kh_report_customer_metrics(struct kh_ctx *ctx, int64_t customer_id);

/* ---- Helpers shared by reports.c and reports_time.c ---- */

/* Set key_fen (integer) and key (yuan string) on o. */
void kh_report_money(json_t *o, const char *key, int64_t fen);
/* A real, or null when v is not finite. */
json_t *kh_report_real(double v);
/* num / den, or null when den is 0. */
json_t *kh_report_ratio(double num, double den);
/* A new object {"as_of": today, "customers": n}. */
json_t *kh_report_head(int64_t customers);
/* Record "out of memory" in err; returns KH_ENOMEM. */
int kh_report_nomem(struct kh_error *err);

struct kh_perm_reach;
struct kh_scope;
/* The actor's report scope (kh_perm_report_scope) and a read snapshot:
 * *scope is NULL (everyone) or points into reach. End with
 * kh_report_scope_end, which commits (rc 0) or rolls back the snapshot,
 * releases reach and returns rc, or the commit's failure. */
int kh_report_scope_begin(struct kh_ctx *ctx, struct kh_perm_reach *reach,
			  const struct kh_scope **scope, struct kh_error *err);
int kh_report_scope_end(struct kh_ctx *ctx, struct kh_perm_reach *reach, int rc,
			struct kh_error *err);

struct kh_report_row;
/* The metrics rows of every customer of the actor's scope, read in one
 * snapshot: a new array *rows[0..*n) freed with kh_report_rows_free. */
int kh_report_load_rows(struct kh_ctx *ctx, struct kh_report_row **rows, size_t *n,
			struct kh_error *err);

#endif
