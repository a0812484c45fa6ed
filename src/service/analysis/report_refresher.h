/*
 * report_refresher.h: the server's background computation of outdated
 * dashboard results (reports_stored.h). A write only counts itself in the
 * stored results whose scope it touches; this thread, on its own database
 * connection, computes each outdated result again as the user whose request
 * stored it, from one snapshot, and keeps it current unless a write came in
 * meanwhile (then the newer body is kept and the result stays outdated for
 * the next round). It spends at most half of one core: after a computation
 * of t seconds it waits t before the next.
 */
#ifndef KH_REPORT_REFRESHER_H
#define KH_REPORT_REFRESHER_H

#include "base/error.h"

struct kh_report_refresher;

/* Start the thread on the database at db_path (copied), with a page cache
 * of cache_mib MiB. 0 and *out, or KH_ENOMEM / KH_EIO. */
int kh_report_refresher_start(const char *db_path, int cache_mib,
			      struct kh_report_refresher **out, struct kh_error *err);
/* Stop the thread (after the computation under way) and free it; NULL is
 * accepted. */
void kh_report_refresher_stop(struct kh_report_refresher *r);

#endif
