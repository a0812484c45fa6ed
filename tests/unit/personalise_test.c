/* personalise_test.c: a recipient's message from a campaign's templates:
 * the form of address and the file's values, escaped in the HTML part, a
 * subject kept on one line, and the unsubscribe link in every part — where
 * the author put it, else added at the end in the recipient's language. */
#include "test.h"

#include <string.h>

#include "base/error.h"
#include "service/comms/personalise.h"

static const struct kh_recipient_facts zhang = {
    .contact_name = "张伟",
    .contact_title = "总经理",
    .contact_gender = "male",
    .customer_name = "北京<华信>科技",
    .owner_name = "王芳",
    .owner_email = "wangfang@example.com",
    .owner_signature = "王芳 · 华北销售部 138-0000-0000",
    .unsubscribe_url = "https://crm.example.com/u/TOKEN?a=1&b=2",
    .lang = KH_LANG_ZH,
};

struct parts {
	struct kh_strbuf subject, text, html;
};

static int make(const char *subject, const char *text, const char *html,
		const struct kh_recipient_facts *f, struct parts *p, struct kh_error *err)
{
	kh_strbuf_init(&p->subject, 0);
	kh_strbuf_init(&p->text, 0);
	kh_strbuf_init(&p->html, 0);
	return kh_personalise(subject, text, html, f, &p->subject, &p->text, &p->html, err);
}

static void release(struct parts *p)
{
	kh_strbuf_release(&p->subject);
	kh_strbuf_release(&p->text);
	kh_strbuf_release(&p->html);
}

static void the_files_values_fill_every_part(void **state)
{
	struct parts p;

	assert_int_equal(make("{{salutation}}，{{customer.name}} 的新春问候",
			      "{{salutation}}，您好！\n感谢{{customer.name}}一年的支持。\n{{owner.signature}}\n",
			      "<p>{{salutation}}，您好！</p><p>{{customer.name}}</p>", &zhang, &p, NULL),
			 0);
	assert_string_equal(p.subject.buf, "张总，北京<华信>科技 的新春问候");
	assert_string_equal(p.text.buf,
			    "张总，您好！\n感谢北京<华信>科技一年的支持。\n王芳 · 华北销售部 138-0000-0000\n"
			    "\n——\n不想再收到这类邮件？退订：https://crm.example.com/u/TOKEN?a=1&b=2\n");
	assert_string_equal(p.html.buf,
			    "<p>张总，您好！</p><p>北京&lt;华信&gt;科技</p>"
			    "<p style=\"font-size:12px;color:#888\">不想再收到这类邮件？"
			    "<a href=\"https://crm.example.com/u/TOKEN?a=1&amp;b=2\">退订</a></p>\n");
	release(&p);
}

static void a_placed_link_is_not_added_again(void **state)
{
	struct parts p;
	struct kh_recipient_facts en = zhang;

	en.lang = KH_LANG_EN;
	assert_int_equal(make("Hi", "Bye: {{unsubscribe_url}}\n", NULL, &en, &p, NULL), 0);
	assert_string_equal(p.text.buf, "Bye: https://crm.example.com/u/TOKEN?a=1&b=2\n");
	assert_int_equal(p.html.len, 0);
	release(&p);
	assert_int_equal(make("Hi", "Hello\n", NULL, &en, &p, NULL), 0);
	assert_string_equal(p.text.buf, "Hello\n\n--\nDo not want these e-mails? Unsubscribe: "
					"https://crm.example.com/u/TOKEN?a=1&b=2\n");
	release(&p);
}

static void missing_values_and_a_subject_on_one_line(void **state)
{
	struct kh_recipient_facts bare = {.contact_name = "Amy Lee",
					  .customer_name = "Acme\r\nBcc: x@y.cn",
					  .unsubscribe_url = "https://k.cn/u/T"};
	struct parts p;

	assert_int_equal(make("{{customer.name}}", "{{salutation}}/{{owner.name|销售部}}/{{contact.title}}.",
			      NULL, &bare, &p, NULL),
			 0);
	assert_string_equal(p.subject.buf, "Acme  Bcc: x@y.cn");
	assert_true(strncmp(p.text.buf, "Amy Lee/销售部/.", strlen("Amy Lee/销售部/.")) == 0);
	release(&p);
}

static void bad_templates_and_no_link_are_refused(void **state)
{
	struct kh_recipient_facts nolink = zhang;
	struct kh_error err = {0};
	struct parts p;

	assert_int_equal(make("{{phone}}", "x", NULL, &zhang, &p, &err), KH_EINVAL);
	assert_string_equal(err.field, "subject");
	release(&p);
	assert_int_equal(make("s", "{{salutation", NULL, &zhang, &p, &err), KH_EINVAL);
	assert_string_equal(err.field, "body_text");
	release(&p);
	assert_int_equal(make("s", "x", "<p>{{contact.phone}}</p>", &zhang, &p, &err), KH_EINVAL);
	assert_string_equal(err.field, "body_html");
	release(&p);
	assert_int_equal(make("", "x", NULL, &zhang, &p, &err), KH_EINVAL);
	assert_string_equal(err.field, "subject");
	release(&p);
	assert_int_equal(make("a\nb", "x", NULL, &zhang, &p, &err), KH_EINVAL);
	release(&p);
	assert_int_equal(make("s", NULL, NULL, &zhang, &p, &err), KH_EINVAL);
	assert_string_equal(err.field, "body_text");
	release(&p);
	nolink.unsubscribe_url = NULL;
	assert_int_equal(make("s", "x", NULL, &nolink, &p, &err), KH_EINVAL);
	assert_string_equal(err.field, "unsubscribe_url");
	assert_int_equal(p.subject.len + p.text.len, 0);
	release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(the_files_values_fill_every_part),
	    cmocka_unit_test(a_placed_link_is_not_added_again),
	    cmocka_unit_test(missing_values_and_a_subject_on_one_line),
	    cmocka_unit_test(bad_templates_and_no_link_are_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
