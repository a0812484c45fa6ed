/* vcard_test.c: the vCard reader and writer: the samples of RFC 2426 and
 * RFC 6350, Chinese names, folding, escaping, quoted-printable with
 * charsets, birthdays and the bounds. */
#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "base/vcard.h"

static struct kh_vcard *parse_ok(const char *text, size_t *n)
{
	struct kh_vcard *cards = NULL;
	struct kh_error err = {0};

	assert_int_equal(kh_vcard_parse(text, strlen(text), &cards, n, &err), 0);
	return cards;
}

static const struct kh_vcard_prop *prop(const struct kh_vcard *c, const char *name, int nth)
{
	size_t at = 0;
	const struct kh_vcard_prop *p = NULL;

	for (int i = 0; i <= nth; i++)
		p = kh_vcard_find(c, name, &at);
	return p;
}

static void rfc2426_sample(void **state)
{
	static const char text[] =
		"BEGIN:vCard\r\nVERSION:3.0\r\nFN:Frank Dawson\r\n"
		"ORG:Lotus Development Corporation\r\n"
		"ADR;TYPE=WORK,POSTAL,PARCEL:;;6544 Battleford Drive\r\n"
		" ;Raleigh;NC;27613-3502;U.S.A.\r\n"
		"TEL;TYPE=VOICE,MSG,WORK:+1-919-676-9515\r\n"
		"TEL;TYPE=FAX,WORK:+1-919-676-9564\r\n"
		"EMAIL;TYPE=INTERNET,PREF:Frank_Dawson@Lotus.com\r\n"
		"EMAIL;TYPE=INTERNET:fdawson@earthlink.net\r\n"
		"URL:http://home.earthlink.net/~fdawson\r\nEND:vCard\r\n";
	size_t n = 0;
	struct kh_vcard *c = parse_ok(text, &n);
	const struct kh_vcard_prop *adr = prop(c, "ADR", 0);

	(void)state;
	assert_int_equal(n, 1);
	assert_int_equal(c->version, 30);
	assert_string_equal(kh_vcard_part(prop(c, "FN", 0), 0), "Frank Dawson");
	assert_string_equal(kh_vcard_part(prop(c, "ORG", 0), 0), "Lotus Development Corporation");
	assert_int_equal(adr->nparts, 7);
	assert_string_equal(kh_vcard_part(adr, 2), "6544 Battleford Drive");
	assert_string_equal(kh_vcard_part(adr, 3), "Raleigh");
	assert_string_equal(kh_vcard_part(adr, 6), "U.S.A.");
	assert_int_equal(prop(c, "TEL", 0)->types, KH_VCARD_VOICE | KH_VCARD_WORK);
	assert_string_equal(kh_vcard_part(prop(c, "TEL", 1), 0), "+1-919-676-9564");
	assert_int_equal(prop(c, "TEL", 1)->types, KH_VCARD_FAX | KH_VCARD_WORK);
	assert_int_equal(prop(c, "EMAIL", 0)->types, KH_VCARD_PREF);
	assert_string_equal(kh_vcard_part(prop(c, "EMAIL", 1), 0), "fdawson@earthlink.net");
	kh_vcard_free(c, n);
}

static void rfc6350_sample(void **state)
{
	static const char text[] =
		"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Simon Perreault\r\n"
		"N:Perreault;Simon;;;ing. jr,M.Sc.\r\nBDAY:--0203\r\n"
		"ANNIVERSARY:20090808T1430-0500\r\nGENDER:M\r\nLANG;PREF=1:fr\r\n"
		"LANG;PREF=2:en\r\nORG;TYPE=work:Viagenie\r\n"
		"ADR;TYPE=work:;Suite D2-630;2875 Laurier;\r\n Quebec;QC;G1V 2M2;Canada\r\n"
		"TEL;VALUE=uri;TYPE=\"work,voice\";PREF=1:tel:+1-418-656-9254;ext=102\r\n"
		"TEL;VALUE=uri;TYPE=\"work,cell,voice,video,text\":tel:+1-418-262-6501\r\n"
		"EMAIL;TYPE=work:simon.perreault@viagenie.ca\r\n"
		"GEO;TYPE=work:geo:46.772673\\,-71.282945\r\n"
		"KEY;TYPE=work;VALUE=uri:\r\n http://www.viagenie.ca/simon.perreault/simon.asc\r\n"
		"TZ:-0500\r\nURL;TYPE=home:http://nomis80.org\r\nEND:VCARD\r\n";
	size_t n = 0;
	struct kh_vcard *c = parse_ok(text, &n);
	char day[11];

	(void)state;
	assert_int_equal(c->version, 40);
	assert_string_equal(kh_vcard_part(prop(c, "N", 0), 0), "Perreault");
	assert_string_equal(kh_vcard_part(prop(c, "N", 0), 4), "ing. jr,M.Sc.");
	assert_true(kh_vcard_bday(kh_vcard_part(prop(c, "BDAY", 0), 0), day));
	assert_string_equal(day, "--02-03");
	assert_string_equal(kh_vcard_part(prop(c, "ADR", 0), 3), "Quebec");
	assert_string_equal(kh_vcard_part(prop(c, "TEL", 0), 0), "+1-418-656-9254;ext=102");
	assert_int_equal(prop(c, "TEL", 0)->types, KH_VCARD_WORK | KH_VCARD_VOICE | KH_VCARD_PREF);
	assert_int_equal(prop(c, "TEL", 1)->types,
			 KH_VCARD_WORK | KH_VCARD_CELL | KH_VCARD_VOICE);
	assert_string_equal(kh_vcard_part(prop(c, "KEY", 0), 0),
			    "http://www.viagenie.ca/simon.perreault/simon.asc");
	assert_string_equal(kh_vcard_part(prop(c, "GEO", 0), 0), "geo:46.772673,-71.282945");
	kh_vcard_free(c, n);
}

static void chinese_names(void **state)
{
	static const char text[] = "BEGIN:VCARD\nVERSION:3.0\nN:张;三;;;\nEND:VCARD\n"
				   "BEGIN:VCARD\nVERSION:3.0\nN:Smith;John;;;\nEND:VCARD\n";
	size_t n = 0, fl, gl;
	struct kh_vcard *c = parse_ok(text, &n);
	struct kh_strbuf sb;
	const char *f, *g;

	(void)state;
	assert_int_equal(n, 2);
	kh_strbuf_init(&sb, 0);
	assert_int_equal(kh_vcard_name(&c[0], &sb), 0);
	assert_string_equal(sb.buf, "张三");
	kh_strbuf_reset(&sb);
	assert_int_equal(kh_vcard_name(&c[1], &sb), 0);
	assert_string_equal(sb.buf, "John Smith");
	kh_strbuf_release(&sb);
	kh_vcard_free(c, n);
	kh_vcard_split_name("欧阳修", &f, &fl, &g, &gl);
	assert_int_equal(fl, strlen("欧阳"));
	assert_string_equal(g, "修");
	kh_vcard_split_name("王小明", &f, &fl, &g, &gl);
	assert_int_equal(fl, strlen("王"));
	assert_string_equal(g, "小明");
	kh_vcard_split_name("Mary Ann Lee", &f, &fl, &g, &gl);
	assert_string_equal(f, "Lee");
	assert_int_equal(gl, strlen("Mary Ann"));
}

static void quoted_printable_and_charsets(void **state)
{
	/* As Android and older Nokia phones write them: 2.1 lines in a 3.0 file. */
	static const char text[] =
		"BEGIN:VCARD\r\nVERSION:3.0\r\n"
		"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=A0;=E4=B8=89;;;\r\n"
		"FN;CHARSET=GB2312;ENCODING=QUOTED-PRINTABLE:=D5=C5=C8=FD\r\n"
		"NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:=E5=BC=\r\n=A0 =E4=B8=89=0A=\r\nok\r\n"
		"TEL;CELL:13812345678\r\nTEL;WORK;VOICE:010-62531234\r\n"
		"PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQ\r\n AAAA\r\n"
		"END:VCARD\r\n";
	size_t n = 0;
	struct kh_vcard *c = parse_ok(text, &n);

	(void)state;
	assert_string_equal(kh_vcard_part(prop(c, "N", 0), 0), "张");
	assert_string_equal(kh_vcard_part(prop(c, "N", 0), 1), "三");
	assert_string_equal(kh_vcard_part(prop(c, "FN", 0), 0), "张三");
	assert_string_equal(kh_vcard_part(prop(c, "NOTE", 0), 0), "张 三\nok");
	assert_int_equal(prop(c, "TEL", 0)->types, KH_VCARD_CELL);
	assert_int_equal(prop(c, "TEL", 1)->types, KH_VCARD_WORK | KH_VCARD_VOICE);
	assert_null(prop(c, "PHOTO", 0));
	kh_vcard_free(c, n);
}

static void escaping(void **state)
{
	static const char text[] = "BEGIN:VCARD\nVERSION:4.0\n"
				   "NOTE:a\\, b\\; c\\\\ d\\nnext\\Nlast\n"
				   "ORG:Acme\\;Inc;Sales\nitem1.EMAIL:x@example.com\nEND:VCARD\n";
	size_t n = 0;
	struct kh_vcard *c = parse_ok(text, &n);

	(void)state;
	assert_string_equal(kh_vcard_part(prop(c, "NOTE", 0), 0), "a, b; c\\ d\nnext\nlast");
	assert_int_equal(prop(c, "ORG", 0)->nparts, 2);
	assert_string_equal(kh_vcard_part(prop(c, "ORG", 0), 0), "Acme;Inc");
	assert_string_equal(kh_vcard_part(prop(c, "ORG", 0), 1), "Sales");
	assert_string_equal(kh_vcard_part(prop(c, "EMAIL", 0), 0), "x@example.com");
	kh_vcard_free(c, n);
}

/* Every physical line at most 75 octets, none cut inside a character. */
static void check_folded(const char *s)
{
	while (*s) {
		const char *eol = strstr(s, "\r\n");

		assert_non_null(eol);
		assert_true(eol - s <= 75);
		if (s[0] == ' ')
			assert_true(((unsigned char)s[1] & 0xC0) != 0x80);
		s = eol + 2;
	}
}

static void writer_round_trip(void **state)
{
	const char *note = "第一行，含逗号; 分号\\反斜杠\n第二行"
			   "很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长";
	const char *n_parts[] = {"张", "三", "", "", ""};
	const char *org[] = {"北京华信科技有限公司", "销售部"};
	const char *tel = "+86 138 1234 5678";
	struct kh_strbuf sb;
	struct kh_vcard *c;
	size_t n = 0;
	int versions[] = {30, 40};

	(void)state;
	for (size_t v = 0; v < 2; v++) {
		kh_strbuf_init(&sb, 0);
		assert_int_equal(kh_vcard_write_begin(&sb, versions[v]), 0);
		assert_int_equal(kh_vcard_write_prop(&sb, versions[v], "N", 0, n_parts, 5), 0);
		assert_int_equal(kh_vcard_write_prop(&sb, versions[v], "ORG", 0, org, 2), 0);
		assert_int_equal(kh_vcard_write_prop(&sb, versions[v], "NOTE", 0, &note, 1), 0);
		assert_int_equal(kh_vcard_write_prop(&sb, versions[v], "TEL",
						     KH_VCARD_CELL | KH_VCARD_VOICE, &tel, 1), 0);
		assert_int_equal(kh_vcard_write_end(&sb), 0);
		check_folded(sb.buf);
		if (versions[v] == 40)
			assert_non_null(strstr(sb.buf, "TEL;TYPE=\"cell,voice\";VALUE=text:+86"));
		else
			assert_non_null(strstr(sb.buf, "TEL;TYPE=CELL,VOICE:+86"));
		c = parse_ok(sb.buf, &n);
		assert_int_equal(c->version, versions[v]);
		assert_string_equal(kh_vcard_part(prop(c, "NOTE", 0), 0), note);
		assert_string_equal(kh_vcard_part(prop(c, "ORG", 0), 1), "销售部");
		assert_string_equal(kh_vcard_part(prop(c, "TEL", 0), 0), tel);
		assert_int_equal(prop(c, "TEL", 0)->types, KH_VCARD_CELL | KH_VCARD_VOICE);
		kh_strbuf_reset(&sb);
		assert_int_equal(kh_vcard_name(c, &sb), 0);
		assert_string_equal(sb.buf, "张三");
		kh_vcard_free(c, n);
		kh_strbuf_release(&sb);
	}
}

/* A TEL whose text begins with "tel:" (read from a card with VALUE=text)
 * is written so that it reads back the same, in either version. */
static void tel_text_keeps_its_prefix(void **state)
{
	const char *tel = "tel:tel:10086";
	struct kh_strbuf sb;
	struct kh_vcard *c;
	size_t n = 0;
	int versions[] = {30, 40};

	(void)state;
	c = parse_ok("BEGIN:VCARD\r\nVERSION:4.0\r\nTEL;VALUE=text:tel:10086\r\n"
		     "TEL;VALUE=uri:tel:10010\r\nEND:VCARD\r\n", &n);
	assert_string_equal(kh_vcard_part(prop(c, "TEL", 0), 0), "tel:10086");
	assert_string_equal(kh_vcard_part(prop(c, "TEL", 1), 0), "10010");
	kh_vcard_free(c, n);
	for (size_t v = 0; v < 2; v++) {
		kh_strbuf_init(&sb, 0);
		kh_vcard_write_begin(&sb, versions[v]);
		kh_vcard_write_prop(&sb, versions[v], "TEL", 0, &tel, 1);
		kh_vcard_write_end(&sb);
		c = parse_ok(sb.buf, &n);
		assert_string_equal(kh_vcard_part(prop(c, "TEL", 0), 0), tel);
		kh_vcard_free(c, n);
		kh_strbuf_release(&sb);
	}
}

static void birthdays(void **state)
{
	char d[11];

	(void)state;
	assert_true(kh_vcard_bday("1975-03-08", d));
	assert_string_equal(d, "1975-03-08");
	assert_true(kh_vcard_bday("19750308", d));
	assert_string_equal(d, "1975-03-08");
	assert_true(kh_vcard_bday("--0308", d));
	assert_string_equal(d, "--03-08");
	assert_true(kh_vcard_bday("1996-04-15T00:00:00Z", d));
	assert_string_equal(d, "1996-04-15");
	assert_true(kh_vcard_bday("20240229", d));
	assert_false(kh_vcard_bday("20230229", d));
	assert_false(kh_vcard_bday("--0230", d));
	assert_false(kh_vcard_bday("1975-13-01", d));
	assert_false(kh_vcard_bday("March 8", d));
	assert_false(kh_vcard_bday("", d));
}

static void bad_input_and_bounds(void **state)
{
	struct kh_vcard *c = NULL;
	struct kh_error err = {0};
	struct kh_strbuf sb;
	size_t n = 0;

	(void)state;
	assert_int_equal(kh_vcard_parse("FN:x\n", 5, &c, &n, &err), KH_EINVAL);
	assert_non_null(strstr(err.message, "line 1"));
	assert_int_equal(kh_vcard_parse("BEGIN:VCARD\nFN:x\n", 17, &c, &n, &err), KH_EINVAL);
	assert_non_null(strstr(err.message, "END:VCARD"));
	assert_int_equal(kh_vcard_parse("BEGIN:VCARD\nno colon\nEND:VCARD\n", 31, &c, &n, &err),
			 KH_EINVAL);
	assert_non_null(strstr(err.message, "line 2"));
	assert_int_equal(kh_vcard_parse("BEGIN:VCARD\nVERSION:5.0\nEND:VCARD\n", 34, &c, &n, &err),
			 KH_EINVAL);
	assert_int_equal(kh_vcard_parse("BEGIN:VCARD\nFN;CHARSET=NOPE-9:x\nEND:VCARD\n", 42, &c,
					&n, &err), KH_EINVAL);
	assert_int_equal(kh_vcard_parse("", 0, &c, &n, &err), KH_EINVAL);
	/* too many properties in a card */
	kh_strbuf_init(&sb, 0);
	kh_strbuf_adds(&sb, "BEGIN:VCARD\n");
	for (int i = 0; i <= KH_VCARD_PROPS_MAX; i++)
		kh_strbuf_adds(&sb, "NOTE:x\n");
	kh_strbuf_adds(&sb, "END:VCARD\n");
	assert_int_equal(kh_vcard_parse(sb.buf, sb.len, &c, &n, &err), KH_ELIMIT);
	/* an unfolded line past the bound */
	kh_strbuf_reset(&sb);
	kh_strbuf_adds(&sb, "BEGIN:VCARD\nNOTE:");
	for (unsigned i = 0; i < KH_VCARD_LINE_MAX / 32; i++)
		kh_strbuf_adds(&sb, "\n xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
	kh_strbuf_adds(&sb, "\nEND:VCARD\n");
	assert_int_equal(kh_vcard_parse(sb.buf, sb.len, &c, &n, &err), KH_ELIMIT);
	kh_strbuf_release(&sb);
	assert_int_equal(kh_vcard_parse("x", KH_VCARD_FILE_MAX + 1u, &c, &n, &err), KH_ELIMIT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rfc2426_sample),
		cmocka_unit_test(rfc6350_sample),
		cmocka_unit_test(chinese_names),
		cmocka_unit_test(quoted_printable_and_charsets),
		cmocka_unit_test(escaping),
		cmocka_unit_test(writer_round_trip),
		cmocka_unit_test(tel_text_keeps_its_prefix),
		cmocka_unit_test(birthdays),
		cmocka_unit_test(bad_input_and_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
