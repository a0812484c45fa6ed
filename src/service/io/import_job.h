/*
 * import_job.h: imports the server runs for a caller (POST /api/v1/imports):
 * each a row of import_jobs and a thread with its own connection, one import
 * at a time (SQLite has one writer; the next waits "queued"). A job's live
 * progress (rows, bytes) is kept here while it runs; its end is written in
 * the import's own transaction, so a restarted server finds a job cut off
 * by a crash still "running" and marks it failed (kh_import_jobs_recover):
 * never half-applied. A job is its caller's own: others are told it does not
 * exist; admins (and the system) see every job.
 */
#ifndef KH_IMPORT_JOB_H
#define KH_IMPORT_JOB_H

#include <jansson.h>

#include "service/context.h"
#include "service/io/import.h"

struct kh_import_jobs;

/* The jobs of one server on the database at db_path; files (uploads and
 * reject files) live in dir. NULL when out of memory. */
struct kh_import_jobs *kh_import_jobs_new(const char *db_path, const char *dir);
/* Free the registry; jobs still running end with the process (their
 * transactions are rolled back by SQLite and recovered as failed). */
void kh_import_jobs_free(struct kh_import_jobs *jobs);
/* The directory of the job files. */
const char *kh_import_jobs_dir(const struct kh_import_jobs *jobs);

/* Mark the jobs a previous server left queued or running as failed. */
int kh_import_jobs_recover(struct kh_ctx *ctx, struct kh_error *err);

/* Start importing upload (a file in the jobs' directory, taken over: it is
 * removed when the job ends) as ctx's actor with p (its rejects, progress
 * and job_id are the job's own). *id receives the job's id. */
int kh_import_job_start(struct kh_import_jobs *jobs, struct kh_ctx *ctx, const char *upload,
			const char *file_name, const struct kh_import_params *p, int64_t *id,
			struct kh_error *err);
/* The job as the API shows it: {id, type, mode, dry_run, partial, state,
 * rows, bytes_read, bytes_total, created, updated, skipped, rejected, error,
 * rejects (a path of the API or null), created_at, started_at, finished_at}. */
int kh_import_job_get(struct kh_import_jobs *jobs, struct kh_ctx *ctx, int64_t id, json_t **out,
		      struct kh_error *err);
/* The path of job id's reject file into path[size], for the caller who may
 * see the job; KH_ENOTFOUND when it has none (yet). */
int kh_import_job_rejects(struct kh_import_jobs *jobs, struct kh_ctx *ctx, int64_t id,
			  char *path, size_t size, struct kh_error *err);

#endif
