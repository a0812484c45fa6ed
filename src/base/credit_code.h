/*
 * credit_code.h: the unified social credit code (统一社会信用代码, GB
 * 32100-2015): 18 characters from 0-9 and A-Z without I, O, Z, S and V, the
 * last one a check character over the first 17 (weights 3^i mod 31).
 */
#ifndef KH_CREDIT_CODE_H
#define KH_CREDIT_CODE_H

#include <stdbool.h>

#include "base/error.h"

#define KH_CREDIT_CODE_LEN 18

/* The check character of the 17 characters code[0..17), or '\0' when one
 * of them is outside the code's alphabet (upper case only). */
char kh_credit_code_check_char(const char *code);

/* Is code (NUL-terminated) a well-formed code: 18 characters of the
 * alphabet, upper case, with the right check character? */
bool kh_credit_code_valid(const char *code);

/* The typed s, trimmed of spaces and upper-cased, into out when it is a
 * valid code. Returns 0, or KH_EINVAL naming field with what is wrong (the
 * length, the character and its position, or the check character it should
 * have); out is then unchanged. */
int kh_credit_code_normalize(const char *s, char out[KH_CREDIT_CODE_LEN + 1],
			     const char *field, struct kh_error *err);

#endif
