"""Rows written outside kehu: a customer name stored as a BLOB or invalid UTF-8, binary
and NULL in other text columns. The server answers every route that reads them and keeps
running (issue 10, item 10: PATCH used to kill it in kh_search_keys_build)."""
import sqlite3

import pytest

REPLACEMENT = "\ufffd"


def damage(server, sql, *args):
    con = sqlite3.connect(server.db)
    con.execute(sql, args)
    con.commit()
    con.close()


@pytest.mark.parametrize("expr,shown", [
    ("X'00FF41'", REPLACEMENT * 2 + "A"),
    ("CAST(X'41FF42' AS TEXT)", "A" + REPLACEMENT + "B"),
    ("CAST('北京华信' AS BLOB)", "北京华信"),
])
def test_damaged_customer_every_route_answers(server, admin, expr, shown):
    cid = admin.ok("POST", "/api/v1/customers",
                   {"name": "北京华信", "phone": "13812345678", "region": "华北"})["id"]
    ct = admin.ok("POST", "/api/v1/contacts", {"customer": cid, "name": "张三"})["id"]
    damage(server, f"UPDATE customers SET name={expr}, region=X'FF', address=NULL,"
           " custom=X'FF' WHERE id=?", cid)
    damage(server, "UPDATE contacts SET name=CAST(X'E4B8' AS TEXT), title=X'00' WHERE id=?", ct)

    got = admin.ok("GET", f"/api/v1/customers/{cid}")
    assert got["name"] == shown and got["region"] == REPLACEMENT and got["custom"] == {}
    assert [c["name"] for c in admin.ok("GET", "/api/v1/customers")["items"]] == [shown]
    assert admin.ok("GET", "/api/v1/contacts")["items"][0]["name"] == REPLACEMENT * 2
    assert admin.ok("GET", f"/api/v1/customers/{cid}/view")["customer"]["name"] == shown
    assert admin.ok("GET", "/api/v1/lookup", params={"phone": "13812345678"})[
        "customer"]["name"] == shown
    admin.ok("GET", "/api/v1/search", params={"q": "北京"})
    admin.ok("GET", "/api/v1/customers", params={"q": "5678"})
    # PATCH another field: answered, the server still up
    assert admin.ok("PATCH", f"/api/v1/customers/{cid}", {"grade": "B"})["grade"] == "B"
    assert admin.ok("PATCH", f"/api/v1/contacts/{ct}", {"title": "经理"})["title"] == "经理"
    admin.ok("POST", "/api/v1/orders", {"customer": cid, "date": "2026-01-05", "amount": "10"})
    for report in ("abc", "grid", "quadrants", "lifecycle", "clv", "whale", "cohorts",
                   "forecast", "followups"):
        admin.ok("GET", f"/api/v1/analytics/{report}")
    admin.ok("GET", "/api/v1/next-visits")
    # a new name repairs the record
    assert admin.ok("PATCH", f"/api/v1/customers/{cid}", {"name": "上海新名"})["name"] == "上海新名"
    hits = admin.ok("GET", "/api/v1/search", params={"q": "新名"})
    assert cid in [h["id"] for h in hits["items"] if h["type"] == "customer"]
    assert server.proc.poll() is None
