/* scope.c: binding the data-scope expressions of scope.h. */
#include "store/scope.h"

#include "base/banned.h"

static void bind_int(sqlite3_stmt *s, const char *name, int64_t v)
{
	int idx = sqlite3_bind_parameter_index(s, name);

	if (idx)
		sqlite3_bind_int64(s, idx, v);
}

static void bind_ids(sqlite3_stmt *s, const char *name, json_t *ids)
{
	int idx = sqlite3_bind_parameter_index(s, name);

	if (idx && ids)
		kh_store_bind_json(s, idx, ids);
	else if (idx)
		sqlite3_bind_text(s, idx, "[]", -1, SQLITE_STATIC);
}

void kh_store_scope_bind(sqlite3_stmt *s, const struct kh_scope *scope)
{
	bind_int(s, ":scope_all", !scope || scope->all);
	bind_ids(s, ":scope_owners", scope ? scope->owner_ids : NULL);
	bind_int(s, ":scope_pool", scope && scope->include_pool);
	bind_int(s, ":scope_user", scope ? scope->shared_with : 0);
	bind_int(s, ":scope_manager", !scope || scope->manager);
	bind_ids(s, ":scope_teams", scope ? scope->teams : NULL);
}
