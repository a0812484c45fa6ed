/* metrics.c: per-customer refresh of customer_metrics (see metrics.h). */
#include "service/metrics.h"

#include <stdlib.h>

#include "base/parse.h"
#include "service/analyze.h"
#include "service/settings.h"
#include "store/metrics.h"
#include "store/report_results.h"
#include "base/banned.h"

int kh_metrics_refresh_customer(struct kh_ctx *ctx, int64_t customer_id, struct kh_error *err)
{
	char today[11];

	int rc;

	kh_date_format(kh_today(), today);
	rc = kh_store_metrics_refresh(ctx->store, customer_id, today,
				      kh_setting_number(ctx, "clv.default_margin"), err);
	if (rc == 0)
		rc = kh_analyze_customer(ctx, customer_id, err);
	if (rc == 0)
		rc = kh_store_report_results_drop_customer(ctx->store, customer_id, err);
	return rc;
}
