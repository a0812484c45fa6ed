/*
 * json_body.c: request bodies. The nesting depth is checked on the raw
 * bytes before jansson sees them, so a body of a million '[' costs one pass
 * and no recursion; duplicate keys are refused because two values for one
 * field would make the outcome depend on the parser. Also the check of a
 * request's query arguments against the ones a route takes.
 */
#include "http/internal.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

/* The deepest nesting of arrays and objects in buf, stopping past limit. */
static int depth_of(const char *buf, size_t len, int limit)
{
	int depth = 0, max = 0;
	bool in_string = false, escaped = false;

	for (size_t i = 0; i < len; i++) {
		char c = buf[i];

		if (in_string) {
			if (escaped)
				escaped = false;
			else if (c == '\\')
				escaped = true;
			else if (c == '"')
				in_string = false;
			continue;
		}
		if (c == '"') {
			in_string = true;
		} else if (c == '[' || c == '{') {
			if (++depth > max)
				max = depth;
			if (max > limit)
				return max;
		} else if (c == ']' || c == '}') {
			depth--;
		}
	}
	return max;
}

int kh_http_json_parse(const char *buf, size_t len, json_t **out, struct kh_error *err)
{
	json_error_t jerr;
	json_t *v;

	if (len == 0)
		return kh_error_set(err, KH_EINVAL, "", "a JSON object is required as the body");
	if (depth_of(buf, len, KH_HTTP_JSON_DEPTH_MAX) > KH_HTTP_JSON_DEPTH_MAX)
		return kh_error_set(err, KH_EINVAL, "", "the JSON body is nested deeper than %d "
				    "levels", KH_HTTP_JSON_DEPTH_MAX);
	v = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!v)
		return kh_error_set(err, KH_EINVAL, "", "the body is not valid JSON: %s (line %d, "
				    "column %d)", jerr.text, jerr.line, jerr.column);
	if (!json_is_object(v)) {
		json_decref(v);
		return kh_error_set(err, KH_EINVAL, "", "the body must be a JSON object");
	}
	*out = v;
	return 0;
}

/* Refuse any query argument not in allowed (NULL-terminated). */
int kh_http_query_only(struct kh_http_req *r, const char *const *allowed, struct kh_error *err)
{
	const char *key;
	json_t *v;

	json_object_foreach(r->query, key, v) {
		size_t i = 0;

		while (allowed[i] && strcmp(allowed[i], key))
			i++;
		if (!allowed[i])
			return kh_error_set(err, KH_EINVAL, key, "unknown query parameter %.40s",
					    key);
	}
	return 0;
}
