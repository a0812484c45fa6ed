"""Accounts: the last active admin stays, and API tokens (list, revoke, last use, and
revocation on deactivation)."""
import re
import sqlite3
import time

from conftest import Client, assert_error


def role_of(server, uid):
    con = sqlite3.connect(server.db)
    row = con.execute("SELECT role, active FROM users WHERE id=?", (uid,)).fetchone()
    con.close()
    return row


def test_last_admin_cannot_demote_or_deactivate_themselves(server, admin):
    me = admin.ok("GET", "/api/v1/me")
    assert_error(admin.patch(f"/api/v1/users/{me['id']}", {"role": "manager"}), 409,
                 "conflict", "role")
    assert_error(admin.patch(f"/api/v1/users/{me['id']}", {"active": False}), 409,
                 "conflict", "active")
    assert role_of(server, me["id"]) == ("admin", 1)
    # an inactive second admin does not count
    other = server.add_user("admin2", "admin")
    admin.ok("PATCH", f"/api/v1/users/{other}", {"active": False})
    assert_error(admin.patch(f"/api/v1/users/{me['id']}", {"role": "sales"}), 409,
                 field="role")
    # ... nor may the last active admin deactivate the only other one after demotion
    admin.ok("PATCH", f"/api/v1/users/{other}", {"active": True})
    admin.ok("PATCH", f"/api/v1/users/{me['id']}", {"role": "manager"})
    second = server.client("admin2")
    assert_error(second.patch(f"/api/v1/users/{other}", {"active": False}), 409,
                 field="active")
    assert_error(second.patch(f"/api/v1/users/{other}", {"role": "manager",
                                                         "display_name": "x"}), 409)
    assert role_of(server, other) == ("admin", 1)
    # harmless changes to the last admin still work
    second.ok("PATCH", f"/api/v1/users/{other}", {"display_name": "管理员", "role": "admin"})


def test_deactivation_revokes_tokens_for_good(server, admin):
    uid = server.add_user("rep", "sales")
    rep = server.client("rep")
    assert rep.ok("GET", "/api/v1/me")["login"] == "rep"
    admin.ok("PATCH", f"/api/v1/users/{uid}", {"active": False})
    assert_error(rep.get("/api/v1/me"), 401)
    admin.ok("PATCH", f"/api/v1/users/{uid}", {"active": True})
    # back in, but the old token stays dead: a new one must be made
    assert_error(rep.get("/api/v1/me"), 401)
    listed = admin.ok("GET", f"/api/v1/tokens?user={uid}")["items"]
    assert len(listed) == 1 and listed[0]["revoked_at"]
    assert server.client("rep").ok("GET", "/api/v1/me")["login"] == "rep"


def token_secrets_absent(server, body):
    con = sqlite3.connect(server.db)
    hashes = [r[0] for r in con.execute("SELECT token_hash FROM api_tokens")]
    con.close()
    text = str(body)
    assert "kh_" not in text and "token_hash" not in text
    assert not any(h in text for h in hashes)


def test_list_and_revoke_one_token(server, admin):
    rep_id = server.add_user("rep", "sales")
    server.add_user("rep2", "sales")
    first = server.token("rep")
    rep = Client(server.url, token=first)
    second = rep.ok("POST", "/api/v1/tokens", {"name": "呼叫中心"})["token"]
    other = server.client("rep2")

    mine = rep.ok("GET", "/api/v1/tokens")
    assert mine["total"] == 2 and [t["user"] for t in mine["items"]] == [rep_id, rep_id]
    newest = mine["items"][0]
    assert newest["name"] == "呼叫中心" and newest["login"] == "rep"
    assert set(newest) == {"id", "user", "login", "name", "created_at", "last_used_at",
                           "revoked_at"}
    assert newest["revoked_at"] is None
    token_secrets_absent(server, mine)
    # others' tokens: admins only
    assert_error(rep.get("/api/v1/tokens?user=1"), 403, "forbidden", "user")
    assert_error(rep.get("/api/v1/tokens?owner=1"), 400, field="owner")
    everyone = admin.ok("GET", "/api/v1/tokens")
    assert {t["login"] for t in everyone["items"]} == {"admin", "rep", "rep2"}
    token_secrets_absent(server, everyone)
    assert admin.ok("GET", "/api/v1/tokens?per_page=1&page=2")["items"][0]["id"] == \
        everyone["items"][1]["id"]

    # one token revoked alone; the other keeps working
    rep2_token = other.ok("GET", "/api/v1/tokens")["items"][0]["id"]
    assert_error(rep.delete(f"/api/v1/tokens/{rep2_token}"), 404, "not_found", "id")
    assert other.ok("GET", "/api/v1/me")["login"] == "rep2"
    rep.ok("DELETE", f"/api/v1/tokens/{newest['id']}")
    assert_error(Client(server.url, token=second).get("/api/v1/me"), 401)
    assert rep.ok("GET", "/api/v1/me")["login"] == "rep"
    assert_error(rep.delete(f"/api/v1/tokens/{newest['id']}"), 404)
    # an admin revokes anyone's
    admin.ok("DELETE", f"/api/v1/tokens/{rep2_token}")
    assert_error(other.get("/api/v1/me"), 401)
    # a revocation is in the audit log
    con = sqlite3.connect(server.db)
    n = con.execute("SELECT count(*) FROM audit_log WHERE entity='api_token' AND"
                    " action='revoke'").fetchone()[0]
    con.close()
    assert n == 2


def test_cli_revokes_a_token(server, admin):
    server.add_user("rep", "sales")
    rep = server.client("rep")
    tid = rep.ok("GET", "/api/v1/tokens")["items"][0]["id"]
    server.cli("token", "revoke", tid)
    assert_error(rep.get("/api/v1/me"), 401)


def last_used(server, tid):
    con = sqlite3.connect(server.db)
    v = con.execute("SELECT last_used_at FROM api_tokens WHERE id=?", (tid,)).fetchone()[0]
    con.close()
    return v


def set_last_used(server, tid, seconds_ago):
    at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - seconds_ago))
    con = sqlite3.connect(server.db)
    con.execute("UPDATE api_tokens SET last_used_at=? WHERE id=?", (at, tid))
    con.commit()
    con.close()
    return at


def test_last_use_is_recorded_at_most_once_a_minute(server, admin):
    server.add_user("rep", "sales")
    rep = server.client("rep")
    tid = rep.ok("GET", "/api/v1/tokens")["items"][0]["id"]
    first = last_used(server, tid)
    assert first and first.endswith("Z")
    assert rep.ok("GET", "/api/v1/tokens")["items"][0]["last_used_at"] == first
    # used 30 s ago: not written again
    recent = set_last_used(server, tid, 30)
    rep.ok("GET", "/api/v1/me")
    assert last_used(server, tid) == recent
    # used 2 minutes ago: written again
    old = set_last_used(server, tid, 120)
    rep.ok("GET", "/api/v1/me")
    assert last_used(server, tid) > old


def told(r):
    """Status, error code and field, and the message with any id blanked out."""
    e = r.json()["error"]
    return r.status_code, e["code"], e.get("field"), re.sub(r"\d+", "#", e["message"])


def test_a_deleted_colleague_answers_as_a_missing_id(server, admin):
    """Deleted users stay in the tables (soft delete): to a manager whose team they were
    in, they answer on every user route exactly as an id that was never used."""
    server.add_user("mgr", "manager", team="总部")
    gone = server.add_user("gone", "sales", team="总部")
    mgr = server.client("mgr")
    assert mgr.get(f"/api/v1/users/{gone}").status_code == 200
    admin.ok("DELETE", f"/api/v1/users/{gone}")
    for method, body in [("GET", None), ("PATCH", {"role": "admin"}),
                         ("PATCH", {"login": "bad login!"}), ("DELETE", None)]:
        deleted = mgr.req(method, f"/api/v1/users/{gone}", json=body)
        missing = mgr.req(method, "/api/v1/users/999999", json=body)
        assert missing.status_code == 404
        assert told(deleted) == told(missing), (method, body, deleted.text)
