/* context.c: building service contexts, and what they keep per request. */
#include "service/context.h"

#include <string.h>

void kh_ctx_init_system(struct kh_ctx *ctx, struct kh_store *store)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->store = store;
	ctx->actor.role = KH_ROLE_SYSTEM;
}

void kh_ctx_forget(struct kh_ctx *ctx)
{
	ctx->settings.loaded = false;
	json_decref(ctx->reach.owners);
	json_decref(ctx->reach.teams);
	memset(&ctx->reach, 0, sizeof(ctx->reach));
}

void kh_ctx_release(struct kh_ctx *ctx)
{
	kh_ctx_forget(ctx);
	json_decref(ctx->error_detail);
	ctx->error_detail = NULL;
}
