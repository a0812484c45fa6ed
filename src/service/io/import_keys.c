/*
 * import_keys.c: which existing record a row of an import names (its
 * natural key), one function per type, and the references in cells (a
 * customer by name, a user by login, ...). Keys are looked up whatever the
 * caller may see: a row that names a record the caller cannot change is
 * then refused by the same permission check as the API's edit, never
 * silently created twice.
 */
#include "service/io/import_internal.h"

#include <string.h>

#include "base/parse.h"
#include "base/phone.h"
#include "store/io/imports.h"
#include "base/banned.h"

static const char *text_of(json_t *input, const char *field)
{
	const char *s = json_string_value(json_object_get(input, field));

	return s && *s ? s : NULL;
}

/* value with the spaces around it cut, into buf. */
static const char *trimmed(const char *value, char *buf, size_t size)
{
	size_t len;

	while (*value == ' ' || *value == '\t')
		value++;
	len = strlen(value);
	while (len && (value[len - 1] == ' ' || value[len - 1] == '\t' || value[len - 1] == '\r'))
		len--;
	if (len >= size)
		len = size - 1;
	memcpy(buf, value, len);
	buf[len] = '\0';
	return buf;
}

static int one_of(int rc, int n, const char *field, const char *what, const char *value,
		  struct kh_error *err)
{
	if (rc == 0 && n > 1)
		return kh_error_set(err, KH_ECONFLICT, field, "%s: more than one %s has %s %s",
				    field, what, field, value);
	return rc;
}

/* By the column field of table equal to the row's value (trimmed). */
static int by_column(struct kh_ctx *ctx, json_t *input, const char *table, const char *field,
		     const char *column, const char *what, int64_t within, int64_t *id,
		     const char **key, struct kh_error *err)
{
	const char *v = text_of(input, field);
	char buf[1024];
	int n = 0, rc;

	if (!v)
		return 0;
	v = trimmed(v, buf, sizeof(buf));
	rc = kh_store_import_find(ctx->store, table, column, v, within, id, &n, err);
	if ((rc = one_of(rc, n, field, what, v, err)) == 0 && *id)
		*key = field;
	return rc;
}

/* The id column, when the sheet has one: it must name a live record. */
static int by_id(struct kh_ctx *ctx, json_t *input, const char *table, const char *what,
		 int64_t *id, const char **key, struct kh_error *err)
{
	const char *v = text_of(input, "id");
	int64_t n;
	int count = 0, rc;
	char buf[32];

	if (!v)
		return 0;
	if ((rc = kh_parse_int64(v, 1, INT64_MAX, &n, "id", err)))
		return rc;
	snprintf(buf, sizeof(buf), "%lld", (long long)n);
	rc = kh_store_import_find(ctx->store, table, "id", buf, 0, id, &count, err);
	if (rc == 0 && !*id)
		return kh_error_set(err, KH_EINVAL, "id", "id: no %s with id %lld", what,
				    (long long)n);
	if (rc == 0)
		*key = "id";
	return rc;
}

static bool has_credit_code(void)
{
	return kh_entity_field(&kh_customer_entity, "credit_code") != NULL;
}

int kh_import_customer_key(struct kh_ctx *ctx, json_t *input, int64_t *id, const char **key,
			   struct kh_error *err)
{
	const char *phone = text_of(input, "phone");
	struct kh_phone ph;
	int n = 0, rc;

	*id = 0;
	*key = NULL;
	if (text_of(input, "id"))
		return by_id(ctx, input, "customers", "customer", id, key, err);
	/* The first key the row gives decides; a later one is only a value. */
	if (has_credit_code() && text_of(input, "credit_code"))
		return by_column(ctx, input, "customers", "credit_code", "credit_code", "customer",
				 0, id, key, err);
	if (text_of(input, "name"))
		return by_column(ctx, input, "customers", "name", "name", "customer", 0, id, key,
				 err);
	if (!phone)
		return 0;
	if ((rc = kh_phone_normalize(phone, &ph, "phone", err)))
		return rc;
	rc = kh_store_import_find_phone(ctx->store, ph.number, id, &n, err);
	if ((rc = one_of(rc, n, "phone", "customer", ph.number, err)) == 0 && *id)
		*key = "phone";
	return rc;
}

int kh_import_contact_key(struct kh_ctx *ctx, json_t *input, int64_t *id, const char **key,
			  struct kh_error *err)
{
	int64_t customer = json_integer_value(json_object_get(input, "customer"));
	const char *mobile = text_of(input, "mobile");
	struct kh_phone ph;
	int n = 0, rc;

	*id = 0;
	*key = NULL;
	if (text_of(input, "id"))
		return by_id(ctx, input, "contacts", "contact", id, key, err);
	if (!customer)
		return 0;
	/* A mobile number tells people apart better than a name. */
	if (mobile && kh_phone_normalize(mobile, &ph, "mobile", NULL) == 0) {
		rc = kh_store_import_find(ctx->store, "contacts", "mobile", ph.number, customer, id,
					  &n, err);
		if ((rc = one_of(rc, n, "mobile", "contact", ph.number, err)) || *id) {
			*key = *id ? "mobile" : NULL;
			return rc;
		}
	}
	return by_column(ctx, input, "contacts", "name", "name", "contact", customer, id, key,
			 err);
}

int kh_import_product_key(struct kh_ctx *ctx, json_t *input, int64_t *id, const char **key,
			  struct kh_error *err)
{
	*id = 0;
	*key = NULL;
	if (text_of(input, "id"))
		return by_id(ctx, input, "products", "product", id, key, err);
	return by_column(ctx, input, "products", "code", "code", "product", 0, id, key, err);
}

int kh_import_opportunity_key(struct kh_ctx *ctx, json_t *input, int64_t *id,
			      const char **key, struct kh_error *err)
{
	int64_t customer = json_integer_value(json_object_get(input, "customer"));

	*id = 0;
	*key = NULL;
	if (text_of(input, "id"))
		return by_id(ctx, input, "opportunities", "opportunity", id, key, err);
	if (!customer)
		return 0;
	return by_column(ctx, input, "opportunities", "name", "name", "opportunity", customer, id,
			 key, err);
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* Look text up by column of table (within a customer when within > 0). */
static int find(struct kh_ctx *ctx, const char *table, const char *column, const char *field,
		const char *text, int64_t within, int64_t *id, struct kh_error *err)
{
	int n = 0, rc = kh_store_import_find(ctx->store, table, column, text, within, id, &n, err);

	return one_of(rc, n, field, table, text, err);
}

int kh_import_resolve_ref(struct kh_ctx *ctx, const char *table, const char *field,
			  const char *text, int64_t customer_id, int64_t *id, struct kh_error *err)
{
	char buf[1024];
	int n = 0, rc = 0;

	*id = 0;
	text = trimmed(text, buf, sizeof(buf));
	if (strcmp(table, "customers") == 0) {
		if (has_credit_code())
			rc = find(ctx, table, "credit_code", field, text, 0, id, err);
		if (rc == 0 && !*id)
			rc = find(ctx, table, "name", field, text, 0, id, err);
	} else if (strcmp(table, "products") == 0) {
		rc = find(ctx, table, "code", field, text, 0, id, err);
		if (rc == 0 && !*id)
			rc = find(ctx, table, "name", field, text, 0, id, err);
	} else if (strcmp(table, "users") == 0) {
		rc = kh_store_import_find_user(ctx->store, text, id, &n, err);
		rc = one_of(rc, n, field, "user", text, err);
	} else if (strcmp(table, "teams") == 0) {
		rc = find(ctx, table, "name", field, text, 0, id, err);
	} else if (customer_id > 0) {
		rc = find(ctx, table, "name", field, text, customer_id, id, err);
	}
	if (rc || *id)
		return rc;
	/* An id, as an export from kehu gives it; the service checks it. */
	if (all_digits(text))
		return kh_parse_int64(text, 1, INT64_MAX, id, field, err);
	return kh_error_set(err, KH_EINVAL, field, "%s: no %s called %s", field, field, text);
}
