/*
 * text_fuzz.c: libFuzzer target for text as stored (kh_utf8_repair, what a
 * row written outside kehu is shown as) and the search folding and keys
 * built from it. Properties beyond "no crash": repaired text is valid,
 * valid text repairs to itself, and keys are built for any repaired name.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "service/customers/search.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kh_strbuf fixed, folded, keys;
	const char *phones[1] = {"13812345678"};
	size_t n = 0;

	if (size > 1024)
		return 0;
	kh_strbuf_init(&fixed, 0);
	kh_strbuf_init(&folded, 0);
	kh_strbuf_init(&keys, 0);
	if (kh_utf8_repair((const char *)data, size, &fixed) ||
	    !kh_utf8_valid(fixed.buf, fixed.len))
		abort();
	if (kh_utf8_valid((const char *)data, size) &&
	    (fixed.len != size || memcmp(fixed.buf, data, size)))
		abort();
	kh_text_fold(fixed.buf, &folded);
	if (kh_search_keys_build(fixed.buf, size & 1, phones, 1, &keys, &n) == 0 && n > 400)
		abort();
	kh_strbuf_release(&fixed);
	kh_strbuf_release(&folded);
	kh_strbuf_release(&keys);
	return 0;
}
