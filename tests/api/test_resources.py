"""Every resource's happy path and its errors, through the real server."""
import subprocess

from conftest import KEHU, assert_error


def test_healthz_and_unknown_routes(server, admin):
    r = admin.get("/healthz")
    assert r.status_code == 200 and r.json()["status"] == "ok"
    assert_error(admin.get("/api/v1/nothing"), 404, "not_found")
    assert_error(admin.req("PUT", "/api/v1/customers"), 405, "method_not_allowed")
    assert_error(admin.get("/api/v1/customers/0"), 404)
    assert_error(admin.get("/api/v1/customers/abc"), 404)
    assert_error(admin.get("/api/v1/customers/99999"), 404, "not_found")


def test_openapi_lists_every_route(server, admin):
    doc = admin.ok("GET", "/api/v1/openapi.json")
    assert doc["openapi"].startswith("3.")
    routes = subprocess.run([KEHU, "serve", "--routes"], capture_output=True, text=True,
                            check=True).stdout.split("\n")
    routes = [line.split(" ", 1) for line in routes if line]
    assert len(routes) > 50
    for method, pattern in routes:
        assert pattern in doc["paths"], pattern
        assert method.lower() in doc["paths"][pattern], (method, pattern)
    # and nothing described that is not served
    served = {(m.lower(), p) for m, p in routes}
    for path, item in doc["paths"].items():
        for method in item:
            assert (method, path) in served, (method, path)
    cust = doc["components"]["schemas"]["Customer"]["properties"]
    assert cust["decision_maker_background"]["x-information-level"] == 3


def test_customer_crud(server, admin):
    c = admin.ok("POST", "/api/v1/customers", {"name": "北京华信科技有限公司", "segment": "enterprise",
                                               "phone": "010-62531234", "purchase_budget": 500000,
                                               "decision_maker_background": "喜欢打高尔夫"})
    assert c["name"] == "北京华信科技有限公司" and c["purchase_budget"] == "500000.00"
    assert c["owner"] == 1 and c["in_pool"] is False
    cid = c["id"]
    assert admin.ok("GET", f"/api/v1/customers/{cid}")["segment"] == "enterprise"
    c2 = admin.ok("PATCH", f"/api/v1/customers/{cid}", {"grade": "A", "region": None})
    assert c2["grade"] == "A"
    lst = admin.ok("GET", "/api/v1/customers?segment=enterprise&sort=-name&page=1&per_page=10")
    assert lst["total"] == 1 and lst["page"] == 1 and lst["per_page"] == 10
    assert lst["items"][0]["id"] == cid
    assert admin.ok("GET", "/api/v1/customers?segment=finance")["total"] == 0
    view = admin.ok("GET", f"/api/v1/customers/{cid}/view")
    assert view["customer"]["id"] == cid and "contacts" in view and "orders" in view
    look = admin.ok("GET", "/api/v1/lookup", params={"phone": "+86 10 6253 1234"})
    assert look["customer"]["id"] == cid
    admin.ok("DELETE", f"/api/v1/customers/{cid}")
    assert_error(admin.get(f"/api/v1/customers/{cid}"), 404)
    assert_error(admin.get("/api/v1/lookup", params={"phone": "010-62531234"}), 404)


def test_customer_errors(server, admin):
    assert_error(admin.post("/api/v1/customers", {}), 400, "invalid", "name")
    assert_error(admin.post("/api/v1/customers", {"name": "x", "colour": "red"}), 400, "invalid",
                 "colour")
    assert_error(admin.post("/api/v1/customers", {"name": "x", "grade": "Z"}), 400, field="grade")
    assert_error(admin.post("/api/v1/customers", {"name": "x", "employees": "many"}), 400,
                 field="employees")
    assert_error(admin.post("/api/v1/customers", {"name": ["x"]}), 400, field="name")
    assert_error(admin.post("/api/v1/customers", {"name": "x", "owner": 1}), 400, field="owner")
    assert_error(admin.get("/api/v1/customers?colour=red"), 400, field="colour")
    assert_error(admin.get("/api/v1/customers?sort=colour"), 400, field="sort")
    assert_error(admin.get("/api/v1/customers?per_page=501"), 400, field="per_page")
    assert_error(admin.get("/api/v1/customers?page=0"), 400, field="page")
    assert_error(admin.patch("/api/v1/customers/424242", {"grade": "A"}), 404)
    assert_error(admin.delete("/api/v1/customers/424242"), 404)
    assert_error(admin.get("/api/v1/lookup"), 400, field="phone")
    assert_error(admin.get("/api/v1/lookup", params={"phone": "abc"}), 400)


def test_children_and_orders(server, admin):
    cid = admin.ok("POST", "/api/v1/customers", {"name": "Acme"})["id"]
    p = admin.ok("POST", "/api/v1/products", {"name": "压力传感器", "code": "SNS-1",
                                              "unit_price": "890", "unit_cost": "489.50"})
    assert p["unit_price"] == "890.00"
    assert_error(admin.post("/api/v1/products", {"name": "dup", "code": "SNS-1"}), 409, "conflict")
    ct = admin.ok("POST", "/api/v1/contacts", {"customer": cid, "name": "张三",
                                               "mobile": "13812345678", "hobbies": "钓鱼"})
    assert ct["customer"] == cid and ct["mobile"] == "13812345678"
    assert_error(admin.post("/api/v1/contacts", {"customer": 999, "name": "x"}), 404)
    o = admin.ok("POST", "/api/v1/orders", {"customer": cid, "date": "2026-05-01",
                                            "lines": [{"product": p["id"], "quantity": 3}]})
    assert o["amount"] == "2670.00" and len(o["lines"]) == 1
    assert admin.ok("GET", f"/api/v1/orders/{o['id']}")["lines"][0]["quantity"] == 3
    assert_error(admin.post("/api/v1/orders", {"customer": cid, "date": "2026-02-30",
                                               "amount": 1}), 400, field="date")
    pay = admin.ok("POST", "/api/v1/payments", {"order": o["id"], "customer": cid,
                                                "amount": "2670", "due_date": "2026-06-01"})
    a = admin.ok("POST", "/api/v1/activities", {"customer": cid, "kind": "visit",
                                                "date": "2026-06-20", "purpose": "了解采购计划"})
    op = admin.ok("POST", "/api/v1/opportunities", {"customer": cid, "name": "二期",
                                                    "amount": "100000", "stage": "proposal"})
    t = admin.ok("POST", "/api/v1/tasks", {"customer": cid, "title": "回访", "due_date": "2026-07-01"})
    d = admin.ok("POST", "/api/v1/important_dates", {"customer": cid, "kind": "founding",
                                                     "date": "2001-03-08"})
    comp = admin.ok("POST", "/api/v1/competitors", {"customer": cid, "brand": "Siemens"})
    for res, obj in [("payments", pay), ("activities", a), ("opportunities", op), ("tasks", t),
                     ("important_dates", d), ("competitors", comp), ("contacts", ct)]:
        assert admin.ok("GET", f"/api/v1/{res}/{obj['id']}")["id"] == obj["id"]
        lst = admin.ok("GET", f"/api/v1/{res}?customer={cid}")
        assert lst["total"] == 1, res
    admin.ok("PATCH", f"/api/v1/opportunities/{op['id']}", {"stage": "won"})
    admin.ok("PATCH", f"/api/v1/tasks/{t['id']}", {"done": True})
    assert admin.ok("GET", f"/api/v1/tasks/{t['id']}")["done"] is True
    admin.ok("DELETE", f"/api/v1/competitors/{comp['id']}")
    view = admin.ok("GET", f"/api/v1/customers/{cid}/view")
    assert view["counts"]["contacts"] == 1 and view["counts"]["orders"] == 1
    assert view["contacts"][0]["hobbies"] == "钓鱼"
    look = admin.ok("GET", "/api/v1/lookup?phone=138-1234-5678")
    assert look["matched_contact"]["id"] == ct["id"]
    found = admin.ok("GET", "/api/v1/search", params={"q": "acme"})["items"]
    assert any(i["id"] == cid and i["type"] == "customer" for i in found)
    assert_error(admin.get("/api/v1/search"), 400, field="q")


def test_users_teams_settings(server, admin):
    t = admin.ok("POST", "/api/v1/teams", {"name": "华东销售部", "parent": "总部"})
    assert t["parent"] == 1
    assert_error(admin.post("/api/v1/teams", {"name": "华东销售部"}), 409)
    assert_error(admin.post("/api/v1/teams", {"name": "x", "parent": 999}), 400, field="parent")
    u = admin.ok("POST", "/api/v1/users", {"login": "lily", "role": "manager", "team": t["id"],
                                           "password": "long enough pw", "display_name": "李丽"})
    assert "password" not in u and "password_hash" not in u and u["role"] == "manager"
    assert_error(admin.post("/api/v1/users", {"login": "lily", "role": "sales"}), 409)
    assert_error(admin.post("/api/v1/users", {"login": "x", "role": "boss"}), 400, field="role")
    assert_error(admin.post("/api/v1/users", {"login": "bad login", "role": "sales"}), 400,
                 field="login")
    assert_error(admin.post("/api/v1/users", {"login": "shorty", "role": "sales",
                                              "password": "short"}), 400, field="password")
    admin.ok("PATCH", f"/api/v1/teams/{t['id']}", {"leader": "lily"})
    assert admin.ok("GET", f"/api/v1/teams/{t['id']}")["leader"] == u["id"]
    assert_error(admin.patch(f"/api/v1/teams/{t['id']}", {"parent": t["id"]}), 400, field="parent")
    assert admin.ok("GET", "/api/v1/users?role=manager")["total"] == 1
    admin.ok("PATCH", f"/api/v1/users/{u['id']}", {"max_customers": 5})
    assert admin.ok("GET", f"/api/v1/users/{u['id']}")["max_customers"] == 5
    assert_error(admin.delete(f"/api/v1/teams/{t['id']}"), 409)
    admin.ok("DELETE", f"/api/v1/users/{u['id']}")
    assert_error(admin.get(f"/api/v1/users/{u['id']}"), 404)
    admin.ok("DELETE", f"/api/v1/teams/{t['id']}")
    assert admin.ok("GET", "/api/v1/teams")["total"] == 1

    s = admin.ok("GET", "/api/v1/settings")
    assert s["scope.sales"]["value"] == "own"
    s = admin.ok("PATCH", "/api/v1/settings", {"scope.sales": "department", "abc.a_share": 0.6})
    assert s["scope.sales"]["value"] == "department" and s["abc.a_share"]["value"] == "0.6"
    assert_error(admin.patch("/api/v1/settings", {"scope.sales": "everyone"}), 400,
                 field="scope.sales")
    assert_error(admin.patch("/api/v1/settings", {"nope": "1"}), 404)
    # a failed batch changes nothing
    assert_error(admin.patch("/api/v1/settings", {"abc.a_share": "0.7", "scope.admin": "x"}), 400)
    assert admin.ok("GET", "/api/v1/settings")["abc.a_share"]["value"] == "0.6"
    # limits in pairs stay in order, judged after the whole batch
    e = assert_error(admin.patch("/api/v1/settings", {"abc.a_share": 0.9}), 400,
                     field="abc.a_share")
    assert "abc.b_share" in e["message"]
    assert_error(admin.patch("/api/v1/settings", {"abc.count_b": 0.99}), 400,
                 field="abc.count_b")
    s = admin.ok("PATCH", "/api/v1/settings", {"abc.a_share": 0.9, "abc.b_share": 0.95})
    assert (s["abc.a_share"]["value"], s["abc.b_share"]["value"]) == ("0.9", "0.95")
    admin.ok("PATCH", "/api/v1/settings", {"grid.amount_large_fen": "400000"})
    assert_error(admin.patch("/api/v1/settings", {"grid.amount_small_fen": "500000"}), 400,
                 field="grid.amount_small_fen")
    assert admin.ok("GET", "/api/v1/settings")["grid.amount_small_fen"]["value"] == ""


def test_cli_accounts(server):
    assert server.cli("user", "add", "nopw", "--role", "sales", input="", ok=False).returncode == 1
    assert server.cli("user", "add", "short", "--role", "sales", input="abc\n",
                      ok=False).returncode == 1
    assert server.cli("user", "add", "x", "--role", "king", input="password99\n",
                      ok=False).returncode == 1
    server.add_user("wang", "sales", team="新团队")
    teams = server.cli("team", "list").stdout
    assert "新团队" in teams
    server.cli("team", "add", "子团队", "--parent", "新团队", "--leader", "wang")
    assert "wang" in server.cli("user", "list").stdout
    assert server.cli("token", "create", "nobody", ok=False).returncode == 1
    tok = server.token("wang")
    assert tok.startswith("kh_") and len(tok) == 67
