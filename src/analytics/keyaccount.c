/*
 * keyaccount.c: slipping key accounts and key-account candidates (see
 * keyaccount.h). The reason strings are a table by mask, so callers can
 * store them without owning a buffer.
 */
#include "analytics/keyaccount.h"

#include <math.h>

#include "base/banned.h"

unsigned kh_keyaccount_slipping(const struct kh_keyaccount_input *in,
				const struct kh_keyaccount_params *p)
{
	unsigned mask = 0;

	if (!in->key_account)
		return 0;
	/* in double: fen sums are far below 2^53 in any real book */
	if (in->revenue_prev_12m_fen > 0 &&
	    (double)(in->revenue_prev_12m_fen - in->revenue_12m_fen) >
		p->slip_drop * (double)in->revenue_prev_12m_fen)
		mask |= KH_SLIP_REVENUE_DROP;
	if (!isnan(in->p_alive) && in->p_alive < p->dormant_p_alive)
		mask |= KH_SLIP_LOW_P_ALIVE;
	if (in->lost_opportunities_12m > 0)
		mask |= KH_SLIP_LOST_OPPORTUNITY;
	return mask;
}

const char *kh_keyaccount_reason_codes(unsigned mask)
{
	static const char *const codes[8] = {
	    NULL,
	    "revenue_drop",
	    "low_p_alive",
	    "revenue_drop,low_p_alive",
	    "lost_opportunity",
	    "revenue_drop,lost_opportunity",
	    "low_p_alive,lost_opportunity",
	    "revenue_drop,low_p_alive,lost_opportunity",
	};

	return codes[mask & 7u];
}

bool kh_keyaccount_candidate(bool key_account, enum kh_abc_class count_class,
			     enum kh_loyalty loyalty)
{
	return !key_account && count_class == KH_ABC_A &&
	       (loyalty == KH_LOYALTY_REGULAR || loyalty == KH_LOYALTY_OLD ||
		loyalty == KH_LOYALTY_LOYAL);
}
