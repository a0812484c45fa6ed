/*
 * json_write.h: JSON text written straight into a strbuf, for the hot paths
 * that answer from statement columns without building jansson trees
 * (service/customers/view_json.c, the phone lookup and search). The output parses to
 * what jansson's json_dumps(JSON_COMPACT) gives for the same values:
 * strings UTF-8 with '"', '\\' and control characters escaped, reals with
 * 17 significant digits and always a '.' or exponent.
 */
#ifndef KH_JSON_WRITE_H
#define KH_JSON_WRITE_H

#include <stddef.h>
#include <stdint.h>

#include "base/strbuf.h"

/* Each returns 0, or KH_ELIMIT / KH_ENOMEM from the buffer (then sb holds
 * a partial text the caller throws away). */

/* s[0..len) as a JSON string; bytes that are not valid UTF-8 (or control
 * characters kh_utf8_valid refuses) are written as U+FFFD, as the store
 * shows damaged text. s may be NULL: "". */
int kh_json_put_string(struct kh_strbuf *sb, const char *s, size_t len);
/* "key": with the key as a JSON string (keys are our own ASCII names). */
int kh_json_put_key(struct kh_strbuf *sb, const char *key);
int kh_json_put_int(struct kh_strbuf *sb, int64_t v);
int kh_json_put_real(struct kh_strbuf *sb, double v);
/* fen as the API's money string ("1234.50"), quoted. */
int kh_json_put_money(struct kh_strbuf *sb, int64_t fen);
/* A ',' unless the text ends in '{' or '[' (the first member). */
int kh_json_put_comma(struct kh_strbuf *sb);

#endif
