/*
 * pinyin.c: toneless pinyin of Han characters and the pinyin search keys of a
 * name (full syllables, initials, syllable offsets). Readings come from the
 * table tools/gen_pinyin.py builds from Unihan: a binary search over spans of
 * code points, then a direct index, so a name costs no allocation beyond the
 * caller's buffers.
 */
#include "base/pinyin.h"

#include <string.h>

#include "base/error.h"
#include "base/pinyin_table.h"
#include "base/utf8.h"
#include "base/banned.h"

/* The table's own reading of cp, without simplifying it first. */
static const char *table_reading(uint32_t cp)
{
	size_t lo = 0, hi = kh_pinyin_nspans;
	const struct kh_pinyin_span *sp;
	uint16_t syl;

	if (!hi || cp < kh_pinyin_spans[0].first)
		return NULL;
	/* The last span that starts at or before cp. */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (kh_pinyin_spans[mid].first <= cp)
			lo = mid;
		else
			hi = mid;
	}
	sp = &kh_pinyin_spans[lo];
	if (cp - sp->first >= sp->count)
		return NULL;
	syl = kh_pinyin_index[sp->offset + (cp - sp->first)];
	return syl && syl < kh_pinyin_nsyllables ? kh_pinyin_syllables[syl] : NULL;
}

const char *kh_pinyin_of(uint32_t cp)
{
	uint32_t simple = kh_han_simplify(cp);
	const char *r = table_reading(simple);

	/* The generator drops a traditional character's own reading when its
	 * simplified form has one, so only fall back when that form has none. */
	if (!r && simple != cp)
		r = table_reading(cp);
	return r;
}

const char *kh_pinyin_surname(uint32_t cp)
{
	size_t lo = 0, hi = kh_pinyin_nsurnames;

	cp = kh_han_simplify(cp);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (kh_pinyin_surnames[mid].cp < cp) {
			lo = mid + 1;
		} else if (kh_pinyin_surnames[mid].cp > cp) {
			hi = mid;
		} else {
			uint32_t syl = kh_pinyin_surnames[mid].to;

			return syl && syl < kh_pinyin_nsyllables ? kh_pinyin_syllables[syl] : NULL;
		}
	}
	return NULL;
}

enum run {
	RUN_NONE,
	RUN_ALPHA,
	RUN_DIGIT,
	RUN_HAN,
};

struct keys {
	struct kh_strbuf *full, *initials;
	uint16_t *starts;
	size_t max_starts, nstarts;
	size_t nsyllables; /* syllables seen, recorded or not */
	size_t offset;     /* where the next byte lands in full */
};

/* Open a syllable (or a Latin word, or a number) whose first letter is c. */
static int syllable_start(struct keys *k, char c)
{
	int rc;

	if (k->starts && k->nstarts < k->max_starts && k->offset <= UINT16_MAX)
		k->starts[k->nstarts++] = (uint16_t)k->offset;
	k->nsyllables++;
	if (k->initials && (rc = kh_strbuf_addch(k->initials, c)))
		return rc;
	return 0;
}

static int emit(struct keys *k, const char *s, size_t len)
{
	int rc;

	if (k->full && (rc = kh_strbuf_add(k->full, s, len)))
		return rc;
	k->offset += len;
	return 0;
}

int kh_pinyin_keys(const char *s, enum kh_pinyin_mode mode, struct kh_strbuf *full,
		   struct kh_strbuf *initials, uint16_t *syllable_starts, size_t max_starts,
		   size_t *n_starts)
{
	struct kh_text_cps cps;
	struct keys k = {
		.full = full,
		.initials = initials,
		.starts = syllable_starts,
		.max_starts = max_starts,
		.offset = full ? full->len : 0,
	};
	size_t full_len = full ? full->len : 0, initials_len = initials ? initials->len : 0;
	enum run prev = RUN_NONE, kind;
	int rc;

	/* Marks are stripped so "Müller" gives "muller": keys stay ASCII. */
	rc = kh_text_decode(s, true, &cps);
	if (rc)
		goto out;
	for (size_t i = 0; i < cps.len; i++) {
		int32_t cp = cps.cp[i];
		const char *py = NULL;
		char ch;

		if (cp < 0x80) {
			if (cp >= 'a' && cp <= 'z') {
				kind = RUN_ALPHA;
			} else if (cp >= '0' && cp <= '9') {
				kind = RUN_DIGIT;
			} else {
				prev = RUN_NONE;
				continue;
			}
			ch = (char)cp;
			if (kind != prev && (rc = syllable_start(&k, ch)))
				goto out;
			if ((rc = emit(&k, &ch, 1)))
				goto out;
			prev = kind;
			continue;
		}
		/* A surname is the first thing in a person's name; a title or a
		 * Latin word before it means we cannot tell, so read it plainly. */
		if (mode == KH_PINYIN_PERSON && k.nsyllables == 0)
			py = kh_pinyin_surname((uint32_t)cp);
		if (!py)
			py = kh_pinyin_of((uint32_t)cp);
		if (!py) {
			prev = RUN_NONE;
			continue;
		}
		if ((rc = syllable_start(&k, py[0])) || (rc = emit(&k, py, strlen(py))))
			goto out;
		prev = RUN_HAN;
	}
	if (n_starts)
		*n_starts = k.nstarts;
out:
	if (rc) {
		if (full)
			kh_strbuf_setlen(full, full_len);
		if (initials)
			kh_strbuf_setlen(initials, initials_len);
	}
	kh_text_cps_release(&cps);
	return rc;
}
