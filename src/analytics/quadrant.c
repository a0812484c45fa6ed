/*
 * quadrant.c: 2x2 splits and the quadrant names of the five matrices (see
 * quadrant.h). Names follow the sources' order "both high / x high only /
 * y high only / both low"; the volume x profit names are ours (the sources
 * name that matrix but not its quadrants).
 */
#include "analytics/quadrant.h"

#include <math.h>
#include <stdbool.h>

#include "analytics/rank.h"
#include "base/error.h"
#include "base/banned.h"

static int axis_cut(const double *v, size_t n, const struct kh_axis_cut *c, double *cut)
{
	static const double half = 0.5;
	int rc;

	switch (c->kind) {
	case KH_CUT_FIXED:
		if (!isfinite(c->value))
			return KH_EINVAL;
		*cut = c->value;
		return 0;
	case KH_CUT_MEAN:
		rc = kh_rank_mean(v, n, cut);
		break;
	case KH_CUT_MEDIAN:
		rc = kh_rank_quantiles(v, n, &half, 1, cut);
		break;
	default:
		return KH_EINVAL;
	}
	if (rc == KH_ENOTFOUND) {
		*cut = NAN;
		rc = 0;
	}
	return rc;
}

int kh_quadrant_split(const double *x, const double *y, size_t n, const struct kh_axis_cut *cx,
		      const struct kh_axis_cut *cy, uint8_t *quad, double *cut_x, double *cut_y)
{
	double kx, ky;
	int rc;

	if ((rc = axis_cut(x, n, cx, &kx)) || (rc = axis_cut(y, n, cy, &ky)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (isnan(x[i]) || isnan(y[i]))
			quad[i] = KH_QUAD_NONE;
		else
			quad[i] = (uint8_t)((x[i] > kx) << 1 | (y[i] > ky));
	}
	if (cut_x)
		*cut_x = kx;
	if (cut_y)
		*cut_y = ky;
	return 0;
}

/* [matrix][quadrant code LL, LH, HL, HH] */
static const char *const names[KH_MATRIX_COUNT][4] = {
	[KH_MATRIX_VALUE_RESPONSE] = {"ghost", "fatal_attraction", "stranger", "best"},
	[KH_MATRIX_VALUE_LOYALTY] = {"marginal", "dont_over_serve", "at_risk", "golden"},
	[KH_MATRIX_BENEFIT] = {"low_performing", "networking", "selling", "high_performing"},
	[KH_MATRIX_VOLUME_PROFIT] = {"low_contribution", "niche_profit", "thin_margin", "core"},
	[KH_MATRIX_CURRENT_POTENTIAL] = {"low_value", "potential", "secondary", "high_value"},
};

const char *kh_quadrant_name(enum kh_matrix m, int quad)
{
	if ((int)m < 0 || m >= KH_MATRIX_COUNT || quad < 0 || quad > 3)
		return "";
	return names[m][quad];
}

const char *kh_matrix_name(enum kh_matrix m)
{
	static const char *const mn[KH_MATRIX_COUNT] = {
		"value_response", "value_loyalty", "benefit", "volume_profit",
		"current_potential",
	};

	return (int)m >= 0 && m < KH_MATRIX_COUNT ? mn[m] : "";
}

void kh_quadrant_axes(enum kh_matrix m, const struct kh_quadrant_input *in, double *x,
		      double *y)
{
	bool buyer = in->orders > 0;
	double profit = (double)in->profit_12m_fen, revenue = (double)in->revenue_12m_fen;

	*x = buyer ? profit : NAN;
	switch (m) {
	case KH_MATRIX_VALUE_RESPONSE:
		/* response: answers (orders, clicks on campaign mail) per
		 * contact we made (activities, campaign mail) in 12 months */
		*y = buyer ? ((double)in->orders_12m + in->mail_clicks_12m) /
				     (1.0 + in->activities_12m + in->mails_12m)
			   : NAN;
		break;
	case KH_MATRIX_VALUE_LOYALTY:
		*y = buyer ? (double)in->quarters_active_8 : NAN;
		break;
	case KH_MATRIX_BENEFIT:
		*y = in->indirect_benefit;
		break;
	case KH_MATRIX_VOLUME_PROFIT:
		*x = buyer ? revenue : NAN;
		*y = buyer && revenue > 0 ? profit / revenue : NAN;
		break;
	default:
		*y = in->clv_fen >= 0 ? (double)in->clv_fen : NAN;
		break;
	}
}
