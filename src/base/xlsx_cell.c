/*
 * xlsx_cell.c: a stored xlsx value as the text a user saw (see xlsx_cell.h).
 * Excel keeps dates as day serials from 1899-12-30 (serial 60 is the
 * 1900-02-29 that never was, kept for Lotus 1-2-3) or, on the 1904 system,
 * from 1904-01-01; the time of day is the fraction, rounded to the second.
 */
#include "base/xlsx_cell.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/banned.h"
#include "base/utf8.h"

enum kh_xlsx_kind kh_xlsx_builtin_kind(unsigned long id)
{
	if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) ||
	    (id >= 50 && id <= 58))
		return KH_XLSX_DATE;
	if (id == 22)
		return KH_XLSX_DATETIME;
	if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47) || id == 32 || id == 33)
		return KH_XLSX_TIME;
	return KH_XLSX_NUMBER;
}

/* Skip a part of a format code that shows no date part; NULL if p starts none. */
static const char *skip_literal(const char *p)
{
	if (*p == '"') {
		const char *q = strchr(p + 1, '"');

		return q ? q + 1 : p + strlen(p);
	}
	if (*p == '\\' || *p == '_' || *p == '*')
		return p[1] ? p + 2 : p + 1;
	if (strncasecmp(p, "AM/PM", 5) == 0)
		return p + 5;
	if (strncasecmp(p, "A/P", 3) == 0)
		return p + 3;
	return NULL;
}

enum kh_xlsx_kind kh_xlsx_code_kind(const char *code)
{
	bool date = false, time = false, month = false;
	const char *p = code, *q;

	if (strncasecmp(code, "General", 7) == 0)
		return KH_XLSX_NUMBER;
	while (*p && *p != ';') {
		if ((q = skip_literal(p))) {
			p = q;
			continue;
		}
		if (*p == '[') {
			/* [h], [mm], [ss]: elapsed time; else a colour, condition or locale */
			char e = (char)tolower((unsigned char)p[1]);

			if (e == 'h' || e == 'm' || e == 's')
				time = true;
			q = strchr(p, ']');
			p = q ? q + 1 : p + strlen(p);
			continue;
		}
		switch (tolower((unsigned char)*p)) {
		case 'y':
		case 'd':
		case 'a': /* aaa: the weekday in Chinese and Japanese formats */
			date = true;
			break;
		case 'h':
		case 's':
			time = true;
			break;
		case 'm':
			month = true;
			break;
		}
		p++;
	}
	/* m is a month unless hours or seconds make it minutes */
	if (month && (date || !time))
		date = true;
	if (date)
		return time ? KH_XLSX_DATETIME : KH_XLSX_DATE;
	return time ? KH_XLSX_TIME : KH_XLSX_NUMBER;
}

int kh_xlsx_put_double(double x, struct kh_strbuf *out)
{
	char buf[40];

	if (x == 0)
		return kh_strbuf_addch(out, '0'); /* -0 too */
	if (x == floor(x) && fabs(x) < 1e17)
		return kh_strbuf_addf(out, "%.0f", x);
	/* %g drops trailing zeros, so the first precision that reads back is the
	 * shortest: any decimal of up to 15 digits survives a double. */
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			break;
	}
	return kh_strbuf_adds(out, buf);
}

/* Days from 1970-01-01 to y-m-d (H. Hinnant's civil_from_days). */
static void civil_from_days(long long z, long long *y, unsigned *m, unsigned *d)
{
	long long era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (long long)yoe + era * 400 + (*m <= 2);
}

/* Write the n-digit decimal of v at p (printf is most of a date's cost). */
static char *digits(char *p, unsigned long long v, int n)
{
	for (int i = n - 1; i >= 0; i--, v /= 10)
		p[i] = (char)('0' + v % 10);
	return p + n;
}

static int put_date(long long days, bool date1904, struct kh_strbuf *out)
{
	long long y;
	unsigned m, d;
	char buf[16], *p = buf;

	if (!date1904 && days == 60)
		return kh_strbuf_adds(out, "1900-02-29");
	if (date1904)
		days += -24107; /* 1904-01-01 */
	else
		days += days < 60 ? -25568 : -25569; /* 1900-01-01 is serial 1 */
	civil_from_days(days, &y, &m, &d);
	p = digits(p, (unsigned long long)y, 4);
	*p++ = '-';
	p = digits(p, m, 2);
	*p++ = '-';
	p = digits(p, d, 2);
	return kh_strbuf_add(out, buf, (size_t)(p - buf));
}

static int put_time(long long tod, bool space, struct kh_strbuf *out)
{
	char buf[16], *p = buf;

	if (space)
		*p++ = ' ';
	p = digits(p, (unsigned long long)tod / 3600, 2);
	*p++ = ':';
	p = digits(p, (unsigned long long)tod / 60 % 60, 2);
	*p++ = ':';
	p = digits(p, (unsigned long long)tod % 60, 2);
	return kh_strbuf_add(out, buf, (size_t)(p - buf));
}

static int put_serial(double serial, enum kh_xlsx_kind kind, bool date1904,
		      struct kh_strbuf *out)
{
	long long secs = llround(serial * 86400.0), days = secs / 86400, tod = secs % 86400;
	size_t len0 = out->len;
	int rc = 0;

	if (days == 0 && kind == KH_XLSX_DATE && !date1904)
		return kh_xlsx_put_double(serial, out); /* Excel's 1900-01-00 */
	if (days > 0 || kind == KH_XLSX_DATE || date1904)
		rc = put_date(days, date1904, out);
	if (!rc && kind != KH_XLSX_DATE)
		rc = put_time(tod, out->len > len0, out);
	return rc;
}

/* Only plain decimals: strtod would also take "inf", "nan" and hex. */
static bool plain_decimal(const char *v, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!isdigit((unsigned char)v[i]) && !(v[i] && strchr("+-.eE", v[i])))
			return false;
	return len > 0;
}

/* Already the shortest form: [-]digits[.digits] without leading or
 * trailing zeros nor an exponent, at most 15 significant digits (which
 * always survive a double), as Excel writes most numbers. */
static bool shortest_already(const char *v, size_t len)
{
	size_t i = v[0] == '-', sig = 0, int_digits = 0;
	bool point = false, nonzero = false;

	for (; i < len; i++) {
		if (v[i] == '.' && !point) {
			point = true;
			continue;
		}
		if (!isdigit((unsigned char)v[i]))
			return false;
		nonzero |= v[i] != '0';
		if (!point)
			int_digits++;
		sig += nonzero;
	}
	if (!int_digits || (v[v[0] == '-'] == '0' && int_digits > 1) || sig > 15 || !nonzero)
		return false;
	return !point || (v[len - 1] != '0' && v[len - 1] != '.');
}

int kh_xlsx_number_text(const char *v, size_t len, enum kh_xlsx_kind kind, bool date1904,
			struct kh_strbuf *out)
{
	char buf[64], *end;
	double x;

	if (len >= sizeof(buf) || !plain_decimal(v, len))
		return kh_strbuf_add(out, v, len);
	if (kind == KH_XLSX_NUMBER && shortest_already(v, len))
		return kh_strbuf_add(out, v, len);
	memcpy(buf, v, len);
	buf[len] = '\0';
	x = strtod(buf, &end);
	if (end != buf + len || !isfinite(x))
		return kh_strbuf_add(out, v, len);
	/* Serials of years 1900..9999 only; others stay numbers. */
	if (kind != KH_XLSX_NUMBER && x >= 0 && x < 2958466)
		return put_serial(x, kind, date1904, out);
	return kh_xlsx_put_double(x, out);
}

static int hex4(const char *s, unsigned *cp)
{
	*cp = 0;
	for (int i = 0; i < 4; i++) {
		int c = (unsigned char)s[i];

		if (!isxdigit(c))
			return -1;
		*cp = *cp * 16 + (unsigned)(isdigit(c) ? c - '0' : tolower(c) - 'a' + 10);
	}
	return 0;
}

int kh_xlsx_unescape(const char *s, size_t len, struct kh_strbuf *out)
{
	const char *end = s + len, *u;
	int rc;

	while ((u = memchr(s, '_', (size_t)(end - s)))) {
		unsigned cp;

		if ((rc = kh_strbuf_add(out, s, (size_t)(u - s))))
			return rc;
		/* _xHHHH_ of a code point that is not NUL or a surrogate */
		if (end - u >= 7 && u[1] == 'x' && u[6] == '_' && hex4(u + 2, &cp) == 0 && cp &&
		    kh_utf8_put(out, cp) == 0) {
			s = u + 7;
			continue;
		}
		if ((rc = kh_strbuf_addch(out, '_')))
			return rc;
		s = u + 1;
	}
	return kh_strbuf_add(out, s, (size_t)(end - s));
}

static bool digits_at(const char *s, const char *pattern)
{
	for (; *pattern; s++, pattern++)
		if (*pattern == '9' ? !isdigit((unsigned char)*s) : *s != *pattern)
			return false;
	return true;
}

int kh_xlsx_iso_text(const char *s, size_t len, struct kh_strbuf *out)
{
	int rc;

	if (len < 10 || !digits_at(s, "9999-99-99"))
		return kh_strbuf_add(out, s, len);
	if ((rc = kh_strbuf_add(out, s, 10)))
		return rc;
	if (len >= 19 && s[10] == 'T' && digits_at(s + 11, "99:99:99") &&
	    memcmp(s + 11, "00:00:00", 8) != 0) {
		if ((rc = kh_strbuf_addch(out, ' ')))
			return rc;
		return kh_strbuf_add(out, s + 11, 8);
	}
	return 0;
}
