/*
 * openapi.c: the OpenAPI 3 description, generated at run time from the
 * router's table and the entity registry, so every served route and every
 * field is described and nothing described is missing from the server.
 */
#include "http/internal.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "service/entity.h"
#include "base/banned.h"

static json_t *field_schema(const struct kh_field *f)
{
	json_t *s = json_object();

	switch (f->type) {
	case KH_F_TEXT:
	case KH_F_LONGTEXT:
		json_object_set_new(s, "type", json_string("string"));
		json_object_set_new(s, "maxLength",
				    json_integer(f->max ? f->max
							: (f->type == KH_F_TEXT ? 200 : 10000)));
		break;
	case KH_F_PHONE:
		json_object_set_new(s, "type", json_string("string"));
		json_object_set_new(s, "description",
				    json_string("a phone number in any common format; stored "
						"normalised"));
		break;
	case KH_F_CREDIT_CODE:
		json_object_set_new(s, "type", json_string("string"));
		json_object_set_new(s, "pattern", json_string("^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}$"));
		json_object_set_new(s, "description",
				    json_string("unified social credit code (统一社会信用代码, GB "
						"32100-2015): 18 characters with a valid check "
						"character; stored upper-cased"));
		break;
	case KH_F_EMAIL:
		json_object_set_new(s, "type", json_string("string"));
		json_object_set_new(s, "format", json_string("email"));
		break;
	case KH_F_INT:
		json_object_set_new(s, "type", json_string("integer"));
		json_object_set_new(s, "minimum", json_integer(f->min));
		json_object_set_new(s, "maximum", json_integer(f->max));
		break;
	case KH_F_MONEY:
		json_object_set_new(s, "type", json_string("string"));
		json_object_set_new(s, "pattern", json_string("^-?[0-9]+(\\.[0-9]{1,2})?$"));
		json_object_set_new(s, "description",
				    json_string("yuan with at most two decimals (numbers are "
						"accepted on input)"));
		break;
	case KH_F_DATE:
		json_object_set_new(s, "type", json_string("string"));
		json_object_set_new(s, "format", json_string("date"));
		break;
	case KH_F_BOOL:
		json_object_set_new(s, "type", json_string("boolean"));
		break;
	case KH_F_ENUM: {
		json_t *values = json_array();

		for (size_t i = 0; f->values[i]; i++)
			json_array_append_new(values, json_string(f->values[i]));
		json_object_set_new(s, "type", json_string("string"));
		json_object_set_new(s, "enum", values);
		break;
	}
	case KH_F_REF:
		json_object_set_new(s, "type", json_string("integer"));
		json_object_set_new(s, "description", json_string(f->ref));
		break;
	case KH_F_JSON:
		json_object_set_new(s, "type", json_string("object"));
		break;
	}
	if (f->flags & KH_FIELD_READONLY)
		json_object_set_new(s, "readOnly", json_true());
	json_object_set_new(s, "nullable", json_boolean(!(f->flags & KH_FIELD_REQUIRED)));
	if (f->level > 1)
		json_object_set_new(s, "x-information-level", json_integer(f->level));
	return s;
}

static json_t *entity_schema(const struct kh_entity *e)
{
	json_t *props = json_object(), *required = json_array();

	json_object_set_new(props, "id", json_pack("{s:s, s:b}", "type", "integer", "readOnly", 1));
	for (size_t i = 0; i < e->nfields; i++) {
		json_object_set_new(props, e->fields[i].name, field_schema(&e->fields[i]));
		if (e->fields[i].flags & KH_FIELD_REQUIRED)
			json_array_append_new(required, json_string(e->fields[i].name));
	}
	json_object_set_new(props, "created_at",
			    json_pack("{s:s, s:b}", "type", "string", "readOnly", 1));
	json_object_set_new(props, "updated_at",
			    json_pack("{s:s, s:b}", "type", "string", "readOnly", 1));
	return json_pack("{s:s, s:o, s:o, s:b}", "type", "object", "properties", props,
			 "required", required, "additionalProperties", 0);
}

static json_t *ref(const char *name)
{
	char buf[128];

	snprintf(buf, sizeof(buf), "#/components/schemas/%s", name);
	return json_pack("{s:s}", "$ref", buf);
}

static json_t *json_content(json_t *schema)
{
	return json_pack("{s:{s:o}}", "application/json", "schema", schema);
}

static json_t *query_param(const char *name, const char *type, const char *desc, bool required)
{
	return json_pack("{s:s, s:s, s:b, s:{s:s}, s:s}", "name", name, "in", "query", "required",
			 required, "schema", "type", type, "description", desc);
}

/* What the customer list takes beyond its fields (docs/api.md). */
static void customer_list_params(json_t *params)
{
	static const char *const metrics[] = {"abc_class", "grid_tier", "lifecycle", "loyalty"};

	json_array_append_new(params, query_param("q", "string",
						  "search text: name, pinyin, initials or phone "
						  "digits (as /search), combined with the filters",
						  false));
	for (size_t i = 0; i < sizeof(metrics) / sizeof(metrics[0]); i++)
		json_array_append_new(params, query_param(metrics[i], "string",
							  "metrics filter: one class, several "
							  "comma-separated, or none; sort also by "
							  "revenue_12m, profit_12m, clv, p_alive, "
							  "last_order, last_contact", false));
	json_array_append_new(params, query_param("pool_within", "string",
						  "待进入公海: the customers due for the pool within "
						  "K days (0..365; warn or empty: pool.warn_days), "
						  "soonest first", false));
}

/* "customer" -> "Customer", "important_date" -> "ImportantDate" */
static void schema_name(const char *entity, char *out, size_t size)
{
	size_t j = 0;
	bool up = true;

	for (size_t i = 0; entity[i] && j + 1 < size; i++) {
		if (entity[i] == '_') {
			up = true;
			continue;
		}
		out[j++] = up ? (char)toupper((unsigned char)entity[i]) : entity[i];
		up = false;
	}
	out[j] = '\0';
}

/* The tag of a fixed route: its first word after /api/v1/, grouped. */
static const char *tag_of(const char *pattern)
{
	static const char *const auth[] = {"login", "logout", "setup", "me", "tokens"};
	static const char *const own[] = {"customers", "users", "teams", "settings", "lookup",
					   "search", "activities", "leads"};
	const char *seg = pattern + 8;
	size_t n;

	if (strncmp(pattern, "/api/v1/", 8) != 0)
		return "misc";
	n = strcspn(seg, "/.");
	for (size_t i = 0; i < sizeof(auth) / sizeof(auth[0]); i++)
		if (strlen(auth[i]) == n && strncmp(seg, auth[i], n) == 0)
			return "auth";
	for (size_t i = 0; i < sizeof(own) / sizeof(own[0]); i++)
		if (strlen(own[i]) == n && strncmp(seg, own[i], n) == 0)
			return own[i];
	return "misc";
}

/* The sort and filters a list (and its export) takes. */
static void list_filter_params(json_t *params, const struct kh_entity *e)
{
	json_array_append_new(params, query_param("sort", "string",
						  "a field name; -field for descending", false));
	for (size_t i = 0; i < e->nfields; i++)
		json_array_append_new(params, query_param(e->fields[i].name, "string",
							  "equality filter", false));
	if (e == &kh_customer_entity)
		customer_list_params(params);
	if (e == &kh_lead_entity)
		json_array_append_new(params, query_param("q", "string", "search text: part of the "
							  "lead's name", false));
}

static json_t *operation(const struct kh_route *r, json_t *schemas)
{
	json_t *op = json_object(), *params = json_array(), *responses = json_object();
	json_t *ok_schema = NULL;
	char summary[160], sname[64], opid[128];
	const struct kh_entity *e = r->res ? kh_entity_find(r->res->entity) : NULL;
	const char *tag = "misc";
	const char *p;

	if (e) {
		schema_name(e->name, sname, sizeof(sname));
		if (!json_object_get(schemas, sname))
			json_object_set_new(schemas, sname, entity_schema(e));
		tag = r->res->path;
		snprintf(summary, sizeof(summary), "%s %s",
			 strcmp(r->op, "list") == 0     ? "List"
			 : strcmp(r->op, "get") == 0    ? "Get one of"
			 : strcmp(r->op, "create") == 0 ? "Create one of"
			 : strcmp(r->op, "update") == 0 ? "Change fields of one of"
							: "Delete one of",
			 r->res->path);
		if (strcmp(r->op, "export") == 0)
			snprintf(summary, sizeof(summary), "Export %s as filtered and sorted by the "
				 "list's own parameters: CSV (UTF-8 with BOM), xlsx%s", r->res->path,
				 strcmp(r->res->path, "contacts") == 0 ? " or vCard" : "");
		json_object_set_new(op, "summary", json_string(summary));
		if (strcmp(r->op, "export") == 0) {
			list_filter_params(params, e);
			json_array_append_new(params, query_param("format", "string",
								  "csv (default), xlsx; contacts "
								  "also vcf", false));
			json_array_append_new(params, query_param("lang", "string",
								  "zh or en: the header row "
								  "(default: Accept-Language, "
								  "else zh)", false));
			if (strcmp(r->res->path, "contacts") == 0)
				json_array_append_new(params, query_param("version", "string",
									  "vcf: 3.0 (default) or "
									  "4.0", false));
			json_object_set_new(responses, "200",
					    json_pack("{s:s, s:{s:{}, s:{}, s:{}}}", "description",
						      "the file, as an attachment", "content",
						      "text/csv", "application/vnd.openxmlformats-"
						      "officedocument.spreadsheetml.sheet",
						      "text/vcard"));
		} else if (strcmp(r->op, "list") == 0) {
			json_t *item = ref(sname);

			ok_schema = json_pack("{s:s, s:{s:{s:s, s:o}, s:{s:s}, s:{s:s}, s:{s:s},"
					      " s:{s:[ss]}}}",
					      "type", "object", "properties", "items", "type",
					      "array", "items", item, "total", "type", "integer",
					      "page", "type", "integer", "per_page", "type",
					      "integer", "next_cursor", "type", "string", "null");
			json_array_append_new(params, query_param("page", "integer", "1-based page",
								  false));
			json_array_append_new(params, query_param("per_page", "integer",
								  "1..500, default 50", false));
			json_array_append_new(params, query_param("cursor", "string",
								  "next_cursor of the page "
								  "before (keyset paging)",
								  false));
			list_filter_params(params, e);
		} else if (strcmp(r->op, "delete")) {
			ok_schema = ref(sname);
		}
		if (strcmp(r->op, "create") == 0 || strcmp(r->op, "update") == 0)
			json_object_set_new(op, "requestBody",
					    json_pack("{s:b, s:o}", "required", 1, "content",
						      json_content(ref(sname))));
	} else {
		json_object_set_new(op, "summary", json_string(r->summary ? r->summary : ""));
		tag = tag_of(r->pattern);
		if (strcmp(r->pattern, "/api/v1/lookup") == 0)
			json_array_append_new(params, query_param("phone", "string",
								  "the caller's number, any format",
								  true));
		if (strcmp(r->pattern, "/api/v1/search") == 0) {
			json_array_append_new(params, query_param("q", "string", "the search text",
								  true));
			json_array_append_new(params, query_param("limit", "integer", "1..200",
								  false));
		}
		if (r->flags & KH_ROUTE_RAW)
			json_object_set_new(op, "requestBody",
					    json_pack("{s:b, s:{s:{}}}", "required", 1, "content",
						      "text/vcard"));
		if (r->flags & KH_ROUTE_BODY)
			json_object_set_new(op, "requestBody",
					    json_pack("{s:b, s:o}", "required", 1, "content",
						      json_content(json_pack("{s:s}", "type",
									     "object"))));
		if (r->status != 204)
			ok_schema = json_pack("{s:s}", "type", "object");
	}
	if (strstr(r->pattern, "{id}"))
		json_array_append_new(params, json_pack("{s:s, s:s, s:b, s:{s:s, s:i}}", "name", "id",
							"in", "path", "required", 1, "schema",
							"type", "integer", "minimum", 1));
	/* operationId: method + the path's words. */
	snprintf(opid, sizeof(opid), "%s", r->method);
	for (size_t i = 0; opid[i]; i++)
		opid[i] = (char)tolower((unsigned char)opid[i]);
	for (p = r->pattern; *p && strlen(opid) + 2 < sizeof(opid); p++) {
		char c = *p;
		size_t n = strlen(opid);

		if (c == '/' || c == '{' || c == '}' || c == '.')
			c = '_';
		if (c == '_' && opid[n - 1] == '_')
			continue;
		opid[n] = c;
		opid[n + 1] = '\0';
	}
	json_object_set_new(op, "operationId", json_string(opid));
	json_object_set_new(op, "tags", json_pack("[s]", tag));
	json_object_set_new(op, "parameters", params);
	{
		char code[8];

		snprintf(code, sizeof(code), "%d", r->status);
		/* An export described its own (a file, not JSON). */
		if (json_object_get(responses, code))
			ok_schema = NULL;
		else if (ok_schema)
			json_object_set_new(responses, code,
					    json_pack("{s:s, s:o}", "description", "success",
						      "content", json_content(ok_schema)));
		else
			json_object_set_new(responses, code,
					    json_pack("{s:s}", "description", "success"));
	}
	json_object_set_new(responses, "default",
			    json_pack("{s:s, s:o}", "description",
				      "an error: 400 invalid, 401 unauthenticated, 403 forbidden, "
				      "404 not_found, 409 conflict, 413 too_large, 415 "
				      "unsupported_media_type, 429 rate_limited",
				      "content", json_content(ref("Error"))));
	json_object_set_new(op, "responses", responses);
	if (r->flags & KH_ROUTE_PUBLIC)
		json_object_set_new(op, "security", json_array());
	return op;
}

json_t *kh_openapi_build(const struct kh_router *rt)
{
	json_t *doc, *paths = json_object(), *schemas = json_object();

	json_object_set_new(
		schemas, "Error",
		json_pack("{s:s, s:{s:{s:s, s:{s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}}}}}", "type",
			  "object", "properties", "error", "type", "object", "properties", "code",
			  "type", "string", "reason", "type", "string", "message", "type", "string",
			  "field", "type", "string"));
	for (size_t i = 0; i < rt->n; i++) {
		const struct kh_route *r = &rt->routes[i];
		json_t *item = json_object_get(paths, r->pattern);
		char method[8];

		if (!item) {
			item = json_object();
			json_object_set_new(paths, r->pattern, item);
		}
		snprintf(method, sizeof(method), "%s", r->method);
		for (size_t k = 0; method[k]; k++)
			method[k] = (char)tolower((unsigned char)method[k]);
		json_object_set_new(item, method, operation(r, schemas));
	}
	doc = json_pack("{s:s, s:{s:s, s:s, s:s}, s:[{s:s}], s:o, s:{s:o, s:{s:{s:s, s:s}, "
			"s:{s:s, s:s, s:s}}}, s:[{s:[]}, {s:[]}]}",
			"openapi", "3.0.3", "info", "title", "kehu CRM API", "version", "1",
			"description", "See docs/api.md", "servers", "url", "/", "paths", paths,
			"components", "schemas", schemas, "securitySchemes", "bearer", "type",
			"http", "scheme", "bearer", "session", "type", "apiKey", "in", "cookie",
			"name", KH_AUTH_COOKIE, "security", "bearer", "session");
	return doc;
}
