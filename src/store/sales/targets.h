/*
 * targets.h: the store side of targets (业绩目标), the weekly progress
 * table's reasons, the actuals a target is measured against and the
 * rankings read (service/sales/targets.h, rankings.h decide who sees what).
 *
 * A user set is a JSON array of user ids (borrowed), or NULL for everyone
 * (the company: records without an owner count too). Dates are
 * "YYYY-MM-DD", inclusive.
 */
#ifndef KH_STORE_TARGETS_H
#define KH_STORE_TARGETS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/error.h"
#include "store/store.h"

/* Migration 28 (store/sales/targets_schema.c; schema.c runs it). */
extern const char kh_store_migration_28[];

/* What is counted (the column sales_targets.metric names the first three). */
enum kh_metric {
	KH_METRIC_CONTRACTS = 0, /* approved contracts' total_fen by signed date */
	KH_METRIC_RECEIPTS,      /* approved receipts' amount_fen by received date */
	KH_METRIC_NEW_CUSTOMERS, /* customers created, by their owner */
	KH_METRIC_FOLLOWUPS,     /* done activities that are not notes, by their user */
	KH_METRIC_VISITS,        /* done visits, by their user */
};
#define KH_METRIC_TARGETED 3 /* the metrics a target is set for: the first three */
#define KH_METRIC_COUNT 5

/* The twelve monthly amounts of one target; months[0] is unused. *set is
 * false (and every month 0) when none is stored. */
int kh_store_target_months(struct kh_store *st, const char *kind, int64_t scope_id, int year,
			   const char *metric, int64_t months[13], bool *set,
			   struct kh_error *err);
/* Replace the target (all twelve months at once), by user set_by; inside
 * the caller's write transaction. */
int kh_store_target_put(struct kh_store *st, const char *kind, int64_t scope_id, int year,
			const char *metric, const int64_t months[13], int64_t set_by,
			struct kh_error *err);
/* The sum of the rep targets of users (NULL: every rep's), per month. */
int kh_store_target_reps_sum(struct kh_store *st, json_t *users, int year, const char *metric,
			     int64_t months[13], struct kh_error *err);

/* The actual of metric of users from..to (within one year; for contracts
 * and receipts whole months, read from their monthly sums), per month
 * (months[0] unused). */
int kh_store_actual_months(struct kh_store *st, enum kh_metric metric, json_t *users,
			   const char *from, const char *to, int64_t months[13],
			   struct kh_error *err);
/* The actual of metric of users from..to, per user: a new array of
 * {"user_id", "value"} (user_id null for records without one). */
int kh_store_actual_by_user(struct kh_store *st, enum kh_metric metric, json_t *users,
			    const char *from, const char *to, json_t **rows,
			    struct kh_error *err);

/* The open opportunities (not won or lost) of users expected to close
 * from..to: their number, amount and weighted amount (amount × probability
 * / 100, rounded to the fen). An opportunity without an owner is its
 * customer's owner's. */
struct kh_store_pipeline_sum {
	int64_t count, amount_fen, weighted_fen;
};
int kh_store_pipeline_open(struct kh_store *st, json_t *users, const char *from, const char *to,
			   struct kh_store_pipeline_sum *out, struct kh_error *err);

/* The live, active sales reps and managers among users (NULL: all), by
 * id: a new array of {"id", "login", "name", "team_id", "role"}. */
int kh_store_target_people(struct kh_store *st, json_t *users, json_t **rows,
			   struct kh_error *err);
/* The live teams whose parent is parent_id (0: the top of the tree), by
 * name: a new array of {"id", "name"}. */
int kh_store_target_child_teams(struct kh_store *st, int64_t parent_id, json_t **rows,
				struct kh_error *err);

/* The reasons of users (NULL: all) for week and metric: a new array of
 * {"user_id", "reason", "updated_at"}. */
int kh_store_week_reasons(struct kh_store *st, json_t *users, const char *week,
			  const char *metric, json_t **rows, struct kh_error *err);
/* Store user_id's reason for week and metric (NULL or "": remove it). */
int kh_store_week_reason_put(struct kh_store *st, int64_t user_id, const char *week,
			     const char *metric, const char *reason, struct kh_error *err);

#endif
