/*
 * personalise.c: a recipient's message from the templates (see
 * personalise.h). The value callback notes whether a part asked for the
 * unsubscribe link, so the added line appears only where the author did not
 * place one.
 */
#include "service/comms/personalise.h"

#include <stddef.h>
#include <string.h>

#include "base/salutation.h"
#include "base/template.h"

/* Each placeholder and the fact it reads; salutation and unsubscribe_url
 * are answered by value_of itself. One table, so the names a template may
 * use and the values it gets cannot drift apart. */
#define FACT(name, member) {name, offsetof(struct kh_recipient_facts, member)}
static const struct {
	const char *name;
	size_t offset;
} facts_by_name[] = {
    FACT("salutation", contact_name),       FACT("contact.name", contact_name),
    FACT("contact.title", contact_title),   FACT("customer.name", customer_name),
    FACT("owner.name", owner_name),         FACT("owner.email", owner_email),
    FACT("owner.phone", owner_phone),       FACT("owner.signature", owner_signature),
    FACT("unsubscribe_url", unsubscribe_url),
};
#define NFACTS (sizeof(facts_by_name) / sizeof(facts_by_name[0]))

struct values {
	const struct kh_recipient_facts *facts;
	struct kh_strbuf salutation;
	bool asked_unsubscribe;
};

static const char *value_of(void *arg, const char *name)
{
	struct values *v = arg;

	if (strcmp(name, "salutation") == 0 && v->salutation.len)
		return v->salutation.buf;
	if (strcmp(name, "unsubscribe_url") == 0)
		v->asked_unsubscribe = true;
	for (size_t i = 0; i < NFACTS; i++)
		if (strcmp(facts_by_name[i].name, name) == 0)
			return *(const char *const *)((const char *)v->facts +
						      facts_by_name[i].offset);
	return NULL;
}

int kh_personalise_check(const char *subject, const char *text, const char *html,
			 struct kh_error *err)
{
	const char *names[NFACTS];
	int rc;

	for (size_t i = 0; i < NFACTS; i++)
		names[i] = facts_by_name[i].name;
	if (!subject || !*subject)
		return kh_error_set(err, KH_EINVAL, "subject", "%s is required", "subject");
	if (strpbrk(subject, "\r\n"))
		return kh_error_set(err, KH_EINVAL, "subject", "%s must be one line of UTF-8 text",
				    "subject");
	if ((rc = kh_template_check(subject, names, NFACTS, "subject", err)))
		return rc;
	if ((rc = kh_template_check(text, names, NFACTS, "body_text", err)))
		return rc;
	return html ? kh_template_check(html, names, NFACTS, "body_html", err) : 0;
}

/* The line added where a part places no unsubscribe link. */
static int add_unsubscribe(struct kh_strbuf *out, bool html, const char *url, enum kh_lang lang)
{
	bool zh = lang == KH_LANG_ZH;
	const char *tail = html ? (zh ? "<p style=\"font-size:12px;color:#888\">不想再收到这类邮件？"
					"<a href=\"{{unsubscribe_url}}\">退订</a></p>\n"
				      : "<p style=\"font-size:12px;color:#888\">Do not want these "
					"e-mails? <a href=\"{{unsubscribe_url}}\">Unsubscribe</a></p>\n")
				: (zh ? "\n——\n不想再收到这类邮件？退订：{{unsubscribe_url}}\n"
				      : "\n--\nDo not want these e-mails? Unsubscribe: {{unsubscribe_url}}\n");
	struct kh_recipient_facts only = {.unsubscribe_url = url};
	struct values v = {.facts = &only};

	kh_strbuf_init(&v.salutation, 0); /* stays empty: nothing to free */
	return kh_template_render(tail, html, value_of, &v, out, NULL);
}

/* One part rendered, with the unsubscribe line when it placed none. */
static int render_part(const char *tmpl, bool html, struct values *v, struct kh_strbuf *out,
		       struct kh_error *err)
{
	int rc;

	v->asked_unsubscribe = false;
	if ((rc = kh_template_render(tmpl, html, value_of, v, out, err)))
		return rc;
	if (v->asked_unsubscribe)
		return 0;
	return add_unsubscribe(out, html, v->facts->unsubscribe_url, v->facts->lang);
}

int kh_personalise(const char *subject, const char *text, const char *html,
		   const struct kh_recipient_facts *facts, struct kh_strbuf *subject_out,
		   struct kh_strbuf *text_out, struct kh_strbuf *html_out, struct kh_error *err)
{
	struct values v = {.facts = facts};
	size_t start = subject_out->len;
	int rc;

	if ((rc = kh_personalise_check(subject, text, html, err)))
		return rc;
	if (!facts->unsubscribe_url || !*facts->unsubscribe_url)
		return kh_error_set(err, KH_EINVAL, "unsubscribe_url", "%s is required",
				    "unsubscribe_url");
	kh_strbuf_init(&v.salutation, 0);
	rc = kh_salutation(facts->contact_name, facts->contact_title, facts->contact_gender,
			   &v.salutation);
	if (rc == 0)
		rc = kh_template_render(subject, false, value_of, &v, subject_out, err);
	/* a value cannot break the subject's one line */
	for (size_t i = start; rc == 0 && i < subject_out->len; i++)
		if (subject_out->buf[i] == '\r' || subject_out->buf[i] == '\n')
			subject_out->buf[i] = ' ';
	if (rc == 0)
		rc = render_part(text, false, &v, text_out, err);
	if (rc == 0 && html)
		rc = render_part(html, true, &v, html_out, err);
	kh_strbuf_release(&v.salutation);
	return rc;
}
