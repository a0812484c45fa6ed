"""Nothing acknowledged is lost and nothing is left half-written, even on kill -9."""
import os
import signal
import sqlite3
import subprocess
import time

from conftest import KEHU


def wait_for_first_batch(db):
    deadline = time.time() + 60
    while time.time() < deadline:
        time.sleep(0.2)
        try:
            con = sqlite3.connect(db, timeout=1)
            n = con.execute("SELECT count(*) FROM customers").fetchone()[0]
            con.close()
            if n > 0:
                break
        except sqlite3.OperationalError:
            pass


def test_kill_9_during_bulk_load_leaves_a_consistent_database(tmp_path):
    db = tmp_path / "k.db"
    proc = subprocess.Popen([KEHU, "--db", str(db), "demo", "--customers", "50000"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Wait until at least one batch is committed, then kill without warning.
    wait_for_first_batch(db)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    n = con.execute("SELECT count(*) FROM customers").fetchone()[0]
    assert n > 0 and n % 5000 == 0, n  # whole batches only
    # Every committed customer is complete: indexed for search and lookup.
    assert con.execute("SELECT count(*) FROM customers c WHERE NOT EXISTS (SELECT 1 FROM "
                       "search_keys k WHERE k.kind = 1 AND k.id = c.id)").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM customers c WHERE NOT EXISTS (SELECT 1 FROM "
                       "phones p WHERE p.customer_id = c.id)").fetchone()[0] == 0
    out = subprocess.run([KEHU, "--db", str(db), "customer", "list", "--json"],
                         capture_output=True, text=True)
    assert out.returncode == 0


def test_acknowledged_writes_survive_kill_9(tmp_path):
    """Each `customer add` that printed an id is in the database after a kill -9 of
    a concurrent writer."""
    db = tmp_path / "k.db"
    subprocess.run([KEHU, "--db", str(db), "init"], check=True, capture_output=True)
    writer = subprocess.Popen([KEHU, "--db", str(db), "demo", "--customers", "50000"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_first_batch(db)
    acked = []
    for i in range(20):
        out = subprocess.run([KEHU, "--db", str(db), "customer", "add", "--name",
                              f"确认客户{i}"], capture_output=True, text=True)
        if out.returncode == 0:
            acked.append(int(out.stdout))
        if i == 10:
            os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    con = sqlite3.connect(db)
    for cid in acked:
        assert con.execute("SELECT name FROM customers WHERE id = ?", (cid,)).fetchone()
    assert len(acked) >= 10


def test_kill_9_during_analyze_keeps_every_acknowledged_write(tmp_path):
    """analyze killed at moments spread over its run, with orders written meanwhile:
    the database is intact, every acknowledged order is stored and counted in its
    customer's metrics, and the run is stored whole or not at all."""
    db = str(tmp_path / "k.db")
    env = {**os.environ, "KEHU_TODAY": "2026-06-30"}
    subprocess.run([KEHU, "--db", db, "demo", "--customers", "3000", "--seed", "3"],
                   check=True, capture_output=True, env=env)
    t0 = time.monotonic()
    subprocess.run([KEHU, "--db", db, "analyze"], check=True, capture_output=True, env=env)
    duration = time.monotonic() - t0
    acked = {}
    for i, share in enumerate((0.2, 0.5, 0.75, 0.9, 1.0)):
        runs_before = count(db, "SELECT count(*) FROM analysis_runs")
        analyze = subprocess.Popen([KEHU, "--db", db, "analyze"], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + duration * share
        k = 0
        while time.monotonic() < deadline or k == 0:
            cid = 1 + (i * 97 + k * 13) % 3000
            out = subprocess.run([KEHU, "--db", db, "order", "add", "--customer", str(cid),
                                  "--date", "2026-06-29", "--amount", "99.99"],
                                 capture_output=True, text=True, env=env)
            if out.returncode == 0:
                acked[int(out.stdout)] = cid
            k += 1
        os.kill(analyze.pid, signal.SIGKILL)
        analyze.wait()
        con = sqlite3.connect(db)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = dict(con.execute("SELECT id, customer_id FROM orders WHERE amount_fen = 9999"))
        assert all(stored.get(oid) == cid for oid, cid in acked.items())
        # every customer's metrics count its live orders: no write lost to the run
        wrong = con.execute(
            "SELECT count(*) FROM customers c JOIN customer_metrics m ON m.customer_id = c.id"
            " WHERE m.orders != (SELECT count(*) FROM orders o WHERE o.customer_id = c.id"
            "  AND o.deleted_at IS NULL AND o.status != 'cancelled')").fetchone()[0]
        assert wrong == 0
        con.close()
        assert count(db, "SELECT count(*) FROM analysis_runs") - runs_before in (0, 1)
    assert len(acked) >= 5


def count(db, sql):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()
