"""Issue 10, items 2, 3, 6 and 7: what a user learned or changed outside their reach.

The company:   总部 (admin, mgr_hq)
               ├── 华东 (mgr_east, rep_e1, rep_e2)
               └── 华西 (rep_w1)
c_w1 is rep_w1's, shared read with rep_e1 (who sees it at level 1);
c_e1 is rep_e1's, shared read with rep_e2 (same department: level 2).
"""
import pytest

from conftest import Server, assert_error, share

BUDGET = "1234.00"
SECRET = "met at the golf club"


@pytest.fixture(scope="module")
def co(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("leaks"))
    ids = s.add_company()
    for login, role, team in [("mgr_east", "manager", "华东"), ("rep_e1", "sales", "华东"),
                              ("rep_e2", "sales", "华东"), ("rep_w1", "sales", "华西")]:
        ids[login] = s.add_user(login, role, team=team)
    s.start()
    c = {u: s.client(u) for u in ids}
    cust = {}
    for key, owner in [("c_e1", "rep_e1"), ("c_w1", "rep_w1")]:
        cust[key] = c[owner].ok("POST", "/api/v1/customers", {
            "name": "泄露测试" + key, "purchase_budget": BUDGET,
            "decision_maker_background": SECRET})["id"]
        c[owner].ok("POST", "/api/v1/contacts", {"customer": cust[key], "name": "人" + key,
                                                 "family": SECRET})
        c[owner].ok("POST", "/api/v1/competitors", {"customer": cust[key], "brand": "ABB"})
    share(c["rep_w1"], cust["c_w1"], ids["rep_e1"])
    share(c["rep_e1"], cust["c_e1"], ids["rep_e2"])
    yield {"server": s, "c": c, "ids": ids, "cust": cust}
    s.stop()


# ---- item 2: tasks without a customer belong to their user ----

def test_customer_less_task_belongs_to_its_user(co):
    c, ids = co["c"], co["ids"]
    task = c["rep_w1"].ok("POST", "/api/v1/tasks", {"title": "写周报"})
    tid = task["id"]
    # created without user: the creator's
    assert task["user"] == ids["rep_w1"]
    # another team's rep: as if it did not exist, for every verb
    rep = c["rep_e1"]
    assert_error(rep.get(f"/api/v1/tasks/{tid}"), 404)
    assert_error(rep.patch(f"/api/v1/tasks/{tid}", {"title": "x"}), 404)
    assert_error(rep.patch(f"/api/v1/tasks/{tid}", {"user": ids["rep_e1"]}), 404)
    assert_error(rep.delete(f"/api/v1/tasks/{tid}"), 404)
    assert tid not in [t["id"] for t in rep.ok("GET", "/api/v1/tasks?per_page=500")["items"]]
    # a manager of another department neither
    assert_error(c["mgr_east"].get(f"/api/v1/tasks/{tid}"), 404)
    # the user's superiors see and change it, the admin too
    assert c["mgr_hq"].ok("GET", f"/api/v1/tasks/{tid}")["title"] == "写周报"
    c["mgr_hq"].ok("PATCH", f"/api/v1/tasks/{tid}", {"done": True})
    assert c["admin"].ok("GET", f"/api/v1/tasks/{tid}")["done"] is True
    # the owner keeps it, and cannot give it away as a rep
    c["rep_w1"].ok("PATCH", f"/api/v1/tasks/{tid}", {"title": "写月报"})
    assert_error(c["rep_w1"].patch(f"/api/v1/tasks/{tid}", {"user": ids["rep_e1"]}), 403,
                 field="user")
    # nor create one in another's name
    assert_error(c["rep_w1"].post("/api/v1/tasks", {"title": "x", "user": ids["rep_e1"]}),
                 403, field="user")
    # a manager hands it to someone in scope, not outside it
    c["mgr_hq"].ok("PATCH", f"/api/v1/tasks/{tid}", {"user": ids["rep_e2"]})
    assert c["rep_e2"].ok("GET", f"/api/v1/tasks/{tid}")["user"] == ids["rep_e2"]
    assert_error(c["rep_w1"].get(f"/api/v1/tasks/{tid}"), 404)
    assert_error(c["mgr_east"].patch(f"/api/v1/tasks/{tid}", {"user": ids["rep_w1"]}), 403,
                 field="user")
    c["rep_e2"].ok("DELETE", f"/api/v1/tasks/{tid}")


# ---- item 3: filters and sorts above one's level are refused ----

LEAKY = [
    ("/api/v1/contacts", {"family": SECRET}, "family"),
    ("/api/v1/customers", {"decision_maker_background": SECRET}, "decision_maker_background"),
    ("/api/v1/customers", {"purchase_budget": BUDGET}, "purchase_budget"),
    ("/api/v1/customers", {"sort": "purchase_budget"}, "sort"),
    ("/api/v1/customers", {"sort": "-decision_maker_background"}, "sort"),
    ("/api/v1/contacts", {"sort": "family"}, "sort"),
]


@pytest.mark.parametrize("path,params,field", LEAKY)
def test_filters_and_sorts_above_ones_level_are_refused(co, path, params, field):
    # rep_e1 sees c_w1 at level 1: every level-2/3 filter or sort over a list that holds
    # it is refused, whether or not a row would match
    rep = co["c"]["rep_e1"]
    assert_error(rep.get(path, params=params), 400, "invalid", field)
    # the same value that matches nothing is refused alike: no oracle
    other = {k: (v + "0" if k != "sort" else v) for k, v in params.items()}
    assert_error(rep.get(path, params=other), 400, "invalid", field)


@pytest.mark.parametrize("path,params,field", LEAKY)
def test_filters_and_sorts_within_ones_level_work(co, path, params, field):
    # narrowed to the rows one sees at level 3 (own customer), they work
    cid = co["cust"]["c_e1"]
    rep = co["c"]["rep_e1"]
    narrowed = dict(params, **({"owner": co["ids"]["rep_e1"]} if path.endswith("customers")
                               else {"customer": cid}))
    page = rep.ok("GET", path, params=narrowed)
    if "sort" not in params:
        assert page["total"] == 1, page
    # the admin sees everything at level 3
    assert co["c"]["admin"].ok("GET", path, params=params)["total"] >= 1


def test_level_two_filter_allowed_at_level_two_not_level_three(co):
    # rep_e2 sees c_e1 (shared, same department) at level 2
    rep = co["c"]["rep_e2"]
    cid = co["cust"]["c_e1"]
    owner = co["ids"]["rep_e1"]
    page = rep.ok("GET", "/api/v1/customers", params={"owner": owner, "purchase_budget": BUDGET})
    assert [i["id"] for i in page["items"]] == [cid]
    assert_error(rep.get("/api/v1/customers", params={
        "owner": owner, "decision_maker_background": SECRET}), 400, "invalid",
        "decision_maker_background")


def test_competitor_rows_hidden_below_level_two(co):
    # the 360° view hides competitors at level 1: so do the list and the row itself
    rep = co["c"]["rep_e1"]
    cid = co["cust"]["c_w1"]
    assert "competitors" not in rep.ok("GET", f"/api/v1/customers/{cid}/view")
    page = rep.ok("GET", "/api/v1/competitors", params={"customer": cid})
    assert page["items"] == [] and page["total"] == 0
    listed = rep.ok("GET", "/api/v1/competitors?per_page=500")
    theirs = co["c"]["rep_w1"].ok("GET", "/api/v1/competitors", params={"customer": cid})
    oid = theirs["items"][0]["id"]
    assert oid not in [i["id"] for i in listed["items"]]
    assert listed["total"] == len(listed["items"])
    assert_error(rep.get(f"/api/v1/competitors/{oid}"), 404)
    # so a filter on their level-2 fields counts only rows seen at level 2: no leak
    branded = rep.ok("GET", "/api/v1/competitors", params={"brand": "ABB"})
    assert branded["total"] == 1 and oid not in [i["id"] for i in branded["items"]]
    # level 2 shows them
    e1 = co["cust"]["c_e1"]
    assert co["c"]["rep_e2"].ok("GET", "/api/v1/competitors", params={"customer": e1})[
        "total"] == 1


# ---- item 6: lookup chooses among the customers one may see ----

def test_lookup_prefers_what_the_caller_sees(co):
    c = co["c"]
    phone = "13911112222"
    mine = c["rep_e1"].ok("POST", "/api/v1/customers", {"name": "老客户甲", "phone": phone})
    # another team's customer with the same number (its contact's: a customer's own
    # number may not repeat another's), created later
    other = c["rep_w1"].ok("POST", "/api/v1/customers", {"name": "新客户乙"})
    c["rep_w1"].ok("POST", "/api/v1/contacts", {"customer": other["id"], "name": "乙",
                                                "mobile": phone})
    look = c["rep_e1"].ok("GET", "/api/v1/lookup", params={"phone": phone})
    assert look["customer"]["id"] == mine["id"]
    # the other team's customer is neither shown nor counted
    assert look["matches"] == 1 and look["other_matches"] == []
    # two of one's own: the one with the most recent activity first, the other named
    second = c["rep_e1"].ok("POST", "/api/v1/customers", {"name": "老客户丙"})
    c["rep_e1"].ok("POST", "/api/v1/contacts", {"customer": second["id"], "name": "丙",
                                                "mobile": phone})
    c["rep_e1"].ok("POST", "/api/v1/activities", {"customer": mine["id"], "kind": "call",
                                                 "date": "2026-03-01"})
    c["rep_e1"].ok("POST", "/api/v1/activities", {"customer": second["id"], "kind": "call",
                                                 "date": "2025-03-01"})
    look = c["rep_e1"].ok("GET", "/api/v1/lookup", params={"phone": phone})
    assert look["customer"]["id"] == mine["id"]
    assert look["matches"] == 2
    assert look["other_matches"] == [{"id": second["id"], "name": "老客户丙"}]
    c["rep_e1"].ok("POST", "/api/v1/activities", {"customer": second["id"], "kind": "visit",
                                                 "date": "2026-04-01"})
    look = c["rep_e1"].ok("GET", "/api/v1/lookup", params={"phone": phone})
    assert look["customer"]["id"] == second["id"]
    # someone who sees none of them: 404
    assert_error(c["rep_e2"].get("/api/v1/lookup", params={"phone": phone}), 404)


# ---- item 7: search applies the scope inside the index scan ----

def test_search_does_not_starve_a_rep(co):
    c = co["c"]
    # 50 other-team customers whose keys sort before the rep's own
    for i in range(50):
        c["rep_w1"].ok("POST", "/api/v1/customers", {"name": f"饥饿测试a{i:02d}"})
    mine = {c["rep_e2"].ok("POST", "/api/v1/customers", {"name": f"饥饿测试z{i:02d}"})["id"]
            for i in range(25)}
    found = c["rep_e2"].ok("GET", "/api/v1/search", params={"q": "饥饿测试", "limit": 20})
    got = [i["id"] for i in found["items"]]
    assert len(got) == 20 and set(got) <= mine
    found = c["rep_e2"].ok("GET", "/api/v1/search", params={"q": "饥饿测试", "limit": 200})
    assert {i["id"] for i in found["items"]} == mine
    # the admin sees them all
    found = c["admin"].ok("GET", "/api/v1/search", params={"q": "饥饿测试", "limit": 200})
    assert len(found["items"]) == 75
