"""Rankings (排行榜, issue 14 part 5) through the API: the order by each metric over
hand-built records, ties sharing a rank in a stable order, the periods, the team filter,
and who is ranked for whom (a rep: their team; a manager: their scope; an admin: all).

KEHU_TODAY fixes the day: the default period is its month."""
import datetime

import pytest

from conftest import Server, assert_error

TODAY = "2026-06-17"


@pytest.fixture
def co(tmp_path, monkeypatch):
    """总部 (admin, mgr_hq) above 华东 (mgr_east, rep_a, rep_b, rep_c) and 华西 (rep_w);
    华东一组 below 华东 holds rep_s."""
    monkeypatch.setenv("KEHU_TODAY", TODAY)
    s = Server(tmp_path)
    ids = s.add_company()
    ids["mgr_east"] = s.add_user("mgr_east", "manager", team="华东")
    for login in ("rep_a", "rep_b", "rep_c"):
        ids[login] = s.add_user(login, "sales", team="华东")
    s.cli("team", "add", "华东一组", "--parent", "华东")
    ids["rep_s"] = s.add_user("rep_s", "sales", team="华东一组")
    ids["rep_w"] = s.add_user("rep_w", "sales", team="华西")
    s.start()
    s.ids = ids
    s.c = {login: s.client(login) for login in ids}
    s.teams = {t["name"]: t["id"] for t in s.c["admin"].ok("GET", "/api/v1/teams")["items"]}
    s.cust = {}
    yield s
    s.stop()


def customer(co, login):
    if login not in co.cust:
        co.cust[login] = co.c[login].ok("POST", "/api/v1/customers",
                                        {"name": f"{login}的客户"})["id"]
    return co.cust[login]


def signed(co, login, total, day):
    cl = co.c[login]
    k = cl.ok("POST", "/api/v1/contracts", {"customer": customer(co, login), "name": "采购",
                                            "total": total, "signed_date": day})
    assert cl.post(f"/api/v1/contracts/{k['id']}/submit", {}).status_code == 200
    approver = "admin" if login in ("rep_w", "mgr_east") else "mgr_east"
    assert co.c[approver].post(f"/api/v1/contracts/{k['id']}/approve", {}).status_code == 200
    return k["id"]


def activity(co, login, kind, day, status="done"):
    co.c[login].ok("POST", "/api/v1/activities", {
        "customer": customer(co, login), "kind": kind, "date": day, "status": status,
        "subject": "跟进"})


def ranking(cl, query=""):
    return cl.ok("GET", "/api/v1/rankings" + query)


def order(body):
    return [(i["rank"], i["login"], i["value"]) for i in body["items"]]


def test_contracts_ranked_with_ties_sharing_a_rank(co):
    signed(co, "rep_a", "5000", "2026-06-02")
    signed(co, "rep_b", "3000", "2026-06-05")
    signed(co, "rep_b", "2000", "2026-06-30")
    signed(co, "rep_c", "7000", "2026-06-10")
    signed(co, "rep_c", "9000", "2026-05-31")    # May: not this month
    signed(co, "rep_s", "100", "2026-06-11")
    signed(co, "rep_w", "99999", "2026-06-11")
    got = ranking(co.c["mgr_east"], "?metric=contracts")
    assert (got["period"], got["from"], got["to"]) == ("month", "2026-06-01", "2026-06-30")
    # equal values share the first rank of the run and keep the order of their user ids
    assert order(got) == [(1, "rep_c", "7000.00"), (2, "rep_a", "5000.00"),
                          (2, "rep_b", "5000.00"), (4, "rep_s", "100.00"),
                          (5, "mgr_east", "0.00")]
    assert got["me"] == {"rank": 5, "value": "0.00", "of": 5}
    assert got["total"] == "17100.00"
    # the same call twice: the same order
    assert order(ranking(co.c["mgr_east"], "?metric=contracts")) == order(got)
    # the quarter and the year take May in; a custom period exactly its days
    q = ranking(co.c["mgr_east"], "?metric=contracts&period=quarter")
    assert order(q)[0] == (1, "rep_c", "16000.00") and q["from"] == "2026-04-01"
    y = ranking(co.c["admin"], "?metric=contracts&period=year")
    assert order(y)[0] == (1, "rep_w", "99999.00") and y["to"] == "2026-12-31"
    c = ranking(co.c["mgr_east"], "?metric=contracts&period=custom&from=2026-06-05&to=2026-06-10")
    assert [(i["login"], i["value"]) for i in c["items"][:2]] == [
        ("rep_c", "7000.00"), ("rep_b", "3000.00")]
    d = ranking(co.c["mgr_east"], "?metric=contracts&period=month&date=2026-05-03")
    assert order(d)[0] == (1, "rep_c", "9000.00")


def test_receipts_customers_followups_and_visits(co):
    k = signed(co, "rep_a", "5000", "2026-06-02")
    cl = co.c["rep_a"]
    v = cl.ok("POST", "/api/v1/receivables", {"contract": k, "amount": "1200",
                                              "received_date": "2026-06-09"})
    cl.post(f"/api/v1/receivables/{v['id']}/submit", {})
    co.c["mgr_east"].post(f"/api/v1/receivables/{v['id']}/approve", {})
    assert order(ranking(cl, "?metric=receipts"))[0] == (1, "rep_a", "1200.00")
    # new customers: rep_b made two, rep_a one, stamped by the real clock (not
    # KEHU_TODAY): a custom period around the real day
    customer(co, "rep_b")
    co.c["rep_b"].ok("POST", "/api/v1/customers", {"name": "第二家"})
    now = datetime.date.today()
    n = ranking(cl, f"?metric=new_customers&period=custom&from={now.year - 1}-01-01"
                    f"&to={now.year + 1}-12-31")
    assert n["items"][0]["login"] == "rep_b" and n["items"][0]["value"] == 2
    # follow-ups: done activities that are not notes; visits: done visits
    for kind in ("call", "visit", "visit", "note"):
        activity(co, "rep_c", kind, "2026-06-03")
    activity(co, "rep_a", "call", "2026-06-04")
    activity(co, "rep_a", "visit", "2026-06-20", status="planned")
    f = ranking(cl, "?metric=followups")
    assert [(i["login"], i["value"]) for i in f["items"][:2]] == [("rep_c", 3), ("rep_a", 1)]
    vis = ranking(cl, "?metric=visits")
    assert [(i["login"], i["value"]) for i in vis["items"][:1]] == [("rep_c", 2)]
    assert vis["me"]["rank"] == 2 and vis["me"]["value"] == 0


def test_who_is_ranked_for_whom(co):
    signed(co, "rep_w", "100", "2026-06-02")
    everyone = {"mgr_hq", "mgr_east", "rep_a", "rep_b", "rep_c", "rep_s", "rep_w"}
    assert {i["login"] for i in ranking(co.c["admin"])["items"]} == everyone
    assert ranking(co.c["admin"])["me"] is None        # admins are not ranked
    # a manager: their scope (their team and below)
    assert {i["login"] for i in ranking(co.c["mgr_east"])["items"]} == {
        "mgr_east", "rep_a", "rep_b", "rep_c", "rep_s"}
    # a rep: their own team, not the team below it, nor others; rep_w sees 华西 alone
    assert {i["login"] for i in ranking(co.c["rep_a"])["items"]} == {
        "mgr_east", "rep_a", "rep_b", "rep_c"}
    w = ranking(co.c["rep_w"])
    assert order(w) == [(1, "rep_w", "100.00")] and w["me"]["rank"] == 1
    # the team filter: the team and below, inside the caller's reach
    east = co.teams["华东"]
    assert {i["login"] for i in ranking(co.c["admin"], f"?team={east}")["items"]} == {
        "mgr_east", "rep_a", "rep_b", "rep_c", "rep_s"}
    assert {i["login"] for i in ranking(co.c["mgr_east"], f"?team={co.teams['华东一组']}")[
        "items"]} == {"rep_s"}
    assert ranking(co.c["rep_a"], f"?team={east}")["team"] == east
    for login, team in (("rep_a", "华西"), ("rep_a", "华东一组"), ("mgr_east", "华西"),
                        ("mgr_east", "总部")):
        assert_error(co.c[login].get(f"/api/v1/rankings?team={co.teams[team]}"), 404,
                     "not_found", "team")
    assert_error(co.c["rep_a"].get("/api/v1/rankings?team=999999"), 404, "not_found", "team")


@pytest.mark.parametrize("query,field", [
    ("metric=profit", "metric"), ("period=week", "period"),
    ("period=custom&to=2026-06-30", "from"), ("period=custom&from=2026-06-01", "to"),
    ("period=custom&from=2026-06-30&to=2026-06-01", "to"),
    ("period=custom&from=2000-01-01&to=2020-01-01", "to"),
    ("period=custom&from=2026-02-30&to=2026-03-01", "from"),
    ("from=2026-06-01", "from"), ("date=2026-6-1", "date"), ("team=x", "team"),
    ("owner=3", "owner"),
])
def test_bad_ranking_queries_are_400(co, query, field):
    assert_error(co.c["rep_a"].get("/api/v1/rankings?" + query), 400, "invalid", field)
