/*
 * greetings.h: the reads of greetings (a greeting row is written with
 * kh_store_insert / kh_store_update): the list, who a greeting of an
 * occasion reaches on a day, and the greetings a rep chose to skip.
 */
#ifndef KH_STORE_GREETINGS_H
#define KH_STORE_GREETINGS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/error.h"
#include "store/store.h"

/* Greeting id with its owner's name, or KH_ENOTFOUND. */
int kh_store_greeting_get(struct kh_store *st, int64_t id, json_t **row, struct kh_error *err);
/* The live greetings (active_only: the active ones), by id. */
int kh_store_greeting_list(struct kh_store *st, bool active_only, json_t **rows,
			   struct kh_error *err);

/* Who an occasion reaches on the day whose month and day are md ("09-25"),
 * among the customers of scope (NULL: all): for "birthday" the contacts
 * born on it (*of_contacts set), for "founding" and "first_deal" the
 * customers founded or first won on it, for "holiday" every customer.
 * A new JSON array of ids in *ids. */
int kh_store_greeting_reach(struct kh_store *st, const char *occasion, const char *md,
			    const struct kh_scope *scope, json_t **ids, bool *of_contacts,
			    struct kh_error *err);

/* The campaign that queued greeting_id on day in *id, 0 if none. */
int kh_store_greeting_queued(struct kh_store *st, int64_t greeting_id, const char *day,
			     int64_t *id, struct kh_error *err);

/* Skip (or, skip false, no longer skip) greeting_id to contact_id on day. */
int kh_store_greeting_skip(struct kh_store *st, int64_t greeting_id, int64_t contact_id,
			   const char *day, int64_t user_id, bool skip, struct kh_error *err);
/* The contacts greeting_id skips on day: a new JSON array of ids. */
int kh_store_greeting_skips(struct kh_store *st, int64_t greeting_id, const char *day,
			    json_t **ids, struct kh_error *err);

#endif
