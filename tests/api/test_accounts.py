"""Accounts: the last active admin stays, and API tokens (list, revoke, last use, and
revocation on deactivation)."""
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
