"""Any number of commands may open a new database at once: one of them creates the
schema, the others wait for it and find it done."""
import sqlite3
import subprocess

from conftest import KEHU


def schema(db):
    con = sqlite3.connect(db)
    try:
        rows = con.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
        return rows.fetchall(), con.execute("PRAGMA user_version").fetchone()[0]
    finally:
        con.close()


def test_eight_concurrent_first_commands_all_succeed(tmp_path):
    reference = tmp_path / "reference.db"
    subprocess.run([KEHU, "--db", str(reference), "init"], check=True, capture_output=True)
    want = schema(reference)
    for round in range(4):
        db = tmp_path / f"new{round}.db"
        procs = []
        for i in range(8):
            args = ["init"] if i % 2 == 0 else ["customer", "add", "--name", f"并发客户{i}"]
            procs.append(subprocess.Popen([KEHU, "--db", str(db), *args], text=True,
                                          stdout=subprocess.PIPE, stderr=subprocess.PIPE))
        results = [(*p.communicate(timeout=60), p.returncode) for p in procs]
        failed = [r for r in results if r[2] != 0]
        assert not failed, failed
        assert schema(db) == want
        con = sqlite3.connect(db)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        names = {r[0] for r in con.execute("SELECT name FROM customers")}
        con.close()
        assert names == {f"并发客户{i}" for i in range(1, 8, 2)}


def test_open_waits_while_another_connection_holds_a_new_file(tmp_path):
    """Turning a new file to WAL upgrades a read to a write, which SQLite refuses
    at once, without its busy handler, while another connection holds the write
    lock; the opener must wait for it like any other lock."""
    db = tmp_path / "held.db"
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    proc = subprocess.Popen([KEHU, "--db", str(db), "init"], text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        proc.wait(timeout=0.5)
    except subprocess.TimeoutExpired:
        pass
    assert proc.returncode is None, proc.communicate()
    holder.execute("COMMIT")
    holder.close()
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "schema version" in out
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()
