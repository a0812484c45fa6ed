/* error.c: filling and naming struct kh_error. */
#include "base/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int kh_error_set(struct kh_error *err, int code, const char *field, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	snprintf(err->field, sizeof(err->field), "%s", field ? field : "");
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return code;
}

void kh_error_clear(struct kh_error *err)
{
	if (!err)
		return;
	err->code = KH_OK;
	err->field[0] = '\0';
	err->message[0] = '\0';
}

int kh_error_http_status(int code)
{
	switch (code) {
	case KH_OK: return 200;
	case KH_EINVAL: return 400;
	case KH_EAUTH: return 401;
	case KH_EPERM: return 403;
	case KH_ENOTFOUND: return 404;
	case KH_ECONFLICT: return 409;
	case KH_EDUPLICATE: return 409;
	case KH_ELIMIT: return 413;
	default: return 500;
	}
}

const char *kh_error_name(int code)
{
	switch (code) {
	case KH_OK: return "ok";
	case KH_EINVAL: return "invalid";
	case KH_ENOTFOUND: return "not_found";
	case KH_EPERM: return "forbidden";
	case KH_ECONFLICT: return "conflict";
	case KH_EDUPLICATE: return "duplicate";
	case KH_ENOMEM: return "out_of_memory";
	case KH_EDB: return "database";
	case KH_EIO: return "io";
	case KH_ELIMIT: return "too_large";
	case KH_EAUTH: return "unauthenticated";
	default: return "internal";
	}
}
