/* analytics_properties_test.c: the properties issue 4 asks of the
 * classifiers taken together, on one random population of customer facts as
 * `kehu analyze` builds them (some without orders, some with one order, ties
 * and losses): ABC by share and by count partition the customers and their
 * value shares add up to 1; a customer without orders is "potential" (or
 * "opportunity" with an open opportunity), C, without grid tier, RFM 0 and
 * in no quadrant; every customer with orders has a grid tier and RFM scores
 * 1..5 that never fall as the metric rises. */
#include "test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/abc.h"
#include "analytics/grid.h"
#include "analytics/lifecycle.h"
#include "analytics/quadrant.h"
#include "analytics/rfm.h"
#include "base/parse.h"
#include "base/rng.h"

enum { N = 4000 };

static struct kh_customer_facts c[N];
static int64_t value[N];
static int32_t today;

/* A population like the demo's: a fifth without orders (some with open
 * opportunities), a quarter with one order, long-tailed amounts, and a few
 * loss-makers. */
static int setup(void **state)
{
	struct kh_rng rng;

	today = kh_days_from_civil(2026, 6, 30);
	kh_rng_seed(&rng, 404);
	for (int i = 0; i < N; i++) {
		struct kh_customer_facts *f = &c[i];
		double u = kh_rng_uniform(&rng);

		memset(f, 0, sizeof(*f));
		f->p_alive = NAN;
		f->avg_interval_days = NAN;
		f->first_order = f->last_order = KH_NO_DATE;
		if (u < 0.2) {
			f->open_opportunities = (uint32_t)kh_rng_range(&rng, 0, 1);
			value[i] = 0;
			continue;
		}
		f->orders = u < 0.45 ? 1 : (uint32_t)kh_rng_range(&rng, 2, 40);
		f->first_order = today - (int32_t)kh_rng_range(&rng, 0, 2000);
		f->last_order =
		    f->orders == 1
			? f->first_order
			: f->first_order + (int32_t)kh_rng_range(&rng, 0, today - f->first_order);
		if (f->orders >= 2 && f->last_order > f->first_order)
			f->avg_interval_days =
			    (double)(f->last_order - f->first_order) / (f->orders - 1);
		f->avg_amount_fen = (int64_t)(kh_rng_exponential(&rng, 1) * 100000) + 100;
		f->revenue_fen = today - f->last_order < 365 ? f->avg_amount_fen * f->orders : 0;
		f->profit_fen = f->revenue_fen * (int64_t)kh_rng_range(&rng, -10, 40) / 100;
		f->orders_12m = today - f->last_order < 365 ? f->orders / 2 + 1 : 0;
		f->quarters_active_8 = (uint8_t)kh_rng_range(&rng, 0, 8);
		if (i % 37 == 0) {
			f->profit_fen = 123456; /* a tie group */
			f->revenue_fen = 500000;
		}
		value[i] = f->profit_fen;
	}
	return 0;
}

static void abc_partitions_and_shares_add_up(void **state)
{
	static uint8_t cls[N];
	const struct kh_abc_params p = KH_ABC_PARAMS_DEFAULT;
	struct kh_abc_summary s;

	for (int method = 0; method < 2; method++) {
		size_t seen[3] = {0};
		double positive = 0;

		memset(cls, 0xff, sizeof(cls));
		assert_int_equal(method ? kh_abc_by_count(value, N, &p, cls, &s)
					: kh_abc_by_share(value, N, &p, cls, &s),
				 0);
		for (int i = 0; i < N; i++) {
			/* every customer in exactly one class */
			assert_true(cls[i] <= KH_ABC_C);
			seen[cls[i]]++;
			if (c[i].orders == 0 || value[i] <= 0)
				assert_int_equal(cls[i], KH_ABC_C);
			if (value[i] > 0)
				positive += (double)value[i];
		}
		for (int k = 0; k < 3; k++)
			assert_int_equal(seen[k], s.count[k]);
		assert_int_equal(s.count[0] + s.count[1] + s.count[2], N);
		assert_true(s.total == positive);
		assert_true(fabs(s.share[0] + s.share[1] + s.share[2] - 1) < 1e-12);
	}
}

static void no_orders_is_potential_everywhere(void **state)
{
	static uint8_t life[N], loyalty[N], q[N];
	static struct kh_grid_result g[N];
	static struct kh_rfm r[N];
	static double x[N], y[N];
	const struct kh_lifecycle_params lp = KH_LIFECYCLE_PARAMS_DEFAULT;
	const struct kh_grid_params gp = KH_GRID_PARAMS_DEFAULT;
	const struct kh_axis_cut median = {KH_CUT_MEDIAN, 0};
	size_t without = 0;

	assert_int_equal(kh_lifecycle_classify(c, N, today, &lp, life, loyalty), 0);
	assert_int_equal(kh_grid_classify(c, N, &gp, g, NULL), 0);
	assert_int_equal(kh_rfm_score(c, N, r), 0);
	/* the value x loyalty matrix as analyze feeds it: NaN without orders */
	for (int i = 0; i < N; i++) {
		x[i] = c[i].orders ? (double)c[i].profit_fen : NAN;
		y[i] = c[i].orders ? c[i].quarters_active_8 : NAN;
	}
	assert_int_equal(kh_quadrant_split(x, y, N, &median, &median, q, NULL, NULL), 0);
	for (int i = 0; i < N; i++) {
		if (c[i].orders)
			continue;
		without++;
		assert_int_equal(life[i],
				 c[i].open_opportunities ? KH_LIFE_OPPORTUNITY : KH_LIFE_POTENTIAL);
		assert_int_equal(loyalty[i], KH_LOYALTY_POTENTIAL);
		assert_int_equal(g[i].tier, KH_GRID_NONE);
		assert_true(r[i].r == 0 && r[i].f == 0 && r[i].m == 0);
		assert_int_equal(q[i], KH_QUAD_NONE);
	}
	assert_true(without > N / 10);
	/* and the reverse: potential means no orders */
	for (int i = 0; i < N; i++)
		if (loyalty[i] == KH_LOYALTY_POTENTIAL || life[i] <= KH_LIFE_OPPORTUNITY)
			assert_int_equal(c[i].orders, 0);
}

static void every_buyer_has_a_tier_and_scores(void **state)
{
	static struct kh_grid_result g[N];
	static struct kh_rfm r[N];
	const struct kh_grid_params tertiles = KH_GRID_PARAMS_DEFAULT;
	const struct kh_grid_params fixed = {30, 90, 20000, 80000};
	size_t per[6] = {0};

	for (int k = 0; k < 2; k++) {
		assert_int_equal(kh_grid_classify(c, N, k ? &fixed : &tertiles, g, NULL), 0);
		for (int i = 0; i < N; i++) {
			assert_true((c[i].orders > 0) == (g[i].tier != KH_GRID_NONE));
			assert_true(g[i].tier <= KH_GRID_OPTIMISE);
			if (c[i].orders) {
				/* the tier is the table's cell of the two levels */
				assert_int_equal(g[i].tier, kh_grid_tier_of(g[i].amount_level,
									    g[i].interval_level));
				assert_true(*kh_grid_name(g[i].tier) != '\0');
			}
			per[g[i].tier]++;
		}
	}
	for (int t = KH_GRID_PLATINUM; t <= KH_GRID_OPTIMISE; t++)
		assert_true(per[t] > 0);
	assert_int_equal(kh_rfm_score(c, N, r), 0);
	for (int i = 0; i < N; i++) {
		if (!c[i].orders)
			continue;
		assert_true(r[i].r >= 1 && r[i].r <= 5 && r[i].f >= 1 && r[i].f <= 5 &&
			    r[i].m >= 1 && r[i].m <= 5);
		for (int j = 0; j < N; j += 53) {
			if (!c[j].orders)
				continue;
			if (c[j].last_order > c[i].last_order)
				assert_true(r[j].r >= r[i].r);
			if (c[j].orders > c[i].orders)
				assert_true(r[j].f >= r[i].f);
			if (c[j].revenue_fen > c[i].revenue_fen)
				assert_true(r[j].m >= r[i].m);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(abc_partitions_and_shares_add_up),
	    cmocka_unit_test(no_orders_is_potential_everywhere),
	    cmocka_unit_test(every_buyer_has_a_tier_and_scores),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
