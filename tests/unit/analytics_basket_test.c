/* analytics_basket_test.c: pair support, confidence and lift, and the
 * cross-sell suggestions, against a basket set computed by hand (the nine
 * transactions of Han & Kamber's Apriori example). */
#include "test.h"

#include <math.h>

#include "analytics/basket.h"
#include "base/error.h"

/* T1 {1,2,5} (given as 5 1 2 1: repeats count once), T2 {2,4}, T3 {2,3},
 * T4 {1,2,4}, T5 {1,3}, T6 {2,3}, T7 {1,3}, T8 {1,2,3,5}, T9 {1,2,3}, and
 * an empty T10 that is no transaction. Items: n(1) = 6, n(2) = 7,
 * n(3) = 6, n(4) = 2, n(5) = 2. Pairs: {1,2} 4, {1,3} 4, {2,3} 4, {1,5} 2,
 * {2,4} 2, {2,5} 2, {1,4} 1, {3,5} 1. */
static const int64_t items[] = {5, 1, 2, 1, 2, 4, 2, 3, 1, 2, 4, 1, 3, 2, 3,
				1, 3, 1, 2, 3, 5, 1, 2, 3};
static const size_t start[] = {0, 4, 6, 8, 11, 13, 15, 17, 21, 24, 24};

#define NEAR(x, y) (fabs((x) - (y)) < 1e-12)

static void pairs_by_hand(void **state)
{
	struct kh_basket_params p = {.min_support = 0.22, .max_pairs = 0};
	struct kh_basket_result r;
	const struct kh_basket_pair *q;

	assert_int_equal(kh_basket_analyse(items, start, 10, &p, &r), 0);
	assert_int_equal(r.transactions, 9);
	assert_int_equal(r.nitems, 5);
	assert_true(r.items[0].id == 1 && r.items[0].count == 6);
	assert_true(r.items[1].id == 2 && r.items[1].count == 7);
	assert_true(r.items[4].id == 5 && r.items[4].count == 2);
	/* support >= 0.22 of 9 = 1.98: the six pairs bought together twice or
	 * more, by lift: {1,5} 2*9/(6*2) = 1.5; {2,4} and {2,5} 18/14; {1,3}
	 * 36/36 = 1; {1,2} and {2,3} 36/42. */
	assert_int_equal(r.npairs, 6);
	q = &r.pairs[0];
	assert_true(q->a == 1 && q->b == 5 && q->count_ab == 2);
	assert_true(q->count_a == 6 && q->count_b == 2);
	assert_true(NEAR(q->support, 2.0 / 9) && NEAR(q->lift, 1.5));
	assert_true(NEAR(q->confidence_ab, 2.0 / 6) && NEAR(q->confidence_ba, 1.0));
	assert_true(r.pairs[1].a == 2 && r.pairs[1].b == 4 && NEAR(r.pairs[1].lift, 18.0 / 14));
	assert_true(NEAR(r.pairs[1].confidence_ab, 2.0 / 7));
	assert_true(r.pairs[2].a == 2 && r.pairs[2].b == 5);
	assert_true(r.pairs[3].a == 1 && r.pairs[3].b == 3 && NEAR(r.pairs[3].lift, 1.0));
	assert_true(NEAR(r.pairs[3].support, 4.0 / 9) && NEAR(r.pairs[3].confidence_ab, 4.0 / 6));
	assert_true(r.pairs[4].a == 1 && r.pairs[4].b == 2 && NEAR(r.pairs[4].lift, 36.0 / 42));
	assert_true(r.pairs[5].a == 2 && r.pairs[5].b == 3);
	kh_basket_result_release(&r);

	/* Every pair with support 0; the two bought once come last. */
	p.min_support = 0;
	assert_int_equal(kh_basket_analyse(items, start, 10, &p, &r), 0);
	assert_int_equal(r.npairs, 8);
	kh_basket_result_release(&r);

	/* At most two. */
	p.max_pairs = 2;
	assert_int_equal(kh_basket_analyse(items, start, 10, &p, &r), 0);
	assert_int_equal(r.npairs, 2);
	assert_true(r.pairs[0].a == 1 && r.pairs[0].b == 5);
	kh_basket_result_release(&r);
}

static void min_support_prunes_items(void **state)
{
	struct kh_basket_params p = {.min_support = 0.3, .max_pairs = 0};
	struct kh_basket_result r;

	/* 0.3 of 9 = 2.7: items 4 and 5 (2 each) go, and with them every pair
	 * of theirs; {1,3} (lift 1) before {1,2} and {2,3} (36/42). */
	assert_int_equal(kh_basket_analyse(items, start, 10, &p, &r), 0);
	assert_int_equal(r.npairs, 3);
	assert_true(r.pairs[0].a == 1 && r.pairs[0].b == 3);
	assert_true(r.pairs[1].a == 1 && r.pairs[1].b == 2);
	assert_true(r.pairs[2].a == 2 && r.pairs[2].b == 3);
	kh_basket_result_release(&r);

	/* 4/9 exactly keeps the pairs of 4. */
	p.min_support = 4.0 / 9;
	assert_int_equal(kh_basket_analyse(items, start, 10, &p, &r), 0);
	assert_int_equal(r.npairs, 3);
	kh_basket_result_release(&r);

	p.min_support = 1.5;
	assert_int_equal(kh_basket_analyse(items, start, 10, &p, &r), KH_EINVAL);
	p.min_support = NAN;
	assert_int_equal(kh_basket_analyse(items, start, 10, &p, &r), KH_EINVAL);
	/* Nothing at all. */
	p.min_support = 0;
	assert_int_equal(kh_basket_analyse(items, start, 0, &p, &r), 0);
	assert_true(r.transactions == 0 && r.nitems == 0 && r.npairs == 0);
	kh_basket_result_release(&r);
	/* Nothing, as a database without orders hands it over: no arrays. */
	{
		const size_t none[] = {0};

		assert_int_equal(kh_basket_analyse(NULL, none, 0, &p, &r), 0);
		assert_true(r.transactions == 0 && r.nitems == 0 && r.npairs == 0);
		kh_basket_result_release(&r);
	}
}

static void suggestions_by_hand(void **state)
{
	struct kh_basket_params p = {.min_support = 0.22, .max_pairs = 0};
	struct kh_basket_result r;
	struct kh_basket_suggestion s[8];
	size_t n;
	const int64_t five[] = {5}, one_four[] = {4, 1, 4}, two[] = {2};

	assert_int_equal(kh_basket_analyse(items, start, 10, &p, &r), 0);
	/* Bought 5: 1 (confidence 5->1 = 1, lift 1.5, score 1.5), then 2
	 * (confidence 1, lift 18/14). */
	assert_int_equal(kh_basket_suggest(r.pairs, r.npairs, five, 1, 8, s, &n), 0);
	assert_int_equal(n, 2);
	assert_true(s[0].product == 1 && s[0].because == 5 && NEAR(s[0].score, 1.5));
	assert_true(NEAR(s[0].confidence, 1.0) && NEAR(s[0].lift, 1.5) && s[0].count_ab == 2);
	assert_true(s[1].product == 2 && s[1].because == 5 && NEAR(s[1].score, 18.0 / 14));
	/* Bought 1 and 4: 2 because of 4 (1 * 18/14) beats 2 because of 1
	 * (lift 36/42 <= 1 is no reason); 5 because of 1 (2/6 * 1.5 = 0.5);
	 * 3 only through {1,3}, lift 1: none. */
	assert_int_equal(kh_basket_suggest(r.pairs, r.npairs, one_four, 3, 8, s, &n), 0);
	assert_int_equal(n, 2);
	assert_true(s[0].product == 2 && s[0].because == 4 && NEAR(s[0].score, 18.0 / 14));
	assert_true(s[1].product == 5 && s[1].because == 1 && NEAR(s[1].score, 0.5));
	/* Bought 2: 4 and 5 tie at 2/7 * 18/7 = 18/49, by product id; max 1. */
	assert_int_equal(kh_basket_suggest(r.pairs, r.npairs, two, 1, 8, s, &n), 0);
	assert_int_equal(n, 2);
	assert_true(s[0].product == 4 && s[1].product == 5 && NEAR(s[0].score, 18.0 / 49));
	assert_int_equal(kh_basket_suggest(r.pairs, r.npairs, two, 1, 1, s, &n), 0);
	assert_int_equal(n, 1);
	/* Bought nothing: nothing to go on. */
	assert_int_equal(kh_basket_suggest(r.pairs, r.npairs, two, 0, 8, s, &n), 0);
	assert_int_equal(n, 0);
	kh_basket_result_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pairs_by_hand),
		cmocka_unit_test(min_support_prunes_items),
		cmocka_unit_test(suggestions_by_hand),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
