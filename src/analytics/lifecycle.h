/*
 * lifecycle.h: the lifecycle stage (DOMAIN 4, seed 001) and the loyalty
 * stage (seed 002) of each customer, as of a reference day. All thresholds
 * are parameters with the DOMAIN defaults. O(n), no allocation.
 *
 * Lifecycle, first rule that applies:
 *   no orders, an open opportunity      -> opportunity
 *   no orders                           -> potential (target / lead)
 *   days since last order > churned_days (730)  -> churned
 *   dormant (below)                     -> dormant
 *   one order                           -> new
 *   two or more orders                  -> repeat
 * Dormant: days since the last order > dormant_interval_factor (2) x the
 * customer's own average interval (two or more orders); or P(alive) known
 * and < dormant_p_alive (0.5); or, with one order and so no interval of its
 * own, days since that order > single_order_dormant_days (365). The last
 * rule is needed because BG/NBD gives P(alive) = 1 to every customer who
 * has not bought again, so P(alive) cannot catch a one-time buyer.
 *
 * Loyalty, first rule that applies (active = lifecycle new or repeat):
 *   no orders                                             -> potential
 *   old and ordered in >= loyal_quarters (6) of the last 8 quarters and
 *   not price-driven                                      -> loyal
 *   old: first order >= old_years (2) calendar years before today, active -> old
 *   >= regular_orders_12m (3) orders in the last 12 months -> regular
 *   first order within new_days (180) of today             -> new
 *   otherwise (bought, but none of the above)              -> occasional
 */
#ifndef KH_ANALYTICS_LIFECYCLE_H
#define KH_ANALYTICS_LIFECYCLE_H

#include <stddef.h>
#include <stdint.h>

#include "analytics/facts.h"

enum kh_lifecycle {
	KH_LIFE_POTENTIAL = 0,
	KH_LIFE_OPPORTUNITY,
	KH_LIFE_NEW,
	KH_LIFE_REPEAT,
	KH_LIFE_DORMANT,
	KH_LIFE_CHURNED,
};

enum kh_loyalty {
	KH_LOYALTY_POTENTIAL = 0,
	KH_LOYALTY_NEW,
	KH_LOYALTY_OCCASIONAL,
	KH_LOYALTY_REGULAR,
	KH_LOYALTY_OLD,
	KH_LOYALTY_LOYAL,
};

struct kh_lifecycle_params {
	double dormant_interval_factor;  /* 2 */
	double dormant_p_alive;          /* 0.5 */
	int32_t single_order_dormant_days; /* 365 */
	int32_t churned_days;            /* 730 */
	int32_t new_days;                /* 180 */
	uint32_t regular_orders_12m;     /* 3 */
	int old_years;                   /* 2 */
	uint8_t loyal_quarters;          /* 6 (of the last 8) */
};

#define KH_LIFECYCLE_PARAMS_DEFAULT \
	((struct kh_lifecycle_params){2.0, 0.5, 365, 730, 180, 3, 2, 6})

/* The stage of one customer as of today (days since 1970-01-01). */
enum kh_lifecycle kh_lifecycle_stage(const struct kh_customer_facts *c, int32_t today,
				     const struct kh_lifecycle_params *p);

/* The loyalty stage of one customer as of today; life is its lifecycle stage. */
enum kh_loyalty kh_loyalty_stage(const struct kh_customer_facts *c, enum kh_lifecycle life,
				 int32_t today, const struct kh_lifecycle_params *p);

/* Both for c[0..n) into life[0..n) and loyalty[0..n) (either may be NULL).
 * Returns 0; KH_EINVAL for negative thresholds. */
int kh_lifecycle_classify(const struct kh_customer_facts *c, size_t n, int32_t today,
			  const struct kh_lifecycle_params *p, uint8_t *life, uint8_t *loyalty);

/* The day `years` calendar years before day (29 February goes to 28 February). */
int32_t kh_lifecycle_years_before(int32_t day, int years);

/* "potential", "opportunity", "new", "repeat", "dormant", "churned"; "" if unknown. */
const char *kh_lifecycle_name(int stage);
/* "potential", "new", "occasional", "regular", "old", "loyal"; "" if unknown. */
const char *kh_loyalty_name(int stage);

#endif
