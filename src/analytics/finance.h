/*
 * finance.h: the value formulas of DOMAIN 6: profit per customer with
 * activity-based cost to serve and the cost of late payment, simple CLV and
 * its finite-horizon sum, average lifetime from retention, annual sales,
 * projected value from the grid axes, and the appraisal of a new big
 * customer (NPV, IRR, payback). Money in profit_of is integer fen (rounded
 * half away from zero); the other formulas work on doubles in whatever
 * unit the caller uses. Pure functions, no allocation.
 */
#ifndef KH_ANALYTICS_FINANCE_H
#define KH_ANALYTICS_FINANCE_H

#include <stddef.h>
#include <stdint.h>

/* Unit costs (the cost.* settings). */
struct kh_cost_rates {
	int64_t visit_fen, call_fen, meeting_fen, email_fen, message_fen;
	int64_t support_hour_fen;
	double late_daily_rate; /* share of the amount per day late, e.g. 0.0005 */
};

struct kh_customer_costs {
	int64_t revenue_fen;
	int64_t product_cost_fen;
	uint32_t visits, calls, meetings, emails, messages;
	double support_hours;
	/* sum over late payments of amount_fen x days late (fen-days) */
	double late_fen_days;
};

struct kh_profit {
	int64_t revenue_fen, product_cost_fen, serve_cost_fen, late_cost_fen, profit_fen;
};

/* profit = revenue - product cost - cost to serve - late payment cost, where
 * cost to serve = visits x visit_fen + calls x call_fen + meetings x
 * meeting_fen + emails x email_fen + messages x message_fen + support_hours x
 * support_hour_fen, and late cost = late_fen_days x late_daily_rate.
 * Returns 0; KH_EINVAL for negative rates or counts, or a result beyond
 * +-9e18 fen. */
int kh_finance_profit(const struct kh_customer_costs *c, const struct kh_cost_rates *r,
		      struct kh_profit *out);

/* amount x days_late, the fen-days one late payment adds to late_fen_days
 * (0 when it was paid on time). */
double kh_finance_late_fen_days(int64_t amount_fen, int32_t days_late);

/* Simple CLV with margin m per period, retention r, discount d per period:
 * sum_{t>=0} m r^t / (1+d)^t = m (1+d) / (1+d-r). Needs 0 <= r < 1 + d,
 * d > -1. Returns 0 or KH_EINVAL. */
int kh_finance_clv_simple(double margin, double retention, double discount, double *out);

/* The first `periods` terms of that sum: m (1 - q^N) / (1 - q), q = r/(1+d)
 * (m N when q = 1). Needs r >= 0, d > -1. */
int kh_finance_clv_horizon(double margin, double retention, double discount, unsigned periods,
			   double *out);

/* Average lifetime in periods from retention r: 1 / (1 - r), 0 <= r < 1. */
int kh_finance_lifetime(double retention, double *out);

/* Annual sales = customers x retention x transactions per month x amount per
 * transaction x 12. All inputs >= 0. */
int kh_finance_annual_sales(double customers, double retention, double tx_per_month,
			    double amount, double *out);

/* Value over a horizon from the grid axes: (horizon / interval) x amount x
 * margin. horizon and interval in the same unit, interval > 0. */
int kh_finance_projected_value(double horizon, double avg_interval, double avg_amount,
			       double margin, double *out);

/* NPV of cash flows cf[0..n) at rate per period: sum cf_t / (1 + rate)^t,
 * cf[0] at time 0 (undiscounted). rate > -1. */
int kh_finance_npv(const double *cf, size_t n, double rate, double *out);

/* IRR: a rate > -1 with NPV = 0. Sign changes of the NPV are bracketed on a
 * grid of 400 rates from -0.99 to 1000 (even in log(1 + rate)) and each
 * bracket refined by bisection to 1e-13 in log(1 + rate); the root closest to 0 is reported,
 * and *roots (if not NULL) tells how many were found (cash flows with
 * several sign changes can have several IRRs). Returns 0; KH_ENOTFOUND when
 * the NPV never changes sign in that range (no IRR: all flows of one sign, or
 * all zero); KH_EINVAL for n < 2 or non-finite flows. */
int kh_finance_irr(const double *cf, size_t n, double *rate, int *roots);

/* Payback period: the time at which the cumulative (discounted at rate, 0 for
 * simple payback) cash flow first reaches 0, interpolated linearly inside
 * the period: t - 1 + (-cum_{t-1}) / cf_t. 0 when cf[0] >= 0. Returns 0;
 * KH_ENOTFOUND when it never pays back; KH_EINVAL. */
int kh_finance_payback(const double *cf, size_t n, double rate, double *out);

#endif
