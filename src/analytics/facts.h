/*
 * facts.h: what the classifiers know about one customer, one plain struct per
 * customer in an array the caller owns (built from customer_metrics by the
 * service layer). Money is integer fen, dates are days since 1970-01-01;
 * nothing in src/analytics reads the database or the clock: "today" is always
 * a parameter.
 */
#ifndef KH_ANALYTICS_FACTS_H
#define KH_ANALYTICS_FACTS_H

#include <stdbool.h>
#include <stdint.h>

/* The date of a customer without orders. */
#define KH_NO_DATE INT32_MIN

struct kh_customer_facts {
	int64_t revenue_fen;        /* over the analysis window */
	int64_t profit_fen;         /* over the analysis window */
	int64_t avg_amount_fen;     /* mean amount per order; 0 without orders */
	double avg_interval_days;   /* mean days between consecutive order days:
				     * (last - first) / (order days - 1); NAN with < 2 */
	double p_alive;             /* BG/NBD P(alive), or NAN when not computed */
	int32_t first_order;        /* KH_NO_DATE without orders */
	int32_t last_order;         /* KH_NO_DATE without orders */
	uint32_t orders;            /* orders ever */
	uint32_t orders_12m;        /* orders in the 12 months before today */
	uint32_t open_opportunities; /* opportunities neither won nor lost */
	uint8_t quarters_active_8;  /* of the last 8 calendar quarters, how many had an order */
	bool price_driven;          /* marked by sales as buying on price alone */
};

#endif
