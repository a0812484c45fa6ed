/*
 * import_reasons.c: the reasons of a reject file in the caller's language.
 * The service's messages are English (the API's "message"); each one an
 * import can meet has a Chinese form here, matched by its printf pattern,
 * its arguments carried over ({1}, {2}, ... in order) and a field name
 * among them shown as the column's label. A message without a Chinese form
 * stays as it is.
 */
#include "service/io/import_internal.h"

#include <string.h>

#include "base/banned.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_ARGS 5

struct reason {
	const char *en, *zh;
};

/* Patterns: %s, %d, %lld and %zu match any text. */
static const struct reason reasons[] = {
	{"%s is required", "{1}为必填项"},
	{"%s must not be empty", "{1}不能为空"},
	{"%s is longer than %s characters", "{1}超过 {2} 个字符"},
	{"%s must be a single line", "{1}只能有一行"},
	{"%s is not valid UTF-8 text (or contains control characters)",
	 "{1}不是有效的 UTF-8 文本（或含控制字符）"},
	{"%s must be one of: %s", "{1}必须是以下之一：{2}"},
	{"%s must be true or false", "{1}必须是“是”或“否”（true/false）"},
	{"%s must be a whole number", "{1}必须是整数"},
	{"%s must be between %s and %s", "{1}必须介于 {2} 和 {3} 之间"},
	{"%s must be an amount like 1234.50", "{1}必须是金额，例如 1234.50"},
	{"%s must not be negative", "{1}不能为负数"},
	{"%s is too large (at most 100000000000.00)", "{1}过大（最多 100000000000.00）"},
	{"%s must be a date like 2024-03-31", "{1}必须是日期，例如 2024-03-31"},
	{"%s: month must be 01..12", "{1}：月份必须是 01..12"},
	{"%s: year must be 1900..2199", "{1}：年份必须是 1900..2199"},
	{"%s: %s is not a day of that month", "{1}：{2} 不是该月的日期"},
	{"%s is too short for a phone number", "{1}太短，不是电话号码"},
	{"%s is too long for a phone number", "{1}太长，不是电话号码"},
	{"%s has nothing after +86", "{1}在 +86 之后没有号码"},
	{"%s must be an email address like name@example.com", "{1}必须是邮箱地址，例如 name@example.com"},
	{"%s: no such %s (id %s)", "{1}：没有这个{2}（编号 {3}）"},
	{"%s: that %s belongs to another customer", "{1}：该{2}属于另一个客户"},
	{"you may not change %s (level %s information)", "无权修改{1}（{2} 级信息）"},
	{"%s cannot be changed after creation", "{1}创建后不能修改"},
	{"%s: no %s called %s", "{1}：没有名为“{3}”的记录"},
	{"%s: more than one %s has %s %s", "{1}：有多条记录的{3}是“{4}”，无法确定是哪一条"},
	{"id: no %s with id %s", "编号：没有编号为 {2} 的记录"},
	{"no %s with id %s", "没有编号为 {2} 的记录"},
	{"a %s with this %s already exists (id %s)", "已有{2}相同的记录（编号 {3}），仅新建模式下拒绝"},
	{"no %s has this %s", "没有{2}相同的记录，仅更新模式下拒绝"},
	{"%s: nothing to match this row by: give %s", "{1}：此行没有可用于匹配的字段，请填写{2}"},
	{"orders have no natural key: import them with --mode create or upsert",
	 "订单没有自然键：请用新建或新建并更新模式导入"},
	{"activities have no natural key: import them with --mode create or upsert",
	 "活动没有自然键：请用新建或新建并更新模式导入"},
	{"owner: you may give customers only to users in your data scope",
	 "负责人：只能分配给您数据范围内的用户"},
	{"an order has at most %s lines", "一个订单最多 {1} 行"},
	{"%s: give a product or leave quantity and unit price empty",
	 "{1}：请填写产品，或将数量和单价留空"},
	{"only the owner of customer %s or a manager over them may change who owns it",
	 "只有客户 {1} 的负责人或其上级经理可以更改负责人"},
	{"user %s already owns %s customers (the cap is %s)", "用户 {1} 已有 {2} 个客户（上限 {3}）"},
	{"no customer with id %s", "没有编号为 {1} 的客户"},
	{"the order's lines add up to %s, not %s", "订单明细合计 {1}，而不是 {2}"},
	{"a row of the order on line %s was rejected", "同一订单第 {1} 行被拒绝"},
	/* duplicate control (service/customers/duplicates.c) */
	{"%s: customer %s (%s) has the same %s already (in the public pool); a manager can "
	 "force it", "{1}：客户 {2}（{3}）的{4}与此相同，该客户在公海中；经理可强制保留"},
	{"%s: customer %s (%s) has the same %s already (no owner); a manager can force it",
	 "{1}：客户 {2}（{3}）的{4}与此相同，该客户没有负责人；经理可强制保留"},
	{"%s: customer %s (%s) has the same %s already (owner %s); a manager can force it",
	 "{1}：客户 {2}（{3}）的{4}与此相同，负责人 {5}；经理可强制保留"},
};

/* Does s match pattern p? The texts of its %... into args (start, length). */
static bool match(const char *p, const char *s, const char *args[MAX_ARGS],
		  size_t lens[MAX_ARGS], int nargs)
{
	if (!*p)
		return !*s;
	if (*p == '%') {
		const char *rest = p + 1;

		while (*rest == 'l' || *rest == 'z')
			rest++;
		rest++; /* the conversion letter */
		if (nargs >= MAX_ARGS)
			return false;
		/* The shortest text that lets the rest match (arguments are words
		 * and numbers; messages are short, so backtracking is cheap). */
		for (const char *end = s + 1; end <= s + strlen(s); end++) {
			args[nargs] = s;
			lens[nargs] = (size_t)(end - s);
			if (match(rest, end, args, lens, nargs + 1))
				return true;
		}
		return false;
	}
	return *p == *s && match(p + 1, s + 1, args, lens, nargs);
}

/* An argument: a field name becomes its label. */
static void put_arg(const struct import_desc *d, const char *arg, size_t len,
		    struct kh_strbuf *out)
{
	char name[64];

	if (len < sizeof(name)) {
		memcpy(name, arg, len);
		name[len] = '\0';
		if (strcmp(kh_import_label(d, name, KH_LANG_ZH), name) != 0) {
			kh_strbuf_adds(out, kh_import_label(d, name, KH_LANG_ZH));
			return;
		}
	}
	kh_strbuf_add(out, arg, len);
}

void kh_import_reason(const struct import_desc *d, const char *message, enum kh_lang lang,
		      struct kh_strbuf *out)
{
	const char *args[MAX_ARGS];
	size_t lens[MAX_ARGS];

	kh_strbuf_reset(out);
	for (size_t i = 0; i < MAX_ARGS; i++) {
		args[i] = "";
		lens[i] = 0;
	}
	for (size_t i = 0; lang == KH_LANG_ZH && i < N(reasons); i++) {
		if (!match(reasons[i].en, message, args, lens, 0))
			continue;
		for (const char *z = reasons[i].zh; *z; z++) {
			if (z[0] == '{' && z[1] >= '1' && z[1] < '1' + MAX_ARGS && z[2] == '}') {
				put_arg(d, args[z[1] - '1'], lens[z[1] - '1'], out);
				z += 2;
			} else {
				kh_strbuf_addch(out, *z);
			}
		}
		return;
	}
	kh_strbuf_adds(out, message);
}
