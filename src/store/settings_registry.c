/*
 * settings_registry.c: the table of every setting (see settings_registry.h)
 * and the check of a value against its entry. The defaults are DOMAIN.md's.
 */
#include "store/settings_registry.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/banned.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
/* Money up to 100 billion yuan, as money fields take (base/parse.c). */
#define MONEY_MAX 1e13
#define DAYS_MAX 36500

/* One entry: key, type, min, max, choices, default, blank allowed, description. */
#define SET(key, type, min, max, choices, def, blank, desc) \
	{key, type, min, max, choices, def, blank, desc, "admin.labels." key, false}
/* Text that is never shown back (a password): blank, up to TEXT_MAX - 1 bytes. */
#define SECRET(key, desc) \
	{key, KH_SETTING_TEXT, 0, KH_SETTING_TEXT_MAX - 1, NULL, "", true, desc, \
	 "admin.labels." key, true}
/* Text that may be blank (a feature off until it is set). */
#define TEXT(key, desc) SET(key, KH_SETTING_TEXT, 0, KH_SETTING_TEXT_MAX - 1, NULL, "", true, desc)
#define INT(key, min, max, def, desc) SET(key, KH_SETTING_INT, min, max, NULL, def, false, desc)
#define NUMBER(key, min, max, def, desc) \
	SET(key, KH_SETTING_NUMBER, min, max, NULL, def, false, desc)
#define MONEY(key, def, desc) SET(key, KH_SETTING_MONEY, 0, MONEY_MAX, NULL, def, false, desc)
#define RATIO(key, def, desc) SET(key, KH_SETTING_RATIO, 0, 1, NULL, def, false, desc)
#define ENUM(key, choices, def, desc) SET(key, KH_SETTING_ENUM, 0, 0, choices, def, false, desc)
/* A grid cut: blank means the tertile of the data. */
#define CUT(key, type, max, desc) SET(key, type, 0, max, NULL, "", true, desc)

/* In the order of enum kh_analyze_basis (service/analysis/analyze_internal.h). */
static const char *const bases[] = {"profit", "sales", "net_profit", NULL};
/* In the order of enum kh_cut_kind (analytics/quadrant.h). */
static const char *const cuts[] = {"median", "mean", NULL};
/* In the order of enum kh_scope_kind (service/permission.h). */
static const char *const scopes[] = {"own", "own_and_subordinates", "department",
				     "department_and_below", "all", NULL};
/* In the order of enum kh_mail_tls (service/comms/mail.h). */
static const char *const starttls[] = {"none", "try", "required", NULL};
#define SCOPE_DESC(who) "Data scope of " who ": own, own_and_subordinates, department," \
	" department_and_below or all"

static const struct kh_setting_def defs[] = {
	INT("abc.window_days", 1, DAYS_MAX, "365", "ABC: days of history ranked (DOMAIN 5: last 12 months)"),
	ENUM("abc.basis", bases, "profit", "ABC: rank by profit, sales or net_profit"),
	RATIO("abc.a_share", "0.50", "ABC: cumulative share that closes class A"),
	RATIO("abc.b_share", "0.80", "ABC: cumulative share that closes class B"),
	RATIO("abc.count_a", "0.05", "ABC by count: share of customers in A"),
	RATIO("abc.count_b", "0.15", "ABC by count: share of customers in B"),
	CUT("grid.interval_short_days", KH_SETTING_INT, DAYS_MAX, "Value grid: intervals up to this are short (blank = tertile)"),
	CUT("grid.interval_long_days", KH_SETTING_INT, DAYS_MAX, "Value grid: intervals above this are long (blank = tertile)"),
	CUT("grid.amount_small_fen", KH_SETTING_MONEY, MONEY_MAX, "Value grid: amounts up to this are small (blank = tertile)"),
	CUT("grid.amount_large_fen", KH_SETTING_MONEY, MONEY_MAX, "Value grid: amounts above this are large (blank = tertile)"),
	ENUM("quadrant.cut", cuts, "median", "Quadrant matrices: cut point of each axis (median or mean)"),
	NUMBER("lifecycle.dormant_interval_factor", 0, 100, "2", "Dormant after this many times the own average purchase interval"),
	RATIO("lifecycle.dormant_p_alive", "0.5", "Dormant when P(alive) falls below this"),
	INT("lifecycle.single_order_dormant_days", 0, DAYS_MAX, "365", "Dormant after this many days without a second order (customers with one order have no interval of their own)"),
	INT("lifecycle.churned_days", 0, DAYS_MAX, "730", "Churned after this many days without an order"),
	INT("loyalty.new_days", 0, DAYS_MAX, "180", "Loyalty: new while the first order is within this many days"),
	INT("loyalty.regular_orders_12m", 0, 100000, "3", "Loyalty: regular with at least this many orders in 12 months"),
	INT("loyalty.old_years", 0, 100, "2", "Loyalty: old when the first order is this many years ago and still active"),
	INT("loyalty.loyal_quarters", 0, 8, "6", "Loyalty: loyal when ordering in this many of the last 8 quarters"),
	MONEY("cost.visit_fen", "30000", "Cost to serve: one visit, in fen"),
	MONEY("cost.call_fen", "1000", "Cost to serve: one call, in fen"),
	MONEY("cost.meeting_fen", "50000", "Cost to serve: one meeting, in fen"),
	MONEY("cost.email_fen", "100", "Cost to serve: one email, in fen"),
	MONEY("cost.message_fen", "50", "Cost to serve: one message, in fen"),
	RATIO("cost.late_payment_daily_rate", "0.0005", "Cost of late payment: share of the amount per day late"),
	RATIO("clv.annual_discount_rate", "0.10", "CLV: annual discount rate"),
	INT("clv.horizon_months", 1, 1200, "36", "CLV: horizon in months"),
	RATIO("clv.default_margin", "0.30", "CLV: margin used when an order has no cost"),
	INT("cadence.key_account_days", 1, 3650, "30", "Visit cadence of key accounts, in days"),
	INT("cadence.default_days", 1, 3650, "90", "Visit cadence of other customers with orders, in days"),
	INT("pool.max_customers_per_rep", 0, 100000000, "300", "Most customers one sales rep may own"),
	INT("pool.release_after_days", 0, DAYS_MAX, "90", "Pool: an owned customer without a follow-up for this many days since its owner got it goes to the pool (0 = never)"),
	INT("pool.deal_after_days", 0, DAYS_MAX, "0", "Pool: an owned customer without a deal this many days after its owner got it goes to the pool (0 = never)"),
	INT("pool.warn_days", 0, DAYS_MAX, "7", "Pool: warn this many days before a customer goes to the pool"),
	INT("pool.max_locked_per_rep", 0, 100000000, "20", "Pool: most locked customers (exempt from the pool) per owner (0 = no limit)"),
	INT("pool.daily_claims_per_rep", 0, 100000, "20", "Pool: most customers one user may claim from the pool per day (0 = no limit)"),
	INT("pool.reclaim_cooldown_days", 0, DAYS_MAX, "7", "Pool: days before the previous owner may claim a customer back (0 = at once)"),
	/* The to-do centre's windows (service/work/todo.h). */
	INT("todo.receivables_due_days", 0, DAYS_MAX, "7", "To-dos: show payment plans due within this many days (and overdue ones)"),
	INT("todo.contracts_expiring_days", 0, DAYS_MAX, "30", "To-dos: show approved contracts ending within this many days"),
	INT("todo.dates_ahead_days", 0, 366, "7", "To-dos: show birthdays, founding days, first-deal anniversaries and important dates within this many days"),
	/* The e-mail digest of reminders (service/comms/mail.h): off while
	 * mail.smtp_url is blank. */
	TEXT("mail.smtp_url", "Mail: the SMTP server of reminders and campaigns, smtp://host:port or smtps://host:port (blank = no e-mail; KEHU_SMTP_URL wins)"),
	TEXT("mail.from", "Mail: the sender address of reminders and campaigns"),
	TEXT("mail.username", "Mail: the SMTP login (blank = none)"),
	SECRET("mail.password", "Mail: the SMTP password (never shown)"),
	ENUM("mail.starttls", starttls, "try", "Mail: STARTTLS on an smtp:// server: none, try (when offered) or required"),
	TEXT("mail.public_url", "Mail: the public address of kehu for the links in campaign mail, http(s)://host[:port] (KEHU_PUBLIC_URL wins)"),
	/* Campaigns and greetings (service/comms/campaign.h): the frequency
	 * caps across both, and the sender's pace. */
	INT("campaign.cap_per_contact", 0, 1000, "2", "Campaigns: at most this many messages to one contact in the window (0 = no cap)"),
	INT("campaign.cap_per_company", 0, 100000, "4", "Campaigns: at most this many messages to one customer's contacts together in the window (0 = no cap)"),
	INT("campaign.cap_window_days", 1, DAYS_MAX, "30", "Campaigns: the window of the frequency caps, in days"),
	INT("campaign.rate_per_second", 0, 100000, "50", "Campaigns: at most this many messages a second (0 = no limit)"),
	INT("campaign.rate_per_hour", 0, 1000000, "0", "Campaigns: at most this many messages an hour (0 = no limit)"),
	INT("greeting.send_hour", 0, 23, "9", "Greetings: the hour (UTC) at which the day's greetings are queued"),
	/* Win probability per opportunity stage (service/sales/stage.h); won and
	 * lost are fixed at 100 and 0 and have no setting. */
	INT("stage.probability.lead", 0, 100, "10", "Opportunities: win probability (%) of the stage lead"),
	INT("stage.probability.qualified", 0, 100, "20", "Opportunities: win probability (%) of the stage qualified"),
	INT("stage.probability.proposal", 0, 100, "50", "Opportunities: win probability (%) of the stage proposal"),
	INT("stage.probability.negotiation", 0, 100, "80", "Opportunities: win probability (%) of the stage negotiation"),
	/* Document numbers (service/sales/doc_number.h): text, {yyyy} {MM} {dd}
	 * {yyyyMMdd} {yyyyMM} of the day, {seq:N} the day's sequence. */
	SET("contract.number_pattern", KH_SETTING_TEXT, 1, 60, NULL, "HT{yyyyMMdd}{seq:3}", false,
	    "Contracts: the pattern of a new contract's number ({yyyyMMdd} the day, {seq:3} the day's sequence)"),
	SET("receivable.number_pattern", KH_SETTING_TEXT, 1, 60, NULL, "HK{yyyyMMdd}{seq:3}", false,
	    "Receipts: the pattern of a new receipt's number ({yyyyMMdd} the day, {seq:3} the day's sequence)"),
	ENUM("scope.admin", scopes, "all", SCOPE_DESC("admins")),
	ENUM("scope.manager", scopes, "department_and_below", SCOPE_DESC("managers")),
	ENUM("scope.sales", scopes, "own", SCOPE_DESC("sales reps")),
	INT("auth.session_hours", 1, 24 * 365, "12", "Hours a login session stays valid"),
	RATIO("keyaccount.slip_drop", "0.3", "Key accounts: slipping when the revenue of the last 12 months is down by more than this share against the 12 months before"),
	RATIO("score.weight.revenue", "0.20", "Weighted score: weight of the revenue of the last 12 months"),
	RATIO("score.weight.net_profit", "0.20", "Weighted score: weight of the net profit of the last 12 months"),
	RATIO("score.weight.price_sensitivity", "0.05", "Weighted score: weight of price sensitivity (the price_driven flag)"),
	RATIO("score.weight.brand_loyalty", "0.05", "Weighted score: weight of brand loyalty"),
	RATIO("score.weight.years_of_cooperation", "0.05", "Weighted score: weight of the years since the first order"),
	RATIO("score.weight.share_of_wallet", "0.075", "Weighted score: weight of the 12-month revenue as a share of the purchase budget"),
	/* The product statistic (service/analysis/statistics.h). */
	RATIO("basket.min_support", "0.01", "Product statistics: pairs bought together in fewer than this share of the period's orders are left out"),
};

_Static_assert(N(defs) <= KH_SETTINGS_MAX, "a snapshot has room for every setting");

const struct kh_setting_def *kh_setting_defs(size_t *n)
{
	*n = N(defs);
	return defs;
}

int kh_setting_index(const char *key)
{
	for (size_t i = 0; key && i < N(defs); i++)
		if (strcmp(defs[i].key, key) == 0)
			return (int)i;
	return -1;
}

const struct kh_setting_def *kh_setting_def(const char *key)
{
	int i = kh_setting_index(key);

	return i < 0 ? NULL : &defs[i];
}

const char *kh_setting_type_name(enum kh_setting_type type)
{
	static const char *const names[] = {
		[KH_SETTING_INT] = "integer", [KH_SETTING_NUMBER] = "number",
		[KH_SETTING_MONEY] = "money", [KH_SETTING_RATIO] = "ratio",
		[KH_SETTING_ENUM] = "enum", [KH_SETTING_BOOL] = "bool",
		[KH_SETTING_TEXT] = "text",
	};

	return (size_t)type < N(names) ? names[type] : "text";
}

int kh_setting_choice(const struct kh_setting_def *d, const char *value)
{
	for (int k = 0; d->choices && value && d->choices[k]; k++)
		if (strcmp(d->choices[k], value) == 0)
			return k;
	return -1;
}

/* "a, b or c" for the message of a refused choice. */
static void choice_words(const struct kh_setting_def *d, char *out, size_t size)
{
	size_t len = 0, k;

	out[0] = '\0';
	for (k = 0; d->choices[k] && len < size; k++)
		len += (size_t)snprintf(out + len, size - len, "%s%s",
					k == 0 ? "" : d->choices[k + 1] ? ", " : " or ",
					d->choices[k]);
}

static int check_choice(const struct kh_setting_def *d, const char *text, double *number,
			struct kh_error *err)
{
	int k = kh_setting_choice(d, text);
	char words[256];

	if (k >= 0) {
		*number = k;
		return 0;
	}
	choice_words(d, words, sizeof(words));
	return kh_error_set(err, KH_EINVAL, d->key, "%s must be %s", d->key, words);
}

static int check_bool(const struct kh_setting_def *d, const char *text, double *number,
		      struct kh_error *err)
{
	if (strcmp(text, "true") == 0 || strcmp(text, "false") == 0) {
		*number = text[0] == 't';
		return 0;
	}
	return kh_error_set(err, KH_EINVAL, d->key, "%s must be true or false", d->key);
}

static int check_text(const struct kh_setting_def *d, const char *text, double *number,
		      struct kh_error *err)
{
	size_t len = strlen(text);

	*number = NAN;
	if (kh_utf8_valid(text, len) && len >= (size_t)d->min && len <= (size_t)d->max &&
	    len < KH_SETTING_TEXT_MAX)
		return 0;
	return kh_error_set(err, KH_EINVAL, d->key, "%s must be UTF-8 text of %g to %g bytes",
			    d->key, d->min, d->max);
}

/* What a number of d's type and range must be, for the message. */
static int refuse_number(const struct kh_setting_def *d, struct kh_error *err)
{
	switch (d->type) {
	case KH_SETTING_INT:
		return kh_error_set(err, KH_EINVAL, d->key, "%s must be a whole number %g..%g",
				    d->key, d->min, d->max);
	case KH_SETTING_MONEY:
		return kh_error_set(err, KH_EINVAL, d->key,
				    "%s must be a whole number of fen %g..%g", d->key, d->min,
				    d->max);
	case KH_SETTING_RATIO:
		return kh_error_set(err, KH_EINVAL, d->key,
				    "%s is a share and must be between %g and %g", d->key, d->min,
				    d->max);
	default:
		return kh_error_set(err, KH_EINVAL, d->key, "%s must be a number %g..%g", d->key,
				    d->min, d->max);
	}
}

static int check_number(const struct kh_setting_def *d, const char *text, double *number,
			struct kh_error *err)
{
	bool whole = d->type == KH_SETTING_INT || d->type == KH_SETTING_MONEY;
	char *end;
	double v = strtod(text, &end);

	if (end == text || *end || !isfinite(v) || v < d->min || v > d->max ||
	    (whole && v != floor(v)))
		return refuse_number(d, err);
	*number = v;
	return 0;
}

int kh_setting_check(const struct kh_setting_def *d, const char *text, double *number,
		     struct kh_error *err)
{
	*number = NAN;
	if (!text)
		return kh_error_set(err, KH_EINVAL, d->key, "%s must be a string or a number",
				    d->key);
	if (*text == '\0' && d->blank_ok)
		return 0;
	switch (d->type) {
	case KH_SETTING_ENUM:
		return check_choice(d, text, number, err);
	case KH_SETTING_BOOL:
		return check_bool(d, text, number, err);
	case KH_SETTING_TEXT:
		return check_text(d, text, number, err);
	default:
		return check_number(d, text, number, err);
	}
}
