/*
 * analysis.h: the reads and writes of `kehu analyze` (store side): every live
 * customer's facts from one scan each of customers, orders, activities,
 * opportunities (open and lost), payments and campaign mail (aggregated in C), and the facts and classifications written
 * back into customer_metrics in one transaction.
 */
#ifndef KH_STORE_ANALYSIS_H
#define KH_STORE_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

#define KH_STORE_NO_DATE INT32_MIN

struct kh_store_fact {
	int64_t customer_id;
	int64_t owner_id;               /* 0 when in the pool */
	int64_t revenue_fen, profit_fen; /* all time */
	int64_t revenue_window_fen, profit_window_fen;
	int64_t revenue_12m_fen, profit_12m_fen;
	int64_t first_day_fen;          /* the amount bought on the first order day */
	double avg_interval_days;       /* NAN with fewer than two order days */
	double indirect_benefit;        /* custom.indirect_benefit, or NAN */
	int32_t first_order, last_order; /* days since 1970-01-01, or KH_STORE_NO_DATE */
	int32_t last_contact;           /* or KH_STORE_NO_DATE */
	int32_t visit_cadence_days;     /* 0 when not set */
	uint32_t orders, order_days, orders_12m;
	uint32_t open_opportunities, activities_12m;
	/* campaign messages (not greetings) sent in the last 12 months, and
	 * how many of them were clicked (the value x response quadrant) */
	uint32_t mails_12m, mail_clicks_12m;
	/* done activities of the last 12 months by kind (the cost to serve) */
	uint32_t visits_12m, calls_12m, meetings_12m, emails_12m, messages_12m;
	/* payments due in the last 12 months: sum of amount x days late */
	double late_fen_days_12m;
	/* revenue of the 12 months before the last 12; lost opportunities
	 * closed in the last 12 months (key accounts slipping) */
	int64_t revenue_prev_12m_fen;
	uint32_t lost_opportunities_12m;
	uint8_t quarters_active_8;
	bool price_driven, key_account;
	/* the weighted score (DOMAIN 5): brand_loyalty 2 loyal, 1 wavers, 0
	 * none, -1 not entered; the purchase budget, 0 when not entered */
	int8_t brand_loyalty;
	int64_t purchase_budget_fen;
};

/* Facts of every live customer as of today ("YYYY-MM-DD"), the window for
 * revenue_window/profit_window in days, orders without cost counting
 * default_margin as profit. *out is malloc'ed (the caller frees it). */
int kh_store_analysis_facts(struct kh_store *st, const char *today, int window_days,
			    double default_margin, struct kh_store_fact **out, size_t *n,
			    struct kh_error *err);

/* One customer's facts (the same scans and sums, one customer). */
/* The i-th statement of the one-customer scans (NULL past the last), for
 * the plan test. */
const char *kh_store_analysis_one_sql(size_t i);
/* The same for the scans of every customer. */
const char *kh_store_analysis_all_sql(size_t i);
int kh_store_analysis_fact_one(struct kh_store *st, int64_t customer_id, const char *today,
			       int window_days, double default_margin,
			       struct kh_store_fact *out, struct kh_error *err);

/* A small page cache for a whole analysis run (one pass over each table, a
 * write in rowid order): returns the connection's cache_size to give back
 * to kh_store_analysis_restore_cache, 0 if it could not be read (then
 * nothing changed and restore does nothing). */
int kh_store_analysis_small_cache(struct kh_store *st);
void kh_store_analysis_restore_cache(struct kh_store *st, int previous);

struct kh_store_class {
	int64_t customer_id;
	const char *abc_class, *abc_count_class, *grid_tier, *lifecycle, *loyalty;
	uint8_t rfm_r, rfm_f, rfm_m;
	const char *quadrants_json;     /* borrowed, may be NULL */
	double p_alive, expected_purchases_90d; /* NAN = unknown */
	int64_t expected_spend_fen, clv_fen;   /* < 0 = unknown */
	bool have_net;                  /* the three below are known */
	int64_t serve_cost_12m_fen, late_cost_12m_fen, net_profit_12m_fen;
	bool key_account_slipping, key_account_candidate;
	const char *slip_reason;        /* static codes (keyaccount.h), NULL = none */
	double score;                   /* weighted indicator score 0..100, NAN = none */
	const char *score_pyramid;      /* static tier name, NULL = none */
	const struct kh_store_fact *fact; /* borrowed, required: the facts classified */
};

/* Write customer_metrics for rows[0..n): the classification columns and the
 * fact columns (orders, first/last order, revenue, cost, profit, the 12-month
 * figures, quarters active, average interval and amount, last contact,
 * activities, cost to serve, late payment cost, net profit, the key-account
 * flags, the weighted score and its pyramid tier), so the
 * time-dependent facts follow today. */
int kh_store_analysis_write(struct kh_store *st, const struct kh_store_class *rows, size_t n,
			    struct kh_error *err);

/* Keep the parameters of the latest run (JSON) and read them back. */
int kh_store_analysis_save_run(struct kh_store *st, json_t *run, struct kh_error *err);
int kh_store_analysis_last_run(struct kh_store *st, json_t **run, struct kh_error *err);

/* A customer that may be due for a visit, with what the ranking needs. */
struct kh_store_visit_candidate {
	int64_t customer_id, owner_id;
	char name[208];
	char owner_login[64];
	char lifecycle[16], abc_class[4], grid_tier[16];
	int32_t last_contact;    /* days since epoch, or KH_STORE_NO_DATE */
	int32_t cadence_days;    /* 0 = not set on the customer */
	int64_t clv_fen, profit_12m_fen; /* clv_fen < 0 when unknown */
	double p_alive;          /* NAN when unknown */
	uint32_t orders, open_opportunities;
	bool key_account, slipping;
	char slip_reason[64];    /* codes of keyaccount.h, "" = none */
	/* the campaign whose message the customer clicked last, on or after
	 * the day asked for ("" and KH_STORE_NO_DATE: none) */
	char clicked_campaign[208];
	int32_t clicked_on;
};

/* Owned customers with orders or open opportunities (of one owner, or of
 * everybody when owner_id is 0), each with the last campaign message
 * clicked from clicked_since ("YYYY-MM-DD") on. *out is malloc'ed. */
int kh_store_visit_candidates(struct kh_store *st, int64_t owner_id, const char *clicked_since,
			      struct kh_store_visit_candidate **out, size_t *n,
			      struct kh_error *err);

#endif
