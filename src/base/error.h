/*
 * error.h: the one error vocabulary of kehu. Functions return 0 or a negative
 * KH_E* code; an optional struct kh_error carries the field, the HTTP status
 * and a message a person can read, in English and in 中文 (base/messages.c,
 * the catalogue, keyed by the English format). Only the CLI and HTTP layers
 * print it, in the caller's language (kh_error_text).
 */
#ifndef KH_ERROR_H
#define KH_ERROR_H

#include "base/messages.h"

enum kh_errcode {
	KH_OK = 0,
	KH_EINVAL = -1,    /* bad input: a field is missing, malformed or out of range */
	KH_ENOTFOUND = -2, /* no such object, or the caller may not know it exists */
	KH_EPERM = -3,     /* authenticated, but not allowed */
	KH_ECONFLICT = -4, /* duplicate or state conflict */
	KH_ENOMEM = -5,
	KH_EDB = -6,       /* the database failed */
	KH_EIO = -7,       /* a file or socket failed */
	KH_ELIMIT = -8,    /* a size or count limit was hit */
	KH_EAUTH = -9,     /* not authenticated */
	KH_EDUPLICATE = -10, /* the record would duplicate another (duplicate control) */
};

struct kh_error {
	int code;         /* one of enum kh_errcode */
	char field[64];   /* the input field at fault, or "" */
	char message[256];    /* English */
	char message_zh[384]; /* 中文, from the catalogue's zh format (or English) */
	const char *reason;   /* the catalogue's stable key, or NULL: static storage */
};

/* Record an error (if err is not NULL) and return code, so callers can write
 * `return kh_error_set(err, KH_EINVAL, "name", "is required");`. */
int kh_error_set(struct kh_error *err, int code, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Put a prefix before the message of an error already set, in both
 * languages: the prefix's format is looked up in the catalogue as
 * kh_error_set's is ("line %lu: "). Keeps code, field and reason. Returns
 * err->code (KH_EINVAL if err is NULL). */
int kh_error_prefix(struct kh_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The message of err in lang (the English one if the zh one is empty). */
const char *kh_error_text(const struct kh_error *err, enum kh_lang lang);

/* Reset err to "no error". Accepts NULL. */
void kh_error_clear(struct kh_error *err);

/* The HTTP status that fits code (400, 404, 403, 409, 500, ...). */
int kh_error_http_status(int code);

/* A stable machine-readable name for code: "invalid", "not_found", ... */
const char *kh_error_name(int code);

#endif
