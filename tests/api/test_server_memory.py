"""The server's memory at scale (issue 11, "Memory"): its page cache is a
budget shared out among the worker threads (--cache-mib), and it does not
memory-map the database, whose pages would otherwise count as its RSS
beside the page cache on a file many times larger than memory."""
import os

from conftest import Server, assert_error


def mapped_files(pid):
    with open(f"/proc/{pid}/maps") as f:
        return {line.split()[-1] for line in f if len(line.split()) >= 6}


def test_the_database_is_not_memory_mapped(tmp_path):
    s = Server(tmp_path)
    s.cli("demo", "--customers", "300", "--seed", "3")
    s.start()
    try:
        c = s.client("admin")
        for cid in range(1, 301, 7):
            c.ok("GET", f"/api/v1/customers/{cid}/view")
        c.ok("GET", "/api/v1/customers?per_page=100")
        assert os.path.realpath(s.db) not in mapped_files(s.proc.pid)
    finally:
        s.stop()


def test_the_page_cache_budget_is_shared_among_threads(tmp_path):
    s = Server(tmp_path)
    s.cli("init")
    s.start("--cache-mib", "40")
    try:
        # The fixture's four threads: 10 MiB each.
        assert "10 MiB page cache each" in s.log
    finally:
        s.stop()


def test_a_cache_budget_below_the_minimum_is_refused(tmp_path):
    s = Server(tmp_path)
    proc = s.cli("serve", "--port", "0", "--cache-mib", "1", ok=False)
    assert proc.returncode != 0
    assert "cache-mib" in proc.stderr
