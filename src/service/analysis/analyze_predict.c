/*
 * analyze_predict.c: the repeat-buying models in a run of `kehu analyze`:
 * the BG/NBD and Gamma-Gamma fits, then each customer's P(alive), expected
 * purchases and CLV; and the same prediction for one customer (the refresh
 * after a write). Time is in weeks, as in the literature; money goes into
 * the models in yuan and comes back in fen.
 *
 * A customer's CLV is a sum over the horizon's periods of expected
 * purchases, each a hypergeometric series (about 37 per customer, most of
 * the analysis time). The series depend on the number of order days and the
 * first order only (x and T), which a million customers share in a few tens
 * of thousands of combinations: the full run visits the customers in that
 * order and works each combination out once (struct curve), with the very
 * functions the one-customer path calls, so both give the same bits.
 */
#include "service/analysis/analyze_internal.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/banned.h"

#define DAYS_PER_WEEK 7.0
#define WEEKS_PER_MONTH (365.25 / 12 / 7)
#define EXPECTED_WEEKS (90.0 / DAYS_PER_WEEK)
/* Below this many customers the prediction runs in one thread. */
#define PREDICT_PARALLEL_MIN 20000
#define PREDICT_THREADS_MAX 8

/* The repeat-buying summary of one customer in weeks, spend in yuan. */
static bool to_obs(const struct kh_store_fact *f, int32_t today, struct kh_btyd_obs *o)
{
	if (f->order_days == 0 || f->first_order > today)
		return false;
	o->x = f->order_days - 1;
	o->t_x = (f->last_order - f->first_order) / DAYS_PER_WEEK;
	o->T = (today - f->first_order) / DAYS_PER_WEEK;
	if (o->t_x > o->T)
		o->t_x = o->T;
	o->mean_spend = o->x ? (double)(f->revenue_fen - f->first_day_fen) / o->x / 100.0 : 0;
	return true;
}

static double customer_margin(const struct kh_store_fact *f, double def)
{
	double m;

	if (f->revenue_fen <= 0)
		return def;
	m = (double)f->profit_fen / (double)f->revenue_fen;
	return m < 0 ? 0 : (m > 1 ? 1 : m);
}

void kh_analyze_clv_options(const struct kh_analyze_settings *s, struct kh_clv_options *o)
{
	o->horizon = s->horizon_months * WEEKS_PER_MONTH;
	o->step = WEEKS_PER_MONTH;
	o->discount = pow(1 + s->annual_discount, 1.0 / 12) - 1;
	o->margin = 1;
}

/* The series of one (order days, first order): the expected purchases if
 * alive in the next 90 days and at each CLV period end. */
struct curve {
	const struct kh_clv_plan *plan; /* NULL when the options are refused */
	int plan_rc;
	double *clv;                    /* plan->periods values */
	int clv_rc;
	double e90;
	int e90_rc;
	bool have;                      /* for the key below */
	uint32_t order_days;
	int32_t first_order;
};

static void curve_for(struct curve *c, const struct kh_analyze_models *m,
		      const struct kh_store_fact *f, const struct kh_btyd_obs *o)
{
	if (c->have && c->order_days == f->order_days && c->first_order == f->first_order)
		return;
	c->have = true;
	c->order_days = f->order_days;
	c->first_order = f->first_order;
	c->e90_rc = kh_bgnbd_expected_if_alive(&m->bg, o->x, o->T, EXPECTED_WEEKS, &c->e90);
	c->clv_rc = c->plan ? kh_clv_curve(&m->bg, c->plan, o->x, o->T, c->clv) : c->plan_rc;
}

/* P(alive), 90-day purchases, spend and CLV of one customer into cls, the
 * series from c (worked out again when this customer's key differs). */
static void predict_one(const struct kh_analyze_models *m, struct curve *c,
			const struct kh_store_fact *f, int32_t today, double default_margin,
			struct kh_store_class *cls)
{
	struct kh_btyd_obs o;
	struct kh_clv_prediction pr;
	struct kh_clv_options opt = m->clv;
	double e90;

	cls->p_alive = NAN;
	cls->expected_purchases_90d = NAN;
	cls->expected_spend_fen = -1;
	cls->clv_fen = -1;
	if (!m->have_bg || !to_obs(f, today, &o))
		return;
	curve_for(c, m, f, &o);
	cls->p_alive = kh_bgnbd_p_alive(&m->bg, &o);
	if (kh_bgnbd_expected_from(&m->bg, &o, EXPECTED_WEEKS, c->e90, c->e90_rc, &e90) == 0)
		cls->expected_purchases_90d = e90;
	if (!m->have_gg)
		return;
	opt.margin = customer_margin(f, default_margin);
	if (c->plan && kh_clv_from_curve(&m->bg, &m->gg, &o, &opt, c->plan, c->clv, c->clv_rc,
					 &pr) == 0) {
		cls->expected_spend_fen = (int64_t)llround(pr.expected_spend * 100);
		cls->clv_fen = (int64_t)llround(pr.clv * 100);
		if (cls->clv_fen < 0)
			cls->clv_fen = 0;
	}
}

/* A curve with its buffer for the plan (plan NULL when refused). */
static int curve_init(struct curve *c, const struct kh_clv_plan *plan, int plan_rc)
{
	memset(c, 0, sizeof(*c));
	c->plan = plan_rc ? NULL : plan;
	c->plan_rc = plan_rc;
	if (c->plan && !(c->clv = malloc((size_t)plan->periods * sizeof(double))))
		return KH_ENOMEM;
	return 0;
}

void kh_analyze_predict(const struct kh_analyze_models *m, const struct kh_store_fact *f, int32_t today,
		    double default_margin, struct kh_store_class *cls)
{
	struct kh_clv_plan plan;
	struct curve c;
	int plan_rc = kh_clv_plan_init(&m->clv, &plan);

	if (curve_init(&c, &plan, plan_rc) == 0) {
		predict_one(m, &c, f, today, default_margin, cls);
	} else {
		/* out of memory: unknown, as when the series fail */
		cls->p_alive = cls->expected_purchases_90d = NAN;
		cls->expected_spend_fen = cls->clv_fen = -1;
	}
	free(c.clv);
	if (plan_rc == 0)
		kh_clv_plan_release(&plan);
}

/* The per-customer work after the fit, over the customers at positions
 * [from, to) of order (sorted by order days, then first order): pure per
 * customer (a customer's results depend on its facts and the models only),
 * so the range splits over threads with the very same results. */
struct predict_job {
	const struct kh_analyze_models *m;
	const struct kh_analyze_settings *s;
	const struct kh_clv_plan *plan;
	int plan_rc;
	const uint32_t *order;
	const struct kh_store_fact *facts;
	struct kh_customer_facts *cf;
	struct kh_store_class *cls;
	int64_t *values;
	int32_t today;
	size_t from, to;
};

static void predict_range(const struct predict_job *j, size_t from, size_t to)
{
	struct curve c;
	bool ok = curve_init(&c, j->plan, j->plan_rc) == 0;

	for (size_t p = from; p < to; p++) {
		size_t i = j->order[p];
		const struct kh_store_fact *f = &j->facts[i];

		kh_analyze_to_facts(f, &j->cf[i]);
		j->cls[i].customer_id = f->customer_id;
		j->cls[i].fact = f;
		if (ok)
			predict_one(j->m, &c, f, j->today, j->s->default_margin, &j->cls[i]);
		else
			kh_analyze_predict(j->m, f, j->today, j->s->default_margin, &j->cls[i]);
		j->cf[i].p_alive = j->cls[i].p_alive;
		kh_analyze_net_profit(f, &j->s->cost, &j->cls[i]);
		j->values[i] = kh_analyze_abc_value(j->s, f, &j->cls[i]);
	}
	free(c.clv);
}

static void *predict_thread(void *arg)
{
	const struct predict_job *j = arg;

	predict_range(j, j->from, j->to);
	return NULL;
}

/* The bucket of a first order among lo..hi: 0 for none. */
static size_t first_bucket(const struct kh_store_fact *f, int64_t lo)
{
	return f->first_order == KH_STORE_NO_DATE ? 0 : (size_t)(f->first_order - lo) + 1;
}

/* Stable counting sort of src[0..n) into dst by key[i] in 0..k. */
static int counting_sort(const uint32_t *src, uint32_t *dst, size_t n, const size_t *key,
			 size_t k)
{
	size_t *count = calloc(k + 2, sizeof(*count));

	if (!count)
		return KH_ENOMEM;
	for (size_t p = 0; p < n; p++)
		count[key[src[p]] + 1]++;
	for (size_t v = 1; v <= k + 1; v++)
		count[v] += count[v - 1];
	for (size_t p = 0; p < n; p++)
		dst[count[key[src[p]]]++] = src[p];
	free(count);
	return 0;
}

/* Positions sorted by (order days, first order), so that customers sharing
 * the series follow each other: by first order (a few thousand distinct
 * days), then stably by order days. In id order when the days span more
 * than the customers (still right, the series are only worked out more
 * often). NULL when out of memory. */
static uint32_t *by_curve_key(const struct kh_store_fact *f, size_t n)
{
	uint32_t *a = malloc((n ? n : 1) * sizeof(*a)), *b = malloc((n ? n : 1) * sizeof(*b));
	size_t *key = malloc((n ? n : 1) * sizeof(*key));
	int64_t lo = INT64_MAX, hi = INT64_MIN;
	size_t days_max = 0;
	int rc = a && b && key ? 0 : KH_ENOMEM;

	for (size_t i = 0; rc == 0 && i < n; i++) {
		a[i] = (uint32_t)i;
		if (f[i].first_order != KH_STORE_NO_DATE) {
			lo = f[i].first_order < lo ? f[i].first_order : lo;
			hi = f[i].first_order > hi ? f[i].first_order : hi;
		}
		days_max = f[i].order_days > days_max ? f[i].order_days : days_max;
	}
	if (rc == 0 && n > 0 && (lo > hi || (uint64_t)(hi - lo) <= 4 * (uint64_t)n + 65536) &&
	    days_max <= 4 * n + 65536) {
		for (size_t i = 0; i < n; i++)
			key[i] = first_bucket(&f[i], lo);
		rc = counting_sort(a, b, n, key, lo > hi ? 0 : (size_t)(hi - lo) + 1);
		for (size_t i = 0; rc == 0 && i < n; i++)
			key[i] = f[i].order_days;
		if (rc == 0)
			rc = counting_sort(b, a, n, key, days_max);
	}
	free(b);
	free(key);
	if (rc) {
		free(a);
		return NULL;
	}
	return a;
}

int kh_analyze_predict_all(const struct kh_analyze_models *m, const struct kh_analyze_settings *s,
			   const struct kh_store_fact *facts, size_t n, int32_t today,
			   struct kh_customer_facts *cf, struct kh_store_class *cls,
			   int64_t *values,
			   void (*progress)(const char *stage, size_t done, size_t total, void *arg),
			   void *arg)
{
	struct predict_job job = {m, s, NULL, 0, NULL, facts, cf, cls, values, today, 0, n};
	struct predict_job jobs[PREDICT_THREADS_MAX];
	pthread_t tid[PREDICT_THREADS_MAX];
	bool started[PREDICT_THREADS_MAX] = {false};
	struct kh_clv_plan plan;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t threads = n < PREDICT_PARALLEL_MIN || cpus < 2 ? 1
			 : cpus > PREDICT_THREADS_MAX ? PREDICT_THREADS_MAX : (size_t)cpus;
	size_t share = (n + threads - 1) / threads;
	size_t end0 = share < n ? share : n, step = n / 100 > 1000 ? n / 100 : 1000;
	uint32_t *order = by_curve_key(facts, n);

	if (!order)
		return KH_ENOMEM;
	job.plan_rc = kh_clv_plan_init(&m->clv, &plan);
	job.plan = &plan;
	job.order = order;
	for (size_t t = 1; t < threads; t++) {
		jobs[t] = job;
		jobs[t].from = t * share < n ? t * share : n;
		jobs[t].to = (t + 1) * share < n ? (t + 1) * share : n;
		started[t] = pthread_create(&tid[t], NULL, predict_thread, &jobs[t]) == 0;
	}
	for (size_t i = 0; i < end0; i += step) {
		size_t to = i + step < end0 ? i + step : end0;

		if (progress)
			progress("predicting P(alive) and CLV", i * threads < n ? i * threads : n, n,
				 arg);
		predict_range(&job, i, to);
	}
	for (size_t t = 1; t < threads; t++) {
		if (started[t])
			pthread_join(tid[t], NULL);
		else
			predict_range(&jobs[t], jobs[t].from, jobs[t].to);
	}
	if (progress)
		progress("predicting P(alive) and CLV", n, n, arg);
	if (job.plan_rc == 0)
		kh_clv_plan_release(&plan);
	free(order);
	return 0;
}

int kh_analyze_fit_models(const struct kh_store_fact *facts, size_t n, int32_t today,
			  const struct kh_analyze_settings *s, struct kh_analyze_models *m,
			  json_t *summary)
{
	struct kh_btyd_obs *obs = malloc((n ? n : 1) * sizeof(*obs));
	struct kh_fit_report rep;
	size_t k = 0, repeaters = 0;

	if (!obs)
		return KH_ENOMEM;
	memset(m, 0, sizeof(*m));
	kh_analyze_clv_options(s, &m->clv);
	for (size_t i = 0; i < n; i++)
		if (to_obs(&facts[i], today, &obs[k])) {
			repeaters += obs[k].x > 0;
			k++;
		}
	/* Below a few dozen repeat buyers the estimates mean little. */
	if (repeaters >= 20 && kh_bgnbd_fit(obs, k, &m->bg, &rep) == 0) {
		m->have_bg = true;
		json_object_set_new(summary, "bgnbd",
				    json_pack("{s:f, s:f, s:f, s:f, s:f, s:b, s:I}", "r", m->bg.r,
					      "alpha", m->bg.alpha, "a", m->bg.a, "b", m->bg.b,
					      "loglik", rep.loglik, "converged", rep.converged,
					      "customers", (json_int_t)rep.used));
	}
	if (m->have_bg && kh_gg_fit(obs, k, &m->gg, &rep) == 0 && m->gg.q > 1) {
		m->have_gg = true;
		json_object_set_new(summary, "gammagamma",
				    json_pack("{s:f, s:f, s:f, s:f, s:b, s:I}", "p", m->gg.p, "q",
					      m->gg.q, "gamma", m->gg.gamma, "loglik", rep.loglik,
					      "converged", rep.converged, "customers",
					      (json_int_t)rep.used));
	}
	free(obs);
	return 0;
}
