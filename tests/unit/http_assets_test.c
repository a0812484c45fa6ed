/* http_assets_test.c: the embedded web UI table: sorted and findable by
 * path, "/" is index.html, each entry has a type and a quoted ETag, gzip
 * copies are smaller, and which paths count as routes of the app. */
#include "test.h"

#include <string.h>

#include "http/assets.h"

static void table_is_sorted_and_complete(void **state)
{
	assert_true(kh_assets_count > 0);
	for (size_t i = 0; i < kh_assets_count; i++) {
		const struct kh_asset *a = &kh_assets[i];

		assert_true(a->path[0] == '/');
		if (i)
			assert_true(strcmp(kh_assets[i - 1].path, a->path) < 0);
		assert_true(a->type && *a->type);
		assert_true(a->etag[0] == '"' && a->etag[strlen(a->etag) - 1] == '"');
		if (a->gz)
			assert_true(a->gz_size < a->size);
		assert_int_equal(a->immutable, strncmp(a->path, "/assets/", 8) == 0);
		assert_ptr_equal(kh_asset_find(a->path), a);
	}
}

static void index_and_missing(void **state)
{
	const struct kh_asset *a = kh_asset_find("/");

	assert_non_null(a);
	assert_string_equal(a->path, "/index.html");
	assert_string_equal(a->type, "text/html; charset=utf-8");
	assert_false(a->immutable);
	assert_null(kh_asset_find("/nope.js"));
	assert_null(kh_asset_find("index.html"));
	assert_null(kh_asset_find(""));
	assert_null(kh_asset_find(NULL));
}

static void app_routes(void **state)
{
	assert_true(kh_asset_is_app_route("/customers"));
	assert_true(kh_asset_is_app_route("/customers/12"));
	assert_true(kh_asset_is_app_route("/"));
	assert_false(kh_asset_is_app_route("/assets/x.js"));
	assert_false(kh_asset_is_app_route("/favicon.ico"));
	assert_false(kh_asset_is_app_route("relative"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_is_sorted_and_complete),
		cmocka_unit_test(index_and_missing),
		cmocka_unit_test(app_routes),
	};
	return cmocka_run_group_tests_name("http_assets", tests, NULL, NULL);
}
