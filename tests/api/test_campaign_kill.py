"""kill -9 during a campaign's send (issue 15 part 2): the server dies twice in the middle of
sending, once while the SMTP server holds a message it has not accepted yet, once just after
it accepted one; after each restart the campaign goes on, and in the end every recipient got
the message exactly once: nothing acknowledged is sent again, nothing is lost."""
import collections
import os
import signal
import sys
import time

import pytest

from conftest import Server

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "../e2e"))
from smtp_relay import serving  # noqa: E402

RECIPIENTS = 120


class KillingRelay:
    """Accepts mail and counts what it accepted; at message kill_at (1-based, counting every
    DATA it is sent) it kills the server before answering, and when the next transaction
    begins after kill_after accepted messages it kills the server again."""

    def __init__(self):
        self.accepted = collections.Counter()
        self.datas = 0
        self.pid = None
        self.kill_at = None
        self.kill_after = None
        self.kills = 0

    def _kill(self):
        os.kill(self.pid, signal.SIGKILL)
        self.kills += 1

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.kill_after is not None and sum(self.accepted.values()) >= self.kill_after:
            self.kill_after = None
            self._kill()  # the message before this one was accepted, and only that
            return "421 4.3.0 closing"
        envelope.mail_from = address
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.datas += 1
        if self.kill_at is not None and self.datas == self.kill_at:
            self.kill_at = None
            self._kill()  # in flight: not accepted, so it must come again
            return "451 4.3.0 try again"
        for rcpt in envelope.rcpt_tos:
            self.accepted[rcpt] += 1
        return "250 OK"


def wait(pred, timeout=60, what=""):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if pred():
            return
        time.sleep(0.05)
    raise AssertionError("timed out waiting for " + what)


@pytest.fixture
def setup(tmp_path, monkeypatch):
    monkeypatch.setenv("KEHU_TODAY", "2026-12-01")
    monkeypatch.setenv("KEHU_REMIND", "0")
    monkeypatch.setenv("KEHU_PUBLIC_URL", "http://crm.example.test")
    monkeypatch.setenv("KEHU_CAMPAIGN_POLL_MS", "100")
    with serving(KillingRelay()) as relay:
        s = Server(tmp_path)
        s.cli("init")
        s.add_user("rep", "sales", name="王伟")
        for key, value in (("mail.smtp_url", f"smtp://127.0.0.1:{relay.port}"),
                           ("mail.from", "crm@example.com"), ("mail.starttls", "none"),
                           ("campaign.rate_per_second", "50")):
            s.cli("settings", "set", key, value)
        s.start()
        rep = s.client("rep")
        for i in range(RECIPIENTS // 2):
            cid = rep.ok("POST", "/api/v1/customers", {"name": f"客户{i:03d}"})["id"]
            for j in range(2):
                rep.ok("POST", "/api/v1/contacts", {"customer": cid, "name": f"联系人{i}-{j}",
                                                    "email": f"c{i}-{j}@kill.test"})
        s.rep = rep
        s.relay = relay
        yield s
        s.stop()


def restart(s):
    s.proc.wait(timeout=10)
    s.logfile.close()
    s.start()
    s.relay.pid = s.proc.pid
    s.rep = s.client("rep")


def test_a_killed_sender_neither_loses_nor_repeats_a_message(setup):
    s, relay = setup, setup.relay
    relay.pid = s.proc.pid
    relay.kill_at = 30        # the 30th message dies with the server, unanswered
    relay.kill_after = 70     # and the server dies again right after the 70th was accepted
    cid = s.rep.ok("POST", "/api/v1/campaigns", {
        "name": "断电测试", "audience": {"list": "customers"},
        "subject": "{{salutation}}，您好", "body_text": "正文"})["id"]
    s.rep.ok("POST", f"/api/v1/campaigns/{cid}/send", {}, status=200)

    wait(lambda: relay.kills == 1, what="the first kill")
    restart(s)
    wait(lambda: relay.kills == 2, what="the second kill")
    restart(s)

    wait(lambda: s.rep.ok("GET", f"/api/v1/campaigns/{cid}")["status"] == "sent", what="sent")
    everyone = {f"c{i}-{j}@kill.test" for i in range(RECIPIENTS // 2) for j in range(2)}
    assert set(relay.accepted) == everyone, "nobody lost"
    assert [a for a, n in relay.accepted.items() if n > 1] == [], "nobody got it twice"
    counts = s.rep.ok("GET", f"/api/v1/campaigns/{cid}")["counts"]
    assert counts["sent"] == RECIPIENTS and counts["queued"] == counts["sending"] == 0
