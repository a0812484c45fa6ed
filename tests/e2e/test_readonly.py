"""A database its user may only read (a read-only file in a read-only directory) can be
read by every read command; writes fail with a clear error and change nothing.

The suite runs as root, whom permission bits do not stop, so the commands run as the
unprivileged user nobody (runuser) when the test is root. The directory is a fresh one
under /tmp that nobody may enter, with its own copy of the binary.
"""
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile

import pytest

from conftest import KEHU


@pytest.fixture
def readonly_db():
    """A read-only kehu database (one customer) in a read-only directory, and a
    function running kehu on it as a user bound by the permission bits."""
    root = tempfile.mkdtemp(prefix="kehu-readonly-")
    os.chmod(root, 0o755)
    binary = os.path.join(root, "kehu")
    shutil.copy(KEHU, binary)
    os.chmod(binary, 0o755)
    data = os.path.join(root, "data")
    os.mkdir(data)
    db = os.path.join(data, "crm.db")

    def kehu(*args, as_reader=True):
        prefix = ["runuser", "-u", "nobody", "--"] if as_reader and os.geteuid() == 0 else []
        return subprocess.run([*prefix, binary, "--db", db, *args], capture_output=True,
                              text=True, timeout=60, cwd=root,
                              env={**os.environ, "KEHU_TODAY": "2026-06-30"})

    for args in (["init"], ["customer", "add", "--name", "只读客户", "--phone", "010-62531234"],
                 ["contact", "add", "--customer", "1", "--name", "张三"]):
        assert kehu(*args, as_reader=False).returncode == 0
    os.chmod(db, 0o444)
    os.chmod(data, 0o555)
    try:
        yield kehu, db, data
    finally:
        os.chmod(data, 0o755)
        os.chmod(db, 0o644)
        shutil.rmtree(root)


def test_read_commands_work_on_a_read_only_database(readonly_db):
    kehu, db, data = readonly_db
    before = sorted(os.listdir(data))
    out = kehu("customer", "list", "--json")
    assert out.returncode == 0, out.stderr
    assert [c["name"] for c in json.loads(out.stdout)["items"]] == ["只读客户"]
    for args, want in ((["customer", "show", "1", "--json"], "只读客户"),
                       (["contact", "list", "--json"], "张三"),
                       (["customer", "history", "1", "--json"], "create"),
                       (["search", "zs", "--json"], "张三"),
                       (["lookup", "010 6253 1234", "--json"], "只读客户"),
                       (["settings", "--json"], "abc.a_share"),
                       (["user", "list", "--json"], "[")):
        out = kehu(*args)
        assert out.returncode == 0, (args, out.stderr)
        assert want in out.stdout, (args, out.stdout)
    # A write is refused, clearly, and nothing was created beside the file.
    out = kehu("customer", "add", "--name", "写不进")
    assert out.returncode == 1
    assert "read-only" in out.stderr and "write access" in out.stderr, out.stderr
    assert sorted(os.listdir(data)) == before


def test_an_older_schema_asks_for_kehu_init_with_write_access(readonly_db):
    kehu, db, data = readonly_db
    os.chmod(db, 0o644)
    con = sqlite3.connect(db)
    latest = con.execute("PRAGMA user_version").fetchone()[0]
    con.execute(f"PRAGMA user_version = {latest - 1}")
    con.close()
    os.chmod(db, 0o444)
    out = kehu("customer", "list")
    assert out.returncode == 1
    assert "kehu init" in out.stderr and "write access" in out.stderr, out.stderr
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    assert con.execute("PRAGMA user_version").fetchone()[0] == latest - 1
    con.close()


def test_a_read_command_does_not_create_a_missing_database(tmp_path):
    db = tmp_path / "none.db"
    out = subprocess.run([KEHU, "--db", str(db), "customer", "list"], capture_output=True,
                         text=True)
    assert out.returncode == 1 and "kehu init" in out.stderr, out.stderr
    assert not db.exists()
