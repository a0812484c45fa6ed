"""List totals and keyset cursors (docs/api.md "Totals and cursors").

Totals come from list_counts, which triggers keep in step with every write
(store/counts.h). A random sequence of writes through the API (and a restore
written with sqlite3 beside the server) is checked after every step: each
list's total, for an admin, a manager and a rep, with and without filters,
equals a plain count(*) that this test works out itself from the tables.
"""
import random
import sqlite3

import pytest

from conftest import Server, assert_error

SEGMENTS = ["finance", "retail", "energy"]
GRADES = ["A", "B", "C"]
STATUSES = ["confirmed", "delivered", "cancelled"]


@pytest.fixture
def co(tmp_path):
    s = Server(tmp_path)
    ids = s.add_company()
    ids["mgr_e"] = s.add_user("mgr_e", "manager", team="华东")
    for login, team in [("rep_e1", "华东"), ("rep_e2", "华东"), ("rep_w1", "华西")]:
        ids[login] = s.add_user(login, "sales", team=team)
    s.start()
    c = {login: s.client(login) for login in ["admin", "mgr_e", "rep_e1", "rep_e2", "rep_w1"]}
    yield s, c, ids
    s.stop()


def owners_of(db, login, ids):
    """The owners whose customers login sees (docs/api.md "Roles and data scopes"):
    a rep their own, the manager of 华东 the users of 华东, the admin everyone."""
    if login == "admin":
        return None
    if login == "mgr_e":
        team = db.execute("SELECT team_id FROM users WHERE id = ?", (ids[login],)).fetchone()[0]
        return {r[0] for r in db.execute("SELECT id FROM users WHERE team_id = ?", (team,))}
    return {ids[login]}


def visible_customers(db, login, ids):
    owners = owners_of(db, login, ids)
    rows = db.execute("SELECT id, owner_id, in_pool FROM customers WHERE deleted_at IS NULL")
    shared = {r[0] for r in db.execute("SELECT customer_id FROM customer_team WHERE user_id = ?",
                                       (ids[login],))}
    return {cid for cid, owner, pool in rows
            if owners is None or owner in owners or pool == 1 or cid in shared}


def expected_total(db, login, ids, table, where, args):
    """count(*) of the live rows of table matching where that login sees."""
    owners = owners_of(db, login, ids)
    sql = f"SELECT t.id, {'t.id' if table == 'customers' else 't.customer_id'}"
    sql += ", t.user_id" if table == "tasks" else ", NULL"
    sql += f" FROM {table} t WHERE t.deleted_at IS NULL" + (f" AND {where}" if where else "")
    rows = db.execute(sql, args).fetchall()
    if owners is None:
        return len(rows)
    seen = visible_customers(db, login, ids)
    return sum(1 for _, cid, user in rows
               if (cid in seen) or (cid is None and table == "tasks" and user in owners))


def checks(ids):
    """(API query, table, SQL condition, its arguments)."""
    rep = ids["rep_e1"]
    out = [("customers", "customers", "", ()),
           ("customers?owner=none", "customers", "t.owner_id IS NULL", ()),
           (f"customers?owner={rep}", "customers", "t.owner_id = ?", (rep,)),
           (f"customers?owner={rep}&grade=A", "customers", "t.owner_id = ? AND t.grade = 'A'",
            (rep,)),
           ("customers?segment=retail&grade=B", "customers",
            "t.segment = 'retail' AND t.grade = 'B'", ()),
           ("orders", "orders", "", ()),
           ("orders?status=cancelled", "orders", "t.status = 'cancelled'", ()),
           ("tasks", "tasks", "", ()),
           ("tasks?done=true", "tasks", "t.done = 1", ()),
           (f"tasks?user={rep}&done=false", "tasks", "t.user_id = ? AND t.done = 0", (rep,)),
           ("activities?kind=visit&status=done", "activities",
            "t.kind = 'visit' AND t.status = 'done'", ()),
           # a rep's visits page (web/src/views/Visits.vue): counted by user, kind, status
           (f"activities?kind=visit&status=done&user={rep}&sort=-date", "activities",
            "t.kind = 'visit' AND t.status = 'done' AND t.user_id = ?", (rep,)),
           (f"activities?kind=visit&status=planned&user={rep}&sort=date", "activities",
            "t.kind = 'visit' AND t.status = 'planned' AND t.user_id = ?", (rep,)),
           # the pool page (web/src/views/Pool.vue): counted by the pool flag
           ("customers?in_pool=true&sort=-updated_at", "customers", "t.in_pool = 1", ()),
           ("customers?in_pool=false&grade=A", "customers", "t.in_pool = 0 AND t.grade = 'A'",
            ()),
           ("contacts", "contacts", "", ())]
    out += [(f"customers?grade={g}", "customers", "t.grade = ?", (g,)) for g in GRADES]
    out += [(f"customers?segment={s}", "customers", "t.segment = ?", (s,)) for s in SEGMENTS]
    return out


# The first pages the slow-list fixes serve (issue 11): (API query, table, SQL
# condition with its arguments, SQL order), checked item by item.
def pages(ids):
    rep = ids["rep_e1"]
    return [(f"activities?kind=visit&status=done&user={rep}&sort=-date", "activities",
             "t.kind = 'visit' AND t.status = 'done' AND t.user_id = ?", (rep,),
             "t.activity_date DESC, t.id DESC"),
            ("customers?in_pool=true&sort=-updated_at", "customers", "t.in_pool = 1", (),
             "t.updated_at DESC, t.id DESC")]


def expected_page(db, login, ids, table, where, args, order, n):
    """The first n ids of the live rows of table matching where that login sees."""
    seen = None if owners_of(db, login, ids) is None else visible_customers(db, login, ids)
    col = "t.id" if table == "customers" else "t.customer_id"
    rows = db.execute(f"SELECT t.id, {col} FROM {table} t WHERE t.deleted_at IS NULL"
                      f" AND {where} ORDER BY {order}", args).fetchall()
    return [i for i, cid in rows if seen is None or cid in seen][:n]


def fen(money):
    units, _, cents = money.partition(".")
    return int(units) * 100 + int((cents + "00")[:2])


def expected_board(db, login, ids, limit, owner=None):
    """{stage: (count, amount_fen, weighted_fen, first ids)} of the pipeline board login
    sees (docs/api.md "The sales pipeline"), worked out from the tables."""
    seen = None if owners_of(db, login, ids) is None else visible_customers(db, login, ids)
    rows = db.execute("SELECT id, customer_id, stage, amount_fen, probability, owner_id"
                      " FROM opportunities WHERE deleted_at IS NULL"
                      " ORDER BY amount_fen IS NULL, amount_fen DESC, id DESC").fetchall()
    out = {}
    for oid, cid, stage, amount, prob, own in rows:
        if (seen is not None and cid not in seen) or (owner and own != owner):
            continue
        n, a, w, first = out.get(stage, (0, 0, 0, []))
        out[stage] = (n + 1, a + (amount or 0),
                      w + (amount * prob if amount is not None and prob is not None else 0),
                      first + [oid] if len(first) < limit else first)
    return {k: (n, a, (w + 50) // 100, first) for k, (n, a, w, first) in out.items()}


def may(r):
    """An ownership move the rules may refuse (already the owner, not in the pool)."""
    assert r.status_code in (200, 409), r.text


class World:
    def __init__(self, server, clients, ids, seed):
        self.s, self.c, self.ids = server, clients, ids
        self.rng = random.Random(seed)
        self.db = sqlite3.connect(server.db, timeout=30)

    def live(self, table):
        """Live rows whose customer (if any) is live: those the API may change."""
        cond = "" if table == "customers" else (
            " AND (t.customer_id IS NULL OR EXISTS (SELECT 1 FROM customers c"
            " WHERE c.id = t.customer_id AND c.deleted_at IS NULL))")
        return [r[0] for r in self.db.execute(
            f"SELECT t.id FROM {table} t WHERE t.deleted_at IS NULL{cond}")]

    def pick(self, table):
        rows = self.live(table)
        return self.rng.choice(rows) if rows else None

    def step(self):
        rng, c, ids = self.rng, self.c, self.ids
        admin = c["admin"]
        reps = ["rep_e1", "rep_e2", "rep_w1"]
        op = rng.choice(["create", "create", "update", "delete", "restore", "transfer",
                         "release", "claim", "share", "order", "order_status", "order_delete",
                         "task", "task_done", "activity", "activity_edit", "activity_delete",
                         "opportunity", "opportunity_edit", "opportunity_delete", "contact"])
        cust = self.pick("customers")
        if op == "create" or cust is None:
            who = rng.choice(["admin"] + reps)
            c[who].ok("POST", "/api/v1/customers", {
                "name": f"客户{rng.randrange(10**6)}", "grade": rng.choice(GRADES),
                "segment": rng.choice(SEGMENTS)})
        elif op == "update":
            admin.ok("PATCH", f"/api/v1/customers/{cust}",
                     {rng.choice(["grade", "segment"]): None} if rng.random() < 0.2 else
                     {"grade": rng.choice(GRADES), "segment": rng.choice(SEGMENTS)})
        elif op == "delete":
            admin.ok("DELETE", f"/api/v1/customers/{cust}")
        elif op == "restore":
            # written beside kehu: the triggers count any writer
            gone = [r[0] for r in self.db.execute(
                "SELECT id FROM customers WHERE deleted_at IS NOT NULL")]
            if gone:
                with self.db:
                    self.db.execute("UPDATE customers SET deleted_at = NULL WHERE id = ?",
                                    (rng.choice(gone),))
        elif op == "transfer":
            may(admin.post(f"/api/v1/customers/{cust}/transfer",
                           {"to": ids[rng.choice(reps + ["mgr_e"])]}))
        elif op == "release":
            may(admin.post(f"/api/v1/customers/{cust}/release"))
        elif op == "claim":
            pool = [r[0] for r in self.db.execute(
                "SELECT id FROM customers WHERE deleted_at IS NULL AND in_pool = 1")]
            if pool:
                may(c[rng.choice(reps)].post(f"/api/v1/customers/{rng.choice(pool)}/claim"))
        elif op == "share":
            may(admin.post(f"/api/v1/customers/{cust}/share",
                           {"user": ids[rng.choice(reps)], "access": "read"}))
        elif op == "order":
            admin.ok("POST", "/api/v1/orders", {"customer": cust, "date": "2025-03-01",
                                                "amount": "10.00",
                                                "status": rng.choice(STATUSES)})
        elif op == "order_status" and self.live("orders"):
            admin.ok("PATCH", f"/api/v1/orders/{self.pick('orders')}",
                     {"status": rng.choice(STATUSES)})
        elif op == "order_delete" and self.live("orders"):
            admin.ok("DELETE", f"/api/v1/orders/{self.pick('orders')}")
        elif op == "task":
            body = {"title": "回访", "user": ids[rng.choice(reps)]}
            if rng.random() < 0.5:
                body["customer"] = cust
            admin.ok("POST", "/api/v1/tasks", body)
        elif op == "task_done" and self.live("tasks"):
            admin.ok("PATCH", f"/api/v1/tasks/{self.pick('tasks')}",
                     {"done": rng.random() < 0.5})
        elif op == "activity":
            admin.ok("POST", "/api/v1/activities", {
                "customer": cust, "kind": rng.choice(["visit", "call"]),
                "date": f"2025-03-0{rng.randrange(1, 10)}", "status": rng.choice(["done", "planned"]),
                "user": ids[rng.choice(["admin"] + reps)]})
        elif op == "activity_edit" and self.live("activities"):
            admin.ok("PATCH", f"/api/v1/activities/{self.pick('activities')}",
                     rng.choice([{"status": rng.choice(["done", "planned"])},
                                 {"kind": rng.choice(["visit", "call"])},
                                 {"user": ids[rng.choice(["admin"] + reps)]}]))
        elif op == "activity_delete" and self.live("activities"):
            admin.ok("DELETE", f"/api/v1/activities/{self.pick('activities')}")
        elif op == "opportunity":
            body = {"customer": cust, "name": "项目",
                    "stage": rng.choice(["lead", "proposal", "won"]),
                    "owner": ids[rng.choice(reps)]}
            if rng.random() < 0.8:
                body["amount"] = f"{rng.randrange(1, 5000)}.{rng.randrange(100):02d}"
            if rng.random() < 0.7:
                body["probability"] = rng.randrange(101)
            admin.ok("POST", "/api/v1/opportunities", body)
        elif op == "opportunity_edit" and self.live("opportunities"):
            admin.ok("PATCH", f"/api/v1/opportunities/{self.pick('opportunities')}",
                     rng.choice([{"stage": rng.choice(["lead", "proposal", "won"])},
                                 {"amount": rng.choice([None, f"{rng.randrange(1, 900)}.50"])},
                                 {"probability": rng.choice([None, rng.randrange(101)])},
                                 {"owner": ids[rng.choice(reps)]}]))
        elif op == "opportunity_delete" and self.live("opportunities"):
            admin.ok("DELETE", f"/api/v1/opportunities/{self.pick('opportunities')}")
        elif op == "contact":
            admin.ok("POST", "/api/v1/contacts", {"customer": cust, "name": "王经理"})
        return op

    def check(self, op):
        for login in ["admin", "mgr_e", "rep_e1"]:
            for query, table, where, args in checks(self.ids):
                got = self.c[login].ok("GET", f"/api/v1/{query}{'&' if '?' in query else '?'}"
                                       "per_page=1")["total"]
                want = expected_total(self.db, login, self.ids, table, where, args)
                assert got == want, (op, login, query, got, want)
            for query, table, where, args, order in pages(self.ids):
                got = [i["id"] for i in self.c[login].ok("GET", f"/api/v1/{query}&per_page=5")
                       ["items"]]
                want = expected_page(self.db, login, self.ids, table, where, args, order, 5)
                assert got == want, (op, login, query, got, want)
            for owner in [None, self.ids["rep_e1"]]:
                board = self.c[login].ok("GET", "/api/v1/pipeline?limit=3" +
                                         (f"&owner={owner}" if owner else ""))["stages"]
                got = {col["stage"]: (col["count"], fen(col["amount"]), fen(col["weighted"]),
                                      [i["id"] for i in col["items"]])
                       for col in board if col["count"]}
                want = expected_board(self.db, login, self.ids, 3, owner)
                assert got == want, (op, login, owner, got, want)


def test_totals_stay_exact_through_random_writes(co):
    server, clients, ids = co
    world = World(server, clients, ids, seed=11)
    ops = set()
    for _ in range(120):
        op = world.step()
        ops.add(op)
        world.check(op)
    # the sequence went through every kind of write
    assert {"create", "update", "delete", "restore", "transfer", "release", "claim",
            "share", "order", "task", "task_done", "order_status", "activity",
            "activity_edit", "activity_delete", "opportunity", "opportunity_edit",
            "opportunity_delete"} <= ops


def test_rebuilt_counts_equal_the_kept_ones(co):
    """kehu's rebuild (run after bulk loads, and whenever the triggers are missing)
    recomputes list_counts from the rows: the same numbers as the triggers kept."""
    server, clients, ids = co
    world = World(server, clients, ids, seed=5)
    for _ in range(80):
        world.step()
    kept = sorted(world.db.execute("SELECT tbl, dim, val, holder, pool, n FROM list_counts"
                                   " WHERE n <> 0"))
    pipeline = "SELECT * FROM pipeline_counts WHERE n <> 0 ORDER BY stage, owner, holder, pool"
    kept_pipeline = world.db.execute(pipeline).fetchall()
    with world.db:
        for (name,) in world.db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                                        " AND name LIKE 'list_counts_%'").fetchall():
            world.db.execute(f"DROP TRIGGER {name}")
        world.db.execute("DELETE FROM list_counts")
        world.db.execute("DELETE FROM pipeline_counts")
    server.cli("init")  # an open that finds the triggers missing rebuilds
    rebuilt = sorted(world.db.execute("SELECT tbl, dim, val, holder, pool, n FROM list_counts"
                                      " WHERE n <> 0"))
    assert rebuilt == kept and kept
    assert world.db.execute(pipeline).fetchall() == kept_pipeline and kept_pipeline


# --- keyset cursors ---

@pytest.fixture
def listed(co):
    server, c, ids = co
    rng = random.Random(3)
    admin = c["admin"]
    for i in range(45):
        who = "rep_e1" if i % 3 else "admin"
        # equal names on purpose (ties of the name sort): duplicates, forced by the admin
        name = f"客户{rng.randrange(6)}"
        cid = c[who].ok("POST", "/api/v1/customers", {
            "name": name if who == "admin" else f"临时{i}", "segment": rng.choice(SEGMENTS),
            **({"force": True} if who == "admin" else {})})["id"]
        if who != "admin":
            admin.ok("PATCH", f"/api/v1/customers/{cid}", {"name": name, "force": True})
        body = {"customer": cid, "name": "项目", "stage": rng.choice(["lead", "proposal"])}
        if rng.random() < 0.6:
            body["amount"] = str(rng.randrange(4) * 100)
        if rng.random() < 0.5:
            body["expected_close"] = f"2026-0{rng.randrange(1, 4)}-01"
        admin.ok("POST", "/api/v1/opportunities", body)
        for _ in range(rng.randrange(3)):
            admin.ok("POST", "/api/v1/orders", {"customer": cid, "amount": "1.00",
                                                "date": f"2025-0{rng.randrange(1, 4)}-01"})
    return co


def walk(cl, path, per_page=4):
    """Every item of a list, page after page by next_cursor."""
    sep = "&" if "?" in path else "?"
    out, cursor, pages = [], None, 0
    while True:
        page = cl.ok("GET", f"/api/v1/{path}{sep}per_page={per_page}" +
                     (f"&cursor={cursor}" if cursor else ""))
        out += [i["id"] for i in page["items"]]
        cursor = page["next_cursor"]
        pages += 1
        assert pages < 200
        if cursor is None:
            return out, page["total"]


@pytest.mark.parametrize("login", ["admin", "rep_e1"])
@pytest.mark.parametrize("path", [
    "customers", "customers?sort=name", "customers?sort=-name",
    "customers?segment=retail&sort=-name", "orders?sort=date", "orders?sort=-date",
    "opportunities?sort=expected_close", "opportunities?sort=-expected_close",
    "opportunities?stage=lead&sort=-amount", "opportunities?sort=amount",
    # one metrics value reads its index in id order; several are sorted
    "customers?lifecycle=dormant", "customers?lifecycle=opportunity&sort=-id",
    "customers?lifecycle=opportunity,dormant", "customers?lifecycle=dormant&sort=name"])
def test_walking_by_cursor_gives_every_row_once_in_order(listed, login, path):
    server, c, ids = listed
    if "lifecycle" in path:
        server.cli("analyze")  # the classes
    want = [i["id"] for i in c[login].ok("GET", f"/api/v1/{path}"
                                         f"{'&' if '?' in path else '?'}per_page=500")["items"]]
    got, total = walk(c[login], path)
    assert got == want and len(set(got)) == len(got) == total
    assert total > 4


def test_a_bad_cursor_is_refused_by_name(listed):
    server, c, ids = listed
    admin = c["admin"]
    cursor = admin.ok("GET", "/api/v1/customers?sort=name&per_page=2")["next_cursor"]
    assert cursor
    for path in [f"customers?sort=-name&cursor={cursor}", "customers?cursor=%%%",
                 "customers?cursor=WzEsMl0", f"customers?sort=name&page=2&cursor={cursor}"]:
        assert_error(admin.get(f"/api/v1/{path}"), 400, "invalid", "cursor")
    assert admin.ok("GET", f"/api/v1/customers?sort=name&cursor={cursor}")["items"]
