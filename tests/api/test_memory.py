"""The server's memory stays bounded whatever the clients ask.

Every list query builds its SQL from the filters in the order given, so
distinct texts have no bound; the statement cache must not keep them all.
"""
import os
import random
import threading

import pytest

from conftest import Client

# Level-1 text fields of a customer: any user may filter by them.
TEXT_FIELDS = ["address", "region", "website", "main_business", "business_field",
               "technology", "history", "goals"]


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS for pid %d" % pid)


def distinct_filter_queries(n, seed):
    """n query strings, each a different subset and order of the text filters."""
    rng = random.Random(seed)
    seen = set()
    while len(seen) < n:
        fields = tuple(rng.sample(TEXT_FIELDS, rng.randint(3, len(TEXT_FIELDS))))
        seen.add(fields)
    return ["&".join(f"{f}=v{i}" for f in fields) for i, fields in enumerate(sorted(seen))]


def run_queries(server, token, queries, clients=4):
    failures = []

    def worker(chunk):
        c = Client(server.url, token=token)
        for q in chunk:
            r = c.get("/api/v1/customers?" + q)
            if r.status_code != 200:
                failures.append((q, r.status_code, r.text))

    threads = [threading.Thread(target=worker, args=(queries[i::clients],))
               for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures, failures[:3]


@pytest.fixture
def no_asan_quarantine(monkeypatch):
    """AddressSanitizer parks freed memory in a quarantine (256 MiB by default),
    which would count as the server's: the test measures live memory. Listed
    before the server fixture, so the server starts with it."""
    monkeypatch.setenv("ASAN_OPTIONS",
                       os.environ.get("ASAN_OPTIONS", "") + ":quarantine_size_mb=0")


def test_many_distinct_filter_combinations_keep_memory_bounded(no_asan_quarantine, server):
    token = server.token("admin")
    Client(server.url, token=token).ok("POST", "/api/v1/customers",
                                       {"name": "北京华信科技有限公司", "region": "北京"})
    queries = distinct_filter_queries(3000, seed=10)
    # Warm up: every worker thread has its connection and a full cache.
    run_queries(server, token, queries[:400])
    before = rss_mib(server.proc.pid)
    run_queries(server, token, queries[400:])
    grown = rss_mib(server.proc.pid) - before
    # Each cached statement of these lists is ~23 KiB: caching all 2,600 new
    # texts per connection grows the server by well over 100 MiB.
    assert grown < 40, f"the server grew by {grown:.0f} MiB over 2,600 list queries"
