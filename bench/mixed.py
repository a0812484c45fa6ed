#!/usr/bin/env python3
"""mixed.py: a mixed read/write load against a running kehu server.

C clients (default 64), each on its own keep-alive HTTP/1.1 connection, send
one request after another for D seconds: 80% reads (customer lists, orders and
activities lists, customer 360 views, phone lookups, searches) and 20% writes
(new activities, new orders, customer updates), each kind drawn by its weight.
Prints per kind and overall: requests, errors (non-2xx or a broken
connection), p50, p99 and max latency in ms.

Closed loop by default, as "C clients" means: a client sends its next request
when the answer came, so a stalled server also slows the load, and the
latencies leave out the wait a request would have had behind the stall
(coordinated omission). With --rate R the clients follow a fixed schedule of
R requests/s in all instead, and each latency counts from the request's
scheduled time, so stalls show in full.

usage: mixed.py URL TOKEN IDS_FILE NUMBERS_FILE [--clients C] [--seconds D]
                [--rate R] [--seed S] [--skip KIND,KIND]
--skip leaves kinds out of the mix (the others keep their weights), e.g. the
lists, to see the rest apart from them.
IDS_FILE: customer ids, one a line; NUMBERS_FILE: phone numbers, one a line.
"""
import argparse
import asyncio
import json
import random
import time
import urllib.parse

QUERIES = ["zhang", "wang", "li", "chen", "zs", "北京", "科技", "张", "5678", "0755"]
SEGMENTS = ["enterprise", "finance", "government", "education", "retail"]

# (kind, weight, is_write)
MIX = [
    ("customers", 12, False),        # first page with total
    ("customers_filtered", 6, False),
    ("orders", 5, False),
    ("activities", 5, False),
    ("view", 20, False),
    ("lookup", 20, False),
    ("search", 12, False),
    ("activity_create", 10, True),
    ("order_create", 5, True),
    ("customer_update", 5, True),
]


def request_for(kind, rnd, ids, numbers):
    cid = rnd.choice(ids)
    if kind == "customers":
        return "GET", "/api/v1/customers?per_page=20", None
    if kind == "customers_filtered":
        return "GET", "/api/v1/customers?segment=%s&sort=name" % rnd.choice(SEGMENTS), None
    if kind == "orders":
        return "GET", "/api/v1/orders?per_page=20", None
    if kind == "activities":
        return "GET", "/api/v1/activities?per_page=20", None
    if kind == "view":
        return "GET", "/api/v1/customers/%d/view" % cid, None
    if kind == "lookup":
        return "GET", "/api/v1/lookup?phone=" + urllib.parse.quote(rnd.choice(numbers)), None
    if kind == "search":
        return "GET", "/api/v1/search?q=" + urllib.parse.quote(rnd.choice(QUERIES)), None
    if kind == "activity_create":
        return "POST", "/api/v1/activities", {
            "customer": cid, "kind": rnd.choice(["call", "visit", "email"]),
            "date": "2026-11-%02d" % rnd.randint(1, 30), "status": "done",
            "subject": "mixed load %d" % rnd.randint(1, 10**6)}
    if kind == "order_create":
        return "POST", "/api/v1/orders", {
            "customer": cid, "date": "2026-11-%02d" % rnd.randint(1, 30),
            "amount": "%d.%02d" % (rnd.randint(100, 99999), rnd.randint(0, 99)),
            "status": "confirmed"}
    return "PATCH", "/api/v1/customers/%d" % cid, {
        "opinions": "mixed load note %d" % rnd.randint(1, 10**6)}


class Conn:
    def __init__(self, host, port, token):
        self.host, self.port, self.token = host, port, token
        self.reader = self.writer = None

    async def open(self):
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    async def send(self, method, path, body):
        if self.writer is None:
            await self.open()
        data = json.dumps(body).encode() if body is not None else b""
        head = ("%s %s HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\n"
                % (method, path, self.host, self.token))
        if body is not None:
            head += "Content-Type: application/json\r\nContent-Length: %d\r\n" % len(data)
        self.writer.write(head.encode() + b"\r\n" + data)
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("closed")
        status = int(status_line.split()[1])
        length, close = 0, False
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            k, _, v = line.decode("latin-1").partition(":")
            k = k.strip().lower()
            if k == "content-length":
                length = int(v)
            elif k == "connection" and "close" in v.lower():
                close = True
        if length:
            await self.reader.readexactly(length)
        if close:
            self.writer.close()
            self.writer = None
        return status

    def close(self):
        if self.writer:
            self.writer.close()


async def client(n, args, ids, numbers, results, deadline, start, interval):
    rnd = random.Random(args.seed * 1000 + n)
    kinds = [k for k, _, _ in MIX]
    weights = [w for _, w, _ in MIX]
    conn = Conn(args.host, args.port, args.token)
    i = 0
    while True:
        if interval:
            scheduled = start + (i * args.clients + n) * interval
            if scheduled >= deadline:
                break
            delay = scheduled - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
        else:
            scheduled = time.monotonic()
            if scheduled >= deadline:
                break
        i += 1
        kind = rnd.choices(kinds, weights)[0]
        method, path, body = request_for(kind, rnd, ids, numbers)
        ok = False
        try:
            status = await conn.send(method, path, body)
            ok = 200 <= status < 300
        except (ConnectionError, OSError, ValueError, asyncio.IncompleteReadError):
            conn.close()
            conn = Conn(args.host, args.port, args.token)
        results.append((kind, (time.monotonic() - scheduled) * 1000.0, ok))
    conn.close()


def pct(sorted_ms, p):
    if not sorted_ms:
        return float("nan")
    return sorted_ms[min(len(sorted_ms) - 1, int(len(sorted_ms) * p))]


def report(results, seconds):
    writes = {k for k, _, w in MIX if w}
    rows = [(k, [r for r in results if r[0] == k]) for k, _, _ in MIX]
    rows.append(("reads", [r for r in results if r[0] not in writes]))
    rows.append(("writes", [r for r in results if r[0] in writes]))
    rows.append(("overall", results))
    print("%-20s %8s %7s %9s %9s %9s" % ("kind", "requests", "errors", "p50 ms", "p99 ms", "max ms"))
    for name, rs in rows:
        ms = sorted(r[1] for r in rs)
        print("%-20s %8d %7d %9.1f %9.1f %9.1f" % (
            name, len(rs), sum(1 for r in rs if not r[2]), pct(ms, 0.5), pct(ms, 0.99),
            ms[-1] if ms else float("nan")))
    print("throughput %.0f requests/s" % (len(results) / seconds))


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("url")
    ap.add_argument("token")
    ap.add_argument("ids")
    ap.add_argument("numbers")
    ap.add_argument("--clients", type=int, default=64)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--rate", type=float, default=0)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--skip", default="")
    args = ap.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    unknown = skip - {k for k, _, _ in MIX}
    if unknown:
        ap.error("--skip: no kind %s" % ", ".join(sorted(unknown)))
    MIX[:] = [m for m in MIX if m[0] not in skip]
    u = urllib.parse.urlparse(args.url)
    args.host, args.port = u.hostname, u.port
    ids = [int(x) for x in open(args.ids).read().split()]
    numbers = [x for x in open(args.numbers).read().split("\n") if x]
    results = []
    start = time.monotonic()
    deadline = start + args.seconds
    interval = 1.0 / args.rate if args.rate else 0
    await asyncio.gather(*(client(n, args, ids, numbers, results, deadline, start, interval)
                           for n in range(args.clients)))
    report(results, time.monotonic() - start)


asyncio.run(main())
