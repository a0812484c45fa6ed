/*
 * template.h: the text of a message with placeholders filled from the file,
 * for campaigns and greetings: "{{salutation}}，您好" or, with a fallback for
 * an empty value, "{{salutation|尊敬的客户}}". Names are lower-case ASCII
 * letters, digits, '_' and '.'; spaces inside the braces are ignored. The
 * HTML part gets every value escaped, so nothing from the file becomes
 * markup.
 */
#ifndef KH_TEMPLATE_H
#define KH_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "base/strbuf.h"

#define KH_TEMPLATE_MAX (256u * 1024)  /* bytes of one template */
#define KH_TEMPLATE_NAME_MAX 40        /* bytes of a placeholder's name */
#define KH_TEMPLATE_FALLBACK_MAX 200   /* bytes of a fallback */

/* The value of placeholder name for the message being made; NULL or "" for
 * none, which the fallback (else nothing) replaces. The string must live
 * until the next call. */
typedef const char *(*kh_template_value_fn)(void *ctx, const char *name);

/* Checks the template text for field: at most KH_TEMPLATE_MAX bytes of
 * valid UTF-8, every "{{" closed by "}}" on the same placeholder, names and
 * fallbacks within their bounds, and every name one of names[0..n). Returns
 * 0, or KH_EINVAL with err naming field and what is wrong (the placeholder
 * and its byte offset). */
int kh_template_check(const char *text, const char *const *names, size_t n,
		      const char *field, struct kh_error *err);

/* Appends text to out with each placeholder replaced by value(ctx, name),
 * HTML-escaped (& < > " ') when html. Returns 0, KH_EINVAL for a text
 * kh_template_check refuses (any name is accepted: value decides), or the
 * strbuf's KH_ELIMIT / KH_ENOMEM; out may then hold part of the message. */
int kh_template_render(const char *text, bool html, kh_template_value_fn value,
		       void *ctx, struct kh_strbuf *out, struct kh_error *err);

#endif
