/*
 * basket.h: market-basket analysis (DOMAIN 7, Product: what sells
 * together) over transactions (orders) given as lists of item ids (product
 * ids), and the cross-sell suggestions it gives one buyer. For items a and
 * b among N transactions, with n(x) the transactions holding x:
 *
 *     support(a, b)        = n(a and b) / N
 *     confidence(a -> b)   = n(a and b) / n(a)
 *     lift(a, b)           = n(a and b) N / (n(a) n(b))
 *
 * A transaction counts an item once however many lines hold it. Pairs
 * below the minimum support are left out, and so, first, are the items
 * below it (a pair is never more frequent than either of its items). No
 * SQL, no I/O: the caller reads the orders (store/analysis/statistics.c).
 */
#ifndef KH_ANALYTICS_BASKET_H
#define KH_ANALYTICS_BASKET_H

#include <stddef.h>
#include <stdint.h>

struct kh_basket_params {
	double min_support; /* 0..1: pairs with support below this are left out */
	size_t max_pairs;   /* at most this many pairs, the highest lift first (0: all) */
};

struct kh_basket_item {
	int64_t id;
	uint32_t count; /* transactions holding it */
};

struct kh_basket_pair {
	int64_t a, b;                  /* a < b */
	uint32_t count_ab;             /* transactions holding both */
	uint32_t count_a, count_b;     /* transactions holding a, b */
	double support;                /* count_ab / N */
	double confidence_ab;          /* count_ab / count_a: of a's buyers, who bought b */
	double confidence_ba;          /* count_ab / count_b */
	double lift;                   /* count_ab N / (count_a count_b) */
};

struct kh_basket_result {
	size_t transactions;           /* N: those with at least one item */
	struct kh_basket_item *items;  /* every item, by id */
	size_t nitems;
	struct kh_basket_pair *pairs;  /* by lift, then count_ab, descending; then a, b */
	size_t npairs;
};

/* Count items and pairs of the n transactions, transaction t holding
 * items[start[t] .. start[t + 1]) (start has n + 1 entries; ids in any
 * order, repeats allowed). 0 and *out filled (release it with
 * kh_basket_result_release), KH_EINVAL for a min_support outside 0..1,
 * KH_ENOMEM. */
int kh_basket_analyse(const int64_t *items, const size_t *start, size_t n,
		      const struct kh_basket_params *p, struct kh_basket_result *out);
void kh_basket_result_release(struct kh_basket_result *r);

/* One suggestion: product, which someone who bought `because` is likely to
 * buy too. */
struct kh_basket_suggestion {
	int64_t product, because;
	uint32_t count_ab;
	double confidence; /* confidence(because -> product) */
	double lift;
	double score;      /* lift * confidence */
};

/* The items that a buyer of bought[0..nbought) has not bought and that the
 * pairs link to what they bought, each once, with its best reason (the
 * highest lift * confidence(bought item -> it)); pairs with a lift of 1 or
 * less are no reason. At most max into out, by score descending, then
 * product id; *n how many. 0 or KH_ENOMEM. */
int kh_basket_suggest(const struct kh_basket_pair *pairs, size_t npairs, const int64_t *bought,
		      size_t nbought, size_t max, struct kh_basket_suggestion *out, size_t *n);

#endif
