/*
 * doc_number.h: the numbers of contracts and receipts (合同编号, 回款编号):
 * a pattern setting (contract.number_pattern, receivable.number_pattern)
 * of text and tokens — {yyyy}, {MM}, {dd}, {yyyyMM}, {yyyyMMdd} of the day,
 * {seq:N} the day's sequence of N digits (more when a day has more) — so
 * HT{yyyyMMdd}{seq:3} gives HT20261202001, HT20261202002, ... A pattern
 * without {seq:N} gets {seq:3} at its end.
 */
#ifndef KH_DOC_NUMBER_H
#define KH_DOC_NUMBER_H

#include <stddef.h>

#include "service/context.h"

#define KH_DOC_NUMBER_MAX 64

/* The next number of table ("contracts" or "receivables") by the pattern of
 * setting key, for today: into out. Run inside the insert's write
 * transaction, so that two writers never take the same number. KH_EINVAL
 * naming field when the pattern holds an unknown token. */
int kh_doc_number_next(struct kh_ctx *ctx, const char *table, const char *key,
		       const char *field, char out[KH_DOC_NUMBER_MAX], struct kh_error *err);

/* The check_write part: a number given (cols' "number") must be free; none
 * given gets the next one. */
int kh_doc_number_fill(struct kh_ctx *ctx, const char *table, const char *key, json_t *cols,
		       struct kh_error *err);

#endif
