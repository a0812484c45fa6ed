/*
 * track_html_fuzz.c: libFuzzer target for the rewriting of a message's
 * HTML for tracking (kh_track_html). Properties beyond "no crash": at most
 * KH_TRACK_LINKS_MAX links, each kept URL http(s); valid UTF-8 stays valid;
 * and the output holds the pixel once.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/utf8.h"
#include "fuzz_text.h"
#include "service/comms/track_links.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const unsigned char key[KH_LINK_KEY_BYTES] = "kehu fuzz key kehu fuzz key 1234";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kh_track_links links = {0};
	struct kh_strbuf out;
	char *s;

	if (size > 8192)
		return 0;
	s = fuzz_text(data, size);
	kh_strbuf_init(&out, 0);
	if (kh_track_html(s, "https://crm.example.com", "https://crm.example.com/u/x", key, 7,
			  &out, &links, NULL) == 0) {
		const char *pixel = strstr(out.buf, "/o/");

		if (links.n > KH_TRACK_LINKS_MAX || !pixel)
			abort();
		for (size_t i = 0; i < links.n; i++)
			if (strncasecmp(links.urls[i], "http://", 7) &&
			    strncasecmp(links.urls[i], "https://", 8))
				abort();
		if (kh_utf8_valid(s, strlen(s)) && !kh_utf8_valid(out.buf, out.len))
			abort();
	}
	kh_track_links_release(&links);
	kh_strbuf_release(&out);
	free(s);
	return 0;
}
