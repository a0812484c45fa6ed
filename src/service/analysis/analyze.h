/*
 * analyze.h: `kehu analyze`: re-classify every customer. Reads every live
 * customer's facts (one scan per table), fits BG/NBD and Gamma-Gamma on the
 * order history, predicts P(alive) and CLV (over one thread per processor),
 * runs every classifier of src/analytics with the thresholds in settings,
 * writes the facts and results into customer_metrics and records the run.
 */
#ifndef KH_ANALYZE_H
#define KH_ANALYZE_H

#include <jansson.h>

#include "service/context.h"

/* progress(stage, done, total, arg) is called as the work goes on. The
 * summary (*out, a new object) holds the class counts and shares, the fitted
 * models, the cut points and the time each stage took. */
int kh_analyze_run(struct kh_ctx *ctx,
		   void (*progress)(const char *stage, size_t done, size_t total, void *arg),
		   void *arg, json_t **out, struct kh_error *err);

/* Re-classify one customer without touching the others: lifecycle, loyalty,
 * P(alive), expected purchases and CLV from its own facts and the models of
 * the last run; the classes that compare customers with one another (grid
 * tier, ABC by share and by count, RFM, quadrants) against the boundaries
 * the last run drew (its grid and quadrant cut points, the smallest value
 * of each ABC class and of each RFM score), so the customer gets the class
 * the last run would have given its new facts. Without a run yet those
 * classes stay as they are, except that a customer without orders is C, RFM
 * 0, no tier and no quadrant. Called when an order, payment or activity of
 * the customer changes. */
int kh_analyze_customer(struct kh_ctx *ctx, int64_t customer_id, struct kh_error *err);

/* A change to a customer's orders, payments, activities or opportunities:
 * its customer_metrics row at once, its classes (kh_analyze_customer) and
 * the stored dashboard results that hold it, in the caller's transaction. */
int kh_analyze_refresh_customer(struct kh_ctx *ctx, int64_t customer_id,
				struct kh_error *err);

#endif
