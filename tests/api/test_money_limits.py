"""Money never wraps: every product and sum of amounts is checked and refused with the
field named (issue 10, item 11)."""
from conftest import assert_error


def setup_product(admin, **fields):
    cid = admin.ok("POST", "/api/v1/customers", {"name": "北京华信"})["id"]
    pid = admin.ok("POST", "/api/v1/products", {"name": "服务器", **fields})["id"]
    return cid, pid


def orders_of(admin, cid):
    return admin.ok("GET", "/api/v1/orders", params={"customer": cid})["total"]


def test_line_cost_overflow_is_refused(server, admin):
    # the reported case: 100,000,000,000.00 x 1,844,675 wrapped to 59,262,904,483.84
    cid, pid = setup_product(admin, unit_price="0.01", unit_cost="100000000000.00")
    r = admin.post("/api/v1/orders", {"customer": cid, "date": "2026-01-05",
                                      "lines": [{"product": pid, "quantity": 1844675,
                                                 "unit_price": "0.01"}]})
    err = assert_error(r, 400, "invalid", "lines[0].quantity")
    assert "unit cost" in err["message"]
    assert orders_of(admin, cid) == 0


def test_line_total_overflow_is_refused(server, admin):
    cid, pid = setup_product(admin, unit_price="100000000000.00")
    for qty in (2, 1844675, 1000000000):
        r = admin.post("/api/v1/orders", {"customer": cid, "date": "2026-01-05",
                                          "lines": [{"product": pid, "quantity": qty}]})
        assert_error(r, 400, "invalid", "lines[0].quantity")
    assert orders_of(admin, cid) == 0


def test_sum_of_lines_above_the_maximum_is_refused(server, admin):
    cid, pid = setup_product(admin, unit_price="60000000000.00", unit_cost="50000000000.00")
    r = admin.post("/api/v1/orders", {"customer": cid, "date": "2026-01-05",
                                      "lines": [{"product": pid, "quantity": 1}] * 2})
    assert_error(r, 400, "invalid", "lines")
    assert orders_of(admin, cid) == 0


def test_quantity_and_amount_bounds(server, admin):
    cid, pid = setup_product(admin, unit_price="0.01", unit_cost="0.01")
    body = {"customer": cid, "date": "2026-01-05"}
    r = admin.post("/api/v1/orders", {**body, "lines": [{"product": pid,
                                                          "quantity": 1000000001}]})
    assert_error(r, 400, "invalid", "lines[0]")
    assert_error(admin.post("/api/v1/orders", {**body, "amount": "100000000000.01"}),
                 400, "invalid", "amount")
    # the largest line and amount are accepted and stored exactly
    o = admin.ok("POST", "/api/v1/orders", {**body, "lines": [{"product": pid,
                                                               "quantity": 1000000000}]})
    assert o["amount"] == "10000000.00" and o["cost"] == "10000000.00"
    o = admin.ok("POST", "/api/v1/orders", {**body, "amount": "100000000000.00"})
    assert o["amount"] == "100000000000.00"
