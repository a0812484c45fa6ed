/* send_caps_test.c: an audience's verdicts — each reason to leave a contact
 * out, the caps per contact and per company (a cap of 0 is none), which of
 * a company's contacts go first when its cap bites, and one message per
 * address. */
#include "test.h"

#include <stdio.h>
#include <string.h>

#include "service/comms/send_caps.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static enum kh_send_verdict verdict_of(const struct kh_send_candidate *c, size_t n, int64_t contact)
{
	for (size_t i = 0; i < n; i++)
		if (c[i].contact_id == contact)
			return c[i].verdict;
	fail_msg("no contact %lld", (long long)contact);
	return KH_SEND;
}

static void no_caps_leave_out_only_the_unreachable(void **state)
{
	struct kh_send_candidate c[] = {
	    {.contact_id = 1, .customer_id = 10, .address = "a@x.cn", .contact_sent = 50},
	    {.contact_id = 2, .customer_id = 10, .address = ""},
	    {.contact_id = 3, .customer_id = 11, .address = NULL},
	    {.contact_id = 4, .customer_id = 11, .address = "d@x.cn", .unsubscribed = true,
	     .bounced = true},
	    {.contact_id = 5, .customer_id = 12, .address = "e@x.cn", .bounced = true},
	    {.contact_id = 6, .customer_id = 12, .address = "f@x.cn", .company_sent = 99},
	};
	struct kh_send_caps none = {0, 0};
	size_t counts[KH_SEND_NVERDICTS];

	assert_int_equal(kh_send_caps_apply(c, N(c), &none, counts), 2);
	assert_int_equal(verdict_of(c, N(c), 1), KH_SEND);
	assert_int_equal(verdict_of(c, N(c), 2), KH_LEFT_NO_ADDRESS);
	assert_int_equal(verdict_of(c, N(c), 3), KH_LEFT_NO_ADDRESS);
	/* unsubscribed comes before bounced */
	assert_int_equal(verdict_of(c, N(c), 4), KH_LEFT_UNSUBSCRIBED);
	assert_int_equal(verdict_of(c, N(c), 5), KH_LEFT_BOUNCED);
	assert_int_equal(verdict_of(c, N(c), 6), KH_SEND);
	assert_int_equal(counts[KH_SEND], 2);
	assert_int_equal(counts[KH_LEFT_NO_ADDRESS], 2);
	assert_int_equal(counts[KH_LEFT_UNSUBSCRIBED], 1);
	assert_int_equal(counts[KH_LEFT_BOUNCED], 1);
	assert_int_equal(counts[KH_LEFT_CONTACT_CAP] + counts[KH_LEFT_COMPANY_CAP] +
			     counts[KH_LEFT_DUPLICATE],
			 0);
}

static void the_contact_cap(void **state)
{
	struct kh_send_candidate c[] = {
	    {.contact_id = 1, .customer_id = 10, .address = "a@x.cn", .contact_sent = 2},
	    {.contact_id = 2, .customer_id = 10, .address = "b@x.cn", .contact_sent = 1},
	    {.contact_id = 3, .customer_id = 11, .address = "c@x.cn", .contact_sent = 3},
	};
	struct kh_send_caps caps = {2, 0};

	assert_int_equal(kh_send_caps_apply(c, N(c), &caps, NULL), 1);
	assert_int_equal(verdict_of(c, N(c), 1), KH_LEFT_CONTACT_CAP);
	assert_int_equal(verdict_of(c, N(c), 2), KH_SEND);
	assert_int_equal(verdict_of(c, N(c), 3), KH_LEFT_CONTACT_CAP);
}

static void the_company_cap_takes_the_decision_maker_first(void **state)
{
	/* Company 10 had 2 of its 4 in the window: two more may go, by rank. */
	struct kh_send_candidate c[] = {
	    {.contact_id = 1, .customer_id = 10, .address = "a@x.cn", .company_sent = 2, .rank = 3},
	    {.contact_id = 2, .customer_id = 10, .address = "b@x.cn", .company_sent = 2, .rank = 0},
	    {.contact_id = 3, .customer_id = 10, .address = "c@x.cn", .company_sent = 2, .rank = 1},
	    {.contact_id = 4, .customer_id = 10, .address = "d@x.cn", .company_sent = 2, .rank = 1},
	    /* left out for another reason: does not use the company's room */
	    {.contact_id = 5, .customer_id = 10, .address = "e@x.cn", .company_sent = 2, .rank = 0,
	     .unsubscribed = true},
	    {.contact_id = 6, .customer_id = 11, .address = "f@x.cn", .company_sent = 4},
	    {.contact_id = 7, .customer_id = 12, .address = "g@x.cn", .company_sent = 3},
	};
	struct kh_send_caps caps = {2, 4};
	size_t counts[KH_SEND_NVERDICTS];

	assert_int_equal(kh_send_caps_apply(c, N(c), &caps, counts), 3);
	assert_int_equal(verdict_of(c, N(c), 2), KH_SEND);
	/* rank 1 twice: the lower contact id first */
	assert_int_equal(verdict_of(c, N(c), 3), KH_SEND);
	assert_int_equal(verdict_of(c, N(c), 4), KH_LEFT_COMPANY_CAP);
	assert_int_equal(verdict_of(c, N(c), 1), KH_LEFT_COMPANY_CAP);
	assert_int_equal(verdict_of(c, N(c), 5), KH_LEFT_UNSUBSCRIBED);
	assert_int_equal(verdict_of(c, N(c), 6), KH_LEFT_COMPANY_CAP);
	assert_int_equal(verdict_of(c, N(c), 7), KH_SEND);
	assert_int_equal(counts[KH_LEFT_COMPANY_CAP], 3);
	/* sorted as taken: by customer, rank, contact */
	assert_true(c[0].contact_id == 2 && c[1].contact_id == 5);
	assert_true(c[N(c) - 1].contact_id == 7);
}

static void one_message_per_address(void **state)
{
	/* Two contacts share a mailbox (case aside); a capped one does not take it. */
	struct kh_send_candidate c[] = {
	    {.contact_id = 1, .customer_id = 10, .address = "Sales@X.cn", .contact_sent = 5},
	    {.contact_id = 2, .customer_id = 10, .address = "sales@x.cn"},
	    {.contact_id = 3, .customer_id = 11, .address = "SALES@x.CN"},
	    {.contact_id = 4, .customer_id = 11, .address = "other@x.cn"},
	};
	struct kh_send_caps caps = {2, 0};

	assert_int_equal(kh_send_caps_apply(c, N(c), &caps, NULL), 2);
	assert_int_equal(verdict_of(c, N(c), 1), KH_LEFT_CONTACT_CAP);
	assert_int_equal(verdict_of(c, N(c), 2), KH_SEND);
	assert_int_equal(verdict_of(c, N(c), 3), KH_LEFT_DUPLICATE);
	assert_int_equal(verdict_of(c, N(c), 4), KH_SEND);
}

static void a_large_audience_and_the_names(void **state)
{
	enum { COUNT = 100000 };
	static struct kh_send_candidate c[COUNT];
	static char addr[COUNT][24];
	struct kh_send_caps caps = {0, 2};
	size_t counts[KH_SEND_NVERDICTS];

	/* 20 000 companies of 5 contacts, every address distinct */
	for (int i = 0; i < COUNT; i++) {
		snprintf(addr[i], sizeof(addr[i]), "c%d@x.cn", i);
		c[i] = (struct kh_send_candidate){.contact_id = i + 1, .customer_id = i / 5,
						  .address = addr[i], .rank = i % 5};
	}
	assert_int_equal(kh_send_caps_apply(c, COUNT, &caps, counts), COUNT / 5 * 2);
	assert_int_equal(counts[KH_LEFT_COMPANY_CAP], COUNT / 5 * 3);
	assert_int_equal(kh_send_caps_apply(c, 0, &caps, counts), 0);
	assert_int_equal(counts[KH_SEND], 0);
	assert_string_equal(kh_send_verdict_name(KH_SEND), "send");
	assert_string_equal(kh_send_verdict_name(KH_LEFT_COMPANY_CAP), "company_cap");
	assert_string_equal(kh_send_verdict_name(KH_LEFT_DUPLICATE), "duplicate");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(no_caps_leave_out_only_the_unreachable),
	    cmocka_unit_test(the_contact_cap),
	    cmocka_unit_test(the_company_cap_takes_the_decision_maker_first),
	    cmocka_unit_test(one_message_per_address),
	    cmocka_unit_test(a_large_audience_and_the_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
