/*
 * messages.h: the catalogue of kehu's error messages in 中文 and English.
 * Every format passed to kh_error_set is one entry {English format, 中文
 * format, reason}; kh_error_set formats both from the same arguments, so
 * the zh format must take exactly the arguments of the English one (a unit
 * test compares every entry's conversions). The reason is a stable short key
 * (required, too_long, bad_date, ...) that the API answers beside the code.
 * scripts/error-formats lists the formats of src/ the catalogue lacks.
 */
#ifndef KH_MESSAGES_H
#define KH_MESSAGES_H

#include <stddef.h>

/* The language a message is shown in. */
enum kh_lang { KH_LANG_ZH, KH_LANG_EN };

struct kh_message {
	const char *en;     /* the format as the code passes it to kh_error_set */
	const char *zh;     /* the same conversions in the same order */
	const char *reason; /* stable key: [a-z0-9_]+ */
};

/* The entry whose English format is en, or NULL. Thread-safe (the index is
 * built once). */
const struct kh_message *kh_message_find(const char *en);

/* Every entry, in the catalogue's order; *n receives the count. */
const struct kh_message *kh_messages(size_t *n);

/* "zh..." -> KH_LANG_ZH, "en..." -> KH_LANG_EN, else fallback (NULL too). */
enum kh_lang kh_lang_parse(const char *s, enum kh_lang fallback);

/* The language of an Accept-Language header: its first language range
 * decides, zh* -> zh, anything else -> en; NULL or empty -> en (the API's
 * language for callers that do not say). */
enum kh_lang kh_lang_from_accept(const char *header);

/* The language of the command line from the locale: the first of LC_ALL,
 * LC_MESSAGES, LANG that is set and not empty; zh* -> zh, else en. */
enum kh_lang kh_lang_from_env(void);

#endif
