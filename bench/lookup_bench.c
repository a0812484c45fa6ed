/*
 * lookup_bench.c: times the incoming-call lookup in process: for each phone
 * number read from stdin (one per line, in any format), the answer as JSON
 * text: by default the hot path the API serves (kh_lookup_phone_json),
 * with --generic the jansson path (kh_lookup_phone plus json_dumps, as
 * `kehu lookup --json` does). Prints the median, p90, p99 and max in
 * microseconds of wall time, and the median of the thread's CPU time,
 * which a machine shared with other work inflates less.
 *
 * With --warm K the first K numbers are looked up untimed first, as a
 * running server has its page cache filled (a fresh process starts with an
 * empty one, so every page it reads is a read and a malloc).
 *
 * usage: lookup_bench DB [--generic] [--warm K] < numbers.txt
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "service/context.h"
#include "service/customers/lookup.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	struct kh_store *st = NULL;
	struct kh_error err = {0};
	struct kh_ctx ctx;
	char line[128];
	double *us = NULL, *cpu = NULL;
	size_t n = 0, cap = 0, bytes = 0, misses = 0;

	bool generic = false, bad = argc < 2;
	long warm = 0;

	for (int a = 2; a < argc; a++) {
		if (strcmp(argv[a], "--generic") == 0)
			generic = true;
		else if (strcmp(argv[a], "--warm") == 0 && a + 1 < argc)
			warm = strtol(argv[++a], NULL, 10);
		else
			bad = true;
	}
	if (bad || kh_store_open(argv[1], &st, &err)) {
		fprintf(stderr, "usage: lookup_bench DB [--generic] [--warm K] < numbers (%s)\n",
			err.message);
		return 2;
	}
	kh_ctx_init_system(&ctx, st);
	while (fgets(line, sizeof(line), stdin)) {
		struct timespec t0, t1, c0, c1;
		json_t *view = NULL;
		char *text;

		line[strcspn(line, "\r\n")] = '\0';
		if (!*line)
			continue;
		if (warm > 0) {
			struct kh_strbuf w;

			warm--;
			kh_strbuf_init(&w, 0);
			kh_lookup_phone_json(&ctx, line, &w, &err);
			kh_strbuf_release(&w);
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			us = realloc(us, cap * sizeof(*us));
			cpu = realloc(cpu, cap * sizeof(*cpu));
		}
		clock_gettime(CLOCK_MONOTONIC, &t0);
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
		if (!generic) {
			struct kh_strbuf out;

			kh_strbuf_init(&out, 0);
			if (kh_lookup_phone_json(&ctx, line, &out, &err) == 0)
				bytes += out.len;
			else
				misses++;
			kh_strbuf_release(&out);
		} else if (kh_lookup_phone(&ctx, line, &view, &err) == 0) {
			text = json_dumps(view, JSON_COMPACT);
			bytes += strlen(text);
			free(text);
			json_decref(view);
		} else {
			misses++;
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
		cpu[n] = (double)(c1.tv_sec - c0.tv_sec) * 1e6 + (double)(c1.tv_nsec - c0.tv_nsec) / 1e3;
		us[n++] = (double)(t1.tv_sec - t0.tv_sec) * 1e6 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e3;
	}
	if (n == 0)
		return 1;
	qsort(us, n, sizeof(*us), cmp_double);
	qsort(cpu, n, sizeof(*cpu), cmp_double);
	printf("lookups %zu  misses %zu  mean view %zu bytes\n", n, misses, bytes / (n - misses ? n - misses : 1));
	printf("median %.0f us  p90 %.0f us  p99 %.0f us  max %.0f us\n", us[n / 2],
	       us[n * 90 / 100], us[n * 99 / 100], us[n - 1]);
	printf("cpu median %.0f us  p90 %.0f us\n", cpu[n / 2], cpu[n * 90 / 100]);
	free(us);
	free(cpu);
	kh_store_free(st);
	return 0;
}
