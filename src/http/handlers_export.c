/*
 * handlers_export.c: GET /api/v1/exports/{list} (CSV, xlsx; contacts also
 * vCard) and POST /api/v1/contacts/vcard. An export takes the list's own
 * query (filters, sort, q) plus format, lang and version, and is checked
 * in full before the first byte is sent, so a bad filter is an ordinary
 * JSON error. CSV and vCard are then streamed page by page from a
 * connection of the export's own (MHD_create_response_from_callback: the
 * worker thread's connection serves other requests between the chunks);
 * xlsx, which libxlsxwriter writes to a file, is written to an unlinked
 * temporary file first and sent from it.
 */
#include "http/handlers.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/parse.h"
#include "service/io/export.h"
#include "service/io/vcard_io.h"
#include "store/store.h"
#include "base/banned.h"

/* Bytes produced per call of the stream (whole rows, about). */
#define CHUNK (64 * 1024)
/* The page cache of an export's own connection: a scan needs little. */
#define EXPORT_CACHE_MIB 8

static const char *const not_filters[] = {"format", "lang", "version", NULL};

static const char *query(struct kh_http_req *r, const char *name)
{
	return json_string_value(json_object_get(r->query, name));
}

int kh_http_want_zh(struct kh_http_req *r, bool *zh, struct kh_error *err)
{
	const char *lang = query(r, "lang");
	const char *accept = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
							 MHD_HTTP_HEADER_ACCEPT_LANGUAGE);

	if (lang) {
		if (strcmp(lang, "zh") && strcmp(lang, "en"))
			return kh_error_set(err, KH_EINVAL, "lang", "lang must be zh or en");
		*zh = strcmp(lang, "zh") == 0;
		return 0;
	}
	*zh = !(accept && strncasecmp(accept, "en", 2) == 0);
	return 0;
}

int kh_http_temp_file(const char *prefix, char *path, size_t size, struct kh_error *err)
{
	const char *tmp = getenv("TMPDIR");
	int fd;

	snprintf(path, size, "%s/%s-XXXXXX", tmp && *tmp ? tmp : "/tmp", prefix);
	if ((fd = mkstemp(path)) < 0)
		return kh_error_set(err, KH_EIO, "", "cannot create a temporary file");
	close(fd);
	return 0;
}

int kh_http_reply_xlsx_file(struct kh_http_req *r, const char *path, struct kh_error *err)
{
	struct stat sb;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &sb) != 0) {
		if (fd >= 0)
			close(fd);
		return kh_error_set(err, KH_EIO, "", "cannot read the workbook back");
	}
	if (!(r->response = MHD_create_response_from_fd((uint64_t)sb.st_size, fd))) {
		close(fd);
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	}
	MHD_add_response_header(r->response, MHD_HTTP_HEADER_CONTENT_TYPE,
				"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
	r->status = 200;
	return 0;
}

/* Content-Disposition with the name in ASCII (the list's English name)
 * and, RFC 6266 / 5987, in UTF-8 as filename*. */
static void add_disposition(struct MHD_Response *resp, struct kh_export *x, const char *name,
			    const char *ext)
{
	char ascii[64], header[512], day[11];
	size_t n;

	kh_date_format(kh_today(), day);
	snprintf(ascii, sizeof(ascii), "%s-%s.%s", kh_export_entity(x)->table, day, ext);
	n = (size_t)snprintf(header, sizeof(header), "attachment; filename=\"%s\"; filename*=UTF-8''",
			     ascii);
	for (const unsigned char *p = (const unsigned char *)name; *p && n + 4 < sizeof(header);
	     p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '.' || *p == '_')
			header[n++] = (char)*p;
		else
			n += (size_t)snprintf(header + n, sizeof(header) - n, "%%%02X", *p);
	}
	header[n] = '\0';
	MHD_add_response_header(resp, "Content-Disposition", header);
}

/* ---- Streams: CSV and vCard ---- */

struct stream {
	struct kh_store *store; /* the export's own connection */
	struct kh_ctx ctx;
	struct kh_export *x;
	struct kh_strbuf buf;
	size_t off;
	int version;            /* 0: CSV; 30 or 40: vCard */
	bool done;
};

static void stream_free(void *cls)
{
	struct stream *s = cls;

	kh_export_free(s->x); /* an unfinished one is audited as incomplete */
	kh_ctx_release(&s->ctx);
	kh_store_free(s->store);
	kh_strbuf_release(&s->buf);
	free(s);
}

static ssize_t stream_read(void *cls, uint64_t pos, char *out, size_t max)
{
	struct stream *s = cls;
	struct kh_error err = {0};
	size_t n;
	int rc = 0;

	while (s->off == s->buf.len && !s->done) {
		kh_strbuf_reset(&s->buf);
		s->off = 0;
		rc = s->version ? kh_export_vcf_chunk(s->x, s->version, &s->buf, CHUNK, &s->done, &err)
				: kh_export_csv_chunk(s->x, &s->buf, CHUNK, &s->done, &err);
		if (rc) {
			fprintf(stderr, "kehu: export of %s stopped after %lld rows: %s\n",
				kh_export_entity(s->x)->table, (long long)kh_export_rows(s->x),
				err.message);
			return MHD_CONTENT_READER_END_WITH_ERROR;
		}
	}
	if (s->off == s->buf.len) {
		if (kh_export_finish(s->x, true, &err))
			fprintf(stderr, "kehu: export: the audit entry failed: %s\n", err.message);
		return MHD_CONTENT_READER_END_OF_STREAM;
	}
	n = s->buf.len - s->off < max ? s->buf.len - s->off : max;
	memcpy(out, s->buf.buf + s->off, n);
	s->off += n;
	return (ssize_t)n;
}

/* A second connection to the same database, acting as the caller. */
static int stream_open(struct kh_http_req *r, struct stream *s, struct kh_error *err)
{
	int rc;

	if ((rc = kh_store_open(kh_store_filename(r->ctx.store), &s->store, err)))
		return rc;
	kh_store_set_memory(s->store, EXPORT_CACHE_MIB, 0);
	kh_ctx_init_system(&s->ctx, s->store);
	s->ctx.actor = r->ctx.actor;
	return 0;
}

static int send_stream(struct kh_http_req *r, const struct kh_export_request *req, int version,
		       struct kh_error *err)
{
	struct stream *s = calloc(1, sizeof(*s));
	char name[160];
	int rc;

	if (!s)
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	kh_strbuf_init(&s->buf, 0);
	s->version = version;
	if ((rc = stream_open(r, s, err)) || (rc = kh_export_open(&s->ctx, req, &s->x, err)) ||
	    (!version && (rc = kh_export_csv_header(s->x, &s->buf)))) {
		stream_free(s);
		return rc;
	}
	kh_export_filename(s->x, version ? "vcf" : "csv", name, sizeof(name));
	r->response = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, CHUNK, stream_read, s,
							stream_free);
	if (!r->response) {
		stream_free(s);
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	}
	MHD_add_response_header(r->response, MHD_HTTP_HEADER_CONTENT_TYPE,
				version ? "text/vcard; charset=utf-8" : "text/csv; charset=utf-8");
	add_disposition(r->response, s->x, name, version ? "vcf" : "csv");
	r->status = 200;
	return 0;
}

/* ---- xlsx: a temporary file, then sent from its descriptor ---- */

static int send_xlsx(struct kh_http_req *r, const struct kh_export_request *req,
		     struct kh_error *err)
{
	char path[512], name[160];
	struct kh_export *x = NULL;
	int rc;

	if ((rc = kh_http_temp_file("kehu-export", path, sizeof(path), err)))
		return rc;
	if ((rc = kh_export_open(&r->ctx, req, &x, err)) ||
	    (rc = kh_export_xlsx_file(x, path, err)) || (rc = kh_export_finish(x, true, err)))
		goto out;
	kh_export_filename(x, "xlsx", name, sizeof(name));
	/* Unlinked at once: the file lives as long as the response has it open. */
	if ((rc = kh_http_reply_xlsx_file(r, path, err)) == 0)
		add_disposition(r->response, x, name, "xlsx");
out:
	unlink(path);
	kh_export_free(x);
	return rc;
}

int kh_h_export(struct kh_http_req *r, struct kh_error *err)
{
	struct kh_export_request req = {.type = r->route->res->path};
	const char *format = query(r, "format"), *version = query(r, "version");
	json_t *filters = NULL;
	int rc, vcard = 30;

	if (!format)
		format = "csv";
	if (strcmp(format, "csv") && strcmp(format, "xlsx") && strcmp(format, "vcf"))
		return kh_error_set(err, KH_EINVAL, "format", "format must be csv, xlsx or vcf");
	if (strcmp(format, "vcf") == 0 && strcmp(req.type, "contacts"))
		return kh_error_set(err, KH_EINVAL, "format", "only contacts are exported as vcf");
	if (version && (strcmp(format, "vcf") || (strcmp(version, "3.0") && strcmp(version, "4.0"))))
		return kh_error_set(err, KH_EINVAL, "version",
				    "version is 3.0 or 4.0, for format=vcf");
	if (version && strcmp(version, "4.0") == 0)
		vcard = 40;
	req.format = format;
	if ((rc = kh_http_want_zh(r, &req.zh, err)) ||
	    (rc = kh_http_list_params(r, &req.list, &filters, not_filters, err)))
		goto out;
	/* The whole list: one page or cursor of it would be a different export. */
	req.list.page = 1;
	req.list.cursor = NULL;
	if (strcmp(format, "xlsx") == 0)
		rc = send_xlsx(r, &req, err);
	else
		rc = send_stream(r, &req, strcmp(format, "vcf") == 0 ? vcard : 0, err);
out:
	json_decref(filters);
	return rc;
}

int kh_h_contact_vcard_import(struct kh_http_req *r, struct kh_error *err)
{
	const char *customer = query(r, "customer_id");
	const char *key;
	json_t *v, *out = NULL;
	int64_t id = 0;
	int rc;

	json_object_foreach(r->query, key, v)
		if (strcmp(key, "customer_id"))
			return kh_error_set(err, KH_EINVAL, key, "the only argument is customer_id");
	if (!customer)
		return kh_error_set(err, KH_EINVAL, "customer_id",
				    "give the customer as ?customer_id=");
	if ((rc = kh_parse_int64(customer, 1, INT64_MAX, &id, "customer_id", err)) ||
	    (rc = kh_vcard_import(&r->ctx, id, r->raw, r->raw_len, &out, err)))
		return rc;
	return kh_http_reply(r, 200, out);
}
