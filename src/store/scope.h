/*
 * scope.h (store-internal): the one SQL translation of a data scope. Who
 * sees a customer and at which information level is decided by the service
 * layer (service/permission.c builds struct kh_scope from the team tree);
 * every statement that filters by it (lists, reports, search, the phone
 * lookup, the single-customer check) uses these two expressions, so the
 * rule exists once.
 *
 * Both name their parameters (:scope_all, :scope_owners, :scope_pool,
 * :scope_user, :scope_manager, :scope_teams), so they mix with any other
 * parameters of a statement; kh_store_scope_bind binds them by name.
 */
#ifndef KH_STORE_SCOPE_H
#define KH_STORE_SCOPE_H

#include "store/store.h"

/* True when the customer row aliased c is in the scope: owned by one of the
 * scope's owners, shared with its user, or (with the pool) in the pool. */
#define KH_SCOPE_VISIBLE(c)                                                               \
	"(:scope_all OR " c ".owner_id IN (SELECT value FROM json_each(:scope_owners))"   \
	" OR (:scope_pool AND " c ".in_pool = 1)"                                          \
	" OR " c ".id IN (SELECT customer_id FROM customer_team WHERE user_id = :scope_user))"

/* The information level (1..3) of the customer row aliased c: 3 to its owner,
 * to write members and to managers over its owner; 2 to the departments above
 * the owner's (and to an unrestricted non-manager for an owned customer);
 * 1 otherwise (DOMAIN 1). Meaningful for visible customers only. */
#define KH_SCOPE_LEVEL(c)                                                                  \
	"(CASE WHEN " c ".owner_id = :scope_user"                                          \
	" OR " c ".id IN (SELECT customer_id FROM customer_team WHERE user_id = :scope_user" \
	" AND access IN ('write', 'owner'))"                                               \
	" OR (:scope_manager AND (:scope_all"                                              \
	" OR " c ".owner_id IN (SELECT value FROM json_each(:scope_owners)))) THEN 3"      \
	" WHEN (:scope_all AND " c ".owner_id IS NOT NULL)"                                \
	" OR " c ".owner_id IN (SELECT su.id FROM users su"                                \
	" WHERE su.team_id IN (SELECT value FROM json_each(:scope_teams))) THEN 2"         \
	" ELSE 1 END)"

/* Bind the scope's parameters that s names (NULL = no restriction, level 3). */
void kh_store_scope_bind(sqlite3_stmt *s, const struct kh_scope *scope);

#endif
