/*
 * imports.h: what an import asks the database: the records a row's natural
 * key names (service/io/import_keys.c decides which key counts), and the
 * rows of import_jobs, the server's record of each import it ran.
 */
#ifndef KH_STORE_IMPORTS_H
#define KH_STORE_IMPORTS_H

#include <jansson.h>
#include <stdint.h>

#include "store/store.h"

/* The live rows of table whose column equals value (text, compared as
 * stored), restricted to customer_id = within when within > 0 (contacts,
 * opportunities): the first id into *id and how many there are (0, 1 or 2:
 * "more than one") into *n. table and column come from the caller's static
 * tables. */
int kh_store_import_find(struct kh_store *st, const char *table, const char *column,
			 const char *value, int64_t within, int64_t *id, int *n,
			 struct kh_error *err);
/* The customers whose own number (the phone index, not a contact's) is
 * number: as kh_store_import_find. */
int kh_store_import_find_phone(struct kh_store *st, const char *number, int64_t *id, int *n,
			       struct kh_error *err);
/* An active user by login or display name: as kh_store_import_find. */
int kh_store_import_find_user(struct kh_store *st, const char *text, int64_t *id, int *n,
			      struct kh_error *err);
/* Does table have column (a field another branch adds, such as
 * customers.credit_code)? */
int kh_store_has_column(struct kh_store *st, const char *table, const char *column,
			bool *has, struct kh_error *err);

/* ---- import_jobs ---- */
struct kh_import_job_row {
	int64_t id, user_id;
	const char *type, *mode, *file_name, *lang;
	bool dry_run, partial;
	int64_t bytes_total;
};
/* Insert a job in state "queued"; *id receives its id. */
int kh_store_import_job_add(struct kh_store *st, const struct kh_import_job_row *job,
			    int64_t *id, struct kh_error *err);
/* Set its state ("running", "done", "failed"), and with counts (an object
 * of rows, created, updated, skipped, rejected, bytes_read, or NULL) and
 * error (or NULL) when it ends. */
int kh_store_import_job_state(struct kh_store *st, int64_t id, const char *state,
			      json_t *counts, const char *error, struct kh_error *err);
/* The job as an object of its columns, or KH_ENOTFOUND. */
int kh_store_import_job_get(struct kh_store *st, int64_t id, json_t **out,
			    struct kh_error *err);
/* The newest jobs, of user_id only when user_id > 0. */
int kh_store_import_job_list(struct kh_store *st, int64_t user_id, int64_t limit, json_t **out,
			     struct kh_error *err);
/* Mark every job still queued or running as failed with reason (the server
 * starts: whatever ran before it was killed, and its transaction with it). */
int kh_store_import_jobs_interrupted(struct kh_store *st, const char *reason,
				     struct kh_error *err);

#endif
