/*
 * reports.h: the reads behind the analytics reports (service/analysis/reports.c):
 * one row of metrics per customer in a data scope, the order days of those
 * customers, monthly sales, the figures of the annual-sales formula, and the
 * follow-up counts of their opportunities. Every function takes the scope
 * the permission layer worked out (NULL = every customer) and never reads a
 * customer outside it. Deleted customers, orders and opportunities are
 * skipped; cancelled orders too.
 */
#ifndef KH_STORE_REPORTS_H
#define KH_STORE_REPORTS_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* One customer of the scope with its customer_metrics values (zeros, NaN or
 * -1 when it has no metrics row yet). */
struct kh_report_row {
	int64_t customer_id;
	char *name;                 /* owned by the array, see kh_report_rows_free */
	uint32_t orders, orders_12m, quarters_active_8, activities_12m;
	uint32_t mails_12m, mail_clicks_12m; /* campaign mail sent, clicked */
	int64_t revenue_fen, profit_fen, revenue_12m_fen, profit_12m_fen;
	int64_t net_profit_12m_fen; /* the gross profit_12m_fen until analysed */
	double avg_interval_days;   /* NaN: fewer than two order days */
	int64_t avg_amount_fen;     /* 0 without orders */
	double p_alive;             /* NaN: not modelled */
	double expected_purchases_90d; /* NaN: not modelled */
	int64_t expected_spend_fen; /* -1: not modelled */
	int64_t clv_fen;            /* -1: not modelled */
	double indirect_benefit;    /* custom field indirect_benefit, NaN if unset */
	char lifecycle[16], loyalty[16], abc_class[4], brand_loyalty[16]; /* "" = none */
};

/* Every live customer of scope (NULL = all), by id, into a new array
 * *rows[0..*n) freed with kh_report_rows_free. Returns 0, KH_EDB, KH_ENOMEM. */
int kh_store_report_rows(struct kh_store *st, const struct kh_scope *scope,
			 struct kh_report_row **rows, size_t *n, struct kh_error *err);
void kh_report_rows_free(struct kh_report_row *rows, size_t n);

/* The order days (days since 1970-01-01) of the customers of scope with
 * orders: customer i's days are (*days)[(*start)[i] .. (*start)[i + 1]),
 * *start having *n + 1 entries. Both arrays are the caller's to free. */
int kh_store_report_order_days(struct kh_store *st, const struct kh_scope *scope,
			       int32_t **days, size_t **start, size_t *n, struct kh_error *err);

/* Sales of one calendar month. */
struct kh_report_month {
	char month[8]; /* "YYYY-MM" */
	int64_t orders, customers, revenue_fen, profit_fen;
};

/* The months from (inclusive, "YYYY-MM-01") to until (exclusive) that have
 * orders, oldest first, into a new array *out[0..*n) (the caller frees).
 * Orders without a cost count default_margin of their amount as profit. */
int kh_store_report_months(struct kh_store *st, const struct kh_scope *scope, const char *from,
			   const char *until, double default_margin, struct kh_report_month **out,
			   size_t *n, struct kh_error *err);

/* The inputs of the annual-sales formula as of today ("YYYY-MM-DD"):
 * buyers of the last 12 months, buyers of the 12 months before, how many of
 * those bought again in the last 12, and the orders and revenue of the last
 * 12 months. */
struct kh_report_annual {
	int64_t buyers, prev_buyers, retained, orders, revenue_fen;
};
int kh_store_report_annual(struct kh_store *st, const struct kh_scope *scope, const char *today,
			   struct kh_report_annual *out, struct kh_error *err);

/* One opportunity: its follow-ups and state. */
enum kh_report_opp_state { KH_REPORT_OPP_OPEN = 0, KH_REPORT_OPP_WON, KH_REPORT_OPP_LOST };
struct kh_report_opp {
	uint32_t followups;
	uint8_t state; /* enum kh_report_opp_state */
};
/* The live opportunities of the customers of scope into a new array
 * *out[0..*n) (the caller frees). */
int kh_store_report_opportunities(struct kh_store *st, const struct kh_scope *scope,
				  struct kh_report_opp **out, size_t *n, struct kh_error *err);

/* How many live customers the scope holds. */
int kh_store_report_count(struct kh_store *st, const struct kh_scope *scope, int64_t *n,
			  struct kh_error *err);

/* The time of the last `kehu analyze` ("YYYY-MM-DDTHH:MM:SSZ") into buf, or
 * KH_ENOTFOUND when it never ran. */
int kh_store_report_analyzed_at(struct kh_store *st, char buf[32], struct kh_error *err);

#endif
