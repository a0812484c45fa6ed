"""Promotion, the seventh 7P statistic (docs/api.md, "Statistics"; docs/analytics.md), and
campaign mail in the value x response quadrant, against a real server. Customers,
contacts and orders go through the API; campaigns and their messages are written into the
database directly (what the sender and the public links would have left there), so the
figures below are worked out by hand. "Today" is 2025-06-30 (KEHU_TODAY): the default
period and the 12-month window are 2024-07-01 .. 2025-06-30.

The world (admin owns all but D, which the rep owns):
  A finance     contacts a1 a2 a3  orders 2025-02-01 1000/0, 2025-04-01 1000/1000 (profit 1000)
  B finance     contact  b1        order  2025-03-01 900/0                         (profit 900)
  C enterprise  contact  c1        order  2025-03-01 100/0                         (profit 100)
  D government  contact  d1        orders 2025-02-01 100/0, 2025-05-01 100/0       (profit 200)
No activities: response = (orders + clicks) / (1 + mails) over 12 months.
"""
import math
import sqlite3

import pytest

from conftest import Server, assert_error
from test_statistics import current, sheet_rows

TODAY = "2025-06-30"


@pytest.fixture
def srv(tmp_path, monkeypatch):
    monkeypatch.setenv("KEHU_TODAY", TODAY)
    s = Server(tmp_path)
    s.cli("init")
    s.admin_id = s.add_user("admin", "admin", team="总部")
    s.rep_id = s.add_user("rep", "sales", team="华东销售部", name="李丽")
    s.start()
    admin, rep = s.client("admin"), s.client("rep")
    s.c, s.k = {}, {}
    for key, owner, segment, orders, contacts in [
            ("A", admin, "finance", [("2025-02-01", "1000", "0"), ("2025-04-01", "1000", "1000")],
             ["a1", "a2", "a3"]),
            ("B", admin, "finance", [("2025-03-01", "900", "0")], ["b1"]),
            ("C", admin, "enterprise", [("2025-03-01", "100", "0")], ["c1"]),
            ("D", rep, "government", [("2025-02-01", "100", "0"), ("2025-05-01", "100", "0")],
             ["d1"])]:
        cid = owner.ok("POST", "/api/v1/customers", {"name": f"客户{key}",
                                                     "segment": segment})["id"]
        s.c[key] = cid
        for date, amount, cost in orders:
            admin.ok("POST", "/api/v1/orders", {"customer": cid, "date": date,
                                                "amount": amount, "cost": cost})
        for name in contacts:
            s.k[name] = admin.ok("POST", "/api/v1/contacts", {
                "customer": cid, "name": name, "email": f"{name}@example.com"})["id"]
    yield s
    s.stop()


def campaign(srv, name, kind="campaign", purpose="promotion"):
    con = sqlite3.connect(srv.db)
    with con:
        cur = con.execute(
            "INSERT INTO campaigns (name, kind, purpose, subject, body_text, status, owner_id,"
            " created_at, updated_at) VALUES (?, ?, ?, 's', 't', 'sent', ?,"
            " '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')", (name, kind, purpose, srv.admin_id))
    con.close()
    return cur.lastrowid


def mail(srv, campaign_id, contact, sent=None, opened=None, clicked=None, unsubscribed=None):
    """One message of campaign_id to contact (its name): queued, then, as the sender and
    the public links would mark it, sent on the day sent (at 09:00 UTC) and opened,
    clicked, unsubscribed from on theirs (None: not)."""
    at = lambda d: d and d + "T09:00:00Z"
    customer = {"a": "A", "b": "B", "c": "C", "d": "D"}[contact[0]]
    con = sqlite3.connect(srv.db)
    with con:
        cur = con.execute(
            "INSERT INTO mail_queue (campaign_id, contact_id, customer_id, address, next_at,"
            " queued_at) VALUES (?, ?, ?, ?, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')",
            (campaign_id, srv.k[contact], srv.c[customer], contact + "@example.com"))
        if sent:
            con.execute("UPDATE mail_queue SET state = 'sent', sent_at = ?, opened_at = ?,"
                        " clicked_at = ?, unsubscribed_at = ? WHERE id = ?",
                        (at(sent), at(opened), at(clicked), at(unsubscribed), cur.lastrowid))
    con.close()
    return cur.lastrowid


def sql(db, query, *args):
    con = sqlite3.connect(db)
    with con:
        rows = con.execute(query, args).fetchall()
    con.close()
    return rows


# ---- The statistic ----

def promotion_world(srv):
    """M1 (promotion, 2025-03-10) to a1 a2 a3 b1 d1: b1 and d1 opened, d1 clicked, a3
    unsubscribed; G1 (greeting, 2025-05-20) to c1, opened; M2 (invitation, 2024-05-01,
    before the period) to b1, opened; M3 still queued to d1."""
    m1 = campaign(srv, "夏季促销")
    for k in ("a1", "a2"):
        mail(srv, m1, k, sent="2025-03-10")
    mail(srv, m1, "a3", sent="2025-03-10", unsubscribed="2025-03-12")
    mail(srv, m1, "b1", sent="2025-03-10", opened="2025-03-11")
    mail(srv, m1, "d1", sent="2025-03-10", opened="2025-03-10", clicked="2025-03-10")
    m2 = campaign(srv, "展会邀请", purpose="invitation")
    mail(srv, m2, "b1", sent="2024-05-01", opened="2024-05-02")
    g1 = campaign(srv, "端午节问候", kind="greeting", purpose="greeting")
    mail(srv, g1, "c1", sent="2025-05-20", opened="2025-05-21")
    m3 = campaign(srv, "未发送")
    mail(srv, m3, "d1")
    return m1, m2, g1, m3


def test_promotion_by_campaign_and_segment(srv):
    m1, m2, g1, m3 = promotion_world(srv)
    admin = srv.client("admin")
    r = current(admin, "statistics/promotion")
    assert (r["statistic"], r["from"], r["to"], r["customers"]) == (
        "promotion", "2024-07-01", TODAY, 4)
    # M1's 5 and G1's 1; M2 was sent before the period, M3 not at all
    t = r["totals"]
    assert (t["sent"], t["opened"], t["clicked"], t["unsubscribed"]) == (6, 3, 1, 1)
    assert (t["open_rate"], t["click_rate"], t["unsubscribe_rate"]) == (
        pytest.approx(0.5), pytest.approx(1 / 6), pytest.approx(1 / 6))
    camp = {c["campaign_id"]: c for c in r["by_campaign"]}
    assert [c["campaign_id"] for c in r["by_campaign"]] == [g1, m1]  # newest first
    c = camp[m1]
    assert (c["name"], c["kind"], c["purpose"], c["sent"], c["opened"], c["clicked"],
            c["unsubscribed"]) == ("夏季促销", "campaign", "promotion", 5, 2, 1, 1)
    assert (c["open_rate"], c["click_rate"]) == (pytest.approx(0.4), pytest.approx(0.2))
    assert (camp[g1]["kind"], camp[g1]["sent"], camp[g1]["opened"],
            camp[g1]["open_rate"], camp[g1]["click_rate"]) == ("greeting", 1, 1, 1, 0)
    # A's three and B's one are finance; the largest first, then by name
    assert [(g["segment"], g["sent"], g["opened"], g["clicked"], g["unsubscribed"])
            for g in r["by_segment"]] == [
        ("finance", 4, 1, 0, 1), ("enterprise", 1, 1, 0, 0), ("government", 1, 1, 1, 0)]
    assert r["by_segment"][0]["open_rate"] == pytest.approx(0.25)
    assert r["by_segment"][2]["click_rate"] == 1

    # a period of its own: M2 alone; its last day counts whole (sent at 09:00)
    r = current(admin, "statistics/promotion", **{"from": "2024-05-01"}, to="2024-05-01")
    assert [(c["campaign_id"], c["sent"], c["opened"]) for c in r["by_campaign"]] == [(m2, 1, 1)]
    assert r["totals"]["sent"] == 1
    r = current(admin, "statistics/promotion", **{"from": "2025-03-11"})
    assert [c["campaign_id"] for c in r["by_campaign"]] == [g1]
    # nothing sent: zeros and rates of null
    r = current(admin, "statistics/promotion", **{"from": "2023-01-01"}, to="2023-12-31")
    assert r["totals"] == {"sent": 0, "opened": 0, "clicked": 0, "unsubscribed": 0,
                           "open_rate": None, "click_rate": None, "unsubscribe_rate": None}
    assert r["by_campaign"] == [] and r["by_segment"] == []


def test_a_rep_sees_the_mail_of_their_customers_only(srv):
    m1, *_ = promotion_world(srv)
    r = current(srv.client("rep"), "statistics/promotion")
    assert r["customers"] == 1
    assert (r["totals"]["sent"], r["totals"]["opened"], r["totals"]["clicked"]) == (1, 1, 1)
    assert [(c["campaign_id"], c["sent"]) for c in r["by_campaign"]] == [(m1, 1)]
    assert [g["segment"] for g in r["by_segment"]] == ["government"]


def test_a_click_outdates_the_stored_answer(srv):
    m1, *_ = promotion_world(srv)
    admin = srv.client("admin")
    assert current(admin, "statistics/promotion")["totals"]["clicked"] == 1
    # what the click redirect writes (the trigger of migration 31 outdates the result)
    con = sqlite3.connect(srv.db)
    with con:
        con.execute("UPDATE mail_queue SET opened_at = '2025-03-12T08:00:00Z',"
                    " clicked_at = '2025-03-12T08:00:00Z'"
                    " WHERE campaign_id = ? AND contact_id = ?", (m1, srv.k["a1"]))
    con.close()
    # without it the stored answer of today would stay (clicked 1); the refresher may
    # have computed it again already, so only the answer is checked
    r = current(admin, "statistics/promotion")
    assert (r["totals"]["clicked"], r["totals"]["opened"]) == (2, 4)
    assert {c["campaign_id"]: c["clicked"] for c in r["by_campaign"]}[m1] == 2


def test_promotion_xlsx_and_arguments(srv):
    promotion_world(srv)
    admin = srv.client("admin")
    r = admin.get("/api/v1/statistics/promotion", params={"format": "xlsx"})
    assert r.status_code == 200, r.text
    assert "statistics-promotion" in r.headers["Content-Disposition"]
    z, rows = sheet_rows(r.content)
    workbook = z.read("xl/workbook.xml").decode()
    assert "汇总" in workbook and "按活动" in workbook and "按行业" in workbook
    assert rows[0] == ["发送数", "打开数", "点击数", "退订数", "打开率", "点击率", "退订率"]
    assert rows[1][:4] == ["6", "3", "1", "1"] and float(rows[1][4]) == 0.5
    r = admin.get("/api/v1/statistics/promotion?format=xlsx&lang=en")
    _, rows = sheet_rows(r.content)
    assert rows[0][:2] == ["Sent", "Opened"]
    # promotion takes a period only
    assert_error(admin.get("/api/v1/statistics/promotion", params={"group": "channel"}), 400)
    assert_error(admin.get("/api/v1/statistics/promotion", params={"to": "2025-13-01"}), 400,
                 field="to")
    assert_error(admin.get("/api/v1/statistics/promotion",
                           params={"from": "2025-06-01", "to": "2025-05-01"}), 400, field="from")


# ---- The value x response quadrant ----

def quadrant_of(srv, key):
    """The value x response quadrant of customer key as the analysis stored it, and as
    the dashboard's report computes it."""
    stored = sql(srv.db, "SELECT json_extract(quadrants, '$.value_response'), mails_12m,"
                 " mail_clicks_12m FROM customer_metrics WHERE customer_id = ?", srv.c[key])[0]
    q = current(srv.client("admin"), "analytics/quadrants", matrix="value_response")
    point = {p["customer_id"]: p for p in q["points"]}[srv.c[key]]
    assert point["quadrant"] == stored[0], (point, stored)
    return stored[0], stored[1], stored[2], point["y"]


def test_mail_without_clicks_moves_a_customer_toward_stranger(srv):
    # x (profit): A 1000, B 900 high; D 200, C 100 low (median 550)
    # y without mail: A 2/1, B 1, C 1, D 2 (median 1.5): A best, D fatal attraction
    srv.cli("analyze")
    assert quadrant_of(srv, "A") == ("best", 0, 0, pytest.approx(2.0))
    assert quadrant_of(srv, "B")[0] == "stranger"
    assert quadrant_of(srv, "C")[0] == "ghost"
    assert quadrant_of(srv, "D")[0] == "fatal_attraction"

    # three campaign messages to A in the window, none clicked: 2 / (1 + 3) = 0.5;
    # y: A 0.5, B 1, C 1, D 2 (median 1): A high value, low response
    m1 = campaign(srv, "夏季促销")
    ids = [mail(srv, m1, k, sent="2025-03-10") for k in ("a1", "a2", "a3")]
    # neither a greeting (not asked for an answer) nor a message sent before the
    # window (2024-06-30) counts: C and B keep their response of 1
    g1 = campaign(srv, "端午节问候", kind="greeting", purpose="greeting")
    mail(srv, g1, "c1", sent="2025-05-20")
    old = campaign(srv, "旧活动")
    mail(srv, old, "b1", sent="2024-06-30")
    srv.cli("analyze")
    assert quadrant_of(srv, "A") == ("stranger", 3, 0, pytest.approx(0.5))
    assert quadrant_of(srv, "B")[1:] == (0, 0, pytest.approx(1.0))
    assert quadrant_of(srv, "C")[1:] == (0, 0, pytest.approx(1.0))

    # all three clicked: (2 + 3) / (1 + 3) = 1.25 over a median of 1.125: best again
    con = sqlite3.connect(srv.db)
    with con:
        con.executemany("UPDATE mail_queue SET clicked_at = '2025-03-11T10:00:00Z'"
                        " WHERE id = ?", [(i,) for i in ids])
    con.close()
    srv.cli("analyze")
    assert quadrant_of(srv, "A") == ("best", 3, 3, pytest.approx(1.25))
    assert quadrant_of(srv, "D")[0] == "fatal_attraction"


def test_a_customers_refresh_counts_its_mail(srv):
    """A write on one customer recomputes its metrics (store/analysis/metrics.c), mail
    included, as the analysis does."""
    m1 = campaign(srv, "夏季促销")
    mail(srv, m1, "b1", sent="2025-06-29", clicked="2025-06-30")
    mail(srv, m1, "a1", sent="2025-06-29")
    admin = srv.client("admin")
    admin.ok("POST", "/api/v1/orders", {"customer": srv.c["B"], "date": "2025-06-01",
                                        "amount": "10", "cost": "0"})
    assert sql(srv.db, "SELECT mails_12m, mail_clicks_12m FROM customer_metrics"
               " WHERE customer_id = ?", srv.c["B"]) == [(1, 1)]
    # A had no write: its counts wait for the analysis
    assert sql(srv.db, "SELECT mails_12m FROM customer_metrics WHERE customer_id = ?",
               srv.c["A"]) == [(0,)]
    srv.cli("analyze")
    assert sql(srv.db, "SELECT mails_12m, mail_clicks_12m FROM customer_metrics"
               " ORDER BY customer_id") == [(1, 0), (1, 1), (0, 0), (0, 0)]


# ---- Next visits ----

def admins_visits(srv):
    groups = current(srv.client("admin"), "next-visits")["reps"]
    return [v for g in groups if g["rep"] == "admin" for v in g["visits"]]


def test_a_recent_click_raises_a_next_visit_and_names_the_campaign(srv):
    # never contacted (urgency 3), no model: score = 3 log10(1 + profit in yuan)
    visits = admins_visits(srv)
    assert [v["name"] for v in visits] == ["客户A", "客户B", "客户C"]
    assert [v["score"] for v in visits] == [pytest.approx(3 * math.log10(1 + y), abs=1e-3)
                                            for y in (1000, 900, 100)]
    assert all(v["clicked_campaign"] is None and "clicked_campaign" not in v["reasons"]
               for v in visits)

    m1 = campaign(srv, "新品发布")
    mail(srv, m1, "b1", sent="2025-06-20", clicked="2025-06-25")
    # a click 30 days ago or more, or on a greeting, is no reason
    mail(srv, m1, "c1", sent="2025-05-01", clicked="2025-05-31")
    g1 = campaign(srv, "端午节问候", kind="greeting", purpose="greeting")
    mail(srv, g1, "a1", sent="2025-06-28", clicked="2025-06-29")
    visits = admins_visits(srv)
    # B: 3 log10(901) x 1.25 = 11.08 above A's 9.00
    assert [v["name"] for v in visits] == ["客户B", "客户A", "客户C"]
    b = visits[0]
    assert b["score"] == pytest.approx(3 * math.log10(901) * 1.25, abs=1e-3)
    assert b["clicked_campaign"] == "新品发布" and "clicked_campaign" in b["reasons"]
    assert "5 天前点击了活动邮件“新品发布”" in b["reason"]
    assert visits[1]["clicked_campaign"] is None and visits[2]["clicked_campaign"] is None
    assert visits[2]["score"] == pytest.approx(3 * math.log10(101), abs=1e-3)
