/*
 * account_input.c: the input checks and the list query that users and teams
 * share (see account_input.h).
 */
#include "service/accounts/account_input.h"

#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "base/utf8.h"
#include "store/accounts/auth.h"
#include "base/banned.h"

bool kh_account_is_admin(const struct kh_ctx *ctx)
{
	return ctx->actor.role == KH_ROLE_SYSTEM || ctx->actor.role == KH_ROLE_ADMIN;
}

int kh_account_need_admin(const struct kh_ctx *ctx, const char *what, struct kh_error *err)
{
	if (kh_account_is_admin(ctx))
		return 0;
	return kh_error_set(err, KH_EPERM, "", "only admins may change %s", what);
}

int kh_account_text(json_t *v, const char *name, size_t max, json_t **out,
		    struct kh_error *err)
{
	const char *s;

	if (json_is_null(v)) {
		*out = json_null();
		return 0;
	}
	if (!json_is_string(v))
		return kh_error_set(err, KH_EINVAL, name, "%s must be a string", name);
	s = json_string_value(v);
	if (!kh_utf8_valid(s, json_string_length(v)) || strchr(s, '\n'))
		return kh_error_set(err, KH_EINVAL, name, "%s must be one line of UTF-8 text", name);
	if (kh_utf8_count(s) > max)
		return kh_error_set(err, KH_EINVAL, name, "%s is longer than %zu characters", name,
				    max);
	*out = json_incref(v);
	return 0;
}

int kh_account_id(json_t *v, const char *name, int64_t *id, struct kh_error *err)
{
	if (json_is_integer(v) && json_integer_value(v) > 0) {
		*id = json_integer_value(v);
		return 0;
	}
	if (json_is_string(v))
		return kh_parse_int64(json_string_value(v), 1, INT64_MAX, id, name, err);
	return kh_error_set(err, KH_EINVAL, name, "%s must be an id", name);
}

int kh_account_live_ref(struct kh_ctx *ctx, const char *table, int64_t id, const char *name,
			struct kh_error *err)
{
	json_t *row = NULL;
	int rc = kh_store_get(ctx->store, table, id, &row, NULL);

	if (rc == 0 && !json_is_null(json_object_get(row, "deleted_at")))
		rc = KH_ENOTFOUND;
	json_decref(row);
	if (rc == KH_ENOTFOUND)
		return kh_error_set(err, KH_EINVAL, name, "%s: no such %s (id %lld)", name, name,
				    (long long)id);
	return rc ? kh_error_set(err, rc, name, "the database failed") : 0;
}

int kh_account_team_ref(struct kh_ctx *ctx, json_t *v, const char *name, int64_t *id,
			struct kh_error *err)
{
	int rc;

	if (json_is_string(v) && kh_parse_int64(json_string_value(v), 1, INT64_MAX, id, name,
						 NULL)) {
		rc = kh_store_team_by_name(ctx->store, json_string_value(v), id, NULL);
		if (rc == KH_ENOTFOUND)
			return kh_error_set(err, KH_EINVAL, name, "%s: no team called %s", name,
					    json_string_value(v));
		return rc ? kh_error_set(err, rc, name, "the database failed") : 0;
	}
	if ((rc = kh_account_id(v, name, id, err)))
		return rc;
	return kh_account_live_ref(ctx, "teams", *id, name, err);
}

static int page_check(const struct kh_list_params *p, struct kh_error *err)
{
	if (p->per_page < 1 || p->per_page > 500)
		return kh_error_set(err, KH_EINVAL, "per_page", "per_page must be 1..500");
	if (p->page < 1 || p->page > 1000000)
		return kh_error_set(err, KH_EINVAL, "page", "page must be 1..1000000");
	return 0;
}

int kh_account_list(struct kh_ctx *ctx, const char *table, const struct kh_list_params *p,
		    const char *const *names, const char *const *columns, size_t nnames,
		    json_t *only_ids, json_t **out, struct kh_error *err)
{
	struct kh_store_filter filters[8];
	json_t *values[8], *rows = NULL, *v;
	struct kh_store_query q = {.table = table};
	const char *key;
	size_t n = 0;
	int64_t total = 0, num;
	int rc = 0;

	if ((rc = page_check(p, err)))
		return rc;
	json_object_foreach(p->filters, key, v) {
		size_t i;

		for (i = 0; i < nnames && strcmp(names[i], key); i++)
			;
		if (i == nnames || n >= 7) {
			rc = kh_error_set(err, KH_EINVAL, key, "%s cannot be filtered by %s", table,
					  key);
			goto out;
		}
		if (!json_is_string(v)) {
			values[n] = json_incref(v);
		} else if (strcmp(columns[i], "role") && strcmp(columns[i], "name") &&
			   strcmp(columns[i], "login")) {
			if ((rc = kh_parse_int64(json_string_value(v), 0, INT64_MAX, &num, key,
						 err)))
				goto out;
			values[n] = json_integer(num);
		} else {
			values[n] = json_incref(v);
		}
		filters[n].column = columns[i];
		filters[n].op = "=";
		filters[n].value = values[n];
		n++;
	}
	if (only_ids) {
		filters[n].column = "id";
		filters[n].op = "in_ids";
		filters[n].value = only_ids;
		values[n++] = json_incref(only_ids);
	}
	if (p->sort && *p->sort) {
		const char *name = p->sort[0] == '-' ? p->sort + 1 : p->sort;
		size_t i;

		for (i = 0; i < nnames && strcmp(names[i], name); i++)
			;
		if (i == nnames && strcmp(name, "id")) {
			rc = kh_error_set(err, KH_EINVAL, "sort", "%s cannot be sorted by %s", table,
					  name);
			goto out;
		}
		q.sort = i == nnames ? "id" : columns[i];
		q.descending = p->sort[0] == '-';
	}
	q.filters = filters;
	q.nfilters = n;
	q.limit = p->per_page;
	q.offset = (p->page - 1) * p->per_page;
	if ((rc = kh_store_list(ctx->store, &q, &rows, &total, err)))
		goto out;
	*out = json_pack("{s:o, s:I, s:I, s:I}", "items", rows, "total", (json_int_t)total,
			 "page", (json_int_t)p->page, "per_page", (json_int_t)p->per_page);
	rows = NULL;
out:
	for (size_t i = 0; i < n; i++)
		json_decref(values[i]);
	return rc;
}

