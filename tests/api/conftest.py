"""Fixtures for API tests: the real `kehu serve` on a free port with a temporary database.

Users are created through the CLI with their passwords on stdin, as an operator would;
requests go through `requests` exactly as any client's would.
"""
import os
import re
import signal
import subprocess
import time

import pytest
import requests

KEHU = os.environ.get("KEHU_BIN", os.path.join(os.path.dirname(__file__), "../../build/kehu"))
PASSWORD = "correct horse 1"


class Server:
    """One `kehu serve` process; .url is its base URL, .log its stderr so far."""

    def __init__(self, tmp_path, name="api"):
        self.db = str(tmp_path / f"{name}.db")
        self.logpath = str(tmp_path / f"{name}.log")
        self.proc = None
        self.url = None

    def cli(self, *args, input=None, ok=True):
        proc = subprocess.run([KEHU, "--db", self.db, *map(str, args)], capture_output=True,
                              text=True, input=input, timeout=60)
        if ok and proc.returncode != 0:
            raise AssertionError(f"kehu {' '.join(map(str, args))}: {proc.stderr}")
        return proc

    def start(self, *extra):
        self.logfile = open(self.logpath, "w")
        self.proc = subprocess.Popen([KEHU, "--db", self.db, "serve", "--port", "0",
                                      "--threads", "4", *extra],
                                     stdout=subprocess.DEVNULL, stderr=self.logfile)
        deadline = time.time() + 20
        while time.time() < deadline:
            m = re.search(r"listening on (http://\S+)", self.log)
            if m:
                self.url = m.group(1)
                return self
            if self.proc.poll() is not None:
                raise AssertionError("kehu serve exited: " + self.log)
            time.sleep(0.05)
        raise AssertionError("kehu serve did not start: " + self.log)

    @property
    def log(self):
        with open(self.logpath) as f:
            return f.read()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc:
            self.logfile.close()
            # a sanitizer build reports here: any report fails the test
            assert "Sanitizer" not in self.log and "runtime error" not in self.log, self.log

    # --- accounts through the CLI ---
    def add_user(self, login, role, team=None, password=PASSWORD, name=None):
        args = ["user", "add", login, "--role", role]
        if team:
            args += ["--team", team]
        if name:
            args += ["--name", name]
        return int(self.cli(*args, input=password + "\n").stdout.strip())

    def add_company(self):
        """The company most permission tests share: 总部 (admin, mgr_hq) above 华东 and
        华西. Returns {login: user id}."""
        self.cli("init")
        ids = {"admin": self.add_user("admin", "admin", team="总部"),
               "mgr_hq": self.add_user("mgr_hq", "manager", team="总部")}
        self.cli("team", "add", "华东", "--parent", "总部")
        self.cli("team", "add", "华西", "--parent", "总部")
        return ids

    def token(self, login):
        return self.cli("token", "create", login).stdout.strip()

    def client(self, login):
        return Client(self.url, token=self.token(login))


class Client:
    """requests with the base URL and a bearer token (or a cookie session)."""

    def __init__(self, url, token=None):
        self.url = url
        self.s = requests.Session()
        self.csrf = None
        if token:
            self.s.headers["Authorization"] = "Bearer " + token

    def login(self, login, password=PASSWORD):
        r = self.s.post(self.url + "/api/v1/login", json={"login": login, "password": password})
        if r.status_code == 200:
            self.csrf = r.json()["csrf_token"]
        return r

    def req(self, method, path, **kw):
        return self.s.request(method, self.url + path, timeout=30, **kw)

    def get(self, path, **kw):
        return self.req("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.req("POST", path, json=body, **kw)

    def patch(self, path, body=None, **kw):
        return self.req("PATCH", path, json=body, **kw)

    def delete(self, path, **kw):
        return self.req("DELETE", path, **kw)

    def ok(self, method, path, body=None, status=None, **kw):
        r = self.req(method, path, json=body, **kw)
        want = status or {"POST": 201, "DELETE": 204}.get(method, 200)
        assert r.status_code == want, (method, path, r.status_code, r.text)
        return r.json() if r.content else None


def share(cl, customer_id, user_id, access="read"):
    """cl shares customer_id with user_id."""
    return cl.ok("POST", f"/api/v1/customers/{customer_id}/share",
                 {"user": user_id, "access": access}, status=200)


def assert_error(r, status, code=None, field=None):
    assert r.status_code == status, (r.status_code, r.text)
    body = r.json()
    assert set(body) == {"error"}, body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    if code:
        assert body["error"]["code"] == code, body
    if field:
        assert body["error"].get("field") == field, body
    return body["error"]


@pytest.fixture
def server(tmp_path):
    """A fresh server with one admin (login "admin")."""
    s = Server(tmp_path)
    s.cli("init")
    s.add_user("admin", "admin", team="总部")
    s.start()
    yield s
    s.stop()


@pytest.fixture
def admin(server):
    return server.client("admin")
