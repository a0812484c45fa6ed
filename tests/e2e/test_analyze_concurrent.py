"""Writes acknowledged while `kehu analyze` computes from its snapshot survive it.

KEHU_ANALYZE_HOLD makes the race deterministic: analyze reads its snapshot, then
waits while the hold file exists, and the test writes in that window.
"""
import os
import sqlite3
import subprocess
import time

from conftest import KEHU

FACTS = ("orders", "first_order", "last_order", "revenue_fen", "cost_fen", "profit_fen",
         "revenue_12m_fen", "profit_12m_fen", "orders_12m", "last_contact", "activities_12m")


def facts(db):
    con = sqlite3.connect(db)
    rows = con.execute(f"SELECT customer_id, {', '.join(FACTS)} FROM customer_metrics"
                       " ORDER BY customer_id").fetchall()
    con.close()
    return {r[0]: dict(zip(FACTS, r[1:])) for r in rows}


def wait_for(path, proc):
    deadline = time.time() + 60
    while not os.path.exists(path):
        assert proc.poll() is None, proc.communicate()
        assert time.time() < deadline, "analyze did not reach its hold"
        time.sleep(0.05)


def test_writes_during_analyze_keep_their_metrics(kehu, tmp_path):
    ids = [kehu.add("customer", name=f"客户{i}") for i in range(6)]
    for i, cid in enumerate(ids):
        for k in range(i % 3 + 1):
            kehu.run("order", "add", "--customer", cid, "--date", f"2026-0{k + 1}-1{i}",
                     "--amount", str(1000 * (i + 1)), "--cost", str(600 * (i + 1)))
    kehu.run("analyze")

    hold = tmp_path / "hold"
    hold.touch()
    env = {**os.environ, "KEHU_TODAY": "2026-06-30", "KEHU_ANALYZE_HOLD": str(hold)}
    proc = subprocess.Popen([KEHU, "--db", kehu.db, "analyze", "--json"], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_for(str(hold) + ".held", proc)
        # Acknowledged while analyze holds its snapshot.
        kehu.run("order", "add", "--customer", ids[0], "--date", "2026-06-20",
                 "--amount", "5000", "--cost", "3000")
        kehu.run("activity", "add", "--customer", ids[1], "--kind", "visit",
                 "--date", "2026-06-25", "--status", "done")
        late = kehu.add("customer", name="新客户")
        kehu.run("order", "add", "--customer", late, "--date", "2026-06-21", "--amount", "700")
        during = facts(kehu.db)
    finally:
        hold.unlink()
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err

    after = facts(kehu.db)
    assert after[ids[0]]["orders"] == 2
    assert after[ids[0]]["revenue_fen"] == 600000
    assert after[ids[0]]["last_order"] == "2026-06-20"
    assert after[ids[1]]["last_contact"] == "2026-06-25"
    assert after[late]["orders"] == 1 and after[late]["revenue_fen"] == 70000
    # Nothing the writes stored was rolled back to the snapshot, and a fresh
    # analysis of the same data agrees with every fact.
    assert after == during
    kehu.run("analyze")
    assert facts(kehu.db) == after
