/* cmd_demo.c: `kehu demo --customers N [--seed S]`, with a progress bar on a terminal. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/parse.h"
#include "service/analysis/analyze.h"
#include "service/demo/demo.h"
#include "base/banned.h"

static void show_progress(int64_t done, int64_t total, void *arg)
{
	int width = 40, filled = (int)(done * width / total);

	(void)arg;
	fprintf(stderr, "\r[%.*s%*s] %lld/%lld customers", filled,
		"########################################", width - filled, "", (long long)done,
		(long long)total);
	if (done == total)
		fputc('\n', stderr);
}

int kh_cmd_demo(struct kh_cli *cli, int argc, char **argv)
{
	const char *pos[1];
	struct kh_error err = {0};
	struct kh_demo_stats stats;
	struct timespec t0, t1;
	json_t *opts, *v;
	int64_t n = 1000, seed = 1;
	int npos, rc;

	opts = kh_cli_options(cli, "demo", argc - 1, argv + 1, pos, 0, &npos);
	if (!opts)
		return cli->options_status;
	if (cli->help) {
		printf("usage: kehu [--db PATH] demo [--customers N] [--seed S]\n"
		       "Fills a new database with N customers (default 1000) and their contacts,\n"
		       "three years of orders, visits and calls, opportunities, teams and reps.\n"
		       "The same seed gives the same data. The load is fast, not durable: if it\n"
		       "is interrupted, delete the file and run it again.\n");
		json_decref(opts);
		return KH_EXIT_OK;
	}
	if ((v = json_object_get(opts, "customers")) &&
	    kh_parse_int64(json_string_value(v), 1, KH_DEMO_MAX_CUSTOMERS, &n, "customers", &err))
		goto fail;
	if ((v = json_object_get(opts, "seed")) &&
	    kh_parse_int64(json_string_value(v), 0, INT64_MAX, &seed, "seed", &err))
		goto fail;
	json_object_del(opts, "customers");
	json_object_del(opts, "seed");
	if (json_object_size(opts)) {
		json_decref(opts);
		return kh_cli_usage("demo", "demo takes --customers and --seed");
	}
	json_decref(opts);
	if ((rc = kh_cli_open(cli, "demo")))
		return rc;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (kh_demo_generate(&cli->ctx, n, (uint64_t)seed, isatty(2) ? show_progress : NULL, NULL,
			     &stats, &err))
		return kh_cli_fail("demo", &err);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%lld customers, %lld contacts, %lld orders (%lld lines), %lld activities, "
	       "%lld opportunities, %lld users in %.1f s\n",
	       (long long)stats.customers, (long long)stats.contacts, (long long)stats.orders,
	       (long long)stats.order_lines, (long long)stats.activities,
	       (long long)stats.opportunities, (long long)stats.users,
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	/* A demo is only interesting once every customer is classified. */
	{
		json_t *summary = NULL;

		if (kh_analyze_run(&cli->ctx, NULL, NULL, &summary, &err))
			return kh_cli_fail("demo", &err);
		kh_cli_print_analysis(summary);
		json_decref(summary);
	}
	return KH_EXIT_OK;
fail:
	json_decref(opts);
	return kh_cli_fail("demo", &err);
}
