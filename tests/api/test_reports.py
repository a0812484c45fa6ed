"""Daily and weekly reports (日报/周报, issue 14 part 3): the pre-fill against hand-built
activities, orders, contracts, receipts, customers, leads and tasks of one day (exact
counts and ids; another rep's records never appear), drafts submitted once, who sees
which report (404 for the others), comments, reads and who has not submitted.

The day is today (UTC): the pre-fill finds new customers and approvals by the day they
were written, which KEHU_TODAY does not move."""
import datetime

import pytest

from conftest import Server, assert_error

TODAY = datetime.datetime.now(datetime.timezone.utc).date()
D = TODAY.isoformat()


def day(n):
    return (TODAY + datetime.timedelta(days=n)).isoformat()


@pytest.fixture
def co(tmp_path):
    """总部 (admin, mgr_hq) above 华东 (mgr_east, rep_e, rep_e2) and 华西 (rep_w)."""
    s = Server(tmp_path)
    ids = s.add_company()
    ids["mgr_east"] = s.add_user("mgr_east", "manager", team="华东")
    ids["rep_e"] = s.add_user("rep_e", "sales", team="华东", name="王伟")
    ids["rep_e2"] = s.add_user("rep_e2", "sales", team="华东")
    ids["rep_w"] = s.add_user("rep_w", "sales", team="华西")
    s.start()
    s.ids = ids
    s.c = {login: s.client(login) for login in ids}
    yield s
    s.stop()


def new_report(cl, **body):
    return cl.ok("POST", "/api/v1/reports", {"kind": "daily", "period_start": D, **body})


def build_day(co):
    """rep_e's day D, other days' and other people's records around it."""
    rep, west = co.c["rep_e"], co.c["rep_w"]
    a = rep.ok("POST", "/api/v1/customers", {"name": "北京华信科技有限公司"})["id"]
    b = rep.ok("POST", "/api/v1/customers", {"name": "杭州云帆网络有限公司"})["id"]
    c = west.ok("POST", "/api/v1/customers", {"name": "成都天府软件有限公司"})["id"]

    def act(cl, cid, kind, date, **f):
        return cl.ok("POST", "/api/v1/activities", {"customer": cid, "kind": kind,
                                                    "date": date, **f})["id"]
    visit = act(rep, a, "visit", D, status="done", subject="了解采购计划", report="市场需求稳定",
                next_step="报价", next_date=day(1))
    call = act(rep, b, "call", D, status="done", note="电话确认需求")
    note = act(rep, a, "note", D, status="done", note="内部备注")
    act(rep, a, "visit", day(-1), status="done", subject="昨天的拜访")
    act(rep, b, "visit", D, status="planned", subject="未完成的拜访")
    act(co.c["admin"], b, "call", D, status="done", subject="管理员的电话")
    act(west, c, "visit", D, status="done", subject="华西的拜访")
    order = rep.ok("POST", "/api/v1/orders", {"customer": a, "date": D, "amount": "1234.50"})
    rep.ok("POST", "/api/v1/orders", {"customer": a, "date": day(-1), "amount": "9"})
    west.ok("POST", "/api/v1/orders", {"customer": c, "date": D, "amount": "77"})
    k = rep.ok("POST", "/api/v1/contracts", {"customer": b, "name": "年度采购", "signed_date": D,
                                             "total": "500"})["id"]
    assert rep.post(f"/api/v1/contracts/{k}/submit", {}).status_code == 200
    r = co.c["mgr_east"].post(f"/api/v1/contracts/{k}/approve", {"comment": "同意"})
    assert r.status_code == 200, r.text
    made = [o["id"] for o in rep.ok("GET", "/api/v1/orders?per_page=100")["items"]
            if o.get("contract") == k]
    assert len(made) == 1
    receipt = rep.ok("POST", "/api/v1/receivables", {"contract": k, "amount": "100",
                                                     "received_date": D})["id"]
    lead = rep.ok("POST", "/api/v1/leads", {"name": "刘洋", "company": "杭州云帆"})["id"]
    west.ok("POST", "/api/v1/leads", {"name": "华西线索"})
    task = rep.ok("POST", "/api/v1/tasks", {"title": "发送报价单", "customer": a,
                                            "due_date": day(1)})["id"]
    rep.ok("POST", "/api/v1/tasks", {"title": "下下周的事", "due_date": day(9)})
    return dict(a=a, b=b, visit=visit, call=call, note=note, order=order["id"],
                made=made[0], k=k, receipt=receipt, lead=lead, task=task)


def test_prefill_counts_and_ids_of_the_day(co):
    ids = build_day(co)
    p = co.c["rep_e"].ok("GET", f"/api/v1/reports/prefill?kind=daily&date={D}",
                         headers={"Accept-Language": "zh-CN"})
    assert (p["period_start"], p["period_end"], p["next_from"]) == (D, D, day(1))
    assert p["counts"] == {
        "activities": 3, "by_kind": {"visit": 1, "call": 1, "note": 1},
        "customers_contacted": 2, "followups": 2, "next_contacts_set": 1,
        "orders": 2, "orders_amount": "1734.50", "contracts_signed": 1,
        "contracts_signed_amount": "500.00", "contracts_approved": 1,
        "contracts_approved_amount": "500.00", "receipts": 1, "receipts_amount": "100.00",
        "new_customers": 2, "new_leads": 1, "next_contacts": 1, "tasks_due": 1}
    assert [x["id"] for x in p["activities"]] == [ids["visit"], ids["call"], ids["note"]]
    assert p["followups"] == [ids["visit"], ids["call"]]
    assert [(g["customer_id"], g["count"], g["activity_ids"]) for g in p["by_customer"]] == [
        (ids["a"], 2, [ids["visit"], ids["note"]]), (ids["b"], 1, [ids["call"]])]
    assert [(n["activity_id"], n["next_date"], n["next_step"])
            for n in p["next_contacts_set"]] == [(ids["visit"], day(1), "报价")]
    assert sorted(x["id"] for x in p["orders"]) == sorted([ids["order"], ids["made"]])
    assert [x["id"] for x in p["contracts_signed"]] == [ids["k"]]
    assert [x["id"] for x in p["contracts_approved"]] == [ids["k"]]
    assert [(x["id"], x["amount"]) for x in p["receipts"]] == [(ids["receipt"], "100.00")]
    assert [x["id"] for x in p["new_customers"]] == [ids["a"], ids["b"]]
    assert [x["id"] for x in p["new_leads"]] == [ids["lead"]]
    assert [(x["type"], x["id"], x["date"]) for x in p["next_contacts"]] == [
        ("customer", ids["a"], day(1))]
    assert [x["id"] for x in p["tasks_due"]] == [ids["task"]]
    # the suggested texts: the day's content in 中文, the plan from the next day
    work = p["work_done"]
    assert "联系客户 2 家" in work and "北京华信科技有限公司（拜访）：了解采购计划；市场需求稳定；报价" in work
    assert "杭州云帆网络有限公司（电话）：电话确认需求" in work
    assert "新建订单 2 笔，金额 1734.50 元" in work and "回款 1 笔，金额 100.00 元" in work
    assert "新增线索 1 条：刘洋" in work
    for other in ("华西", "成都", "管理员", "昨天", "未完成", "1234.50 元："):
        assert other not in work, other
    assert p["plan"] == (f"1. {day(1)} 联系 北京华信科技有限公司：报价\n"
                         f"2. {day(1)} 任务：发送报价单（北京华信科技有限公司）")
    en = co.c["rep_e"].ok("GET", f"/api/v1/reports/prefill?date={D}",
                          headers={"Accept-Language": "en"})
    assert "2 contacted (customers and leads)" in en["work_done"] and "(visit)" in en["work_done"]
    assert en["plan"].startswith(f"1. {day(1)} Contact 北京华信科技有限公司: 报价")
    # another rep's day is theirs alone
    w = co.c["rep_w"].ok("GET", f"/api/v1/reports/prefill?date={D}")
    assert (w["counts"]["activities"], w["counts"]["orders"], w["counts"]["new_customers"],
            w["counts"]["new_leads"]) == (1, 1, 1, 1)
    assert all("成都" in x["customer_name"] for x in w["activities"] + w["orders"])


def test_prefill_weekly_and_bad_arguments(co):
    ids = build_day(co)
    monday = TODAY - datetime.timedelta(days=TODAY.weekday())
    p = co.c["rep_e"].ok("GET", f"/api/v1/reports/prefill?kind=weekly&date={monday}")
    assert p["period_end"] == (monday + datetime.timedelta(days=6)).isoformat()
    # the whole week holds today's three and, when in the week, yesterday's visit
    assert p["counts"]["activities"] == (4 if TODAY.weekday() > 0 else 3)
    assert ids["visit"] in [x["id"] for x in p["activities"]]
    rep = co.c["rep_e"]
    # a lead's follow-up is grouped under the lead
    f = rep.ok("POST", f"/api/v1/leads/{ids['lead']}/followups", {"kind": "call", "date": D,
                                                                 "note": "约了上门"})
    p = rep.ok("GET", f"/api/v1/reports/prefill?date={D}")
    assert [(g["customer_id"], g["lead_id"], g["name"], g["activity_ids"])
            for g in p["by_customer"]][-1] == (None, ids["lead"], "刘洋", [f["id"]])
    assert (p["counts"]["activities"], p["counts"]["customers_contacted"]) == (4, 3)
    if TODAY.weekday() != 0:
        assert_error(rep.get(f"/api/v1/reports/prefill?kind=weekly&date={D}"), 400,
                     "invalid", "date")
    assert_error(rep.get("/api/v1/reports/prefill?kind=monthly"), 400, "invalid", "kind")
    assert_error(rep.get("/api/v1/reports/prefill?date=2026-02-30"), 400, "invalid", "date")
    assert_error(rep.get("/api/v1/reports/prefill?who=1"), 400, "invalid", "who")


def test_submit_once_and_fields_checked(co):
    rep = co.c["rep_e"]
    r = new_report(rep, gains="签了一单")
    assert (r["status"], r["kind"], r["period_start"], r["author"]) == ("draft", "daily", D, "王伟")
    assert r["editable"] is True
    assert_error(rep.post("/api/v1/reports", {"kind": "daily", "period_start": D}), 409,
                 "conflict", "period_start")
    assert_error(rep.post(f"/api/v1/reports/{r['id']}/submit", {}), 400, "invalid", "work_done")
    assert_error(rep.patch(f"/api/v1/reports/{r['id']}", {"losses": "x" * 4001}), 400,
                 "invalid", "losses")
    assert_error(rep.patch(f"/api/v1/reports/{r['id']}", {"kind": "weekly"}), 400, "invalid",
                 "kind")
    assert_error(rep.patch(f"/api/v1/reports/{r['id']}", {"mood": "好"}), 400, "invalid", "mood")
    assert_error(rep.patch(f"/api/v1/reports/{r['id']}", {"plan": 3}), 400, "invalid", "plan")
    # a manager who sees it still may not write it
    assert_error(co.c["mgr_east"].patch(f"/api/v1/reports/{r['id']}", {"plan": "x"}), 403,
                 "forbidden", "author")
    r = rep.ok("PATCH", f"/api/v1/reports/{r['id']}", {"work_done": "拜访两家", "losses": "y" * 4000})
    assert (r["work_done"], len(r["losses"]), r["gains"]) == ("拜访两家", 4000, "签了一单")
    s = rep.ok("POST", f"/api/v1/reports/{r['id']}/submit", {}, status=200)
    assert s["status"] == "submitted" and s["submitted_at"] and s["editable"] is False
    assert_error(rep.post(f"/api/v1/reports/{r['id']}/submit", {}), 409, "conflict", "status")
    assert_error(rep.patch(f"/api/v1/reports/{r['id']}", {"plan": "改"}), 409, "conflict",
                 "status")
    assert rep.ok("GET", f"/api/v1/reports/{r['id']}")["work_done"] == "拜访两家"
    # weekly ones start on a Monday; unknown kinds and members are refused
    monday = TODAY - datetime.timedelta(days=TODAY.weekday())
    w = rep.ok("POST", "/api/v1/reports", {"kind": "weekly", "period_start": str(monday)})
    assert w["period_start"] == str(monday)
    assert_error(rep.post("/api/v1/reports", {"kind": "weekly", "period_start":
                                              str(monday + datetime.timedelta(days=2))}),
                 400, "invalid", "period_start")
    assert_error(rep.post("/api/v1/reports", {"kind": "yearly"}), 400, "invalid", "kind")
    assert_error(rep.post("/api/v1/reports", {"period_start": D}), 400, "invalid", "kind")
    assert_error(rep.post("/api/v1/reports", {"kind": "daily", "status": "submitted"}), 400,
                 "invalid", "status")
    listed = rep.ok("GET", "/api/v1/reports")
    assert listed["total"] == 2 and {x["id"] for x in listed["items"]} == {w["id"], r["id"]}
    assert [x["id"] for x in rep.ok("GET", "/api/v1/reports?kind=weekly")["items"]] == [w["id"]]


def test_scope_comments_reads_and_the_missing(co):
    c = co.c
    mine = new_report(c["rep_e"], work_done="拜访华信")["id"]
    west = new_report(c["rep_w"], work_done="拜访天府")["id"]
    draft = new_report(c["rep_e2"], work_done="草稿")["id"]
    c["rep_e"].ok("POST", f"/api/v1/reports/{mine}/submit", {}, status=200)
    c["rep_w"].ok("POST", f"/api/v1/reports/{west}/submit", {}, status=200)
    # a rep sees their own only: a colleague's report does not exist for them
    for login, rid in (("rep_e", west), ("rep_e2", mine), ("rep_w", mine)):
        assert_error(c[login].get(f"/api/v1/reports/{rid}"), 404, "not_found", "id")
        assert_error(c[login].post(f"/api/v1/reports/{rid}/comments", {"body": "hi"}), 404)
        assert_error(c[login].patch(f"/api/v1/reports/{rid}", {"plan": "x"}), 404)
    assert [x["id"] for x in c["rep_e2"].ok("GET", "/api/v1/reports")["items"]] == [draft]
    assert c["rep_e2"].ok("GET", f"/api/v1/reports?author={co.ids['rep_e']}")["total"] == 0
    # the manager sees the team's, not the other department's
    team = c["mgr_east"].ok("GET", f"/api/v1/reports?kind=daily&from={D}&to={D}")
    assert sorted(x["id"] for x in team["items"]) == sorted([mine, draft])
    assert all(x["read_by_me"] is False for x in team["items"])
    assert c["mgr_east"].ok("GET", "/api/v1/reports?status=submitted")["total"] == 1
    assert_error(c["mgr_east"].get(f"/api/v1/reports/{west}"), 404)
    assert c["admin"].ok("GET", "/api/v1/reports")["total"] == 3
    # reading is recorded for the manager, not for the author
    c["rep_e"].ok("GET", f"/api/v1/reports/{mine}")
    got = c["mgr_east"].ok("GET", f"/api/v1/reports/{mine}")
    assert [x["reader_id"] for x in got["reads"]] == [co.ids["mgr_east"]]
    assert c["mgr_east"].ok("GET", "/api/v1/reports?status=submitted")["items"][0]["read_by_me"]
    # comments: the manager, then the author's reply
    r = c["mgr_east"].ok("POST", f"/api/v1/reports/{mine}/comments", {"body": "报价要跟紧"})
    r = c["rep_e"].ok("POST", f"/api/v1/reports/{mine}/comments", {"body": "明天就发"})
    assert [(x["author_id"], x["body"]) for x in r["comments"]] == [
        (co.ids["mgr_east"], "报价要跟紧"), (co.ids["rep_e"], "明天就发")]
    assert_error(c["rep_e"].post(f"/api/v1/reports/{mine}/comments", {"body": " "}), 400,
                 "invalid", "body")
    assert_error(c["rep_e"].post(f"/api/v1/reports/{mine}/comments", {"body": "x" * 2001}),
                 400, "invalid", "body")
    assert [x["comments"] for x in c["mgr_east"].ok("GET", "/api/v1/reports?status=submitted")
            ["items"]] == [2]
    # who has not submitted today: in the manager's scope, the draft's author and himself
    m = c["mgr_east"].ok("GET", f"/api/v1/reports/missing?kind=daily&date={D}")
    assert (m["expected"], m["submitted"]) == (3, 1)
    assert [(x["login"], x["status"], x["report_id"]) for x in m["missing"]] == [
        ("mgr_east", None, None), ("rep_e2", "draft", draft)]
    everyone = c["admin"].ok("GET", f"/api/v1/reports/missing?date={D}")
    assert (everyone["expected"], everyone["submitted"]) == (5, 2)
    assert [x["login"] for x in everyone["missing"]] == ["mgr_east", "mgr_hq", "rep_e2"]
    assert_error(c["rep_e"].get(f"/api/v1/reports/missing?date={D}"), 403, "forbidden")
    assert_error(c["mgr_east"].get("/api/v1/reports/missing?kind=daily&date=x"), 400,
                 "invalid", "date")
