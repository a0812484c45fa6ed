"""Targets (业绩目标, issue 14 part 4) through the API: setting and reading the twelve
months, validation that leaves the data as it was, who sets what, target against actual
by month over hand-built contracts, receipts and customers, the weekly progress table
with the rep's reason, and the forecast over hand-built opportunities of known stage
probabilities (lead 10, qualified 20, proposal 50, negotiation 80: the default settings).

KEHU_TODAY fixes the day (the defaults of year, week and forecast date)."""
import sqlite3

import pytest

from conftest import Server, assert_error

TODAY = "2026-06-17"  # a Wednesday of ISO week 2026-W25


@pytest.fixture
def co(tmp_path, monkeypatch):
    """总部 (admin, mgr_hq) above 华东 (mgr_east, rep_a, rep_b) and 华西 (rep_w)."""
    monkeypatch.setenv("KEHU_TODAY", TODAY)
    s = Server(tmp_path)
    ids = s.add_company()
    ids["mgr_east"] = s.add_user("mgr_east", "manager", team="华东")
    ids["rep_a"] = s.add_user("rep_a", "sales", team="华东", name="王伟")
    ids["rep_b"] = s.add_user("rep_b", "sales", team="华东")
    ids["rep_w"] = s.add_user("rep_w", "sales", team="华西")
    s.start()
    s.ids = ids
    s.c = {login: s.client(login) for login in ids}
    s.teams = {t["name"]: t["id"] for t in s.c["admin"].ok("GET", "/api/v1/teams")["items"]}
    yield s
    s.stop()


def months(*amounts):
    return list(amounts) + ["0"] * (12 - len(amounts))


def put(cl, body):
    return cl.req("PUT", "/api/v1/targets", json=body)


def rep_target(co, login, amounts, metric="contracts", by="mgr_east", year=2026):
    r = put(co.c[by], {"year": year, "metric": metric, "scope": "rep",
                       "id": co.ids[login], "months": amounts})
    assert r.status_code == 200, r.text
    return r.json()


def customer(co, login, name="杭州云帆网络有限公司"):
    return co.c[login].ok("POST", "/api/v1/customers", {"name": name})["id"]


def contract(co, login, cid, total, signed, approve=True):
    cl = co.c[login]
    k = cl.ok("POST", "/api/v1/contracts", {"customer": cid, "name": "年度采购",
                                            "total": total, "signed_date": signed})
    if approve is None:
        return k
    assert cl.post(f"/api/v1/contracts/{k['id']}/submit", {}).status_code == 200
    if approve:
        r = co.c["mgr_east"].post(f"/api/v1/contracts/{k['id']}/approve", {})
        assert r.status_code == 200, r.text
    return k


def receipt(co, login, contract_id, amount, day, approve=True):
    cl = co.c[login]
    v = cl.ok("POST", "/api/v1/receivables", {"contract": contract_id, "amount": amount,
                                              "received_date": day})
    assert cl.post(f"/api/v1/receivables/{v['id']}/submit", {}).status_code == 200
    if approve:
        r = co.c["mgr_east"].post(f"/api/v1/receivables/{v['id']}/approve", {})
        assert r.status_code == 200, r.text
    return v


def test_set_and_read_a_rep_target_and_the_team_grid(co):
    got = rep_target(co, "rep_a", months("1000", "2000.50", 3000, None))
    row = got["rows"][0]
    assert (got["scope"], got["id"], got["name"], got["year"]) == (
        "rep", co.ids["rep_a"], "王伟", 2026)
    assert row["months"] == ["1000.00", "2000.50", "3000.00"] + ["0.00"] * 9
    assert (row["total"], row["set"], row["editable"]) == ("6000.50", True, True)
    # the rep reads it, and may not change it
    mine = co.c["rep_a"].ok("GET", "/api/v1/targets?year=2026&metric=contracts")
    assert mine["rows"][0]["months"] == row["months"] and not mine["rows"][0]["editable"]
    # the team's grid: the team's own row (not set), then its members with their targets
    rep_target(co, "rep_b", months("500"))
    team = co.c["mgr_east"].ok("GET", f"/api/v1/targets?year=2026&scope=team&id="
                                      f"{co.teams['华东']}")
    assert [(r["scope"], r["name"]) for r in team["rows"]] == [
        ("team", "华东"), ("rep", "mgr_east"), ("rep", "王伟"), ("rep", "rep_b")]
    head = team["rows"][0]
    assert (head["set"], head["reps_total"], head["reps_sum"][0]) == (False, "6500.50",
                                                                      "1500.00")
    # mgr_east's own row is not theirs to set
    assert [r["editable"] for r in team["rows"]] == [True, False, True, True]
    # new customers are counts, in their own metric
    got = rep_target(co, "rep_a", months(3, 4), metric="new_customers")
    assert got["rows"][0]["months"][:3] == [3, 4, 0] and got["rows"][0]["total"] == 7
    again = co.c["rep_a"].ok("GET", "/api/v1/targets?metric=contracts")
    assert again["rows"][0]["total"] == "6000.50"


@pytest.mark.parametrize("body,field,reason", [
    ({"months": ["1"] * 11}, "months", None),
    ({"months": months("12.345")}, "months", "decimals"),
    ({"months": months("-5")}, "months", None),
    ({"months": months("abc")}, "months", "bad_amount"),
    ({"months": months(True)}, "months", None),
    ({"months": "1000"}, "months", None),
    ({"months": None}, "months", None),
    ({"metric": "visits"}, "metric", "bad_choice"),
    ({"metric": "profit"}, "metric", "bad_choice"),
    ({"scope": "region"}, "scope", "bad_choice"),
    ({"year": 1999}, "year", "out_of_range"),
    ({"year": "20x6"}, "year", None),
    ({"id": 0}, "id", "out_of_range"),
    ({"colour": "red"}, "colour", "unknown_field"),
])
def test_a_bad_target_is_400_naming_the_field_and_changes_nothing(co, body, field, reason):
    rep_target(co, "rep_a", months("1000"))
    base = {"year": 2026, "metric": "contracts", "scope": "rep", "id": co.ids["rep_a"],
            "months": months("9999")}
    base.update(body)
    if base["months"] is None:
        del base["months"]
    err = assert_error(put(co.c["mgr_east"], base), 400, "invalid", field)
    if reason:
        assert err["reason"] == reason, err
    got = co.c["rep_a"].ok("GET", "/api/v1/targets?year=2026&metric=contracts")
    assert got["rows"][0]["months"][0] == "1000.00"


def test_new_customer_targets_are_whole_numbers(co):
    body = {"year": 2026, "metric": "new_customers", "scope": "rep", "id": co.ids["rep_a"]}
    assert_error(put(co.c["mgr_east"], {**body, "months": months("2.5")}), 400, "invalid",
                 "months")
    assert put(co.c["mgr_east"], {**body, "months": months("2")}).status_code == 200


def test_who_sets_which_target(co):
    def body(scope, login=None, team=None):
        b = {"year": 2026, "metric": "receipts", "scope": scope, "months": months("1")}
        if login:
            b["id"] = co.ids[login]
        if team:
            b["id"] = co.teams[team]
        return b
    # a rep sets nothing, not even their own
    assert_error(put(co.c["rep_a"], body("rep", "rep_a")), 403, "forbidden")
    assert_error(put(co.c["rep_a"], body("team", team="华东")), 403, "forbidden")
    # a colleague's target is not the rep's to see: 404, as for nobody
    assert_error(put(co.c["rep_a"], body("rep", "rep_b")), 404, "not_found", "id")
    assert_error(co.c["rep_a"].get(f"/api/v1/targets?id={co.ids['rep_b']}"), 404)
    assert_error(co.c["rep_a"].get("/api/v1/targets?scope=company"), 403, "forbidden")
    # a manager: their team and its reps, never their own target, the company or others
    assert put(co.c["mgr_east"], body("team", team="华东")).status_code == 200
    assert put(co.c["mgr_east"], body("rep", "rep_b")).status_code == 200
    assert_error(put(co.c["mgr_east"], body("rep", "mgr_east")), 403, "forbidden")
    assert_error(put(co.c["mgr_east"], body("company")), 403, "forbidden")
    assert_error(put(co.c["mgr_east"], body("rep", "rep_w")), 404, "not_found", "id")
    assert_error(put(co.c["mgr_east"], body("team", team="华西")), 404, "not_found", "id")
    assert co.c["mgr_east"].get("/api/v1/targets?scope=company").status_code == 200
    # the admin sets everything, the manager's own included
    for b in (body("company"), body("rep", "mgr_east"), body("team", team="华西")):
        assert put(co.c["admin"], b).status_code == 200
    # who set it is kept
    con = sqlite3.connect(co.db)
    who = con.execute("SELECT DISTINCT set_by FROM sales_targets WHERE scope_kind = 'rep'"
                      " AND scope_id = ?", (co.ids["rep_b"],)).fetchall()
    con.close()
    assert who == [(co.ids["mgr_east"],)]


def test_completion_by_month_against_contracts_receipts_and_customers(co):
    cid = customer(co, "rep_a")
    may = contract(co, "rep_a", cid, "1000", "2026-05-10")
    june1 = contract(co, "rep_a", cid, "3000", "2026-06-16")
    late = contract(co, "rep_a", cid, "2000", "2026-06-30")
    contract(co, "rep_a", cid, "7777", "2026-06-20", approve=False)    # in review
    contract(co, "rep_a", cid, "8888", "2026-06-21", approve=None)     # a draft
    other = contract(co, "rep_b", customer(co, "rep_b", "乙公司"), "4000", "2026-06-02")
    receipt(co, "rep_a", june1["id"], "1500", "2026-06-05")
    receipt(co, "rep_a", june1["id"], "500", "2026-07-01")
    receipt(co, "rep_a", may["id"], "600", "2026-06-08", approve=False)  # in review
    receipt(co, "rep_b", other["id"], "4000", "2026-06-09")
    rep_target(co, "rep_a", months("0", "0", "0", "0", "2000", "10000", "3000"))
    rep_target(co, "rep_a", months(*["1000"] * 12), metric="receipts")

    p = co.c["rep_a"].ok("GET", "/api/v1/targets/progress?year=2026&metric=contracts")
    assert p["target_source"] == "set"
    may_row, june = p["months"][4], p["months"][5]
    assert (may_row["month"], may_row["target"], may_row["actual"], may_row["rate"]) == (
        5, "2000.00", "1000.00", 50.0)
    assert (june["target"], june["actual"], june["gap"], june["rate"]) == (
        "10000.00", "5000.00", "5000.00", 50.0)
    assert p["months"][0]["rate"] is None               # no target, no rate
    assert p["months"][6]["actual"] == "0.00" and p["months"][6]["rate"] == 0.0
    q2 = p["quarters"][1]  # (before the cancel below)
    assert (q2["quarter"], q2["target"], q2["actual"], q2["rate"]) == (
        2, "12000.00", "6000.00", 50.0)
    assert (p["total"]["target"], p["total"]["actual"], p["total"]["rate"]) == (
        "15000.00", "6000.00", 40.0)

    # the monthly sums follow every write: a cancelled contract leaves its month, one
    # moved to another owner (or re-dated) moves with it, a deleted one is gone
    assert co.c["mgr_east"].post(f"/api/v1/contracts/{late['id']}/cancel", {}).status_code == 200
    p2 = co.c["rep_a"].ok("GET", "/api/v1/targets/progress?metric=contracts")
    assert (p2["months"][5]["actual"], p2["months"][5]["rate"]) == ("3000.00", 30.0)
    con = sqlite3.connect(co.db)
    con.execute("UPDATE contracts SET status = 'approved', owner_id = ?, signed_date ="
                " '2026-07-02' WHERE id = ?", (co.ids["rep_b"], late["id"]))
    con.commit()
    con.close()
    b = co.c["mgr_east"].ok("GET", f"/api/v1/targets/progress?id={co.ids['rep_b']}")
    assert [m["actual"] for m in b["months"][5:7]] == ["4000.00", "2000.00"]
    con = sqlite3.connect(co.db)
    con.execute("DELETE FROM contracts WHERE id = ?", (late["id"],))
    con.commit()
    con.close()
    b = co.c["mgr_east"].ok("GET", f"/api/v1/targets/progress?id={co.ids['rep_b']}")
    assert b["months"][6]["actual"] == "0.00"
    assert co.c["rep_a"].ok("GET", "/api/v1/targets/progress")["months"][5]["actual"] == \
        "3000.00"

    r = co.c["rep_a"].ok("GET", "/api/v1/targets/progress?metric=receipts")
    assert [m["actual"] for m in r["months"][5:7]] == ["1500.00", "500.00"]
    assert r["months"][5]["rate"] == 150.0 and r["total"]["actual"] == "2000.00"

    # the team: its own target unset, so its reps' sum; its actual is all its members'
    t = co.c["mgr_east"].ok("GET", f"/api/v1/targets/progress?scope=team&id="
                                   f"{co.teams['华东']}")
    assert t["target_source"] == "reps" and t["months"][5]["target"] == "10000.00"
    assert t["months"][5]["actual"] == "7000.00" and t["months"][5]["rate"] == 70.0
    # once the team has its own target, that one counts
    put(co.c["mgr_east"], {"year": 2026, "metric": "contracts", "scope": "team",
                           "id": co.teams["华东"], "months": months(*["12000"] * 12)})
    t = co.c["mgr_east"].ok("GET", f"/api/v1/targets/progress?scope=team&id="
                                   f"{co.teams['华东']}")
    assert (t["target_source"], t["months"][5]["rate"]) == ("set", 58.33)
    # the company: everyone's
    c = co.c["admin"].ok("GET", "/api/v1/targets/progress?scope=company")
    assert c["months"][5]["actual"] == "7000.00" and c["target_source"] == "reps"

    # new customers by the month they were created, the owner's
    for i, day in enumerate(["2026-03-02", "2026-03-30", "2026-04-01"]):
        nid = customer(co, "rep_a", f"新客户{i}")
        con = sqlite3.connect(co.db)
        con.execute("UPDATE customers SET created_at = ? WHERE id = ?",
                    (day + "T09:00:00Z", nid))
        con.commit()
        con.close()
    rep_target(co, "rep_a", months(0, 0, 4), metric="new_customers")
    n = co.c["rep_a"].ok("GET", "/api/v1/targets/progress?metric=new_customers")
    assert [m["actual"] for m in n["months"][2:4]] == [2, 1]
    assert n["months"][2]["rate"] == 50.0 and n["months"][2]["target"] == 4


def test_progress_rejects_bad_queries(co):
    cl = co.c["mgr_east"]
    assert_error(cl.get("/api/v1/targets/progress?metric=visits"), 400, "invalid", "metric")
    assert_error(cl.get("/api/v1/targets/progress?year=3000"), 400, "invalid", "year")
    assert_error(cl.get("/api/v1/targets/progress?when=now"), 400, "invalid", "when")
    assert_error(cl.get("/api/v1/targets/progress?scope=company&id=3"), 400, "invalid", "id")
    assert_error(cl.get("/api/v1/targets/progress?scope=team&id=999999"), 404, "not_found",
                 "id")


def test_the_weekly_table_with_the_reps_reason(co):
    # June 2026 has 22 working days, July 23: the week of 15 June holds 5 of June's;
    # the week of 29 June 2 of June's and 3 of July's.
    rep_target(co, "rep_a", months("0", "0", "0", "0", "0", "22000", "23000"))
    cid = customer(co, "rep_a")
    contract(co, "rep_a", cid, "3000", "2026-06-16")
    contract(co, "rep_a", cid, "100", "2026-06-21")     # a Sunday: it counts
    contract(co, "rep_a", cid, "900", "2026-06-22")     # the next week
    team = co.teams["华东"]
    w = co.c["mgr_east"].ok("GET", f"/api/v1/targets/weekly?week=2026-W25&scope=team&id={team}")
    assert (w["week"], w["from"], w["to"], w["metric"]) == (
        "2026-W25", "2026-06-15", "2026-06-21", "contracts")
    rows = {r["login"]: r for r in w["rows"]}
    assert sorted(rows) == ["mgr_east", "rep_a", "rep_b"]
    a = rows["rep_a"]
    assert (a["target"], a["actual"], a["gap"], a["rate"], a["reason"]) == (
        "5000.00", "3100.00", "1900.00", 62.0, None)
    assert (rows["rep_b"]["target"], rows["rep_b"]["target_set"]) == ("0.00", False)
    assert w["total"] == {"target": "5000.00", "actual": "3100.00", "gap": "1900.00",
                          "rate": 62.0}
    # across two months
    w27 = co.c["mgr_east"].ok("GET", f"/api/v1/targets/weekly?week=2026-W27&scope=team&id={team}")
    assert {r["login"]: r["target"] for r in w27["rows"]}["rep_a"] == "5000.00"
    # the rep writes their reason (this week by default); the manager reads it
    rep = co.c["rep_a"]
    r = rep.req("PUT", "/api/v1/targets/weekly", json={"week": "2026-W25",
                                                       "reason": "客户预算推迟到下月"})
    assert r.status_code == 200 and r.json()["reason"] == "客户预算推迟到下月", r.text
    w = co.c["mgr_east"].ok("GET", f"/api/v1/targets/weekly?week=2026-W25&scope=team&id={team}")
    a = {x["login"]: x for x in w["rows"]}["rep_a"]
    assert a["reason"] == "客户预算推迟到下月" and a["reason_updated_at"]
    assert not a["editable"]
    # the rep's own table is their row alone, this week by default
    mine = rep.ok("GET", "/api/v1/targets/weekly")
    assert mine["week"] == "2026-W25" and [x["login"] for x in mine["rows"]] == ["rep_a"]
    assert mine["rows"][0]["editable"]
    # the reason is per metric; null removes it
    assert rep.req("PUT", "/api/v1/targets/weekly", json={
        "week": "2026-W25", "metric": "receipts", "reason": "回款延迟"}).status_code == 200
    assert rep.req("PUT", "/api/v1/targets/weekly", json={
        "week": "2026-W25", "reason": None}).status_code == 200
    mine = rep.ok("GET", "/api/v1/targets/weekly?week=2026-W25")
    assert mine["rows"][0]["reason"] is None
    rec = rep.ok("GET", "/api/v1/targets/weekly?week=2026-W25&metric=receipts")
    assert rec["rows"][0]["reason"] == "回款延迟"


@pytest.mark.parametrize("body,field", [
    ({"week": "2026-25"}, "week"), ({"week": "2026-W54"}, "week"),
    ({"week": "2025-W53"}, "week"),          # 2025 has 52 ISO weeks
    ({"week": "2026-W25", "reason": 5}, "reason"),
    ({"week": "2026-W25", "reason": "长" * 2001}, "reason"),
    ({"week": "2026-W25", "reason": "a", "metric": "visits"}, "metric"),
    ({"week": "2026-W25", "reason": "a", "user": 3}, "user"),
    ({"reason": "a"}, "week"),
])
def test_bad_reasons_are_400(co, body, field):
    assert_error(co.c["rep_a"].req("PUT", "/api/v1/targets/weekly", json=body), 400,
                 "invalid", field)


def test_iso_weeks_at_the_year_boundary(co):
    cl = co.c["rep_a"]
    assert cl.ok("GET", "/api/v1/targets/weekly?week=2026-W53")["from"] == "2026-12-28"
    assert cl.ok("GET", "/api/v1/targets/weekly?week=2027-W01")["from"] == "2027-01-04"
    assert cl.ok("GET", "/api/v1/targets/weekly?week=2020-W01")["from"] == "2019-12-30"


def test_the_forecast_against_what_is_left_of_the_target(co):
    cid = customer(co, "rep_a")
    other = customer(co, "rep_b", "乙公司")
    contract(co, "rep_a", cid, "1000", "2026-05-10")
    contract(co, "rep_a", cid, "5000", "2026-06-03")
    rep_target(co, "rep_a", months("0", "0", "0", "10000", "20000", "22000"))

    def opp(customer_id, stage, amount, close, login="rep_a"):
        return co.c[login].ok("POST", "/api/v1/opportunities", {
            "customer": customer_id, "name": f"{stage}{amount}", "stage": stage,
            "amount": amount, "expected_close": close})
    opp(cid, "proposal", "10000", "2026-05-25")       # 50%: this month and quarter
    opp(cid, "lead", "3333.33", "2026-05-01")         # 10%
    opp(cid, "negotiation", "5000", "2026-06-10")     # 80%: the quarter only
    opp(cid, "qualified", "7000", "2026-04-10")       # 20%: slipped, still open
    opp(cid, "won", "9999", "2026-05-22")             # closed: not pipeline
    opp(cid, "proposal", "1234", "2026-07-02")        # next quarter
    opp(other, "proposal", "8000", "2026-05-28", login="rep_b")
    f = co.c["rep_a"].ok("GET", "/api/v1/targets/forecast?date=2026-05-20")
    m, q = f["month"], f["quarter"]
    assert (f["date"], f["scope"], f["metric"]) == ("2026-05-20", "rep", "contracts")
    assert (m["from"], m["to"], m["target"], m["actual"], m["remaining"]) == (
        "2026-05-01", "2026-05-31", "20000.00", "1000.00", "19000.00")
    # 10000 × 50% + 3333.33 × 10% = 5333.333 -> 5333.33
    assert m["pipeline"] == {"count": 2, "amount": "13333.33", "weighted": "5333.33"}
    assert (m["coverage"], m["shortfall"]) == (28.07, "13666.67")
    # the quarter: April to June, target 52000, signed 6000; plus 5000 × 80% and 7000 × 20%
    assert (q["from"], q["to"], q["target"], q["actual"], q["remaining"]) == (
        "2026-04-01", "2026-06-30", "52000.00", "6000.00", "46000.00")
    assert q["pipeline"] == {"count": 4, "amount": "25333.33", "weighted": "10733.33"}
    assert f["overdue"] == {"count": 1, "amount": "7000.00", "weighted": "1400.00"}
    # the team's forecast holds rep_b's too; the default date is today (June)
    t = co.c["mgr_east"].ok("GET", f"/api/v1/targets/forecast?scope=team&id={co.teams['华东']}"
                                   "&date=2026-05-20")
    assert t["month"]["pipeline"]["weighted"] == "9333.33"
    june = co.c["rep_a"].ok("GET", "/api/v1/targets/forecast")
    assert (june["date"], june["month"]["remaining"]) == (TODAY, "17000.00")
    assert june["month"]["pipeline"]["weighted"] == "4000.00"
    # a month whose target is met: nothing remains, no coverage to speak of
    contract(co, "rep_a", cid, "20000", "2026-05-30")
    done = co.c["rep_a"].ok("GET", "/api/v1/targets/forecast?date=2026-05-20")
    assert (done["month"]["remaining"], done["month"]["coverage"]) == ("0.00", None)
    assert_error(co.c["rep_a"].get("/api/v1/targets/forecast?date=2026-13-01"), 400,
                 "invalid", "date")
    assert_error(co.c["rep_a"].get("/api/v1/targets/forecast?metric=receipts"), 400,
                 "invalid", "metric")
