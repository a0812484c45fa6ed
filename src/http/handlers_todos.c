/*
 * handlers_todos.c: the to-do centre's routes (service/work/todo.h):
 * GET /todos (every count and each kind's first items, or ?kind=K one list
 * with its cursor), POST /todos/done and POST /todos/snooze.
 */
#include "http/handlers.h"

#include <string.h>

#include "base/parse.h"
#include "service/work/todo.h"
#include "base/banned.h"

static const char *query(struct kh_http_req *r, const char *name)
{
	return json_string_value(json_object_get(r->query, name));
}

int kh_h_todos(struct kh_http_req *r, struct kh_error *err)
{
	static const char *const allowed[] = {"kind", "limit", "cursor", "items", NULL};
	const char *items = query(r, "items");
	const char *kind = query(r, "kind"), *cursor = query(r, "cursor");
	int64_t limit = 0;
	json_t *out = NULL;
	int rc = kh_http_query_only(r, allowed, err);

	if (rc)
		return rc;
	if (query(r, "limit") &&
	    (rc = kh_parse_int64(query(r, "limit"), 1, KH_TODO_LIST_MAX, &limit, "limit", err)))
		return rc;
	if (items && strcmp(items, "0"))
		return kh_error_set(err, KH_EINVAL, "items", "%s must be %s", "items",
				    "0 (the counts alone)");
	if (items && !kind) {
		struct kh_todo_counts c;

		if ((rc = kh_todo_counts(&r->ctx, &c, err)))
			return rc;
		return kh_http_reply(r, 200, json_pack("{s:o, s:I}", "counts", kh_todo_counts_json(&c),
						       "count_cap", (json_int_t)KH_TODO_COUNT_CAP));
	}
	if (cursor && !kind)
		return kh_error_set(err, KH_EINVAL, "cursor", "a cursor pages one kind: give kind too");
	rc = kind ? kh_todo_list(&r->ctx, kind, (int)limit, cursor, &out, err)
		  : kh_todo_overview(&r->ctx, limit ? (int)limit : 10, &out, err);
	return rc ? rc : kh_http_reply(r, 200, out);
}

/* The body {"kind", "id"[, "until"]} of a mark; until only when snoozing. */
static int mark_body(struct kh_http_req *r, bool snooze, const char **kind, const char **id,
		     const char **until, struct kh_error *err)
{
	static const char *const done_names[] = {"kind", "id", NULL};
	static const char *const snooze_names[] = {"kind", "id", "until", NULL};
	const char *const names[] = {"kind", "id", "until"};
	const char **out[] = {kind, id, until};
	int rc = kh_http_body_only(r, snooze ? snooze_names : done_names, err);

	for (size_t i = 0; rc == 0 && i < (snooze ? 3u : 2u); i++) {
		json_t *v = json_object_get(r->body, names[i]);

		if (!json_is_string(v))
			return kh_error_set(err, KH_EINVAL, names[i], "%s is required", names[i]);
		*out[i] = json_string_value(v);
	}
	return rc;
}

int kh_h_todo_done(struct kh_http_req *r, struct kh_error *err)
{
	const char *kind, *id, *until = NULL;
	int rc = mark_body(r, false, &kind, &id, &until, err);

	if (rc == 0)
		rc = kh_todo_mark_done(&r->ctx, kind, id, err);
	return rc ? rc : kh_http_reply(r, 200, json_pack("{s:s, s:s, s:b}", "kind", kind, "id",
							  id, "done", 1));
}

int kh_h_todo_snooze(struct kh_http_req *r, struct kh_error *err)
{
	const char *kind, *id, *until = NULL;
	int rc = mark_body(r, true, &kind, &id, &until, err);

	if (rc == 0)
		rc = kh_todo_snooze(&r->ctx, kind, id, until, err);
	return rc ? rc : kh_http_reply(r, 200, json_pack("{s:s, s:s, s:s}", "kind", kind, "id",
							  id, "snoozed_until", until));
}
