/* settings_test.c: the settings registry (every default valid, the check of
 * each type), the seed of a new database and the per-request snapshot. */
#include "test.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "analytics/quadrant.h"
#include "service/analysis/analyze_internal.h"
#include "service/permission.h"
#include "service/settings.h"
#include "store/settings_registry.h"

static char path[64];

static void every_default_is_valid_and_in_range(void **state)
{
	size_t n;
	const struct kh_setting_def *defs = kh_setting_defs(&n);

	assert_true(n > 30 && n <= KH_SETTINGS_MAX);
	for (size_t i = 0; i < n; i++) {
		const struct kh_setting_def *d = &defs[i];
		char label[128];
		double v;

		assert_int_equal(kh_setting_index(d->key), (int)i); /* keys are unique */
		assert_int_equal(kh_setting_check(d, d->def, &v, NULL), 0);
		if (d->type == KH_SETTING_ENUM)
			assert_true(kh_setting_choice(d, d->def) >= 0);
		else if (!isnan(v))
			assert_true(v >= d->min && v <= d->max && d->min <= d->max);
		assert_true(*d->def || d->blank_ok);
		assert_true(strlen(d->description) > 10);
		snprintf(label, sizeof(label), "admin.labels.%s", d->key);
		assert_string_equal(d->label, label);
	}
	assert_null(kh_setting_def("no.such.key"));
}

/* Whether text passes def, and the error's field when it does not. */
static int check(const struct kh_setting_def *d, const char *text, double *v)
{
	struct kh_error err = {0};
	int rc = kh_setting_check(d, text, v, &err);

	if (rc)
		assert_string_equal(err.field, d->key);
	return rc;
}

static void each_type_parses_and_refuses(void **state)
{
	static const char *const words[] = {"a", "b", NULL};
	const struct kh_setting_def i = {"t.int", KH_SETTING_INT, 1, 10, NULL, "1", false, "", "", false};
	const struct kh_setting_def m = {"t.fen", KH_SETTING_MONEY, 0, 1e13, NULL, "0", true, "", "", false};
	const struct kh_setting_def r = {"t.r", KH_SETTING_RATIO, 0, 1, NULL, "0", false, "", "", false};
	const struct kh_setting_def x = {"t.x", KH_SETTING_NUMBER, 0, 100, NULL, "0", false, "", "", false};
	const struct kh_setting_def e = {"t.e", KH_SETTING_ENUM, 0, 0, words, "a", false, "", "", false};
	const struct kh_setting_def b = {"t.b", KH_SETTING_BOOL, 0, 0, NULL, "true", false, "", "", false};
	const struct kh_setting_def t = {"t.t", KH_SETTING_TEXT, 1, 8, NULL, "x", false, "", "", false};
	double v;

	assert_int_equal(check(&i, "7", &v), 0);
	assert_true(v == 7);
	assert_int_not_equal(check(&i, "0", &v), 0);
	assert_int_not_equal(check(&i, "11", &v), 0);
	assert_int_not_equal(check(&i, "1.5", &v), 0);
	assert_int_not_equal(check(&i, "", &v), 0);
	assert_int_not_equal(check(&i, "7x", &v), 0);
	assert_int_equal(check(&m, "123456", &v), 0);
	assert_int_equal(check(&m, "", &v), 0);
	assert_true(isnan(v));
	assert_int_not_equal(check(&m, "12.5", &v), 0);
	assert_int_not_equal(check(&m, "-1", &v), 0);
	assert_int_equal(check(&r, "0.25", &v), 0);
	assert_true(v == 0.25);
	assert_int_not_equal(check(&r, "1.5", &v), 0);
	assert_int_not_equal(check(&r, "nan", &v), 0);
	assert_int_equal(check(&x, "2.5", &v), 0);
	assert_int_not_equal(check(&x, "inf", &v), 0);
	assert_int_equal(check(&e, "b", &v), 0);
	assert_true(v == 1);
	assert_int_not_equal(check(&e, "c", &v), 0);
	assert_int_equal(check(&b, "false", &v), 0);
	assert_true(v == 0);
	assert_int_not_equal(check(&b, "yes", &v), 0);
	assert_int_equal(check(&t, "kehu", &v), 0);
	assert_int_not_equal(check(&t, "", &v), 0);
	assert_int_not_equal(check(&t, "too long!", &v), 0);
	assert_int_not_equal(check(&t, "\xff", &v), 0);
}

static void refusals_say_what_the_value_must_be(void **state)
{
	struct kh_error err = {0};
	double v;

	kh_setting_check(kh_setting_def("abc.basis"), "margin", &v, &err);
	assert_string_equal(err.message, "abc.basis must be profit, sales or net_profit");
	kh_setting_check(kh_setting_def("auth.session_hours"), "0", &v, &err);
	assert_string_equal(err.message, "auth.session_hours must be a whole number 1..8760");
}

/* Code reads a choice by its position: the enums must follow the registry. */
static void choices_follow_the_enums(void **state)
{
	const struct kh_setting_def *basis = kh_setting_def("abc.basis");
	const struct kh_setting_def *cut = kh_setting_def("quadrant.cut");

	assert_int_equal(kh_setting_choice(basis, "profit"), KH_BASIS_PROFIT);
	assert_int_equal(kh_setting_choice(basis, "sales"), KH_BASIS_SALES);
	assert_int_equal(kh_setting_choice(basis, "net_profit"), KH_BASIS_NET_PROFIT);
	assert_int_equal(kh_setting_choice(cut, "median"), KH_CUT_MEDIAN);
	assert_int_equal(kh_setting_choice(cut, "mean"), KH_CUT_MEAN);
	for (int k = KH_SCOPE_OWN; k <= KH_SCOPE_ALL; k++)
		assert_int_equal(kh_setting_choice(kh_setting_def("scope.sales"),
						   kh_perm_scope_name((enum kh_scope_kind)k)), k);
}

static int open_fresh(void **state)
{
	static struct kh_ctx ctx;
	struct kh_store *st = NULL;
	int fd;

	snprintf(path, sizeof(path), "/tmp/kehu-settings-test-XXXXXX");
	fd = mkstemp(path);
	close(fd);
	unlink(path);
	assert_int_equal(kh_store_open(path, &st, NULL), 0);
	kh_ctx_init_system(&ctx, st);
	*state = &ctx;
	return 0;
}

static int close_and_remove(void **state)
{
	struct kh_ctx *ctx = *state;
	char side[80];

	kh_store_free(ctx->store);
	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
	return 0;
}

static void a_new_database_holds_every_default(void **state)
{
	struct kh_ctx *ctx = *state;
	size_t n;
	const struct kh_setting_def *defs = kh_setting_defs(&n);

	for (size_t i = 0; i < n; i++) {
		char *value = NULL;

		assert_int_equal(kh_store_setting_get(ctx->store, defs[i].key, &value, NULL), 0);
		assert_string_equal(value, defs[i].def);
		free(value);
	}
}

static void the_snapshot_is_read_once_and_dropped_by_a_change(void **state)
{
	struct kh_ctx *ctx = *state;
	json_t *change = json_pack("{s:s}", "cadence.default_days", "45");
	json_t *bad = json_pack("{s:s, s:s}", "cadence.default_days", "60", "abc.a_share", "2");
	enum kh_scope_kind scope;

	assert_true(kh_setting_number(ctx, "cadence.default_days") == 90);
	assert_true(isnan(kh_setting_number(ctx, "grid.amount_small_fen")));
	/* Behind the snapshot's back: this request keeps what it read. */
	assert_int_equal(kh_store_setting_set(ctx->store, "cadence.default_days", "7", NULL), 0);
	assert_true(kh_setting_number(ctx, "cadence.default_days") == 90);
	kh_settings_invalidate(ctx);
	assert_true(kh_setting_number(ctx, "cadence.default_days") == 7);
	/* A change through the service is seen at once; a refused one changes
	 * nothing, in the table or the snapshot. */
	assert_int_equal(kh_settings_update(ctx, change, NULL), 0);
	assert_true(kh_setting_number(ctx, "cadence.default_days") == 45);
	assert_int_not_equal(kh_settings_update(ctx, bad, NULL), 0);
	assert_true(kh_setting_number(ctx, "cadence.default_days") == 45);
	/* A stored word that is not a choice narrows the scope. */
	assert_int_equal(kh_store_setting_set(ctx->store, "scope.admin", "everyone", NULL), 0);
	kh_settings_invalidate(ctx);
	assert_int_equal(kh_setting_choice_at(ctx, "scope.admin"), -1);
	assert_int_equal(kh_perm_role_scope(ctx, KH_ROLE_ADMIN, &scope, NULL), 0);
	assert_int_equal(scope, KH_SCOPE_OWN);
	json_decref(change);
	json_decref(bad);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_default_is_valid_and_in_range),
		cmocka_unit_test(each_type_parses_and_refuses),
		cmocka_unit_test(refusals_say_what_the_value_must_be),
		cmocka_unit_test(choices_follow_the_enums),
		cmocka_unit_test_setup_teardown(a_new_database_holds_every_default, open_fresh,
						close_and_remove),
		cmocka_unit_test_setup_teardown(the_snapshot_is_read_once_and_dropped_by_a_change,
						open_fresh, close_and_remove),
	};
	return cmocka_run_group_tests_name("settings", tests, NULL, NULL);
}
