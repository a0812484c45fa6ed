/*
 * signed_link_fuzz.c: libFuzzer target for link tokens from the outside
 * (kh_link_verify). Properties beyond "no crash": a token that verifies is
 * exactly the one kh_link_sign makes for what it says; the input bytes
 * themselves are also tried as a link, whose token must verify to it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/signed_link.h"
#include "fuzz_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const unsigned char key[KH_LINK_KEY_BYTES] = "kehu fuzz key kehu fuzz key 1234";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char token[KH_LINK_TOKEN_LEN + 1], *s;
	struct kh_link link, back;

	if (size > 128)
		return 0;
	s = fuzz_text(data, size);
	if (kh_link_verify(key, s, &link) == 0) {
		if (kh_link_sign(key, &link, token) || strcmp(token, s) != 0)
			abort();
	}
	if (size >= 13) {
		link.purpose = (enum kh_link_purpose)(1 + data[0] % 3);
		memcpy(&link.message_id, data + 1, 8);
		memcpy(&link.part, data + 9, 4);
		if (kh_link_sign(key, &link, token) || kh_link_verify(key, token, &back) ||
		    back.purpose != link.purpose || back.message_id != link.message_id ||
		    back.part != link.part)
			abort();
	}
	free(s);
	return 0;
}
