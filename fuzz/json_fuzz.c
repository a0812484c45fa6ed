/*
 * json_fuzz.c: libFuzzer target for request bodies. The bytes after the
 * first go through the HTTP layer's body parser (depth limit, duplicate
 * keys) and, when they make an object, through the service's create and
 * update of the entity the first byte picks, on an in-memory database:
 * field validation, references, order lines and money. Properties beyond
 * "no crash": a refused body leaves an error code, an accepted create can
 * be read back.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_store.h"
#include "http/internal.h"
#include "service/sales/order.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kh_ctx *ctx = fuzz_store();
	const struct kh_entity *e;
	struct kh_error err = {0};
	json_t *body = NULL, *back = NULL;
	int64_t id = 0;
	int rc;

	if (size < 1 || size > 4096)
		return 0;
	e = fuzz_entity(data[0]);
	if (kh_http_json_parse((const char *)data + 1, size - 1, &body, &err)) {
		if (err.code == 0)
			abort();
		return 0;
	}
	if (e == &kh_order_entity)
		rc = kh_order_create(ctx, body, &id, &err);
	else
		rc = kh_entity_create(ctx, e, body, &id, &err);
	if (rc && err.code == 0)
		abort();
	if (rc == 0) {
		if (kh_entity_get(ctx, e, id, &back, NULL))
			abort();
		json_decref(back);
		/* the same body as a change of the record: fixed fields refuse */
		kh_entity_update(ctx, e, id, body, NULL);
		kh_entity_delete(ctx, e, id, NULL);
	}
	json_decref(body);
	return 0;
}
