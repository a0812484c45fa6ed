/*
 * cohort.h: retention and churn by acquisition cohort (DOMAIN 7,
 * Persistency). A customer's cohort is the calendar year or quarter of its
 * first order; for each cohort and each later period the table counts the
 * cohort's customers who ordered in that period.
 *
 *   retention(c, k) = active(c, k) / size(c)         (k = 0 is 1 by definition)
 *   churn(c, k)     = 1 - both(c, k) / active(c, k-1)   for k >= 1
 *
 * where active(c, k) counts the customers of cohort c with an order in
 * period c + k and both(c, k) those with orders in periods c + k - 1 and
 * c + k: the share of the previous period's buyers who did not buy again.
 * Periods after the one containing as_of are not observed (NaN); the
 * period containing as_of is partial. Orders after as_of are ignored.
 * O(total orders) plus the table.
 */
#ifndef KH_ANALYTICS_COHORT_H
#define KH_ANALYTICS_COHORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum kh_cohort_period { KH_COHORT_YEAR = 0, KH_COHORT_QUARTER };

/* Most periods a table spans (a square table of them is allocated): 500
 * years, or 125 years of quarters. When the orders span more, the table holds
 * the latest KH_COHORT_MAX periods and counts the customers of older cohorts
 * in left_out. */
#define KH_COHORT_MAX 500

struct kh_cohort_table {
	enum kh_cohort_period period;
	int first;          /* period number of cohort 0: the year, or year * 4 + quarter - 1 */
	size_t ncohorts;    /* cohorts first .. first + ncohorts - 1 */
	size_t noffsets;    /* = ncohorts: offsets 0 .. ncohorts - 1 */
	uint32_t *size;     /* [ncohorts] customers acquired in the cohort */
	uint32_t *active;   /* [ncohorts * noffsets] */
	uint32_t *both;     /* [ncohorts * noffsets] */
	bool capped;        /* the orders span more than KH_COHORT_MAX periods */
	size_t left_out;    /* customers of the cohorts before first (when capped) */
};

/* Build the table from n customers whose order days (days since
 * 1970-01-01, any order, duplicates allowed) are days[start[i] ..
 * start[i + 1]), start having n + 1 entries. Customers without orders up to
 * as_of are skipped. On success *out is a new table the caller frees with
 * kh_cohort_free. Returns 0; KH_ENOTFOUND when no customer has an order
 * up to as_of; KH_EINVAL for decreasing start offsets; KH_ENOMEM. */
int kh_cohort_build(const int32_t *days, const size_t *start, size_t n, int32_t as_of,
		    enum kh_cohort_period period, struct kh_cohort_table **out);

/* Free a table; accepts NULL. */
void kh_cohort_free(struct kh_cohort_table *t);

/* retention(c, k) and churn(c, k) as defined above; NaN outside the
 * observed triangle (c + k after as_of's period), for k = 0 churn, or when
 * the denominator is 0. */
double kh_cohort_retention(const struct kh_cohort_table *t, size_t c, size_t k);
double kh_cohort_churn(const struct kh_cohort_table *t, size_t c, size_t k);

/* The cohort's label into buf: "2024" or "2024Q3". buf needs 8 bytes. */
void kh_cohort_label(const struct kh_cohort_table *t, size_t c, char buf[8]);

#endif
