/*
 * special.h: the special functions the probabilistic models need, written for
 * their numerical corner cases rather than for speed alone: log-gamma with the
 * sign for negative arguments, digamma, log-sum-exp, and the Gaussian
 * hypergeometric function 2F1 on [0, 1) with a convergence check.
 */
#ifndef KH_ANALYTICS_SPECIAL_H
#define KH_ANALYTICS_SPECIAL_H

/* log Gamma(x) for x > 0. Thread-safe, unlike lgamma(), which writes the
 * global signgam: analyze predicts on several threads at once. */
double kh_special_lgamma(double x);

/* log|Gamma(x)| and the sign of Gamma(x) in *sign (+1 or -1). At the poles
 * (x = 0, -1, -2, ...) returns +INFINITY with *sign = 0, so that callers can
 * treat 1/Gamma(x) as 0 there. Thread-safe: does not read signgam. */
double kh_special_lgamma_sign(double x, int *sign);

/* The digamma function psi(x) = d/dx ln Gamma(x), for x > 0 (NAN otherwise).
 * Recurrence up to x >= 10, then the asymptotic series; |error| < 1e-14. */
double kh_special_digamma(double x);

/* log(exp(a) + exp(b)) without overflow or underflow; -INFINITY terms allowed. */
double kh_special_logsumexp2(double a, double b);

/* 1 / (1 + exp(u)) without overflow, for any u (the logistic of -u). */
double kh_special_logistic_neg(double u);

/* Gauss's hypergeometric function 2F1(a, b; c; z) for real parameters and
 * -1 < z < 1, into *out. The power series where it converges fast (0 <= z <=
 * 0.9, or c - a - b >= 4); Pfaff's transformation for z < 0 (so no
 * alternating series cancels); the linear transformation z -> 1 - z
 * (Abramowitz & Stegun 15.3.6) for z > 0.9. When c - a - b is within 2e-4 of
 * an integer the two terms of 15.3.6 have poles that cancel: it is then
 * evaluated at four values of c around the integer case and interpolated
 * (cubic). Relative accuracy about 1e-12 (1e-15 on the series). Returns 0;
 * KH_EINVAL when z is out of range, c is a pole (0, -1, ...) or a parameter
 * is not finite; KH_ELIMIT when a series did not converge within 1e6 terms
 * (*out untouched). */
int kh_special_hyp2f1(double a, double b, double c, double z, double *out);

/* 2F1(a, b; c; z) - 1, accurate also when it is tiny (small z), which a
 * subtraction after kh_special_hyp2f1 is not. Same domain and errors. */
int kh_special_hyp2f1_m1(double a, double b, double c, double z, double *out);

#endif
