/*
 * permission.h: who may see and change which customer, and how much of it.
 * The one place these decisions are made (DOMAIN 1 and 9): every entity that
 * hangs off a customer asks here first.
 */
#ifndef KH_PERMISSION_H
#define KH_PERMISSION_H

#include <stdbool.h>
#include <stdint.h>

#include "base/error.h"
#include "service/context.h"

/* May the actor see customer id (and, with write, change it)? On success
 * *level receives the highest information level (1..3) the actor may see.
 * A customer the actor may not see is KH_ENOTFOUND, as if it did not exist;
 * one they may see but not change is KH_EPERM. */
int kh_perm_customer(struct kh_ctx *ctx, int64_t customer_id, bool write, int *level,
		     struct kh_error *err);

/* May the actor create customers, products, ...: entity-wide rights. */
int kh_perm_entity(struct kh_ctx *ctx, const char *entity, bool write, struct kh_error *err);

#endif
