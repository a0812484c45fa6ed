/*
 * handlers.h: the request handlers, one per route (see router.c for which
 * route calls which). Each parses its input, calls one service and answers.
 */
#ifndef KH_HTTP_HANDLERS_H
#define KH_HTTP_HANDLERS_H

#include "http/internal.h"

/* Registry-backed collections (route->res names the entity). */
int kh_h_entity_list(struct kh_http_req *r, struct kh_error *err);
int kh_h_entity_get(struct kh_http_req *r, struct kh_error *err);
int kh_h_entity_create(struct kh_http_req *r, struct kh_error *err);
int kh_h_entity_update(struct kh_http_req *r, struct kh_error *err);
int kh_h_entity_delete(struct kh_http_req *r, struct kh_error *err);

/* Customers: the 360 view and ownership. */
int kh_h_customer_view(struct kh_http_req *r, struct kh_error *err);
int kh_h_customer_owners(struct kh_http_req *r, struct kh_error *err);
int kh_h_customer_transfer(struct kh_http_req *r, struct kh_error *err);
int kh_h_customer_share(struct kh_http_req *r, struct kh_error *err);
int kh_h_customer_release(struct kh_http_req *r, struct kh_error *err);
int kh_h_customer_claim(struct kh_http_req *r, struct kh_error *err);
int kh_h_customer_lock(struct kh_http_req *r, struct kh_error *err);
int kh_h_customer_unlock(struct kh_http_req *r, struct kh_error *err);

/* Bulk ownership, merge, visit-plan approval and the user directory
 * (handlers_customers.c). */
int kh_h_customers_bulk_transfer(struct kh_http_req *r, struct kh_error *err);
int kh_h_customers_bulk_share(struct kh_http_req *r, struct kh_error *err);
int kh_h_customers_bulk_release(struct kh_http_req *r, struct kh_error *err);
int kh_h_customer_merge_preview(struct kh_http_req *r, struct kh_error *err);
int kh_h_customer_merge(struct kh_http_req *r, struct kh_error *err);
/* Duplicate control: GET /duplicates/check and the report GET /duplicates. */
int kh_h_duplicates_check(struct kh_http_req *r, struct kh_error *err);
int kh_h_duplicates_report(struct kh_http_req *r, struct kh_error *err);
int kh_h_activity_approve(struct kh_http_req *r, struct kh_error *err);
int kh_h_activity_reject(struct kh_http_req *r, struct kh_error *err);
int kh_h_user_directory(struct kh_http_req *r, struct kh_error *err);
/* Leads (handlers_leads.c): conversion, follow-ups. */
int kh_h_lead_convert(struct kh_http_req *r, struct kh_error *err);
int kh_h_lead_followup(struct kh_http_req *r, struct kh_error *err);
int kh_h_lead_followups(struct kh_http_req *r, struct kh_error *err);
/* Opportunities (handlers_sales.c): the stage history. */
int kh_h_opportunity_stages(struct kh_http_req *r, struct kh_error *err);
int kh_h_contract_act(struct kh_http_req *r, struct kh_error *err);
int kh_h_receivable_act(struct kh_http_req *r, struct kh_error *err);

/* The to-do centre (handlers_todos.c) and the event stream (events.c). */
int kh_h_todos(struct kh_http_req *r, struct kh_error *err);
int kh_h_todo_done(struct kh_http_req *r, struct kh_error *err);
int kh_h_todo_snooze(struct kh_http_req *r, struct kh_error *err);

/* Reminders (handlers_comms.c): the caller's notifications and settings. */
int kh_h_notifications(struct kh_http_req *r, struct kh_error *err);
int kh_h_notification_read(struct kh_http_req *r, struct kh_error *err);
int kh_h_notifications_read_all(struct kh_http_req *r, struct kh_error *err);
int kh_h_reminders_get(struct kh_http_req *r, struct kh_error *err);
int kh_h_reminders_put(struct kh_http_req *r, struct kh_error *err);

int kh_h_lookup(struct kh_http_req *r, struct kh_error *err);
int kh_h_search(struct kh_http_req *r, struct kh_error *err);

int kh_h_user_list(struct kh_http_req *r, struct kh_error *err);
int kh_h_user_get(struct kh_http_req *r, struct kh_error *err);
int kh_h_user_create(struct kh_http_req *r, struct kh_error *err);
int kh_h_user_update(struct kh_http_req *r, struct kh_error *err);
int kh_h_user_delete(struct kh_http_req *r, struct kh_error *err);
int kh_h_team_list(struct kh_http_req *r, struct kh_error *err);
int kh_h_team_get(struct kh_http_req *r, struct kh_error *err);
int kh_h_team_create(struct kh_http_req *r, struct kh_error *err);
int kh_h_team_update(struct kh_http_req *r, struct kh_error *err);
int kh_h_team_delete(struct kh_http_req *r, struct kh_error *err);
int kh_h_settings_get(struct kh_http_req *r, struct kh_error *err);
int kh_h_settings_update(struct kh_http_req *r, struct kh_error *err);

int kh_h_login(struct kh_http_req *r, struct kh_error *err);
int kh_h_logout(struct kh_http_req *r, struct kh_error *err);
int kh_h_me(struct kh_http_req *r, struct kh_error *err);
int kh_h_setup(struct kh_http_req *r, struct kh_error *err);
int kh_h_token_create(struct kh_http_req *r, struct kh_error *err);
int kh_h_token_list(struct kh_http_req *r, struct kh_error *err);
int kh_h_token_revoke(struct kh_http_req *r, struct kh_error *err);

/* Analytics reports and next visits (handlers_analytics.c); the customer
 * with its metrics. */
int kh_h_analytics_abc(struct kh_http_req *r, struct kh_error *err);
int kh_h_analytics_grid(struct kh_http_req *r, struct kh_error *err);
int kh_h_analytics_quadrants(struct kh_http_req *r, struct kh_error *err);
int kh_h_analytics_lifecycle(struct kh_http_req *r, struct kh_error *err);
int kh_h_analytics_loyalty(struct kh_http_req *r, struct kh_error *err);
int kh_h_analytics_clv(struct kh_http_req *r, struct kh_error *err);
int kh_h_analytics_whale(struct kh_http_req *r, struct kh_error *err);
int kh_h_analytics_cohorts(struct kh_http_req *r, struct kh_error *err);
int kh_h_analytics_forecast(struct kh_http_req *r, struct kh_error *err);
int kh_h_analytics_followups(struct kh_http_req *r, struct kh_error *err);
int kh_h_next_visits(struct kh_http_req *r, struct kh_error *err);
int kh_h_pipeline(struct kh_http_req *r, struct kh_error *err);
int kh_h_customer_history(struct kh_http_req *r, struct kh_error *err);
int kh_h_customer_get(struct kh_http_req *r, struct kh_error *err);

/* The 7P statistics and a customer's cross-sell suggestions
 * (handlers_statistics.c). */
int kh_h_statistic(struct kh_http_req *r, struct kh_error *err);
int kh_h_cross_sell(struct kh_http_req *r, struct kh_error *err);

/* Exports of the lists and vCard import (handlers_export.c). */
/* The language of a file's headers: ?lang=zh|en, else Accept-Language
 * (English only when it asks for it first), else 中文; a bad lang is
 * KH_EINVAL naming it. */
int kh_http_want_zh(struct kh_http_req *r, bool *zh, struct kh_error *err);
/* A new empty temporary file /tmp/PREFIX-XXXXXX (or under $TMPDIR) into
 * path[size], for the caller to fill and unlink; 0 or KH_EIO. */
int kh_http_temp_file(const char *prefix, char *path, size_t size, struct kh_error *err);
/* Answer 200 with the workbook at path, sent from its descriptor (so the
 * caller may unlink it at once); the caller adds the Content-Disposition
 * to r->response. 0, KH_EIO or KH_ENOMEM. */
int kh_http_reply_xlsx_file(struct kh_http_req *r, const char *path, struct kh_error *err);
int kh_h_export(struct kh_http_req *r, struct kh_error *err);
int kh_h_contact_vcard_import(struct kh_http_req *r, struct kh_error *err);

int kh_h_healthz(struct kh_http_req *r, struct kh_error *err);
int kh_h_openapi(struct kh_http_req *r, struct kh_error *err);

/* Targets, the weekly table, the forecast and rankings (handlers_targets.c). */
int kh_h_targets_get(struct kh_http_req *r, struct kh_error *err);
int kh_h_targets_put(struct kh_http_req *r, struct kh_error *err);
int kh_h_targets_progress(struct kh_http_req *r, struct kh_error *err);
int kh_h_targets_weekly(struct kh_http_req *r, struct kh_error *err);
int kh_h_targets_reason(struct kh_http_req *r, struct kh_error *err);
int kh_h_targets_forecast(struct kh_http_req *r, struct kh_error *err);
int kh_h_rankings(struct kh_http_req *r, struct kh_error *err);
/* Daily and weekly reports (handlers_reports.c). */
/* Campaigns, greetings and consent (handlers_campaigns.c). */
int kh_h_campaign_list(struct kh_http_req *r, struct kh_error *err);
int kh_h_campaign_create(struct kh_http_req *r, struct kh_error *err);
int kh_h_campaign_get(struct kh_http_req *r, struct kh_error *err);
int kh_h_campaign_update(struct kh_http_req *r, struct kh_error *err);
int kh_h_campaign_delete(struct kh_http_req *r, struct kh_error *err);
int kh_h_campaign_preview(struct kh_http_req *r, struct kh_error *err);
int kh_h_campaign_test(struct kh_http_req *r, struct kh_error *err);
int kh_h_campaign_send(struct kh_http_req *r, struct kh_error *err);
int kh_h_campaign_pause(struct kh_http_req *r, struct kh_error *err);
int kh_h_campaign_resume(struct kh_http_req *r, struct kh_error *err);
int kh_h_campaign_cancel(struct kh_http_req *r, struct kh_error *err);
int kh_h_campaign_report(struct kh_http_req *r, struct kh_error *err);
int kh_h_campaign_messages(struct kh_http_req *r, struct kh_error *err);
int kh_h_greeting_list(struct kh_http_req *r, struct kh_error *err);
int kh_h_greeting_create(struct kh_http_req *r, struct kh_error *err);
int kh_h_greeting_get(struct kh_http_req *r, struct kh_error *err);
int kh_h_greeting_update(struct kh_http_req *r, struct kh_error *err);
int kh_h_greeting_delete(struct kh_http_req *r, struct kh_error *err);
int kh_h_greeting_upcoming(struct kh_http_req *r, struct kh_error *err);
int kh_h_greeting_skip(struct kh_http_req *r, struct kh_error *err);
int kh_h_consent_get(struct kh_http_req *r, struct kh_error *err);
int kh_h_consent_put(struct kh_http_req *r, struct kh_error *err);
/* The public links of messages (handlers_mail_links.c): /u/, /o/, /c/. */
int kh_h_mail_unsubscribe_page(struct kh_http_req *r, struct kh_error *err);
int kh_h_mail_unsubscribe(struct kh_http_req *r, struct kh_error *err);
int kh_h_mail_open(struct kh_http_req *r, struct kh_error *err);
int kh_h_mail_click(struct kh_http_req *r, struct kh_error *err);

int kh_h_report_list(struct kh_http_req *r, struct kh_error *err);
int kh_h_report_create(struct kh_http_req *r, struct kh_error *err);
int kh_h_report_get(struct kh_http_req *r, struct kh_error *err);
int kh_h_report_update(struct kh_http_req *r, struct kh_error *err);
int kh_h_report_submit(struct kh_http_req *r, struct kh_error *err);
int kh_h_report_comment(struct kh_http_req *r, struct kh_error *err);
int kh_h_report_missing(struct kh_http_req *r, struct kh_error *err);
int kh_h_report_prefill(struct kh_http_req *r, struct kh_error *err);

/* handlers_import.c */
int kh_h_import_create(struct kh_http_req *r, struct kh_error *err);
int kh_h_import_preview(struct kh_http_req *r, struct kh_error *err);
int kh_h_import_get(struct kh_http_req *r, struct kh_error *err);
int kh_h_import_rejects(struct kh_http_req *r, struct kh_error *err);
int kh_h_import_template(struct kh_http_req *r, struct kh_error *err);

#endif
