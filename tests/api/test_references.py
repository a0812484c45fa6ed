"""Bad references and values are refused with 400 naming the field (issue 10, item 15):
records of an invisible customer answer like nonexistent ids, a record named on another
must belong to the same customer, settings whose value would be ignored, order amounts
that disagree with the lines, unknown line keys and repeated query parameters."""
import re

import pytest

from conftest import assert_error

MISSING = 999999


@pytest.fixture
def world(server, admin):
    """wang (sales, 华东) and li (sales, 华北) each own a customer with a contact, an
    order and an opportunity; neither sees the other's."""
    server.add_user("wang", "sales", team="华东")
    server.add_user("li", "sales", team="华北")
    w = {"admin": admin, "wang": server.client("wang"), "li": server.client("li")}
    for login in ("wang", "li"):
        c = w[login]
        cid = c.ok("POST", "/api/v1/customers", {"name": f"{login}的客户"})["id"]
        w[login + "_customer"] = cid
        w[login + "_contact"] = c.ok("POST", "/api/v1/contacts",
                                     {"customer": cid, "name": "张三"})["id"]
        w[login + "_order"] = c.ok("POST", "/api/v1/orders", {"customer": cid,
                                   "date": "2026-01-05", "amount": "10"})["id"]
        w[login + "_opportunity"] = c.ok("POST", "/api/v1/opportunities",
                                         {"customer": cid, "name": "扩容"})["id"]
    return w


def same_as_missing(client, method, path, body, field, hidden_id):
    """The answer for the invisible record equals the one for an id that does not exist."""
    hidden = assert_error(client.req(method, path, json={**body, field: hidden_id}),
                          400, "invalid", field)
    missing = assert_error(client.req(method, path, json={**body, field: MISSING}),
                           400, "invalid", field)
    assert re.sub(r"\d+", "N", hidden["message"]) == re.sub(r"\d+", "N", missing["message"])


def test_reports_to_of_an_invisible_customer(world):
    wang = world["wang"]
    body = {"customer": world["wang_customer"], "name": "李四"}
    same_as_missing(wang, "POST", "/api/v1/contacts", body, "reports_to", world["li_contact"])
    same_as_missing(wang, "PATCH", f"/api/v1/contacts/{world['wang_contact']}", {},
                    "reports_to", world["li_contact"])
    assert wang.ok("GET", "/api/v1/contacts")["total"] == 1


def test_reports_to_of_another_visible_customer(world):
    admin = world["admin"]
    r = admin.post("/api/v1/contacts", {"customer": world["wang_customer"], "name": "李四",
                                        "reports_to": world["li_contact"]})
    assert_error(r, 400, "invalid", "reports_to")
    ok = admin.ok("POST", "/api/v1/contacts", {"customer": world["wang_customer"],
                  "name": "李四", "reports_to": world["wang_contact"]})
    assert ok["reports_to"] == world["wang_contact"]


def test_payment_order_of_another_customer(world):
    admin = world["admin"]
    body = {"customer": world["wang_customer"], "amount": "10", "due_date": "2026-02-01"}
    assert_error(admin.post("/api/v1/payments", {**body, "order": world["li_order"]}),
                 400, "invalid", "order")
    admin.ok("POST", "/api/v1/payments", {**body, "order": world["wang_order"]})
    assert admin.ok("GET", "/api/v1/payments")["total"] == 1


def test_activity_opportunity_of_an_invisible_customer(world):
    wang = world["wang"]
    body = {"customer": world["wang_customer"], "kind": "call", "date": "2026-01-06"}
    same_as_missing(wang, "POST", "/api/v1/activities", body, "opportunity",
                    world["li_opportunity"])
    assert_error(world["admin"].post("/api/v1/activities",
                                     {**body, "opportunity": world["li_opportunity"]}),
                 400, "invalid", "opportunity")
    wang.ok("POST", "/api/v1/activities", {**body, "opportunity": world["wang_opportunity"]})


def test_task_contact_of_an_invisible_customer(world):
    wang = world["wang"]
    same_as_missing(wang, "POST", "/api/v1/tasks", {"title": "回访"}, "contact",
                    world["li_contact"])
    task = wang.ok("POST", "/api/v1/tasks", {"title": "回访", "contact": world["wang_contact"]})
    same_as_missing(wang, "PATCH", f"/api/v1/tasks/{task['id']}", {}, "contact",
                    world["li_contact"])


@pytest.mark.parametrize("value", ["0", "0.5", "-1", "8761", "1.5"])
def test_session_hours_out_of_range(server, admin, value):
    assert_error(admin.patch("/api/v1/settings", {"auth.session_hours": value}),
                 400, "invalid", "auth.session_hours")
    got = admin.ok("GET", "/api/v1/settings")
    assert got["auth.session_hours"]["value"] == "12"


def test_session_hours_in_range(server, admin):
    admin.ok("PATCH", "/api/v1/settings", {"auth.session_hours": "1"})
    admin.ok("PATCH", "/api/v1/settings", {"auth.session_hours": "8760"})


@pytest.fixture
def product(admin):
    return admin.ok("POST", "/api/v1/products", {"name": "服务器", "unit_price": "12.50"})["id"]


def test_order_amount_must_match_the_lines(world, product):
    admin = world["admin"]
    body = {"customer": world["wang_customer"], "date": "2026-01-05",
            "lines": [{"product": product, "quantity": 2}]}
    err = assert_error(admin.post("/api/v1/orders", {**body, "amount": "30"}),
                       400, "invalid", "amount")
    assert "25.00" in err["message"]
    o = admin.ok("POST", "/api/v1/orders", {**body, "amount": "25.00"})
    assert o["amount"] == "25.00"
    assert_error(admin.patch(f"/api/v1/orders/{o['id']}", {"amount": "26"}), 400, "invalid",
                 "amount")
    admin.ok("PATCH", f"/api/v1/orders/{o['id']}", {"amount": "25", "status": "confirmed"})
    # an order without lines keeps a free amount
    admin.ok("PATCH", f"/api/v1/orders/{world['wang_order']}", {"amount": "26"})


def test_unknown_order_line_key(world, product):
    admin = world["admin"]
    r = admin.post("/api/v1/orders", {"customer": world["wang_customer"], "date": "2026-01-05",
                                      "lines": [{"product": product, "quantity": 1},
                                                {"product": product, "quantity": 1,
                                                 "unitprice": "1.00"}]})
    assert_error(r, 400, "invalid", "lines[1].unitprice")
    assert admin.ok("GET", "/api/v1/orders",
                    params={"customer": world["wang_customer"]})["total"] == 1


@pytest.mark.parametrize("query", ["grade=A&grade=B", "per_page=5&per_page=500",
                                   "sort=name&grade=A&sort=-name"])
def test_repeated_query_parameter(server, admin, query):
    name = query.split("=")[0] if "sort" not in query else "sort"
    assert_error(admin.get("/api/v1/customers?" + query), 400, "invalid", name)
