"""The permission matrix, generated rather than hand-picked (issue 10, the harness).

Every route of the router table (`kehu serve --routes`, the table that also drives the
OpenAPI document) has an entry in ROUTES, a check that walks it as each role (ROLES) against
every record of the world, whose relation to the caller (own, same team, parent team, child
team, shared read, shared write, pool, other team) is worked out from the data. What each
role may do at each relation is declared once, in POLICY and MANAGE; the checks compare
status codes, the information level of the payload, list totals, filters and sorts with
it. A route without an entry, or an entry without a route, fails the test.

The company:  总部 (admin, mgr_h, rep_h)
              ├── 华东 (mgr_e, rep_e, mate_e)
              │   └── 华东一组 (rep_s)
              └── 华西 (rep_w)
Default scopes: admin all, manager department and below, sales own.
"""
import json
import sqlite3
import subprocess

import csv
import time
import io

import pytest
import requests

from conftest import KEHU, Client, Server, assert_error, share

USERS = [("admin", "admin", "总部"), ("mgr_h", "manager", "总部"), ("rep_h", "sales", "总部"),
         ("mgr_e", "manager", "华东"), ("rep_e", "sales", "华东"), ("mate_e", "sales", "华东"),
         ("rep_s", "sales", "华东一组"), ("rep_w", "sales", "华西")]
TEAM_PARENT = {"总部": None, "华东": "总部", "华东一组": "华东", "华西": "总部"}
ROLES = {"admin": "admin", "manager": "mgr_e", "sales": "rep_e"}  # role -> the caller

# customers: key -> (owner or None for the pool, [(user, access)])
CUSTOMERS = {login: (login, []) for login, _, _ in USERS}
CUSTOMERS.update({
    "w_read_e": ("rep_w", [("rep_e", "read")]), "w_write_e": ("rep_w", [("rep_e", "write")]),
    "w_read_m": ("rep_w", [("mgr_e", "read")]), "w_write_m": ("rep_w", [("mgr_e", "write")]),
    "w_read_a": ("rep_w", [("admin", "read")]), "w_write_a": ("rep_w", [("admin", "write")]),
    "mate_read_e": ("mate_e", [("rep_e", "read")]),
    "pool": (None, []),
})

# ---- the declared policy ----
# relation -> (information level seen, or None when not seen at all; may change it)
W, R = True, False
POLICY = {
    "admin": {"own": (3, W), "same_team": (3, W), "child_team": (3, W), "parent_team": (3, W),
              "other_team": (3, W), "shared_read": (3, W), "shared_read_below": (3, W),
              "shared_write": (3, W), "pool": (3, W)},
    "manager": {"own": (3, W), "same_team": (3, W), "child_team": (3, W),
                "parent_team": (None, R), "other_team": (None, R), "shared_read": (1, R),
                "shared_read_below": (3, W), "shared_write": (3, W), "pool": (1, R)},
    "sales": {"own": (3, W), "same_team": (None, R), "child_team": (None, R),
              "parent_team": (None, R), "other_team": (None, R), "shared_read": (1, R),
              "shared_read_below": (2, R), "shared_write": (3, W), "pool": (1, R)},
}
# relations at which a role manages ownership (transfer, share, release; approves plans)
MANAGE = {
    "admin": set(POLICY["admin"]),
    "manager": {"own", "same_team", "child_team", "shared_read_below", "pool"},
    "sales": {"own"},
}
# records below this level are not shown at all (competitors are level-2 information)
ROW_MIN_LEVEL = {"competitors": 2}
# fields above level 1 a list can be filtered or sorted by: (collection, field, value, level)
HIGH_FIELDS = [("customers", "purchase_budget", "1000.00", 2),
               ("customers", "decision_maker_background", "secret", 3),
               ("contacts", "hobbies", "golf", 3), ("competitors", "brand", "ABB", 2)]
CHILDREN = ["contacts", "activities", "orders", "payments", "opportunities", "competitors",
            "important_dates", "tasks", "contracts", "receivable_plans", "receivables"]
COLLECTIONS = ["customers", *CHILDREN, "products"]
# contracts, plans and receipts have no export yet
EXPORTED = [res for res in COLLECTIONS
            if res not in ("contracts", "receivable_plans", "receivables")]
# customer id -> an approved contract of it (the admin's, owned by the customer's
# owner), which the receipts of the world are against
APPROVED = {}


def team_of(login):
    return next(t for u, _, t in USERS if u == login)


def below(team, top):
    while team:
        if team == top:
            return True
        team = TEAM_PARENT[team]
    return False


def relation(caller, owner, shares=()):
    if owner == caller:
        return "own"
    access = dict(shares).get(caller)
    if access == "write":
        return "shared_write"
    if access == "read":
        return "shared_read_below" if below(team_of(owner), team_of(caller)) else "shared_read"
    if owner is None:
        return "pool"
    mine, theirs = team_of(caller), team_of(owner)
    if mine == theirs:
        return "same_team"
    if below(theirs, mine):
        return "child_team"
    return "parent_team" if below(mine, theirs) else "other_team"


def role_of(login):
    return next(r for u, r, _ in USERS if u == login)


# ---- the world ----

def create_customer(w, key, spec, name=None):
    owner, shares = spec
    cl = w["c"][owner or "admin"]
    n = len(w["made"])
    w["made"].append(key)
    cid = cl.ok("POST", "/api/v1/customers", {
        "name": name or f"矩阵{n:03d}", "phone": f"1370000{n:04d}", "region": "R",
        "purchase_budget": "1000", "decision_maker_background": "secret"})["id"]
    for user, access in shares:
        share(cl, cid, w["ids"][user], access)
    if owner is None:
        w["c"]["admin"].ok("POST", f"/api/v1/customers/{cid}/release", status=200)
    return cid


CHILD_BODY = {
    "contacts": lambda cid, o: {"customer": cid, "name": "联系人", "hobbies": "golf"},
    "activities": lambda cid, o: {"customer": cid, "kind": "call", "date": "2026-01-02"},
    "orders": lambda cid, o: {"customer": cid, "date": "2026-01-03", "amount": "20"},
    "payments": lambda cid, o: {"order": o, "customer": cid, "amount": "20",
                                "due_date": "2026-02-01"},
    "opportunities": lambda cid, o: {"customer": cid, "name": "deal"},
    "competitors": lambda cid, o: {"customer": cid, "brand": "ABB"},
    "important_dates": lambda cid, o: {"customer": cid, "kind": "founding",
                                       "date": "2000-01-01"},
    "tasks": lambda cid, o: {"customer": cid, "title": "call"},
    "contracts": lambda cid, o: {"customer": cid, "name": "合同", "total": "100"},
    "receivable_plans": lambda cid, o: {"customer": cid, "amount": "20",
                                        "due_date": "2026-02-01"},
    "receivables": lambda cid, o: {"contract": APPROVED[cid], "amount": "1",
                                   "received_date": "2026-01-05"},
}
# a PATCH that changes nothing: permission is checked, the world stays as it is
NOOP = {"customers": {"region": "R"}, "contacts": {"name": "联系人"}, "activities": {"kind": "call"},
        "orders": {"amount": "20"}, "payments": {"amount": "20"}, "opportunities": {"name": "deal"},
        "competitors": {"brand": "ABB"}, "important_dates": {"kind": "founding"},
        "tasks": {"title": "call"}, "products": {"name": "阀门"}, "contracts": {"name": "合同"},
        "receivable_plans": {"amount": "20"}, "receivables": {"amount": "1"}}


def approved_contract(w, cid, owner):
    """An approved contract of cid owned by owner (the admin for the pool)."""
    admin = w["c"]["admin"]
    k = admin.ok("POST", "/api/v1/contracts", {"customer": cid, "name": "合同", "total": "1000",
                                               "owner": w["ids"][owner or "admin"]})["id"]
    admin.ok("POST", f"/api/v1/contracts/{k}/submit", {}, status=200)
    order = admin.ok("POST", f"/api/v1/contracts/{k}/approve", {}, status=200)["order"]
    APPROVED[cid] = k
    return k, order


def add_children(w, cid, cl):
    kids = {}
    for res in CHILDREN:
        kids[res] = cl.ok("POST", f"/api/v1/{res}", CHILD_BODY[res](cid, kids.get("orders")))["id"]
    return kids


@pytest.fixture(scope="module")
def w(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("matrix"))
    s.cli("init")
    # The admin releases the pool customers it makes and claims them back: no cooldown.
    s.cli("settings", "set", "pool.reclaim_cooldown_days", "0")
    ids = {"admin": s.add_user("admin", "admin", team="总部")}
    for team, parent in TEAM_PARENT.items():
        if parent:
            s.cli("team", "add", team, "--parent", parent)
    for login, role, team in USERS[1:]:
        ids[login] = s.add_user(login, role, team=team)
    s.start()
    world = {"server": s, "ids": ids, "c": {u: s.client(u) for u in ids}, "made": [],
             "customers": {}, "records": {res: {} for res in COLLECTIONS}, "user_tasks": {}}
    world["product"] = world["c"]["admin"].ok("POST", "/api/v1/products", {"name": "阀门"})["id"]
    world["records"]["products"][world["product"]] = None
    for key, spec in CUSTOMERS.items():
        owner = spec[0]
        cid = create_customer(world, key, (owner, []))
        contract, order = approved_contract(world, cid, owner)
        world["records"]["contracts"][contract] = key
        world["records"]["orders"][order] = key
        kids = add_children(world, cid, world["c"][owner or "admin"])
        # payments and plans are one table, listed by both routes
        kids_too = {"receivable_plans": kids["payments"], "payments": kids["receivable_plans"]}
        for res, oid in kids_too.items():
            world["records"][res][oid] = key
        for user, access in spec[1]:
            share(world["c"][owner], cid, ids[user], access)
        world["customers"][key] = cid
        world["records"]["customers"][cid] = key
        for res, oid in kids.items():
            world["records"][res][oid] = key
    # a task without a customer for every user: it belongs to them
    for login in ids:
        tid = world["c"][login].ok("POST", "/api/v1/tasks", {"title": "call"})["id"]
        world["user_tasks"][tid] = login
    yield world
    s.stop()


def expect(w, caller, res, oid):
    """(level or None, may write) of record oid of res for caller, from the policy."""
    role = role_of(caller)
    if res == "products":
        return 3, role != "sales"
    if res == "tasks" and oid in w["user_tasks"]:
        level, write = POLICY[role][relation(caller, w["user_tasks"][oid])]
        return level, write
    key = w["records"][res][oid]
    level, write = POLICY[role][relation(caller, *CUSTOMERS[key])]
    if level is not None and level < ROW_MIN_LEVEL.get(res, 1):
        return None, R
    return level, write


def all_records(w, res):
    ids = list(w["records"][res])
    return ids + list(w["user_tasks"]) if res == "tasks" else ids


# per collection, a field of each level it has above 1: what an answer at a level shows
LEVEL_FIELDS = {"customers": {2: "purchase_budget", 3: "decision_maker_background"},
                "contacts": {3: "hobbies"}, "competitors": {2: "brand"}}


def check_level(res, obj, level, ctx):
    for lv, field in LEVEL_FIELDS.get(res, {}).items():
        assert (field in obj) == (level >= lv), (ctx, field, level, obj)


def callers():
    return list(ROLES.values())


# ---- checks of the registry's five routes per collection ----

def check_list(w, res):
    for caller in callers():
        cl = w["c"][caller]
        page = cl.ok("GET", f"/api/v1/{res}?per_page=500")
        got = {i["id"]: i for i in page["items"]}
        want = {oid: expect(w, caller, res, oid)[0] for oid in all_records(w, res)}
        want = {oid: lv for oid, lv in want.items() if lv is not None}
        assert sorted(got) == sorted(want), (caller, res)
        assert page["total"] == len(want), (caller, res)
        for oid, item in got.items():
            check_level(res, item, want[oid], (caller, res, oid))
        check_list_by_customer(w, res, caller, want)
        check_high_filters(w, res, caller, want)


def check_list_by_customer(w, res, caller, want):
    if res in ("customers", "products"):
        return
    cl = w["c"][caller]
    for key, cid in w["customers"].items():
        r = cl.get(f"/api/v1/{res}", params={"customer": cid})
        if POLICY[role_of(caller)][relation(caller, *CUSTOMERS[key])][0] is None:
            assert_error(r, 404)
            continue
        mine = sorted(oid for oid in want if w["records"][res].get(oid) == key)
        assert r.status_code == 200, (caller, res, key, r.text)
        assert sorted(i["id"] for i in r.json()["items"]) == mine, (caller, res, key)
        assert r.json()["total"] == len(mine)


def check_high_filters(w, res, caller, want):
    """A filter or sort on a level-2/3 field: refused unless every row in question is seen
    at that level; allowed, its total is the true count."""
    cl = w["c"][caller]
    for coll, field, value, level in HIGH_FIELDS:
        if coll != res:
            continue
        allowed = all(lv >= level for lv in want.values())
        for params, name in [({field: value}, field), ({"sort": "-" + field}, "sort")]:
            r = cl.get(f"/api/v1/{res}", params={**params, "per_page": 500})
            if not allowed:
                assert_error(r, 400, "invalid", name)
                continue
            assert r.status_code == 200, (caller, res, params, r.text)
            assert r.json()["total"] == len(want), (caller, res, params)
        # narrowed to one customer, the rule is that customer's level
        for key, cid in w["customers"].items():
            seen = POLICY[role_of(caller)][relation(caller, *CUSTOMERS[key])][0]
            if seen is None or (res == "customers" and CUSTOMERS[key][0] is None):
                continue
            narrow = {"owner": w["ids"][CUSTOMERS[key][0]]} if res == "customers" else {
                "customer": cid}
            rows = [lv for oid, lv in want.items() if
                    (w["records"][res][oid] == key if res != "customers"
                     else CUSTOMERS[w["records"][res][oid]][0] == CUSTOMERS[key][0])]
            r = cl.get(f"/api/v1/{res}", params={**narrow, field: value})
            if all(lv >= level for lv in rows):
                assert r.status_code == 200 and r.json()["total"] == len(rows), (
                    caller, res, key, field, r.text)
            else:
                assert_error(r, 400, "invalid", field)


def check_get(w, res):
    for caller in callers():
        for oid in all_records(w, res):
            level, _ = expect(w, caller, res, oid)
            r = w["c"][caller].get(f"/api/v1/{res}/{oid}")
            if level is None:
                assert_error(r, 404)
                continue
            assert r.status_code == 200, (caller, res, oid, r.text)
            check_level(res, r.json(), level, (caller, res, oid))


def check_patch(w, res):
    for caller in callers():
        for oid in all_records(w, res):
            level, write = expect(w, caller, res, oid)
            r = w["c"][caller].patch(f"/api/v1/{res}/{oid}", NOOP[res])
            if level is None:
                assert_error(r, 404)
            elif not write:
                assert_error(r, 403, "forbidden")
            else:
                assert r.status_code == 200, (caller, res, oid, r.text)


def fresh_like(w, res, oid):
    """A new record with the same relations as oid, made by whoever may."""
    admin = w["c"]["admin"]
    if res == "products":
        return admin.ok("POST", "/api/v1/products", {"name": "临时"})["id"]
    if res == "tasks" and oid in w["user_tasks"]:
        return admin.ok("POST", "/api/v1/tasks", {
            "title": "临时", "user": w["ids"][w["user_tasks"][oid]]})["id"]
    key = w["records"][res][oid]
    if res == "customers":
        return create_customer(w, key, CUSTOMERS[key])
    cid = w["customers"][key]
    order = next(o for o, k in w["records"]["orders"].items() if k == key)
    return admin.ok("POST", f"/api/v1/{res}", CHILD_BODY[res](cid, order))["id"]


def check_delete(w, res):
    for caller in callers():
        for oid in all_records(w, res):
            level, write = expect(w, caller, res, oid)
            if level is None or not write:
                r = w["c"][caller].delete(f"/api/v1/{res}/{oid}")
                assert_error(r, 404 if level is None else 403)
                continue
            w["c"][caller].ok("DELETE", f"/api/v1/{res}/{fresh_like(w, res, oid)}")


def check_create(w, res):
    for caller in callers():
        cl = w["c"][caller]
        role = role_of(caller)
        if res in ("customers", "products"):
            r = cl.post(f"/api/v1/{res}", {"name": "新建"})
            if res == "products" and role == "sales":
                assert_error(r, 403)
                continue
            assert r.status_code == 201, (caller, res, r.text)
            w["c"]["admin"].ok("DELETE", f"/api/v1/{res}/{r.json()['id']}")
            continue
        for key, cid in w["customers"].items():
            level, write = POLICY[role][relation(caller, *CUSTOMERS[key])]
            order = next(o for o, k in w["records"]["orders"].items() if k == key)
            r = cl.post(f"/api/v1/{res}", CHILD_BODY[res](cid, order))
            if level is None:
                assert_error(r, 404)
            elif not write:
                assert_error(r, 403)
            else:
                assert r.status_code == 201, (caller, res, key, r.text)
                w["c"]["admin"].ok("DELETE", f"/api/v1/{res}/{r.json()['id']}")
        if res == "tasks":
            check_create_user_task(w, caller)


def check_create_user_task(w, caller):
    role = role_of(caller)
    for login, uid in w["ids"].items():
        r = w["c"][caller].post("/api/v1/tasks", {"title": "派给", "user": uid})
        seen = POLICY[role][relation(caller, login)][0]
        if login == caller or (role != "sales" and seen is not None):
            assert r.status_code == 201, (caller, login, r.text)
            w["c"]["admin"].ok("DELETE", f"/api/v1/tasks/{r.json()['id']}")
        else:
            assert_error(r, 403, field="user")


# ---- checks of the other routes ----

def for_each_customer(w, fn):
    for caller in callers():
        role = role_of(caller)
        for key, cid in w["customers"].items():
            rel = relation(caller, *CUSTOMERS[key])
            fn(w["c"][caller], caller, key, cid, POLICY[role][rel][0], rel in MANAGE[role])


def check_view(w, route):
    def one(cl, caller, key, cid, level, manage):
        r = cl.get(f"/api/v1/customers/{cid}/view")
        if level is None:
            return assert_error(r, 404)
        assert r.status_code == 200, (caller, key, r.text)
        check_level("customers", r.json()["customer"], level, (caller, key))
        assert ("competitors" in r.json()) == (level >= 2), (caller, key)
        assert all(("hobbies" in c) == (level >= 3) for c in r.json()["contacts"])
    for_each_customer(w, one)


def check_history(w, route):
    """As the view: an invisible customer is 404; a seen one's entries show no field
    above the caller's level (its creation names every field it was given)."""
    hidden_by_level = {1: {"purchase_budget", "decision_process", "decision_maker_background"},
                       2: {"decision_maker_background"}, 3: set()}

    def one(cl, caller, key, cid, level, manage):
        r = cl.get(f"/api/v1/customers/{cid}/history")
        if level is None:
            return assert_error(r, 404)
        assert r.status_code == 200, (caller, key, r.text)
        for e in r.json()["items"]:
            assert not hidden_by_level[level] & set(e["changes"] or {}), (caller, key, e)
    for_each_customer(w, one)


def check_cross_sell(w, route):
    """As the view: an invisible customer is 404, a seen one has its suggestions."""
    def one(cl, caller, key, cid, level, manage):
        r = cl.get(f"/api/v1/customers/{cid}/cross-sell")
        if level is None:
            return assert_error(r, 404)
        assert r.status_code == 200, (caller, key, r.text)
        assert r.json()["customer_id"] == cid
    for_each_customer(w, one)


def check_owners(w, route):
    def one(cl, caller, key, cid, level, manage):
        r = cl.get(f"/api/v1/customers/{cid}/owners")
        if level is None:
            return assert_error(r, 404)
        owner = CUSTOMERS[key][0]
        assert r.json()["owner"] == (w["ids"][owner] if owner else None), (caller, key)
    for_each_customer(w, one)


def manage_outcome(r, level, manage, allowed_field):
    """An ownership call with an argument that fails after the permission check."""
    if level is None:
        assert_error(r, 404, field="customer")
    elif not manage:
        assert_error(r, 403, field="customer")
    else:
        assert r.status_code in (400, 404) and r.json()["error"]["field"] == allowed_field, r.text


def check_transfer(w, route):
    for_each_customer(w, lambda cl, caller, key, cid, level, manage: manage_outcome(
        cl.post(f"/api/v1/customers/{cid}/transfer", {"to": 999999}), level, manage, "to"))


def check_share(w, route):
    for_each_customer(w, lambda cl, caller, key, cid, level, manage: manage_outcome(
        cl.post(f"/api/v1/customers/{cid}/share", {"user": 999999, "access": "read"}), level,
        manage, "user"))


def check_merge(w, route):
    """Merging a customer that does not exist into each: refused on the first one when the
    caller may not manage it, else on "from"."""
    def one(cl, caller, key, cid, level, manage):
        if route.startswith("GET"):
            r = cl.get(f"/api/v1/customers/{cid}/merge?from=999999")
        else:
            r = cl.post(f"/api/v1/customers/{cid}/merge", {"from": 999999})
        manage_outcome(r, level, manage, "from")
    for_each_customer(w, one)


def check_export(w, route):
    """An export holds exactly the rows of the caller's list: the same ids."""
    res = route.rsplit("/", 1)[1]
    for caller in callers():
        cl = w["c"][caller]
        want = sorted(i["id"] for i in cl.ok("GET", f"/api/v1/{res}?per_page=500")["items"])
        r = cl.get(f"/api/v1/exports/{res}?format=csv&lang=en")
        assert r.status_code == 200, (caller, res, r.text)
        rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"), newline="")))
        assert rows[0][0] == "ID", rows[0]
        assert sorted(int(row[0]) for row in rows[1:]) == want, (caller, res)


VCARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:王;五\r\nFN:王五\r\nTEL;TYPE=CELL:13700001111\r\nEND:VCARD\r\n"


def check_vcard_import(w, route):
    """Cards go in as contacts: refused as a contact create would be."""
    def one(cl, caller, key, cid, level, manage):
        write = POLICY[role_of(caller)][relation(caller, *CUSTOMERS[key])][1]
        r = cl.req("POST", f"/api/v1/contacts/vcard?customer_id={cid}", data=VCARD.encode(),
                   headers={"Content-Type": "text/vcard"})
        if level is None:
            return assert_error(r, 404)
        if not write:
            return assert_error(r, 403)
        assert r.status_code in (200, 201), (caller, key, r.text)
        for c in r.json()["contacts"]:  # leave the world as the other checks know it
            if c["action"] == "created":
                w["c"]["admin"].ok("DELETE", f"/api/v1/contacts/{c['id']}")
    for_each_customer(w, one)


def check_import_templates(w, route):
    for caller in callers():
        r = w["c"][caller].get(route.split(" ", 1)[1])
        assert r.status_code == 200 and r.content.startswith(b"\xef\xbb\xbf"), (caller, r.text)


def post_sheet(cl, path, **query):
    body = "客户名称\r\n矩阵导入\r\n".encode()
    return cl.req("POST", path, params=query, data=body, headers={"Content-Type": "text/csv"})


def check_import_preview(w, route):
    for caller in callers():
        r = post_sheet(w["c"][caller], "/api/v1/imports/preview", type="customers")
        assert r.status_code == 200, (caller, r.text)
        assert r.json()["columns"][0]["field"] == "name"


def wait_import(cl, jid):
    for _ in range(600):
        job = cl.ok("GET", f"/api/v1/imports/{jid}")
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.05)
    pytest.fail(f"import {jid} did not end")


def check_imports(w, route):
    """Anyone may start an import (a dry run here: it changes nothing); a job, its state and
    its reject file are its user's own: another's answers 404, but to an admin."""
    jobs = {}
    for caller in callers():
        r = post_sheet(w["c"][caller], "/api/v1/imports", type="customers", dry_run="true")
        assert r.status_code == 202, (caller, r.text)
        jobs[caller] = r.json()["id"]
        assert wait_import(w["c"][caller], jobs[caller])["state"] == "done"
    for caller in callers():
        for owner, jid in jobs.items():
            for path in (f"/api/v1/imports/{jid}", f"/api/v1/imports/{jid}/rejects"):
                r = w["c"][caller].get(path)
                if caller == owner or role_of(caller) == "admin":
                    assert r.status_code == 200, (caller, owner, path, r.text)
                else:
                    assert_error(r, 404)


def check_release(w, route):
    def one(cl, caller, key, cid, level, manage):
        if level is None or not manage or key == "pool":
            r = cl.post(f"/api/v1/customers/{cid}/release")
            want = 404 if level is None else 403 if not manage else 409
            return assert_error(r, want)
        new = create_customer(w, key, CUSTOMERS[key])
        cl.ok("POST", f"/api/v1/customers/{new}/release", status=200)
        w["c"]["admin"].ok("DELETE", f"/api/v1/customers/{new}")
    for_each_customer(w, one)


def check_claim(w, route):
    def one(cl, caller, key, cid, level, manage):
        if key != "pool":
            return assert_error(cl.post(f"/api/v1/customers/{cid}/claim"),
                                404 if level is None else 409)
        new = create_customer(w, key, CUSTOMERS[key])
        cl.ok("POST", f"/api/v1/customers/{new}/claim", status=200)
        w["c"]["admin"].ok("DELETE", f"/api/v1/customers/{new}")
    for_each_customer(w, one)


def lock_check(action):
    """Lock and unlock: who manages ownership may; a pool customer has no owner to lock for."""
    def check(w, route):
        def one(cl, caller, key, cid, level, manage):
            r = cl.post(f"/api/v1/customers/{cid}/{action}")
            if level is None:
                return assert_error(r, 404)
            if not manage:
                return assert_error(r, 403)
            if action == "lock" and key == "pool":
                return assert_error(r, 409)
            assert r.status_code == 200 and r.json() == {"id": cid, "locked": action == "lock"}, (
                caller, key, r.text)
            if action == "lock":
                cl.ok("POST", f"/api/v1/customers/{cid}/unlock", status=200)
        for_each_customer(w, one)
    return check


def bulk_check(action, body):
    """ids [cid, a customer that does not exist]: all or nothing, so the call fails either
    way, on cid when the caller may not act on it, else on the missing one."""
    def check(w, route):
        def one(cl, caller, key, cid, level, manage):
            target = next(u for u in ("mgr_h", "rep_s") if u != CUSTOMERS[key][0])
            r = cl.post(f"/api/v1/customers/bulk/{action}",
                        {"ids": [cid, 999999999], **body(w["ids"][target])})
            # a pool customer is in the pool already: released again, it is refused
            pooled = action == "release" and key == "pool" and level is not None and manage
            want = 409 if pooled else 404 if level is None or manage else 403
            assert_error(r, want)
            named = 999999999 if level is not None and manage and not pooled else cid
            assert r.json()["error"]["message"].startswith(f"customer {named}:"), (
                caller, key, r.text)
        for_each_customer(w, one)
    return check


def check_approve(w, route, action="approve", body=None):
    # the activities are calls, not visit plans: one who may approve gets 409 (kind);
    # a rejection (with its comment) follows the same rule
    for caller in callers():
        role = role_of(caller)
        for oid, key in w["records"]["activities"].items():
            owner, shares = CUSTOMERS[key]
            rel = relation(caller, owner, shares)
            level = POLICY[role][rel][0]
            author = owner or "admin"
            r = w["c"][caller].post(f"/api/v1/activities/{oid}/{action}", body)
            in_scope = rel in MANAGE[role] and (owner is not None or role == "admin")
            if level is None:
                assert_error(r, 404)
            elif role == "sales" or author == caller or not in_scope:
                assert_error(r, 403)
            else:
                assert_error(r, 409, field="kind")


def check_approval(res, verb):
    """Submit, approve, reject, cancel of contracts and receipts, with a comment that is
    no text: past the permission it is refused (400 naming comment) and nothing changes.
    Hidden records answer as missing ones (404). Submitting, and cancelling a draft, take
    the right to change the customer; deciding (and cancelling an approved one) is the
    superior's: as a visit plan's, an admin even of their own."""
    def check(w, route):
        for caller in callers():
            role = role_of(caller)
            for oid, key in w["records"][res].items():
                owner, shares = CUSTOMERS[key]
                rel = relation(caller, owner, shares)
                level, write = POLICY[role][rel]
                decides = role == "admin" or (
                    role != "sales" and rel in MANAGE[role] and owner is not None and
                    owner != caller)
                deciding = verb in ("approve", "reject") or (
                    verb == "cancel" and res == "contracts" and oid in APPROVED.values())
                r = w["c"][caller].post(f"/api/v1/{res}/{oid}/{verb}", {"comment": 5})
                if level is None:
                    assert_error(r, 404)
                elif not (decides if deciding else write):
                    assert_error(r, 403, "forbidden")
                else:
                    assert_error(r, 400, "invalid", "comment")
    return check


def check_search(w, route):
    names = {}
    for key, cid in w["customers"].items():
        names[cid] = w["c"]["admin"].ok("GET", f"/api/v1/customers/{cid}")["name"]

    def one(cl, caller, key, cid, level, manage):
        found = cl.ok("GET", "/api/v1/search", params={"q": names[cid], "limit": 200})
        assert (cid in [i["customer_id"] for i in found["items"]]) == (level is not None), (
            caller, key)
    for_each_customer(w, one)


def check_lookup(w, route):
    def one(cl, caller, key, cid, level, manage):
        phone = w["c"]["admin"].ok("GET", f"/api/v1/customers/{cid}")["phone"]
        r = cl.get("/api/v1/lookup", params={"phone": phone})
        if level is None:
            return assert_error(r, 404)
        assert r.status_code == 200 and r.json()["customer"]["id"] == cid, (caller, key)
        check_level("customers", r.json()["customer"], level, (caller, key))
    for_each_customer(w, one)


def in_user_scope(caller, login):
    return POLICY[role_of(caller)][relation(caller, login)][0] is not None


def check_user_list(w, route):
    for caller in callers():
        listed = {u["login"] for u in w["c"][caller].ok("GET", "/api/v1/users?per_page=500")[
            "items"]}
        assert listed == {u for u in w["ids"] if in_user_scope(caller, u)}, caller


MISSING = 999999  # an id no record has


def told(r, oid):
    """All that an answer tells about id oid: the status, the error's code and field, and
    its message with the id blanked out."""
    if r.status_code < 400:
        return (r.status_code,)
    e = r.json()["error"]
    return r.status_code, e["code"], e.get("field"), e["message"].replace(str(oid), "ID")


def assert_hidden_like_missing(w, caller, method, path, hidden, body=None):
    """Each id in hidden (which exists) answers exactly as an id that was never used:
    the caller cannot tell "exists but not yours" from "does not exist"."""
    cl = w["c"][caller]
    missing = told(cl.req(method, path.format(id=MISSING), json=body), MISSING)
    for oid in hidden:
        got = told(cl.req(method, path.format(id=oid), json=body), oid)
        assert got == missing, (caller, method, path, oid, body, got, missing)
    return missing


def users_by_scope(w, caller):
    """(ids of users the caller sees other than themselves, ids of users they do not)."""
    seen = [uid for login, uid in w["ids"].items() if login != caller and
            in_user_scope(caller, login)]
    return seen, [uid for login, uid in w["ids"].items() if not in_user_scope(caller, login)]


def check_user_get(w, route):
    for caller in callers():
        for login, uid in w["ids"].items():
            r = w["c"][caller].get(f"/api/v1/users/{uid}")
            assert r.status_code == (200 if in_user_scope(caller, login) else 404), (caller, login)
        hidden = users_by_scope(w, caller)[1]
        assert assert_hidden_like_missing(w, caller, "GET", "/api/v1/users/{id}", hidden)[0] == 404


# PATCH bodies for a user: valid, invalid, unknown, and one that costs a password hash;
# the ones anyone may send for themselves
SELF_PATCHES = [{"display_name": "改名"}, {"password": "long enough 123"}]
USER_PATCHES = [{"role": "admin"}, *SELF_PATCHES, {"login": "bad login!"}, {"team": MISSING},
                {"max_customers": -1}, {"bogus": 1}]


def check_user_change(method, admin_check):
    """The admin as admin_check says. Anyone else: a user outside their scope answers as
    a missing one (404), whatever the body; one inside it 403, whatever the body (the
    permission is decided before any value is looked at)."""
    bodies = USER_PATCHES if method == "PATCH" else [None]

    def check(w, route):
        admin_check(w, route)
        for caller in callers():
            if caller == "admin":
                continue
            seen, hidden = users_by_scope(w, caller)
            for body in bodies:
                missing = assert_hidden_like_missing(w, caller, method, "/api/v1/users/{id}",
                                                     hidden, body)
                assert missing[0] == 404, (caller, method, body, missing)
                for uid in seen + ([] if body in SELF_PATCHES else [w["ids"][caller]]):
                    r = w["c"][caller].req(method, f"/api/v1/users/{uid}", json=body)
                    assert r.status_code == 403, (caller, method, uid, body, r.text)
    return check


def admin_only(method, path, admin_body, admin_status, other_body=None):
    """Admins pass the permission check (and meet admin_status on a body that changes
    nothing or is refused); everyone else gets 403. path may depend on (w, caller)."""
    def check(w, route):
        for caller in callers():
            p = path(w, caller) if callable(path) else path
            body = admin_body if caller == "admin" else (other_body or admin_body)
            r = w["c"][caller].req(method, p, json=body)
            want = admin_status if caller == "admin" else 403
            assert r.status_code == want, (caller, method, p, r.text)
    return check


def every_role(method, path, status=200, body=None, check_body=None):
    def check(w, route):
        for caller in callers():
            r = w["c"][caller].req(method, path, json=body)
            assert r.status_code == status, (caller, method, path, r.text)
            if check_body:
                check_body(w, caller, r.json())
    return check


def duplicate_facts_only(w, caller, body):
    """查重 answers every role with the holder's minimal facts, whoever may open it."""
    assert [(m["id"], set(m)) for m in body["matches"]] == [
        (w["customers"]["admin"], {"id", "name", "owner", "in_pool", "other_team", "field"})], body


def check_duplicates_report(w, route):
    """The duplicate report: admins and managers (this world has no duplicate), not reps."""
    for caller in callers():
        r = w["c"][caller].get("/api/v1/duplicates")
        if role_of(caller) == "sales":
            assert_error(r, 403, "forbidden")
        else:
            assert r.status_code == 200 and r.json()["total"] == 0, (caller, r.text)


def scoped_report_count(w, caller, body):
    """A dashboard counts the customers of one's scope; the pool only for scope all."""
    role = role_of(caller)
    want = sum(1 for key, spec in CUSTOMERS.items()
               if POLICY[role][relation(caller, *spec)][0] is not None
               and (spec[0] is not None or role == "admin"))
    assert body["customers"] == want, (caller, body["customers"], want)


def pipeline_as_list(w, caller, body):
    """The pipeline board counts and shows exactly the opportunities one's list shows."""
    listed = w["c"][caller].ok("GET", "/api/v1/opportunities?per_page=500")
    assert sum(s["count"] for s in body["stages"]) == listed["total"], (caller, body)
    assert ({o["id"] for s in body["stages"] for o in s["items"]} ==
            {o["id"] for o in listed["items"]}), (caller, body)


def anonymous(status):
    def check(w, route):
        method, path = route.split(" ", 1)
        r = requests.request(method, w["server"].url + path.replace("{id}", "1"),
                             json={} if method != "GET" else None, timeout=30)
        assert r.status_code == status, (route, r.status_code, r.text)
    return check


def tokens_seen(w, caller):
    return w["c"][caller].ok("GET", "/api/v1/tokens?per_page=500")["items"]


def check_token_list(w, route):
    """One's own tokens; an admin everyone's. Never the secret."""
    for caller in callers():
        w["c"][caller].ok("POST", "/api/v1/tokens", {"name": f"list-{caller}"}, status=201)
    for caller in callers():
        items = tokens_seen(w, caller)
        logins = {t["login"] for t in items}
        assert all("token" not in t and "hash" not in t for t in items), items
        if caller == "admin":
            assert set(callers()) <= logins, logins
        else:
            assert logins == {caller}, (caller, logins)


def check_token_revoke(w, route):
    """Own token: 204; another's: 404 unless admin, the same answer as a token that was
    revoked already or never made."""
    revoked = {}
    for caller in callers():
        cl = w["c"][caller]
        cl.ok("POST", "/api/v1/tokens", {"name": f"revoke-{caller}"}, status=201)
        cl.ok("POST", "/api/v1/tokens", {"name": f"gone-{caller}"}, status=201)
        gone = next(t["id"] for t in tokens_seen(w, caller) if t["name"] == f"gone-{caller}")
        cl.ok("DELETE", f"/api/v1/tokens/{gone}")
        revoked[caller] = gone
    live = [t for t in tokens_seen(w, "admin") if (t["name"] or "").startswith("revoke-")
            and not t["revoked_at"]]
    by_login = {t["login"]: t["id"] for t in live}
    for caller in callers():
        if caller != "admin":
            others = [tid for login, tid in by_login.items() if login != caller]
            missing = assert_hidden_like_missing(w, caller, "DELETE", "/api/v1/tokens/{id}",
                                                 [*others, *revoked.values()])
            assert missing[0] == 404, (caller, missing)
            # there is no PATCH of a token: the same 405 for every id
            missing = assert_hidden_like_missing(w, caller, "PATCH", "/api/v1/tokens/{id}",
                                                 [*others, *revoked.values()], {})
            assert missing[0] == 405, (caller, missing)
    others = [tid for login, tid in by_login.items() if login != "admin"]
    w["c"]["admin"].ok("DELETE", f"/api/v1/tokens/{others[0]}")
    by_login = {k: v for k, v in by_login.items() if v != others[0]}
    for caller in callers():
        if caller in by_login:
            r = w["c"][caller].req("DELETE", f"/api/v1/tokens/{by_login[caller]}")
            assert r.status_code == 204, (caller, r.text)


# ---- leads (issue 13): a lead has no customer; its owner stands where a customer's would
# (no shares, no pool), so what a role sees of it is POLICY at the owner's relation ----

def lead_world(w):
    """One lead per user, made by the admin for them (once per module): id -> owner."""
    if "leads" not in w:
        admin = w["c"]["admin"]
        w["leads"] = {admin.ok("POST", "/api/v1/leads", {"name": f"线索{login}", "owner": uid})[
            "id"]: login for login, uid in w["ids"].items()}
    return w["leads"]


def lead_expect(w, caller, oid):
    return POLICY[role_of(caller)][relation(caller, lead_world(w)[oid])]


def lead_split(w, caller):
    """(ids the caller sees, ids they do not)."""
    seen = [oid for oid in lead_world(w) if lead_expect(w, caller, oid)[0] is not None]
    return seen, [oid for oid in lead_world(w) if oid not in seen]


def check_lead_list(w, route):
    for caller in callers():
        cl = w["c"][caller]
        seen, _ = lead_split(w, caller)
        page = cl.ok("GET", "/api/v1/leads?per_page=500")
        assert sorted(i["id"] for i in page["items"]) == sorted(seen), caller
        assert page["total"] == len(seen), caller
        # a filter, a search and a sort tell no more than the list
        for login, uid in w["ids"].items():
            mine = [oid for oid in seen if lead_world(w)[oid] == login]
            for params in ({"owner": uid}, {"q": f"线索{login}"},
                           {"owner": uid, "sort": "-name"}):
                r = cl.get("/api/v1/leads", params=params)
                assert r.status_code == 200, (caller, params, r.text)
                assert r.json()["total"] == len(mine), (caller, params)


def check_lead_create(w, route):
    for caller in callers():
        cl = w["c"][caller]
        lead = cl.ok("POST", "/api/v1/leads", {"name": "新线索"})
        assert lead["owner"] == w["ids"][caller]
        lead_world(w)[lead["id"]] = caller
        for login, uid in w["ids"].items():
            if login == caller:
                continue
            r = cl.post("/api/v1/leads", {"name": "新线索", "owner": uid})
            in_scope = role_of(caller) != "sales" and in_user_scope(caller, login)
            if in_scope:
                assert r.status_code == 201, (caller, login, r.text)
                lead_world(w)[r.json()["id"]] = login
            else:
                assert_error(r, 403, "forbidden", "owner")


def lead_route(method, path, body=None, allowed=None):
    """Hidden leads answer as missing ones (404); each seen one as allowed(r) says."""
    def check(w, route):
        for caller in callers():
            seen, hidden = lead_split(w, caller)
            missing = assert_hidden_like_missing(w, caller, method, path, hidden, body)
            assert missing[0] == 404, (caller, route, missing)
            for oid in seen:
                r = w["c"][caller].req(method, path.format(id=oid), json=body)
                assert allowed(r), (caller, route, oid, r.status_code, r.text)
    return check


def check_lead_delete(w, route):
    for caller in callers():
        seen, hidden = lead_split(w, caller)
        assert_hidden_like_missing(w, caller, "DELETE", "/api/v1/leads/{id}", hidden)
        for oid in seen:
            owner = lead_world(w)[oid]
            fresh = w["c"]["admin"].ok("POST", "/api/v1/leads", {
                "name": "临时", "owner": w["ids"][owner]})["id"]
            w["c"][caller].ok("DELETE", f"/api/v1/leads/{fresh}")


def check_opportunity_stages(w, route):
    """As reading the opportunity: a hidden one answers as a missing one (404), a seen
    one has its history, which starts with the creation."""
    for caller in callers():
        hidden = [oid for oid in all_records(w, "opportunities")
                  if expect(w, caller, "opportunities", oid)[0] is None]
        seen = [oid for oid in all_records(w, "opportunities") if oid not in hidden]
        missing = assert_hidden_like_missing(w, caller, "GET", route.split(" ", 1)[1], hidden)
        assert missing[0] == 404, (caller, route, missing)
        for oid in seen:
            items = w["c"][caller].ok("GET", f"/api/v1/opportunities/{oid}/stages")["items"]
            assert items and items[0]["from_stage"] is None, (caller, oid, items)


# ---- daily and weekly reports: a user's own, seen by whoever has the author in scope, a
# sales rep only their own (POLICY at the author's relation, no shares); written and
# submitted by the author alone ----
REPORT_DAY = "2026-01-01"


def report_world(w):
    """One draft daily report per user for REPORT_DAY (once per module): id -> author."""
    if "reports" not in w:
        w["reports"] = {w["c"][login].ok("POST", "/api/v1/reports", {
            "kind": "daily", "period_start": REPORT_DAY, "work_done": f"日报{login}"})["id"]: login
            for login in w["ids"]}
    return w["reports"]


def report_seen(w, caller):
    return sorted(oid for oid, author in report_world(w).items()
                  if POLICY[role_of(caller)][relation(caller, author)][0] is not None)


def check_report_list(w, route):
    report_world(w)
    for caller in callers():
        page = w["c"][caller].ok("GET", f"/api/v1/reports?from={REPORT_DAY}&to={REPORT_DAY}")
        assert sorted(i["id"] for i in page["items"]) == report_seen(w, caller), caller
        assert page["total"] == len(report_seen(w, caller)), caller
        for login, uid in w["ids"].items():
            mine = [oid for oid in report_seen(w, caller) if report_world(w)[oid] == login]
            r = w["c"][caller].ok("GET", f"/api/v1/reports?author={uid}&to={REPORT_DAY}")
            assert r["total"] == len(mine), (caller, login)


def report_each(w, method, body, own, seen):
    """method on every report of the world as every caller: own, seen (not own) and
    unseen ones answer own, seen and 404 (own None: one's own are left alone)."""
    for caller in callers():
        for oid, author in report_world(w).items():
            if own is None and author == caller:
                continue
            r = w["c"][caller].req(method, f"/api/v1/reports/{oid}" + body[0], json=body[1])
            want = own if author == caller else (
                seen if oid in report_seen(w, caller) else 404)
            assert r.status_code == want, (caller, method, oid, r.text)


def check_report_get(w, route):
    report_each(w, "GET", ("", None), 200, 200)


def check_report_patch(w, route):
    report_each(w, "PATCH", ("", {}), 200, 403)


def check_report_comment(w, route):
    report_each(w, "POST", ("/comments", {"body": "好"}), 201, 201)


def check_report_submit(w, route):
    # a report seen but not one's own is 403, one not seen 404; one's own a new draft
    report_each(w, "POST", ("/submit", {}), None, 403)
    for i, caller in enumerate(callers()):
        cl = w["c"][caller]
        rid = cl.ok("POST", "/api/v1/reports", {"kind": "daily", "work_done": "提交",
                                                "period_start": f"2026-03-0{i + 1}"})["id"]
        assert cl.ok("POST", f"/api/v1/reports/{rid}/submit", {}, status=200)["status"] == \
            "submitted"
        assert_error(cl.post(f"/api/v1/reports/{rid}/submit", {}), 409, "conflict", "status")


def check_report_create(w, route):
    for i, caller in enumerate(callers()):
        body = {"kind": "daily", "period_start": f"2026-02-0{i + 1}"}
        assert w["c"][caller].ok("POST", "/api/v1/reports", body)["author_id"] == w["ids"][caller]
        assert_error(w["c"][caller].post("/api/v1/reports", body), 409, "conflict",
                     "period_start")


def check_report_missing(w, route):
    """Managers and admins: the reps and managers in their scope; reps are refused."""
    writers = {login for login, role, _ in USERS if role != "admin"}
    for caller in callers():
        r = w["c"][caller].get(f"/api/v1/reports/missing?date={REPORT_DAY}")
        if role_of(caller) == "sales":
            assert_error(r, 403, "forbidden")
            continue
        assert r.status_code == 200, (caller, r.text)
        want = sorted(u for u in writers
                      if POLICY[role_of(caller)][relation(caller, u)][0] is not None)
        got = r.json()
        assert sorted(m["login"] for m in got["missing"]) == want, caller
        assert (got["expected"], got["submitted"]) == (len(want), 0), caller
def check_todos(w, route):
    """The to-do centre: every item a caller is given belongs to a customer the caller
    may open, and each badge is its list's length."""
    for caller in callers():
        cl = w["c"][caller]
        body = cl.ok("GET", "/api/v1/todos?limit=200")
        for kind, one in body["items"].items():
            assert body["counts"][kind] == one["count"] == len(one["items"]), (caller, kind)
            for item in one["items"]:
                if item["customer_id"] is not None:
                    r = cl.get(f"/api/v1/customers/{item['customer_id']}")
                    assert r.status_code == 200, (caller, kind, item, r.status_code)


def check_events(w, route):
    """Every role opens the stream; its first event holds the caller's own counts."""
    for caller in callers():
        cl = w["c"][caller]
        want = cl.ok("GET", "/api/v1/todos")["counts"]
        with cl.s.get(w["server"].url + "/api/v1/events", stream=True, timeout=30) as r:
            assert r.status_code == 200, (caller, r.text)
            lines = r.iter_lines(decode_unicode=True)
            while next(lines) != "event: todos":
                pass
            assert json.loads(next(lines).split(": ", 1)[1]) == want, caller


def todo_mark(path, extra=None):
    """Marking a to-do nobody has (a customer that does not exist) is 404 for everyone,
    as marking another's hidden one is."""
    return every_role("POST", path, 404, {"kind": "followups_due", "id": "customer:999999",
                                          **(extra or {})})


# ---- targets and rankings: a rep sees their own target and their team's, a manager
# those of their scope (and sets them, but their own), an admin everything; rankings rank
# the caller's team (a rep) or scope (a manager) ----

def team_ids(w):
    return {t["name"]: t["id"] for t in w["c"]["admin"].ok("GET", "/api/v1/teams")["items"]}


def target_seen(caller, kind, name):
    """May caller see the target of (kind, login or team name)?"""
    role = role_of(caller)
    if role == "admin":
        return True
    if kind == "company":
        return role == "manager"
    if kind == "team":
        mine = team_of(caller)
        return name == mine if role == "sales" else (name == mine or below(name, mine))
    return name == caller or (role == "manager" and in_user_scope(caller, name))


def target_subjects(w):
    teams = team_ids(w)
    return ([("rep", login, f"scope=rep&id={w['ids'][login]}") for login, _, _ in USERS] +
            [("team", name, f"scope=team&id={tid}") for name, tid in teams.items()] +
            [("company", None, "scope=company")])


def check_target_read(path):
    def check(w, route):
        for caller in callers():
            for kind, name, q in target_subjects(w):
                r = w["c"][caller].get(f"{path}?{q}")
                seen = target_seen(caller, kind, name)
                want = 200 if seen else (403 if kind == "company" else 404)
                assert r.status_code == want, (caller, path, q, r.text)
            hidden = [w["ids"][u] for u, _, _ in USERS if not target_seen(caller, "rep", u)]
            assert_hidden_like_missing(w, caller, "GET", path + "?scope=rep&id={id}", hidden)
    return check


def check_target_put(w, route):
    for caller in callers():
        role = role_of(caller)
        for kind, name, q in target_subjects(w):
            body = {"year": 2026, "metric": "contracts", "scope": kind,
                    "months": ["1000"] * 12}
            if kind != "company":
                body["id"] = int(q.rsplit("=", 1)[1])
            r = w["c"][caller].req("PUT", "/api/v1/targets", json=body)
            seen = target_seen(caller, kind, name)
            may = role == "admin" or (role == "manager" and seen and kind != "company" and
                                      name != caller)
            want = 200 if may else (403 if seen or kind == "company" else 404)
            assert r.status_code == want, (caller, kind, name, r.text)


def check_rankings(w, route):
    for caller in callers():
        got = w["c"][caller].ok("GET", "/api/v1/rankings?metric=followups")
        role = role_of(caller)
        ranked = [u for u, r, _ in USERS if r != "admin"]
        if role == "manager":
            ranked = [u for u in ranked if in_user_scope(caller, u)]
        elif role == "sales":
            ranked = [u for u in ranked if team_of(u) == team_of(caller)]
        assert sorted(i["login"] for i in got["items"]) == sorted(ranked), caller
        assert (got["me"] is not None) == (caller in ranked), caller


def notifications_of_every_caller(w):
    """One unread notification per caller, written straight into the database (what a
    reminder run makes): {caller: its id}."""
    if "notifications" not in w:
        con = sqlite3.connect(w["server"].db, timeout=30)
        for caller in callers():
            con.execute("INSERT INTO notifications (user_id, kind, ref_type, ref_id, due,"
                        " title, created_at) VALUES (?, 'followups_due', 'customer', 1,"
                        " '2026-01-01', 'x', '2026-01-01T00:00:00Z')", (w["ids"][caller],))
        con.commit()
        con.close()
        w["notifications"] = {c: next(n["id"] for n in w["c"][c].ok(
            "GET", "/api/v1/notifications?limit=200")["items"]) for c in callers()}
    return w["notifications"]


def check_notifications(w, route):
    """Each caller lists their own notifications only."""
    mine = notifications_of_every_caller(w)
    for caller in callers():
        got = {n["id"] for n in w["c"][caller].ok("GET", "/api/v1/notifications?limit=200")["items"]}
        assert mine[caller] in got, caller
        assert not got & {mine[o] for o in callers() if o != caller}, caller


def check_notification_read(w, route):
    """Another's notification is 404, as a missing one (its existence does not leak)."""
    mine = notifications_of_every_caller(w)
    for caller in callers():
        cl = w["c"][caller]
        for other in callers():
            if other != caller:
                assert_error(cl.post(f"/api/v1/notifications/{mine[other]}/read", {}), 404,
                             "not_found", "id")
        assert_error(cl.post("/api/v1/notifications/999999/read", {}), 404, "not_found", "id")
    for caller in callers():
        r = w["c"][caller].post(f"/api/v1/notifications/{mine[caller]}/read", {})
        assert r.status_code == 200 and r.json()["read"] is True, (caller, r.text)


# ---- campaigns: a user's own, seen and run by whoever has the owner in scope (as
# reports); greetings set by managers and admins; a contact's consent as the contact ----
CAMPAIGN = {"name": "矩阵", "audience": {"list": "customers"}, "subject": "{{salutation}}",
            "body_text": "正文"}


def campaign_world(w):
    """One draft campaign per user (once per module): id -> owner."""
    if "campaigns" not in w:
        w["campaigns"] = {w["c"][login].ok("POST", "/api/v1/campaigns", CAMPAIGN)["id"]: login
                          for login in w["ids"]}
    return w["campaigns"]


def campaign_seen(w, caller):
    return sorted(oid for oid, owner in campaign_world(w).items()
                  if POLICY[role_of(caller)][relation(caller, owner)][0] is not None)


def check_campaign_list(w, route):
    campaign_world(w)
    for caller in callers():
        page = w["c"][caller].ok("GET", "/api/v1/campaigns?per_page=100&kind=campaign")
        got = sorted(i["id"] for i in page["items"] if i["id"] in campaign_world(w))
        assert got == campaign_seen(w, caller), caller


def campaign_each(method, suffix, body, seen_status):
    """method on every campaign of the world as every caller: seen ones answer
    seen_status, the others 404 as a missing one does."""
    def check(w, route):
        for caller in callers():
            for oid in campaign_world(w):
                r = w["c"][caller].req(method, f"/api/v1/campaigns/{oid}{suffix}", json=body)
                want = seen_status if oid in campaign_seen(w, caller) else 404
                assert r.status_code == want, (caller, method, oid, suffix, r.text)
            r = w["c"][caller].req(method, f"/api/v1/campaigns/{MISSING}{suffix}", json=body)
            assert r.status_code == 404, (caller, suffix, r.text)
    return check


def check_campaign_create(w, route):
    for caller in callers():
        c = w["c"][caller].ok("POST", "/api/v1/campaigns", CAMPAIGN)
        assert c["owner_id"] == w["ids"][caller] and c["status"] == "draft", caller


def check_campaign_delete(w, route):
    for caller in callers():
        cl = w["c"][caller]
        mine = cl.ok("POST", "/api/v1/campaigns", CAMPAIGN)["id"]
        for oid in campaign_world(w):
            if oid not in campaign_seen(w, caller):
                assert_error(cl.delete(f"/api/v1/campaigns/{oid}"), 404)
        assert cl.delete(f"/api/v1/campaigns/{mine}").status_code == 204


def check_campaign_cancel(w, route):
    for caller in callers():
        cl = w["c"][caller]
        mine = cl.ok("POST", "/api/v1/campaigns", CAMPAIGN)["id"]
        for oid in campaign_world(w):
            if oid not in campaign_seen(w, caller):
                assert_error(cl.post(f"/api/v1/campaigns/{oid}/cancel", {}), 404)
        assert cl.ok("POST", f"/api/v1/campaigns/{mine}/cancel", {}, status=200)["status"] == \
            "cancelled"


def greeting_world(w):
    if "greeting" not in w:
        w["greeting"] = w["c"]["admin"].ok("POST", "/api/v1/greetings", {
            "occasion": "holiday", "name": "矩阵节", "subject": "{{salutation}}",
            "body_text": "节日快乐", "dates": {"2027": "2027-07-01"}})["id"]
    return w["greeting"]


def greeting_change(method, body, manager_status):
    """Managers and admins set greetings; a rep is refused (403) whatever the id."""
    def check(w, route):
        for caller in callers():
            gid = w["c"]["admin"].ok("POST", "/api/v1/greetings", {
                "occasion": "birthday", "name": "生日", "subject": "s", "body_text": "t"})["id"]
            path = "/api/v1/greetings" + ("" if method == "POST" else f"/{gid}")
            r = w["c"][caller].req(method, path, json=body)
            want = 403 if role_of(caller) == "sales" else manager_status
            assert r.status_code == want, (caller, method, r.text)
    return check


def check_greetings_upcoming(w, route):
    """The greetings of a day reach the contacts of the customers one sees, no others."""
    greeting_world(w)
    for caller in callers():
        items = w["c"][caller].ok("GET", "/api/v1/greetings/upcoming?date=2027-07-01")["items"]
        for i in items:
            key = w["records"]["customers"][i["customer_id"]]
            assert expect(w, caller, "customers", i["customer_id"])[0] is not None, (caller, key)
        assert caller != "admin" or items, "the admin's greeting reaches someone"


def check_greeting_skip(w, route):
    gid = greeting_world(w)
    for caller in callers():
        for oid in all_records(w, "contacts"):
            r = w["c"][caller].post("/api/v1/greetings/upcoming/skip", {
                "greeting_id": gid, "contact_id": oid, "date": "2027-07-01", "skip": False})
            want = 200 if expect(w, caller, "contacts", oid)[0] is not None else 404
            assert r.status_code == want, (caller, oid, r.text)


def check_consent(method, body):
    """A contact's consent: seen as the contact is; changed by who may change it."""
    def check(w, route):
        for caller in callers():
            for oid in all_records(w, "contacts"):
                level, write = expect(w, caller, "contacts", oid)
                r = w["c"][caller].req(method, f"/api/v1/contacts/{oid}/consent", json=body)
                want = 404 if level is None else 403 if method == "PUT" and not write else 200
                assert r.status_code == want, (caller, method, oid, r.text)
    return check


def check_mail_links(w, route):
    """The public links answer anyone without a login; a token kehu did not sign leads
    nowhere (the pixel is an image whatever the token)."""
    method, path = route.split(" ", 1)
    token = "A" * 40
    r = requests.request(method, w["server"].url + path.replace("{token}", token),
                         data="List-Unsubscribe=One-Click" if method == "POST" else None,
                         allow_redirects=False, timeout=30)
    want = 200 if path.startswith("/o/") else 404
    assert r.status_code == want and "Location" not in r.headers, (route, r.status_code)


def registry_routes():
    table = {}
    for res in COLLECTIONS:
        table[f"GET /api/v1/{res}"] = lambda w, route, res=res: check_list(w, res)
        table[f"POST /api/v1/{res}"] = lambda w, route, res=res: check_create(w, res)
        table[f"GET /api/v1/{res}/{{id}}"] = lambda w, route, res=res: check_get(w, res)
        table[f"PATCH /api/v1/{res}/{{id}}"] = lambda w, route, res=res: check_patch(w, res)
        table[f"DELETE /api/v1/{res}/{{id}}"] = lambda w, route, res=res: check_delete(w, res)
    return table


def user_path(w, caller):
    """Another user for the admin; for anyone else themselves, the one user they see."""
    if caller == "admin":
        return f"/api/v1/users/{w['ids']['rep_w']}"
    return f"/api/v1/users/{w['ids'][caller]}"


def deletable_user(w, caller):
    return "/api/v1/users/999999" if caller == "admin" else user_path(w, caller)


def check_team_change(method, admin_check):
    """The admin as admin_check says; anyone else 403 for every team, whatever the body,
    the same answer as for a team that does not exist."""
    bodies = [{}, {"name": ""}, {"parent": MISSING}] if method == "PATCH" else [None]

    def check(w, route):
        admin_check(w, route)
        teams = [t["id"] for t in w["c"]["admin"].ok("GET", "/api/v1/teams")["items"]]
        for caller in callers():
            if caller == "admin":
                continue
            for body in bodies:
                missing = assert_hidden_like_missing(w, caller, method, "/api/v1/teams/{id}",
                                                     teams, body)
                assert missing[0] == 403, (caller, method, body, missing)
    return check


ANALYTICS = ["abc", "grid", "quadrants", "lifecycle", "loyalty", "clv", "whale", "cohorts",
             "forecast", "followups"]
STATISTICS = ["profiling", "persistency", "profitability", "performance", "prospecting",
              "product", "promotion"]

ROUTES = {
    **registry_routes(),
    "GET /healthz": anonymous(200),
    "GET /api/v1/openapi.json": anonymous(200),
    "POST /api/v1/setup": anonymous(400),
    "POST /api/v1/login": anonymous(400),
    "POST /api/v1/logout": every_role("POST", "/api/v1/logout", 204),
    "GET /api/v1/me": every_role("GET", "/api/v1/me", check_body=lambda w, caller, b: (
        b["login"] == caller) or pytest.fail(f"{caller}: {b}")),
    "POST /api/v1/tokens": every_role("POST", "/api/v1/tokens", 201, {"name": "matrix"}),
    "GET /api/v1/tokens": check_token_list,
    "DELETE /api/v1/tokens/{id}": check_token_revoke,
    "GET /api/v1/search": check_search,
    "GET /api/v1/duplicates/check": every_role("GET", "/api/v1/duplicates/check?phone=13700000000",
                                               check_body=duplicate_facts_only),
    "GET /api/v1/duplicates": check_duplicates_report,
    "GET /api/v1/lookup": check_lookup,
    "GET /api/v1/customers/{id}/view": check_view,
    "GET /api/v1/customers/{id}/owners": check_owners,
    "GET /api/v1/customers/{id}/history": check_history,
    "POST /api/v1/customers/{id}/transfer": check_transfer,
    "POST /api/v1/customers/{id}/share": check_share,
    "POST /api/v1/customers/{id}/release": check_release,
    "GET /api/v1/customers/{id}/merge": check_merge,
    **{f"GET /api/v1/exports/{res}": check_export for res in EXPORTED},
    **{f"POST /api/v1/{res}/{{id}}/{verb}": check_approval(res, verb)
       for res in ("contracts", "receivables") for verb in ("submit", "approve", "reject",
                                                            "cancel")},
    "POST /api/v1/contacts/vcard": check_vcard_import,
    **{f"GET /api/v1/imports/templates/{t}": check_import_templates
       for t in ("customers", "contacts", "products", "orders", "activities", "opportunities")},
    "POST /api/v1/imports/preview": check_import_preview,
    "POST /api/v1/imports": check_imports,
    "GET /api/v1/imports/{id}": check_imports,
    "GET /api/v1/imports/{id}/rejects": check_imports,
    "POST /api/v1/customers/{id}/merge": check_merge,
    "POST /api/v1/customers/{id}/claim": check_claim,
    "POST /api/v1/customers/{id}/lock": lock_check("lock"),
    "POST /api/v1/customers/{id}/unlock": lock_check("unlock"),
    "POST /api/v1/customers/bulk/transfer": bulk_check("transfer", lambda u: {"to": u}),
    "POST /api/v1/customers/bulk/share": bulk_check("share", lambda u: {"user": u,
                                                                        "access": "read"}),
    "POST /api/v1/customers/bulk/release": bulk_check("release", lambda u: {}),
    "GET /api/v1/opportunities/{id}/stages": check_opportunity_stages,
    "POST /api/v1/activities/{id}/approve": check_approve,
    "POST /api/v1/activities/{id}/reject": lambda w, route: check_approve(w, route, "reject",
                                                                          {"comment": "不合适"}),
    "GET /api/v1/leads": check_lead_list,
    "POST /api/v1/leads": check_lead_create,
    "GET /api/v1/leads/{id}": lead_route("GET", "/api/v1/leads/{id}",
                                         allowed=lambda r: r.status_code == 200),
    "PATCH /api/v1/leads/{id}": lead_route("PATCH", "/api/v1/leads/{id}", {"note": "x"},
                                           allowed=lambda r: r.status_code == 200),
    "DELETE /api/v1/leads/{id}": check_lead_delete,
    "GET /api/v1/leads/{id}/followups": lead_route(
        "GET", "/api/v1/leads/{id}/followups", allowed=lambda r: r.status_code == 200),
    # a follow-up that fails its own check: past the permission, nothing written
    "POST /api/v1/leads/{id}/followups": lead_route(
        "POST", "/api/v1/leads/{id}/followups", {"kind": "dance"},
        allowed=lambda r: r.status_code == 400 and r.json()["error"]["field"] == "kind"),
    # a conversion whose opportunity is refused: past the permission, nothing written
    "POST /api/v1/leads/{id}/convert": lead_route(
        "POST", "/api/v1/leads/{id}/convert", {"opportunity": {"name": "x", "amount": "1.234"}},
        allowed=lambda r: r.status_code == 400 and
        r.json()["error"]["field"] == "opportunity.amount"),
    "GET /api/v1/users": check_user_list,
    "GET /api/v1/users/{id}": check_user_get,
    "POST /api/v1/users": admin_only("POST", "/api/v1/users", {"login": ""}, 400),
    "PATCH /api/v1/users/{id}": check_user_change("PATCH", admin_only(
        "PATCH", user_path, {}, 200, {"role": "admin"})),
    "DELETE /api/v1/users/{id}": check_user_change("DELETE", admin_only(
        "DELETE", deletable_user, None, 404)),
    "GET /api/v1/users/directory": every_role("GET", "/api/v1/users/directory",
                                              check_body=lambda w, caller, b: (
                                                  len(b["items"]) == len(USERS)) or
                                              pytest.fail(str(b))),
    "GET /api/v1/teams": every_role("GET", "/api/v1/teams", check_body=lambda w, caller, b: (
        b["total"] == len(TEAM_PARENT)) or pytest.fail(str(b))),
    "GET /api/v1/teams/{id}": every_role("GET", "/api/v1/teams/1"),
    "POST /api/v1/teams": admin_only("POST", "/api/v1/teams", {"name": ""}, 400),
    "PATCH /api/v1/teams/{id}": check_team_change("PATCH", admin_only(
        "PATCH", "/api/v1/teams/1", {}, 200)),
    "DELETE /api/v1/teams/{id}": check_team_change("DELETE", admin_only(
        "DELETE", "/api/v1/teams/999999", None, 404)),
    "GET /api/v1/settings": every_role("GET", "/api/v1/settings"),
    "PATCH /api/v1/settings": admin_only("PATCH", "/api/v1/settings", {}, 200),
    "GET /api/v1/next-visits": every_role("GET", "/api/v1/next-visits"),
    "GET /api/v1/reports/prefill": every_role("GET", f"/api/v1/reports/prefill?date={REPORT_DAY}"),
    "GET /api/v1/reports/missing": check_report_missing,
    "GET /api/v1/reports": check_report_list,
    "POST /api/v1/reports": check_report_create,
    "GET /api/v1/reports/{id}": check_report_get,
    "PATCH /api/v1/reports/{id}": check_report_patch,
    "POST /api/v1/reports/{id}/submit": check_report_submit,
    "POST /api/v1/reports/{id}/comments": check_report_comment,
    "GET /api/v1/todos": check_todos,
    "GET /api/v1/notifications": check_notifications,
    "POST /api/v1/notifications/{id}/read": check_notification_read,
    "POST /api/v1/notifications/read-all": every_role("POST", "/api/v1/notifications/read-all",
                                                      200, {}),
    "GET /api/v1/me/reminders": every_role("GET", "/api/v1/me/reminders"),
    "PUT /api/v1/me/reminders": every_role("PUT", "/api/v1/me/reminders", 400,
                                           {"digest_hour": 99}),
    "POST /api/v1/todos/done": todo_mark("/api/v1/todos/done"),
    "POST /api/v1/todos/snooze": todo_mark("/api/v1/todos/snooze", {"until": "2199-01-01"}),
    "GET /api/v1/targets": check_target_read("/api/v1/targets"),
    "PUT /api/v1/targets": check_target_put,
    "GET /api/v1/targets/progress": check_target_read("/api/v1/targets/progress"),
    "GET /api/v1/targets/weekly": check_target_read("/api/v1/targets/weekly"),
    "GET /api/v1/targets/forecast": check_target_read("/api/v1/targets/forecast"),
    "PUT /api/v1/targets/weekly": every_role("PUT", "/api/v1/targets/weekly",
                                             body={"week": "2026-W49", "reason": "客户推迟"}),
    "GET /api/v1/rankings": check_rankings,
    "GET /api/v1/events": check_events,
    "GET /api/v1/pipeline": every_role("GET", "/api/v1/pipeline?limit=100",
                                       check_body=pipeline_as_list),
    **{f"GET /api/v1/analytics/{a}": every_role("GET", f"/api/v1/analytics/{a}",
                                                check_body=scoped_report_count
                                                if a in ("lifecycle", "loyalty") else None)
       for a in ANALYTICS},
    # each statistic covers the customers of one's report scope, as the dashboard
    **{f"GET /api/v1/statistics/{a}": every_role("GET", f"/api/v1/statistics/{a}",
                                                 check_body=scoped_report_count)
       for a in STATISTICS},
    "GET /api/v1/customers/{id}/cross-sell": check_cross_sell,
    "GET /api/v1/campaigns": check_campaign_list,
    "POST /api/v1/campaigns": check_campaign_create,
    "GET /api/v1/campaigns/{id}": campaign_each("GET", "", None, 200),
    "PATCH /api/v1/campaigns/{id}": campaign_each("PATCH", "", {}, 200),
    "DELETE /api/v1/campaigns/{id}": check_campaign_delete,
    "GET /api/v1/campaigns/{id}/preview": campaign_each("GET", "/preview", None, 200),
    "GET /api/v1/campaigns/{id}/report": campaign_each("GET", "/report", None, 200),
    "GET /api/v1/campaigns/{id}/messages": campaign_each("GET", "/messages", None, 200),
    "POST /api/v1/campaigns/{id}/pause": campaign_each("POST", "/pause", {}, 409),
    "POST /api/v1/campaigns/{id}/resume": campaign_each("POST", "/resume", {}, 409),
    "POST /api/v1/campaigns/{id}/cancel": check_campaign_cancel,
    # without a mail setup nothing is sent: the same 400 for every id, seen or not
    "POST /api/v1/campaigns/{id}/send": every_role("POST", f"/api/v1/campaigns/{MISSING}/send",
                                                   400, {}),
    "POST /api/v1/campaigns/{id}/test": every_role("POST", f"/api/v1/campaigns/{MISSING}/test",
                                                   400, {"to": "me@example.com"}),
    "GET /api/v1/greetings": every_role("GET", "/api/v1/greetings"),
    "POST /api/v1/greetings": greeting_change("POST", {"occasion": "birthday", "name": "生日2",
                                                       "subject": "s", "body_text": "t"}, 201),
    "GET /api/v1/greetings/{id}": lambda w, route: every_role(
        "GET", f"/api/v1/greetings/{greeting_world(w)}")(w, route),
    "PATCH /api/v1/greetings/{id}": greeting_change("PATCH", {"name": "改"}, 200),
    "DELETE /api/v1/greetings/{id}": greeting_change("DELETE", None, 204),
    "GET /api/v1/greetings/upcoming": check_greetings_upcoming,
    "POST /api/v1/greetings/upcoming/skip": check_greeting_skip,
    "GET /api/v1/contacts/{id}/consent": check_consent("GET", None),
    "PUT /api/v1/contacts/{id}/consent": check_consent("PUT", {"state": "subscribed"}),
    "GET /u/{token}": check_mail_links,
    "POST /u/{token}": check_mail_links,
    "GET /o/{token}.png": check_mail_links,
    "GET /c/{token}": check_mail_links,
}
PUBLIC = {"GET /healthz", "GET /api/v1/openapi.json", "POST /api/v1/setup",
          "POST /api/v1/login", "GET /u/{token}", "POST /u/{token}", "GET /o/{token}.png",
          "GET /c/{token}"}


def served_routes():
    out = subprocess.run([KEHU, "serve", "--routes"], capture_output=True, text=True,
                         timeout=30, check=True).stdout
    return [line.strip() for line in out.splitlines() if line.strip()]


def test_every_route_has_a_policy():
    served = served_routes()
    assert len(served) == len(set(served))
    missing = sorted(set(served) - set(ROUTES))
    stale = sorted(set(ROUTES) - set(served))
    assert not missing, f"routes without a policy entry in ROUTES: {missing}"
    assert not stale, f"policy entries for routes that are not served: {stale}"


def test_the_openapi_document_lists_the_same_routes(w):
    doc = w["c"]["admin"].ok("GET", "/api/v1/openapi.json")
    listed = {f"{m.upper()} {p}" for p, ops in doc["paths"].items() for m in ops
              if m in ("get", "post", "patch", "delete", "put")}
    assert listed <= set(ROUTES) | {"GET /healthz"}, sorted(listed - set(ROUTES))


def test_private_routes_need_credentials(w):
    for route in served_routes():
        if route in PUBLIC:
            continue
        method, path = route.split(" ", 1)
        r = requests.request(method, w["server"].url + path.replace("{id}", "1"), timeout=30)
        assert r.status_code == 401, (route, r.status_code)


@pytest.mark.parametrize("route", served_routes())
def test_route_against_the_policy(w, route):
    check = ROUTES.get(route)
    assert check, f"{route} has no policy entry"
    check(w, route)
