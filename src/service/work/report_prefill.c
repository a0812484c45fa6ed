/*
 * report_prefill.c: a report pre-filled from its period (report.h,
 * kh_report_prefill): the author's done activities by customer, follow-ups
 * and the next contacts they set, orders, contracts signed and approved,
 * receipts, new customers and leads; the next period's contacts and tasks
 * for the plan. The facts come with their ids so the UI can link them; the
 * texts are only suggestions, which the author edits.
 */
#include "service/work/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/parse.h"
#include "base/strbuf.h"
#include "service/present.h"
#include "store/work/reports.h"
#include "base/banned.h"

/* A suggestion stays well inside KH_REPORT_TEXT_MAX characters (bytes are
 * never fewer than characters). */
#define TEXT_BUDGET 3800
#define CONTENT_MAX 160 /* bytes of one activity's content */

/* "3 orders created, 120.00 yuan": pre, the count, mid, the sum (if any),
 * post; pieces, not formats, so every format stays a literal. */
struct phrase {
	const char *pre, *mid, *post;
};

struct words {
	const char *activities;
	struct phrase customers, orders, signed_, approved, receipts, new_customers, new_leads;
	const char *plan_contact, *plan_task, *sep, *colon;
};

static const struct words zh = {
	"活动", {"联系客户 ", " 家", ""}, {"新建订单 ", " 笔，金额 ", " 元"},
	{"签订合同 ", " 份，金额 ", " 元"}, {"合同审批通过 ", " 份，金额 ", " 元"},
	{"回款 ", " 笔，金额 ", " 元"}, {"新增客户 ", " 家", ""}, {"新增线索 ", " 条", ""},
	"联系", "任务", "、", "：",
};
static const struct words en = {
	"Activities", {"", " contacted (customers and leads)", ""}, {"", " orders created, ", " yuan"},
	{"", " contracts signed, ", " yuan"}, {"", " contracts approved, ", " yuan"},
	{"", " receipts recorded, ", " yuan"}, {"", " new customers", ""},
	{"", " new leads", ""}, "Contact", "Task", ", ", ": ",
};

static void phrase(char *buf, size_t size, const struct phrase *p, size_t n, const char *sum)
{
	snprintf(buf, size, "%s%zu%s%s%s", p->pre, n, p->mid, sum ? sum : "", p->post);
}

static const char *kind_label(const char *kind, enum kh_lang lang)
{
	static const char *const kinds[][3] = {
		{"visit", "拜访", "visit"},    {"call", "电话", "call"},
		{"meeting", "会议", "meeting"}, {"email", "邮件", "email"},
		{"message", "消息", "message"}, {"note", "备注", "note"},
	};

	for (size_t i = 0; kind && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kinds[i][0], kind) == 0)
			return kinds[i][lang == KH_LANG_ZH ? 1 : 2];
	return kind ? kind : "";
}

static const char *str(json_t *o, const char *name)
{
	const char *s = json_string_value(json_object_get(o, name));

	return s ? s : "";
}

/* Who an activity was with: its customer, else its lead. */
static const char *party(json_t *a)
{
	return *str(a, "customer_name") ? str(a, "customer_name") : str(a, "lead_name");
}

/* Append s, cut to at most max bytes at a character boundary. */
static void add_cut(struct kh_strbuf *sb, const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n > max) {
		n = max;
		while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	kh_strbuf_add(sb, s, n);
	if (n < strlen(s))
		kh_strbuf_adds(sb, "…");
}

/* What an activity said: subject, note or report, outcome, next step. */
static void add_content(struct kh_strbuf *sb, json_t *a, const struct words *w)
{
	static const char *const parts[] = {"subject", "note", "report", "outcome", "next_step"};
	struct kh_strbuf c;
	bool first = true;

	kh_strbuf_init(&c, 0);
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		if (!*str(a, parts[i]))
			continue;
		if (!first)
			kh_strbuf_adds(&c, w == &zh ? "；" : "; ");
		kh_strbuf_adds(&c, str(a, parts[i]));
		first = false;
	}
	if (c.len) {
		kh_strbuf_adds(sb, w->colon);
		add_cut(sb, c.buf, CONTENT_MAX);
	}
	kh_strbuf_release(&c);
}

/* Sum of the money column col of rows, formatted into buf. */
static void total(json_t *rows, const char *col, char buf[32])
{
	int64_t sum = 0;

	for (size_t i = 0; i < json_array_size(rows); i++)
		kh_money_add(&sum, json_integer_value(json_object_get(json_array_get(rows, i), col)));
	kh_money_format(sum, buf);
}

/* The activities grouped by customer (or lead), in order of first contact. */
static json_t *by_customer(json_t *activities)
{
	json_t *out = json_array(), *index = json_object();

	for (size_t i = 0; out && index && i < json_array_size(activities); i++) {
		json_t *a = json_array_get(activities, i), *g;
		bool lead = !json_is_integer(json_object_get(a, "customer_id"));
		char key[32];

		snprintf(key, sizeof(key), "%c%lld", lead ? 'l' : 'c',
			 (long long)json_integer_value(json_object_get(a, lead ? "lead_id"
										 : "customer_id")));
		if (!(g = json_object_get(index, key))) {
			g = json_pack("{s:O?, s:O?, s:s, s:I, s:[], s:[]}", "customer_id",
				      json_object_get(a, "customer_id"), "lead_id",
				      json_object_get(a, "lead_id"), "name", party(a), "count",
				      (json_int_t)0, "kinds", "activity_ids");
			if (!g)
				continue;
			json_array_append_new(out, g);
			json_object_set(index, key, g);
		}
		json_object_set_new(g, "count",
				    json_integer(json_integer_value(json_object_get(g, "count")) + 1));
		json_array_append(json_object_get(g, "activity_ids"), json_object_get(a, "id"));
		json_array_append_new(json_object_get(g, "kinds"), json_string(str(a, "kind")));
	}
	json_decref(index);
	return out;
}

/* One summary line "label: a、b、c" of rows' names. */
static void add_names(struct kh_strbuf *sb, const char *line, json_t *rows, const char *col,
		      const struct words *w)
{
	if (json_array_size(rows) == 0 || sb->len > TEXT_BUDGET)
		return;
	kh_strbuf_adds(sb, line);
	for (size_t i = 0; i < json_array_size(rows) && sb->len < TEXT_BUDGET; i++) {
		kh_strbuf_adds(sb, i ? w->sep : w->colon);
		add_cut(sb, str(json_array_get(rows, i), col), 60);
	}
	kh_strbuf_addch(sb, '\n');
}

static void add_money_line(struct kh_strbuf *sb, const struct phrase *p, json_t *rows,
			   const char *col, const struct words *w)
{
	char line[256], sum[32];

	if (json_array_size(rows) == 0)
		return;
	total(rows, col, sum);
	phrase(line, sizeof(line), p, json_array_size(rows), sum);
	add_names(sb, line, rows, "customer_name", w);
}

static char *work_done_text(json_t *f, json_t *groups, const struct words *w,
			    enum kh_lang lang)
{
	json_t *acts = json_object_get(f, "activities");
	struct kh_strbuf sb;
	char line[256];

	kh_strbuf_init(&sb, 0);
	if (json_array_size(groups)) {
		phrase(line, sizeof(line), &w->customers, json_array_size(groups), NULL);
		kh_strbuf_addf(&sb, "%s%s%s\n", w->activities, w->colon, line);
	}
	for (size_t i = 0; i < json_array_size(acts) && sb.len < TEXT_BUDGET; i++) {
		json_t *a = json_array_get(acts, i);

		kh_strbuf_addf(&sb, "%zu. ", i + 1);
		add_cut(&sb, party(a), 80);
		kh_strbuf_addf(&sb, lang == KH_LANG_ZH ? "（%s）" : " (%s)",
			       kind_label(str(a, "kind"), lang));
		add_content(&sb, a, w);
		kh_strbuf_addch(&sb, '\n');
	}
	add_money_line(&sb, &w->orders, json_object_get(f, "orders"), "amount_fen", w);
	add_money_line(&sb, &w->signed_, json_object_get(f, "contracts_signed"), "total_fen", w);
	add_money_line(&sb, &w->approved, json_object_get(f, "contracts_approved"), "total_fen",
		       w);
	add_money_line(&sb, &w->receipts, json_object_get(f, "receipts"), "amount_fen", w);
	phrase(line, sizeof(line), &w->new_customers,
	       json_array_size(json_object_get(f, "new_customers")), NULL);
	add_names(&sb, line, json_object_get(f, "new_customers"), "name", w);
	phrase(line, sizeof(line), &w->new_leads, json_array_size(json_object_get(f, "new_leads")),
	       NULL);
	add_names(&sb, line, json_object_get(f, "new_leads"), "name", w);
	/* Nothing recorded: no text, so the author has to write one to submit. */
	if (sb.len)
		kh_strbuf_setlen(&sb, sb.len - 1); /* the last newline */
	return kh_strbuf_detach(&sb, NULL);
}

/* The next step set for customer (or lead) id by this period's activities. */
static const char *next_step_of(json_t *acts, const char *type, json_int_t id, const char *date)
{
	const char *col = strcmp(type, "lead") == 0 ? "lead_id" : "customer_id";
	const char *step = "";

	for (size_t i = 0; i < json_array_size(acts); i++) {
		json_t *a = json_array_get(acts, i);

		if (json_integer_value(json_object_get(a, col)) == id &&
		    strcmp(str(a, "next_date"), date) == 0 && *str(a, "next_step"))
			step = str(a, "next_step");
	}
	return step;
}

static char *plan_text(json_t *f, const struct words *w)
{
	json_t *next = json_object_get(f, "next_contacts"), *tasks = json_object_get(f, "tasks_due");
	struct kh_strbuf sb;
	size_t n = 0;

	kh_strbuf_init(&sb, 0);
	for (size_t i = 0; i < json_array_size(next) && sb.len < TEXT_BUDGET; i++) {
		json_t *c = json_array_get(next, i);
		const char *step = next_step_of(json_object_get(f, "activities"), str(c, "type"),
						json_integer_value(json_object_get(c, "id")),
						str(c, "date"));

		kh_strbuf_addf(&sb, "%zu. %s %s ", ++n, str(c, "date"), w->plan_contact);
		add_cut(&sb, str(c, "name"), 80);
		if (*step) {
			kh_strbuf_adds(&sb, w->colon);
			add_cut(&sb, step, CONTENT_MAX);
		}
		kh_strbuf_addch(&sb, '\n');
	}
	for (size_t i = 0; i < json_array_size(tasks) && sb.len < TEXT_BUDGET; i++) {
		json_t *t = json_array_get(tasks, i);

		kh_strbuf_addf(&sb, "%zu. %s %s%s", ++n, str(t, "date"), w->plan_task, w->colon);
		add_cut(&sb, str(t, "title"), CONTENT_MAX);
		if (*str(t, "customer_name")) {
			kh_strbuf_adds(&sb, w == &zh ? "（" : " (");
			add_cut(&sb, str(t, "customer_name"), 80);
			kh_strbuf_adds(&sb, w == &zh ? "）" : ")");
		}
		kh_strbuf_addch(&sb, '\n');
	}
	if (sb.len)
		kh_strbuf_setlen(&sb, sb.len - 1);
	return kh_strbuf_detach(&sb, NULL);
}

/* The counts of the facts, and the ids of follow-ups and next contacts set. */
static json_t *counts_of(json_t *f, json_t *groups, json_t **followups, json_t **next_set)
{
	json_t *acts = json_object_get(f, "activities"), *c, *by_kind = json_object();
	char sum[32];

	*followups = json_array();
	*next_set = json_array();
	for (size_t i = 0; by_kind && i < json_array_size(acts); i++) {
		json_t *a = json_array_get(acts, i);
		const char *kind = str(a, "kind");

		json_object_set_new(by_kind, kind, json_integer(json_integer_value(
					       json_object_get(by_kind, kind)) + 1));
		if (strcmp(kind, "note"))
			json_array_append(*followups, json_object_get(a, "id"));
		if (*str(a, "next_date"))
			json_array_append_new(*next_set, json_pack(
				"{s:O, s:O?, s:O?, s:s, s:s, s:s}", "activity_id", json_object_get(a, "id"),
				"customer_id", json_object_get(a, "customer_id"), "lead_id",
				json_object_get(a, "lead_id"), "name", party(a), "next_date",
				str(a, "next_date"), "next_step", str(a, "next_step")));
	}
	c = json_pack("{s:I, s:o, s:I, s:I, s:I}", "activities", (json_int_t)json_array_size(acts),
		      "by_kind", by_kind, "customers_contacted", (json_int_t)json_array_size(groups),
		      "followups", (json_int_t)json_array_size(*followups), "next_contacts_set",
		      (json_int_t)json_array_size(*next_set));
	for (size_t i = 0; c && i < 4; i++) {
		static const char *const keys[][3] = {
			{"orders", "amount_fen", "orders_amount"},
			{"contracts_signed", "total_fen", "contracts_signed_amount"},
			{"contracts_approved", "total_fen", "contracts_approved_amount"},
			{"receipts", "amount_fen", "receipts_amount"},
		};
		json_t *rows = json_object_get(f, keys[i][0]);

		total(rows, keys[i][1], sum);
		json_object_set_new(c, keys[i][0], json_integer((json_int_t)json_array_size(rows)));
		json_object_set_new(c, keys[i][2], json_string(sum));
	}
	for (size_t i = 0; c && i < 4; i++) {
		static const char *const keys[] = {"new_customers", "new_leads", "next_contacts",
						   "tasks_due"};

		json_object_set_new(c, keys[i], json_integer((json_int_t)json_array_size(
							   json_object_get(f, keys[i]))));
	}
	return c;
}

int kh_report_prefill(struct kh_ctx *ctx, json_t *args, enum kh_lang lang, json_t **out,
		      struct kh_error *err)
{
	const struct words *w = lang == KH_LANG_ZH ? &zh : &en;
	const char *kind = json_string_value(json_object_get(args, "kind")), *key;
	json_t *f = NULL, *groups, *followups = NULL, *next_set = NULL, *v, *o;
	char from[11], to[11], next_from[11], next_to[11], *work, *plan;
	int32_t start, days;
	int rc;

	json_object_foreach(args, key, v) {
		if (strcmp(key, "kind") && strcmp(key, "date"))
			return kh_error_set(err, KH_EINVAL, key, "unknown query parameter %.40s",
					    key);
	}
	if (!kind)
		kind = "daily";
	if ((rc = kh_report_check_kind(kind, err)) ||
	    (rc = kh_report_period(kind, json_string_value(json_object_get(args, "date")), "date",
				   &start, err)) ||
	    (rc = kh_report_need_user(ctx, err)))
		return rc;
	days = strcmp(kind, "weekly") == 0 ? 7 : 1;
	kh_date_format(start, from);
	kh_date_format(start + days - 1, to);
	kh_date_format(start + days, next_from);
	kh_date_format(start + 2 * days - 1, next_to);
	if ((rc = kh_store_report_facts(ctx->store, ctx->actor.user_id, from, to, next_from,
					next_to, &f, err)))
		return rc;
	groups = by_customer(json_object_get(f, "activities"));
	o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "kind", kind, "period_start", from,
		      "period_end", to, "next_from", next_from, "next_to", next_to, "counts",
		      counts_of(f, groups, &followups, &next_set));
	work = work_done_text(f, groups, w, lang);
	plan = plan_text(f, w);
	if (!o || !groups || !followups || !next_set || !work || !plan) {
		json_decref(o);
		json_decref(groups);
		json_decref(followups);
		json_decref(next_set);
		rc = kh_error_set(err, KH_ENOMEM, "", "out of memory");
		goto out;
	}
	json_object_set_new(o, "by_customer", groups);
	json_object_set_new(o, "followups", followups);
	json_object_set_new(o, "next_contacts_set", next_set);
	json_object_foreach(f, key, v)
		json_object_set_new(o, key, kh_present_lines(json_incref(v)));
	json_object_set_new(o, "work_done", json_string(work));
	json_object_set_new(o, "plan", json_string(plan));
	*out = o;
out:
	free(work);
	free(plan);
	json_decref(f);
	return rc;
}
