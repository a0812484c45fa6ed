/*
 * grid.h: the value grid (DOMAIN 5, seed 001 table 1). Two axes per customer,
 * the average purchase interval (short / medium / long) and the average amount
 * per purchase (large / medium / small), and five tiers:
 *
 *                 interval short   medium        long
 *   amount large  Platinum         Gold          Silver
 *          medium Gold             Silver        Development
 *          small  Silver           Development   Optimise
 *
 * (the tier is the sum of the two axis ranks, best = 0). Cut points are
 * tertiles of the customers by default, or fixed values:
 * - interval: short if <= interval_short, long if > interval_long, else medium;
 * - amount: small if <= amount_small, large if > amount_large, else medium.
 * A customer with no orders has no tier (KH_GRID_NONE). A customer with one
 * order has no interval: it is placed on the long-interval column (it has not
 * come back yet, which is what a long interval means) and is left out of the
 * interval tertiles, so every customer with orders gets a tier.
 * O(n log n), two allocations of n doubles.
 */
#ifndef KH_ANALYTICS_GRID_H
#define KH_ANALYTICS_GRID_H

#include <stddef.h>
#include <stdint.h>

#include "analytics/facts.h"

enum kh_grid_tier {
	KH_GRID_NONE = 0,
	KH_GRID_PLATINUM,
	KH_GRID_GOLD,
	KH_GRID_SILVER,
	KH_GRID_DEVELOPMENT,
	KH_GRID_OPTIMISE,
};

enum kh_grid_level { KH_GRID_LOW = 0, KH_GRID_MID = 1, KH_GRID_HIGH = 2 };

/* Cut points; NAN means "the tertile of the data". */
struct kh_grid_params {
	double interval_short_days; /* intervals <= this are short */
	double interval_long_days;  /* intervals > this are long */
	double amount_small_fen;    /* amounts <= this are small */
	double amount_large_fen;    /* amounts > this are large */
};

#define KH_GRID_PARAMS_DEFAULT ((struct kh_grid_params){NAN, NAN, NAN, NAN})

struct kh_grid_result {
	uint8_t tier;           /* enum kh_grid_tier */
	uint8_t interval_level; /* 0 short, 1 medium, 2 long (also for one order) */
	uint8_t amount_level;   /* 0 small, 1 medium, 2 large */
};

/* The cut points actually used. */
struct kh_grid_cuts {
	double interval_short_days, interval_long_days;
	double amount_small_fen, amount_large_fen;
};

/* Grid c[0..n) into out[0..n), the cut points used into *cuts if not NULL.
 * When nobody has two orders the interval tertiles are undefined and every
 * customer with orders is long. Returns 0; KH_EINVAL when fixed cuts are
 * not ordered (short > long or small > large); KH_ENOMEM. */
int kh_grid_classify(const struct kh_customer_facts *c, size_t n, const struct kh_grid_params *p,
		     struct kh_grid_result *out, struct kh_grid_cuts *cuts);

/* The tier of an amount level (0 small .. 2 large) and an interval level
 * (0 short .. 2 long). */
enum kh_grid_tier kh_grid_tier_of(int amount_level, int interval_level);

/* "platinum", "gold", "silver", "development", "optimise", or "" for none. */
const char *kh_grid_name(int tier);

#endif
