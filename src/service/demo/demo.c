/*
 * demo.c: the demo data generator (see demo.h). One thread draws the rows of
 * a batch of customers (with their search keys and phone index entries)
 * while the calling thread writes the previous batch through the store's
 * bulk insert; the random draws happen in one sequence on one thread, so a
 * seed gives the same data however the two threads interleave. Batches are
 * committed whole; the transactions grow with the database (each at least
 * half of what is committed), because every commit writes out each page of
 * the search and phone indexes the batch touched, and a batch of random keys
 * touches nearly all of them: commits of a fixed size would rewrite those
 * indexes once per batch.
 */
#include "service/demo/demo.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/parse.h"
#include "base/rng.h"
#include "base/strbuf.h"
#include "service/demo/demo_batch.h"
#include "service/demo/demo_names.h"
#include "store/customers/pool.h"
#include "store/work/followups.h"
#include "store/customers/dup_keys.h"
#include "service/customers/search.h"
#include "store/bulk.h"
#include "base/banned.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define BATCH 5000
#define SLOTS 3
#define MAX_OPEN_BATCHES 24
#define HISTORY_DAYS (3 * 365)
#define MAX_ORDERS_PER_CUSTOMER 400

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
	struct demo_batch *b; /* the batch being drawn */
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

/* A new row at the end of one of the batch's arrays; NULL when out of memory. */
#define PUSH(d, array) demo_array_push(&(d)->b->array)
#define ROW_POS(d, array) ((d)->b->array.n - 1)

static int oom(struct kh_error *err)
{
	return kh_error_set(err, KH_ENOMEM, "", "out of memory");
}

/* The search keys of a customer or contact and its phone index entry
 * (contact < 0: the company's own number). */
static int index_keys(struct demo *d, int kind, size_t pos, size_t customer, ptrdiff_t contact,
		      const char *name, const char *phone, struct kh_error *err)
{
	const char *phones[1] = {phone}, *p;
	struct kh_bulk_phone *ph;
	size_t n = 0;
	int rc;

	kh_strbuf_reset(&d->keys);
	if ((rc = kh_search_keys_build(name, kind == KH_SEARCH_CONTACT, phones, 1, &d->keys,
				       &n)))
		return kh_error_set(err, rc, "name", "cannot index %s", name);
	p = d->keys.buf;
	for (size_t i = 0, len; i < n; i++, p += len + 1) {
		struct kh_bulk_search_key *k = PUSH(d, keys);

		len = strlen(p);
		if (!k || !(k->key = demo_batch_strndup(d->b, p, len)))
			return oom(err);
		k->len = len;
		k->kind = kind;
		k->pos = pos;
	}
	if (!(ph = PUSH(d, phones)) || !(ph->number = demo_batch_strdup(d->b, phone)))
		return oom(err);
	ph->customer = customer;
	ph->contact = contact;
	return 0;
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

/* One order of about target fen, as 1-3 lines of products. */
static int make_order(struct demo *d, size_t customer, int64_t owner, int32_t day,
		      double target_fen, struct kh_error *err)
{
	size_t lines = (size_t)kh_rng_range(&d->rng, 1, 3), which[3], order;
	int64_t qty[3], amount = 0, cost = 0;
	struct kh_bulk_order *o;

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
	if (!(o = PUSH(d, orders)))
		return oom(err);
	order = ROW_POS(d, orders);
	o->customer = customer;
	o->order_date = day;
	o->amount_fen = amount;
	o->cost_fen = cost;
	o->status = day < d->today - 30 ? "delivered" : "confirmed";
	o->owner_id = owner;
	for (size_t l = 0; l < lines; l++) {
		const struct demo_product *p = &demo_products[which[l]];
		struct kh_bulk_order_line *line = PUSH(d, lines);

		if (!line)
			return oom(err);
		line->order = order;
		line->product_id = d->product_ids[which[l]];
		line->quantity = qty[l];
		line->unit_price_fen = p->price_fen;
		line->cost_fen = qty[l] * (p->price_fen * (100 - p->margin_pct) / 100);
	}
	if (day > d->today - 180) {
		/* Recent orders carry their payment terms; some are paid late. */
		int32_t due = day + 30, paid = due + (int32_t)(kh_rng_uniform(&d->rng) < 0.25
								 ? kh_rng_range(&d->rng, 5, 90)
								 : -kh_rng_range(&d->rng, 0, 10));
		struct kh_bulk_payment *pay = PUSH(d, payments);

		if (!pay)
			return oom(err);
		pay->order = order;
		pay->customer = customer;
		pay->amount_fen = amount;
		pay->due_date = due;
		pay->paid_date = paid;
		pay->paid = paid <= d->today;
	}
	d->stats->orders++;
	d->stats->order_lines += (int64_t)lines;
	return 0;
}

/* The buying history of one customer: a latent rate and a dropout chance per
 * purchase (the BG/NBD story), spend per order around a customer-specific
 * mean with a heavy-tailed spread across customers. */
static int make_orders(struct demo *d, size_t customer, int64_t owner, bool key_account,
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

		if ((rc = make_order(d, customer, owner, day, amount, err)))
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

/* A date from 1 to 28 of a month in [from, to]; the day is drawn first. */
static int32_t random_date(struct demo *d, int from, int to)
{
	unsigned day = (unsigned)kh_rng_range(&d->rng, 1, 28);
	unsigned month = (unsigned)kh_rng_range(&d->rng, 1, 12);
	int year = (int)kh_rng_range(&d->rng, from, to);

	return kh_days_from_civil(year, month, day);
}

static int make_contacts(struct demo *d, size_t customer, size_t *first_contact,
			 struct kh_error *err)
{
	static const char *const roles[] = {"decision_maker", "user", "influencer", "purchaser",
					    "gatekeeper"};
	static const char *const levels[] = {"decision", "technical", "operational"};
	int second = kh_rng_uniform(&d->rng) < 0.6;
	int n = 1 + second + (kh_rng_uniform(&d->rng) < 0.3);
	ptrdiff_t boss = -1;
	int rc;

	for (int k = 0; k < n; k++) {
		char name[32], mobile[16], email[40];
		uint64_t serial = (uint64_t)d->stats->contacts + 1;
		struct kh_bulk_contact *c;
		size_t pos;

		person_name(d, name, sizeof(name));
		mobile_number(d, serial, mobile);
		if (!(c = PUSH(d, contacts)) || !(c->name = demo_batch_strdup(d->b, name)) ||
		    !(c->mobile = demo_batch_strdup(d->b, mobile)))
			return oom(err);
		/* six in seven have an address, at the domain kept for examples
		 * (RFC 2606), so that a demo's campaign reaches nobody real; made
		 * from the serial, not the generator, so the rest stays as it was */
		snprintf(email, sizeof(email), "c%llu@example.com", (unsigned long long)serial);
		if (serial % 7 && !(c->email = demo_batch_strdup(d->b, email)))
			return oom(err);
		pos = ROW_POS(d, contacts);
		c->customer = customer;
		c->birthday = random_date(d, 1962, 1998);
		c->decision_level = k == 0 ? "decision" : PICK(d, levels);
		c->purchase_role = k == 0 ? "decision_maker" : PICK(d, roles);
		c->title = k == 0 ? "总经理" : PICK(d, demo_titles);
		c->gender = kh_rng_uniform(&d->rng) < 0.62 ? "male" : "female";
		c->boss = boss;
		if (boss < 0)
			boss = (ptrdiff_t)pos;
		if (k == 0)
			*first_contact = pos;
		if ((rc = index_keys(d, KH_SEARCH_CONTACT, pos, customer, (ptrdiff_t)pos, name,
				     mobile, err)))
			return rc;
		d->stats->contacts++;
	}
	return 0;
}

static int make_activities(struct demo *d, size_t customer, size_t contact, int64_t owner,
			   int32_t since, int intensity, struct kh_error *err)
{
	static const char *const kinds[] = {"visit", "call", "call", "meeting", "email",
					    "message", "note"};
	int n = (int)kh_rng_range(&d->rng, 0, intensity);

	for (int k = 0; k < n; k++) {
		int32_t day = (int32_t)kh_rng_range(&d->rng, since, d->today);
		const char *kind = PICK(d, kinds);
		struct kh_bulk_activity *a = PUSH(d, activities);

		if (!a)
			return oom(err);
		a->customer = customer;
		a->contact = contact;
		a->user_id = owner;
		a->kind = kind;
		a->activity_date = day;
		a->next_date = day + (int32_t)kh_rng_range(&d->rng, 7, 60);
		a->status = "done";
		a->outcome = PICK(d, demo_outcomes);
		a->subject = PICK(d, demo_visit_subjects);
		a->next_step = "跟进报价与方案";
		if (strcmp(kind, "visit") == 0) {
			a->purpose = "了解年度采购计划，推进项目";
			a->method = "face_to_face";
		}
		d->stats->activities++;
	}
	return 0;
}

static int make_opportunity(struct demo *d, size_t customer, int64_t owner,
			    struct kh_error *err)
{
	static const char *const stages[] = {"lead", "qualified", "proposal", "negotiation",
					     "won", "lost"};
	static const int probability[] = {10, 20, 50, 80, 100, 0}; /* the stage settings' defaults */
	size_t s = (size_t)kh_rng_range(&d->rng, 0, N(stages) - 1);
	int32_t close = d->today + (int32_t)kh_rng_range(&d->rng, -120, 180);
	struct kh_bulk_opportunity *o;
	char name[128];

	snprintf(name, sizeof(name), "%s采购项目",
		 demo_products[kh_rng_range(&d->rng, 0, N(demo_products) - 1)].category);
	if (!(o = PUSH(d, opportunities)) || !(o->name = demo_batch_strdup(d->b, name)))
		return oom(err);
	o->customer = customer;
	o->stage = stages[s];
	o->probability = probability[s];
	o->expected_close = close;
	o->owner_id = owner;
	o->followup_count = kh_rng_range(&d->rng, 0, 12);
	o->amount_fen = kh_rng_range(&d->rng, 50000, 50000000) * 100;
	d->stats->opportunities++;
	return 0;
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
	char name[160], phone[24];
	int64_t owner = d->rep_ids[rep];
	int32_t first = 0, last = 0;
	struct kh_bulk_customer *c;
	size_t pos, contact = 0;
	int rc;

	if (public_body) {
		snprintf(name, sizeof(name), "%s%s", demo_regions[region],
			 PICK(d, demo_government_names));
	} else {
		const char *suffix = PICK(d, demo_company_suffix);

		snprintf(name, sizeof(name), "%s%s%s%s", demo_regions[region], PICK(d, demo_brand),
			 ind->word, suffix);
	}
	snprintf(phone, sizeof(phone), "%s%08llu", demo_area_codes[region],
		 (unsigned long long)(20000000 + ((uint64_t)i * 2654435761ULL) % 80000000ULL));
	if (!(c = PUSH(d, customers)) || !(c->name = demo_batch_strdup(d->b, name)) ||
	    !(c->phone = demo_batch_strdup(d->b, phone)))
		return oom(err);
	pos = ROW_POS(d, customers);
	c->founded_on = random_date(d, 1985, 2020);
	c->region = c->address = demo_regions[region];
	c->segment = public_body ? "government" : ind->segment;
	c->nature = public_body ? "government"
				: (kh_rng_uniform(&d->rng) < 0.75 ? "private" : "state");
	c->size = PICK(d, sizes);
	c->source = PICK(d, sources);
	c->key_account = key_account;
	c->in_pool = pool;
	if (!pool) {
		c->owner_id = owner;
		c->team_id = d->rep_teams[rep];
	}
	if (key_account) {
		c->grade = "A";
		c->visit_cadence_days = 30;
		c->purchase_budget_fen = kh_rng_range(&d->rng, 100, 5000) * 1000000;
		c->decision_process = "部门提需求，技术评审，总经理审批";
		c->decision_maker_background = "工程师出身，重视技术细节，喜欢打羽毛球";
	}
	if ((rc = index_keys(d, KH_SEARCH_CUSTOMER, pos, pos, -1, name, phone, err)))
		return rc;
	d->stats->customers++;
	if ((rc = make_contacts(d, pos, &contact, err)))
		return rc;
	if (!prospect && (rc = make_orders(d, pos, owner, key_account, &first, &last, err)))
		return rc;
	if ((rc = make_activities(d, pos, contact, owner,
				  first ? first - 30 : d->today - HISTORY_DAYS,
				  key_account ? 24 : 8, err)))
		return rc;
	if (kh_rng_uniform(&d->rng) < 0.35 && (rc = make_opportunity(d, pos, owner, err)))
		return rc;
	return 0;
}

/* The generator thread and the writer hand batches over in a ring of SLOTS:
 * the generator fills slot drawn % SLOTS while the writer writes slot
 * written % SLOTS, and waits while every slot is full. */
struct pipeline {
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct demo *d;
	struct demo_batch slots[SLOTS];
	int64_t n;               /* customers in all */
	size_t batches, drawn, written;
	bool stop;               /* the writer gave up */
	int rc;                  /* the generator's failure */
	struct kh_error err;
};

/* A page cache that holds the search and phone indexes whole (1.3 KiB a
 * customer) and the new rows of a transaction (MAX_OPEN_BATCHES of 25 MiB):
 * each batch's sorted keys sweep those indexes from end to end, and a sweep
 * through an index larger than the cache misses on every page. */
static int cache_mib(int64_t n)
{
	int64_t mib = 640 + n * 3 / 2000;

	return mib > 4096 ? 4096 : (int)mib;
}

static size_t batch_count(int64_t n)
{
	return (size_t)((n + BATCH - 1) / BATCH);
}

static int draw_batch(struct demo *d, struct demo_batch *b, int64_t from, int64_t to,
		      struct kh_error *err)
{
	int rc = 0;

	demo_batch_reset(b);
	d->b = b;
	for (int64_t i = from; i <= to && rc == 0; i++)
		rc = make_customer(d, i, err);
	if (rc == 0 && demo_batch_sort_keys(b))
		rc = oom(err);
	return rc;
}

static void *generate(void *arg)
{
	struct pipeline *p = arg;

	for (size_t k = 0; k < p->batches; k++) {
		struct kh_error err = {0};
		int64_t from = (int64_t)k * BATCH + 1, to = from + BATCH - 1;
		bool stop;
		int rc;

		pthread_mutex_lock(&p->lock);
		while (p->drawn - p->written == SLOTS && !p->stop)
			pthread_cond_wait(&p->changed, &p->lock);
		stop = p->stop;
		pthread_mutex_unlock(&p->lock);
		if (stop)
			return NULL;
		rc = draw_batch(p->d, &p->slots[k % SLOTS], from, to < p->n ? to : p->n, &err);
		pthread_mutex_lock(&p->lock);
		if (rc) {
			p->rc = rc;
			p->err = err;
		} else {
			p->drawn++;
		}
		pthread_cond_broadcast(&p->changed);
		pthread_mutex_unlock(&p->lock);
		if (rc)
			return NULL;
	}
	return NULL;
}

/* The next drawn batch into *out, or the generator's failure (and its
 * error in err). */
static int next_batch(struct pipeline *p, struct demo_batch **out, struct kh_error *err)
{
	int rc = 0;

	pthread_mutex_lock(&p->lock);
	while (p->drawn == p->written && p->rc == 0)
		pthread_cond_wait(&p->changed, &p->lock);
	if (p->drawn > p->written) {
		*out = &p->slots[p->written % SLOTS];
	} else {
		rc = p->rc;
		if (err)
			*err = p->err;
	}
	pthread_mutex_unlock(&p->lock);
	return rc;
}

static void batch_written(struct pipeline *p)
{
	pthread_mutex_lock(&p->lock);
	p->written++;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
}

static void stop_generator(struct pipeline *p)
{
	pthread_mutex_lock(&p->lock);
	p->stop = true;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
}

/* Write the batches as they come; commit when the open transaction holds at
 * least half as many batches as are committed (see the top of the file), or
 * MAX_OPEN_BATCHES, which bounds the pages a transaction holds dirty and the
 * time other writers wait. */
static int write_batches(struct pipeline *p,
			 void (*progress)(int64_t done, int64_t total, void *arg), void *arg,
			 struct kh_error *err)
{
	struct kh_store *st = p->d->ctx->store;
	size_t committed = 0, open = 0;

	for (size_t k = 0; k < p->batches; k++) {
		struct demo_batch *b = NULL;
		struct kh_bulk_batch rows;
		int64_t done;
		int rc;

		if ((rc = next_batch(p, &b, err)))
			return rc;
		demo_batch_rows(b, &rows);
		done = (int64_t)(k + 1) * BATCH < p->n ? (int64_t)(k + 1) * BATCH : p->n;
		if ((rc = kh_store_bulk_insert(st, &rows, err)))
			return rc;
		batch_written(p);
		open++;
		if (open * 2 >= committed || open == MAX_OPEN_BATCHES || k + 1 == p->batches) {
			if ((rc = kh_store_commit(st, err)))
				return rc;
			committed += open;
			open = 0;
			if (k + 1 < p->batches && (rc = kh_store_begin(st, err)))
				return rc;
		}
		if (progress)
			progress(done, p->n, arg);
	}
	return 0;
}

static int run_pipeline(struct demo *d, int64_t n,
			void (*progress)(int64_t done, int64_t total, void *arg), void *arg,
			struct kh_error *err)
{
	struct pipeline p = {.d = d, .n = n, .batches = batch_count(n)};
	pthread_t thread;
	int rc;

	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.changed, NULL);
	for (size_t i = 0; i < SLOTS; i++)
		demo_batch_init(&p.slots[i]);
	if (pthread_create(&thread, NULL, generate, &p)) {
		rc = kh_error_set(err, KH_ENOMEM, "", "cannot start the generator thread");
		goto out;
	}
	rc = write_batches(&p, progress, arg, err);
	stop_generator(&p);
	pthread_join(thread, NULL);
out:
	for (size_t i = 0; i < SLOTS; i++)
		demo_batch_release(&p.slots[i]);
	pthread_cond_destroy(&p.changed);
	pthread_mutex_destroy(&p.lock);
	return rc;
}

int kh_demo_generate(struct kh_ctx *ctx, int64_t n, uint64_t seed,
		     void (*progress)(int64_t done, int64_t total, void *arg), void *arg,
		     struct kh_demo_stats *stats, struct kh_error *err)
{
	struct demo d = {.ctx = ctx, .stats = stats};
	struct kh_store_query q = {.table = "customers", .limit = 1, .include_deleted = true};
	struct kh_store_bulk *bulk = NULL;
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
	kh_store_set_cache_mib(ctx->store, cache_mib(n));
	if ((rc = kh_store_bulk_start(ctx->store, &bulk, err)))
		goto out;
	if ((rc = kh_store_begin(ctx->store, err)))
		goto out;
	if ((rc = make_org(&d, err)) || (rc = make_products(&d, err)))
		goto out;
	rc = run_pipeline(&d, n, progress, arg, err);
out:
	if (rc)
		kh_store_rollback(ctx->store);
	kh_strbuf_release(&d.keys);
	if (rc == 0)
		rc = kh_store_bulk_finish(bulk, err);
	else
		kh_store_bulk_finish(bulk, NULL);
	/* The batches wrote no duplicate keys: all of them at once, sorted; nor
	 * the pool's clocks and won days (store/customers/pool.h), nor the
	 * follow-up fields (store/work/followups.h). */
	if (rc == 0)
		rc = kh_store_dup_keys_rebuild(ctx->store, err);
	if (rc == 0)
		rc = kh_store_pool_fill(ctx->store, err);
	return rc ? rc : kh_store_followup_fill(ctx->store, err);
}
