"""The permission matrix: every role against every resource with ids from other teams.

The company:   总部 (HQ, manager mgr_hq, admin)
               ├── 华东 (East, leader mgr_east): rep_e1, rep_e2
               └── 华西 (West): rep_w1
Customers:     c_e1 (rep_e1's), c_e2 (rep_e2's), c_w1 (rep_w1's, shared read with rep_e1),
               c_pool (in the public pool); c_e1 is shared read with rep_e2.
Each customer has a contact, an activity, an order, an opportunity, a competitor, an
important date and a task, and sensitive fields of levels 2 and 3.
"""
import pytest

from conftest import Server, assert_error, share

CHILDREN = ["contacts", "activities", "orders", "opportunities", "competitors",
            "important_dates", "tasks", "payments"]
PHONES = {"c_e1": "13800000001", "c_e2": "13800000002", "c_w1": "13800000003",
          "c_pool": "13800000004"}
LEVEL2 = "purchase_budget"
LEVEL3 = "decision_maker_background"


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("perm"))
    s.add_company()
    s.add_user("mgr_east", "manager", team="华东")
    s.cli("team", "add", "华东一组", "--parent", "华东")
    ids = {}
    for login, team in [("rep_e1", "华东"), ("rep_e2", "华东"), ("rep_w1", "华西"),
                        ("rep_e3", "华东一组")]:
        ids[login] = s.add_user(login, "sales", team=team)
    s.start()
    c = {u: s.client(u) for u in ["admin", "mgr_hq", "mgr_east", "rep_e1", "rep_e2", "rep_w1",
                                  "rep_e3"]}
    admin = c["admin"]
    product = admin.ok("POST", "/api/v1/products", {"name": "阀门", "unit_price": "10"})["id"]
    objs = {}
    for key, owner in [("c_e1", "rep_e1"), ("c_e2", "rep_e2"), ("c_w1", "rep_w1"),
                       ("c_pool", "admin")]:
        cl = c[owner]
        cust = cl.ok("POST", "/api/v1/customers", {
            "name": f"Company{key.replace('_', '')}", "phone": PHONES[key],
            LEVEL2: "1000", LEVEL3: "secret " + key})
        cid = cust["id"]
        o = {"customer": cid}
        o["contacts"] = cl.ok("POST", "/api/v1/contacts", {"customer": cid, "name": "Person" + key,
                                                           "hobbies": "golf"})["id"]
        o["activities"] = cl.ok("POST", "/api/v1/activities", {"customer": cid, "kind": "call",
                                                               "date": "2026-01-02"})["id"]
        order = cl.ok("POST", "/api/v1/orders", {"customer": cid, "date": "2026-01-03",
                                                 "lines": [{"product": product, "quantity": 2}]})
        o["orders"] = order["id"]
        o["payments"] = cl.ok("POST", "/api/v1/payments", {"order": order["id"], "customer": cid,
                                                           "amount": "20",
                                                           "due_date": "2026-02-01"})["id"]
        o["opportunities"] = cl.ok("POST", "/api/v1/opportunities", {"customer": cid,
                                                                     "name": "deal"})["id"]
        o["competitors"] = cl.ok("POST", "/api/v1/competitors", {"customer": cid,
                                                                 "brand": "ABB"})["id"]
        o["important_dates"] = cl.ok("POST", "/api/v1/important_dates", {
            "customer": cid, "kind": "founding", "date": "2000-01-01"})["id"]
        o["tasks"] = cl.ok("POST", "/api/v1/tasks", {"customer": cid, "title": "call"})["id"]
        objs[key] = o
    admin.ok("POST", f"/api/v1/customers/{objs['c_pool']['customer']}/release", status=200)
    share(c["rep_w1"], objs["c_w1"]["customer"], ids["rep_e1"])
    share(c["rep_e1"], objs["c_e1"]["customer"], ids["rep_e2"])
    yield {"server": s, "clients": c, "objs": objs, "ids": ids}
    s.stop()


# who sees which customer, at which information level (None = not at all)
EXPECT = {
    "admin":    {"c_e1": 3, "c_e2": 3, "c_w1": 3, "c_pool": 3},
    "mgr_hq":   {"c_e1": 3, "c_e2": 3, "c_w1": 3, "c_pool": 1},
    "mgr_east": {"c_e1": 3, "c_e2": 3, "c_w1": None, "c_pool": 1},
    "rep_e1":   {"c_e1": 3, "c_e2": None, "c_w1": 1, "c_pool": 1},
    "rep_e2":   {"c_e1": 2, "c_e2": 3, "c_w1": None, "c_pool": 1},
    "rep_w1":   {"c_e1": None, "c_e2": None, "c_w1": 3, "c_pool": 1},
    "rep_e3":   {"c_e1": None, "c_e2": None, "c_w1": None, "c_pool": 1},
}
USERS = list(EXPECT)


def level_of(obj):
    if LEVEL3 in obj:
        assert LEVEL2 in obj
        return 3
    return 2 if LEVEL2 in obj else 1


@pytest.mark.parametrize("user", USERS)
def test_customer_get_list_view(world, user):
    cl = world["clients"][user]
    listed = {i["id"]: i for i in cl.ok("GET", "/api/v1/customers?per_page=500")["items"]}
    for key, want in EXPECT[user].items():
        cid = world["objs"][key]["customer"]
        r = cl.get(f"/api/v1/customers/{cid}")
        v = cl.get(f"/api/v1/customers/{cid}/view")
        if want is None:
            assert_error(r, 404)
            assert_error(v, 404)
            assert cid not in listed
            continue
        assert r.status_code == 200, (user, key, r.text)
        assert level_of(r.json()) == want, (user, key, r.json())
        assert level_of(listed[cid]) == want, (user, key)
        view = v.json()
        assert level_of(view["customer"]) == want
        # nested objects obey the same level: a contact's hobbies are level 3,
        # competitors are level-2 information
        assert ("hobbies" in view["contacts"][0]) == (want >= 3), (user, key)
        assert ("competitors" in view) == (want >= 2), (user, key)
    assert len(listed) == sum(1 for w in EXPECT[user].values() if w)


@pytest.mark.parametrize("user", USERS)
def test_children_get_and_list(world, user):
    cl = world["clients"][user]
    for res in CHILDREN:
        listed = {i["id"]: i for i in cl.ok("GET", f"/api/v1/{res}?per_page=500")["items"]}
        visible = []
        for key, want in EXPECT[user].items():
            oid = world["objs"][key][res]
            cid = world["objs"][key]["customer"]
            r = cl.get(f"/api/v1/{res}/{oid}")
            by_customer = cl.get(f"/api/v1/{res}?customer={cid}")
            if want is None:
                assert_error(r, 404), (user, res, key)
                assert_error(by_customer, 404)
                assert oid not in listed, (user, res, key)
                continue
            if res == "competitors" and want < 2:
                # competitors are level-2 rows: below level 2 they are not there at all,
                # as in the 360-degree view
                assert_error(r, 404), (user, res, key)
                assert by_customer.json()["items"] == [] and by_customer.json()["total"] == 0
                assert oid not in listed, (user, res, key)
                continue
            assert r.status_code == 200, (user, res, key, r.text)
            assert by_customer.status_code == 200
            assert [i["id"] for i in by_customer.json()["items"]] == [oid]
            assert oid in listed, (user, res, key)
            visible.append(oid)
            if res == "contacts":
                assert ("hobbies" in r.json()) == (want >= 3)
                assert ("hobbies" in listed[oid]) == (want >= 3)
            if res == "competitors":
                assert ("brand" in r.json()) == (want >= 2)
        assert sorted(listed) == sorted(visible), (user, res)


@pytest.mark.parametrize("user", USERS)
def test_search_and_lookup(world, user):
    cl = world["clients"][user]
    for key, want in EXPECT[user].items():
        cid = world["objs"][key]["customer"]
        found = cl.ok("GET", "/api/v1/search", params={"q": "company" + key.replace("_", "")})
        ids = [i["customer_id"] for i in found["items"]]
        look = cl.get("/api/v1/lookup", params={"phone": PHONES[key]})
        person = cl.ok("GET", "/api/v1/search", params={"q": "person" + key})["items"]
        if want is None:
            assert cid not in ids, (user, key)
            assert not person
            assert_error(look, 404)
        else:
            assert cid in ids, (user, key, found)
            assert look.status_code == 200
            assert look.json()["customer"]["id"] == cid
            assert level_of(look.json()["customer"]) == want


@pytest.mark.parametrize("user", USERS)
def test_writes(world, user):
    cl = world["clients"][user]
    for key, want in EXPECT[user].items():
        cid = world["objs"][key]["customer"]
        r = cl.patch(f"/api/v1/customers/{cid}", {"region": "x-" + user})
        may_write = want == 3 and key != "c_pool" or user == "admin"
        if want is None:
            assert_error(r, 404)
        elif may_write:
            assert r.status_code == 200, (user, key, r.text)
        else:
            assert_error(r, 403, "forbidden")
        # above one's level: refused even where writes are allowed
        if want and want < 3:
            assert_error(cl.patch(f"/api/v1/customers/{cid}", {LEVEL3: "x"}), 403)
        # children of invisible customers cannot be created or changed
        c2 = cl.post("/api/v1/contacts", {"customer": cid, "name": "new"})
        if want is None:
            assert_error(c2, 404)
            oid = world["objs"][key]["contacts"]
            assert_error(cl.patch(f"/api/v1/contacts/{oid}", {"title": "x"}), 404)
            assert_error(cl.delete(f"/api/v1/contacts/{oid}"), 404)
        elif not may_write:
            assert_error(c2, 403)
        else:
            assert c2.status_code == 201
            cl.ok("DELETE", f"/api/v1/contacts/{c2.json()['id']}")


@pytest.mark.parametrize("user", USERS)
def test_users_and_admin_only(world, user):
    cl = world["clients"][user]
    ids = world["ids"]
    listed = {u["login"] for u in cl.ok("GET", "/api/v1/users?per_page=500")["items"]}
    want = {
        "admin": {"admin", "mgr_hq", "mgr_east", "rep_e1", "rep_e2", "rep_w1", "rep_e3"},
        "mgr_hq": {"admin", "mgr_hq", "mgr_east", "rep_e1", "rep_e2", "rep_w1", "rep_e3"},
        "mgr_east": {"mgr_east", "rep_e1", "rep_e2", "rep_e3"},
    }.get(user, {user})
    assert listed == want
    r = cl.get(f"/api/v1/users/{ids['rep_w1']}")
    assert r.status_code == (200 if "rep_w1" in want else 404)
    if user != "admin":
        assert_error(cl.post("/api/v1/users", {"login": "x" + user, "role": "admin"}), 403)
        assert_error(cl.post("/api/v1/teams", {"name": "t" + user}), 403)
        assert_error(cl.patch("/api/v1/settings", {"scope.sales": "all"}), 403)
        target = cl.get(f"/api/v1/users/{ids['rep_e1']}")
        if target.status_code == 200 and user != "rep_e1":
            assert_error(cl.patch(f"/api/v1/users/{ids['rep_e1']}", {"role": "admin"}), 403)
    if user.startswith("rep"):
        assert_error(cl.post("/api/v1/products", {"name": "p"}), 403)
    assert cl.ok("GET", "/api/v1/products")["total"] >= 1
    assert cl.ok("GET", "/api/v1/teams")["total"] == 4


def test_scope_settings_change_visibility(world):
    admin = world["clients"]["admin"]
    rep_e2 = world["clients"]["rep_e2"]
    c_e1 = world["objs"]["c_e1"]["customer"]
    c_w1 = world["objs"]["c_w1"]["customer"]
    try:
        admin.ok("PATCH", "/api/v1/settings", {"scope.sales": "department"})
        ids = {i["id"] for i in rep_e2.ok("GET", "/api/v1/customers")["items"]}
        assert c_e1 in ids and c_w1 not in ids
        # department scope for a rep: sees the file, but level 3 stays with the owner
        assert level_of(rep_e2.ok("GET", f"/api/v1/customers/{c_e1}")) == 2
        admin.ok("PATCH", "/api/v1/settings", {"scope.manager": "own_and_subordinates"})
        mgr = world["clients"]["mgr_east"]
        ids = {i["id"] for i in mgr.ok("GET", "/api/v1/customers")["items"]}
        assert c_e1 not in ids  # mgr_east leads no team yet
        admin.ok("PATCH", "/api/v1/teams/2", {"leader": "mgr_east"})  # 华东
        ids = {i["id"] for i in mgr.ok("GET", "/api/v1/customers")["items"]}
        assert c_e1 in ids and c_w1 not in ids
    finally:
        admin.ok("PATCH", "/api/v1/settings", {"scope.sales": "own",
                                               "scope.manager": "department_and_below"})
        admin.ok("PATCH", "/api/v1/teams/2", {"leader": None})
