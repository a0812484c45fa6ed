"""The daily loop's API for the web UI: the 360° view says what the caller may do
with the customer ("can"), as the routes themselves decide it.
"""
import pytest

from conftest import assert_error


@pytest.fixture
def org(server, admin):
    """华东: mgr (manager), rep1 and rep2 (sales); 华西: rep3 (sales)."""
    server.cli("team", "add", "华东", "--parent", "总部")
    server.cli("team", "add", "华西", "--parent", "总部")
    ids = {"admin": 1}
    for login, role, team in [("mgr", "manager", "华东"), ("rep1", "sales", "华东"),
                              ("rep2", "sales", "华东"), ("rep3", "sales", "华西")]:
        ids[login] = server.add_user(login, role, team=team)
    clients = {login: server.client(login) for login in ids if login != "admin"}
    clients["admin"] = admin
    return ids, clients


def test_view_says_what_the_caller_may_do(org):
    ids, cl = org
    own = cl["rep1"].ok("POST", "/api/v1/customers", {"name": "上海恒通机电有限公司"}, status=201)
    pool = cl["rep1"].ok("POST", "/api/v1/customers", {"name": "杭州明远科技有限公司"}, status=201)
    cl["rep1"].ok("POST", f"/api/v1/customers/{pool['id']}/release", status=200)
    cl["rep1"].ok("POST", f"/api/v1/customers/{own['id']}/share", {"user": ids["rep2"], "access": "write"}, status=200)

    def can(who, cid):
        return cl[who].ok("GET", f"/api/v1/customers/{cid}/view")["can"]

    assert can("rep1", own["id"]) == {"edit": True, "manage": True}
    assert can("mgr", own["id"]) == {"edit": True, "manage": True}
    # a write member changes it but does not decide who owns it
    assert can("rep2", own["id"]) == {"edit": True, "manage": False}
    assert_error(cl["rep2"].post(f"/api/v1/customers/{own['id']}/lock"), 403)
    assert_error(cl["rep2"].post(f"/api/v1/customers/{own['id']}/release"), 403)
    # a pool customer: read-only to a rep until claimed; a manager may assign it
    assert can("rep1", pool["id"]) == {"edit": False, "manage": False}
    assert_error(cl["rep1"].patch(f"/api/v1/customers/{pool['id']}", {"region": "杭州"}), 403)
    assert can("mgr", pool["id"])["manage"] is True
    # another team's customer is not there at all
    assert_error(cl["rep3"].get(f"/api/v1/customers/{own['id']}/view"), 404)


def test_history_of_a_customer_and_its_records(org):
    ids, cl = org
    c = cl["rep1"].ok("POST", "/api/v1/customers", {
        "name": "苏州华腾精密有限公司", "region": "苏州", "purchase_budget": "500000",
        "decision_maker_background": "总经理喜欢钓鱼"}, status=201)
    cl["rep1"].ok("PATCH", f"/api/v1/customers/{c['id']}", {"region": "无锡", "purchase_budget": "620000.50"})
    contact = cl["rep1"].ok("POST", "/api/v1/contacts", {"customer": c["id"], "name": "周强", "hobbies": "围棋"},
                            status=201)
    opp = cl["rep1"].ok("POST", "/api/v1/opportunities", {"customer": c["id"], "name": "产线改造"}, status=201)
    other = cl["rep1"].ok("POST", "/api/v1/customers", {"name": "无关客户有限公司"}, status=201)
    cl["rep1"].ok("PATCH", f"/api/v1/customers/{other['id']}", {"region": "南京"})

    h = cl["rep1"].ok("GET", f"/api/v1/customers/{c['id']}/history")
    got = [(e["action"], e["entity"], e["entity_id"]) for e in h["items"]]
    # newest first; the customer's own entries and its records', nobody else's
    assert got == [("create", "opportunity", opp["id"]), ("create", "contact", contact["id"]),
                   ("update", "customer", c["id"]), ("create", "customer", c["id"])], got
    assert h["next_before"] is None
    update = h["items"][2]
    assert update["user"] == ids["rep1"] and update["at"].endswith("Z")
    assert update["changes"] == {"region": ["苏州", "无锡"], "purchase_budget": ["500000.00", "620000.50"]}
    assert h["items"][1]["changes"]["hobbies"] == [None, "围棋"]

    # a reader at level 1 sees the entries without the fields above it
    cl["rep1"].ok("POST", f"/api/v1/customers/{c['id']}/share", {"user": ids["rep3"], "access": "read"}, status=200)
    low = cl["rep3"].ok("GET", f"/api/v1/customers/{c['id']}/history")["items"]
    assert (low[0]["action"], low[0]["entity_id"]) == ("share", c["id"])
    low = low[1:]
    assert [e["id"] for e in low] == [e["id"] for e in h["items"]]
    for e in low:
        assert not {"purchase_budget", "decision_maker_background", "hobbies"} & set(e["changes"] or {}), e
    assert low[2]["changes"] == {"region": ["苏州", "无锡"]}
    assert low[3]["changes"]["name"] == [None, "苏州华腾精密有限公司"]

    # paged by before; limit 1..200
    h = cl["rep1"].ok("GET", f"/api/v1/customers/{c['id']}/history")
    first = cl["rep1"].ok("GET", f"/api/v1/customers/{c['id']}/history", params={"limit": 2})
    assert [e["id"] for e in first["items"]] == [e["id"] for e in h["items"][:2]]
    assert first["next_before"] == h["items"][1]["id"]
    rest = cl["rep1"].ok("GET", f"/api/v1/customers/{c['id']}/history",
                         params={"limit": 4, "before": first["next_before"]})
    assert [e["id"] for e in rest["items"]] == [e["id"] for e in h["items"][2:]]
    assert rest["next_before"] is None
    for bad in ("0", "201", "x"):
        assert_error(cl["rep1"].get(f"/api/v1/customers/{c['id']}/history", params={"limit": bad}), 400,
                     field="limit")
    assert_error(cl["rep1"].get(f"/api/v1/customers/{c['id']}/history", params={"sort": "id"}), 400)

    # a customer the caller cannot see answers as a missing one
    assert_error(cl["rep3"].get(f"/api/v1/customers/{other['id']}/history"), 404)
    assert_error(cl["rep3"].get("/api/v1/customers/99999/history"), 404)


def test_reject_a_visit_plan_with_a_comment(org, server):
    ids, cl = org
    c = cl["rep1"].ok("POST", "/api/v1/customers", {"name": "宁波海岳机械有限公司"}, status=201)

    def plan():
        return cl["rep1"].ok("POST", "/api/v1/activities", {
            "customer": c["id"], "kind": "visit", "status": "planned", "date": "2026-12-20",
            "purpose": "了解明年采购计划"}, status=201)["id"]
    pid = plan()
    url = f"/api/v1/activities/{pid}/reject"
    # the comment is required, not blank, at most 500 characters; nothing else
    for body in ({}, {"comment": None}, {"comment": "  "}, {"comment": 5}, {"comment": "长" * 501}):
        assert_error(cl["mgr"].post(url, body), 400, field="comment")
    assert_error(cl["mgr"].post(url, {"comment": "x", "why": "y"}), 400)
    # the approver's rule: not a rep (nor the author); one who cannot see it: 404
    assert_error(cl["rep1"].post(url, {"comment": "不行"}), 403)
    assert_error(cl["rep3"].post(url, {"comment": "不行"}), 404)
    a = cl["rep1"].get(f"/api/v1/activities/{pid}").json()
    assert (a["rejected_by"], a["rejected_at"], a["reject_comment"]) == (None, None, None)

    a = cl["mgr"].ok("POST", url, {"comment": "长" * 500}, status=200)
    assert a["rejected_by"] == ids["mgr"] and a["rejected_at"].endswith("Z")
    assert a["reject_comment"] == "长" * 500 and a["approved_by"] is None
    # decided once: neither a second rejection nor an approval
    assert_error(cl["mgr"].post(url, {"comment": "再驳回"}), 409, field="rejected_by")
    assert_error(cl["mgr"].post(f"/api/v1/activities/{pid}/approve"), 409, field="rejected_by")
    # the columns are kehu's: PATCH cannot set or clear them
    assert_error(cl["rep1"].patch(f"/api/v1/activities/{pid}", {"reject_comment": None}), 400,
                 field="reject_comment")
    # an approved plan cannot be rejected
    other = plan()
    cl["mgr"].ok("POST", f"/api/v1/activities/{other}/approve", status=200)
    assert_error(cl["mgr"].post(f"/api/v1/activities/{other}/reject", {"comment": "晚了"}), 409,
                 field="approved_by")
    # the audit log and the customer's history hold the rejection with its comment
    h = cl["rep1"].ok("GET", f"/api/v1/customers/{c['id']}/history")["items"]
    rej = [e for e in h if e["action"] == "reject"]
    assert len(rej) == 1 and rej[0]["entity_id"] == pid
    assert rej[0]["changes"]["reject_comment"] == [None, "长" * 500]
    # the queue: plans nobody decided, by the list filters
    waiting = cl["mgr"].ok("GET", "/api/v1/activities",
                           params={"kind": "visit", "approved_by": "none", "rejected_by": "none"})
    assert pid not in [x["id"] for x in waiting["items"]]
