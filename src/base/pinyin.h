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

/* The surname reading of cp if it differs from its common one, else NULL
 * (单 -> "shan", 張 -> NULL). Traditional characters are read as simplified. */
const char *kh_pinyin_surname(uint32_t cp);

/* Append to full the toneless pinyin syllables of s with no separators
 * ("张三" -> "zhangsan"), and to initials the first letter of each ("zs";
 * zh, ch and sh give z, c and s). s is any well-formed UTF-8: it is folded
 * here (NFKC, case fold, accents stripped, traditional read as simplified),
 * so callers need not fold it first.
 *
 * Syllables: each Han character with a reading is one syllable. A run of
 * ASCII letters is one syllable, and so is a run of digits, both copied lower
 * case, with the first character as the initial: "ABC科技" -> "abckeji",
 * "akj"; "4S店" -> "4sdian", "4sd". Anything else (spaces, punctuation, kana,
 * Han characters without a reading) is skipped and ends a Latin run, so
 * "ABC Co." -> "abcco", "ac". In KH_PINYIN_PERSON mode a Han character that
 * is the first syllable takes its surname reading when it has one (曾国藩 ->
 * "zengguofan"); KH_PINYIN_PLAIN always uses the common reading.
 *
 * If syllable_starts is not NULL, the byte offset in full where each syllable
 * starts is stored there (offsets count from full->buf, so they include what
 * full held before the call), up to max_starts of them; offsets above
 * UINT16_MAX are not recorded. *n_starts (if not NULL) receives the number
 * stored. full and initials may each be NULL; the offsets are then counted as
 * if full were an empty buffer. Every syllable emitted is lower-case ASCII.
 * Returns 0, KH_EINVAL if s is not well-formed UTF-8, or the strbuf's
 * KH_ELIMIT / KH_ENOMEM; on failure full and initials are left as they were
 * and *n_starts is not written. */
int kh_pinyin_keys(const char *s, enum kh_pinyin_mode mode, struct kh_strbuf *full,
		   struct kh_strbuf *initials, uint16_t *syllable_starts, size_t max_starts,
		   size_t *n_starts);

#endif
