/*
 * keyaccount.h: key accounts (重点客户, DOMAIN 5, seed 003/004): the flag
 * for a key account that is slipping (to a competitor, or losing demand)
 * and the non-key customers that look like key accounts. Pure functions,
 * no allocation.
 *
 * A key account is slipping when any of these holds (each a reason):
 *   revenue_drop      the revenue of the last 12 months is down by more
 *                     than slip_drop (0.3) against the 12 months before:
 *                     prev > 0 and prev - last > slip_drop x prev;
 *   low_p_alive       P(alive) is known and below dormant_p_alive (0.5, the
 *                     lifecycle setting);
 *   lost_opportunity  an opportunity was lost in the last 12 months.
 * A customer not marked key_account never slips.
 *
 * A key-account candidate is a customer not marked key_account, in class A
 * of the ABC split by count, whose loyalty stage is regular, old or loyal.
 */
#ifndef KH_ANALYTICS_KEYACCOUNT_H
#define KH_ANALYTICS_KEYACCOUNT_H

#include <stdbool.h>
#include <stdint.h>

#include "analytics/abc.h"
#include "analytics/lifecycle.h"

/* The reasons, as bits of the mask kh_keyaccount_slipping returns. */
#define KH_SLIP_REVENUE_DROP 1u
#define KH_SLIP_LOW_P_ALIVE 2u
#define KH_SLIP_LOST_OPPORTUNITY 4u

struct kh_keyaccount_params {
	double slip_drop;	/* keyaccount.slip_drop, 0..1 (0.3) */
	double dormant_p_alive; /* lifecycle.dormant_p_alive (0.5) */
};

#define KH_KEYACCOUNT_PARAMS_DEFAULT ((struct kh_keyaccount_params){0.3, 0.5})

struct kh_keyaccount_input {
	bool key_account;
	int64_t revenue_12m_fen, revenue_prev_12m_fen; /* last 12 months, the 12 before */
	double p_alive;				       /* NAN = unknown */
	uint32_t lost_opportunities_12m;
};

/* The reasons a customer is slipping (0 = not slipping, always 0 for a
 * customer that is not a key account). */
unsigned kh_keyaccount_slipping(const struct kh_keyaccount_input *in,
				const struct kh_keyaccount_params *p);

/* The reasons as comma-separated codes in bit order, e.g.
 * "revenue_drop,lost_opportunity": a static string; NULL for 0. */
const char *kh_keyaccount_reason_codes(unsigned mask);

/* Whether a customer is a key-account candidate (see above). */
bool kh_keyaccount_candidate(bool key_account, enum kh_abc_class count_class,
			     enum kh_loyalty loyalty);

#endif
