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
 * above U+10FFFF) and contains no NUL and no C0 control other than \t \n \r.
 * This is the check for text a user stores. */
bool kh_utf8_valid(const char *s, size_t len);

/* Append s[0..len) to out with every byte kh_utf8_valid refuses (malformed
 * sequences, NUL, C0 controls but \t \n \r) replaced by U+FFFD, so text
 * written outside kehu (a BLOB, Latin-1, binary) can still be shown. The
 * result passes kh_utf8_valid; valid input comes out unchanged. Returns 0
 * or the strbuf's KH_ELIMIT / KH_ENOMEM. */
int kh_utf8_repair(const char *s, size_t len, struct kh_strbuf *out);

/* Number of code points in the valid UTF-8 string s (counts lead bytes). */
size_t kh_utf8_count(const char *s);

/* Decode the code point at s[*pos], advance *pos; returns -1 at end (*pos
 * unchanged) or on malformed input (then *pos is advanced by one byte). */
int32_t kh_utf8_next(const char *s, size_t len, size_t *pos);

/* Append cp encoded as UTF-8. Returns 0, KH_EINVAL for a surrogate or a
 * value above U+10FFFF, or the strbuf's KH_ELIMIT / KH_ENOMEM. */
int kh_utf8_put(struct kh_strbuf *out, uint32_t cp);

/* Code points of a string after NFKC and case folding (see kh_text_decode).
 * Short strings fit in inline and cost no allocation; longer ones go to the
 * heap. cp points at whichever holds them. */
#define KH_TEXT_INLINE 256
struct kh_text_cps {
	int32_t *cp;
	size_t len;
	int32_t inline_cp[KH_TEXT_INLINE];
};

/* Decode the NUL-terminated s into out->cp as NFKC, case-folded code points;
 * with strip_marks, accents are removed too ("Café" -> c a f e). Pure ASCII
 * takes a fast path that only lower-cases. out need not be initialised and
 * must be released with kh_text_cps_release(), also on failure. Returns 0,
 * KH_EINVAL if s is not well-formed UTF-8, or KH_ENOMEM. */
int kh_text_decode(const char *s, bool strip_marks, struct kh_text_cps *out);

/* Free what kh_text_decode allocated. Accepts NULL. */
void kh_text_cps_release(struct kh_text_cps *cps);

/* True for the code points kh_text_fold drops: separators, punctuation,
 * symbols, controls and unassigned (Unicode categories Z*, P*, S*, C*). */
bool kh_text_is_filler(int32_t cp);

/* Append the search form of s: NFKC, lower case, traditional Han characters
 * mapped to simplified, whitespace and punctuation dropped. "張 三" -> "张三",
 * "ＡＢＣ-Co." -> "abcco". s must be well-formed UTF-8; control characters
 * are allowed and dropped. Returns 0, KH_EINVAL for malformed UTF-8 (out is
 * then unchanged), or the strbuf's KH_ELIMIT / KH_ENOMEM. */
int kh_text_fold(const char *s, struct kh_strbuf *out);

/* The simplified form of one Han code point, or cp itself. A character that
 * is also correct in simplified text (乾, 著, 覆) stays itself. */
uint32_t kh_han_simplify(uint32_t cp);

#endif
