/*
 * settings.h: the administrator's thresholds (every default of DOMAIN.md).
 * Values are validated against the kind of each key before they are saved.
 */
#ifndef KH_SETTINGS_H
#define KH_SETTINGS_H

#include "service/context.h"

/* Change one setting; unknown keys and values of the wrong kind are refused. */
int kh_settings_set(struct kh_ctx *ctx, const char *key, const char *value,
		    struct kh_error *err);

#endif
