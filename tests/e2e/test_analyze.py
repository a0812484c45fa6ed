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
