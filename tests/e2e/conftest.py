"""Fixtures for end-to-end tests: the real kehu binary on a temporary database."""
import json
import os
import subprocess

import pytest

KEHU = os.environ.get("KEHU_BIN", os.path.join(os.path.dirname(__file__), "../../build/kehu"))


class Kehu:
    """Runs `kehu --db <tmp> ...` and keeps the last result."""

    def __init__(self, db):
        self.db = str(db)

    def run(self, *args, ok=True, env=None, input=None):
        full_env = dict(os.environ)
        full_env.setdefault("KEHU_TODAY", "2026-06-30")
        # Errors in English whatever the developer's locale; a test that
        # wants 中文 passes env={"LANG": "zh_CN.UTF-8"}.
        for var in ("LC_ALL", "LC_MESSAGES"):
            full_env.pop(var, None)
        full_env["LANG"] = "C.UTF-8"
        if env:
            full_env.update(env)
        proc = subprocess.run([KEHU, "--db", self.db, *map(str, args)], capture_output=True,
                              text=True, env=full_env, input=input, timeout=120)
        if ok and proc.returncode != 0:
            raise AssertionError(f"kehu {' '.join(map(str, args))} failed "
                                 f"({proc.returncode}): {proc.stderr}")
        return proc

    def json(self, *args):
        return json.loads(self.run(*args, "--json").stdout)

    def add(self, entity, **fields):
        args = [entity, "add"]
        for k, v in fields.items():
            args += ["--" + k.replace("_", "-"), v]
        return int(self.run(*args).stdout.strip())

    def fails(self, *args, field=None, code=1, env=None):
        proc = self.run(*args, ok=False, env=env)
        assert proc.returncode == code, (proc.returncode, proc.stdout, proc.stderr)
        assert proc.stderr.startswith("kehu: "), proc.stderr
        if field:
            assert field in proc.stderr, proc.stderr
        return proc.stderr

    def dump(self):
        """Every row of every table, to check that a failed command changed nothing."""
        import sqlite3
        con = sqlite3.connect(self.db)
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        out = {t: con.execute(f"SELECT * FROM {t}").fetchall() for t in tables}
        con.close()
        return out


@pytest.fixture
def kehu(tmp_path):
    k = Kehu(tmp_path / "test.db")
    k.run("init")
    return k
