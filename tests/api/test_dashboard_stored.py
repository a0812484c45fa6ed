"""The dashboard served from stored results answers exactly as a computation from scratch.

Two servers share one demo database: one serves the reports from the results it stores
(report_results), the other, started with KEHU_REPORTS_FRESH=1, computes every answer from
scratch by the same code as before results were stored. For an admin, the manager and a
rep (whose scope also gets a shared customer), every analytics report and the next visits
must be the same JSON from both, before and after the writes that change what a report
shows: an order added, a customer transferred, shared, updated and deleted, an opportunity
added, a setting changed. A write only outdates the stored results; until the server's
refresher has computed one again, a request gets the last answer flagged "refreshing".
"""
import sqlite3
import time

import pytest

from conftest import Server

TODAY = "2026-12-01"
PATHS = [
    "analytics/abc", "analytics/abc?basis=sales", "analytics/abc?basis=net_profit",
    "analytics/grid", "analytics/quadrants", "analytics/quadrants?matrix=all",
    "analytics/lifecycle", "analytics/loyalty", "analytics/clv", "analytics/clv?top=5",
    "analytics/whale", "analytics/cohorts", "analytics/cohorts?period=quarter",
    "analytics/forecast", "analytics/followups", "next-visits", "next-visits?limit=3",
]
LOGINS = ["admin", "manager", "wangwei"]


@pytest.fixture
def pair(tmp_path, monkeypatch):
    monkeypatch.setenv("KEHU_TODAY", TODAY)
    stored = Server(tmp_path, "dash")
    stored.cli("demo", "--customers", "400", "--seed", "5")
    fresh = Server(tmp_path, "dash")
    fresh.logpath = str(tmp_path / "fresh.log")
    stored.start()
    monkeypatch.setenv("KEHU_REPORTS_FRESH", "1")
    fresh.start()
    monkeypatch.delenv("KEHU_REPORTS_FRESH")
    clients = {login: (stored.client(login), fresh.client(login)) for login in LOGINS}
    yield stored, clients
    stored.stop()
    fresh.stop()


def stored_rows(server):
    with sqlite3.connect(server.db) as db:
        return db.execute("SELECT count(*) FROM report_results").fetchone()[0]


FLAGGED = [0]  # outdated answers served while the refresher caught up


def current(cl, path, timeout=120):
    """The stored server's answer once the refresher has brought it up to date: requests
    never compute an outdated result themselves, so this waits on the refresher alone."""
    deadline = time.time() + timeout
    while True:
        body = cl.ok("GET", "/api/v1/" + path)
        if "refreshing" not in body:
            return body
        assert body["refreshing"] is True, path
        assert time.time() < deadline, f"{path} still refreshing after {timeout} s"
        time.sleep(0.2)


def compare_all(clients, before=None):
    """Every report equal from both servers; returns the answers. With the answers of the
    previous round, an outdated answer must be that round's, flagged."""
    answers = {}
    for login, (a, b) in clients.items():
        for path in PATHS:
            first = a.ok("GET", "/api/v1/" + path)
            FLAGGED[0] += bool(first.get("refreshing"))
            if first.get("refreshing") and before:
                last = {k: v for k, v in first.items() if k != "refreshing"}
                assert last == before[(login, path)], (login, path)
            got = current(a, path)
            again = a.ok("GET", "/api/v1/" + path)
            reference = b.ok("GET", "/api/v1/" + path)
            assert got == reference, (login, path)
            assert again == reference, (login, path)
            answers[(login, path)] = reference
    return answers


def user_id(server, login):
    with sqlite3.connect(server.db) as db:
        return db.execute("SELECT id FROM users WHERE login = ?", (login,)).fetchone()[0]


def customer_of(server, login, skip=0):
    with sqlite3.connect(server.db) as db:
        return db.execute("SELECT c.id FROM customers c JOIN users u ON u.id = c.owner_id"
                          " JOIN customer_metrics m ON m.customer_id = c.id"
                          " WHERE u.login = ? AND c.deleted_at IS NULL AND m.orders > 2"
                          " ORDER BY m.profit_12m_fen DESC LIMIT 1 OFFSET ?",
                          (login, skip)).fetchone()[0]


def test_stored_answers_equal_fresh_ones_before_and_after_writes(pair):
    server, clients = pair
    admin = clients["admin"][0]
    seen = compare_all(clients)
    assert stored_rows(server) == len(PATHS) * len(LOGINS)
    rep, other = user_id(server, "wangwei"), user_id(server, "lina")

    # An order: the rep's biggest customer buys again.
    cid = customer_of(server, "wangwei")
    admin.ok("POST", "/api/v1/orders", {"customer": cid, "date": "2026-11-20",
                                       "amount": "123456.78", "cost": "1000"})
    seen = compare_all(clients, seen)

    # A transfer: another rep's customer moves to the rep, and one of the rep's away.
    admin.ok("POST", f"/api/v1/customers/{customer_of(server, 'lina')}/transfer",
             {"to": rep}, status=200)
    seen = compare_all(clients, seen)
    admin.ok("POST", f"/api/v1/customers/{customer_of(server, 'wangwei', 1)}/transfer",
             {"to": other}, status=200)
    seen = compare_all(clients, seen)

    # A share puts another rep's customer into the rep's scope.
    admin.ok("POST", f"/api/v1/customers/{customer_of(server, 'lina', 1)}/share",
             {"user": rep, "access": "read"}, status=200)
    seen = compare_all(clients, seen)

    # A rename (the scatter points and the CLV top name customers), a deletion.
    admin.ok("PATCH", f"/api/v1/customers/{cid}", {"name": "改名后的客户"})
    seen = compare_all(clients, seen)
    admin.ok("DELETE", f"/api/v1/customers/{customer_of(server, 'wangwei', 2)}")
    seen = compare_all(clients, seen)

    # An opportunity (follow-ups, next visits) and a setting (every result).
    admin.ok("POST", "/api/v1/opportunities", {"customer": cid, "name": "扩容",
                                              "amount": "5000", "stage": "lost",
                                              "lost_reason": "预算取消"})
    seen = compare_all(clients, seen)
    admin.ok("PATCH", "/api/v1/settings", {"abc.a_share": "0.6"}, status=200)
    FLAGGED[0] = 0
    seen = compare_all(clients, seen)
    # the first reads after a write got the last answers, flagged, at once
    assert FLAGGED[0] > 0


def stale_keys(server):
    with sqlite3.connect(server.db) as db:
        return {k: bool(stale) for k, stale in
                db.execute("SELECT scope_key, max(stale) FROM report_results GROUP BY scope_key")}


def test_a_write_outdates_only_the_results_of_scopes_holding_the_customer(pair):
    server, clients = pair
    compare_all(clients)
    before = stored_rows(server)
    rep = user_id(server, "wangwei")
    # With the server (and its refresher) stopped, a customer of another rep buys: the
    # rep's own results stay current, the admin's and the manager's are outdated.
    server.stop()
    server.cli("order", "add", "--customer", customer_of(server, "lina"),
               "--date", "2026-11-21", "--amount", "10", "--cost", "1")
    keys = stale_keys(server)
    assert keys.pop(f"owners=[{rep}];shared={rep}") is False
    assert keys and all(keys.values()), keys
    assert stored_rows(server) == before
    # Started again, the server's refresher brings them up to date by itself.
    server.start()
    for a, _ in clients.values():
        a.url = server.url
    deadline = time.time() + 120
    while any(stale_keys(server).values()):
        assert time.time() < deadline, stale_keys(server)
        time.sleep(0.2)
    compare_all(clients)
