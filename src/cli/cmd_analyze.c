/*
 * cmd_analyze.c: `kehu analyze`: re-classify every customer, with a progress
 * line on a terminal and a summary table (class counts and shares) at the end.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "service/analysis/analyze.h"
#include "base/banned.h"

static void show_progress(const char *stage, size_t done, size_t total, void *arg)
{
	int width = 30, filled = total ? (int)(done * (size_t)width / total) : 0;

	(void)arg;
	fprintf(stderr, "\r\033[K%-34s [%.*s%*s] %zu/%zu", stage, filled,
		"##############################", width - filled, "", done, total);
	fflush(stderr);
}

/* KEHU_ANALYZE_HOLD=FILE, for tests of writes during an analysis: once the
 * snapshot is read, create FILE.held and wait while FILE exists (a minute
 * at most). */
static void hold_while_exists(const char *file)
{
	char held[4096];
	FILE *f;

	snprintf(held, sizeof(held), "%s.held", file);
	if ((f = fopen(held, "w")))
		fclose(f);
	for (int i = 0; i < 600 && access(file, F_OK) == 0; i++)
		usleep(100000);
}

struct progress_arg {
	bool tty;
	const char *hold;
};

static void progress(const char *stage, size_t done, size_t total, void *arg)
{
	const struct progress_arg *p = arg;

	if (p->hold && strcmp(stage, "reading") == 0 && done == total)
		hold_while_exists(p->hold);
	if (p->tty)
		show_progress(stage, done, total, NULL);
}

static void print_group(json_t *group, const char *title)
{
	json_t *v;
	const char *name;

	if (!json_is_object(group))
		return;
	printf("\n%s\n", title);
	json_object_foreach(group, name, v) {
		json_t *vs = json_object_get(v, "value_share");

		printf("  %-18s %9lld  %6.1f%%", name,
		       (long long)json_integer_value(json_object_get(v, "count")),
		       100 * json_number_value(json_object_get(v, "share")));
		if (vs)
			printf("   of value %6.1f%%", 100 * json_number_value(vs));
		putchar('\n');
	}
}

void kh_cli_print_analysis(json_t *summary)
{
	json_t *bg = json_object_get(summary, "bgnbd"), *gg = json_object_get(summary, "gammagamma");
	json_t *t = json_object_get(summary, "timing");

	printf("%lld customers analysed as of %s in %.2f s\n",
	       (long long)json_integer_value(json_object_get(summary, "customers")),
	       json_string_value(json_object_get(summary, "today")),
	       json_number_value(json_object_get(t, "total")));
	static const char *const matrices[][2] = {
		{"value_response", "Value x response"},
		{"value_loyalty", "Value x loyalty"},
		{"benefit", "Direct x indirect benefit"},
		{"volume_profit", "Sales volume x profit margin"},
		{"current_potential", "Current x potential value"},
	};
	json_t *q = json_object_get(summary, "quadrants");

	print_group(json_object_get(summary, "abc"), "ABC by cumulative share");
	print_group(json_object_get(summary, "abc_by_count"), "ABC by count");
	print_group(json_object_get(summary, "grid"), "Value grid");
	print_group(json_object_get(summary, "lifecycle"), "Lifecycle");
	print_group(json_object_get(summary, "loyalty"), "Loyalty");
	for (size_t i = 0; i < sizeof(matrices) / sizeof(matrices[0]); i++)
		print_group(json_object_get(q, matrices[i][0]), matrices[i][1]);
	if (bg)
		printf("\nBG/NBD: r=%.4f alpha=%.4f a=%.4f b=%.4f (log-likelihood %.1f)\n",
		       json_number_value(json_object_get(bg, "r")),
		       json_number_value(json_object_get(bg, "alpha")),
		       json_number_value(json_object_get(bg, "a")),
		       json_number_value(json_object_get(bg, "b")),
		       json_number_value(json_object_get(bg, "loglik")));
	else
		printf("\nBG/NBD: not fitted (fewer than 20 repeat buyers)\n");
	if (gg)
		printf("Gamma-Gamma: p=%.4f q=%.4f gamma=%.4f\n",
		       json_number_value(json_object_get(gg, "p")),
		       json_number_value(json_object_get(gg, "q")),
		       json_number_value(json_object_get(gg, "gamma")));
}

int kh_cmd_analyze(struct kh_cli *cli, int argc, char **argv)
{
	const char *pos[1];
	struct kh_error err = {0};
	json_t *opts, *summary = NULL;
	bool tty = isatty(2);
	struct progress_arg p;
	int npos, rc;

	opts = kh_cli_options(cli, "analyze", argc - 1, argv + 1, pos, 0, &npos);
	if (!opts)
		return cli->options_status;
	rc = json_object_size(opts) ? kh_cli_usage("analyze", "analyze takes only --json") : 0;
	json_decref(opts);
	if (rc)
		return rc;
	if (cli->help) {
		printf("usage: kehu [--db PATH] analyze [--json]\n"
		       "Re-classifies every customer (ABC, value grid, RFM, quadrants, lifecycle,\n"
		       "loyalty) and refits BG/NBD and Gamma-Gamma for P(alive) and CLV, with the\n"
		       "thresholds in `kehu settings`. Prints class counts and shares.\n");
		return KH_EXIT_OK;
	}
	if ((rc = kh_cli_open(cli, "analyze")))
		return rc;
	p.tty = tty;
	p.hold = getenv("KEHU_ANALYZE_HOLD");
	rc = kh_analyze_run(&cli->ctx, tty || p.hold ? progress : NULL, &p, &summary, &err);
	if (tty)
		fprintf(stderr, "\r\033[K");
	if (rc)
		return kh_cli_fail("analyze", &err);
	if (cli->json)
		kh_cli_print_json(summary);
	else
		kh_cli_print_analysis(summary);
	json_decref(summary);
	return KH_EXIT_OK;
}
