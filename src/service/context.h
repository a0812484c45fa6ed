/*
 * context.h: what every service call needs: the store, who is acting, and
 * what a request (or command) works out once and keeps: the settings and
 * the actor's data scope. The CLI acts as the
 * local system operator (full access); the HTTP layer fills in the
 * logged-in user.
 */
#ifndef KH_CONTEXT_H
#define KH_CONTEXT_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "store/settings_registry.h"
#include "store/store.h"

enum kh_role {
	KH_ROLE_SYSTEM = 0, /* the local command line: sees and changes everything */
	KH_ROLE_ADMIN,
	KH_ROLE_MANAGER,
	KH_ROLE_SALES,
};

struct kh_actor {
	int64_t user_id; /* 0 for the system */
	enum kh_role role;
	int64_t team_id;
	char login[64];
};

/* Every setting, read in one statement at the first use in a request and
 * kept for the rest of it (service/settings.h), indexed like the registry. */
struct kh_settings_snapshot {
	bool loaded;
	double number[KH_SETTINGS_MAX]; /* see kh_setting_check; -1: a bad choice */
	char text[KH_SETTINGS_MAX][KH_SETTING_TEXT_MAX]; /* TEXT settings */
};

/* The actor's reach (permission.h), worked out at its first use in a
 * request and kept until the actor, a user, a team or a setting changes. */
struct kh_reach_memo {
	bool loaded;
	int kind;           /* enum kh_scope_kind */
	bool everything;
	json_t *owners;     /* NULL when everything */
	json_t *teams;
};

/* How a dashboard report is answered (service/analysis/reports_stored.h). */
enum kh_reports_mode {
	KH_REPORTS_WAIT = 0, /* an outdated stored result is computed again first (the CLI) */
	KH_REPORTS_STALE_OK, /* an outdated one is served, flagged, while the server's
			      * refresher recomputes it */
	KH_REPORTS_COMPUTE,  /* computed, nothing read or stored (the refresher itself) */
};

struct kh_ctx {
	struct kh_store *store;
	struct kh_actor actor;
	bool skip_metrics; /* bulk loads refresh customer_metrics once at the end */
	enum kh_reports_mode reports;
	/* A manager's or admin's "force": write a customer that duplicates
	 * another (service/customers/duplicates.h). */
	bool force_duplicates;
	/* What a refused write may show beyond its message (the facts of the
	 * duplicate it would be), or NULL; freed by kh_ctx_release. */
	json_t *error_detail;
	struct kh_settings_snapshot settings;
	struct kh_reach_memo reach;
};

/* A context for the local operator on store. */
void kh_ctx_init_system(struct kh_ctx *ctx, struct kh_store *store);
/* Drop what ctx keeps for the request (settings, reach): after a change to
 * the actor, the users, the teams or the settings. */
void kh_ctx_forget(struct kh_ctx *ctx);
/* Free what ctx holds; it may be used again after kh_ctx_init_system. */
void kh_ctx_release(struct kh_ctx *ctx);

#endif
