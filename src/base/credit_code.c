/* credit_code.c: checking unified social credit codes (see credit_code.h). */
#include "base/credit_code.h"

#include <string.h>

#include "base/banned.h"

static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* The value 0..30 of c in the alphabet, or -1. */
static int value_of(char c)
{
	const char *p = c ? strchr(alphabet, c) : NULL;

	return p ? (int)(p - alphabet) : -1;
}

char kh_credit_code_check_char(const char *code)
{
	int sum = 0, weight = 1;

	for (int i = 0; i < KH_CREDIT_CODE_LEN - 1; i++) {
		int v = value_of(code[i]);

		if (v < 0)
			return '\0';
		sum += v * weight;
		weight = weight * 3 % 31;
	}
	return alphabet[(31 - sum % 31) % 31];
}

bool kh_credit_code_valid(const char *code)
{
	return strlen(code) == KH_CREDIT_CODE_LEN && value_of(code[17]) >= 0 &&
	       kh_credit_code_check_char(code) == code[17];
}

static char upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

int kh_credit_code_normalize(const char *s, char out[KH_CREDIT_CODE_LEN + 1],
			     const char *field, struct kh_error *err)
{
	char code[KH_CREDIT_CODE_LEN + 1];
	size_t start = 0, end = strlen(s);
	char want;

	while (start < end && (s[start] == ' ' || s[start] == '\t'))
		start++;
	while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t'))
		end--;
	if (end - start != KH_CREDIT_CODE_LEN)
		return kh_error_set(err, KH_EINVAL, field, "%s must be 18 characters (a unified "
				    "social credit code), not %zu", field, end - start);
	for (size_t i = 0; i < KH_CREDIT_CODE_LEN; i++) {
		code[i] = upper(s[start + i]);
		if (value_of(code[i]) < 0)
			return kh_error_set(err, KH_EINVAL, field, "%s: character %zu may only be "
					    "0-9 or A-Z without I, O, Z, S and V", field, i + 1);
	}
	code[KH_CREDIT_CODE_LEN] = '\0';
	want = kh_credit_code_check_char(code);
	if (want != code[17])
		return kh_error_set(err, KH_EINVAL, field, "%s: the check character (the 18th) "
				    "does not match the first 17 (GB 32100-2015): mistyped?", field);
	memcpy(out, code, sizeof(code));
	return 0;
}
