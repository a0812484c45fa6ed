"""kehu demo: the same seed gives the same database, whichever way the generator thread and
the writer interleave, and the bulk load leaves the schema of a new database."""
import hashlib
import re
import sqlite3

import pytest

# When a row was written: the only values that differ between two runs.
WRITTEN_AT = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
# More than the ring of batches the generator fills (3 of 5,000), the last one partial.
CUSTOMERS = 16000


def contents(db):
    """A digest of every table but analysis_runs (its timings), with the write times masked."""
    con = sqlite3.connect(db)
    tables = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'analysis_runs' "
        "ORDER BY name")]
    out = {}
    for t in tables:
        ncols = len(con.execute(f"PRAGMA table_info({t})").fetchall())
        order = ", ".join(str(i) for i in range(1, ncols + 1))
        h, n = hashlib.sha256(), 0
        for row in con.execute(f"SELECT * FROM {t} ORDER BY {order}"):
            masked = tuple("<written>" if isinstance(v, str) and WRITTEN_AT.match(v) else v
                           for v in row)
            h.update(repr(masked).encode())
            n += 1
        out[t] = (n, h.hexdigest())
    con.close()
    return out


def schema(db):
    con = sqlite3.connect(db)
    rows = con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                       "ORDER BY type, name").fetchall()
    con.close()
    return rows


@pytest.fixture(scope="module")
def first(tmp_path_factory):
    from conftest import Kehu
    k = Kehu(tmp_path_factory.mktemp("demo") / "first.db")
    k.run("demo", "--customers", CUSTOMERS, "--seed", "11")
    return k


def test_same_seed_same_database(tmp_path, first):
    from conftest import Kehu
    again = Kehu(tmp_path / "again.db")
    again.run("demo", "--customers", CUSTOMERS, "--seed", "11")
    a, b = contents(first.db), contents(again.db)
    for table in ("customers", "contacts", "orders", "order_lines", "receivable_plans", "activities",
                  "opportunities", "phones", "search_keys", "customer_metrics"):
        assert a[table][0] > 0, table
    assert a == b


def test_another_seed_another_database(tmp_path, first):
    from conftest import Kehu
    other = Kehu(tmp_path / "other.db")
    other.run("demo", "--customers", "50", "--seed", "12")
    con = sqlite3.connect(first.db)
    theirs = con.execute("SELECT name FROM customers ORDER BY id LIMIT 50").fetchall()
    con.close()
    con = sqlite3.connect(other.db)
    ours = con.execute("SELECT name FROM customers ORDER BY id").fetchall()
    con.close()
    assert ours != theirs


def test_demo_leaves_the_schema_of_a_new_database(tmp_path, first):
    from conftest import Kehu
    fresh = Kehu(tmp_path / "fresh.db")
    fresh.run("init")
    assert schema(first.db) == schema(fresh.db)
    con = sqlite3.connect(first.db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.close()
