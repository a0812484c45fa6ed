/*
 * auth.h: who is calling. Passwords (argon2id via libsodium), login with a
 * rate limit per account and per address, sessions (a random cookie token
 * and a CSRF token, both kept only as hashes), personal API tokens used as
 * "Authorization: Bearer kh_...", and the one-time setup token of a
 * database without users. Every function that resolves a credential fills
 * ctx->actor; none of them logs or returns a secret it did not create.
 */
#ifndef KH_AUTH_H
#define KH_AUTH_H

#include <stdbool.h>
#include <stdint.h>

#include "base/error.h"
#include "service/context.h"

#define KH_AUTH_COOKIE "kehu_session"
#define KH_AUTH_TOKEN_PREFIX "kh_"
#define KH_PASSWORD_MIN 8
#define KH_PASSWORD_MAX 1024
/* The login rate limit: failures count for a window; past a number of free
 * ones, each further attempt waits a delay that doubles with every failure
 * (KH_LOGIN_DELAY_FIRST, 2x, 4x, ... up to KH_LOGIN_DELAY_MAX seconds),
 * counted per account and address, and more leniently per account from
 * anywhere. Never per address alone: behind one proxy or office NAT that
 * would let anyone lock everyone out. */
#define KH_LOGIN_WINDOW_SECONDS 3600
#define KH_LOGIN_FREE_PER_ADDRESS 5
#define KH_LOGIN_FREE_PER_ACCOUNT 20
#define KH_LOGIN_DELAY_FIRST 5
#define KH_LOGIN_DELAY_MAX 900
/* A token's last use is written at most once per this many seconds. */
#define KH_TOKEN_TOUCH_SECONDS 60
/* Room for any token this module makes, with its NUL. */
#define KH_TOKEN_SIZE 80
/* Room for an argon2id hash string (crypto_pwhash_STRBYTES). */
#define KH_PWHASH_SIZE 128

/* Initialise libsodium; call once before threads start. 0 or KH_EIO. */
int kh_auth_init(void);

/* Hash a password for storage (checks its length). out: KH_PWHASH_SIZE. */
int kh_auth_password_hash(const char *password, char *out, struct kh_error *err);
/* Check a password against a stored hash, in constant time for the hash. */
bool kh_auth_password_verify(const char *hash, const char *password);
/* The hex BLAKE2b hash under which a token is stored. out: 65 bytes. */
void kh_auth_token_hash(const char *token, char *out);
/* prefix + 64 random hex digits. out: KH_TOKEN_SIZE bytes. */
void kh_auth_token_new(const char *prefix, char *out);

/* A new session after a successful login. */
struct kh_auth_session {
	char token[KH_TOKEN_SIZE]; /* the cookie value */
	char csrf[KH_TOKEN_SIZE];  /* sent back as X-CSRF-Token */
	int64_t user_id;
	int64_t max_age;           /* seconds */
};

/* Check login and password; addr is the client's address (for the rate
 * limit). KH_EAUTH for a wrong login or password (the same message for
 * both), KH_ELIMIT while a delay after failures runs: *retry_after is then
 * the seconds to wait. */
int kh_auth_login(struct kh_ctx *ctx, const char *login, const char *password,
		  const char *addr, struct kh_auth_session *out, int *retry_after,
		  struct kh_error *err);
/* End the session whose cookie value is token. */
int kh_auth_logout(struct kh_ctx *ctx, const char *token, struct kh_error *err);

/* Fill ctx->actor from a bearer token, or KH_EAUTH; records the token's
 * last use (throttled). */
int kh_auth_bearer(struct kh_ctx *ctx, const char *token, struct kh_error *err);
/* Fill ctx->actor from a session cookie, or KH_EAUTH. With need_csrf, csrf
 * (the X-CSRF-Token header, may be NULL) must match the session's token:
 * KH_EPERM otherwise. */
int kh_auth_session(struct kh_ctx *ctx, const char *token, bool need_csrf, const char *csrf,
		    struct kh_error *err);
/* Fill ctx->actor from a live, active user. KH_EAUTH otherwise. */
int kh_auth_actor_load(struct kh_ctx *ctx, int64_t user_id, struct kh_error *err);

/* Seconds to wait after failures failed logins when free of them cost
 * nothing: 0 below free, then KH_LOGIN_DELAY_FIRST doubling, at most
 * KH_LOGIN_DELAY_MAX. */
int kh_auth_login_delay(int64_t failures, int64_t free);

/* Role names <-> enum kh_role. parse: 0 or KH_EINVAL. */
int kh_auth_role_parse(const char *s, enum kh_role *out);
const char *kh_auth_role_name(enum kh_role role);

#endif
