/*
 * server_start.h: what `kehu serve` does once before it listens: raise the
 * descriptor limit, say how to create the first admin, start the dashboard
 * refresher, the daily pool sweep and the reminder runs.
 */
#ifndef KH_HTTP_SERVER_START_H
#define KH_HTTP_SERVER_START_H

#include "base/error.h"
#include "service/analysis/report_refresher.h"
#include "service/comms/campaign_job.h"
#include "service/comms/remind_job.h"
#include "service/customers/pool_job.h"

/* 1000 connections need more descriptors than the usual soft limit of 1024
 * leaves beside the databases: take what the hard limit allows. */
void kh_http_raise_fd_limit(void);
/* The most connections to take (MHD_OPTION_CONNECTION_LIMIT): a thousand
 * open browsers hold an event stream each beside their requests, so as
 * many as the descriptors leave room for, up to KH_HTTP_CONNECTIONS_MAX
 * (1000 when the limit is low). */
#define KH_HTTP_CONNECTIONS_MAX 8192
unsigned kh_http_connection_limit(void);
/* The first admin's one-time setup token, printed on stderr when the
 * database at db_path has no users (url: where the server listens). */
int kh_http_announce_setup(const char *db_path, const char *url, struct kh_error *err);
/* The background computation of outdated dashboard results on db_path into
 * *out; none (NULL) with KEHU_REPORTS_FRESH=1, the tests' reference. */
int kh_http_start_refresher(const char *db_path, struct kh_report_refresher **out,
			    struct kh_error *err);
/* The daily pool sweep (service/customers/pool_job.h) on db_path into
 * *out; none (NULL) with KEHU_POOL_SWEEP=0. */
int kh_http_start_pool_job(const char *db_path, struct kh_pool_job **out,
			   struct kh_error *err);
/* The reminder runs (service/comms/remind_job.h) on db_path into *out, every
 * KEHU_REMIND_SECONDS (default 300), pushing new unread counts through
 * events; none (NULL) with KEHU_REMIND=0. */
struct kh_events;
int kh_http_start_remind_job(const char *db_path, struct kh_events *events,
			     struct kh_remind_job **out, struct kh_error *err);
/* The campaign sender (service/comms/campaign_job.h) on db_path into *out,
 * looking for due mail every KEHU_CAMPAIGN_POLL_MS (default 2000) when idle;
 * *out is NULL with KEHU_CAMPAIGNS=0. */
int kh_http_start_campaign_job(const char *db_path, struct kh_campaign_job **out,
			       struct kh_error *err);

#endif
