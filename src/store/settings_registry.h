/*
 * settings_registry.h: every setting in one table (settings_registry.c): its
 * key, type, range or choices, default, description and the key of its label
 * in the web UI. The table seeds the settings rows after every migration run
 * (store/sqlite.c), kh_setting_check validates each change against it and the
 * API serves it (GET /api/v1/settings/schema), so the UI checks what the
 * server checks. A new setting is one line here plus a migration (its
 * comment may be all it has) so that existing databases get the row.
 */
#ifndef KH_SETTINGS_REGISTRY_H
#define KH_SETTINGS_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

enum kh_setting_type {
	KH_SETTING_INT,    /* a whole number in [min, max] */
	KH_SETTING_NUMBER, /* any number in [min, max] */
	KH_SETTING_MONEY,  /* whole fen in [min, max] (the UI shows yuan) */
	KH_SETTING_RATIO,  /* a share, 0..1 unless the range says otherwise */
	KH_SETTING_ENUM,   /* one of choices */
	KH_SETTING_BOOL,   /* "true" or "false" */
	KH_SETTING_TEXT,   /* UTF-8 text of min..max bytes */
};

#define KH_SETTINGS_MAX 96      /* room in a snapshot (service/settings.h) */
#define KH_SETTING_TEXT_MAX 128 /* longest text value + 1 */

struct kh_setting_def {
	const char *key;
	enum kh_setting_type type;
	double min, max;
	const char *const *choices; /* ENUM: NULL-terminated */
	const char *def;            /* the default, as stored */
	bool blank_ok;              /* "" allowed: "computed from the data" */
	const char *description;
	const char *label;          /* key of the label in web/src/i18n.js */
	bool secret;                /* a password: never shown, never in the audit */
};

/* The table, and its size in *n. */
const struct kh_setting_def *kh_setting_defs(size_t *n);
/* The definition of key, or NULL. */
const struct kh_setting_def *kh_setting_def(const char *key);
/* Its position in the table (what a snapshot is indexed by), or -1. */
int kh_setting_index(const char *key);
/* "integer", "number", "money", "ratio", "enum", "bool" or "text". */
const char *kh_setting_type_name(enum kh_setting_type type);
/* The position of value among the choices of an ENUM setting, or -1. */
int kh_setting_choice(const struct kh_setting_def *d, const char *value);

/* Checks text against d: 0 and the value as a number in *number (an
 * ENUM's choice position, a BOOL's 0/1, NaN for blank or TEXT), or
 * KH_EINVAL with a message naming the key and what it must be. */
int kh_setting_check(const struct kh_setting_def *d, const char *text, double *number,
		     struct kh_error *err);

#endif
