#!/usr/bin/python3
"""A campaign to every contact with an address of a demo database, sent by `kehu serve` to a
real SMTP server on loopback (aiosmtpd, in this process), side by side with the bare SMTP path
(`kehu mail test --count 100`: one connection, no queue, no rendering) as its baseline.

Prints, per run: the time to resolve and queue the audience (POST /send), messages per second
delivered to the SMTP server (count / time from the first to the last), the server's peak and
median RSS while sending (sampled every 0.2 s), and the baseline's messages per second; then
the medians over RUNS.

usage: bench/campaign.py DB [RUNS]   (DB is copied per run; see bench/campaign.sh)
"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import socket

import requests
from aiosmtpd.controller import Controller

BIN = os.environ.get("BIN", "build/kehu")


class Sink:
    """Accepts every message and notes when each arrived."""

    def __init__(self):
        self.times = []

    async def handle_DATA(self, server, session, envelope):
        self.times.append(time.monotonic())
        return "250 OK"


def kehu(db, *args, env=None, stdin=None):
    return subprocess.run([BIN, "--db", db, *map(str, args)], check=True, capture_output=True,
                          text=True, env=env, input=stdin)


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))


def one_run(src, port, sink, work):
    db = os.path.join(work, "campaign.db")
    shutil.copy(src, db)
    env = dict(os.environ, KEHU_REMIND="0", KEHU_PUBLIC_URL="http://crm.example.test",
               KEHU_CAMPAIGN_POLL_MS="200")
    for key, value in (("mail.smtp_url", f"smtp://127.0.0.1:{port}"),
                       ("mail.from", "crm@example.com"), ("mail.starttls", "none"),
                       ("campaign.rate_per_second", "0"), ("campaign.cap_per_contact", "0"),
                       ("campaign.cap_per_company", "0")):
        kehu(db, "settings", "set", key, value, env=env)
    log = open(os.path.join(work, "serve.log"), "w")
    proc = subprocess.Popen([BIN, "--db", db, "serve", "--port", "0", "--threads", "2"],
                            stdout=subprocess.DEVNULL, stderr=log, env=env)
    try:
        url = None
        for _ in range(600):
            m = re.search(r"listening on (http://\S+)", open(log.name).read())
            if m:
                url = m.group(1)
                break
            time.sleep(0.1)
        assert url, open(log.name).read()
        token = kehu(db, "token", "create", "admin", env=env).stdout.strip()
        s = requests.Session()
        s.headers["Authorization"] = "Bearer " + token
        c = s.post(url + "/api/v1/campaigns", json={
            "name": "基准测试", "audience": {"list": "customers"},
            "subject": "{{salutation}}，年底回馈",
            "body_text": "{{salutation}}您好：\n{{customer.name}}的年底回馈。\n{{owner.name}}",
            "body_html": "<p>{{salutation}}您好：</p><p>{{customer.name}}的"
                         "<a href=\"https://shop.example.com/offer\">年底回馈</a>。</p>"
                         "<p>{{owner.name}}</p>"}).json()
        sink.times.clear()
        t0 = time.monotonic()
        sent = s.post(url + f"/api/v1/campaigns/{c['id']}/send", json={}).json()
        queue_s = time.monotonic() - t0
        queued = sent["counts"]["queued"] + sent["counts"]["sending"] + sent["counts"]["sent"]
        samples = []
        stop = threading.Event()

        def sample():
            while not stop.is_set():
                samples.append(rss_kib(proc.pid))
                time.sleep(0.2)

        sampler = threading.Thread(target=sample)
        sampler.start()
        while True:
            got = s.get(url + f"/api/v1/campaigns/{c['id']}").json()
            if got["status"] == "sent":
                break
            time.sleep(0.5)
        stop.set()
        sampler.join()
        n = len(sink.times)
        rate = (n - 1) / (sink.times[-1] - sink.times[0]) if n > 1 else 0.0
        return {"queued": queued, "delivered": n, "queue_s": queue_s, "rate": rate,
                "rss_peak_mib": max(samples) / 1024, "rss_median_mib":
                statistics.median(samples) / 1024, "left_out": got["left_out"]}
    finally:
        proc.terminate()
        proc.wait(timeout=60)
        log.close()


def baseline(src, port, sink, work, rounds=10):
    """The median over rounds of `kehu mail test --count 100` (its most) of the rate within
    the round: the same libcurl session path, without the queue and the rendering."""
    db = os.path.join(work, "probe.db")
    shutil.copy(src, db)
    for key, value in (("mail.smtp_url", f"smtp://127.0.0.1:{port}"),
                       ("mail.from", "crm@example.com"), ("mail.starttls", "none")):
        kehu(db, "settings", "set", key, value)
    rates = []
    for _ in range(rounds):
        sink.times.clear()
        kehu(db, "mail", "test", "--to", "probe@example.com", "--count", 100)
        n = len(sink.times)
        rates.append((n - 1) / (sink.times[-1] - sink.times[0]))
    return statistics.median(rates)


def main():
    src, runs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1
    sink = Sink()
    with socket.socket() as probe:  # a free port: aiosmtpd checks the one it is given
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    ctl = Controller(sink, hostname="127.0.0.1", port=port)
    ctl.start()
    results, base = [], []
    with tempfile.TemporaryDirectory(dir=os.environ.get("TMPDIR", "/tmp")) as work:
        for i in range(runs):
            r = one_run(src, port, sink, work)
            b = baseline(src, port, sink, work)
            results.append(r)
            base.append(b)
            print(f"run {i + 1}: {r['delivered']} of {r['queued']} queued delivered; queued in "
                  f"{r['queue_s']:.1f} s; {r['rate']:.0f} msg/s; RSS peak "
                  f"{r['rss_peak_mib']:.0f} MiB, median {r['rss_median_mib']:.0f} MiB; "
                  f"baseline (kehu mail test, 100 over one connection) {b:.0f} msg/s; "
                  f"left out {r['left_out']}", flush=True)
    ctl.stop()
    med = lambda k: statistics.median(r[k] for r in results)
    print(f"median of {runs}: campaign {med('rate'):.0f} msg/s ({med('rate') * 60:.0f}/min), "
          f"queueing {med('queue_s'):.1f} s, RSS peak {med('rss_peak_mib'):.0f} MiB; "
          f"baseline {statistics.median(base):.0f} msg/s")


if __name__ == "__main__":
    main()
