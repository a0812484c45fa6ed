/*
 * account_input.h (accounts-internal): what users.c and teams.c share —
 * the admin check, field checks that name the field in their errors, and
 * the paged list with equality filters that both endpoints offer.
 */
#ifndef KH_ACCOUNT_INPUT_H
#define KH_ACCOUNT_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "base/error.h"
#include "service/context.h"
#include "service/entity.h"

bool kh_account_is_admin(const struct kh_ctx *ctx);
/* 0 for an admin (or the local operator), else KH_EPERM naming what. */
int kh_account_need_admin(const struct kh_ctx *ctx, const char *what, struct kh_error *err);
/* One line of UTF-8 of at most max characters, or null: *out holds it. */
int kh_account_text(json_t *v, const char *name, size_t max, json_t **out,
		    struct kh_error *err);
/* An id given as a number or a numeric string. */
int kh_account_id(json_t *v, const char *name, int64_t *id, struct kh_error *err);
/* A live row of table, as a reference field of input. */
int kh_account_live_ref(struct kh_ctx *ctx, const char *table, int64_t id, const char *name,
			struct kh_error *err);
/* A team given by id or by name. */
int kh_account_team_ref(struct kh_ctx *ctx, json_t *v, const char *name, int64_t *id,
			struct kh_error *err);
/* One page of table ({"items", "total", "page", "per_page"}), filtered by
 * equality on the API names (names[i] is column columns[i]; integers for
 * the numeric columns) and, with only_ids, to those ids. */
int kh_account_list(struct kh_ctx *ctx, const char *table, const struct kh_list_params *p,
		    const char *const *names, const char *const *columns, size_t nnames,
		    json_t *only_ids, json_t **out, struct kh_error *err);

#endif
