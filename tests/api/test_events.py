"""The server-sent event stream (GET /api/v1/events, issue 14): the first `todos` event
holds the caller's counts, a write that changes them pushes new ones, streams hold no
worker thread (50 open with a pool of 4 and a request still answers), cookie or token
auth, and a clean stop with streams open."""
import datetime
import json
import socket

from conftest import assert_error

TODAY = datetime.datetime.now(datetime.timezone.utc).date().isoformat()


class Stream:
    """One event stream read over a raw socket (chunked HTTP/1.1), as a browser would."""

    def __init__(self, url, token=None, cookie=None):
        host, port = url.split("//")[1].split(":")
        self.sock = socket.create_connection((host, int(port)), timeout=30)
        auth = f"Authorization: Bearer {token}\r\n" if token else ""
        if cookie:
            auth += f"Cookie: {cookie}\r\n"
        self.sock.sendall(f"GET /api/v1/events HTTP/1.1\r\nHost: x\r\n{auth}"
                          "Accept: text/event-stream\r\n\r\n".encode())
        self.buf = b""
        head = self._until(b"\r\n\r\n")
        self.status = int(head.split(b" ")[1])
        self.headers = head.decode()
        self.text = ""

    def _until(self, sep):
        while sep not in self.buf:
            data = self.sock.recv(65536)
            if not data:
                raise EOFError(self.buf)
            self.buf += data
        head, self.buf = self.buf.split(sep, 1)
        return head

    def _chunk(self):
        size = int(self._until(b"\r\n").split(b";")[0], 16)
        if size == 0:
            raise EOFError("end of stream")
        while len(self.buf) < size + 2:
            data = self.sock.recv(65536)
            if not data:
                raise EOFError(self.buf)
            self.buf += data
        self.text += self.buf[:size].decode()
        self.buf = self.buf[size + 2:]

    def event(self, name="todos"):
        """The data of the next event called name (comments and others skipped)."""
        while True:
            while "\n\n" not in self.text:
                self._chunk()
            block, self.text = self.text.split("\n\n", 1)
            fields = dict(line.split(": ", 1) for line in block.split("\n")
                          if ": " in line and not line.startswith(":"))
            if fields.get("event") == name:
                return json.loads(fields["data"])

    def ended(self):
        """True when the server ends the stream (the last chunk, or the socket closes)."""
        try:
            while True:
                self._chunk()
        except (EOFError, ConnectionError):
            return True

    def close(self):
        self.sock.close()


def due_customer(cl, name="跟进客户"):
    cid = cl.ok("POST", "/api/v1/customers", {"name": name})["id"]
    cl.ok("POST", "/api/v1/activities", {"customer": cid, "kind": "call", "date": TODAY,
                                         "status": "done", "subject": "电话",
                                         "next_date": TODAY})
    return cid


def test_first_event_then_a_push_after_a_write(server, admin):
    s = Stream(server.url, token=server.token("admin"))
    assert s.status == 200 and "text/event-stream" in s.headers
    first = s.event()
    assert first["followups_due"] == 0 and first["total"] == 0
    assert set(first) >= {"followups_due", "dates_upcoming", "total"}
    cid = due_customer(admin)
    pushed = s.event()
    assert pushed["followups_due"] == 1 and pushed["total"] >= 1
    # marking it done pushes the count back down
    admin.ok("POST", "/api/v1/todos/done", {"kind": "followups_due", "id": f"customer:{cid}"},
             status=200)
    assert s.event()["followups_due"] == 0
    s.close()


def test_each_user_gets_their_own_counts(server, admin):
    server.add_user("rep", "sales")
    rep = server.client("rep")
    mine, theirs = Stream(server.url, token=server.token("rep")), Stream(
        server.url, token=server.token("admin"))
    assert mine.event()["total"] == 0 and theirs.event()["total"] == 0
    due_customer(rep, "代表的客户")
    assert mine.event()["followups_due"] == 1
    assert theirs.event()["followups_due"] == 1  # the admin sees everybody's
    due_customer(admin, "管理员的客户")
    assert theirs.event()["followups_due"] == 2
    # the rep's counts did not move: the next thing the rep hears is their own change
    due_customer(rep, "代表的第二个客户")
    assert mine.event()["followups_due"] == 2
    mine.close()
    theirs.close()


def test_streams_hold_no_worker_thread(server, admin):
    """50 open streams, a pool of 4 workers (conftest's --threads 4): requests still
    answer, and every stream still gets its push."""
    token = server.token("admin")
    streams = [Stream(server.url, token=token) for _ in range(50)]
    for st in streams:
        assert st.event()["total"] == 0
    assert admin.ok("GET", "/api/v1/me")["login"] == "admin"
    assert admin.ok("GET", "/api/v1/todos")["counts"]["total"] == 0
    due_customer(admin)
    for st in streams:
        assert st.event()["followups_due"] == 1
    for st in streams:
        st.close()
    assert admin.ok("GET", "/api/v1/me")["login"] == "admin"


def test_a_session_cookie_is_enough(server, admin):
    from conftest import Client
    browser = Client(server.url)
    assert browser.login("admin").status_code == 200
    cookie = "; ".join(f"{k}={v}" for k, v in browser.s.cookies.items())
    s = Stream(server.url, cookie=cookie)
    assert s.status == 200 and s.event()["total"] == 0
    s.close()
    anon = Stream(server.url)
    assert anon.status == 401
    anon.close()
    assert_error(admin.get("/api/v1/events?x=1"), 400, "invalid", "x")


def test_a_stop_ends_open_streams(server, admin):
    streams = [Stream(server.url, token=server.token("admin")) for _ in range(3)]
    for st in streams:
        st.event()
    server.stop()
    assert server.proc.returncode == 0, server.log
    assert "stopped" in server.log
    for st in streams:
        assert st.ended()
