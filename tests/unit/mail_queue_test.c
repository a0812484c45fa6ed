/* mail_queue_test.c: the queue's rules that a crash relies on, on a real
 * database: a claim takes due rows of sending campaigns only, oldest first;
 * a lease that ran out puts a row back, a live one does not; a sent mark
 * sticks and a row marked sent is never claimed again; a row given back
 * untried keeps its attempts; a mark after a cancel keeps the cancel, but a
 * send the server accepted is recorded whatever; a bounce suppresses the
 * address for every contact that has it. */
#include "test.h"

#include <string.h>

#include "store/comms/mail_queue.h"
#include "store/store.h"
#include "tmpdb.h"

static char path[64];

struct world {
	struct kh_store *st;
	int64_t campaign, paused, customer, contacts[3];
};

static int64_t insert(struct kh_store *st, const char *table, json_t *row)
{
	int64_t id = 0;

	assert_int_equal(kh_store_insert(st, table, row, &id, NULL), 0);
	json_decref(row);
	return id;
}

static int64_t campaign(struct kh_store *st, int64_t owner, const char *status)
{
	return insert(st, "campaigns", json_pack("{s:s, s:s, s:s, s:s, s:I}", "name", "c",
						 "subject", "s", "body_text", "t", "status", status,
						 "owner_id", (json_int_t)owner));
}

static int setup(void **state)
{
	static struct world w;
	int64_t user;

	memset(&w, 0, sizeof(w));
	assert_non_null(w.st = kh_test_tmpdb_open(path, sizeof(path), "mailq"));
	user = insert(w.st, "users", json_pack("{s:s, s:s}", "login", "rep", "role", "sales"));
	w.customer = insert(w.st, "customers", json_pack("{s:s, s:I}", "name", "甲", "owner_id",
							 (json_int_t)user));
	for (int i = 0; i < 3; i++)
		w.contacts[i] = insert(w.st, "contacts",
				       json_pack("{s:I, s:s, s:s}", "customer_id",
						 (json_int_t)w.customer, "name", "k", "email",
						 i == 2 ? "Same@X.test" : "a@x.test"));
	w.campaign = campaign(w.st, user, "sending");
	w.paused = campaign(w.st, user, "paused");
	*state = &w;
	return 0;
}

static int teardown(void **state)
{
	struct world *w = *state;

	kh_test_tmpdb_remove(w->st, path);
	return 0;
}

static int64_t scalar(struct kh_store *st, const char *sql)
{
	sqlite3_stmt *s = kh_store_stmt_dyn(st, sql, NULL);
	int64_t v = -1;

	assert_non_null(s);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return v;
}

static void queue(struct world *w, int64_t campaign_id, size_t n, size_t want_added)
{
	struct kh_store_mail_row rows[3];
	size_t added = 0;

	for (size_t i = 0; i < n; i++)
		rows[i] = (struct kh_store_mail_row){w->contacts[i], w->customer,
						     i == 2 ? "same@x.test" : "a@x.test"};
	assert_int_equal(kh_store_mail_enqueue(w->st, campaign_id, rows, n,
					       "2026-12-01T08:00:00Z", &added, NULL), 0);
	assert_int_equal(added, want_added);
}

static size_t claim(struct world *w, const char *now, const char *lease,
		    struct kh_store_mail_claim *out, size_t max)
{
	size_t n = 99;

	assert_int_equal(kh_store_mail_claim(w->st, now, lease, max, out, &n, NULL), 0);
	return n;
}

static void a_claim_takes_due_rows_of_sending_campaigns_and_a_lease_decides(void **state)
{
	struct world *w = *state;
	struct kh_store_mail_claim c[3];
	size_t released = 0;

	queue(w, w->campaign, 3, 3);
	queue(w, w->campaign, 3, 0); /* queued twice: nothing new */
	queue(w, w->paused, 1, 1);
	/* not due yet */
	assert_int_equal(claim(w, "2026-12-01T07:59:59Z", "2026-12-01T08:05:00Z", c, 3), 0);
	assert_int_equal(claim(w, "2026-12-01T08:00:00Z", "2026-12-01T08:05:00Z", c, 2), 2);
	assert_true(c[0].campaign_id == w->campaign && c[1].campaign_id == w->campaign);
	assert_int_equal(c[0].attempts, 1);
	/* the paused campaign's row stays; the third of the sending one is left */
	assert_int_equal(claim(w, "2026-12-01T08:00:00Z", "2026-12-01T08:05:00Z", c + 2, 3), 1);
	/* a live lease keeps its rows, one that ran out gives them back */
	assert_int_equal(kh_store_mail_release(w->st, "2026-12-01T08:04:59Z", false, &released,
					       NULL), 0);
	assert_int_equal(released, 0);
	assert_int_equal(kh_store_mail_release(w->st, "2026-12-01T08:05:01Z", false, &released,
					       NULL), 0);
	assert_int_equal(released, 3);
	assert_int_equal(claim(w, "2026-12-01T08:06:00Z", "2026-12-01T08:10:00Z", c, 3), 3);
	assert_int_equal(c[0].attempts, 2);

	/* sent sticks: never claimed again, not given back by any release */
	assert_int_equal(kh_store_mail_mark(w->st, c[0].id, KH_STORE_MAIL_SENT,
					    "2026-12-01T08:06:01Z", NULL, 250, NULL, NULL, NULL), 0);
	assert_int_equal(kh_store_mail_release(w->st, "2026-12-01T08:06:02Z", true, &released,
					       NULL), 0);
	assert_int_equal(released, 2);
	assert_int_equal(scalar(w->st, "SELECT count(*) FROM mail_queue WHERE state = 'sent'"), 1);
	assert_int_equal(claim(w, "2026-12-01T08:07:00Z", "2026-12-01T08:12:00Z", c, 3), 2);
	/* untried: its attempt is given back */
	assert_int_equal(kh_store_mail_unclaim(w->st, c[0].id, NULL), 0);
	assert_int_equal(scalar(w->st, "SELECT attempts FROM mail_queue WHERE id = (SELECT min(id)"
				" FROM mail_queue WHERE state = 'queued' AND campaign_id = 1)"), 2);
}

static void a_mark_after_a_cancel_keeps_it_unless_the_server_took_the_message(void **state)
{
	struct world *w = *state;
	struct kh_store_mail_claim c[3];

	queue(w, w->campaign, 3, 3);
	assert_int_equal(claim(w, "2026-12-01T08:00:00Z", "2026-12-01T08:05:00Z", c, 3), 3);
	/* cancelled meanwhile (a cancel takes queued rows; these are made so) */
	assert_int_equal(sqlite3_step(kh_store_stmt_dyn(w->st, "UPDATE mail_queue SET state ="
							" 'cancelled' WHERE id IN (1, 2)", NULL)),
			 SQLITE_DONE);
	assert_int_equal(kh_store_mail_mark(w->st, c[0].id, KH_STORE_MAIL_RETRY,
					    "2026-12-01T08:01:00Z", "2026-12-01T09:00:00Z", 451,
					    "busy", NULL, NULL), 0);
	assert_int_equal(kh_store_mail_mark(w->st, c[1].id, KH_STORE_MAIL_SENT,
					    "2026-12-01T08:01:00Z", NULL, 250, NULL, NULL, NULL), 0);
	assert_int_equal(scalar(w->st, "SELECT state = 'cancelled' FROM mail_queue WHERE id = 1"), 1);
	assert_int_equal(scalar(w->st, "SELECT state = 'sent' FROM mail_queue WHERE id = 2"), 1);
	/* a bounce of one address suppresses it for every contact with it, any case */
	assert_int_equal(kh_store_mail_mark(w->st, c[2].id, KH_STORE_MAIL_BOUNCED,
					    "2026-12-01T08:02:00Z", NULL, 550, "no such user", NULL,
					    NULL), 0);
	assert_int_equal(scalar(w->st, "SELECT count(*) FROM mail_suppressions"
				" WHERE address = 'same@x.test' AND reason = 'bounced'"), 1);
	{
		struct kh_store_mail_candidate *cands = NULL;
		json_t *ids = json_pack("[I]", (json_int_t)w->customer);
		size_t n = 0, bounced = 0;

		assert_int_equal(kh_store_mail_candidates(w->st, ids, false,
							  "2026-11-01T00:00:00Z", &cands, &n, NULL),
				 0);
		assert_int_equal(n, 3);
		for (size_t i = 0; i < n; i++) {
			bounced += cands[i].bounced;
			/* the sent one counts in the window; cancelled and bounced do not */
			assert_int_equal(cands[i].company_sent, 1);
		}
		assert_int_equal(bounced, 1);
		kh_store_mail_candidates_free(cands, n);
		json_decref(ids);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			a_claim_takes_due_rows_of_sending_campaigns_and_a_lease_decides, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			a_mark_after_a_cancel_keeps_it_unless_the_server_took_the_message, setup,
			teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
