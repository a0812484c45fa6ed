/* settings.c: validated changes of settings (see settings.h). */
#include "service/settings.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "service/permission.h"
#include "base/banned.h"

/* Keys whose value is a word rather than a number, and the words allowed. */
static const struct {
	const char *key;
	const char *values[4];
	const char *words; /* for the error message */
} word_settings[] = {
	{"abc.basis", {"profit", "sales", "net_profit", NULL}, "profit, sales or net_profit"},
	{"quadrant.cut", {"median", "mean", NULL}, "median or mean"},
};

/* Whole-number keys with a range: a value outside it would be ignored where
 * it is read (a session of 0 hours lasts the default 12), so it is refused. */
static const struct {
	const char *key;
	double min, max;
} ranged_settings[] = {
	{"auth.session_hours", 1, 24 * 365},
};

/* Keys that may be blank (meaning "computed from the data"). */
static bool may_be_blank(const char *key)
{
	return strncmp(key, "grid.", 5) == 0;
}

/* Keys holding a share of something, 0..1 (the score weights are shares of
 * the total). */
static bool is_share(const char *key)
{
	return strncmp(key, "score.weight.", 13) == 0 || strstr(key, "share") ||
	       strstr(key, "count_") || strstr(key, "rate") ||
	       strstr(key, "p_alive") || strstr(key, "margin") || strstr(key, "_drop");
}

int kh_settings_set(struct kh_ctx *ctx, const char *key, const char *value,
		    struct kh_error *err)
{
	char *old = NULL, *end;
	double d;
	int rc;

	if (ctx->actor.role != KH_ROLE_SYSTEM && ctx->actor.role != KH_ROLE_ADMIN)
		return kh_error_set(err, KH_EPERM, key, "only admins may change settings");
	if (!kh_utf8_valid(key, strlen(key)) || !kh_utf8_valid(value, strlen(value)))
		return kh_error_set(err, KH_EINVAL, "value", "not valid UTF-8");
	if ((rc = kh_store_setting_get(ctx->store, key, &old, err)))
		return rc;
	if (strncmp(key, "scope.", 6) == 0) {
		enum kh_scope_kind kind;

		if (kh_perm_scope_parse(value, &kind) == 0)
			goto save;
		free(old);
		return kh_error_set(err, KH_EINVAL, key, "%s must be own, own_and_subordinates, "
				    "department, department_and_below or all", key);
	}
	for (size_t i = 0; i < sizeof(word_settings) / sizeof(word_settings[0]); i++) {
		if (strcmp(word_settings[i].key, key))
			continue;
		for (size_t k = 0; word_settings[i].values[k]; k++)
			if (strcmp(word_settings[i].values[k], value) == 0)
				goto save;
		free(old);
		return kh_error_set(err, KH_EINVAL, key, "%s must be %s", key,
				    word_settings[i].words);
	}
	if (*value == '\0' && may_be_blank(key))
		goto save;
	d = strtod(value, &end);
	if (end == value || *end || !isfinite(d) || d < 0) {
		free(old);
		return kh_error_set(err, KH_EINVAL, key, "%s must be a number of at least 0", key);
	}
	for (size_t i = 0; i < sizeof(ranged_settings) / sizeof(ranged_settings[0]); i++) {
		if (strcmp(ranged_settings[i].key, key) == 0 &&
		    (d < ranged_settings[i].min || d > ranged_settings[i].max || d != floor(d))) {
			free(old);
			return kh_error_set(err, KH_EINVAL, key, "%s must be a whole number %g..%g",
					    key, ranged_settings[i].min, ranged_settings[i].max);
		}
	}
	if (is_share(key) && d > 1) {
		free(old);
		return kh_error_set(err, KH_EINVAL, key, "%s is a share and must be between 0 and 1",
				    key);
	}
save:
	rc = kh_store_begin(ctx->store, err);
	if (rc == 0)
		rc = kh_store_setting_set(ctx->store, key, value, err);
	if (rc == 0) {
		json_t *changes = json_pack("{s:[ss]}", key, old, value);

		rc = kh_store_audit(ctx->store, ctx->actor.user_id, "update", "setting", 0,
				    changes, err);
		json_decref(changes);
	}
	if (rc == 0)
		rc = kh_store_commit(ctx->store, err);
	if (rc)
		kh_store_rollback(ctx->store);
	free(old);
	return rc;
}

/* Limits that come in pairs: the lower must stay below the upper. */
static const struct {
	const char *low, *high;
} ordered_settings[] = {
	{"abc.a_share", "abc.b_share"},
	{"grid.interval_short_days", "grid.interval_long_days"},
	{"grid.amount_small_fen", "grid.amount_large_fen"},
};

/* The number a setting holds, or NAN when it is blank or not a number. */
static double setting_number(struct kh_ctx *ctx, const char *key)
{
	char *text = NULL, *end;
	double d = NAN;

	if (kh_store_setting_get(ctx->store, key, &text, NULL) == 0 && text && *text) {
		d = strtod(text, &end);
		if (*end)
			d = NAN;
	}
	free(text);
	return d;
}

static int check_pairs(struct kh_ctx *ctx, json_t *changes, struct kh_error *err)
{
	for (size_t i = 0; i < sizeof(ordered_settings) / sizeof(ordered_settings[0]); i++) {
		const char *low = ordered_settings[i].low, *high = ordered_settings[i].high;
		double lo = setting_number(ctx, low), hi = setting_number(ctx, high);

		if (isnan(lo) || isnan(hi) || lo < hi)
			continue;
		return kh_error_set(err, KH_EINVAL, json_object_get(changes, low) ? low : high,
				    "%s (%g) must be below %s (%g)", low, lo, high, hi);
	}
	if (setting_number(ctx, "abc.count_a") + setting_number(ctx, "abc.count_b") > 1)
		return kh_error_set(err, KH_EINVAL,
				    json_object_get(changes, "abc.count_a") ? "abc.count_a"
									    : "abc.count_b",
				    "abc.count_a and abc.count_b together must not pass 1");
	return 0;
}

int kh_settings_update(struct kh_ctx *ctx, json_t *changes, struct kh_error *err)
{
	const char *key;
	json_t *v;
	int rc;

	if (!json_is_object(changes))
		return kh_error_set(err, KH_EINVAL, "", "give the settings as an object "
				    "{\"key\": value, ...}");
	if ((rc = kh_store_begin(ctx->store, err)))
		return rc;
	json_object_foreach(changes, key, v) {
		char buf[64];
		const char *value = json_string_value(v);

		if (json_is_integer(v)) {
			snprintf(buf, sizeof(buf), "%lld", (long long)json_integer_value(v));
			value = buf;
		} else if (json_is_real(v)) {
			snprintf(buf, sizeof(buf), "%.10g", json_real_value(v));
			value = buf;
		}
		if (!value) {
			rc = kh_error_set(err, KH_EINVAL, key, "%s must be a string or a number",
					  key);
			break;
		}
		if ((rc = kh_settings_set(ctx, key, value, err)))
			break;
	}
	if (rc == 0)
		rc = check_pairs(ctx, changes, err);
	if (rc == 0)
		rc = kh_store_commit(ctx->store, err);
	if (rc)
		kh_store_rollback(ctx->store);
	return rc;
}
