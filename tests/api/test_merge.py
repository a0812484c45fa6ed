"""Merging two customers: everything of the other moves to the survivor, in one
transaction, only for someone who may manage both."""
import sqlite3
import time

import pytest

from conftest import assert_error, share


@pytest.fixture
def team(server, admin):
    server.cli("team", "add", "华东", "--parent", "总部")
    server.cli("team", "add", "华西", "--parent", "总部")
    ids = {u: server.add_user(u, r, team="华东") for u, r in
           [("mgr", "manager"), ("rep1", "sales"), ("rep2", "sales")]}
    ids["rep3"] = server.add_user("rep3", "sales", team="华西")
    clients = {u: server.client(u) for u in ids}
    return ids, clients


def fill(cl, cid, tag):
    """One row of every kind that hangs off a customer; returns their ids."""
    contact = cl.ok("POST", "/api/v1/contacts", {"customer": cid, "name": f"联系人{tag}",
                                                 "mobile": "1380013800" + tag})["id"]
    order = cl.ok("POST", "/api/v1/orders", {"customer": cid, "date": "2026-10-01",
                                             "amount": "1000.00"})["id"]
    rows = {
        "contacts": contact,
        "orders": order,
        "payments": cl.ok("POST", "/api/v1/payments", {"order": order, "customer": cid,
                                                       "amount": "400.00",
                                                       "due_date": "2026-11-01"})["id"],
        "activities": cl.ok("POST", "/api/v1/activities", {"customer": cid, "kind": "call",
                                                           "date": "2026-11-20"})["id"],
        "opportunities": cl.ok("POST", "/api/v1/opportunities",
                               {"customer": cid, "name": f"单{tag}"})["id"],
        "tasks": cl.ok("POST", "/api/v1/tasks", {"customer": cid, "title": f"回访{tag}"})["id"],
        "important_dates": cl.ok("POST", "/api/v1/important_dates", {"customer": cid, "kind": "founding",
                                                 "date": "2010-05-01"})["id"],
        "competitors": cl.ok("POST", "/api/v1/competitors", {"customer": cid,
                                                             "brand": f"对手{tag}"})["id"],
    }
    return rows


def dump(db):
    """Every row of every table, to tell a refused merge changed nothing."""
    con = sqlite3.connect(db)
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                        "AND name NOT IN ('report_results', 'api_tokens', 'sessions', "
                                        "'report_scope_members') ORDER BY name")]
    out = {t: con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}
    con.close()
    return out


def test_merge_moves_everything_and_keeps_history(server, admin, team):
    ids, c = team
    a = c["rep1"].ok("POST", "/api/v1/customers", {"name": "华为技术有限公司",
                                                   "phone": "010-62345678"})["id"]
    b = c["rep2"].ok("POST", "/api/v1/customers", {"name": "华为深圳", "address": "深圳坂田",
                                                   "grade": "A", "phone": "0755-28780808"})["id"]
    rows_a, rows_b = fill(c["rep1"], a, "1"), fill(c["rep2"], b, "2")
    share(c["rep2"], b, ids["rep3"], "write")

    preview = c["mgr"].ok("GET", f"/api/v1/customers/{a}/merge?from={b}")
    assert preview["survivor"]["id"] == a and preview["other"]["id"] == b
    assert preview["moves"]["contacts"] == 1 and preview["moves"]["orders"] == 1
    fields = {f["name"]: f for f in preview["fields"]}
    assert fields["address"] == {"name": "address", "survivor": None, "other": "深圳坂田",
                                 "take": True}
    assert fields["phone"]["take"] is False and fields["name"]["take"] is False

    r = c["mgr"].ok("POST", f"/api/v1/customers/{a}/merge",
                    {"from": b, "take": ["address", "grade", "phone"]}, status=200)
    assert r["id"] == a and r["merged"] == b
    assert sorted(r["taken"]) == ["address", "grade", "phone"]
    assert r["moved"]["contacts"] == 1 and r["moved"]["competitors"] == 1

    got = c["mgr"].ok("GET", f"/api/v1/customers/{a}")
    assert (got["name"], got["address"], got["grade"], got["owner"]) == \
        ("华为技术有限公司", "深圳坂田", "A", ids["rep1"])
    assert got["phone"] == "075528780808" or "28780808" in got["phone"]
    # the other is gone for everyone, and every row of it is the survivor's
    assert_error(c["mgr"].get(f"/api/v1/customers/{b}"), 404)
    for kind, rid in {**rows_a, **rows_b}.items():
        assert c["mgr"].ok("GET", f"/api/v1/{kind}/{rid}")["customer"] == a, kind
    view = c["rep1"].ok("GET", f"/api/v1/customers/{a}/view")
    assert len(view["contacts"]) == 2
    assert view["metrics"]["orders"] == 2 and view["metrics"]["revenue"] == "2000.00"
    # search and the incoming-call lookup find the moved contact under the survivor
    hits = c["rep1"].ok("GET", "/api/v1/search?q=13800138002")
    assert any(h.get("customer_id", h.get("id")) == a for h in hits["items"]), hits
    assert c["rep1"].ok("GET", "/api/v1/lookup?phone=13800138002")["customer"]["id"] == a
    # duplicate control knows the moved contact's mobile under the survivor
    dup = c["rep1"].ok("GET", "/api/v1/duplicates/check?phone=13800138002")
    assert [m["id"] for m in dup["matches"]] == [a], dup
    # shares: rep3 keeps write, the other's owner keeps read (the default)
    owners = c["mgr"].ok("GET", f"/api/v1/customers/{a}/owners")
    assert sorted((s["user"], s["access"]) for s in owners["shares"]) == \
        sorted([(ids["rep2"], "read"), (ids["rep3"], "write")])
    # the audit log records the merge on both, and keeps b's own history
    con = sqlite3.connect(server.db)
    acts = con.execute("SELECT entity_id, action FROM audit_log WHERE entity='customer' AND "
                       "entity_id IN (?, ?) ORDER BY id", (a, b)).fetchall()
    merged_into = con.execute("SELECT merged_into, deleted_at IS NOT NULL FROM customers "
                              "WHERE id=?", (b,)).fetchone()
    con.close()
    assert (b, "create") in acts and (a, "merge") in acts and (b, "merged_into") in acts
    assert merged_into == (a, 1)


def test_default_fills_blanks_only(server, admin, team):
    ids, c = team
    a = c["rep1"].ok("POST", "/api/v1/customers", {"name": "甲", "grade": "B"})["id"]
    b = c["rep1"].ok("POST", "/api/v1/customers", {"name": "甲方", "grade": "A",
                                                   "region": "华东"})["id"]
    r = c["rep1"].ok("POST", f"/api/v1/customers/{a}/merge", {"from": b}, status=200)
    assert r["taken"] == ["region"]
    got = c["rep1"].ok("GET", f"/api/v1/customers/{a}")
    assert (got["name"], got["grade"], got["region"]) == ("甲", "B", "华东")
    # the owner merging their own pair keeps no share of themselves
    assert c["rep1"].ok("GET", f"/api/v1/customers/{a}/owners")["shares"] == []


def test_refused_merges_change_nothing(server, admin, team):
    ids, c = team
    a = c["rep1"].ok("POST", "/api/v1/customers", {"name": "乙"})["id"]
    b = c["rep2"].ok("POST", "/api/v1/customers", {"name": "乙方"})["id"]
    x = c["rep3"].ok("POST", "/api/v1/customers", {"name": "乙三"})["id"]
    fill(c["rep2"], b, "3")
    share(c["rep2"], b, ids["rep1"], "write")
    before = dump(server.db)
    # rep1 may write b but not manage it: only its owner or a manager can
    assert_error(c["rep1"].post(f"/api/v1/customers/{a}/merge", {"from": b}), 403)
    # a customer outside the caller's scope is not found, through merge as anywhere
    assert_error(c["mgr"].post(f"/api/v1/customers/{a}/merge", {"from": x}), 404)
    assert_error(c["mgr"].get(f"/api/v1/customers/{a}/merge?from={x}"), 404)
    assert_error(c["mgr"].post(f"/api/v1/customers/{a}/merge", {"from": a}), 400, field="from")
    assert_error(c["mgr"].post(f"/api/v1/customers/{a}/merge", {"from": "b"}), 400, field="from")
    assert_error(c["mgr"].post(f"/api/v1/customers/{a}/merge", {"from": b, "take": ["owner"]}),
                 400, field="take")
    assert_error(c["mgr"].post(f"/api/v1/customers/{a}/merge", {"from": b, "take": ["nope"]}),
                 400, field="take")
    assert_error(c["mgr"].post(f"/api/v1/customers/{a}/merge", {"from": b, "take": "name"}),
                 400, field="take")
    assert_error(c["mgr"].post(f"/api/v1/customers/{a}/merge",
                               {"from": b, "other_owner_access": "all"}), 400,
                 field="other_owner_access")
    assert_error(c["mgr"].post(f"/api/v1/customers/{a}/merge", {"from": b, "extra": 1}), 400,
                 field="extra")
    assert_error(c["mgr"].get(f"/api/v1/customers/{a}/merge"), 400, field="from")
    assert dump(server.db) == before
    # once merged, the other cannot be merged again
    c["mgr"].ok("POST", f"/api/v1/customers/{a}/merge", {"from": b}, status=200)
    assert_error(c["mgr"].post(f"/api/v1/customers/{a}/merge", {"from": b}), 404)


def test_merge_refreshes_lists_and_dashboard(server, admin, team):
    ids, c = team
    a = c["rep1"].ok("POST", "/api/v1/customers", {"name": "丙"})["id"]
    b = c["rep2"].ok("POST", "/api/v1/customers", {"name": "丙方"})["id"]
    fill(c["rep2"], b, "4")
    before = c["rep1"].ok("GET", "/api/v1/orders")["total"]
    dash = c["rep1"].ok("GET", "/api/v1/analytics/abc")
    c["mgr"].ok("POST", f"/api/v1/customers/{a}/merge",
                {"from": b, "other_owner_access": "none"}, status=200)
    assert c["rep1"].ok("GET", "/api/v1/orders")["total"] == before + 1
    assert c["rep2"].ok("GET", "/api/v1/orders")["total"] == 0
    assert c["mgr"].ok("GET", "/api/v1/customers")["total"] == 1
    deadline = time.time() + 60
    while "refreshing" in (after := c["rep1"].ok("GET", "/api/v1/analytics/abc")):
        assert time.time() < deadline
        time.sleep(0.2)
    assert after != dash  # the order b brought counts now


def test_a_forced_duplicate_is_resolved_by_merging(server, admin, team):
    """撞单: a manager forces a second record of the same company; the report shows the
    pair, and a merge leaves one."""
    ids, c = team
    a = c["rep1"].ok("POST", "/api/v1/customers", {"name": "华为技术有限公司"})["id"]
    assert_error(c["rep2"].post("/api/v1/customers", {"name": "华为技术"}), 409,
                 code="duplicate")
    b = c["mgr"].ok("POST", "/api/v1/customers", {"name": "华为技术", "force": True})["id"]
    groups = c["mgr"].ok("GET", "/api/v1/duplicates")["groups"]
    assert any({x["id"] for x in g["customers"]} == {a, b} for g in groups), groups
    c["mgr"].ok("POST", f"/api/v1/customers/{a}/merge", {"from": b}, status=200)
    groups = c["mgr"].ok("GET", "/api/v1/duplicates")["groups"]
    assert not any(b in {x["id"] for x in g["customers"]} for g in groups), groups
