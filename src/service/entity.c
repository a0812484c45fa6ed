/*
 * entity.c: registry-driven create, update, get, list and delete. The
 * per-entity field tables live in fields.c; this file turns input into
 * columns (validating every value), columns back into the API form, and
 * wraps each change with the permission check, the index hooks and the
 * audit record in one transaction.
 */
#include "service/entity.h"
#include "service/entity_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/credit_code.h"
#include "base/parse.h"
#include "base/phone.h"
#include "base/utf8.h"
#include "base/search_key.h"
#include "service/customer_list.h"
#include "service/list_cursor.h"
#include "service/permission.h"
#include "base/banned.h"

#define DEFAULT_TEXT_MAX 200
#define DEFAULT_LONGTEXT_MAX 10000
#define CUSTOM_JSON_MAX 16384

const struct kh_field *kh_entity_field(const struct kh_entity *e, const char *name)
{
	for (size_t i = 0; i < e->nfields; i++)
		if (strcmp(e->fields[i].name, name) == 0)
			return &e->fields[i];
	return NULL;
}

static const struct kh_field *field_by_column(const struct kh_entity *e, const char *column)
{
	for (size_t i = 0; i < e->nfields; i++)
		if (strcmp(e->fields[i].column, column) == 0)
			return &e->fields[i];
	return NULL;
}

const char *kh_entity_scalar_text(json_t *v, char buf[64])
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(buf, 64, "%lld", (long long)json_integer_value(v));
		return buf;
	}
	if (json_is_real(v)) {
		double d = json_real_value(v);

		if (!isfinite(d))
			return NULL;
		snprintf(buf, 64, "%.15g", d);
		return buf;
	}
	if (json_is_boolean(v))
		return json_is_true(v) ? "true" : "false";
	return NULL;
}

static int check_text(const struct kh_field *f, const char *s, json_t **out,
		      struct kh_error *err)
{
	size_t len = strlen(s), max;
	const char *start = s, *end = s + len;

	while (start < end && (*start == ' ' || *start == '\t' || *start == '\n' || *start == '\r'))
		start++;
	while (end > start && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' ||
			       end[-1] == '\r'))
		end--;
	if (!kh_utf8_valid(s, len))
		return kh_error_set(err, KH_EINVAL, f->name,
				    "%s is not valid UTF-8 text (or contains control characters)",
				    f->name);
	if (f->type == KH_F_TEXT && memchr(start, '\n', (size_t)(end - start)))
		return kh_error_set(err, KH_EINVAL, f->name, "%s must be a single line", f->name);
	max = f->max ? (size_t)f->max
		     : (f->type == KH_F_LONGTEXT ? DEFAULT_LONGTEXT_MAX : DEFAULT_TEXT_MAX);
	*out = json_stringn(start, (size_t)(end - start));
	if (!*out)
		return kh_error_set(err, KH_ENOMEM, f->name, "out of memory");
	if (kh_utf8_count(json_string_value(*out)) > max) {
		json_decref(*out);
		*out = NULL;
		return kh_error_set(err, KH_EINVAL, f->name, "%s is longer than %zu characters",
				    f->name, max);
	}
	if (json_string_length(*out) == 0) {
		json_decref(*out);
		*out = (f->flags & KH_FIELD_REQUIRED) ? NULL : json_null();
		if (!*out)
			return kh_error_set(err, KH_EINVAL, f->name, "%s must not be empty",
					    f->name);
	}
	return 0;
}

static int parse_bool(const struct kh_field *f, json_t *v, json_t **out, struct kh_error *err)
{
	static const char *const yes[] = {"true", "1", "yes", "y", "是", NULL};
	static const char *const no[] = {"false", "0", "no", "n", "否", NULL};
	char buf[64];
	const char *s = kh_entity_scalar_text(v, buf);

	/* any case: Excel writes TRUE and FALSE */
	for (int i = 0; s && yes[i]; i++)
		if (strcasecmp(s, yes[i]) == 0)
			return (*out = json_integer(1)) ? 0 : KH_ENOMEM;
	for (int i = 0; s && no[i]; i++)
		if (strcasecmp(s, no[i]) == 0)
			return (*out = json_integer(0)) ? 0 : KH_ENOMEM;
	return kh_error_set(err, KH_EINVAL, f->name, "%s must be true or false", f->name);
}

static int check_ref(struct kh_ctx *ctx, const struct kh_field *f, int64_t id,
		     struct kh_error *err)
{
	json_t *row = NULL;
	int level, rc;

	if (strcmp(f->ref, "customers") == 0)
		return kh_perm_customer(ctx, id, true, &level, err);
	rc = kh_store_get(ctx->store, f->ref, id, &row, err);
	if (rc == 0 && json_object_get(row, "deleted_at") &&
	    !json_is_null(json_object_get(row, "deleted_at")))
		rc = KH_ENOTFOUND;
	/* A contact, order or opportunity of a customer the actor may not see
	 * answers like one that does not exist. */
	if (rc == 0 && json_is_integer(json_object_get(row, "customer_id"))) {
		rc = kh_perm_customer(ctx, json_integer_value(json_object_get(row, "customer_id")),
				      false, &level, err);
		if (rc == KH_EPERM)
			rc = KH_ENOTFOUND;
	}
	json_decref(row);
	if (rc == KH_ENOTFOUND)
		return kh_error_set(err, KH_EINVAL, f->name, "%s: no such %s (id %lld)", f->name,
				    f->name, (long long)id);
	return rc;
}

int kh_entity_convert_value(struct kh_ctx *ctx, const struct kh_field *f, json_t *v,
			    json_t **out, struct kh_error *err)
{
	char buf[64];
	const char *s;
	int64_t n;
	int32_t days;
	int rc;

	*out = NULL;
	if (json_is_null(v)) {
		if (f->flags & KH_FIELD_REQUIRED)
			return kh_error_set(err, KH_EINVAL, f->name, "%s is required", f->name);
		*out = json_null();
		return 0;
	}
	if (f->type == KH_F_JSON) {
		char *text;
		size_t len;

		if (!json_is_object(v))
			return kh_error_set(err, KH_EINVAL, f->name, "%s must be an object",
					    f->name);
		text = json_dumps(v, JSON_COMPACT);
		len = text ? strlen(text) : 0;
		free(text);
		if (len > CUSTOM_JSON_MAX)
			return kh_error_set(err, KH_EINVAL, f->name,
					    "%s is larger than %d bytes", f->name, CUSTOM_JSON_MAX);
		*out = json_incref(v);
		return 0;
	}
	s = kh_entity_scalar_text(v, buf);
	if (!s)
		return kh_error_set(err, KH_EINVAL, f->name, "%s must be a single value, not a list "
				    "or object", f->name);
	switch (f->type) {
	case KH_F_TEXT:
	case KH_F_LONGTEXT:
		return check_text(f, s, out, err);
	case KH_F_INT:
	case KH_F_REF:
		rc = kh_parse_int64(s, f->type == KH_F_REF ? 1 : f->min,
				    f->type == KH_F_REF ? INT64_MAX : f->max, &n, f->name, err);
		if (rc)
			return rc;
		if (f->type == KH_F_REF && (rc = check_ref(ctx, f, n, err)))
			return rc;
		*out = json_integer(n);
		break;
	case KH_F_MONEY:
		rc = kh_parse_money(s, f->min < 0, &n, f->name, err);
		if (rc)
			return rc;
		*out = json_integer(n);
		break;
	case KH_F_DATE:
		rc = kh_parse_date(s, &days, f->name, err);
		if (rc)
			return rc;
		*out = json_string(s);
		break;
	case KH_F_BOOL:
		return parse_bool(f, v, out, err);
	case KH_F_ENUM:
		for (size_t i = 0; f->values[i]; i++)
			if (strcmp(s, f->values[i]) == 0)
				return (*out = json_string(s)) ? 0 : KH_ENOMEM;
		{
			char list[512] = "";
			size_t used = 0;

			for (size_t i = 0; f->values[i] && used < sizeof(list); i++)
				used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%s",
							 i ? ", " : "", f->values[i]);
			return kh_error_set(err, KH_EINVAL, f->name, "%s must be one of: %s",
					    f->name, list);
		}
	case KH_F_PHONE: {
		struct kh_phone ph;

		if (!*s) {
			*out = json_null();
			return 0;
		}
		rc = kh_phone_normalize(s, &ph, f->name, err);
		if (rc)
			return rc;
		if (ph.extension[0])
			snprintf(buf, sizeof(buf), "%s-%s", ph.number, ph.extension);
		else
			snprintf(buf, sizeof(buf), "%s", ph.number);
		*out = json_string(buf);
		break;
	}
	case KH_F_CREDIT_CODE: {
		char code[KH_CREDIT_CODE_LEN + 1];

		if (!*s) {
			*out = json_null();
			return 0;
		}
		if ((rc = kh_credit_code_normalize(s, code, f->name, err)))
			return rc;
		*out = json_string(code);
		break;
	}
	case KH_F_EMAIL: {
		const char *at = strchr(s, '@');

		if (!*s) {
			*out = json_null();
			return 0;
		}
		if (!at || at == s || !strchr(at, '.') || strchr(at + 1, '@') || strpbrk(s, " \t<>,;\"") ||
		    strlen(s) > 254 || !kh_utf8_valid(s, strlen(s)))
			return kh_error_set(err, KH_EINVAL, f->name,
					    "%s must be an email address like name@example.com",
					    f->name);
		*out = json_string(s);
		break;
	}
	default:
		return kh_error_set(err, KH_EINVAL, f->name, "%s has an unknown type", f->name);
	}
	return *out ? 0 : kh_error_set(err, KH_ENOMEM, f->name, "out of memory");
}

/* A date written must lie in its field's range (f->min, f->max): one stray
 * 1900-01-01 order would otherwise stretch every report over 125 years. */
static int check_date_range(const struct kh_field *f, json_t *value, struct kh_error *err)
{
	int32_t day, first, last, today = kh_today();
	char from[11], to[11];
	int y;
	unsigned m, d;

	if (!json_is_string(value) || kh_parse_date(json_string_value(value), &day, f->name, err))
		return json_is_null(value) ? 0 : KH_EINVAL;
	kh_civil_from_days(today, &y, &m, &d);
	first = kh_days_from_civil((int)f->min, 1, 1);
	/* 29 February plus N years may not exist: 1 March is the last day then */
	last = kh_days_from_civil(y + (int)f->max, m, d);
	if (day >= first && day <= last)
		return 0;
	kh_date_format(first, from);
	kh_date_format(last, to);
	return kh_error_set(err, KH_EINVAL, f->name, "%s must be between %s and %s", f->name,
			    from, to);
}

int kh_entity_value(struct kh_ctx *ctx, const struct kh_field *f, json_t *v, json_t **out,
		    struct kh_error *err)
{
	int rc = kh_entity_convert_value(ctx, f, v, out, err);

	if (rc == 0 && f->type == KH_F_DATE && (rc = check_date_range(f, *out, err))) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

static bool is_system_field(const char *name)
{
	return strcmp(name, "id") == 0 || strcmp(name, "created_at") == 0 ||
	       strcmp(name, "updated_at") == 0 || strcmp(name, "deleted_at") == 0;
}

/* The customer an input or row hangs off, or 0. */
static int64_t customer_of(const struct kh_entity *e, json_t *columns, json_t *row, int64_t id)
{
	json_t *v;

	if (strcmp(e->table, "customers") == 0)
		return id;
	v = json_object_get(columns, "customer_id");
	if (!json_is_integer(v))
		v = json_object_get(row, "customer_id");
	return json_is_integer(v) ? json_integer_value(v) : 0;
}

/* Input -> columns. old is the stored row on update, NULL on create. */
static int input_to_columns(struct kh_ctx *ctx, const struct kh_entity *e, json_t *input,
			    json_t *old, int max_level, json_t **columns, struct kh_error *err)
{
	json_t *cols = json_object(), *v, *cv;
	const char *key;
	int rc = 0;

	if (!json_is_object(input))
		return kh_error_set(err, KH_EINVAL, "", "the %s must be a JSON object", e->name);
	json_object_foreach(input, key, v) {
		const struct kh_field *f = kh_entity_field(e, key);

		if (!f) {
			if (is_system_field(key))
				continue;
			rc = kh_error_set(err, KH_EINVAL, key, "%s has no field %s", e->name, key);
			goto out;
		}
		if (f->flags & KH_FIELD_READONLY) {
			rc = kh_error_set(err, KH_EINVAL, key, "%s is kept by kehu and cannot be set",
					  key);
			goto out;
		}
		if (old && (f->flags & KH_FIELD_FIXED)) {
			rc = kh_error_set(err, KH_EINVAL, key, "%s cannot be changed after creation",
					  key);
			goto out;
		}
		if (f->level > max_level) {
			rc = kh_error_set(err, KH_EPERM, key, "you may not change %s (level %d "
					  "information)", key, f->level);
			goto out;
		}
		rc = kh_entity_convert_value(ctx, f, v, &cv, err);
		if (rc == 0 && f->type == KH_F_DATE)
			rc = check_date_range(f, cv, err);
		if (rc) {
			json_decref(cv);
			goto out;
		}
		json_object_set_new(cols, f->column, cv);
	}
	if (!old) {
		for (size_t i = 0; i < e->nfields; i++) {
			const struct kh_field *f = &e->fields[i];

			if ((f->flags & KH_FIELD_REQUIRED) && !json_object_get(cols, f->column)) {
				rc = kh_error_set(err, KH_EINVAL, f->name, "%s is required", f->name);
				goto out;
			}
		}
	}
out:
	if (rc)
		json_decref(cols);
	else
		*columns = cols;
	return rc;
}

/* The records a row names (its contact, the contact reported to, its order
 * or opportunity) must belong to the row's own customer. */
static int check_same_customer(struct kh_ctx *ctx, const struct kh_entity *e, json_t *cols,
			       int64_t customer_id, struct kh_error *err)
{
	int rc = 0;

	for (size_t i = 0; i < e->nfields && rc == 0 && customer_id; i++) {
		const struct kh_field *f = &e->fields[i];
		json_t *v = json_object_get(cols, f->column), *row = NULL;

		if (f->type != KH_F_REF || !json_is_integer(v) || strcmp(f->ref, "customers") == 0 ||
		    strcmp(f->ref, "users") == 0 || strcmp(f->ref, "teams") == 0)
			continue;
		rc = kh_store_get(ctx->store, f->ref, json_integer_value(v), &row, err);
		if (rc == 0 && json_integer_value(json_object_get(row, "customer_id")) != customer_id)
			rc = kh_error_set(err, KH_EINVAL, f->name, "%s: that %s belongs to another "
					  "customer", f->name, f->name);
		json_decref(row);
	}
	return rc;
}

json_t *kh_entity_present(const struct kh_entity *e, json_t *row, int max_level)
{
	json_t *out = json_object(), *v;
	const char *key;
	char buf[32];

	json_object_foreach(row, key, v) {
		const struct kh_field *f = field_by_column(e, key);

		if (!f) {
			if (strcmp(key, "id") == 0 || strcmp(key, "created_at") == 0 ||
			    strcmp(key, "updated_at") == 0)
				json_object_set(out, key, v);
			continue;
		}
		if (f->level > max_level)
			continue;
		if (f->type == KH_F_MONEY && json_is_integer(v)) {
			kh_money_format(json_integer_value(v), buf);
			json_object_set_new(out, f->name, json_string(buf));
		} else if (f->type == KH_F_BOOL && json_is_integer(v)) {
			json_object_set_new(out, f->name, json_boolean(json_integer_value(v)));
		} else {
			json_object_set(out, f->name, v);
		}
	}
	if (e->present)
		e->present(row, out);
	return out;
}

/* {"field": [old, new]} over the fields that changed. */
static json_t *diff(const struct kh_entity *e, json_t *old, json_t *cols)
{
	json_t *changes = json_object(), *v;
	const char *key;

	json_object_foreach(cols, key, v) {
		const struct kh_field *f = field_by_column(e, key);
		json_t *was = old ? json_object_get(old, key) : NULL;

		if (!f || (was && json_equal(was, v)))
			continue;
		if (!was && json_is_null(v))
			continue;
		json_object_set_new(changes, f->name,
				    json_pack("[OO]", was ? was : json_null(), v));
	}
	return changes;
}

int kh_entity_row_min_level(const struct kh_entity *e)
{
	int min = 3;

	for (size_t i = 0; i < e->nfields; i++)
		if (strcmp(e->fields[i].name, "customer") && e->fields[i].level < min)
			min = e->fields[i].level;
	return min;
}

/* Entities whose rows name the user they belong to: they need a customer
 * or that user to be seen. */
static bool has_user(const struct kh_entity *e)
{
	return e == &kh_task_entity || e == &kh_activity_entity;
}

/* The column naming whose a row without a customer is: a task's or an
 * activity's user, a lead's owner; NULL for the others. */
static const char *user_column(const struct kh_entity *e)
{
	if (has_user(e))
		return "user_id";
	return e == &kh_lead_entity ? "owner_id" : NULL;
}

/* May the actor see (write: change) stored row id of e (NULL on create), and
 * at which level? A row without a customer follows its user, if it has one. */
static int max_level_for(struct kh_ctx *ctx, const struct kh_entity *e, int64_t customer_id,
			 json_t *row, int64_t id, bool write, struct kh_error *err, int *level)
{
	int rc;

	if (customer_id == 0) {
		*level = 3;
		if (row && user_column(e))
			return kh_perm_user_record(ctx,
						   json_integer_value(json_object_get(row,
										      user_column(e))),
						   write, e->name, id, err);
		return kh_perm_entity(ctx, e->name, write, err);
	}
	/* A row below its level is absent, for a change too: seen first, then written. */
	rc = kh_perm_customer(ctx, customer_id, false, level, err);
	if (rc == 0 && row && *level < kh_entity_row_min_level(e))
		return kh_error_set(err, KH_ENOTFOUND, "id", "no %s with id %lld", e->name,
				    (long long)id);
	if (rc == 0 && write && *level < 3)
		rc = kh_perm_customer(ctx, customer_id, true, level, err);
	return rc;
}

static int after_change(struct kh_ctx *ctx, const struct kh_entity *e, int64_t id,
			json_t *old, int64_t customer_id, struct kh_error *err)
{
	json_t *row = NULL;
	int rc = 0;

	if (e->after_write) {
		rc = kh_store_get(ctx->store, e->table, id, &row, err);
		if (rc == 0)
			rc = e->after_write(ctx, id, old, row, err);
		json_decref(row);
	}
	if (rc == 0 && customer_id && !ctx->skip_metrics && e->customer_changed)
		rc = e->customer_changed(ctx, customer_id, err);
	if (rc == 0 && customer_id && e->pool_changed)
		rc = e->pool_changed(ctx, customer_id, err);
	return rc;
}

int kh_entity_create(struct kh_ctx *ctx, const struct kh_entity *e, json_t *input, int64_t *id,
		     struct kh_error *err)
{
	json_t *cols = NULL, *changes = NULL;
	int64_t customer_id = 0, new_id = 0;
	int level = 3, rc;

	rc = kh_store_begin(ctx->store, err);
	if (rc)
		return rc;
	if (e->prepare_create && json_is_object(input) &&
	    (rc = e->prepare_create(ctx, input, err)))
		goto out;
	/* The customer is checked first so that a missing customer is reported as
	 * such, before the levels of its fields are known. */
	if (json_is_object(input) && json_object_get(input, "customer") &&
	    strcmp(e->table, "customers")) {
		const struct kh_field *f = kh_entity_field(e, "customer");
		json_t *cv = NULL;

		if (f && (rc = kh_entity_convert_value(ctx, f, json_object_get(input, "customer"), &cv, err)))
			goto out;
		customer_id = json_is_integer(cv) ? json_integer_value(cv) : 0;
		json_decref(cv);
	}
	if ((rc = max_level_for(ctx, e, customer_id, NULL, 0, true, err, &level)))
		goto out;
	if ((rc = input_to_columns(ctx, e, input, NULL, level, &cols, err)))
		goto out;
	if ((rc = check_same_customer(ctx, e, cols, customer_id, err)))
		goto out;
	if (has_user(e) && (rc = kh_perm_record_user(ctx, e->table, cols, NULL, err)))
		goto out;
	if (e->check_write && (rc = e->check_write(ctx, 0, NULL, cols, err)))
		goto out;
	if (strcmp(e->table, "customers") == 0 && ctx->actor.user_id &&
	    !json_object_get(cols, "owner_id"))
		json_object_set_new(cols, "owner_id", json_integer(ctx->actor.user_id));
	if ((rc = kh_store_insert(ctx->store, e->table, cols, &new_id, err)))
		goto out;
	if ((rc = after_change(ctx, e, new_id, NULL, customer_of(e, cols, NULL, new_id), err)))
		goto out;
	changes = diff(e, NULL, cols);
	if ((rc = kh_store_audit(ctx->store, ctx->actor.user_id, "create", e->name, new_id,
				 changes, err)))
		goto out;
	rc = kh_store_commit(ctx->store, err);
out:
	if (rc)
		kh_store_rollback(ctx->store);
	else
		*id = new_id;
	json_decref(cols);
	json_decref(changes);
	return rc;
}

/* The live row id of e, or KH_ENOTFOUND. */
static int get_live(struct kh_ctx *ctx, const struct kh_entity *e, int64_t id, json_t **row,
		    struct kh_error *err)
{
	int rc = kh_store_get(ctx->store, e->table, id, row, err);

	if (rc == 0 && !json_is_null(json_object_get(*row, "deleted_at"))) {
		json_decref(*row);
		*row = NULL;
		rc = KH_ENOTFOUND;
	}
	if (rc == KH_ENOTFOUND)
		return kh_error_set(err, KH_ENOTFOUND, "id", "no %s with id %lld", e->name,
				    (long long)id);
	return rc;
}

int kh_entity_update(struct kh_ctx *ctx, const struct kh_entity *e, int64_t id, json_t *input,
		     struct kh_error *err)
{
	json_t *old = NULL, *cols = NULL, *changes = NULL;
	int64_t customer_id;
	int level, rc;

	rc = kh_store_begin(ctx->store, err);
	if (rc)
		return rc;
	if ((rc = get_live(ctx, e, id, &old, err)))
		goto out;
	customer_id = customer_of(e, NULL, old, id);
	if ((rc = max_level_for(ctx, e, customer_id, old, id, true, err, &level)))
		goto out;
	if ((rc = input_to_columns(ctx, e, input, old, level, &cols, err)))
		goto out;
	if ((rc = check_same_customer(ctx, e, cols, customer_id, err)))
		goto out;
	if (has_user(e) && (rc = kh_perm_record_user(ctx, e->table, cols, old, err)))
		goto out;
	if (e->check_update && (rc = e->check_update(ctx, id, cols, err)))
		goto out;
	if (e->check_write && (rc = e->check_write(ctx, id, old, cols, err)))
		goto out;
	if (json_integer_value(json_object_get(cols, "reports_to")) == id &&
	    strcmp(e->table, "contacts") == 0) {
		rc = kh_error_set(err, KH_EINVAL, "reports_to", "a contact cannot report to itself");
		goto out;
	}
	changes = diff(e, old, cols);
	if (json_object_size(changes) == 0) {
		rc = kh_store_commit(ctx->store, err);
		goto out;
	}
	if ((rc = kh_store_update(ctx->store, e->table, id, cols, err)))
		goto out;
	if ((rc = after_change(ctx, e, id, old, customer_id, err)))
		goto out;
	if ((rc = kh_store_audit(ctx->store, ctx->actor.user_id, "update", e->name, id, changes,
				 err)))
		goto out;
	rc = kh_store_commit(ctx->store, err);
out:
	if (rc)
		kh_store_rollback(ctx->store);
	json_decref(old);
	json_decref(cols);
	json_decref(changes);
	return rc;
}

int kh_entity_delete(struct kh_ctx *ctx, const struct kh_entity *e, int64_t id,
		     struct kh_error *err)
{
	json_t *old = NULL, *cols = NULL;
	char now[21];
	int64_t customer_id;
	int level, rc;

	rc = kh_store_begin(ctx->store, err);
	if (rc)
		return rc;
	if ((rc = get_live(ctx, e, id, &old, err)))
		goto out;
	customer_id = customer_of(e, NULL, old, id);
	if ((rc = max_level_for(ctx, e, customer_id, old, id, true, err, &level)))
		goto out;
	kh_now_iso(now);
	cols = json_pack("{s:s}", "deleted_at", now);
	if ((rc = kh_store_update(ctx->store, e->table, id, cols, err)))
		goto out;
	if ((rc = after_change(ctx, e, id, old, strcmp(e->table, "customers") ? customer_id : 0, err)))
		goto out;
	if ((rc = kh_store_audit(ctx->store, ctx->actor.user_id, "delete", e->name, id, NULL,
				 err)))
		goto out;
	rc = kh_store_commit(ctx->store, err);
out:
	if (rc)
		kh_store_rollback(ctx->store);
	json_decref(old);
	json_decref(cols);
	return rc;
}

int kh_entity_get(struct kh_ctx *ctx, const struct kh_entity *e, int64_t id, json_t **out,
		  struct kh_error *err)
{
	json_t *row = NULL;
	int level, rc;

	if ((rc = get_live(ctx, e, id, &row, err)))
		return rc;
	rc = max_level_for(ctx, e, customer_of(e, NULL, row, id), row, id, false, err, &level);
	if (rc == 0)
		*out = kh_entity_present(e, row, level);
	json_decref(row);
	return rc;
}
