/*
 * order_bench.c: times order creation in process, as a request does it: a
 * fresh service context per order (so per-request caches start cold), then
 * kh_order_create for a random customer (its metrics and classes refresh in
 * the same call). Prints the median, p90 and mean in microseconds.
 *
 * usage: order_bench DB CUSTOMERS [N]   (customer ids 1..CUSTOMERS; N orders,
 *                                         default 2000; see bench/orders.sh)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "service/context.h"
#include "service/sales/order.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double elapsed_us(const struct timespec *t0, const struct timespec *t1)
{
	return (double)(t1->tv_sec - t0->tv_sec) * 1e6 + (double)(t1->tv_nsec - t0->tv_nsec) / 1e3;
}

int main(int argc, char **argv)
{
	struct kh_store *st = NULL;
	struct kh_error err = {0};
	size_t n = argc > 3 ? (size_t)strtoul(argv[3], NULL, 10) : 2000, failed = 0;
	long customers = argc > 2 ? strtol(argv[2], NULL, 10) : 0;
	double *us, sum = 0;

	if (argc < 3 || n == 0 || customers < 1 || kh_store_open(argv[1], &st, &err)) {
		fprintf(stderr, "usage: order_bench DB CUSTOMERS [N] (%s)\n", err.message);
		return 2;
	}
	us = calloc(n, sizeof(*us));
	if (!us)
		return 2;
	srand(7);
	for (size_t i = 0; i < n; i++) {
		struct timespec t0, t1;
		struct kh_ctx ctx;
		int64_t id;
		json_t *order = json_pack("{s:I, s:s, s:s}", "customer",
					  (json_int_t)(1 + rand() % customers), "date", "2026-05-01",
					  "amount", "1234.50");

		clock_gettime(CLOCK_MONOTONIC, &t0);
		kh_ctx_init_system(&ctx, st);
		if (kh_order_create(&ctx, order, &id, &err))
			failed++;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		json_decref(order);
		us[i] = elapsed_us(&t0, &t1);
		sum += us[i];
	}
	qsort(us, n, sizeof(*us), cmp_double);
	printf("orders %zu  failed %zu (%s)\n", n, failed, failed ? err.message : "-");
	printf("median %.0f us  p90 %.0f us  mean %.0f us\n", us[n / 2], us[n * 90 / 100],
	       sum / (double)n);
	free(us);
	kh_store_free(st);
	return failed ? 1 : 0;
}
