/*
 * teams.h: the team tree that data scopes follow (a manager sees the teams
 * below the one they lead). Admins change it; anyone logged in may read it.
 */
#ifndef KH_TEAMS_H
#define KH_TEAMS_H

#include <stdint.h>

#include <jansson.h>

#include "base/error.h"
#include "service/context.h"
#include "service/entity.h"

/* input: {"name", "parent"? (id or name), "leader"? (user id or login)}. */
int kh_team_add(struct kh_ctx *ctx, json_t *input, int64_t *id, struct kh_error *err);
/* The team called name, created (at the top of the tree) if missing. */
int kh_team_ensure(struct kh_ctx *ctx, const char *name, int64_t *id, struct kh_error *err);
int kh_team_update(struct kh_ctx *ctx, int64_t id, json_t *input, struct kh_error *err);
/* Refused while the team has users or sub-teams. */
int kh_team_delete(struct kh_ctx *ctx, int64_t id, struct kh_error *err);
int kh_team_get(struct kh_ctx *ctx, int64_t id, json_t **out, struct kh_error *err);
int kh_team_list(struct kh_ctx *ctx, const struct kh_list_params *p, json_t **out,
		 struct kh_error *err);

#endif
