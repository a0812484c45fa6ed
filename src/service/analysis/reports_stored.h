/*
 * reports_stored.h: the dashboard reports served from stored results
 * (docs/architecture.md, "Dashboard results are stored"). A report's answer
 * for a data scope is kept in the database as of today; writes that change
 * a customer drop the results whose scope holds it, in the same
 * transaction, and `kehu analyze` drops them all.
 * A request finds its answer stored or computes it the one way there is
 * (the functions of reports*.c) and stores it, so stored and fresh answers
 * are the same text. The writes drop results through the store
 * (store/analysis/report_results.h) and service/analysis/report_upkeep.c.
 */
#ifndef KH_SERVICE_REPORTS_STORED_H
#define KH_SERVICE_REPORTS_STORED_H

#include <jansson.h>
#include <stdint.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "service/context.h"

/* Compute one report from scratch for the actor, with arg as its caller
 * passed it (a resolved parameter). */
typedef int (*kh_report_compute)(struct kh_ctx *ctx, const void *arg, json_t **out,
				 struct kh_error *err);

/* The answer of report/variant for the actor's data scope: the stored one
 * when it is current (of today, no write since); an outdated one too when
 * ctx->reports is KH_REPORTS_STALE_OK, with "refreshing": true added; else
 * compute(ctx, arg), stored for the next request as computed for the actor
 * (unless something was written meanwhile, or the database is read-only).
 * With ctx->reports KH_REPORTS_COMPUTE, or the environment variable
 * KEHU_REPORTS_FRESH=1, nothing is read or stored: the refresher's way, and
 * the reference the tests compare stored answers with. */
int kh_report_stored(struct kh_ctx *ctx, const char *report, const char *variant,
		     kh_report_compute compute, const void *arg, json_t **out,
		     struct kh_error *err);

/* The key of the actor's report scope ("all", or its owners and the user
 * whose shares it adds) into key. */
int kh_report_scope_key(struct kh_ctx *ctx, struct kh_strbuf *key, struct kh_error *err);

#endif
