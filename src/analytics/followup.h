/*
 * followup.h: conversion by number of follow-ups (DOMAIN 3, seed 003: "2% of
 * sales close at the first contact, 3% after the first follow-up, 5% after
 * the second, 10% after the 4th-11th"). Opportunities are grouped into
 * buckets of follow-up counts; per bucket: how many were decided, how many
 * won, the conversion rate won / decided, and the bucket's share of all
 * wins (the figure the seed quotes). Open opportunities count in `open` only:
 * they have not converted yet, nor failed to. O(n + buckets).
 */
#ifndef KH_ANALYTICS_FOLLOWUP_H
#define KH_ANALYTICS_FOLLOWUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct kh_opportunity_fact {
	uint32_t followups; /* follow-ups after the first contact */
	bool closed;        /* won or lost */
	bool won;
};

struct kh_followup_bucket {
	uint32_t from;          /* follow-ups from (inclusive) ... */
	uint32_t to;            /* ... to (inclusive); UINT32_MAX for the open-ended last */
	size_t open, decided, won;
	double conversion;      /* won / decided, NaN when none decided */
	double share_of_wins;   /* won / all won, NaN when nothing was won */
};

/* The seed's buckets: 0, 1, 2, 3, 4-11, 12 and more. */
#define KH_FOLLOWUP_DEFAULT_BOUNDS {0, 1, 2, 3, 4, 12}
#define KH_FOLLOWUP_DEFAULT_NBOUNDS 6

/* Bucket opp[0..n) by the lower bounds lower[0..nb) (strictly increasing,
 * lower[0] = 0; bucket j is lower[j] .. lower[j+1] - 1, the last is open
 * ended) into out[0..nb). A won flag on an opportunity not closed counts as
 * closed. Returns 0; KH_EINVAL for bad bounds. */
int kh_followup_conversion(const struct kh_opportunity_fact *opp, size_t n,
			   const uint32_t *lower, size_t nb, struct kh_followup_bucket *out);

#endif
