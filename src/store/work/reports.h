/*
 * reports.h: the rows of daily and weekly reports (日报/周报), their comments
 * and who has read them (service/work/report.h decides who may do what),
 * and the facts of a period that pre-fill a report: what its author did.
 */
#ifndef KH_STORE_REPORTS_H
#define KH_STORE_REPORTS_H

#include <jansson.h>
#include <stdint.h>

#include "base/error.h"
#include "store/store.h"

/* The id of the report of author, kind and period_start in *id, 0 if none. */
int kh_store_report_find(struct kh_store *st, int64_t author_id, const char *kind,
			 const char *period_start, int64_t *id, struct kh_error *err);

/* Report id with its author's login ("author_login") and name ("author"),
 * or KH_ENOTFOUND (the caller names the id). */
int kh_store_report_get(struct kh_store *st, int64_t id, json_t **row, struct kh_error *err);

/* A list of reports. Every member but limit is optional (NULL or 0). */
struct kh_store_report_query {
	json_t *authors;          /* JSON array of the user ids seen, borrowed; NULL: all */
	int64_t author_id;
	const char *kind, *status;
	const char *from, *to;    /* bounds of period_start, inclusive */
	int64_t reader_id;        /* "read_by_me": has this user read it */
	int64_t limit, offset;
};

/* The reports q matches, newest period first, each with its author, its
 * number of comments and read_by_me (0/1), into *rows; their number *total. */
int kh_store_report_list(struct kh_store *st, const struct kh_store_report_query *q,
			 json_t **rows, int64_t *total, struct kh_error *err);

/* The comments of a report, oldest first, and who read it when (a comment
 * is written with kh_store_insert). */
int kh_store_report_comments(struct kh_store *st, int64_t report_id, json_t **rows,
			     struct kh_error *err);
int kh_store_report_reads(struct kh_store *st, int64_t report_id, json_t **rows,
			  struct kh_error *err);
/* Record that reader read report_id (the first time only). */
int kh_store_report_mark_read(struct kh_store *st, int64_t report_id, int64_t reader_id,
			      struct kh_error *err);

/* The live, active sales reps and managers among users (a JSON array of
 * ids, borrowed; NULL: all), by login, each with the id and status of their
 * report of kind and period_start (null when they wrote none). */
int kh_store_report_writers(struct kh_store *st, json_t *users, const char *kind,
			    const char *period_start, json_t **rows, struct kh_error *err);

/* What user_id did from..to (dates, inclusive) and has coming in
 * next_from..next_to: a new object of arrays "activities" (done ones, with
 * their customer or lead and content), "orders", "contracts_signed",
 * "contracts_approved", "receipts", "new_customers", "new_leads",
 * "next_contacts" (customers and leads whose next contact falls in the next
 * period) and "tasks_due" (open tasks due then). */
int kh_store_report_facts(struct kh_store *st, int64_t user_id, const char *from,
			  const char *to, const char *next_from, const char *next_to,
			  json_t **out, struct kh_error *err);

#endif
