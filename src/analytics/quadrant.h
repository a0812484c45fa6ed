/*
 * quadrant.h: 2x2 matrices (DOMAIN 5, seed 001). Each customer has two
 * metrics x and y; each axis is cut at the median (default), the mean, or a
 * fixed value; a value strictly above the cut is "high", a value at or below
 * it "low". Which metric feeds which axis of the five named matrices
 * (docs/analytics.md) is kh_quadrant_axes, the one definition the analysis
 * and the reports share; the rest cuts and names.
 * O(n log n) for medians (one sort of a copy per axis), O(n) otherwise.
 */
#ifndef KH_ANALYTICS_QUADRANT_H
#define KH_ANALYTICS_QUADRANT_H

#include <stddef.h>
#include <stdint.h>

enum kh_cut_kind { KH_CUT_MEDIAN = 0, KH_CUT_MEAN, KH_CUT_FIXED };

struct kh_axis_cut {
	enum kh_cut_kind kind;
	double value; /* the cut when kind is KH_CUT_FIXED */
};

/* Quadrant codes: bit 1 = x high, bit 0 = y high. */
enum kh_quadrant {
	KH_QUAD_LL = 0, /* x low, y low */
	KH_QUAD_LH = 1, /* x low, y high */
	KH_QUAD_HL = 2, /* x high, y low */
	KH_QUAD_HH = 3, /* x high, y high */
	KH_QUAD_NONE = 255, /* x or y is NaN: the metric is not known */
};

/* The five matrices of DOMAIN 5; x is the first-named axis. */
enum kh_matrix {
	KH_MATRIX_VALUE_RESPONSE = 0, /* x value, y response */
	KH_MATRIX_VALUE_LOYALTY,      /* x value, y loyalty */
	KH_MATRIX_BENEFIT,            /* x direct benefit, y indirect benefit */
	KH_MATRIX_VOLUME_PROFIT,      /* x sales volume, y profit */
	KH_MATRIX_CURRENT_POTENTIAL,  /* x current value, y potential value */
	KH_MATRIX_COUNT
};

/* What the axis metrics of one customer are made of. */
struct kh_quadrant_input {
	int64_t profit_12m_fen, revenue_12m_fen;
	uint32_t orders, orders_12m, activities_12m, quarters_active_8;
	uint32_t mails_12m, mail_clicks_12m; /* campaign messages sent, and clicked */
	double indirect_benefit; /* NaN = not known */
	int64_t clv_fen;         /* < 0 = not known */
};

/* The x and y metrics of matrix m for one customer into *x, *y (NaN = not
 * known: the customer gets no quadrant). x is profit in the last 12 months
 * for a buyer (revenue for volume_profit); y is the answers per contact made
 * ((orders_12m + mail_clicks_12m) / (1 + activities_12m + mails_12m): a
 * campaign message is a contact and its click an answer, so a customer
 * mailed often who never clicks moves towards "stranger"), quarters active
 * of the last 8, the
 * indirect benefit (buyer or not), the margin profit / revenue (revenue > 0)
 * or the CLV. */
void kh_quadrant_axes(enum kh_matrix m, const struct kh_quadrant_input *in, double *x,
		      double *y);

/* Split x[0..n), y[0..n) into quad[0..n) (enum kh_quadrant). NaN values are
 * left out of the medians and means and get KH_QUAD_NONE. The cuts used go
 * to *cut_x, *cut_y if not NULL (NaN when an axis has no known value).
 * Returns 0; KH_EINVAL for a fixed cut that is not finite; KH_ENOMEM. */
int kh_quadrant_split(const double *x, const double *y, size_t n, const struct kh_axis_cut *cx,
		      const struct kh_axis_cut *cy, uint8_t *quad, double *cut_x, double *cut_y);

/* The quadrant's name in matrix m, e.g. (KH_MATRIX_VALUE_RESPONSE, KH_QUAD_HL)
 * is "stranger"; "" for KH_QUAD_NONE or an unknown code. */
const char *kh_quadrant_name(enum kh_matrix m, int quad);

/* The machine name of the matrix ("value_response", ...), "" if unknown. */
const char *kh_matrix_name(enum kh_matrix m);

#endif
