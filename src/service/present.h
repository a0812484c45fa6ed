/*
 * present.h: store rows as clients see them: money columns (amount_fen)
 * become decimal strings under the name without _fen ("amount": "12.50").
 */
#ifndef KH_PRESENT_H
#define KH_PRESENT_H

#include <jansson.h>

/* Present store rows whose money columns end in _fen: a new object or
 * array (kh_present_lines takes its argument's reference). */
json_t *kh_present_money_columns(json_t *row);
json_t *kh_present_lines(json_t *lines);

#endif
