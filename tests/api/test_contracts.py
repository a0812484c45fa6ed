"""Contracts (合同), payment plans (回款计划) and receipts (回款) through the API (issue 13):
numbers from the pattern setting with a daily sequence, lines and discount, the approval
state machine and who may decide, the order an approval makes (and its cancel), the
receipts' limit against the contract, and the plans' computed status.

KEHU_TODAY fixes the day: the numbers and the overdue plans depend on it."""
import sqlite3

import pytest

from conftest import Server, assert_error

TODAY = "2026-06-30"


@pytest.fixture
def co(tmp_path, monkeypatch):
    """总部 (admin, mgr_hq) above 华东 (mgr_east, rep_e, lead_e) and 华西 (rep_w); 华东一组
    below 华东 is led by lead_e, a sales rep, and holds rep_s. Reps see their own and
    their subordinates' customers (scope.sales own_and_subordinates), so lead_e sees
    rep_s's customers and nobody else's."""
    monkeypatch.setenv("KEHU_TODAY", TODAY)
    s = Server(tmp_path)
    ids = s.add_company()
    ids["mgr_east"] = s.add_user("mgr_east", "manager", team="华东")
    ids["rep_e"] = s.add_user("rep_e", "sales", team="华东")
    ids["lead_e"] = s.add_user("lead_e", "sales", team="华东")
    s.cli("team", "add", "华东一组", "--parent", "华东", "--leader", "lead_e")
    ids["rep_s"] = s.add_user("rep_s", "sales", team="华东一组")
    ids["rep_w"] = s.add_user("rep_w", "sales", team="华西")
    s.cli("settings", "set", "scope.sales", "own_and_subordinates")
    s.start()
    s.ids = ids
    s.c = {login: s.client(login) for login in ids}
    s.product = s.c["admin"].ok("POST", "/api/v1/products", {
        "name": "压力传感器", "unit_price": "890", "unit_cost": "489.50"})["id"]
    yield s
    s.stop()


def customer_of(co, login, name="杭州云帆网络有限公司"):
    return co.c[login].ok("POST", "/api/v1/customers", {"name": name})["id"]


def contract(co, login, cid, **fields):
    body = {"customer": cid, "name": "年度采购", "signed_date": "2026-06-01", **fields}
    if "lines" not in body and "total" not in body:
        body["lines"] = [{"product": co.product, "quantity": 10}]
    return co.c[login].ok("POST", "/api/v1/contracts", body)


def act(cl, what, oid, verb, body=None):
    return cl.post(f"/api/v1/{what}/{oid}/{verb}", body if body is not None else {})


def approved(co, login, cid, approver="mgr_east", **fields):
    k = contract(co, login, cid, **fields)
    assert act(co.c[login], "contracts", k["id"], "submit").status_code == 200
    r = act(co.c[approver], "contracts", k["id"], "approve", {"comment": "同意"})
    assert r.status_code == 200, r.text
    return r.json()


def audit(co, entity, oid):
    con = sqlite3.connect(co.db)
    rows = con.execute("SELECT action FROM audit_log WHERE entity = ? AND entity_id = ?"
                       " ORDER BY id", (entity, oid)).fetchall()
    con.close()
    return [r[0] for r in rows]


def test_numbers_follow_the_pattern_and_the_day(co):
    cid = customer_of(co, "rep_s")
    first = contract(co, "rep_s", cid)
    second = contract(co, "rep_s", cid, total="100")
    assert (first["number"], second["number"]) == ("HT20260630001", "HT20260630002")
    kept = contract(co, "rep_s", cid, total="1", number="HT-手写-1")
    assert kept["number"] == "HT-手写-1"
    assert_error(co.c["rep_s"].post("/api/v1/contracts", {
        "customer": cid, "name": "x", "number": "HT20260630001"}), 409, "conflict", "number")
    # a deleted contract keeps its number taken
    co.c["rep_s"].ok("DELETE", f"/api/v1/contracts/{second['id']}")
    assert contract(co, "rep_s", cid, total="1")["number"] == "HT20260630003"
    co.c["admin"].ok("PATCH", "/api/v1/settings", {"contract.number_pattern": "C{yyyy}-{seq:4}"})
    assert contract(co, "rep_s", cid, total="1")["number"] == "C2026-0001"
    co.c["admin"].ok("PATCH", "/api/v1/settings", {"contract.number_pattern": "C{week}{seq:2}"})
    assert_error(co.c["rep_s"].post("/api/v1/contracts", {"customer": cid, "name": "x"}),
                 400, "invalid", "number")
    # receipts have their own pattern
    k = approved(co, "rep_s", cid, total="500", number="K1")
    r = co.c["rep_s"].ok("POST", "/api/v1/receivables", {
        "contract": k["id"], "amount": "10", "received_date": "2026-06-10"})
    assert r["number"] == "HK20260630001" and r["customer"] == cid


def test_lines_discount_and_total(co):
    cid = customer_of(co, "rep_s")
    k = contract(co, "rep_s", cid, discount="12.50",
                 lines=[{"product": co.product, "quantity": 10}])
    assert (k["total"], k["discount"]) == ("7787.50", "12.50")
    got = co.c["rep_s"].ok("GET", f"/api/v1/contracts/{k['id']}")
    assert [(li["quantity"], li["unit_price"], li["amount"]) for li in got["lines"]] == [
        (10, "890.00", "8900.00")]
    assert got["remaining"] == "7787.50" and got["order"] is None
    # the total follows the lines and the discount; one that disagrees is refused
    assert co.c["rep_s"].ok("PATCH", f"/api/v1/contracts/{k['id']}",
                            {"discount": "10"})["total"] == "8010.00"
    assert_error(co.c["rep_s"].patch(f"/api/v1/contracts/{k['id']}", {"total": "5"}),
                 400, "invalid", "total")
    changed = co.c["rep_s"].ok("PATCH", f"/api/v1/contracts/{k['id']}", {
        "lines": [{"product": co.product, "quantity": 1, "unit_price": "1000"}]})
    assert changed["total"] == "900.00" and len(changed["lines"]) == 1
    # another team's contract is missing, whatever its lines say
    assert_error(co.c["rep_w"].patch(f"/api/v1/contracts/{k['id']}", {
        "lines": [{"product": 999999, "quantity": 1}]}), 404)
    assert_error(co.c["rep_s"].post("/api/v1/contracts", {
        "customer": cid, "name": "x", "total": "1", "lines": [{"product": co.product,
                                                               "quantity": 2}]}),
        400, "invalid", "total")
    # without lines the total is entered
    assert contract(co, "rep_s", cid, total="12345.67")["total"] == "12345.67"
    other = customer_of(co, "rep_s", "另一家公司")
    signer = co.c["rep_s"].ok("POST", "/api/v1/contacts", {"customer": other, "name": "张三"})
    for body, field in [({"discount": "100.01"}, "discount"), ({"discount": "1.234"}, "discount"),
                        ({"start_date": "2026-07-01", "end_date": "2026-06-30"}, "end_date"),
                        ({"signed_date": "2026-13-45"}, "signed_date"),
                        ({"customer_signer": signer["id"]}, "customer_signer"),
                        ({"status": "approved"}, "status"),
                        ({"lines": [{"product": co.product, "quantity": 0}]}, "lines[0]")]:
        r = co.c["rep_s"].post("/api/v1/contracts", {"customer": cid, "name": "x", **body})
        assert_error(r, 400, "invalid", field)


def test_a_contract_from_an_opportunity(co):
    cid = customer_of(co, "rep_s")
    opp = co.c["rep_s"].ok("POST", "/api/v1/opportunities", {
        "customer": cid, "name": "云帆二期", "amount": "120000", "stage": "won"})
    k = co.c["rep_s"].ok("POST", "/api/v1/contracts", {"opportunity": opp["id"]})
    assert (k["customer"], k["name"], k["total"], k["opportunity"]) == (
        cid, "云帆二期", "120000.00", opp["id"])
    # one of a customer the caller cannot see is refused like a missing one
    assert_error(co.c["rep_w"].post("/api/v1/contracts", {"opportunity": opp["id"]}), 404)


def test_only_drafts_are_edited_and_submitted(co):
    cid = customer_of(co, "rep_s")
    k = contract(co, "rep_s", cid)["id"]
    rep = co.c["rep_s"]
    # who may decide is asked first: the owner is refused whatever the state
    assert_error(act(rep, "contracts", k, "approve"), 403, "forbidden")
    assert_error(act(co.c["lead_e"], "contracts", k, "approve"), 409, "conflict", "status")
    assert act(rep, "contracts", k, "submit").json()["status"] == "review"
    assert_error(act(rep, "contracts", k, "submit"), 409, "conflict", "status")
    assert_error(rep.patch(f"/api/v1/contracts/{k}", {"note": "改"}), 409, "conflict", "status")
    assert_error(rep.patch(f"/api/v1/contracts/{k}", {
        "lines": [{"product": co.product, "quantity": 1}]}), 409, "conflict", "status")
    assert_error(act(rep, "contracts", k, "cancel"), 409, "conflict", "status")
    # writing what is there already is no change
    assert rep.ok("PATCH", f"/api/v1/contracts/{k}", {"name": "年度采购"})["status"] == "review"
    # a rejection needs a comment; rejected may be edited and submitted again
    assert_error(act(co.c["lead_e"], "contracts", k, "reject"), 400, "invalid", "comment")
    assert_error(act(co.c["lead_e"], "contracts", k, "reject", {"comment": "x" * 501}),
                 400, "invalid", "comment")
    assert_error(act(co.c["lead_e"], "contracts", k, "reject", {"why": "x"}), 400, "invalid")
    r = act(co.c["lead_e"], "contracts", k, "reject", {"comment": "折扣太高"}).json()
    assert (r["status"], r["approval_comment"], r["approver"]) == (
        "rejected", "折扣太高", co.ids["lead_e"])
    assert rep.ok("PATCH", f"/api/v1/contracts/{k}", {"discount": "2"})["status"] == "rejected"
    again = act(rep, "contracts", k, "submit").json()
    assert (again["status"], again["approval_comment"], again["approver"]) == (
        "review", None, None)
    assert audit(co, "contract", k) == ["create", "submit", "reject", "update", "submit"]


def test_who_approves(co):
    cid = customer_of(co, "rep_s")
    ks = [contract(co, "rep_s", cid)["id"] for _ in range(4)]
    for k in ks:
        act(co.c["rep_s"], "contracts", k, "submit")
    # the owner, a rep of another team, a rep of the team above who is not its leader
    assert_error(act(co.c["rep_s"], "contracts", ks[0], "approve"), 403, "forbidden")
    assert_error(act(co.c["rep_w"], "contracts", ks[0], "approve"), 404)
    assert_error(act(co.c["rep_e"], "contracts", ks[0], "approve"), 404)
    # the queue: what each may decide, within what each sees
    queue = lambda login: sorted(i["id"] for i in co.c[login].ok(
        "GET", "/api/v1/contracts?awaiting=me")["items"])
    assert queue("lead_e") == ks and queue("mgr_east") == ks and queue("admin") == ks
    assert queue("rep_s") == [] and queue("rep_w") == [] and queue("rep_e") == []
    assert co.c["rep_w"].ok("GET", "/api/v1/contracts?status=review")["total"] == 0
    assert_error(co.c["rep_s"].get("/api/v1/contracts?awaiting=you"), 400, "invalid", "awaiting")
    assert_error(co.c["rep_s"].get("/api/v1/orders?awaiting=me"), 400, "invalid", "awaiting")
    # the team's leader, a manager over the owner, a manager above
    for login, k in [("lead_e", ks[0]), ("mgr_east", ks[1]), ("mgr_hq", ks[2])]:
        r = act(co.c[login], "contracts", k, "approve", {"comment": "同意"})
        assert r.status_code == 200, (login, r.text)
        assert r.json()["approver"] == co.ids[login] and r.json()["decided_at"]
    assert queue("lead_e") == [ks[3]]
    # a manager's own contract: not by themselves, by the admin, who may approve their own
    mine = contract(co, "mgr_east", customer_of(co, "mgr_east", "经理的客户"))["id"]
    act(co.c["mgr_east"], "contracts", mine, "submit")
    assert_error(act(co.c["mgr_east"], "contracts", mine, "approve"), 403)
    assert mine not in queue("mgr_east")
    own = contract(co, "admin", customer_of(co, "admin", "总部客户"))["id"]
    act(co.c["admin"], "contracts", own, "submit")
    assert act(co.c["admin"], "contracts", own, "approve").status_code == 200


def listed_customer(co, login, cid):
    items = co.c[login].ok("GET", "/api/v1/customers?per_page=500")["items"]
    return next(i for i in items if i["id"] == cid)


def test_approval_wins_the_customer_and_makes_one_order(co):
    cid = customer_of(co, "rep_s")
    assert listed_customer(co, "rep_s", cid)["won_on"] is None
    k = approved(co, "rep_s", cid, discount="5")
    assert k["status"] == "approved" and k["order"]
    orders = co.c["rep_s"].ok("GET", f"/api/v1/orders?customer={cid}")
    assert orders["total"] == 1
    o = co.c["rep_s"].ok("GET", f"/api/v1/orders/{k['order']}")
    assert (o["amount"], o["date"], o["status"], o["contract"], o["owner"]) == (
        "8455.00", "2026-06-01", "confirmed", k["id"], co.ids["rep_s"])
    assert o["cost"] == "4895.00" and len(o["lines"]) == 1
    c = listed_customer(co, "rep_s", cid)
    assert c["won_on"] == "2026-06-01"
    assert c["metrics"]["revenue_12m"] == "8455.00", c["metrics"]
    # the order is the contract's: a second approval cannot happen, the contract is done
    assert_error(act(co.c["mgr_east"], "contracts", k["id"], "approve"), 409)
    assert_error(co.c["rep_s"].patch(f"/api/v1/orders/{k['order']}", {"contract": 1}), 400)
    # cancelling it cancels its order, by a superior only
    assert_error(act(co.c["rep_s"], "contracts", k["id"], "cancel"), 403)
    assert_error(co.c["rep_s"].delete(f"/api/v1/contracts/{k['id']}"), 409, "conflict")
    assert act(co.c["mgr_east"], "contracts", k["id"], "cancel").json()["status"] == "cancelled"
    assert co.c["rep_s"].ok("GET", f"/api/v1/orders/{k['order']}")["status"] == "cancelled"
    assert listed_customer(co, "rep_s", cid)["won_on"] is None
    assert co.c["rep_s"].ok("GET", f"/api/v1/orders?customer={cid}&status=confirmed")["total"] == 0
    # a draft may be cancelled by its owner, and deleted
    d = contract(co, "rep_s", cid)["id"]
    assert act(co.c["rep_s"], "contracts", d, "cancel").json()["status"] == "cancelled"
    co.c["rep_s"].ok("DELETE", f"/api/v1/contracts/{d}")


def test_receipts_need_an_approved_contract_and_stay_within_it(co):
    cid = customer_of(co, "rep_s")
    rep = co.c["rep_s"]
    draft = contract(co, "rep_s", cid, total="1000")
    r = rep.post("/api/v1/receivables", {"contract": draft["id"], "amount": "10",
                                        "received_date": "2026-06-10"})
    assert "approved" in assert_error(r, 400, "invalid", "contract")["message"]
    k = approved(co, "rep_s", cid, total="1000")["id"]
    body = {"contract": k, "received_date": "2026-06-10", "method": "alipay"}
    a = rep.ok("POST", "/api/v1/receivables", {**body, "amount": "600"})
    assert (a["status"], a["method"], a["owner"]) == ("draft", "alipay", co.ids["rep_s"])
    assert act(rep, "receivables", a["id"], "submit").json()["status"] == "review"
    # the receipt in review counts; a draft does not
    err = assert_error(rep.post("/api/v1/receivables", {**body, "amount": "500"}),
                       400, "invalid", "amount")
    assert err["message"] == "the amount exceeds the contract total; 400.00 yuan remain"
    b = rep.ok("POST", "/api/v1/receivables", {**body, "amount": "400"})
    c = rep.ok("POST", "/api/v1/receivables", {**body, "amount": "400"})
    assert act(rep, "receivables", b["id"], "submit").status_code == 200
    # c was fine as a draft; submitted now it would pass the contract
    err = assert_error(act(rep, "receivables", c["id"], "submit"), 400, "invalid", "amount")
    assert "0.00 yuan remain" in err["message"]
    assert_error(rep.patch(f"/api/v1/receivables/{c['id']}", {"amount": "0"}),
                 400, "invalid", "amount")
    assert_error(rep.patch(f"/api/v1/receivables/{b['id']}", {"amount": "1"}),
                 409, "conflict", "status")
    for bad, field in [({"amount": "-1"}, "amount"), ({"method": "bitcoin"}, "method"),
                       ({"received_date": "2026-02-30"}, "received_date"),
                       ({"status": "approved"}, "status"),
                       ({"customer": customer_of(co, "rep_s", "别家")}, "contract")]:
        assert_error(rep.post("/api/v1/receivables", {**body, "amount": "1", **bad}),
                     400, "invalid", field)
    # approved: not deleted; the contract with receipts: not deleted nor cancelled
    act(co.c["lead_e"], "receivables", a["id"], "approve")
    assert_error(rep.delete(f"/api/v1/receivables/{a['id']}"), 409, "conflict", "status")
    rep.ok("DELETE", f"/api/v1/receivables/{c['id']}")
    assert_error(act(co.c["mgr_east"], "contracts", k, "cancel"), 409, "conflict", "status")
    assert_error(rep.delete(f"/api/v1/contracts/{k}"), 409, "conflict")
    assert rep.ok("GET", f"/api/v1/contracts/{k}")["remaining"] == "0.00"
    assert [i["id"] for i in co.c["lead_e"].ok(
        "GET", "/api/v1/receivables?awaiting=me")["items"]] == [b["id"]]
    assert co.c["rep_w"].ok("GET", f"/api/v1/receivables?awaiting=me")["total"] == 0
    assert_error(co.c["rep_w"].get(f"/api/v1/receivables/{a['id']}"), 404)


def test_plan_status(co):
    cid = customer_of(co, "rep_s")
    rep = co.c["rep_s"]
    k = approved(co, "rep_s", cid, total="1000")["id"]
    plan = lambda period, amount, due: rep.ok("POST", "/api/v1/receivable_plans", {
        "contract": k, "period": period, "amount": amount, "due_date": due})
    p1, p2, p3, p4 = (plan(1, "300", "2026-05-31"), plan(2, "300", "2026-07-31"),
                      plan(3, "200", "2026-06-15"), plan(4, "200", "2026-09-30"))
    assert (p1["customer"], p1["remind_days"], p1["received"]) == (cid, 3, "0.00")
    assert [p["status"] for p in (p1, p2, p3, p4)] == ["overdue", "pending", "overdue",
                                                        "pending"]

    def receipt(p, amount, day):
        r = rep.ok("POST", "/api/v1/receivables", {"contract": k, "plan": p["id"],
                                                  "amount": amount, "received_date": day})
        act(rep, "receivables", r["id"], "submit")
        assert act(co.c["mgr_east"], "receivables", r["id"], "approve").status_code == 200
        return r["id"]

    receipt(p1, "100", "2026-06-02")
    receipt(p1, "200", "2026-06-05")
    r3 = receipt(p3, "50", "2026-06-20")
    got = {p["id"]: p for p in rep.ok("GET", f"/api/v1/receivable_plans?contract={k}")["items"]}
    assert (got[p1["id"]]["status"], got[p1["id"]]["received"], got[p1["id"]]["paid_date"]) == (
        "paid", "300.00", "2026-06-05")
    assert (got[p3["id"]]["status"], got[p3["id"]]["received"]) == ("partly_paid", "50.00")
    listed = lambda status: sorted(p["id"] for p in rep.ok(
        "GET", f"/api/v1/receivable_plans?status={status}")["items"])
    assert listed("paid") == [p1["id"]]
    assert listed("partly_paid") == [p3["id"]]
    assert listed("pending") == sorted([p2["id"], p4["id"]])
    assert listed("overdue") == []
    assert_error(rep.get("/api/v1/receivable_plans?status=late"), 400, "invalid", "status")
    # a receipt of another contract's plan is refused
    other = approved(co, "rep_s", cid, total="10")["id"]
    assert_error(rep.post("/api/v1/receivables", {"contract": other, "plan": p2["id"],
                                                 "amount": "1", "received_date": "2026-06-01"}),
                 400, "invalid", "plan")
    # cancelling an approved receipt takes it back from the plan
    act(co.c["mgr_east"], "receivables", r3, "cancel")
    p = rep.ok("GET", f"/api/v1/receivable_plans/{p3['id']}")
    assert (p["status"], p["received"]) == ("overdue", "0.00")
    assert_error(rep.post("/api/v1/receivable_plans", {"contract": k, "amount": "1",
                                                      "due_date": "2026-07-01",
                                                      "received": "1"}),
                 400, "invalid", "received")
    # the plans are the payments: the old route answers with the old fields
    pay = rep.ok("GET", f"/api/v1/payments/{p1['id']}")
    assert set(pay) == {"id", "order", "customer", "amount", "due_date", "paid_date",
                        "created_at", "updated_at"}
    assert pay["paid_date"] == "2026-06-05" and pay["order"] is None


def test_a_merge_moves_contracts_plans_and_receipts(co):
    keep = customer_of(co, "rep_s", "北京华信科技有限公司")
    gone = customer_of(co, "rep_s", "华信北京分部")
    k = approved(co, "rep_s", gone, total="1000")
    plan = co.c["rep_s"].ok("POST", "/api/v1/receivable_plans", {
        "contract": k["id"], "amount": "1000", "due_date": "2026-07-31"})
    r = co.c["rep_s"].ok("POST", "/api/v1/receivables", {
        "contract": k["id"], "plan": plan["id"], "amount": "10", "received_date": "2026-06-10"})
    preview = co.c["admin"].ok("GET", f"/api/v1/customers/{keep}/merge?from={gone}")
    assert (preview["moves"]["contracts"], preview["moves"]["receivables"],
            preview["moves"]["payments"]) == (1, 1, 1)
    moved = co.c["admin"].ok("POST", f"/api/v1/customers/{keep}/merge", {"from": gone},
                             status=200)["moved"]
    assert (moved["contracts"], moved["receivables"], moved["payments"], moved["orders"]) == (
        1, 1, 1, 1)
    for path, oid in [("contracts", k["id"]), ("receivable_plans", plan["id"]),
                      ("receivables", r["id"]), ("orders", k["order"])]:
        assert co.c["rep_s"].ok("GET", f"/api/v1/{path}/{oid}")["customer"] == keep, path
    # the receipt's contract is still its own customer's: it is submitted as before
    assert act(co.c["rep_s"], "receivables", r["id"], "submit").status_code == 200


def test_the_customers_history_holds_its_contracts_plans_and_receipts(co):
    """GET /customers/{id}/history (the 360° view's 操作记录) lists a contract's
    creation and decisions, its plan and its receipt among the customer's entries."""
    cid = customer_of(co, "rep_s")
    rep = co.c["rep_s"]
    k = approved(co, "rep_s", cid, total="800")["id"]
    order = rep.ok("GET", "/api/v1/orders", params={"customer": cid})["items"][0]["id"]
    p = rep.ok("POST", "/api/v1/receivable_plans", {
        "contract": k, "period": 1, "amount": "800", "due_date": "2026-08-31"})["id"]
    r = rep.ok("POST", "/api/v1/receivables", {
        "contract": k, "plan": p, "amount": "100", "received_date": "2026-07-01"})["id"]
    items = rep.ok("GET", f"/api/v1/customers/{cid}/history")["items"]
    got = [(e["action"], e["entity"], e["entity_id"]) for e in items]
    # the approval made the contract's order in its transaction
    assert got[:6] == [("create", "receivable", r), ("create", "receivable_plan", p),
                       ("create", "order", order), ("approve", "contract", k),
                       ("submit", "contract", k), ("create", "contract", k)], got
