/*
 * server_start.h: what `kehu serve` does once before it listens: raise the
 * descriptor limit, say how to create the first admin, start the dashboard
 * refresher and the daily pool sweep.
 */
#ifndef KH_HTTP_SERVER_START_H
#define KH_HTTP_SERVER_START_H

#include "base/error.h"
#include "service/analysis/report_refresher.h"
#include "service/customers/pool_job.h"

/* 1000 connections need more descriptors than the usual soft limit of 1024
 * leaves beside the databases: take what the hard limit allows. */
void kh_http_raise_fd_limit(void);
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

#endif
