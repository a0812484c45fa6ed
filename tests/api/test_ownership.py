"""Transfer, share, release to the pool, claim from it, and the per-rep cap."""
import sqlite3

import pytest

from conftest import assert_error


@pytest.fixture
def team(server, admin):
    server.cli("team", "add", "华东", "--parent", "总部")
    ids = {u: server.add_user(u, r, team="华东") for u, r in
           [("mgr", "manager"), ("rep1", "sales"), ("rep2", "sales")]}
    ids["rep3"] = server.add_user("rep3", "sales", team="华西")
    clients = {u: server.client(u) for u in ids}
    return ids, clients


def history(server, cid):
    con = sqlite3.connect(server.db)
    rows = con.execute("SELECT from_user, to_user, reason, by_user FROM owner_history WHERE "
                       "customer_id=? ORDER BY id", (cid,)).fetchall()
    audit = [r[0] for r in con.execute("SELECT action FROM audit_log WHERE entity='customer' "
                                       "AND entity_id=? ORDER BY id", (cid,))]
    con.close()
    return rows, audit


def test_transfer(server, admin, team):
    ids, c = team
    cid = c["rep1"].ok("POST", "/api/v1/customers", {"name": "Acme"})["id"]
    opp = c["rep1"].ok("POST", "/api/v1/opportunities", {"customer": cid, "name": "deal",
                                                         "owner": ids["rep1"]})["id"]
    # a rep cannot take or give away someone else's customer
    assert_error(c["rep2"].post(f"/api/v1/customers/{cid}/transfer", {"to": ids["rep2"]}), 404)
    assert_error(c["rep1"].post(f"/api/v1/customers/{cid}/transfer", {"to": 9999}), 400,
                 field="to")
    assert_error(c["rep1"].post(f"/api/v1/customers/{cid}/transfer",
                                {"to": ids["rep2"], "old_owner_access": "all"}), 400)
    assert_error(c["rep1"].post(f"/api/v1/customers/{cid}/transfer", {"to": "rep2"}), 400)
    r = c["rep1"].ok("POST", f"/api/v1/customers/{cid}/transfer",
                     {"to": ids["rep2"], "old_owner_access": "read",
                      "move_contacts_and_opportunities": True}, status=200)
    assert r["owner"] == ids["rep2"] and r["shares"] == [{"user": ids["rep1"], "access": "read"}]
    assert c["rep2"].ok("GET", f"/api/v1/opportunities/{opp}")["owner"] == ids["rep2"]
    # rep1 keeps read access only
    assert c["rep1"].get(f"/api/v1/customers/{cid}").status_code == 200
    assert_error(c["rep1"].patch(f"/api/v1/customers/{cid}", {"grade": "A"}), 403)
    # the manager moves it on to another team's rep
    c["mgr"].ok("POST", f"/api/v1/customers/{cid}/transfer", {"to": ids["rep3"]}, status=200)
    assert_error(c["mgr"].get(f"/api/v1/customers/{cid}"), 404)  # out of his scope now
    assert c["rep3"].ok("GET", f"/api/v1/customers/{cid}")["owner"] == ids["rep3"]
    rows, audit = history(server, cid)
    assert rows == [(ids["rep1"], ids["rep2"], "transfer", ids["rep1"]),
                    (ids["rep2"], ids["rep3"], "transfer", ids["mgr"])]
    assert audit.count("transfer") == 2


def test_share(server, admin, team):
    ids, c = team
    cid = c["rep1"].ok("POST", "/api/v1/customers", {"name": "Shared"})["id"]
    assert_error(c["rep2"].get(f"/api/v1/customers/{cid}"), 404)
    c["rep1"].ok("POST", f"/api/v1/customers/{cid}/share", {"user": ids["rep2"],
                                                             "access": "write"}, status=200)
    c["rep2"].ok("PATCH", f"/api/v1/customers/{cid}", {"grade": "B",
                                                       "decision_maker_background": "ok"})
    # a write member may not hand the customer on
    assert_error(c["rep2"].post(f"/api/v1/customers/{cid}/share",
                                {"user": ids["rep3"], "access": "read"}), 403)
    assert_error(c["rep1"].post(f"/api/v1/customers/{cid}/share",
                                {"user": ids["rep2"], "access": "owner"}), 400, field="access")
    assert_error(c["rep1"].post(f"/api/v1/customers/{cid}/share",
                                {"user": ids["rep1"], "access": "read"}), 409)
    c["rep1"].ok("POST", f"/api/v1/customers/{cid}/share", {"user": ids["rep2"],
                                                             "access": "none"}, status=200)
    assert_error(c["rep2"].get(f"/api/v1/customers/{cid}"), 404)
    owners = c["rep1"].ok("GET", f"/api/v1/customers/{cid}/owners")
    assert owners == {"owner": ids["rep1"], "in_pool": False, "shares": []}


def test_release_and_claim_with_cap(server, admin, team):
    ids, c = team
    admin.ok("PATCH", "/api/v1/settings", {"pool.max_customers_per_rep": "2"})
    a = c["rep1"].ok("POST", "/api/v1/customers", {"name": "A"})["id"]
    b = c["rep1"].ok("POST", "/api/v1/customers", {"name": "B"})["id"]
    assert_error(c["rep1"].post("/api/v1/customers", {"name": "C"}), 409, field="owner")
    r = c["rep1"].ok("POST", f"/api/v1/customers/{a}/release", status=200)
    assert r["owner"] is None and r["in_pool"] is True
    assert_error(c["rep1"].post(f"/api/v1/customers/{a}/release"), 403)
    # everyone sees the pool, level 1 only; nobody may edit it
    pooled = c["rep3"].ok("GET", f"/api/v1/customers/{a}")
    assert "purchase_budget" not in pooled
    assert_error(c["rep3"].patch(f"/api/v1/customers/{a}", {"grade": "A"}), 403)
    c["rep1"].ok("POST", "/api/v1/customers", {"name": "C"})  # room again
    c["rep2"].ok("POST", f"/api/v1/customers/{a}/claim", status=200)
    assert_error(c["rep3"].post(f"/api/v1/customers/{a}/claim"), 404)  # rep2's now
    # the cap holds on claim and on transfer; users.max_customers overrides it
    c["rep2"].ok("POST", f"/api/v1/customers/{a}/release", status=200)
    assert_error(c["rep1"].post(f"/api/v1/customers/{a}/claim"), 409)
    assert_error(c["rep1"].post(f"/api/v1/customers/{b}/transfer", {"to": ids["rep1"]}), 409)
    assert_error(admin.post(f"/api/v1/customers/{a}/transfer", {"to": ids["rep1"]}), 409)
    admin.ok("PATCH", f"/api/v1/users/{ids['rep1']}", {"max_customers": 10})
    c["rep1"].ok("POST", f"/api/v1/customers/{a}/claim", status=200)
    assert_error(c["rep1"].post(f"/api/v1/customers/{b}/claim"), 409)  # not in the pool
    # a manager assigns from the pool
    c["rep1"].ok("POST", f"/api/v1/customers/{b}/release", status=200)
    c["mgr"].ok("POST", f"/api/v1/customers/{b}/transfer", {"to": ids["rep2"]}, status=200)
    rows, audit = history(server, a)
    assert [r[2] for r in rows] == ["release", "claim", "release", "claim"]
    assert "claim" in audit and "release" in audit
