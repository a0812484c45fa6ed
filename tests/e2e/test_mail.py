"""`kehu mail test`: test messages through a real SMTP server on loopback (aiosmtpd), several
over one connection, each with what the server answered as the campaign sender will meet it:
sent; a 4xx to the recipient (retry later); a 5xx to the recipient (a hard bounce: the address
is bad); a 5xx to the message (refused); a refused login (the setup is wrong: nothing more is
tried). KEHU_SMTP_URL, with the credentials in it, wins over the settings; the password is
never printed."""
import email
import email.policy
import json

import pytest
from aiosmtpd.smtp import AuthResult

from smtp_relay import free_port, serving


class Relay:
    """Accepts mail, but answers 550 to nobody@, 451 to busy@ (and to flaky@ the first time)
    and 554 to a message for spam@; keeps each accepted message with the connection
    (session) it came over."""

    def __init__(self):
        self.messages = []
        self.flaky = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("flaky@"):  # 451 to the first try only
            self.flaky += 1
            if self.flaky == 1:
                return "451 4.3.0 try again later"
        if address.startswith("nobody@"):
            return "550 5.1.1 no such user"
        if address.startswith("busy@"):
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if any(r.startswith("spam@") for r in envelope.rcpt_tos):
            return "554 5.7.1 message refused"
        self.messages.append((id(session), envelope.mail_from, list(envelope.rcpt_tos),
                              envelope.content))
        return "250 OK"


@pytest.fixture
def relay():
    with serving(Relay()) as r:
        yield r


def setup_mail(kehu, port):
    kehu.run("settings", "set", "mail.smtp_url", f"smtp://127.0.0.1:{port}")
    kehu.run("settings", "set", "mail.from", "crm@example.com")
    kehu.run("settings", "set", "mail.starttls", "none")


def probe(kehu, *args, ok=True, env=None):
    proc = kehu.run("mail", "test", *args, "--json", ok=ok, env=env)
    return proc, json.loads(proc.stdout) if proc.stdout.strip() else None


def test_messages_go_over_one_connection_and_read_in_both_languages(kehu, relay):
    setup_mail(kehu, relay.port)
    _, out = probe(kehu, "--to", "zhang@client.cn", "--count", "3")
    assert (out["sent"], out["failed"]) == (3, 0)
    assert [m["outcome"] for m in out["messages"]] == ["sent"] * 3
    assert {m["smtp_code"] for m in out["messages"]} == {250}
    assert len(relay.messages) == 3
    assert len({m[0] for m in relay.messages}) == 1, "one connection for the three"
    _, frm, rcpt, raw = relay.messages[0]
    assert (frm, rcpt) == ("crm@example.com", ["zhang@client.cn"])
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert msg["Subject"] == "kehu 测试邮件 · test message"
    assert "测试邮件" in msg.get_content() and "test message" in msg.get_content()
    assert len({email.message_from_bytes(m[3])["Message-ID"] for m in relay.messages}) == 3


def test_a_session_goes_on_after_a_failure(kehu, relay):
    """A campaign's next message must not suffer from the last one's refusal."""
    setup_mail(kehu, relay.port)
    proc, out = probe(kehu, "--to", "flaky@client.cn", "--count", "3", ok=False)
    assert [m["outcome"] for m in out["messages"]] == ["retry", "sent", "sent"]
    assert (out["sent"], out["failed"]) == (2, 1) and len(relay.messages) == 2


def test_each_reply_is_told_apart(kehu, relay):
    setup_mail(kehu, relay.port)
    cases = {"nobody@client.cn": ("bad_address", 550), "busy@client.cn": ("retry", 451),
             "spam@client.cn": ("refused", 554)}
    for to, (outcome, code) in cases.items():
        proc, out = probe(kehu, "--to", to, ok=False)
        assert proc.returncode == 1
        (m,) = out["messages"]
        assert (m["outcome"], m["smtp_code"]) == (outcome, code), (to, m)
        assert str(code) in m["error"] and str(code) in m["error_zh"]
    assert relay.messages == []
    # Nobody listening: try again later, with no reply code.
    setup_mail(kehu, free_port())
    proc, out = probe(kehu, "--to", "zhang@client.cn", ok=False)
    assert (out["messages"][0]["outcome"], out["messages"][0]["smtp_code"]) == ("retry", 0)
    # The text form, in the locale's language.
    setup_mail(kehu, relay.port)
    proc = kehu.run("mail", "test", "--to", "nobody@client.cn", ok=False,
                    env={"LANG": "zh_CN.UTF-8"})
    assert proc.stdout.startswith("1: bad_address (550): 发送邮件失败")
    assert "0 封已发送，1 封失败" in proc.stdout


def test_the_environment_wins_and_a_refused_login_stops_the_run(kehu):
    seen = []

    def check(server, session, envelope, mechanism, auth_data):
        seen.append(auth_data.password)
        # handled=False: aiosmtpd then answers 535 (by default it leaves the reply to us)
        return AuthResult(success=auth_data.login == b"crm" and auth_data.password == b"s3cret",
                          handled=False)

    with serving(Relay(), authenticator=check, auth_require_tls=False,
                 auth_required=True) as r:
        setup_mail(kehu, free_port())  # the settings point nowhere
        env = {"KEHU_SMTP_URL": f"smtp://crm:s3cret@127.0.0.1:{r.port}"}
        _, out = probe(kehu, "--to", "zhang@client.cn", "--count", "2", env=env)
        assert out["sent"] == 2 and len(r.messages) == 2
        env = {"KEHU_SMTP_URL": f"smtp://127.0.0.1:{r.port}", "KEHU_SMTP_USER": "crm",
               "KEHU_SMTP_PASSWORD": "wrong-pass"}
        proc, out = probe(kehu, "--to", "zhang@client.cn", "--count", "5", ok=False, env=env)
        assert proc.returncode == 1
        assert [m["outcome"] for m in out["messages"]] == ["server"], "stops at the first"
        assert "wrong-pass" not in proc.stdout + proc.stderr
        assert b"wrong-pass" in seen
        assert len(r.messages) == 2


def test_bad_requests_send_nothing(kehu, relay):
    assert "mail is not set up" in kehu.fails("mail", "test", "--to", "a@b.cn",
                                              field="mail.smtp_url")
    setup_mail(kehu, relay.port)
    kehu.fails("mail", "test", "--to", "a@b.cn", "--count", "0", field="count")
    kehu.fails("mail", "test", "--to", "a@b.cn", "--count", "101", field="count")
    kehu.fails("mail", "test", "--to", "a@b.cn\r\nBcc: x@y.cn", field="to")
    kehu.fails("mail", "test", field="to")
    kehu.run("user", "add", "lily", "--role", "sales", input="a long password 1\n")
    assert "only admins" in kehu.fails("mail", "test", "--to", "a@b.cn", "--as", "lily")
    assert kehu.run("mail", "send", "--to", "a@b.cn", ok=False).returncode == 2
    assert relay.messages == []
