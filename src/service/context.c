/* context.c: building service contexts. */
#include "service/context.h"

#include <string.h>

void kh_ctx_init_system(struct kh_ctx *ctx, struct kh_store *store)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->store = store;
	ctx->actor.role = KH_ROLE_SYSTEM;
}
