/* analytics_fit_test.c: the multi-start driver keeps the best of its
 * starts, and refuses when no start is inside the domain. */
#include "test.h"

#include <math.h>

#include "analytics/fit.h"
#include "base/error.h"

/* (x^2 - 1)^2 + 0.3 x: a local minimum near x = 0.96 (f = 0.29) and the
 * global one near x = -1.04 (f = -0.31) */
static double two_wells(const double *x, double *g, void *ctx)
{
	double u = x[0] * x[0] - 1;

	if (!(fabs(x[0]) < 10))
		return INFINITY;
	if (g)
		g[0] = 4 * x[0] * u + 0.3;
	return u * u + 0.3 * x[0];
}

static void keeps_the_best_start(void **state)
{
	struct kh_optim_problem p = {1, two_wells, true, NULL};
	const double starts[2][KH_OPTIM_MAX_DIM] = {{2}, {-2}};
	struct kh_fit_report rep = {0};
	double best[KH_OPTIM_MAX_DIM];

	assert_int_equal(kh_fit_multistart(&p, starts, 2, best, &rep), 0);
	/* the stationary point solves 4x^3 - 4x + 0.3 = 0: x = -1.0363 */
	assert_true(fabs(4 * best[0] * best[0] * best[0] - 4 * best[0] + 0.3) < 1e-6);
	assert_true(best[0] < -1);
	assert_true(rep.converged);
	assert_true(rep.evals > 2);
	/* a start outside the domain is skipped; all outside is an error */
	{
		const double bad[2][KH_OPTIM_MAX_DIM] = {{50}, {0.9}};
		const double worse[1][KH_OPTIM_MAX_DIM] = {{50}};

		assert_int_equal(kh_fit_multistart(&p, bad, 2, best, &rep), 0);
		assert_true(best[0] > 0.9 && best[0] < 1);
		assert_int_equal(kh_fit_multistart(&p, worse, 1, best, &rep), KH_EINVAL);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keeps_the_best_start),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
