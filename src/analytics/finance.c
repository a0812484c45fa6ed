/*
 * finance.c: the value formulas (see finance.h). IRR works in g = log(1 +
 * rate) and evaluates a rescaled NPV, sum cf_t e^(-t g) for g >= 0 and sum
 * cf_t e^((n-1-t) g) for g < 0: both have the NPV's sign and neither
 * overflows, even at rate -0.99 over hundreds of periods.
 */
#include "analytics/finance.h"

#include <math.h>
#include <stdbool.h>

#include "base/error.h"
#include "base/banned.h"

#define FEN_LIMIT 9.0e18

static bool nonneg(double v)
{
	return v >= 0 && isfinite(v);
}

int kh_finance_profit(const struct kh_customer_costs *c, const struct kh_cost_rates *r,
		      struct kh_profit *out)
{
	double serve, late, profit;

	if (r->visit_fen < 0 || r->call_fen < 0 || r->meeting_fen < 0 || r->email_fen < 0 ||
	    r->message_fen < 0 || r->support_hour_fen < 0 || !nonneg(r->late_daily_rate) ||
	    !nonneg(c->support_hours) || !nonneg(c->late_fen_days))
		return KH_EINVAL;
	/* In double: counts x unit costs cannot overflow there, and the result
	 * is checked against the int64 range before it is stored. */
	serve = (double)c->visits * (double)r->visit_fen + (double)c->calls * (double)r->call_fen +
		(double)c->meetings * (double)r->meeting_fen +
		(double)c->emails * (double)r->email_fen +
		(double)c->messages * (double)r->message_fen +
		c->support_hours * (double)r->support_hour_fen;
	late = c->late_fen_days * r->late_daily_rate;
	serve = round(serve);
	late = round(late);
	profit = (double)c->revenue_fen - (double)c->product_cost_fen - serve - late;
	if (!(serve < FEN_LIMIT && late < FEN_LIMIT && fabs(profit) < FEN_LIMIT))
		return KH_EINVAL;
	out->revenue_fen = c->revenue_fen;
	out->product_cost_fen = c->product_cost_fen;
	out->serve_cost_fen = (int64_t)serve;
	out->late_cost_fen = (int64_t)late;
	/* Exact in integers once the parts are known to fit. */
	out->profit_fen = c->revenue_fen - c->product_cost_fen - out->serve_cost_fen -
			  out->late_cost_fen;
	return 0;
}

double kh_finance_late_fen_days(int64_t amount_fen, int32_t days_late)
{
	return days_late > 0 ? (double)amount_fen * (double)days_late : 0;
}

int kh_finance_clv_simple(double margin, double retention, double discount, double *out)
{
	if (!isfinite(margin) || !nonneg(retention) || !(discount > -1) || !isfinite(discount) ||
	    !(retention < 1 + discount))
		return KH_EINVAL;
	*out = margin * (1 + discount) / (1 + discount - retention);
	return 0;
}

int kh_finance_clv_horizon(double margin, double retention, double discount, unsigned periods,
			   double *out)
{
	double q;

	if (!isfinite(margin) || !nonneg(retention) || !(discount > -1) || !isfinite(discount))
		return KH_EINVAL;
	q = retention / (1 + discount);
	if (periods == 0)
		*out = 0;
	else if (q == 0)
		*out = margin;
	else if (fabs(q - 1) < 1e-12)
		*out = margin * periods;
	else
		*out = margin * -expm1((double)periods * log(q)) / (1 - q);
	return 0;
}

int kh_finance_lifetime(double retention, double *out)
{
	if (!(retention >= 0 && retention < 1))
		return KH_EINVAL;
	*out = 1 / (1 - retention);
	return 0;
}

int kh_finance_annual_sales(double customers, double retention, double tx_per_month,
			    double amount, double *out)
{
	if (!nonneg(customers) || !nonneg(retention) || !nonneg(tx_per_month) || !nonneg(amount))
		return KH_EINVAL;
	*out = customers * retention * tx_per_month * amount * 12;
	return 0;
}

int kh_finance_projected_value(double horizon, double avg_interval, double avg_amount,
			       double margin, double *out)
{
	if (!nonneg(horizon) || !(avg_interval > 0) || !isfinite(avg_interval) ||
	    !isfinite(avg_amount) || !isfinite(margin))
		return KH_EINVAL;
	*out = horizon / avg_interval * avg_amount * margin;
	return 0;
}

static bool flows_ok(const double *cf, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isfinite(cf[i]))
			return false;
	return true;
}

int kh_finance_npv(const double *cf, size_t n, double rate, double *out)
{
	double sum = 0, g;

	if (!(rate > -1) || !isfinite(rate) || !flows_ok(cf, n))
		return KH_EINVAL;
	g = log1p(rate);
	for (size_t t = 0; t < n; t++)
		sum += cf[t] * exp(-(double)t * g);
	*out = sum;
	return 0;
}

/* NPV times a positive factor, at g = log(1 + rate); see the file comment. */
static double scaled_npv(const double *cf, size_t n, double g)
{
	double sum = 0;

	for (size_t t = 0; t < n; t++)
		sum += cf[t] * exp(g >= 0 ? -(double)t * g : (double)(n - 1 - t) * g);
	return sum;
}

static void record(double g, double *best, int *found)
{
	double r = expm1(g);

	(*found)++;
	if (isnan(*best) || fabs(r) < fabs(*best))
		*best = r;
}

int kh_finance_irr(const double *cf, size_t n, double *rate, int *roots)
{
	const int steps = 400;
	const double glo = log(0.01), ghi = log(1001.0);
	double best = NAN, prev_g = glo, prev_v;
	bool any = false;
	int found = 0;

	if (n < 2 || !flows_ok(cf, n))
		return KH_EINVAL;
	for (size_t t = 0; t < n; t++)
		any |= cf[t] != 0;
	if (!any)
		return KH_ENOTFOUND;
	prev_v = scaled_npv(cf, n, glo);
	if (prev_v == 0)
		record(glo, &best, &found);
	for (int k = 1; k <= steps; k++) {
		double g = glo + (ghi - glo) * k / steps, v = scaled_npv(cf, n, g);

		if (v == 0) {
			record(g, &best, &found);
		} else if (prev_v != 0 && (prev_v < 0) != (v < 0)) {
			double lo = prev_g, hi = g, vlo = prev_v;

			/* Bisection: slow but sure, 45 halvings to 1e-13 in g. */
			while (hi - lo > 1e-13) {
				double mid = 0.5 * (lo + hi), vm = scaled_npv(cf, n, mid);

				if (vm == 0) {
					lo = hi = mid;
				} else if ((vm < 0) == (vlo < 0)) {
					lo = mid;
					vlo = vm;
				} else {
					hi = mid;
				}
			}
			record(0.5 * (lo + hi), &best, &found);
		}
		prev_g = g;
		prev_v = v;
	}
	if (!found)
		return KH_ENOTFOUND;
	*rate = best;
	if (roots)
		*roots = found;
	return 0;
}

int kh_finance_payback(const double *cf, size_t n, double rate, double *out)
{
	double cum, g;

	if (n == 0 || !(rate > -1) || !isfinite(rate) || !flows_ok(cf, n))
		return KH_EINVAL;
	g = log1p(rate);
	cum = cf[0];
	if (cum >= 0) {
		*out = 0;
		return 0;
	}
	for (size_t t = 1; t < n; t++) {
		double d = cf[t] * exp(-(double)t * g);

		if (cum + d >= 0 && d > 0) {
			*out = (double)(t - 1) + -cum / d;
			return 0;
		}
		cum += d;
	}
	return KH_ENOTFOUND;
}
