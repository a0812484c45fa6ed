/*
 * settings.h: the administrator's thresholds (every default of DOMAIN.md),
 * typed by the registry (store/settings_registry.h). Reads come from a
 * snapshot in the context, loaded once per request or command; changes are
 * validated against the registry and drop the snapshot.
 */
#ifndef KH_SETTINGS_H
#define KH_SETTINGS_H

#include "service/context.h"

/* Change one setting; unknown keys (KH_ENOTFOUND) and values outside the
 * key's type, range or choices (KH_EINVAL) are refused, naming the key. */
int kh_settings_set(struct kh_ctx *ctx, const char *key, const char *value,
		    struct kh_error *err);

/* Change several settings at once, all or none: changes maps each key to a
 * string or a number. After the changes, limits that come in pairs must
 * still be in order (abc.a_share below abc.b_share, the grid's lower cut
 * below its upper one, ...); the error names a changed key of the pair. */
int kh_settings_update(struct kh_ctx *ctx, json_t *changes, struct kh_error *err);

/* Every setting as {"key": {"value", "description", "type", "default",
 * "label", "min", "max", "choices", "blank"}} (docs/api.md). */
int kh_settings_list(struct kh_ctx *ctx, json_t **out, struct kh_error *err);

/* The value of a numeric (or BOOL) setting: the registry's default when the
 * row is missing or malformed, NaN when blank. */
double kh_setting_number(struct kh_ctx *ctx, const char *key);
/* The position of an ENUM setting's value among its choices; the default's
 * when the row is missing, -1 when the stored word is not a choice (the
 * caller picks the safe reading). */
int kh_setting_choice_at(struct kh_ctx *ctx, const char *key);
/* The stored text of a TEXT setting ("" when unknown). */
const char *kh_setting_text(struct kh_ctx *ctx, const char *key);
/* Forget the snapshot: the next read loads the settings again. */
void kh_settings_invalidate(struct kh_ctx *ctx);

#endif
