/* list_cursor.c: encoding and checking the lists' keyset cursors (see
 * list_cursor.h). */
#include "service/list_cursor.h"

#include <sodium.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define VARIANT sodium_base64_VARIANT_URLSAFE_NO_PADDING

static int refused(struct kh_error *err)
{
	return kh_error_set(err, KH_EINVAL, "cursor",
			    "cursor is not one this list gave out for this sort: start again "
			    "without it");
}

static bool is_scalar(json_t *v)
{
	return json_is_string(v) || json_is_integer(v) || json_is_real(v) || json_is_null(v);
}

int kh_list_cursor_decode(const char *cursor, const char *sort, json_t **after,
			  struct kh_error *err)
{
	size_t len = strlen(cursor), bin_len = 0;
	unsigned char *bin;
	json_t *v = NULL, *id;
	int rc = KH_EINVAL;

	if (len == 0 || len > KH_LIST_CURSOR_MAX)
		return refused(err);
	if (!(bin = malloc(len)))
		return kh_error_set(err, KH_ENOMEM, "cursor", "out of memory");
	if (sodium_base642bin(bin, len, cursor, len, NULL, &bin_len, NULL, VARIANT) == 0)
		v = json_loadb((const char *)bin, bin_len, JSON_REJECT_DUPLICATES, NULL);
	free(bin);
	id = json_array_get(v, 2);
	if (json_array_size(v) == 3 && json_is_string(json_array_get(v, 0)) &&
	    strcmp(json_string_value(json_array_get(v, 0)), sort ? sort : "") == 0 &&
	    is_scalar(json_array_get(v, 1)) && json_is_integer(id) && json_integer_value(id) >= 0) {
		*after = json_pack("[OO]", json_array_get(v, 1), id);
		rc = *after ? 0 : kh_error_set(err, KH_ENOMEM, "cursor", "out of memory");
	} else {
		rc = refused(err);
	}
	json_decref(v);
	return rc;
}

json_t *kh_list_cursor_next(const char *sort, json_t *row)
{
	json_t *key, *out = NULL;
	char *text, *b64;
	size_t len, b64_len;

	if (!row)
		return json_null();
	key = json_pack("[sOO]", sort ? sort : "", json_object_get(row, "kh__sort"),
			json_object_get(row, "id"));
	text = key ? json_dumps(key, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
	json_decref(key);
	if (!text)
		return NULL;
	len = strlen(text);
	b64_len = sodium_base64_ENCODED_LEN(len, VARIANT);
	if ((b64 = malloc(b64_len))) {
		sodium_bin2base64(b64, b64_len, (const unsigned char *)text, len, VARIANT);
		out = json_string(b64);
		free(b64);
	}
	free(text);
	return out;
}
