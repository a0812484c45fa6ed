/*
 * query_fuzz.c: libFuzzer target for query strings. The bytes after the
 * first are split and unescaped as libmicrohttpd does (MHD_http_unescape),
 * a repeated or non-UTF-8 argument is refused as the server refuses it, and
 * the arguments become a list request (page, per_page, sort, q, filters,
 * the customer list's metrics filters) on the entity the first byte picks,
 * answered from an in-memory database.
 */
#include <microhttpd.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/parse.h"
#include "base/utf8.h"
#include "fuzz_store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* key=value pairs of s (modified) into obj; false for a repeated key or
 * text that is not UTF-8, as the server answers 400 then. */
static bool parse_query(char *s, json_t *obj)
{
	for (char *arg = s, *next; arg; arg = next) {
		char *eq;

		next = strchr(arg, '&');
		if (next)
			*next++ = '\0';
		if (!*arg)
			continue;
		eq = strchr(arg, '=');
		if (eq)
			*eq++ = '\0';
		MHD_http_unescape(arg);
		if (eq)
			MHD_http_unescape(eq);
		if (!kh_utf8_valid(arg, strlen(arg)) || (eq && !kh_utf8_valid(eq, strlen(eq))) ||
		    json_object_get(obj, arg) || json_object_size(obj) >= 32)
			return false;
		json_object_set_new(obj, arg, json_string(eq ? eq : ""));
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kh_ctx *ctx = fuzz_store();
	struct kh_list_params p = {.page = 1, .per_page = 50};
	struct kh_error err = {0};
	json_t *query = json_object(), *filters = json_object(), *out = NULL, *v;
	const struct kh_entity *e;
	const char *key;
	char *s;

	if (size < 1 || size > 2048)
		goto out;
	e = fuzz_entity(data[0]);
	s = malloc(size);
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	if (!parse_query(s, query)) {
		free(s);
		goto out;
	}
	free(s);
	/* as the handlers' list_params */
	json_object_foreach(query, key, v) {
		const char *t = json_string_value(v);

		if (strcmp(key, "sort") == 0)
			p.sort = t;
		else if (strcmp(key, "q") == 0 && e == &kh_customer_entity)
			p.q = t;
		else if (strcmp(key, "page") == 0)
			kh_parse_int64(t, 1, 1000000, &p.page, "page", NULL);
		else if (strcmp(key, "per_page") == 0)
			kh_parse_int64(t, 1, 500, &p.per_page, "per_page", NULL);
		else
			json_object_set(filters, key, v);
	}
	p.filters = filters;
	if (kh_entity_list(ctx, e, &p, &out, &err) == 0) {
		if (!json_is_array(json_object_get(out, "items")))
			abort();
	} else if (err.code == 0) {
		abort();
	}
out:
	json_decref(out);
	json_decref(filters);
	json_decref(query);
	return 0;
}
