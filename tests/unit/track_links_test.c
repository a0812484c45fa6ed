/* track_links_test.c: a message's HTML made trackable — each http(s) link
 * through the click redirect with its number, the URLs kept decoded and in
 * order, the pixel before </body>, and what is left alone: other schemes,
 * the unsubscribe link, attributes that only look like href. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/signed_link.h"
#include "service/comms/track_links.h"

static const unsigned char key[KH_LINK_KEY_BYTES] = "track links test key 0123456789";
#define BASE "https://crm.example.com"

/* The token the rewriting put for purpose and part of message 42. */
static void token_of(enum kh_link_purpose purpose, uint32_t part, char *out)
{
	struct kh_link link = {purpose, 42, part};

	assert_int_equal(kh_link_sign(key, &link, out), 0);
}

static char *expect_click(uint32_t part)
{
	static char buf[4][128];
	char t[KH_LINK_TOKEN_LEN + 1];

	token_of(KH_LINK_CLICK, part, t);
	snprintf(buf[part % 4], sizeof(buf[0]), BASE "/c/%s", t);
	return buf[part % 4];
}

static void links_go_through_the_redirect(void **state)
{
	const char *html = "<html><body><p>看看<a href=\"https://shop.example.com/new?a=1&amp;b=2\">新品</a>"
			   "和 <A class='x' HREF='http://x.cn/p'>这里</A>，"
			   "<a title=\"href=no\" href=https://y.cn/u>y</a></p></body></html>";
	struct kh_track_links links = {0};
	struct kh_strbuf out, want;
	char pixel[KH_LINK_TOKEN_LEN + 1];

	kh_strbuf_init(&out, 0);
	kh_strbuf_init(&want, 0);
	assert_int_equal(kh_track_html(html, BASE, NULL, key, 42, &out, &links, NULL), 0);
	assert_int_equal(links.n, 3);
	assert_string_equal(links.urls[0], "https://shop.example.com/new?a=1&b=2");
	assert_string_equal(links.urls[1], "http://x.cn/p");
	assert_string_equal(links.urls[2], "https://y.cn/u");
	token_of(KH_LINK_OPEN, 0, pixel);
	kh_strbuf_addf(&want, "<html><body><p>看看<a href=\"%s\">新品</a>", expect_click(1));
	kh_strbuf_addf(&want, "和 <A class='x' HREF='%s'>这里</A>，", expect_click(2));
	kh_strbuf_addf(&want, "<a title=\"href=no\" href=\"%s\">y</a></p>", expect_click(3));
	kh_strbuf_addf(&want, "<img src=\"" BASE "/o/%s.png\" width=\"1\" height=\"1\" alt=\"\" "
			      "style=\"display:none\"></body></html>", pixel);
	assert_string_equal(out.buf, want.buf);
	kh_track_links_release(&links);
	assert_int_equal(links.n, 0);
	kh_strbuf_release(&out);
	kh_strbuf_release(&want);
}

static void what_is_left_alone(void **state)
{
	const char *html = "<a href=\"mailto:wang@example.com\">信</a><a href=\"tel:010-1234\">电</a>"
			   "<a href=\"#top\">顶</a><a href=\"https://crm.example.com/u/TOK\">退订</a>"
			   "<a data-href=\"https://z.cn\" hreflang=\"zh\">z</a><abbr href=\"https://q.cn\">q</abbr>"
			   "<a href=\"https://ok.cn\">ok</a><a href=\"https://broken.cn>";
	struct kh_track_links links = {0};
	struct kh_strbuf out;

	kh_strbuf_init(&out, 0);
	assert_int_equal(kh_track_html(html, BASE, "https://crm.example.com/u/TOK", key, 42, &out,
				       &links, NULL),
			 0);
	assert_int_equal(links.n, 1);
	assert_string_equal(links.urls[0], "https://ok.cn");
	/* everything but the one link, and the pixel at the end (no </body>) */
	assert_non_null(strstr(out.buf, "<a href=\"mailto:wang@example.com\">信</a><a href=\"tel:010-1234\">"));
	assert_non_null(strstr(out.buf, "<a href=\"https://crm.example.com/u/TOK\">退订</a>"));
	assert_non_null(strstr(out.buf, "<a data-href=\"https://z.cn\" hreflang=\"zh\">z</a><abbr href=\"https://q.cn\">"));
	assert_non_null(strstr(out.buf, expect_click(1)));
	assert_non_null(strstr(out.buf, "<a href=\"https://broken.cn><img src="));
	kh_track_links_release(&links);
	kh_strbuf_release(&out);
}

static void at_most_so_many_links(void **state)
{
	struct kh_track_links links = {0};
	struct kh_strbuf html, out;
	struct kh_error err = {0};

	kh_strbuf_init(&html, 0);
	kh_strbuf_init(&out, 0);
	for (int i = 0; i < KH_TRACK_LINKS_MAX + 5; i++)
		kh_strbuf_addf(&html, "<a href=\"https://x.cn/%d\">%d</a>", i, i);
	assert_int_equal(kh_track_html(html.buf, BASE, NULL, key, 42, &out, &links, NULL), 0);
	assert_int_equal(links.n, KH_TRACK_LINKS_MAX);
	assert_string_equal(links.urls[KH_TRACK_LINKS_MAX - 1], "https://x.cn/99");
	assert_non_null(strstr(out.buf, "<a href=\"https://x.cn/100\">"));
	kh_track_links_release(&links);
	kh_strbuf_reset(&out);
	/* a bad public address: refused, nothing written */
	assert_int_equal(kh_track_html("<a href=\"https://x.cn\">", BASE "/", NULL, key, 42, &out,
				       &links, &err),
			 KH_EINVAL);
	assert_string_equal(err.field, "KEHU_PUBLIC_URL");
	assert_int_equal(kh_track_html("x", "ftp://crm.example.com", NULL, key, 42, &out, &links, NULL),
			 KH_EINVAL);
	assert_int_equal(kh_track_html("x", "https://a.cn/\"><script>", NULL, key, 42, &out, &links,
				       NULL),
			 KH_EINVAL);
	assert_int_equal(out.len, 0);
	assert_int_equal(links.n, 0);
	kh_strbuf_release(&html);
	kh_strbuf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(links_go_through_the_redirect),
	    cmocka_unit_test(what_is_left_alone),
	    cmocka_unit_test(at_most_so_many_links),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
