/*
 * cmd_entity.c: `kehu ENTITY add|show|edit|rm|list|history` for every entity
 * of the registry. Options are the entity's field names (--segment finance,
 * --purchase-budget 50000), so the command line always matches the API.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/parse.h"
#include "service/entity.h"
#include "service/customers/duplicates.h"
#include "service/customers/lookup.h"
#include "service/sales/approval.h"
#include "service/sales/contract.h"
#include "service/sales/opportunity.h"
#include "service/sales/order.h"
#include "base/banned.h"

static const struct {
	const char *word;
	const char *entity;
	const char *columns[6]; /* shown by list, after id */
} commands[] = {
	{"customer", "customer", {"name", "segment", "source", "grade", "phone", "region"}},
	{"contact", "contact", {"customer", "name", "title", "role", "mobile", "phone"}},
	{"product", "product", {"code", "name", "category", "unit_price", "unit_cost", NULL}},
	{"order", "order", {"customer", "date", "amount", "cost", "status", NULL}},
	{"payment", "payment", {"order", "customer", "amount", "due_date", "paid_date", NULL}},
	{"activity", "activity", {"customer", "date", "kind", "status", "subject", "next_date"}},
	{"opportunity", "opportunity", {"customer", "name", "stage", "amount", "probability",
					"followup_count"}},
	{"task", "task", {"customer", "title", "kind", "due_date", "done", NULL}},
	{"date", "important_date", {"customer", "contact", "kind", "date", "label", NULL}},
	{"competitor", "competitor", {"customer", "brand", "status", "their_sales", "our_sales",
				      NULL}},
	{"lead", "lead", {"name", "company", "mobile", "status", "owner", "next_contact_date"}},
	{"contract", "contract", {"number", "customer", "name", "total", "signed_date", "status"}},
	{"plan", "receivable_plan", {"contract", "customer", "period", "amount", "due_date",
				     "status"}},
	{"receivable", "receivable", {"number", "contract", "amount", "received_date", "method",
				      "status"}},
};

int kh_cli_entity_known(const char *word)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(commands[i].word, word) == 0)
			return (int)i;
	return -1;
}

static const char *type_hint(const struct kh_field *f)
{
	switch (f->type) {
	case KH_F_INT: return "N";
	/* a percentage kept as basis points through the money parser (a discount) */
	case KH_F_MONEY: return strstr(f->column, "_bp") ? "PERCENT (12.50)" : "1234.50";
	case KH_F_DATE: return "YYYY-MM-DD";
	case KH_F_BOOL: return "true|false";
	case KH_F_REF: return "ID";
	case KH_F_PHONE: return "PHONE";
	case KH_F_EMAIL: return "EMAIL";
	case KH_F_CREDIT_CODE: return "CREDIT-CODE";
	case KH_F_JSON: return "JSON";
	case KH_F_ENUM: return NULL;
	default: return "TEXT";
	}
}

static void usage(FILE *out, const char *word, const struct kh_entity *e)
{
	fprintf(out, "usage: kehu [--db PATH] %s add --FIELD VALUE ...      create, prints the id\n"
	       "       kehu [--db PATH] %s show ID [--json]\n"
	       "       kehu [--db PATH] %s edit ID --FIELD VALUE ...   change fields ('' clears)\n"
	       "       kehu [--db PATH] %s rm ID\n"
	       "       kehu [--db PATH] %s list [--FIELD VALUE ...] [--sort F|-F] [--page N]"
	       " [--per-page N] [--json]\n"
	       "       kehu [--db PATH] %s history ID [--json]      the audit trail\n",
	       word, word, word, word, word, word);
	if (e == &kh_customer_entity)
		fprintf(out, "       kehu [--db PATH] customer merge SURVIVOR OTHER ...  two records "
			"made one (--help)\n");
	if (e == &kh_lead_entity)
		fprintf(out, "       kehu [--db PATH] lead convert ID ...   into a customer, once "
			"(--help)\n"
			"       kehu [--db PATH] lead followup ID --kind K ...  log a follow-up\n"
			"       kehu [--db PATH] lead followups ID [--json]\n");
	if (e == &kh_opportunity_entity)
		fprintf(out, "       kehu [--db PATH] opportunity stages ID [--json]  the stage "
			"history\n");
	if (e == &kh_contract_entity || e == &kh_receivable_entity)
		fprintf(out, "       kehu [--db PATH] %s submit|approve|reject|cancel ID "
			"[--comment TEXT]\n"
			"                                 draft -> review -> approved | rejected; "
			"reject needs a comment\n", word);
	fprintf(out, "\nfields:\n");
	for (size_t i = 0; i < e->nfields; i++) {
		const struct kh_field *f = &e->fields[i];
		const char *hint = type_hint(f);
		char name[64];

		if (f->flags & KH_FIELD_READONLY)
			continue;
		snprintf(name, sizeof(name), "%s", f->name);
		for (char *p = name; *p; p++)
			if (*p == '_')
				*p = '-';
		fprintf(out, "  --%-28s ", name);
		if (hint) {
			fprintf(out, "%s", hint);
		} else {
			for (size_t k = 0; f->values[k]; k++)
				fprintf(out, "%s%s", k ? "|" : "", f->values[k]);
		}
		fprintf(out, "%s%s\n", (f->flags & KH_FIELD_REQUIRED) ? "  (required)" : "",
		       f->level > 1 ? (f->level == 2 ? "  [level 2]" : "  [level 3]") : "");
	}
	if (e == &kh_order_entity || e == &kh_contract_entity || e == &kh_opportunity_entity)
		fprintf(out, "  --line PRODUCT:QTY[:PRICE]       a line (repeatable); an order's amount "
		       "and cost, a contract's total, an opportunity's amount follow from the "
		       "lines\n");
	if (e == &kh_customer_entity)
		fprintf(out, "  --force                        add or edit even if another customer has "
		       "the same credit code, name, phone or email (kehu duplicates check)\n");
}

/* Display width of UTF-8 text: CJK characters take two columns. */
static int display_width(const char *s)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;
	int w = 0;

	while (*s && (n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp)) > 0) {
		w += utf8proc_charwidth(cp);
		s += n;
	}
	return w;
}

static void print_cell(json_t *v, int width)
{
	char buf[64];
	const char *s = "";

	if (json_is_string(v))
		s = json_string_value(v);
	else if (json_is_integer(v))
		snprintf(buf, sizeof(buf), "%lld", (long long)json_integer_value(v)), s = buf;
	else if (json_is_boolean(v))
		s = json_is_true(v) ? "yes" : "no";
	printf("%s%*s  ", s, width - display_width(s) > 0 ? width - display_width(s) : 0, "");
}

static void print_table(json_t *items, const char *const *columns)
{
	int widths[7] = {2};
	size_t ncol = 1, i, c;
	const char *names[7] = {"id"};

	for (c = 0; c < 6 && columns[c]; c++)
		names[ncol++] = columns[c];
	for (c = 0; c < ncol; c++)
		widths[c] = display_width(names[c]);
	for (i = 0; i < json_array_size(items); i++) {
		for (c = 0; c < ncol; c++) {
			json_t *v = json_object_get(json_array_get(items, i), names[c]);
			char buf[32];
			int w = 0;

			if (json_is_string(v))
				w = display_width(json_string_value(v));
			else if (json_is_integer(v))
				w = snprintf(buf, sizeof(buf), "%lld", (long long)json_integer_value(v));
			if (w > 40)
				w = 40;
			if (w > widths[c])
				widths[c] = w;
		}
	}
	for (c = 0; c < ncol; c++)
		printf("%-*s  ", widths[c], names[c]);
	putchar('\n');
	for (i = 0; i < json_array_size(items); i++) {
		for (c = 0; c < ncol; c++)
			print_cell(json_object_get(json_array_get(items, i), names[c]), widths[c]);
		putchar('\n');
	}
}

/* --line P:Q[:PRICE] values into [{"product":P,"quantity":Q,"unit_price":X}]. */
static int convert_lines(json_t *opts, const char *cmd)
{
	json_t *raw = json_object_get(opts, "line"), *lines;

	if (!raw)
		return 0;
	lines = json_array();
	for (size_t i = 0; i < json_array_size(raw); i++) {
		const char *s = json_string_value(json_array_get(raw, i));
		char buf[128], *p1, *p2;

		snprintf(buf, sizeof(buf), "%s", s);
		p1 = strchr(buf, ':');
		if (!p1) {
			json_decref(lines);
			return kh_cli_usage(cmd, "--line must be PRODUCT:QUANTITY[:PRICE], got '%s'", s);
		}
		*p1++ = '\0';
		p2 = strchr(p1, ':');
		if (p2)
			*p2++ = '\0';
		json_array_append_new(lines, p2 ? json_pack("{s:s, s:s, s:s}", "product", buf,
							     "quantity", p1, "unit_price", p2)
						: json_pack("{s:s, s:s}", "product", buf, "quantity", p1));
	}
	json_object_del(opts, "line");
	json_object_set_new(opts, "lines", lines);
	return 0;
}

/* The verbs that only read, and so open the database read-only. */
static bool reads_only(const char *verb)
{
	return strcmp(verb, "show") == 0 || strcmp(verb, "list") == 0 ||
	       strcmp(verb, "history") == 0;
}

static int parse_id(const char *cmd, const char *s, int64_t *id)
{
	struct kh_error err = {0};

	if (!s)
		return kh_cli_usage(cmd, "an ID is needed");
	if (kh_parse_int64(s, 1, INT64_MAX, id, "id", &err))
		return kh_cli_usage(cmd, "'%s' is not an id", s);
	return 0;
}

static void print_view(json_t *view);

int kh_cmd_entity(struct kh_cli *cli, int argc, char **argv)
{
	/* --force: add or keep a duplicate customer (service/customers/duplicates.h). */
	static const char *const customer_flags[] = {"force", NULL};
	int which = kh_cli_entity_known(argv[0]);
	const struct kh_entity *e = kh_entity_find(commands[which].entity);
	const char *pos[2] = {NULL, NULL}, *verb;
	char cmd[64];
	struct kh_error err = {0};
	json_t *opts = NULL, *out = NULL;
	int64_t id = 0;
	int npos = 0, rc = KH_EXIT_USAGE;

	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		if (argc < 2) {
			fprintf(stderr, "kehu: %s: which action? (add, show, edit, rm, list, history)\n",
				argv[0]);
			usage(stderr, argv[0], e);
			return KH_EXIT_USAGE;
		}
		usage(stdout, argv[0], e);
		return KH_EXIT_OK;
	}
	verb = argv[1];
	if (e == &kh_customer_entity && strcmp(verb, "merge") == 0)
		return kh_cmd_customer_merge(cli, argc - 1, argv + 1);
	if (e == &kh_lead_entity && (strcmp(verb, "convert") == 0 || strcmp(verb, "followup") == 0 ||
				     strcmp(verb, "followups") == 0))
		return kh_cmd_lead(cli, argc - 1, argv + 1);
	if (e == &kh_opportunity_entity && strcmp(verb, "stages") == 0)
		return kh_cmd_opportunity_stages(cli, argc - 1, argv + 1);
	if ((e == &kh_contract_entity || e == &kh_receivable_entity) &&
	    kh_approval_parse(verb, &(enum kh_approval_action){0}) == 0)
		return kh_cmd_approval(cli, argc, argv);
	if (strcmp(verb, "export") == 0)
		return kh_cmd_export(cli, e->table, argc, argv);
	snprintf(cmd, sizeof(cmd), "%s %s", argv[0], verb);
	opts = e == &kh_customer_entity
		       ? kh_cli_options_flags(cli, cmd, argc - 2, argv + 2, customer_flags, pos, 1,
					      &npos)
		       : kh_cli_options(cli, cmd, argc - 2, argv + 2, pos, 1, &npos);
	if (!opts)
		return cli->options_status;
	if (cli->help) {
		usage(stdout, argv[0], e);
		rc = KH_EXIT_OK;
		goto out;
	}
	if (strcmp(verb, "add") && strcmp(verb, "list") && (rc = parse_id(cmd, pos[0], &id)))
		goto out;
	if (strcmp(verb, "add") == 0 && npos) {
		rc = kh_cli_usage(cmd, "unexpected argument '%s'", pos[0]);
		goto out;
	}
	if ((rc = reads_only(verb) ? kh_cli_open_read(cli, cmd) : kh_cli_open(cli, cmd)))
		goto out;
	if (e == &kh_customer_entity && (strcmp(verb, "add") == 0 || strcmp(verb, "edit") == 0) &&
	    kh_duplicates_take_force(&cli->ctx, opts, &err)) {
		rc = kh_cli_fail(cmd, &err);
		goto out;
	}
	if (strcmp(verb, "add") == 0) {
		if (e == &kh_order_entity || e == &kh_contract_entity ||
		    e == &kh_opportunity_entity) {
			if ((rc = convert_lines(opts, cmd)))
				goto out;
			rc = e == &kh_order_entity ? kh_order_create(&cli->ctx, opts, &id, &err)
			     : e == &kh_contract_entity
				     ? kh_contract_create(&cli->ctx, opts, &id, &err)
				     : kh_opportunity_create(&cli->ctx, opts, &id, &err);
		} else {
			rc = kh_entity_create(&cli->ctx, e, opts, &id, &err);
		}
		if (rc)
			goto fail;
		printf("%lld\n", (long long)id);
	} else if (strcmp(verb, "edit") == 0) {
		if (json_object_size(opts) == 0) {
			rc = kh_cli_usage(cmd, "nothing to change: give --FIELD VALUE");
			goto out;
		}
		if ((e == &kh_contract_entity || e == &kh_opportunity_entity) &&
		    (rc = convert_lines(opts, cmd)))
			goto out;
		if ((rc = e == &kh_contract_entity ? kh_contract_update(&cli->ctx, id, opts, &err)
			  : e == &kh_opportunity_entity
				  ? kh_opportunity_update(&cli->ctx, id, opts, &err)
				  : kh_entity_update(&cli->ctx, e, id, opts, &err)))
			goto fail;
	} else if (strcmp(verb, "rm") == 0) {
		if (json_object_size(opts)) {
			rc = kh_cli_usage(cmd, "rm takes only an id");
			goto out;
		}
		if ((rc = kh_entity_delete(&cli->ctx, e, id, &err)))
			goto fail;
	} else if (strcmp(verb, "show") == 0) {
		if (e == &kh_customer_entity)
			rc = kh_customer_view(&cli->ctx, id, &out, &err);
		else if (e == &kh_order_entity)
			rc = kh_order_get(&cli->ctx, id, &out, &err);
		else if (e == &kh_contract_entity)
			rc = kh_contract_get(&cli->ctx, id, &out, &err);
		else if (e == &kh_opportunity_entity)
			rc = kh_opportunity_get(&cli->ctx, id, &out, &err);
		else
			rc = kh_entity_get(&cli->ctx, e, id, &out, &err);
		if (rc)
			goto fail;
		if (cli->json)
			kh_cli_print_json(out);
		else if (e == &kh_customer_entity)
			print_view(out);
		else
			kh_cli_print_fields(out, "");
	} else if (strcmp(verb, "history") == 0) {
		if ((rc = kh_entity_get(&cli->ctx, e, id, &out, &err)))
			goto fail;
		json_decref(out);
		if ((rc = kh_store_audit_list(cli->store, e->name, id, 1000, &out, &err)))
			goto fail;
		if (cli->json) {
			kh_cli_print_json(out);
		} else {
			for (size_t i = 0; i < json_array_size(out); i++) {
				json_t *a = json_array_get(out, i);
				char *ch = json_dumps(json_object_get(a, "changes"),
						      JSON_COMPACT | JSON_ENCODE_ANY);

				printf("%s  %-6s  user %lld  %s\n",
				       json_string_value(json_object_get(a, "at")),
				       json_string_value(json_object_get(a, "action")),
				       (long long)json_integer_value(json_object_get(a, "user_id")),
				       ch ? ch : "");
				free(ch);
			}
		}
	} else if (strcmp(verb, "list") == 0) {
		struct kh_list_params p = {.page = 1, .per_page = 50};
		json_t *v;

		if ((v = json_object_get(opts, "sort")))
			p.sort = json_string_value(v);
		if ((v = json_object_get(opts, "page")) &&
		    kh_parse_int64(json_string_value(v), 1, 1000000, &p.page, "page", &err))
			goto fail;
		if ((v = json_object_get(opts, "per_page")) &&
		    kh_parse_int64(json_string_value(v), 1, 500, &p.per_page, "per-page", &err))
			goto fail;
		json_t *filters = json_deep_copy(opts);

		json_object_del(filters, "sort");
		json_object_del(filters, "page");
		json_object_del(filters, "per_page");
		p.filters = filters;
		rc = kh_entity_list(&cli->ctx, e, &p, &out, &err);
		json_decref(filters);
		if (rc)
			goto fail;
		if (cli->json) {
			kh_cli_print_json(out);
		} else {
			print_table(json_object_get(out, "items"), commands[which].columns);
			printf("(%lld of %lld, page %lld)\n",
			       (long long)json_array_size(json_object_get(out, "items")),
			       (long long)json_integer_value(json_object_get(out, "total")),
			       (long long)p.page);
		}
	} else {
		rc = kh_cli_usage(argv[0], "unknown action '%s' (add, show, edit, rm, list, history)",
				  verb);
		goto out;
	}
	rc = KH_EXIT_OK;
	goto out;
fail:
	rc = kh_cli_fail(cmd, &err);
out:
	json_decref(opts);
	json_decref(out);
	return rc;
}

static void print_section(json_t *items, const char *title, const char *const *cols)
{
	printf("\n== %s (%zu) ==\n", title, json_array_size(items));
	if (json_array_size(items))
		print_table(items, cols);
}

static void print_view(json_t *view)
{
	static const char *const contact_cols[] = {"name", "title", "role", "mobile", "phone",
						   "birthday"};
	static const char *const activity_cols[] = {"date", "kind", "subject", "outcome",
						    "next_step", "next_date"};
	static const char *const order_cols[] = {"date", "amount", "cost", "status", NULL, NULL};
	static const char *const product_cols[] = {"name", "category", "quantity", "amount",
						   "last_bought", NULL};
	static const char *const opp_cols[] = {"name", "stage", "amount", "probability",
					       "followup_count", NULL};
	json_t *c = json_object_get(view, "customer"), *m = json_object_get(view, "metrics");

	printf("== %s ==\n", json_string_value(json_object_get(c, "name")));
	kh_cli_print_fields(c, "  ");
	if (json_is_object(m)) {
		printf("\n== metrics ==\n");
		kh_cli_print_fields(m, "  ");
	}
	print_section(json_object_get(view, "contacts"), "contacts", contact_cols);
	print_section(json_object_get(view, "activities"), "recent activities", activity_cols);
	print_section(json_object_get(view, "orders"), "recent orders", order_cols);
	print_section(json_object_get(view, "products"), "products bought", product_cols);
	print_section(json_object_get(view, "opportunities"), "opportunities", opp_cols);
}

void kh_cli_print_view(json_t *view)
{
	print_view(view);
}
