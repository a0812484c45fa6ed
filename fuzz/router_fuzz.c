/*
 * router_fuzz.c: libFuzzer target for the router's paths (kh_router_match
 * over the table that also drives OpenAPI): the first byte picks the method,
 * the rest is the path. Properties beyond "no crash": a route with {id}
 * gives an id >= 1, and a matched route's method is the one asked for (HEAD
 * is answered by GET routes), and a match says the path is known.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct kh_router router;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const methods[] = {"GET", "POST", "PATCH", "DELETE", "PUT", "HEAD"};
	const struct kh_route *rt;
	const char *method;
	bool known = false;
	int64_t id = 0;
	char *path;

	if (router.n == 0)
		kh_router_init(&router);
	if (size < 1 || size > 1024)
		return 0;
	method = methods[data[0] % 6];
	path = malloc(size);
	memcpy(path, data + 1, size - 1);
	path[size - 1] = '\0';
	rt = kh_router_match(&router, method, path, &id, &known);
	if (rt) {
		bool head_as_get = strcmp(method, "HEAD") == 0 && strcmp(rt->method, "GET") == 0;

		if ((strcmp(rt->method, method) && !head_as_get) ||
		    (strstr(rt->pattern, "{id}") && id < 1))
			abort();
		if (!known)
			abort();
	}
	free(path);
	return 0;
}
