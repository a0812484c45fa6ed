/*
 * salutation.h: how a Chinese business letter addresses a contact — the
 * family name with the short form of the title (张总, 王经理, 李工), else
 * 先生 or 女士 — for the personalised mail of campaigns and greetings.
 */
#ifndef KH_SALUTATION_H
#define KH_SALUTATION_H

#include "base/strbuf.h"

/* Appends to out the form of address for a contact called name, with job
 * title title and gender gender ("male", "female"; NULL for unknown):
 *   - a Han name's family name (a compound one such as 欧阳 or 司马 whole)
 *     and the title's short form: 董事长 -> 董, 总经理 / 总裁 / 总监 / 副总 /
 *     CEO -> 总, 总工程师 -> 总工, 工程师 -> 工, and 经理, 主任, 厂长, 部长,
 *     主管, 教授, 老师 ... as they are (an assistant's title, 总经理助理, has
 *     no short form);
 *   - else 先生 for male and 女士 for female (张先生);
 *   - else the name whole, and whole too when it is not written in Han
 *     characters (John Smith) or already ends in a form of address (the
 *     contact saved as 张总). A name that is only a family name (王) takes
 *     the form too (王经理), as reps often save it.
 * Leading and trailing spaces of name are dropped; an empty name appends
 * nothing. Returns 0, or the strbuf's KH_ELIMIT / KH_ENOMEM (out may then
 * hold part of it). */
int kh_salutation(const char *name, const char *title, const char *gender,
		  struct kh_strbuf *out);

#endif
