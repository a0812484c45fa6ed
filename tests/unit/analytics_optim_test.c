/* analytics_optim_test.c: BFGS and Nelder-Mead on functions whose minimum
 * is known: a convex quadratic, Rosenbrock's valley, and a domain edge. */
#include "test.h"

#include <math.h>

#include "analytics/optim.h"
#include "base/error.h"

/* f = sum_i (i + 1) (x_i - i)^2, minimum 0 at x_i = i */
static double quadratic(const double *x, double *g, void *ctx)
{
	int *dim = ctx;
	double f = 0;

	for (int i = 0; i < *dim; i++) {
		f += (i + 1) * (x[i] - i) * (x[i] - i);
		if (g)
			g[i] = 2 * (i + 1) * (x[i] - i);
	}
	return f;
}

/* Rosenbrock: (1 - x)^2 + 100 (y - x^2)^2, minimum 0 at (1, 1) */
static double rosenbrock(const double *x, double *g, void *ctx)
{
	double a = 1 - x[0], b = x[1] - x[0] * x[0];

	if (g) {
		g[0] = -2 * a - 400 * x[0] * b;
		g[1] = 200 * b;
	}
	return a * a + 100 * b * b;
}

/* x - log(x): minimum 1 at x = 1, undefined for x <= 0 (steps there must be
 * refused and retried). */
static double edge(const double *x, double *g, void *ctx)
{
	if (!(x[0] > 0))
		return INFINITY;
	if (g)
		g[0] = 1 - 1 / x[0];
	return x[0] - log(x[0]);
}

static void bfgs_quadratic(void **state)
{
	int dim = 6;
	struct kh_optim_problem p = {dim, quadratic, true, &dim};
	struct kh_optim_result r;
	double x[6] = {0};

	assert_int_equal(kh_optim_bfgs(&p, x, NULL, &r), 0);
	assert_true(r.converged);
	for (int i = 0; i < dim; i++)
		assert_true(fabs(x[i] - i) < 1e-8);
	assert_true(r.fmin < 1e-15);
	/* a quadratic in 6 dimensions needs few iterations */
	assert_true(r.iterations < 40);
}

static void bfgs_rosenbrock(void **state)
{
	struct kh_optim_problem p = {2, rosenbrock, true, NULL};
	struct kh_optim_result r;
	double x[2] = {-1.2, 1};

	assert_int_equal(kh_optim_bfgs(&p, x, NULL, &r), 0);
	assert_true(r.converged);
	assert_true(fabs(x[0] - 1) < 1e-6 && fabs(x[1] - 1) < 1e-6);
	/* the same with central differences instead of the gradient */
	p.has_grad = false;
	x[0] = -1.2, x[1] = 1;
	assert_int_equal(kh_optim_bfgs(&p, x, NULL, &r), 0);
	assert_true(fabs(x[0] - 1) < 1e-5 && fabs(x[1] - 1) < 1e-5);
}

static void nelder_mead_rosenbrock(void **state)
{
	struct kh_optim_problem p = {2, rosenbrock, false, NULL};
	struct kh_optim_options o = {.max_evals = 5000};
	struct kh_optim_result r;
	double x[2] = {-1.2, 1};

	assert_int_equal(kh_optim_nelder_mead(&p, x, &o, &r), 0);
	assert_true(r.converged);
	assert_true(fabs(x[0] - 1) < 1e-6 && fabs(x[1] - 1) < 1e-6);
	assert_true(r.evals <= 5000);
	assert_true(isnan(r.gnorm));
}

static void steps_back_from_the_edge(void **state)
{
	struct kh_optim_problem p = {1, edge, true, NULL};
	struct kh_optim_result r;
	double x[1] = {20};

	/* the first step, x - H g = 20 - 0.95, is fine; later ones overshoot
	 * into x <= 0 and must be halved */
	assert_int_equal(kh_optim_bfgs(&p, x, NULL, &r), 0);
	assert_true(fabs(x[0] - 1) < 1e-8);
	x[0] = 20;
	assert_int_equal(kh_optim_nelder_mead(&p, x, NULL, &r), 0);
	assert_true(fabs(x[0] - 1) < 1e-6);
}

static void bad_problems(void **state)
{
	struct kh_optim_problem p = {1, edge, true, NULL};
	struct kh_optim_result r;
	double x[1] = {-1};

	/* the start outside the domain */
	assert_int_equal(kh_optim_bfgs(&p, x, NULL, &r), KH_EINVAL);
	assert_int_equal(kh_optim_nelder_mead(&p, x, NULL, &r), KH_EINVAL);
	assert_true(x[0] == -1);
	p.dim = 0;
	assert_int_equal(kh_optim_bfgs(&p, x, NULL, &r), KH_EINVAL);
	p.dim = KH_OPTIM_MAX_DIM + 1;
	assert_int_equal(kh_optim_nelder_mead(&p, x, NULL, &r), KH_EINVAL);
}

static void budget_is_respected(void **state)
{
	struct kh_optim_problem p = {2, rosenbrock, true, NULL};
	struct kh_optim_options o = {.max_evals = 10};
	struct kh_optim_result r;
	double x[2] = {-1.2, 1};

	assert_int_equal(kh_optim_bfgs(&p, x, &o, &r), 0);
	assert_false(r.converged);
	/* the line search may finish its current trial */
	assert_true(r.evals <= 12);
	/* still no worse than the start (f = 24.2) */
	assert_true(r.fmin <= 24.2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bfgs_quadratic),
		cmocka_unit_test(bfgs_rosenbrock),
		cmocka_unit_test(nelder_mead_rosenbrock),
		cmocka_unit_test(steps_back_from_the_edge),
		cmocka_unit_test(bad_problems),
		cmocka_unit_test(budget_is_respected),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
