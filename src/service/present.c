/* present.c: store rows in their API form (see present.h). */
#include "service/present.h"

#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "base/banned.h"

json_t *kh_present_money_columns(json_t *row)
{
	json_t *out = json_object(), *v;
	const char *key;
	char buf[32], name[64];

	json_object_foreach(row, key, v) {
		size_t len = strlen(key);

		if (len > 4 && len < sizeof(name) && strcmp(key + len - 4, "_fen") == 0 &&
		    json_is_integer(v)) {
			memcpy(name, key, len - 4);
			name[len - 4] = '\0';
			kh_money_format(json_integer_value(v), buf);
			json_object_set_new(out, name, json_string(buf));
		} else {
			json_object_set(out, key, v);
		}
	}
	return out;
}

json_t *kh_present_lines(json_t *lines)
{
	json_t *out = json_array();

	for (size_t i = 0; i < json_array_size(lines); i++)
		json_array_append_new(out, kh_present_money_columns(json_array_get(lines, i)));
	json_decref(lines);
	return out;
}
