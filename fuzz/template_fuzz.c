/*
 * template_fuzz.c: libFuzzer target for message templates
 * (kh_template_check, kh_template_render). Properties beyond "no crash":
 * check and render accept the same texts (check given the names render
 * met); a rendering is valid UTF-8; and in the HTML part a value never
 * brings markup: with every value "<&>", a template without '<' renders
 * without '<'.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/template.h"
#include "base/utf8.h"
#include "fuzz_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NAMES_MAX 64

struct seen {
	char names[NAMES_MAX][KH_TEMPLATE_NAME_MAX + 1];
	const char *list[NAMES_MAX];
	size_t n;
	int overflow;
};

static const char *markup(void *ctx, const char *name)
{
	struct seen *seen = ctx;

	if (seen->n == NAMES_MAX) {
		seen->overflow = 1;
	} else {
		memcpy(seen->names[seen->n], name, strlen(name) + 1);
		seen->list[seen->n] = seen->names[seen->n];
		seen->n++;
	}
	return "<&>";
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct seen seen = {.n = 0};
	struct kh_strbuf out;
	char *s;
	int rendered, checked;

	if (size > 4096)
		return 0;
	s = fuzz_text(data, size);
	kh_strbuf_init(&out, 0);
	rendered = kh_template_render(s, true, markup, &seen, &out, NULL);
	if (rendered == 0) {
		if (!kh_utf8_valid(out.buf, out.len))
			abort();
		if (!strchr(s, '<') && strchr(out.buf, '<'))
			abort();
	}
	if (!seen.overflow) {
		checked = kh_template_check(s, seen.list, seen.n, "body", NULL);
		if ((checked == 0) != (rendered == 0))
			abort();
	}
	kh_strbuf_release(&out);
	free(s);
	return 0;
}
