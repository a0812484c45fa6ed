"""Reminders (issue 14 part 2): `kehu remind --run` turns each user's to-do items into
notifications (one per kind, item and due day; a second run adds nothing), a user sees and
marks only their own (another's id is 404, as a missing one), the unread count comes down
the event stream, and the reminder settings are validated (a bad field is 400 naming it,
nothing changes). The e-mail digest against a real SMTP server: tests/e2e/test_remind.py.

KEHU_TODAY fixes the day; the server's own reminder runs are off (KEHU_REMIND=0) so that
each run here is the one the test makes."""
import datetime
import json
import sqlite3

import pytest

from conftest import Server, assert_error
from test_events import Stream

TODAY = "2027-03-10"


def day(offset):
    return (datetime.date.fromisoformat(TODAY) + datetime.timedelta(days=offset)).isoformat()


def follow_up(cl, customer, next_date):
    cl.ok("POST", "/api/v1/activities", {"customer": customer, "kind": "call",
                                         "date": day(-5), "status": "done", "subject": "电话",
                                         "next_date": next_date})


@pytest.fixture
def co(tmp_path, monkeypatch):
    monkeypatch.setenv("KEHU_TODAY", TODAY)
    monkeypatch.setenv("KEHU_REMIND", "0")
    s = Server(tmp_path)
    ids = s.add_company()
    ids["rep"] = s.add_user("rep", "sales", team="华东", name="王伟")
    ids["rep2"] = s.add_user("rep2", "sales", team="华西")
    s.start()
    s.ids = ids
    s.c = {login: s.client(login) for login in ids}
    rep, rep2 = s.c["rep"], s.c["rep2"]
    new = lambda cl, name: cl.ok("POST", "/api/v1/customers", {"name": name})["id"]
    s.a, s.b, s.later = new(rep, "甲公司"), new(rep, "乙公司"), new(rep, "丙公司")
    follow_up(rep, s.a, day(-2))   # overdue
    follow_up(rep, s.b, day(0))    # today
    follow_up(rep, s.later, day(4))  # not due: no notification
    s.task = rep.ok("POST", "/api/v1/tasks", {"title": "寄样品", "user": ids["rep"],
                                              "due_date": day(0)})["id"]
    s.w = new(rep2, "西部公司")
    follow_up(rep2, s.w, day(-1))
    yield s
    s.stop()


def run(s, *extra):
    return json.loads(s.cli("remind", "--run", "--json", *extra).stdout)


def mine(cl, query=""):
    """Every notification of the caller, paging through the cursors."""
    items, cursor = [], None
    while True:
        q = f"?limit=2{query}" + (f"&cursor={cursor}" if cursor else "")
        page = cl.ok("GET", "/api/v1/notifications" + q)
        items += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return items, page["unread"]


def followups(cl):
    return {i["id"] for i in cl.ok("GET", "/api/v1/todos?kind=followups_due&limit=200")["items"]}


def test_the_due_items_become_notifications_once(co):
    rep = co.c["rep"]
    out = run(co)
    assert out["day"] == TODAY
    log = {e["user"]: e for e in out["log"]}
    want = {f"customer:{co.a}", f"customer:{co.b}", f"task:{co.task}"}
    assert followups(rep) == want  # the to-do centre lists exactly these
    items, unread = mine(rep)
    got = {(n["kind"], n["item"]) for n in items if n["kind"] == "followups_due"}
    assert got == {("followups_due", i) for i in want}
    assert log["rep"]["added"] == len(items) and unread == len(items)
    # newest first, with what the list shows
    assert [n["id"] for n in items] == sorted((n["id"] for n in items), reverse=True)
    a = next(n for n in items if n["item"] == f"customer:{co.a}")
    assert (a["title"], a["due"], a["read"], a["read_at"]) == ("甲公司", day(-2), False, None)
    assert a["customer_id"] == co.a and a["type"] == "customer" and a["ref_id"] == co.a
    # rep2 has their own, none of rep's
    items2, _ = mine(co.c["rep2"])
    assert f"customer:{co.w}" in {n["item"] for n in items2}
    assert not {n["item"] for n in items2} & want

    again = run(co)
    assert again["added"] == 0 and all(e["added"] == 0 for e in again["log"])
    assert mine(rep) == (items, unread)

    # a new due item: only it is added
    d = rep.ok("POST", "/api/v1/customers", {"name": "丁公司"})["id"]
    follow_up(rep, d, day(0))
    third = run(co)
    assert {e["user"]: e["added"] for e in third["log"]}["rep"] == 1
    assert mine(rep)[0][0]["item"] == f"customer:{d}"


def test_a_new_due_day_is_a_new_notification(co, monkeypatch):
    rep = co.c["rep"]
    run(co)
    before = len(mine(rep)[0])
    follow_up(rep, co.a, day(0))  # A's follow-up moves to today: a new due day
    run(co)
    items, _ = mine(rep)
    assert len(items) == before + 1
    assert {n["due"] for n in items if n["item"] == f"customer:{co.a}"} == {day(-2), day(0)}


def test_own_only_read_and_read_all(co):
    rep, rep2 = co.c["rep"], co.c["rep2"]
    run(co)
    items, unread = mine(rep)
    assert unread >= 3
    first = items[0]
    # another's notification is not found, exactly as one that does not exist
    for cl, nid in ((rep2, first["id"]), (rep2, 999999)):
        assert_error(cl.post(f"/api/v1/notifications/{nid}/read", {}), 404, "not_found", "id")
    assert mine(rep)[1] == unread
    r = rep.ok("POST", f"/api/v1/notifications/{first['id']}/read", {}, status=200)
    assert r == {"id": first["id"], "read": True, "unread": unread - 1}
    after, n = mine(rep)
    assert n == unread - 1
    read_at = next(x for x in after if x["id"] == first["id"])["read_at"]
    assert read_at
    unread_items, _ = mine(rep, "&unread=1")
    assert first["id"] not in {x["id"] for x in unread_items}
    assert len(unread_items) == unread - 1
    # marking it again keeps its time
    rep.ok("POST", f"/api/v1/notifications/{first['id']}/read", {}, status=200)
    assert next(x for x in mine(rep)[0] if x["id"] == first["id"])["read_at"] == read_at
    # read-all is the caller's only
    unread2 = mine(rep2)[1]
    assert rep.ok("POST", "/api/v1/notifications/read-all", {}, status=200) == {
        "marked": unread - 1, "unread": 0}
    assert mine(rep, "&unread=1") == ([], 0)
    assert mine(rep2)[1] == unread2 > 0


def test_list_input(co):
    rep = co.c["rep"]
    for q, field in (("unread=2", "unread"), ("limit=0", "limit"), ("limit=201", "limit"),
                     ("cursor=abc", "cursor"), ("page=2", "page")):
        assert_error(rep.get("/api/v1/notifications?" + q), 400, "invalid", field)
    assert_error(rep.post("/api/v1/notifications/read-all", {"x": 1}), 400, "invalid", "x")
    assert rep.ok("GET", "/api/v1/notifications") == {"items": [], "unread": 0,
                                                       "next_cursor": None}


DEFAULTS = {"in_app": True, "email": False, "digest_hour": 8, "lang": "zh",
            "mail_configured": False}


def test_reminder_settings(co):
    rep = co.c["rep"]
    got = rep.ok("GET", "/api/v1/me/reminders")
    assert {k: got[k] for k in DEFAULTS} == DEFAULTS
    assert len(got["kinds"]) == 10 and "followups_due" in got["kinds"]
    assert got.get("address") is None
    for body, field in (({"digest_hour": 24}, "digest_hour"), ({"digest_hour": -1}, "digest_hour"),
                        ({"digest_hour": "8"}, "digest_hour"), ({"in_app": "yes"}, "in_app"),
                        ({"email": 1}, "email"), ({"lang": "fr"}, "lang"),
                        ({"kinds": ["nope"]}, "kinds"), ({"kinds": "followups_due"}, "kinds"),
                        ({"kinds": ["leads_new", "leads_new"]}, "kinds"),
                        ({"bogus": 1}, "bogus"),
                        # the e-mail needs an address on the account
                        ({"email": True}, "email"),
                        # all or nothing: a good member beside a bad one changes nothing
                        ({"digest_hour": 9, "lang": "xx"}, "lang")):
        assert_error(rep.req("PUT", "/api/v1/me/reminders", json=body), 400, "invalid", field)
        assert rep.ok("GET", "/api/v1/me/reminders") == got, body
    put = rep.ok("PUT", "/api/v1/me/reminders", {"digest_hour": 18, "lang": "en",
                                                 "kinds": ["dates_upcoming", "followups_due"]})
    assert put["digest_hour"] == 18 and put["lang"] == "en"
    assert put["kinds"] == ["followups_due", "dates_upcoming"]  # in the kinds' order
    assert rep.ok("GET", "/api/v1/me/reminders") == put
    # another user's settings are their own
    assert rep.ok("GET", "/api/v1/me/reminders")["digest_hour"] == 18
    assert co.c["rep2"].ok("GET", "/api/v1/me/reminders")["digest_hour"] == 8


def test_settings_choose_what_is_notified(co):
    rep = co.c["rep"]
    rep.ok("PUT", "/api/v1/me/reminders", {"kinds": ["leads_new"]})
    run(co)
    assert mine(rep) == ([], 0)
    rep.ok("PUT", "/api/v1/me/reminders", {"kinds": ["followups_due"], "in_app": False})
    run(co)
    assert mine(rep) == ([], 0)
    rep.ok("PUT", "/api/v1/me/reminders", {"in_app": True})
    run(co)
    assert {n["kind"] for n in mine(rep)[0]} == {"followups_due"}


def test_the_unread_count_is_pushed(co):
    rep = co.c["rep"]
    run(co)
    items, unread = mine(rep)
    st = Stream(co.url, token=co.token("rep"))
    assert st.status == 200
    assert st.event("notifications") == {"unread": unread}
    rep.ok("POST", f"/api/v1/notifications/{items[0]['id']}/read", {}, status=200)
    assert st.event("notifications") == {"unread": unread - 1}
    rep.ok("POST", "/api/v1/notifications/read-all", {}, status=200)
    assert st.event("notifications") == {"unread": 0}


def test_the_server_runs_the_job_and_pushes(tmp_path, monkeypatch):
    """With the server's own runs on, a new due item becomes a notification and its
    count reaches an open stream without any request asking for it."""
    monkeypatch.setenv("KEHU_TODAY", TODAY)
    monkeypatch.setenv("KEHU_REMIND_SECONDS", "1")
    s = Server(tmp_path)
    s.add_company()
    s.add_user("rep", "sales", team="华东")
    s.start()
    try:
        rep = s.client("rep")
        st = Stream(s.url, token=s.token("rep"))
        assert st.event("notifications") == {"unread": 0}
        cid = rep.ok("POST", "/api/v1/customers", {"name": "甲公司"})["id"]
        follow_up(rep, cid, day(0))
        assert st.event("notifications") == {"unread": 1}
        assert rep.ok("GET", "/api/v1/notifications")["items"][0]["item"] == f"customer:{cid}"
    finally:
        s.stop()


def test_the_smtp_password_is_never_shown(server, admin):
    r = admin.ok("PATCH", "/api/v1/settings", {"mail.password": "s3cret-pw",
                                               "mail.smtp_url": "smtp://127.0.0.1:1"})
    assert r["mail.password"]["value"] == "" and r["mail.password"]["set"] is True
    assert r["mail.smtp_url"]["value"] == "smtp://127.0.0.1:1"
    assert "s3cret-pw" not in admin.get("/api/v1/settings").text
    assert "s3cret-pw" not in server.cli("settings", "--json").stdout
    db = sqlite3.connect(server.db)
    try:
        audit = " ".join(str(r) for r in db.execute("SELECT * FROM audit_log"))
        stored = db.execute("SELECT value FROM settings WHERE key = 'mail.password'").fetchone()
    finally:
        db.close()
    assert "s3cret-pw" not in audit and "mail.password" in audit
    assert stored == ("s3cret-pw",)  # kept for sending
    assert "s3cret-pw" not in server.log
