/*
 * parse.h: strict parsers for what users type: whole integers, money, dates.
 * Each rejects trailing junk, overflow and out-of-range values with a message.
 * Money is held as integer fen (1/100 yuan); dates as days since 1970-01-01.
 */
#ifndef KH_PARSE_H
#define KH_PARSE_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#include "base/error.h"

/* Largest amount kehu accepts for one money field: 100 billion yuan, in fen. */
#define KH_MONEY_MAX_FEN (10000000000000LL)

/* Parse a decimal integer in [min, max]. */
int kh_parse_int64(const char *s, int64_t min, int64_t max, int64_t *out,
		   const char *field, struct kh_error *err);

/* Parse "1234", "1234.5", "1234.50", "-12.30" (if allow_negative), "1,234.50"
 * into fen. More than two decimals, or an absolute value above
 * KH_MONEY_MAX_FEN, is an error. */
int kh_parse_money(const char *s, bool allow_negative, int64_t *fen, const char *field,
		   struct kh_error *err);

/* *out = a * b and *sum += v for money (fen): false, with the output
 * unchanged, when the result overflows or lies outside
 * [-KH_MONEY_MAX_FEN, KH_MONEY_MAX_FEN] (a product or sum kehu stores as one
 * amount must itself be an amount it accepts). */
bool kh_money_mul(int64_t a, int64_t b, int64_t *out);
bool kh_money_add(int64_t *sum, int64_t v);

/* Write fen as "1234.50" (no grouping). buf needs 32 bytes. */
void kh_money_format(int64_t fen, char buf[32]);

/* Parse "YYYY-MM-DD" (a real calendar date, years 1900..2199) into days since
 * 1970-01-01. */
int kh_parse_date(const char *s, int32_t *days, const char *field, struct kh_error *err);

/* Days since epoch <-> civil date; buf needs 11 bytes for "YYYY-MM-DD". */
void kh_date_format(int32_t days, char buf[11]);
int32_t kh_days_from_civil(int y, unsigned m, unsigned d);
void kh_civil_from_days(int32_t days, int *y, unsigned *m, unsigned *d);

/* Today's date (UTC) as days since epoch; KEHU_TODAY=YYYY-MM-DD overrides it
 * so tests and demos are reproducible. */
int32_t kh_today(void);

/* Current UTC time as "YYYY-MM-DDTHH:MM:SSZ"; buf needs 21 bytes. */
void kh_now_iso(char buf[21]);

#endif
