/*
 * customer_list.c: the metrics filters, sorts and compact metrics of the
 * customer list (see customer_list.h).
 */
#include "service/customer_list.h"

#include <stdio.h>
#include <string.h>

#include "analytics/abc.h"
#include "analytics/grid.h"
#include "analytics/lifecycle.h"
#include "base/parse.h"
#include "base/banned.h"

struct metric_filter {
	const char *name;
	const char *column;
	const char *(*label)(int); /* the class names of analytics/ */
	int first, last;
};

static const struct metric_filter filters[] = {
	{"abc_class", "m.abc_class", kh_abc_name, 0, 2},
	{"grid_tier", "m.grid_tier", kh_grid_name, KH_GRID_PLATINUM, KH_GRID_OPTIMISE},
	{"lifecycle", "m.lifecycle", kh_lifecycle_name, KH_LIFE_POTENTIAL, KH_LIFE_CHURNED},
	{"loyalty", "m.loyalty", kh_loyalty_name, KH_LOYALTY_POTENTIAL, KH_LOYALTY_LOYAL},
};

static const struct {
	const char *name;
	const char *column;
} sorts[] = {
	{"revenue_12m", "m.revenue_12m_fen"}, {"profit_12m", "m.profit_12m_fen"},
	{"clv", "m.clv_fen"},		      {"p_alive", "m.p_alive"},
	{"last_order", "m.last_order"},	      {"last_contact", "m.last_contact"},
};

static bool known(const struct metric_filter *mf, const char *s, size_t len)
{
	for (int i = mf->first; i <= mf->last; i++) {
		const char *label = mf->label(i);

		if (strlen(label) == len && strncmp(label, s, len) == 0)
			return true;
	}
	return false;
}

static int invalid(const struct metric_filter *mf, struct kh_error *err)
{
	char list[256] = "";
	size_t used = 0;

	for (int i = mf->first; i <= mf->last && used < sizeof(list); i++)
		used += (size_t)snprintf(list + used, sizeof(list) - used, "%s, ", mf->label(i));
	return kh_error_set(err, KH_EINVAL, mf->name,
			    "%s must be one or more of %snone (comma-separated; none alone)",
			    mf->name, list);
}

int kh_customer_list_filter(const char *name, json_t *v, struct kh_store_filter *f,
			    json_t **value, struct kh_error *err)
{
	const struct metric_filter *mf = NULL;
	const char *s = json_string_value(v), *p;
	json_t *values;

	for (size_t i = 0; i < sizeof(filters) / sizeof(filters[0]); i++)
		if (strcmp(filters[i].name, name) == 0)
			mf = &filters[i];
	if (!mf)
		return KH_ENOTFOUND;
	if (!s || !*s || strlen(s) > 256)
		return invalid(mf, err);
	f->column = mf->column;
	if (strcmp(s, "none") == 0) {
		/* Not classified yet: no metrics row, or no value in it. */
		f->op = "=";
		f->value = *value = json_null();
		return 0;
	}
	values = json_array();
	for (p = s;;) {
		size_t len = strcspn(p, ",");

		if (!known(mf, p, len)) {
			json_decref(values);
			return invalid(mf, err);
		}
		json_array_append_new(values, json_stringn(p, len));
		if (!p[len])
			break;
		p += len + 1;
	}
	/* One value is an equality, so that the page reads that value's index
	 * range in id order (store/list.c, id_column); several need a sort. */
	if (json_array_size(values) == 1) {
		f->op = "=";
		f->value = *value = json_incref(json_array_get(values, 0));
		json_decref(values);
		return 0;
	}
	f->op = "in_ids";
	f->value = *value = values;
	return 0;
}

const char *kh_customer_list_sort(const char *name)
{
	for (size_t i = 0; i < sizeof(sorts) / sizeof(sorts[0]); i++)
		if (strcmp(sorts[i].name, name) == 0)
			return sorts[i].column;
	return NULL;
}

const char *kh_customer_list_filter_name(size_t i, const char **value)
{
	if (i >= sizeof(filters) / sizeof(filters[0]))
		return NULL;
	*value = filters[i].label(filters[i].first);
	return filters[i].name;
}

const char *kh_customer_list_sort_name(size_t i)
{
	return i < sizeof(sorts) / sizeof(sorts[0]) ? sorts[i].name : NULL;
}

static json_t *money(json_t *fen)
{
	char buf[32];

	if (!json_is_integer(fen))
		return json_null();
	kh_money_format(json_integer_value(fen), buf);
	return json_string(buf);
}

json_t *kh_customer_list_metrics(json_t *m)
{
	if (!json_is_object(m))
		return json_null();
	return json_pack("{s:O, s:O, s:O, s:O, s:O, s:o, s:o, s:O, s:O}",
			 "abc_class", json_object_get(m, "abc_class"),
			 "grid_tier", json_object_get(m, "grid_tier"),
			 "lifecycle", json_object_get(m, "lifecycle"),
			 "loyalty", json_object_get(m, "loyalty"),
			 "p_alive", json_object_get(m, "p_alive"),
			 "clv", money(json_object_get(m, "clv_fen")),
			 "revenue_12m", money(json_object_get(m, "revenue_12m_fen")),
			 "last_order", json_object_get(m, "last_order"),
			 "last_contact", json_object_get(m, "last_contact"));
}
