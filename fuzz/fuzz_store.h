/*
 * fuzz_store.h: the in-memory database the service-level fuzz targets share:
 * opened and migrated once per process, with a few records to list and
 * refer to, acting as the system user (every scope, every level).
 */
#ifndef KH_FUZZ_STORE_H
#define KH_FUZZ_STORE_H

#include <stdlib.h>

#include "service/context.h"
#include "service/entity.h"
#include "store/store.h"

static struct kh_ctx fuzz_ctx;

static void fuzz_seed(const struct kh_entity *e, const char *json)
{
	json_t *in = json_loads(json, 0, NULL);
	int64_t id;

	if (!in || kh_entity_create(&fuzz_ctx, e, in, &id, NULL))
		abort();
	json_decref(in);
}

/* The context, opened on first use. */
static struct kh_ctx *fuzz_store(void)
{
	struct kh_store *st;

	if (fuzz_ctx.store)
		return &fuzz_ctx;
	if (kh_store_open(":memory:", &st, NULL))
		abort();
	kh_ctx_init_system(&fuzz_ctx, st);
	fuzz_seed(&kh_customer_entity, "{\"name\": \"北京华信\", \"phone\": \"13812345678\","
				       " \"grade\": \"A\"}");
	fuzz_seed(&kh_customer_entity, "{\"name\": \"上海\", \"founded_on\": \"2001-02-03\"}");
	fuzz_seed(&kh_contact_entity, "{\"customer\": 1, \"name\": \"张三\"}");
	fuzz_seed(&kh_product_entity, "{\"name\": \"服务器\", \"unit_price\": \"12.50\","
				      " \"unit_cost\": \"3\"}");
	fuzz_seed(&kh_order_entity, "{\"customer\": 1, \"date\": \"2024-01-05\", \"amount\": 10}");
	fuzz_seed(&kh_opportunity_entity, "{\"customer\": 1, \"name\": \"扩容\"}");
	return &fuzz_ctx;
}

/* The entity a fuzz input's first byte picks. */
static const struct kh_entity *fuzz_entity(unsigned char b)
{
	static const struct kh_entity *const all[] = {
		&kh_customer_entity, &kh_contact_entity, &kh_product_entity, &kh_order_entity,
		&kh_payment_entity, &kh_activity_entity, &kh_opportunity_entity, &kh_task_entity,
		&kh_important_date_entity, &kh_competitor_entity,
	};

	return all[b % (sizeof(all) / sizeof(all[0]))];
}

#endif
