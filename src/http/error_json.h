/*
 * error_json.h: the body of an error answer, {"error": {code, reason,
 * message, field}}, with the message in the caller's language (the first
 * range of Accept-Language: zh* is 中文; English without the header).
 */
#ifndef KH_HTTP_ERROR_JSON_H
#define KH_HTTP_ERROR_JSON_H

#include <jansson.h>
#include <microhttpd.h>

#include "base/error.h"

/* The answer's body for err (its field, reason and message), or, with err
 * NULL, for the fixed English message (translated by the catalogue) and
 * field. The reason is the catalogue's, else code. A new reference. */
json_t *kh_http_error_json(struct MHD_Connection *conn, const char *code, const char *field,
			   const char *message, const struct kh_error *err);

#endif
