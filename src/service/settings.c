/* settings.c: the settings snapshot and validated changes (see settings.h). */
#include "service/settings.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "store/analysis/report_results.h"
#include "base/banned.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Stores text as setting i of snap when it passes the registry's check; a
 * bad word of an ENUM becomes -1, any other bad value leaves the default. */
static void snapshot_put(struct kh_settings_snapshot *snap, int i, const char *text)
{
	size_t n;
	const struct kh_setting_def *d = &kh_setting_defs(&n)[i];
	double v;

	if (kh_setting_check(d, text, &v, NULL) == 0) {
		snap->number[i] = v;
		if (d->type == KH_SETTING_TEXT)
			snprintf(snap->text[i], sizeof(snap->text[i]), "%s", text);
	} else if (d->type == KH_SETTING_ENUM) {
		snap->number[i] = -1;
	}
}

static void snapshot_row(void *arg, const char *key, const char *value)
{
	int i = kh_setting_index(key);

	if (i >= 0)
		snapshot_put(arg, i, value);
}

/* The snapshot of ctx, loaded on first use: the defaults, then every row. */
static const struct kh_settings_snapshot *snapshot(struct kh_ctx *ctx)
{
	struct kh_settings_snapshot *snap = &ctx->settings;
	const struct kh_setting_def *defs;
	size_t n;

	if (snap->loaded)
		return snap;
	defs = kh_setting_defs(&n);
	for (size_t i = 0; i < n; i++) {
		snap->number[i] = NAN;
		snap->text[i][0] = '\0';
		snapshot_put(snap, (int)i, defs[i].def);
	}
	/* A store that cannot be read leaves the defaults; its next write fails. */
	if (ctx->store)
		kh_store_settings_scan(ctx->store, snapshot_row, snap, NULL);
	snap->loaded = true;
	return snap;
}

void kh_settings_invalidate(struct kh_ctx *ctx)
{
	/* A scope setting changes the reach too. */
	kh_ctx_forget(ctx);
}

double kh_setting_number(struct kh_ctx *ctx, const char *key)
{
	int i = kh_setting_index(key);

	return i < 0 ? NAN : snapshot(ctx)->number[i];
}

int kh_setting_choice_at(struct kh_ctx *ctx, const char *key)
{
	int i = kh_setting_index(key);

	return i < 0 ? -1 : (int)snapshot(ctx)->number[i];
}

const char *kh_setting_text(struct kh_ctx *ctx, const char *key)
{
	int i = kh_setting_index(key);

	return i < 0 ? "" : snapshot(ctx)->text[i];
}

/* Saves one checked value with its audit entry, in a transaction of its own
 * (nested in the caller's when there is one). */
static int save(struct kh_ctx *ctx, const char *key, const char *value, struct kh_error *err)
{
	char *old = NULL;
	int rc = kh_store_setting_get(ctx->store, key, &old, err);

	if (rc == 0)
		rc = kh_store_begin(ctx->store, err);
	else
		return rc;
	if (rc == 0)
		rc = kh_store_setting_set(ctx->store, key, value, err);
	/* Every stored dashboard result was computed with the old value. */
	if (rc == 0)
		rc = kh_store_report_results_stale_all(ctx->store, err);
	if (rc == 0) {
		const struct kh_setting_def *d = kh_setting_def(key);
		/* a password's audit entry says that it changed, not what to */
		bool secret = d && d->secret;
		json_t *changes = json_pack("{s:[ss]}", key, secret ? "***" : old,
					    secret ? "***" : value);

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

int kh_settings_set(struct kh_ctx *ctx, const char *key, const char *value,
		    struct kh_error *err)
{
	const struct kh_setting_def *d;
	double number;
	int rc;

	if (ctx->actor.role != KH_ROLE_SYSTEM && ctx->actor.role != KH_ROLE_ADMIN)
		return kh_error_set(err, KH_EPERM, key, "only admins may change settings");
	if (!kh_utf8_valid(key, strlen(key)) || !kh_utf8_valid(value, strlen(value)))
		return kh_error_set(err, KH_EINVAL, "value", "not valid UTF-8");
	if (!(d = kh_setting_def(key)))
		return kh_error_set(err, KH_ENOTFOUND, key, "no setting %s", key);
	if ((rc = kh_setting_check(d, value, &number, err)))
		return rc;
	rc = save(ctx, key, value, err);
	kh_settings_invalidate(ctx);
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

/* The pairs as they stand after changes (the snapshot reloads inside the
 * caller's transaction, so it sees them). */
static int check_pairs(struct kh_ctx *ctx, json_t *changes, struct kh_error *err)
{
	for (size_t i = 0; i < N(ordered_settings); i++) {
		const char *low = ordered_settings[i].low, *high = ordered_settings[i].high;
		double lo = kh_setting_number(ctx, low), hi = kh_setting_number(ctx, high);

		if (isnan(lo) || isnan(hi) || lo < hi)
			continue;
		return kh_error_set(err, KH_EINVAL, json_object_get(changes, low) ? low : high,
				    "%s (%g) must be below %s (%g)", low, lo, high, hi);
	}
	if (kh_setting_number(ctx, "abc.count_a") + kh_setting_number(ctx, "abc.count_b") > 1)
		return kh_error_set(err, KH_EINVAL,
				    json_object_get(changes, "abc.count_a") ? "abc.count_a"
									    : "abc.count_b",
				    "abc.count_a and abc.count_b together must not pass 1");
	return 0;
}

/* v as the text a setting stores: a string as it is, a number printed. */
static const char *value_text(json_t *v, char *buf, size_t size)
{
	if (json_is_integer(v)) {
		snprintf(buf, size, "%lld", (long long)json_integer_value(v));
		return buf;
	}
	if (json_is_real(v)) {
		snprintf(buf, size, "%.10g", json_real_value(v));
		return buf;
	}
	return json_string_value(v);
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
		const char *value = value_text(v, buf, sizeof(buf));

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
	kh_settings_invalidate(ctx);
	return rc;
}

/* A bound as JSON: whole numbers as integers. */
static json_t *number_json(double v)
{
	return v == floor(v) ? json_integer((json_int_t)v) : json_real(v);
}

/* The registry's entry d as members of the JSON object o. */
static void describe(json_t *o, const struct kh_setting_def *d)
{
	json_object_set_new(o, "type", json_string(kh_setting_type_name(d->type)));
	json_object_set_new(o, "default", json_string(d->def));
	json_object_set_new(o, "label", json_string(d->label));
	if (d->type == KH_SETTING_ENUM) {
		json_t *choices = json_array();

		for (size_t k = 0; d->choices[k]; k++)
			json_array_append_new(choices, json_string(d->choices[k]));
		json_object_set_new(o, "choices", choices);
	} else if (d->type != KH_SETTING_BOOL) {
		json_object_set_new(o, "min", number_json(d->min));
		json_object_set_new(o, "max", number_json(d->max));
	}
	if (d->blank_ok)
		json_object_set_new(o, "blank", json_true());
}

int kh_settings_list(struct kh_ctx *ctx, json_t **out, struct kh_error *err)
{
	const char *key;
	json_t *all = NULL, *v;
	int rc = kh_store_settings_all(ctx->store, &all, err);

	if (rc)
		return rc;
	json_object_foreach(all, key, v) {
		const struct kh_setting_def *d = kh_setting_def(key);

		if (d)
			describe(v, d);
		if (d && d->secret) {
			/* never shown back: only whether one is set */
			const char *text = json_string_value(json_object_get(v, "value"));

			json_object_set_new(v, "set", json_boolean(text && *text));
			json_object_set_new(v, "value", json_string(""));
			json_object_set_new(v, "secret", json_true());
		}
	}
	*out = all;
	return 0;
}
