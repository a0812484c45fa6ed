/*
 * vcard_io.h: contacts as vCards (base/vcard.h), both ways. Export is an
 * export of the contact list (export.h: the same scope, levels and audit)
 * written as cards; import creates or updates the contacts of one customer
 * through the registry, with the same validation and permission checks as
 * a contact created by hand, all cards or none.
 *
 * The mapping: FN and N (family;given, 张;三 for 张三) <-> name; TEL
 * TYPE=CELL <-> mobile, another TEL (work, voice, home) <-> phone; EMAIL;
 * ORG (customer;department) -> department; TITLE; BDAY (with a year) <->
 * birthday; ADR <-> address (its street, or the parts joined); NOTE <->
 * notes. Every other contact field travels as X-KEHU-FIELD (X-KEHU-WECHAT,
 * X-KEHU-HOBBIES, ...), so an export imported again keeps every field.
 */
#ifndef KH_VCARD_IO_H
#define KH_VCARD_IO_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "service/context.h"
#include "service/io/export.h"

/* Whole cards of a contact export x appended to sb until it holds chunk
 * bytes or the rows end (*done); version 30 or 40. */
int kh_export_vcf_chunk(struct kh_export *x, int version, struct kh_strbuf *sb, size_t chunk,
			bool *done, struct kh_error *err);

/* Create or update, from the cards in buf[0..len), the contacts of
 * customer_id: a card matches the customer's contact of the same name,
 * else of the same mobile, and updates it; otherwise it creates one. One
 * transaction: a bad card changes nothing (its error names "card N").
 * *result: {"created": n, "updated": n, "contacts": [{"id", "name",
 * "action"}], "ignored": [{"card", "property", "reason"}]}. */
int kh_vcard_import(struct kh_ctx *ctx, int64_t customer_id, const char *buf, size_t len,
		    json_t **result, struct kh_error *err);

#endif
