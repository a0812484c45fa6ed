/*
 * followup.c: conversion by number of follow-ups (see followup.h). Buckets
 * are found by binary search over the bounds, so custom tables of many
 * buckets cost no more than the default six.
 */
#include "analytics/followup.h"

#include <math.h>

#include "base/error.h"
#include "base/banned.h"

int kh_followup_conversion(const struct kh_opportunity_fact *opp, size_t n,
			   const uint32_t *lower, size_t nb, struct kh_followup_bucket *out)
{
	size_t won_all = 0;

	if (nb == 0 || lower[0] != 0)
		return KH_EINVAL;
	for (size_t j = 1; j < nb; j++)
		if (lower[j] <= lower[j - 1])
			return KH_EINVAL;
	for (size_t j = 0; j < nb; j++)
		out[j] = (struct kh_followup_bucket){
			.from = lower[j], .to = j + 1 < nb ? lower[j + 1] - 1 : UINT32_MAX};
	for (size_t i = 0; i < n; i++) {
		size_t lo = 0, hi = nb;

		/* the last bound <= followups */
		while (hi - lo > 1) {
			size_t mid = (lo + hi) / 2;

			if (lower[mid] <= opp[i].followups)
				lo = mid;
			else
				hi = mid;
		}
		if (opp[i].won) {
			out[lo].decided++;
			out[lo].won++;
			won_all++;
		} else if (opp[i].closed) {
			out[lo].decided++;
		} else {
			out[lo].open++;
		}
	}
	for (size_t j = 0; j < nb; j++) {
		out[j].conversion = out[j].decided ? (double)out[j].won / (double)out[j].decided : NAN;
		out[j].share_of_wins = won_all ? (double)out[j].won / (double)won_all : NAN;
	}
	return 0;
}
