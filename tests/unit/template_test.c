/* template_test.c: placeholders filled from the file, the fallbacks, the
 * escaping of the HTML part, and the errors a template editor shows. */
#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/template.h"

static const char *const names[] = {"salutation", "customer.name", "owner.signature"};

/* Values of one recipient: 张总 at 北京华信, no signature. */
static const char *value_of(void *ctx, const char *name)
{
	(void)ctx;
	if (strcmp(name, "salutation") == 0)
		return "张总";
	if (strcmp(name, "customer.name") == 0)
		return "北京<华信> & \"伙伴\" 'x'";
	return NULL;
}

static char *render(const char *text, bool html)
{
	struct kh_strbuf sb;
	struct kh_error err;

	kh_strbuf_init(&sb, 0);
	kh_error_clear(&err);
	if (kh_template_render(text, html, value_of, NULL, &sb, &err))
		fail_msg("%s: %s", text, err.message);
	return kh_strbuf_detach(&sb, NULL);
}

static void check_render(const char *text, bool html, const char *want)
{
	char *got = render(text, html);

	if (strcmp(got, want) != 0)
		fail_msg("%s: got \"%s\", want \"%s\"", text, got, want);
	free(got);
}

static void placeholders_are_filled(void **state)
{
	check_render("{{salutation}}，您好！", false, "张总，您好！");
	check_render("{{ salutation }}，{{customer.name}}", false,
		     "张总，北京<华信> & \"伙伴\" 'x'");
	check_render("没有占位符 } { }}", false, "没有占位符 } { }}");
	check_render("", false, "");
}

static void empty_values_take_the_fallback(void **state)
{
	check_render("此致\n{{owner.signature|kehu 销售团队}}", false, "此致\nkehu 销售团队");
	check_render("[{{owner.signature| 销售部 }}]", false, "[销售部]");
	check_render("[{{owner.signature}}]", false, "[]");
	/* A value, when there is one, wins over the fallback. */
	check_render("{{salutation|尊敬的客户}}", false, "张总");
}

static void the_html_part_escapes_values(void **state)
{
	check_render("<p>{{customer.name}}</p>", true,
		     "<p>北京&lt;华信&gt; &amp; &quot;伙伴&quot; &#39;x&#39;</p>");
	check_render("<p>{{owner.signature|A&B}}</p>", true, "<p>A&amp;B</p>");
	/* The template's own markup is the author's and stays. */
	check_render("<b>{{salutation}}</b>", true, "<b>张总</b>");
}

static void check_fails(const char *text, const char *hint)
{
	struct kh_error err;

	kh_error_clear(&err);
	assert_int_equal(kh_template_check(text, names, 3, "body_text", &err), KH_EINVAL);
	assert_string_equal(err.field, "body_text");
	if (!strstr(err.message, "body_text") || !strstr(err.message, hint))
		fail_msg("%s: \"%s\" lacks \"%s\"", text, err.message, hint);
}

static void bad_templates_are_refused_with_where(void **state)
{
	struct kh_error err;
	char *big;

	kh_error_clear(&err);
	assert_int_equal(kh_template_check("{{salutation}} {{customer.name|x}}", names, 3,
					   "body_text", &err), 0);
	check_fails("您好 {{salutation", "at byte 7");
	check_fails("{{ {{salutation}}", "at byte 0");
	check_fails("{{sal\nutation}}", "at byte 0");
	check_fails("a {{Salutation}}", "at byte 2");
	check_fails("{{}}", "at byte 0");
	check_fails("{{sal utation}}", "not {{name}}");
	check_fails("{{phone}}", "unknown placeholder {{phone}}");
	check_fails("{{aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa}}", "longer than 40");
	check_fails("\xff", "UTF-8");
	big = malloc(KH_TEMPLATE_MAX + 2);
	memset(big, 'a', KH_TEMPLATE_MAX + 1);
	big[KH_TEMPLATE_MAX + 1] = '\0';
	check_fails(big, "larger than");
	big[KH_TEMPLATE_MAX] = '\0';
	assert_int_equal(kh_template_check(big, names, 3, "body_text", &err), 0);
	free(big);
	check_fails(NULL, "required");
}

static void render_refuses_what_check_refuses(void **state)
{
	struct kh_strbuf sb;
	struct kh_error err;

	kh_strbuf_init(&sb, 0);
	kh_error_clear(&err);
	assert_int_equal(kh_template_render("x {{salutation", false, value_of, NULL, &sb, &err),
			 KH_EINVAL);
	assert_string_equal(err.field, "template");
	kh_strbuf_release(&sb);
	kh_strbuf_init(&sb, 8);
	assert_int_equal(kh_template_render("{{customer.name}}", false, value_of, NULL, &sb, NULL),
			 KH_ELIMIT);
	kh_strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(placeholders_are_filled),
	    cmocka_unit_test(empty_values_take_the_fallback),
	    cmocka_unit_test(the_html_part_escapes_values),
	    cmocka_unit_test(bad_templates_are_refused_with_where),
	    cmocka_unit_test(render_refuses_what_check_refuses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
