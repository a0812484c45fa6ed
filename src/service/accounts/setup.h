/*
 * setup.h: the first admin of a database without users. The server makes a
 * one-time setup token at start (printed, never stored in the clear); whoever
 * holds it creates the first admin, which uses the token up. It sits above
 * auth (tokens, hashing) and users (creating the account), so neither of
 * those needs the other's upper half.
 */
#ifndef KH_SETUP_H
#define KH_SETUP_H

#include <stdbool.h>
#include <stdint.h>

#include "base/error.h"
#include "service/context.h"

/* If the database has no users, make a new setup token (replacing any
 * older one) into token (KH_TOKEN_SIZE bytes) and set *needed. */
int kh_setup_begin(struct kh_ctx *ctx, char *token, bool *needed, struct kh_error *err);
/* Create the first admin with the setup token; the token is used up. */
int kh_setup_finish(struct kh_ctx *ctx, const char *token, const char *login,
			 const char *password, int64_t *user_id, struct kh_error *err);

#endif
