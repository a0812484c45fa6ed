/*
 * vcard_io.c: contacts to vCards and back (see vcard_io.h).
 */
#include "service/io/vcard_io.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/vcard.h"
#include "service/entity.h"
#include "service/permission.h"
#include "store/store.h"
#include "base/banned.h"

/* The contact fields a standard property carries (the rest: X-KEHU-*). */
static const char *const standard[] = {"customer", "name", "title", "department", "phone",
				       "mobile", "email", "birthday", "address", "notes",
				       "reports_to", NULL};

static bool is_standard(const char *name)
{
	for (size_t i = 0; standard[i]; i++)
		if (strcmp(standard[i], name) == 0)
			return true;
	return false;
}

static const char *text_of(json_t *item, const char *name)
{
	const char *s = json_string_value(json_object_get(item, name));

	return s && *s ? s : NULL;
}

static int put1(struct kh_strbuf *sb, int version, const char *name, unsigned types,
		const char *value)
{
	return value ? kh_vcard_write_prop(sb, version, name, types, &value, 1) : 0;
}

/* "X-KEHU-WORK-HISTORY" for work_history. */
static void x_name(const char *field, char *buf, size_t size)
{
	size_t i = (size_t)snprintf(buf, size, "X-KEHU-");

	for (; *field && i + 1 < size; field++)
		buf[i++] = *field == '_' ? '-' : (*field >= 'a' && *field <= 'z')
							   ? (char)(*field - 32) : *field;
	buf[i] = '\0';
}

static int put_extra(struct kh_strbuf *sb, int version, json_t *item)
{
	const struct kh_entity *e = &kh_contact_entity;
	char name[80], buf[64];
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < e->nfields; i++) {
		const struct kh_field *f = &e->fields[i];
		json_t *v = json_object_get(item, f->name);
		char *dump = NULL;
		const char *s;

		if (is_standard(f->name) || !v || json_is_null(v))
			continue;
		if (json_is_object(v)) {
			if (json_object_size(v) == 0)
				continue;
			s = dump = json_dumps(v, JSON_COMPACT);
		} else if (json_is_boolean(v)) {
			s = json_is_true(v) ? "true" : "false";
		} else if (json_is_integer(v)) {
			snprintf(buf, sizeof(buf), "%lld", (long long)json_integer_value(v));
			s = buf;
		} else {
			s = json_string_value(v);
		}
		x_name(f->name, name, sizeof(name));
		if (s && *s)
			rc = put1(sb, version, name, 0, s);
		free(dump);
	}
	return rc;
}

static int put_card(struct kh_strbuf *sb, int version, json_t *item)
{
	const char *name = text_of(item, "name"), *family, *given, *bday;
	char fam[256], giv[256], basic[9];
	size_t fl, gl;
	const char *n_parts[5] = {fam, giv, "", "", ""};
	const char *org[2] = {json_string_value(json_object_get(item, "customer_name")),
			      text_of(item, "department")};
	const char *adr[7] = {"", "", text_of(item, "address"), "", "", "", ""};
	unsigned cell = KH_VCARD_CELL | (version == 40 ? KH_VCARD_VOICE : 0);
	int rc;

	kh_vcard_split_name(name ? name : "", &family, &fl, &given, &gl);
	snprintf(fam, sizeof(fam), "%.*s", (int)fl, family);
	snprintf(giv, sizeof(giv), "%.*s", (int)gl, given);
	bday = text_of(item, "birthday");
	if (bday && version == 40 && strlen(bday) == 10) {
		/* 4.0 writes dates in the basic format: 19750308. */
		snprintf(basic, sizeof(basic), "%.4s%.2s%.2s", bday, bday + 5, bday + 8);
		bday = basic;
	}
	rc = kh_vcard_write_begin(sb, version) || put1(sb, version, "FN", 0, name ? name : "") ||
	     kh_vcard_write_prop(sb, version, "N", 0, n_parts, 5);
	if (rc == 0 && (org[0] || org[1]))
		rc = kh_vcard_write_prop(sb, version, "ORG", 0, org, org[1] ? 2 : 1);
	rc = rc || put1(sb, version, "TITLE", 0, text_of(item, "title")) ||
	     put1(sb, version, "TEL", cell, text_of(item, "mobile")) ||
	     put1(sb, version, "TEL", KH_VCARD_WORK | KH_VCARD_VOICE, text_of(item, "phone")) ||
	     put1(sb, version, "EMAIL", 0, text_of(item, "email")) ||
	     put1(sb, version, "BDAY", 0, bday);
	if (rc == 0 && adr[2])
		rc = kh_vcard_write_prop(sb, version, "ADR", 0, adr, 7);
	rc = rc || put1(sb, version, "NOTE", 0, text_of(item, "notes")) ||
	     put_extra(sb, version, item) || kh_vcard_write_end(sb);
	return rc ? KH_ENOMEM : 0;
}

static int write_card(void *arg, json_t *item, struct kh_strbuf *sb)
{
	return put_card(sb, *(const int *)arg, item);
}

int kh_export_vcf_chunk(struct kh_export *x, int version, struct kh_strbuf *sb, size_t chunk,
			bool *done, struct kh_error *err)
{
	*done = false;
	if (kh_export_entity(x) != &kh_contact_entity)
		return kh_error_set(err, KH_EINVAL, "format", "vcf exports contacts only");
	return kh_export_chunk(x, sb, chunk, done, write_card, &version, err);
}

/* ---- Import ---- */

static void ignore(json_t *ignored, size_t card, const char *prop, const char *why)
{
	json_array_append_new(ignored, json_pack("{s:I, s:s, s:s}", "card", (json_int_t)card + 1,
						 "property", prop, "reason", why));
}

static void set_text(json_t *input, const char *field, const char *s)
{
	if (s && *s && !json_object_get(input, field))
		json_object_set_new(input, field, json_string(s));
}

/* The address of an ADR: its street alone, or its parts joined. */
static void address_of(const struct kh_vcard_prop *adr, json_t *input)
{
	struct kh_strbuf sb;
	bool street_only = true;

	for (size_t i = 0; i < adr->nparts; i++)
		if (i != 2 && *kh_vcard_part(adr, i))
			street_only = false;
	if (street_only) {
		set_text(input, "address", kh_vcard_part(adr, 2));
		return;
	}
	kh_strbuf_init(&sb, 0);
	for (size_t i = 0; i < adr->nparts; i++)
		if (*kh_vcard_part(adr, i) &&
		    ((sb.len && kh_strbuf_addch(&sb, ' ')) || kh_strbuf_adds(&sb, kh_vcard_part(adr, i))))
			break;
	set_text(input, "address", sb.buf);
	kh_strbuf_release(&sb);
}

/* An X-KEHU-FIELD property into its contact field. */
static void extra_of(const struct kh_vcard_prop *p, json_t *input, json_t *ignored, size_t card)
{
	char field[64];
	const struct kh_field *f;
	size_t i = 0;

	for (const char *s = p->name + 7; *s && i + 1 < sizeof(field); s++)
		field[i++] = *s == '-' ? '_' : (*s >= 'A' && *s <= 'Z') ? (char)(*s + 32) : *s;
	field[i] = '\0';
	f = kh_entity_field(&kh_contact_entity, field);
	if (!f || is_standard(field)) {
		ignore(ignored, card, p->name, "not a contact field");
		return;
	}
	if (f->type == KH_F_JSON) {
		json_t *obj = json_loads(kh_vcard_part(p, 0), JSON_REJECT_DUPLICATES, NULL);

		if (json_is_object(obj))
			json_object_set_new(input, field, obj);
		else
			json_decref(obj), ignore(ignored, card, p->name, "not a JSON object");
		return;
	}
	set_text(input, field, kh_vcard_part(p, 0));
}

static void tel_of(const struct kh_vcard_prop *p, json_t *input, json_t *ignored, size_t card)
{
	const char *field = (p->types & KH_VCARD_CELL) ? "mobile" : "phone";

	if (p->types & KH_VCARD_FAX)
		ignore(ignored, card, "TEL", "fax numbers are not kept");
	else if (json_object_get(input, field))
		ignore(ignored, card, "TEL", "a contact keeps one mobile and one phone");
	else
		set_text(input, field, kh_vcard_part(p, 0));
}

/* The contact input of one card (customer and name first). */
static int card_input(const struct kh_vcard *c, size_t card, int64_t customer_id, json_t **out,
		      json_t *ignored, struct kh_error *err)
{
	json_t *input = json_object();
	struct kh_strbuf name;
	char day[11];

	kh_strbuf_init(&name, 0);
	kh_vcard_name(c, &name);
	if (!name.len) {
		kh_strbuf_release(&name);
		json_decref(input);
		return kh_error_set(err, KH_EINVAL, "name", "card %zu (line %lu): no FN or N", card + 1,
				    c->line);
	}
	json_object_set_new(input, "customer", json_integer(customer_id));
	json_object_set_new(input, "name", json_string(name.buf));
	kh_strbuf_release(&name);
	for (size_t i = 0; i < c->nprops; i++) {
		const struct kh_vcard_prop *p = &c->props[i];

		if (strcmp(p->name, "TEL") == 0)
			tel_of(p, input, ignored, card);
		else if (strcmp(p->name, "EMAIL") == 0)
			set_text(input, "email", kh_vcard_part(p, 0));
		else if (strcmp(p->name, "TITLE") == 0)
			set_text(input, "title", kh_vcard_part(p, 0));
		else if (strcmp(p->name, "NOTE") == 0)
			set_text(input, "notes", kh_vcard_part(p, 0));
		else if (strcmp(p->name, "ORG") == 0)
			set_text(input, "department", kh_vcard_part(p, 1));
		else if (strcmp(p->name, "ADR") == 0)
			address_of(p, input);
		else if (strcmp(p->name, "BDAY") == 0 && kh_vcard_bday(kh_vcard_part(p, 0), day) &&
			 day[0] != '-')
			set_text(input, "birthday", day);
		else if (strcmp(p->name, "BDAY") == 0)
			ignore(ignored, card, "BDAY", "a birthday needs its year");
		else if (strncmp(p->name, "X-KEHU-", 7) == 0)
			extra_of(p, input, ignored, card);
	}
	*out = input;
	return 0;
}

/* The customer's contact called name, else the one with this mobile: its id, or 0. */
static int existing(struct kh_ctx *ctx, int64_t customer_id, json_t *input, int64_t *id,
		    struct kh_error *err)
{
	const char *keys[] = {"name", "mobile"};
	int rc = 0;

	*id = 0;
	for (size_t i = 0; rc == 0 && *id == 0 && i < 2; i++) {
		json_t *v = json_object_get(input, keys[i]), *list = NULL;
		struct kh_list_params p = {.page = 1, .per_page = 1, .no_total = true};

		if (!v)
			continue;
		p.filters = json_pack("{s:I, s:O}", "customer", (json_int_t)customer_id, keys[i], v);
		rc = kh_entity_list(ctx, &kh_contact_entity, &p, &list, err);
		if (rc == 0 && json_array_size(json_object_get(list, "items")))
			*id = json_integer_value(
				json_object_get(json_array_get(json_object_get(list, "items"), 0), "id"));
		json_decref(list);
		json_decref(p.filters);
	}
	return rc;
}

static int import_card(struct kh_ctx *ctx, int64_t customer_id, json_t *input, json_t *result,
		       struct kh_error *err)
{
	int64_t id = 0;
	const char *action;
	int rc;

	if ((rc = existing(ctx, customer_id, input, &id, err)))
		return rc;
	if (id) {
		json_object_del(input, "customer");
		rc = kh_entity_update(ctx, &kh_contact_entity, id, input, err);
		action = "updated";
	} else {
		rc = kh_entity_create(ctx, &kh_contact_entity, input, &id, err);
		action = "created";
	}
	if (rc)
		return rc;
	json_object_set_new(result, action,
			    json_integer(json_integer_value(json_object_get(result, action)) + 1));
	json_array_append_new(json_object_get(result, "contacts"),
			      json_pack("{s:I, s:O, s:s}", "id", (json_int_t)id, "name",
					json_object_get(input, "name"), "action", action));
	return 0;
}

int kh_vcard_import(struct kh_ctx *ctx, int64_t customer_id, const char *buf, size_t len,
		    json_t **result, struct kh_error *err)
{
	struct kh_vcard *cards = NULL;
	size_t n = 0;
	json_t *out = NULL, *input = NULL;
	int rc, level;

	if ((rc = kh_perm_customer(ctx, customer_id, true, &level, err)) ||
	    (rc = kh_vcard_parse(buf, len, &cards, &n, err)) ||
	    (rc = kh_store_begin(ctx->store, err)))
		goto out;
	out = json_pack("{s:i, s:i, s:[], s:[]}", "created", 0, "updated", 0, "contacts",
			"ignored");
	for (size_t i = 0; rc == 0 && i < n; i++) {
		if ((rc = card_input(&cards[i], i, customer_id, &input, json_object_get(out, "ignored"),
				     err)) == 0)
			rc = import_card(ctx, customer_id, input, out, err);
		json_decref(input);
		input = NULL;
		if (rc && err && strncmp(err->message, "card ", 5))
			kh_error_prefix(err, "card %zu (line %lu): ", i + 1, cards[i].line);
	}
	if (rc == 0)
		rc = kh_store_commit(ctx->store, err);
	else
		kh_store_rollback(ctx->store);
out:
	kh_vcard_free(cards, n);
	if (rc == 0)
		*result = out;
	else
		json_decref(out);
	return rc;
}
