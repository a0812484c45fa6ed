/*
 * abc.h: ABC classification (DOMAIN 5) by cumulative share of value and by
 * count, and the Pareto curve. Values are integer fen (profit or sales over
 * the window, as the caller chooses).
 *
 * The exact rules, so that two implementations agree:
 * - Customers are ranked by value, largest first; equal values are ranked
 *   together and always get the same class.
 * - Only positive values count: the total V is the sum of the positive
 *   values; a customer with a value <= 0 is always C (it adds nothing to the
 *   share), in both methods. If V = 0 everybody is C.
 * - By share: walking down the ranking, a customer (or a group of equal
 *   values) is A if the share made by the customers ranked strictly above it
 *   is below a_share, B if it is below b_share, else C. So the customer that
 *   crosses the 50% line is A: A is the smallest top set reaching 50%, and it
 *   is never empty when V > 0. A tie group that straddles a line takes the
 *   better class as a whole.
 * - By count: among all n customers, the first ceil(count_a * n) ranks are A,
 *   up to ceil((count_a + count_b) * n) B, the rest C; a tie group takes the
 *   class of its first rank; values <= 0 are C.
 * Complexity O(n log n) (one sort), one allocation of n (value, index) pairs.
 */
#ifndef KH_ANALYTICS_ABC_H
#define KH_ANALYTICS_ABC_H

#include <stddef.h>
#include <stdint.h>

enum kh_abc_class { KH_ABC_A = 0, KH_ABC_B = 1, KH_ABC_C = 2 };

struct kh_abc_params {
	double a_share; /* by share: 0 < a_share <= b_share <= 1 (default 0.50) */
	double b_share; /* (default 0.80) */
	double count_a; /* by count: 0 <= count_a, count_a + count_b <= 1 (default 0.05) */
	double count_b; /* (default 0.15) */
};

#define KH_ABC_PARAMS_DEFAULT ((struct kh_abc_params){0.50, 0.80, 0.05, 0.15})

struct kh_abc_summary {
	size_t count[3];    /* customers per class */
	double value[3];    /* sum of the positive values per class, fen */
	double share[3];    /* value[k] / total (0 when total is 0) */
	double total;       /* sum of the positive values */
};

/* Classify values[0..n) by cumulative share into cls[0..n) (enum
 * kh_abc_class), with the totals in *sum if not NULL. Returns 0; KH_EINVAL
 * for bad shares; KH_ENOMEM. cls and sum are written only on success. */
int kh_abc_by_share(const int64_t *values, size_t n, const struct kh_abc_params *p,
		    uint8_t *cls, struct kh_abc_summary *sum);

/* Classify by count (top count_a, next count_b, rest); same contract. */
int kh_abc_by_count(const int64_t *values, size_t n, const struct kh_abc_params *p,
		    uint8_t *cls, struct kh_abc_summary *sum);

struct kh_pareto_point {
	double customers; /* share of customers, ranked by value, 0..1 */
	double value;     /* share of the positive total they make, 0..1 */
};

/* The Pareto (Lorenz-type) curve at points + 1 evenly spaced customer shares
 * 0, 1/points, ..., 1 into out[0..points]: at share s, the top ceil(s n - 1e-9)
 * customers' positive values over the positive total. Concave, from (0, 0) to
 * (1, 1) (or flat 0 when the total is 0). Returns 0; KH_EINVAL for points =
 * 0; KH_ENOMEM. */
int kh_abc_pareto(const int64_t *values, size_t n, size_t points, struct kh_pareto_point *out);

/* "A", "B", "C" (or "?" for anything else). */
const char *kh_abc_name(int cls);

#endif
