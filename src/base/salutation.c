/*
 * salutation.c: the form of address of a contact (张总, 王经理, 李女士). The
 * title table is searched in order, so the longer and the excluding titles
 * come before the words they contain: 总经理助理 before 总经理, 总工程师
 * before 工程师.
 */
#include "base/salutation.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "base/utf8.h"

/* Family names of two characters (the common ones of the 百家姓). */
static const char *const compound_family_names[] = {
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
    "宇文", "司徒", "夏侯", "轩辕", "令狐", "钟离", "端木", "西门", "南宫", "独孤",
    "百里", "呼延", "闻人", "东郭", "太史", "申屠", "澹台", "公冶", "濮阳", "淳于",
    "单于", "万俟", "赫连", "拓跋", "完颜", "司空", "左丘", "第五", "公羊", "梁丘",
};

/* A title containing word is addressed as family name + form; a NULL form
 * means the title gives none (an assistant is not 张总). */
static const struct {
	const char *word;
	const char *form;
} titles[] = {
    {"助理", NULL}, {"秘书", NULL},     {"董事长", "董"},   {"总工程师", "总工"},
    {"总经理", "总"}, {"总裁", "总"},   {"总监", "总"},     {"副总", "总"},
    {"老总", "总"},   {"CEO", "总"},    {"CFO", "总"},      {"CTO", "总"},
    {"COO", "总"},    {"经理", "经理"}, {"主任", "主任"},   {"厂长", "厂长"},
    {"部长", "部长"}, {"处长", "处长"}, {"科长", "科长"},   {"局长", "局长"},
    {"院长", "院长"}, {"校长", "校长"}, {"行长", "行长"},   {"所长", "所长"},
    {"店长", "店长"}, {"主管", "主管"}, {"教授", "教授"},   {"博士", "博士"},
    {"律师", "律师"}, {"医生", "医生"}, {"老师", "老师"},   {"会计", "会计"},
    {"工程师", "工"},
};

/* What follows the family name of a contact saved with the form of address
 * (张总, 李工). */
static const char *const address_endings[] = {
    "总", "董", "总工", "工", "经理", "主任", "厂长", "部长", "处长", "科长", "局长",
    "院长", "校长", "行长", "所长", "店长", "主管", "教授", "博士", "律师", "医生",
    "老师", "会计", "先生", "女士", "小姐",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool is_han(int32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0x20000 && cp <= 0x3134F) || (cp >= 0xF900 && cp <= 0xFAFF);
}

/* Bytes of the family name at the start of name (len bytes, a Han name). */
static size_t family_name_len(const char *name, size_t len)
{
	size_t pos = 0;

	for (size_t i = 0; i < COUNT(compound_family_names); i++) {
		size_t n = strlen(compound_family_names[i]);

		if (n <= len && memcmp(name, compound_family_names[i], n) == 0)
			return n;
	}
	kh_utf8_next(name, len, &pos);
	return pos;
}

/* True if hay contains needle, ASCII letters in any case (ceo, Ceo). */
static bool contains_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}

/* The short form of the first title word in title; NULL for none. */
static const char *title_form(const char *title)
{
	if (!title)
		return NULL;
	for (size_t i = 0; i < COUNT(titles); i++)
		if (contains_nocase(title, titles[i].word))
			return titles[i].form;
	return NULL;
}

static bool is_form_of_address(const char *rest, size_t len)
{
	for (size_t i = 0; i < COUNT(address_endings); i++)
		if (strlen(address_endings[i]) == len && memcmp(rest, address_endings[i], len) == 0)
			return true;
	return false;
}

int kh_salutation(const char *name, const char *title, const char *gender,
		  struct kh_strbuf *out)
{
	const char *form;
	size_t len, family, pos = 0;
	int rc;

	if (!name)
		return 0;
	name += strspn(name, " \t\r\n");
	len = strlen(name);
	while (len && strchr(" \t\r\n", name[len - 1]))
		len--;
	if (!len)
		return 0;
	if (!is_han(kh_utf8_next(name, len, &pos)))
		return kh_strbuf_add(out, name, len);
	family = family_name_len(name, len);
	if (is_form_of_address(name + family, len - family))
		return kh_strbuf_add(out, name, len);
	form = title_form(title);
	if (!form && gender && strcmp(gender, "male") == 0)
		form = "先生";
	else if (!form && gender && strcmp(gender, "female") == 0)
		form = "女士";
	if (!form)
		return kh_strbuf_add(out, name, len);
	rc = kh_strbuf_add(out, name, family);
	return rc ? rc : kh_strbuf_adds(out, form);
}
