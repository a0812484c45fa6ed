/*
 * utf8.h: UTF-8 validation and decoding, and the folding that makes search
 * keys: NFKC, case fold, traditional -> simplified Chinese (from Unihan's
 * kSimplifiedVariant), so 張三, ＺＨＡＮＧ and zhang all compare as typed.
 */
#ifndef KH_UTF8_H
#define KH_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/strbuf.h"

/* True if s[0..len) is well-formed UTF-8 (no overlongs, surrogates or values
 * above U+10FFFF) and contains no NUL and no C0 control other than \t \n \r. */
bool kh_utf8_valid(const char *s, size_t len);

/* Number of code points in the valid UTF-8 string s. */
size_t kh_utf8_count(const char *s);

/* Decode the code point at s[*pos], advance *pos; returns -1 at end or on
 * malformed input (then *pos is advanced by one byte). */
int32_t kh_utf8_next(const char *s, size_t len, size_t *pos);

/* Append cp encoded as UTF-8. */
int kh_utf8_put(struct kh_strbuf *out, uint32_t cp);

/* Append the search form of s: NFKC, lower case, traditional Han characters
 * mapped to simplified, whitespace and punctuation dropped. "張 三" -> "张三",
 * "ＡＢＣ-Co." -> "abcco". Returns 0, or KH_EINVAL for invalid UTF-8. */
int kh_text_fold(const char *s, struct kh_strbuf *out);

/* The simplified form of one Han code point, or cp itself. */
uint32_t kh_han_simplify(uint32_t cp);

#endif
