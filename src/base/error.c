/* error.c: filling and naming struct kh_error, in English and 中文. */
#include "base/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int kh_error_set(struct kh_error *err, int code, const char *field, const char *fmt, ...)
{
	const struct kh_message *m;
	va_list ap;

	if (!err)
		return code;
	m = kh_message_find(fmt);
	err->code = code;
	err->reason = m ? m->reason : NULL;
	snprintf(err->field, sizeof(err->field), "%s", field ? field : "");
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	if (m) {
		va_start(ap, fmt);
		/* The zh format takes the English one's arguments: the
		 * catalogue's unit test holds every entry to that. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		vsnprintf(err->message_zh, sizeof(err->message_zh), m->zh, ap);
#pragma GCC diagnostic pop
		va_end(ap);
	} else {
		snprintf(err->message_zh, sizeof(err->message_zh), "%s", err->message);
	}
	return code;
}

/* text = prefix + text, cut to size bytes (not inside a UTF-8 character). */
static void prepend(char *text, size_t size, const char *prefix)
{
	char old[384];
	size_t n;

	snprintf(old, sizeof(old), "%s", text);
	n = (size_t)snprintf(text, size, "%s%s", prefix, old);
	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--;
		text[n] = '\0';
	}
}

int kh_error_prefix(struct kh_error *err, const char *fmt, ...)
{
	const struct kh_message *m = kh_message_find(fmt);
	char en[128], zh[128];
	va_list ap;

	if (!err)
		return KH_EINVAL;
	va_start(ap, fmt);
	vsnprintf(en, sizeof(en), fmt, ap);
	va_end(ap);
	va_start(ap, fmt);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	vsnprintf(zh, sizeof(zh), m ? m->zh : fmt, ap);
#pragma GCC diagnostic pop
	va_end(ap);
	if (!err->message_zh[0])
		snprintf(err->message_zh, sizeof(err->message_zh), "%s", err->message);
	prepend(err->message, sizeof(err->message), en);
	prepend(err->message_zh, sizeof(err->message_zh), zh);
	return err->code;
}

const char *kh_error_text(const struct kh_error *err, enum kh_lang lang)
{
	if (lang == KH_LANG_ZH && err->message_zh[0])
		return err->message_zh;
	return err->message;
}

void kh_error_clear(struct kh_error *err)
{
	if (!err)
		return;
	err->code = KH_OK;
	err->field[0] = '\0';
	err->message[0] = '\0';
	err->message_zh[0] = '\0';
	err->reason = NULL;
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
