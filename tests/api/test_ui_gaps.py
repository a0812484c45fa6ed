"""The API gaps the web UI hit: the customer list's metrics filters, sorts, compact metrics
and search box; activities logged as their author; visit-plan approval; the user
directory; bulk transfer, share and release. Each also against the data scope: a rep
never reaches another team's customer through any of them.
"""
import sqlite3

import pytest

from conftest import assert_error

METRIC_KEYS = {"abc_class", "grid_tier", "lifecycle", "loyalty", "p_alive", "clv",
               "revenue_12m", "last_order", "last_contact"}


@pytest.fixture
def org(server, admin):
    """华东 (mgr, rep1, rep2) and 华西 (mgr2, rep3) under 总部."""
    server.cli("team", "add", "华东", "--parent", "总部")
    server.cli("team", "add", "华西", "--parent", "总部")
    ids = {"admin": 1}
    for login, role, team, name in [("mgr", "manager", "华东", "王经理"),
                                    ("rep1", "sales", "华东", "李丽"),
                                    ("rep2", "sales", "华东", None),
                                    ("mgr2", "manager", "华西", "赵经理"),
                                    ("rep3", "sales", "华西", "张伟")]:
        ids[login] = server.add_user(login, role, team=team, name=name)
    clients = {login: server.client(login) for login in ids if login != "admin"}
    clients["admin"] = admin
    return ids, clients


def set_metrics(server, cid, **m):
    """Write a customer_metrics row as `kehu analyze` would (money in fen)."""
    con = sqlite3.connect(server.db)
    cols = ["customer_id", "updated_at"] + list(m)
    con.execute(f"INSERT OR REPLACE INTO customer_metrics({','.join(cols)}) VALUES "
                f"({','.join('?' * len(cols))})", [cid, "2025-06-30T00:00:00Z", *m.values()])
    con.commit()
    con.close()


def db_rows(server, sql, *args):
    con = sqlite3.connect(server.db)
    rows = con.execute(sql, args).fetchall()
    con.close()
    return rows


def names(page):
    return [c["name"] for c in page["items"]]


def listing(cl, **params):
    return cl.ok("GET", "/api/v1/customers", params=params)


@pytest.fixture
def book(server, org):
    """Customers of rep1 (华东) and rep3 (华西) with metrics; one without any."""
    ids, c = org
    rows = [  # owner, name, grade, metrics
        ("rep1", "北京华信科技有限公司", "A", dict(abc_class="A", grid_tier="platinum",
                                           lifecycle="repeat", loyalty="loyal", p_alive=0.93,
                                           clv_fen=990050, revenue_12m_fen=1234550,
                                           profit_12m_fen=400000, last_order="2025-06-01",
                                           last_contact="2025-06-20")),
        ("rep1", "上海东方贸易", "B", dict(abc_class="B", grid_tier="gold", lifecycle="dormant",
                                     loyalty="occasional", p_alive=0.4, clv_fen=120000,
                                     revenue_12m_fen=300000, profit_12m_fen=90000,
                                     last_order="2024-12-01", last_contact="2025-01-05")),
        ("rep1", "广州南方电子", "A", dict(abc_class="C", grid_tier="silver", lifecycle="new",
                                     loyalty="new", p_alive=None, clv_fen=None,
                                     revenue_12m_fen=50000, profit_12m_fen=10000,
                                     last_order="2025-05-01", last_contact=None)),
        ("rep1", "深圳潜在客户", "C", None),
        ("rep3", "北京华西机械", "A", dict(abc_class="A", grid_tier="platinum",
                                     lifecycle="repeat", loyalty="loyal", p_alive=0.99,
                                     clv_fen=99999900, revenue_12m_fen=99999900,
                                     profit_12m_fen=50000000, last_order="2025-06-29",
                                     last_contact="2025-06-29")),
    ]
    out = {}
    for owner, name, grade, m in rows:
        cid = c[owner].ok("POST", "/api/v1/customers", {"name": name, "grade": grade,
                                                        "phone": "010-8888 %04d" % len(out)})["id"]
        if m:
            set_metrics(server, cid, **m)
        out[name] = cid
    return out


def test_list_filters_by_metrics_combined_with_fields(server, org, book):
    ids, c = org
    admin = c["admin"]
    assert set(names(listing(admin, abc_class="A"))) == {"北京华信科技有限公司", "北京华西机械"}
    assert names(listing(admin, abc_class="A,B", grid_tier="gold")) == ["上海东方贸易"]
    assert names(listing(admin, lifecycle="repeat", owner=ids["rep1"])) == ["北京华信科技有限公司"]
    assert names(listing(admin, loyalty="new", grade="A")) == ["广州南方电子"]
    assert names(listing(admin, lifecycle="dormant", grade="A")) == []
    west = db_rows(server, "SELECT id FROM teams WHERE name='华西'")[0][0]
    assert names(listing(admin, abc_class="A", team=west)) == ["北京华西机械"]
    # none: not classified yet (no metrics row, or no value in it)
    assert names(listing(admin, grid_tier="none")) == ["深圳潜在客户"]
    page = listing(admin, abc_class="A,B,C", per_page=2, page=2, sort="name")
    assert page["total"] == 4 and len(page["items"]) == 2


def test_list_items_carry_compact_metrics(org, book):
    ids, c = org
    items = {i["name"]: i for i in listing(c["admin"], per_page=500)["items"]}
    m = items["北京华信科技有限公司"]["metrics"]
    assert set(m) == METRIC_KEYS
    assert m == {"abc_class": "A", "grid_tier": "platinum", "lifecycle": "repeat",
                 "loyalty": "loyal", "p_alive": pytest.approx(0.93), "clv": "9900.50",
                 "revenue_12m": "12345.50", "last_order": "2025-06-01",
                 "last_contact": "2025-06-20"}
    assert items["广州南方电子"]["metrics"]["clv"] is None
    assert items["广州南方电子"]["metrics"]["p_alive"] is None
    assert items["深圳潜在客户"]["metrics"] is None
    # the rest of the item is the customer as before
    assert items["上海东方贸易"]["grade"] == "B" and items["上海东方贸易"]["owner"] == ids["rep1"]


def test_list_sorts_by_metrics_with_unanalysed_last(org, book):
    ids, c = org
    admin = c["admin"]
    assert names(listing(admin, sort="-clv")) == [
        "北京华西机械", "北京华信科技有限公司", "上海东方贸易", "广州南方电子", "深圳潜在客户"]
    # ascending: customers without a value still come last
    assert names(listing(admin, sort="clv"))[:3] == ["上海东方贸易", "北京华信科技有限公司",
                                                     "北京华西机械"]
    assert names(listing(admin, sort="clv"))[-1] == "深圳潜在客户"
    assert names(listing(admin, sort="-revenue_12m", owner=ids["rep1"])) == [
        "北京华信科技有限公司", "上海东方贸易", "广州南方电子", "深圳潜在客户"]
    assert names(listing(admin, sort="profit_12m", abc_class="A,B")) == [
        "上海东方贸易", "北京华信科技有限公司", "北京华西机械"]
    assert names(listing(admin, sort="-p_alive", owner=ids["rep1"]))[:2] == [
        "北京华信科技有限公司", "上海东方贸易"]
    assert names(listing(admin, sort="last_order", owner=ids["rep1"]))[:3] == [
        "上海东方贸易", "广州南方电子", "北京华信科技有限公司"]
    assert names(listing(admin, sort="-last_contact", owner=ids["rep1"]))[:2] == [
        "北京华信科技有限公司", "上海东方贸易"]
    # the field sorts work as before
    assert names(listing(admin, sort="-name"))[0] == "深圳潜在客户"


def test_list_search_box_with_filters_and_paging(org, book):
    ids, c = org
    admin = c["admin"]
    assert set(names(listing(admin, q="北京"))) == {"北京华信科技有限公司", "北京华西机械"}
    assert names(listing(admin, q="华信")) == ["北京华信科技有限公司"]
    assert names(listing(admin, q="huaxin")) == ["北京华信科技有限公司"]
    assert set(names(listing(admin, q="bj"))) == {"北京华信科技有限公司", "北京华西机械"}
    assert names(listing(admin, q="88880001")) == ["上海东方贸易"]  # phone digits
    assert names(listing(admin, q="北京", owner=ids["rep3"])) == ["北京华西机械"]
    assert names(listing(admin, q="北京", abc_class="A", sort="-clv")) == [
        "北京华西机械", "北京华信科技有限公司"]
    page = listing(admin, q="bj", per_page=1, page=2, sort="id")
    assert page["total"] == 2 and names(page) == ["北京华西机械"]
    assert listing(admin, q="不存在的名字")["total"] == 0


def test_list_refuses_unknown_values(org, book):
    ids, c = org
    admin = c["admin"]
    for params, field in [({"abc_class": "Z"}, "abc_class"), ({"abc_class": "A,"}, "abc_class"),
                          ({"grid_tier": "diamond"}, "grid_tier"),
                          ({"grid_tier": "gold,none"}, "grid_tier"),
                          ({"lifecycle": "asleep"}, "lifecycle"),
                          ({"loyalty": ""}, "loyalty"), ({"sort": "-clvx"}, "sort"),
                          ({"sort": "revenue"}, "sort"), ({"q": ""}, "q"), ({"q": "  "}, "q"),
                          ({"q": "x" * 201}, "q"), ({"bogus": "1"}, "bogus")]:
        e = assert_error(admin.get("/api/v1/customers", params=params), 400, "invalid", field)
        assert e["message"]
    # other lists take neither q nor the metrics
    assert_error(admin.get("/api/v1/contacts", params={"q": "x"}), 400, "invalid", "q")
    assert_error(admin.get("/api/v1/orders", params={"abc_class": "A"}), 400, "invalid",
                 "abc_class")
    assert_error(admin.get("/api/v1/orders", params={"sort": "clv"}), 400, "invalid", "sort")


def test_list_keeps_the_data_scope(org, book):
    ids, c = org
    rep1, rep3, mgr = c["rep1"], c["rep3"], c["mgr"]
    own = {"北京华信科技有限公司", "上海东方贸易", "广州南方电子", "深圳潜在客户"}
    for params in [{}, {"abc_class": "A"}, {"grid_tier": "platinum"}, {"lifecycle": "repeat"},
                   {"loyalty": "loyal"}, {"q": "北京"}, {"q": "bj"}, {"q": "华西"},
                   {"sort": "-clv"}, {"sort": "-revenue_12m"}, {"sort": "last_contact"},
                   {"q": "北京", "abc_class": "A", "sort": "-clv"}, {"owner": ids["rep3"]},
                   {"grid_tier": "none"}]:
        page = listing(rep1, **params, per_page=500)
        assert set(names(page)) <= own, params
        assert page["total"] == len(page["items"]), params
        assert "北京华西机械" not in names(listing(mgr, **params)), params
    assert names(listing(rep3, q="北京")) == ["北京华西机械"]
    assert listing(rep3, q="华信")["total"] == 0
    assert listing(rep1, q="华西")["total"] == 0


def test_activity_user_defaults_to_the_caller(server, org):
    ids, c = org
    cid = c["rep1"].ok("POST", "/api/v1/customers", {"name": "Acme"})["id"]
    a = c["rep1"].ok("POST", "/api/v1/activities",
                     {"customer": cid, "kind": "call", "date": "2025-06-01"})
    assert a["user"] == ids["rep1"]
    assert db_rows(server, "SELECT user_id FROM activities WHERE id=?", a["id"]) == [
        (ids["rep1"],)]
    # null is "without a user" too
    a2 = c["rep1"].ok("POST", "/api/v1/activities",
                      {"customer": cid, "kind": "call", "date": "2025-06-02", "user": None})
    assert a2["user"] == ids["rep1"]
    # a rep logs only as themselves: on create and on update
    before = db_rows(server, "SELECT count(*) FROM activities")
    for other in (ids["rep2"], ids["mgr"], ids["rep3"]):
        assert_error(c["rep1"].post("/api/v1/activities", {"customer": cid, "kind": "visit",
                                                           "date": "2025-06-03",
                                                           "user": other}), 403, "forbidden",
                     "user")
    assert db_rows(server, "SELECT count(*) FROM activities") == before
    assert_error(c["rep1"].patch(f"/api/v1/activities/{a['id']}", {"user": ids["rep2"]}), 403,
                 field="user")
    assert_error(c["rep1"].patch(f"/api/v1/activities/{a['id']}", {"user": None}), 403,
                 field="user")
    assert c["rep1"].ok("GET", f"/api/v1/activities/{a['id']}")["user"] == ids["rep1"]
    # sending the user back unchanged is fine
    assert c["rep1"].ok("PATCH", f"/api/v1/activities/{a['id']}",
                        {"user": ids["rep1"], "note": "ok"})["note"] == "ok"
    # a manager logs for a rep in scope, not for one outside it
    m = c["mgr"].ok("POST", "/api/v1/activities", {"customer": cid, "kind": "visit",
                                                   "date": "2025-06-04", "user": ids["rep1"]})
    assert m["user"] == ids["rep1"]
    assert c["mgr"].ok("POST", "/api/v1/activities", {"customer": cid, "kind": "note",
                                                      "date": "2025-06-04"})["user"] == ids["mgr"]
    assert_error(c["mgr"].post("/api/v1/activities", {"customer": cid, "kind": "visit",
                                                      "date": "2025-06-04",
                                                      "user": ids["rep3"]}), 403, field="user")


def plan(cl, cid, **extra):
    body = {"customer": cid, "kind": "visit", "date": "2025-07-01", "status": "planned",
            "purpose": "季度回访，了解新项目", "method": "face_to_face", **extra}
    return cl.ok("POST", "/api/v1/activities", body)["id"]


def test_visit_plan_approval(server, org):
    ids, c = org
    cid = c["rep1"].ok("POST", "/api/v1/customers", {"name": "Acme"})["id"]
    pid = plan(c["rep1"], cid)
    url = f"/api/v1/activities/{pid}/approve"
    # not the rep who wrote it, not another rep, not a manager of another team
    assert_error(c["rep1"].post(url), 403, "forbidden")
    assert_error(c["rep2"].post(url), 404, "not_found")  # rep2 cannot see rep1's customer
    assert_error(c["mgr2"].post(url), 404, "not_found")
    c["rep1"].ok("POST", f"/api/v1/customers/{cid}/share", {"user": ids["rep2"],
                                                            "access": "write"}, status=200)
    assert_error(c["rep2"].post(url), 403, "forbidden")  # sees it now, but is no superior
    assert db_rows(server, "SELECT approved_by, approved_at FROM activities WHERE id=?",
                   pid) == [(None, None)]
    # the approval fields cannot be written directly
    assert_error(c["rep1"].patch(f"/api/v1/activities/{pid}", {"approved_by": ids["mgr"]}),
                 400, field="approved_by")
    a = c["mgr"].ok("POST", url, status=200)
    assert a["id"] == pid and a["approved_by"] == ids["mgr"]
    assert a["approved_at"].endswith("Z") and len(a["approved_at"]) == 20
    assert_error(c["mgr"].post(url), 409, "conflict", "approved_by")
    assert_error(c["admin"].post(url), 409, "conflict")
    audit = db_rows(server, "SELECT user_id, action, changes FROM audit_log WHERE "
                    "entity='activity' AND entity_id=? AND action='approve'", pid)
    assert len(audit) == 1 and audit[0][0] == ids["mgr"] and str(ids["mgr"]) in audit[0][2]
    # only visit plans: a call, a visit without a purpose
    call = c["rep1"].ok("POST", "/api/v1/activities", {"customer": cid, "kind": "call",
                                                       "date": "2025-06-01",
                                                       "purpose": "x"})["id"]
    assert_error(c["mgr"].post(f"/api/v1/activities/{call}/approve"), 409, field="kind")
    bare = c["rep1"].ok("POST", "/api/v1/activities", {"customer": cid, "kind": "visit",
                                                       "date": "2025-06-01"})["id"]
    assert_error(c["mgr"].post(f"/api/v1/activities/{bare}/approve"), 409, field="purpose")
    assert_error(c["mgr"].post("/api/v1/activities/999999/approve"), 404)
    # a manager's own plan goes to their superior (here the admin)
    own = plan(c["mgr"], cid)
    assert_error(c["mgr"].post(f"/api/v1/activities/{own}/approve"), 403)
    assert c["admin"].ok("POST", f"/api/v1/activities/{own}/approve",
                         status=200)["approved_by"] == ids["admin"]
    # the other team's manager approves their own rep's plans only
    west = c["rep3"].ok("POST", "/api/v1/customers", {"name": "West"})["id"]
    wid = plan(c["rep3"], west)
    assert_error(c["mgr"].post(f"/api/v1/activities/{wid}/approve"), 404)
    assert c["mgr2"].ok("POST", f"/api/v1/activities/{wid}/approve",
                        status=200)["approved_by"] == ids["mgr2"]


def test_user_directory(server, org):
    ids, c = org
    d = c["rep1"].ok("GET", "/api/v1/users/directory")
    by_login = {u["login"]: u for u in d["items"]}
    assert set(by_login) == {"admin", "mgr", "rep1", "rep2", "mgr2", "rep3"}
    for u in d["items"]:
        assert set(u) == {"id", "display_name", "login", "team_id", "team"}, u
    assert by_login["rep3"] == {"id": ids["rep3"], "display_name": "张伟", "login": "rep3",
                                "team_id": by_login["mgr2"]["team_id"], "team": "华西"}
    assert by_login["rep2"]["display_name"] == "rep2"  # no name set: the login
    assert by_login["admin"]["team"] == "总部"
    # the rep's own user list stays scoped
    assert {u["login"] for u in c["rep1"].ok("GET", "/api/v1/users")["items"]} == {"rep1"}
    # deactivated users drop out
    c["admin"].ok("PATCH", f"/api/v1/users/{ids['rep2']}", {"active": False})
    assert "rep2" not in {u["login"] for u in c["mgr2"].ok("GET", "/api/v1/users/directory")
                          ["items"]}
    assert_error(c["rep1"].post("/api/v1/users/directory", {}), 405)
    from conftest import Client
    assert_error(Client(server.url).get("/api/v1/users/directory"), 401)


def owners(server, cids):
    return db_rows(server, "SELECT id, owner_id, in_pool FROM customers WHERE id IN (%s) "
                   "ORDER BY id" % ",".join(map(str, cids)))


def test_bulk_transfer_all_or_nothing(server, org):
    ids, c = org
    mine = [c["rep1"].ok("POST", "/api/v1/customers", {"name": f"客户{i}"})["id"]
            for i in range(4)]
    west = c["rep3"].ok("POST", "/api/v1/customers", {"name": "West"})["id"]
    before = owners(server, mine + [west])
    # one customer outside the scope: nothing moves, the error names it
    e = assert_error(c["rep1"].post("/api/v1/customers/bulk/transfer",
                                    {"ids": mine[:2] + [west] + mine[2:], "to": ids["rep2"]}),
                     404, "not_found", "ids")
    assert str(west) in e["message"]
    assert owners(server, mine + [west]) == before
    # the cap of the receiving rep: fails at the id that passes it
    c["admin"].ok("PATCH", f"/api/v1/users/{ids['rep2']}", {"max_customers": 2})
    e = assert_error(c["rep1"].post("/api/v1/customers/bulk/transfer",
                                    {"ids": mine[:3], "to": ids["rep2"]}), 409, "conflict")
    assert f"customer {mine[2]}" in e["message"]
    assert owners(server, mine + [west]) == before
    assert db_rows(server, "SELECT count(*) FROM owner_history") == [(0,)]
    # bad input changes nothing either
    for body, field in [({"ids": [], "to": ids["rep2"]}, "ids"),
                        ({"ids": list(range(1, 502)), "to": ids["rep2"]}, "ids"),
                        ({"ids": [mine[0], mine[0]], "to": ids["rep2"]}, "ids"),
                        ({"ids": [mine[0], "x"], "to": ids["rep2"]}, "ids"),
                        ({"ids": mine[0], "to": ids["rep2"]}, "ids"),
                        ({"to": ids["rep2"]}, "ids"),
                        ({"ids": mine[:1], "to": 99999}, "to"),
                        ({"ids": mine[:1]}, "to"),
                        ({"ids": mine[:1], "to": ids["rep2"], "old_owner_access": "all"},
                         "old_owner_access"),
                        ({"ids": mine[:1], "to": ids["rep2"], "extra": 1}, "extra")]:
        assert_error(c["rep1"].post("/api/v1/customers/bulk/transfer", body), 400, "invalid",
                     field)
    assert owners(server, mine + [west]) == before
    # within the cap: all move, each with history and audit
    r = c["rep1"].ok("POST", "/api/v1/customers/bulk/transfer",
                     {"ids": mine[:2], "to": ids["rep2"], "old_owner_access": "read"},
                     status=200)
    assert r["count"] == 2 and [i["id"] for i in r["items"]] == mine[:2]
    assert all(i["owner"] == ids["rep2"] and not i["in_pool"] and
               i["shares"] == [{"user": ids["rep1"], "access": "read"}] for i in r["items"])
    assert db_rows(server, "SELECT count(*) FROM owner_history WHERE reason='transfer'") == [
        (2,)]
    assert db_rows(server, "SELECT count(*) FROM audit_log WHERE action='transfer'") == [(2,)]
    # 500 ids is the limit, not an error
    e = assert_error(c["admin"].post("/api/v1/customers/bulk/transfer",
                                     {"ids": list(range(100000, 100500)), "to": ids["rep2"]}),
                     404)
    assert "customer 100000" in e["message"]


def test_bulk_share_and_release(server, org):
    ids, c = org
    mine = [c["rep1"].ok("POST", "/api/v1/customers", {"name": f"客户{i}"})["id"]
            for i in range(3)]
    west = c["rep3"].ok("POST", "/api/v1/customers", {"name": "West"})["id"]
    r = c["rep1"].ok("POST", "/api/v1/customers/bulk/share",
                     {"ids": mine, "user": ids["rep2"], "access": "write"}, status=200)
    assert r["count"] == 3
    assert all(i["shares"] == [{"user": ids["rep2"], "access": "write"}] for i in r["items"])
    assert c["rep2"].ok("GET", f"/api/v1/customers/{mine[0]}")["id"] == mine[0]
    assert_error(c["rep1"].post("/api/v1/customers/bulk/share",
                                {"ids": mine, "user": ids["rep2"], "access": "admin"}), 400,
                 field="access")
    # rep2 may write but not manage ownership: nothing changes
    e = assert_error(c["rep2"].post("/api/v1/customers/bulk/share",
                                    {"ids": mine, "user": ids["rep3"], "access": "read"}), 403)
    assert f"customer {mine[0]}" in e["message"]
    assert db_rows(server, "SELECT count(*) FROM customer_team WHERE user_id=?",
                   ids["rep3"]) == [(0,)]
    # release: the other team's customer spoils the whole batch
    e = assert_error(c["mgr"].post("/api/v1/customers/bulk/release",
                                   {"ids": mine + [west]}), 404, field="ids")
    assert str(west) in e["message"]
    assert all(row[2] == 0 for row in owners(server, mine + [west]))
    assert db_rows(server, "SELECT count(*) FROM customer_team WHERE user_id=?",
                   ids["rep2"]) == [(3,)]
    r = c["mgr"].ok("POST", "/api/v1/customers/bulk/release", {"ids": mine}, status=200)
    assert r["count"] == 3 and all(i["in_pool"] and i["owner"] is None and i["shares"] == []
                                   for i in r["items"])
    # already in the pool: 409 naming the first
    e = assert_error(c["mgr"].post("/api/v1/customers/bulk/release", {"ids": mine[1:]}), 409)
    assert f"customer {mine[1]}" in e["message"]


def test_new_routes_are_documented(admin):
    doc = admin.ok("GET", "/api/v1/openapi.json")
    for path in ["/api/v1/customers/bulk/transfer", "/api/v1/customers/bulk/share",
                 "/api/v1/customers/bulk/release", "/api/v1/activities/{id}/approve"]:
        assert "post" in doc["paths"][path], path
    assert "get" in doc["paths"]["/api/v1/users/directory"]
    params = {p["name"] for p in doc["paths"]["/api/v1/customers"]["get"]["parameters"]}
    assert {"q", "abc_class", "grid_tier", "lifecycle", "loyalty"} <= params


def test_lists_name_the_customer(server, org):
    ids, c = org
    cid = c["rep1"].ok("POST", "/api/v1/customers", {"name": "杭州明远科技有限公司"})["id"]
    c["rep1"].ok("POST", "/api/v1/opportunities", {"customer": cid, "name": "传感器项目",
                                                   "stage": "lead", "amount": "5000"})
    c["rep1"].ok("POST", "/api/v1/contacts", {"customer": cid, "name": "周明"})
    for path in ("opportunities", "contacts"):
        items = c["rep1"].ok("GET", f"/api/v1/{path}", params={"customer": cid})["items"]
        assert [i["customer_name"] for i in items] == ["杭州明远科技有限公司"], path
        # another team's rep sees neither the rows nor the name
        assert c["rep3"].ok("GET", f"/api/v1/{path}")["total"] == 0, path
    # customers themselves and users have no customer_name
    assert "customer_name" not in c["rep1"].ok("GET", "/api/v1/customers")["items"][0]


def test_reference_filter_none_lists_rows_without_one(server, org):
    ids, c = org
    cid = c["rep1"].ok("POST", "/api/v1/customers", {"name": "待审批测试公司"})["id"]
    first, second = plan(c["rep1"], cid), plan(c["rep1"], cid)
    c["mgr"].ok("POST", f"/api/v1/activities/{first}/approve", status=200)
    waiting = c["mgr"].ok("GET", "/api/v1/activities",
                          params={"approved_by": "none", "kind": "visit"})["items"]
    assert [a["id"] for a in waiting] == [second]
    approved = c["mgr"].ok("GET", "/api/v1/activities",
                           params={"approved_by": ids["mgr"]})["items"]
    assert [a["id"] for a in approved] == [first]
    assert_error(c["mgr"].get("/api/v1/activities", params={"approved_by": "nobody"}), 400,
                 field="approved_by")
    # another team's manager sees neither
    assert c["mgr2"].ok("GET", "/api/v1/activities",
                        params={"approved_by": "none"})["total"] == 0
