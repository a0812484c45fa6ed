/*
 * analyze_quadrants.c: the five matrices of DOMAIN 5 in a run of `kehu
 * analyze` — each customer's two axis metrics, the cut points, the quadrant
 * counts of the summary — and the quadrants column one customer stores.
 */
#include "service/analysis/analyze_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

void kh_analyze_axis_values(enum kh_matrix m, const struct kh_store_fact *f,
			const struct kh_store_class *cls, double *x, double *y)
{
	const struct kh_quadrant_input in = {
		.profit_12m_fen = f->profit_12m_fen,
		.revenue_12m_fen = f->revenue_12m_fen,
		.orders = f->orders,
		.orders_12m = f->orders_12m,
		.activities_12m = f->activities_12m,
		.mails_12m = f->mails_12m,
		.mail_clicks_12m = f->mail_clicks_12m,
		.quarters_active_8 = f->quarters_active_8,
		.indirect_benefit = f->indirect_benefit,
		.clv_fen = cls->clv_fen,
	};

	kh_quadrant_axes(m, &in, x, y);
}

int kh_analyze_quadrants(const struct kh_store_fact *f, size_t n, const struct kh_store_class *cls,
			 const struct kh_analyze_settings *s, uint8_t (*quad)[KH_MATRIX_COUNT],
			 json_t *summary)
{
	double *x = malloc((n ? n : 1) * sizeof(double)), *y = malloc((n ? n : 1) * sizeof(double));
	uint8_t *q = malloc(n ? n : 1);
	struct kh_axis_cut cut = {s->quadrant_cut, 0};
	json_t *cuts = json_object(), *counts = json_object();
	int rc = 0;

	if (!x || !y || !q) {
		rc = KH_ENOMEM;
		goto out;
	}
	for (int m = 0; m < KH_MATRIX_COUNT; m++) {
		double cx, cy;
		size_t per[5] = {0};
		const char *names[5];

		for (size_t i = 0; i < n; i++)
			kh_analyze_axis_values((enum kh_matrix)m, &f[i], &cls[i], &x[i], &y[i]);
		if ((rc = kh_quadrant_split(x, y, n, &cut, &cut, q, &cx, &cy)))
			goto out;
		for (size_t i = 0; i < n; i++) {
			quad[i][m] = q[i];
			per[q[i] < 4 ? q[i] : 4]++;
		}
		for (int k = 0; k < 4; k++)
			names[k] = kh_quadrant_name((enum kh_matrix)m, k);
		names[4] = "none";
		json_object_set_new(counts, kh_matrix_name((enum kh_matrix)m),
				    kh_analyze_counts_json(names, per, 5, n));
		json_object_set_new(cuts, kh_matrix_name((enum kh_matrix)m),
				    json_pack("{s:o, s:o}", "x", kh_analyze_cut_json(cx), "y", kh_analyze_cut_json(cy)));
	}
	json_object_set_new(summary, "quadrants", counts);
	json_object_set_new(summary, "quadrant_cuts", cuts);
	cuts = counts = NULL;
out:
	json_decref(cuts);
	json_decref(counts);
	free(x);
	free(y);
	free(q);
	return rc;
}

/* Written as jansson's compact dump of the object would write it (the names
 * are plain ASCII, nothing to escape), without building the object: 100k of
 * them are a tenth of a second through jansson. */
char *kh_analyze_quadrant_json(const uint8_t *quad)
{
	char buf[512];
	size_t len = 0;

	buf[len++] = '{';
	for (int m = 0; m < KH_MATRIX_COUNT; m++)
		if (quad[m] != KH_QUAD_NONE) {
			int w = snprintf(buf + len, sizeof(buf) - len, "%s\"%s\":\"%s\"",
					 len > 1 ? "," : "", kh_matrix_name((enum kh_matrix)m),
					 kh_quadrant_name((enum kh_matrix)m, quad[m]));

			if (w < 0 || (size_t)w >= sizeof(buf) - len - 1)
				return NULL;
			len += (size_t)w;
		}
	buf[len++] = '}';
	buf[len] = 0;
	return strdup(buf);
}
