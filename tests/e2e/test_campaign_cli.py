"""`kehu campaign add|list|preview|send|report|run` (issue 15): a campaign from the command
line, as an operator without the web UI would run one from cron: a draft from a body file,
the pre-send report, the queue sent by `campaign run` to a real SMTP server on loopback, and
the report. A bad option or a campaign another rep cannot see changes nothing."""
import email
import email.policy
import json
import sqlite3

import pytest

from smtp_relay import serving
from test_mail import setup_mail


class Relay:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos[0], email.message_from_bytes(
            envelope.content, policy=email.policy.default)))
        return "250 OK"


@pytest.fixture
def relay():
    with serving(Relay()) as r:
        yield r


def test_a_campaign_from_the_command_line(kehu, relay, tmp_path):
    env = {"KEHU_PUBLIC_URL": "https://crm.example.test"}
    setup_mail(kehu, relay.port)
    kehu.run("settings", "set", "campaign.rate_per_second", "0")
    wang = int(kehu.run("user", "add", "wang", "--role", "sales", "--name", "王伟",
                        input="correct horse 1\n").stdout.strip())
    kehu.run("user", "add", "liu", "--role", "sales", input="correct horse 1\n")
    cust = int(kehu.run("customer", "add", "--name", "甲公司").stdout.strip())
    kehu.add("contact", customer=cust, name="张伟", title="总经理", email="z@a.test")
    # the command line owns nothing: the owner as a transfer in the web UI sets it
    con = sqlite3.connect(kehu.db)
    con.execute("UPDATE customers SET owner_id = ?, in_pool = 0 WHERE id = ?", (wang, cust))
    con.commit()
    con.close()
    body = tmp_path / "body.txt"
    body.write_text("{{salutation}}您好：\n年底回馈。\n", encoding="utf-8")

    assert "--text" in kehu.fails("campaign", "add", "--as", "wang", "--name", "x",
                                  "--subject", "y", code=2)
    before = kehu.dump()
    kehu.fails("campaign", "add", "--as", "wang", "--name", "x", "--subject", "{{nope}}",
               "--text", str(body), field="subject")
    assert kehu.dump() == before

    out = kehu.json("campaign", "add", "--as", "wang", "--name", "回访", "--subject",
                    "{{salutation}}，您好", "--text", str(body))
    cid = out["id"]
    assert out["status"] == "draft"
    kehu.fails("campaign", "preview", cid, "--as", "liu", field="id")
    preview = kehu.json("campaign", "preview", cid, "--as", "wang")
    assert preview["counts"]["send"] == 1 and preview["message"]["subject"] == "张总，您好"
    kehu.fails("campaign", "send", cid, "--as", "wang", field="mail.public_url")
    sent = json.loads(kehu.run("campaign", "send", cid, "--as", "wang", "--json", env=env).stdout)
    assert sent["status"] == "sending" and sent["counts"]["queued"] == 1
    run = json.loads(kehu.run("campaign", "run", "--json", env=env).stdout)
    assert run["sent"] == 1 and run["finished"] == 1
    assert relay.messages[0][0] == "z@a.test"
    assert relay.messages[0][1]["Subject"] == "张总，您好"
    report = kehu.json("campaign", "report", cid)
    assert report["totals"]["sent"] == 1 and report["campaign"]["status"] == "sent"
    assert "回访" in kehu.run("campaign", "list").stdout
