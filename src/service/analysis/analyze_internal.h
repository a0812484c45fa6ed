/*
 * analyze_internal.h: what the full analysis (analyze.c) shares with the
 * single-customer refresh (analyze_refresh.c), so that both classify a
 * customer by the same code: the settings of a run, the fitted models and
 * the per-customer steps. Not for other modules.
 */
#ifndef KH_ANALYZE_INTERNAL_H
#define KH_ANALYZE_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "analytics/abc.h"
#include "analytics/bgnbd.h"
#include "analytics/clv.h"
#include "analytics/finance.h"
#include "analytics/gammagamma.h"
#include "analytics/grid.h"
#include "analytics/keyaccount.h"
#include "analytics/lifecycle.h"
#include "analytics/quadrant.h"
#include "analytics/rfm.h"
#include "analytics/scoring.h"
#include "service/context.h"
#include "store/analysis/analysis.h"

/* The indicators of the weighted score that the data has (docs/analytics.md
 * section 11), the columns of the score matrix. */
enum { KH_IND_REVENUE, KH_IND_NET_PROFIT, KH_IND_PRICE, KH_IND_BRAND, KH_IND_YEARS, KH_IND_WALLET, KH_IND_COUNT };

/* What ABC ranks by (abc.basis). */
enum kh_analyze_basis { KH_BASIS_PROFIT, KH_BASIS_SALES, KH_BASIS_NET_PROFIT };

struct kh_analyze_settings {
	int window_days;
	enum kh_analyze_basis basis;
	struct kh_cost_rates cost;
	double default_margin, annual_discount, horizon_months;
	struct kh_abc_params abc;
	struct kh_grid_params grid;
	struct kh_lifecycle_params life;
	struct kh_keyaccount_params key;
	enum kh_cut_kind quadrant_cut;
	struct kh_score_indicator score[KH_IND_COUNT];
};

struct kh_analyze_models {
	bool have_bg, have_gg;
	struct kh_bgnbd_params bg;
	struct kh_gg_params gg;
	struct kh_clv_options clv;
};

/* Every threshold of a run, from the settings (defaults where unset). */
void kh_analyze_load_settings(struct kh_ctx *ctx, struct kh_analyze_settings *s);

/* The key-account flags of one customer into cls (after its P(alive) and
 * its classes are known). */
void kh_analyze_key_account(const struct kh_analyze_settings *s, const struct kh_store_fact *f,
			    enum kh_abc_class count_class, enum kh_loyalty loyalty,
			    struct kh_store_class *cls);

/* The facts the classifiers take, from the store's row. */
void kh_analyze_to_facts(const struct kh_store_fact *f, struct kh_customer_facts *c);

/* Net profit of the last 12 months (DOMAIN 6) into cls. */
void kh_analyze_net_profit(const struct kh_store_fact *f, const struct kh_cost_rates *rates,
			   struct kh_store_class *cls);

/* The value ABC ranks a customer by (unknown net profit ranks as 0). */
int64_t kh_analyze_abc_value(const struct kh_analyze_settings *s, const struct kh_store_fact *f,
			     const struct kh_store_class *cls);

/* The CLV horizon, step and discount of the settings. */
void kh_analyze_clv_options(const struct kh_analyze_settings *s, struct kh_clv_options *o);

/* P(alive), 90-day purchases, spend and CLV of one customer into cls. */
void kh_analyze_predict(const struct kh_analyze_models *m, const struct kh_store_fact *f,
			int32_t today, double default_margin, struct kh_store_class *cls);

/* The BG/NBD and Gamma-Gamma fits over the customers' facts (analyze_predict.c):
 * models into m, their parameters into summary ("bgnbd", "gammagamma").
 * 0 or KH_ENOMEM. */
int kh_analyze_fit_models(const struct kh_store_fact *facts, size_t n, int32_t today,
			  const struct kh_analyze_settings *s, struct kh_analyze_models *m,
			  json_t *summary);

/* Every customer's prediction (kh_analyze_predict, over the threads the
 * machine has), its facts for the classifiers into cf, the value ABC ranks
 * it by into values. 0 or KH_ENOMEM. */
int kh_analyze_predict_all(const struct kh_analyze_models *m, const struct kh_analyze_settings *s,
			   const struct kh_store_fact *facts, size_t n, int32_t today,
			   struct kh_customer_facts *cf, struct kh_store_class *cls,
			   int64_t *values,
			   void (*progress)(const char *stage, size_t done, size_t total, void *arg),
			   void *arg);

/* The two metrics of matrix m for one customer (NaN = not known). */
void kh_analyze_axis_values(enum kh_matrix m, const struct kh_store_fact *f,
			    const struct kh_store_class *cls, double *x, double *y);

/* The quadrants column of one customer as JSON text (malloc'ed; NULL when
 * out of memory). */
char *kh_analyze_quadrant_json(const uint8_t *quad);

/* The five matrices over n customers (analyze_quadrants.c): each one's
 * quadrants into quad, the counts and cut points into summary
 * ("quadrants", "quadrant_cuts"). 0 or KH_ENOMEM. */
int kh_analyze_quadrants(const struct kh_store_fact *f, size_t n, const struct kh_store_class *cls,
			 const struct kh_analyze_settings *s, uint8_t (*quad)[KH_MATRIX_COUNT],
			 json_t *summary);

/* A cut point for the summary: JSON null when the axis had no known value. */
json_t *kh_analyze_cut_json(double v);
/* {"<name>": {"count", "share"}, ...} of k classes over n customers. */
json_t *kh_analyze_counts_json(const char *const *names, const size_t *counts, size_t k,
			       size_t n);

/* The RFM key of one customer on axis 0 (R), 1 (F) or 2 (M). */
double kh_analyze_rfm_key(const struct kh_customer_facts *c, int axis);

/* The writes acknowledged while a full run computed from its snapshot
 * (facts[0..n), taken when the change counter read version): inside the
 * run's write transaction, after its rows and its summary are written, every
 * customer whose facts differ now from the snapshot's, or who is new, is
 * refreshed as the write path would refresh it after the run. Nothing to do
 * when no other connection has committed since. */
int kh_analyze_refresh_changed(struct kh_ctx *ctx, const struct kh_analyze_settings *s,
			       const char *today, const struct kh_store_fact *facts, size_t n,
			       int64_t version, struct kh_error *err);

#endif
