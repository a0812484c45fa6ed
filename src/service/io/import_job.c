/*
 * import_job.c: the server's import jobs (see import_job.h).
 */
#include "service/io/import_job.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "service/accounts/auth.h"
#include "store/io/imports.h"
#include "base/banned.h"

#define LIVE_MAX 64

/* What a running job has done so far, for GET while it runs. */
struct live {
	int64_t id;
	struct kh_import_counts counts;
};

struct kh_import_jobs {
	char *db_path, *dir;
	pthread_mutex_t lock;       /* guards live */
	pthread_mutex_t one_import; /* held by the job that imports */
	struct live live[LIVE_MAX];
};

struct job {
	struct kh_import_jobs *jobs;
	struct kh_actor actor;
	struct kh_import_params p;
	char *map, *upload;
	char rejects[4096];
};

struct kh_import_jobs *kh_import_jobs_new(const char *db_path, const char *dir)
{
	struct kh_import_jobs *j = calloc(1, sizeof(*j));

	if (!j)
		return NULL;
	j->db_path = strdup(db_path);
	j->dir = strdup(dir);
	if (!j->db_path || !j->dir) {
		kh_import_jobs_free(j);
		return NULL;
	}
	pthread_mutex_init(&j->lock, NULL);
	pthread_mutex_init(&j->one_import, NULL);
	return j;
}

void kh_import_jobs_free(struct kh_import_jobs *jobs)
{
	if (!jobs)
		return;
	free(jobs->db_path);
	free(jobs->dir);
	free(jobs);
}

const char *kh_import_jobs_dir(const struct kh_import_jobs *jobs)
{
	return jobs->dir;
}

int kh_import_jobs_recover(struct kh_ctx *ctx, struct kh_error *err)
{
	int rc = kh_store_begin(ctx->store, err);

	if (rc == 0)
		rc = kh_store_import_jobs_interrupted(ctx->store, "interrupted: the server stopped "
						      "during the import, nothing of it was kept", err);
	if (rc == 0)
		return kh_store_commit(ctx->store, err);
	kh_store_rollback(ctx->store);
	return rc;
}

static struct live *live_slot(struct kh_import_jobs *jobs, int64_t id)
{
	for (size_t i = 0; i < LIVE_MAX; i++)
		if (jobs->live[i].id == id)
			return &jobs->live[i];
	return NULL;
}

static void live_set(struct kh_import_jobs *jobs, int64_t id, const struct kh_import_counts *c)
{
	struct live *l;

	pthread_mutex_lock(&jobs->lock);
	if ((l = live_slot(jobs, id)) || (c && (l = live_slot(jobs, 0)))) {
		if (c) {
			l->id = id;
			l->counts = *c;
		} else {
			memset(l, 0, sizeof(*l));
		}
	}
	pthread_mutex_unlock(&jobs->lock);
}

static void on_progress(void *arg, const struct kh_import_counts *c)
{
	struct job *job = arg;

	live_set(job->jobs, job->p.job_id, c);
}

/* A state change in a transaction of its own. */
static int set_state(struct kh_ctx *ctx, int64_t id, const char *state, json_t *counts,
		     const char *error)
{
	struct kh_error err = {0};
	int rc = kh_store_begin(ctx->store, &err);

	if (rc == 0)
		rc = kh_store_import_job_state(ctx->store, id, state, counts, error, &err);
	if (rc == 0)
		return kh_store_commit(ctx->store, &err);
	kh_store_rollback(ctx->store);
	return rc;
}

static void run_job(struct job *job)
{
	struct kh_store *st = NULL;
	struct kh_import_result res = {0};
	struct kh_error err = {0};
	struct kh_ctx ctx;
	int rc;

	if (kh_store_open(job->jobs->db_path, &st, &err))
		return;
	/* as the server's workers: no memory map (the import sizes its cache) */
	kh_store_set_memory(st, 64, 0);
	kh_ctx_init_system(&ctx, st);
	if (job->actor.user_id)
		rc = kh_auth_actor_load(&ctx, job->actor.user_id, &err);
	else
		rc = 0;
	if (rc == 0)
		rc = set_state(&ctx, job->p.job_id, "running", NULL, NULL);
	if (rc == 0)
		rc = kh_import_run(&ctx, job->upload, &job->p, &res, &err);
	/* Done (committed) was written by the import itself; anything else is
	 * recorded now, after its rollback. */
	if (rc) {
		set_state(&ctx, job->p.job_id, "failed", NULL,
			  err.message[0] ? err.message : kh_error_name(rc));
	} else if (!res.committed) {
		json_t *c = kh_import_counts_json(&res.counts);

		set_state(&ctx, job->p.job_id, job->p.dry_run ? "done" : "failed", c,
			  job->p.dry_run ? NULL
					 : "rows were rejected: nothing was imported (see the "
					   "reject file, or import with partial)");
		json_decref(c);
	}
	kh_import_result_release(&res);
	kh_ctx_release(&ctx);
	kh_store_free(st);
}

static void *job_thread(void *arg)
{
	struct job *job = arg;

	pthread_mutex_lock(&job->jobs->one_import);
	run_job(job);
	pthread_mutex_unlock(&job->jobs->one_import);
	live_set(job->jobs, job->p.job_id, NULL);
	unlink(job->upload);
	free(job->upload);
	free(job->map);
	free(job);
	return NULL;
}

int kh_import_job_start(struct kh_import_jobs *jobs, struct kh_ctx *ctx, const char *upload,
			const char *file_name, const struct kh_import_params *p, int64_t *id,
			struct kh_error *err)
{
	struct kh_import_job_row row = {
		.user_id = ctx->actor.user_id, .type = kh_import_type_name(p->type),
		.mode = kh_import_mode_name(p->mode), .file_name = file_name,
		.lang = p->lang == KH_LANG_EN ? "en" : "zh", .dry_run = p->dry_run,
		.partial = p->partial};
	struct job *job = calloc(1, sizeof(*job));
	struct stat st;
	pthread_attr_t attr;
	pthread_t t;
	int rc;

	if (!job || !(job->upload = strdup(upload)) || (p->map && !(job->map = strdup(p->map)))) {
		if (job)
			free(job->upload);
		free(job);
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	}
	if (stat(upload, &st) == 0)
		row.bytes_total = (int64_t)st.st_size;
	if ((rc = kh_store_begin(ctx->store, err)) == 0 &&
	    (rc = kh_store_import_job_add(ctx->store, &row, id, err)) == 0)
		rc = kh_store_commit(ctx->store, err);
	if (rc) {
		kh_store_rollback(ctx->store);
		goto fail;
	}
	job->jobs = jobs;
	job->actor = ctx->actor;
	job->p = *p;
	job->p.map = job->map;
	job->p.job_id = *id;
	job->p.progress = on_progress;
	job->p.progress_arg = job;
	snprintf(job->rejects, sizeof(job->rejects), "%s/%lld-rejects.csv", jobs->dir,
		 (long long)*id);
	job->p.rejects = job->rejects;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	rc = pthread_create(&t, &attr, job_thread, job);
	pthread_attr_destroy(&attr);
	if (rc == 0)
		return 0;
	set_state(ctx, *id, "failed", NULL, "no thread for the import");
	rc = kh_error_set(err, KH_ENOMEM, "", "cannot start the import");
fail:
	free(job->upload);
	free(job->map);
	free(job);
	return rc;
}

/* The job row if the caller may see it; others are told it does not exist. */
static int visible_job(struct kh_ctx *ctx, int64_t id, json_t **row, struct kh_error *err)
{
	int rc = kh_store_import_job_get(ctx->store, id, row, err);
	int64_t owner;

	if (rc)
		return rc;
	owner = json_integer_value(json_object_get(*row, "user_id"));
	if (ctx->actor.role == KH_ROLE_SYSTEM || ctx->actor.role == KH_ROLE_ADMIN ||
	    owner == ctx->actor.user_id)
		return 0;
	json_decref(*row);
	*row = NULL;
	return kh_error_set(err, KH_ENOTFOUND, "id", "no import with id %lld", (long long)id);
}

static void rejects_path(struct kh_import_jobs *jobs, int64_t id, char *path, size_t size)
{
	snprintf(path, size, "%s/%lld-rejects.csv", jobs->dir, (long long)id);
}

int kh_import_job_get(struct kh_import_jobs *jobs, struct kh_ctx *ctx, int64_t id, json_t **out,
		      struct kh_error *err)
{
	json_t *row = NULL;
	struct live *l;
	char path[4096], link[64];
	int rc = visible_job(ctx, id, &row, err);

	if (rc)
		return rc;
	pthread_mutex_lock(&jobs->lock);
	if ((l = live_slot(jobs, id))) {
		json_object_set_new(row, "rows_read", json_integer(l->counts.rows));
		json_object_set_new(row, "bytes_read", json_integer((json_int_t)l->counts.bytes_read));
		json_object_set_new(row, "created", json_integer(l->counts.created));
		json_object_set_new(row, "updated", json_integer(l->counts.updated));
		json_object_set_new(row, "skipped", json_integer(l->counts.skipped));
		json_object_set_new(row, "rejected", json_integer(l->counts.rejected));
	}
	pthread_mutex_unlock(&jobs->lock);
	rejects_path(jobs, id, path, sizeof(path));
	snprintf(link, sizeof(link), "/api/v1/imports/%lld/rejects", (long long)id);
	*out = json_pack("{s:O, s:O, s:O, s:b, s:b, s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O,"
			 " s:O, s:O, s:O, s:O, s:s?}",
			 "id", json_object_get(row, "id"), "type", json_object_get(row, "type"),
			 "mode", json_object_get(row, "mode"), "dry_run",
			 (int)json_integer_value(json_object_get(row, "dry_run")), "partial",
			 (int)json_integer_value(json_object_get(row, "partial")), "state",
			 json_object_get(row, "state"), "file_name",
			 json_object_get(row, "file_name"), "rows",
			 json_object_get(row, "rows_read"), "bytes_read",
			 json_object_get(row, "bytes_read"), "bytes_total",
			 json_object_get(row, "bytes_total"), "created",
			 json_object_get(row, "created"), "updated", json_object_get(row, "updated"),
			 "skipped", json_object_get(row, "skipped"), "rejected",
			 json_object_get(row, "rejected"), "error", json_object_get(row, "error"),
			 "created_at", json_object_get(row, "created_at"), "started_at",
			 json_object_get(row, "started_at"), "finished_at",
			 json_object_get(row, "finished_at"), "rejects",
			 access(path, R_OK) == 0 && json_integer_value(json_object_get(row, "rejected"))
				 ? link : NULL);
	json_decref(row);
	return *out ? 0 : kh_error_set(err, KH_ENOMEM, "", "out of memory");
}

int kh_import_job_rejects(struct kh_import_jobs *jobs, struct kh_ctx *ctx, int64_t id,
			  char *path, size_t size, struct kh_error *err)
{
	json_t *row = NULL;
	int rc = visible_job(ctx, id, &row, err);

	json_decref(row);
	if (rc)
		return rc;
	rejects_path(jobs, id, path, size);
	if (access(path, R_OK) != 0)
		return kh_error_set(err, KH_ENOTFOUND, "id", "import %lld has no reject file",
				    (long long)id);
	return 0;
}
