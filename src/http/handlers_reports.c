/*
 * handlers_reports.c: daily and weekly reports (/api/v1/reports; service/
 * work/report.h): the list, drafts, the one submission, comments, who has
 * not submitted, and the pre-fill in the language of Accept-Language.
 */
#include "http/handlers.h"

#include "service/work/report.h"
#include "base/banned.h"

int kh_h_report_list(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_report_list(&r->ctx, r->query, &out, err);

	return rc ? rc : kh_http_reply(r, 200, out);
}

/* Answer with report id as it is now. */
static int reply_report(struct kh_http_req *r, int64_t id, int status, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_report_get(&r->ctx, id, &out, err);

	return rc ? rc : kh_http_reply(r, status, out);
}

int kh_h_report_create(struct kh_http_req *r, struct kh_error *err)
{
	int64_t id = 0;
	int rc = kh_report_create(&r->ctx, r->body, false, &id, err);

	return rc ? rc : reply_report(r, id, 201, err);
}

int kh_h_report_get(struct kh_http_req *r, struct kh_error *err)
{
	return reply_report(r, r->id, 200, err);
}

int kh_h_report_update(struct kh_http_req *r, struct kh_error *err)
{
	int rc = kh_report_update(&r->ctx, r->id, r->body, err);

	return rc ? rc : reply_report(r, r->id, 200, err);
}

int kh_h_report_submit(struct kh_http_req *r, struct kh_error *err)
{
	static const char *const none[] = {NULL};
	int rc = kh_http_body_only(r, none, err);

	if (rc == 0)
		rc = kh_report_submit(&r->ctx, r->id, err);

	return rc ? rc : reply_report(r, r->id, 200, err);
}

int kh_h_report_comment(struct kh_http_req *r, struct kh_error *err)
{
	int64_t comment = 0;
	int rc = kh_report_comment(&r->ctx, r->id, r->body, &comment, err);

	return rc ? rc : reply_report(r, r->id, 201, err);
}

int kh_h_report_missing(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_report_missing(&r->ctx, r->query, &out, err);

	return rc ? rc : kh_http_reply(r, 200, out);
}

int kh_h_report_prefill(struct kh_http_req *r, struct kh_error *err)
{
	enum kh_lang lang = kh_lang_from_accept(
		MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Accept-Language"));
	json_t *out = NULL;
	int rc = kh_report_prefill(&r->ctx, r->query, lang, &out, err);

	return rc ? rc : kh_http_reply(r, 200, out);
}
