"""kehu analyze and next-visits on a small demo database and on hand-made data."""
import sqlite3

import pytest


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from conftest import Kehu
    k = Kehu(tmp_path_factory.mktemp("demo") / "demo.db")
    out = k.run("demo", "--customers", "600", "--seed", "3").stdout
    assert "600 customers" in out
    return k


def test_demo_is_deterministic(tmp_path, demo):
    from conftest import Kehu
    other = Kehu(tmp_path / "again.db")
    other.run("demo", "--customers", "600", "--seed", "3")
    q = "SELECT name, phone FROM customers ORDER BY id"
    a = sqlite3.connect(demo.db).execute(q).fetchall()
    b = sqlite3.connect(other.db).execute(q).fetchall()
    assert a == b
    q = "SELECT customer_id, order_date, amount_fen FROM orders ORDER BY id"
    assert sqlite3.connect(demo.db).execute(q).fetchall() == \
        sqlite3.connect(other.db).execute(q).fetchall()


def test_demo_refuses_a_database_with_customers(demo):
    demo.fails("demo", "--customers", "10", field="already has")


def test_demo_looks_real(demo):
    con = sqlite3.connect(demo.db)
    names = [r[0] for r in con.execute("SELECT name FROM contacts")]
    surnames = [n[0] for n in names]
    # The commonest surnames lead, as in the population.
    top = max(set(surnames), key=surnames.count)
    assert top in "王李张刘陈"
    revenue = sorted((r[0] for r in con.execute(
        "SELECT sum(amount_fen) FROM orders GROUP BY customer_id")), reverse=True)
    top5 = sum(revenue[:len(revenue) // 20]) / sum(revenue)
    assert top5 > 0.2, top5  # a few large accounts make a large share
    prospects = con.execute("SELECT count(*) FROM customers c WHERE NOT EXISTS "
                            "(SELECT 1 FROM orders o WHERE o.customer_id = c.id)").fetchone()[0]
    assert 0.1 < prospects / 600 < 0.35
    assert con.execute("SELECT count(*) FROM activities").fetchone()[0] > 600


def test_analyze_partitions_and_summarises(demo):
    s = demo.json("analyze")
    assert s["customers"] == 600
    abc = s["abc"]
    assert sum(abc[k]["count"] for k in "ABC") == 600
    assert abs(sum(abc[k]["value_share"] for k in "ABC") - 1) < 1e-9
    assert abc["A"]["value_share"] >= 0.5 and abc["A"]["count"] < abc["C"]["count"]
    assert sum(v["count"] for v in s["lifecycle"].values()) == 600
    assert sum(v["count"] for v in s["grid"].values()) == 600
    for key in ("r", "alpha", "a", "b"):
        assert s["bgnbd"][key] > 0
    con = sqlite3.connect(demo.db)
    rows = con.execute("SELECT m.orders, m.abc_class, m.grid_tier, m.lifecycle, m.loyalty "
                       "FROM customer_metrics m").fetchall()
    assert len(rows) == 600
    for orders, abc_class, tier, life, loyalty in rows:
        assert abc_class in ("A", "B", "C")
        if orders == 0:
            assert tier is None and loyalty == "potential"
            assert life in ("potential", "opportunity")
        else:
            assert tier in ("platinum", "gold", "silver", "development", "optimise")


def test_analyze_human_summary(demo):
    out = demo.run("analyze").stdout
    assert "ABC by cumulative share" in out and "BG/NBD: r=" in out


def test_threshold_change_applies_on_next_analyze(demo):
    before = demo.json("analyze")["abc"]["A"]["count"]
    demo.run("settings", "set", "abc.a_share", "0.7")
    after = demo.json("analyze")["abc"]["A"]["count"]
    demo.run("settings", "set", "abc.a_share", "0.50")
    assert after > before


def test_metrics_in_customer_view(demo):
    con = sqlite3.connect(demo.db)
    cid = con.execute("SELECT customer_id FROM customer_metrics WHERE orders > 3 "
                      "ORDER BY customer_id LIMIT 1").fetchone()[0]
    m = demo.json("customer", "show", cid)["metrics"]
    assert m["abc_class"] in ("A", "B", "C")
    assert 0 <= m["p_alive"] <= 1
    assert float(m["clv"]) >= 0


def test_new_order_updates_the_customer_at_once(demo):
    cid = demo.add("customer", name="新客户有限公司")
    m = demo.json("customer", "show", cid)["metrics"]
    assert m is None or m["orders"] == 0
    demo.add("order", customer=cid, date="2026-06-01", amount="5000")
    m = demo.json("customer", "show", cid)["metrics"]
    assert m["orders"] == 1 and m["lifecycle"] == "new" and m["loyalty"] == "new"
    assert m["grid_tier"] in ("platinum", "gold", "silver", "development", "optimise")
    assert m["p_alive"] == 1.0  # BG/NBD: no repeat purchase yet, so still alive


def test_next_visits_ranked_with_reasons(demo):
    demo.run("analyze")
    groups = demo.json("next-visits", "--limit", "5")
    assert groups, "every rep has someone to see"
    for g in groups:
        visits = g["visits"]
        assert 0 < len(visits) <= 5
        scores = [v["score"] for v in visits]
        assert scores == sorted(scores, reverse=True)
        for v in visits:
            assert v["reason"] and v["reasons"]
    one = demo.json("next-visits", "--rep", "wangwei", "--limit", "3")
    assert len(one) == 1 and one[0]["rep"] == "wangwei"
    demo.fails("next-visits", "--rep", "nobody")


# --- the command itself: progress, summary, --json -------------------------

def test_progress_bar_on_a_terminal_only(demo):
    import os
    import pty
    import subprocess
    from conftest import KEHU
    env = dict(os.environ, KEHU_TODAY="2026-06-30")
    master, slave = pty.openpty()
    proc = subprocess.Popen([KEHU, "--db", demo.db, "analyze"], stdout=subprocess.PIPE,
                            stderr=slave, env=env)
    os.close(slave)
    err = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        err += chunk
    out = proc.stdout.read().decode()
    assert proc.wait(timeout=60) == 0
    os.close(master)
    text = err.decode()
    import re
    n = sqlite3.connect(demo.db).execute("SELECT count(*) FROM customers").fetchone()[0]
    assert "\r" in text and f"writing" in text and f"{n}/{n}" in text, text
    assert re.search(r"predicting.*\[#{30}\] %d/%d" % (n, n), text), text
    assert text.endswith("\r\033[K"), "the bar is erased before the summary"
    assert "ABC by cumulative share" in out and "\r" not in out
    piped = demo.run("analyze")
    assert piped.stderr == "" and "\r" not in piped.stdout


def test_summary_counts_and_shares_in_table_and_json(demo):
    s = demo.json("analyze")
    n = s["customers"]
    groups = [s["abc"], s["abc_by_count"], s["grid"], s["lifecycle"], s["loyalty"],
              *s["quadrants"].values()]
    assert set(s["quadrants"]) == {"value_response", "value_loyalty", "benefit",
                                   "volume_profit", "current_potential"}
    for g in groups:
        assert sum(v["count"] for v in g.values()) == n
        assert abs(sum(v["share"] for v in g.values()) - 1) < 1e-9
        for v in g.values():
            assert v["share"] == pytest.approx(v["count"] / n)
    out = demo.run("analyze").stdout
    for title in ("ABC by cumulative share", "ABC by count", "Value grid", "Lifecycle",
                  "Loyalty", "Value x response", "Value x loyalty",
                  "Direct x indirect benefit", "Current x potential value"):
        assert title in out
    a = s["abc"]["A"]
    assert f"{a['count']:9d}  {100 * a['share']:6.1f}%" in out
    con = sqlite3.connect(demo.db)
    best = con.execute("SELECT count(*) FROM customer_metrics WHERE "
                       "json_extract(quadrants, '$.value_response') = 'best'").fetchone()[0]
    assert best == s["quadrants"]["value_response"]["best"]["count"]


# --- every threshold is a setting, applied by the next analyze --------------

@pytest.fixture(scope="module")
def base_db(tmp_path_factory):
    from conftest import Kehu
    k = Kehu(tmp_path_factory.mktemp("base") / "base.db")
    k.run("demo", "--customers", "300", "--seed", "5")
    return k


def fresh(base, tmp_path):
    """A private copy of the base demo database (through SQLite's backup, WAL included)."""
    from conftest import Kehu
    path = tmp_path / "copy.db"
    src, dst = sqlite3.connect(base.db), sqlite3.connect(path)
    src.backup(dst)
    src.close()
    dst.close()
    return Kehu(path)


def count(s, group, *names):
    return sum(s[group][n]["count"] for n in names if n in s[group])


def clv_total(k):
    return sqlite3.connect(k.db).execute("SELECT sum(clv_fen) FROM customer_metrics").fetchone()[0]


# (key, new value, what to measure, +1 if it must grow / -1 if it must shrink)
THRESHOLDS = [
    ("abc.a_share", "0.7", lambda k, s: count(s, "abc", "A"), 1),
    ("abc.b_share", "0.95", lambda k, s: count(s, "abc", "A", "B"), 1),
    ("abc.count_a", "0.10", lambda k, s: count(s, "abc_by_count", "A"), 1),
    ("abc.count_b", "0.30", lambda k, s: count(s, "abc_by_count", "B"), 1),
    ("abc.window_days", "3650", lambda k, s: count(s, "abc", "C"), -1),
    ("abc.basis", "sales", lambda k, s: s["abc_basis"] == "sales", 1),
    ("grid.interval_short_days", "0", lambda k, s: count(s, "grid", "platinum"), -1),
    ("grid.amount_large_fen", "0", lambda k, s: count(s, "grid", "platinum", "gold"), 1),
    ("quadrant.cut", "mean", lambda k, s: s["quadrant_cuts"]["value_response"]["x"], 1),
    ("lifecycle.dormant_interval_factor", "100", lambda k, s: count(s, "lifecycle", "dormant"), -1),
    ("lifecycle.dormant_p_alive", "1", lambda k, s: count(s, "lifecycle", "dormant"), 1),
    ("lifecycle.single_order_dormant_days", "3650",
     lambda k, s: count(s, "lifecycle", "dormant"), -1),
    ("lifecycle.churned_days", "365", lambda k, s: count(s, "lifecycle", "churned"), 1),
    ("loyalty.new_days", "3650", lambda k, s: count(s, "loyalty", "new"), 1),
    ("loyalty.regular_orders_12m", "1", lambda k, s: count(s, "loyalty", "regular"), 1),
    ("loyalty.old_years", "1", lambda k, s: count(s, "loyalty", "old", "loyal"), 1),
    ("loyalty.loyal_quarters", "1", lambda k, s: count(s, "loyalty", "loyal"), 1),
    ("clv.horizon_months", "12", lambda k, s: clv_total(k), -1),
    ("clv.annual_discount_rate", "0.5", lambda k, s: clv_total(k), -1),
]


@pytest.mark.parametrize("key,value,measure,direction", THRESHOLDS, ids=[t[0] for t in THRESHOLDS])
def test_every_threshold_applies_on_next_analyze(base_db, tmp_path, key, value, measure,
                                                 direction):
    k = fresh(base_db, tmp_path)
    before = measure(k, k.json("analyze"))
    k.run("settings", "set", key, value)
    after = measure(k, k.json("analyze"))
    assert (after - before) * direction > 0, (key, before, after)


def test_grid_amount_cuts_and_default_margin(base_db, tmp_path):
    k = fresh(base_db, tmp_path)
    k.run("settings", "set", "grid.amount_small_fen", "1000000000000")
    k.run("settings", "set", "grid.amount_large_fen", "2000000000000")
    s = k.json("analyze")
    assert s["grid_cuts"]["amount_small_fen"] == 1e12
    assert s["grid_cuts"]["amount_large_fen"] == 2e12
    # every amount is small: only the bottom row of the grid is used
    assert count(s, "grid", "platinum", "gold") == 0
    # an order without cost counts clv.default_margin as profit, and the CLV
    # (margin x spend x purchases) scales with it
    cid = k.add("customer", name="无成本客户有限公司")
    for d in ("2025-01-10", "2025-06-10", "2026-03-10"):
        k.add("order", customer=cid, date=d, amount="20000")
    k.run("analyze")
    clv = k.json("customer", "show", cid)["metrics"]["clv"]
    k.run("settings", "set", "clv.default_margin", "0.9")
    k.run("analyze")
    assert float(k.json("customer", "show", cid)["metrics"]["clv"]) == \
        pytest.approx(3 * float(clv), rel=1e-3)


# --- one customer's order changes: that row only, no full run ---------------

def rows(k):
    con = sqlite3.connect(k.db)
    con.row_factory = sqlite3.Row
    return {r["customer_id"]: dict(r) for r in con.execute("SELECT * FROM customer_metrics")}


def runs(k):
    return sqlite3.connect(k.db).execute("SELECT count(*) FROM analysis_runs").fetchone()[0]


CLASSES = ("abc_class", "abc_count_class", "grid_tier", "lifecycle", "loyalty", "rfm_r",
           "rfm_f", "rfm_m", "quadrants")


def test_order_insert_edit_delete_refresh_one_row(base_db, tmp_path):
    k = fresh(base_db, tmp_path)
    k.run("analyze")
    before, n_runs = rows(k), runs(k)
    con = sqlite3.connect(k.db)
    # a small customer with orders in the last year
    cid = con.execute("SELECT customer_id FROM customer_metrics WHERE abc_class = 'C' "
                      "AND orders >= 2 AND revenue_12m_fen > 0 ORDER BY customer_id "
                      "LIMIT 1").fetchone()[0]
    con.close()
    old = before[cid]

    # insert: a very large recent order makes it A, R 5 and M 5 at once
    oid = k.add("order", customer=cid, date="2026-06-29", amount="90000000", cost="10000000")
    after = rows(k)
    assert runs(k) == n_runs, "no full analysis ran"
    assert {c for c in after if after[c] != before[c]} == {cid}
    new = after[cid]
    assert new["orders"] == old["orders"] + 1
    assert new["revenue_fen"] == old["revenue_fen"] + 9000000000
    assert new["abc_class"] == "A" and new["abc_count_class"] == "A"
    assert new["rfm_r"] == 5 and new["rfm_m"] == 5
    assert new["lifecycle"] == "repeat"
    assert new["updated_at"] >= old["updated_at"]

    # edit: back to a small amount, back to the class it had
    k.run("order", "edit", oid, "--amount", "0.01", "--cost", "0.01")
    after = rows(k)
    assert {c for c in after if after[c] != before[c]} == {cid}
    assert after[cid]["revenue_fen"] == old["revenue_fen"] + 1
    assert after[cid]["abc_class"] == "C"

    # delete: the row returns to what the analysis wrote (but the recency)
    k.run("order", "rm", oid)
    after = rows(k)
    assert runs(k) == n_runs
    for col in CLASSES + ("orders", "revenue_fen", "profit_fen", "p_alive", "clv_fen"):
        assert after[cid][col] == old[col], col
    # (only updated_at may tell the row apart now, and only if a second passed)
    assert {c for c in after if after[c] != before[c]} <= {cid}


def test_refresh_between_runs_agrees_with_the_run(base_db, tmp_path):
    """A refresh that changes no fact gives every class the run gave."""
    k = fresh(base_db, tmp_path)
    k.run("analyze")
    before = rows(k)
    con = sqlite3.connect(k.db)
    picks = con.execute("SELECT customer_id, min(id) FROM orders WHERE deleted_at IS NULL "
                        "GROUP BY customer_id ORDER BY customer_id LIMIT 40").fetchall()
    con.close()
    for cid, oid in picks:
        # a payment triggers the refresh but changes none of the facts
        k.add("payment", order=oid, customer=cid, amount="1", due_date="2026-06-01")
    after = rows(k)
    for cid, _ in picks:
        for col in CLASSES + ("p_alive", "expected_purchases_90d", "clv_fen"):
            assert after[cid][col] == before[cid][col], (cid, col)


def test_deleting_every_order_makes_a_potential_customer(base_db, tmp_path):
    k = fresh(base_db, tmp_path)
    k.run("analyze")
    con = sqlite3.connect(k.db)
    cid = con.execute("SELECT customer_id FROM customer_metrics WHERE abc_class = 'A' "
                      "ORDER BY customer_id LIMIT 1").fetchone()[0]
    orders = [r[0] for r in con.execute("SELECT id FROM orders WHERE customer_id = ? AND "
                                        "deleted_at IS NULL", (cid,))]
    con.execute("UPDATE opportunities SET stage = 'lost' WHERE customer_id = ?", (cid,))
    con.commit()
    con.close()
    for oid in orders:
        k.run("order", "rm", oid)
    m = rows(k)[cid]
    assert m["orders"] == 0
    assert m["abc_class"] == "C" and m["abc_count_class"] == "C"
    assert m["grid_tier"] is None and (m["rfm_r"], m["rfm_f"], m["rfm_m"]) == (0, 0, 0)
    assert m["lifecycle"] == "potential" and m["loyalty"] == "potential"
    assert m["quadrants"] == "{}" and m["clv_fen"] is None


# --- the time-dependent facts follow today ----------------------------------

FACT_SQL = """
WITH o AS (SELECT customer_id cid, order_date d, amount_fen a,
  coalesce(cost_fen, CAST(round(amount_fen * 0.7) AS INTEGER)) c
  FROM orders WHERE deleted_at IS NULL AND status != 'cancelled'),
agg AS (SELECT cid, count(*) n, sum(a) rev, sum(a - c) prof,
  coalesce(sum(CASE WHEN d > date(?1, '-12 months') THEN a END), 0) rev12,
  coalesce(sum(CASE WHEN d > date(?1, '-12 months') THEN a - c END), 0) prof12,
  count(CASE WHEN d > date(?1, '-12 months') THEN 1 END) n12,
  count(DISTINCT CASE WHEN d > date(?1, '-24 months') THEN
   strftime('%Y', d) || ((CAST(strftime('%m', d) AS INTEGER) + 2) / 3) END) q8
  FROM o GROUP BY cid),
act AS (SELECT customer_id cid, max(activity_date) lastc,
  count(CASE WHEN activity_date > date(?1, '-12 months') THEN 1 END) n12
  FROM activities WHERE deleted_at IS NULL AND status = 'done' GROUP BY customer_id)
SELECT cu.id, coalesce(agg.n, 0), coalesce(agg.rev, 0), coalesce(agg.prof, 0),
  coalesce(agg.rev12, 0), coalesce(agg.prof12, 0), coalesce(agg.n12, 0),
  coalesce(agg.q8, 0), act.lastc, coalesce(act.n12, 0)
FROM customers cu LEFT JOIN agg ON agg.cid = cu.id LEFT JOIN act ON act.cid = cu.id
WHERE cu.deleted_at IS NULL ORDER BY cu.id"""

FACT_COLUMNS = ("orders", "revenue_fen", "profit_fen", "revenue_12m_fen", "profit_12m_fen",
                "orders_12m", "quarters_active_8", "last_contact", "activities_12m")


def facts(k, today=None):
    """The fact columns by customer: as written (today None) or as defined on that day."""
    con = sqlite3.connect(k.db)
    if today is None:
        q = ("SELECT customer_id, " + ", ".join(FACT_COLUMNS) +
             " FROM customer_metrics ORDER BY customer_id")
        return {r[0]: r[1:] for r in con.execute(q)}
    return {r[0]: r[1:] for r in con.execute(FACT_SQL, (today,))}


def test_analyze_rewrites_the_time_dependent_facts(base_db, tmp_path):
    k = fresh(base_db, tmp_path)
    k.run("analyze")
    now = facts(k)
    assert now == facts(k, "2026-06-30")
    # a year on, with no order changed, the 12-month figures move out of
    # the window and analyze alone must bring them up to date
    k.run("analyze", env={"KEHU_TODAY": "2027-06-30"})
    later = facts(k)
    assert later == facts(k, "2027-06-30")
    i12 = FACT_COLUMNS.index("orders_12m")
    moved = [c for c in now if now[c][i12] > 0]
    assert moved, "the demo has orders in the last 12 months"
    for c in moved:
        assert later[c][0] == now[c][0]  # all-time counts stay
        assert later[c][i12] < now[c][i12]
        assert later[c][FACT_COLUMNS.index("revenue_12m_fen")] < \
            now[c][FACT_COLUMNS.index("revenue_12m_fen")]
    assert sum(r[FACT_COLUMNS.index("activities_12m")] for r in later.values()) < \
        sum(r[FACT_COLUMNS.index("activities_12m")] for r in now.values())
    assert sum(r[FACT_COLUMNS.index("quarters_active_8")] for r in later.values()) < \
        sum(r[FACT_COLUMNS.index("quarters_active_8")] for r in now.values())


# --- net profit per customer (DOMAIN 6) --------------------------------------

def metrics_row(k, cid):
    con = sqlite3.connect(k.db)
    con.row_factory = sqlite3.Row
    return dict(con.execute("SELECT * FROM customer_metrics WHERE customer_id = ?",
                            (cid,)).fetchone())


def net_profit_customers(k):
    """Three customers whose gross and net profit rank differently (today 2026-06-30)."""
    x = k.add("customer", name="净利润测试甲公司")
    o1 = k.add("order", customer=x, date="2026-01-10", amount="10000", cost="6000")
    o2 = k.add("order", customer=x, date="2026-04-10", amount="5000", cost="3000")
    for d in ("2026-02-01", "2026-05-01"):
        k.add("activity", customer=x, kind="visit", date=d)
    for d in ("2026-02-02", "2026-03-02", "2026-06-02"):
        k.add("activity", customer=x, kind="call", date=d)
    k.add("activity", customer=x, kind="note", date="2026-03-03")          # costs nothing
    k.add("activity", customer=x, kind="visit", date="2025-06-30")         # outside the 12 months
    k.add("activity", customer=x, kind="visit", date="2026-07-15", status="planned")  # not done
    # 30 days late on 10 000 yuan, 10 days unpaid on 5 000, one on time, one due before the window
    k.add("payment", order=o1, customer=x, amount="10000", due_date="2026-02-10",
          paid_date="2026-03-12")
    k.add("payment", order=o2, customer=x, amount="5000", due_date="2026-06-20")
    k.add("payment", order=o2, customer=x, amount="100", due_date="2026-05-01",
          paid_date="2026-04-30")
    k.add("payment", order=o1, customer=x, amount="9000", due_date="2025-06-30",
          paid_date="2026-01-10")
    # large by sales, small by profit: thin margin, many visits, a late payment
    big = k.add("customer", name="销售额大利润薄乙公司")
    ob = k.add("order", customer=big, date="2026-03-01", amount="20000", cost="15000")
    for m in range(1, 16):
        k.add("activity", customer=big, kind="visit", date=f"2026-01-{m:02d}")
    k.add("payment", order=ob, customer=big, amount="20000", due_date="2026-01-01")
    small = k.add("customer", name="销售额小利润好丙公司")
    k.add("order", customer=small, date="2026-05-01", amount="5000", cost="3000")
    return x, big, small


def test_net_profit_by_hand(kehu):
    x, big, small = net_profit_customers(kehu)
    # revenue 1 500 000 fen, product cost 900 000; serve 2 x 30 000 + 3 x 1 000;
    # late 1 000 000 x 30 x 0.0005 + 500 000 x 10 x 0.0005
    expect = {"cost_to_serve_12m_fen": 63000, "late_payment_cost_12m_fen": 17500,
              "net_profit_12m_fen": 600000 - 63000 - 17500, "profit_12m_fen": 600000}
    refreshed = metrics_row(kehu, x)  # written by the refresh after each change
    for col, v in expect.items():
        assert refreshed[col] == v, col
    kehu.run("analyze")
    row = metrics_row(kehu, x)
    for col, v in expect.items():
        assert row[col] == v, col
    # big: 500 000 gross - 15 x 30 000 - 2 000 000 x 180 days x 0.0005
    assert metrics_row(kehu, big)["net_profit_12m_fen"] == 500000 - 450000 - 180000
    assert metrics_row(kehu, small)["net_profit_12m_fen"] == 200000
    view = kehu.json("customer", "show", x)["metrics"]
    assert view["net_profit_12m"] == "5195.00"
    # the unit costs are settings, read by the next run
    kehu.run("settings", "set", "cost.call_fen", "2000")
    kehu.run("settings", "set", "cost.late_payment_daily_rate", "0.001")
    kehu.run("analyze")
    row = metrics_row(kehu, x)
    assert row["cost_to_serve_12m_fen"] == 66000
    assert row["late_payment_cost_12m_fen"] == 35000
    assert row["net_profit_12m_fen"] == 600000 - 66000 - 35000


def test_abc_by_net_profit_reranks(kehu):
    x, big, small = net_profit_customers(kehu)
    kehu.run("analyze")

    def classes():
        return {c: metrics_row(kehu, c)["abc_class"] for c in (x, big, small)}
    # gross 600 000, 500 000, 200 000: A, A, C
    assert classes() == {x: "A", big: "A", small: "C"}
    kehu.run("settings", "set", "abc.basis", "net_profit")
    s = kehu.json("analyze")
    assert s["abc_basis"] == "net_profit"
    # net 519 500, -130 000, 200 000: the large-by-sales customer drops to C
    assert classes() == {x: "A", big: "C", small: "B"}
    # a refresh between runs ranks by the same basis against the run's
    # bounds: one more call (gross unchanged) takes x below A's 519 500
    kehu.add("activity", customer=x, kind="call", date="2026-06-01")
    assert metrics_row(kehu, x)["net_profit_12m_fen"] == 518500
    assert metrics_row(kehu, x)["abc_class"] == "B"
    kehu.fails("settings", "set", "abc.basis", "margin", field="profit, sales or net_profit")


# --- key accounts (DOMAIN 5): slipping, candidates, next visits ---------------

def test_key_account_slipping(kehu):
    k = kehu.add("customer", name="重点客户下滑公司", key_account="true")
    plain = kehu.add("customer", name="普通客户下滑公司")
    for cid in (k, plain):
        # 10 000 yuan in the 12 months before, 6 000 in the last 12: down 40%
        kehu.add("order", customer=cid, date="2025-01-10", amount="10000")
        kehu.add("order", customer=cid, date="2026-01-10", amount="6000")
    row = metrics_row(kehu, k)  # the refresh after the order already flags it
    assert (row["key_account_slipping"], row["key_account_slip_reason"]) == (1, "revenue_drop")
    assert metrics_row(kehu, plain)["key_account_slipping"] == 0
    kehu.add("opportunity", customer=k, name="年度框架", stage="lost", lost_reason="价格", closed_on="2026-03-01")
    kehu.add("opportunity", customer=k, name="旧项目", stage="lost", lost_reason="价格", closed_on="2025-03-01")
    kehu.add("order", customer=k, date="2026-02-10", amount="1")  # a refresh
    assert metrics_row(kehu, k)["key_account_slip_reason"] == "revenue_drop,lost_opportunity"
    s = kehu.json("analyze")
    assert s["key_accounts"]["slipping"] == 1
    assert metrics_row(kehu, k)["key_account_slip_reason"] == "revenue_drop,lost_opportunity"
    # a 40% drop is not more than 50%: only the lost opportunity remains
    kehu.run("settings", "set", "keyaccount.slip_drop", "0.5")
    kehu.run("analyze")
    assert metrics_row(kehu, k)["key_account_slip_reason"] == "lost_opportunity"
    kehu.fails("settings", "set", "keyaccount.slip_drop", "1.5", field="keyaccount.slip_drop")
    m = kehu.json("customer", "show", k)["metrics"]
    assert m["key_account_slipping"] == 1 and m["key_account_slip_reason"] == "lost_opportunity"


def test_key_account_candidates_follow_the_rule(base_db, tmp_path):
    k = fresh(base_db, tmp_path)
    s = k.json("analyze")
    con = sqlite3.connect(k.db)
    rows_ = con.execute("SELECT c.key_account, m.abc_count_class, m.loyalty,"
                        " m.key_account_candidate, m.key_account_slipping"
                        " FROM customers c JOIN customer_metrics m ON m.customer_id = c.id"
                        " WHERE c.deleted_at IS NULL").fetchall()
    cands = 0
    for key, cls, loyalty, cand, slip in rows_:
        want = not key and cls == "A" and loyalty in ("regular", "old", "loyal")
        assert cand == int(want)
        cands += cand
        if not key:
            assert slip == 0
    assert cands > 0 and s["key_accounts"]["candidates"] == cands
    assert s["key_accounts"]["slipping"] == sum(r[4] for r in rows_)


def test_slipping_key_account_ranks_higher_in_next_visits(base_db, tmp_path):
    k = fresh(base_db, tmp_path)
    con = sqlite3.connect(k.db)
    owner, login = con.execute("SELECT id, login FROM users WHERE role = 'sales' ORDER BY id"
                               " LIMIT 1").fetchone()
    con.close()
    twins = []
    for name in ("重点客户甲", "重点客户乙"):
        cid = k.add("customer", name=name, key_account="true")
        for d in ("2025-09-01", "2025-12-01", "2026-03-01"):
            k.add("order", customer=cid, date=d, amount="30000")
        twins.append(cid)
    con = sqlite3.connect(k.db)  # both with the same rep (the CLI keeps owners itself)
    con.execute("UPDATE customers SET owner_id = ?, in_pool = 0 WHERE id IN (?, ?)",
                (owner, *twins))
    con.commit()
    con.close()
    k.add("opportunity", customer=twins[1], name="续约", stage="lost", lost_reason="价格", closed_on="2026-04-01")
    k.run("analyze")
    visits = {v["customer_id"]: v for g in k.json("next-visits", "--rep", login, "--limit", "50")
              for v in g["visits"]}
    steady, slipping = visits[twins[0]], visits[twins[1]]
    assert "key_account_slipping" in slipping["reasons"]
    assert "key_account_slipping" not in steady["reasons"]
    assert "近 12 个月有丢单" in slipping["reason"] and "下滑" in slipping["reason"]
    assert slipping["score"] == pytest.approx(1.5 * steady["score"], rel=1e-3)


# --- weighted indicator score and value pyramid (DOMAIN 5) -------------------

def test_weighted_score_by_hand(kehu):
    """Three customers with orders, one without (today 2026-06-30)."""
    p = kehu.add("customer", name="评分甲公司", brand_loyalty="loyal", purchase_budget="20000")
    kehu.add("order", customer=p, date="2026-01-10", amount="10000", cost="6000")
    q = kehu.add("customer", name="评分乙公司", brand_loyalty="wavers", price_driven="true")
    kehu.add("order", customer=q, date="2025-07-30", amount="5000", cost="2000")
    r = kehu.add("customer", name="评分丙公司", purchase_budget="1000")
    kehu.add("order", customer=r, date="2026-06-01", amount="2000", cost="0")
    none = kehu.add("customer", name="评分丁公司", brand_loyalty="loyal")
    s = kehu.json("analyze")
    # revenue 1 000 000 / 500 000 / 200 000 and net profit 400 000 / 300 000 /
    # 200 000 fen: percentiles 100, 50, 0. Price-driven (lower is better):
    # 100, 0, 100. Brand loyalty loyal 100, wavers 50, unknown. Years since the
    # first order (171, 335, 29 days) on 0..10. Share of wallet 0.5 -> 50,
    # unknown, 2 -> 100 (clamped).
    years = {c: d / 365.25 * 10 for c, d in ((p, 171), (q, 335), (r, 29))}

    def expected(w):
        return {
            p: (w["revenue"] * 100 + w["net_profit"] * 100 + w["price_sensitivity"] * 100 +
                w["brand_loyalty"] * 100 + w["years_of_cooperation"] * years[p] +
                w["share_of_wallet"] * 50) /
               (w["revenue"] + w["net_profit"] + w["price_sensitivity"] + w["brand_loyalty"] +
                w["years_of_cooperation"] + w["share_of_wallet"]),
            q: (w["revenue"] * 50 + w["net_profit"] * 50 + w["price_sensitivity"] * 0 +
                w["brand_loyalty"] * 50 + w["years_of_cooperation"] * years[q]) /
               (w["revenue"] + w["net_profit"] + w["price_sensitivity"] + w["brand_loyalty"] +
                w["years_of_cooperation"]),
            r: (w["price_sensitivity"] * 100 + w["years_of_cooperation"] * years[r] +
                w["share_of_wallet"] * 100) /
               (w["revenue"] + w["net_profit"] + w["price_sensitivity"] +
                w["years_of_cooperation"] + w["share_of_wallet"]),
        }
    w = {"revenue": 0.20, "net_profit": 0.20, "price_sensitivity": 0.05, "brand_loyalty": 0.05,
         "years_of_cooperation": 0.05, "share_of_wallet": 0.075}
    assert s["score_weights"] == pytest.approx(w)
    want = expected(w)
    # P (20+20+5+5+0.234+3.75)/0.625, Q (10+10+0+2.5+0.459)/0.55,
    # R (0+0+5+0.040+7.5)/0.575
    assert want[p] == pytest.approx(86.4, abs=0.05) and want[q] == pytest.approx(41.7, abs=0.05)
    assert want[r] == pytest.approx(21.8, abs=0.05)
    for c in (p, q, r):
        assert metrics_row(kehu, c)["score"] == pytest.approx(want[c], abs=1e-9), c
    # pyramid of 3: key up to rank ceil(0.01 x 3) = 1, major and ordinary also up to 1
    assert {c: metrics_row(kehu, c)["score_pyramid"] for c in (p, q, r)} == \
        {p: "key", q: "small", r: "small"}
    assert metrics_row(kehu, none)["score"] is None
    assert metrics_row(kehu, none)["score_pyramid"] is None
    assert s["score_pyramid"]["key"]["count"] == 1 and s["score_pyramid"]["none"]["count"] == 1
    assert kehu.json("customer", "show", p)["metrics"]["score"] == pytest.approx(want[p])

    # between runs a refresh keeps the run's score (it ranks against everybody)
    kehu.add("order", customer=q, date="2026-06-10", amount="90000")
    assert metrics_row(kehu, q)["score"] == pytest.approx(want[q], abs=1e-9)
    assert metrics_row(kehu, q)["score_pyramid"] == "small"

    # one weight changed applies on the next run: share of wallet 1
    kehu.run("settings", "set", "score.weight.share_of_wallet", "1")
    kehu.run("analyze")
    w["share_of_wallet"] = 1
    want = expected(w)
    # Q now leads both money figures: revenue 9 500 000, net 9 300 000
    want[q] = (0.2 * 100 + 0.2 * 100 + 0 + 0.05 * 50 + 0.05 * years[q]) / 0.55
    want[p] = (0.2 * 50 + 0.2 * 50 + 5 + 5 + 0.05 * years[p] + 1 * 50) / 1.55
    for c in (p, q, r):
        assert metrics_row(kehu, c)["score"] == pytest.approx(want[c], abs=1e-9), c
    # Q (20+20+0+2.5+0.459)/0.55 = 78.1 leads; R (0+0+5+0.040+100)/1.5 = 70.0
    # now passes P (10+10+5+5+0.234+50)/1.55 = 51.8
    assert want[q] == pytest.approx(78.1, abs=0.05) and want[r] == pytest.approx(70.0, abs=0.05)
    assert want[p] == pytest.approx(51.8, abs=0.05)
    assert {c: metrics_row(kehu, c)["score_pyramid"] for c in (p, q, r)} == \
        {p: "small", q: "key", r: "small"}
    kehu.fails("settings", "set", "score.weight.revenue", "1.5", field="score.weight.revenue")
