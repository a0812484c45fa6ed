/* parse.c: strict parsing of integers, money and dates. */
#include "base/parse.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int kh_parse_int64(const char *s, int64_t min, int64_t max, int64_t *out,
		   const char *field, struct kh_error *err)
{
	char *end;
	long long v;

	if (!s || !*s)
		return kh_error_set(err, KH_EINVAL, field, "%s is required", field);
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno == ERANGE || *end || end == s || s[0] == ' ')
		return kh_error_set(err, KH_EINVAL, field, "%s must be a whole number", field);
	if (v < min || v > max)
		return kh_error_set(err, KH_EINVAL, field, "%s must be between %lld and %lld",
				    field, (long long)min, (long long)max);
	*out = v;
	return 0;
}

int kh_parse_money(const char *s, bool allow_negative, int64_t *fen, const char *field,
		   struct kh_error *err)
{
	const char *p = s;
	int64_t whole = 0;
	int frac = 0, frac_digits = 0, digits = 0;
	bool neg = false;

	if (!s || !*s)
		return kh_error_set(err, KH_EINVAL, field, "%s is required", field);
	if (*p == '-' || *p == '+') {
		neg = *p == '-';
		p++;
	}
	for (; *p && *p != '.'; p++) {
		if (*p == ',' && digits > 0)
			continue;
		if (*p < '0' || *p > '9')
			goto bad;
		whole = whole * 10 + (*p - '0');
		if (whole > KH_MONEY_MAX_FEN / 100)
			goto range;
		digits++;
	}
	if (*p == '.') {
		for (p++; *p; p++) {
			if (*p < '0' || *p > '9')
				goto bad;
			if (++frac_digits > 2)
				return kh_error_set(err, KH_EINVAL, field,
						    "%s has more than two decimals (fen)", field);
			frac = frac * 10 + (*p - '0');
		}
		if (frac_digits == 1)
			frac *= 10;
	}
	if (digits == 0 && frac_digits == 0)
		goto bad;
	if (neg && !allow_negative)
		return kh_error_set(err, KH_EINVAL, field, "%s must not be negative", field);
	if (whole * 100 + frac > KH_MONEY_MAX_FEN)
		goto range;
	*fen = (whole * 100 + frac) * (neg ? -1 : 1);
	return 0;
bad:
	return kh_error_set(err, KH_EINVAL, field, "%s must be an amount like 1234.50", field);
range:
	return kh_error_set(err, KH_EINVAL, field, "%s is too large (at most 100000000000.00)",
			    field);
}

static bool money_in_range(int64_t v)
{
	return v >= -KH_MONEY_MAX_FEN && v <= KH_MONEY_MAX_FEN;
}

bool kh_money_mul(int64_t a, int64_t b, int64_t *out)
{
	int64_t r;

	if (__builtin_mul_overflow(a, b, &r) || !money_in_range(r))
		return false;
	*out = r;
	return true;
}

bool kh_money_add(int64_t *sum, int64_t v)
{
	int64_t r;

	if (__builtin_add_overflow(*sum, v, &r) || !money_in_range(r))
		return false;
	*sum = r;
	return true;
}

void kh_money_format(int64_t fen, char buf[32])
{
	uint64_t a = fen < 0 ? (uint64_t)(-(fen + 1)) + 1 : (uint64_t)fen;

	snprintf(buf, 32, "%s%llu.%02llu", fen < 0 ? "-" : "", (unsigned long long)(a / 100),
		 (unsigned long long)(a % 100));
}

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. */
int32_t kh_days_from_civil(int y, unsigned m, unsigned d)
{
	int era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int32_t)doe - 719468;
}

void kh_civil_from_days(int32_t z, int *y, unsigned *m, unsigned *d)
{
	int era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	*y = (int)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y += *m <= 2;
}

int kh_parse_date(const char *s, int32_t *days, const char *field, struct kh_error *err)
{
	int y, i;
	unsigned m, d;
	static const unsigned mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap;

	if (!s || !*s)
		return kh_error_set(err, KH_EINVAL, field, "%s is required", field);
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		goto bad;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			goto bad;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (unsigned)((s[5] - '0') * 10 + (s[6] - '0'));
	d = (unsigned)((s[8] - '0') * 10 + (s[9] - '0'));
	if (y < 1900 || y > 2199)
		return kh_error_set(err, KH_EINVAL, field, "%s: year must be 1900..2199", field);
	if (m < 1 || m > 12)
		return kh_error_set(err, KH_EINVAL, field, "%s: month must be 01..12", field);
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (d < 1 || d > mdays[m - 1] + (m == 2 && leap))
		return kh_error_set(err, KH_EINVAL, field, "%s: %s is not a day of that month",
				    field, s);
	*days = kh_days_from_civil(y, m, d);
	return 0;
bad:
	return kh_error_set(err, KH_EINVAL, field, "%s must be a date like 2024-03-31", field);
}

void kh_date_format(int32_t days, char buf[11])
{
	int y;
	unsigned m, d;

	kh_civil_from_days(days, &y, &m, &d);
	if (y < 0 || y > 9999)
		y = 0;
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
}

int32_t kh_today(void)
{
	const char *env = getenv("KEHU_TODAY");
	int32_t days;

	if (env && kh_parse_date(env, &days, "KEHU_TODAY", NULL) == 0)
		return days;
	return (int32_t)(time(NULL) / 86400);
}

void kh_now_iso(char buf[21])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
