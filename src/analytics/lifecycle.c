/*
 * lifecycle.c: lifecycle and loyalty stages (see lifecycle.h for the
 * rules). Each customer is judged on its own facts and today's date, so the
 * stages can be recomputed for one customer without the others.
 */
#include "analytics/lifecycle.h"

#include <math.h>

#include "base/error.h"
#include "base/parse.h"
#include "base/banned.h"

int32_t kh_lifecycle_years_before(int32_t day, int years)
{
	int y;
	unsigned m, d;

	kh_civil_from_days(day, &y, &m, &d);
	y -= years;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		d = 28;
	return kh_days_from_civil(y, m, d);
}

static bool dormant(const struct kh_customer_facts *c, int32_t today,
		    const struct kh_lifecycle_params *p)
{
	double since = (double)today - (double)c->last_order;

	if (!isnan(c->p_alive) && c->p_alive < p->dormant_p_alive)
		return true;
	if (c->orders >= 2 && isfinite(c->avg_interval_days))
		return since > p->dormant_interval_factor * c->avg_interval_days;
	return c->orders == 1 && since > p->single_order_dormant_days;
}

enum kh_lifecycle kh_lifecycle_stage(const struct kh_customer_facts *c, int32_t today,
				     const struct kh_lifecycle_params *p)
{
	if (c->orders == 0 || c->last_order == KH_NO_DATE)
		return c->open_opportunities ? KH_LIFE_OPPORTUNITY : KH_LIFE_POTENTIAL;
	if ((int64_t)today - c->last_order > p->churned_days)
		return KH_LIFE_CHURNED;
	if (dormant(c, today, p))
		return KH_LIFE_DORMANT;
	return c->orders == 1 ? KH_LIFE_NEW : KH_LIFE_REPEAT;
}

enum kh_loyalty kh_loyalty_stage(const struct kh_customer_facts *c, enum kh_lifecycle life,
				 int32_t today, const struct kh_lifecycle_params *p)
{
	bool active = life == KH_LIFE_NEW || life == KH_LIFE_REPEAT, old;

	if (c->orders == 0 || c->first_order == KH_NO_DATE)
		return KH_LOYALTY_POTENTIAL;
	old = active && c->first_order <= kh_lifecycle_years_before(today, p->old_years);
	if (old && c->quarters_active_8 >= p->loyal_quarters && !c->price_driven)
		return KH_LOYALTY_LOYAL;
	if (old)
		return KH_LOYALTY_OLD;
	if (c->orders_12m >= p->regular_orders_12m)
		return KH_LOYALTY_REGULAR;
	if ((int64_t)today - c->first_order <= p->new_days)
		return KH_LOYALTY_NEW;
	return KH_LOYALTY_OCCASIONAL;
}

int kh_lifecycle_classify(const struct kh_customer_facts *c, size_t n, int32_t today,
			  const struct kh_lifecycle_params *p, uint8_t *life, uint8_t *loyalty)
{
	if (!(p->dormant_interval_factor >= 0) || !(p->dormant_p_alive >= 0) ||
	    p->single_order_dormant_days < 0 || p->churned_days < 0 || p->new_days < 0 ||
	    p->old_years < 0 || p->old_years > 100 || p->loyal_quarters > 8)
		return KH_EINVAL;
	for (size_t i = 0; i < n; i++) {
		enum kh_lifecycle l = kh_lifecycle_stage(&c[i], today, p);

		if (life)
			life[i] = (uint8_t)l;
		if (loyalty)
			loyalty[i] = (uint8_t)kh_loyalty_stage(&c[i], l, today, p);
	}
	return 0;
}

const char *kh_lifecycle_name(int stage)
{
	static const char *const names[] = {"potential", "opportunity", "new",
					    "repeat",    "dormant",     "churned"};

	return stage >= 0 && stage <= KH_LIFE_CHURNED ? names[stage] : "";
}

const char *kh_loyalty_name(int stage)
{
	static const char *const names[] = {"potential", "new", "occasional",
					    "regular",   "old", "loyal"};

	return stage >= 0 && stage <= KH_LOYALTY_LOYAL ? names[stage] : "";
}
