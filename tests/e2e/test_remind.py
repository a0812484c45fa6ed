"""The daily digest (issue 14 part 2): `kehu remind --run` e-mails each user who asked for
it their due to-dos, in their language, through a real SMTP server on loopback (aiosmtpd):
the Subject in RFC 2047 words that decode to the UTF-8 text, the body in base64 UTF-8;
once a day after it is sent; a failure (the server down) is recorded and tried again at
the next run; a login is sent as AUTH and the password never printed.

The day is 2026-06-30 (KEHU_TODAY, and --date): a past day, so every digest hour has come."""
import asyncio
import datetime
import email
import email.policy
import json
import os
import re
import sqlite3
import subprocess

import pytest
from aiosmtpd.smtp import AuthResult

from conftest import KEHU
from smtp_relay import free_port, serving

DAY = "2026-06-30"


class Inbox:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


@pytest.fixture
def smtp():
    with serving(Inbox()) as inbox:
        yield inbox


def sql(kehu, text, *args):
    con = sqlite3.connect(kehu.db)
    try:
        rows = con.execute(text, args).fetchall()
        con.commit()
        return rows
    finally:
        con.close()


@pytest.fixture
def co(kehu):
    """lily (中文) with two follow-ups due, tom (English) with one, ann without e-mail."""
    ids = {}
    for login, name, mail in (("lily", "莉莉", "lily@example.com"), ("tom", "Tom", "tom@example.com"),
                              ("ann", "Ann", None)):
        args = ["user", "add", login, "--role", "sales", "--name", name]
        if mail:
            args += ["--email", mail]
        ids[login] = int(kehu.run(*args, input="a long password 1\n").stdout)
    for owner, cname, nd in (("lily", "甲公司", "2026-06-28"), ("lily", "乙公司", DAY),
                             ("tom", "Acme Ltd", DAY), ("ann", "丙公司", DAY)):
        cid = kehu.add("customer", name=cname)
        sql(kehu, "UPDATE customers SET owner_id = ? WHERE id = ?", ids[owner], cid)
        kehu.run("activity", "add", "--customer", cid, "--kind", "call", "--date", "2026-06-20",
                 "--next-date", nd)
    for login, lang in (("lily", "zh"), ("tom", "en"), ("ann", "zh")):
        sql(kehu, "INSERT INTO reminder_prefs (user_id, in_app, email, digest_hour, lang,"
                  " updated_at) VALUES (?, 1, 1, 0, ?, 'x')", ids[login], lang)
    kehu.ids = ids
    return kehu


def point_at(kehu, port, *extra):
    kehu.run("settings", "set", "mail.smtp_url", f"smtp://127.0.0.1:{port}")
    kehu.run("settings", "set", "mail.from", "crm@example.com")
    for key, value in extra:
        kehu.run("settings", "set", key, value)


def remind(kehu, day=DAY):
    return json.loads(kehu.run("remind", "--run", "--date", day, "--json").stdout)


def digests(kehu):
    return {r[0]: r[1:] for r in sql(
        kehu, "SELECT u.login, d.day, d.status, d.attempts, d.items, d.error IS NOT NULL"
              " FROM reminder_digests d JOIN users u ON u.id = d.user_id ORDER BY u.login, d.day")}


def parse(raw):
    return email.message_from_bytes(raw, policy=email.policy.default)


def test_the_digest_arrives_once_in_each_users_language(co, smtp):
    point_at(co, smtp.port)
    out = remind(co)
    assert (out["sent"], out["failed"]) == (2, 0)
    log = {e["user"]: e for e in out["log"]}
    assert log["ann"]["digest"] == "no address"
    got = {tuple(rcpt): (frm, parse(raw)) for frm, rcpt, raw in smtp.messages}
    assert set(got) == {("lily@example.com",), ("tom@example.com",)}

    frm, zh = got[("lily@example.com",)]
    assert frm == "crm@example.com"
    raw_zh = next(raw for _, rcpt, raw in smtp.messages if rcpt == ["lily@example.com"])
    assert b"=?UTF-8?B?" in raw_zh and "待办".encode() not in raw_zh  # encoded words, 7-bit
    assert zh["Subject"] == "【客户】2026-06-30 待办提醒：2 项"
    assert zh.get_content_type() == "text/plain" and zh.get_content_charset() == "utf-8"
    assert zh["Content-Transfer-Encoding"] == "base64"
    assert zh["Message-ID"].startswith("<digest.2026-06-30.") and zh["Message-ID"].endswith(
        "@example.com>")
    assert zh["Date"].datetime.utcoffset() == datetime.timedelta(0)
    assert zh["To"].addresses[0].addr_spec == "lily@example.com"
    body = zh.get_content()
    assert body.startswith("莉莉，您好：")
    assert "待跟进（2）" in body
    assert "2026-06-28 已逾期  甲公司" in body and "2026-06-30  乙公司" in body
    assert "丙公司" not in body and "Acme" not in body  # only lily's own

    _, en = got[("tom@example.com",)]
    assert en["Subject"] == "kehu: 1 to-do for 2026-06-30"
    body = en.get_content()
    assert body.startswith("Hello Tom,") and "Follow-ups due (1)" in body and "Acme Ltd" in body

    assert digests(co) == {"lily": (DAY, "sent", 1, 2, 0), "tom": (DAY, "sent", 1, 1, 0)}
    # the next run sends nothing: once a day
    again = remind(co)
    assert (again["sent"], again["failed"]) == (0, 0)
    assert {e["user"]: e["digest"] for e in again["log"]}["lily"] == "sent before"
    assert len(smtp.messages) == 2
    assert digests(co)["lily"] == (DAY, "sent", 1, 2, 0)
    # the notifications were made beside it, once
    assert sql(co, "SELECT count(*) FROM notifications WHERE user_id = ?",
               co.ids["lily"]) == [(2,)]


def test_a_failure_is_recorded_and_tried_again(co, smtp):
    down = free_port()  # nothing listens here
    point_at(co, down)
    out = remind(co)
    assert (out["sent"], out["failed"]) == (0, 2)
    lily = {e["user"]: e for e in out["log"]}["lily"]
    assert lily["digest"] == "failed" and "sending mail failed" in lily["error"]
    assert digests(co)["lily"] == (DAY, "failed", 1, 2, 1)
    remind(co)  # still down: one more attempt
    assert digests(co)["lily"] == (DAY, "failed", 2, 2, 1)
    assert smtp.messages == []
    # the server is back: the next run sends it, and then never again
    point_at(co, smtp.port)
    out = remind(co)
    assert (out["sent"], out["failed"]) == (2, 0)
    assert digests(co)["lily"] == (DAY, "sent", 3, 2, 0)
    assert len(smtp.messages) == 2
    point_at(co, down)
    out = remind(co)
    assert (out["sent"], out["failed"]) == (0, 0)
    assert digests(co)["lily"] == (DAY, "sent", 3, 2, 0)


def test_the_digest_hour_and_the_next_day(co, smtp):
    point_at(co, smtp.port)
    # a day that has not begun: no digest is due yet, the notifications are made
    out = remind(co, "2099-01-01")
    assert out["sent"] == 0
    assert {e["digest"] for e in out["log"]} <= {"not yet", "no address", "nothing due"}
    remind(co)
    remind(co, "2026-07-01")  # the next day: lily's items are still due, a new digest
    days = [r for r in sql(co, "SELECT d.day FROM reminder_digests d JOIN users u"
                                " ON u.id = d.user_id WHERE u.login = 'lily' ORDER BY d.day")]
    assert days == [(DAY,), ("2026-07-01",)]


def test_a_login_is_sent_and_the_password_never_shown(co):
    seen = []

    def check(server, session, envelope, mechanism, auth_data):
        seen.append((mechanism, auth_data.login, auth_data.password))
        ok = auth_data.login == b"crm" and auth_data.password == b"p@ss w0rd"
        return AuthResult(success=ok, handled=False)  # a refusal is answered 535

    with serving(Inbox(), authenticator=check, auth_require_tls=False,
                 auth_required=True) as inbox:
        point_at(co, inbox.port, ("mail.username", "crm"), ("mail.password", "p@ss w0rd"))
        proc = co.run("remind", "--run", "--date", DAY)
        assert "2 digests sent" in proc.stdout, proc.stdout
        assert seen and all(s[1:] == (b"crm", b"p@ss w0rd") for s in seen)
        assert len(inbox.messages) == 2
        assert "p@ss w0rd" not in co.run("settings", "--json").stdout
        # a wrong password: the failure says so, without the password
        co.run("settings", "set", "mail.password", "wrong secret")
        proc = co.run("remind", "--run", "--date", "2026-07-01")
        assert "2 failed" in proc.stdout and "wrong secret" not in proc.stdout + proc.stderr
        assert not [r for r in sql(co, "SELECT error FROM reminder_digests")
                    if r[0] and "wrong secret" in r[0]]


def test_the_command_line(kehu):
    assert kehu.run("remind", ok=False).returncode == 2  # the run is asked for by --run
    assert "kehu remind --run" in kehu.run("remind", ok=False).stderr
    err = kehu.fails("remind", "--run", "--date", "2026-02-30", field="date")
    assert err.startswith("kehu: remind: ")
    assert kehu.run("remind", "--run", "--bogus", "1", ok=False).returncode == 2
    assert "--date" in kehu.run("remind", "--help").stdout
    out = kehu.run("remind", "--run").stdout
    assert out == "2026-06-30: 0 users, 0 new notifications, 0 digests sent, 0 failed\n"


class SlowInbox(Inbox):
    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(1.5)
        return await super().handle_DATA(server, session, envelope)


def test_two_runners_at_once_send_each_digest_once(co):
    """The server's run and a cron run at the same moment: one of them claims each
    digest ("sending"), the other leaves it."""
    with serving(SlowInbox()) as inbox:
        point_at(co, inbox.port)
        env = dict(os.environ, KEHU_TODAY=DAY, LANG="C.UTF-8")
        procs = [subprocess.Popen([KEHU, "--db", co.db, "remind", "--run", "--date", DAY],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env=env) for _ in range(2)]
        outs = [p.communicate(timeout=120) for p in procs]
        assert all(p.returncode == 0 for p in procs), outs
        assert sorted(tuple(m[1]) for m in inbox.messages) == [("lily@example.com",),
                                                               ("tom@example.com",)]
        text = outs[0][0] + outs[1][0]
        # "digest sent before" is the other runner finding it done: not a send
        assert len(re.findall(r"digest sent$", text, re.M)) == 2, text
        assert digests(co)["lily"][1] == "sent"
