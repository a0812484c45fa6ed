/*
 * server_start.c: the server's one-time start-up steps (see server_start.h).
 */
#include "http/server_start.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "base/parse.h"
#include "http/events.h"
#include "service/accounts/auth.h"
#include "service/accounts/setup.h"
#include "service/context.h"
#include "base/banned.h"

/* The refresher's own connection: a small page cache (a report reads every
 * customer of a scope once; the OS caches the file). */
#define REFRESHER_CACHE_MIB 8

void kh_http_raise_fd_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < 65536 &&
	    rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max < 65536 ? rl.rlim_max : 65536;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

unsigned kh_http_connection_limit(void)
{
	struct rlimit rl;
	rlim_t spare = 256; /* the databases, the log, the import files */

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur <= spare + 1000)
		return 1000;
	if (rl.rlim_cur - spare > KH_HTTP_CONNECTIONS_MAX)
		return KH_HTTP_CONNECTIONS_MAX;
	return (unsigned)(rl.rlim_cur - spare);
}

int kh_http_start_refresher(const char *db_path, struct kh_report_refresher **out,
			    struct kh_error *err)
{
	const char *fresh = getenv("KEHU_REPORTS_FRESH");

	*out = NULL;
	if (fresh && strcmp(fresh, "1") == 0)
		return 0;
	return kh_report_refresher_start(db_path, REFRESHER_CACHE_MIB, out, err);
}

int kh_http_start_pool_job(const char *db_path, struct kh_pool_job **out,
			   struct kh_error *err)
{
	const char *on = getenv("KEHU_POOL_SWEEP");

	*out = NULL;
	if (on && strcmp(on, "0") == 0)
		return 0;
	return kh_pool_job_start(db_path, out, err);
}

/* Reminders are checked this often unless KEHU_REMIND_SECONDS says. */
#define REMIND_SECONDS 300

static void remind_changed(void *arg)
{
	kh_events_changed(arg);
}

int kh_http_start_remind_job(const char *db_path, struct kh_events *events,
			     struct kh_remind_job **out, struct kh_error *err)
{
	const char *on = getenv("KEHU_REMIND"), *every = getenv("KEHU_REMIND_SECONDS");
	int64_t seconds = REMIND_SECONDS;

	*out = NULL;
	if (on && strcmp(on, "0") == 0)
		return 0;
	if (every && kh_parse_int64(every, 1, 86400, &seconds, "KEHU_REMIND_SECONDS", err))
		return KH_EINVAL;
	return kh_remind_job_start(db_path, (long)seconds, remind_changed, events, out, err);
}

/* Due campaign mail is looked for this often while none is. */
#define CAMPAIGN_POLL_MS 2000

int kh_http_start_campaign_job(const char *db_path, struct kh_campaign_job **out,
			       struct kh_error *err)
{
	const char *on = getenv("KEHU_CAMPAIGNS"), *every = getenv("KEHU_CAMPAIGN_POLL_MS");
	int64_t ms = CAMPAIGN_POLL_MS;

	*out = NULL;
	if (on && strcmp(on, "0") == 0)
		return 0;
	if (every && kh_parse_int64(every, 100, 3600000, &ms, "KEHU_CAMPAIGN_POLL_MS", err))
		return KH_EINVAL;
	return kh_campaign_job_start(db_path, (long)ms, out, err);
}

int kh_http_announce_setup(const char *db_path, const char *url, struct kh_error *err)
{
	struct kh_store *st = NULL;
	struct kh_ctx ctx;
	char token[KH_TOKEN_SIZE];
	bool needed = false;
	int rc;

	if ((rc = kh_store_open(db_path, &st, err)))
		return rc;
	kh_ctx_init_system(&ctx, st);
	rc = kh_setup_begin(&ctx, token, &needed, err);
	kh_store_free(st);
	if (rc == 0 && needed)
		fprintf(stderr,
			"kehu: the database has no users yet. Create the first admin with this\n"
			"kehu: one-time setup token (it works once, and only until a user exists):\n"
			"kehu: setup token: %s\n"
			"kehu:   curl -X POST %s/api/v1/setup -H 'Content-Type: application/json' \\\n"
			"kehu:     -d '{\"token\":\"%s\",\"login\":\"admin\",\"password\":\"...\"}'\n",
			token, url, token);
	memset(token, 0, sizeof(token));
	return rc;
}
