/*
 * banned.h: libc calls that have bitten C projects too often. Including this
 * header turns any use of them into a compile error; use strbuf, snprintf and
 * the kh_parse_* helpers instead.
 */
#ifndef KH_BANNED_H
#define KH_BANNED_H

#define KH_BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) KH_BANNED(strcpy)
#undef strcat
#define strcat(x, y) KH_BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) KH_BANNED(strncpy)
#undef sprintf
#define sprintf(...) KH_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) KH_BANNED(vsprintf)
#undef strtok
#define strtok(x, y) KH_BANNED(strtok)
#undef atoi
#define atoi(x) KH_BANNED(atoi)
#undef atol
#define atol(x) KH_BANNED(atol)
#undef gets
#define gets(x) KH_BANNED(gets)
/* lgamma writes the global signgam: a data race on analyze's threads. Use
 * kh_special_lgamma (analytics/special.h). */
#undef lgamma
#define lgamma(x) KH_BANNED(lgamma)

#endif
