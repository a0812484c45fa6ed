"""The pool warning list (待进入公海的客户, issue 13 part 5): GET /api/v1/customers with
pool_within=K lists the owned, unlocked, never won customers due for the pool within K
days (pool_within=warn or no value: pool.warn_days), soonest first, in the list's scope."""
import datetime
import sqlite3

import pytest

from conftest import assert_error

TODAY = datetime.datetime.now(datetime.timezone.utc).date()


def day(offset):
    return (TODAY + datetime.timedelta(days=offset)).isoformat()


def setting(server, key, value):
    server.cli("settings", "set", key, str(value))


def set_clock(server, cid, clock):
    """Both pool clocks of customer cid start on day clock (as if its owner got it then)."""
    con = sqlite3.connect(server.db)
    with con:
        con.execute("UPDATE customers SET owner_since = ?, contact_clock = ? WHERE id = ?",
                    (clock, clock, cid))
    con.close()


@pytest.fixture
def co(server, admin):
    server.cli("team", "add", "华东", "--parent", "总部")
    server.cli("team", "add", "华南", "--parent", "总部")
    ids = {"rep1": server.add_user("rep1", "sales", team="华东"),
           "mgr": server.add_user("mgr", "manager", team="华东"),
           "rep2": server.add_user("rep2", "sales", team="华南")}
    c = {u: server.client(u) for u in ids}
    setting(server, "pool.release_after_days", 30)
    setting(server, "pool.deal_after_days", 0)
    setting(server, "pool.warn_days", 7)
    rep1 = c["rep1"]
    made = {}
    for name, left in [("八天", 8), ("三天", 3), ("七天", 7), ("锁定", 2), ("成交", 1),
                       ("新客户", 30)]:
        made[name] = rep1.ok("POST", "/api/v1/customers", {"name": name})["id"]
        set_clock(server, made[name], day(left - 30))
    rep1.ok("POST", f"/api/v1/customers/{made['锁定']}/lock", status=200)
    rep1.ok("POST", "/api/v1/orders", {"customer": made["成交"], "date": day(0),
                                       "amount": "20"})
    return c, made


def listed(cl, query):
    body = cl.ok("GET", "/api/v1/customers?" + query)
    return [(i["name"], i["days_until_pool"]) for i in body["items"]], body["total"]


def test_warn_list_holds_the_due_soonest_first(co):
    c, made = co
    for who in ("rep1", "mgr"):
        assert listed(c[who], "pool_within=warn") == ([("三天", 3), ("七天", 7)], 2)
        assert listed(c[who], "pool_within") == ([("三天", 3), ("七天", 7)], 2)
    assert listed(c["rep1"], "pool_within=8") == ([("三天", 3), ("七天", 7), ("八天", 8)], 3)
    assert listed(c["rep1"], "pool_within=3") == ([("三天", 3)], 1)
    assert listed(c["rep1"], "pool_within=365")[1] == 4
    # the badge: the count alone, and the pages of the list
    assert listed(c["rep1"], "pool_within=warn&per_page=1") == ([("三天", 3)], 2)
    assert listed(c["rep1"], "pool_within=warn&per_page=1&page=2") == ([("七天", 7)], 2)
    # with another filter and another sort
    assert listed(c["rep1"], "pool_within=warn&sort=-id") == ([("七天", 7), ("三天", 3)], 2)
    assert listed(c["rep1"], "pool_within=warn&name=七天") == ([("七天", 7)], 1)


def test_cursor_pages_follow_the_due_order(co):
    c, _ = co
    first = c["rep1"].ok("GET", "/api/v1/customers?pool_within=8&per_page=2")
    assert [i["name"] for i in first["items"]] == ["三天", "七天"]
    nxt = c["rep1"].ok("GET", "/api/v1/customers?pool_within=8&per_page=2&cursor="
                       + first["next_cursor"])
    assert [i["name"] for i in nxt["items"]] == ["八天"]


def test_another_team_sees_none(co):
    c, _ = co
    assert listed(c["rep2"], "pool_within=warn") == ([], 0)
    assert listed(c["rep2"], "pool_within=365") == ([], 0)


@pytest.mark.parametrize("bad", ["-1", "366", "abc", "7d", "1.5"])
def test_bad_window_refused_by_name(co, bad):
    c, _ = co
    r = c["rep1"].get("/api/v1/customers?pool_within=" + bad)
    e = assert_error(r, 400, field="pool_within")
    assert "pool_within" in e["message"]


def test_rules_off_list_nothing_and_the_deal_rule_counts(server, co):
    c, made = co
    setting(server, "pool.release_after_days", 0)
    assert listed(c["rep1"], "pool_within=warn") == ([], 0)
    assert listed(c["rep1"], "pool_within=365") == ([], 0)
    # the deal rule alone: due 35 days after the owner got it (clocks on day left - 30)
    setting(server, "pool.deal_after_days", 35)
    assert listed(c["rep1"], "pool_within=warn") == ([], 0)
    assert listed(c["rep1"], "pool_within=8") == ([("三天", 8)], 1)
    # both rules: the earlier decides
    setting(server, "pool.release_after_days", 30)
    assert listed(c["rep1"], "pool_within=warn") == ([("三天", 3), ("七天", 7)], 2)
