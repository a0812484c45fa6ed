/* http_static_test.c: files of serve --static open below the directory
 * only: links that leave it (to a directory or a file, relative or
 * absolute) are refused by openat2 and by the real-path fallback alike;
 * links that stay inside work with both. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "http/static_files.h"

static char base[64];

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static char *at(const char *rel)
{
	static char buf[256];

	snprintf(buf, sizeof(buf), "%s/%s", base, rel);
	return buf;
}

static int setup(void **state)
{
	snprintf(base, sizeof(base), "/tmp/kh_static_XXXXXX");
	if (!mkdtemp(base))
		return -1;
	mkdir(at("root"), 0700);
	mkdir(at("root/sub"), 0700);
	mkdir(at("outside"), 0700);
	write_file(at("root/index.html"), "index");
	write_file(at("root/sub/a.txt"), "a");
	write_file(at("outside/secret"), "secret");
	symlink("../outside", at("root/dirlink"));
	symlink("../outside/secret", at("root/filelink"));
	symlink("/etc", at("root/etclink"));
	symlink("sub", at("root/inner"));
	symlink("/proc/self/root/etc", at("root/proclink"));
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", base);
	return system(cmd) == 0 ? 0 : -1;
}

/* What open gives for rel: the first byte of the file, or 0 for none. */
static char first_byte(int (*open_fn)(const struct kh_http_static *, const char *),
		       const struct kh_http_static *st, const char *rel)
{
	char c = 0;
	int fd = open_fn(st, rel);

	if (fd < 0)
		return 0;
	if (read(fd, &c, 1) != 1)
		c = 0;
	close(fd);
	return c;
}

static void both_ways(int (*open_fn)(const struct kh_http_static *, const char *))
{
	struct kh_http_static st;

	assert_int_equal(kh_http_static_init(&st, at("root"), NULL), 0);
	assert_int_equal(first_byte(open_fn, &st, "index.html"), 'i');
	assert_int_equal(first_byte(open_fn, &st, "sub/a.txt"), 'a');
	assert_int_equal(first_byte(open_fn, &st, "inner/a.txt"), 'a');
	assert_int_equal(first_byte(open_fn, &st, "dirlink/secret"), 0);
	assert_int_equal(first_byte(open_fn, &st, "filelink"), 0);
	assert_int_equal(first_byte(open_fn, &st, "etclink/passwd"), 0);
	assert_int_equal(first_byte(open_fn, &st, "proclink/passwd"), 0);
	assert_int_equal(first_byte(open_fn, &st, "../outside/secret"), 0);
	assert_int_equal(first_byte(open_fn, &st, "nothing"), 0);
	kh_http_static_release(&st);
	kh_http_static_release(&st);
}

static void openat2_stays_below(void **state)
{
	both_ways(kh_http_static_open);
}

static void realpath_fallback_stays_below(void **state)
{
	both_ways(kh_http_static_open_checked);
}

static void missing_directory(void **state)
{
	struct kh_http_static st;
	struct kh_error err = {0};

	assert_int_equal(kh_http_static_init(&st, at("nope"), &err), KH_EIO);
	assert_string_equal(err.field, "static");
	assert_int_equal(st.fd, -1);
	assert_int_equal(kh_http_static_open(&st, "index.html"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(openat2_stays_below),
		cmocka_unit_test(realpath_fallback_stays_below),
		cmocka_unit_test(missing_directory),
	};
	return cmocka_run_group_tests_name("http_static", tests, setup, teardown);
}
