/*
 * demo.c: the demo data generator (see demo.h). It writes through the store
 * in large transactions and builds the search and phone indexes as it goes,
 * so a demo database behaves exactly like one filled by hand.
 */
#include "service/demo.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/parse.h"
#include "base/rng.h"
#include "base/strbuf.h"
#include "service/demo_names.h"
#include "service/search.h"
#include "store/view.h"
#include "base/banned.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define BATCH 5000
#define HISTORY_DAYS (3 * 365)
#define MAX_ORDERS_PER_CUSTOMER 400

struct pending_key;

struct demo {
	struct kh_ctx *ctx;
	struct kh_rng rng;
	struct kh_demo_stats *stats;
	unsigned surname_weights[N(demo_surnames)];
	unsigned surname_total;
	int64_t product_ids[N(demo_products)];
	int64_t rep_ids[16];
	int64_t rep_teams[16];
	size_t nreps;
	int32_t today;
	struct kh_strbuf keys;
	struct pending_key *pending;
	size_t npending, cap_pending;
};

static const char *pick(struct demo *d, const char *const *list, size_t n)
{
	return list[kh_rng_range(&d->rng, 0, (int64_t)n - 1)];
}

#define PICK(d, list) pick(d, list, N(list))

static void person_name(struct demo *d, char *buf, size_t size)
{
	size_t s = kh_rng_weighted(&d->rng, d->surname_weights, N(demo_surnames),
				   d->surname_total);

	snprintf(buf, size, "%s%s", demo_surnames[s].text, PICK(d, demo_given));
}

static void mobile_number(struct demo *d, uint64_t i, char buf[16])
{
	static const char *const prefixes[] = {"130", "131", "132", "133", "135", "136", "137",
					       "138", "139", "150", "151", "152", "155", "156",
					       "158", "159", "166", "177", "180", "181", "185",
					       "186", "187", "188", "189", "191", "199"};
	/* The prefix is chosen from i too, so (prefix, rest) pairs stay unique. */
	snprintf(buf, 16, "%s%08llu", prefixes[i % N(prefixes)],
		 (unsigned long long)((i / N(prefixes) * 7368787ULL + 13) % 100000000ULL));
	(void)d;
}

static int insert(struct demo *d, const char *table, json_t *row, int64_t *id,
		  struct kh_error *err)
{
	int rc = kh_store_insert(d->ctx->store, table, row, id, err);

	json_decref(row);
	return rc;
}

/* Search keys of a batch, inserted in key order at the batch's commit: the
 * B-tree descents of neighbouring keys share their pages, which makes the
 * index build several times faster than inserting keys as they come. */
struct pending_key {
	char key[KH_SEARCH_KEY_MAX + 1];
	int kind;
	int64_t id;
};

static int pending_cmp(const void *pa, const void *pb)
{
	const struct pending_key *a = pa, *b = pb;

	return strcmp(a->key, b->key);
}

static int index_keys(struct demo *d, int kind, int64_t id, int64_t customer_id,
		      int64_t contact_id, const char *name, const char *phone,
		      struct kh_error *err)
{
	const char *phones[1] = {phone}, *p;
	size_t n = 0;
	int rc;

	kh_strbuf_reset(&d->keys);
	if ((rc = kh_search_keys_build(name, kind == KH_SEARCH_CONTACT, phones, 1, &d->keys,
				       &n)))
		return kh_error_set(err, rc, "name", "cannot index %s", name);
	p = d->keys.buf;
	for (size_t i = 0; i < n; i++, p += strlen(p) + 1) {
		struct pending_key *k;

		if (d->npending == d->cap_pending) {
			size_t cap = d->cap_pending ? d->cap_pending * 2 : 65536;
			struct pending_key *grown = realloc(d->pending, cap * sizeof(*grown));

			if (!grown)
				return kh_error_set(err, KH_ENOMEM, "", "out of memory");
			d->pending = grown;
			d->cap_pending = cap;
		}
		k = &d->pending[d->npending++];
		snprintf(k->key, sizeof(k->key), "%s", p);
		k->kind = kind;
		k->id = id;
	}
	return kh_store_phone_replace(d->ctx->store, customer_id, contact_id, phones, 1, err);
}

static int flush_keys(struct demo *d, struct kh_error *err)
{
	int rc = 0;

	qsort(d->pending, d->npending, sizeof(*d->pending), pending_cmp);
	for (size_t i = 0; i < d->npending && rc == 0; i++) {
		const char *key = d->pending[i].key;

		rc = kh_store_search_replace(d->ctx->store, d->pending[i].kind, d->pending[i].id,
					     NULL, 0, &key, 1, err);
	}
	d->npending = 0;
	return rc;
}

static int make_org(struct demo *d, struct kh_error *err)
{
	static const char *const team_names[] = {"华北销售部", "华东销售部", "华南销售部",
						 "西部销售部"};
	/* Logins are the pinyin of the names, as Chinese companies set them up. */
	static const char *const rep_logins[] = {"wangwei", "lina", "zhangmin", "liuyang",
						 "chenjing", "yangfan", "huangli", "zhaolei",
						 "wuhao", "zhoujie", "xuting", "sunpeng"};
	static const char *const rep_names[] = {"王伟", "李娜", "张敏", "刘洋", "陈静", "杨帆",
						"黄丽", "赵磊", "吴昊", "周杰", "徐婷", "孙鹏"};
	_Static_assert(N(rep_names) == N(rep_logins), "one name per login");
	int64_t root = 0, team_ids[4], id;
	int rc;

	if ((rc = insert(d, "teams", json_pack("{s:s}", "name", "销售中心"), &root, err)))
		return rc;
	for (size_t t = 0; t < N(team_names); t++)
		if ((rc = insert(d, "teams", json_pack("{s:s, s:I}", "name", team_names[t],
						       "parent_id", (json_int_t)root),
				 &team_ids[t], err)))
			return rc;
	if ((rc = insert(d, "users", json_pack("{s:s, s:s, s:s}", "login", "admin",
					       "display_name", "系统管理员", "role", "admin"),
			 &id, err)))
		return rc;
	if ((rc = insert(d, "users", json_pack("{s:s, s:s, s:s, s:I}", "login", "manager",
					       "display_name", "李经理", "role", "manager",
					       "team_id", (json_int_t)root),
			 &id, err)))
		return rc;
	d->stats->users = 2;
	for (size_t r = 0; r < N(rep_logins); r++) {
		char name[32];
		int64_t team = team_ids[r % N(team_names)];

		/* Drawn and dropped, so a seed gives the same data as before. */
		person_name(d, name, sizeof(name));
		if ((rc = insert(d, "users", json_pack("{s:s, s:s, s:s, s:I}", "login",
						       rep_logins[r], "display_name", rep_names[r], "role",
						       "sales", "team_id", (json_int_t)team),
				 &d->rep_ids[r], err)))
			return rc;
		d->rep_teams[r] = team;
		d->nreps++;
		d->stats->users++;
	}
	return 0;
}

static int make_products(struct demo *d, struct kh_error *err)
{
	for (size_t i = 0; i < N(demo_products); i++) {
		const struct demo_product *p = &demo_products[i];
		int rc = insert(d, "products",
				json_pack("{s:s, s:s, s:s, s:s, s:I, s:I}", "code", p->code, "name",
					  p->name, "category", p->category, "unit", p->unit,
					  "unit_price_fen", (json_int_t)p->price_fen, "unit_cost_fen",
					  (json_int_t)(p->price_fen * (100 - p->margin_pct) / 100)),
				&d->product_ids[i], err);
		if (rc)
			return rc;
	}
	return 0;
}

static void date_text(int32_t days, char buf[11])
{
	kh_date_format(days, buf);
}

/* One order of about target fen, as 1-3 lines of products. */
static int make_order(struct demo *d, int64_t customer_id, int64_t owner, int32_t day,
		      double target_fen, struct kh_error *err)
{
	size_t lines = (size_t)kh_rng_range(&d->rng, 1, 3), which[3];
	int64_t qty[3], amount = 0, cost = 0, order_id;
	char date[11];
	int rc;

	for (size_t l = 0; l < lines; l++) {
		const struct demo_product *p;

		which[l] = (size_t)kh_rng_range(&d->rng, 0, N(demo_products) - 1);
		p = &demo_products[which[l]];
		qty[l] = (int64_t)llround(target_fen / (double)lines / (double)p->price_fen);
		if (qty[l] < 1)
			qty[l] = 1;
		if (qty[l] > 100000)
			qty[l] = 100000;
		amount += qty[l] * p->price_fen;
		cost += qty[l] * (p->price_fen * (100 - p->margin_pct) / 100);
	}
	date_text(day, date);
	if ((rc = insert(d, "orders",
			 json_pack("{s:I, s:s, s:I, s:I, s:s, s:I}", "customer_id",
				   (json_int_t)customer_id, "order_date", date, "amount_fen",
				   (json_int_t)amount, "cost_fen", (json_int_t)cost, "status",
				   day < d->today - 30 ? "delivered" : "confirmed", "owner_id",
				   (json_int_t)owner),
			 &order_id, err)))
		return rc;
	for (size_t l = 0; l < lines; l++) {
		const struct demo_product *p = &demo_products[which[l]];

		if ((rc = kh_store_order_line_add(d->ctx->store, order_id, d->product_ids[which[l]],
						  qty[l], p->price_fen,
						  qty[l] * (p->price_fen * (100 - p->margin_pct) / 100),
						  err)))
			return rc;
	}
	if (day > d->today - 180) {
		/* Recent orders carry their payment terms; some are paid late. */
		int32_t due = day + 30, paid = due + (int32_t)(kh_rng_uniform(&d->rng) < 0.25
								 ? kh_rng_range(&d->rng, 5, 90)
								 : -kh_rng_range(&d->rng, 0, 10));
		char due_s[11], paid_s[11];
		json_t *row;

		date_text(due, due_s);
		date_text(paid, paid_s);
		row = json_pack("{s:I, s:I, s:I, s:s, s:s}", "order_id", (json_int_t)order_id,
				"customer_id", (json_int_t)customer_id, "amount_fen",
				(json_int_t)amount, "due_date", due_s, "created_at", date);
		if (paid <= d->today)
			json_object_set_new(row, "paid_date", json_string(paid_s));
		if ((rc = insert(d, "payments", row, &order_id, err)))
			return rc;
	}
	d->stats->orders++;
	d->stats->order_lines += (int64_t)lines;
	return 0;
}

/* The buying history of one customer: a latent rate and a dropout chance per
 * purchase (the BG/NBD story), spend per order around a customer-specific
 * mean with a heavy-tailed spread across customers. */
static int make_orders(struct demo *d, int64_t customer_id, int64_t owner, bool key_account,
		       int32_t *first, int32_t *last, struct kh_error *err)
{
	double rate = kh_rng_gamma(&d->rng, 1.2, key_account ? 24.0 : 12.0) / 365.0;
	double drop = kh_rng_beta(&d->rng, 1.0, 30.0);
	double mean_fen = exp(log(800000.0) + 1.2 * kh_rng_normal(&d->rng)) * (key_account ? 6 : 1);
	int32_t start = d->today - (int32_t)kh_rng_range(&d->rng, 0, HISTORY_DAYS), day = start;
	int count = 0, rc;

	*first = *last = 0;
	while (day <= d->today && count < MAX_ORDERS_PER_CUSTOMER) {
		double amount = mean_fen * kh_rng_gamma(&d->rng, 3.0, 1.0 / 3.0);

		if ((rc = make_order(d, customer_id, owner, day, amount, err)))
			return rc;
		if (!*first)
			*first = day;
		*last = day;
		count++;
		if (kh_rng_uniform(&d->rng) < drop)
			break;
		day += 1 + (int32_t)kh_rng_exponential(&d->rng, rate > 1e-4 ? rate : 1e-4);
	}
	return 0;
}

static int make_contacts(struct demo *d, int64_t customer_id, int64_t *first_contact,
			 struct kh_error *err)
{
	static const char *const roles[] = {"decision_maker", "user", "influencer", "purchaser",
					    "gatekeeper"};
	static const char *const levels[] = {"decision", "technical", "operational"};
	int n = 1 + (kh_rng_uniform(&d->rng) < 0.6) + (kh_rng_uniform(&d->rng) < 0.3);
	int64_t boss = 0, id;
	int rc;

	for (int k = 0; k < n; k++) {
		char name[32], mobile[16], birthday[11];
		uint64_t serial = (uint64_t)d->stats->contacts + 1;
		json_t *row;

		person_name(d, name, sizeof(name));
		mobile_number(d, serial, mobile);
		date_text(kh_days_from_civil((int)kh_rng_range(&d->rng, 1962, 1998),
					     (unsigned)kh_rng_range(&d->rng, 1, 12),
					     (unsigned)kh_rng_range(&d->rng, 1, 28)),
			  birthday);
		row = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "customer_id",
				(json_int_t)customer_id, "name", name, "gender",
				kh_rng_uniform(&d->rng) < 0.62 ? "male" : "female", "title",
				k == 0 ? "总经理" : PICK(d, demo_titles), "mobile", mobile, "birthday",
				birthday, "purchase_role", k == 0 ? "decision_maker" : PICK(d, roles),
				"decision_level", k == 0 ? "decision" : PICK(d, levels));
		if (boss)
			json_object_set_new(row, "reports_to", json_integer(boss));
		if ((rc = insert(d, "contacts", row, &id, err)))
			return rc;
		if (!boss)
			boss = id;
		if (k == 0)
			*first_contact = id;
		if ((rc = index_keys(d, KH_SEARCH_CONTACT, id, customer_id, id, name, mobile, err)))
			return rc;
		d->stats->contacts++;
	}
	return 0;
}

static int make_activities(struct demo *d, int64_t customer_id, int64_t contact_id,
			   int64_t owner, int32_t since, int intensity, struct kh_error *err)
{
	static const char *const kinds[] = {"visit", "call", "call", "meeting", "email",
					    "message", "note"};
	int n = (int)kh_rng_range(&d->rng, 0, intensity), rc;
	int64_t id;

	for (int k = 0; k < n; k++) {
		char date[11], next[11];
		int32_t day = (int32_t)kh_rng_range(&d->rng, since, d->today);
		const char *kind = PICK(d, kinds);
		json_t *row;

		date_text(day, date);
		date_text(day + (int32_t)kh_rng_range(&d->rng, 7, 60), next);
		row = json_pack("{s:I, s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "customer_id",
				(json_int_t)customer_id, "contact_id", (json_int_t)contact_id,
				"user_id", (json_int_t)owner, "kind", kind, "activity_date", date,
				"status", "done", "subject", PICK(d, demo_visit_subjects), "outcome",
				PICK(d, demo_outcomes), "next_step", "跟进报价与方案", "next_date",
				next);
		if (strcmp(kind, "visit") == 0) {
			json_object_set_new(row, "purpose", json_string("了解年度采购计划，推进项目"));
			json_object_set_new(row, "method", json_string("face_to_face"));
		}
		if ((rc = insert(d, "activities", row, &id, err)))
			return rc;
		d->stats->activities++;
	}
	return 0;
}

static int make_opportunity(struct demo *d, int64_t customer_id, int64_t owner,
			    struct kh_error *err)
{
	static const char *const stages[] = {"lead", "qualified", "proposal", "negotiation",
					     "won", "lost"};
	static const int probability[] = {10, 25, 50, 75, 100, 0};
	size_t s = (size_t)kh_rng_range(&d->rng, 0, N(stages) - 1);
	char close[11], name[128];
	int64_t id;

	date_text(d->today + (int32_t)kh_rng_range(&d->rng, -120, 180), close);
	snprintf(name, sizeof(name), "%s采购项目", demo_products[kh_rng_range(&d->rng, 0, N(demo_products) - 1)].category);
	d->stats->opportunities++;
	return insert(d, "opportunities",
		      json_pack("{s:I, s:s, s:s, s:I, s:i, s:I, s:s, s:I}", "customer_id",
				(json_int_t)customer_id, "name", name, "stage", stages[s],
				"amount_fen", (json_int_t)kh_rng_range(&d->rng, 50000, 50000000) * 100,
				"probability", probability[s], "followup_count",
				(json_int_t)kh_rng_range(&d->rng, 0, 12), "expected_close", close,
				"owner_id", (json_int_t)owner),
		      &id, err);
}

static int make_customer(struct demo *d, int64_t i, struct kh_error *err)
{
	static const char *const sources[] = {"trade_market", "qualification_registry",
					      "search_engine", "referral", "exhibition",
					      "cold_call", "website", "partner"};
	static const char *const sizes[] = {"micro", "small", "small", "medium", "medium",
					    "large", "very_large"};
	size_t region = (size_t)kh_rng_range(&d->rng, 0, N(demo_regions) - 1);
	size_t rep = (size_t)kh_rng_range(&d->rng, 0, (int64_t)d->nreps - 1);
	const struct demo_industry *ind = &demo_industries[kh_rng_range(&d->rng, 0, N(demo_industries) - 1)];
	bool public_body = kh_rng_uniform(&d->rng) < 0.06;
	bool key_account = kh_rng_uniform(&d->rng) < 0.03;
	bool prospect = kh_rng_uniform(&d->rng) < 0.2;
	bool pool = !key_account && kh_rng_uniform(&d->rng) < 0.05;
	char name[160], phone[24], founded[11];
	int64_t id, contact = 0, owner = d->rep_ids[rep];
	int32_t first = 0, last = 0;
	json_t *row;
	int rc;

	if (public_body)
		snprintf(name, sizeof(name), "%s%s", demo_regions[region],
			 PICK(d, demo_government_names));
	else
		snprintf(name, sizeof(name), "%s%s%s%s", demo_regions[region], PICK(d, demo_brand),
			 ind->word, PICK(d, demo_company_suffix));
	snprintf(phone, sizeof(phone), "%s%08llu", demo_area_codes[region],
		 (unsigned long long)(20000000 + ((uint64_t)i * 2654435761ULL) % 80000000ULL));
	date_text(kh_days_from_civil((int)kh_rng_range(&d->rng, 1985, 2020),
				     (unsigned)kh_rng_range(&d->rng, 1, 12),
				     (unsigned)kh_rng_range(&d->rng, 1, 28)),
		  founded);
	row = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:s}", "name", name,
			"region", demo_regions[region], "segment",
			public_body ? "government" : ind->segment, "source", PICK(d, sources),
			"size", PICK(d, sizes), "nature",
			public_body ? "government" : (kh_rng_uniform(&d->rng) < 0.75 ? "private"
										     : "state"),
			"phone", phone, "founded_on", founded, "key_account", key_account,
			"address", demo_regions[region]);
	if (!pool) {
		json_object_set_new(row, "owner_id", json_integer(owner));
		json_object_set_new(row, "team_id", json_integer(d->rep_teams[rep]));
	} else {
		json_object_set_new(row, "in_pool", json_integer(1));
	}
	if (key_account) {
		json_object_set_new(row, "grade", json_string("A"));
		json_object_set_new(row, "visit_cadence_days", json_integer(30));
		json_object_set_new(row, "purchase_budget_fen",
				    json_integer(kh_rng_range(&d->rng, 100, 5000) * 1000000));
		json_object_set_new(row, "decision_process", json_string("部门提需求，技术评审，总经理审批"));
		json_object_set_new(row, "decision_maker_background",
				    json_string("工程师出身，重视技术细节，喜欢打羽毛球"));
	}
	if ((rc = insert(d, "customers", row, &id, err)))
		return rc;
	if ((rc = index_keys(d, KH_SEARCH_CUSTOMER, id, id, 0, name, phone, err)))
		return rc;
	d->stats->customers++;
	if ((rc = make_contacts(d, id, &contact, err)))
		return rc;
	if (!prospect && (rc = make_orders(d, id, owner, key_account, &first, &last, err)))
		return rc;
	if ((rc = make_activities(d, id, contact, owner,
				  first ? first - 30 : d->today - HISTORY_DAYS,
				  key_account ? 24 : 8, err)))
		return rc;
	if (kh_rng_uniform(&d->rng) < 0.35 && (rc = make_opportunity(d, id, owner, err)))
		return rc;
	return 0;
}

int kh_demo_generate(struct kh_ctx *ctx, int64_t n, uint64_t seed,
		     void (*progress)(int64_t done, int64_t total, void *arg), void *arg,
		     struct kh_demo_stats *stats, struct kh_error *err)
{
	struct demo d = {.ctx = ctx, .stats = stats};
	struct kh_store_query q = {.table = "customers", .limit = 1, .include_deleted = true};
	json_t *rows = NULL;
	int64_t existing = 0;
	int rc;

	memset(stats, 0, sizeof(*stats));
	if (n < 1 || n > KH_DEMO_MAX_CUSTOMERS)
		return kh_error_set(err, KH_EINVAL, "customers", "customers must be 1..%d",
				    KH_DEMO_MAX_CUSTOMERS);
	if ((rc = kh_store_list(ctx->store, &q, &rows, &existing, err)))
		return rc;
	json_decref(rows);
	if (existing > 0)
		return kh_error_set(err, KH_ECONFLICT, "db", "the database already has %lld "
				    "customers: demo data goes into a new, empty database",
				    (long long)existing);
	kh_rng_seed(&d.rng, seed);
	d.today = kh_today();
	kh_strbuf_init(&d.keys, 0);
	for (size_t i = 0; i < N(demo_surnames); i++) {
		d.surname_weights[i] = demo_surnames[i].weight;
		d.surname_total += demo_surnames[i].weight;
	}
	/* The search index grows by random keys: keep its pages in memory. */
	kh_store_set_cache_mib(ctx->store, 1024);
	if ((rc = kh_store_begin(ctx->store, err)))
		goto out;
	if ((rc = make_org(&d, err)) || (rc = make_products(&d, err)))
		goto out;
	for (int64_t i = 1; i <= n; i++) {
		if ((rc = make_customer(&d, i, err)))
			goto out;
		if (i % BATCH == 0 || i == n) {
			if ((rc = flush_keys(&d, err)) || (rc = kh_store_commit(ctx->store, err)))
				goto out;
			if (progress)
				progress(i, n, arg);
			if (i < n && (rc = kh_store_begin(ctx->store, err)))
				goto out;
		}
	}
out:
	if (rc)
		kh_store_rollback(ctx->store);
	kh_strbuf_release(&d.keys);
	free(d.pending);
	return rc;
}
