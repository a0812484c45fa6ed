"""The to-do centre (待办, issue 14 part 1): every kind's count against hand-built data, in
the caller's scope (a rep sees their own, a manager the team, an admin everybody's), the
badge equal to its list, done and snooze, and bad input.

KEHU_TODAY fixes the day at 2027-02-26, a common year: the dates window (7 days) runs to
03-05 and holds Feb 28, the day someone born on Feb 29 has a birthday."""
import datetime
import sqlite3

import pytest

from conftest import Server, assert_error

TODAY = "2027-02-26"
KINDS = ["followups_due", "leads_new", "pool_soon", "contracts_awaiting",
         "receivables_awaiting", "visit_plans_awaiting", "receivables_due",
         "contracts_expiring", "key_accounts_overdue", "dates_upcoming"]


def day(offset, base=TODAY):
    return (datetime.date.fromisoformat(base) + datetime.timedelta(days=offset)).isoformat()


def act(cl, what, oid, verb, body=None):
    r = cl.post(f"/api/v1/{what}/{oid}/{verb}", body if body is not None else {})
    assert r.status_code == 200, r.text
    return r.json()


def build(s):
    """The hand-built data; returns the ids the tests name."""
    rep, rep_w, mgr = s.c["rep_e"], s.c["rep_w"], s.c["mgr_east"]
    ids = {}
    new = lambda cl, name, **f: cl.ok("POST", "/api/v1/customers", {"name": name, **f})["id"]
    a = ids["a"] = new(rep, "甲公司")
    b = ids["b"] = new(rep, "乙公司")
    c = ids["c"] = new(rep, "丙公司", founded_on="2010-03-01")
    f = ids["f"] = new(rep, "丁公司", key_account=True)
    d = ids["d"] = new(rep_w, "西部公司")
    ka = ids["ka"] = rep.ok("POST", "/api/v1/contacts", {"customer": a, "name": "张三"})["id"]
    ids["leap"] = rep.ok("POST", "/api/v1/contacts", {
        "customer": b, "name": "闰日生", "birthday": "1980-02-29"})["id"]
    rep.ok("POST", "/api/v1/contacts", {"customer": b, "name": "三月生",
                                        "birthday": "1990-03-10"})
    # follow-ups: A (and its contact) overdue, B today, C later; D is rep_w's
    act_ = lambda cl, cid, nd, **x: cl.ok("POST", "/api/v1/activities", {
        "customer": cid, "kind": "call", "date": day(-5), "status": "done",
        "subject": "电话", "next_date": nd, **x})
    act_(rep, a, day(-2), contact=ka)
    act_(rep, b, day(0))
    act_(rep, c, day(3))
    act_(rep_w, d, day(-1))
    ids["task"] = rep.ok("POST", "/api/v1/tasks", {"title": "寄样品", "user": s.ids["rep_e"],
                                                    "due_date": day(-1)})["id"]
    rep.ok("POST", "/api/v1/tasks", {"title": "已完成", "user": s.ids["rep_e"],
                                     "due_date": day(-1), "done": True})
    rep.ok("POST", "/api/v1/tasks", {"title": "下周", "user": s.ids["rep_e"],
                                     "due_date": day(4)})
    # leads: one new, one followed
    ids["lead"] = rep.ok("POST", "/api/v1/leads", {"name": "刘洋"})["id"]
    followed = rep.ok("POST", "/api/v1/leads", {"name": "王芳"})["id"]
    rep.ok("POST", f"/api/v1/leads/{followed}/followups", {"kind": "call", "note": "聊过"})
    # a contract in review (A), an approved one on C ending in 20 days, signed 2025-03-02
    k1 = rep.ok("POST", "/api/v1/contracts", {"customer": a, "name": "评审中",
                                              "total": "1000", "signed_date": day(-1)})["id"]
    act(rep, "contracts", k1, "submit")
    k2 = ids["k2"] = rep.ok("POST", "/api/v1/contracts", {
        "customer": c, "name": "年度", "total": "5000", "signed_date": "2025-03-02",
        "start_date": "2025-03-02", "end_date": day(20)})["id"]
    act(rep, "contracts", k2, "submit")
    act(mgr, "contracts", k2, "approve", {"comment": "同意"})
    plan = lambda amount, due: rep.ok("POST", "/api/v1/receivable_plans", {
        "contract": k2, "amount": amount, "due_date": due})["id"]
    ids["p_over"], ids["p_soon"], ids["p_later"] = (plan("100", day(-3)), plan("100", day(5)),
                                                    plan("100", day(20)))
    r = rep.ok("POST", "/api/v1/receivables", {"contract": k2, "plan": ids["p_later"],
                                                "amount": "50", "received_date": day(0)})
    act(rep, "receivables", r["id"], "submit")
    # a visit plan waiting for the manager
    rep.ok("POST", "/api/v1/activities", {"customer": b, "kind": "visit", "date": day(2),
                                          "status": "planned", "purpose": "了解采购计划"})
    # important dates of C: yearly in the window, once in it, once last year
    for dt, yearly in (("2020-03-03", True), (day(6), False), ("2026-03-04", False)):
        rep.ok("POST", "/api/v1/important_dates", {"customer": c, "kind": "anniversary",
                                                   "date": dt, "yearly": yearly})
    return ids


@pytest.fixture
def co(tmp_path, monkeypatch):
    monkeypatch.setenv("KEHU_TODAY", TODAY)
    s = Server(tmp_path)
    ids = s.add_company()
    ids["mgr_east"] = s.add_user("mgr_east", "manager", team="华东")
    ids["rep_e"] = s.add_user("rep_e", "sales", team="华东")
    ids["rep_w"] = s.add_user("rep_w", "sales", team="华西")
    # the pool takes a customer 5 days after its owner got it: every owned customer not
    # won nor locked is within the 7 days of pool.warn_days
    s.cli("settings", "set", "pool.release_after_days", "5")
    s.start()
    s.ids = ids
    s.c = {login: s.client(login) for login in ids}
    s.data = build(s)
    yield s
    s.stop()


def counts(cl):
    r = cl.ok("GET", "/api/v1/todos")
    assert set(r) == {"counts", "count_cap", "items"} and r["count_cap"] == 100
    assert r["counts"]["total"] == sum(r["counts"][k] for k in KINDS)
    assert cl.ok("GET", "/api/v1/todos?items=0") == {"counts": r["counts"], "count_cap": 100}
    return r["counts"]


def listed(cl, kind):
    r = cl.ok("GET", f"/api/v1/todos?kind={kind}&limit=200")
    assert r["kind"] == kind and len(r["items"]) == r["count"], r
    return r["items"]


def test_each_count_in_the_callers_scope(co):
    rep, rep_w, mgr, admin = co.c["rep_e"], co.c["rep_w"], co.c["mgr_east"], co.c["admin"]
    want_rep = {"followups_due": 4,        # A, its contact, B, the open task
                "leads_new": 1,
                "pool_soon": 3,            # A, B, F (C is won by its contract)
                "contracts_awaiting": 0, "receivables_awaiting": 0,
                "visit_plans_awaiting": 0,  # a rep decides nothing
                "receivables_due": 2,      # overdue and in 5 days; not in 20
                "contracts_expiring": 1,
                "key_accounts_overdue": 1,  # F, never contacted
                # the Feb-29 birthday, C's founding day and first deal, a yearly and a
                # one-off important date
                "dates_upcoming": 5}
    got = counts(rep)
    assert {k: got[k] for k in KINDS} == want_rep
    got_w = counts(rep_w)
    assert got_w["followups_due"] == 1 and got_w["pool_soon"] == 1
    assert got_w["total"] == 2
    got_m = counts(mgr)
    assert {k: got_m[k] for k in KINDS} == dict(want_rep, contracts_awaiting=1,
                                                 receivables_awaiting=1,
                                                 visit_plans_awaiting=1)
    got_a = counts(admin)
    assert got_a["followups_due"] == 5 and got_a["pool_soon"] == 4
    assert got_a["contracts_awaiting"] == 1 and got_a["visit_plans_awaiting"] == 1


def test_items_and_badges_agree(co):
    rep = co.c["rep_e"]
    d = co.data
    for cl in co.c.values():
        c = counts(cl)
        for kind in KINDS:
            assert len(listed(cl, kind)) == c[kind], kind
    items = listed(rep, "followups_due")
    assert [(i["id"], i["due"], i["overdue"]) for i in items] == [
        (f"contact:{d['ka']}", day(-2), True), (f"customer:{d['a']}", day(-2), True),
        (f"task:{d['task']}", day(-1), True), (f"customer:{d['b']}", day(0), False)]
    assert items[0]["customer_id"] == d["a"] and items[0]["customer_name"] == "甲公司"
    dates = listed(rep, "dates_upcoming")
    assert (f"birthday:{d['leap']}", "2027-02-28") in [(i["id"], i["due"]) for i in dates]
    assert {i["type"] for i in dates} == {"birthday", "founding", "first_deal",
                                          "important_date"}
    assert [i["id"] for i in listed(rep, "receivables_due")] == [
        f"plan:{d['p_over']}", f"plan:{d['p_soon']}"]
    # the first page and the cursor give the same list
    page1 = rep.ok("GET", "/api/v1/todos?kind=followups_due&limit=3")
    assert len(page1["items"]) == 3 and page1["count"] == 4 and page1["next_cursor"]
    page2 = rep.ok("GET", "/api/v1/todos?kind=followups_due&limit=3&cursor="
                   + page1["next_cursor"])
    assert [i["id"] for i in page1["items"] + page2["items"]] == [i["id"] for i in items]
    assert page2["next_cursor"] is None


def test_done_leaves_until_the_date_changes(co):
    rep = co.c["rep_e"]
    a = co.data["a"]
    body = {"kind": "followups_due", "id": f"customer:{a}"}
    assert rep.ok("POST", "/api/v1/todos/done", body, status=200)["done"] is True
    assert counts(rep)["followups_due"] == 3
    assert f"customer:{a}" not in [i["id"] for i in listed(rep, "followups_due")]
    # others' marks are their own: the manager still has it
    assert f"customer:{a}" in [i["id"] for i in listed(co.c["mgr_east"], "followups_due")]
    # a new next-contact date brings it back
    rep.ok("POST", "/api/v1/activities", {"customer": a, "kind": "call", "date": day(0),
                                          "status": "done", "subject": "再联系",
                                          "next_date": day(0)})
    assert counts(rep)["followups_due"] == 4


def test_snooze_until_a_day(co, monkeypatch):
    rep = co.c["rep_e"]
    body = {"kind": "leads_new", "id": f"lead:{co.data['lead']}", "until": day(3)}
    assert rep.ok("POST", "/api/v1/todos/snooze", body, status=200)["snoozed_until"] == day(3)
    assert counts(rep)["leads_new"] == 0
    assert f"lead:{co.data['lead']}" not in [i["id"] for i in listed(rep, "leads_new")]
    # on the day the snooze ends it is back
    co.stop()
    monkeypatch.setenv("KEHU_TODAY", day(3))
    co.start()
    assert counts(co.client("rep_e"))["leads_new"] == 1


def test_bad_input_changes_nothing(co):
    rep, rep_w = co.c["rep_e"], co.c["rep_w"]
    assert_error(rep.get("/api/v1/todos?kind=nope"), 400, "invalid", "kind")
    assert_error(rep.get("/api/v1/todos?kind=leads_new&limit=0"), 400, "invalid", "limit")
    assert_error(rep.get("/api/v1/todos?kind=leads_new&cursor=x"), 400, "invalid", "cursor")
    assert_error(rep.get("/api/v1/todos?colour=red"), 400, "invalid", "colour")
    assert_error(rep.get("/api/v1/todos?items=1"), 400, "invalid", "items")
    assert_error(rep.get("/api/v1/todos?cursor=x"), 400, "invalid", "cursor")
    post = lambda cl, path, body: cl.post("/api/v1/todos/" + path, body)
    assert_error(post(rep, "done", {"kind": "leads_new"}), 400, "invalid", "id")
    assert_error(post(rep, "done", {"kind": "leads_new", "id": "12"}), 400, "invalid", "id")
    assert_error(post(rep, "done", {"kind": "x", "id": "lead:1"}), 400, "invalid", "kind")
    assert_error(post(rep, "snooze", {"kind": "leads_new", "id": f"lead:{co.data['lead']}",
                                      "until": TODAY}), 400, "invalid", "until")
    assert_error(post(rep, "snooze", {"kind": "leads_new", "id": f"lead:{co.data['lead']}",
                                      "until": "2027-02-30"}), 400, "invalid", "until")
    # another rep's item does not exist for rep_w
    assert_error(post(rep_w, "done", {"kind": "followups_due",
                                      "id": f"customer:{co.data['a']}"}), 404, "not_found", "id")
    con = sqlite3.connect(co.db)
    assert con.execute("SELECT COUNT(*) FROM todo_marks").fetchone()[0] == 0
    con.close()


def test_a_count_stops_at_the_cap_and_the_list_goes_on(co):
    """A count stops at 100 ("99+" in the menu), what a kind reads for a badge; the list
    pages through every item, and below the cap the count is exact again."""
    rep = co.c["rep_e"]
    before = counts(rep)["followups_due"]
    assert before == 4
    for i in range(100):
        rep.ok("POST", "/api/v1/tasks", {"title": f"回访 {i}", "user": co.ids["rep_e"],
                                         "due_date": day(-1 - i % 30)})
    got = counts(rep)
    assert got["followups_due"] == 100
    assert got["total"] == sum(got[k] for k in KINDS)
    ids, cursor = [], None
    while True:
        page = rep.ok("GET", "/api/v1/todos?kind=followups_due&limit=37"
                      + (f"&cursor={cursor}" if cursor else ""))
        assert page["count"] == 100
        ids += [i["id"] for i in page["items"]]
        if not (cursor := page["next_cursor"]):
            break
    assert len(ids) == len(set(ids)) == 104
    # a done item leaves the list; the count stays at the cap until fewer remain
    for item in ids[:5]:
        rep.ok("POST", "/api/v1/todos/done", {"kind": "followups_due", "id": item}, status=200)
    assert counts(rep)["followups_due"] == 99
    assert len(listed(rep, "followups_due")) == 99
