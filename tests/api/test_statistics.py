"""The 7P statistics (docs/api.md, "Statistics") and the cross-sell suggestions against a
real server, on hand-built customers, products and orders whose figures are worked out
by hand below. "Today" is fixed with KEHU_TODAY (the default period is the twelve months
2024-07-01 .. 2025-06-30), except for prospecting, which counts customer records by the
month they were made: that is the real clock, so its test dates its orders from it.

The world (admin owns all but C1 and C4, which the rep owns):
  products  A 传感器 100/60, B 变送器 200/150 (both category 传感器), C 软件许可 1000/400
            (软件), D 安装服务 500/100 (服务): price/cost in yuan
  C1 rep  华东  O1 2025-01-10 直销 A×2 B×1 = 400      O2 2025-03-05 电商 C×1 = 1000
  C2      华北  O3 2025-02-20 直销 A B C = 1300       O4 2025-05-01 直销 500 (cost 300, no lines)
  C3      华东  O5 2025-04-15 电商 A B×2 = 500        O7 2025-06-01 电商 D C = 1500
                O6 2024-03-01 D = 500 (before the period)
  C4 rep        no orders
  C5            O8 2024-01-10 A (before the period)
  C6            O9 2024-02-01 A C (before the period)
"""
import datetime
import io
import re
import time
import zipfile

import pytest

from conftest import Server, assert_error

TODAY = "2025-06-30"


def pick(rows, key="key"):
    return {r[key]: r for r in rows}


def current(cl, path, **params):
    """The answer once it is not an outdated stored one (the refresher recomputes it)."""
    deadline = time.time() + 60
    while True:
        body = cl.ok("GET", "/api/v1/" + path, params=params)
        if "refreshing" not in body:
            return body
        assert time.time() < deadline, f"{path} still refreshing"
        time.sleep(0.2)


def order(cl, cid, date, lines=(), channel=None, **fields):
    body = {"customer": cid, "date": date, **fields}
    if lines:
        body["lines"] = [{"product": p, "quantity": q} for p, q in lines]
    if channel:
        body["channel"] = channel
    return cl.ok("POST", "/api/v1/orders", body)["id"]


def build(srv, dated=None):
    """The world above; dated maps an order's name to another date. Returns ids."""
    d = {"O1": "2025-01-10", "O2": "2025-03-05", "O3": "2025-02-20", "O4": "2025-05-01",
         "O5": "2025-04-15", "O6": "2024-03-01", "O7": "2025-06-01", "O8": "2024-01-10",
         "O9": "2024-02-01", **(dated or {})}
    admin = srv.client("admin")
    rep = srv.client("rep")
    p = {}
    for key, name, cat, price, cost in [("A", "传感器", "传感器", "100", "60"),
                                        ("B", "变送器", "传感器", "200", "150"),
                                        ("C", "软件许可", "软件", "1000", "400"),
                                        ("D", "安装服务", "服务", "500", "100")]:
        p[key] = admin.ok("POST", "/api/v1/products", {
            "name": name, "code": "P-" + key, "category": cat, "unit_price": price,
            "unit_cost": cost})["id"]
    c = {}
    for key, owner, region, segment, source in [
            ("C1", rep, "华东", "finance", "referral"), ("C2", None, "华北", "enterprise", "exhibition"),
            ("C3", None, "华东", "finance", "exhibition"), ("C4", rep, None, "government", None),
            ("C5", None, "华南", "education", None), ("C6", None, "华南", "education", None)]:
        body = {"name": f"客户{key}", "segment": segment}
        if region:
            body["region"] = region
        if source:
            body["source"] = source
        # a rep owns the customers they make
        c[key] = (owner or admin).ok("POST", "/api/v1/customers", body)["id"]
    order(admin, c["C1"], d["O1"], [(p["A"], 2), (p["B"], 1)], "直销")
    order(admin, c["C1"], d["O2"], [(p["C"], 1)], "电商")
    order(admin, c["C2"], d["O3"], [(p["A"], 1), (p["B"], 1), (p["C"], 1)], "直销")
    order(admin, c["C2"], d["O4"], channel="直销", amount="500", cost="300")
    order(admin, c["C3"], d["O5"], [(p["A"], 1), (p["B"], 2)], "电商")
    order(admin, c["C3"], d["O6"], [(p["D"], 1)])
    order(admin, c["C3"], d["O7"], [(p["D"], 1), (p["C"], 1)], "电商")
    order(admin, c["C5"], d["O8"], [(p["A"], 1)])
    order(admin, c["C6"], d["O9"], [(p["A"], 1), (p["C"], 1)])
    return p, c


def start(tmp_path, today):
    s = Server(tmp_path)
    s.cli("init")
    s.add_user("admin", "admin", team="总部")
    s.rep_id = s.add_user("rep", "sales", team="华东销售部", name="李丽")
    s.start()
    return s


@pytest.fixture
def srv(tmp_path, monkeypatch):
    monkeypatch.setenv("KEHU_TODAY", TODAY)
    s = start(tmp_path, TODAY)
    s.p, s.c = build(s)
    yield s
    s.stop()


# ---- Performance ----

def test_performance_by_category_channel_and_region(srv):
    admin = srv.client("admin")
    r = current(admin, "statistics/performance")
    assert (r["statistic"], r["from"], r["to"], r["group"]) == (
        "performance", "2024-07-01", TODAY, "category")
    assert r["customers"] == 6 and r["as_of"] == TODAY
    # line amounts by their product's category; O4 has no lines (null); O6, O8, O9 are
    # before the period
    rows = pick(r["rows"])
    assert set(rows) == {"软件", "传感器", "服务", None}
    assert [(rows[k]["revenue"], rows[k]["orders"], rows[k]["customers"], rows[k]["profit"])
            for k in ("软件", "传感器", "服务", None)] == [
        ("3000.00", 3, 3, "1800.00"), ("1200.00", 3, 3, "360.00"), ("500.00", 1, 1, "400.00"),
        ("500.00", 1, 1, "200.00")]
    assert r["rows"][0]["key"] == "软件" and r["rows"][0]["revenue_fen"] == 300000
    assert r["total"]["revenue"] == "5200.00" and r["total"]["profit"] == "2760.00"
    assert rows["软件"]["share"] == pytest.approx(3000 / 5200)

    r = current(admin, "statistics/performance", group="channel")
    assert [(x["key"], x["revenue"], x["orders"], x["customers"]) for x in r["rows"]] == [
        ("电商", "3000.00", 3, 2), ("直销", "2200.00", 3, 2)]
    r = current(admin, "statistics/performance", group="region")
    assert [(x["key"], x["revenue"], x["orders"], x["customers"]) for x in r["rows"]] == [
        ("华东", "3400.00", 4, 2), ("华北", "1800.00", 2, 1)]
    # a period of its own: O2 and O5 only
    r = current(admin, "statistics/performance", group="channel", **{"from": "2025-03-01"},
                to="2025-04-30")
    assert (r["from"], r["to"]) == ("2025-03-01", "2025-04-30")
    assert [(x["key"], x["revenue"], x["orders"]) for x in r["rows"]] == [("电商", "1500.00", 2)]


def test_a_rep_sees_only_their_customers_figures(srv):
    rep = srv.client("rep")
    r = current(rep, "statistics/performance")
    assert r["customers"] == 2
    assert {x["key"]: (x["revenue"], x["orders"]) for x in r["rows"]} == {
        "软件": ("1000.00", 1), "传感器": ("400.00", 1)}
    r = current(rep, "statistics/performance", group="channel")
    assert {x["key"]: x["revenue"] for x in r["rows"]} == {"电商": "1000.00", "直销": "400.00"}
    r = current(rep, "statistics/performance", group="region")
    assert [(x["key"], x["revenue"], x["orders"]) for x in r["rows"]] == [("华东", "1400.00", 2)]
    # product pairs of the rep's orders only: O1 {A, B} and O2 {C}
    r = current(rep, "statistics/product")
    assert r["orders"] == 2
    assert [(q["a"], q["b"], q["orders"], q["lift"]) for q in r["pairs"]] == [
        ("传感器", "变送器", 1, pytest.approx(2.0))]
    # profiling, persistency, profitability count the rep's two customers
    for name in ("profiling", "persistency", "profitability"):
        assert current(rep, "statistics/" + name)["customers"] == 2, name
    prof = current(rep, "statistics/profitability")
    assert [c["name"] for c in prof["top"]] == ["客户C1", "客户C4"]
    # another owner's customer is not there for the rep
    assert_error(rep.get(f"/api/v1/customers/{srv.c['C2']}/cross-sell"), 404)


def test_a_write_outdates_the_stored_answer(srv):
    admin = srv.client("admin")
    before = current(admin, "statistics/performance", group="channel")
    assert pick(before["rows"])["直销"]["revenue"] == "2200.00"
    order(admin, srv.c["C4"], "2025-06-10", [(srv.p["D"], 2)], "直销")
    after = current(admin, "statistics/performance", group="channel")
    assert pick(after["rows"])["直销"]["revenue"] == "3200.00"
    assert pick(after["rows"])["直销"]["customers"] == 3


def test_a_product_edit_outdates_the_stored_answer(srv):
    admin = srv.client("admin")
    assert pick(current(admin, "statistics/performance")["rows"])["服务"]["revenue"] == "500.00"
    pairs = current(admin, "statistics/product")["pairs"]
    assert "安装服务" in {q["a"] for q in pairs} | {q["b"] for q in pairs}
    # D moves to 软件: O7's D line (500) joins 软件's 3000, and 服务 is gone
    admin.ok("PATCH", f"/api/v1/products/{srv.p['D']}", {"category": "软件",
                                                         "name": "安装与调试"})
    rows = pick(current(admin, "statistics/performance")["rows"])
    assert "服务" not in rows and rows["软件"]["revenue"] == "3500.00"
    pairs = current(admin, "statistics/product")["pairs"]
    names = {q["a"] for q in pairs} | {q["b"] for q in pairs}
    assert "安装与调试" in names and "安装服务" not in names


# ---- Product and cross-sell ----

def test_product_pairs_support_confidence_and_lift(srv):
    admin = srv.client("admin")
    r = current(admin, "statistics/product")
    # baskets of the period: O1 {A,B}, O2 {C}, O3 {A,B,C}, O5 {A,B}, O7 {C,D}: N = 5,
    # n(A) = n(B) = n(C) = 3, n(D) = 1
    assert r["orders"] == 5 and r["products_sold"] == 4 and r["min_support"] == 0.01
    got = [(q["a"], q["b"], q["orders"], q["orders_a"], q["orders_b"]) for q in r["pairs"]]
    # {A,B}: 3 of 5, lift 3*5/(3*3) = 5/3; {C,D}: 1, lift 1*5/(3*1) = 5/3 (fewer orders:
    # after); {A,C} and {B,C}: 1, lift 5/9
    assert got == [("传感器", "变送器", 3, 3, 3), ("软件许可", "安装服务", 1, 3, 1),
                   ("传感器", "软件许可", 1, 3, 3), ("变送器", "软件许可", 1, 3, 3)]
    ab, cd = r["pairs"][0], r["pairs"][1]
    assert ab["support"] == pytest.approx(0.6) and ab["lift"] == pytest.approx(5 / 3)
    assert ab["confidence_ab"] == pytest.approx(1.0) and ab["confidence_ba"] == pytest.approx(1.0)
    assert cd["support"] == pytest.approx(0.2) and cd["lift"] == pytest.approx(5 / 3)
    assert cd["confidence_ab"] == pytest.approx(1 / 3) and cd["confidence_ba"] == pytest.approx(1.0)
    assert (ab["a_id"], ab["b_id"], ab["a_code"]) == (srv.p["A"], srv.p["B"], "P-A")
    assert r["pairs"][2]["lift"] == pytest.approx(5 / 9)
    # support 0.5 or more: only {A, B} (D's 0.2 drops it and its pair first)
    r = current(admin, "statistics/product", min_support="0.5")
    assert [(q["a"], q["b"]) for q in r["pairs"]] == [("传感器", "变送器")]
    assert r["min_support"] == 0.5


def test_cross_sell_order_and_reason(srv):
    admin = srv.client("admin")
    c = srv.c

    def sell(key):
        return admin.ok("GET", f"/api/v1/customers/{c[key]}/cross-sell")

    # C6 bought A and C (before the period: what one bought counts whenever): B because
    # of A (confidence 1 x lift 5/3), then D because of C (1/3 x 5/3 = 5/9); C because of
    # A has lift 5/9 < 1, no reason.
    r = sell("C6")
    assert r["customer_id"] == c["C6"] and r["products_bought"] == 2
    assert [(s["product"], s["because"]) for s in r["suggestions"]] == [
        ("变送器", "传感器"), ("安装服务", "软件许可")]
    b, d = r["suggestions"]
    assert (b["product_id"], b["because_id"], b["product_code"]) == (srv.p["B"], srv.p["A"], "P-B")
    assert b["confidence"] == pytest.approx(1.0) and b["lift"] == pytest.approx(5 / 3)
    assert b["score"] == pytest.approx(5 / 3) and b["orders"] == 3
    assert d["confidence"] == pytest.approx(1 / 3) and d["score"] == pytest.approx(5 / 9)
    # C1 bought A, B and C: D because of C
    assert [(s["product"], s["because"]) for s in sell("C1")["suggestions"]] == [
        ("安装服务", "软件许可")]
    # C3 bought everything, C4 nothing: nothing to suggest
    assert sell("C3")["suggestions"] == [] and sell("C4")["suggestions"] == []
    assert len(admin.ok("GET", f"/api/v1/customers/{c['C6']}/cross-sell",
                        params={"limit": 1})["suggestions"]) == 1
    assert_error(admin.get(f"/api/v1/customers/{c['C6']}/cross-sell", params={"limit": 0}),
                 400, field="limit")
    assert_error(admin.get("/api/v1/customers/999999/cross-sell"), 404)


# ---- The three that gather the analytics ----

def test_profiling_persistency_profitability(srv):
    admin = srv.client("admin")
    r = current(admin, "statistics/profiling")
    assert r["customers"] == 6
    assert {x["value"]: x["count"] for x in r["segment"]} == {
        "finance": 2, "enterprise": 1, "government": 1, "education": 2}
    assert {x["value"]: x["count"] for x in r["grade"]} == {None: 6}
    abc = current(admin, "analytics/abc")
    assert r["abc"] == abc["classes"] and r["links"]["abc"] == "/api/v1/analytics/abc"
    assert r["grid"] == current(admin, "analytics/grid")["tiers"]

    r = current(admin, "statistics/persistency")
    assert r["lifecycle"] == current(admin, "analytics/lifecycle")["stages"]
    assert r["loyalty"] == current(admin, "analytics/loyalty")["stages"]
    assert sum(x["count"] for x in r["lifecycle"]) + r["unclassified"] == 6

    r = current(admin, "statistics/profitability")
    # gross profit of the last 12 months: C3 140 + 1000, C2 690 + 200, C1 130 + 600
    # (no activities, no payments: net = gross)
    assert [(x["name"], x["net_profit_12m"]) for x in r["top"][:3]] == [
        ("客户C3", "1140.00"), ("客户C2", "890.00"), ("客户C1", "730.00")]
    assert r["revenue_12m"] == "5200.00" and r["net_profit_12m"] == "2760.00"
    assert r["net_profit_per_customer"] == "460.00" and r["loss_making"] == 0
    assert r["bottom"] == []
    assert r["abc"] == current(admin, "analytics/abc", basis="net_profit")["classes"]


# ---- Prospecting (the real clock) ----

def months_back(day, k):
    y, m = day.year, day.month - k
    while m < 1:
        y, m = y - 1, m + 12
    return datetime.date(y, m, 1)


def test_prospecting_counts_by_month(tmp_path, monkeypatch):
    monkeypatch.delenv("KEHU_TODAY", raising=False)
    today = datetime.date.today()
    m2, m1, m0, m4 = (months_back(today, k) for k in (2, 1, 0, 4))
    s = start(tmp_path, None)
    try:
        # C1's first order two months back, C2's a month back (and one more this month),
        # C3's four months back (before the period) and again this month
        build(s, {"O1": str(m2.replace(day=5)), "O2": str(m2.replace(day=6)),
                  "O3": str(m1.replace(day=3)), "O4": str(m0), "O5": str(m4), "O7": str(m0),
                  "O6": str(m4), "O8": str(m4), "O9": str(m4)})
        admin, rep = s.client("admin"), s.client("rep")
        r = current(admin, "statistics/prospecting", **{"from": str(m2)})
        months = [m.strftime("%Y-%m") for m in (m2, m1, m0)]
        assert [a["month"] for a in r["acquisition"]] == months
        # every record was made today
        assert [a["new_records"] for a in r["acquisition"]] == [0, 0, 6]
        # first orders by month: C1, then C2; C3, C5, C6 bought first before the period
        assert [a["first_orders"] for a in r["acquisition"]] == [1, 1, 0]
        seg = {(x["month"], x["value"]): x["customers"] for x in r["by_segment"]}
        assert seg[(months[2], "finance")] == 2 and seg[(months[2], "education")] == 2
        assert seg[(months[2], "enterprise")] == 1 and seg[(months[0], "finance")] == 0
        src = {(x["month"], x["value"]): x["customers"] for x in r["by_source"]}
        assert src[(months[2], "exhibition")] == 2 and src[(months[2], None)] == 3
        assert r["customers"] == 6
        # the rep: C1 (finance, referral) and C4 (government)
        r = current(rep, "statistics/prospecting", **{"from": str(m2)})
        assert [a["new_records"] for a in r["acquisition"]] == [0, 0, 2]
        assert [a["first_orders"] for a in r["acquisition"]] == [1, 0, 0]
        assert {x["value"] for x in r["by_segment"]} == {"finance", "government"}
    finally:
        s.stop()


# ---- xlsx ----

def sheet_rows(data):
    """The rows of the workbook's first sheet as lists of text (shared strings
    resolved, numbers as written)."""
    z = zipfile.ZipFile(io.BytesIO(data))
    strings = [re.sub(r"<[^>]+>", "", si) for si in
               re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode())]
    sheet = z.read("xl/worksheets/sheet1.xml").decode()
    rows = []
    for row in re.findall(r"<row [^>]*>(.*?)</row>", sheet):
        cells = []
        for attrs, v in re.findall(r"<c ([^>]*)>(?:<v>(.*?)</v>)?</c>", row):
            cells.append(strings[int(v)] if 't="s"' in attrs else v)
        rows.append(cells)
    return z, rows


def test_xlsx_has_the_same_figures_with_headers(srv):
    admin = srv.client("admin")
    r = admin.get("/api/v1/statistics/performance", params={"group": "channel", "format": "xlsx"})
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "statistics-performance" in r.headers["Content-Disposition"]
    z, rows = sheet_rows(r.content)
    assert "按渠道" in z.read("xl/workbook.xml").decode()
    assert rows[0] == ["渠道", "订单数", "客户数", "销售额（元）", "毛利（元）", "销售额占比"]
    assert rows[1][:4] == ["电商", "3", "2", "3000"] and rows[2][:4] == ["直销", "3", "2", "2200"]
    # English for an English browser, and by ?lang
    r = admin.get("/api/v1/statistics/performance", headers={"Accept-Language": "en-US,en"})
    r = admin.get("/api/v1/statistics/performance?format=xlsx",
                  headers={"Accept-Language": "en-US,en"})
    _, rows = sheet_rows(r.content)
    assert rows[0][:2] == ["Product category", "Orders"] and rows[1][0] == "软件"
    r = admin.get("/api/v1/statistics/product?format=xlsx&lang=en")
    _, rows = sheet_rows(r.content)
    assert rows[0][:3] == ["Product A", "Code A", "Product B"] and rows[1][:3] == [
        "传感器", "P-A", "变送器"]
    r = admin.get("/api/v1/statistics/prospecting?format=xlsx")
    _, rows = sheet_rows(r.content)
    assert rows[0] == ["月份", "新建客户数", "首单客户数（新获客）"] and len(rows) == 13
    for name in ("profiling", "persistency", "profitability"):
        r = admin.get(f"/api/v1/statistics/{name}?format=xlsx")
        assert r.status_code == 200 and zipfile.ZipFile(io.BytesIO(r.content)).testzip() is None
    _, rows = sheet_rows(admin.get("/api/v1/statistics/profiling?format=xlsx").content)
    assert rows[0] == ["客户等级", "客户数", "占比"] and rows[1][:2] == ["（无）", "6"]


def test_bad_arguments(srv):
    admin = srv.client("admin")
    get = lambda path, **q: admin.get("/api/v1/statistics/" + path, params=q)
    assert_error(get("performance", group="product"), 400, "invalid", "group")
    assert_error(get("performance", **{"from": "2025-05-01"}, to="2025-04-01"), 400, field="from")
    assert_error(get("performance", **{"from": "2010-01-01"}), 400, field="from")
    assert_error(get("performance", to="2025-13-01"), 400, field="to")
    assert_error(get("product", min_support="2"), 400, field="min_support")
    assert_error(get("product", min_support="x"), 400, field="min_support")
    assert_error(get("product", format="pdf"), 400, field="format")
    assert_error(get("profiling", group="channel"), 400, field="group")
    assert_error(get("prospecting", min_support="0.1"), 400, field="min_support")
    assert_error(get("performance", lang="fr", format="xlsx"), 400, field="lang")
    assert admin.get("/api/v1/statistics/price").status_code == 404
