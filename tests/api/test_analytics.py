"""The analytics endpoints (docs/api.md, "Analytics") against a real server.

Small data sets whose expected numbers are worked out by hand here; "today" is fixed
with KEHU_TODAY so the 12-month windows, cohorts and months do not move.
"""
import pytest

from conftest import Server, assert_error

TODAY = "2025-06-30"
ROUTES = ["abc", "grid", "quadrants", "lifecycle", "loyalty", "clv", "whale", "cohorts",
          "forecast", "followups"]


@pytest.fixture
def srv(tmp_path, monkeypatch):
    monkeypatch.setenv("KEHU_TODAY", TODAY)
    s = Server(tmp_path)
    s.cli("init")
    s.add_user("admin", "admin", team="总部")
    s.add_user("rep", "sales", team="华东销售部", name="李丽")
    s.start()
    yield s
    s.stop()


def customer(cl, name, orders=(), **fields):
    """A customer with orders [(date, amount_yuan, cost_yuan)]; returns its id."""
    cid = cl.ok("POST", "/api/v1/customers", {"name": name, **fields})["id"]
    for date, amount, cost in orders:
        cl.ok("POST", "/api/v1/orders", {"customer": cid, "date": date, "amount": str(amount),
                                         "cost": str(cost)})
    return cid


def profit_customers(cl, profits, prefix="客户"):
    """One customer per profit (yuan) with one order in the last 12 months."""
    return [customer(cl, f"{prefix}{i}", [("2025-03-15", 2 * p, p)])
            for i, p in enumerate(profits)]


def get(cl, path, **params):
    return cl.ok("GET", "/api/v1/" + path, params=params)


def by(items, key):
    return {item[key]: item for item in items}


def test_abc_by_hand(srv):
    admin = srv.client("admin")
    profit_customers(admin, [5000, 2500, 1500, 700, 300])
    r = get(admin, "analytics/abc")
    assert r["as_of"] == TODAY and r["customers"] == 5 and r["basis"] == "profit"
    assert r["total_fen"] == 1000000 and r["total"] == "10000.00"
    # 5000 reaches 50% (A); 2500 starts at 50% and 1500 at 75% (B); the rest C.
    c = by(r["classes"], "class")
    assert [c[k]["count"] for k in "ABC"] == [1, 2, 2]
    assert [c[k]["value_fen"] for k in "ABC"] == [500000, 400000, 100000]
    assert [c[k]["value"] for k in "ABC"] == ["5000.00", "4000.00", "1000.00"]
    assert [c[k]["value_share"] for k in "ABC"] == pytest.approx([0.5, 0.4, 0.1])
    assert [c[k]["share"] for k in "ABC"] == pytest.approx([0.2, 0.4, 0.4])
    # by count: ceil(5% of 5) = 1 A, ceil(20% of 5) = 1 so no B, 4 C
    c = by(r["classes_by_count"], "class")
    assert [c[k]["count"] for k in "ABC"] == [1, 0, 4]
    # one Pareto point per customer
    assert [(p["customers"], p["value"]) for p in r["pareto"]] == [
        pytest.approx((0, 0)), pytest.approx((0.2, 0.5)), pytest.approx((0.4, 0.75)),
        pytest.approx((0.6, 0.9)), pytest.approx((0.8, 0.97)), pytest.approx((1, 1))]
    # by sales the ranking is the same, the total twice as large
    s = get(admin, "analytics/abc", basis="sales")
    assert s["basis"] == "sales" and s["total_fen"] == 2000000


def test_whale_by_hand(srv):
    admin = srv.client("admin")
    # 4000, 3000, 2000, 1000 and a loss-maker of -2000 (amount 1000, cost 3000)
    profit_customers(admin, [4000, 3000, 2000, 1000])
    customer(admin, "亏损客户", [("2025-02-01", 1000, 3000)])
    w = get(admin, "analytics/whale")
    assert w["customers"] == 5
    assert w["total_fen"] == 800000 and w["total"] == "8000.00"
    assert w["peak_fen"] == 1000000 and w["peak_customers"] == pytest.approx(0.8)
    assert w["peak_of_total"] == pytest.approx(1.25)
    assert w["top_fen"] == 400000 and w["top_of_total"] == pytest.approx(0.5)  # top 1 of 5
    # the worst ceil(1.5) = 2 customers (1000 and -2000) are left out: 9000 - 2000 ... :
    assert w["without_worst_fen"] == 900000
    assert w["worst_cut"] == pytest.approx((900000 - 800000) / 900000)
    assert [p["profit_fen"] for p in w["curve"]] == [0, 400000, 700000, 900000, 1000000, 800000]
    assert w["curve"][-1]["profit"] == "8000.00"


def test_quadrants_grid_and_counts(srv):
    admin = srv.client("admin")
    ids = profit_customers(admin, [5000, 2500, 1500, 700, 300])
    customer(admin, "潜在客户")  # no orders: in no quadrant, no grid tier
    q = get(admin, "analytics/quadrants")
    assert q["matrix"] == "value_loyalty" and q["customers"] == 6
    assert q["x"] == {"metric": "profit_12m", "unit": "fen", "cut": 150000}
    assert q["y"]["metric"] == "quarters_active" and q["y"]["cut"] == 1
    counts = {e["quadrant"]: e["count"] for e in q["quadrants"]}
    assert counts == {"golden": 0, "at_risk": 2, "dont_over_serve": 0, "marginal": 3}
    assert q["unknown"] == 1 and q["points_total"] == 5 and not q["truncated"]
    pts = by(q["points"], "customer_id")
    assert set(pts) == set(ids)
    assert pts[ids[0]] == {"customer_id": ids[0], "name": "客户0", "x": 500000, "y": 1,
                           "quadrant": "at_risk"}
    every = get(admin, "analytics/quadrants", matrix="all")
    assert [m["matrix"] for m in every["matrices"]] == [
        "value_response", "value_loyalty", "direct_indirect", "volume_profit",
        "current_potential"]
    for m in every["matrices"]:
        assert sum(e["count"] for e in m["quadrants"]) + m["unknown"] == 6
        assert all(p["name"] for p in m["points"])
    assert get(admin, "analytics/quadrants", matrix="benefit")["matrix"] == "direct_indirect"

    g = get(admin, "analytics/grid")
    assert g["customers"] == 6 and g["with_orders"] == 5
    assert len(g["cells"]) == 9
    assert [(c["amount"], c["interval"]) for c in g["cells"][:3]] == [
        ("large", "short"), ("large", "medium"), ("large", "long")]
    assert g["cells"][0]["tier"] == "platinum" and g["cells"][8]["tier"] == "optimise"
    # one order each: everybody sits on the long-interval column
    assert sum(c["count"] for c in g["cells"]) == 5
    assert all(c["count"] == 0 for c in g["cells"] if c["interval"] != "long")
    assert sum(c["revenue_fen"] for c in g["cells"]) == 2000000
    tiers = by(g["tiers"], "tier")
    assert sum(t["count"] for t in g["tiers"]) == 6 and tiers["none"]["count"] == 1
    assert g["cuts"]["interval_short_days"] is None

    for kind in ("lifecycle", "loyalty"):
        r = get(admin, "analytics/" + kind)
        assert sum(s["count"] for s in r["stages"]) + r["unclassified"] == 6
    life = get(admin, "analytics/lifecycle")
    assert [s["stage"] for s in life["stages"]] == [
        "potential", "opportunity", "new", "repeat", "dormant", "churned"]
    loyalty = get(admin, "analytics/loyalty")
    assert [s["stage"] for s in loyalty["stages"]] == [
        "potential", "new", "occasional", "regular", "old", "loyal"]
    assert sum(b["count"] for b in loyalty["brand_loyalty"]) == 6


def test_cohorts_and_forecast_by_hand(srv):
    admin = srv.client("admin")
    o = lambda *dates: [(d, 1000, 600) for d in dates]  # noqa: E731
    customer(admin, "甲", o("2023-02-01", "2024-05-01", "2025-01-10"))
    customer(admin, "乙", o("2023-06-01"))
    customer(admin, "丙", o("2024-03-01", "2025-04-01"))
    customer(admin, "丁", o("2024-07-01"))
    customer(admin, "戊", o("2025-02-01"))
    customer(admin, "己")  # no orders
    c = get(admin, "analytics/cohorts")
    assert c["period"] == "year" and c["customers"] == 5
    assert [(k["cohort"], k["size"], k["active"]) for k in c["cohorts"]] == [
        ("2023", 2, [2, 1, 1]), ("2024", 2, [2, 1]), ("2025", 1, [1])]
    assert c["cohorts"][0]["retention"] == pytest.approx([1, 0.5, 0.5])
    assert c["cohorts"][0]["churn"][0] is None
    assert c["cohorts"][0]["churn"][1:] == pytest.approx([0.5, 0.0])
    assert c["cohorts"][1]["retention"] == pytest.approx([1, 0.5])
    q = get(admin, "analytics/cohorts", period="quarter")
    assert q["cohorts"][0]["cohort"] == "2023Q1" and q["customers"] == 5
    assert sum(k["size"] for k in q["cohorts"]) == 5

    f = get(admin, "analytics/forecast")
    months = f["months"]
    assert len(months) == 24 and months[0]["month"] == "2023-06" and months[-1]["month"] == "2025-05"
    m = by(months, "month")
    assert m["2023-06"]["orders"] == 1 and m["2023-06"]["revenue_fen"] == 100000
    assert m["2024-07"]["profit"] == "400.00" and m["2024-08"]["orders"] == 0
    assert sum(x["orders"] for x in months) == 7  # all but 2023-02
    assert f["current_month"]["month"] == "2025-06" and f["current_month"]["orders"] == 0
    # buyers of the last 12 months: 甲 丙 丁 戊; of the 12 before: 甲 丙, both came back
    a = f["annual_sales"]
    assert a["customers"] == 4 and a["retention"] == pytest.approx(1.0)
    assert a["transactions_per_month"] == pytest.approx(1 / 12)
    assert a["amount_fen"] == 100000
    assert a["value_fen"] == 400000 and a["value"] == "4000.00"
    assert f["expected"]["days"] == 90


def test_followups_by_hand(srv):
    admin = srv.client("admin")
    cid = customer(admin, "商机客户")
    for followups, stage in [(0, "won"), (0, "lost"), (1, "won"), (5, "won"), (5, "lost"),
                             (5, "lead"), (12, "lost")]:
        admin.ok("POST", "/api/v1/opportunities", {"customer": cid, "name": f"商机{followups}",
                                                   "stage": stage,
                                                   "followup_count": followups,
                                                   **({"lost_reason": "价格"}
                                                      if stage == "lost" else {})})
    r = get(admin, "analytics/followups")
    assert (r["opportunities"], r["open"], r["decided"], r["won"]) == (7, 1, 6, 3)
    b = by(r["buckets"], "label")
    assert list(b) == ["0", "1", "2", "3", "4-11", "12+"]
    assert b["0"]["conversion"] == pytest.approx(0.5)
    assert b["1"]["conversion"] == pytest.approx(1.0)
    assert b["2"]["conversion"] is None and b["2"]["share_of_wins"] == 0
    assert (b["4-11"]["open"], b["4-11"]["decided"], b["4-11"]["won"]) == (1, 2, 1)
    assert b["12+"]["to"] is None and b["12+"]["conversion"] == 0
    assert sum(x["share_of_wins"] for x in r["buckets"]) == pytest.approx(1.0)


def test_sales_rep_sees_only_own_customers(srv):
    admin, rep = srv.client("admin"), srv.client("rep")
    profit_customers(admin, [9000, 8000, 7000], prefix="总部客户")
    mine = profit_customers(rep, [600, 400], prefix="李丽客户")
    # a pool customer: the rep may list it, but it is not in the rep's book
    pooled = profit_customers(admin, [300], prefix="公海客户")[0]
    admin.ok("POST", f"/api/v1/customers/{pooled}/release", status=200)
    listed = rep.ok("GET", "/api/v1/customers", params={"per_page": 100})
    assert pooled in {c["id"] for c in listed["items"]}
    a, r = get(admin, "analytics/abc"), get(rep, "analytics/abc")
    assert a["customers"] == 6 and a["total_fen"] == 2530000
    assert r["customers"] == 2 and r["total_fen"] == 100000
    assert sum(c["count"] for c in r["classes"]) == 2
    assert sum(c["value_share"] for c in r["classes"]) == pytest.approx(1.0)
    assert get(rep, "analytics/whale")["total_fen"] == 100000
    q = get(rep, "analytics/quadrants", matrix="all")
    for m in q["matrices"]:
        assert {p["customer_id"] for p in m["points"]} <= set(mine)
        assert all(p["name"].startswith("李丽客户") for p in m["points"])
    for route in ROUTES:
        assert get(rep, "analytics/" + route)["customers"] <= 2, route
    assert get(admin, "analytics/lifecycle")["customers"] == 6
    f = get(rep, "analytics/forecast")
    assert sum(m["revenue_fen"] for m in f["months"]) == 200000
    # next visits: a rep gets their own list only
    rep_id = admin.ok("GET", "/api/v1/me")  # the admin's own id, to ask for someone else
    nv = get(rep, "next-visits")
    assert all(g["rep"] == "rep" for g in nv["reps"])
    assert_error(rep.get("/api/v1/next-visits", params={"rep": rep_id["id"]}), 403,
                 "forbidden")
    # the customer file carries its metrics
    c = rep.ok("GET", f"/api/v1/customers/{mine[0]}")
    assert c["metrics"]["profit_12m"] == "600.00" and c["metrics"]["orders"] == 1
    view = rep.ok("GET", f"/api/v1/customers/{mine[0]}/view")
    assert view["metrics"]["profit_12m"] == "600.00"


def test_sums_and_shares_are_consistent(srv):
    admin = srv.client("admin")
    profit_customers(admin, [100, 100, 50, 0.5, 30000, 1, 2, 3])
    customer(admin, "无订单")
    r = get(admin, "analytics/abc")
    for key in ("classes", "classes_by_count"):
        assert sum(c["count"] for c in r[key]) == r["customers"] == 9
        assert sum(c["share"] for c in r[key]) == pytest.approx(1.0)
        assert sum(c["value_share"] for c in r[key]) == pytest.approx(1.0)
        assert sum(c["value_fen"] for c in r[key]) == r["total_fen"]
    assert len(r["pareto"]) == 10
    assert r["pareto"][0] == {"customers": 0.0, "value": 0.0}
    assert r["pareto"][-1]["value"] == pytest.approx(1.0)
    vals = [p["value"] for p in r["pareto"]]
    assert vals == sorted(vals)
    clv = get(admin, "analytics/clv", top=3)
    assert sum(b["count"] for b in clv["buckets"]) == clv["with_clv"]
    assert len(clv["top"]) <= 3
    assert [t["clv_fen"] for t in clv["top"]] == sorted((t["clv_fen"] for t in clv["top"]),
                                                       reverse=True)


def test_empty_scope(srv):
    admin = srv.client("admin")
    for route in ROUTES:
        r = get(admin, "analytics/" + route)
        assert r["customers"] == 0 and r["as_of"] == TODAY, route
    assert get(admin, "analytics/abc")["pareto"] == []
    assert get(admin, "analytics/whale")["curve"] == []
    assert get(admin, "analytics/cohorts")["cohorts"] == []
    assert get(admin, "analytics/clv")["buckets"] == []
    assert get(admin, "analytics/forecast")["annual_sales"]["value"] is None
    assert get(admin, "next-visits") == {"reps": []}


@pytest.mark.parametrize("path,params,field", [
    ("analytics/abc", {"basis": "volume"}, "basis"),
    ("analytics/abc", {"window": "12"}, "window"),
    ("analytics/grid", {"x": "1"}, "x"),
    ("analytics/quadrants", {"matrix": "nope"}, "matrix"),
    ("analytics/clv", {"top": "0"}, "top"),
    ("analytics/clv", {"top": "101"}, "top"),
    ("analytics/clv", {"top": "ten"}, "top"),
    ("analytics/cohorts", {"period": "month"}, "period"),
    ("analytics/forecast", {"months": "12"}, "months"),
    ("next-visits", {"limit": "0"}, "limit"),
    ("next-visits", {"limit": "201"}, "limit"),
    ("next-visits", {"rep": "-1"}, "rep"),
])
def test_bad_parameters(srv, path, params, field):
    admin = srv.client("admin")
    err = assert_error(admin.get("/api/v1/" + path, params=params), 400, "invalid", field)
    assert set(err) == {"code", "reason", "message", "field"}


def test_scatter_sample_and_demo_data(tmp_path):
    """A demo database of 2600 customers: at most 2000 points, the counts cover all."""
    s = Server(tmp_path, "demo")
    s.cli("init")
    s.cli("demo", "--customers", "2600")
    s.add_user("boss", "admin", team="总部")
    s.cli("analyze")
    s.start()
    try:
        cl = s.client("boss")
        matrices = get(cl, "analytics/quadrants", matrix="all")["matrices"]
        assert any(m["truncated"] for m in matrices)
        for m in matrices:
            assert sum(e["count"] for e in m["quadrants"]) + m["unknown"] == 2600
            assert len(m["points"]) == min(m["points_total"], 2000)
            assert m["truncated"] == (m["points_total"] > 2000)
        for route in ROUTES:
            assert get(cl, "analytics/" + route)["as_of"], route
        g = get(cl, "analytics/grid")
        assert sum(c["count"] for c in g["cells"]) == g["with_orders"]
        clv = get(cl, "analytics/clv", top=100)
        assert clv["with_clv"] > 0 and len(clv["top"]) == 100 and clv["analyzed_at"]
        assert sum(b["count"] for b in clv["buckets"]) == clv["with_clv"]
        nv = get(cl, "next-visits", limit=3)
        assert nv["reps"] and all(len(g["visits"]) <= 3 for g in nv["reps"])
        assert all(v["name"] and isinstance(v["value_fen"], int)
                   for g in nv["reps"] for v in g["visits"])
    finally:
        s.stop()


def test_analytics_need_credentials_and_are_described(srv):
    from conftest import Client
    anon = Client(srv.url)
    for route in ROUTES:
        assert_error(anon.get("/api/v1/analytics/" + route), 401)
    doc = srv.client("admin").ok("GET", "/api/v1/openapi.json")
    for route in ROUTES:
        assert "get" in doc["paths"]["/api/v1/analytics/" + route]
    assert "get" in doc["paths"]["/api/v1/next-visits"]
