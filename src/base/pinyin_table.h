/*
 * pinyin_table.h: the tables tools/gen_pinyin.py generates from Unihan into
 * build/gen/pinyin_table.c. Only pinyin.c and utf8.c read them; everyone else
 * goes through kh_pinyin_of() and kh_han_simplify(). All arrays are sorted by
 * code point so they can be searched by halving.
 */
#ifndef KH_PINYIN_TABLE_H
#define KH_PINYIN_TABLE_H

#include <stddef.h>
#include <stdint.h>

/* Room for the longest toneless syllable ("zhuang") and its NUL. */
#define KH_PINYIN_SYLLABLE_SIZE 8

/* Code points first .. first + count - 1 have their syllable numbers at
 * kh_pinyin_index[offset ...]; 0 there means "no reading". */
struct kh_pinyin_span {
	uint32_t first;
	uint32_t count;
	uint32_t offset;
};

/* A code point and what it maps to: a simplified code point, or a syllable
 * number for the surname table. */
struct kh_han_pair {
	uint32_t cp;
	uint32_t to;
};

/* Syllable number -> toneless ASCII pinyin; number 0 is "". */
extern const char kh_pinyin_syllables[][KH_PINYIN_SYLLABLE_SIZE];
extern const size_t kh_pinyin_nsyllables;

extern const struct kh_pinyin_span kh_pinyin_spans[];
extern const size_t kh_pinyin_nspans;
extern const uint16_t kh_pinyin_index[];

/* Traditional -> simplified, one code point for one. */
extern const struct kh_han_pair kh_han_simplified[];
extern const size_t kh_han_nsimplified;

/* Simplified code point -> syllable number of its reading as a surname. */
extern const struct kh_han_pair kh_pinyin_surnames[];
extern const size_t kh_pinyin_nsurnames;

#endif
