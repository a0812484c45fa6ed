/* salutation_test.c: the forms of address business mail opens with, from
 * the contact's name, title and gender. */
#include "test.h"

#include <string.h>

#include "base/error.h"
#include "base/salutation.h"

static void check(const char *name, const char *title, const char *gender, const char *want)
{
	struct kh_strbuf sb;

	kh_strbuf_init(&sb, 0);
	assert_int_equal(kh_salutation(name, title, gender, &sb), 0);
	if (strcmp(sb.buf, want) != 0)
		fail_msg("%s / %s / %s: got \"%s\", want \"%s\"", name ? name : "(null)",
			 title ? title : "(null)", gender ? gender : "(null)", sb.buf, want);
	kh_strbuf_release(&sb);
}

static void titles_give_the_short_form(void **state)
{
	check("张伟", "总经理", NULL, "张总");
	check("王芳", "销售经理", "female", "王经理");
	check("李强", "董事长", "male", "李董");
	check("赵磊", "副总裁", NULL, "赵总");
	check("刘洋", "技术总监", NULL, "刘总");
	check("陈静", "总工程师", NULL, "陈总工");
	check("杨帆", "高级工程师", NULL, "杨工");
	check("黄丽", "办公室主任", NULL, "黄主任");
	check("周杰", "ceo", NULL, "周总");
	check("吴昊", "采购部部长", NULL, "吴部长");
	check("孙敏", "教授", NULL, "孙教授");
}

static void assistants_and_unknown_titles_fall_back_to_gender(void **state)
{
	/* 总经理助理 contains 总经理 but is not addressed as 总. */
	check("郑爽", "总经理助理", "female", "郑女士");
	check("冯刚", "总经理秘书", "male", "冯先生");
	check("钱多", "采购员", "male", "钱先生");
	check("孙丽", NULL, "female", "孙女士");
	check("马超", "", "other", "马超");
	check("马超", NULL, NULL, "马超");
	/* Saved by family name only, as reps often do. */
	check("王", "经理", NULL, "王经理");
	check("欧阳", NULL, "female", "欧阳女士");
	check("王", NULL, NULL, "王");
}

static void compound_family_names_stay_whole(void **state)
{
	check("欧阳娜娜", "总经理", NULL, "欧阳总");
	check("司马南", NULL, "male", "司马先生");
	check("诸葛亮", "经理", NULL, "诸葛经理");
}

static void names_kept_whole(void **state)
{
	/* Saved with the form of address already, or not Han. */
	check("张总", "总经理", NULL, "张总");
	check("李工", NULL, "male", "李工");
	check("John Smith", "CEO", "male", "John Smith");
	check("  张伟  ", "总经理", NULL, "张总");
	check("", "总经理", "male", "");
	check("   ", NULL, NULL, "");
	check(NULL, "经理", NULL, "");
}

static void a_full_buffer_fails(void **state)
{
	struct kh_strbuf sb;

	kh_strbuf_init(&sb, 4);
	assert_int_equal(kh_salutation("张伟", "总经理", NULL, &sb), KH_ELIMIT);
	kh_strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(titles_give_the_short_form),
	    cmocka_unit_test(assistants_and_unknown_titles_fall_back_to_gender),
	    cmocka_unit_test(compound_family_names_stay_whole),
	    cmocka_unit_test(names_kept_whole),
	    cmocka_unit_test(a_full_buffer_fails),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
