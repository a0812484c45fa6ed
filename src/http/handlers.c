/*
 * handlers.c: one function per route. Each takes what it needs from the
 * path, the query and the body, calls one service function (which does the
 * validation and the permission checks) and answers with the object as the
 * service presents it. Errors are returned as KH_E* codes; the server turns
 * them into the one error shape.
 */
#include "http/handlers.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/parse.h"
#include "base/strbuf.h"
#include "service/entity.h"
#include "service/customers/duplicates.h"
#include "service/customers/lookup.h"
#include "service/sales/approval.h"
#include "service/sales/contract.h"
#include "service/sales/opportunity.h"
#include "service/sales/order.h"
#include "service/customers/ownership.h"
#include "service/permission.h"
#include "service/customers/search.h"
#include "service/settings.h"
#include "service/accounts/setup.h"
#include "service/accounts/tokens.h"
#include "service/accounts/teams.h"
#include "service/accounts/users.h"
#include "store/accounts/auth.h"
#include "base/banned.h"

int kh_http_reply(struct kh_http_req *r, int status, json_t *body)
{
	r->status = status;
	json_decref(r->out);
	r->out = body;
	return 0;
}

int kh_http_reply_text(struct kh_http_req *r, int status)
{
	r->status = status;
	json_decref(r->out);
	r->out = NULL;
	return 0;
}

static const char *query(struct kh_http_req *r, const char *name)
{
	return json_string_value(json_object_get(r->query, name));
}

static bool skipped(const char *key, const char *const *skip)
{
	for (size_t i = 0; skip && skip[i]; i++)
		if (strcmp(skip[i], key) == 0)
			return true;
	return false;
}

int kh_http_list_params(struct kh_http_req *r, struct kh_list_params *p, json_t **filters,
			const char *const *skip, struct kh_error *err)
{
	const char *s, *key;
	json_t *v;
	int rc;

	/* The customer and lead lists' search box (the other lists refuse q as a filter). */
	bool customers = r->route->res && (strcmp(r->route->res->path, "customers") == 0 ||
					   strcmp(r->route->res->path, "leads") == 0);

	memset(p, 0, sizeof(*p));
	p->page = 1;
	p->per_page = 50;
	p->sort = query(r, "sort");
	p->cursor = query(r, "cursor");
	p->q = customers ? query(r, "q") : NULL;
	if ((s = query(r, "page")) && (rc = kh_parse_int64(s, 1, 1000000, &p->page, "page", err)))
		return rc;
	if ((s = query(r, "per_page")) &&
	    (rc = kh_parse_int64(s, 1, 500, &p->per_page, "per_page", err)))
		return rc;
	*filters = json_object();
	json_object_foreach(r->query, key, v)
		if (strcmp(key, "page") && strcmp(key, "per_page") && strcmp(key, "sort") &&
		    strcmp(key, "cursor") && !(customers && strcmp(key, "q") == 0) &&
		    !skipped(key, skip))
			json_object_set(*filters, key, v);
	p->filters = *filters;
	return 0;
}

static int list_params(struct kh_http_req *r, struct kh_list_params *p, json_t **filters,
		       struct kh_error *err)
{
	return kh_http_list_params(r, p, filters, NULL, err);
}

static const struct kh_entity *entity_of(struct kh_http_req *r)
{
	return kh_entity_find(r->route->res->entity);
}

int kh_h_entity_list(struct kh_http_req *r, struct kh_error *err)
{
	static const char *const awaiting[] = {"awaiting", NULL};
	const struct kh_entity *e = entity_of(r);
	struct kh_list_params p = {0};
	json_t *filters = NULL, *out = NULL;
	const char *who = query(r, "awaiting");
	int rc;

	/* The approval queue: ?awaiting=me (service/sales/approval.h). */
	if (who && !(e == &kh_contract_entity || e == &kh_receivable_entity))
		return kh_error_set(err, KH_EINVAL, "awaiting", "only contracts and receivables "
				    "have an approval queue");
	if (who && strcmp(who, "me"))
		return kh_error_set(err, KH_EINVAL, "awaiting", "awaiting takes only me");
	if ((rc = kh_http_list_params(r, &p, &filters, awaiting, err)) == 0 &&
	    (rc = who ? kh_approval_queue(&r->ctx, e, &p, &out, err)
		      : kh_entity_list(&r->ctx, e, &p, &out, err)) == 0)
		kh_http_reply(r, 200, out);
	json_decref(filters);
	return rc;
}

static int get_object(struct kh_http_req *r, const struct kh_entity *e, int64_t id,
		      json_t **out, struct kh_error *err)
{
	if (e == &kh_order_entity)
		return kh_order_get(&r->ctx, id, out, err);
	if (e == &kh_contract_entity)
		return kh_contract_get(&r->ctx, id, out, err);
	if (e == &kh_opportunity_entity)
		return kh_opportunity_get(&r->ctx, id, out, err);
	return kh_entity_get(&r->ctx, e, id, out, err);
}

int kh_h_entity_get(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = get_object(r, entity_of(r), r->id, &out, err);

	return rc ? rc : kh_http_reply(r, 200, out);
}

int kh_h_entity_create(struct kh_http_req *r, struct kh_error *err)
{
	const struct kh_entity *e = entity_of(r);
	json_t *out = NULL;
	int64_t id = 0;
	int rc;

	/* A new customer belongs to its creator's team unless told otherwise. */
	if (e == &kh_customer_entity && r->ctx.actor.team_id &&
	    !json_object_get(r->body, "team"))
		json_object_set_new(r->body, "team", json_integer(r->ctx.actor.team_id));
	if (e == &kh_customer_entity && (rc = kh_duplicates_take_force(&r->ctx, r->body, err)))
		return rc;
	if (e == &kh_order_entity)
		rc = kh_order_create(&r->ctx, r->body, &id, err);
	else if (e == &kh_contract_entity)
		rc = kh_contract_create(&r->ctx, r->body, &id, err);
	else if (e == &kh_opportunity_entity)
		rc = kh_opportunity_create(&r->ctx, r->body, &id, err);
	else
		rc = kh_entity_create(&r->ctx, e, r->body, &id, err);
	if (rc == 0)
		rc = get_object(r, e, id, &out, err);
	return rc ? rc : kh_http_reply(r, 201, out);
}

int kh_h_entity_update(struct kh_http_req *r, struct kh_error *err)
{
	const struct kh_entity *e = entity_of(r);
	json_t *out = NULL;
	int rc = e == &kh_customer_entity ? kh_duplicates_take_force(&r->ctx, r->body, err) : 0;

	if (rc == 0)
		rc = e == &kh_contract_entity ? kh_contract_update(&r->ctx, r->id, r->body, err)
		     : e == &kh_opportunity_entity
			     ? kh_opportunity_update(&r->ctx, r->id, r->body, err)
			     : kh_entity_update(&r->ctx, e, r->id, r->body, err);

	if (rc == 0)
		rc = get_object(r, e, r->id, &out, err);
	return rc ? rc : kh_http_reply(r, 200, out);
}

int kh_h_entity_delete(struct kh_http_req *r, struct kh_error *err)
{
	int rc = kh_entity_delete(&r->ctx, entity_of(r), r->id, err);

	return rc ? rc : kh_http_reply(r, 204, NULL);
}

int kh_h_customer_view(struct kh_http_req *r, struct kh_error *err)
{
	int rc = kh_customer_view_json(&r->ctx, r->id, &r->text, err);

	return rc ? rc : kh_http_reply_text(r, 200);
}

int kh_h_customer_owners(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_customer_owners(&r->ctx, r->id, &out, err);

	return rc ? rc : kh_http_reply(r, 200, out);
}

/* After an ownership change: the owners as they are now. */
static int owners_reply(struct kh_http_req *r, int rc, struct kh_error *err)
{
	json_t *out = NULL;

	if (rc)
		return rc;
	/* The actor may have given the customer away: answer as the system. */
	{
		struct kh_ctx sys;

		kh_ctx_init_system(&sys, r->ctx.store);
		if ((rc = kh_customer_owners(&sys, r->id, &out, err)))
			return rc;
	}
	return kh_http_reply(r, 200, out);
}

int kh_http_body_id(struct kh_http_req *r, const char *name, int64_t *id, struct kh_error *err)
{
	json_t *v = json_object_get(r->body, name);

	if (!json_is_integer(v) || json_integer_value(v) < 1)
		return kh_error_set(err, KH_EINVAL, name, "%s must be a user id", name);
	*id = json_integer_value(v);
	return 0;
}

int kh_http_body_only(struct kh_http_req *r, const char *const *names, struct kh_error *err)
{
	const char *key;
	json_t *v;

	json_object_foreach(r->body, key, v) {
		size_t i;

		for (i = 0; names[i] && strcmp(names[i], key); i++)
			;
		if (!names[i])
			return kh_error_set(err, KH_EINVAL, key, "unknown field %s", key);
	}
	return 0;
}

int kh_http_transfer_args(struct kh_http_req *r, bool with_ids, struct kh_transfer_args *a,
			  struct kh_error *err)
{
	static const char *const names[] = {"ids", "to", "old_owner_access",
					    "move_contacts_and_opportunities", NULL};
	json_t *access = json_object_get(r->body, "old_owner_access");
	json_t *move = json_object_get(r->body, "move_contacts_and_opportunities");
	int rc;

	if ((rc = kh_http_body_only(r, with_ids ? names : names + 1, err)) ||
	    (rc = kh_http_body_id(r, "to", &a->to, err)))
		return rc;
	if (access && !json_is_string(access))
		return kh_error_set(err, KH_EINVAL, "old_owner_access",
				    "old_owner_access must be none, read or write");
	if (move && !json_is_boolean(move))
		return kh_error_set(err, KH_EINVAL, "move_contacts_and_opportunities",
				    "move_contacts_and_opportunities must be true or false");
	a->old_owner_access = json_string_value(access);
	a->move_related = json_is_true(move);
	return 0;
}

int kh_h_customer_transfer(struct kh_http_req *r, struct kh_error *err)
{
	struct kh_transfer_args a = {0};
	int rc;

	if ((rc = kh_http_transfer_args(r, false, &a, err)))
		return rc;
	rc = kh_customer_transfer(&r->ctx, r->id, a.to, a.old_owner_access, a.move_related, err);
	return owners_reply(r, rc, err);
}

int kh_h_customer_share(struct kh_http_req *r, struct kh_error *err)
{
	static const char *const names[] = {"user", "access", NULL};
	int64_t user = 0;
	int rc;

	if ((rc = kh_http_body_only(r, names, err)) ||
	    (rc = kh_http_body_id(r, "user", &user, err)))
		return rc;
	rc = kh_customer_share(&r->ctx, r->id, user,
			       json_string_value(json_object_get(r->body, "access")), err);
	return owners_reply(r, rc, err);
}

int kh_h_customer_release(struct kh_http_req *r, struct kh_error *err)
{
	return owners_reply(r, kh_customer_release(&r->ctx, r->id, err), err);
}

int kh_h_customer_claim(struct kh_http_req *r, struct kh_error *err)
{
	return owners_reply(r, kh_customer_claim(&r->ctx, r->id, err), err);
}

int kh_h_lookup(struct kh_http_req *r, struct kh_error *err)
{
	const char *phone = query(r, "phone");
	int rc;

	if (!phone || !*phone)
		return kh_error_set(err, KH_EINVAL, "phone", "give the number as ?phone=");
	if ((rc = kh_lookup_phone_json(&r->ctx, phone, &r->text, err)))
		return rc;
	return kh_http_reply_text(r, 200);
}

int kh_h_search(struct kh_http_req *r, struct kh_error *err)
{
	const char *q = query(r, "q"), *s = query(r, "limit");
	int64_t limit = 20;
	int rc;

	if (!q)
		return kh_error_set(err, KH_EINVAL, "q", "give the search text as ?q=");
	if (s && (rc = kh_parse_int64(s, 1, KH_SEARCH_LIMIT_MAX, &limit, "limit", err)))
		return rc;
	if ((rc = kh_strbuf_adds(&r->text, "{\"items\":")) ||
	    (rc = kh_search_json(&r->ctx, q, (int)limit, &r->text, err)) ||
	    (rc = kh_strbuf_addch(&r->text, '}')))
		return rc == KH_ENOMEM ? kh_error_set(err, rc, "", "out of memory") : rc;
	return kh_http_reply_text(r, 200);
}

int kh_h_user_list(struct kh_http_req *r, struct kh_error *err)
{
	struct kh_list_params p = {0};
	json_t *filters = NULL, *out = NULL;
	int rc;

	if ((rc = list_params(r, &p, &filters, err)) == 0 &&
	    (rc = kh_user_list(&r->ctx, &p, &out, err)) == 0)
		kh_http_reply(r, 200, out);
	json_decref(filters);
	return rc;
}

int kh_h_user_get(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_user_get(&r->ctx, r->id, &out, err);

	return rc ? rc : kh_http_reply(r, 200, out);
}

int kh_h_user_create(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int64_t id = 0;
	int rc = kh_user_add(&r->ctx, r->body, &id, err);

	if (rc == 0)
		rc = kh_user_get(&r->ctx, id, &out, err);
	return rc ? rc : kh_http_reply(r, 201, out);
}

int kh_h_user_update(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc;

	if ((rc = kh_user_update(&r->ctx, r->id, r->body, err)) == 0)
		rc = kh_user_get(&r->ctx, r->id, &out, err);
	return rc ? rc : kh_http_reply(r, 200, out);
}

int kh_h_user_delete(struct kh_http_req *r, struct kh_error *err)
{
	int rc = kh_user_delete(&r->ctx, r->id, err);

	return rc ? rc : kh_http_reply(r, 204, NULL);
}

int kh_h_team_list(struct kh_http_req *r, struct kh_error *err)
{
	struct kh_list_params p = {0};
	json_t *filters = NULL, *out = NULL;
	int rc;

	if ((rc = list_params(r, &p, &filters, err)) == 0 &&
	    (rc = kh_team_list(&r->ctx, &p, &out, err)) == 0)
		kh_http_reply(r, 200, out);
	json_decref(filters);
	return rc;
}

int kh_h_team_get(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_team_get(&r->ctx, r->id, &out, err);

	return rc ? rc : kh_http_reply(r, 200, out);
}

int kh_h_team_create(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int64_t id = 0;
	int rc = kh_team_add(&r->ctx, r->body, &id, err);

	if (rc == 0)
		rc = kh_team_get(&r->ctx, id, &out, err);
	return rc ? rc : kh_http_reply(r, 201, out);
}

int kh_h_team_update(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_team_update(&r->ctx, r->id, r->body, err);

	if (rc == 0)
		rc = kh_team_get(&r->ctx, r->id, &out, err);
	return rc ? rc : kh_http_reply(r, 200, out);
}

int kh_h_team_delete(struct kh_http_req *r, struct kh_error *err)
{
	int rc = kh_team_delete(&r->ctx, r->id, err);

	return rc ? rc : kh_http_reply(r, 204, NULL);
}

int kh_h_settings_get(struct kh_http_req *r, struct kh_error *err)
{
	json_t *out = NULL;
	int rc = kh_settings_list(&r->ctx, &out, err);

	return rc ? rc : kh_http_reply(r, 200, out);
}

int kh_h_settings_update(struct kh_http_req *r, struct kh_error *err)
{
	int rc;

	if (r->ctx.actor.role != KH_ROLE_ADMIN)
		return kh_error_set(err, KH_EPERM, "", "only admins may change settings");
	if ((rc = kh_settings_update(&r->ctx, r->body, err)))
		return rc;
	return kh_h_settings_get(r, err);
}

static const char *body_str(struct kh_http_req *r, const char *name)
{
	return json_string_value(json_object_get(r->body, name));
}

struct xff_walk {
	struct kh_strbuf values;
	bool overflow;
};

/* Every X-Forwarded-For header, in order, joined by commas. */
static enum MHD_Result xff_value(void *cls, enum MHD_ValueKind kind, const char *key,
				 const char *value)
{
	struct xff_walk *w = cls;

	if (strcasecmp(key, "X-Forwarded-For") != 0 || !value)
		return MHD_YES;
	if ((w->values.len && kh_strbuf_addch(&w->values, ',')) ||
	    kh_strbuf_adds(&w->values, value))
		w->overflow = true;
	return MHD_YES;
}

/* The client's address as text: the peer, or behind a trusted proxy the
 * hop it reports (see http/peer.h). */
static void client_addr(struct kh_http_req *r, char *buf)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	struct kh_http_addr peer, client;
	struct xff_walk w = {.overflow = false};

	kh_http_addr_from_sockaddr(ci ? ci->client_addr : NULL, &peer);
	kh_strbuf_init(&w.values, 64 * 1024);
	if (kh_http_proxies_has(r->proxies, &peer))
		MHD_get_connection_values(r->conn, MHD_HEADER_KIND, xff_value, &w);
	kh_http_client_addr(r->proxies, &peer, w.overflow ? NULL : w.values.buf, &client);
	kh_http_addr_format(&client, buf);
	kh_strbuf_release(&w.values);
}

int kh_h_login(struct kh_http_req *r, struct kh_error *err)
{
	static const char *const names[] = {"login", "password", NULL};
	struct kh_auth_session s;
	json_t *user = NULL;
	char addr[KH_HTTP_ADDR_TEXT];
	int rc;

	if ((rc = kh_http_body_only(r, names, err)))
		return rc;
	client_addr(r, addr);
	rc = kh_auth_login(&r->ctx, body_str(r, "login"), body_str(r, "password"), addr, &s,
			   &r->retry_after, err);
	if (rc)
		return rc;
	r->authenticated = true;
	if ((rc = kh_user_get(&r->ctx, s.user_id, &user, err)))
		return rc;
	snprintf(r->set_cookie, sizeof(r->set_cookie),
		 "%s=%s; HttpOnly; SameSite=Strict; Path=/; Max-Age=%lld%s", KH_AUTH_COOKIE,
		 s.token, (long long)s.max_age, r->secure_cookie ? "; Secure" : "");
	kh_http_reply(r, 200, json_pack("{s:o, s:s, s:I}", "user", user, "csrf_token", s.csrf,
					"expires_in", (json_int_t)s.max_age));
	memset(&s, 0, sizeof(s));
	return 0;
}

int kh_h_logout(struct kh_http_req *r, struct kh_error *err)
{
	int rc = 0;

	if (r->via_cookie)
		rc = kh_auth_logout(&r->ctx, r->session_token, err);
	if (rc)
		return rc;
	snprintf(r->set_cookie, sizeof(r->set_cookie),
		 "%s=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0%s", KH_AUTH_COOKIE,
		 r->secure_cookie ? "; Secure" : "");
	return kh_http_reply(r, 204, NULL);
}

int kh_h_me(struct kh_http_req *r, struct kh_error *err)
{
	enum kh_scope_kind scope;
	json_t *user = NULL;
	int rc;

	if ((rc = kh_user_get(&r->ctx, r->ctx.actor.user_id, &user, err)) ||
	    (rc = kh_perm_role_scope(&r->ctx, r->ctx.actor.role, &scope, err))) {
		json_decref(user);
		return rc;
	}
	json_object_set_new(user, "scope", json_string(kh_perm_scope_name(scope)));
	json_object_set_new(user, "via", json_string(r->via_cookie ? "session" : "token"));
	return kh_http_reply(r, 200, user);
}

int kh_h_setup(struct kh_http_req *r, struct kh_error *err)
{
	static const char *const names[] = {"token", "login", "password", NULL};
	json_t *user = NULL;
	int64_t id = 0;
	int rc;

	if ((rc = kh_http_body_only(r, names, err)))
		return rc;
	if (!body_str(r, "login"))
		return kh_error_set(err, KH_EINVAL, "login", "login is required");
	rc = kh_setup_finish(&r->ctx, body_str(r, "token"), body_str(r, "login"),
				  body_str(r, "password"), &id, err);
	if (rc)
		return rc;
	{
		struct kh_ctx sys;

		kh_ctx_init_system(&sys, r->ctx.store);
		if ((rc = kh_user_get(&sys, id, &user, err)))
			return rc;
	}
	return kh_http_reply(r, 201, user);
}

int kh_h_token_create(struct kh_http_req *r, struct kh_error *err)
{
	static const char *const names[] = {"name", NULL};
	char token[KH_TOKEN_SIZE];
	json_t *name = json_object_get(r->body, "name");
	int rc;

	if ((rc = kh_http_body_only(r, names, err)))
		return rc;
	if (name && !json_is_string(name))
		return kh_error_set(err, KH_EINVAL, "name", "name must be a string");
	rc = kh_token_create(&r->ctx, r->ctx.actor.login, json_string_value(name), token, err);
	if (rc)
		return rc;
	kh_http_reply(r, 201, json_pack("{s:s, s:s}", "token", token, "note",
					"shown once: kehu keeps only its hash"));
	memset(token, 0, sizeof(token));
	return 0;
}

/* An integer query argument within [min, max] into *out, if given. */
static int query_int(struct kh_http_req *r, const char *name, int64_t min, int64_t max,
		     int64_t *out, struct kh_error *err)
{
	const char *s = query(r, name);

	return s ? kh_parse_int64(s, min, max, out, name, err) : 0;
}

int kh_h_token_list(struct kh_http_req *r, struct kh_error *err)
{
	const char *key;
	json_t *v, *out = NULL;
	int64_t user = 0, page = 1, per_page = 50;
	int rc;

	json_object_foreach(r->query, key, v)
		if (strcmp(key, "user") && strcmp(key, "page") && strcmp(key, "per_page"))
			return kh_error_set(err, KH_EINVAL, key, "tokens cannot be filtered by %s",
					    key);
	if ((rc = query_int(r, "user", 1, INT64_MAX, &user, err)) ||
	    (rc = query_int(r, "page", 1, 1000000, &page, err)) ||
	    (rc = query_int(r, "per_page", 1, KH_TOKEN_PAGE_MAX, &per_page, err)) ||
	    (rc = kh_token_list(&r->ctx, user, page, per_page, &out, err)))
		return rc;
	return kh_http_reply(r, 200, out);
}

int kh_h_token_revoke(struct kh_http_req *r, struct kh_error *err)
{
	int rc = kh_token_revoke(&r->ctx, r->id, err);

	return rc ? rc : kh_http_reply(r, 204, NULL);
}

int kh_h_healthz(struct kh_http_req *r, struct kh_error *err)
{
	return kh_http_reply(r, 200, json_pack("{s:s, s:i}", "status", "ok", "schema",
					       kh_store_schema_version(r->ctx.store)));
}

int kh_h_openapi(struct kh_http_req *r, struct kh_error *err)
{
	json_t *doc = kh_openapi_build(r->router);

	if (!doc)
		return kh_error_set(err, KH_ENOMEM, "", "out of memory");
	return kh_http_reply(r, 200, doc);
}
