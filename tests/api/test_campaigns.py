"""E-mail campaigns (issue 15) against a real SMTP server on loopback (aiosmtpd): a campaign's
audience resolves in the sender's data scope, each recipient's message is personalised from
the file (张总) with the one-click unsubscribe headers, the frequency caps per contact and per
company leave people out and the pre-send report says who and why, opens and clicks are
recorded through signed links (a changed token leads nowhere), an unsubscription stops the
next campaign, a hard bounce suppresses the address, a 4xx is tried again, and the life of a
campaign (pause, resume, cancel) refuses what its state does not allow.

The kill during a send: tests/e2e/test_campaign_kill.py."""
import email
import email.policy
import os
import re
import sqlite3
import sys
import time

import pytest

from conftest import Server, assert_error

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "../e2e"))
from smtp_relay import serving  # noqa: E402

TODAY = "2026-12-01"
PUBLIC = "http://crm.example.test"


class Relay:
    """Accepts mail; 550 to bounce@, 451 to busy@; keeps (rcpt, message)."""

    def __init__(self):
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("bounce@"):
            return "550 5.1.1 no such user"
        if address.startswith("busy@"):
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        for rcpt in envelope.rcpt_tos:
            self.messages.append((rcpt, email.message_from_bytes(envelope.content,
                                                                 policy=email.policy.default)))
        return "250 OK"

    def to(self, address):
        return [m for r, m in self.messages if r == address]


@pytest.fixture
def co(tmp_path, monkeypatch):
    monkeypatch.setenv("KEHU_TODAY", TODAY)
    monkeypatch.setenv("KEHU_REMIND", "0")
    monkeypatch.setenv("KEHU_PUBLIC_URL", PUBLIC)
    monkeypatch.setenv("KEHU_CAMPAIGN_POLL_MS", "100")
    with serving(Relay()) as relay:
        s = Server(tmp_path)
        ids = s.add_company()
        ids["rep"] = s.add_user("rep", "sales", team="华东", name="王伟")
        ids["rep2"] = s.add_user("rep2", "sales", team="华西", name="刘洋")
        for key, value in (("mail.smtp_url", f"smtp://127.0.0.1:{relay.port}"),
                           ("mail.from", "crm@example.com"), ("mail.starttls", "none"),
                           ("campaign.rate_per_second", "0")):
            s.cli("settings", "set", key, value)
        s.start()
        s.relay = relay
        s.ids = ids
        s.c = {login: s.client(login) for login in ids}
        rep, rep2 = s.c["rep"], s.c["rep2"]
        s.a = rep.ok("POST", "/api/v1/customers", {"name": "甲公司", "segment": "enterprise"})["id"]
        s.b = rep.ok("POST", "/api/v1/customers", {"name": "乙公司", "segment": "retail"})["id"]
        s.w = rep2.ok("POST", "/api/v1/customers", {"name": "西部公司"})["id"]
        contact = lambda cl, cust, **f: cl.ok("POST", "/api/v1/contacts", {"customer": cust, **f})["id"]
        s.zhang = contact(rep, s.a, name="张伟", title="总经理", gender="male",
                          email="zhang@a.test", level="decision")
        s.li = contact(rep, s.a, name="李娜", title="采购经理", gender="female", email="li@a.test")
        s.wu = contact(rep, s.a, name="吴强")  # no address
        s.zhao = contact(rep, s.b, name="赵敏", title="经理", email="zhao@b.test")
        s.west = contact(rep2, s.w, name="孙杰", email="sun@w.test")
        yield s
        s.stop()


BODY = {"name": "老客户回访", "purpose": "care",
        "audience": {"list": "customers", "filters": {}},
        "subject": "{{salutation}}，年底回馈",
        "body_text": "{{salutation}}您好：\n{{customer.name}}的专属优惠。\n{{owner.name}}",
        "body_html": "<p>{{salutation}}您好</p><p><a href=\"https://shop.example.com/offer?a=1&amp;b=2\">"
                     "看看</a></p></body>"}


def campaign(cl, **changes):
    return cl.ok("POST", "/api/v1/campaigns", {**BODY, **changes})


def wait_status(cl, cid, status, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        c = cl.ok("GET", f"/api/v1/campaigns/{cid}")
        if c["status"] == status:
            return c
        time.sleep(0.1)
    raise AssertionError(f"campaign {cid} is {c['status']}, not {status}: {c}")


def test_bad_campaigns_are_refused_naming_the_field_and_nothing_is_stored(co):
    rep = co.c["rep"]
    for body, field in (({**BODY, "audience": None}, "audience"),
                        ({**BODY, "audience": {"list": "orders"}}, "audience"),
                        ({**BODY, "audience": {"list": "contacts", "q": "张"}}, "audience"),
                        ({**BODY, "audience": {"list": "customers", "filters": {"segment": "x"}}},
                         "segment"),
                        ({**BODY, "body_text": "{{contact.salary}}"}, "body_text"),
                        ({**BODY, "subject": "a\nb"}, "subject"),
                        ({**BODY, "purpose": "spam"}, "purpose"),
                        ({**BODY, "colour": "red"}, "colour"),
                        ({k: v for k, v in BODY.items() if k != "name"}, "name")):
        assert_error(rep.post("/api/v1/campaigns", body), 400, field=field)
    assert rep.ok("GET", "/api/v1/campaigns")["total"] == 0
    # an empty search is none, on either list
    rep.ok("POST", "/api/v1/campaigns", {**BODY, "audience": {"list": "contacts", "q": ""}})


def test_the_preview_is_in_the_senders_scope_with_who_is_left_out_and_why(co):
    rep = co.c["rep"]
    cid = campaign(rep)["id"]
    p = rep.ok("GET", f"/api/v1/campaigns/{cid}/preview")
    assert p["counts"]["send"] == 3 and p["counts"]["no_address"] == 1
    assert p["candidates"] == 4, "rep2's customer is not in rep's audience"
    assert {r["address"] for r in p["recipients"]} == {"zhang@a.test", "li@a.test", "zhao@b.test"}
    assert [(x["contact"], x["reason"]) for x in p["left_out"]] == [("吴强", "no_address")]
    # the first recipient is the decision maker of the first company
    assert p["message"]["contact_id"] == co.zhang
    assert p["message"]["subject"] == "张总，年底回馈"
    assert "甲公司的专属优惠" in p["message"]["text"] and "王伟" in p["message"]["text"]
    assert "/u/" in p["message"]["text"], "an unsubscribe link in every message"
    other = rep.ok("GET", f"/api/v1/campaigns/{cid}/preview?contact={co.li}")["message"]
    assert other["subject"] == "李经理，年底回馈"
    # another rep's contact is not in the audience, whatever its id
    assert_error(rep.get(f"/api/v1/campaigns/{cid}/preview?contact={co.west}"), 404, field="contact")
    # and the campaign itself is not visible to another rep
    assert_error(co.c["rep2"].get(f"/api/v1/campaigns/{cid}"), 404)
    assert co.c["mgr_hq"].ok("GET", f"/api/v1/campaigns/{cid}")["owner"] == "王伟"


def test_caps_per_company_keep_the_decision_maker_and_count_across_campaigns(co):
    rep = co.c["rep"]
    co.c["admin"].ok("PATCH", "/api/v1/settings", {"campaign.cap_per_company": "1",
                                                   "campaign.cap_per_contact": "1"})
    cid = campaign(rep)["id"]
    p = rep.ok("GET", f"/api/v1/campaigns/{cid}/preview")
    assert p["counts"]["send"] == 2 and p["counts"]["company_cap"] == 1
    assert ("李娜", "company_cap") in [(x["contact"], x["reason"]) for x in p["left_out"]]
    rep.ok("POST", f"/api/v1/campaigns/{cid}/send", {}, status=200)
    wait_status(rep, cid, "sent")
    assert len(co.relay.messages) == 2
    # a second campaign within the window: everyone has had their one message
    p2 = rep.ok("GET", f"/api/v1/campaigns/{campaign(rep)['id']}/preview")
    assert p2["counts"]["send"] == 0
    assert p2["counts"]["contact_cap"] == 2 and p2["counts"]["company_cap"] == 1


def test_a_sent_campaign_personalises_tracks_and_unsubscribes_in_one_click(co):
    rep, admin = co.c["rep"], co.c["admin"]
    cid = campaign(rep)["id"]
    sent = rep.ok("POST", f"/api/v1/campaigns/{cid}/send", {}, status=200)
    assert sent["status"] in ("sending", "sent")
    done = wait_status(rep, cid, "sent")
    assert done["counts"]["sent"] == 3 and done["left_out"]["no_address"] == 1
    assert sorted(r for r, _ in co.relay.messages) == ["li@a.test", "zhang@a.test", "zhao@b.test"]
    msg = co.relay.to("zhang@a.test")[0]
    assert msg["Subject"] == "张总，年底回馈"
    assert "王伟" in str(msg["From"]) and "crm@example.com" in str(msg["From"])
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsub = re.search(r"<(https?://[^>]+/u/[A-Za-z0-9_-]+)>", msg["List-Unsubscribe"]).group(1)
    assert unsub.startswith(PUBLIC + "/u/")
    html = msg.get_body(("html",)).get_content()
    pixel = re.search(re.escape(PUBLIC) + r"(/o/[A-Za-z0-9_-]+\.png)", html).group(1)
    click = re.search(re.escape(PUBLIC) + r"(/c/[A-Za-z0-9_-]+)", html).group(1)
    assert "shop.example.com" not in html, "the link goes through the redirect"

    anon = co.client("admin").s.__class__()  # a browser without a login
    r = anon.get(co.url + pixel)
    assert r.status_code == 200 and r.headers["Content-Type"] == "image/png"
    r = anon.get(co.url + click, allow_redirects=False)
    assert r.status_code == 302
    assert r.headers["Location"] == "https://shop.example.com/offer?a=1&b=2"
    # one changed character: not a link kehu made, and no redirect anywhere
    token = click.rsplit("/", 1)[1]
    forged = click[:-len(token)] + ("A" if token[0] != "A" else "B") + token[1:]
    r = anon.get(co.url + forged, allow_redirects=False)
    assert r.status_code == 404 and "Location" not in r.headers

    report = rep.ok("GET", f"/api/v1/campaigns/{cid}/report")
    assert report["totals"]["sent"] == 3 and report["totals"]["opened"] == 1
    assert report["totals"]["clicked"] == 1 and report["rates"]["click"] == pytest.approx(1 / 3)
    assert report["links"] == [{"part": 1, "url": "https://shop.example.com/offer?a=1&b=2",
                                "clicks": 1}]
    assert {s["segment"]: s["sent"] for s in report["by_segment"]} == {"enterprise": 2, "retail": 1}

    # GET only asks (mail scanners follow links); the one-click POST unsubscribes
    unsub = unsub.replace(PUBLIC, co.url)  # the public address is the server's, here
    page = anon.get(unsub)
    assert page.status_code == 200 and "z***@a.test" in page.text and "<form" in page.text
    assert rep.ok("GET", f"/api/v1/contacts/{co.zhang}/consent")["state"] == "subscribed"
    r = anon.post(unsub, data="List-Unsubscribe=One-Click",
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 200 and "已退订" in r.text
    consent = rep.ok("GET", f"/api/v1/contacts/{co.zhang}/consent")
    assert consent["state"] == "unsubscribed"
    assert consent["history"][0]["source"] == "one_click" and consent["history"][0]["user"] is None
    assert rep.ok("GET", f"/api/v1/campaigns/{cid}/report")["totals"]["unsubscribed"] == 1
    # the 360 view shows the mail and what was done with it
    events = rep.ok("GET", f"/api/v1/customers/{co.a}/view")["mail_events"]
    assert {(e["contact"], e["event"]) for e in events} >= {
        ("张伟", "sent"), ("张伟", "opened"), ("张伟", "clicked"), ("张伟", "unsubscribed")}

    nxt = rep.ok("GET", f"/api/v1/campaigns/{campaign(rep)['id']}/preview")
    assert nxt["counts"]["unsubscribed"] == 1 and nxt["counts"]["send"] == 2
    # a user may subscribe the contact again; the history says who
    rep.ok("PUT", f"/api/v1/contacts/{co.zhang}/consent", {"state": "subscribed",
                                                          "note": "客户电话确认"})
    consent = rep.ok("GET", f"/api/v1/contacts/{co.zhang}/consent")
    assert consent["state"] == "subscribed" and consent["history"][0]["user"] == "王伟"
    assert_error(co.c["rep2"].req("PUT", f"/api/v1/contacts/{co.zhang}/consent",
                                  json={"state": "unsubscribed"}), 404)
    assert_error(rep.req("PUT", f"/api/v1/contacts/{co.zhang}/consent", json={"state": "maybe"}), 400,
                 field="state")
    assert admin.ok("GET", f"/api/v1/contacts/{co.zhang}/consent")["state"] == "subscribed"


def test_a_hard_bounce_suppresses_the_address_and_a_4xx_is_tried_again(co):
    rep = co.c["rep"]
    rep.ok("PATCH", f"/api/v1/contacts/{co.li}", {"email": "bounce@a.test"}, status=200)
    rep.ok("PATCH", f"/api/v1/contacts/{co.zhao}", {"email": "busy@b.test"}, status=200)
    cid = campaign(rep)["id"]
    rep.ok("POST", f"/api/v1/campaigns/{cid}/send", {}, status=200)
    deadline = time.time() + 20
    while time.time() < deadline:
        c = rep.ok("GET", f"/api/v1/campaigns/{cid}")["counts"]
        if c["sent"] + c["bounced"] == 2 and c["queued"] == 1:
            break
        time.sleep(0.1)
    assert (c["sent"], c["bounced"], c["queued"]) == (1, 1, 1), c
    msgs = {m["address"]: m for m in rep.ok("GET", f"/api/v1/campaigns/{cid}/messages")["items"]}
    assert msgs["bounce@a.test"]["state"] == "bounced" and msgs["bounce@a.test"]["smtp_code"] == 550
    assert msgs["busy@b.test"]["state"] == "queued" and msgs["busy@b.test"]["attempts"] == 1
    assert msgs["busy@b.test"]["smtp_code"] == 451
    assert rep.ok("GET", f"/api/v1/contacts/{co.li}/consent")["bounced"] is True
    # the retry is due in a minute: bring it forward, and the server takes it again
    con = sqlite3.connect(co.db)
    con.execute("UPDATE mail_queue SET next_at = '2000-01-01T00:00:00Z' WHERE address = 'busy@b.test'")
    con.commit()
    con.close()
    deadline = time.time() + 10
    while time.time() < deadline:
        m = {x["address"]: x for x in rep.ok("GET", f"/api/v1/campaigns/{cid}/messages")["items"]}
        if m["busy@b.test"]["attempts"] == 2:
            break
        time.sleep(0.1)
    assert m["busy@b.test"]["attempts"] == 2 and m["busy@b.test"]["state"] == "queued"
    p = rep.ok("GET", f"/api/v1/campaigns/{campaign(rep)['id']}/preview")
    assert p["counts"]["bounced"] == 1


def test_the_life_of_a_campaign_refuses_what_its_state_does_not_allow(co):
    rep = co.c["rep"]
    cid = campaign(rep)["id"]
    assert_error(rep.post(f"/api/v1/campaigns/{cid}/pause", {}), 409, field="status")
    assert_error(rep.post(f"/api/v1/campaigns/{cid}/send", {"at": "tomorrow"}), 400, field="at")
    s = rep.ok("POST", f"/api/v1/campaigns/{cid}/send", {"at": "2099-01-01T08:00:00Z"}, status=200)
    assert s["status"] == "scheduled" and s["scheduled_at"] == "2099-01-01T08:00:00Z"
    assert_error(rep.patch(f"/api/v1/campaigns/{cid}", {"name": "x"}), 409, field="status")
    assert rep.ok("POST", f"/api/v1/campaigns/{cid}/pause", {}, status=200)["status"] == "paused"
    assert rep.ok("POST", f"/api/v1/campaigns/{cid}/resume", {}, status=200)["status"] == "scheduled"
    assert rep.ok("POST", f"/api/v1/campaigns/{cid}/cancel", {}, status=200)["status"] == "cancelled"
    assert_error(rep.post(f"/api/v1/campaigns/{cid}/resume", {}), 409, field="status")
    time.sleep(0.5)
    assert co.relay.messages == [], "nothing of a cancelled campaign goes"
    # a draft is changed and deleted; another rep cannot touch it
    d = campaign(rep)["id"]
    assert rep.ok("PATCH", f"/api/v1/campaigns/{d}", {"name": "改名"}, status=200)["name"] == "改名"
    assert_error(co.c["rep2"].delete(f"/api/v1/campaigns/{d}"), 404)
    assert rep.delete(f"/api/v1/campaigns/{d}").status_code == 204
    assert_error(rep.get(f"/api/v1/campaigns/{d}"), 404)


def test_a_test_message_goes_to_the_given_address_only(co):
    rep = co.c["rep"]
    cid = campaign(rep)["id"]
    assert_error(rep.post(f"/api/v1/campaigns/{cid}/test", {"to": "not an address"}), 400, field="to")
    out = rep.ok("POST", f"/api/v1/campaigns/{cid}/test", {"to": "me@rep.test"}, status=200)
    assert out["sent"] is True and out["contact_id"] == co.zhang
    assert [r for r, _ in co.relay.messages] == ["me@rep.test"]
    assert co.relay.to("me@rep.test")[0]["Subject"] == "张总，年底回馈"
    assert rep.ok("GET", f"/api/v1/campaigns/{cid}")["status"] == "draft"


def test_greetings_reach_the_day_and_a_rep_reviews_and_skips_tomorrows(co):
    rep, mgr = co.c["rep"], co.c["mgr_hq"]
    assert_error(rep.post("/api/v1/greetings", {"occasion": "birthday", "name": "生日",
                                                "subject": "s", "body_text": "t"}), 403)
    assert_error(mgr.post("/api/v1/greetings", {"occasion": "holiday", "name": "元旦",
                                                "subject": "s", "body_text": "t",
                                                "dates": {"2026": "2027-01-01"}}), 400, field="dates")
    mgr.ok("POST", "/api/v1/greetings", {"occasion": "holiday", "name": "冬至",
                                         "dates": {"2026": "2026-12-02"},
                                         "subject": "{{salutation}}，冬至快乐",
                                         "body_text": "冬至安康。\n{{owner.name}}"})
    up = rep.ok("GET", "/api/v1/greetings/upcoming")
    assert up["date"] == "2026-12-02"
    assert {i["contact"] for i in up["items"] if i["verdict"] == "send"} == {"张伟", "李娜", "赵敏"}
    assert all(i["customer"] != "西部公司" for i in up["items"]), "only rep's own customers"
    zhao = next(i for i in up["items"] if i["contact_id"] == co.zhao)
    s = rep.ok("POST", "/api/v1/greetings/upcoming/skip", {"greeting_id": zhao["greeting_id"],
                                                           "contact_id": co.zhao,
                                                           "date": "2026-12-02"}, status=200)
    assert s["skipped"] is True
    up = rep.ok("GET", "/api/v1/greetings/upcoming")
    assert next(i for i in up["items"] if i["contact_id"] == co.zhao)["skipped"] is True
    assert_error(co.c["rep2"].post("/api/v1/greetings/upcoming/skip",
                                   {"greeting_id": zhao["greeting_id"], "contact_id": co.zhao,
                                    "date": "2026-12-02"}), 404)


def test_a_birthday_greeting_goes_out_on_the_day(co):
    rep, mgr = co.c["rep"], co.c["mgr_hq"]
    rep.ok("PATCH", f"/api/v1/contacts/{co.zhao}", {"birthday": "1980-12-01"}, status=200)
    co.c["admin"].ok("PATCH", "/api/v1/settings", {"greeting.send_hour": "0"})
    mgr.ok("POST", "/api/v1/greetings", {"occasion": "birthday", "name": "生日祝福",
                                         "subject": "{{salutation}}，生日快乐",
                                         "body_text": "祝您生日快乐！\n{{owner.name}}"})
    deadline = time.time() + 20
    while time.time() < deadline and not co.relay.to("zhao@b.test"):
        time.sleep(0.1)
    msg = co.relay.to("zhao@b.test")
    assert len(msg) == 1 and msg[0]["Subject"] == "赵经理，生日快乐"
    assert [r for r, _ in co.relay.messages] == ["zhao@b.test"], "only the one born today"
    day = mgr.ok("GET", "/api/v1/campaigns?kind=greeting")["items"]
    assert [(c["name"], c["greeting_day"]) for c in day] == [("生日祝福 2026-12-01", "2026-12-01")]
    time.sleep(0.5)
    assert len(co.relay.to("zhao@b.test")) == 1, "once a day, however many rounds"


def test_a_scheduled_campaign_starts_at_its_time_in_the_senders_scope(co):
    import datetime
    rep = co.c["rep"]
    cid = campaign(rep)["id"]
    at = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=3)).strftime(
        "%Y-%m-%dT%H:%M:%SZ")
    s = rep.ok("POST", f"/api/v1/campaigns/{cid}/send", {"at": at}, status=200)
    assert s["status"] == "scheduled" and s["counts"]["queued"] == 0
    done = wait_status(rep, cid, "sent", timeout=30)
    assert done["counts"]["sent"] == 3 and done["started_at"] >= at
    assert sorted(r for r, _ in co.relay.messages) == ["li@a.test", "zhang@a.test", "zhao@b.test"]


def test_the_owner_rep_signs_with_their_own_phone_and_signature(co):
    rep = co.c["rep"]
    me = co.ids["rep"]
    rep.ok("PATCH", f"/api/v1/users/{me}", {"phone": "021-5555 1234",
                                            "signature": "王伟\n华东销售部 客户经理"}, status=200)
    assert_error(rep.patch(f"/api/v1/users/{me}", {"signature": "长" * 501}), 400, field="signature")
    assert_error(rep.patch(f"/api/v1/users/{co.ids['rep2']}", {"signature": "x"}), 404)
    cid = campaign(rep, body_text="{{salutation}}您好。\n--\n{{owner.signature}}\n{{owner.phone}}")["id"]
    text = rep.ok("GET", f"/api/v1/campaigns/{cid}/preview")["message"]["text"]
    assert "王伟\n华东销售部 客户经理\n021-5555 1234" in text
