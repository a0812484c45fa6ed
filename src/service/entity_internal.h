/*
 * entity_internal.h (entity.c and entity_list.c only): what the registry's
 * writes and its lists share.
 */
#ifndef KH_ENTITY_INTERNAL_H
#define KH_ENTITY_INTERNAL_H

#include <jansson.h>

#include "base/error.h"
#include "service/context.h"
#include "service/entity.h"

/* Input as the CLI gives it is all strings; JSON input has numbers. This
 * gives the text of a scalar either way, or NULL for objects and arrays. */
const char *kh_entity_scalar_text(json_t *v, char buf[64]);
/* The lowest level at which a row of e shows anything but its customer:
 * below it the row is not shown at all (a competitor is level-2 information
 * as a whole, as in the 360-degree view). */
int kh_entity_row_min_level(const struct kh_entity *e);

/* Validate one input value for field f into its column value (*out, a new
 * reference; JSON null clears). */
int kh_entity_convert_value(struct kh_ctx *ctx, const struct kh_field *f, json_t *v,
			    json_t **out, struct kh_error *err);

#endif
