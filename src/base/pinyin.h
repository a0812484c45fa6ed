/*
 * pinyin.h: pinyin keys of Chinese names for search. The table is generated at
 * build time from Unicode's Unihan readings (tools/gen_pinyin.py); surnames
 * with a special reading (曾 zeng, 单 shan, 解 xie, 仇 qiu, 区 ou, ...) come from
 * tools/surnames.txt and apply to the first character of a person's name.
 */
#ifndef KH_PINYIN_H
#define KH_PINYIN_H

#include <stdint.h>

#include "base/strbuf.h"

enum kh_pinyin_mode {
	KH_PINYIN_PLAIN = 0,  /* company or product names */
	KH_PINYIN_PERSON = 1, /* first character read as a surname */
};

/* The toneless pinyin of a Han code point ("zhang"), or NULL if it has none.
 * Traditional characters are read like their simplified form. */
const char *kh_pinyin_of(uint32_t cp);

/* The surname reading of cp if it differs from its common one, else NULL. */
const char *kh_pinyin_surname(uint32_t cp);

/* Append to full the toneless pinyin syllables of the folded text s with no
 * separators ("张三" -> "zhangsan"), and to initials their first letters
 * ("zs"). Latin letters and digits are copied lower-cased to both; other
 * characters are skipped. If syllable_starts is not NULL, the byte offsets in
 * full where each syllable (or Latin run) starts are appended to it as
 * uint16_t values, up to max_starts of them; *n_starts receives the count.
 * Either buffer may be NULL. Returns 0 or a negative KH_E* code. */
int kh_pinyin_keys(const char *s, enum kh_pinyin_mode mode, struct kh_strbuf *full,
		   struct kh_strbuf *initials, uint16_t *syllable_starts, size_t max_starts,
		   size_t *n_starts);

#endif
