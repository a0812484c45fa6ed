"""Slow senders are cut off: a request's headers must arrive within a deadline however
steadily they trickle in, one address may hold only so many connections, and a thousand
slow connections do not stop anyone else."""
import http.client
import resource
import select
import socket
import threading
import time
from urllib.parse import urlparse

import pytest

from conftest import Server

PER_ADDRESS = 128  # KH_HTTP_CONNECTIONS_PER_ADDRESS
PARTIAL = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: "


@pytest.fixture(autouse=True)
def enough_descriptors():
    """A thousand client sockets here and as many in the server (which inherits this)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = 8192 if hard == resource.RLIM_INFINITY else min(hard, 8192)
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    yield
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


class Trickle:
    """Slow connections that each send one more header byte every second."""

    def __init__(self, url):
        u = urlparse(url)
        self.target = (u.hostname, u.port)
        self.open = []
        self.closed = 0
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def connect(self, source, n):
        for _ in range(n):
            s = socket.socket()
            s.bind((source, 0))
            s.connect(self.target)
            s.setblocking(False)
            try:
                s.send(PARTIAL)
            except OSError:
                pass
            with self.lock:
                self.open.append(s)

    def reap(self):
        """Count and drop the connections the server has closed."""
        with self.lock:
            readable = []
            for i in range(0, len(self.open), 500):
                readable += select.select(self.open[i:i + 500], [], [], 0)[0]
            for s in readable:
                try:
                    gone = s.recv(4096) == b""
                except OSError:
                    gone = True
                if gone:
                    self.open.remove(s)
                    s.close()
                    self.closed += 1
            return len(self.open)

    def run(self):
        while not self.stop.wait(1):
            self.reap()
            with self.lock:
                for s in self.open:
                    try:
                        s.send(b"a")
                    except OSError:
                        pass

    def start(self):
        self.thread.start()
        return self

    def close(self):
        self.stop.set()
        if self.thread.is_alive():
            self.thread.join()
        for s in self.open:
            s.close()


def healthz_from(url, source, give_up_after):
    """GET /healthz from source; connection errors are retried until give_up_after s."""
    u = urlparse(url)
    deadline = time.monotonic() + give_up_after
    while True:
        con = http.client.HTTPConnection(u.hostname, u.port, timeout=give_up_after,
                                         source_address=(source, 0))
        try:
            con.request("GET", "/healthz")
            return con.getresponse().status
        except (ConnectionError, socket.timeout, http.client.HTTPException):
            if time.monotonic() > deadline:
                return None
            time.sleep(0.5)
        finally:
            con.close()


def test_a_thousand_slow_senders_do_not_stop_others(server):
    # ten addresses with 100 connections each: under the per-address cap, but together
    # all 1000 connections the server takes; only the header deadline frees them
    t = Trickle(server.url)
    try:
        for i in range(10):
            t.connect(f"127.0.0.{10 + i}", 100)
        t.start()
        assert healthz_from(server.url, "127.0.0.2", 45) == 200
        for _ in range(30):
            if t.reap() == 0:
                break
            time.sleep(1)
        assert t.reap() == 0 and t.closed == 1000, (len(t.open), t.closed)
    finally:
        t.close()
    assert "sent their request too slowly" in server.log


def test_one_address_holds_at_most_its_share(server):
    t = Trickle(server.url)
    try:
        t.connect("127.0.0.30", 300)
        for _ in range(20):
            if t.reap() <= PER_ADDRESS:
                break
            time.sleep(0.25)
        assert t.reap() <= PER_ADDRESS, len(t.open)
        # anyone else is served at once
        assert healthz_from(server.url, "127.0.0.31", 10) == 200
    finally:
        t.close()


def test_a_trusted_proxy_is_not_capped(tmp_path):
    s = Server(tmp_path, "proxy")
    s.cli("init")
    s.start("--trusted-proxy", "127.0.0.40")
    t = Trickle(s.url)
    try:
        t.connect("127.0.0.40", 200)
        time.sleep(1)
        assert t.reap() > PER_ADDRESS, t.closed
    finally:
        t.close()
        s.stop()


def test_a_busy_keep_alive_connection_stays(server):
    # each answer starts a new header deadline: a client that keeps asking keeps its
    # connection for longer than one deadline
    u = urlparse(server.url)
    con = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    try:
        ports = set()
        for _ in range(4):
            con.request("GET", "/healthz")
            r = con.getresponse()
            r.read()
            assert r.status == 200
            ports.add(con.sock.getsockname()[1])
            time.sleep(4)
        assert len(ports) == 1
    finally:
        con.close()
