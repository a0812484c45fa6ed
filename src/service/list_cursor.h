/*
 * list_cursor.h: the keyset cursors of the lists. A cursor names the last
 * row of a page by its sort value and id, with the sort it was made for;
 * the next page starts after that row through the sort's index, however
 * deep (store.h, kh_store_query.after). Opaque to clients: base64url of
 * the JSON [sort, value, id].
 */
#ifndef KH_SERVICE_LIST_CURSOR_H
#define KH_SERVICE_LIST_CURSOR_H

#include <jansson.h>

#include "base/error.h"

/* The longest cursor accepted, in characters. */
#define KH_LIST_CURSOR_MAX 2048

/* The [value, id] that cursor names for a list sorted by sort ("" or NULL
 * for id, "-name" descending), as a new array in *after. A cursor that is
 * not one a list gave out, or was made for another sort: KH_EINVAL naming
 * "cursor". */
int kh_list_cursor_decode(const char *cursor, const char *sort, json_t **after,
			  struct kh_error *err);
/* The cursor of the page after the one whose last stored row is row (with
 * its "kh__sort" and "id"): a new JSON string, or JSON null when row is NULL. */
json_t *kh_list_cursor_next(const char *sort, json_t *row);

#endif
