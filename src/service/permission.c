/*
 * permission.c: the permission decisions. The local operator (the command
 * line on the database file) may do everything; users are checked against
 * the data scope of their role (see docs/architecture.md).
 */
#include "service/permission.h"

#include <string.h>

#include "base/banned.h"

int kh_perm_customer(struct kh_ctx *ctx, int64_t customer_id, bool write, int *level,
		     struct kh_error *err)
{
	json_t *row = NULL;
	int rc;

	rc = kh_store_get(ctx->store, "customers", customer_id, &row, err);
	if (rc)
		return rc == KH_ENOTFOUND ? kh_error_set(err, KH_ENOTFOUND, "customer",
							 "no customer with id %lld",
							 (long long)customer_id)
					  : rc;
	if (!json_is_null(json_object_get(row, "deleted_at"))) {
		json_decref(row);
		return kh_error_set(err, KH_ENOTFOUND, "customer", "no customer with id %lld",
				    (long long)customer_id);
	}
	json_decref(row);
	if (ctx->actor.role == KH_ROLE_SYSTEM || ctx->actor.role == KH_ROLE_ADMIN) {
		*level = 3;
		return 0;
	}
	(void)write;
	*level = 1;
	return 0;
}

int kh_perm_entity(struct kh_ctx *ctx, const char *entity, bool write, struct kh_error *err)
{
	if (write && ctx->actor.role == KH_ROLE_SALES && strcmp(entity, "product") == 0)
		return kh_error_set(err, KH_EPERM, "", "only managers and admins may change products");
	return 0;
}
