/*
 * handlers_import.c: imports through the API: POST /api/v1/imports takes the
 * sheet as the request body (streamed into a file, upload.h) and answers
 * 202 with the job that imports it on its own thread (service/io/
 * import_job.h); GET /api/v1/imports/{id} its state and counts, .../rejects
 * its reject file; POST /api/v1/imports/preview the headers, how they match
 * and the first rows; GET /api/v1/imports/templates/{type} the template.
 */
#include "http/handlers.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "service/io/import.h"
#include "service/io/import_job.h"
#include "base/banned.h"

#define PREVIEW_ROWS 10

static const char *query(struct kh_http_req *r, const char *name)
{
	return json_string_value(json_object_get(r->query, name));
}

/* lang=zh|en, else Accept-Language, else Chinese (the UI's default). */
static enum kh_lang request_lang(struct kh_http_req *r)
{
	const char *v = query(r, "lang");

	if (!v)
		v = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
						MHD_HTTP_HEADER_ACCEPT_LANGUAGE);
	return kh_lang_parse(v, KH_LANG_ZH);
}

static int flag(struct kh_http_req *r, const char *name, bool *out, struct kh_error *err)
{
	const char *v = query(r, name);

	*out = false;
	if (!v)
		return 0;
	if (strcmp(v, "true") == 0 || strcmp(v, "1") == 0)
		*out = true;
	else if (strcmp(v, "false") && strcmp(v, "0"))
		return kh_error_set(err, KH_EINVAL, name, "%s must be true or false", name);
	return 0;
}

static int import_type(struct kh_http_req *r, enum kh_import_type *t, struct kh_error *err)
{
	if (kh_import_type_parse(query(r, "type"), t))
		return kh_error_set(err, KH_EINVAL, "type", "type must be customers, contacts, "
				    "products, orders, activities or opportunities");
	return 0;
}

static int params(struct kh_http_req *r, struct kh_import_params *p, struct kh_error *err)
{
	static const char *const known[] = {"type", "mode", "dry_run", "partial", "map", "lang",
					    "name", NULL};
	const char *key, *mode = query(r, "mode");
	json_t *v;
	int rc;

	json_object_foreach(r->query, key, v) {
		size_t i = 0;

		while (known[i] && strcmp(known[i], key))
			i++;
		if (!known[i])
			return kh_error_set(err, KH_EINVAL, key, "imports take no argument %s", key);
	}
	memset(p, 0, sizeof(*p));
	if ((rc = import_type(r, &p->type, err)))
		return rc;
	if (mode && kh_import_mode_parse(mode, &p->mode))
		return kh_error_set(err, KH_EINVAL, "mode", "mode must be create, update or upsert");
	if ((rc = flag(r, "dry_run", &p->dry_run, err)) ||
	    (rc = flag(r, "partial", &p->partial, err)))
		return rc;
	p->map = query(r, "map");
	p->lang = request_lang(r);
	return 0;
}

static json_t *job_links(int64_t id)
{
	char self[64];

	snprintf(self, sizeof(self), "/api/v1/imports/%lld", (long long)id);
	return json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "state", "queued", "href", self);
}

int kh_h_import_create(struct kh_http_req *r, struct kh_error *err)
{
	struct kh_import_params p;
	int64_t id = 0;
	int rc;

	if ((rc = params(r, &p, err)))
		return rc;
	if (!r->upload || r->upload->len == 0)
		return kh_error_set(err, KH_EINVAL, "", "send the file as the request body");
	rc = kh_import_job_start(r->imports, &r->ctx, r->upload->path, query(r, "name"), &p, &id,
				 err);
	if (rc)
		return rc;
	r->upload->taken = true;
	return kh_http_reply(r, 202, job_links(id));
}

int kh_h_import_preview(struct kh_http_req *r, struct kh_error *err)
{
	enum kh_import_type type;
	json_t *out = NULL;
	int rc;

	if ((rc = import_type(r, &type, err)))
		return rc;
	if (!r->upload || r->upload->len == 0)
		return kh_error_set(err, KH_EINVAL, "", "send the file as the request body");
	rc = kh_import_preview(&r->ctx, r->upload->path, type, query(r, "map"), request_lang(r),
			       PREVIEW_ROWS, &out, err);
	return rc ? rc : kh_http_reply(r, 200, out);
}

int kh_h_import_get(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_import_job_get(r->imports, &r->ctx, r->id, &out, err);

	return rc ? rc : kh_http_reply(r, 200, out);
}

/* Answer with the file at fd. */
static int reply_file(struct kh_http_req *r, int fd, const char *type, const char *name)
{
	r->status = 200;
	r->send_file = true;
	r->file_fd = fd;
	r->file_type = type;
	snprintf(r->file_name, sizeof(r->file_name), "%s", name);
	return 0;
}

int kh_h_import_rejects(struct kh_http_req *r, struct kh_error *err)
{
	char path[4096], name[64];
	int fd, rc = kh_import_job_rejects(r->imports, &r->ctx, r->id, path, sizeof(path), err);

	if (rc)
		return rc;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return kh_error_set(err, KH_EIO, "", "cannot read the reject file");
	snprintf(name, sizeof(name), "import-%lld-rejects.csv", (long long)r->id);
	return reply_file(r, fd, "text/csv; charset=utf-8", name);
}

int kh_h_import_template(struct kh_http_req *r, struct kh_error *err)
{
	const char *type_name = strrchr(r->path, '/') + 1;
	enum kh_import_type type;
	struct kh_strbuf csv;
	char name[64];
	FILE *f;
	int fd = -1;

	if (kh_import_type_parse(type_name, &type))
		return kh_error_set(err, KH_ENOTFOUND, "type", "no template %s", type_name);
	kh_strbuf_init(&csv, 0);
	if (kh_import_template(type, request_lang(r), &csv) == 0 && (f = tmpfile())) {
		if (fwrite(csv.buf, 1, csv.len, f) == csv.len && fflush(f) == 0)
			fd = dup(fileno(f));
		fclose(f);
	}
	kh_strbuf_release(&csv);
	if (fd < 0)
		return kh_error_set(err, KH_EIO, "", "cannot write the template");
	lseek(fd, 0, SEEK_SET);
	snprintf(name, sizeof(name), "%s-template.csv", type_name);
	return reply_file(r, fd, "text/csv; charset=utf-8", name);
}

int kh_http_imports_start(const char *db_path, struct kh_import_jobs **out,
			  struct kh_error *err)
{
	struct kh_store *st = NULL;
	struct kh_ctx ctx;
	char dir[4096];
	int rc;

	snprintf(dir, sizeof(dir), "%s.imports", db_path);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return kh_error_set(err, KH_EIO, "db", "cannot create %s: %s", dir, strerror(errno));
	if (!(*out = kh_import_jobs_new(db_path, dir)))
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	if ((rc = kh_store_open(db_path, &st, err)))
		return rc;
	kh_ctx_init_system(&ctx, st);
	rc = kh_import_jobs_recover(&ctx, err);
	kh_ctx_release(&ctx);
	kh_store_free(st);
	return rc;
}
