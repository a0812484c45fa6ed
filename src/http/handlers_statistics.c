/*
 * handlers_statistics.c: GET /api/v1/statistics/{name} (the 7P statistics,
 * docs/api.md "Statistics"), as JSON or, with ?format=xlsx, as a workbook
 * of the same figures; and GET /api/v1/customers/{id}/cross-sell. The
 * arguments each statistic takes are checked here, their values by
 * service/analysis/statistics.c, which also keeps to the data scope.
 */
#include "http/handlers.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/parse.h"
#include "service/analysis/statistics.h"
#include "base/banned.h"

static const char *query(struct kh_http_req *r, const char *name)
{
	return json_string_value(json_object_get(r->query, name));
}

/* The workbook of stat, written to a temporary file, unlinked once the
 * response has it open. */
static int send_xlsx(struct kh_http_req *r, const char *name, json_t *stat, bool zh,
		     struct kh_error *err)
{
	char path[512], header[256], day[11];
	int rc;

	if ((rc = kh_http_temp_file("kehu-statistic", path, sizeof(path), err)))
		return rc;
	if ((rc = kh_statistic_xlsx(name, stat, zh, path, err)) == 0 &&
	    (rc = kh_http_reply_xlsx_file(r, path, err)) == 0) {
		kh_date_format(kh_today(), day);
		snprintf(header, sizeof(header),
			 "attachment; filename=\"statistics-%s-%s.xlsx\"", name, day);
		MHD_add_response_header(r->response, MHD_HTTP_HEADER_CONTENT_DISPOSITION, header);
	}
	unlink(path);
	return rc;
}

int kh_h_statistic(struct kh_http_req *r, struct kh_error *err)
{
	static const char *const plain[] = {"format", "lang", NULL};
	static const char *const period[] = {"format", "lang", "from", "to", NULL};
	static const char *const performance[] = {"format", "lang", "from", "to", "group", NULL};
	static const char *const product[] = {"format", "lang", "from", "to", "min_support", NULL};
	const char *name = strrchr(r->route->pattern, '/') + 1, *format = query(r, "format");
	const char *const *allowed = strcmp(name, "performance") == 0   ? performance
				     : strcmp(name, "product") == 0     ? product
				     : strcmp(name, "prospecting") == 0 ||
						       strcmp(name, "promotion") == 0
					       ? period
					       : plain;
	struct kh_stat_args a = {query(r, "from"), query(r, "to"), query(r, "group"),
				 query(r, "min_support")};
	json_t *out = NULL;
	bool zh = true;
	int rc;

	if ((rc = kh_http_query_only(r, allowed, err)))
		return rc;
	if (format && strcmp(format, "json") && strcmp(format, "xlsx"))
		return kh_error_set(err, KH_EINVAL, "format", "format must be json or xlsx");
	if ((rc = kh_http_want_zh(r, &zh, err)) || (rc = kh_statistic(&r->ctx, name, &a, &out, err)))
		return rc;
	if (format && strcmp(format, "xlsx") == 0) {
		rc = send_xlsx(r, name, out, zh, err);
		json_decref(out);
		return rc;
	}
	return kh_http_reply(r, 200, out);
}

int kh_h_cross_sell(struct kh_http_req *r, struct kh_error *err)
{
	static const char *const allowed[] = {"limit", NULL};
	const char *limit = query(r, "limit");
	int64_t n = 5;
	json_t *out = NULL;
	int rc;

	if ((rc = kh_http_query_only(r, allowed, err)) ||
	    (limit && (rc = kh_parse_int64(limit, 1, KH_CROSS_SELL_MAX, &n, "limit", err))) ||
	    (rc = kh_cross_sell(&r->ctx, r->id, (int)n, &out, err)))
		return rc;
	return kh_http_reply(r, 200, out);
}
