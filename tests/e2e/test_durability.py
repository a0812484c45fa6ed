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
