/*
 * error.h: the one error vocabulary of kehu. Functions return 0 or a negative
 * KH_E* code; an optional struct kh_error carries the field, the HTTP status
 * and a message a person can read. Only the CLI and HTTP layers print it.
 */
#ifndef KH_ERROR_H
#define KH_ERROR_H

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
	char message[256];
};

/* Record an error (if err is not NULL) and return code, so callers can write
 * `return kh_error_set(err, KH_EINVAL, "name", "is required");`. */
int kh_error_set(struct kh_error *err, int code, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Reset err to "no error". Accepts NULL. */
void kh_error_clear(struct kh_error *err);

/* The HTTP status that fits code (400, 404, 403, 409, 500, ...). */
int kh_error_http_status(int code);

/* A stable machine-readable name for code: "invalid", "not_found", ... */
const char *kh_error_name(int code);

#endif
