"""An opportunity's product lines (商机产品明细, issue 13 part 2): optional lines of the
order's shape and checks; with lines the amount is their sum, a PATCH with lines replaces
them in the write's own transaction, the lines are read with the opportunity's permission,
and a contract made from the opportunity copies them. The stage rules keep working."""
import sqlite3

import pytest

from conftest import Server, assert_error


@pytest.fixture
def co(tmp_path):
    s = Server(tmp_path)
    ids = s.add_company()
    ids["rep_e"] = s.add_user("rep_e", "sales", team="华东")
    ids["rep_w"] = s.add_user("rep_w", "sales", team="华西")
    s.start()
    s.ids = ids
    s.c = {login: s.client(login) for login in ids}
    s.p1 = s.c["admin"].ok("POST", "/api/v1/products", {
        "name": "压力传感器", "unit_price": "890", "unit_cost": "489.50"})["id"]
    s.p2 = s.c["admin"].ok("POST", "/api/v1/products", {"name": "温控模块",
                                                         "unit_price": "120.50"})["id"]
    s.cid = s.c["rep_e"].ok("POST", "/api/v1/customers", {"name": "杭州云帆网络有限公司"})["id"]
    yield s
    s.stop()


def count(co, sql, *args):
    con = sqlite3.connect(co.db)
    n = con.execute(sql, args).fetchone()[0]
    con.close()
    return n


def opp(co, login="rep_e", **fields):
    body = {"customer": co.cid, "name": "云帆二期", **fields}
    return co.c[login].ok("POST", "/api/v1/opportunities", body)


def test_lines_make_the_amount_and_are_shown(co):
    o = opp(co, stage="proposal", lines=[{"product": co.p1, "quantity": 10},
                                          {"product": co.p2, "quantity": 3,
                                           "unit_price": "100"}])
    assert o["amount"] == "9200.00"
    assert [(l["product_id"], l["product_name"], l["quantity"], l["unit_price"], l["amount"])
            for l in o["lines"]] == [(co.p1, "压力传感器", 10, "890.00", "8900.00"),
                                     (co.p2, "温控模块", 3, "100.00", "300.00")]
    again = co.c["rep_e"].ok("GET", f"/api/v1/opportunities/{o['id']}")
    assert again["lines"] == o["lines"] and again["amount"] == "9200.00"
    # an amount that agrees is taken; the stage hooks ran (probability, history)
    same = opp(co, amount="890", lines=[{"product": co.p1, "quantity": 1}])
    assert same["amount"] == "890.00" and len(same["lines"]) == 1
    stages = co.c["rep_e"].ok("GET", f"/api/v1/opportunities/{o['id']}/stages")["items"]
    assert [s["to_stage"] for s in stages] == ["proposal"]
    # one without lines has an empty list and its typed amount
    plain = opp(co, amount="5000")
    assert plain["lines"] == [] and plain["amount"] == "5000.00"


def test_a_wrong_amount_or_a_bad_line_writes_nothing(co):
    before = (count(co, "SELECT count(*) FROM opportunities"),
              count(co, "SELECT count(*) FROM opportunity_lines"))
    err = assert_error(co.c["rep_e"].post("/api/v1/opportunities", {
        "customer": co.cid, "name": "x", "amount": "1000",
        "lines": [{"product": co.p1, "quantity": 2}]}), 400, "invalid", "amount")
    assert "1780.00" in err["message"]
    assert_error(co.c["rep_e"].post("/api/v1/opportunities", {
        "customer": co.cid, "name": "x", "lines": [{"product": 999999, "quantity": 1}]}),
        400, "invalid", "lines[0]")
    err = assert_error(co.c["rep_e"].post("/api/v1/opportunities", {
        "customer": co.cid, "name": "x", "lines": [{"product": co.p1, "quantity": 0}]}),
        400, "invalid", "lines[0]")
    assert "lines[0].quantity" in err["message"]
    assert_error(co.c["rep_e"].post("/api/v1/opportunities", {
        "customer": co.cid, "name": "x", "lines": "many"}), 400, "invalid", "lines")
    # a line that is fine but an opportunity that is not: the lines are not left behind
    assert_error(co.c["rep_e"].post("/api/v1/opportunities", {
        "customer": co.cid, "lines": [{"product": co.p1, "quantity": 1}]}),
        400, "invalid", "name")
    assert (count(co, "SELECT count(*) FROM opportunities"),
            count(co, "SELECT count(*) FROM opportunity_lines")) == before


def test_patch_replaces_the_lines_in_one_transaction(co):
    o = opp(co, lines=[{"product": co.p1, "quantity": 10}])
    url = f"/api/v1/opportunities/{o['id']}"
    r = co.c["rep_e"].ok("PATCH", url, {"stage": "negotiation",
                                        "lines": [{"product": co.p2, "quantity": 2}]})
    assert r["amount"] == "241.00" and r["stage"] == "negotiation"
    assert [(l["product_id"], l["quantity"]) for l in r["lines"]] == [(co.p2, 2)]
    assert count(co, "SELECT count(*) FROM opportunity_lines WHERE opportunity_id = ?",
                 o["id"]) == 1
    # with lines the amount follows them: one alone that disagrees is refused
    assert_error(co.c["rep_e"].patch(url, {"amount": "1"}), 400, "invalid", "amount")
    # a refused PATCH leaves the old lines (a bad stage after good lines)
    assert_error(co.c["rep_e"].patch(url, {"stage": "lost",
                                           "lines": [{"product": co.p1, "quantity": 5}]}),
                 400, "invalid", "lost_reason")
    kept = co.c["rep_e"].ok("GET", url)
    assert kept["amount"] == "241.00" and [l["product_id"] for l in kept["lines"]] == [co.p2]
    # no lines any more: the amount is typed again
    r = co.c["rep_e"].ok("PATCH", url, {"lines": [], "amount": "7"})
    assert r["lines"] == [] and r["amount"] == "7.00"
    stages = co.c["rep_e"].ok("GET", f"{url}/stages")["items"]
    assert [s["to_stage"] for s in stages] == ["lead", "negotiation"]


def test_lines_are_the_opportunitys_permission(co):
    o = opp(co, lines=[{"product": co.p1, "quantity": 1}])
    url = f"/api/v1/opportunities/{o['id']}"
    assert_error(co.c["rep_w"].get(url), 404)
    assert_error(co.c["rep_w"].patch(url, {"lines": [{"product": co.p2, "quantity": 9}]}),
                 404)
    assert_error(co.c["rep_w"].post("/api/v1/opportunities", {
        "customer": co.cid, "name": "x", "lines": [{"product": co.p1, "quantity": 1}]}), 404)
    assert [l["product_id"] for l in co.c["admin"].ok("GET", url)["lines"]] == [co.p1]


def test_a_contract_from_the_opportunity_copies_its_lines(co):
    o = opp(co, stage="won", lines=[{"product": co.p1, "quantity": 2},
                                     {"product": co.p2, "quantity": 1, "unit_price": "99"}])
    k = co.c["rep_e"].ok("POST", "/api/v1/contracts", {"opportunity": o["id"]})
    assert k["total"] == "1879.00" and k["opportunity"] == o["id"]
    assert [(l["product_id"], l["quantity"], l["unit_price"]) for l in k["lines"]] == [
        (co.p1, 2, "890.00"), (co.p2, 1, "99.00")]
    # lines in the body win over the opportunity's
    k2 = co.c["rep_e"].ok("POST", "/api/v1/contracts", {
        "opportunity": o["id"], "lines": [{"product": co.p2, "quantity": 1}]})
    assert k2["total"] == "120.50" and len(k2["lines"]) == 1


def test_lines_follow_a_merge_and_stay_with_a_deleted_opportunity(co):
    other = co.c["admin"].ok("POST", "/api/v1/customers", {"name": "宁波海曙贸易"})["id"]
    o = co.c["admin"].ok("POST", "/api/v1/opportunities", {
        "customer": other, "name": "并入的商机", "lines": [{"product": co.p1, "quantity": 3}]})
    co.c["admin"].ok("POST", f"/api/v1/customers/{co.cid}/merge", {"from": other},
                     status=200)
    moved = co.c["admin"].ok("GET", f"/api/v1/opportunities/{o['id']}")
    assert moved["customer"] == co.cid and moved["amount"] == "2670.00"
    assert [(l["product_id"], l["quantity"]) for l in moved["lines"]] == [(co.p1, 3)]
    co.c["admin"].ok("DELETE", f"/api/v1/opportunities/{o['id']}")
    assert_error(co.c["admin"].get(f"/api/v1/opportunities/{o['id']}"), 404)
    assert count(co, "SELECT count(*) FROM opportunity_lines WHERE opportunity_id = ?",
                 o["id"]) == 1
