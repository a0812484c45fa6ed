/*
 * auth.c: passwords, logins, sessions and API tokens (see auth.h). Tokens are 32 random bytes from libsodium; only their BLAKE2b
 * hashes reach the database, so a copy of the database grants nothing. A
 * wrong login and a wrong password cost the same argon2id work and get the
 * same answer, so neither timing nor message tells which logins exist.
 */
#include "service/accounts/auth.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/utf8.h"
#include "service/settings.h"
#include "store/accounts/auth.h"
#include "base/banned.h"

static const char *const role_names[] = {
	[KH_ROLE_SYSTEM] = "system",
	[KH_ROLE_ADMIN] = "admin",
	[KH_ROLE_MANAGER] = "manager",
	[KH_ROLE_SALES] = "sales",
};

int kh_auth_role_parse(const char *s, enum kh_role *out)
{
	for (int r = KH_ROLE_ADMIN; r <= KH_ROLE_SALES; r++)
		if (s && strcmp(s, role_names[r]) == 0) {
			*out = (enum kh_role)r;
			return 0;
		}
	return KH_EINVAL;
}

const char *kh_auth_role_name(enum kh_role role)
{
	return role <= KH_ROLE_SALES ? role_names[role] : "sales";
}

int kh_auth_init(void)
{
	return sodium_init() < 0 ? KH_EIO : 0;
}

int kh_auth_password_hash(const char *password, char *out, struct kh_error *err)
{
	size_t len = password ? strlen(password) : 0;

	if (len < KH_PASSWORD_MIN)
		return kh_error_set(err, KH_EINVAL, "password",
				    "the password must have at least %d characters",
				    KH_PASSWORD_MIN);
	if (len > KH_PASSWORD_MAX)
		return kh_error_set(err, KH_EINVAL, "password",
				    "the password must have at most %d bytes", KH_PASSWORD_MAX);
	if (!kh_utf8_valid(password, len))
		return kh_error_set(err, KH_EINVAL, "password", "the password is not valid UTF-8");
	if (crypto_pwhash_str(out, password, len, crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return kh_error_set(err, KH_ENOMEM, "password", "out of memory hashing the password");
	return 0;
}

bool kh_auth_password_verify(const char *hash, const char *password)
{
	return hash && password &&
	       crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void kh_auth_token_hash(const char *token, char *out)
{
	unsigned char h[32];

	crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof(h));
	sodium_memzero(h, sizeof(h));
}

void kh_auth_token_new(const char *prefix, char *out)
{
	unsigned char raw[32];
	size_t plen = strlen(prefix);

	randombytes_buf(raw, sizeof(raw));
	memcpy(out, prefix, plen);
	sodium_bin2hex(out + plen, KH_TOKEN_SIZE - plen, raw, sizeof(raw));
	sodium_memzero(raw, sizeof(raw));
}

/* Two hex hashes compared without an early exit. */
static bool hash_equal(const char *a, const char *b)
{
	return strlen(a) == 64 && strlen(b) == 64 && sodium_memcmp(a, b, 64) == 0;
}

int kh_auth_actor_load(struct kh_ctx *ctx, int64_t user_id, struct kh_error *err)
{
	json_t *row = NULL;
	enum kh_role role;
	int rc;

	rc = kh_store_get(ctx->store, "users", user_id, &row, err);
	if (rc == KH_ENOTFOUND)
		return kh_error_set(err, KH_EAUTH, "", "log in first");
	if (rc)
		return rc;
	if (!json_is_null(json_object_get(row, "deleted_at")) ||
	    json_integer_value(json_object_get(row, "active")) == 0 ||
	    kh_auth_role_parse(json_string_value(json_object_get(row, "role")), &role)) {
		json_decref(row);
		return kh_error_set(err, KH_EAUTH, "", "this account is disabled");
	}
	kh_ctx_forget(ctx);
	ctx->actor.user_id = user_id;
	ctx->actor.role = role;
	ctx->actor.team_id = json_integer_value(json_object_get(row, "team_id"));
	snprintf(ctx->actor.login, sizeof(ctx->actor.login), "%s",
		 json_string_value(json_object_get(row, "login")));
	json_decref(row);
	return 0;
}

int kh_auth_login_delay(int64_t failures, int64_t free)
{
	int64_t steps = failures - free, delay = KH_LOGIN_DELAY_FIRST;

	if (steps < 0)
		return 0;
	while (steps-- > 0 && delay < KH_LOGIN_DELAY_MAX)
		delay *= 2;
	return delay < KH_LOGIN_DELAY_MAX ? (int)delay : KH_LOGIN_DELAY_MAX;
}

/* Seconds still to wait after the recent failures of (kind, key), else 0. */
static int throttled(struct kh_ctx *ctx, const char *kind, const char *key, int64_t free,
		     int64_t now, int *retry_after, struct kh_error *err)
{
	int64_t count = 0, latest = 0, wait;
	int rc;

	*retry_after = 0;
	rc = kh_store_login_failures(ctx->store, kind, key, now - KH_LOGIN_WINDOW_SECONDS, &count,
				     &latest, err);
	if (rc)
		return rc;
	wait = latest + kh_auth_login_delay(count, free) - now;
	if (count >= free && wait > 0)
		*retry_after = (int)wait;
	return 0;
}

/* The rate-limit key of one account from one address. The address has no
 * space, so the two cannot run into each other. */
static void pair_key(const char *login, const char *addr, char *out, size_t size)
{
	snprintf(out, size, "%s %s", addr && *addr ? addr : "?", login);
}

static int64_t session_seconds(struct kh_ctx *ctx)
{
	return (int64_t)kh_setting_number(ctx, "auth.session_hours") * 3600;
}

int kh_auth_login(struct kh_ctx *ctx, const char *login, const char *password,
		  const char *addr, struct kh_auth_session *out, int *retry_after,
		  struct kh_error *err)
{
	char pwhash[KH_PWHASH_SIZE], token_hash[65], csrf_hash[65];
	json_t *row = NULL;
	const char *stored;
	int64_t now = (int64_t)time(NULL), user_id = 0;
	char pair[128];
	int wait_account = 0, wait_pair = 0, rc;
	bool ok;

	*retry_after = 0;
	if (!login || !*login || strlen(login) > 64 || !kh_utf8_valid(login, strlen(login)))
		return kh_error_set(err, KH_EINVAL, "login", "login is required");
	if (!password || strlen(password) > KH_PASSWORD_MAX)
		return kh_error_set(err, KH_EINVAL, "password", "password is required");
	pair_key(login, addr, pair, sizeof(pair));
	if ((rc = throttled(ctx, "account", login, KH_LOGIN_FREE_PER_ACCOUNT, now, &wait_account,
			    err)) ||
	    (rc = throttled(ctx, "pair", pair, KH_LOGIN_FREE_PER_ADDRESS, now, &wait_pair, err)))
		return rc;
	if (wait_account || wait_pair) {
		*retry_after = wait_account > wait_pair ? wait_account : wait_pair;
		return kh_error_set(err, KH_ELIMIT, "login",
				    "too many failed logins, try again in %d seconds",
				    *retry_after);
	}
	rc = kh_store_user_by_login(ctx->store, login, &row, NULL);
	if (rc && rc != KH_ENOTFOUND)
		return kh_error_set(err, rc, "", "the database failed");
	stored = json_string_value(json_object_get(row, "password_hash"));
	if (stored) {
		ok = kh_auth_password_verify(stored, password);
	} else {
		/* Spend the same work as a real check. */
		if (crypto_pwhash_str(pwhash, password, strlen(password),
				      crypto_pwhash_OPSLIMIT_INTERACTIVE,
				      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
			pwhash[0] = '\0';
		ok = false;
	}
	if (ok)
		user_id = json_integer_value(json_object_get(row, "id"));
	json_decref(row);
	if (ok && (rc = kh_auth_actor_load(ctx, user_id, NULL)))
		ok = false;
	if (!ok) {
		kh_store_login_failure_add(ctx->store, "account", login, now, NULL);
		kh_store_login_failure_add(ctx->store, "pair", pair, now, NULL);
		return kh_error_set(err, KH_EAUTH, "login", "wrong login or password");
	}
	/* The account's count stays: a success must not hand an attacker
	 * elsewhere a fresh set of free tries. */
	kh_store_login_failures_clear(ctx->store, "pair", pair, NULL);
	kh_auth_token_new("", out->token);
	kh_auth_token_new("", out->csrf);
	kh_auth_token_hash(out->token, token_hash);
	kh_auth_token_hash(out->csrf, csrf_hash);
	out->user_id = user_id;
	out->max_age = session_seconds(ctx);
	kh_store_sessions_purge(ctx->store, 0, now, NULL);
	if ((rc = kh_store_session_add(ctx->store, token_hash, user_id, csrf_hash,
				       now + out->max_age, err))) {
		sodium_memzero(out, sizeof(*out));
		return rc;
	}
	return 0;
}

int kh_auth_logout(struct kh_ctx *ctx, const char *token, struct kh_error *err)
{
	char token_hash[65];

	if (!token)
		return 0;
	kh_auth_token_hash(token, token_hash);
	return kh_store_session_delete(ctx->store, token_hash, err);
}

/* t as "YYYY-MM-DDTHH:MM:SSZ" (UTC). */
static void iso_time(time_t t, char buf[21])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Record that a token was used, at most once per KH_TOKEN_TOUCH_SECONDS: a
 * busy integration must not turn every read into a write. Best effort: a
 * busy or read-only database does not refuse the request. */
static void token_touch(struct kh_ctx *ctx, const struct kh_store_token *t)
{
	time_t now = time(NULL);
	char now_iso[21], stale[21];

	iso_time(now, now_iso);
	iso_time(now - KH_TOKEN_TOUCH_SECONDS, stale);
	if (t->last_used_at[0] && strcmp(t->last_used_at, stale) >= 0)
		return;
	kh_store_token_touch(ctx->store, t->id, now_iso, stale, NULL);
}

int kh_auth_bearer(struct kh_ctx *ctx, const char *token, struct kh_error *err)
{
	struct kh_store_token t;
	char token_hash[65];
	int rc;

	if (!token || strncmp(token, KH_AUTH_TOKEN_PREFIX, strlen(KH_AUTH_TOKEN_PREFIX)) ||
	    strlen(token) > 100)
		return kh_error_set(err, KH_EAUTH, "", "not a kehu API token");
	kh_auth_token_hash(token, token_hash);
	rc = kh_store_token_find(ctx->store, token_hash, &t, NULL);
	if (rc == KH_ENOTFOUND)
		return kh_error_set(err, KH_EAUTH, "", "unknown or revoked API token");
	if (rc)
		return kh_error_set(err, rc, "", "the database failed");
	if ((rc = kh_auth_actor_load(ctx, t.user_id, err)))
		return rc;
	token_touch(ctx, &t);
	return 0;
}

int kh_auth_session(struct kh_ctx *ctx, const char *token, bool need_csrf, const char *csrf,
		    struct kh_error *err)
{
	char token_hash[65], stored_csrf[65] = "", csrf_hash[65];
	int64_t user_id = 0;
	int rc;

	if (!token || strlen(token) > 100)
		return kh_error_set(err, KH_EAUTH, "", "log in first");
	kh_auth_token_hash(token, token_hash);
	rc = kh_store_session_find(ctx->store, token_hash, (int64_t)time(NULL), &user_id,
				   stored_csrf, NULL);
	if (rc == KH_ENOTFOUND)
		return kh_error_set(err, KH_EAUTH, "", "the session has expired, log in again");
	if (rc)
		return kh_error_set(err, rc, "", "the database failed");
	if (need_csrf) {
		if (!csrf || strlen(csrf) > 100)
			return kh_error_set(err, KH_EPERM, "X-CSRF-Token",
					    "changes with a session cookie need the X-CSRF-Token "
					    "header from the login response");
		kh_auth_token_hash(csrf, csrf_hash);
		if (!hash_equal(csrf_hash, stored_csrf))
			return kh_error_set(err, KH_EPERM, "X-CSRF-Token",
					    "the X-CSRF-Token header does not match the session");
	}
	return kh_auth_actor_load(ctx, user_id, err);
}
