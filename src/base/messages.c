/*
 * messages.c: the catalogue of error messages, {English format, 中文 format,
 * reason}, one line each. The English format is the one the code passes to
 * kh_error_set, byte for byte; the 中文 one takes the same arguments in the
 * same order (%.0s takes an argument and shows nothing: a field's API name,
 * which the UI shows as the field's label beside the message, and the CLI
 * before it). A format missing here shows in English in both languages;
 * tests/e2e/test_error_catalog.py fails on one and prints its line to paste
 * (scripts/error-formats --missing). docs/api.md lists the reasons.
 */
#include "base/messages.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define M(en, zh, reason) {en, zh, reason}

static const struct kh_message catalogue[] = {
	/* Fields: required, types, lengths, numbers, dates. */
	M("%s is required", "%.0s不能为空", "required"),
	M("%s must not be empty", "%.0s不能为空", "required"),
	M("name is required", "名称不能为空", "required"),
	M("kind is required", "类型不能为空", "required"),
	M("login is required", "用户名不能为空", "required"),
	M("password is required", "密码不能为空", "required"),
	M("role is required", "角色不能为空", "required"),
	M("token is required", "令牌不能为空", "required"),
	M("login and password are required", "请输入用户名和密码", "required"),
	M("--customer ID is required", "需要 --customer ID", "required"),
	M("--out FILE is required (- for stdout)", "需要 --out FILE（- 表示标准输出）", "required"),
	M("from (the customer to merge in) is required", "请指定要合并进来的客户（from）", "required"),
	M("%s cannot be changed after creation", "%.0s创建后不能修改", "read_only"),
	M("%s is kept by kehu and cannot be set", "%.0s由系统维护，不能设置", "read_only"),
	M("login cannot be changed", "用户名不能修改", "read_only"),
	M("%s has an unknown type", "%.0s类型未知", "bad_type"),
	M("%s has no field %s", "%.0s没有字段 %s", "unknown_field"),
	M("unknown field %s", "未知字段 %s", "unknown_field"),
	M("team has no field %s", "团队没有字段 %s", "unknown_field"),
	M("user has no field %s", "用户没有字段 %s", "unknown_field"),
	M("a lead's follow-up has no field %s (kind, date, subject, note, next_date)",
	  "线索跟进没有字段 %s（可用：kind、date、subject、note、next_date）", "unknown_field"),
	M("%s is larger than %d bytes", "%.0s超过 %d 字节", "too_long"),
	M("%s is larger than %u bytes", "%.0s超过 %u 字节", "too_long"),
	M("%s is longer than %zu characters", "%.0s超过 %zu 个字符", "too_long"),
	M("%s is not valid UTF-8 text", "%.0s不是有效的 UTF-8 文本", "not_utf8"),
	M("%s is not valid UTF-8 text (or contains control characters)",
	  "%.0s不是有效的 UTF-8 文本（或含控制字符）", "not_utf8"),
	M("%s must be a single line", "%.0s只能是一行", "multi_line"),
	M("%s must be one line of UTF-8 text", "%.0s应为一行 UTF-8 文本", "bad_text"),
	M("%s must be a single value, not a list or object", "%.0s应为单个值，不能是列表或对象", "bad_type"),
	M("%s must be a string", "%.0s应为文本", "bad_type"),
	M("%s must be a string or a number", "%.0s应为文本或数字", "bad_type"),
	M("name must be a string", "名称应为文本", "bad_type"),
	M("password must be a string", "密码应为文本", "bad_type"),
	M("%s must be an object", "%.0s应为对象", "bad_type"),
	M("%s must be a user id", "%.0s应为用户 ID", "bad_id"),
	M("%s must be an id", "%.0s应为 ID", "bad_id"),
	M("%s must be a whole number", "%.0s应为整数", "bad_integer"),
	M("%s must be a whole number %g..%g", "%.0s应为 %g 到 %g 之间的整数", "out_of_range"),
	M("%s must be a whole number of fen %g..%g", "%.0s应为 %g 到 %g 之间的整数（分）", "out_of_range"),
	M("%s must be a number %g..%g", "%.0s应为 %g 到 %g 之间的数", "out_of_range"),
	M("%s must be between %lld and %lld", "%.0s应在 %lld 到 %lld 之间", "out_of_range"),
	M("%s must be between %s and %s", "%.0s应在 %s 到 %s 之间", "out_of_range"),
	M("%s is a share and must be between %g and %g", "%.0s是比例，应在 %g 到 %g 之间", "out_of_range"),
	M("%s (%g) must be below %s (%g)", "%.0s（%g）应小于 %s（%g）", "out_of_order"),
	M("%s must not be negative", "%.0s不能为负数", "negative"),
	M("%s must be an amount like 1234.50", "%.0s应为金额，如 1234.50", "bad_amount"),
	M("%s has more than two decimals (fen)", "%.0s金额最多两位小数", "decimals"),
	M("%s is too large (at most 100000000000.00)", "%.0s金额过大（最多 100000000000.00）", "too_large"),
	M("%s must be a date like 2024-03-31", "%.0s日期无效，应为 YYYY-MM-DD", "bad_date"),
	M("%s: %s is not a day of that month", "%.0s日期无效：%s 不是该月的日期", "bad_date"),
	M("%s: month must be 01..12", "%.0s日期无效：月份应为 01 到 12", "bad_date"),
	M("%s: year must be 1900..2199", "%.0s日期无效：年份应为 1900 到 2199", "bad_date"),
	M("%s must be an email address like name@example.com", "%.0s邮箱格式不正确，如 name@example.com", "bad_email"),
	M("%s must be true or false", "%.0s应为 true 或 false", "bad_bool"),
	M("active must be true or false", "active 应为 true 或 false", "bad_bool"),
	M("force must be true or false", "force 应为 true 或 false", "bad_bool"),
	M("move_contacts_and_opportunities must be true or false",
	  "move_contacts_and_opportunities 应为 true 或 false", "bad_bool"),
	M("%s must be one of: %s", "%.0s应为以下之一：%s", "bad_choice"),
	M("%s must be %s", "%.0s应为%s", "bad_choice"),
	M("%s must be one or more of %snone (comma-separated; none alone)",
	  "%.0s应为 %snone 中的一个或多个（逗号分隔；none 只能单独使用）", "bad_choice"),
	M("%s must be UTF-8 text of %g to %g bytes", "%.0s应为 %g 到 %g 字节的 UTF-8 文本", "too_long"),
	M("%s must be 18 characters (a unified social credit code), not %zu",
	  "%.0s统一社会信用代码应为 18 位，不是 %zu 位", "bad_credit_code"),
	M("%s: character %zu may only be 0-9 or A-Z without I, O, Z, S and V",
	  "%.0s统一社会信用代码第 %zu 位只能是 0-9 或除 I、O、Z、S、V 外的大写字母", "bad_credit_code"),
	M("%s: the check character (the 18th) does not match the first 17 (GB 32100-2015): mistyped?",
	  "%.0s统一社会信用代码校验位（第 18 位）与前 17 位不符（GB 32100-2015），请检查是否输错", "bad_credit_code"),
	M("%s: no such %s (id %lld)", "%.0s%.0s所选记录不存在（ID %lld）", "not_found"),
	M("%s: that %s belongs to another customer", "%.0s%.0s所选记录属于其他客户", "other_customer"),
	M("%s: no active user with id %lld", "%.0s没有 ID 为 %lld 的在职用户", "not_found"),
	M("%s: no team called %s", "%.0s没有名为 %s 的团队", "not_found"),
	M("%s: no %s called %s", "%.0s%.0s没有名为 %s 的记录", "not_found"),
	M("%s: more than one %s has %s %s", "%.0s%.0s有多条记录的 %s 为 %s", "ambiguous"),
	M("the %s must be a JSON object", "%.0s请求体应为 JSON 对象", "not_object"),
	M("refers to an object that does not exist", "引用的记录不存在", "not_found"),
	M("give at least one of name, phone, email or credit_code",
	  "请至少填写名称、电话、邮箱或统一社会信用代码之一", "required"),

	/* Phone numbers. */
	M("%s contains a character that does not belong in a phone number", "%.0s含有电话号码中不应有的字符", "bad_phone"),
	M("%s contains letters; use digits only, with an extension after \"ext\" or \"转\" if needed",
	  "%.0s含有字母：请只填数字，分机号写在 ext 或“转”之后", "bad_phone"),
	M("%s does not start like a mobile number: mobiles start with 13 to 19", "%.0s不像手机号：手机号以 13 到 19 开头", "bad_phone"),
	M("%s has %zu digits after the area code %.*s; a landline number has 7 or 8",
	  "%.0s区号之后有 %zu 位（区号 %.*s）：固话号码应为 7 或 8 位", "bad_phone"),
	M("%s has 12 digits and starts with 1; a mobile number has 11", "%.0s有 12 位且以 1 开头：手机号应为 11 位", "bad_phone"),
	M("%s has a \"+\" that is not at the start", "%.0s中的“+”不在开头", "bad_phone"),
	M("%s has an area code starting 01 other than 010", "%.0s区号以 01 开头但不是 010", "bad_phone"),
	M("%s has an extension longer than %zu digits", "%.0s分机号超过 %zu 位", "bad_phone"),
	M("%s has an extension marker but no extension digits after it", "%.0s有分机标记但后面没有分机号", "bad_phone"),
	M("%s has no digits after +", "%.0s“+”之后没有数字", "bad_phone"),
	M("%s has nothing after +86", "%.0s+86 之后没有号码", "bad_phone"),
	M("%s has too many digits for a phone number", "%.0s位数太多，不是电话号码", "bad_phone"),
	M("%s is a mobile number, which has no extension", "%.0s是手机号，手机号没有分机", "bad_phone"),
	M("%s is empty; type a number such as 138 1234 5678", "%.0s为空：请输入号码，如 138 1234 5678", "bad_phone"),
	M("%s is not a number kehu knows: a landline starts with its area code (010-12345678), a mobile with 13 to 19",
	  "%.0s号码无法识别：固话以区号开头（010-12345678），手机号以 13 到 19 开头", "bad_phone"),
	M("%s is not an international number: it needs a country code and 7 to 15 digits in all",
	  "%.0s不是有效的国际号码：需要国家代码，共 7 到 15 位", "bad_phone"),
	M("%s is too long for a phone number", "%.0s太长，不是电话号码", "bad_phone"),
	M("%s is too long: a mobile number has 11 digits, not %zu", "%.0s太长：手机号应为 11 位，不是 %zu 位", "bad_phone"),
	M("%s is too short for a phone number", "%.0s太短，不是电话号码", "bad_phone"),
	M("%s is too short: a mobile number has 11 digits, not %zu", "%.0s太短：手机号应为 11 位，不是 %zu 位", "bad_phone"),
	M("%s needs the area code after +86, e.g. +86 10 12345678", "%.0s+86 之后需要区号，如 +86 10 12345678", "bad_phone"),
	M("%s needs the area code, e.g. 010-12345678%s", "%.0s需要区号，如 010-12345678%s", "bad_phone"),
	M("%s starts with 00, which is not an area code", "%.0s以 00 开头，这不是区号", "bad_phone"),

	/* Orders and their lines. */
	M("%s must be an object with product and quantity", "%.0s应为包含 product 和 quantity 的对象", "bad_type"),
	M("%s.product must be a product id", "%.0s产品应为产品 ID", "bad_id"),
	M("%s.quantity must be a whole number 1..1000000000", "%.0s数量应为 1 到 1000000000 之间的整数", "out_of_range"),
	M("%s.unit_price is required: the product has no list price", "%.0s该产品没有标价，请填写单价", "required"),
	M("%s.unit_price must be an amount like 12.50", "%.0s单价应为金额，如 12.50", "bad_amount"),
	M("%s: a line has no field %.60s (only product, quantity, unit_price)",
	  "%.0s明细没有字段 %.60s（只有 product、quantity、unit_price）", "unknown_field"),
	M("%s: give a product or leave quantity and unit price empty", "%.0s请选择产品，或不填数量和单价", "required"),
	M("%s: no product with id %lld", "%.0s没有 ID 为 %lld 的产品", "not_found"),
	M("%s: quantity × the product's unit cost is above %s", "%.0s数量 × 产品单位成本超过 %s", "too_large"),
	M("%s: quantity × unit_price is above %s", "%.0s数量 × 单价超过 %s", "too_large"),
	M("amount %.40s disagrees with the lines, which add up to %s", "金额 %.40s 与明细合计 %s 不符", "amount_mismatch"),
	M("an order has at most %d lines", "一个订单最多 %d 行明细", "limit"),
	M("lines must be a list", "明细应为列表", "bad_type"),
	M("the line total overflows", "明细合计溢出", "too_large"),
	M("the lines add up to more than 100000000000.00", "明细合计超过 100000000000.00", "too_large"),
	M("the costs of the lines add up to more than 100000000000.00", "明细成本合计超过 100000000000.00", "too_large"),
	M("the order must be a JSON object", "订单应为 JSON 对象", "not_object"),

	/* Lists, filters, queries. */
	M("%s cannot be filtered by %s", "%.0s不能按 %s 筛选", "bad_filter"),
	M("%s cannot be sorted by %.40s", "%.0s不能按 %.40s 排序", "bad_sort"),
	M("%s cannot be sorted by %s", "%.0s不能按 %s 排序", "bad_sort"),
	M("tokens cannot be filtered by %s", "令牌不能按 %s 筛选", "bad_filter"),
	M("%s is level-%d information, which you do not see of every %s listed: narrow the list to those you do (e.g. by customer)",
	  "%.0s是 %d 级信息，列表中有您无权查看的%s：请缩小范围（如按客户）", "forbidden_level"),
	M("too many filters", "筛选条件太多", "limit"),
	M("cursor and page cannot be combined", "cursor 和 page 不能同时使用", "bad_query"),
	M("cursor is not one this list gave out for this sort: start again without it",
	  "cursor 不属于此列表的当前排序：请去掉它重新开始", "bad_cursor"),
	M("after must be a next cursor of GET /pipeline", "after 应为 GET /pipeline 返回的 next 游标", "bad_cursor"),
	M("after needs the stage it pages", "使用 after 时需要指定阶段", "required"),
	M("limit must be 1..%d", "limit 应为 1 到 %d", "out_of_range"),
	M("offset must be 0 or more", "offset 不能为负数", "out_of_range"),
	M("page must be 1..1000000", "page 应为 1 到 1000000", "out_of_range"),
	M("per_page must be 1..%d", "per_page 应为 1 到 %d", "out_of_range"),
	M("per_page must be 1..500", "per_page 应为 1 到 500", "out_of_range"),
	M("top must be 1..%d", "top 应为 1 到 %d", "out_of_range"),
	M("customers must be 1..%d", "customers 应为 1 到 %d", "out_of_range"),
	M("q is not valid UTF-8 text", "搜索词不是有效的 UTF-8 文本", "not_utf8"),
	M("q must be 1..200 bytes", "搜索词应为 1 到 200 字节", "too_long"),
	M("the search text is longer than 200 bytes", "搜索内容超过 200 字节", "too_long"),
	M("the search text is not valid UTF-8", "搜索内容不是有效的 UTF-8 文本", "not_utf8"),
	M("type a name, pinyin or phone digits", "请输入名称、拼音或电话号码", "required"),
	M("give the customer as ?customer_id=", "请用 ?customer_id= 指定客户", "required"),
	M("give the number as ?phone=", "请用 ?phone= 指定号码", "required"),
	M("give the search text as ?q=", "请用 ?q= 指定搜索内容", "required"),
	M("only customers and leads are searched with q", "只有客户和线索可以用 q 搜索", "bad_query"),
	M("the only argument is customer_id", "唯一的参数是 customer_id", "bad_query"),
	M("unknown parameter %s", "未知参数 %s", "unknown_parameter"),
	M("unknown query parameter %.40s", "未知查询参数 %.40s", "unknown_parameter"),
	M("imports take no argument %s", "导入不接受参数 %s", "unknown_parameter"),
	M("the query gives %s more than once", "查询参数 %s 重复", "repeated"),
	M("the query has more than %d arguments or is not valid UTF-8", "查询参数超过 %d 个或不是有效的 UTF-8", "bad_query"),
	M("list counts: %s is not a plain name", "列表计数：%s 不是简单名称", "internal"),
	M("matrix must be one of: value_response, value_loyalty, direct_indirect, volume_profit, current_potential, all",
	  "matrix 应为以下之一：value_response、value_loyalty、direct_indirect、volume_profit、current_potential、all", "bad_choice"),
	M("period must be year or quarter", "period 应为 year 或 quarter", "bad_choice"),
	M("basis must be profit, sales or net_profit", "basis 应为 profit、sales 或 net_profit", "bad_choice"),
	M("stage must be one of: lead, qualified, proposal, negotiation, won, lost",
	  "阶段应为以下之一：lead、qualified、proposal、negotiation、won、lost", "bad_choice"),
	M("no report %s", "没有报表 %s", "not_found"),

	/* The request itself. */
	M("a JSON object is required as the body", "请求体应为 JSON 对象", "not_object"),
	M("the body must be a JSON object", "请求体应为 JSON 对象", "not_object"),
	M("the body is not valid JSON: %s (line %d, column %d)", "请求体不是有效的 JSON：%s（第 %d 行，第 %d 列）", "bad_json"),
	M("the JSON body is nested deeper than %d levels", "JSON 嵌套超过 %d 层", "too_deep"),
	M("this route takes no body", "此接口不接受请求体", "unexpected_body"),
	M("send the file as the request body", "请将文件作为请求体发送", "required"),
	M("the file could not be stored", "文件无法保存", "io"),
	M("not valid UTF-8", "不是有效的 UTF-8 文本", "not_utf8"),
	M("not a table or column name", "不是表名或列名", "internal"),
	M("the conversion must be a JSON object", "转化参数应为 JSON 对象", "not_object"),
	M("the follow-up must be a JSON object", "跟进记录应为 JSON 对象", "not_object"),
	M("the team must be a JSON object", "团队应为 JSON 对象", "not_object"),
	M("the user must be a JSON object", "用户应为 JSON 对象", "not_object"),
	M("customer must be an object of customer fields", "customer 应为客户字段组成的对象", "not_object"),
	M("opportunity must be an object of opportunity fields (name, amount, ...)",
	  "opportunity 应为商机字段组成的对象（name、amount 等）", "not_object"),
	M("give the settings as an object {\"key\": value, ...}", "请以对象形式提交设置 {\"key\": value, ...}", "not_object"),

	/* Logins, sessions, tokens, users, teams. */
	M("wrong login or password", "用户名或密码错误", "wrong_login"),
	M("this account is disabled", "该账号已停用", "disabled"),
	M("too many failed logins, try again in %d seconds", "登录失败次数过多，请 %d 秒后再试", "rate_limited"),
	M("log in first", "请先登录", "login_required"),
	M("log in first, or send Authorization: Bearer with an API token",
	  "请先登录，或用 Authorization: Bearer 发送 API 令牌", "login_required"),
	M("the session has expired, log in again", "登录已过期，请重新登录", "session_expired"),
	M("no such session", "会话不存在", "login_required"),
	M("changes with a session cookie need the X-CSRF-Token header from the login response",
	  "使用会话 Cookie 修改数据需要登录响应中的 X-CSRF-Token 请求头", "csrf"),
	M("the X-CSRF-Token header does not match the session", "X-CSRF-Token 与会话不匹配", "csrf"),
	M("not a kehu API token", "不是 kehu 的 API 令牌", "bad_token"),
	M("unknown or revoked API token", "API 令牌不存在或已撤销", "bad_token"),
	M("use Authorization: Bearer kh_...", "请使用 Authorization: Bearer kh_...", "bad_token"),
	M("no such token", "令牌不存在", "not_found"),
	M("no live token with id %lld", "没有 ID 为 %lld 的有效令牌", "not_found"),
	M("the token name must be up to 100 characters of UTF-8 text", "令牌名称应为最多 100 个字符的 UTF-8 文本", "too_long"),
	M("you may only make tokens for yourself", "只能为自己创建令牌", "forbidden"),
	M("only admins may list other users' tokens", "只有管理员可以查看其他用户的令牌", "forbidden"),
	M("no such setup token", "初始化令牌不存在", "bad_setup_token"),
	M("wrong or used setup token", "初始化令牌错误或已使用", "bad_setup_token"),
	M("kehu is already set up; log in instead", "系统已初始化，请直接登录", "already_set_up"),
	M("login must be 1..64 letters, digits or . _ - @", "用户名应为 1 到 64 个字母、数字或 . _ - @", "bad_login_name"),
	M("that login is taken", "该用户名已被使用", "taken"),
	M("there is already a user %s", "已有用户 %s", "taken"),
	M("the password is not valid UTF-8", "密码不是有效的 UTF-8 文本", "not_utf8"),
	M("the password must be UTF-8 text", "密码应为 UTF-8 文本", "not_utf8"),
	M("the password must have at least %d characters", "密码至少 %d 个字符", "too_short"),
	M("the password must have at most %d bytes", "密码最多 %d 字节", "too_long"),
	M("out of memory hashing the password", "计算密码哈希时内存不足", "out_of_memory"),
	M("libsodium failed to start", "libsodium 初始化失败", "internal"),
	M("role must be admin, manager or sales", "角色应为 admin、manager 或 sales", "bad_choice"),
	M("max_customers must be a whole number 0..10000000", "max_customers 应为 0 到 10000000 之间的整数", "out_of_range"),
	M("only admins may change users; you may change your own display_name and password",
	  "只有管理员可以修改用户；您可以修改自己的显示名和密码", "forbidden"),
	M("only admins may change %s", "只有管理员可以修改 %s", "forbidden"),
	M("this is the last active admin: make another user admin first", "这是最后一个在职管理员：请先设置另一位管理员", "last_admin"),
	M("you cannot delete yourself", "不能删除自己", "forbidden"),
	M("no user %s", "没有用户 %s", "not_found"),
	M("no user with id %lld", "没有 ID 为 %lld 的用户", "not_found"),
	M("leader: no user %s", "没有用户 %s", "not_found"),
	M("no team %s", "没有团队 %s", "not_found"),
	M("no team with id %lld", "没有 ID 为 %lld 的团队", "not_found"),
	M("there is already a team called %s", "已有名为 %s 的团队", "taken"),
	M("a team cannot be placed below itself", "团队不能放在自己之下", "cycle"),
	M("the team name is not valid UTF-8", "团队名称不是有效的 UTF-8 文本", "not_utf8"),
	M("the team still has users or sub-teams", "该团队下还有用户或子团队", "in_use"),

	/* Permissions and data scopes. */
	M("you may see customer %lld but not change it%s", "您可以查看客户 %lld，但不能修改%s", "forbidden"),
	M("you may not change %s (level %d information)", "您不能修改 %s（%d 级信息）", "forbidden_level"),
	M("this %s is user %lld's: they or their manager change it", "%.0s此记录属于用户 %lld：由其本人或其上级修改", "forbidden"),
	M("a sales rep cannot clear the user of %s", "销售不能清空%.0s记录的负责人", "forbidden"),
	M("a sales rep records %s as themselves, not as user %lld", "销售只能以自己的身份记录%.0s，不能代用户 %lld 记录", "forbidden"),
	M("a sales rep sees only their own visits", "销售只能查看自己的拜访", "forbidden"),
	M("no such rep in your scope", "您的数据范围内没有该销售", "not_found"),
	M("user %lld is outside your data scope", "用户 %lld 不在您的数据范围内", "out_of_scope"),
	M("owner: you may give customers only to users in your data scope", "只能把客户分配给您数据范围内的用户", "out_of_scope"),
	M("only the owner of customer %lld or a manager over them may change who owns it",
	  "只有客户 %lld 的负责人或其上级经理可以变更负责人", "forbidden"),
	M("only admins may change settings", "只有管理员可以修改设置", "forbidden"),
	M("only managers and admins may change products", "只有经理和管理员可以修改产品", "forbidden"),
	M("only an admin may rebuild the duplicate keys", "只有管理员可以重建查重索引", "forbidden"),
	M("the duplicate report is for managers and admins", "查重报告仅限经理和管理员", "forbidden"),
	M("force: only a manager or an admin may create or keep a duplicate customer",
	  "只有经理或管理员可以强制创建或保留重复客户", "forbidden"),
	M("access must be read, write or none", "access 应为 read、write 或 none", "bad_choice"),
	M("old_owner_access must be none, read or write", "old_owner_access 应为 none、read 或 write", "bad_choice"),
	M("other_owner_access must be none, read or write", "other_owner_access 应为 none、read 或 write", "bad_choice"),

	/* Records: not found, duplicates, merges, leads, stages. */
	M("no %s with id %lld", "%.0s记录不存在（ID %lld）", "not_found"),
	M("id: no %s with id %lld", "%.0s记录不存在（ID %lld）", "not_found"),
	M("no activity with id %lld", "没有 ID 为 %lld 的活动", "not_found"),
	M("no customer with id %lld", "没有 ID 为 %lld 的客户", "not_found"),
	M("no lead with id %lld", "没有 ID 为 %lld 的线索", "not_found"),
	M("no opportunity with id %lld", "没有 ID 为 %lld 的商机", "not_found"),
	M("no import with id %lld", "没有 ID 为 %lld 的导入", "not_found"),
	M("no customer has the number %s", "没有客户使用号码 %s", "not_found"),
	M("no setting %s", "没有设置项 %s", "not_found"),
	M("no template %s", "没有模板 %s", "not_found"),
	M("already exists (%s)", "已存在（%s）", "duplicate"),
	M("%s: customer %lld (%s) has the same %s already (%s%s); a manager can force it",
	  "%.0s客户 %lld（%s）的%s与此相同（%s%s）；经理可以强制保存", "duplicate"),
	M("a customer cannot be merged into itself", "客户不能合并到自己", "same_record"),
	M("take must be a list of field names", "take 应为字段名列表", "bad_type"),
	M("take: %s is not a field a merge can take", "合并不能选取字段 %s", "unknown_field"),
	M("a contact cannot report to itself", "联系人不能向自己汇报", "cycle"),
	M("a conversion takes customer, opportunity and force, not %s", "转化只接受 customer、opportunity 和 force，不接受 %s", "unknown_field"),
	M("the opportunity's customer is the one the conversion creates", "商机的客户就是转化生成的客户，不能另行指定", "read_only"),
	M("the lead is already converted", "线索已经转化过了", "lead_converted"),
	M("the lead is already converted (customer %lld)", "线索已经转化过了（客户 %lld）", "lead_converted"),
	M("the lead is already converted: its status stays converted", "线索已经转化过了，状态不能修改", "lead_converted"),
	M("status converted is set by converting the lead (kehu lead convert, POST /api/v1/leads/{id}/convert)",
	  "“已转化”状态只能通过转化线索设置（kehu lead convert，POST /api/v1/leads/{id}/convert）", "read_only"),
	M("lost_reason is required when the stage becomes lost", "输单必须填写原因", "lost_reason_required"),
	M("lost_reason is only for a lost opportunity (stage lost)", "只有输单的商机才有输单原因", "lost_reason_not_lost"),
	M("a lost opportunity keeps its lost_reason", "输单原因不能清空", "lost_reason_required"),
	M("stage cannot be cleared", "商机阶段不能清空", "required"),

	/* Visit plans. */
	M("activity %lld is a %s, not a visit plan: only visits with a purpose are approved",
	  "活动 %lld 不是拜访计划%.0s：只有填写了目的的拜访需要审批", "not_a_plan"),
	M("visit %lld has no plan: give it a purpose before asking for approval", "拜访 %lld 没有计划：请先填写目的再提交审批", "not_a_plan"),
	M("visit plan %lld is approved already (%s)", "拜访计划 %lld 已审批（%s）", "already_approved"),
	M("visit plans are approved by a manager or an admin over the customer's owner",
	  "拜访计划由客户负责人的上级经理或管理员审批", "forbidden"),
	M("you cannot approve your own visit plan: your superior does", "不能审批自己的拜访计划，请由上级审批", "own_approval"),
	M("the owner of customer %lld is outside your data scope: their own superior approves this plan",
	  "客户 %lld 的负责人不在您的数据范围内：由其上级审批此计划", "out_of_scope"),

	/* Ownership and the pool (公海). */
	M("customer %lld: %s", "客户 %lld：%s", "bulk_item"),
	M("customer %lld: ", "客户 %lld：", "bulk_item"),
	M("ids must be a list of 1 to %d customer ids", "ids 应为 1 到 %d 个客户 ID 的列表", "bad_type"),
	M("ids[%zu] is not a customer id", "ids[%zu] 不是客户 ID", "bad_id"),
	M("customer %lld is listed twice", "客户 %lld 重复出现", "repeated"),
	M("customer %lld is already in the pool", "客户 %lld 已在公海中", "in_pool"),
	M("customer %lld is not in the pool", "客户 %lld 不在公海中", "not_in_pool"),
	M("customer %lld is locked: unlock it before releasing it to the pool", "客户 %lld 已锁定：请先解锁再放入公海", "locked"),
	M("customer %lld has no owner: only an owned customer can be locked", "客户 %lld 没有负责人：只有有负责人的客户才能锁定", "no_owner"),
	M("customer %lld changed owner during the sweep", "客户 %lld 在回收过程中变更了负责人", "conflict"),
	M("customer %lld has a %s of '%s', not a date like 2024-03-31", "客户 %lld 的%.0s日期“%s”无效，应为 YYYY-MM-DD", "bad_date"),
	M("user %lld already owns customer %lld", "用户 %lld 已是客户 %lld 的负责人", "already_owner"),
	M("user %lld owns this customer", "用户 %lld 是该客户的负责人", "already_owner"),
	M("user %lld already owns %lld customers, the most allowed is %lld (pool.max_customers_per_rep or the user's max_customers)",
	  "用户 %lld 已有 %lld 个客户，最多 %lld 个（pool.max_customers_per_rep 或该用户的 max_customers）", "owner_cap"),
	M("user %lld already has %lld locked customers, the most allowed is %lld (pool.max_locked_per_rep)",
	  "用户 %lld 已锁定 %lld 个客户，最多 %lld 个（pool.max_locked_per_rep）", "lock_cap"),
	M("you have claimed %lld customers from the pool today, the most per day is %lld (pool.daily_claims_per_rep)",
	  "您今天已从公海领取 %lld 个客户，每天最多 %lld 个（pool.daily_claims_per_rep）", "claim_cap"),
	M("this customer went to the pool from you %lld days ago: its previous owner may claim it back after %lld days (pool.reclaim_cooldown_days), in %lld days",
	  "该客户 %lld 天前从您名下进入公海：原负责人需等 %lld 天（pool.reclaim_cooldown_days）才能重新领取，还需 %lld 天", "reclaim_cooldown"),
	M("only a user can claim customers", "只有用户可以领取客户", "forbidden"),
	M("only the pool sweep recalls customers", "只有公海回收任务可以收回客户", "forbidden"),
	M("only the system runs the pool sweep", "只有系统可以运行公海回收", "forbidden"),

	/* Settings and analysis. */
	M("ABC settings are inconsistent: need 0 < a_share <= b_share <= 1 and count_a + count_b <= 1",
	  "ABC 设置不一致：需要 0 < a_share <= b_share <= 1 且 count_a + count_b <= 1", "bad_setting"),
	M("abc.count_a and abc.count_b together must not pass 1", "abc.count_a 与 abc.count_b 之和不能超过 1", "bad_setting"),
	M("lifecycle settings must not be negative", "生命周期设置不能为负数", "bad_setting"),
	M("score weights must not all be 0", "评分权重不能全为 0", "bad_setting"),
	M("value grid cut points are not ordered", "价值网格的分界点没有按顺序排列", "bad_setting"),
	M("bad follow-up buckets", "跟进分档设置无效", "bad_setting"),

	/* Files: imports, exports, spreadsheets, vCards. */
	M("a file imports at most %d rows", "一个文件最多导入 %d 行", "limit"),
	M("more than %d cards in one file", "一个文件超过 %d 张名片", "limit"),
	M("the file is larger than %u bytes", "文件超过 %u 字节", "too_large"),
	M("the file is empty: the first row must name the columns", "文件为空：第一行应为列名", "empty_file"),
	M("the file ends inside a %s character", "文件在一个 %s 字符中间结束", "bad_encoding"),
	M("the file ends inside a UTF-8 character", "文件在一个 UTF-8 字符中间结束", "bad_encoding"),
	M("byte 0x%02X is not valid %s (nor UTF-8): save the file as UTF-8",
	  "字节 0x%02X 不是有效的 %s（也不是 UTF-8）：请将文件另存为 UTF-8", "bad_encoding"),
	M("byte 0x%02X is not valid UTF-8, though the text before it was: the file mixes encodings (save it again as UTF-8)",
	  "字节 0x%02X 不是有效的 UTF-8，但之前的文本是：文件混用了编码（请重新另存为 UTF-8）", "bad_encoding"),
	M("cannot decode %s: %s", "无法解码 %s：%s", "bad_encoding"),
	M("an .xls or password-protected workbook: save it as .xlsx (without a password) or CSV",
	  "这是 .xls 或有密码的工作簿：请另存为无密码的 .xlsx 或 CSV", "bad_file"),
	M("not a readable xlsx file (a zip archive): %s", "不是可读取的 xlsx 文件（zip 压缩包）：%s", "bad_file"),
	M("not an xlsx workbook: the zip has no %s", "不是 xlsx 工作簿：压缩包中没有 %s", "bad_file"),
	M("the first worksheet, %s, is missing from the zip", "压缩包中缺少第一个工作表 %s", "bad_file"),
	M("the workbook has no worksheet", "工作簿中没有工作表", "bad_file"),
	M("%s: %s", "%s：%s", "bad_file"),
	M("%s: %s (damaged or truncated file?)", "%s：%s（文件损坏或不完整？）", "bad_file"),
	M("%s line %lu: %s", "%s 第 %lu 行：%s", "bad_file"),
	M("%s: %llu bytes unzipped, more than the %llu allowed", "%s：解压后 %llu 字节，超过上限 %llu", "too_large"),
	M("%s: more than %llu bytes unzipped", "%s：解压后超过 %llu 字节", "too_large"),
	M("%s: name too long", "%s：名称太长", "bad_file"),
	M("row %lu: %s", "第 %lu 行：%s", "bad_file"),
	M("row %lu: ", "第 %lu 行：", "bad_file"),
	M("line %lu: %s", "第 %lu 行：%s", "bad_file"),
	M("line %lu: ", "第 %lu 行：", "bad_file"),
	M("card %zu (line %lu): ", "第 %zu 张名片（第 %lu 行）：", "bad_file"),
	M("line %lu, field %zu: NUL byte", "第 %lu 行第 %zu 列：含有 NUL 字节", "bad_csv"),
	M("line %lu, field %zu: quoted field opened on line %lu is not closed",
	  "第 %lu 行第 %zu 列：第 %lu 行开始的引号没有闭合", "bad_csv"),
	M("line %lu, field %zu: text after the closing quote", "第 %lu 行第 %zu 列：右引号之后还有文字", "bad_csv"),
	M("line %lu: longer than %u bytes unfolded", "第 %lu 行：展开后超过 %u 字节", "too_long"),
	M("line %lu: more than %d properties in one card", "第 %lu 行：一张名片超过 %d 个属性", "limit"),
	M("line %lu: more than %zu fields", "第 %lu 行：超过 %zu 列", "limit"),
	M("line %lu: out of memory", "第 %lu 行：内存不足", "out_of_memory"),
	M("line %lu: record longer than %zu bytes", "第 %lu 行：记录超过 %zu 字节", "too_long"),
	M("line %lu: the card begun here has no END:VCARD", "第 %lu 行：此处开始的名片没有 END:VCARD", "bad_vcard"),
	M("card %zu (line %lu): no FN or N", "第 %zu 张名片（第 %lu 行）：没有 FN 或 N", "bad_vcard"),
	M("no vCard in the file", "文件中没有名片", "empty_file"),
	M("%s have no natural key: import them with --mode create or upsert",
	  "%.0s此类记录没有自然键：请用 --mode create 或 upsert 导入", "bad_mode"),
	M("a %s with this %s already exists (id %lld)", "%.0s已存在相同 %s 的记录（ID %lld）", "duplicate"),
	M("no %s has this %s", "%.0s没有记录使用此 %s", "not_found"),
	M("columns %s and %s both give %s: map one of them to - with --map",
	  "%s 和 %s 两列都对应“%s”：请用 --map 将其中一列设为 -", "bad_mapping"),
	M("--map: %s imports no field %s", "--map：%s 导入没有字段 %s", "bad_mapping"),
	M("--map: %s is not HEADER=FIELD", "--map：%s 不是 表头=字段 的格式", "bad_mapping"),
	M("--map: an item is too long", "--map：某一项太长", "bad_mapping"),
	M("--map: the file has no column %.*s", "--map：文件中没有列 %.*s", "bad_mapping"),
	M("mode must be create, update or upsert", "mode 应为 create、update 或 upsert", "bad_choice"),
	M("lang must be zh or en", "lang 应为 zh 或 en", "bad_choice"),
	M("unknown import type", "未知的导入类型", "bad_choice"),
	M("import %lld has no reject file", "导入 %lld 没有错误行文件", "not_found"),
	M("cannot start the import", "无法开始导入", "internal"),
	M("cannot read the reject file", "无法读取错误行文件", "io"),
	M("type must be customers, contacts, products, orders, activities or opportunities",
	  "type 应为 customers、contacts、products、orders、activities 或 opportunities", "bad_choice"),
	M("type must be customers, contacts, products, orders, payments, activities, opportunities, tasks, important_dates or competitors",
	  "type 应为 customers、contacts、products、orders、payments、activities、opportunities、tasks、important_dates 或 competitors", "bad_choice"),
	M("format must be csv, xlsx or vcf", "format 应为 csv、xlsx 或 vcf", "bad_choice"),
	M("only contacts are exported as vcf", "只有联系人可以导出为 vcf", "bad_choice"),
	M("vcf exports contacts only", "vcf 只能导出联系人", "bad_choice"),
	M("version is 3.0 or 4.0, for format=vcf", "version 应为 3.0 或 4.0（用于 format=vcf）", "bad_choice"),
	M("xlsx needs a file, not stdout", "xlsx 需要输出到文件，不能输出到标准输出", "bad_choice"),
	M("cannot add a sheet to the workbook", "无法向工作簿添加工作表", "io"),
	M("cannot create the workbook %s", "无法创建工作簿 %s", "io"),
	M("cannot read the workbook back", "无法读回工作簿", "io"),
	M("cannot write the workbook: %s", "无法写入工作簿：%s", "io"),
	M("cannot write the template", "无法写入模板", "io"),
	M("cannot write the file", "无法写入文件", "io"),
	M("stdout", "标准输出", "io"),

	/* The command line. */
	M("%s is given twice", "%s 重复给出", "repeated"),
	M("type the password on stdin (one line, %d to %d characters)",
	  "请在标准输入中输入密码（一行，%d 到 %d 个字符）", "required"),
	M("--bind must be an IPv4 or IPv6 address, not %s", "--bind 应为 IPv4 或 IPv6 地址，不是 %s", "bad_option"),
	M("--filter takes NAME=VALUE&...", "--filter 的格式为 NAME=VALUE&...", "bad_option"),
	M("--format is csv, xlsx or vcf", "--format 应为 csv、xlsx 或 vcf", "bad_option"),
	M("--lang is zh or en", "--lang 应为 zh 或 en", "bad_option"),
	M("--version is 3.0 or 4.0", "--version 应为 3.0 或 4.0", "bad_option"),
	M("--version is for --format vcf", "--version 只用于 --format vcf", "bad_option"),
	M("at most %d trusted proxies", "最多 %d 个可信代理", "limit"),
	M("not an IPv4 or IPv6 address: %.*s", "不是 IPv4 或 IPv6 地址：%.*s", "bad_option"),
	M("the database already has %lld customers: demo data goes into a new, empty database",
	  "数据库中已有 %lld 个客户：演示数据只能写入新的空数据库", "not_empty"),

	/* The system: files, the database, threads, memory. */
	M("cannot create %s", "无法创建 %s", "io"),
	M("cannot create %s: %s", "无法创建 %s：%s", "io"),
	M("cannot create a temporary file", "无法创建临时文件", "io"),
	M("cannot open %s", "无法打开 %s", "io"),
	M("cannot open %s: %s", "无法打开 %s：%s", "io"),
	M("cannot open directory %s: %s", "无法打开目录 %s：%s", "io"),
	M("cannot read %s", "无法读取 %s", "io"),
	M("cannot write %s", "无法写入 %s", "io"),
	M("read error: %s", "读取错误：%s", "io"),
	M("read buffer too small", "读取缓冲区太小", "internal"),
	M("cannot index %s", "无法建立 %s 的索引", "internal"),
	M("cannot index the name", "无法建立名称索引", "internal"),
	M("cannot listen on %s port %d (in use?)", "无法监听 %s 端口 %d（已被占用？）", "io"),
	M("cannot start a thread: %s", "无法启动线程：%s", "internal"),
	M("cannot start the generator thread", "无法启动生成线程", "internal"),
	M("cannot start the pool sweep", "无法启动公海回收", "internal"),
	M("cannot start the report refresher", "无法启动报表刷新", "internal"),
	M("out of thread keys", "线程键不足", "internal"),
	M("out of memory", "内存不足", "out_of_memory"),
	M("the answer is too large", "结果太大", "too_large"),
	M("a savepoint needs one open transaction", "保存点需要一个进行中的事务", "internal"),
	M("cannot open database %s: %s", "无法打开数据库 %s：%s", "database"),
	M("no database at %s (kehu init creates one)", "%s 没有数据库（kehu init 可以创建）", "no_database"),
	M("database error: %s", "数据库错误：%s", "database"),
	M("the database failed", "数据库出错", "database"),
	M("the database is busy, try again", "数据库繁忙，请重试", "busy"),
	M("the database is read-only here: this needs write access to the file and its directory",
	  "数据库在此为只读：需要对文件及其目录有写权限", "read_only_database"),
	M("the database is at schema version %d, newer than this kehu (%d): upgrade kehu",
	  "数据库结构版本为 %d，比本程序（%d）新：请升级 kehu", "schema_newer"),
	M("the database is at schema version %d, older than this kehu (%d): run kehu init with write access to upgrade it",
	  "数据库结构版本为 %d，比本程序（%d）旧：请以写权限运行 kehu init 升级", "schema_older"),

	/* Answers of the HTTP server that are not kh_error_set's (server.c). */
	M("there is no such route", "没有这个接口", "no_route"),
	M("this method is not allowed here", "此接口不支持该方法", "method_not_allowed"),
	M("the body is larger than 1 MiB", "请求体超过 1 MiB", "too_large"),
	M("the file is larger than the server takes (serve --import-max-mib)",
	  "文件超过服务器允许的大小（serve --import-max-mib）", "too_large"),
	M("send the body as application/json", "请以 application/json 发送请求体", "bad_content_type"),
	M("the file cannot be stored", "文件无法保存", "io"),
	M("internal error", "内部错误", "internal"),
};

static const struct kh_message *sorted[sizeof(catalogue) / sizeof(catalogue[0])];
static pthread_once_t sorted_once = PTHREAD_ONCE_INIT;

static int by_en(const void *a, const void *b)
{
	return strcmp((*(const struct kh_message *const *)a)->en,
		      (*(const struct kh_message *const *)b)->en);
}

static void sort_catalogue(void)
{
	for (size_t i = 0; i < sizeof(catalogue) / sizeof(catalogue[0]); i++)
		sorted[i] = &catalogue[i];
	qsort(sorted, sizeof(sorted) / sizeof(sorted[0]), sizeof(sorted[0]), by_en);
}

const struct kh_message *kh_message_find(const char *en)
{
	struct kh_message key = {en, NULL, NULL};
	const struct kh_message *k = &key, *const *hit;

	if (!en)
		return NULL;
	pthread_once(&sorted_once, sort_catalogue);
	hit = bsearch(&k, sorted, sizeof(sorted) / sizeof(sorted[0]), sizeof(sorted[0]), by_en);
	return hit ? *hit : NULL;
}

const struct kh_message *kh_messages(size_t *n)
{
	*n = sizeof(catalogue) / sizeof(catalogue[0]);
	return catalogue;
}

enum kh_lang kh_lang_parse(const char *s, enum kh_lang fallback)
{
	if (!s)
		return fallback;
	while (*s == ' ')
		s++;
	if (strncmp(s, "zh", 2) == 0)
		return KH_LANG_ZH;
	if (strncmp(s, "en", 2) == 0)
		return KH_LANG_EN;
	return fallback;
}

enum kh_lang kh_lang_from_accept(const char *header)
{
	if (!header)
		return KH_LANG_EN;
	while (*header == ' ' || *header == '\t')
		header++;
	return (header[0] == 'z' || header[0] == 'Z') && (header[1] == 'h' || header[1] == 'H')
		       ? KH_LANG_ZH
		       : KH_LANG_EN;
}

enum kh_lang kh_lang_from_env(void)
{
	static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};

	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);

		if (v && *v)
			return strncmp(v, "zh", 2) == 0 ? KH_LANG_ZH : KH_LANG_EN;
	}
	return KH_LANG_EN;
}
