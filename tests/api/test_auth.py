"""Login, sessions and CSRF, API tokens, the rate limit and the first-admin setup."""
import re
import sqlite3

from conftest import PASSWORD, Client, Server, assert_error


def test_requires_credentials(server):
    anon = Client(server.url)
    assert_error(anon.get("/api/v1/customers"), 401, "unauthenticated")
    assert_error(anon.get("/api/v1/me"), 401)
    bad = Client(server.url, token="kh_" + "0" * 64)
    assert_error(bad.get("/api/v1/customers"), 401)
    r = anon.get("/api/v1/customers", headers={"Authorization": "Basic YWRtaW46eA=="})
    assert_error(r, 401, field="Authorization")
    # public routes
    assert anon.get("/healthz").status_code == 200
    assert anon.get("/api/v1/openapi.json").status_code == 200


def test_login_cookie_csrf_logout(server):
    c = Client(server.url)
    r = c.login("admin")
    assert r.status_code == 200, r.text
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # plain HTTP on loopback unless --secure-cookies
    assert re.match(r"kehu_session=[0-9a-f]{64};", cookie)
    assert r.json()["user"]["login"] == "admin" and "password_hash" not in r.json()["user"]
    me = c.ok("GET", "/api/v1/me")
    assert me["login"] == "admin" and me["scope"] == "all" and me["via"] == "session"
    # a cookie write without the CSRF header is refused, and changes nothing
    assert_error(c.post("/api/v1/customers", {"name": "x"}), 403, "forbidden", "X-CSRF-Token")
    assert_error(c.post("/api/v1/customers", {"name": "x"}, headers={"X-CSRF-Token": "f" * 64}),
                 403)
    assert c.ok("GET", "/api/v1/customers")["total"] == 0
    h = {"X-CSRF-Token": c.csrf}
    c.ok("POST", "/api/v1/customers", {"name": "x"}, headers=h)
    # the session and the CSRF token are stored hashed only
    con = sqlite3.connect(server.db)
    row = con.execute("SELECT token_hash, csrf_hash FROM sessions").fetchone()
    con.close()
    session_value = cookie.split(";")[0].split("=")[1]
    assert session_value not in row and c.csrf not in row
    assert session_value not in server.log and c.csrf not in server.log
    # logout needs the header too, then the cookie is dead
    assert_error(c.post("/api/v1/logout"), 403)
    assert c.post("/api/v1/logout", headers=h).status_code == 204
    c.s.cookies.set("kehu_session", session_value)
    assert_error(c.get("/api/v1/me"), 401)


def test_wrong_password_same_answer(server):
    server.add_user("rep", "sales")
    c = Client(server.url)
    a = c.login("rep", "wrong password")
    b = c.login("nosuchuser", "wrong password")
    assert_error(a, 401, "unauthenticated")
    assert_error(b, 401, "unauthenticated")
    assert a.json() == b.json()
    assert_error(c.s.post(server.url + "/api/v1/login", json={"login": "rep"}), 400,
                 field="password")
    assert_error(c.s.post(server.url + "/api/v1/login", json={"login": "rep", "password": 1,
                                                              "x": 1}), 400, field="x")
    assert "wrong password" not in server.log


def test_tokens(server, admin):
    server.add_user("rep", "sales")
    rep = server.client("rep")
    me = rep.ok("GET", "/api/v1/me")
    assert me["login"] == "rep" and me["via"] == "token"
    # bearer writes need no CSRF header
    rep.ok("POST", "/api/v1/customers", {"name": "mine"})
    t = rep.ok("POST", "/api/v1/tokens", {"name": "phone system"})
    assert t["token"].startswith("kh_")
    assert Client(server.url, token=t["token"]).ok("GET", "/api/v1/me")["login"] == "rep"
    con = sqlite3.connect(server.db)
    hashes = [r[0] for r in con.execute("SELECT token_hash FROM api_tokens")]
    con.close()
    assert t["token"] not in hashes and t["token"] not in server.log
    # deleting the user revokes their tokens
    admin.ok("DELETE", f"/api/v1/users/{me['id']}")
    assert_error(rep.get("/api/v1/me"), 401)


def test_password_change_and_disable(server, admin):
    uid = server.add_user("rep", "sales")
    c = Client(server.url)
    assert c.login("rep").status_code == 200
    h = {"X-CSRF-Token": c.csrf}
    # a user may change their own password but not their role
    assert_error(c.patch(f"/api/v1/users/{uid}", {"role": "admin"}, headers=h), 403)
    c.ok("PATCH", f"/api/v1/users/{uid}", {"password": "a new password"}, headers=h)
    assert_error(c.get("/api/v1/me"), 401)  # sessions end on a new password
    assert Client(server.url).login("rep", "a new password").status_code == 200
    admin.ok("PATCH", f"/api/v1/users/{uid}", {"active": False})
    assert_error(Client(server.url).login("rep", "a new password"), 401)


def test_login_rate_limit(tmp_path):
    s = Server(tmp_path, "ratelimit")
    s.cli("init")
    s.add_user("victim", "sales")
    s.start()
    try:
        c = Client(s.url)
        for _ in range(5):
            assert_error(c.login("victim", "guess guess"), 401)
        r = c.login("victim", PASSWORD)  # even the right password waits now
        assert_error(r, 429, "rate_limited")
        assert 1 <= int(r.headers["Retry-After"]) <= 5
        # per account and address: another account from the same address is not held up
        assert_error(c.login("someone", "guess guess"), 401)
    finally:
        s.stop()


def test_setup_token_flow(tmp_path):
    s = Server(tmp_path, "setup")
    s.start()
    try:
        m = re.search(r"setup token: (setup_[0-9a-f]{64})", s.log)
        assert m, s.log
        token = m.group(1)
        c = Client(s.url)
        assert_error(c.post("/api/v1/setup", {"token": "setup_" + "0" * 64, "login": "root",
                                              "password": "a long password"}), 401)
        assert_error(c.post("/api/v1/setup", {"token": token, "login": "root",
                                              "password": "short"}), 400, field="password")
        r = c.post("/api/v1/setup", {"token": token, "login": "root",
                                     "password": "a long password"})
        assert r.status_code == 201, r.text
        assert r.json()["role"] == "admin"
        # used up
        assert_error(c.post("/api/v1/setup", {"token": token, "login": "root2",
                                              "password": "a long password"}), 409)
        assert c.login("root", "a long password").status_code == 200
        con = sqlite3.connect(s.db)
        assert con.execute("SELECT count(*) FROM setup_tokens").fetchone()[0] == 0
        con.close()
    finally:
        s.stop()
    # a database with users prints no token
    s2 = Server(tmp_path, "setup")
    s2.logpath = str(tmp_path / "setup2.log")
    s2.start()
    try:
        assert "setup token" not in s2.log
    finally:
        s2.stop()


def test_access_log_has_no_secrets(server, admin):
    admin.get("/api/v1/customers?password=hunter2&token=abc")
    c = Client(server.url)
    c.login("admin")
    log = server.log
    assert "GET /api/v1/customers 400" in log and " admin" in log
    assert "hunter2" not in log and "Bearer" not in log and "kh_" not in log
    assert PASSWORD not in log and "kehu_session" not in log


def test_cli_passwd_resets_password_and_sessions(server):
    server.add_user("li", "sales", team="华东")
    c = Client(server.url)
    assert c.login("li").status_code == 200
    assert c.get("/api/v1/me").status_code == 200
    server.cli("user", "passwd", "li", input="a new secret 2\n")
    # the old session ended with the old password
    assert c.get("/api/v1/me").status_code == 401
    assert Client(server.url).login("li").status_code == 401
    assert Client(server.url).login("li", "a new secret 2").status_code == 200
    # a too short password or an unknown login changes nothing
    bad = server.cli("user", "passwd", "li", input="short\n", ok=False)
    assert bad.returncode != 0 and "8 characters" in bad.stderr
    bad = server.cli("user", "passwd", "nobody", input="another secret 3\n", ok=False)
    assert bad.returncode != 0 and "nobody" in bad.stderr
    assert Client(server.url).login("li", "a new secret 2").status_code == 200


def test_secure_cookies_behind_https(tmp_path):
    s = Server(tmp_path, "secure")
    s.cli("init")
    s.add_user("admin", "admin")
    s.start("--secure-cookies")
    try:
        c = Client(s.url)
        r = c.login("admin")
        assert r.status_code == 200
        assert r.headers["Set-Cookie"].endswith("; Secure"), r.headers["Set-Cookie"]
    finally:
        s.stop()
