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

/* Change several settings at once, all or none: changes maps each key to a
 * string or a number. After the changes, limits that come in pairs must
 * still be in order (abc.a_share below abc.b_share, the grid's lower cut
 * below its upper one, ...); the error names a changed key of the pair. */
int kh_settings_update(struct kh_ctx *ctx, json_t *changes, struct kh_error *err);

#endif
